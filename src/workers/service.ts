import { DelayedError, type Job, Queue, Worker } from 'bullmq';
import { DEFAULT_WORKER_CONCURRENCY, digestScheduleOf, type WorkerConfig } from '../config.js';
import { MailboxConnection, MailboxUnavailableError, mailboxIdOf } from '../ingest/mailbox-connection.js';
import { MailboxMessages } from '../ingest/mailbox-messages.js';
import { MailboxPoller } from '../ingest/mailbox-poller.js';
import type { MessageRef } from '../ingest/message-ref.js';
import type { Logger } from '../logger.js';
import { SenderTemplateStore } from '../models/sender-template-store.js';
import { openStore, type Store, StoreUnavailableError } from '../models/store.js';
import type { Ruleset } from '../rules/ruleset.js';
import { AnalysisPool, type RuleSource } from './analysis-pool.js';
import { type DigestMailer, localDay, sendDigest } from './digest.js';
import { startHealthServer, WorkerMetrics } from './health.js';
import { createMailTransport } from './mail-transport.js';
import {
  type MessageOutcome,
  type MessageProcessorDeps,
  processMessage,
  quarantineAfterLastAttempt,
} from './message-processor.js';
import {
  DIGEST_QUEUE,
  type DigestJobData,
  enqueueMessages,
  MESSAGE_JOB_OPTIONS,
  MESSAGE_QUEUE,
  MESSAGE_WORKER_LOCKS,
  type MessageJobOptions,
  queueOptions,
  redisConnection,
} from './queues.js';
import type { Analyzer } from './record-message.js';
import {
  checkRedis,
  describeImapFailure,
  describeMongoFailure,
  describeRedisFailure,
  ServiceUnavailableError,
  STARTUP_CHECK_TIMEOUT_MS,
  withTimeout,
} from './startup-checks.js';

