// Per-sender template learning on real servers (issue 6): a sentence one merchant prints in mails about
// different cases is template text, set aside before the rules run, so a policy line that reads like a
// denial cannot close the next case. The store is the real MongoDB-protocol server the product uses.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SIGHTINGS, type SenderTemplateStore } from '../../src/models/sender-template-store.js';
import { openStore, type Store } from '../../src/models/store.js';
import { sentenceFingerprint } from '../../src/rules/boilerplate.js';
import type { WorkerService } from '../../src/workers/service.js';
import {
  appendToInbox,
  closeWorld,
  countIn,
  imapSession,
  startTestWorker,
  type TestWorld,
  testWorld,
  untilMailboxHolds,
  worldWithStore,
} from '../support/harness.js';

/** Lumacraft prints this under every mail, whatever the case: it reads like a denial (0.9) on its own. */
const POLICY_FOOTER = 'Please note: we are unable to refund items returned after 30 days.';

interface MerchantMail {
  caseNumber: string;
  day: number;
  subject: string;
  body: string[];
}

/** Lumacraft's mail about one case, forwarded inline by Alice from Thunderbird (CRLF, real headers). */
function forwarded({ caseNumber, day, subject, body }: MerchantMail): string {
  const date = `${String(day).padStart(2, '0')} Mar 2024`;
  const lines = [
    'Return-Path: <alice@example.net>',
    'Delivered-To: cases@tracker.example.net',
    'Received: from smtp.example.net (smtp.example.net [198.51.100.25])',
    `\tby mx.tracker.example.net (Postfix) with ESMTPS id 4T${caseNumber.slice(-4)}Qx`,
    `\tfor <cases@tracker.example.net>; ${date} 10:20:39 +0000 (UTC)`,
    'Authentication-Results: mx.tracker.example.net;',
    '\tdkim=pass (2048-bit key; unprotected) header.d=example.net header.s=mail2024;',
    '\tspf=pass smtp.mailfrom=example.net;',
    '\tdmarc=pass (p=quarantine dis=none) header.from=example.net',
    `Message-ID: <fwd-${caseNumber}@example.net>`,
    `Date: Mon, ${date} 11:20:37 +0100`,
    'MIME-Version: 1.0',
    'User-Agent: Mozilla Thunderbird',
    'To: cases@tracker.example.net',
    'From: Alice Martin <alice@example.net>',
    `Subject: Fwd: ${subject}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'For the record.',
    '',
    '-------- Forwarded Message --------',
    `Subject: \t${subject}`,
    `Date: \tMon, ${date} 09:12:00 +0100`,
    'From: \tLumacraft Customer Care <care@lumacraft.example>',
    'To: \tAlice Martin <alice@example.net>',
    '',
    'Hi Alice,',
    '',
    ...body,
    '',
    POLICY_FOOTER,
    '',
    'Lumacraft Customer Care',
    '',
  ];
  return lines.join('\r\n');
}

const ACK = (order: string) => [
  `We have received your return for order ${order} and will inspect it within 3 business days.`,
];

describe('sender template: learnt from the case store, set aside in the next case', () => {
  let world: TestWorld;
  let imap: ImapFlow;
  let service: WorkerService;

  beforeAll(async () => {
    world = testWorld();
    imap = await imapSession(world);
    const mails: MerchantMail[] = [
      { caseNumber: 'LC-2024-1101', day: 4, subject: 'Return received - Case LC-2024-1101', body: ACK('LM-50110') },
      { caseNumber: 'LC-2024-1102', day: 5, subject: 'Return received - Case LC-2024-1102', body: ACK('LM-50220') },
      { caseNumber: 'LC-2024-1103', day: 6, subject: 'Return received - Case LC-2024-1103', body: ACK('LM-50330') },
      {
        caseNumber: 'LC-2024-1104',
        day: 7,
        subject: 'Refund approved - Case LC-2024-1104',
        body: ['Good news: your refund of €42.00 for order LM-50440 has been approved and issued today.'],
      },
    ];
    for (const mail of mails) await appendToInbox(imap, forwarded(mail));
    // One job at a time: a template teaches the mail processed after its lesson is recorded; mail in flight at
    // the same time (WORKER_CONCURRENCY > 1) does not see the others' lessons, so the backlog order would not hold.
    service = await startTestWorker(world, { concurrency: 1 });
    await untilMailboxHolds(imap, 'Processed', mails.length);
    await service.whenIdle();
  });

  afterAll(async () => closeWorld({ service, imap, world }));

  it('sets the footer aside in the third case: no resolution, no next step, no summary from it', async () => {
    const [third] = await service.store.cases.caseFiles({ caseNumber: 'LC-2024-1103' });
    expect(third?.resolution ?? null).toBeNull();
    expect(third?.suggestedResolution ?? null).toBeNull();
    expect(third?.status).not.toBe('resolved');
    const entry = third?.log[0];
    // The case's own sentence still counts.
    expect(entry?.nextSteps).toMatch(/inspect it within 3 business days/);
    expect(entry?.summary).toMatch(/LM-50330/);
    expect(entry?.summary).not.toContain('unable to refund');
    const raw = await service.store.connection.collection('log_entries').findOne({ caseNumber: 'LC-2024-1103' });
    expect(JSON.stringify(raw?.reasons ?? null)).not.toContain('unable to refund');
  });

  it('still reads the case-specific refund in a later case, not the footer', async () => {
    const [fourth] = await service.store.cases.caseFiles({ caseNumber: 'LC-2024-1104' });
    expect(fourth?.resolution).toMatchObject({ outcome: 'full_refund', amount: 42, currency: 'EUR' });
  });

  it('learnt the footer, and nothing case-specific, as the sender template', async () => {
    const store = await openStore(world.config.mongo);
    try {
      const { SenderTemplateStore } = await import('../../src/models/sender-template-store.js');
      const templates = await SenderTemplateStore.open(store.connection);
      const template = await templates.templateOf('lumacraft.example');
      expect(template.has(sentenceFingerprint(POLICY_FOOTER))).toBe(true);
      expect([...template].some((f) => f.includes('lm 50330') || f.includes('50330'))).toBe(false);
    } finally {
      await store.close();
    }
    expect(await countIn(imap, 'Quarantine')).toBe(0);
  });
});

describe('SenderTemplateStore on the real server', () => {
  let world: TestWorld;
  let store: Store;
  let templates: SenderTemplateStore;

  beforeAll(async () => {
    ({ world, store } = await worldWithStore());
    const { SenderTemplateStore } = await import('../../src/models/sender-template-store.js');
    templates = await SenderTemplateStore.open(store.connection);
  });

  afterAll(async () => closeWorld({ store, world }));

  it.each([
    { label: 'one case, two mails: not template', cases: ['case-a', 'case-a'], template: false },
    { label: 'two different cases: template', cases: ['case-a', 'case-b'], template: true },
  ])('$label', async ({ cases, template }) => {
    const domain = `shop-${cases.join('-')}-${template}.example`;
    for (const [i, caseId] of cases.entries()) {
      await templates.record({ domain, messageKey: `<m${i}@${domain}>`, caseId, fingerprints: ['returns are free'] });
    }
    expect((await templates.templateOf(domain)).has('returns are free')).toBe(template);
  });

  it('records a message once, however often it is retried, also when retries race', async () => {
    const domain = 'retry.example';
    const sighting = {
      domain,
      messageKey: '<once@retry.example>',
      caseId: 'case-a',
      fingerprints: ['returns are free'],
    };
    const results = await Promise.all([
      templates.record(sighting),
      templates.record(sighting),
      templates.record(sighting),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    // The same mail filed again (a second forward under another case id) still counts once per message key.
    expect(await templates.record({ ...sighting, caseId: 'case-b' })).toBe(false);
    expect((await templates.templateOf(domain)).size).toBe(0);
  });

  it('records messages about a new domain that arrive at the same time', async () => {
    const domain = 'race.example';
    const recorded = await Promise.all(
      ['case-a', 'case-b', 'case-c'].map((caseId, i) =>
        templates.record({ domain, messageKey: `<r${i}@race.example>`, caseId, fingerprints: ['returns are free'] }),
      ),
    );
    expect(recorded).toEqual([true, true, true]);
    expect((await templates.templateOf(domain)).has('returns are free')).toBe(true);
  });

  it(`keeps at most ${MAX_SIGHTINGS} sightings per domain, dropping the oldest`, async () => {
    const domain = 'bounded.example';
    await templates.record({ domain, messageKey: '<old-a@b>', caseId: 'case-a', fingerprints: ['old footer line'] });
    await templates.record({ domain, messageKey: '<old-b@b>', caseId: 'case-b', fingerprints: ['old footer line'] });
    expect((await templates.templateOf(domain)).has('old footer line')).toBe(true);
    const perMessage = 80;
    for (let m = 0; m * perMessage < MAX_SIGHTINGS; m++) {
      const fingerprints = Array.from({ length: perMessage }, (_, i) => `sentence ${m} ${i} of a long mail`);
      await templates.record({ domain, messageKey: `<new-${m}@b>`, caseId: `case-${m}`, fingerprints });
    }
    expect((await templates.templateOf(domain)).has('old footer line')).toBe(false);
    const doc = await store.connection.collection('sender_templates').findOne({ _id: domain as never });
    expect(doc?.sightings).toHaveLength(MAX_SIGHTINGS);
  });
});
