// Each way the command line used to fail badly (issue 9), through the built CLI in a child process:
// one line on standard error, and the exit status the README documents (0 ok, 1 failure, 2 usage or
// configuration).

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/models/store.js';
import { CLI, type CliRun, runCli } from '../support/cli.js';
import { ALICE, cliEnv, closeWorld, FIXTURES, type TestWorld, worldWithStore } from '../support/harness.js';
import { uniqueName } from '../support/services.js';

const SEED = join(FIXTURES, 'seed', '04-refund-confirmation.eml');

/** The CLI with its standard output already closed by the reader, as `… | head -1` does once it has its line. */
async function runWithClosedStdout(args: string[], env: Record<string, string>): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const code = await new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? -1)));
  return { code, stdout: '', stderr };
}

/** stderr is exactly one line, prefixed as every message of the CLI, with no stack trace. */
function expectOneLine(run: CliRun): string {
  expect(run.stderr).toMatch(/^refund-tracker: [^\n]+\n$/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return run.stderr.trimEnd();
}

describe('configuration errors: one line naming the variable, exit 2', () => {
  it('LOG_LEVEL must be a pino level', async () => {
    const run = await runCli(['analyze', SEED], { LOG_LEVEL: 'verbose' });
    expect(run.code).toBe(2);
    expect(expectOneLine(run)).toBe(
      'refund-tracker: Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    );
    expect(run.stdout).toBe('');
  });

  it('MAX_MESSAGE_BYTES=abc is refused, not silently the default', async () => {
    const run = await runCli(['analyze', SEED], { MAX_MESSAGE_BYTES: 'abc' });
    expect(run.code).toBe(2);
    expect(expectOneLine(run)).toContain('MAX_MESSAGE_BYTES must be a whole number of bytes, at least 1024');
    expect(run.stdout).toBe('');
  });

  it('IMAP_PORT=abc must be a port number', async () => {
    const run = await runCli(['worker'], {
      IMAP_HOST: '127.0.0.1',
      IMAP_PORT: 'abc',
      IMAP_USER: 'cases',
      IMAP_PASSWORD: 'secret-password',
      ALLOWED_FORWARDERS: ALICE,
      AUTHSERV_ID: 'mx.tracker.example.net',
      MONGODB_URI: 'mongodb://127.0.0.1:1/none',
      SMTP_URL: 'smtp://127.0.0.1:1',
      DIGEST_FROM: 'digest@tracker.example.net',
    });
    expect(run.code).toBe(2);
    expect(expectOneLine(run)).toBe('refund-tracker: Invalid configuration: IMAP_PORT must be a port number (1-65535)');
    expect(run.stderr).not.toContain('NaN');
    expect(run.stderr).not.toContain('secret-password');
  });

  it('a .env that is a directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rt-dotenv-'));
    await mkdir(join(dir, '.env'));
    const run = await runCli(['analyze', SEED], {}, { cwd: dir });
    expect(run.code).toBe(2);
    expect(expectOneLine(run)).toBe('refund-tracker: cannot read .env: it is a directory');
  });

  it('digest preview --date must be a calendar day', async () => {
    for (const date of ['2026-13-45', '2026-02-30']) {
      const run = await runCli(['digest', 'preview', '--date', date], { MONGODB_URI: 'mongodb://127.0.0.1:1/none' });
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toBe(
        `error: option '--date <YYYY-MM-DD>' argument '${date}' is invalid. must be a date as YYYY-MM-DD`,
      );
    }
  });
});

describe('--version', () => {
  it('prints the package version', async () => {
    const { version } = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });
});

describe('analyze into a closed pipe', () => {
  it('ends quietly with status 0', async () => {
    const run = await runWithClosedStdout(['analyze', SEED, SEED, SEED], {});
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('cases commands against a database', () => {
  let world: TestWorld;
  let store: Store;
  let env: Record<string, string>;

  beforeAll(async () => {
    ({ world, store } = await worldWithStore());
    env = cliEnv(world);
    await store.cases.openCase({ owner: ALICE, caseNumber: 'GTB-2023-5876', occurredAt: new Date('2023-10-26') });
    await store.cases.openCase({ owner: ALICE, caseNumber: 'HW-77', occurredAt: new Date('2023-10-27') });
  });

  afterAll(async () => {
    await closeWorld({ store, world });
  });

  it('a case number matches regardless of case', async () => {
    const run = await runCli(['cases', 'show', 'gtb-2023-5876'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Case GTB-2023-5876 {2}\[open\]/);
  });

  it('the number is matched as text, not as a pattern', async () => {
    const run = await runCli(['cases', 'show', 'GTB.2023.5876'], env);
    expect(run.code).toBe(1);
    expect(expectOneLine(run)).toBe('refund-tracker: no case GTB.2023.5876');
  });

  it('a case that does not exist is a failure (exit 1), not a usage error', async () => {
    const run = await runCli(['cases', 'show', 'NOPE-1'], env);
    expect(run.code).toBe(1);
    expect(expectOneLine(run)).toBe('refund-tracker: no case NOPE-1');
  });

  it('export to a directory that does not exist: one line naming the file, exit 1', async () => {
    const run = await runCli(['cases', 'export', '--format', 'csv', '--output', '/nonexistent/dir/x.csv'], env);
    expect(run.code).toBe(1);
    expect(expectOneLine(run)).toBe("refund-tracker: ENOENT: no such file or directory, open '/nonexistent/dir/x.csv'");
  });

  it('cases list into a closed pipe ends quietly with status 0', async () => {
    const run = await runWithClosedStdout(['cases', 'list'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('read-only commands create no indexes in a database they only read', async () => {
    const untouched = uniqueName('rt_readonly');
    const readOnlyEnv = { ...env, MONGODB_DB: untouched };
    for (const args of [
      ['cases', 'list'],
      ['cases', 'export', '--format', 'md'],
      ['quarantine', 'list'],
      ['digest', 'preview', '--owner', ALICE, '--date', '2026-01-15'],
    ]) {
      const run = await runCli(args, readOnlyEnv);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    }
    const db = store.connection.getClient().db(untouched);
    try {
      // mongoose may create the (empty) collections; the unique indexes are left to the commands that write.
      for (const { name } of await db.listCollections().toArray()) {
        const indexes = await db.collection(name).listIndexes().toArray();
        expect(
          indexes.map((i) => i.name),
          name,
        ).toEqual(['_id_']);
      }
    } finally {
      await db.dropDatabase();
    }
  });
});
