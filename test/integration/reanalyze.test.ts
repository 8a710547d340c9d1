// `reanalyze [--case] [--owner] [--rules] [--dry-run]` on the real servers: messages imported into cases and
// stored in Processed are analysed again after a rule pack is added; --dry-run prints what would change and
// changes nothing; without it the change is applied; the user's close survives even when the rules now find
// another resolution; a message the rules would now file elsewhere is reported, not moved; a message missing
// from Processed is reported and the rest goes on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/models/store.js';
import {
  ALICE,
  appendToInbox,
  cliEnv,
  closeWorld,
  countIn,
  fixture,
  imapSession,
  startTestWorker,
  type TestWorld,
  untilMailboxHolds,
  worldWithStore,
} from '../support/harness.js';
import { runInProcess } from '../support/in-process-cli.js';

/** A shop's help desk whose "settled in full" the built-in rules do not read as a refund. */
const QUILLPRESS_PACK = `# Quillpress: what its help desk's mail means.
name: quillpress
caseNumberFormats:
  - name: quillpress-payout-batch
    pattern: 'QPR-\\d{4,6}'
    domains: [quillpress.example]
resolutionPhrases:
  - name: quillpress-settled
    pattern: 'has been settled in full'
    outcome: full_refund
    domains: [quillpress.example]
`;

