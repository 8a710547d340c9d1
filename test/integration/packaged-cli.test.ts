// `analyze` runs from the packaged CLI (src/cli/packaged-cli.ts; `npm run build` makes it with
// scripts/package-cli.ts): one file and a V8 code cache instead of some 400 modules. Through the built
// CLI in child processes: the package answers byte for byte as the modules do, is what the entry point
// runs, holds none of the libraries `analyze` must not load, and its code cache is used as built,
// remade when V8 refuses it, and never needed for a right answer. No timing here: the CPU figures are
// in `npm run bench:analyze`'s "cold analyze" line.
import { cp, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEVER_FOR_ANALYZE } from '../../src/cli/packaged-cli.js';
import { CLI, type CliRun, runNode } from '../support/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const RECORDER = join(ROOT, 'test', 'support', 'record-loaded-modules.mjs');
const BUILT_CLI_DIR = join(dirname(CLI), 'cli');
const PACKAGE = join(BUILT_CLI_DIR, 'analyze-packaged.cjs');

/** Mail of every shape the parser and the rules take different ways through. */
const MAIL = [
  'seed/04-refund-confirmation.eml',
  'corpus/001-gmail-en-shopriver-refund-processed.eml',
  'corpus/003-yahoo-en-paypal-dispute-denied.eml',
  'corpus/008-gmail-en-html-only-airline-refund.eml',
  // A date only chrono-node's other languages read (loaded on first need, inside the package too).
  'corpus/048-nested-fr-gmail-of-apple-pas-encore-rembourse.eml',
  'real-world/006-gmail-de-kaufhafen-erstattung-paypal.eml',
  'real-world/034-gmail-fr-paiclair-litige-en-votre-faveur.eml',
  'real-world/005-apple-en-brightcart-replacement-ships-tomorrow.eml',
].map((path) => join(FIXTURES, path));

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rt-packaged-'));
  // A bad message too: the package must fail the way the modules do.
  const bad = (await readdir(join(FIXTURES, 'bad'))).filter((name) => name.endsWith('.eml')).sort();
  MAIL.push(...bad.slice(0, 2).map((name) => join(FIXTURES, 'bad', name)));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The command line through an entry point (the built CLI, or a copy of it). */
const viaEntry = (cli: string, args: string[], env?: Record<string, string>) => runNode([cli, ...args], env);

/** The same command line run from the modules: main.js's runCli, which the package is built from. */
function viaModules(args: string[], env?: Record<string, string>): Promise<CliRun> {
  const main = pathToFileURL(join(BUILT_CLI_DIR, 'main.js')).href;
  const argv = [process.execPath, 'refund-tracker', ...args];
  const script = `const { runCli } = await import(${JSON.stringify(main)}); await runCli(${JSON.stringify(argv)});`;
  return runNode(['--input-type=module', '-e', script], env);
}

