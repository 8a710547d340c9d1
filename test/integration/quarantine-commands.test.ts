// `quarantine list|show|retry|discard` as a user runs them (the built CLI in a child process), against
// the real Dovecot and MongoDB-protocol server, with the worker running beside it.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxIdOf } from '../../src/ingest/mailbox-connection.js';
import { startWorkerService, type WorkerService } from '../../src/workers/service.js';
import { runCli } from '../support/cli.js';
import {
  ALICE,
  appendToInbox,
  cliEnv,
  closeWorld,
  countIn,
  eventually,
  imapSession,
  messagesIn,
  quietLogger,
  startTestWorker,
  TEST_AUTHSERV_ID,
  type TestWorld,
  testWorld,
  untilMailboxHolds,
} from '../support/harness.js';

/** A second member of the household, not yet an allowed forwarder when the test starts. */
const BOB = 'bob.keller@example.org';

/** Bob forwards a support reply (Thunderbird style): quarantined as untrusted until he is allowed. */
function bobsForward(): string {
  return [
    `From: Bob Keller <${BOB}>`,
    'To: cases@tracker.example.net',
    'Subject: Fwd: Re: Return of the coffee grinder - Case Number: HOM-2024-30917',
    'Date: Tue, 14 May 2024 08:12:40 +0200',
    'Message-ID: <8f2c61d0-5b7e-4c1a-9e43-bob-fwd-30917@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8; format=flowed',
    'Content-Transfer-Encoding: 8bit',
    'User-Agent: Mozilla Thunderbird',
    '',
    'For the tracker.',
    '',
    '-------- Forwarded Message --------',
    'Subject: Re: Return of the coffee grinder - Case Number: HOM-2024-30917',
    'Date: Mon, 13 May 2024 16:45:02 +0000',
    'From: Homeware Direct Support <support@homeware-direct.example>',
    `To: Bob Keller <${BOB}>`,
    '',
    'Hello Bob,',
    '',
    'thank you for sending the grinder back. Our warehouse has received the',
    'parcel and the return is now being inspected.',
    '',
    'We will get back to you by 20 May 2024 with the result of the inspection.',
    '',
    'Kind regards,',
    'Jonas Weber',
    'Homeware Direct Customer Care',
    '',
  ].join('\r\n');
}

/** Mail from a stranger: quarantined as untrusted, to be discarded. */
function strangersMail(): string {
  return [
    'From: Parcel Notice <notice@parcel-status.example>',
    'To: cases@tracker.example.net',
    'Subject: Your parcel could not be delivered',
    'Date: Wed, 15 May 2024 03:20:11 +0000',
    'Message-ID: <20240515032011.77121@parcel-status.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'Dear customer, your parcel is waiting. Confirm your address to arrange a new delivery.',
    '',
  ].join('\r\n');
}

/** Alice's forward of a shop's auto-reply: no case or order number in it. */
function alicesAutoReply(): string {
  return [
    `From: Alice Martin <${ALICE}>`,
    'To: cases@tracker.example.net',
    'Subject: Fwd: We have received your message',
    'Date: Thu, 16 May 2024 19:03:12 +0200',
    'Message-ID: <E7A1C2D4-3B5F-4A6E-9C8D-0F1E2A3B4C5D@example.net>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    '> Begin forwarded message:',
    '>',
    '> From: Lumen Lights <hello@lumen-lights.example>',
    '> Subject: We have received your message',
    '> Date: 16 May 2024 at 10:00:00 CEST',
    '> To: Alice Martin <alice@example.net>',
    '>',
    '> Thank you for writing to us. This is an automatic reply: a member of our team will answer soon.',
    '',
  ].join('\r\n');
}

