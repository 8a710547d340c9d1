// A mail that carries several forwarded originals as attachments, on the real servers (Dovecot, FerretDB): each
// original logged in its own case exactly once, through a redelivery, a worker that dies between two originals,
// the same original forwarded alone, `import` twice and `reanalyze`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MailboxConnection, mailboxIdOf } from '../../src/ingest/mailbox-connection.js';
import { MailboxMessages } from '../../src/ingest/mailbox-messages.js';
import type { MessageRef } from '../../src/ingest/message-ref.js';
import type { CaseStore } from '../../src/models/case-store.js';
import { openStore, type Store } from '../../src/models/store.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';
import { processMessage } from '../../src/workers/message-processor.js';
import {
  ALICE,
  appendToInbox,
  cliEnv,
  closedAfterEach,
  countIn,
  fixture,
  quietLogger,
  startTestWorker,
  type TestWorld,
  untilMailboxHolds,
  worldForTest,
} from '../support/harness.js';
import { runInProcess } from '../support/in-process-cli.js';

const cleanups = closedAfterEach();

const GMAIL = 'mime/22-gmail-several-originals-attached-en.eml';
const THUNDERBIRD = 'mime/24-thunderbird-originals-two-charsets-fr-pl.eml';

async function setUp() {
  const { world, imap } = await worldForTest(cleanups);
  const store = await openStore(world.config.mongo);
  cleanups.push(() => store.close());
  const connection = new MailboxConnection(world.config.imap, quietLogger());
  cleanups.push(() => connection.close());
  await connection.ensureMailboxes(['Processed', 'Quarantine']);
  const mailbox = new MailboxMessages(connection, world.config.imap, quietLogger());
  const deps = {
    source: mailbox,
    cases: store.cases,
    quarantine: store.quarantine,
    imap: world.config.imap,
    ruleset: builtInRuleset,
    now: () => new Date(),
    logger: quietLogger(),
  };
  /** The INBOX message with this UID, processed by the worker's steps. */
  const refOf = async (uid: number): Promise<MessageRef> => {
    const box = await imap.status('INBOX', { uidValidity: true });
    return { mailbox: mailboxIdOf(world.config.imap), uidValidity: box === false ? '' : String(box.uidValidity), uid };
  };
  return { world, imap, store, deps, refOf };
}

/** Every case of Alice's: its number and its entries' message keys. */
async function casesOf(store: Store) {
  const cases = await store.cases.caseFiles({ owner: ALICE });
  return Object.fromEntries(cases.map((c) => [c.caseNumber, c.log.map((e) => e.messageKey)]));
}

/** The second original of the Thunderbird fixture alone, as Thunderbird forwards one message as attachment. */
function thunderbirdSecondAlone(): Buffer {
  const raw = fixture(THUNDERBIRD).toString('latin1');
  const alone = raw
    .replace(
      /--------------x3Yd7QmW0hZ1vB8nK5pR2sTa\r\nContent-Type: message\/rfc822; name="Remboursement[\s\S]*?(?=--------------x3Yd7QmW0hZ1vB8nK5pR2sTa\r\nContent-Type: message)/,
      '',
    )
    .replace('<8e0c5b7a-31d4-4f2e-b6a9-0c7d2e1f4a58@example.net>', '<alone-4a58@example.net>');
  expect(alone.length).toBeLessThan(raw.length);
  return Buffer.from(alone, 'latin1');
}

