// Commands by email on the real servers (issue 8, §2 "By email"): a reply to a digest really sent over SMTP
// confirms, closes, reopens or notes a case, only when it comes from an allowed forwarder and once however
// often it is delivered; what cannot be obeyed is quarantined `command_rejected` with a line per failure;
// the text above a forward files it (`case:`) and logs the user's phone call in its case.
import type { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDigest } from '../../src/workers/digest.js';
import type { WorkerService } from '../../src/workers/service.js';
import {
  ALICE,
  appendToInbox,
  closeWorld,
  countIn,
  eventually,
  fixture,
  quietLogger,
  type SmtpSink,
  startSmtpSink,
  startWorkerWorld,
  type TestWorld,
} from '../support/harness.js';

/** The digest the command fixtures answer (test/fixtures/commands/README.md); replaced by the real one. */
const FIXTURE_DIGEST_ID = '<digest.2024-03-05.alice-example.net@tracker.example.net>';

/** GTBuy confirms the refund but names no amount: a suggestion for the user to confirm, never a close. */
const refundWithoutAmount = [
  'From: Alice Martin <alice@example.net>',
  'To: cases@tracker.example.net',
  'Subject: Fwd: Your refund - Case Number: GTB-2023-5876',
  'Date: Fri, 3 Nov 2023 19:12:40 +0100',
  'Message-ID: <CAH3mNq0refund.forward.5876@mail.gmail.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset="UTF-8"',
  '',
  'Finally.',
  '',
  '---------- Forwarded message ---------',
  'From: GTBuy Refunds <refunds@gtbuy.com>',
  'Date: Fri, Nov 3, 2023 at 4:05 PM',
  'Subject: Your refund - Case Number: GTB-2023-5876',
  'To: <alice@example.net>',
  '',
  '',
  'Dear Alice,',
  '',
  'Your refund for Case Number GTB-2023-5876 has been approved and issued to your original payment method.',
  '',
  'Kind regards,',
  'Lisa Chen',
  'GTBuy Refunds Team',
  '',
].join('\r\n');

