// Arrival latency on real servers: messages appended to an idle worker's INBOX one at a time, and for each
// the time from the APPEND's completion to its job being queued (the job's timestamp, taken in this
// process by the poller's Queue.add) and to its log entry existing (the entry's createdAt, also stamped in
// this process). Also the poller's start-up: MailboxPoller.start() and the first IDLE after it.
//
//   npx tsc -p tsconfig.json --outDir .imapdist && source .services/env && \
//     node .imapdist/scripts/bench-arrival.js [messages=60] [intervalMs=1000] [concurrency=1] [backfill=0]
//
// With a backfill, that many messages are appended just before the first timed one (a user forwarding
// a folder of old mail at once): the timed arrivals then come while the worker works through them.
//
// Uses the services of `scripts/services.sh up` (REDIS_URL, MONGODB_URI, TEST_IMAP_*) and its own IMAP
// user, database and queue prefix, dropped at the end.
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { WorkerConfig } from '../src/config.js';
import { mailboxIdOf } from '../src/ingest/mailbox-connection.js';
import { MailboxPoller } from '../src/ingest/mailbox-poller.js';
import { jobIdOf } from '../src/ingest/message-ref.js';
import { createLogger } from '../src/logger.js';
import { openStore } from '../src/models/store.js';
import { startWorkerService } from '../src/workers/service.js';
import { benchImapConfig, env, sleep } from './e2e/bench-env.js';
import { imapSession } from './e2e/imap.js';
import { AUTHSERV_ID } from './e2e/mail.js';

function configOf(run: string): WorkerConfig {
  return {
    imap: benchImapConfig(`bench-${run}`),
    redis: { redisUrl: env('REDIS_URL'), queuePrefix: `bench-${run}` },
    mongo: { mongodbUri: env('MONGODB_URI'), dbName: `bench_${run}` },
    smtp: { smtpUrl: 'smtp://127.0.0.1:2525', from: 'digest@tracker.example.net' },
    digest: { hour: 7, timeZone: 'Europe/Berlin' },
  } as WorkerConfig;
}

