import { type Job, Queue, Worker } from 'bullmq';
import nodemailer from 'nodemailer';
import type { WorkerConfig } from '../config.js';
import { MailboxConnection, mailboxIdOf } from '../ingest/mailbox-connection.js';
import { MailboxMessages } from '../ingest/mailbox-messages.js';
import { MailboxPoller } from '../ingest/mailbox-poller.js';
import type { MessageRef } from '../ingest/message-ref.js';
import type { Logger } from '../logger.js';
import { SenderTemplateStore } from '../models/sender-template-store.js';
import { openStore, type Store } from '../models/store.js';
import { builtInRuleset, type Ruleset } from '../rules/ruleset.js';
import { warmUpRules } from '../rules/warm-up.js';
import { type DigestMailer, localDay, sendDigest } from './digest.js';
import { processMessage } from './message-processor.js';
import {
  DIGEST_QUEUE,
  type DigestJobData,
  enqueueMessages,
  MESSAGE_QUEUE,
  queueOptions,
  redisConnection,
} from './queues.js';

export interface WorkerService {
  store: Store;
  poller: MailboxPoller;
  messageQueue: Queue;
  digestQueue: Queue;
  /** Resolves when no message job is waiting, delayed or running. */
  whenIdle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface WorkerServiceOptions {
  logger: Logger;
  ruleset?: Ruleset;
  now?: () => Date;
  mailer?: DigestMailer;
  /** Message jobs run one at a time per process by default: one IMAP connection serves them. */
  concurrency?: number;
  /** Register the daily digest schedulers (off in tests that trigger digests themselves). */
  scheduleDigests?: boolean;
}

/** The one start-up module: wires IMAP, Redis, MongoDB and SMTP adapters to the processors. */
export async function startWorkerService(config: WorkerConfig, options: WorkerServiceOptions): Promise<WorkerService> {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const ruleset = options.ruleset ?? builtInRuleset;
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
    return await start(config, options, opened, shutdown, now, ruleset);
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
  ruleset: Ruleset,
): Promise<WorkerService> {
  const { logger } = options;
  warmUpRules(ruleset);
  const store = await openStore(config.mongo);
  opened.push(() => store.close());
  const templates = await SenderTemplateStore.open(store.connection);
  const redis = redisConnection(config.redis);
  opened.push(() => {
    redis.disconnect();
    return undefined;
  });
  const qopts = queueOptions(config.redis, redis);
  const messageQueue = new Queue(MESSAGE_QUEUE, qopts);
  const digestQueue = new Queue(DIGEST_QUEUE, qopts);
  opened.push(
    () => messageQueue.close(),
    () => digestQueue.close(),
  );

  const imapLog = logger.child({ component: 'imap', mailbox: mailboxIdOf(config.imap) });
  const workerImap = new MailboxConnection(config.imap, imapLog);
  opened.push(() => workerImap.close());
  await workerImap.ensureMailboxes([config.imap.processedMailbox, config.imap.quarantineMailbox]);
  const messages = new MailboxMessages(workerImap, config.imap, imapLog);
  const mailer = options.mailer ?? nodemailer.createTransport(config.smtp.smtpUrl);

  const messageWorker = new Worker<MessageRef>(
    MESSAGE_QUEUE,
    (job: Job<MessageRef>) =>
      processMessage(job.data, {
        source: messages,
        cases: store.cases,
        quarantine: store.quarantine,
        templates,
        imap: config.imap,
        ruleset,
        now,
        logger: logger.child({ component: 'message-worker', jobId: job.id }),
      }),
    { ...qopts, concurrency: options.concurrency ?? 1 },
  );
  const digestWorker = new Worker<DigestJobData>(
    DIGEST_QUEUE,
    (job: Job<DigestJobData>) => {
      // The day the run was due for, not the day a retry happens to run on.
      const due = new Date(job.timestamp + (job.delay ?? 0));
      return sendDigest(job.data.owner, localDay(due, job.data.timeZone), {
        cases: store.cases,
        digests: store.digests,
        mailer,
        from: config.smtp.from,
        now,
        logger: logger.child({ component: 'digest-worker', jobId: job.id }),
      });
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
    w.on('error', (err) => logger.error({ queue: w.name, err: { message: err.message } }, 'worker error'));
  }

  if (options.scheduleDigests ?? true) {
    for (const owner of config.imap.allowedForwarders) {
      await digestQueue.upsertJobScheduler(
        `digest-${owner}`,
        { pattern: `0 ${config.digest.hour} * * *`, tz: config.digest.timeZone },
        { name: 'digest', data: { owner, timeZone: config.digest.timeZone } satisfies DigestJobData },
      );
    }
  }

  const poller = new MailboxPoller({
    imap: config.imap,
    checkpoints: store.mailboxes,
    enqueue: (refs, scan) => enqueueMessages(messageQueue, refs, scan),
    logger: logger.child({ component: 'poller' }),
  });
  opened.push(() => poller.stop());
  await poller.start();

  let closing: Promise<void> | undefined;
  return {
    store,
    poller,
    messageQueue,
    digestQueue,
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
