// The fault suite (`npm run test:faults`): each scenario backfills the same generated mailbox through real
// worker processes while one fault strikes, then measures what the record kept. See README 'Fault suite'.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { ImapFlow } from 'imapflow';
import { Redis } from 'ioredis';
import mongoose, { type Connection } from 'mongoose';
import { freePort } from '../support/services.js';
import { AttemptLedger, type Figures, failing, figuresOf, type Snapshot, signaturesOf, snapshot } from './measure.js';
import { generateMessages, type MessageSet } from './messages.js';
import {
  IMAP_PASSWORD,
  makeStateDir,
  PrivateDovecot,
  PrivateFerretDb,
  PrivateRedis,
  readTail,
  sleep,
  waitUntil,
} from './services.js';
import { killAllWorkers, WorkerProcess, type WorldConfig, workerEnv } from './workers.js';

const MESSAGE_QUEUE = 'messages'; // src/workers/queues.ts
const DIGEST_QUEUE = 'digests';
const INBOX = 'INBOX';

export interface SuiteSettings {
  messages: number;
  kills: number;
  mongoDownMs: number;
  imapDownMs: number;
  /** Longest wait for a run to drain after its fault is over. */
  settleMs: number;
  /** Longest wait for an orphaned job to be taken again. */
  orphanLimitMs: number;
  redisUrl: string;
  cli: string;
  scenarios: string[];
  keepState: boolean;
  /** Scenarios run at once (each has its own servers). */
  concurrency: number;
}

