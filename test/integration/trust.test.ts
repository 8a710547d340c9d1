// Invariant 4 on the real servers: only what the receiving server vouches for changes a case. Forged
// X-Forwarded-For / Resent-From headers and a dmarc=fail "forward" from the allowed address end in
// Quarantine as `unauthenticated` and change nothing; an authenticated forward is processed.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { analyze } from '../../src/rules/analyze.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';
import type { WorkerService } from '../../src/workers/service.js';
import {
  ALICE,
  appendToInbox,
  closeWorld,
  countIn,
  deliverAndWait,
  fixture,
  messagesIn,
  startWorkerWorld,
  TEST_AUTHSERV_ID,
  type TestWorld,
  untilMailboxHolds,
} from '../support/harness.js';

const FORGERIES: [string, string, RegExp][] = [
  [
    'a stranger naming the forwarder in X-Forwarded-For (a forged pass below the real verdict)',
    'bad/forged-x-forwarded-for.eml',
    /^X-Forwarded-For: alice@example\.net not vouched for: .*spf=pass smtp\.mailfrom=mallory@evil\.example.*dmarc=fail header\.from=gtbuy\.com/,
  ],
  [
    'a Resent-From with the forwarder spoofed as envelope sender (spf=softfail)',
    'bad/forged-resent-from.eml',
    /^Resent-From: alice@example\.net not vouched for: .*spf=softfail smtp\.mailfrom=alice@example\.net/,
  ],
  [
    'a forward "from" the forwarder that fails DMARC (dkim=pass for the sender\'s own domain)',
    'bad/dmarc-fail-forward.eml',
    new RegExp(`dmarc=fail header\\.from=example\\.net for example\\.net \\(authserv-id ${TEST_AUTHSERV_ID}\\)$`),
  ],
];

/** Gmail's auto-forward as our server receives it: its verdict on top, the forwarder's own envelope. */
function authenticatedAutoForward(): Buffer {
  const raw = fixture('forwards/auto-forward-gmail.eml').toString('latin1');
  const verdict = [
    `Authentication-Results: ${TEST_AUTHSERV_ID};`,
    '\tdkim=pass (2048-bit key; unprotected) header.d=lumen-boutique.example header.i=@lumen-boutique.example header.b=pL0q7XcR;',
    `\tspf=pass (${TEST_AUTHSERV_ID}: domain of alice+caf_=cases=tracker.example.net@example.net designates 209.85.220.69 as permitted sender) smtp.mailfrom=alice+caf_=cases=tracker.example.net@example.net;`,
    '\tdmarc=pass (p=none dis=none) header.from=lumen-boutique.example',
    '',
  ].join('\r\n');
  return Buffer.from(raw.replace(/^X-Forwarded-Encrypted:/m, `${verdict}X-Forwarded-Encrypted:`), 'latin1');
}

describe('trust: TRUST=auth-results on the real servers', () => {
  let world: TestWorld;
  let service: WorkerService;
  let imap: ImapFlow;

  beforeAll(async () => {
    ({ world, imap, service } = await startWorkerWorld());
    // The case the forgeries try to close, opened by an authenticated forward (seed: dmarc=pass).
    await deliverAndWait(imap, service, fixture('seed/01-web-form-confirmation.eml'));
  });

  afterAll(async () => closeWorld({ service, imap, world }));

  it.each(FORGERIES)('%s would close the case if believed', async (_what, file) => {
    // Without this the test below could pass for a mail that never threatened the case.
    const message = await parseInboundMessage(fixture(file), { maxBytes: 1024 * 1024 });
    expect(message.envelopeFrom?.address).toBe(ALICE);
    const findings = analyze(message, builtInRuleset, { customerAddresses: [ALICE] });
    expect(findings.caseNumber).toBe('GTB-2023-5876');
    expect(findings.resolution?.confidence ?? 0).toBeGreaterThanOrEqual(0.9);
  });

  it.each(FORGERIES)('%s: Quarantine as unauthenticated, nothing changed', async (_what, file, detail) => {
    const casesBefore = JSON.stringify(await service.store.cases.caseFiles());
    const quarantined = await countIn(imap, 'Quarantine');
    const subject = fixture(file)
      .toString('latin1')
      .match(/^Subject: (.*)$/m)?.[1]
      ?.trim();

    await deliverAndWait(imap, service, fixture(file), 'Quarantine');

    expect(JSON.stringify(await service.store.cases.caseFiles())).toBe(casesBefore);
    const record = (await service.store.quarantine.list()).find((r) => r.uid === quarantined + 2);
    expect(record?.reason).toBe('unauthenticated');
    expect(record?.detail).toMatch(detail);
    const tagged = (await messagesIn(imap, 'Quarantine')).filter((m) => m.subject === subject);
    expect(tagged.map((m) => m.flags.includes('$rt_unauthenticated'))).toEqual([true]);
    expect(await countIn(imap, 'INBOX')).toBe(0);
    expect(await countIn(imap, 'Processed')).toBe(1);
  });

  it('the case the forgeries named is still open, with its one log entry', async () => {
    const [c] = await service.store.cases.caseFiles();
    expect(c?.caseNumber).toBe('GTB-2023-5876');
    expect(c?.status).not.toBe('resolved');
    expect(c?.log).toHaveLength(1);
  });

  it("an authenticated auto-forward (the forwarder's own envelope passes SPF) is processed", async () => {
    await appendToInbox(imap, authenticatedAutoForward());
    await untilMailboxHolds(imap, 'Processed', 2);
    await service.whenIdle();
    const cases = await service.store.cases.caseFiles();
    expect(cases.map((c) => c.caseNumber).sort()).toEqual(['GTB-2023-5876', 'LB-77120']);
    expect(cases.find((c) => c.caseNumber === 'LB-77120')?.owner).toBe(ALICE);
    expect(await countIn(imap, 'Quarantine')).toBe(FORGERIES.length);
  });
});

describe('trust: TRUST=from-only on the real servers', () => {
  let world: TestWorld;
  let service: WorkerService;
  let imap: ImapFlow;

  beforeAll(async () => {
    ({ world, imap, service } = await startWorkerWorld({ trust: { mode: 'from-only', authservIds: [] } }));
  });

  afterAll(async () => closeWorld({ service, imap, world }));

  it('a redirect header alone is never believed, even carrying a real-looking pass', async () => {
    await appendToInbox(imap, authenticatedAutoForward());
    await untilMailboxHolds(imap, 'Quarantine', 1);
    await service.whenIdle();
    const [record] = await service.store.quarantine.list();
    expect(record?.reason).toBe('unauthenticated');
    expect(record?.detail).toMatch(/^X-Forwarded-For: alice@example\.net is only a header/);
    expect(await service.store.cases.caseFiles()).toEqual([]);
  });

  it('a forward from the allowed address is processed on its From alone', async () => {
    // No Authentication-Results at all: the seed forward without its server's header.
    const raw = fixture('seed/01-web-form-confirmation.eml')
      .toString('latin1')
      .replace(/^Authentication-Results:.*(?:\r?\n[ \t].*)*\r?\n/m, '');
    expect(raw).not.toMatch(/^Authentication-Results:/m);
    await imap.append('INBOX', raw);
    await untilMailboxHolds(imap, 'Processed', 1);
    await service.whenIdle();
    expect((await service.store.cases.caseFiles()).map((c) => c.caseNumber)).toEqual(['GTB-2023-5876']);
  });
});