/** A Gmail reply to the digest: the commands, a sign-off, the quoted digest. */
function digestReply(opts: { from: string; messageId: string; digestId: string; commands: string[] }): string {
  return [
    `From: ${opts.from}`,
    'To: Refund tracker <cases@tracker.example.net>',
    'Subject: Re: Refunds 6 November 2023',
    'Date: Mon, 6 Nov 2023 08:41:17 +0100',
    `Message-ID: ${opts.messageId}`,
    `In-Reply-To: ${opts.digestId}`,
    `References: ${opts.digestId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    ...opts.commands,
    '',
    'Thanks,',
    'Alice',
    '',
    'On Mon, 6 Nov 2023 at 07:00, Refund tracker <digest@tracker.example.net> wrote:',
    '',
    '> Refunds 6 November 2023',
    '>',
    '> Needs you',
    '> * GTB-2023-5876 · gtbuy.com',
    '>   Suggested: full refund (not confirmed)',
    '>   > Confirm: reply "confirm GTB-2023-5876"',
    '',
  ].join('\r\n');
}

describe('commands by email: replies to the digest and text above a forward', () => {
  let world: TestWorld;
  let service: WorkerService;
  let imap: ImapFlow;
  let sink: SmtpSink;
  let digestId: string;

  /** Delivers a message and waits until the worker has moved it out of the inbox into `into`. */
  async function deliver(raw: string | Buffer, into: 'Processed' | 'Quarantine'): Promise<void> {
    const before = { Processed: await countIn(imap, 'Processed'), Quarantine: await countIn(imap, 'Quarantine') };
    await appendToInbox(imap, raw);
    await eventually(`a message moved to ${into}`, async () => (await countIn(imap, into)) === before[into] + 1);
    await service.whenIdle();
    const other = into === 'Processed' ? 'Quarantine' : 'Processed';
    expect(await countIn(imap, other)).toBe(before[other]);
  }

  const gtb = async () => {
    const [found] = await service.store.cases.findCase(ALICE, 'GTB-2023-5876');
    if (!found) throw new Error('no case GTB-2023-5876');
    return found;
  };

  beforeAll(async () => {
    ({ world, imap, service } = await startWorkerWorld());
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await sink?.close();
    await closeWorld({ service, imap, world });
  });

  it('a case with a suggested resolution, and a digest about it sent over SMTP', async () => {
    await deliver(fixture('seed/01-web-form-confirmation.eml'), 'Processed');
    await deliver(refundWithoutAmount, 'Processed');
    const before = await gtb();
    expect(before.status).not.toBe('resolved');
    expect(before.suggestedResolution).toMatchObject({ outcome: 'full_refund', amount: null });
    expect(before.attention).toContain('suggestion_to_confirm');

    const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
    const sent = await sendDigest(ALICE, '2023-11-06', {
      cases: service.store.cases,
      digests: service.store.digests,
      quarantine: service.store.quarantine,
      mailer,
      from: world.config.smtp.from,
      now: () => new Date('2023-11-06T06:00:00Z'),
      logger: quietLogger(),
      options: { timeZone: 'Europe/Berlin' },
    });
    if (sent.status !== 'sent') throw new Error(`digest not sent: ${sent.status}`);
    await eventually('digest received', async () => sink.received.length === 1);
    digestId = sent.messageId;
    expect(sink.received[0]?.messageId).toBe(digestId);
  });

  it('the same reply from anyone but an allowed forwarder changes nothing and is quarantined', async () => {
    const before = await gtb();
    const stranger = fixture('commands/digest-reply-stranger.eml')
      .toString('latin1')
      .replaceAll(FIXTURE_DIGEST_ID, digestId);
    expect(stranger).toContain(`In-Reply-To: ${digestId}`);
    await deliver(stranger, 'Quarantine');
    await deliver(
      digestReply({
        from: 'Mallory Quinn <mallory@stranger.example>',
        messageId: '<mallory.2@stranger.example>',
        digestId,
        commands: ['confirm GTB-2023-5876'],
      }),
      'Quarantine',
    );
    const after = await gtb();
    expect(after.status).toBe(before.status);
    expect(after.resolution).toBeNull();
    expect(after.manualChanges).toEqual(before.manualChanges);
    expect(after.log).toHaveLength(before.log.length);
    const records = await service.store.quarantine.find({ reason: 'untrusted_sender' });
    expect(records.map((r) => r.owner ?? null)).toEqual([null, null]);
  });

  it('`confirm GTB-2023-5876` from the allowed forwarder applies the suggestion, by alice via digest_reply', async () => {
    const before = await gtb();
    await deliver(
      digestReply({
        from: 'Alice Martin <alice@example.net>',
        messageId: '<CAH3mNq7confirm.5876@mail.gmail.com>',
        digestId,
        commands: ['confirm GTB-2023-5876'],
      }),
      'Processed',
    );
    const after = await gtb();
    expect(after.status).toBe('resolved');
    // The suggestion itself, now applied.
    expect(after.resolution).toMatchObject({
      outcome: 'full_refund',
      sourceMessageId: before.suggestedResolution?.sourceMessageId,
    });
    expect(after.manualChanges).toEqual([
      ...before.manualChanges,
      expect.objectContaining({
        action: 'confirm',
        by: ALICE,
        via: 'digest_reply',
        at: new Date('2023-11-06T07:41:17Z'),
      }),
    ]);
    // A command mail is no message of the case.
    expect(after.log).toHaveLength(before.log.length);
    expect(await service.store.cases.caseFiles({ owner: ALICE })).toHaveLength(1);
  });

  it('the same reply delivered twice applies once', async () => {
    const before = await gtb();
    await deliver(
      digestReply({
        from: 'Alice Martin <alice@example.net>',
        messageId: '<CAH3mNq7confirm.5876@mail.gmail.com>',
        digestId,
        commands: ['confirm GTB-2023-5876'],
      }),
      'Processed',
    );
    const after = await gtb();
    expect(after.manualChanges).toEqual(before.manualChanges);
    expect(after.manualChanges.filter((c) => c.action === 'confirm')).toHaveLength(1);
    expect(after.status).toBe('resolved');
  });

  it('a close for an unknown case is quarantined command_rejected saying which line and why; the valid note is applied', async () => {
    const before = await gtb();
    await deliver(
      digestReply({
        from: 'Alice Martin <alice@example.net>',
        messageId: '<CAH3mNq7close.unknown@mail.gmail.com>',
        digestId,
        commands: [
          'close GTB-2029-0001 denied',
          'note GTB-2023-5876: the money is on my Visa statement',
          'close GTB-2023-5876 bananas',
        ],
      }),
      'Quarantine',
    );
    const [record, ...others] = await service.store.quarantine.find({ owner: ALICE, reason: 'command_rejected' });
    expect(others).toHaveLength(0);
    expect(record?.subject).toBe('Re: Refunds 6 November 2023');
    expect(record?.detail.split('\n')).toEqual([
      '"close GTB-2029-0001 denied": no case GTB-2029-0001 for alice@example.net',
      expect.stringMatching(/^"close GTB-2023-5876 bananas": "bananas" is not an outcome/),
    ]);
    expect(await service.store.cases.findCase(ALICE, 'GTB-2029-0001')).toEqual([]);
    const after = await gtb();
    expect(after.log).toHaveLength(before.log.length + 1);
    expect(after.log.at(-1)).toMatchObject({
      summary: 'the money is on my Visa statement',
      channel: 'note',
      addedBy: { by: ALICE, via: 'digest_reply' },
    });
    expect(after.status).toBe('resolved');
  });

  it('`note:` above the forward of a refund confirmation is an annotation: the case it closed stays resolved', async () => {
    const forward = [
      'From: Alice Martin <alice@example.net>',
      'To: cases@tracker.example.net',
      'Subject: Fwd: Your refund for case NW-2023-3307',
      'Date: Tue, 7 Nov 2023 18:02:11 +0100',
      'Message-ID: <CAH3mNq0note.forward.3307@mail.gmail.com>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      'note: the money is back on my Visa, checked the statement',
      '',
      '---------- Forwarded message ---------',
      'From: Northwind Home Support <support@northwind-home.example>',
      'Date: Tue, Nov 7, 2023 at 11:20 AM',
      'Subject: Your refund for case NW-2023-3307',
      'To: <alice@example.net>',
      '',
      '',
      'Dear Alice,',
      '',
      'We have issued a full refund of EUR 64.90 to your original payment method for case NW-2023-3307.',
      'The amount should appear on your statement within 3-5 business days.',
      '',
      'Kind regards,',
      'Tomasz Nowak',
      'Northwind Home Customer Care',
      '',
    ].join('\r\n');
    await deliver(forward, 'Processed');
    const [nw] = await service.store.cases.findCase(ALICE, 'NW-2023-3307');
    // The merchant's mail closed the case; the note written after it (18:02 vs 11:20) reopens nothing.
    expect(nw?.status).toBe('resolved');
    expect(nw?.resolution).toMatchObject({ outcome: 'full_refund', amount: 64.9, currency: 'EUR' });
    expect(nw?.statusHistory.map((h) => h.status)).not.toContain('reopened');
    expect(nw?.log.map((e) => [e.channel, e.addedBy])).toEqual([
      ['email', null],
      ['note', { by: ALICE, via: 'email' }],
    ]);
    expect(nw?.log[1]).toMatchObject({ summary: 'the money is back on my Visa, checked the statement' });
  });

  it('a Gmail forward with `case: ABC-123` and `phone: …` above an order-only mail files it there and logs the call', async () => {
    const gtbBefore = await gtb();
    const forward = fixture('commands/gmail-forward-case-phone.eml')
      .toString('latin1')
      .replaceAll('case: GTB-2023-5876', 'case: ABC-123');
    await deliver(forward, 'Processed');

    // The mail names only order GT20231012-88431, which GTB-2023-5876 has: the user's `case:` wins.
    expect((await gtb()).log).toHaveLength(gtbBefore.log.length);
    const [abc] = await service.store.cases.findCase(ALICE, 'ABC-123');
    expect(abc?.log.map((e) => [e.subject, e.channel, e.addedBy])).toEqual([
      ['Update on your order GT20231012-88431', 'email', null],
      ['', 'phone', { by: ALICE, via: 'email' }],
    ]);
    expect(abc?.log[1]).toMatchObject({
      summary: 'called Anna, refund promised by Friday',
      contactPerson: 'Anna',
      // Written on Monday 4 March 2024: Friday is the 8th.
      nextStepsDue: '2024-03-08',
      occurredAt: new Date('2024-03-04T17:05:09Z'),
    });
    expect(abc?.manualChanges).toEqual([expect.objectContaining({ action: 'note', by: ALICE, via: 'email' })]);

    // Delivered again (a retried job, a second copy): nothing twice.
    await deliver(forward, 'Processed');
    const [again] = await service.store.cases.findCase(ALICE, 'ABC-123');
    expect(again?.log).toHaveLength(2);
    expect(again?.manualChanges).toHaveLength(1);
  });

  it('the same mail, already filed under ABC-123, forwarded again with `case: XYZ-777`: stays where it is, no empty case', async () => {
    const before = await service.store.cases.caseFiles({ owner: ALICE });
    const forward = fixture('commands/gmail-forward-case-phone.eml')
      .toString('latin1')
      .replaceAll('case: GTB-2023-5876', 'case: XYZ-777')
      .replace(/^phone: .*$/m, '')
      .replace(/^Message-ID: <[^>]+>$/m, 'Message-ID: <CAH3mNq7refile.xyz777@mail.gmail.com>');
    await deliver(forward, 'Processed');
    // The message is logged once, under the case it was filed in first: `cases renumber`/`merge` move it.
    expect(await service.store.cases.findCase(ALICE, 'XYZ-777')).toEqual([]);
    const after = await service.store.cases.caseFiles({ owner: ALICE });
    expect(after.map((c) => [c.caseNumber, c.log.length])).toEqual(before.map((c) => [c.caseNumber, c.log.length]));
    expect(await service.store.quarantine.find({ owner: ALICE, reason: 'processing_failed' })).toEqual([]);
  });

  it('a `case:` line that names no case files the forward nowhere: quarantined command_rejected', async () => {
    const cases = await service.store.cases.caseFiles({ owner: ALICE });
    const forward = fixture('commands/gmail-forward-case-phone.eml')
      .toString('latin1')
      .replaceAll('case: GTB-2023-5876', 'case: the blender one')
      .replace(/^Message-ID: <[^>]+>$/m, 'Message-ID: <CAH3mNq7case.pending@mail.gmail.com>');
    await deliver(forward, 'Quarantine');
    const records = await service.store.quarantine.find({ owner: ALICE, reason: 'command_rejected' });
    expect(records[0]?.detail).toMatch(/^"case: the blender one": "the" is not a case number/);
    const after = await service.store.cases.caseFiles({ owner: ALICE });
    expect(after.map((c) => [c.caseNumber, c.log.length])).toEqual(cases.map((c) => [c.caseNumber, c.log.length]));
  });
});
