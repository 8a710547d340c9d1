#!/usr/bin/env node
// The entry point: the commands themselves are in src/cli/, one file per command group (program.ts).
import { buildProgram } from './cli/program.js';
import { loadDotEnv, loadLogLevel } from './config.js';
import { exitCodeOf, RefundTrackerError } from './errors.js';

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

async function main(): Promise<void> {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  try {
    loadDotEnv();
    loadLogLevel();
    const program = await buildProgram(process.argv.slice(2));
    await program.parseAsync(process.argv);
  } catch (err) {
    process.stderr.write(`refund-tracker: ${oneLine(err)}\n`);
    process.exitCode = exitCodeOf(err);
  }
}

await main();
