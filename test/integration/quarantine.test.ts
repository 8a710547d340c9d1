// Bad input ends in Quarantine with its reason, changes no case, and the worker keeps running.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DigestQuarantineItem, digestContent } from '../../src/reports/digest-content.js';
import { startWorkerService, type WorkerService } from '../../src/workers/service.js';
import {
  ALICE,
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
import { oversizedForward } from '../support/oversized-forward.js';

const MAX_BYTES = 64 * 1024;

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
    ['too_large', 'over the size cap', () => oversizedForward(100 * 1024, 'oversized.1@example.net')],
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

  it('mail that fails while being parsed is recorded as its forwarder’s, with its sender and subject: only that user’s digest lists it', async () => {
    const before = await countIn(imap, 'Quarantine');
    await appendToInbox(imap, fixture('mime/37-outlook-attachment-smime-encrypted-original-en.eml'));
    await untilMailboxHolds(imap, 'Quarantine', before + 1);
    await service.whenIdle();

    const record = (await service.store.quarantine.find({ reason: 'unparseable' }))[0];
    expect(record).toMatchObject({
      owner: ALICE,
      fromAddress: ALICE,
      subject: 'Fwd: Refund confirmation - case FO-11842',
      messageId: '<h37@example.net>',
    });
    const listedFor = (owner: string) =>
      digestContent({
        owner,
        date: '2026-11-30',
        since: new Date(0),
        cases: [],
        quarantine: [{ ...record, id: record?.id ?? '' } as DigestQuarantineItem],
      }).quarantine.length;
    expect(listedFor(ALICE)).toBe(1);
    expect(listedFor('bob@example.org')).toBe(0);
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
    expect(await countIn(imap, 'Quarantine')).toBe(4);
  });
});
