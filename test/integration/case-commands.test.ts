// The user's case commands as a user runs them (the built CLI in a child process): confirm, close, reopen,
// note, renumber, merge and followup, against the real Dovecot, Redis and MongoDB-protocol servers, on
// cases the real worker made from forwarded mail.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerService } from '../../src/workers/service.js';
import { attachmentForward } from '../support/attachment-forward.js';
import { runCli } from '../support/cli.js';
import {
  ALICE,
  appendToInbox,
  closeWorld,
  startWorkerWorld,
  type TestWorld,
  untilMailboxHolds,
} from '../support/harness.js';

/** Alice's partner: also an allowed forwarder, with a case under one of Alice's numbers. */
const BOB = 'bob.keller@example.org';
const SUPPORT = 'Fjordline Outdoor Support <support@fjordline-outdoor.example>';
const SUPPORT_ADDRESS = 'support@fjordline-outdoor.example';

interface Original {
  date: Date;
  messageId: string;
  subject: string;
  body: string[];
  /** Default: Fjordline's support. */
  from?: string;
  to?: string;
  inReplyTo?: string;
}

let forwards = 0;

/** A Thunderbird forward (the original attached as message/rfc822), seven minutes after the original. */
function forward(original: Original, by = { name: 'Alice Martin', address: ALICE }, note = ''): string {
  forwards += 1;
  return attachmentForward({
    original: {
      ...original,
      from: original.from ?? SUPPORT,
      to: original.to ?? 'Alice Martin <alice@example.net>',
      contentType: 'text/plain; charset=UTF-8; format=flowed',
    },
    messageId: `<${String(forwards).padStart(4, '0')}be354-4807-4b5e-31b4-662c3d14c078@${by.address.split('@')[1]}>`,
    date: new Date(original.date.getTime() + 7 * 60_000),
    from: `${by.name} <${by.address}>`,
    boundary: `------------${String(forwards).padStart(4, '0')}e35448074b5e31b4662c`,
    note,
    // Folded parameters, as Thunderbird writes a long attachment name.
    attachmentHeaders: [
      'Content-Type: message/rfc822; charset=UTF-8;',
      ` name="${original.subject}.eml"`,
      'Content-Disposition: attachment;',
      ` filename="${original.subject}.eml"`,
    ],
  });
}

/** A refund approved with no amount: below auto-close confidence, so a suggestion to confirm. */
const refundApproved: Original = {
  date: new Date('2026-10-05T09:14:00Z'),
  messageId: '<a1.10417.20261005@mail.fjordline-outdoor.example>',
  subject: 'Your refund request - Case FJ-2026-10417',
  body: [
    'Hello Alice,',
    '',
    'thank you for your patience regarding case FJ-2026-10417 (order FO-551204,',
    'Trollvik down jacket).',
    '',
    'Good news: your refund has been approved and will be sent to your original',
    'payment method.',
    '',
    'Best regards,',
    'Ingrid Solberg',
    'Fjordline Outdoor Support',
  ],
};

/** Support promises an answer by 15 October 2026: overdue by the end of November. */
const returnReceived: Original = {
  date: new Date('2026-10-08T13:40:00Z'),
  messageId: '<b1.10522.20261008@mail.fjordline-outdoor.example>',
  subject: 'Re: Damaged tent poles - Case FJ-2026-10522',
  body: [
    'Hello Alice,',
    '',
    'we have received the returned tent (order FO-553377) and passed it to our',
    'quality team for inspection.',
    '',
    'We will get back to you by 15 October 2026 with the result.',
    '',
    'Kind regards,',
    'Anna Lund',
    'Fjordline Outdoor Support',
  ],
};