describe('the packaged analyze', () => {
  it('answers byte for byte as the modules do: records, explanations, rule packs, configuration, errors', async () => {
    const pack = join(ROOT, 'examples', 'rules', 'gtbuy.yaml');
    const cases: Array<{ args: string[]; env?: Record<string, string> }> = [
      { args: ['analyze', '--json', ...MAIL] },
      { args: ['analyze', ...MAIL] },
      { args: ['analyze', '--explain', ...MAIL.slice(0, 3)] },
      {
        args: ['analyze', '--json', '--rules', pack, ...MAIL.slice(0, 2)],
        env: { ALLOWED_FORWARDERS: 'alice@example.net', MAX_MESSAGE_BYTES: '2000000' },
      },
      { args: ['analyze', '--json', join(work, 'no-such-file.eml')] },
      { args: ['analyze', '--json'], env: { MAX_MESSAGE_BYTES: 'abc' } },
      { args: ['analyze', '--json', MAIL[0] as string], env: { MAX_MESSAGE_BYTES: 'abc' } },
      { args: ['help', 'analyze'] },
    ];
    for (const { args, env } of cases) {
      const [packaged, modules] = await Promise.all([viaEntry(CLI, args, env), viaModules(args, env)]);
      expect({ args, ...packaged }).toEqual({ args, ...modules });
    }
    // The comparison compared something: records for every message, a failure for the bad ones.
    const records = (await viaEntry(CLI, ['analyze', '--json', ...MAIL])).stdout.trim().split('\n');
    expect(records).toHaveLength(MAIL.length);
    expect(records.map((line) => (JSON.parse(line) as { ok: boolean }).ok)).toContain(true);
  });

  it('is what the entry point runs: no parser nor rules module goes through the module loader', async () => {
    const file = join(work, 'loaded.txt');
    const run = await runNode(['--import', RECORDER, CLI, 'analyze', '--json', MAIL[0] as string], {
      LOADED_MODULES_FILE: file,
    });
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, caseNumber: 'GTB-2023-5876' });
    const loaded = (await readFile(file, 'utf8')).split('\n').filter((url) => url.startsWith('file:'));
    const own = loaded.map((url) => url.replace(/^.*\/src\//, 'src/')).sort();
    expect(own).toEqual(['src/cli.js', 'src/cli/command-named.js', 'src/cli/packaged-cli.js', 'src/cli/short-run.js']);
    // Any other command runs from the modules.
    await runNode(['--import', RECORDER, CLI, 'cases', '--help'], { LOADED_MODULES_FILE: file });
    expect(await readFile(file, 'utf8')).toContain('/src/cli/cases-commands.js');
  });

  it('holds no store, queue, IMAP, mail-sending or logging library, and one libmime', async () => {
    const { inputs } = JSON.parse(await readFile(`${PACKAGE}.meta.json`, 'utf8')) as {
      inputs: Record<string, number>;
    };
    const packages = new Set(
      Object.keys(inputs).flatMap((path) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1] ?? []),
    );
    expect(packages).toContain('mailparser');
    expect(packages).toContain('chrono-node');
    for (const name of NEVER_FOR_ANALYZE) expect(packages).not.toContain(name);
    const libmimeBuilds = new Set(
      Object.keys(inputs).flatMap((path) => /^node_modules\/libmime\/dist\/([a-z]+)\//.exec(path)?.[1] ?? []),
    );
    expect([...libmimeBuilds]).toEqual(['cjs']);
    // The other commands' modules are left out: reaching one says so instead of loading it.
    expect(await readFile(PACKAGE, 'utf8')).toContain('not in the packaged CLI: worker-command.js');
  });
});

describe("the packaged analyze's code cache", () => {
  /** A copy of the build (and package.json) with the project's node_modules: its cache is the test's own. */
  let copy: string;
  let cli: string;
  let cache: string;
  let expected: string;
  const args = ['analyze', '--json', ...MAIL.slice(0, 3)];

  beforeAll(async () => {
    copy = join(work, 'install');
    await cp(dirname(CLI), join(copy, 'dist', 'src'), { recursive: true });
    await cp(join(ROOT, 'package.json'), join(copy, 'package.json'));
    await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    cli = join(copy, 'dist', 'src', 'cli.js');
    const caches = (await readdir(join(copy, 'dist', 'src', 'cli'))).filter((name) => name.endsWith('.v8-cache'));
    expect(caches).toHaveLength(1);
    cache = join(copy, 'dist', 'src', 'cli', caches[0] as string);
    expected = (await viaModules(args)).stdout;
  });

  const contentOf = async (path: string) => ({ bytes: await readFile(path), mtime: (await stat(path)).mtimeMs });

  it('is used as built: a run gives the right answer and leaves the cache as it was', async () => {
    const before = await contentOf(cache);
    expect((await viaEntry(cli, args)).stdout).toBe(expected);
    expect(await contentOf(cache)).toEqual(before);
  });

  it('a cache V8 refuses (damaged, or made by another Node) is ignored, then made again once', async () => {
    await writeFile(cache, Buffer.from('not a V8 code cache'));
    expect((await viaEntry(cli, args)).stdout).toBe(expected);
    const remade = await contentOf(cache);
    expect(remade.bytes.length).toBeGreaterThan(100_000);
    // Made under the flags the next run compiles with: accepted, so not written again.
    expect((await viaEntry(cli, args)).stdout).toBe(expected);
    expect(await contentOf(cache)).toEqual(remade);
  });

  it('without a cache, the package runs and writes one; without the package, the modules run', async () => {
    await rm(cache);
    expect((await viaEntry(cli, args)).stdout).toBe(expected);
    expect((await stat(cache)).size).toBeGreaterThan(100_000);
    await rm(join(copy, 'dist', 'src', 'cli', 'analyze-packaged.cjs'));
    expect((await viaEntry(cli, args)).stdout).toBe(expected);
  });
});
