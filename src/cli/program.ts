import { Command, InvalidArgumentError } from 'commander';
import { loadAllowedForwarders, loadMongoConfig } from '../config.js';
import { openStore, type Store } from '../models/store.js';
import { registerAnalyzeCommand } from './analyze-command.js';
import { registerCasesCommands } from './cases-commands.js';
import { registerDigestCommands } from './digest-commands.js';
import { registerImportCommand } from './import-command.js';
import { registerQuarantineCommands } from './quarantine-commands.js';
import { registerReanalyzeCommand } from './reanalyze-command.js';
import { registerWorkerCommand } from './worker-command.js';

/**
 * The `refund-tracker` command line: one file per command group, each adding its commands to the
 * program with `register…(program)`; the helpers they share are here.
 */
export function buildProgram(): Command {
  const program = new Command('refund-tracker')
    .description('Keeps an exact record of refund cases and support conversations, fed by forwarded email.')
    .showHelpAfterError();
  registerWorkerCommand(program);
  registerAnalyzeCommand(program);
  registerCasesCommands(program);
  registerDigestCommands(program);
  registerQuarantineCommands(program);
  registerImportCommand(program);
  registerReanalyzeCommand(program);
  return program;
}

/** Runs `run` with a store opened from MONGODB_URI, closed afterwards whatever happens. */
export async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(loadMongoConfig());
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

export function parseDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('must be a date as YYYY-MM-DD');
  return value;
}

/** Owners to report on: the one asked for, or every allowed forwarder. */
export function ownersFrom(option: string | undefined): string[] {
  if (option) return [option.toLowerCase()];
  return loadAllowedForwarders();
}

/** A parser for an option whose value must be one of `allowed`. */
export function oneOf<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`must be one of ${allowed.join(', ')}`);
    }
    return value as T;
  };
}

/**
 * JSON for standard output: JSON.stringify already escapes C0 controls; the C1 range (U+007F-U+009F,
 * which holds the 8-bit CSI) is escaped too, so mail text cannot drive a terminal. Lossless: parsing
 * gives back the exact strings. Dates become ISO 8601 strings; `indent` as JSON.stringify's.
 */
export function terminalSafeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
