// FerretDB on its PostgreSQL backend, for the bench only: a database of its own in the PostgreSQL
// already running here (trust auth, user postgres), a FerretDB process on a free port in front of it,
// both removed afterwards. The SQLite backend the tests use decodes every document for any filter but
// a bare _id; this one pushes filters down, so the two runs side by side show the database's share.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PG = ['-h', '127.0.0.1', '-U', 'postgres'];

/** Whether `psql` answers on 127.0.0.1:5432 as postgres. */
export async function postgresReachable(): Promise<boolean> {
  try {
    const { stdout } = await run('psql', [...PG, '-tAc', 'select 1'], { timeout: 5_000 });
    return stdout.trim() === '1';
  } catch {
    return false;
  }
}

function ferretdbBinary(): string {
  if (process.env.FERRETDB_BIN) return process.env.FERRETDB_BIN;
  return existsSync('/root/go/bin/ferretdb') ? '/root/go/bin/ferretdb' : 'ferretdb';
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

export interface FerretPostgres {
  mongodbUri: string;
  database: string;
  stop(): Promise<void>;
}

/** Creates a PostgreSQL database and starts FerretDB on it; `stop()` stops it and drops the database. */
export async function startFerretPostgres(): Promise<FerretPostgres> {
  const database = `bench_e2e_${process.pid}_${randomUUID().slice(0, 8)}`;
  await run('createdb', [...PG, database], { timeout: 15_000 });
  const port = await freePort();
  const stateDir = mkdtempSync(join(tmpdir(), 'bench-ferretdb-'));
  let child: ChildProcess | null = null;
  const cleanup = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(stateDir, { recursive: true, force: true });
    await run('dropdb', [...PG, '--if-exists', database], { timeout: 30_000 }).catch(() => undefined);
  };
  try {
    let output = '';
    child = spawn(
      ferretdbBinary(),
      [
        '--handler=postgresql',
        `--postgresql-url=postgres://postgres@127.0.0.1:5432/${database}`,
        `--listen-addr=127.0.0.1:${port}`,
        '--telemetry=disable',
        '--debug-addr=127.0.0.1:0',
        `--state-dir=${stateDir}`,
        '--log-level=error',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      if (output.length < 4_000) output += chunk.toString('utf8');
    });
    const spawnError = new Promise<never>((_, reject) => child?.once('error', reject));
    spawnError.catch(() => undefined);
    const deadline = Date.now() + 15_000;
    while (!(await Promise.race([accepts(port), spawnError]))) {
      if (child.exitCode !== null) throw new Error(`FerretDB exited: ${output.trim().slice(0, 400)}`);
      if (Date.now() > deadline) throw new Error(`FerretDB did not listen on ${port} within 15 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { mongodbUri: `mongodb://127.0.0.1:${port}/`, database, stop: cleanup };
}