/** Alice's own request with only an order number: a case keyed `order:FO-558812`. */
const orderOnlyRequest: Original = {
  date: new Date('2026-10-12T17:02:00Z'),
  from: 'Alice Martin <alice@example.net>',
  to: SUPPORT,
  messageId: '<c1-5a8e2b71@example.net>',
  subject: 'Return of order FO-558812',
  body: [
    'Hello,',
    '',
    'I would like to return the hiking boots from order FO-558812 - they are',
    'one size too small. Please send me a return label; I would like a refund.',
    '',
    'Thank you,',
    'Alice Martin',
  ],
};

/** The case number support gave on the phone, with no order number and no thread to follow. */
const newNumber: Original = {
  date: new Date('2026-10-14T08:25:00Z'),
  messageId: '<c2.10630.20261014@mail.fjordline-outdoor.example>',
  subject: 'Case FJ-2026-10630: your return label',
  body: [
    'Hello Alice,',
    '',
    'as discussed on the phone, your return is registered under case FJ-2026-10630.',
    'Please find the prepaid return label attached. Once the boots arrive at our',
    'warehouse we will refund the purchase price.',
    '',
    'Kind regards,',
    'Anna Lund',
    'Fjordline Outdoor Support',
  ],
};

/** Two tickets for one missing sleeping bag. */
const firstTicket: Original = {
  date: new Date('2026-10-16T10:05:00Z'),
  messageId: '<d1.10701.20261016@mail.fjordline-outdoor.example>',
  subject: 'Missing item in your delivery - Case FJ-2026-10701',
  body: [
    'Hello Alice,',
    '',
    'we are sorry to hear that the sleeping bag was missing from order FO-560019.',
    'We have asked our warehouse to check the packing record and will reply',
    'within 3 business days.',
    '',
    'Kind regards,',
    'Erik Dahl',
    'Fjordline Outdoor Support',
  ],
};
const secondTicket: Original = {
  date: new Date('2026-10-17T15:30:00Z'),
  messageId: '<d2.10702.20261017@mail.fjordline-outdoor.example>',
  subject: 'Your message to Fjordline Outdoor - Case FJ-2026-10702',
  body: [
    'Hello Alice,',
    '',
    'thank you for your message about the missing sleeping bag. Could you please',
    'send us a photo of the parcel label so that we can trace the shipment?',
    '',
    'Kind regards,',
    'Maja Berg',
    'Fjordline Outdoor Support',
  ],
};

const warrantyClaim: Original = {
  date: new Date('2026-10-20T11:45:00Z'),
  messageId: '<e1.10755.20261020@mail.fjordline-outdoor.example>',
  subject: 'Warranty claim - Case FJ-2026-10755',
  body: [
    'Hello Alice,',
    '',
    'we have forwarded your warranty claim for the Nordkapp headlamp to the',
    'manufacturer. We will contact you as soon as we hear back from them.',
    '',
    'Kind regards,',
    'Erik Dahl',
    'Fjordline Outdoor Support',
  ],
};

/** Support writes again after the user closed the case: dated `date`, after the close. */
const stillWaiting = (date: Date): Original => ({
  date,
  messageId: '<e2.10755.update@mail.fjordline-outdoor.example>',
  subject: 'Re: Warranty claim - Case FJ-2026-10755',
  inReplyTo: warrantyClaim.messageId,
  body: [
    'Hello Alice,',
    '',
    'a short update on case FJ-2026-10755: we are still waiting for the',
    'manufacturer to reply. We will write again as soon as we know more.',
    '',
    'Kind regards,',
    'Erik Dahl',
    'Fjordline Outdoor Support',
  ],
});

/** `+ <history line>` under the state line: `2026-11-30 02:10 UTC  confirm by …`. */
const ADDED = /^ {2}\+ \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC {2}/;

