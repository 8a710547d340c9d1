// `import PATH|imap:FOLDER` on the real servers (Dovecot, FerretDB): an mbox of 500 messages of every kind
// imported twice logs each case message once and copies each to Processed once; a Maildir and a folder of
// .eml with messages that cannot be logged (quarantined with origin import, nothing lost, retried); an
// IMAP folder of the tracker's account; the tracker's own folders refused.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/models/store.js';
import {
  type ArchiveMessage,
  mboxOf,
  newsletter,
  orderConfirmation,
  orderOnlyRefund,
  refundThread,
  shippingNotice,
  threadCaseNumber,
} from '../support/archive-mail.js';
import {
  ALICE,
  cliEnv,
  closeWorld,
  countIn,
  imapSession,
  messagesIn,
  type TestWorld,
  worldWithStore,
} from '../support/harness.js';
import { runInProcess } from '../support/in-process-cli.js';

const BOB = 'bob.keller@example.org';

/** The figures of the summary, read back from its lines. */
function summaryOf(stdout: string) {
  const n = (label: string) => Number(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm').exec(stdout)?.[1] ?? Number.NaN);
  const copied = /copied to Processed: (\d+); to Quarantine: (\d+)/.exec(stdout);
  return {
    read: n('read'),
    logged: n('logged'),
    alreadyLogged: n('already logged'),
    notAboutACase: n('not about a case'),
    quarantined: n('quarantined'),
    cases: n('cases'),
    copiedToProcessed: Number(copied?.[1]),
    copiedToQuarantine: Number(copied?.[2]),
  };
}

describe('import', () => {
  let world: TestWorld;
  let imap: ImapFlow;
  let store: Store;
  let env: Record<string, string>;
  let dir: string;

  const cli = (...args: string[]) => runInProcess(args, env);
  const entries = async () => (await store.cases.caseFiles({ owner: ALICE })).flatMap((c) => c.log);

  beforeAll(async () => {
    ({ world, store } = await worldWithStore());
    imap = await imapSession(world);
    dir = mkdtempSync(join(tmpdir(), 'rt-import-'));
    env = { ...cliEnv(world), RULES_PATH: '' };
  });

  afterAll(async () => {
    await closeWorld({ imap, store, world });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('an mbox of 500 messages imported twice: each case message logged once, nothing copied twice', async () => {
    const messages: ArchiveMessage[] = [
      ...Array.from({ length: 60 }, (_, t) => refundThread(t)).flat(),
      ...Array.from({ length: 20 }, (_, i) => orderOnlyRefund(i)),
      ...Array.from({ length: 120 }, (_, i) => orderConfirmation(i)),
      ...Array.from({ length: 80 }, (_, i) => shippingNotice(i)),
      ...Array.from({ length: 100 }, (_, i) => newsletter(i)),
    ];
    expect(messages).toHaveLength(500);
    const caseMessages = messages.filter((m) => m.caseNumber !== null);
    const expectedCases = new Set(caseMessages.map((m) => m.caseNumber));
    const mbox = join(dir, 'All Mail.mbox');
    writeFileSync(mbox, mboxOf(messages));

    const first = await cli('import', mbox);
    expect(first.stderr).not.toContain('refund-tracker:');
    expect(first.code).toBe(0);
    // Off a terminal: plain progress lines, the last one with the rate; no escape codes.
    expect(first.stderr).toMatch(/^import: 500\/500 \(100%\) in \d+:\d{2}, [\d.]+\/s$/m);
    expect(first.stderr).not.toContain('\x1b');
    console.info(`500-message mbox, first import: ${first.stderr.trim().split('\n').at(-1)}`);
    expect(summaryOf(first.stdout)).toEqual({
      read: 500,
      logged: caseMessages.length,
      alreadyLogged: 0,
      notAboutACase: 500 - caseMessages.length,
      quarantined: 0,
      cases: expectedCases.size,
      copiedToProcessed: caseMessages.length,
      copiedToQuarantine: 0,
    });

    const cases = await store.cases.caseFiles({ owner: ALICE });
    expect(new Set(cases.map((c) => c.caseNumber))).toEqual(expectedCases);
    // Each thread: opened, the reply threaded in by In-Reply-To, closed by the refund.
    const thread = cases.find((c) => c.caseNumber === 'LUM-2024-10000');
    expect(thread?.log.map((e) => e.direction)).toEqual(['from_support', 'from_customer', 'from_support']);
    expect(thread?.status).toBe('resolved');
    expect(cases.find((c) => c.caseNumber === 'order:LUM-770000')?.status).toBe('resolved');
    const logged = await entries();
    expect(logged).toHaveLength(caseMessages.length);
    expect(new Set(logged.map((e) => e.messageKey)).size).toBe(caseMessages.length);
    // Each logged message is in Processed once, and its entry says where (for reanalyze).
    expect(await countIn(imap, 'Processed')).toBe(caseMessages.length);
    const stored = await store.cases.storedMessages({ owner: ALICE });
    expect(stored.every((s) => s.stored?.mailbox === 'Processed')).toBe(true);
    expect(new Set(stored.map((s) => s.stored?.uid)).size).toBe(caseMessages.length);

    const second = await cli('import', mbox);
    expect(second.code).toBe(0);
    console.info(`500-message mbox, second import: ${second.stderr.trim().split('\n').at(-1)}`);
    expect(summaryOf(second.stdout)).toEqual({
      read: 500,
      logged: 0,
      alreadyLogged: caseMessages.length,
      notAboutACase: 500 - caseMessages.length,
      quarantined: 0,
      cases: expectedCases.size,
      copiedToProcessed: 0,
      copiedToQuarantine: 0,
    });
    expect(await entries()).toHaveLength(caseMessages.length);
    expect(await countIn(imap, 'Processed')).toBe(caseMessages.length);
    expect(await countIn(imap, 'Quarantine')).toBe(0);
  }, 300_000);

  it('a Maildir and a folder of .eml: what cannot be logged is quarantined with origin import, and retried', async () => {
    const thread = refundThread(200);
    const caseNumber = threadCaseNumber(200);
    const maildir = join(dir, 'Maildir');
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
    const [ack, , refund] = thread;
    writeFileSync(join(maildir, 'cur', '1706000000.M1P100.mx1:2,S'), ack?.text ?? '');
    writeFileSync(join(maildir, 'cur', '1706000100.M2P100.mx1:2,S'), newsletter(500).text);
    // A draft saved with no header a message needs (no From, Date or Message-ID): not MIME mail.
    writeFileSync(
      join(maildir, 'cur', '1706000200.M3P100.mx1:2,S'),
      `Subject: notes on the grinder return\n\nCall them again on Monday about case ${caseNumber}.\n`,
    );
    const fromMaildir = await cli('import', maildir);
    expect(fromMaildir.code).toBe(0);
    expect(summaryOf(fromMaildir.stdout)).toMatchObject({ read: 3, logged: 1, notAboutACase: 1, quarantined: 1 });
    expect(fromMaildir.stdout).toContain('quarantined:        1 (not_mime 1)');
    expect(fromMaildir.stderr).toMatch(/quarantined \(not_mime\): maildir:.*1706000200/);

    // A folder of .eml: the shop's refund, and the user's own message with no Date header at all, from a
    // file with no From_ line (so no date of last resort either): it cannot be dated, so it is set aside.
    const emls = join(dir, 'eml');
    mkdirSync(emls);
    writeFileSync(join(emls, 'refund.eml'), refund?.text ?? '');
    writeFileSync(
      join(emls, 'undated.eml'),
      [
        `From: Alice Martin <${ALICE}>`,
        'To: Homeware Direct Customer Care <care@homeware-direct.example>',
        `Subject: Re: Your return request - Case ${caseNumber}`,
        'Message-ID: <undated.10200@example.net>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'Hello Jana, the grinder is packed and goes out tomorrow. Alice',
        '',
      ].join('\n'),
    );
    const fromEml = await cli('import', emls);
    expect(fromEml.code).toBe(0);
    expect(summaryOf(fromEml.stdout)).toMatchObject({ read: 2, logged: 1, quarantined: 1 });
    expect(fromEml.stdout).toContain('(unparseable 1)');

    // Nothing lost: both are in Quarantine, tagged, each with a record of origin import for Alice.
    const tagged = await messagesIn(imap, 'Quarantine');
    expect(tagged.map((m) => m.flags.filter((f) => f.startsWith('$rt_'))).sort()).toEqual([
      ['$rt_not_mime'],
      ['$rt_unparseable'],
    ]);
    const records = await store.quarantine.find({ owner: ALICE });
    expect(records.map((r) => [r.reason, r.origin?.split(':').slice(0, 2).join(':')]).sort()).toEqual([
      ['not_mime', 'import:maildir'],
      ['unparseable', 'import:eml'],
    ]);

    // `quarantine list --json` and `show` say where in the archive each came from.
    const listed = await cli('quarantine', 'list', '--json', '--owner', ALICE);
    const listedOrigins = (JSON.parse(listed.stdout) as { id: string; origin: string }[]).map((r) => [r.id, r.origin]);
    expect(listedOrigins.sort()).toEqual(records.map((r) => [r.id, r.origin]).sort());
    const draftRecord = records.find((r) => r.reason === 'not_mime');
    const shown = await cli('quarantine', 'show', String(draftRecord?.id));
    expect(shown.stdout).toContain(`Origin:        ${draftRecord?.origin}\n`);
    expect(draftRecord?.origin).toMatch(/^import:maildir:.*1706000200/);
    expect(shown.stdout).not.toContain('Was:');

    // Importing the same folders again sets nothing aside twice.
    const again = await cli('import', maildir);
    expect(again.stdout).toContain('1 of them by an earlier import');
    expect(summaryOf(again.stdout).copiedToQuarantine).toBe(0);
    expect(await countIn(imap, 'Quarantine')).toBe(2);

    // `quarantine retry` runs an imported message through the import where it sits: the undated one now
    // has a date (its INTERNALDATE in Quarantine), so it is logged for Alice and moved to Processed.
    const undated = records.find((r) => r.reason === 'unparseable');
    const processedBefore = await countIn(imap, 'Processed');
    const retried = await cli('quarantine', 'retry', String(undated?.id));
    expect(retried.stderr).toBe('');
    expect(retried.stdout).toContain(`logged in case ${caseNumber}`);
    expect(await countIn(imap, 'Processed')).toBe(processedBefore + 1);
    expect(await countIn(imap, 'Quarantine')).toBe(1);
    const [grinder] = await store.cases.findCase(ALICE, caseNumber);
    expect(grinder?.log).toHaveLength(3);
    expect((await store.cases.storedMessages({ owner: ALICE, caseNumber })).every((s) => s.stored)).toBe(true);
    // The draft still is no mail: it stays in Quarantine with its record.
    const draft = records.find((r) => r.reason === 'not_mime');
    const stillBad = await cli('quarantine', 'retry', String(draft?.id));
    expect(stillBad.stdout).toContain('still cannot be logged (not_mime');
    expect(await store.quarantine.byId(String(draft?.id))).not.toBeNull();
    expect(await countIn(imap, 'Quarantine')).toBe(1);
  }, 120_000);

  it('imap:FOLDER reads another folder of the account, read-only; the tracker’s own folders are refused', async () => {
    await imap.mailboxCreate('Archive/2024');
    for (const m of [...refundThread(300), orderConfirmation(300)]) {
      await imap.append('Archive/2024', m.text.replace(/\n/g, '\r\n'), ['\\Seen'], m.date);
    }
    const run = await cli('import', 'imap:Archive/2024');
    expect(run.code).toBe(0);
    expect(summaryOf(run.stdout)).toMatchObject({ read: 4, logged: 3, notAboutACase: 1, cases: 1 });
    expect(await countIn(imap, 'Archive/2024')).toBe(4);
    const [found] = await store.cases.findCase(ALICE, 'LUM-2024-10300');
    expect(found?.log).toHaveLength(3);

    for (const own of ['imap:INBOX', 'imap:inbox', 'imap:Processed', 'imap:Quarantine']) {
      const refused = await cli('import', own);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('one of the tracker');
    }
  }, 60_000);

  it('whose mail it is: the only allowed forwarder, or --owner among several', async () => {
    const one = join(dir, 'one.eml');
    writeFileSync(one, newsletter(900).text);
    const several = await runInProcess(['import', one], { ...env, ALLOWED_FORWARDERS: `${ALICE},${BOB}` });
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('add --owner');
    const stranger = await cli('import', one, '--owner', 'mallory@example.com');
    expect(stranger.stderr).toContain('not an allowed forwarder');
    const named = await runInProcess(['import', one, '--owner', BOB], {
      ...env,
      ALLOWED_FORWARDERS: `${ALICE},${BOB}`,
    });
    expect(named.code).toBe(0);
    expect(named.stdout).toContain(`Imported for ${BOB}`);
  }, 60_000);
  it('a message over MAX_MESSAGE_BYTES: its header section goes to Quarantine, a retry does not log it', async () => {
    const big = join(dir, 'big');
    mkdirSync(big);
    const [ack] = refundThread(400);
    const attachment = 'QUJD'.repeat(2000); // 8 KB of base64 "attachment"
    writeFileSync(join(big, 'with-photos.eml'), `${ack?.text ?? ''}\n${attachment}\n`);
    const before = await countIn(imap, 'Quarantine');
    const run = await runInProcess(['import', big], { ...env, MAX_MESSAGE_BYTES: '4096' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(too_large 1)');
    expect(await countIn(imap, 'Quarantine')).toBe(before + 1);
    const [record] = (await store.quarantine.find({ owner: ALICE, reason: 'too_large' })) ?? [];
    expect(record?.subject).toBe(`Your return request - Case ${threadCaseNumber(400)}`);
    expect(record?.detail).toContain('the whole message is in eml:');
    const retried = await cli('quarantine', 'retry', String(record?.id));
    expect(retried.stdout).toContain('still cannot be logged (too_large');
    expect(await store.cases.findCase(ALICE, threadCaseNumber(400))).toEqual([]);
  }, 60_000);
});
