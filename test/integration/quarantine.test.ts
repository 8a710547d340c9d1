// Bad input ends in Quarantine with its reason, changes no case, and the worker keeps running.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerService, type WorkerService } from '../../src/workers/service.js';
import {
  appendToInbox,
  countIn,
  dropDatabase,
  fixture,
  imapSession,
  messagesIn,
  quietLogger,
  type TestWorld,
  testWorld,
  untilMailboxHolds,
} from '../support/harness.js';

const MAX_BYTES = 64 * 1024;

/** A forward from the allowed user, with a case number, made too big by a 100 KiB attachment. */
function oversizedMessage(): string {
  const attachment = Buffer.alloc(100 * 1024, 'refund tracker ')
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
  return [
    'From: Alice Martin <alice@example.net>',
    'To: cases@tracker.example.net',
    'Subject: Fwd: Photos for Case Number: GTB-2023-5876',
    'Date: Mon, 30 Oct 2023 10:00:00 +0100',
    'Message-ID: <oversized.1@example.net>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Full refund approved. Transaction ID: TXN999999',
    '--b1',
    'Content-Type: application/octet-stream; name="photos.zip"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="photos.zip"',
    '',
    attachment,
    '--b1--',
    '',
  ].join('\r\n');
}

describe('quarantine', () => {
  let world: TestWorld;
  let service: WorkerService;
  let imap: ImapFlow;

  beforeAll(async () => {
    world = testWorld({ maxMessageBytes: MAX_BYTES });
    imap = await imapSession(world);
    service = await startWorkerService(world.config, { logger: quietLogger(), scheduleDigests: false });
  });

  afterAll(async () => {
    await service?.close();
    await imap?.logout();
    if (world) await dropDatabase(world);
  });

  it.each([
    ['too_large', 'over the size cap', () => oversizedMessage()],
    ['not_mime', 'not MIME at all', () => fixture('bad/not-mime.eml')],
    ['untrusted_sender', 'from a sender not on the allowlist', () => fixture('bad/untrusted-sender.eml')],
  ])('quarantines a message %s (%s) with its reason and changes no case', async (reason, _what, make) => {
    const before = await countIn(imap, 'Quarantine');
    await appendToInbox(imap, make());
    await untilMailboxHolds(imap, 'Quarantine', before + 1);
    await service.whenIdle();

    const records = await service.store.quarantine.list();
    expect(records.map((r) => r.reason)).toContain(reason);
    const record = records.find((r) => r.reason === reason);
    expect(record?.detail).toBeTruthy();
    // The reason travels with the message as an IMAP keyword too.
    const tagged = (await messagesIn(imap, 'Quarantine')).filter((m) => m.flags.includes(`$rt_${reason}`));
    expect(tagged).toHaveLength(1);

    expect(await service.store.cases.caseFiles()).toEqual([]);
    expect(await countIn(imap, 'INBOX')).toBe(0);
    expect(await countIn(imap, 'Processed')).toBe(0);
  });

  it('keeps running: a good message after the bad ones is processed', async () => {
    await appendToInbox(imap, fixture('seed/01-web-form-confirmation.eml'));
    await untilMailboxHolds(imap, 'Processed', 1);
    await service.whenIdle();
    const cases = await service.store.cases.caseFiles();
    expect(cases.map((c) => c.caseNumber)).toEqual(['GTB-2023-5876']);
    // The oversized message said "Full refund approved" and named this case: it must not count.
    expect(cases[0]?.status).not.toBe('resolved');
    expect(cases[0]?.log).toHaveLength(1);
    expect(await countIn(imap, 'Quarantine')).toBe(3);
  });
});