export interface WorkerService {
  store: Store;
  poller: MailboxPoller;
  messageQueue: Queue;
  digestQueue: Queue;
  metrics: WorkerMetrics;
  /** The threads that parse and analyse messages (what they run and wait for: tests, /metrics). */
  analysisPool: AnalysisPool;
  /** Resolves when no message job is waiting, delayed or running. */
  whenIdle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface WorkerServiceOptions {
  logger: Logger;
  ruleset?: Ruleset;
  /**
   * The rule-pack files and directories `ruleset` was built from (RULES_PATH): the analysis threads
   * build the same ruleset from them. Without it the threads use the built-in rules when `ruleset` is
   * absent or the built-in one; any other Ruleset object (tests build them in code) cannot be rebuilt
   * in a thread, so the rules then run on the main thread (parsing still runs in the pool).
   */
  ruleFiles?: string[];
  now?: () => Date;
  mailer?: DigestMailer;
  /**
   * Message jobs in flight at once (WORKER_CONCURRENCY, default DEFAULT_WORKER_CONCURRENCY): while one
   * waits for IMAP or MongoDB another parses. Processing is idempotent and the case store safe for
   * concurrent writes, so any number gives the same records.
   */
  concurrency?: number;
  /** Threads of the analysis pool (ANALYSIS_THREADS); default one per core, at least 2. */
  analysisThreads?: number;
  /** Most messages in one UID FETCH / UID MOVE (IMAP_BATCH_SIZE); default MAILBOX_BATCH_DEFAULTS.maxBatch. */
  imapBatchSize?: number;
  /** Register the daily digest schedulers (off in tests that trigger digests themselves). */
  scheduleDigests?: boolean;
  /** Attempts and backoff of message jobs (tests shorten them). */
  messageJobOptions?: MessageJobOptions;
  /** Test seam: wraps the processor's dependencies (e.g. a step that always fails). */
  decorateDeps?: (deps: MessageProcessorDeps) => MessageProcessorDeps;
  /** Serve /healthz and /metrics on this port (HTTP_PORT; off when absent). */
  httpPort?: number;
}

/** The one start-up module: wires IMAP, Redis, MongoDB and SMTP adapters to the processors. */
export async function startWorkerService(config: WorkerConfig, options: WorkerServiceOptions): Promise<WorkerService> {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  // Everything opened so far, closed in reverse order on shutdown, or at once when start-up fails
  // (an open connection would otherwise keep a process that cannot work alive).
  const opened: (() => Promise<unknown> | undefined)[] = [];
  const shutdown = async (): Promise<void> => {
    const failures: unknown[] = [];
    for (const close of opened.splice(0).reverse()) {
      try {
        await close();
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length > 0) logger.warn({ err: { message: String(failures[0]) } }, 'error during shutdown');
  };
  try {
    return await start(config, options, opened, shutdown, now);
  } catch (err) {
    await shutdown();
    throw err;
  }
}

async function start(
  config: WorkerConfig,
  options: WorkerServiceOptions,
  opened: (() => Promise<unknown> | undefined)[],
  shutdown: () => Promise<void>,
  now: () => Date,
): Promise<WorkerService> {
  const { logger, ruleset } = options;
  // Parsing and the rules run on the pool's threads, which build and warm their rules in the background:
  // the main thread compiles nothing before the poller is in IDLE, and loads neither the parser nor the
  // rules' analysis (message-processor.ts and record-message.ts load them only when there is no pool).
  const rules = await ruleSourceOf(options);
  const pool = new AnalysisPool({
    threads: options.analysisThreads,
    rules,
    logger: logger.child({ component: 'analysis-pool' }),
  });
  opened.push(() => pool.close());
  if (!rules && ruleset) {
    logger.info('a ruleset built in code cannot be sent to the analysis threads: the rules run on the main thread');
    // Warmed in slices between other work, as before the pool (first real message not charged for it).
    void import('../rules/warm-up.js')
      .then(({ warmUpRulesInSlices }) => warmUpRulesInSlices(ruleset))
      .catch(() => undefined);
  }
  const analyzer: Analyzer | undefined = pool.analyses ? (message, opts) => pool.analyze(message, opts) : undefined;
  // Each service is checked with a bounded wait; a failure is one ServiceUnavailableError naming the cause.
  await checkRedis(config.redis);
  let store: Store;
  try {
    store = await openStore(config.mongo);
  } catch (err) {
    const cause = err instanceof StoreUnavailableError ? (err.cause ?? err) : err;
    throw new ServiceUnavailableError('mongodb', describeMongoFailure(cause, config.mongo.mongodbUri), { cause });
  }
  opened.push(() => store.close());
  const templates = await SenderTemplateStore.open(store.connection);
  const redis = redisConnection(config.redis);
  opened.push(() => {
    redis.disconnect();
    return undefined;
  });
  // One line when Redis goes away and one when it is back, however many retries and listeners see it.
  const redisOutage = new OutageLog('redis', logger.child({ component: 'redis' }));
  // Jobs in hand when Redis lost its data: one line per outage, not one per job and per BullMQ step.
  const lostJobs = new LostJobLog(logger.child({ component: 'message-worker' }));
  const onRedisError = (err: Error) => {
    if (redisOutage.down(describeRedisFailure(err, config.redis.redisUrl))) lostJobs.rearm();
  };
  redis.on('error', onRedisError);
  redis.on('ready', () => redisOutage.up());
  const qopts = queueOptions(config.redis, redis);
  const messageQueue = new Queue(MESSAGE_QUEUE, qopts);
  const digestQueue = new Queue(DIGEST_QUEUE, qopts);
  for (const q of [messageQueue, digestQueue]) q.on('error', onRedisError);
  opened.push(
    () => messageQueue.close(),
    () => digestQueue.close(),
  );

  const imapLog = logger.child({ component: 'imap', mailbox: mailboxIdOf(config.imap) });
  const workerImap = new MailboxConnection(config.imap, imapLog);
  opened.push(() => workerImap.close());
  try {
    await withTimeout(
      workerImap.ensureMailboxes([config.imap.processedMailbox, config.imap.quarantineMailbox]),
      2 * STARTUP_CHECK_TIMEOUT_MS,
    );
  } catch (err) {
    const cause = err instanceof MailboxUnavailableError ? (err.cause ?? err) : err;
    throw new ServiceUnavailableError('imap', describeImapFailure(cause, config.imap), { cause });
  }
  const messages = new MailboxMessages(
    workerImap,
    config.imap,
    imapLog,
    options.imapBatchSize === undefined ? {} : { maxBatch: options.imapBatchSize },
  );
  const mailer = options.mailer ?? createMailTransport(config.smtp);

  const depsOf = (job: Job<MessageRef>): MessageProcessorDeps => {
    const deps: MessageProcessorDeps = {
      source: messages,
      cases: store.cases,
      quarantine: store.quarantine,
      templates,
      digests: store.digests,
      imap: config.imap,
      ruleset,
      // The fetched source is the job's own (ingest/mailbox-messages.ts): handed over, not copied.
      parse: (raw, parseOptions) => pool.parse(raw, parseOptions, { handOver: true }),
      analyzer,
      now,
      logger: logger.child({ component: 'message-worker', jobId: job.id }),
    };
    return options.decorateDeps ? options.decorateDeps(deps) : deps;
  };
  const metrics = new WorkerMetrics();
  const counted = (job: Job<MessageRef>, startedAt: number, outcome: MessageOutcome): MessageOutcome => {
    metrics.processingSeconds.observe((Date.now() - startedAt) / 1000);
    metrics.messagesProcessed.inc({ outcome: outcome.status });
    if (outcome.status === 'quarantined') metrics.quarantined.inc({ reason: outcome.reason });
    if (outcome.status === 'processed') metrics.arrivalToCaseSeconds.observe((Date.now() - job.timestamp) / 1000);
    return outcome;
  };
  let outage: OutageGate | undefined;
  const messageWorker = new Worker<MessageRef>(
    MESSAGE_QUEUE,
    async (job: Job<MessageRef>, token?: string) => {
      const deps = depsOf(job);
      const startedAt = Date.now();
      try {
        try {
          return counted(job, startedAt, await processMessage(job.data, deps));
        } catch (err) {
          if (outageOf(err)) throw err;
          // The last attempt, whatever went wrong: Quarantine with the error instead of a `failed` job.
          const attempt = job.attemptsMade + 1;
          if (attempt < (job.opts.attempts ?? 1)) throw err;
          return counted(job, startedAt, await quarantineAfterLastAttempt(job.data, deps, attempt, err));
        }
      } catch (err) {
        const service = outageOf(err);
        if (!service || !outage) throw err;
        // A service is away: the job goes back to the queue without spending an attempt, and the
        // worker takes nothing more until the probe sees the service answer again.
        outage.begin(service, err);
        await job.moveToDelayed(Date.now() + OUTAGE_REQUEUE_MS, token);
        throw new DelayedError();
      }
    },
    { ...qopts, concurrency: options.concurrency ?? DEFAULT_WORKER_CONCURRENCY, ...MESSAGE_WORKER_LOCKS },
  );
  outage = new OutageGate(
    messageWorker,
    {
      imap: async () => (await workerImap.get()).noop(),
      mongodb: async () => store.connection.db?.admin().ping(),
      redis: () => redis.ping(),
    },
    logger.child({ component: 'message-worker' }),
  );
  const gate = outage;
  opened.push(() => gate.close());
  const digestWorker = new Worker<DigestJobData>(
    DIGEST_QUEUE,
    async (job: Job<DigestJobData>) => {
      // The day the run was due for, not the day a retry happens to run on.
      const due = new Date(job.timestamp + (job.delay ?? 0));
      const schedule = digestScheduleOf(config.digest, job.data.owner);
      const outcome = await sendDigest(job.data.owner, localDay(due, job.data.timeZone), {
        cases: store.cases,
        digests: store.digests,
        quarantine: store.quarantine,
        options: { timeZone: job.data.timeZone, language: schedule.language },
        mailer,
        from: config.smtp.from,
        now,
        logger: logger.child({ component: 'digest-worker', jobId: job.id }),
      });
      if (outcome.status === 'sent') metrics.digestsSent.inc();
      return outcome;
    },
    { ...qopts, concurrency: 1 },
  );
  opened.push(
    () => messageWorker.close(),
    () => digestWorker.close(),
  );
  for (const w of [messageWorker, digestWorker]) {
    w.on('failed', (job, err) =>
      logger.warn(
        { queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, err: { message: err.message } },
        'job failed',
      ),
    );
    w.on('error', (err) => {
      if (outageOf(err) === 'redis' || isRedisSocketError(err)) onRedisError(err);
      else if (LOST_JOB_ERROR.test(err.message)) lostJobs.note(w.name, err.message);
      else logger.error({ queue: w.name, err: { message: err.message } }, 'worker error');
    });
  }

  const scheduleDigests = options.scheduleDigests ?? true;
  // Idempotent (same scheduler id, same pattern): re-asserted on every full scan, so a Redis that
  // lost its keys has the daily digest back within one poll interval. The (owner, day) claim in
  // sendDigest keeps it to one digest a day however often this runs.
  const assertDigestSchedulers = async (): Promise<void> => {
    for (const owner of config.imap.allowedForwarders) {
      const { hour, timeZone } = digestScheduleOf(config.digest, owner);
      await digestQueue.upsertJobScheduler(
        `digest-${owner}`,
        { pattern: `0 ${hour} * * *`, tz: timeZone },
        { name: 'digest', data: { owner, timeZone } satisfies DigestJobData },
      );
    }
  };
  if (scheduleDigests) await assertDigestSchedulers();

  const jobOptions = options.messageJobOptions ?? MESSAGE_JOB_OPTIONS;
  const pollerLog = logger.child({ component: 'poller' });
  const poller = new MailboxPoller({
    imap: config.imap,
    checkpoints: store.mailboxes,
    enqueue: async (refs, scan, mailbox) => {
      if (scan === 'full' && scheduleDigests) {
        await assertDigestSchedulers().catch((err: Error) =>
          pollerLog.warn({ err: { message: err.message } }, 'could not re-assert the digest schedulers'),
        );
      }
      await enqueueMessages(messageQueue, refs, scan, { jobOptions, mailbox });
    },
    logger: pollerLog,
  });
  opened.push(() => poller.stop());
  // Threads load their code while the services above connect (a few hundred ms); waiting for that
  // here means the first scan's messages are not charged for it. Their rules warm in the background.
  // Bounded: threads that cannot start are the pool's to log and restart, not a reason to stay out of IDLE.
  await Promise.race([pool.whenLoaded(), new Promise((resolve) => setTimeout(resolve, POOL_LOAD_WAIT_MS).unref())]);
  await poller.start();

  if (options.httpPort !== undefined) {
    // IMAP counts as failing when not connected, or when no scan succeeded for three poll intervals.
    const staleScanMs = Math.max(3 * config.imap.pollIntervalMs, 60_000);
    const server = await startHealthServer({
      port: options.httpPort,
      now,
      logger: logger.child({ component: 'http' }),
      metrics,
      probes: {
        imap: async () => {
          const { connected, lastScanAt } = poller.health();
          if (!connected) throw new Error('not connected');
          const age = lastScanAt ? now().getTime() - lastScanAt.getTime() : Number.POSITIVE_INFINITY;
          if (age > staleScanMs) throw new Error(`no successful scan for ${Math.round(age / 1000)} s`);
        },
        redis: async () => {
          if (redis.status !== 'ready') throw new Error(`not connected (${redis.status})`);
          await redis.ping();
        },
        mongodb: async () => {
          if (store.connection.readyState !== 1) throw new Error('not connected');
          await store.connection.db?.admin().ping();
        },
      },
      live: {
        lastScanAt: () => poller.health().lastScanAt,
        queueDepth: async () =>
          redis.status === 'ready'
            ? ((await messageQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed')) as Record<
                string,
                number
              >)
            : {},
      },
    });
    opened.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Kept-alive scrapers' connections would otherwise hold the close open.
          server.closeAllConnections();
        }),
    );
  }

