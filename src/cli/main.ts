// The command line as src/cli.ts runs it: the commands themselves are one file per command group
// (program.ts). Also the entry of the packaged `analyze` (packaged-cli.ts), so it imports nothing that
// command does not use.
import { existsSync } from 'node:fs';
import { exitCodeOf, RefundTrackerError } from '../errors.js';
import { buildProgram } from './program.js';

/**
 * Output survives a closed pipe: `refund-tracker cases list | head -1` ends quietly (status 0) when the
 * reader has gone, instead of an unhandled EPIPE.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

/** One line for the user: typed errors carry their message; a system error (ENOENT, EACCES…) its own. */
function oneLine(err: unknown): string {
  if (err instanceof RefundTrackerError) return err.message;
  const sys = err as NodeJS.ErrnoException;
  if (typeof sys?.code === 'string' && typeof sys.syscall === 'string') return sys.message;
  // Anything else is a bug worth its stack.
  return `unexpected error: ${(err as Error)?.stack ?? String(err)}`;
}

/**
 * Reads `.env` and checks LOG_LEVEL, loading the configuration module (and zod with it) only when
 * there is something to read or check: `analyze` with neither runs without it.
 */
async function checkEnvironment(): Promise<void> {
  const logLevel = process.env.LOG_LEVEL;
  const dotEnv = existsSync('.env');
  if (!dotEnv && (logLevel === undefined || logLevel === '')) return;
  const { loadDotEnv, loadLogLevel } = await import('../config.js');
  if (dotEnv) loadDotEnv();
  loadLogLevel();
}

/** Runs the command `argv` names (`process.argv`: node, the script, then the user's arguments). */
export async function runCli(argv: readonly string[]): Promise<void> {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  try {
    await checkEnvironment();
    const program = await buildProgram(argv.slice(2));
    await program.parseAsync([...argv]);
  } catch (err) {
    process.stderr.write(`refund-tracker: ${oneLine(err)}\n`);
    process.exitCode = exitCodeOf(err);
  }
}
