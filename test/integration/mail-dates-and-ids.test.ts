// Faults in what the mail itself claims, on the real servers: a merchant whose clock runs years ahead, and
// a second message reusing a logged message's Message-ID with other words (a forger, or a broken mailer).
// The record must stay exact: each message logged once, no case closed by a message that should not close it.
import type { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import type { WorkerService } from '../../src/workers/service.js';
import { attachmentForward } from '../support/attachment-forward.js';
import {
  ALICE,
  closedAfterEach,
  countIn,
  eventually,
  startTestWorker,
  TEST_AUTHSERV_ID,
  untilMailboxHolds,
  worldForTest,
} from '../support/harness.js';

const cleanups = closedAfterEach();

interface Original {
  from: string;
  date: string;
  messageId: string;
  subject: string;
  body: string[];
}

/** Alice's Gmail forward of `original`, sent at `forwardedAt`, with the receiving server's verdict on top. */
function gmailForward(original: Original, forwardedAt: string, n: number): string {
  return [
    `Authentication-Results: ${TEST_AUTHSERV_ID}; dkim=pass header.d=example.net; dmarc=pass (p=none dis=none) header.from=example.net`,
    'MIME-Version: 1.0',
    `From: Alice Martin <${ALICE}>`,
    `Date: ${forwardedAt}`,
    `Message-ID: <CAdates${n}+fwd@mail.gmail.com>`,
    `Subject: Fwd: ${original.subject}`,
    'To: cases@tracker.example.net',
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    '---------- Forwarded message ---------',
    `From: ${original.from}`,
    `Date: ${original.date}`,
    `Subject: ${original.subject}`,
    `To: Alice Martin <${ALICE}>`,
    `Message-ID: ${original.messageId}`,
    '',
    ...original.body,
    '',
  ].join('\r\n');
}

const SUPPORT = 'Velora Home Support <help@velora-home.example>';

async function deliver(imap: ImapFlow, raw: string, receivedAt: Date): Promise<void> {
  await imap.append('INBOX', raw, [], receivedAt);
}

async function worldWithWorker(): Promise<{ imap: ImapFlow; service: WorkerService }> {
  const { world, imap } = await worldForTest(cleanups);
  const service = await startTestWorker(world);
  cleanups.push(() => service.close());
  return { imap, service };
}

const ack: Original = {
  from: SUPPORT,
  date: 'Tue, 1 Oct 2024 10:12:00 +0200',
  messageId: '<ack.VH-58213@mail.velora-home.example>',
  subject: 'Your return request VH-58213',
  body: [
    'Hello Alice,',
    '',
    'thank you for your return request. Your case number is VH-58213.',
    'Please send the lamp back with the enclosed label; we will check it once it arrives.',
    '',
    'Kind regards,',
    'Sofia Lind',
    'Velora Home Customer Service',
  ],
};

const refund = (date: string): Original => ({
  from: SUPPORT,
  date,
  messageId: '<refund.VH-58213@mail.velora-home.example>',
  subject: 'Re: Your return request VH-58213',
  body: [
    'Hello Alice,',
    '',
    'we have received the lamp for case VH-58213.',
    'Full refund approved. Amount refunded: 89.00 EUR to your original payment method.',
    '',
    'Kind regards,',
    'Sofia Lind',
    'Velora Home Customer Service',
  ],
});

const notArrived: Original = {
  from: `Alice Martin <${ALICE}>`,
  date: 'Thu, 24 Oct 2024 18:40:00 +0200',
  messageId: '<CAnotarrived.VH-58213@mail.gmail.com>',
  subject: 'Re: Your return request VH-58213',
  body: [
    'Hello Sofia,',
    '',
    'it has been two weeks and the 89.00 EUR for case VH-58213 has still not reached my card.',
    'Could you check the refund again, please?',
    '',
    'Alice Martin',
  ],
};

describe("a merchant's clock years ahead", () => {
  // The refund's Date says 2031. Dated as written, it sorted after the customer's later complaint and
  // the case stayed resolved when it must be reopened. A message is not written after the forward that
  // carries it: the forward's date (else INTERNALDATE) bounds it (parse-message.ts).
  it('a refund dated in 2031 does not outrank the customer complaint that came after it', async () => {
    const { imap, service } = await worldWithWorker();
    await deliver(imap, gmailForward(ack, 'Tue, 1 Oct 2024 10:30:00 +0200', 1), new Date('2024-10-01T08:30:05Z'));
    await deliver(
      imap,
      gmailForward(refund('Wed, 1 Jan 2031 09:00:00 +0100'), 'Thu, 10 Oct 2024 12:05:00 +0200', 2),
      new Date('2024-10-10T10:05:04Z'),
    );
    await deliver(
      imap,
      gmailForward(notArrived, 'Thu, 24 Oct 2024 18:45:00 +0200', 3),
      new Date('2024-10-24T16:45:02Z'),
    );
    await untilMailboxHolds(imap, 'Processed', 3);
    await service.whenIdle();

    const [c] = await service.store.cases.caseFiles();
    expect(c?.log).toHaveLength(3);
    // The refund was real: it stays the case's resolution; the complaint after it reopens the case.
    expect(c?.resolution?.outcome).toBe('full_refund');
    expect(c?.status).toBe('reopened');
    expect(c?.log.every((e) => new Date(e.occurredAt).getTime() <= Date.parse('2024-10-25T00:00:00Z'))).toBe(true);
  });
});

/** Alice's Thunderbird forward of `original` as an attachment (its headers intact, Message-ID included). */
function thunderbirdForward(original: Original, forwardedAt: Date, n: number): string {
  return attachmentForward({
    original: { ...original, date: new Date(original.date), to: `Alice Martin <${ALICE}>` },
    trace: [
      `Authentication-Results: ${TEST_AUTHSERV_ID}; dkim=pass header.d=example.net; dmarc=pass (p=none dis=none) header.from=example.net`,
    ],
    messageId: `<tb-dates-${n}@example.net>`,
    date: forwardedAt,
    from: `Alice Martin <${ALICE}>`,
    boundary: `------------dates${n}`,
    note: 'For the record.',
  });
}

describe("a second message under a logged message's Message-ID", () => {
  it('is not logged twice and does not close the case, whatever it says', async () => {
    const { imap, service } = await worldWithWorker();
    const forwarded = new Date('2024-10-01T08:30:00Z');
    await deliver(imap, thunderbirdForward(ack, forwarded, 11), forwarded);
    await untilMailboxHolds(imap, 'Processed', 1);
    await service.whenIdle();
    // Same Message-ID as the acknowledgement, other words: a refund "confirmation" nobody at Velora sent.
    const forged = { ...refund('Wed, 2 Oct 2024 09:00:00 +0200'), messageId: ack.messageId };
    const later = new Date('2024-10-02T07:20:00Z');
    await deliver(imap, thunderbirdForward(forged, later, 12), later);
    await eventually('the second message left INBOX', async () => (await countIn(imap, 'INBOX')) === 0);
    await service.whenIdle();

    const [c] = await service.store.cases.caseFiles();
    expect(c?.log.map((e) => e.subject)).toEqual(['Your return request VH-58213']);
    expect(c?.status).not.toBe('resolved');
    expect(c?.resolution).toBeNull();
    // Out of INBOX, in one place or the other, exactly once.
    expect((await countIn(imap, 'Processed')) + (await countIn(imap, 'Quarantine'))).toBe(2);
  });
});
