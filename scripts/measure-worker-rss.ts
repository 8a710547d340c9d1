// The worker's memory as the operating system counts it, for issue 10's "worker RSS ≤ 300 MB": the worker
// process and its analysis processes (workers/analysis-pool.ts), each with everything native. Printed as
// the sum of their RSS (VmRSS in /proc/<pid>/status: pages they share, such as Node's own code, counted once
// per process) and the sum of their PSS (smaps_rollup: shared pages split between the sharers, so the sum
// is what the tree costs the machine). Starts the shipped
// worker (`refund-tracker worker` of the same build, no preloaded instrumentation) on the test services
// with a fresh IMAP user, database and queue prefix, and prints:
// - idle RSS: IDLE_AFTER_MS after the worker logged 'worker started', with nothing in the mailbox;
// - peak RSS while it files one trusted forward of about 24 MB (bench mail-24mb), sampled every 100 ms
//   from the APPEND until SETTLE_MS after it was filed, and the RSS at the end of that.
// Build privately and run: `npx tsc -p tsconfig.json --outDir .xdist && node .xdist/scripts/measure-worker-rss.js`
// (services from .services/env). Knobs: RSS_IDLE_AFTER_MS=5000 RSS_SETTLE_MS=5000 RSS_SKIP_BIG=1.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import { imapSession } from './e2e/imap.js';
import { AUTHSERV_ID, FORWARDER, hostileMessages } from './e2e/mail.js';
import { parseServicesEnv } from './lib/services-env.js';

// Compiled to <outDir>/scripts/: the repository is two levels up, the CLI of the same build beside.
const repo = resolve(import.meta.dirname, '..', '..');
const cliPath = resolve(import.meta.dirname, '..', 'src', 'cli.js');
const MB = 1024 * 1024;
const IDLE_AFTER_MS = Number(process.env.RSS_IDLE_AFTER_MS ?? 5_000);
const SETTLE_MS = Number(process.env.RSS_SETTLE_MS ?? 5_000);
const SAMPLE_MS = 100;

function servicesEnv(): Record<string, string | undefined> {
  try {
    return { ...parseServicesEnv(readFileSync(resolve(repo, '.services', 'env'), 'utf8')), ...process.env };
  } catch {
    return { ...process.env };
  }
}

/** A `kB` field of a /proc file of the process, in bytes (0 once it has gone). */
function procKb(pid: number, file: string, field: string): number {
  try {
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The process and every process below it (its analysis processes). */
function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last `)`.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i] ?? 0) ?? []));
  return tree;
}

interface TreeMemory {
  rss: number;
  pss: number;
  processes: number;
}

/** RSS and PSS of the worker and its analysis processes, summed. */
function treeMemory(pid: number): TreeMemory {
  const pids = processTree(pid);
  const sum = (file: string, field: string) => pids.reduce((n, p) => n + procKb(p, file, field), 0);
  return { rss: sum('status', 'VmRSS'), pss: sum('smaps_rollup', 'Pss'), processes: pids.length };
}

const mb = (bytes: number) => (bytes / MB).toFixed(0);
const shown = (m: TreeMemory) => `RSS ${mb(m.rss)} MB, PSS ${mb(m.pss)} MB (${m.processes} processes)`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const env = servicesEnv();
  const suffix = randomUUID().slice(0, 8);
  const imap = {
    host: env.TEST_IMAP_HOST ?? '127.0.0.1',
    port: Number(env.TEST_IMAP_PORT ?? 1143),
    user: `rss-${suffix}`,
    password: env.TEST_IMAP_PASSWORD ?? 'secret',
  };
  const mongodbUri = env.MONGODB_URI ?? 'mongodb://127.0.0.1:27018/';
  const dbName = `rss_${suffix}`;
  const child: ChildProcess = spawn(process.execPath, [cliPath, 'worker'], {
    cwd: '/', // no .env read from here
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      IMAP_HOST: imap.host,
      IMAP_PORT: String(imap.port),
      IMAP_TLS: 'false',
      IMAP_USER: imap.user,
      IMAP_PASSWORD: imap.password,
      ALLOWED_FORWARDERS: FORWARDER,
      AUTHSERV_ID,
      REDIS_URL: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `rss-${suffix}`,
      MONGODB_URI: mongodbUri,
      MONGODB_DB: dbName,
      // Never contacted: the digest is due at 07:00 in a fresh queue.
      SMTP_URL: 'smtp://127.0.0.1:2525',
      DIGEST_FROM: 'digest@tracker.example.net',
      ...(process.env.ANALYSIS_THREADS ? { ANALYSIS_THREADS: process.env.ANALYSIS_THREADS } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid ?? 0;
  let startedAt = 0;
  let filed: { at: number; what: string } | null = null;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    let entry: { msg?: string; reason?: string };
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    if (entry.msg === 'worker started') startedAt = Date.now();
    if (entry.msg === 'message processed') filed = { at: Date.now(), what: 'processed' };
    if (entry.msg === 'message quarantined') filed = { at: Date.now(), what: `quarantined (${entry.reason})` };
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  try {
    const spawned = Date.now();
    while (!startedAt) {
      if (child.exitCode !== null || Date.now() - spawned > 60_000) throw new Error(`worker did not start: ${stderr}`);
      await sleep(50);
    }
    console.log(`worker started ${Date.now() - spawned} ms after spawn; then ${shown(treeMemory(pid))}`);
    await sleep(IDLE_AFTER_MS);
    console.log(`idle ${IDLE_AFTER_MS / 1000} s after start: ${shown(treeMemory(pid))}`);
    if (process.env.RSS_SKIP_BIG) return;

    const big = hostileMessages(suffix, { big: true }).find((m) => m.name === 'mail-24mb');
    if (!big) throw new Error('no mail-24mb in the bench set');
    let peak = treeMemory(pid);
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const now = treeMemory(pid);
        if (now.rss > peak.rss) peak = now;
        await sleep(SAMPLE_MS);
      }
    })();
    const client = await imapSession(imap);
    const appendedAt = Date.now();
    try {
      await client.append('INBOX', big.raw);
    } finally {
      await client.logout();
    }
    while (!filed && Date.now() - appendedAt < 180_000 && child.exitCode === null) await sleep(50);
    const done = filed as { at: number; what: string } | null;
    if (!done) throw new Error(`the 24 MB mail was not filed: ${stderr.slice(0, 500)}`);
    await sleep(SETTLE_MS);
    sampling = false;
    await sampler;
    console.log(
      `24 MB mail (${(big.raw.length / MB).toFixed(1)} MiB) ${done.what} ${done.at - appendedAt} ms after the APPEND: ` +
        `peak ${shown(peak)}; ${SETTLE_MS / 1000} s later ${shown(treeMemory(pid))}`,
    );
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(20_000)]);
    const conn = await mongoose.createConnection(mongodbUri, { dbName }).asPromise();
    await conn.dropDatabase();
    await conn.close();
  }
}

await main();