function messageOf(run: string, i: number): string {
  const date = new Date().toUTCString().replace('GMT', '+0000');
  return [
    `Authentication-Results: ${AUTHSERV_ID}; dmarc=pass (p=none dis=none) header.from=example.net`,
    'From: Alice Example <alice@example.net>',
    'To: cases@tracker.example.net',
    `Subject: Refund for Case Number: BN-2026-${1000 + i}`,
    `Date: ${date}`,
    `Message-ID: <bench-${run}-${i}@example.net>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, I returned the parcel for case BN-2026-${1000 + i} last week and am waiting for my refund.`,
    'Kind regards, Alice',
    '',
  ].join('\r\n');
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function summary(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (v: number) => `${Math.round(v)} ms`;
  return `${label}: n=${sorted.length} p50 ${f(percentile(sorted, 50))} p95 ${f(percentile(sorted, 95))} max ${f(sorted[sorted.length - 1] ?? Number.NaN)}`;
}

/** The poller alone on a fresh mailbox: start() and the first IDLE, with a MongoDB checkpoint store. */
async function startUp(config: WorkerConfig): Promise<{ startMs: number; idleMs: number }> {
  const store = await openStore(config.mongo);
  const poller = new MailboxPoller({
    imap: config.imap,
    checkpoints: store.mailboxes,
    enqueue: async () => undefined,
    logger: createLogger('silent', false),
  });
  try {
    const t0 = performance.now();
    await poller.start();
    const startMs = performance.now() - t0;
    while (!poller.idling()) {
      if (performance.now() - t0 > 30_000) throw new Error('no IDLE within 30 s');
      await sleep(2);
    }
    return { startMs, idleMs: performance.now() - t0 };
  } finally {
    await poller.stop();
    await store.close();
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 60);
  const intervalMs = Number(process.argv[3] ?? 1000);
  const concurrency = Number(process.argv[4] ?? 1);
  const backfill = Number(process.argv[5] ?? 0);
  const run = randomUUID().slice(0, 8);
  const config = configOf(run);

  const starts: { startMs: number; idleMs: number }[] = [];
  for (let i = 0; i < 5; i++) starts.push(await startUp(configOf(`${run}s${i}`)));
  console.log(
    summary(
      'poller start() resolved',
      starts.map((s) => s.startMs),
    ),
  );
  console.log(
    summary(
      'poller start to first IDLE',
      starts.map((s) => s.idleMs),
    ),
  );

  const service = await startWorkerService(config, {
    logger: createLogger(process.env.LOG_LEVEL ?? 'silent', false),
    scheduleDigests: false,
    concurrency,
  });
  const imap = await imapSession(config.imap);
  try {
    await sleep(3_000); // idle worker: the start-up scan and its IDLE are behind us
    for (let i = 0; i < backfill; i++) await imap.append('INBOX', messageOf(run, count + i));
    const appended: { uid: number; uidValidity: string; at: number }[] = [];
    const t0 = Date.now();
    for (let i = 0; i < count; i++) {
      const due = t0 + i * intervalMs;
      if (Date.now() < due) await sleep(due - Date.now());
      const result = await imap.append('INBOX', messageOf(run, i));
      const at = Date.now();
      if (!result || result.uid === undefined) throw new Error('APPEND returned no UID (no UIDPLUS?)');
      appended.push({ uid: result.uid, uidValidity: String(result.uidValidity), at });
    }
    await sleep(1_000);
    await service.whenIdle(600_000);

    const mailbox = mailboxIdOf(config.imap);
    const queued: number[] = [];
    const done: number[] = [];
    for (const a of appended) {
      const job = await service.messageQueue.getJob(jobIdOf({ mailbox, uidValidity: a.uidValidity, uid: a.uid }));
      if (!job) throw new Error(`no job for UID ${a.uid}`);
      queued.push(job.timestamp - a.at);
      if (job.finishedOn) done.push(job.finishedOn - a.at);
    }
    const entries = await service.store.connection
      .collection('log_entries')
      .find({}, { projection: { createdAt: 1, source: 1 } })
      .toArray();
    const loggedAt = new Map(
      entries.map((e) => [Number((e.source as { uid?: number } | undefined)?.uid), (e.createdAt as Date).getTime()]),
    );
    const logged = appended.flatMap((a) => {
      const at = loggedAt.get(a.uid);
      return at === undefined ? [] : [at - a.at];
    });
    console.log(
      `${count} messages, one every ${intervalMs} ms, worker concurrency ${concurrency}, backfill ${backfill} just before`,
    );
    const left = await imap.status('INBOX', { messages: true });
    const processed = await imap.status('Processed', { messages: true });
    // No message lost, none logged twice: every message logged once and moved out of INBOX.
    console.log(
      `log entries ${entries.length} of ${count + backfill} messages; INBOX holds ${left ? left.messages : '?'}, Processed ${processed ? processed.messages : '?'}`,
    );
    console.log(summary('APPEND done -> job queued', queued));
    console.log(summary('APPEND done -> log entry written', logged));
    console.log(summary('APPEND done -> job finished (moved)', done));
  } finally {
    await imap.logout().catch(() => undefined);
    await service.messageQueue.obliterate({ force: true }).catch(() => undefined);
    await service.close();
    const conn = await mongoose.createConnection(config.mongo.mongodbUri, { dbName: config.mongo.dbName }).asPromise();
    await conn.dropDatabase();
    await conn.close();
    for (let i = 0; i < 5; i++) {
      const c = await mongoose.createConnection(config.mongo.mongodbUri, { dbName: `bench_${run}s${i}` }).asPromise();
      await c.dropDatabase();
      await c.close();
    }
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
