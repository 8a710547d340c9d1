import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import type { OpenStoreOptions, Store } from '../models/store.js';
import { commandNamed } from './command-named.js';

type Register = (program: Command) => void;

/**
 * Nothing here imports the configuration (zod) or a store: `analyze` needs neither, and the
 * commands that do load them themselves.
 *
 * The top-level commands, each with the one-line summary `--help` lists and the module that defines it.
 * Only the module of the command being run is loaded (BullMQ, mongoose and imapflow cost a second of CPU
 * together): the others are listed by name and summary only.
 */
const COMMANDS: ReadonlyArray<{ name: string; summary: string; load: () => Promise<Register> }> = [
  {
    name: 'worker',
    summary: 'Run the service: IMAP poller, message worker, digest scheduler.',
    load: async () => (await import('./worker-command.js')).registerWorkerCommand,
  },
  {
    name: 'analyze',
    summary: 'Analyze .eml files offline and print the findings.',
    load: async () => (await import('./analyze-command.js')).registerAnalyzeCommand,
  },
  {
    name: 'cases',
    summary: 'List, show and export cases; record your own changes; draft a follow-up.',
    load: async () => (await import('./cases-commands.js')).registerCasesCommands,
  },
  {
    name: 'digest',
    summary: 'The daily digest email: preview or send.',
    load: async () => (await import('./digest-commands.js')).registerDigestCommands,
  },
  {
    name: 'quarantine',
    summary: 'Mail the worker set aside: list, show, retry or discard it.',
    load: async () => (await import('./quarantine-commands.js')).registerQuarantineCommands,
  },
  {
    name: 'import',
    summary: 'Log the refund mail you already have (mbox, Maildir, .eml files, an IMAP folder).',
    load: async () => (await import('./import-command.js')).registerImportCommand,
  },
  {
    name: 'reanalyze',
    summary: 'Analyse the logged messages again with the current rules and print what changes.',
    load: async () => (await import('./reanalyze-command.js')).registerReanalyzeCommand,
  },
  {
    name: 'auth',
    summary: 'Get an OAuth2 refresh token for the mailbox (device-code sign-in).',
    load: async () => (await import('./auth-command.js')).registerAuthCommand,
  },
];

/** The package version, from package.json next to dist/ (or src/ when run from source). */
function packageVersion(): string {
  for (const up of ['../../..', '../..']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(`${up}/package.json`, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'refund-tracker' && pkg.version) return pkg.version;
    } catch {
      // not at this level
    }
  }
  return 'unknown';
}

/**
 * The `refund-tracker` command line: one file per command group, each adding its commands to the
 * program with `register…(program)`; the helpers they share are here. `args` are the user's arguments
 * (argv without node and the script): the command they name is loaded in full, the others are listed only.
 * With no command named (`--help`, `--version`), none is loaded.
 */
export async function buildProgram(args: readonly string[]): Promise<Command> {
  const program = new Command('refund-tracker')
    .description('Keeps an exact record of refund cases and support conversations, fed by forwarded email.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError()
    // Commander's own usage errors (unknown option, missing argument, bad value) exit 2, as ours do;
    // set before the commands are added, which inherit it.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));
  const wanted = commandNamed(args);
  for (const command of COMMANDS) {
    if (command.name === wanted) (await command.load())(program);
    else program.command(command.name).description(command.summary);
  }
  return program;
}

/** withStore's option for commands that only read: no indexes are created. */
export const READ_ONLY: OpenStoreOptions = { readOnly: true };

/**
 * Runs `run` with a store opened from MONGODB_URI, closed afterwards whatever happens. Read-only
 * commands pass `{ readOnly: true }`: they create no indexes.
 */
export async function withStore<T>(run: (store: Store) => Promise<T>, options: OpenStoreOptions = {}): Promise<T> {
  const [{ openStore }, { loadMongoConfig }] = await Promise.all([
    import('../models/store.js'),
    import('../config.js'),
  ]);
  const config = loadMongoConfig();
  // The same one line the worker prints (`MongoDB: authentication failed for user …`), never the password.
  const described = async (err: unknown): Promise<never> => {
    const [{ StoreUnavailableError }, { describeMongoFailure }] = await Promise.all([
      import('../models/store.js'),
      import('../workers/startup-checks.js'),
    ]);
    const cause = err instanceof StoreUnavailableError ? (err.cause ?? err) : err;
    throw new StoreUnavailableError(describeMongoFailure(cause, config.mongodbUri), { cause });
  };
  const store = await openStore(config, options).catch(described);
  try {
    return await run(store).catch((err: unknown) => {
      // A read-only command meets a server that wants a user only at its first query.
      if (isMongoAuthError(err)) return described(err);
      throw err;
    });
  } finally {
    await store.close();
  }
}

/** The server refused the command for want of (13) or with wrong (18) credentials. */
function isMongoAuthError(err: unknown): boolean {
  const { name, code } = (err ?? {}) as { name?: unknown; code?: unknown };
  return typeof name === 'string' && name.startsWith('Mongo') && (code === 13 || code === 18);
}

export function parseDay(value: string): string {
  // A real calendar day: 2026-13-45 and 2026-02-30 are refused, not rolled over.
  const day = new Date(`${value}T00:00:00Z`);
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
  if (!valid) throw new InvalidArgumentError('must be a date as YYYY-MM-DD');
  return value;
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