describe('refund-tracker cases: the user’s own changes', () => {
  let world: TestWorld;
  let service: WorkerService;
  let imap: ImapFlow;
  let env: Record<string, string>;
  let processed = 0;

  /** Delivers mail and waits until the worker has filed all of it. */
  async function deliver(...raws: string[]): Promise<void> {
    for (const raw of raws) await appendToInbox(imap, raw);
    processed += raws.length;
    await untilMailboxHolds(imap, 'Processed', processed);
    await service.whenIdle();
  }

  const cli = (...args: string[]) => runCli(args, env);
  const aliceCase = async (caseNumber: string) => {
    const found = await service.store.cases.findCase(ALICE, caseNumber);
    expect(found).toHaveLength(1);
    return found[0] as NonNullable<(typeof found)[0]>;
  };
  const lines = (text: string) => text.trimEnd().split('\n');

  beforeAll(async () => {
    ({ world, imap, service } = await startWorkerWorld({ allowedForwarders: [ALICE, BOB] }));
    await deliver(
      forward(refundApproved, undefined, 'They approved it but no amount?'),
      forward(returnReceived),
      // Alice sent it on to Bob, who forwards it too: Bob has his own case under the same number.
      forward(returnReceived, { name: 'Bob Keller', address: BOB }, 'For the tracker.'),
      forward(orderOnlyRequest, undefined, 'Sent this, no case number yet.'),
      forward(firstTicket),
      forward(secondTicket, undefined, 'Same problem as FJ-2026-10701, they opened a second ticket.'),
      forward(warrantyClaim),
    );
    env = { MONGODB_URI: world.config.mongo.mongodbUri, MONGODB_DB: world.dbName };
  });

  afterAll(async () => closeWorld({ service, imap, world }));

  it('confirm applies the suggested resolution, recorded as the user’s change by the command line', async () => {
    const before = await aliceCase('FJ-2026-10417');
    expect(before.status).not.toBe('resolved');
    expect(before.suggestedResolution).toMatchObject({ outcome: 'full_refund', amount: null });
    expect(before.attention).toEqual(['suggestion_to_confirm']);

    const run = await cli('cases', 'confirm', 'FJ-2026-10417');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [state, added, ...rest] = lines(run.stdout);
    expect(state).toBe('Case FJ-2026-10417  [resolved]  Full refund');
    expect(added).toMatch(ADDED);
    expect(added).toMatch(/ {2}confirm by alice@example\.net \(cli\)$/);
    expect(rest).toEqual([]);

    const after = await aliceCase('FJ-2026-10417');
    expect(after.status).toBe('resolved');
    expect(after.resolution).toMatchObject({ outcome: 'full_refund', amount: null, currency: null });
    expect(after.suggestedResolution).toBeNull();
    expect(after.attention).toEqual([]);
    expect(after.manualChanges).toEqual([expect.objectContaining({ action: 'confirm', by: ALICE, via: 'cli' })]);
    expect(after.statusHistory.at(-1)).toMatchObject({
      status: 'resolved',
      reason: 'user: confirm (alice@example.net by cli)',
    });

    const show = await cli('cases', 'show', 'FJ-2026-10417');
    expect(show.stdout).toContain('Resolution:    ');
    expect(show.stdout).toMatch(/^ {2}- \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC {2}confirm by alice@example\.net \(cli\)$/m);
    expect(show.stdout).not.toContain('Suggested:');
  });

  it('refuses with one clear line and changes nothing: unknown case, nothing to confirm, bad money, shared number', async () => {
    const refusals: [string[], string][] = [
      [['cases', 'confirm', 'NOPE-404'], 'no case NOPE-404'],
      [['cases', 'reopen', 'NOPE-404', '--owner', ALICE], `no case NOPE-404 for ${ALICE}`],
      [['cases', 'confirm', 'FJ-2026-10755'], 'case FJ-2026-10755 has no suggested resolution to confirm'],
      [
        ['cases', 'close', 'FJ-2026-10755', '--outcome', 'partial_refund', '--amount', '20', '--currency', 'EURO'],
        '--currency must be an ISO 4217 code like EUR, USD or GBP, not "EURO"',
      ],
      [
        ['cases', 'close', 'FJ-2026-10755', '--outcome', 'partial_refund', '--amount', '20', '--currency', 'ABC'],
        'not "ABC"',
      ],
      [
        ['cases', 'close', 'FJ-2026-10755', '--outcome', 'partial_refund', '--amount', '-5', '--currency', 'EUR'],
        '--amount must be a number above 0',
      ],
      [
        ['cases', 'close', 'FJ-2026-10755', '--outcome', 'partial_refund', '--amount', '20'],
        '--amount needs --currency',
      ],
      [
        ['cases', 'close', 'FJ-2026-10755', '--outcome', 'denied', '--amount', '20', '--currency', 'EUR'],
        'a denied case carries no amount',
      ],
      [['cases', 'reopen', 'FJ-2026-10755'], 'case FJ-2026-10755 is not resolved (it is awaiting_support)'],
      [
        ['cases', 'close', 'FJ-2026-10522', '--outcome', 'full_refund'],
        `case FJ-2026-10522 belongs to several users (${ALICE}, ${BOB}): say whose with --owner`,
      ],
      [['cases', 'renumber', 'FJ-2026-10755', 'FJ-2026-10417'], 'case FJ-2026-10417 already exists'],
      [['cases', 'note', 'FJ-2026-10755', 'called them', '--contact', 'Erik'], '--contact goes with --channel'],
    ];
    for (const [args, message] of refusals) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(lines(run.stderr), args.join(' ')).toEqual([expect.stringContaining(message)]);
      expect(run.stdout).toBe('');
    }
    const warranty = await aliceCase('FJ-2026-10755');
    expect(warranty.manualChanges).toEqual([]);
    expect(warranty.status).toBe('awaiting_support');
    expect((await service.store.cases.findCase(undefined, 'FJ-2026-10522')).map((c) => c.manualChanges)).toEqual([
      [],
      [],
    ]);
  });

  it('followup prints a draft to the merchant with the case number and the promised date', async () => {
    const run = await cli('cases', 'followup', 'FJ-2026-10522', '--owner', ALICE, '--today', '2026-11-30');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [to, subject, blank, ...text] = lines(run.stdout);
    expect(to).toBe(`To: ${SUPPORT_ADDRESS}`);
    expect(subject).toBe('Subject: Re: Damaged tent poles - Case FJ-2026-10522');
    expect(blank).toBe('');
    const body = text.join('\n');
    expect(body).toContain('FJ-2026-10522');
    expect(body).toContain('15 October 2026');
    expect(body).toContain('We will get back to you by 15 October 2026 with the result.');

    // The promise has not passed on 10 October; the jacket case promised nothing with a date.
    const early = await cli('cases', 'followup', 'FJ-2026-10522', '--owner', ALICE, '--today', '2026-10-10');
    expect(early.code).toBe(1);
    expect(early.stdout).toBe('');
    expect(lines(early.stderr)).toEqual([
      'case FJ-2026-10522: support promised it by 2026-10-15, which has not passed (today is 2026-10-10); no follow-up yet',
    ]);
    const none = await cli('cases', 'followup', 'FJ-2026-10755');
    expect(none.code).toBe(1);
    expect(lines(none.stderr)).toEqual([
      'case FJ-2026-10755: support has promised nothing by a date; no follow-up is due',
    ]);
  });

  it('note --channel phone --contact logs a contact like any other, shown in cases show', async () => {
    const text = 'Called support: the poles failed inspection, a partial refund is on its way.';
    const run = await cli(
      'cases',
      'note',
      'FJ-2026-10522',
      text,
      '--channel',
      'phone',
      '--contact',
      'Anna',
      '--owner',
      ALICE,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [state, added, summary] = lines(run.stdout);
    // The user called: the ball is with support.
    expect(state).toBe('Case FJ-2026-10522  [awaiting_support]');
    expect(added).toMatch(ADDED);
    expect(added).toMatch(/ {2}Phone {2}from_customer {2}Anna {2}\(added by alice@example\.net via cli\)$/);
    expect(summary).toBe(`      ${text}`);

    const noted = await aliceCase('FJ-2026-10522');
    expect(noted.log.map((e) => e.channel)).toEqual(['email', 'phone']);
    expect(noted.log[1]).toMatchObject({
      summary: text,
      contactPerson: 'Anna',
      direction: 'from_customer',
      addedBy: { by: ALICE, via: 'cli' },
    });
    expect(noted.manualChanges).toEqual([expect.objectContaining({ action: 'note', by: ALICE, via: 'cli' })]);

    const show = await cli('cases', 'show', 'FJ-2026-10522', '--owner', ALICE);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(
      /Phone {2}from_customer {2}Anna {2}\(added by alice@example\.net via cli\)\n {6}Called/,
    );
    // Bob's case of the same number is his own.
    expect((await service.store.cases.findCase(BOB, 'FJ-2026-10522'))[0]?.log).toHaveLength(1);
  });

  it('a note without --channel is the user’s annotation: logged, changing nothing', async () => {
    const before = await aliceCase('FJ-2026-10702');
    const run = await cli('cases', 'note', 'FJ-2026-10702', 'Photo of the label sent from my phone.');
    expect(run.code).toBe(0);
    expect(lines(run.stdout)[1]).toMatch(/ {2}Note {2}from_customer {2}\(added by alice@example\.net via cli\)$/);
    const after = await aliceCase('FJ-2026-10702');
    expect(after.log.at(-1)).toMatchObject({ channel: 'note', summary: 'Photo of the label sent from my phone.' });
    expect(after.status).toBe(before.status);
    expect(after.statusHistory).toEqual(before.statusHistory);
  });

  it('close records the outcome with amount, currency and transaction, by the operator; reopen hands it back', async () => {
    const run = await runCli(
      [
        'cases',
        'close',
        'FJ-2026-10522',
        '--owner',
        ALICE,
        '--outcome',
        'partial_refund',
        '--amount',
        '25.50',
        '--currency',
        'eur',
        '--txn',
        'FJR-88123',
        '--note',
        'refund for the poles only',
      ],
      // Bob runs the tracker for the household: the change is his.
      { ...env, REFUND_TRACKER_USER: BOB },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [state, added] = lines(run.stdout);
    expect(state).toBe('Case FJ-2026-10522  [resolved]  Partial refund (25.50 EUR, transaction FJR-88123)');
    expect(added).toMatch(ADDED);
    expect(added).toMatch(
      / {2}close by bob\.keller@example\.org \(cli\): refund for the poles only {2}→ Partial refund \(25\.50 EUR, transaction FJR-88123\)$/,
    );
    const closed = await aliceCase('FJ-2026-10522');
    expect(closed.status).toBe('resolved');
    expect(closed.resolution).toMatchObject({
      outcome: 'partial_refund',
      amount: 25.5,
      currency: 'EUR',
      transactionId: 'FJR-88123',
    });
    expect(closed.manualChanges.at(-1)).toMatchObject({ action: 'close', by: BOB, via: 'cli' });
    const [bobs] = await service.store.cases.findCase(BOB, 'FJ-2026-10522');
    expect(bobs?.status).not.toBe('resolved');
    expect(bobs?.manualChanges).toEqual([]);

    const reopen = await cli('cases', 'reopen', 'FJ-2026-10522', '--owner', ALICE, '--note', 'only one pole refunded');
    expect(reopen.code).toBe(0);
    const [reopenedState, reopenLine] = lines(reopen.stdout);
    expect(reopenedState).toMatch(/^Case FJ-2026-10522 {2}\[reopened\]/);
    expect(reopenLine).toMatch(/ {2}reopen by alice@example\.net \(cli\): only one pole refunded$/);
    const reopened = await aliceCase('FJ-2026-10522');
    expect(reopened.status).toBe('reopened');
    expect(reopened.statusHistory.at(-1)?.reason).toBe(
      'user: reopen: only one pole refunded (alice@example.net by cli)',
    );
  });

  it('renumber gives an order-keyed case the merchant’s number; the next mail with it joins the case', async () => {
    const order = await aliceCase('order:FO-558812');
    expect(order.keyKind).toBe('order');

    const run = await cli('cases', 'renumber', 'order:FO-558812', 'FJ-2026-10630');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [state, added] = lines(run.stdout);
    expect(state).toBe('Case FJ-2026-10630  [awaiting_support]');
    expect(added).toMatch(/ {2}renumber by alice@example\.net \(cli\): renumbered: order:FO-558812 → FJ-2026-10630$/);
    expect(await service.store.cases.findCase(ALICE, 'order:FO-558812')).toEqual([]);

    // Support's mail carries only the new number: no order number, no thread to follow.
    await deliver(forward(newNumber));
    const joined = await aliceCase('FJ-2026-10630');
    expect(joined.keyKind).toBe('case');
    expect(joined.log.map((e) => e.messageId)).toEqual([orderOnlyRequest.messageId, newNumber.messageId]);
    expect(joined.manualChanges).toEqual([
      expect.objectContaining({
        action: 'renumber',
        by: ALICE,
        via: 'cli',
        note: 'renumbered: order:FO-558812 → FJ-2026-10630',
      }),
    ]);
    const all = await service.store.cases.caseFiles({ owner: ALICE });
    expect(all.filter((c) => c.caseNumber === 'FJ-2026-10630' || c.orderNumber === 'FO-558812')).toHaveLength(1);
  });

  it('merge A B moves A’s log and history into B, and A is gone', async () => {
    const run = await cli('cases', 'merge', 'FJ-2026-10701', 'FJ-2026-10702');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [state, added] = lines(run.stdout);
    expect(state).toMatch(/^Case FJ-2026-10702 {2}\[/);
    expect(added).toMatch(/ {2}merge by alice@example\.net \(cli\): merged: FJ-2026-10701 → FJ-2026-10702$/);

    expect(await service.store.cases.findCase(ALICE, 'FJ-2026-10701')).toEqual([]);
    const merged = await aliceCase('FJ-2026-10702');
    expect(merged.log.map((e) => e.messageId)).toEqual([firstTicket.messageId, secondTicket.messageId, null]);
    expect(merged.openedAt).toEqual(firstTicket.date);
    expect(merged.orderNumber).toBe('FO-560019');
    expect(merged.manualChanges.map((c) => c.action)).toEqual(['note', 'merge']);
    // The first ticket's messages now lead to the merged case.
    expect(await service.store.cases.caseOfMessage(ALICE, [firstTicket.messageId])).toBe('FJ-2026-10702');
  });

  it('a manual close survives a later message that would otherwise reopen the case, and cases show flags it', async () => {
    const run = await cli(
      'cases',
      'close',
      'FJ-2026-10755',
      '--outcome',
      'replacement',
      '--note',
      'new headlamp arrived by post',
    );
    expect(run.code).toBe(0);
    expect(lines(run.stdout)[0]).toBe('Case FJ-2026-10755  [resolved]  Replacement');

    // Support writes again after the close (the close is dated now; the update a minute later).
    const later = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000);
    await deliver(forward(stillWaiting(later)));
    const after = await aliceCase('FJ-2026-10755');
    expect(after.log).toHaveLength(2);
    expect(after.status).toBe('resolved');
    expect(after.resolution).toMatchObject({ outcome: 'replacement', amount: null });
    expect(after.mailAfterUserClose).toEqual({ count: 1, latestAt: later });
    expect(after.attention).toEqual(['mail_after_user_close']);

    const show = await cli('cases', 'show', 'FJ-2026-10755');
    expect(show.stdout).toMatch(/^Case FJ-2026-10755 {2}\[resolved\]$/m);
    expect(show.stdout).toContain('New mail:      1 since you closed it');
    expect(show.stdout).toContain('mail after your close');
    expect(show.stdout).toMatch(/close by alice@example\.net \(cli\): new headlamp arrived by post {2}→ Replacement$/m);
  });
});
