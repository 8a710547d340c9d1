// Faults cost time, never records or alarms (issue 7): a poison message, a Redis wipe, an IMAP
// outage, a worker killed mid-job and a 12,000-deep HTML mail, on the real servers.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { Queue } from 'bullmq';
import type { ImapFlow } from 'imapflow';
import mongoose from 'mongoose';
import nodemailer from 'nodemailer';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { QuarantineError } from '../../src/errors.js';
import { MailboxUnavailableError } from '../../src/ingest/mailbox-connection.js';
import { jobIdOf, type MessageRef } from '../../src/ingest/message-ref.js';
import { StoreUnavailableError } from '../../src/models/store.js';
import { MESSAGE_QUEUE, MESSAGE_WORKER_LOCKS, queueOptions, redisConnection } from '../../src/workers/queues.js';
import {
  outageOf,
  startWorkerService,
  type WorkerService,
  type WorkerServiceOptions,
} from '../../src/workers/service.js';
import {
  ALICE,
  appendToInbox,
  countIn,
  dropDatabase,
  eventually,
  imapSession,
  messagesIn,
  quietLogger,
  type SmtpSink,
  startSmtpSink,
  TEST_AUTHSERV_ID,
  type TestWorld,
  testWorld,
  untilMailboxHolds,
} from '../support/harness.js';

/** A Gmail-style forward by Alice of a merchant's reply naming `caseNumber`. */
function forwardedReply(n: number, caseNumber: string, body?: { html: string }): string {
  const day = String(1 + (n % 27)).padStart(2, '0');
  const head = [
    'MIME-Version: 1.0',
    `From: Alice Martin <${ALICE}>`,
    `Date: Thu, ${day} Nov 2023 18:41:04 +0100`,
    `Message-ID: <CAfault${n}.${caseNumber}@mail.gmail.com>`,
    `Subject: Fwd: Your request ${caseNumber} has been updated`,
    'To: cases@tracker.example.net',
  ];
  const forward = [
    '---------- Forwarded message ---------',
    'From: Northwind Support <support@northwind-shop.example>',
    `Date: Thu, ${day} Nov 2023 at 9:12 AM`,
    `Subject: Your request ${caseNumber} has been updated`,
    `To: Alice Martin <${ALICE}>`,
  ];
  if (body) {
    return [
      ...head,
      'Content-Type: text/html; charset="UTF-8"',
      '',
      `<p>${forward.join('<br>')}</p>`,
      body.html,
      '',
    ].join('\r\n');
  }
  return [
    ...head,
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: 7bit',
    '',
    'For the tracker',
    '',
    ...forward,
    '',
    'Hello Alice,',
    '',
    `Thank you for contacting Northwind. Your case number is ${caseNumber}.`,
    'We have asked the warehouse to check the parcel and will get back to you within 3 business days.',
    '',
    'Kind regards,',
    'Martin Cole',
    'Northwind Customer Care',
    '',
  ].join('\r\n');
}

/** A logger whose lines the test can read (the outage must log one line when it starts and one when it ends). */
function capturingLogger() {
  const lines: { msg?: string; service?: string }[] = [];
  const logger = pino(
    { level: 'info' },
    {
      write(chunk: string) {
        lines.push(JSON.parse(chunk));
      },
    },
  );
  return { logger, lines };
}

