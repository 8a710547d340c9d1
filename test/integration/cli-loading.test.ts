// `analyze` loads only what one analysis needs (issue 9: under 300 ms of CPU for one message). The
// command line run from the modules (cli/main.js, the entry the packaged CLI is built from: see
// packaged-cli.test.ts), in a child process with a loader hook that lists every module loaded: the store,
// queue and IMAP libraries are never loaded by `analyze`, nor the configuration (zod) when nothing
// is configured, nor chrono-node's other languages for an English forward. No timing here: the CPU
// figures are in `npm run bench:analyze`'s "cold analyze" line.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEVER_FOR_ANALYZE } from '../../src/cli/packaged-cli.js';
import { CLI } from '../support/cli.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const RECORDER = join(import.meta.dirname, '..', 'support', 'record-loaded-modules.mjs');
const ENGLISH_FORWARD = join(FIXTURES, 'seed', '04-refund-confirmation.eml');
/** `14 février 2024 à 11:26:40 UTC+1`: a written-out date, which header-date.ts reads without chrono-node. */
const FRENCH_DATE_FORWARD = join(FIXTURES, 'corpus', '048-nested-fr-gmail-of-apple-pas-encore-rembourse.eml');
/** `martes, 12 de noviembre de 2024, 10:05:33 CET`: `CET` is left to chrono-node, whose English does not settle it. */
const SPANISH_CET_FORWARD = join(FIXTURES, 'corpus', '064-yahoo-es-firma-con-numeros.eml');
const MAIN = pathToFileURL(join(dirname(CLI), 'cli', 'main.js')).href;

let dir: string;
let runs = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-cli-loading-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs the command line from the modules (main.js's runCli, as the entry point runs it when there is no
 * package) with the recorder; the modules it loaded, as paths under node_modules/ or the build.
 */
async function loadedBy(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; loaded: string[] }> {
  const file = join(dir, `loaded-${runs++}.txt`);
  const script = `const { runCli } = await import(${JSON.stringify(MAIN)}); await runCli(${JSON.stringify([process.execPath, 'refund-tracker', ...args])});`;
  const node = ['--import', RECORDER, '--input-type=module', '-e', script];
  const { stdout } = await promisify(execFile)(process.execPath, node, {
    env: { PATH: process.env.PATH ?? '', LOADED_MODULES_FILE: file, ...env },
    cwd: join(import.meta.dirname, '..'), // test/: no .env file here
    timeout: 30_000,
  });
  const loaded = (await readFile(file, 'utf8')).split('\n').filter((url) => url.startsWith('file:'));
  return { stdout, loaded };
}

