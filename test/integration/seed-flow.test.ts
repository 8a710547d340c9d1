// The acceptance test: the seed's refund case from mailbox to digest, on real Dovecot, Redis,
// MongoDB-protocol server and SMTP. Nothing in the path is mocked.
import type { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerService } from '../../src/workers/service.js';
import {
  ALICE,
  appendToInbox,
  closeWorld,
  countIn,
  deliverFixtures,
  eventually,
  fixture,
  imapSession,
  type SmtpSink,
  startSmtpSink,
  startTestWorker,
  type TestWorld,
  testWorld,
  untilMailboxHolds,
} from '../support/harness.js';

const SEED = [
  'seed/01-web-form-confirmation.eml',
  'seed/02-customer-email.eml',
  'seed/03-support-reply.eml',
  'seed/04-refund-confirmation.eml',
];

describe('seed case GTB-2023-5876, mailbox to digest', () => {
  let world: TestWorld;
  let sink: SmtpSink;
  let service: WorkerService;
  let imap: ImapFlow;

  beforeAll(async () => {
    sink = await startSmtpSink();
    world = testWorld({}, sink.port);
    imap = await imapSession(world);
    await deliverFixtures(imap, SEED);
    service = await startTestWorker(world, {
      mailer: nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true }),
    });
  });

  afterAll(async () => {
    await sink?.close();
    await closeWorld({ service, imap, world });
  });

  it('builds one exact case file from the four forwarded messages', async () => {
    await untilMailboxHolds(imap, 'Processed', 4);
    await service.whenIdle();

    const cases = await service.store.cases.caseFiles();
    expect(cases).toHaveLength(1);
    const [c] = cases;
    if (!c) throw new Error('no case');
    expect(c.caseNumber).toBe('GTB-2023-5876');
    expect(c.owner).toBe(ALICE);
    expect(c.merchant).toBe('gtbuy.com');
    expect(c.orderNumber).toBe('GT20231012-88431');
    expect(c.issueDescription).toBe('Refund for undelivered electronic item');
    expect(c.openedAt.toISOString().slice(0, 10)).toBe('2023-10-26');

    expect(c.log.map((e) => e.occurredAt.toISOString().slice(0, 10))).toEqual([
      '2023-10-26',
      '2023-10-27',
      '2023-10-27',
      '2023-11-02',
    ]);
    expect(c.log.map((e) => e.channel)).toEqual(['web_form', 'email', 'email', 'email']);
    expect(c.log.map((e) => e.direction)).toEqual(['from_support', 'from_customer', 'from_support', 'from_support']);
    expect(c.log[0]?.summary).toMatch(/received your request submitted through our online contact form/);
    expect(c.log[1]?.summary).toMatch(/never arrived/);
    expect(c.log[2]?.contactPerson).toBe('Lisa Chen');
    expect(c.log[2]?.nextSteps).toBe('We will contact the seller and update you within 3 business days.');
    expect(c.log[2]?.nextStepsDue).toBe('2023-11-01');
    expect(c.log[3]?.summary).toMatch(/Full refund approved/);

    expect(c.status).toBe('resolved');
    expect(c.resolution?.date.toISOString().slice(0, 10)).toBe('2023-11-02');
    expect(c.resolution?.outcome).toBe('full_refund');
    expect(c.resolution?.transactionId).toBe('TXN781345');
    expect(c.resolution?.amount).toBe(129.99);
    expect(c.resolution?.currency).toBe('USD');

    expect(await countIn(imap, 'INBOX')).toBe(0);
    expect(await countIn(imap, 'Quarantine')).toBe(0);
  });

  it('logs the refund confirmation once when it is forwarded a second time', async () => {
    await appendToInbox(imap, fixture('seed/04-refund-confirmation.eml'));
    // Picked up by IDLE (or the poll fallback), processed, moved.
    await untilMailboxHolds(imap, 'Processed', 5);
    await service.whenIdle();

    const [c] = await service.store.cases.caseFiles();
    expect(c?.log).toHaveLength(4);
    expect(c?.status).toBe('resolved');
    expect(await countIn(imap, 'INBOX')).toBe(0);
  });

  it('sends one digest with the case and its outcome, and nothing more that day', async () => {
    const trigger = async () => {
      const job = await service.digestQueue.add('digest', { owner: ALICE, timeZone: 'Europe/Berlin' });
      await eventually('digest job finished', async () => (await job.isCompleted()) || (await job.isFailed()));
      return service.digestQueue.getJob(job.id ?? '');
    };

    const first = await trigger();
    expect(first?.returnvalue).toMatchObject({ status: 'sent' });
    await eventually('digest reached the SMTP sink', async () => sink.received.length === 1);
    const mail = sink.received[0];
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe(ALICE);
    expect(mail?.text).toContain('GTB-2023-5876');
    expect(mail?.text).toContain('Full refund (129.99 USD, transaction TXN781345)');
    expect(mail?.html).toContain('GTB-2023-5876');
    expect(mail?.html).toContain('Full refund (129.99 USD, transaction TXN781345)');

    const second = await trigger();
    expect(second?.returnvalue).toMatchObject({ status: 'already_sent' });
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.received).toHaveLength(1);
  });
});
