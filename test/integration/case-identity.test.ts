// Issue 8, the case as the user sees it, on the real servers: mail with only an order number finds the
// case that has the order (or opens `order:…`, merged when the merchant's number arrives), a reply with
// no number follows In-Reply-To / References, and the user's own changes outlast later mail and reanalysis.
import type { ImapFlow } from 'imapflow';
import mongoose from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RefundTrackerError } from '../../src/errors.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { type CaseLogEntry, CaseStore, type ChangeAuthor } from '../../src/models/case-store.js';
import { modelsFor } from '../../src/models/schemas.js';
import { decideCaseIdentity } from '../../src/rules/case-decision.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';
import { type RecordMessageDeps, recordMessage } from '../../src/workers/record-message.js';
import type { WorkerService } from '../../src/workers/service.js';
import {
  ALICE,
  appendToInbox,
  closeWorld,
  countIn,
  fixture,
  quietLogger,
  startWorkerWorld,
  type TestWorld,
  testWorld,
  untilMailboxHolds,
} from '../support/harness.js';

const ALICE_CLI: ChangeAuthor = { by: ALICE, via: 'cli' };

describe('case identity: order numbers, threads and the user’s last word', () => {
  let world: TestWorld;
  let service: WorkerService;
  let imap: ImapFlow;
  let processed = 0;

  /** Delivers one fixture and waits until the worker has filed it (so the next one sees its effects). */
  async function deliver(file: string, into: 'Processed' | 'Quarantine' = 'Processed'): Promise<void> {
    const before = into === 'Processed' ? processed : await countIn(imap, 'Quarantine');
    await appendToInbox(imap, fixture(`identity/${file}`));
    await untilMailboxHolds(imap, into, before + 1);
    await service.whenIdle();
    if (into === 'Processed') processed += 1;
  }

  const caseOf = async (caseNumber: string) => {
    const [found, ...others] = await service.store.cases.findCase(ALICE, caseNumber);
    expect(others).toHaveLength(0);
    return found;
  };

  beforeAll(async () => {
    ({ world, imap, service } = await startWorkerWorld());
  });

  afterAll(async () => closeWorld({ service, imap, world }));

  it('an order-only refund confirmation attaches to the case that has that order, and closes it', async () => {
    await deliver('a1-case-with-order.eml');
    await deliver('a2-order-only-refund.eml');
    const cases = await service.store.cases.caseFiles({ owner: ALICE });
    expect(cases.map((c) => c.caseNumber)).toEqual(['BW-48213']);
    const bw = await caseOf('BW-48213');
    expect(bw?.log.map((e) => e.messageId)).toEqual([
      '<a1.20260303.48213@mail.brightwave-electronics.example>',
      '<a2.20260310.559102@mail.brightwave-electronics.example>',
    ]);
    expect(bw?.status).toBe('resolved');
    expect(bw?.resolution).toMatchObject({ outcome: 'full_refund', amount: 84.5, transactionId: 'RF-2026-99812' });
  });

  it('an order-only message with no case opens `order:…`; the merchant’s number for that order merges it', async () => {
    await deliver('b1-order-only-request.eml');
    const opened = await caseOf('order:112-4455667-1234567');
    expect(opened?.keyKind).toBe('order');
    expect(opened?.status).toBe('awaiting_support');

    await deliver('b2-case-number-for-order.eml');
    expect(await service.store.cases.findCase(ALICE, 'order:112-4455667-1234567')).toEqual([]);
    const merged = await caseOf('14482093571');
    expect(merged?.keyKind).toBe('case');
    expect(merged?.openedAt).toEqual(new Date('2026-03-04T07:30:00.000Z'));
    expect(merged?.log.map((e) => e.subject)).toEqual([
      'Your return for order 112-4455667-1234567',
      'Case 14482093571: your return for order 112-4455667-1234567',
    ]);
    expect(merged?.manualChanges).toEqual([
      expect.objectContaining({ action: 'merge', by: null, note: 'merged: order:112-4455667-1234567 → 14482093571' }),
    ]);
    expect(merged?.statusHistory.map((h) => h.reason)).toContain('merged: order:112-4455667-1234567 → 14482093571');
    // The order now leads to the case under its merchant number.
    const withOrder = await service.store.cases.casesWithOrder(ALICE, '112-4455667-1234567');
    expect(withOrder.map((c) => c.caseNumber)).toEqual(['14482093571']);
  });

  it('a reply with no number follows In-Reply-To / References to the case of the message it answers', async () => {
    await deliver('c1-numbered-message.eml');
    await deliver('c2-reply-without-number.eml');
    const kl = await caseOf('KL-2026-31877');
    expect(kl?.log.map((e) => e.subject)).toEqual([
      'Ihre Reklamation - Vorgangsnummer KL-2026-31877',
      'AW: Ihre Reklamation',
    ]);
    // "Wir … melden uns … bei Ihnen": the merchant holds the ball, whatever the language.
    expect(kl?.status).toBe('awaiting_support');
  });

  it('a message with no number and no known thread is quarantined as no_case_number, for its owner', async () => {
    await deliver('d1-no-number-no-thread.eml', 'Quarantine');
    const records = await service.store.quarantine.find({ owner: ALICE, reason: 'no_case_number' });
    expect(records.map((r) => [r.subject, r.messageId])).toEqual([
      ['Ihre Anfrage', '<d1.unrelated@mail.kaufhaus-lindenberg.example>'],
    ]);
    expect(records[0]?.quarantined).toMatchObject({ mailbox: 'Quarantine', uid: expect.any(Number) });
  });

  it('records where each processed message now sits, for reanalyze', async () => {
    const stored = await service.store.cases.storedMessages({ owner: ALICE });
    expect(stored).toHaveLength(processed);
    for (const s of stored)
      expect(s.stored).toEqual({ mailbox: 'Processed', uidValidity: expect.any(String), uid: expect.any(Number) });
    expect(new Set(stored.map((s) => s.stored?.uid)).size).toBe(processed);
  });

  it('a user’s close survives later mail and a reanalysis; a note logs a phone call', async () => {
    const closed = await service.store.cases.applyManualChange(ALICE, 'KL-2026-31877', {
      action: 'close',
      at: new Date('2026-03-08T18:00:00.000Z'),
      author: ALICE_CLI,
      resolution: { outcome: 'replacement', amount: null, currency: null, transactionId: null },
      note: 'new kettle sent',
      key: 'cli:close:1',
    });
    expect(closed.status).toBe('resolved');
    expect(closed.resolution?.outcome).toBe('replacement');
    expect(closed.manualChanges.at(-1)).toMatchObject({
      action: 'close',
      by: ALICE,
      via: 'cli',
      note: 'new kettle sent',
    });

    // The same key again applies once.
    const again = await service.store.cases.applyManualChange(ALICE, 'KL-2026-31877', {
      action: 'close',
      at: new Date('2026-03-08T18:05:00.000Z'),
      author: ALICE_CLI,
      key: 'cli:close:1',
    });
    expect(again.manualChanges.filter((c) => c.action === 'close')).toHaveLength(1);

    // A later refund confirmation from the shop: logged, offered, flagged; the user's close stands.
    await deliver('c3-refund-after-user-close.eml');
    const after = await caseOf('KL-2026-31877');
    expect(after?.log).toHaveLength(3);
    expect(after?.status).toBe('resolved');
    expect(after?.resolution?.outcome).toBe('replacement');
    expect(after?.suggestedResolution).toMatchObject({ outcome: 'full_refund', amount: 49.9 });
    expect(after?.attention).toEqual(['suggestion_to_confirm', 'mail_after_user_close']);
    expect(after?.mailAfterUserClose).toEqual({ count: 1, latestAt: new Date('2026-03-12T08:20:00.000Z') });

    // Reanalysis rewrites a message's analysis, never the user's change.
    const [reply] = await service.store.cases.storedMessages({ owner: ALICE, caseNumber: 'KL-2026-31877' });
    if (!reply) throw new Error('no stored message');
    const { changed } = await service.store.cases.reviseLogEntry(ALICE, reply.messageKey, {
      summary: 'Reklamation erfasst; Foto erbeten.',
      nextSteps: 'Bitte senden Sie uns ein Foto des beschädigten Artikels.',
      nextStepsDue: null,
      channel: 'email',
      direction: 'from_support',
      contactPerson: 'Jana Weber',
      implies: 'awaiting_customer',
      resolution: null,
      suggestedResolution: null,
      issueDescription: null,
      merchant: 'kaufhaus-lindenberg.example',
      orderNumber: null,
    });
    expect(changed).toContain('summary');
    const revised = await caseOf('KL-2026-31877');
    expect(revised?.log[0]?.summary).toBe('Reklamation erfasst; Foto erbeten.');
    expect(revised?.status).toBe('resolved');
    expect(revised?.resolution?.outcome).toBe('replacement');

    // A phone call, logged like any other contact, once per key.
    const note = {
      at: new Date('2026-03-13T10:30:00.000Z'),
      author: ALICE_CLI,
      text: 'Called Jana Weber: the refund was a mistake, the replacement stands.',
      channel: 'phone' as const,
      contactPerson: 'Jana Weber',
      key: 'cli:note:1',
    };
    await service.store.cases.addNote(ALICE, 'KL-2026-31877', note);
    const noted = await service.store.cases.addNote(ALICE, 'KL-2026-31877', note);
    const phone = noted.log.filter((e) => e.channel === 'phone');
    expect(phone).toEqual([
      expect.objectContaining({ summary: note.text, contactPerson: 'Jana Weber', addedBy: ALICE_CLI }),
    ]);
    expect(noted.manualChanges.filter((c) => c.action === 'note')).toHaveLength(1);
    // The user's note is not "mail after the close", and the close still stands.
    expect(noted.mailAfterUserClose?.count).toBe(1);
    expect(noted.resolution?.outcome).toBe('replacement');

    // Reopening hands the case back to the mail; the refund of 12 March is dated before the reopen, so
    // it does not undo it (it stays a suggestion), and the count of mail since the close is gone.
    const reopened = await service.store.cases.applyManualChange(ALICE, 'KL-2026-31877', {
      action: 'reopen',
      at: new Date('2026-03-14T08:00:00.000Z'),
      author: { by: ALICE, via: 'digest_reply' },
    });
    expect(reopened.status).toBe('reopened');
    expect(reopened.attention).toEqual(['suggestion_to_confirm']);
  });

  it('confirm needs something to confirm; renumber refuses a taken number; merge moves a case in', async () => {
    const at = new Date('2026-03-15T09:00:00.000Z');
    await expect(
      service.store.cases.applyManualChange(ALICE, '14482093571', { action: 'confirm', at, author: ALICE_CLI }),
    ).rejects.toMatchObject({ code: 'nothing_to_confirm' });
    await expect(
      service.store.cases.applyManualChange(ALICE, 'NO-SUCH-1', { action: 'reopen', at, author: ALICE_CLI }),
    ).rejects.toBeInstanceOf(RefundTrackerError);
    await expect(
      service.store.cases.renumberCase(ALICE, '14482093571', 'BW-48213', { at, author: ALICE_CLI }),
    ).rejects.toMatchObject({ code: 'case_exists' });

    const renumbered = await service.store.cases.renumberCase(ALICE, '14482093571', 'NM-14482093571', {
      at,
      author: ALICE_CLI,
    });
    expect(renumbered.caseNumber).toBe('NM-14482093571');
    expect(renumbered.log).toHaveLength(2);
    expect(renumbered.manualChanges.map((c) => c.action)).toEqual(['merge', 'renumber']);
    expect(await service.store.cases.findCase(ALICE, '14482093571')).toEqual([]);

    const merged = await service.store.cases.mergeCases(ALICE, 'NM-14482093571', 'BW-48213', {
      at: new Date('2026-03-15T09:05:00.000Z'),
      author: ALICE_CLI,
    });
    expect(merged.log).toHaveLength(4);
    expect(merged.manualChanges.map((c) => c.action)).toEqual(['merge', 'renumber', 'merge']);
    expect((await service.store.cases.caseFiles({ owner: ALICE })).map((c) => c.caseNumber).sort()).toEqual([
      'BW-48213',
      'KL-2026-31877',
    ]);
  });
});