const intFrom = (name: string, fallback: number, min = 0): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got '${raw}'`);
  return n;
};

export const SCENARIOS = [
  'reference',
  'kill-9',
  'redis-wipe',
  'mongodb-down',
  'imap-down',
  'two-workers',
  'uidvalidity',
  'sigterm',
  'mongodb-kill',
  'redis-restart',
  'imap-restart',
];

/** Scenarios whose last third of the mail arrives during the fault (the scenario appends it). */
const LATE_MAIL = new Set(['mongodb-kill', 'redis-restart', 'imap-restart']);

export function settingsFromEnv(cli: string): SuiteSettings {
  const scenarios = (process.env.FAULTS_SCENARIOS ?? SCENARIOS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const s of scenarios) if (!SCENARIOS.includes(s)) throw new Error(`FAULTS_SCENARIOS: unknown scenario '${s}'`);
  // The reference run is what "order-dependent" compares with: always run, and first.
  const ordered = ['reference', ...scenarios.filter((s) => s !== 'reference')];
  return {
    messages: intFrom('FAULTS_MESSAGES', 300, 3),
    kills: intFrom('FAULTS_KILLS', 12, 1),
    mongoDownMs: intFrom('FAULTS_MONGO_DOWN_S', 30) * 1000,
    imapDownMs: intFrom('FAULTS_IMAP_DOWN_S', 300) * 1000,
    settleMs: intFrom('FAULTS_SETTLE_S', 1200, 10) * 1000,
    orphanLimitMs: intFrom('FAULTS_ORPHAN_LIMIT_S', 120, 10) * 1000,
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    cli,
    scenarios: ordered,
    keepState: process.env.FAULTS_KEEP === '1',
    concurrency: intFrom('FAULTS_CONCURRENCY', 1, 1),
  };
}

interface Services {
  stateDir: string;
  dovecot: PrivateDovecot;
  ferretdb: PrivateFerretDb;
  /** The scenario's own Redis, for the one that restarts it; the others share REDIS_URL's. */
  redis: PrivateRedis | null;
  smtpPort: number;
}

/** One scenario's world: its own IMAP user, database and queue prefix, and the harness's connections to them. */
class Run {
  readonly world: WorldConfig;
  readonly workers: WorkerProcess[] = [];
  db!: Connection;
  queue!: Queue;
  redis!: Redis;
  imap!: ImapFlow;
  uidToSeq = new Map<number, number>();
  worstOrphanWaitMs: number | null = null;
  /** Each kill's wait in seconds ('-': the victim held no job), for the notes. */
  readonly orphanWaits: string[] = [];
  readonly attempts = new AttemptLedger();
  private sampler: NodeJS.Timeout | null = null;
  notes: string[] = [];
  /** Outages the scenario caused: each worker may log each kind of outage line at most this often. */
  outages = 0;
  /** What broke the bar besides the figures (a worker's exit, its log lines). */
  problems: string[] = [];

  constructor(
    readonly name: string,
    readonly services: Services,
    readonly settings: SuiteSettings,
  ) {
    const id = randomUUID().slice(0, 8);
    this.world = {
      imapPort: services.dovecot.port,
      imapUser: `faults-${name}-${id}`,
      imapPassword: IMAP_PASSWORD,
      redisUrl: services.redis?.url ?? settings.redisUrl,
      queuePrefix: `rt-faults-${id}`,
      mongoUri: services.ferretdb.uri,
      dbName: `faults-${id}`,
      smtpPort: services.smtpPort,
    };
  }

  async open(): Promise<void> {
    this.db = await mongoose
      .createConnection(this.world.mongoUri, { dbName: this.world.dbName, serverSelectionTimeoutMS: 5_000 })
      .asPromise();
    this.redis = new Redis(this.world.redisUrl, { maxRetriesPerRequest: null });
    this.redis.on('error', () => undefined); // redis-restart kills it; ioredis reconnects by itself
    this.queue = new Queue(MESSAGE_QUEUE, { connection: this.redis, prefix: this.world.queuePrefix });
    this.queue.on('error', () => undefined); // the same: BullMQ would print each refused reconnect
    this.imap = await this.imapSession();
    // Redis stays up in every scenario but one; a failed sample (keys just deleted) is simply skipped.
    this.sampler = setInterval(() => void this.attempts.sample(this.queue).catch(() => undefined), 2_000);
  }

  imapSession(): Promise<ImapFlow> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: this.world.imapPort,
      secure: false,
      auth: { user: this.world.imapUser, pass: this.world.imapPassword },
      logger: false,
    });
    client.on('error', () => undefined); // a Dovecot restart drops it; reconnect() makes a new one
    return client.connect().then(() => client);
  }

  async reconnectImap(): Promise<void> {
    await this.imap.logout().catch(() => undefined);
    this.imap = await this.imapSession();
  }

  async append(set: MessageSet): Promise<void> {
    for (const m of set.messages) {
      const res = await this.imap.append(INBOX, m.raw);
      if (res === false || !res.uid) throw new Error('APPEND returned no UID (UIDPLUS missing?)');
      this.uidToSeq.set(res.uid, m.seq);
    }
  }

  addWorker(): WorkerProcess {
    const w = new WorkerProcess(
      this.settings.cli,
      workerEnv(this.world),
      this.services.stateDir,
      `${this.name}-${this.workers.length + 1}`,
    );
    this.workers.push(w);
    w.start();
    return w;
  }

  /** Log entries so far; null while MongoDB does not answer. */
  async logged(): Promise<number | null> {
    try {
      return await this.db.collection('log_entries').countDocuments({}, { maxTimeMS: 5_000 });
    } catch {
      return null;
    }
  }

  async untilLogged(count: number, timeoutMs: number): Promise<boolean> {
    return waitUntil(async () => ((await this.logged()) ?? 0) >= count, timeoutMs);
  }

  /** INBOX empty and no job waiting or running, twice in a row a second apart. */
  async untilDrained(timeoutMs: number): Promise<boolean> {
    let calm = 0;
    return waitUntil(async () => {
      try {
        const status = await this.imap.status(INBOX, { messages: true });
        const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        const idle = status !== false && status.messages === 0 && Object.values(counts).every((n) => n === 0);
        calm = idle ? calm + 1 : 0;
      } catch {
        calm = 0;
        await this.reconnectImap().catch(() => undefined);
      }
      if (calm < 2) await sleep(800);
      return calm >= 2;
    }, timeoutMs);
  }

  /**
   * Kills a worker (waiting up to 10 s for jobs in hand) and measures how long until another process
   * takes each job it held: the job's processedOn moves past the kill. A job that finishes without being
   * taken again was the survivor's, not the victim's.
   */
  async killAndMeasure(victim: WorkerProcess): Promise<void> {
    await waitUntil(async () => (await this.queue.getActiveCount()) > 0, 10_000);
    const active = (await this.queue.getJobs(['active'])).filter((j) => j?.id).map((j) => j.id as string);
    const killedAt = await victim.kill9();
    victim.start();
    const waiting = new Set(active);
    let worst: number | null = null;
    const done = await waitUntil(async () => {
      for (const id of [...waiting]) {
        const job = await this.queue.getJob(id);
        if (job?.processedOn && job.processedOn > killedAt) {
          worst = Math.max(worst ?? 0, job.processedOn - killedAt);
          waiting.delete(id);
        } else if (job?.finishedOn) {
          waiting.delete(id);
        }
      }
      return waiting.size === 0;
    }, this.settings.orphanLimitMs);
    if (!done) worst = Math.max(worst ?? 0, Date.now() - killedAt);
    if (worst !== null) this.worstOrphanWaitMs = Math.max(this.worstOrphanWaitMs ?? 0, worst);
    this.orphanWaits.push(worst === null ? '-' : `${done ? '' : '>'}${(worst / 1000).toFixed(1)}`);
  }

  /**
   * The workers' outage lines, read from their logs: per worker and kind, as many lines saying the
   * service went as saying it came back (the worker recovered by itself), at most one of each per
   * outage the scenario caused, and no job failed.
   */
  checkLogLines(): void {
    const kinds: [string, (l: LogLine) => boolean, (l: LogLine) => boolean][] = [
      [
        'message worker',
        (l) => l.msg === 'service unavailable: message worker paused',
        (l) => l.msg === 'service back: message worker resumed',
      ],
      [
        'redis',
        (l) => l.component === 'redis' && /\(retrying\)$/.test(l.msg ?? ''),
        (l) => /: reachable again$/.test(l.msg ?? ''),
      ],
      [
        'poller',
        (l) => l.msg === 'scan failed (retrying)' || l.msg === 'imap connection lost (reconnecting)',
        (l) => l.msg === 'scans succeed again',
      ],
    ];
    const summary: string[] = [];
    for (const w of this.workers) {
      const lines = logLinesOf(join(this.services.stateDir, `worker-${w.name}.log`));
      for (const msg of ['job failed', 'worker error']) {
        const n = lines.filter((l) => l.msg === msg).length;
        if (n > 0) this.problems.push(`${w.name}: ${n} '${msg}' lines`);
      }
      const lost = lines.filter((l) => l.msg?.startsWith('jobs in hand lost')).length;
      if (lost > 0) summary.push(`${w.name} lost jobs ${lost}`);
      for (const [kind, isDown, isUp] of kinds) {
        const down = lines.filter(isDown).length;
        const up = lines.filter(isUp).length;
        if (down > 0 || up > 0) summary.push(`${w.name} ${kind} ${down}/${up}`);
        if (down !== up) this.problems.push(`${w.name}: ${kind} logged going away ${down} times, back ${up}`);
        if (down > this.outages)
          this.problems.push(`${w.name}: ${down} ${kind} outage lines for ${this.outages} outage(s)`);
      }
    }
    this.notes.push(`outage lines down/up: ${summary.join(', ') || 'none'}`);
  }

  async measure(): Promise<Snapshot> {
    await this.reconnectImap();
    return snapshot(this.db, this.queue, this.imap, INBOX);
  }

  async close(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    for (const w of this.workers) await w.stop();
    await this.queue.obliterate({ force: true }).catch(() => undefined);
    await deleteKeys(this.redis, this.world.queuePrefix).catch(() => undefined);
    await this.queue.close().catch(() => undefined);
    this.redis.disconnect();
    await this.imap.logout().catch(() => undefined);
    await this.db.dropDatabase().catch(() => undefined);
    await this.db.close().catch(() => undefined);
  }
}

/** Deletes every key under one queue prefix (and nothing else: the Redis is shared). */
async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  for (let rounds = 0; rounds < 100_000; rounds++) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) deleted += await redis.del(...keys);
    cursor = next;
    if (cursor === '0') break;
  }
  return deleted;
}

interface LogLine {
  msg?: string;
  component?: string;
}

/** A worker's pino lines (its log may hold several runs of the process). */
function logLinesOf(file: string): LogLine[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const lines: LogLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      // A line cut by a SIGKILL.
    }
  }
  return lines;
}

/** The mail a LATE_MAIL scenario holds back and appends during its fault: the last third. */
function lateMailOf(set: MessageSet): { early: MessageSet; late: MessageSet } {
  const cut = set.messages.length - third(set);
  return {
    early: { ...set, messages: set.messages.slice(0, cut) },
    late: { ...set, messages: set.messages.slice(cut) },
  };
}

type Scenario = (run: Run, set: MessageSet) => Promise<void>;

/** Where faults strike: a third of the way through the backfill. */
const third = (set: MessageSet) => Math.max(1, Math.floor(set.messages.length / 3));
const MID_RUN_LIMIT_MS = 300_000;

const scenarios: Record<string, Scenario> = {
  async reference(run) {
    run.addWorker();
  },
  async 'kill-9'(run, set) {
    // Two workers, so a survivor is there to take the victim's job: the wait measures lock and stall
    // settings, not how long a restarted process takes to start.
    const workers = [run.addWorker(), run.addWorker()];
    const n = set.messages.length;
    let kills = 0;
    for (let k = 1; k <= run.settings.kills; k++) {
      const at = Math.floor((n * k) / (run.settings.kills + 1));
      if (!(await run.untilLogged(at, MID_RUN_LIMIT_MS))) break;
      if (((await run.logged()) ?? 0) >= n) break;
      await run.killAndMeasure(workers[k % 2] as WorkerProcess);
      kills++;
    }
    run.notes.push(`${kills} kills, orphan waits (s): ${run.orphanWaits.join(' ')}`);
  },
  async 'redis-wipe'(run, set) {
    run.addWorker();
    await run.untilLogged(third(set), MID_RUN_LIMIT_MS);
    const deleted = await deleteKeys(run.redis, run.world.queuePrefix);
    run.notes.push(`${deleted} keys deleted`);
    // Not a table figure, but the issue's: the daily digest scheduler must come back with the next full scan.
    const digests = new Queue(DIGEST_QUEUE, { connection: run.redis, prefix: run.world.queuePrefix });
    const back = await waitUntil(async () => (await digests.getJobSchedulersCount()) > 0, 30_000);
    run.notes.push(back ? 'digest scheduler re-registered' : 'digest scheduler NOT back within 30 s');
    await digests.close();
  },
  async 'mongodb-down'(run, set) {
    run.addWorker();
    await run.untilLogged(third(set), MID_RUN_LIMIT_MS);
    await run.services.ferretdb.stop();
    await sleep(run.settings.mongoDownMs);
    await run.services.ferretdb.start();
    run.notes.push(`down ${run.settings.mongoDownMs / 1000} s`);
  },
  async 'imap-down'(run, set) {
    run.addWorker();
    await run.untilLogged(third(set), MID_RUN_LIMIT_MS);
    await run.services.dovecot.stop();
    await sleep(run.settings.imapDownMs);
    await run.services.dovecot.start();
    await run.reconnectImap();
    run.notes.push(`down ${run.settings.imapDownMs / 1000} s`);
  },
  async 'two-workers'(run) {
    run.addWorker();
    run.addWorker();
  },
  async sigterm(run, set) {
    // A deploy: SIGTERM while jobs are in hand, twice. The worker must finish them and exit 0 (a job it
    // dropped would be retried with an attempt spent, or wait for a stalled check).
    const w = run.addWorker();
    for (const at of [third(set), 2 * third(set)]) {
      if (!(await run.untilLogged(at, MID_RUN_LIMIT_MS))) break;
      const busy = await waitUntil(async () => (await run.queue.getActiveCount()) > 0, 10_000);
      const { code, ms } = await w.terminate();
      run.notes.push(`SIGTERM with${busy ? '' : 'out'} jobs in hand: exit ${code} in ${(ms / 1000).toFixed(1)} s`);
      if (code !== 0) run.problems.push(`worker exited ${code} after SIGTERM`);
      if (ms > 15_000) run.problems.push(`worker took ${ms} ms to stop after SIGTERM`);
      w.start();
    }
  },
  async 'mongodb-kill'(run, set) {
    // FerretDB killed mid-commit (no clean shutdown), slow to come back, mail arriving meanwhile.
    run.addWorker();
    await run.untilLogged(third(set), MID_RUN_LIMIT_MS);
    const since = Date.now();
    await run.services.ferretdb.kill9();
    run.outages = 1;
    await run.append(lateMailOf(set).late);
    await sleep(Math.max(0, run.settings.mongoDownMs - (Date.now() - since)));
    await run.services.ferretdb.start();
    run.notes.push(
      `killed, down ${((Date.now() - since) / 1000).toFixed(0)} s, ${third(set)} messages arrived meanwhile`,
    );
  },
  async 'redis-restart'(run, set) {
    // Redis dies and comes back empty: queued and running jobs are gone; the mailbox rescan must requeue.
    run.addWorker();
    await run.untilLogged(third(set), MID_RUN_LIMIT_MS);
    const redis = run.services.redis;
    if (!redis) throw new Error('redis-restart needs its own Redis');
    await redis.kill9();
    run.outages = 1;
    await run.append(lateMailOf(set).late);
    await sleep(5_000);
    await redis.start();
    run.notes.push('killed, back empty after 5 s');
    const digests = new Queue(DIGEST_QUEUE, { connection: run.redis, prefix: run.world.queuePrefix });
    const back = await waitUntil(async () => (await digests.getJobSchedulersCount()) > 0, 30_000);
    run.notes.push(back ? 'digest scheduler re-registered' : 'digest scheduler NOT back within 30 s');
    if (!back) run.problems.push('digest scheduler not re-registered within 30 s');
    await digests.close();
  },
  async 'imap-restart'(run, set) {
    // Dovecot restarted mid-backfill (the worker in a FETCH or MOVE, the poller in IDLE), down long enough
    // for the first reconnects to be refused; mail arrives after.
    run.addWorker();
    await run.untilLogged(third(set), MID_RUN_LIMIT_MS);
    await run.services.dovecot.stop();
    await sleep(10_000);
    await run.services.dovecot.start();
    run.outages = 1;
    await run.reconnectImap();
    await run.append(lateMailOf(set).late);
    run.notes.push('restarted after 10 s');
  },
  async uidvalidity(run, set) {
    run.addWorker();
    await run.untilLogged(third(set), MID_RUN_LIMIT_MS);
    await run.reconnectImap(); // imapflow drops a session idle for 5 minutes
    const before = await run.imap.status(INBOX, { uidValidity: true });
    const old = before === false ? 0 : Number(before.uidValidity ?? 0n);
    const next = old + 1000;
    run.services.dovecot.changeUidValidity(run.world.imapUser, INBOX, next);
    run.notes.push(`UIDVALIDITY ${old} -> ${next}`);
  },
};

export interface ScenarioResult {
  name: string;
  figures: Figures | null;
  seconds: number;
  notes: string[];
  /** What broke the bar besides the figures: a worker's exit, its outage lines (Run.problems). */
  problems: string[];
  error?: string;
}

/** A finished run, measured once the reference run it is compared with is known. */
interface Finished {
  name: string;
  snap: Snapshot | null;
  uidToSeq: Map<number, number>;
  worstOrphanWaitMs: number | null;
  attempts: AttemptLedger;
  seconds: number;
  notes: string[];
  problems: string[];
  error?: string;
}

/** One scenario on its own Dovecot and FerretDB, so its outage touches no other scenario. */
async function runScenario(
  name: string,
  settings: SuiteSettings,
  set: MessageSet,
  stateDir: string,
): Promise<Finished> {
  const started = Date.now();
  const dir = join(stateDir, name);
  mkdirSync(dir, { recursive: true });
  let services: Services | null = null;
  let run: Run | null = null;
  try {
    const dovecot = await PrivateDovecot.create(dir);
    services = {
      stateDir: dir,
      dovecot,
      ferretdb: await PrivateFerretDb.create(dir),
      redis: name === 'redis-restart' ? await PrivateRedis.create(dir) : null,
      smtpPort: await freePort(),
    };
    live.add(services);
    run = new Run(name, services, settings);
    await run.open();
    await run.append(LATE_MAIL.has(name) ? lateMailOf(set).early : set);
    const scenario = scenarios[name];
    if (!scenario) throw new Error(`no scenario ${name}`);
    await scenario(run, set);
    if (!(await run.untilDrained(settings.settleMs))) run.notes.push(`not drained after ${settings.settleMs / 1000} s`);
    run.checkLogLines();
    const snap = await run.measure();
    return {
      name,
      snap,
      uidToSeq: run.uidToSeq,
      worstOrphanWaitMs: run.worstOrphanWaitMs,
      attempts: run.attempts,
      seconds: (Date.now() - started) / 1000,
      notes: run.notes,
      problems: run.problems,
    };
  } catch (err) {
    const tail = readTail(join(dir, `worker-${name}-1.log`), 5);
    return {
      name,
      snap: null,
      uidToSeq: new Map(),
      worstOrphanWaitMs: null,
      attempts: new AttemptLedger(),
      seconds: (Date.now() - started) / 1000,
      notes: run?.notes ?? [],
      problems: run?.problems ?? [],
      error: `${(err as Error).message}${tail ? `\n${tail}` : ''}`,
    };
  } finally {
    await run?.close().catch(() => undefined);
    if (services) {
      await stopServices(services);
      live.delete(services);
    }
  }
}

/** Services still running, stopped on SIGINT/SIGTERM too. */
const live = new Set<Services>();
async function stopServices(services: Services): Promise<void> {
  await services.dovecot.stop();
  await services.ferretdb.stop();
  await services.redis?.stop();
  rmSync(services.dovecot.baseDir, { recursive: true, force: true });
}

const COLUMNS = [
  'scenario',
  'lost',
  'duplicated',
  'wrongly closed',
  'order-dependent',
  'attempts spent',
  'false failures',
  'worst orphan wait',
  'left in INBOX',
  'quarantined',
  'missed',
  'time',
];

export function tableRow(r: ScenarioResult): string[] {
  const f = r.figures;
  if (!f) return [r.name, ...COLUMNS.slice(1, -1).map(() => 'ERROR'), `${r.seconds.toFixed(0)} s`];
  const wait = f.worstOrphanWaitMs === null ? '-' : `${(f.worstOrphanWaitMs / 1000).toFixed(1)} s`;
  return [
    r.name,
    String(f.lost),
    String(f.duplicated),
    String(f.wronglyClosed),
    f.orderDependent === null ? '-' : String(f.orderDependent),
    String(f.attemptsSpent),
    String(f.falseFailures),
    wait,
    String(f.leftInInbox),
    String(f.quarantined),
    String(f.missed),
    `${r.seconds.toFixed(0)} s`,
  ];
}

export function formatTable(rows: string[][]): string {
  const all = [COLUMNS, ...rows];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(COLUMNS), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < tasks.length; i = next++) results[i] = await (tasks[i] as () => Promise<T>)();
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
  return results;
}

/** Runs the suite; resolves true when every scenario met the bar. */
export async function runSuite(settings: SuiteSettings, out: (line: string) => void): Promise<boolean> {
  const set = generateMessages(settings.messages);
  const stateDir = makeStateDir();
  out(
    `fault suite: ${set.messages.length} messages over ${set.cases.size} cases; scenarios: ${settings.scenarios.join(', ')}; ${settings.concurrency} at a time; state in ${stateDir}`,
  );
  const onSignal = () => {
    killAllWorkers();
    void Promise.all([...live].map((s) => stopServices(s).catch(() => undefined))).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let finished: Finished[] = [];
  try {
    finished = await pool(
      settings.scenarios.map((name) => async () => {
        const f = await runScenario(name, settings, set, stateDir);
        out(
          `${name}: ${f.error ? `ERROR ${f.error}` : 'done'} in ${f.seconds.toFixed(0)} s${f.notes.length ? ` (${f.notes.join('; ')})` : ''}`,
        );
        for (const problem of f.problems) out(`${name}: FAULT ${problem}`);
        return f;
      }),
      settings.concurrency,
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const referenceSnap = finished.find((f) => f.name === 'reference')?.snap ?? null;
  const reference = referenceSnap ? signaturesOf(referenceSnap) : null;
  const results: ScenarioResult[] = finished.map((f) => ({
    name: f.name,
    seconds: f.seconds,
    notes: f.notes,
    problems: f.problems,
    ...(f.error ? { error: f.error } : {}),
    figures: f.snap
      ? figuresOf(f.snap, set, f.uidToSeq, f.name === 'reference' ? null : reference, f.worstOrphanWaitMs, f.attempts)
      : null,
  }));
  out('');
  out(formatTable(results.map(tableRow)));
  const bad = results.filter(
    (r) => !r.figures || failing(r.figures) || r.problems.length > 0 || (r.name !== 'reference' && !reference),
  );
  // Worker and server logs stay for a failed run.
  if (bad.length === 0 && !settings.keepState) rmSync(stateDir, { recursive: true, force: true });
  out(
    bad.length === 0
      ? '\nfault suite: every count 0 and every orphaned job taken within 10 s'
      : `\nfault suite: FAILED in ${bad.map((r) => r.name).join(', ')} (logs in ${stateDir})`,
  );
  return bad.length === 0;
}
