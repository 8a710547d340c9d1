// `npm run bench:e2e` (issue 10, deliverable 4): the whole pipeline on the real services the tests use
// (Dovecot, Redis, FerretDB), with the shipped worker (`refund-tracker worker` from the same build) as a
// child process. In one run it prints:
// - the parse + analyze ceiling: the same mail parsed and analyzed in one process, one thread;
// - the backfill of 1,000 and 10,000 forwards put in INBOX before the worker starts: messages/s from
//   the worker's spawn to the last message filed, and its ratio to the ceiling;
// - arrival → case latency (APPEND done → the worker logs it processed, i.e. committed and moved),
//   one message a second on an idle worker, and again during a backfill;
// - worst event-loop delay and peak RSS with the hostile set mixed in (the worker's own process);
// - worker start → first IDLE; the 1,000 backfill on FerretDB's PostgreSQL backend when PostgreSQL
//   answers; the store's per-message cost with 0, 1,000 and 10,000 cases stored (scripts/e2e/store-cost);
// and ends with exactly `e2e: backfill_ratio=R arrival_p95_ms=P rss_mb=M stall_ms=S`: R the lowest ratio of
// the SQLite backfills, P the worse p95 of the two arrival runs, M the peak RSS of any worker run, S the worst
// event-loop delay of the hostile run once the worker had started (start-up's own delay is printed apart).
// A message counts as filed when the worker logs it 'message processed' (its log entry committed, the
// mail moved to Processed) or 'message quarantined'; times are the worker's own log timestamps.
// Knobs: BENCH_E2E_MESSAGES=1000,10000  BENCH_E2E_ARRIVALS=60  BENCH_E2E_DURING_BACKFILL=1000
// BENCH_E2E_HOSTILE_BACKFILL=200  BENCH_E2E_STORE_CASES=0,1000,10000  BENCH_E2E_JSON=artifacts/bench-e2e.json
// BENCH_E2E_SKIP=pg,store,arrivals,during,hostile,big,<a backfill size>  (e.g. a quick run:
// BENCH_E2E_MESSAGES=100 BENCH_E2E_ARRIVALS=5 BENCH_E2E_DURING_BACKFILL=100 BENCH_E2E_SKIP=10000,big).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { parseInboundMessage } from '../src/ingest/parse-message.js';
import { analyze } from '../src/rules/analyze.js';
import { builtInRuleset } from '../src/rules/ruleset.js';
import { warmUpRules } from '../src/rules/warm-up.js';
import { MESSAGE_QUEUE } from '../src/workers/queues.js';
import { postgresReachable, startFerretPostgres } from './e2e/ferretdb-pg.js';
import { countIn, fillInbox, type ImapAccount, imapSession } from './e2e/imap.js';
import {
  AUTHSERV_ID,
  type BenchMessage,
  FORWARDER,
  generateMessages,
  hostileMessages,
  loadTemplates,
  type Template,
} from './e2e/mail.js';
import { fixed, type LatencySummary, row, summarize, summaryLine } from './e2e/stats.js';
import { startWorkerProcess, type WorkerEnv, type WorkerProcess } from './e2e/worker-process.js';
import { parseServicesEnv } from './lib/services-env.js';

// Compiled to <outDir>/scripts/bench-e2e.js: the repository is two levels up, the CLI of the same build beside.
const repo = resolve(import.meta.dirname, '..', '..');
const cliPath = resolve(import.meta.dirname, '..', 'src', 'cli.js');
const instrumentPath = resolve(import.meta.dirname, 'e2e', 'worker-instrument.js');
const fixturesDir = join(repo, 'test', 'fixtures');
const MB = 1024 * 1024;

// ---- knobs -------------------------------------------------------------------------------------
const intList = (raw: string | undefined, fallback: number[]) =>
  raw === undefined || raw.trim() === ''
    ? fallback
    : raw
        .split(',')
        .map((s) => Number(s.trim()))
        .filter((n) => Number.isInteger(n) && n >= 0);