describe('merging an order case is crash-safe', () => {
  const ORDER = '305-1182236-7710041';
  const entry = (messageKey: string, caseNumber: string, day: number, caseNo: string | null): CaseLogEntry => ({
    owner: ALICE,
    caseNumber,
    messageKey,
    messageId: `<${messageKey}@shop.example>`,
    occurredAt: new Date(Date.UTC(2026, 3, day, 9)),
    channel: 'email',
    direction: 'from_support',
    contactPerson: null,
    summary: `message ${messageKey}${caseNo ? ` for ${caseNo}` : ''}`,
    nextSteps: null,
    nextStepsDue: null,
    subject: `order ${ORDER}`,
    fromAddress: 'help@shop.example',
    source: null,
    reasons: [],
    filedBy: 'rules',
    implies: 'awaiting_support',
    resolution: null,
    suggestedResolution: null,
    issueDescription: null,
    merchant: 'shop.example',
    orderNumber: ORDER,
  });

  it('a retry after a crash between moving the entries and deleting the order case converges on one case', async () => {
    const world = testWorld();
    const conn = await mongoose.createConnection(world.config.mongo.mongodbUri, { dbName: world.dbName }).asPromise();
    try {
      const models = modelsFor(conn);
      await Promise.all(Object.values(models).map((m) => m.createIndexes()));
      const cases = new CaseStore(models);
      const orderId = await cases.openCase({ owner: ALICE, caseNumber: `order:${ORDER}`, occurredAt: new Date(0) });
      await cases.appendLogEntry(orderId, entry('m1', `order:${ORDER}`, 1, null));
      await cases.deriveFromLog(orderId);

      // The crash: the numbered case exists and holds the moved entry; the order case is still there.
      const numberedId = await cases.openCase({ owner: ALICE, caseNumber: 'CS-5001', occurredAt: new Date(0) });
      await models.LogEntry.updateMany({ caseId: orderId }, { $set: { caseId: numberedId, caseNumber: 'CS-5001' } });

      // The retried job decides again from what is there now: merge the order case into CS-5001.
      const facts = await cases.identityFacts(ALICE, { caseNumber: 'CS-5001', orderNumber: ORDER, threadIds: [] });
      const identity = decideCaseIdentity(facts);
      expect(identity?.mergeFrom).toEqual({ caseNumber: `order:${ORDER}`, into: 'CS-5001', renamed: false });
      const at = new Date(Date.UTC(2026, 3, 2, 9));
      await cases.absorbOrderCase(ALICE, `order:${ORDER}`, 'CS-5001', at);
      await cases.appendLogEntry(numberedId, entry('m2', 'CS-5001', 2, 'CS-5001'));
      await cases.deriveFromLog(numberedId);
      // And once more, as a second retry would: nothing changes.
      await cases.absorbOrderCase(ALICE, `order:${ORDER}`, 'CS-5001', at);

      const all = await cases.caseFiles({ owner: ALICE });
      expect(all.map((c) => c.caseNumber)).toEqual(['CS-5001']);
      expect(all[0]?.log.map((e) => e.messageKey)).toEqual(['m1', 'm2']);
      expect(all[0]?.openedAt).toEqual(new Date(Date.UTC(2026, 3, 1, 9)));
      expect(all[0]?.manualChanges.map((c) => c.note)).toEqual([`merged: order:${ORDER} → CS-5001`]);
      expect(await cases.caseOfMessage(ALICE, ['<m1@shop.example>'])).toBe('CS-5001');
    } finally {
      await conn.dropDatabase();
      await conn.close();
    }
  });
});

