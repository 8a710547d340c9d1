// The refund-tracker command line run in this process (buildProgram), with its own environment and its
// standard output and error captured: no build of dist/ needed, and no child-process timeout for long runs.
import { vi } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { RefundTrackerError } from '../../src/errors.js';

export interface InProcessRun {
  /** 0, or 2 when the command threw (as the real entry point exits). */
  code: number;
  stdout: string;
  stderr: string;
  /** What the command threw, if it did. */
  error: unknown;
}

/**
 * Runs `args` (e.g. `['import', 'x.mbox']`) with `env` set on top of the process's environment for the
 * duration. One command at a time: standard output and error are the process's own.
 */
export async function runInProcess(args: string[], env: Record<string, string>): Promise<InProcessRun> {
  const saved = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  const capture = (add: (text: string) => void) => (chunk: unknown) => {
    add(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture((t) => (stdout += t)) as never);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture((t) => (stderr += t)) as never);
  try {
    await (await buildProgram(args)).parseAsync(args, { from: 'user' });
    return { code: 0, stdout, stderr, error: undefined };
  } catch (error) {
    stderr += `refund-tracker: ${error instanceof RefundTrackerError ? error.message : String(error)}\n`;
    return { code: 2, stdout, stderr, error };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