/** Alice's forward with a case number, put straight into Quarantine: an older record's message. */
function alicesOlderForward(): string {
  return [
    `Authentication-Results: ${TEST_AUTHSERV_ID}; dmarc=pass (p=none dis=none) header.from=example.net`,
    `From: Alice Martin <${ALICE}>`,
    'To: cases@tracker.example.net',
    'Subject: Fwd: Ticket update - Case Number: LUM-2024-00412',
    'Date: Fri, 17 May 2024 09:30:00 +0200',
    'Message-ID: <0B9E8D7C-6A5F-4E3D-8C2B-1A0F9E8D7C6B@example.net>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    '> Begin forwarded message:',
    '>',
    '> From: Lumen Lights Support <support@lumen-lights.example>',
    '> Subject: Ticket update - Case Number: LUM-2024-00412',
    '> Date: 17 May 2024 at 08:55:00 CEST',
    '> To: Alice Martin <alice@example.net>',
    '>',
    '> Hello Alice, we have asked the courier to trace your parcel and will write again on Monday.',
    '',
  ].join('\r\n');
}

/**
 * Alice forwards a support reply as an attachment (message/rfc822): the record holds the attached
 * original's Message-ID, which no header of the forward carries.
 */
function alicesAttachedForward(): string {
  return [
    `Authentication-Results: ${TEST_AUTHSERV_ID}; dmarc=pass (p=none dis=none) header.from=example.net`,
    `From: Alice Martin <${ALICE}>`,
    'To: cases@tracker.example.net',
    'Subject: Fwd: Your claim - Case Number: LUM-2024-00413',
    'Date: Sat, 18 May 2024 11:20:00 +0200',
    'Message-ID: <a41f0c2e-outer-forward-00413@example.net>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="fwd-00413"',
    '',
    '--fwd-00413',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'See attached.',
    '',
    '--fwd-00413',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="Your claim.eml"',
    '',
    'From: Lumen Lights Support <support@lumen-lights.example>',
    `To: Alice Martin <${ALICE}>`,
    'Subject: Your claim - Case Number: LUM-2024-00413',
    'Date: Sat, 18 May 2024 08:02:00 +0000',
    'Message-ID: <claim-00413.20240518080200@lumen-lights.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello Alice, we have registered your claim for the broken lamp shade and will reply within 5 days.',
    '',
    '--fwd-00413--',
    '',
  ].join('\r\n');
}

interface ListedRecord {
  id: string;
  reason: string;
  detail: string;
  status: string;
  owner: string | null;
  fromAddress: string | null;
  originalFrom: string | null;
  subject: string | null;
  quarantinedAt: string;
  origin: string;
  quarantined: { mailbox: string; uidValidity: string | null; uid: number } | null;
}