/** A TCP proxy to the test Dovecot that the test can cut and restore (Dovecot is shared: never stop it). */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
  }

  /** Drops every connection and refuses new ones, as a server that went away. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise((r) => server.close(r));
  }

  async close(): Promise<void> {
    await this.cut();
  }
}

/** Refs of the last `count` messages appended to INBOX (UIDs are given in order). */
async function lastRefs(client: ImapFlow, mailbox: string, count: number): Promise<MessageRef[]> {
  const status = await client.status('INBOX', { uidValidity: true, uidNext: true });
  if (!status || status.uidNext === undefined) throw new Error('no INBOX status');
  const next = Number(status.uidNext);
  return Array.from({ length: count }, (_, i) => ({
    mailbox,
    uidValidity: String(status.uidValidity),
    uid: next - count + i,
  }));
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function setUp(
  overrides: Partial<TestWorld['config']['imap']> = {},
  options: Partial<WorkerServiceOptions> = {},
  smtpPort?: number,
): Promise<{ world: TestWorld; service: WorkerService; imap: ImapFlow }> {
  const world = testWorld(overrides, smtpPort);
  const imap = await imapSession(world);
  cleanups.push(
    () => imap.logout(),
    () => dropDatabase(world),
  );
  const service = await startWorkerService(world.config, {
    logger: quietLogger(),
    scheduleDigests: false,
    ...options,
  });
  cleanups.push(() => service.close());
  return { world, service, imap };
}

describe('outageOf: a service away, or a bad message', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1143'), { code: 'ECONNREFUSED' });
  it.each([
    ['the IMAP server refusing connections', new MailboxUnavailableError('cannot connect', { cause: refused }), 'imap'],
    [
      'imapflow losing its connection mid-command',
      Object.assign(new Error('Connection not available'), { code: 'NoConnection' }),
      'imap',
    ],
    [
      'a MongoDB network error',
      new mongoose.mongo.MongoNetworkError('connection 4 to 127.0.0.1:27018 closed'),
      'mongodb',
    ],
    ['MongoDB not connected', new mongoose.mongo.MongoNotConnectedError('not connected'), 'mongodb'],
    [
      'mongoose giving up on buffered commands',
      new mongoose.Error('Operation `cases.findOne()` buffering timed out after 10000ms'),
      'mongodb',
    ],
    ['MongoDB unreachable at start-up', new StoreUnavailableError('cannot connect to MongoDB'), 'mongodb'],
    ['the Redis connection closed', new Error('Connection is closed.'), 'redis'],
    ['a message that cannot be parsed', new QuarantineError('unparseable', 'MIME structure could not be parsed'), null],
    ['a bug in a processing step', new TypeError("Cannot read properties of undefined (reading 'owner')"), null],
    [
      'a duplicate key',
      Object.assign(new Error('E11000 duplicate key error'), { name: 'MongoServerError', code: 11000 }),
      null,
    ],
  ])('%s is %s', (_what, err, service) => {
    expect(outageOf(err)).toBe(service);
  });
});

