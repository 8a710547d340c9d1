// The built refund-tracker binary in a child process, as a user runs it.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * `npm test` builds dist/ first. REFUND_TRACKER_CLI names another build's cli.js (a private
 * `tsc --outDir`), so a change can be tested without rebuilding the dist/ others use.
 */
export const CLI = process.env.REFUND_TRACKER_CLI
  ? resolve(process.env.REFUND_TRACKER_CLI)
  : join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');

export interface CliRun {
  /** Exit status; -1 when the process was killed (it hung past the timeout). */
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with exactly these variables (plus PATH): nothing leaks in from the test's environment. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  options: { cwd?: string } = {},
): Promise<CliRun> {
  return runNode([CLI, ...args], env, options);
}

/** Runs node with these arguments (a script and its own, or flags first) as runCli runs the CLI. */
export async function runNode(
  nodeArgs: string[],
  env: Record<string, string> = {},
  options: { cwd?: string } = {},
): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, nodeArgs, {
      env: { PATH: process.env.PATH ?? '', ...env },
      cwd: options.cwd ?? join(import.meta.dirname, '..'), // test/: no .env file here
      timeout: 30_000, // a command that hangs fails the test instead of the run
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string; killed?: boolean };
    return { code: e.killed ? -1 : (e.code ?? -1), stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