describe('several forwarded originals in one mail: each logged in its case exactly once', () => {
  it('two originals of two cases: two cases, one entry each; the mail in Processed, its place on both entries', async () => {
    const { imap, store, deps, refOf } = await setUp();
    await appendToInbox(imap, fixture(GMAIL));
    const outcome = await processMessage(await refOf(1), deps);
    expect(outcome).toMatchObject({
      status: 'processed',
      caseNumber: 'LO-31907',
      appended: true,
      resolved: true,
      originals: [
        { caseNumber: 'LO-31907', appended: true, resolved: true },
        { caseNumber: 'PX-20418', appended: true, resolved: false },
      ],
    });
    expect(await casesOf(store)).toEqual({
      'LO-31907': ['mid:<cs.lo-31907.1763484065@lumen-outdoor.example>'],
      'PX-20418': ['mid:<20261120101538.px-20418.a7c2@pixelcraft-prints.example>'],
    });
    const [lumen, pixel] = await store.cases.caseFiles({ owner: ALICE });
    // Each entry is the original's own: its sender, subject and date, not the forward's.
    expect(lumen?.log[0]).toMatchObject({
      fromAddress: 'help@lumen-outdoor.example',
      subject: 'Your refund for case LO-31907 has been approved',
      occurredAt: new Date('2026-11-18T16:41:05.000Z'),
    });
    expect(lumen?.status).toBe('resolved');
    expect(pixel?.log[0]).toMatchObject({
      fromAddress: 'support@pixelcraft-prints.example',
      occurredAt: new Date('2026-11-20T10:15:38.000Z'),
    });
    expect(pixel?.status).not.toBe('resolved');
    expect(await countIn(imap, 'INBOX')).toBe(0);
    expect(await countIn(imap, 'Processed')).toBe(1);
    const stored = await store.cases.storedMessages({ owner: ALICE });
    expect(stored.map((s) => [s.caseNumber, s.stored?.mailbox, s.stored?.uid])).toEqual(
      expect.arrayContaining([
        ['LO-31907', 'Processed', 1],
        ['PX-20418', 'Processed', 1],
      ]),
    );
  });

  it('the same mail delivered again: nothing logged twice', async () => {
    const { imap, store, deps, refOf } = await setUp();
    await appendToInbox(imap, fixture(GMAIL));
    await appendToInbox(imap, fixture(GMAIL));
    await processMessage(await refOf(1), deps);
    const again = await processMessage(await refOf(2), deps);
    expect(again).toMatchObject({ status: 'processed', appended: false });
    expect(await casesOf(store)).toEqual({
      'LO-31907': ['mid:<cs.lo-31907.1763484065@lumen-outdoor.example>'],
      'PX-20418': ['mid:<20261120101538.px-20418.a7c2@pixelcraft-prints.example>'],
    });
    expect(await countIn(imap, 'Processed')).toBe(2);
  });

  it('a worker that dies after the first original is committed: the mail stays in INBOX; after the retry exactly one entry each', async () => {
    const { imap, store, deps, refOf } = await setUp();
    await appendToInbox(imap, fixture(THUNDERBIRD));
    // The first append reaches MongoDB, then the process dies before anything else happens.
    let appends = 0;
    const dying: CaseStore = Object.create(store.cases);
    dying.appendLogEntry = async (...args: Parameters<CaseStore['appendLogEntry']>) => {
      const result = await store.cases.appendLogEntry(...args);
      appends += 1;
      if (appends === 1) throw new Error('worker killed');
      return result;
    };
    const ref = await refOf(1);
    await expect(processMessage(ref, { ...deps, cases: dying })).rejects.toThrow('worker killed');
    expect(await casesOf(store)).toEqual({ 'SAV-2026-3318': ['mid:<sav-2026-3318.1764151200@cieletbois.example>'] });
    expect(await countIn(imap, 'INBOX')).toBe(1);
    expect(await countIn(imap, 'Processed')).toBe(0);

    const retried = await processMessage(ref, deps);
    expect(retried).toMatchObject({
      status: 'processed',
      originals: [
        { caseNumber: 'SAV-2026-3318', appended: false },
        { caseNumber: 'RK-58203', appended: true },
      ],
    });
    expect(await casesOf(store)).toEqual({
      'SAV-2026-3318': ['mid:<sav-2026-3318.1764151200@cieletbois.example>'],
      'RK-58203': ['mid:<rk-58203.20261127@zagiel-sklep.example>'],
    });
    expect(await countIn(imap, 'INBOX')).toBe(0);
    expect(await countIn(imap, 'Processed')).toBe(1);
  });

  it('an original forwarded alone and again among several: one entry', async () => {
    const { imap, store, deps, refOf } = await setUp();
    await appendToInbox(imap, thunderbirdSecondAlone());
    await appendToInbox(imap, fixture(THUNDERBIRD));
    expect(await processMessage(await refOf(1), deps)).toMatchObject({ caseNumber: 'RK-58203', appended: true });
    expect(await processMessage(await refOf(2), deps)).toMatchObject({
      originals: [
        { caseNumber: 'SAV-2026-3318', appended: true },
        { caseNumber: 'RK-58203', appended: false },
      ],
    });
    expect(await casesOf(store)).toEqual({
      'RK-58203': ['mid:<rk-58203.20261127@zagiel-sklep.example>'],
      'SAV-2026-3318': ['mid:<sav-2026-3318.1764151200@cieletbois.example>'],
    });
  });

  it('one original with no case: the mail is set aside saying which, the other stays logged once', async () => {
    const { imap, store, deps, refOf } = await setUp();
    // The Pixelcraft ticket without its number or order: nothing files it.
    const raw = fixture(GMAIL)
      .toString('utf8')
      .replaceAll('Ticket #PX-20418', 'your ticket')
      .replaceAll('[Ticket #PX-20418] ', '')
      .replaceAll('PX-2041=\r\n8', 'your ticket')
      .replaceAll('PX-20418.a7c2', 'a7c2')
      .replaceAll('PX-77031', 'your order')
      .replaceAll('PX-7=\r\n7031', 'your order');
    expect(raw).not.toContain('PX-');
    await appendToInbox(imap, raw);
    const outcome = await processMessage(await refOf(1), deps);
    expect(outcome).toEqual({ status: 'quarantined', reason: 'no_case_number' });
    const [record] = await store.quarantine.list();
    expect(record?.detail).toBe(
      'original 2 of 2 ([your ticket] Misprinted photo book.eml): no case number, order number or known thread in the message (logged: 1 of 2 (Your refund for case LO-31907 has been approved.eml) in LO-31907)',
    );
    expect(await casesOf(store)).toEqual({ 'LO-31907': ['mid:<cs.lo-31907.1763484065@lumen-outdoor.example>'] });
    expect(await countIn(imap, 'Quarantine')).toBe(1);
  });
});