describe('faults cost time, never records or alarms', () => {
  it.each([
    ['a step that always throws', 'disk quota exceeded on the case store'],
    ['a step that throws a type error', "Cannot read properties of undefined (reading 'owner')"],
  ])(
    'a poison message (%s) ends in Quarantine once, with its last error, and is never retried again',
    async (_what, failure) => {
      let calls = 0;
      const { service, imap } = await setUp(
        {},
        {
          messageJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 100 } },
          decorateDeps: (deps) => ({
            ...deps,
            cases: Object.assign(Object.create(deps.cases), {
              openCase: async () => {
                calls++;
                throw new Error(`${failure} (call ${calls})`);
              },
            }),
          }),
        },
      );
      await appendToInbox(imap, forwardedReply(1, 'NW-40001'));
      await untilMailboxHolds(imap, 'Quarantine', 1);
      await service.whenIdle();
      // Full scans after the quarantine find nothing to retry.
      await service.poller.scan('full');
      await service.poller.scan('full');
      await service.whenIdle();

      expect(calls).toBe(3);
      const records = await service.store.quarantine.list();
      expect(records).toHaveLength(1);
      expect(records[0]?.reason).toBe('processing_failed');
      expect(records[0]?.detail).toContain(`${failure} (call 3)`);
      const tagged = await messagesIn(imap, 'Quarantine');
      expect(tagged.map((m) => m.flags.includes('$rt_processing_failed'))).toEqual([true]);
      expect(await service.messageQueue.getJobCounts('failed', 'waiting', 'delayed', 'active')).toEqual({
        failed: 0,
        waiting: 0,
        delayed: 0,
        active: 0,
      });
      expect(await countIn(imap, 'INBOX')).toBe(0);
    },
  );

  it('a full scan leaves no failed job for mail that was processed since', async () => {
    const { service, imap } = await setUp();
    await appendToInbox(imap, forwardedReply(2, 'NW-40002'));
    await untilMailboxHolds(imap, 'Processed', 1);
    await service.whenIdle();
    // A job left failed from an earlier outage, for a message that is no longer in the inbox.
    const [done] = await service.messageQueue.getCompleted();
    expect(done).toBeDefined();
    const stale: MessageRef = { ...(done?.data as MessageRef), uid: 999 };
    const job = await service.messageQueue.add('message', stale, { jobId: jobIdOf(stale), attempts: 1 });
    await eventually('the stale job ran', async () => (await job.getState()) !== 'waiting');
    await service.poller.scan('full');
    expect(await service.messageQueue.getJobCounts('failed')).toEqual({ failed: 0 });
  });

  it('after a Redis wipe the digest scheduler is back at the next full scan and the next digest goes out', async () => {
    const sink: SmtpSink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const { world, service, imap } = await setUp(
      {},
      {
        scheduleDigests: true,
        mailer: nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true }),
      },
      sink.port,
    );
    await appendToInbox(imap, forwardedReply(3, 'NW-40003'));
    await untilMailboxHolds(imap, 'Processed', 1);
    await service.whenIdle();
    expect((await service.digestQueue.getJobSchedulers()).map((s) => s.key)).toEqual([`digest-${ALICE}`]);

    // FLUSHDB, but only of this test's own keys: other test files share the Redis.
    const redis = redisConnection(world.config.redis);
    cleanups.push(async () => redis.disconnect());
    const keys = await redis.keys(`${world.config.redis.queuePrefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    expect(await service.digestQueue.getJobSchedulers()).toEqual([]);

    await service.poller.scan('full');
    await service.poller.scan('full');
    expect((await service.digestQueue.getJobSchedulers()).map((s) => s.key)).toEqual([`digest-${ALICE}`]);
    // Re-asserting is idempotent: one next run, not one per scan.
    const next = await service.digestQueue.getDelayed();
    expect(next).toHaveLength(1);
    // The next run, brought forward: the digest goes out.
    await next[0]?.promote();
    await eventually('digest reached the SMTP sink', async () => sink.received.length === 1);
    const to = sink.received[0]?.to;
    expect((Array.isArray(to) ? to : [to]).flatMap((a) => a?.value.map((v) => v.address))).toEqual([ALICE]);
  });

  it('an IMAP outage spends no attempts, pauses the worker with one log line each way, and loses nothing', async () => {
    const s = testWorld();
    const proxy = new CuttableProxy(s.config.imap.host, s.config.imap.port);
    await proxy.start();
    cleanups.push(() => proxy.close());
    const { logger, lines } = capturingLogger();
    // The test's own session goes straight to Dovecot; the worker service only through the proxy.
    const direct = await imapSession(s);
    cleanups.push(() => direct.logout());
    const world: TestWorld = { ...s, config: { ...s.config, imap: { ...s.config.imap, port: proxy.port } } };
    cleanups.push(() => dropDatabase(world));
    const service = await startWorkerService(world.config, { logger, scheduleDigests: false });
    cleanups.push(() => service.close());

    await proxy.cut();
    for (let n = 0; n < 5; n++) await appendToInbox(direct, forwardedReply(10 + n, `NW-4101${n}`));
    const refs = await lastRefs(direct, service.poller.mailbox, 5);
    // Jobs the poller would have queued: they meet the outage.
    await service.messageQueue.addBulk(
      refs.map((ref) => ({ name: 'message', data: ref, opts: { jobId: jobIdOf(ref), attempts: 8 } })),
    );
    await new Promise((r) => setTimeout(r, 6_000));
    const during = await Promise.all(refs.map((ref) => service.messageQueue.getJob(jobIdOf(ref))));
    expect(during.map((j) => j?.attemptsMade)).toEqual(refs.map(() => 0));
    expect(await service.messageQueue.getJobCounts('failed')).toEqual({ failed: 0 });

    await proxy.start();
    await untilMailboxHolds(direct, 'Processed', 5, 45_000);
    await service.whenIdle();
    const cases = await service.store.cases.caseFiles();
    expect(cases.map((c) => c.caseNumber).sort()).toEqual(refs.map((_, n) => `NW-4101${n}`));
    expect(cases.every((c) => c.log.length === 1)).toBe(true);
    const after = await Promise.all(refs.map((ref) => service.messageQueue.getJob(jobIdOf(ref))));
    // BullMQ counts the run that completed a job as an attempt: one each, the one that worked.
    expect(after.map((j) => [j?.finishedOn !== undefined, j?.attemptsMade])).toEqual(refs.map(() => [true, 1]));
    expect(await service.messageQueue.getJobCounts('failed')).toEqual({ failed: 0 });
    expect(lines.filter((l) => l.msg === 'service unavailable: message worker paused')).toHaveLength(1);
    expect(lines.filter((l) => l.msg === 'service back: message worker resumed')).toHaveLength(1);
    expect(lines.filter((l) => l.msg === 'job failed')).toEqual([]);
  }, 90_000);

  it('a job whose worker is killed with SIGKILL mid-job is taken over by another worker within 10 s', async () => {
    const world = testWorld();
    const imap = await imapSession(world);
    cleanups.push(
      () => imap.logout(),
      () => dropDatabase(world),
    );
    await appendToInbox(imap, forwardedReply(20, 'NW-42000'));
    // The mailbox id the service will use (mailboxIdOf): user@host:port/INBOX.
    const { imap: cfg } = world.config;
    const [ref] = await lastRefs(imap, `${cfg.user}@${cfg.host}:${cfg.port}/${cfg.inbox}`, 1);
    if (!ref) throw new Error('no message appended');
    const redis = redisConnection(world.config.redis);
    const queue = new Queue(MESSAGE_QUEUE, queueOptions(world.config.redis, redis));
    cleanups.push(
      async () => redis.disconnect(),
      () => queue.close(),
    );
    await queue.add('message', ref, { jobId: jobIdOf(ref), attempts: 8 });

    // A worker process with the production lock settings takes the job and hangs in it.
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        HANGING_WORKER,
        JSON.stringify(world.config.redis),
        JSON.stringify(MESSAGE_WORKER_LOCKS),
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanups.push(async () => child.kill('SIGKILL'));
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    await eventually('the child worker took the job', async () => out.includes('taken'), 20_000);
    // The other worker is up (its start-up scan leaves an active job alone) before the kill.
    const service = await startWorkerService(world.config, { logger: quietLogger(), scheduleDigests: false });
    cleanups.push(() => service.close());
    expect(await (await queue.getJob(jobIdOf(ref)))?.getState()).toBe('active');
    child.kill('SIGKILL');
    await once(child, 'exit');
    const killedAt = Date.now();
    await untilMailboxHolds(imap, 'Processed', 1, 20_000);
    const waited = Date.now() - killedAt;
    expect(waited).toBeLessThan(10_000);
    const cases = await service.store.cases.caseFiles();
    expect(cases.map((c) => [c.caseNumber, c.log.length])).toEqual([['NW-42000', 1]]);
  }, 60_000);

  it.each([
    ['no date anywhere: the IMAP INTERNALDATE', null, '2023-11-03T08:15:00.000Z'],
    ['only the forward has a Date: the forward date', 'Fri, 03 Nov 2023 10:05:00 +0100', '2023-11-03T09:05:00.000Z'],
  ])('a message whose original has no date is logged at %s, never at the clock', async (_what, outerDate, expected) => {
    const clock = new Date('2031-01-01T00:00:00Z');
    const { service, imap } = await setUp({}, { now: () => clock });
    const raw = [
      `Authentication-Results: ${TEST_AUTHSERV_ID}; dmarc=pass (p=none dis=none) header.from=example.net`,
      'MIME-Version: 1.0',
      `From: Alice Martin <${ALICE}>`,
      ...(outerDate ? [`Date: ${outerDate}`] : []),
      'Subject: Fwd: Update on request NW-44000',
      'To: cases@tracker.example.net',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      '---------- Forwarded message ---------',
      'From: Northwind Support <support@northwind-shop.example>',
      'Subject: Update on request NW-44000',
      '',
      'Hello Alice, your case number is NW-44000. We will check the parcel and write again.',
      '',
    ].join('\r\n');
    await imap.append('INBOX', raw, [], new Date('2023-11-03T08:15:00Z'));
    await untilMailboxHolds(imap, 'Processed', 1);
    await service.whenIdle();
    const cases = await service.store.cases.caseFiles();
    expect(cases.map((c) => [c.caseNumber, c.log.map((e) => new Date(e.occurredAt).toISOString())])).toEqual([
      ['NW-44000', [expected]],
    ]);
  });

  it('a mail of 12,000 nested <div>s is processed, its text kept', async () => {
    const { service, imap } = await setUp();
    const depth = 12_000;
    const inner =
      '<p>Hello Alice,</p><p>Thank you for contacting Northwind. Your case number is NW-43000. ' +
      'We have asked the warehouse to check the parcel.</p><p>Kind regards,<br>Martin Cole</p>';
    await appendToInbox(
      imap,
      forwardedReply(30, 'NW-43000', { html: `${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}` }),
    );
    await untilMailboxHolds(imap, 'Processed', 1);
    await service.whenIdle();
    expect(await service.store.quarantine.list()).toEqual([]);
    const cases = await service.store.cases.caseFiles();
    expect(cases.map((c) => c.caseNumber)).toEqual(['NW-43000']);
  });
});

/** The child worker: takes one message job with the given lock settings, says so, and never finishes. */
const HANGING_WORKER = `
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
const redis = JSON.parse(process.argv[1]);
const locks = JSON.parse(process.argv[2]);
const connection = new Redis(redis.redisUrl, { maxRetriesPerRequest: null });
new Worker(${JSON.stringify(MESSAGE_QUEUE)}, async () => {
  process.stdout.write('taken\\n');
  await new Promise(() => {});
}, { connection, prefix: redis.queuePrefix, ...locks });
`;
