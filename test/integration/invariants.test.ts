// DESIGN.md's invariants 1-4 and 6 on real servers: each test fails if its invariant breaks.
import { Queue } from 'bullmq';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { MailboxConnection, mailboxIdOf } from '../../src/ingest/mailbox-connection.js';
import { MailboxMessages } from '../../src/ingest/mailbox-messages.js';
import { MailboxPoller } from '../../src/ingest/mailbox-poller.js';
import type { MessageRef } from '../../src/ingest/message-ref.js';
import { openStore, type Store } from '../../src/models/store.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';
import { sendDigest } from '../../src/workers/digest.js';
import { processMessage } from '../../src/workers/message-processor.js';
import { enqueueMessages, MESSAGE_QUEUE, redisConnection } from '../../src/workers/queues.js';
import type { WorkerService } from '../../src/workers/service.js';
import {
  ALICE,
  appendToInbox,
  closedAfterEach,
  countIn,
  eventually,
  fixture,
  quietLogger,
  startSmtpSink,
  startTestWorker,
  type TestWorld,
  type testWorld,
  untilMailboxHolds,
  worldForTest,
} from '../support/harness.js';

/** Everything a test opened, closed after it whatever happened. */
const cleanups = closedAfterEach();

const setUp = (overrides: Parameters<typeof testWorld>[0] = {}) => worldForTest(cleanups, overrides);

async function service(world: TestWorld, options: { concurrency?: number } = {}): Promise<WorkerService> {
  const s = await startTestWorker(world, options);
  cleanups.push(() => s.close());
  return s;
}

async function store(world: TestWorld): Promise<Store> {
  const s = await openStore(world.config.mongo);
  cleanups.push(() => s.close());
  return s;
}

/** A poller and a queue without workers: what a scan puts in Redis, and nothing else. */
async function pollerOnly(world: TestWorld, st: Store) {
  const redis = redisConnection(world.config.redis);
  const queue = new Queue(MESSAGE_QUEUE, { connection: redis, prefix: world.config.redis.queuePrefix });
  const poller = new MailboxPoller({
    imap: world.config.imap,
    checkpoints: st.mailboxes,
    enqueue: (refs, scan) => enqueueMessages(queue, refs, scan),
    logger: quietLogger(),
  });
  cleanups.push(async () => {
    await poller.stop();
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
  });
  return { poller, queue };
}