describe('the worker service (parsing on its analysis threads)', () => {
  it('logs each original of a delivered mail in its case', async () => {
    const { world, imap, store } = await setUp();
    await appendToInbox(imap, fixture('mime/23-outlook-two-eml-files-attached-de.eml'));
    const service = await startTestWorker(world);
    cleanups.push(() => service.close());
    await untilMailboxHolds(imap, 'Processed', 1);
    await service.whenIdle();
    expect(await casesOf(store)).toEqual({
      'KN-2026-0815': ['mid:<kn-2026-0815.20261123130217@kaffeerei-nord.example>'],
      'VS-44190': ['mid:<reklamation.vs-44190.1764060301@velostadt.example>'],
    });
  });
});

describe('import and reanalyze read each original', () => {
  it('a folder with a mail of two originals imported twice: two cases, one entry each, copied once; reanalyze finds both', async () => {
    const { world, store } = await setUp();
    const dir = mkdtempSync(join(tmpdir(), 'rt-several-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'outlook.eml'), fixture('mime/23-outlook-two-eml-files-attached-de.eml'));
    const env = { ...cliEnv(world as TestWorld), RULES_PATH: '' };
    await runInProcess(['import', dir], env);
    expect(await casesOf(store)).toEqual({
      'KN-2026-0815': ['mid:<kn-2026-0815.20261123130217@kaffeerei-nord.example>'],
      'VS-44190': ['mid:<reklamation.vs-44190.1764060301@velostadt.example>'],
    });
    const stored = await store.cases.storedMessages({ owner: ALICE });
    expect(stored.map((s) => s.stored?.uid)).toEqual([1, 1]);

    await runInProcess(['import', dir], env);
    expect(await casesOf(store)).toEqual({
      'KN-2026-0815': ['mid:<kn-2026-0815.20261123130217@kaffeerei-nord.example>'],
      'VS-44190': ['mid:<reklamation.vs-44190.1764060301@velostadt.example>'],
    });
    const imap = await (await import('../support/harness.js')).imapSession(world);
    cleanups.push(() => imap.logout());
    expect(await countIn(imap, 'Processed')).toBe(1);

    const reanalysed = await runInProcess(['reanalyze', '--dry-run'], env);
    // Each entry's original is found in the stored mail among the others (else: `could not be reanalysed`).
    expect(reanalysed.stdout).toContain('2 cases reanalysed: 0 would change (0 entries).');
    expect(reanalysed.stdout).not.toMatch(/could not be reanalysed|not found/);
  });
});