describe('quarantine commands', () => {
  let world: TestWorld;
  let service: WorkerService;
  let imap: ImapFlow;
  let env: Record<string, string>;

  const cli = (...args: string[]) => runCli(['quarantine', ...args], env);
  const listed = async (...args: string[]): Promise<ListedRecord[]> => {
    const run = await cli('list', '--json', ...args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as ListedRecord[];
  };
  /** The record of this reason whose message's subject contains `subject`. */
  const recordOf = async (reason: string, subject: string): Promise<ListedRecord> => {
    const found = (await listed('--all')).find((r) => r.reason === reason && r.subject?.includes(subject));
    if (!found) throw new Error(`no ${reason} record about '${subject}'`);
    return found;
  };

  beforeAll(async () => {
    world = testWorld();
    imap = await imapSession(world);
    env = cliEnv(world);
    service = await startTestWorker(world);
    await appendToInbox(imap, bobsForward());
    await appendToInbox(imap, strangersMail());
    await appendToInbox(imap, alicesAutoReply());
    await untilMailboxHolds(imap, 'Quarantine', 3);
    await service.whenIdle();
  });

  afterAll(async () => closeWorld({ service, imap, world }));

  it('lists what the worker set aside, by owner and reason, as lines and as JSON', async () => {
    const all = await listed();
    // Set aside for its sender: who mailed it to the mailbox (Bob), with the forwarded original's beside it;
    // set aside for what it says: the original's sender (the support side of a forward).
    expect(all.map((r) => [r.reason, r.fromAddress, r.originalFrom, r.owner, r.status]).sort()).toEqual([
      ['no_case_number', 'hello@lumen-lights.example', null, ALICE, 'pending'],
      ['untrusted_sender', BOB, 'support@homeware-direct.example', null, 'pending'],
      ['untrusted_sender', 'notice@parcel-status.example', null, null, 'pending'],
    ]);
    // Each came from the watched INBOX.
    expect(all.map((r) => r.origin)).toEqual(all.map(() => mailboxIdOf(world.config.imap)));
    // The worker recorded where each message now sits in the Quarantine mailbox.
    expect(all.every((r) => r.quarantined?.mailbox === 'Quarantine' && r.quarantined.uid > 0)).toBe(true);
    expect((await listed('--owner', 'ALICE@example.net')).map((r) => r.reason)).toEqual(['no_case_number']);
    expect(await listed('--reason', 'untrusted_sender')).toHaveLength(2);

    const lines = await cli('list');
    expect(lines.code).toBe(0);
    const rows = lines.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(3);
    const bob = await recordOf('untrusted_sender', 'HOM-2024-30917');
    expect(rows).toContain(
      `${bob.id}\t${bob.quarantinedAt.slice(0, 16).replace('T', ' ')}\tuntrusted_sender\tpending\t-\t` +
        `${BOB}\tRe: Return of the coffee grinder - Case Number: HOM-2024-30917`,
    );

    const bad = await cli('list', '--reason', 'spam');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('must be one of');
  });

  it('shows one record with its reason and detail', async () => {
    const bob = await recordOf('untrusted_sender', 'HOM-2024-30917');
    const show = await cli('show', bob.id);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`Quarantine record ${bob.id}  [pending]`);
    expect(show.stdout).toMatch(/Reason: +untrusted_sender \(from a sender who is not an allowed forwarder\)/);
    expect(show.stdout).toContain(`Detail:        ${bob.detail}`);
    expect(bob.detail).toContain(BOB);
    expect(show.stdout).toContain(`From:          ${BOB}\n`);
    expect(show.stdout).toContain("Original from: support@homeware-direct.example (the forwarded message's sender)\n");
    expect(show.stdout).toContain('Subject:       Re: Return of the coffee grinder - Case Number: HOM-2024-30917\n');
    expect(show.stdout).toContain(`Origin:        ${mailboxIdOf(world.config.imap)}\n`);

    const missing = await cli('show', '0123456789abcdef01234567');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no quarantine record 0123456789abcdef01234567');
  });

  it('retry: once the sender is allowed, the message goes back to the INBOX and is logged once', async () => {
    const bob = await recordOf('untrusted_sender', 'HOM-2024-30917');
    // The user adds Bob to ALLOWED_FORWARDERS and restarts the worker.
    await service.close();
    const allowed = { ...world.config, imap: { ...world.config.imap, allowedForwarders: [ALICE, BOB] } };
    service = await startWorkerService(allowed, { logger: quietLogger(), scheduleDigests: false });
    env = { ...env, ALLOWED_FORWARDERS: `${ALICE},${BOB}` };

    const retry = await cli('retry', bob.id);
    expect(retry.stderr).toBe('');
    expect(retry.code).toBe(0);
    expect(retry.stdout).toContain(`${bob.id}: moved back to the INBOX`);
    await untilMailboxHolds(imap, 'Processed', 1);
    await service.whenIdle();

    const cases = await service.store.cases.caseFiles({ owner: BOB });
    expect(cases.map((c) => [c.caseNumber, c.log.length])).toEqual([['HOM-2024-30917', 1]]);
    expect(await countIn(imap, 'Quarantine')).toBe(2);
    expect(await countIn(imap, 'INBOX')).toBe(0);
    // The reason keyword went with the retry: the processed message no longer says it was quarantined.
    const [processed] = await messagesIn(imap, 'Processed');
    expect(processed?.flags.filter((f) => f.startsWith('$rt_'))).toEqual([]);
    expect((await listed('--all')).map((r) => r.id)).not.toContain(bob.id);

    // The same retry again: the record is gone, nothing moves, nothing is logged twice.
    const again = await cli('retry', bob.id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no quarantine record ${bob.id}`);
    await service.whenIdle();
    expect((await service.store.cases.caseFiles({ owner: BOB }))[0]?.log).toHaveLength(1);
  });

  it('discard: the message goes to Discarded, never deleted; the record stays, marked with who and when', async () => {
    const stranger = await recordOf('untrusted_sender', 'could not be delivered');
    const quarantinedBefore = await countIn(imap, 'Quarantine');

    const discard = await cli('discard', stranger.id);
    expect(discard.stderr).toBe('');
    expect(discard.code).toBe(0);
    expect(discard.stdout).toContain(`${stranger.id}: moved to Discarded; record marked discarded by cli:`);
    expect(await countIn(imap, 'Discarded')).toBe(1);
    expect(await countIn(imap, 'Quarantine')).toBe(quarantinedBefore - 1);
    // The reason keyword stays on a discarded message.
    const [kept] = await messagesIn(imap, 'Discarded');
    expect(kept?.flags).toContain('$rt_untrusted_sender');

    expect((await listed()).map((r) => r.id)).not.toContain(stranger.id);
    expect((await listed('--all')).find((r) => r.id === stranger.id)?.status).toBe('discarded');
    const show = await cli('show', stranger.id);
    expect(show.stdout).toContain(`Quarantine record ${stranger.id}  [discarded]`);
    expect(show.stdout).toMatch(/Discarded: +\d{4}-\d{2}-\d{2}T.+ by cli:/);

    const twice = await cli('discard', stranger.id);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('already discarded');
    const retried = await cli('retry', stranger.id);
    expect(retried.code).toBe(1);
    expect(retried.stderr).toContain('was discarded');
    expect(await countIn(imap, 'Discarded')).toBe(1);
  });

  it('retry --all --reason: the message is processed again with the current rules (here: quarantined again)', async () => {
    const before = await recordOf('no_case_number', 'received your message');
    const retry = await cli('retry', '--all', '--reason', 'no_case_number');
    expect(retry.code).toBe(0);
    expect(retry.stdout).toContain(`${before.id}: moved back to the INBOX`);
    await eventually('quarantined again with a new record', async () => {
      const now = (await listed('--reason', 'no_case_number'))[0];
      return now !== undefined && now.id !== before.id;
    });
    await service.whenIdle();
    expect(await listed('--reason', 'no_case_number')).toHaveLength(1);
    expect(await countIn(imap, 'Quarantine')).toBe(1);

    const both = await cli('retry', before.id, '--all');
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('give a record id or --all');
  });

  describe('records without the place of their message (written before it was recorded)', () => {
    const mailbox = () => mailboxIdOf(world.config.imap);

    it('finds the message by its Message-ID', async () => {
      await imap.append('Quarantine', alicesOlderForward(), ['$rt_processing_failed']);
      await service.store.quarantine.record(
        {
          mailbox: mailbox(),
          uidValidity: '1',
          uid: 9001,
          reason: 'processing_failed',
          detail: 'job failed 5 times: connection reset',
          messageId: '<0B9E8D7C-6A5F-4E3D-8C2B-1A0F9E8D7C6B@example.net>',
          fromAddress: ALICE,
          subject: 'Fwd: Ticket update - Case Number: LUM-2024-00412',
          sizeBytes: null,
        },
        new Date('2024-05-17T08:00:00Z'),
      );
      const older = await recordOf('processing_failed', 'LUM-2024-00412');
      expect(older.quarantined).toBeNull();

      const retry = await cli('retry', older.id);
      expect(retry.stderr).toBe('');
      expect(retry.code).toBe(0);
      await eventually('the case it names', async () => {
        const [found] = await service.store.cases.caseFiles({ caseNumber: 'LUM-2024-00412' });
        return found?.log.length === 1;
      });
      await service.whenIdle();
      expect((await listed('--all')).map((r) => r.id)).not.toContain(older.id);
    });

    it("finds a forward by its attached original's Message-ID", async () => {
      await imap.append('Quarantine', alicesAttachedForward(), ['$rt_processing_failed']);
      await service.store.quarantine.record(
        {
          mailbox: mailbox(),
          uidValidity: '1',
          uid: 9004,
          reason: 'processing_failed',
          detail: 'job failed 5 times: connection reset',
          messageId: '<claim-00413.20240518080200@lumen-lights.example>',
          fromAddress: 'support@lumen-lights.example',
          subject: 'Your claim - Case Number: LUM-2024-00413',
          sizeBytes: null,
        },
        new Date('2024-05-18T10:00:00Z'),
      );
      const older = await recordOf('processing_failed', 'LUM-2024-00413');
      const retry = await cli('retry', older.id);
      expect(retry.stderr).toBe('');
      expect(retry.code).toBe(0);
      await eventually('the case it names', async () => {
        const [found] = await service.store.cases.caseFiles({ caseNumber: 'LUM-2024-00413' });
        return found?.log.length === 1;
      });
      await service.whenIdle();
    });

    it('fails naming the record when no message carries its Message-ID, and keeps the record', async () => {
      await service.store.quarantine.record(
        {
          mailbox: mailbox(),
          uidValidity: '1',
          uid: 9002,
          reason: 'unparseable',
          detail: 'message has no date',
          messageId: '<never-delivered.4242@example.net>',
          fromAddress: null,
          subject: 'Lost one',
          sizeBytes: null,
        },
        new Date('2024-05-18T08:00:00Z'),
      );
      const lost = await recordOf('unparseable', 'Lost one');
      // A reply to it names it in its own headers: not the message the record is about.
      await imap.append(
        'Quarantine',
        [
          'From: Nora Field <nora@example.com>',
          'To: cases@tracker.example.net',
          'Subject: Re: Lost one',
          'Date: Sun, 19 May 2024 10:00:00 +0000',
          'Message-ID: <reply-to-lost.5151@example.com>',
          'In-Reply-To: <never-delivered.4242@example.net>',
          'References: <never-delivered.4242@example.net>',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Did this ever arrive?',
          '',
        ].join('\r\n'),
      );
      const quarantined = await countIn(imap, 'Quarantine');
      const retry = await cli('retry', lost.id);
      expect(retry.code).toBe(1);
      expect(retry.stderr).toContain(`quarantine record ${lost.id} (unparseable, Lost one)`);
      expect(retry.stderr).toContain('no message with Message-ID <never-delivered.4242@example.net>');
      expect((await listed()).map((r) => r.id)).toContain(lost.id);
      expect(await countIn(imap, 'Quarantine')).toBe(quarantined);
    });

    it('a record whose message is already gone is only deleted, and says so', async () => {
      const status = await imap.status('Quarantine', { uidValidity: true });
      if (!status) throw new Error('no Quarantine mailbox');
      const ref = { mailbox: mailbox(), uidValidity: '1', uid: 9003 };
      await service.store.quarantine.record(
        {
          ...ref,
          reason: 'not_mime',
          detail: 'not a MIME message',
          messageId: null,
          fromAddress: null,
          subject: 'Gone already',
          sizeBytes: 10,
        },
        new Date('2024-05-19T08:00:00Z'),
      );
      await service.store.quarantine.markMoved(ref, {
        mailbox: 'Quarantine',
        uidValidity: String(status.uidValidity),
        uid: 99_999,
      });
      const gone = await recordOf('not_mime', 'Gone already');
      const retry = await cli('retry', gone.id);
      expect(retry.code).toBe(0);
      expect(retry.stdout).toContain(`${gone.id}: its message is no longer in the Quarantine mailbox; record deleted`);
      expect((await listed('--all')).map((r) => r.id)).not.toContain(gone.id);
    });
  });
});