const packagesIn = (loaded: string[]): Set<string> =>
  new Set(loaded.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
const chronoLanguagesIn = (loaded: string[]): Set<string> =>
  new Set(loaded.flatMap((url) => /\/chrono-node\/dist\/esm\/locales\/([a-z]+)\//.exec(url)?.[1] ?? []));
const ownModulesIn = (loaded: string[]): string[] =>
  loaded.filter((url) => !url.includes('/node_modules/')).map((url) => url.replace(/^.*\/src\//, 'src/'));

describe('analyze loads what it uses (from the modules)', () => {
  it('an English forward: no store, queue, IMAP, logger, configuration or other chrono languages', async () => {
    const { stdout, loaded } = await loadedBy(['analyze', '--json', ENGLISH_FORWARD]);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, caseNumber: 'GTB-2023-5876' });
    const packages = packagesIn(loaded);
    // The recorder sees what analyze does load.
    expect(packages).toContain('mailparser');
    expect(packages).toContain('chrono-node');
    for (const name of [...NEVER_FOR_ANALYZE, 'zod', 'yaml']) expect(packages).not.toContain(name);
    expect([...chronoLanguagesIn(loaded)]).toEqual(['en']);
    const own = ownModulesIn(loaded);
    expect(own).toContain('src/rules/analyze.js');
    for (const path of own) {
      expect(path).not.toMatch(/^src\/(?:config|logger)\.js$|^src\/(?:models|workers)\/|rule-pack\.js$|\/ruleset\.js$/);
    }
  });

  it('a date English does not settle loads the other languages, and reads it', async () => {
    const { stdout, loaded } = await loadedBy(['analyze', '--json', SPANISH_CET_FORWARD]);
    const record = JSON.parse(stdout) as { ok: boolean; original: { date: string | null } };
    expect(record.ok).toBe(true);
    expect(record.original.date).toBe('2024-11-12T09:05:33.000Z');
    expect(chronoLanguagesIn(loaded)).toEqual(new Set(['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'ru', 'uk', 'ja']));
    for (const name of NEVER_FOR_ANALYZE) expect(packagesIn(loaded)).not.toContain(name);
  });

  it('a written-out date is read without them', async () => {
    const { stdout, loaded } = await loadedBy(['analyze', '--json', FRENCH_DATE_FORWARD]);
    const record = JSON.parse(stdout) as { ok: boolean; original: { date: string | null } };
    expect(record.original.date).toBe('2024-02-14T10:26:40.000Z');
    expect(chronoLanguagesIn(loaded)).toEqual(new Set(['en']));
  });

  it('configuration and rule packs are loaded when they are asked for', async () => {
    const { stdout, loaded } = await loadedBy(
      [
        'analyze',
        '--json',
        '--rules',
        join(import.meta.dirname, '..', '..', 'examples', 'rules', 'gtbuy.yaml'),
        ENGLISH_FORWARD,
      ],
      {
        ALLOWED_FORWARDERS: 'alice@example.net',
      },
    );
    expect(JSON.parse(stdout)).toMatchObject({ ok: true });
    const packages = packagesIn(loaded);
    expect(packages).toContain('zod');
    expect(packages).toContain('yaml');
    for (const name of NEVER_FOR_ANALYZE) expect(packages).not.toContain(name);
  });
});

// Issue 10 (worker RSS): the worker parses and analyses on its analysis threads (workers/analysis-pool.ts),
// so its main thread must not load the parser nor the rules' analysis (about 50 MB of RSS). Importing the
// service and the `worker` command modules starts no thread, so what the recorder lists is the main
// thread's own. Without RULES_PATH the command loads no rule packs (nor YAML) either.
describe("the worker's main thread loads no parser and no analysis", () => {
  it('importing workers/service.js and cli/worker-command.js', async () => {
    const built = dirname(CLI);
    const modules = [join(built, 'workers', 'service.js'), join(built, 'cli', 'worker-command.js')];
    const file = join(dir, `loaded-${runs++}.txt`);
    const script = modules.map((m) => `await import(${JSON.stringify(pathToFileURL(m).href)});`).join('\n');
    await promisify(execFile)(process.execPath, ['--import', RECORDER, '--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH ?? '', LOADED_MODULES_FILE: file },
      cwd: join(import.meta.dirname, '..'),
      timeout: 30_000,
    });
    const loaded = (await readFile(file, 'utf8')).split('\n').filter((url) => url.startsWith('file:'));
    const packages = packagesIn(loaded);
    // The recorder sees what the worker does load.
    for (const name of ['bullmq', 'imapflow', 'mongoose']) expect(packages).toContain(name);
    for (const name of ['mailparser', 'chrono-node', 'html-to-text', 'email-forward-parser', 'yaml']) {
      expect(packages).not.toContain(name);
    }
    const own = ownModulesIn(loaded);
    expect(own).toContain('src/workers/message-processor.js');
    expect(own).toContain('src/workers/record-message.js');
    for (const path of ['parse-message', 'analyze', 'warm-up', 'compiled-ruleset', 'rule-pack', 'rule-files']) {
      expect(own.filter((p) => p.endsWith(`/${path}.js`))).toEqual([]);
    }
  });
});
