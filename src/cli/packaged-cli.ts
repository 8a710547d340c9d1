// The packaged CLI: `analyze` run from one file with a V8 code cache instead of some 400 modules.
// Node 20 resolves, reads and compiles each ES module on every start and has no compile cache
// (`module.enableCompileCache` came in 22.1); loading the parser and the rules that way cost more CPU
// than the analysis itself (issue 9: `analyze` under 300 ms). Same code: `npm run build` bundles the
// compiled main.js (scripts/package-cli.ts), so whatever is not in the package runs from the modules.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { compileForShortRun } from './short-run.js';

/**
 * Libraries of the store, queue, IMAP, mail sending and logging: `analyze` never loads them, so the
 * package never holds them (the build checks; so do the tests, of the package and of the modules).
 */
export const NEVER_FOR_ANALYZE: readonly string[] = [
  'mongoose',
  'mongodb',
  'bullmq',
  'ioredis',
  'imapflow',
  'nodemailer',
  'pino',
];

/** The commands the package holds; any other runs from the modules (their libraries are not in it). */
export const PACKAGED_COMMANDS: ReadonlySet<string> = new Set(['analyze']);

/** Written by the build next to this module (dist/src/cli/), so paths relative to the modules hold. */
export const PACKAGE_PATH = fileURLToPath(new URL('./analyze-packaged.cjs', import.meta.url));

/**
 * The package's first line names its build: `/* refund-tracker package <id> *\/`. The code cache
 * is kept per build because V8 checks a cache against the length of its source only.
 */
export const packageHeader = (buildId: string): string => `/* refund-tracker package ${buildId} */\n`;
const HEADER = /^\/\* refund-tracker package ([0-9a-f]{16,64}) \*\/\n/;

/** Where the code cache of the build `buildId` lives: made by the build, remade when V8 refuses it. */
export const codeCachePath = (buildId: string): string => `${PACKAGE_PATH}.${buildId}.v8-cache`;

/**
 * The narrowing trees of the rule patterns (src/rules/narrowing.ts), written by the build next to the
 * package; `analyze` reads them whether it runs from the package or from the modules.
 */
export const NARROWING_TREES_PATH = `${PACKAGE_PATH}.narrowing.json`;

/** What the package exports: main.ts's entry. */
export interface PackagedCli {
  runCli(argv: readonly string[]): Promise<void>;
}

/**
 * The package, ready to run, when the command is one it holds and the build made it; otherwise null
 * and the caller imports main.js (from source, or a build made with `tsc` alone). A package without
 * a usable code cache still runs (V8 compiles it), and writes the cache as the process exits.
 */
export function packagedCli(command: string | undefined): PackagedCli | null {
  if (command === undefined || !PACKAGED_COMMANDS.has(command)) return null;
  let source: string;
  try {
    source = readFileSync(PACKAGE_PATH, 'utf8');
  } catch {
    return null;
  }
  const buildId = HEADER.exec(source)?.[1];
  if (buildId === undefined) return null;
  const cachePath = codeCachePath(buildId);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  compileForShortRun();
  const script = new Script(Module.wrap(source), { filename: PACKAGE_PATH, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    // At exit, the functions this run compiled are in the cache too.
    process.once('exit', () => writeCodeCache(cachePath, () => script.createCachedData()));
  }
  const module = { exports: {} as PackagedCli };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(PACKAGE_PATH), module, PACKAGE_PATH, dirname(PACKAGE_PATH));
  return module.exports;
}

/**
 * Written whole or not at all (a temporary file renamed), so two runs at once never leave half a
 * cache; a directory the user cannot write (an installed package) only means no cache.
 */
function writeCodeCache(path: string, data: () => Buffer): void {
  const partial = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, data());
    renameSync(partial, path);
  } catch {
    rmSync(partial, { force: true });
  }
}
