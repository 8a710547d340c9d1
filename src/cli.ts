#!/usr/bin/env node
// The entry point: the commands themselves are in src/cli/, one file per command group (program.ts).
import { buildProgram } from './cli/program.js';
import { loadDotEnv } from './config.js';
import { RefundTrackerError } from './errors.js';

export { buildProgram };

async function main(): Promise<void> {
  loadDotEnv();
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (err) {
    // Typed errors carry a message meant for the user; anything else is a bug worth its stack.
    if (err instanceof RefundTrackerError) process.stderr.write(`refund-tracker: ${err.message}\n`);
    else process.stderr.write(`refund-tracker: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 2;
  }
}

await main();