  let closing: Promise<void> | undefined;
  return {
    store,
    poller,
    messageQueue,
    digestQueue,
    metrics,
    analysisPool: pool,
    async whenIdle(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const counts = await messageQueue.getJobCounts(
          'waiting',
          'active',
          'delayed',
          'prioritized',
          'waiting-children',
        );
        if (Object.values(counts).every((n) => n === 0)) return;
        if (Date.now() > deadline) throw new Error(`queue not idle after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close() {
      // Idempotent; every cleanup runs even when one fails.
      closing ??= shutdown();
      return closing;
    },
  };
}

/** Where the analysis threads get the worker's rules from; null when they cannot (a Ruleset built in code). */
async function ruleSourceOf(options: WorkerServiceOptions): Promise<RuleSource | null> {
  if (options.ruleFiles) return { kind: 'files', paths: options.ruleFiles };
  if (!options.ruleset) return { kind: 'built-in' };
  // Loaded only here: a caller holding a Ruleset has loaded (and built) the built-in one already.
  const { builtInRuleset } = await import('../rules/compiled-ruleset.js');
  return options.ruleset === builtInRuleset ? { kind: 'built-in' } : null;
}

/** The longest start-up waits for the analysis threads to load before the poller starts anyway. */
const POOL_LOAD_WAIT_MS = 10_000;

/** How long a job that met an outage waits before it may run again (the paused worker waits longer). */
const OUTAGE_REQUEUE_MS = 1_000;
/** Probe backoff while a service is away: from half a second, doubling to at most 15 s. */
const PROBE_MIN_MS = 500;
const PROBE_MAX_MS = 15_000;
/** A probe that has not answered by then counts as "still away" (drivers queue commands while offline). */
const PROBE_TIMEOUT_MS = 5_000;

type Service = 'imap' | 'mongodb' | 'redis';

/** imapflow's codes for a connection that is gone or never came up. */
const IMAP_CONNECTION_CODES = new Set([
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectTLS',
  'ClosedAfterConnectText',
  'ETIMEOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
]);
/** Socket errors; the MongoDB and Redis drivers wrap theirs, so a bare one comes from the IMAP socket. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Which service an error says is away, or null when it is about the message. Read from the error
 * classes and codes (never the message text, except mongoose's and ioredis's untyped ones), down
 * the `cause` chain.
 */
export function outageOf(err: unknown): Service | null {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof MailboxUnavailableError) return 'imap';
    if (current instanceof StoreUnavailableError) return 'mongodb';
    const { name, code, message } = current as { name?: unknown; code?: unknown; message?: unknown };
    const n = typeof name === 'string' ? name : '';
    const m = typeof message === 'string' ? message : '';
    if (
      /^Mongo(?:Network|NetworkTimeout|ServerSelection|NotConnected|Topology|PoolCleared)|^MongooseServerSelection/.test(
        n,
      )
    ) {
      return 'mongodb';
    }
    if (n.startsWith('Mongoose') && m.includes('buffering timed out')) return 'mongodb';
    if (n === 'MaxRetriesPerRequestError' || m === 'Connection is closed.') return 'redis';
    if (typeof code === 'string' && (IMAP_CONNECTION_CODES.has(code) || SOCKET_CODES.has(code))) return 'imap';
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * Pauses the message worker while a service is away: one log line when the outage starts, a probe
 * of every service with backoff, one line and a resume when they all answer.
 */
class OutageGate {
  private down: { service: Service; since: number } | null = null;
  private closed = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly worker: Worker,
    private readonly probes: Record<Service, () => Promise<unknown>>,
    private readonly logger: Logger,
  ) {}

  begin(service: Service, err: unknown): void {
    if (this.down || this.closed) return;
    this.down = { service, since: Date.now() };
    this.logger.warn(
      { service, err: { message: err instanceof Error ? err.message : String(err) } },
      'service unavailable: message worker paused',
    );
    // Not waiting for active jobs: this one is among them, and the others will meet the outage too.
    void this.worker.pause(true).catch(() => undefined);
    void this.probeUntilBack();
  }

  close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    return Promise.resolve();
  }

  private async probeUntilBack(): Promise<void> {
    let delay = PROBE_MIN_MS;
    for (;;) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, delay).unref();
      });
      if (this.closed) return;
      if (await this.allAnswer()) break;
      delay = Math.min(delay * 2, PROBE_MAX_MS);
    }
    const down = this.down;
    this.down = null;
    this.logger.info(
      { service: down?.service, downMs: down ? Date.now() - down.since : 0 },
      'service back: message worker resumed',
    );
    void this.worker.resume().catch(() => undefined);
  }

  private async allAnswer(): Promise<boolean> {
    const withTimeout = (probe: () => Promise<unknown>) =>
      Promise.race([
        probe(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('probe timed out')), PROBE_TIMEOUT_MS).unref()),
      ]);
    try {
      await Promise.all(Object.values(this.probes).map(withTimeout));
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * BullMQ's errors for a job this worker held whose keys or lock are gone: Redis restarted empty or its keys
 * were deleted (and a full scan may have queued the message again under the same id, another lock), or the
 * lock expired and another worker took the job over. Nothing is lost: the message stays in INBOX until some
 * run of its job moves it, and the next full scan queues it again.
 */
const LOST_JOB_ERROR =
  /^(?:Missing key for job|Missing lock for job|Lock mismatch for job|could not renew lock for job) /;

/** One line for the jobs in hand a Redis data loss took, not one per job and per BullMQ step. */
class LostJobLog {
  private logged = false;

  constructor(private readonly logger: Logger) {}

  note(queue: string, message: string): void {
    if (this.logged) return;
    this.logged = true;
    this.logger.warn(
      { queue, err: { message } },
      'jobs in hand lost their Redis keys or lock: their messages stay in INBOX and the next full scan queues them again',
    );
  }

  /** A new Redis outage: its lost jobs get their own line. */
  rearm(): void {
    this.logged = false;
  }
}

/** A socket error of a Redis connection (the workers' own blocking connections report these). */
function isRedisSocketError(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && SOCKET_CODES.has(code);
}

/** Logs an outage once when it starts and once when it ends, not once per retry. */
export class OutageLog {
  private since: number | null = null;

  constructor(
    private readonly service: Service,
    private readonly logger: Logger,
  ) {}

  get isDown(): boolean {
    return this.since !== null;
  }

  /** True when this starts an outage (the line is logged), false while one is already logged. */
  down(line: string): boolean {
    if (this.since !== null) return false;
    this.since = Date.now();
    this.logger.warn({ service: this.service }, `${line} (retrying)`);
    return true;
  }

  up(): void {
    if (this.since === null) return;
    const downMs = Date.now() - this.since;
    this.since = null;
    this.logger.info({ service: this.service, downMs }, `${this.service}: reachable again`);
  }
}