describe('a message already logged keeps its case, and no case is left empty', () => {
  const ORDER_CASE = 'order:GT20231012-88431';
  let conn: mongoose.Connection;
  let cases: CaseStore;
  let models: ReturnType<typeof modelsFor>;

  /** The GTBuy order-only mail, forwarded by Alice with `case: <caseNumber>` typed above it. */
  const forwardWithCase = (caseNumber: string) =>
    parseInboundMessage(
      Buffer.from(
        fixture('commands/gmail-forward-case-phone.eml')
          .toString('latin1')
          .replaceAll('case: GTB-2023-5876', `case: ${caseNumber}`),
        'latin1',
      ),
      { maxBytes: 1_000_000 },
    );
  const depsWith = (store: RecordMessageDeps['cases']): RecordMessageDeps => ({
    cases: store,
    ruleset: builtInRuleset,
    customerAddresses: [ALICE],
    logger: quietLogger(),
  });
  const casesNow = async () =>
    (await cases.caseFiles({ owner: ALICE })).map((c) => [c.caseNumber, c.log.map((e) => e.subject)]);

  beforeAll(async () => {
    const world = testWorld();
    conn = await mongoose.createConnection(world.config.mongo.mongodbUri, { dbName: world.dbName }).asPromise();
    models = modelsFor(conn);
    await Promise.all(Object.values(models).map((m) => m.createIndexes()));
    cases = new CaseStore(models);
  });
  afterEach(async () => {
    await models.Case.deleteMany({});
    await models.LogEntry.deleteMany({});
  });
  afterAll(async () => {
    await conn?.dropDatabase();
    await conn?.close();
  });

  it('a crash between opening the user’s case and appending: the retry fills that case, filed by the user', async () => {
    const message = await forwardWithCase('XYZ-777');
    // The crash left XYZ-777 opened and empty.
    await cases.openCase({ owner: ALICE, caseNumber: 'XYZ-777', occurredAt: new Date('2024-03-04T14:18:00Z') });
    const result = await recordMessage(message, ALICE, null, depsWith(cases), { caseNumber: 'XYZ-777' });
    expect(result).toMatchObject({ kind: 'logged', caseNumber: 'XYZ-777', appended: true });
    expect(await casesNow()).toEqual([['XYZ-777', ['Update on your order GT20231012-88431']]]);
    expect((await models.LogEntry.findOne({ messageKey: message.messageKey }).lean())?.filedBy).toBe('user');
  });

  it('another worker logs the same message under its own case between our open and append: ours is removed', async () => {
    const message = await forwardWithCase('XYZ-777');
    const racing: RecordMessageDeps['cases'] = Object.assign(Object.create(cases) as CaseStore, {
      // The other worker (no `case:` line: the rules file it under the order) wins the race to the entry.
      appendLogEntry: async (...args: Parameters<CaseStore['appendLogEntry']>) => {
        const other = await recordMessage(message, ALICE, null, depsWith(cases));
        expect(other).toMatchObject({ kind: 'logged', caseNumber: ORDER_CASE, appended: true });
        return cases.appendLogEntry(...args);
      },
    });
    const result = await recordMessage(message, ALICE, null, depsWith(racing), { caseNumber: 'XYZ-777' });
    expect(result).toMatchObject({ kind: 'logged', caseNumber: ORDER_CASE, appended: false });
    expect(await casesNow()).toEqual([[ORDER_CASE, ['Update on your order GT20231012-88431']]]);
    expect((await models.LogEntry.findOne({ messageKey: message.messageKey }).lean())?.filedBy).toBe('rules');
  });

  it('logged under the order’s case, then forwarded with `case: XYZ-777`: stays, and again changes nothing', async () => {
    const plain = await recordMessage(await forwardWithCase('XYZ-777'), ALICE, null, depsWith(cases));
    expect(plain).toMatchObject({ caseNumber: ORDER_CASE, appended: true });
    const message = await forwardWithCase('XYZ-777');
    for (let run = 0; run < 2; run++) {
      const again = await recordMessage(message, ALICE, null, depsWith(cases), { caseNumber: 'XYZ-777' });
      expect(again).toMatchObject({ kind: 'logged', caseNumber: ORDER_CASE, appended: false });
    }
    expect(await casesNow()).toEqual([[ORDER_CASE, ['Update on your order GT20231012-88431']]]);
  });

  it('an entry whose case was removed under it gets its case back; a case in use is never removed', async () => {
    const message = await forwardWithCase('XYZ-777');
    const logged = await recordMessage(message, ALICE, null, depsWith(cases), { caseNumber: 'XYZ-777' });
    if (logged.kind !== 'logged') throw new Error('not logged');
    const caseId = new mongoose.Types.ObjectId(logged.caseId);
    expect(await cases.removeUnusedCase(caseId)).toBe(false);
    const empty = await cases.openCase({ owner: ALICE, caseNumber: 'EMPTY-1', occurredAt: new Date(0) });
    await cases.deriveFromLog(caseId);
    // Derived once (version 1): never removed even if it were empty.
    await models.Case.updateOne({ _id: empty }, { $set: { version: 1 } });
    expect(await cases.removeUnusedCase(empty)).toBe(false);
    await models.Case.updateOne({ _id: empty }, { $set: { version: 0 } });
    expect(await cases.removeUnusedCase(empty)).toBe(true);

    await models.Case.deleteOne({ _id: caseId });
    const back = await cases.caseOfLoggedMessage(ALICE, message.messageKey);
    expect(back?.caseNumber).toBe('XYZ-777');
    await cases.deriveFromLog(back?.caseId ?? caseId);
    expect(await casesNow()).toEqual([['XYZ-777', ['Update on your order GT20231012-88431']]]);
  });
});