const SKIP = new Set(
  (process.env.BENCH_E2E_SKIP ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const BACKFILLS = intList(process.env.BENCH_E2E_MESSAGES, [1000, 10000]).filter((n) => n > 0 && !SKIP.has(String(n)));
const ARRIVALS = intList(process.env.BENCH_E2E_ARRIVALS, [60])[0] ?? 60;
const DURING_BACKFILL = intList(process.env.BENCH_E2E_DURING_BACKFILL, [1000])[0] ?? 1000;
const HOSTILE_BACKFILL = intList(process.env.BENCH_E2E_HOSTILE_BACKFILL, [200])[0] ?? 200;
const STORE_CASES = intList(process.env.BENCH_E2E_STORE_CASES, [0, 1000, 10000]);
/** Messages recorded per store-cost point (fewer: a quicker run, noisier figures). */
const STORE_MESSAGES = intList(process.env.BENCH_E2E_STORE_MESSAGES, [200])[0] ?? 200;
/** Arrivals are this far apart (the issue: one a second). */
const ARRIVAL_INTERVAL_MS = 1_000;

// ---- services ----------------------------------------------------------------------------------
interface Services {
  redisUrl: string;
  mongodbUri: string;
  imapHost: string;
  imapPort: number;
  imapPassword: string;
}

function services(): Services {
  const names = ['REDIS_URL', 'MONGODB_URI', 'TEST_IMAP_HOST', 'TEST_IMAP_PORT', 'TEST_IMAP_PASSWORD'];
  let file: Record<string, string> = {};
  if (!names.every((n) => process.env[n])) {
    const path = resolve(process.env.RT_SERVICES_DIR ?? join(repo, '.services'), 'env');
    try {
      file = parseServicesEnv(readFileSync(path, 'utf8'));
    } catch {
      // Named below, with the variable that is missing.
    }
  }
  const get = (name: string) => {
    const value = process.env[name] || file[name];
    if (!value)
      throw new BenchSetupError(`${name} is not set and not in .services/env: run 'bash scripts/services.sh up'`);
    return value;
  };
  return {
    redisUrl: get('REDIS_URL'),
    mongodbUri: get('MONGODB_URI'),
    imapHost: get('TEST_IMAP_HOST'),
    imapPort: Number(get('TEST_IMAP_PORT')),
    imapPassword: get('TEST_IMAP_PASSWORD'),
  };
}

/** A service missing or misconfigured: printed as one line, exit 1. */
class BenchSetupError extends Error {
  override name = 'BenchSetupError';
}

async function checkServices(s: Services): Promise<void> {
  const redis = new Redis(s.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3_000 });
  // ioredis rejects with 'Connection is closed.'; the socket's own error (ECONNREFUSED…) says why.
  let socketError: Error | null = null;
  redis.on('error', (err: Error) => {
    socketError ??= err;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    const cause = socketError ?? (err as Error);
    throw new BenchSetupError(`Redis not reachable at ${s.redisUrl}: ${cause.message}`, { cause });
  } finally {
    redis.disconnect();
  }
  try {
    const conn = await mongoose.createConnection(s.mongodbUri, { serverSelectionTimeoutMS: 3_000 }).asPromise();
    await conn.close();
  } catch (cause) {
    throw new BenchSetupError(`MongoDB (FerretDB) not reachable at ${s.mongodbUri}: ${(cause as Error).message}`, {
      cause,
    });
  }
  try {
    const client = await imapSession(accountFor(s, `bench-${process.pid}-check`));
    await client.logout();
  } catch (cause) {
    throw new BenchSetupError(`IMAP not reachable at ${s.imapHost}:${s.imapPort}: ${(cause as Error).message}`, {
      cause,
    });
  }
}

const accountFor = (s: Services, user: string): ImapAccount => ({
  host: s.imapHost,
  port: s.imapPort,
  user,
  password: s.imapPassword,
});

// ---- a fresh world per measurement ----------------------------------------------------------------
let worldCount = 0;

interface World {
  env: WorkerEnv;
  account: ImapAccount;
  cleanup(): Promise<void>;
}

/** A new IMAP user, database and queue prefix; cleanup empties the mailboxes, drops the database, deletes the keys. */
function newWorld(s: Services, mongodbUri: string): World {
  const n = ++worldCount;
  const name = `bench-${process.pid}-${n}`;
  const account = accountFor(s, name);
  const env: WorkerEnv = {
    imap: { host: s.imapHost, port: s.imapPort, user: name, password: s.imapPassword },
    redisUrl: s.redisUrl,
    queuePrefix: name,
    mongodbUri,
    dbName: `bench-e2e-${process.pid}-${n}`,
    forwarder: FORWARDER,
    authservId: AUTHSERV_ID,
  };
  const cleanup = async () => {
    const failures: string[] = [];
    try {
      const client = await imapSession(account);
      for (const box of ['INBOX', 'Processed', 'Quarantine']) {
        if ((await countIn(client, box)) === 0) continue;
        const lock = await client.getMailboxLock(box);
        try {
          await client.messageDelete('1:*');
        } finally {
          lock.release();
        }
      }
      await client.logout();
    } catch (err) {
      failures.push(`IMAP: ${(err as Error).message}`);
    }
    try {
      const conn = await mongoose.createConnection(mongodbUri, { dbName: env.dbName }).asPromise();
      await conn.dropDatabase();
      await conn.close();
    } catch (err) {
      failures.push(`MongoDB: ${(err as Error).message}`);
    }
    const redis = new Redis(s.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${name}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    } catch (err) {
      failures.push(`Redis: ${(err as Error).message}`);
    } finally {
      redis.disconnect();
    }
    if (failures.length > 0) console.warn(`  (cleanup of ${name}: ${failures.join('; ')})`);
  };
  return { env, account, cleanup };
}

async function queueCounts(env: WorkerEnv): Promise<Record<string, number>> {
  const connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(MESSAGE_QUEUE, { connection, prefix: env.queuePrefix });
  try {
    return await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

function startWorker(world: World): WorkerProcess {
  return startWorkerProcess(cliPath, instrumentPath, world.env);
}

/** What is open now (worker processes, worlds, FerretDB), closed last-first when the bench is interrupted. */
const openNow: { close: () => Promise<unknown> }[] = [];
async function whileOpen<T>(close: () => Promise<unknown>, body: () => Promise<T>): Promise<T> {
  const entry = { close };
  openNow.push(entry);
  try {
    return await body();
  } finally {
    openNow.splice(openNow.indexOf(entry), 1);
    await close();
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`bench:e2e: ${signal}: stopping the worker, removing what the run created`);
    void (async () => {
      for (const entry of openNow.splice(0).reverse()) await entry.close().catch(() => undefined);
      process.exit(130);
    })();
  });
}

/** Generous: today's code on SQLite has been measured at 14 messages/s and slower as cases grow. */
const fileTimeoutMs = (count: number) => 120_000 + count * 2_000;

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ---- measurements -------------------------------------------------------------------------------------
interface Ceiling {
  messages: number;
  perSecond: number;
  cpuMsPerMessage: number;
}

/** Parse + unwrap + analyze of `messages` in this process, one thread, after the worker's warm-up. */
async function measureCeiling(messages: readonly BenchMessage[]): Promise<Ceiling> {
  warmUpRules(builtInRuleset);
  const options = { customerAddresses: [FORWARDER] };
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const m of messages) {
    const parsed = await parseInboundMessage(m.raw, { maxBytes: 25 * MB });
    analyze(parsed, builtInRuleset, options);
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    messages: messages.length,
    perSecond: (messages.length / wallMs) * 1000,
    cpuMsPerMessage: (used.user + used.system) / 1000 / messages.length,
  };
}

interface WorkerFigures {
  /** Worst event-loop delay once started ('worker started' logged): what processing mail costs the loop. */
  worstDelayMs: number;
  /** When that worst delay ended (worker's clock). */
  worstDelayAt: number;
  /** Worst event-loop delay while starting (module loading, rule warm-up, connections), apart. */
  startupDelayMs: number;
  peakRssMb: number;
  /** Process start → the poller's first IDLE on the inbox. */
  firstIdleMs: number;
  /** Spawn → 'worker started' logged. */
  startMs: number;
  /** CPU time of the worker process from its start to the last message filed (all threads). */
  cpuMs: number;
}

interface Backfill extends WorkerFigures {
  label: string;
  messages: number;
  fillPerSecond: number;
  seconds: number;
  perSecond: number;
  processed: number;
  quarantined: Record<string, number>;
  /** The named message filed first after the worst delay ended (hostile run), else ''. */
  worstDelayNear: string;
}

async function workerFigures(worker: WorkerProcess, endAt: number): Promise<WorkerFigures> {
  const idle = await withTimeout(worker.firstIdle, 30_000, 'first IDLE').catch(() => null);
  const startedAt = worker.startedAt() ?? worker.spawnedAt;
  const startup = worker.figuresBetween(0, startedAt);
  const running = worker.figuresBetween(startedAt, endAt);
  const whole = worker.figuresBetween(0, endAt);
  return {
    worstDelayMs: running.worstDelayMs,
    worstDelayAt: running.worstDelayAt,
    startupDelayMs: startup.worstDelayMs,
    peakRssMb: whole.peakRssBytes / MB,
    firstIdleMs: idle ? idle.sinceProcessStartMs : Number.NaN,
    startMs: startedAt - worker.spawnedAt,
    cpuMs: whole.cpuMs,
  };
}

/** Fills INBOX, then starts the worker and times it until every message is filed and the queue is idle. */
async function measureBackfill(
  s: Services,
  label: string,
  messages: readonly BenchMessage[],
  mongodbUri: string,
  names: ReadonlyMap<string, string> = new Map(),
) {
  const world = newWorld(s, mongodbUri);
  let worker: WorkerProcess | undefined;
  return whileOpen(world.cleanup, () =>
    whileOpen(
      async () => worker?.stop(),
      async () => {
        const fillMs = await fillInbox(
          world.account,
          messages.map((m) => m.raw),
        );
        worker = startWorker(world);
        await worker.untilFiled(messages.length, fileTimeoutMs(messages.length));
        const lastAt = Math.max(0, ...worker.processed.values(), worker.quarantined.lastAt);
        await untilInboxEmpty(world, 30_000);
        const counts = await queueCounts(world.env);
        if (Object.values(counts).some((n) => n > 0)) throw new Error(`queue not idle: ${JSON.stringify(counts)}`);
        const seconds = (lastAt - worker.spawnedAt) / 1000;
        const figures = await workerFigures(worker, lastAt);
        const result: Backfill = {
          label,
          messages: messages.length,
          fillPerSecond: (messages.length / fillMs) * 1000,
          seconds,
          perSecond: messages.length / seconds,
          processed: worker.processed.size,
          quarantined: Object.fromEntries(worker.quarantined.reasons),
          ...figures,
          worstDelayNear: nearest(worker, figures.worstDelayAt, names),
        };
        reportErrors(label, worker);
        return result;
      },
    ),
  );
}

/** Which named message the worker filed first once the loop was free again at `at` ('' when none). */
function nearest(worker: WorkerProcess, at: number, names: ReadonlyMap<string, string>): string {
  let best: { key: string; time: number } | null = null;
  for (const [key, time] of worker.processed) {
    // A sample covers the 100 ms before it: the blocking job may have logged just before it was taken.
    if (time >= at - 100 && (!best || time < best.time)) best = { key, time };
  }
  return best ? (names.get(best.key) ?? 'a corpus message') : '';
}

async function untilInboxEmpty(world: World, timeoutMs: number): Promise<void> {
  const client = await imapSession(world.account);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = await countIn(client, 'INBOX');
      if (left === 0) return;
      if (Date.now() > deadline) throw new Error(`${left} messages still in INBOX`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await client.logout();
  }
}

function reportErrors(label: string, worker: WorkerProcess): void {
  if (worker.errors.length === 0) return;
  console.log(`  ! ${label}: the worker logged ${worker.errors.length} error line(s); first: ${worker.errors[0]}`);
}

interface Arrivals extends WorkerFigures {
  label: string;
  latency: LatencySummary;
  /** How many arrivals were appended while the backfill was still being worked through. */
  duringBackfill: number;
  backfill: number;
}

/** One message every ARRIVAL_INTERVAL_MS to a started worker; latency = APPEND done → logged processed. */
async function measureArrivals(
  s: Services,
  label: string,
  arrivals: readonly BenchMessage[],
  backfill: readonly BenchMessage[],
): Promise<Arrivals> {
  const world = newWorld(s, s.mongodbUri);
  let worker: WorkerProcess | undefined;
  const keys = await Promise.all(
    arrivals.map(async (m) => (await parseInboundMessage(m.raw, { maxBytes: 25 * MB })).messageKey),
  );
  const arrivalKeys = new Set(keys);
  return whileOpen(world.cleanup, () =>
    whileOpen(
      async () => worker?.stop(),
      async () => {
        if (backfill.length > 0)
          await fillInbox(
            world.account,
            backfill.map((m) => m.raw),
          );
        worker = startWorker(world);
        await withTimeout(worker.firstIdle, 60_000, 'the worker entering IDLE');
        const client = await imapSession(world.account);
        const appendedAt: number[] = [];
        let duringBackfill = 0;
        try {
          const start = Date.now();
          for (const [i, m] of arrivals.entries()) {
            const due = start + i * ARRIVAL_INTERVAL_MS;
            if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
            if (backfill.length > 0 && backfillFiled(worker, arrivalKeys) < backfill.length) duringBackfill += 1;
            await client.append('INBOX', m.raw);
            appendedAt.push(Date.now());
          }
        } finally {
          await client.logout();
        }
        await worker.untilFiled(backfill.length + arrivals.length, fileTimeoutMs(backfill.length + arrivals.length));
        const latencies: number[] = [];
        const missing: string[] = [];
        keys.forEach((key, i) => {
          const at = worker?.processed.get(key);
          if (at === undefined) missing.push(key);
          else latencies.push(at - (appendedAt[i] ?? at));
        });
        if (missing.length > 0) {
          console.log(
            `  ! ${label}: ${missing.length} arrival(s) not logged as processed (quarantined?): ${missing[0]}`,
          );
        }
        reportErrors(label, worker);
        const lastAt = Math.max(0, ...worker.processed.values(), worker.quarantined.lastAt);
        return {
          label,
          latency: summarize(latencies),
          duringBackfill,
          backfill: backfill.length,
          ...(await workerFigures(worker, lastAt)),
        };
      },
    ),
  );
}

/** Messages of the backfill filed so far: all quarantined ones count (arrivals are never quarantined). */
function backfillFiled(worker: WorkerProcess, arrivalKeys: ReadonlySet<string>): number {
  let processed = 0;
  for (const key of worker.processed.keys()) if (!arrivalKeys.has(key)) processed += 1;
  return processed + worker.quarantined.count;
}

// ---- store cost (scripts/e2e/store-cost.ts, written by helper "store") -----------------------------------
type MeasureStoreCost = (options: { mongodbUri: string; casesStored: number; messages?: number }) => Promise<{
  casesStored: number;
  messages: number;
  msPerMessage: number;
  callsPerMessage: number;
}>;

async function loadStoreCost(): Promise<MeasureStoreCost | null> {
  // A variable specifier: the module may not exist yet, and the build must not depend on it.
  const specifier = './e2e/store-cost.js';
  try {
    const mod = (await import(specifier)) as { measureStoreCost?: MeasureStoreCost };
    return typeof mod.measureStoreCost === 'function' ? mod.measureStoreCost : null;
  } catch {
    return null;
  }
}

// ---- the run ------------------------------------------------------------------------------------------
interface Results {
  startedAt: string;
  knobs: Record<string, unknown>;
  corpus: { templates: number };
  ceiling?: Ceiling;
  backfills: (Backfill & { backend: string; ratio: number })[];
  arrivals: Arrivals[];
  hostile?: Backfill & { sizes: Record<string, number> };
  storeCost: {
    backend: string;
    casesStored: number;
    msPerMessage: number;
    callsPerMessage: number;
    messages: number;
  }[];
  storeCostNote?: string;
  postgres: string;
  /** Measurements that failed (the others still ran): `label: why`. */
  failures: string[];
  summary?: string;
}

const mb = (n: number) => fixed(n, 0);
const ms = (n: number) => fixed(n, 0);

/** Runs every measurement; false when one of them failed (the summary line is printed either way). */
async function main(): Promise<boolean> {
  const s = services();
  await checkServices(s);
  const results: Results = {
    startedAt: new Date().toISOString(),
    knobs: { BACKFILLS, ARRIVALS, DURING_BACKFILL, HOSTILE_BACKFILL, STORE_CASES, SKIP: [...SKIP] },
    corpus: { templates: 0 },
    backfills: [],
    arrivals: [],
    storeCost: [],
    postgres: 'not run',
    failures: [],
  };
  const out = resolve(process.env.BENCH_E2E_JSON ?? join(repo, 'artifacts', 'bench-e2e.json'));
  mkdirSync(dirname(out), { recursive: true });
  // Written after every measurement: a long run stopped half-way still leaves its figures.
  const save = () => writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  /** Runs one measurement; a failure is one row and one entry in `failures`, and the run goes on. */
  const attempt = async (label: string, measure: () => Promise<void>) => {
    try {
      await measure();
    } catch (err) {
      const why = (err as Error).message.split('\n')[0] ?? String(err);
      results.failures.push(`${label}: ${why}`);
      console.log(row([label, `FAILED: ${why}`, '']));
    }
    save();
  };
  const began = Date.now();
  const templates: Template[] = await loadTemplates(fixturesDir);
  results.corpus.templates = templates.length;
  console.log(
    `bench:e2e on Dovecot ${s.imapHost}:${s.imapPort}, Redis ${s.redisUrl}, FerretDB ${s.mongodbUri}; ` +
      `${templates.length} corpus messages as templates; worker: ${cliPath}`,
  );

  // Every backfill set is a prefix of the largest, so the ceiling's mail is the backfills' mail.
  const largest = Math.max(0, ...BACKFILLS, DURING_BACKFILL, HOSTILE_BACKFILL);
  const all = generateMessages(templates, Math.max(largest, 1), { tag: 'bf' });
  const setOf = (n: number) => all.slice(0, n);
  const ceilingSet = setOf(Math.min(all.length, 1000));
  const ceiling = await measureCeiling(ceilingSet);
  results.ceiling = ceiling;
  console.log('\n| measurement | result | goal |');
  console.log('| --- | --- | --- |');
  console.log(
    row([
      `parse+analyze ceiling (${ceiling.messages} msgs, 1 thread)`,
      `${fixed(ceiling.perSecond)} msg/s (${fixed(ceiling.cpuMsPerMessage, 2)} ms CPU/msg)`,
      '',
    ]),
  );

  save();

  for (const n of BACKFILLS) {
    await attempt(`backfill ${n}`, async () => {
      const b = await measureBackfill(s, `backfill ${n}`, setOf(n), s.mongodbUri);
      const ratio = b.perSecond / ceiling.perSecond;
      results.backfills.push({ ...b, backend: 'sqlite', ratio });
      printBackfill(b, ratio, 'SQLite');
    });
  }

  if (!SKIP.has('arrivals') && ARRIVALS > 0) {
    await attempt('arrival, idle worker', async () => {
      const arrivals = generateMessages(templates, ARRIVALS, { tag: 'arr', firstCase: 500_000 });
      const a = await measureArrivals(s, `arrival, idle worker (${ARRIVALS}, 1/s)`, arrivals, []);
      results.arrivals.push(a);
      printArrivals(a);
      console.log(
        row([
          'worker start → first IDLE',
          `${ms(a.firstIdleMs)} ms from process start ('worker started' logged ${ms(a.startMs)} ms after spawn)`,
          '≤ 1000 ms',
        ]),
      );
    });
  }
  if (!SKIP.has('during') && ARRIVALS > 0 && DURING_BACKFILL > 0) {
    await attempt('arrival during a backfill', async () => {
      const arrivals = generateMessages(templates, ARRIVALS, { tag: 'arrb', firstCase: 600_000 });
      const a = await measureArrivals(
        s,
        `arrival during a ${DURING_BACKFILL} backfill (${ARRIVALS}, 1/s)`,
        arrivals,
        setOf(DURING_BACKFILL),
      );
      results.arrivals.push(a);
      printArrivals(a);
    });
  }

  if (!SKIP.has('hostile')) {
    await attempt('hostile set', async () => {
      const hostile = hostileMessages('hx', { big: !SKIP.has('big') });
      const mixed: BenchMessage[] = [...setOf(HOSTILE_BACKFILL)];
      // Spread through the backfill, so each meets a busy worker.
      hostile.forEach((h, i) => {
        mixed.splice(Math.floor(((i + 1) * mixed.length) / (hostile.length + 1)), 0, h);
      });
      const names = new Map<string, string>();
      for (const h of hostile) {
        names.set((await parseInboundMessage(h.raw, { maxBytes: 25 * MB })).messageKey, h.name);
      }
      const b = await measureBackfill(s, `hostile set in a ${HOSTILE_BACKFILL} backfill`, mixed, s.mongodbUri, names);
      results.hostile = { ...b, sizes: Object.fromEntries(hostile.map((h) => [h.name, h.raw.length])) };
      console.log(
        row([
          `worst event-loop delay, hostile set (${hostile.map((h) => `${h.name} ${fixed(h.raw.length / MB)} MB`).join(', ')}) in ${HOSTILE_BACKFILL}`,
          `${ms(b.worstDelayMs)} ms (next filed: ${b.worstDelayNear || 'none'}); while starting ${ms(b.startupDelayMs)} ms`,
          '≤ 200 ms',
        ]),
      );
      console.log(
        row([
          'peak worker RSS, hostile run',
          `${mb(b.peakRssMb)} MB (filed ${b.processed} processed, quarantined ${JSON.stringify(b.quarantined)})`,
          '≤ 300 MB',
        ]),
      );
    });
  }

  const measureStoreCost = SKIP.has('store') ? null : await loadStoreCost();
  if (!SKIP.has('store') && !measureStoreCost) results.storeCostNote = 'n/a (store-cost not available)';
  const storeCost = async (backend: string, mongodbUri: string) => {
    if (!measureStoreCost) return;
    for (const casesStored of STORE_CASES) {
      await attempt(`store cost, ${casesStored} cases (${backend})`, async () => {
        const r = await measureStoreCost({ mongodbUri, casesStored, messages: STORE_MESSAGES });
        results.storeCost.push({ backend, ...r });
        console.log(
          row([
            `store cost per message, ${casesStored} cases stored (${backend}, ${r.messages} msgs)`,
            `${fixed(r.msPerMessage, 2)} ms, ${fixed(r.callsPerMessage, 1)} calls`,
            '',
          ]),
        );
      });
    }
  };
  await storeCost('sqlite', s.mongodbUri);

  if (SKIP.has('pg')) results.postgres = 'skipped';
  else if (!(await postgresReachable())) {
    results.postgres = 'PostgreSQL not reachable on 127.0.0.1:5432';
    console.log(row(['FerretDB PostgreSQL backend', 'n/a (PostgreSQL not reachable)', '']));
  } else {
    await attempt('FerretDB PostgreSQL backend', async () => {
      const pg = await startFerretPostgres();
      await whileOpen(pg.stop, async () => {
        const n = Math.min(1000, Math.max(...BACKFILLS, 1));
        const b = await measureBackfill(s, `backfill ${n} (PostgreSQL)`, setOf(n), pg.mongodbUri);
        const ratio = b.perSecond / ceiling.perSecond;
        results.backfills.push({ ...b, backend: 'postgresql', ratio });
        printBackfill(b, ratio, 'FerretDB PostgreSQL');
        const sqlite = results.backfills.find((x) => x.backend === 'sqlite' && x.messages === n);
        if (sqlite) {
          console.log(
            row([
              `database's share (${n}): SQLite vs PostgreSQL backend`,
              `${fixed(sqlite.seconds)} s vs ${fixed(b.seconds)} s: ${fixed(sqlite.seconds - b.seconds)} s of SQLite's run is the backend`,
              '',
            ]),
          );
        }
        await storeCost('postgresql', pg.mongodbUri);
        results.postgres = 'run';
      });
    });
  }
  if (results.storeCostNote)
    console.log(row(['store cost per message (0 / 1,000 / 10,000 cases)', results.storeCostNote, '']));

  const sqliteRatios = results.backfills.filter((b) => b.backend === 'sqlite').map((b) => b.ratio);
  const peakRss = Math.max(
    ...results.backfills.map((b) => b.peakRssMb),
    ...results.arrivals.map((a) => a.peakRssMb),
    results.hostile?.peakRssMb ?? 0,
  );
  const summary = summaryLine({
    // The worst (lowest) of the SQLite backfills: the goal must hold at every size.
    backfillRatio: sqliteRatios.length > 0 ? Math.min(...sqliteRatios) : Number.NaN,
    // The worst p95: the goal holds on an idle worker and during a backfill.
    arrivalP95Ms: results.arrivals.length > 0 ? Math.max(...results.arrivals.map((a) => a.latency.p95)) : Number.NaN,
    rssMb: peakRss > 0 ? peakRss : Number.NaN,
    stallMs: results.hostile ? results.hostile.worstDelayMs : Number.NaN,
  });
  results.summary = summary;
  save();
  console.log(`\n(figures in ${out}; the run took ${fixed((Date.now() - began) / 1000, 0)} s)`);
  if (results.failures.length > 0) console.log(`${results.failures.length} measurement(s) failed: see above`);
  console.log(summary);
  return results.failures.length === 0;
}

function printBackfill(b: Backfill, ratio: number, backend: string): void {
  console.log(
    row([
      `${b.label} (${backend}; INBOX filled at ${fixed(b.fillPerSecond, 0)} msg/s first)`,
      `${fixed(b.perSecond)} msg/s over ${fixed(b.seconds)} s, ratio ${fixed(ratio, 2)}; worker CPU ${fixed(b.cpuMs / b.messages, 1)} ms/msg; stall ${ms(b.worstDelayMs)} ms (starting ${ms(b.startupDelayMs)} ms), RSS ${mb(b.peakRssMb)} MB; ${b.processed} processed, quarantined ${JSON.stringify(b.quarantined)}`,
      'ratio ≥ 0.50',
    ]),
  );
}

function printArrivals(a: Arrivals): void {
  const during = a.backfill > 0 ? ` (${a.duringBackfill} appended while the backfill was unfinished)` : '';
  console.log(
    row([
      a.label,
      `p50 ${ms(a.latency.p50)} ms, p95 ${ms(a.latency.p95)} ms, max ${ms(a.latency.max)} ms over ${a.latency.count}${during}; stall ${ms(a.worstDelayMs)} ms (starting ${ms(a.startupDelayMs)} ms), RSS ${mb(a.peakRssMb)} MB`,
      'p95 ≤ 1000 ms',
    ]),
  );
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err: unknown) => {
    if (err instanceof BenchSetupError) console.error(`bench:e2e: ${err.message}`);
    else console.error(`bench:e2e failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
