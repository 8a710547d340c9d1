// The digest on real servers: cases logged by the worker from the seed mail (2023), a digest for a day in
// 2026 over real SMTP. The 2023 promise is flagged overdue with the follow-up command, the user's own
// quarantined mail is listed and another user's is not, and the mail carries the headers of an automatic
// message with a Message-ID on the sender's domain that DigestRun records for replies.
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/models/store.js';
import { sendDigest } from '../../src/workers/digest.js';
import {
  ALICE,
  closedAfterEach,
  deliverFixtures,
  eventually,
  quietLogger,
  startSmtpSink,
  startTestWorker,
  untilMailboxHolds,
  worldForTest,
} from '../support/harness.js';

const cleanups = closedAfterEach();

describe('digest over SMTP', () => {
  it('flags a 2023 promise in a 2026 digest, lists the owner’s quarantine, and records the Message-ID', async () => {
    const { world, imap } = await worldForTest(cleanups);
    await deliverFixtures(imap, [
      'seed/01-web-form-confirmation.eml',
      'seed/02-customer-email.eml',
      'seed/03-support-reply.eml',
    ]);
    const service = await startTestWorker(world);
    cleanups.push(() => service.close());
    await untilMailboxHolds(imap, 'Processed', 3);
    await service.whenIdle();

    const store = await openStore(world.config.mongo);
    cleanups.push(() => store.close());
    const quarantined = (uid: number, owner: string | null, subject: string) =>
      store.quarantine.record(
        {
          mailbox: 'INBOX',
          uidValidity: '1',
          uid,
          reason: 'no_case_number',
          detail: 'no case number in the message',
          messageId: `<q${uid}@shop.example>`,
          fromAddress: 'payments@shop.example',
          subject,
          sizeBytes: 2048,
          owner,
        },
        new Date('2026-11-25T20:00:00Z'),
      );
    await quarantined(901, ALICE, 'Refund issued for order 112-9981234-0043321');
    await quarantined(902, 'bob@example.org', 'Bob’s private refund');

    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
    const result = await sendDigest(ALICE, '2026-11-26', {
      cases: store.cases,
      digests: store.digests,
      quarantine: store.quarantine,
      mailer,
      from: world.config.smtp.from,
      now: () => new Date('2026-11-26T06:00:00Z'),
      logger: quietLogger(),
      options: { timeZone: 'Europe/Berlin' },
    });
    expect(result.status).toBe('sent');
    await eventually('digest received', async () => sink.received.length === 1);
    const mail = sink.received[0];
    if (!mail) throw new Error('no digest received');

    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.from?.value).toEqual([{ name: 'Refund tracker', address: 'digest@tracker.example.net' }]);
    expect(mail.messageId).toMatch(/^<digest\.2026-11-26\.[0-9a-f]{16}@tracker\.example\.net>$/);
    const [run] = await store.digests.runsOf(ALICE);
    expect(run?.messageId).toBe(mail.messageId);

    expect(mail.subject).toBe('Refunds 26 November 2026: 2 need you, 0 waiting, 0 resolved');
    const text = mail.text ?? '';
    expect(text).toContain('* GTB-2023-5876 · gtbuy.com');
    expect(text).toMatch(/! Overdue since \d{1,2} (?:October|November) 2023, no reply since/);
    expect(text).toContain('> Follow up: refund-tracker cases followup GTB-2023-5876');
    expect(text).toContain('Refund issued for order 112-9981234-0043321');
    expect(text).not.toContain('Bob’s private refund');
    expect(mail.html).toContain('Needs you');
    expect(mail.html).not.toContain('Bob’s private refund');
  });

  it('schedules each user at their own hour in their own zone (DIGEST_SCHEDULE), others at the default', async () => {
    const { world } = await worldForTest(cleanups, { allowedForwarders: [ALICE, 'bob@example.org'] });
    world.config.digest = {
      hour: 7,
      timeZone: 'Europe/Berlin',
      schedules: { 'bob@example.org': { timeZone: 'America/New_York', hour: 8 } },
    };
    const service = await startTestWorker(world, { scheduleDigests: true });
    cleanups.push(async () => {
      await service.digestQueue.obliterate({ force: true });
      await service.close();
    });
    const schedulers = await service.digestQueue.getJobSchedulers();
    const byId = Object.fromEntries(schedulers.map((j) => [j.key, { pattern: j.pattern, tz: j.tz }]));
    expect(byId).toEqual({
      [`digest-${ALICE}`]: { pattern: '0 7 * * *', tz: 'Europe/Berlin' },
      'digest-bob@example.org': { pattern: '0 8 * * *', tz: 'America/New_York' },
    });
  });
});