const queuedUids = async (queue: Queue) =>
  (await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized'])).map((j) => (j.data as MessageRef).uid).sort();

describe('invariant 1: the mailbox is the durable inbox', () => {
  it('queues again what is still in INBOX after Redis lost everything', async () => {
    const { world, imap } = await setUp();
    const st = await store(world);
    await appendToInbox(imap, fixture('seed/01-web-form-confirmation.eml'));
    await appendToInbox(imap, fixture('seed/02-customer-email.eml'));
    const { poller, queue } = await pollerOnly(world, st);

    await poller.scan('full');
    expect(await queuedUids(queue)).toEqual([1, 2]);

    await queue.obliterate({ force: true }); // Redis loses the work in flight
    expect(await queuedUids(queue)).toEqual([]);
    await poller.scan('full');
    expect(await queuedUids(queue)).toEqual([1, 2]);
  });

  it('leaves a message in INBOX until its effects are committed, and logs it once after a crash', async () => {
    const { world, imap } = await setUp();
    const st = await store(world);
    await appendToInbox(imap, fixture('seed/03-support-reply.eml'));
    const connection = new MailboxConnection(world.config.imap, quietLogger());
    cleanups.push(() => connection.close());
    await connection.ensureMailboxes(['Processed', 'Quarantine']);
    const real = new MailboxMessages(connection, world.config.imap, quietLogger());
    // The worker dies between the MongoDB commit and the IMAP move.
    const crashing = { fetch: real.fetch.bind(real), move: () => Promise.reject(new Error('worker killed')) };
    const box = await imap.status('INBOX', { uidValidity: true });
    const ref: MessageRef = {
      mailbox: mailboxIdOf(world.config.imap),
      uidValidity: box === false ? '' : String(box.uidValidity),
      uid: 1,
    };
    const deps = {
      cases: st.cases,
      quarantine: st.quarantine,
      imap: world.config.imap,
      ruleset: builtInRuleset,
      now: () => new Date(),
      logger: quietLogger(),
    };

    await expect(processMessage(ref, { ...deps, source: crashing })).rejects.toThrow('worker killed');
    expect(await countIn(imap, 'INBOX')).toBe(1);
    expect(await countIn(imap, 'Processed')).toBe(0);

    const retried = await processMessage(ref, { ...deps, source: real });
    expect(retried).toMatchObject({ status: 'processed', appended: false });
    const [c] = await st.cases.caseFiles();
    expect(c?.log).toHaveLength(1);
    expect(await countIn(imap, 'INBOX')).toBe(0);
    expect(await countIn(imap, 'Processed')).toBe(1);
  });
});

describe('invariant 2: exactly one log entry per support message', () => {
  it('holds with two worker processes on one mailbox and the same mail forwarded five times', async () => {
    const { world, imap } = await setUp();
    for (let i = 0; i < 5; i++) await appendToInbox(imap, fixture('seed/04-refund-confirmation.eml'));
    for (let i = 0; i < 3; i++) await appendToInbox(imap, fixture('seed/03-support-reply.eml'));
    const a = await service(world, { concurrency: 2 });
    await service(world, { concurrency: 2 });

    await untilMailboxHolds(imap, 'Processed', 8);
    await a.whenIdle();
    const [c] = await a.store.cases.caseFiles();
    expect(c?.log).toHaveLength(2);
    expect(c?.status).toBe('resolved');
  });
});

describe('invariant 3: UIDVALIDITY is respected', () => {
  it('discards the checkpoint and rescans when the mailbox is recreated', async () => {
    const { world, imap } = await setUp({ inbox: 'Refunds' });
    const st = await store(world);
    await imap.mailboxCreate('Refunds');
    await imap.append('Refunds', fixture('seed/01-web-form-confirmation.eml'));
    await imap.append('Refunds', fixture('seed/02-customer-email.eml'));
    const { poller, queue } = await pollerOnly(world, st);
    await poller.scan('full');
    const mailbox = mailboxIdOf(world.config.imap);
    const first = await st.mailboxes.get(mailbox);
    expect(first?.lastSeenUid).toBe(2);

    // Recreate the mailbox: UIDs start again at 1 under a new UIDVALIDITY.
    await poller.stop();
    await imap.mailboxDelete('Refunds');
    await imap.mailboxCreate('Refunds');
    await imap.append('Refunds', fixture('seed/03-support-reply.eml'));
    const restarted = new MailboxPoller({
      imap: world.config.imap,
      checkpoints: st.mailboxes,
      enqueue: (refs, scan) => enqueueMessages(queue, refs, scan),
      logger: quietLogger(),
    });
    cleanups.push(() => restarted.stop());
    // Even a "new mail" scan must notice, forget lastSeenUid 2 and queue UID 1 again.
    await restarted.scan('new');

    const second = await st.mailboxes.get(mailbox);
    expect(second?.uidValidity).not.toBe(first?.uidValidity);
    expect(second?.lastSeenUid).toBe(1);
    const jobs = await queue.getJobs(['waiting']);
    const fresh = jobs.filter((j) => (j.data as MessageRef).uidValidity === second?.uidValidity);
    expect(fresh.map((j) => (j.data as MessageRef).uid)).toEqual([1]);
  });
});

describe('invariant 4: only trusted mail changes cases', () => {
  it('does not close a case on a refund confirmation the customer wrote', async () => {
    const { world, imap } = await setUp();
    const customerClaim = [
      'From: Alice Martin <alice@example.net>',
      'To: GTBuy Support <support@gtbuy.com>',
      'Cc: cases@tracker.example.net',
      'Subject: Re: We received your request - Case Number: GTB-2023-5876',
      'Date: Tue, 31 Oct 2023 09:00:00 +0100',
      'Message-ID: <claim.1@example.net>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello, your colleague said on the phone: full refund approved. Transaction ID: TXN123456.',
      'Could you confirm in writing?',
      '',
    ].join('\r\n');
    await appendToInbox(imap, fixture('seed/01-web-form-confirmation.eml'));
    await appendToInbox(imap, customerClaim);
    const s = await service(world);
    await untilMailboxHolds(imap, 'Processed', 2);
    await s.whenIdle();
    const [c] = await s.store.cases.caseFiles();
    expect(c?.log.map((e) => e.direction)).toEqual(['from_support', 'from_customer']);
    expect(c?.status).toBe('awaiting_support');
    expect(c?.resolution).toBeNull();
    expect(c?.suggestedResolution?.outcome).toBe('full_refund');
  });

  it('reopens a resolved case when correspondence resumes', async () => {
    const { world, imap } = await setUp();
    const followUp = [
      'From: Alice Martin <alice@example.net>',
      'To: GTBuy Refunds <refunds@gtbuy.com>',
      'Cc: cases@tracker.example.net',
      'Subject: Re: Your refund for case GTB-2023-5876 has been approved',
      'Date: Mon, 20 Nov 2023 10:00:00 +0100',
      'Message-ID: <followup.1@example.net>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello, the money has still not arrived on my card after 14 business days.',
      '',
    ].join('\r\n');
    await appendToInbox(imap, fixture('seed/04-refund-confirmation.eml'));
    const s = await service(world);
    await untilMailboxHolds(imap, 'Processed', 1);
    await s.whenIdle();
    expect((await s.store.cases.caseFiles())[0]?.status).toBe('resolved');

    await appendToInbox(imap, followUp);
    await untilMailboxHolds(imap, 'Processed', 2);
    await s.whenIdle();
    const [c] = await s.store.cases.caseFiles();
    expect(c?.status).toBe('reopened');
    expect(c?.resolution?.outcome).toBe('full_refund');
  });
});

describe('IDLE', () => {
  it('processes new mail at once, long before the next poll', async () => {
    const { world, imap } = await setUp({ pollIntervalMs: 10 * 60_000 });
    const s = await service(world);
    await new Promise((r) => setTimeout(r, 1_500)); // let the poller's connection enter IDLE
    await appendToInbox(imap, fixture('seed/01-web-form-confirmation.eml'));
    await untilMailboxHolds(imap, 'Processed', 1, 10_000);
    await s.whenIdle();
  });
});

describe('invariant 6: one digest per user per day', () => {
  it('sends once however many triggers race', async () => {
    const { world, imap } = await setUp();
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    await appendToInbox(imap, fixture('seed/01-web-form-confirmation.eml'));
    const s = await service(world);
    await untilMailboxHolds(imap, 'Processed', 1);
    await s.whenIdle();
    const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
    const deps = {
      cases: s.store.cases,
      digests: s.store.digests,
      quarantine: s.store.quarantine,
      mailer,
      from: 'digest@tracker.example.net',
      now: () => new Date(),
      logger: quietLogger(),
    };

    const results = await Promise.all([1, 2, 3, 4].map(() => sendDigest(ALICE, '2026-11-26', deps)));
    expect(results.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'already_sent')).toHaveLength(3);
    await eventually('digest received', async () => sink.received.length === 1);
    expect((await sendDigest(ALICE, '2026-11-27', deps)).status).toBe('sent');
  });
});