function helpDesk(subject: string, date: string, id: string, body: string[]): string {
  return [
    'From: Quillpress Help Desk <help@quillpress.example>',
    `To: Alice Martin <${ALICE}>`,
    `Subject: ${subject}`,
    `Date: ${date}`,
    `Message-ID: <${id}@mail.quillpress.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    ...body,
    '',
  ].join('\n');
}

/** A claim opened, then settled: the second message closes the case only once the pack is known. */
function claim(ticket: string, order: string, day: number): [string, string] {
  return [
    helpDesk(`Ticket ${ticket}: your claim`, `Tue, ${day} Mar 2024 10:00:00 +0000`, `open.${ticket}`, [
      'Hello Alice,',
      '',
      `we have opened ticket ${ticket} for the damaged fountain pen from order ${order}.`,
      'Our team will review your claim within 5 business days.',
      '',
      'Quillpress Help Desk',
    ]),
    helpDesk(`Ticket ${ticket}: update`, `Tue, ${day + 7} Mar 2024 15:30:00 +0000`, `settled.${ticket}`, [
      'Hello Alice,',
      '',
      `your claim for ticket ${ticket} has been settled in full: 35.00 EUR.`,
      'The payout appears on your card statement within a week.',
      '',
      'Quillpress Help Desk',
    ]),
  ];
}

/** A refund with only an order number (an `order:` case), whose payout batch the pack reads as a case number. */
const ORDER_REFUND = helpDesk('Refund for order QO-55190', 'Wed, 20 Mar 2024 08:00:00 +0000', 'refund.QO-55190', [
  'Hello Alice,',
  '',
  'the refund for order QO-55190 has been issued: 35.00 EUR.',
  'Payout batch QPR-8812, sent today.',
  '',
  'Quillpress Payments',
]);

describe('reanalyze', () => {
  let world: TestWorld;
  let imap: ImapFlow;
  let store: Store;
  let env: Record<string, string>;
  let dir: string;
  let pack: string;

  const cli = (...args: string[]) => runInProcess(args, env);
  const caseOf = async (caseNumber: string) => (await store.cases.findCase(ALICE, caseNumber))[0];

  beforeAll(async () => {
    ({ world, store } = await worldWithStore());
    imap = await imapSession(world);
    dir = mkdtempSync(join(tmpdir(), 'rt-reanalyze-'));
    env = { ...cliEnv(world), RULES_PATH: '' };
    pack = join(dir, 'quillpress.yaml');
    writeFileSync(pack, QUILLPRESS_PACK);
    const mail = join(dir, 'mail');
    mkdirSync(mail);
    const files = [...claim('QP-2024-7781', 'QO-55120', 5), ...claim('QP-2024-7790', 'QO-55130', 6), ORDER_REFUND];
    for (const [i, text] of files.entries()) writeFileSync(join(mail, `${String(i).padStart(2, '0')}.eml`), text);
    const imported = await cli('import', mail);
    expect(imported.stderr).not.toContain('refund-tracker:');
    expect(imported.stdout).toMatch(/logged:\s+5/);
  }, 60_000);

  afterAll(async () => {
    await closeWorld({ imap, store, world });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('before the pack: the settled claims stay open, and reanalyze finds nothing to change', async () => {
    expect((await caseOf('QP-2024-7781'))?.status).not.toBe('resolved');
    const run = await cli('reanalyze', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 cases reanalysed: 0 would change (0 entries)');
  }, 60_000);

  it('--dry-run prints what the pack changes and changes nothing; without it the change is applied', async () => {
    // The user closed QP-2024-7790 themselves, with another outcome than the rules will now find.
    await store.cases.applyManualChange(ALICE, 'QP-2024-7790', {
      action: 'close',
      at: new Date('2024-03-14T09:00:00Z'),
      author: { by: ALICE, via: 'cli' },
      resolution: { outcome: 'store_credit', amount: 35, currency: 'EUR', transactionId: null },
      note: 'took a voucher instead',
    });
    const settledKey = 'mid:<settled.qp-2024-7781@mail.quillpress.example>';
    const before = await store.cases.entryAnalysis(ALICE, settledKey);

    const dry = await cli('reanalyze', '--dry-run', '--rules', pack);
    expect(dry.code).toBe(0);
    const open = section(dry.stdout, 'QP-2024-7781');
    expect(open).toMatch(/case: status \w+ → resolved; resolution none → full_refund 35 EUR \(0\.9\)/);
    expect(open).toContain('Ticket QP-2024-7781: update');
    expect(open).toContain('resolution: none → full_refund 35 EUR (0.9)');
    // The user's close: the entry's analysis changes, the case keeps the user's outcome.
    const closed = section(dry.stdout, 'QP-2024-7790');
    expect(closed).toContain('case: status resolved; resolution store_credit 35 EUR (yours)');
    expect(closed).toContain('resolution: none → full_refund 35 EUR (0.9)');
    // The order-only refund would now carry the payout batch as its case number: reported, not applied.
    expect(section(dry.stdout, 'order:QO-55190')).toContain(
      'would now belong to case QPR-8812 (not applied: identity changes are only reported',
    );
    expect(dry.stdout).toContain('Dry run: nothing changed');
    // Nothing changed.
    expect(await store.cases.entryAnalysis(ALICE, settledKey)).toEqual(before);
    expect((await caseOf('QP-2024-7781'))?.status).not.toBe('resolved');

    const applied = await cli('reanalyze', '--rules', pack);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(
      /3 cases reanalysed: 2 changed \(2 entries\); 1 message would belong to another case/,
    );
    const resolved = await caseOf('QP-2024-7781');
    expect(resolved?.status).toBe('resolved');
    expect(resolved?.resolution).toMatchObject({ outcome: 'full_refund', amount: 35, currency: 'EUR' });
    // The manual close survives, with the user's outcome, although the rules now find a full refund.
    const userClosed = await caseOf('QP-2024-7790');
    expect(userClosed?.status).toBe('resolved');
    expect(userClosed?.resolution).toMatchObject({ outcome: 'store_credit', rule: 'user/close' });
    expect(
      (await store.cases.entryAnalysis(ALICE, 'mid:<settled.qp-2024-7790@mail.quillpress.example>'))?.analysis
        .resolution,
    ).toMatchObject({ outcome: 'full_refund' });
    // The order case kept its message.
    expect((await caseOf('order:QO-55190'))?.log).toHaveLength(1);
    expect(await caseOf('QPR-8812')).toBeUndefined();

    // Applied once: a second run has nothing more to change.
    const again = await cli('reanalyze', '--dry-run', '--rules', pack, '--case', 'QP-2024-7781');
    expect(again.stdout).toContain('1 case reanalysed: 0 would change (0 entries)');
  }, 120_000);

  it('a message missing from Processed is reported and the others are still reanalysed', async () => {
    const [stored] = await store.cases.storedMessages({ owner: ALICE, caseNumber: 'QP-2024-7781' });
    const lock = await imap.getMailboxLock('Processed');
    try {
      await imap.messageDelete(String(stored?.stored?.uid), { uid: true });
    } finally {
      lock.release();
      // Leave no mailbox selected: Dovecot's STATUS on the selected mailbox reports a stale count.
      await imap.mailboxClose();
    }
    const run = await cli('reanalyze', '--dry-run', '--rules', pack);
    expect(run.code).toBe(0);
    expect(section(run.stdout, 'QP-2024-7781')).toMatch(
      /\? mid:<open\.qp-2024-7781@mail\.quillpress\.example>: not found: not at Processed UID \d+ nor found by its Message-ID/,
    );
    expect(run.stdout).toContain('3 cases reanalysed: 0 would change (0 entries)');
    expect(run.stdout).toContain('1 message could not be reanalysed');
  }, 60_000);
  it('mail the worker filed finds its way back: at its place, or by the attached original’s Message-ID', async () => {
    const service = await startTestWorker(world);
    try {
      const before = await countIn(imap, 'Processed');
      await appendToInbox(imap, fixture('identity/a1-case-with-order.eml'));
      await untilMailboxHolds(imap, 'Processed', before + 1);
      await service.whenIdle();
    } finally {
      await service.close();
    }
    const atPlace = await cli('reanalyze', '--dry-run', '--case', 'BW-48213');
    expect(atPlace.stdout).toBe('1 case reanalysed: 0 would change (0 entries). Dry run: nothing changed.\n');
    // A worker stopped between the move and recording the place: the entry has none. The forward's own
    // Message-ID is not the original's; the original's is in the attached message's text.
    const key = 'mid:<a1.20260303.48213@mail.brightwave-electronics.example>';
    await store.connection.model('LogEntry').updateOne({ owner: ALICE, messageKey: key }, { $set: { stored: null } });
    expect((await store.cases.storedMessages({ owner: ALICE, caseNumber: 'BW-48213' }))[0]?.stored).toBeNull();
    const byId = await cli('reanalyze', '--dry-run', '--case', 'BW-48213');
    expect(byId.stdout).toBe('1 case reanalysed: 0 would change (0 entries). Dry run: nothing changed.\n');
  }, 90_000);

  it('mail the user filed with `case: X` above the forward is not reported as belonging to another case', async () => {
    const service = await startTestWorker(world);
    try {
      const before = await countIn(imap, 'Processed');
      // The GTBuy mail names case GTB-2023-9911, where the rules file it; the user filed it under GTB-2024-0042.
      const forward = fixture('commands/gmail-forward-case-phone.eml')
        .toString('latin1')
        .replaceAll('case: GTB-2023-5876', 'case: GTB-2024-0042')
        .replace(/^phone: .*$/m, '')
        .replaceAll(
          'Update on your order GT20231012-88431',
          'Case GTB-2023-9911: update on your order GT20231012-88431',
        );
      await appendToInbox(imap, forward);
      await untilMailboxHolds(imap, 'Processed', before + 1);
      await service.whenIdle();
    } finally {
      await service.close();
    }
    expect((await caseOf('GTB-2024-0042'))?.log.map((e) => e.subject)).toEqual([
      'Case GTB-2023-9911: update on your order GT20231012-88431',
    ]);
    expect(await caseOf('GTB-2023-9911')).toBeUndefined();
    const run = await cli('reanalyze', '--dry-run', '--case', 'GTB-2024-0042');
    expect(run.stdout).toBe('1 case reanalysed: 0 would change (0 entries). Dry run: nothing changed.\n');
  }, 90_000);
});

/** The lines of one case's report, from its heading to the next case or the totals. */
function section(stdout: string, caseNumber: string): string {
  const start = stdout.indexOf(`Case ${caseNumber} (`);
  if (start < 0) throw new Error(`no report for case ${caseNumber} in:\n${stdout}`);
  const rest = stdout.slice(start + 1);
  const end = rest.search(/^(?:Case |\d+ cases? reanalysed)/m);
  return stdout.slice(start, end < 0 ? undefined : start + 1 + end);
}
