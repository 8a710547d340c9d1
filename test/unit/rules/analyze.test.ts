// The seed case end to end through the one analysis (parse → analyze), and the forwards from other
// clients. Expectations come from reading each .eml; known limitations are left unasserted.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseInboundMessage } from '../../../src/ingest/parse-message.js';
import { analyze } from '../../../src/rules/analyze.js';
import { builtInRuleset } from '../../../src/rules/ruleset.js';
import { MAX_SUMMARY_CHARS } from '../../../src/rules/summary.js';
import { FORWARDER, message } from './message.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

async function analyzeFixture(path: string) {
  const message = await parseInboundMessage(readFileSync(join(fixtures, path)), { maxBytes: 1024 * 1024 });
  return analyze(message, builtInRuleset, { customerAddresses: ['alice@example.net'] });
}

describe('analyze: the seed case GTB-2023-5876', () => {
  it.each([
    {
      file: '01-web-form-confirmation.eml',
      channel: 'web_form',
      direction: 'from_support',
      contactPerson: null, // signed and sent by “GTBuy Customer Service”: a team
      nextSteps: 'A member of our support team will reply within 2 business days.',
      nextStepsDue: '2023-10-30', // Thursday 26 Oct + 2 business days
    },
    {
      file: '02-customer-email.eml',
      channel: 'email',
      direction: 'from_customer',
      contactPerson: null, // written to “GTBuy Support”: a team
      // The customer's request is the next step on her side (as in the corpus, 014 and 035).
      nextSteps: 'Please issue a full refund to my original payment method (the Visa card I paid with).',
      nextStepsDue: null,
    },
    {
      file: '03-support-reply.eml',
      channel: 'email',
      direction: 'from_support',
      contactPerson: 'Lisa Chen',
      nextSteps: 'We will contact the seller and update you within 3 business days.',
      nextStepsDue: '2023-11-01', // Friday 27 Oct + 3 business days
    },
    {
      file: '04-refund-confirmation.eml',
      channel: 'email',
      direction: 'from_support',
      contactPerson: null, // “GTBuy Refunds Team”
      // `Please allow N business days …` is the next step, due at the upper bound (as in the corpus, 001/002).
      nextSteps: 'Please allow 5-10 business days for the amount to appear on your statement.',
      nextStepsDue: '2023-11-16', // Thursday 2 Nov + 10 business days
    },
  ])('$file: $channel, $direction', async ({ file, ...expected }) => {
    const findings = await analyzeFixture(join('seed', file));
    expect(findings).toMatchObject({ caseNumber: 'GTB-2023-5876', orderNumber: 'GT20231012-88431', ...expected });
  });

  it.each(['01-web-form-confirmation.eml', '02-customer-email.eml', '03-support-reply.eml'])(
    '%s: no resolution (a form, a request, a promise)',
    async (file) => {
      expect((await analyzeFixture(join('seed', file))).resolution).toBeNull();
    },
  );

  it('04: full refund of 129.99 USD, TXN781345, confident enough to close the case', async () => {
    const { resolution, reasons } = await analyzeFixture('seed/04-refund-confirmation.eml');
    expect(resolution).toMatchObject({
      outcome: 'full_refund',
      amount: 129.99,
      currency: 'USD',
      transactionId: 'TXN781345',
      location: 'new_text',
    });
    expect(resolution?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(reasons).toContainEqual(expect.objectContaining({ field: 'resolution', rule: 'resolution/refund' }));
  });

  it('every finding carries its reason', async () => {
    const findings = await analyzeFixture('seed/03-support-reply.eml');
    const fields = findings.reasons.map((r) => r.field);
    expect(fields).toEqual(
      expect.arrayContaining(['caseNumber', 'orderNumber', 'channel', 'direction', 'contactPerson', 'nextSteps']),
    );
    expect(findings.reasons.find((r) => r.field === 'contactPerson')).toMatchObject({
      rule: 'contact-person/signature',
      matched: 'Lisa Chen',
    });
  });

  it('every field with a value has a reason naming rule, matched text and location (summary included)', async () => {
    const findings = await analyzeFixture('seed/04-refund-confirmation.eml');
    const fields = new Set(findings.reasons.map((r) => r.field));
    for (const field of ['caseNumber', 'orderNumber', 'channel', 'direction', 'nextSteps', 'summary', 'resolution']) {
      expect(fields).toContain(field);
    }
    for (const reason of findings.reasons) {
      expect(reason.rule).toMatch(/^[a-z-]+\//);
      expect(['subject', 'new_text', 'quoted_text', 'forward_header', 'headers']).toContain(reason.location);
    }
  });

  it.each([
    'You approved my refund of $129.99 on December 1, but the money still hasn’t arrived.',
    'Sie haben mir am 1. Dezember 49,99 € erstattet, aber das Geld ist nicht angekommen.',
    'Me confirmaste que el reembolso de 49,99 € se había completado el 10 de enero.',
  ])('a customer reporting a refund resolves nothing (only the support side does): %j', (text) => {
    const findings = analyze(message({ text, from: { address: FORWARDER, name: 'Alice Martin' } }), builtInRuleset, {
      customerAddresses: [FORWARDER],
    });
    expect(findings.direction).toBe('from_customer');
    expect(findings.resolution).toBeNull();
  });

  it('what a customer reports is kept apart as a reported resolution, with its reason', () => {
    const text = 'Hello, your colleague said on the phone: full refund approved. Transaction ID: TXN123456.';
    const findings = analyze(message({ text, from: { address: FORWARDER, name: 'Alice Martin' } }), builtInRuleset, {
      customerAddresses: [FORWARDER],
    });
    expect(findings.resolution).toBeNull();
    expect(findings.reportedResolution).toMatchObject({ outcome: 'full_refund', transactionId: 'TXN123456' });
    expect(findings.reasons).toContainEqual(
      expect.objectContaining({ field: 'reportedResolution', rule: 'resolution/refund', location: 'new_text' }),
    );
    expect(findings.reasons.some((r) => r.field === 'resolution')).toBe(false);
  });

  it('the summary of 03 carries its point (the investigation, the promise), not greeting, thanks or apology', async () => {
    const { summary } = await analyzeFixture('seed/03-support-reply.eml');
    expect(summary).toContain('opened an investigation');
    expect(summary).not.toMatch(/Dear Alice|Thank you for|sorry/);
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
  });
});

describe('analyze: forwards from other clients', () => {
  it.each([
    {
      file: 'yahoo.eml',
      expected: {
        caseNumber: 'PP-D-123456789',
        direction: 'from_support',
        resolution: { outcome: 'full_refund', amount: 64.5, currency: 'USD' },
      },
    },
    {
      file: 'not-forwarded.eml',
      expected: {
        caseNumber: '48213',
        orderNumber: 'SH-77120',
        resolution: { outcome: 'full_refund', amount: 42, currency: 'USD' },
      },
    },
    {
      file: 'outlook-web-french.eml',
      expected: {
        caseNumber: '2023-77812',
        orderNumber: 'ML-559034',
        contactPerson: 'Camille Roux',
        direction: 'from_support',
      },
    },
    {
      file: 'gmail-html-only.eml',
      expected: { caseNumber: 'EB-448120', orderNumber: '30018842', direction: 'from_support' },
    },
    {
      file: 'attached-nested.eml',
      expected: { orderNumber: 'NC-310582', resolution: { outcome: 'full_refund', amount: 79, currency: 'EUR' } },
    },
    {
      file: 'apple-ios-spanish.eml',
      expected: {
        caseNumber: null, // `pedido TS-2023-104455` is the order, even though it has a merchant-format shape
        orderNumber: 'TS-2023-104455',
        contactPerson: 'Lucía Fernández',
        direction: 'from_support',
        resolution: { outcome: 'full_refund', amount: 84.9, currency: 'EUR' }, // `hemos tramitado el reembolso`
      },
    },
    {
      file: 'outlook-web-french.eml',
      expected: { resolution: { outcome: 'full_refund', amount: 189, currency: 'EUR' } }, // `nous vous confirmons le remboursement intégral`
    },
    {
      file: 'gmail-html-only.eml',
      expected: { resolution: { outcome: 'full_refund', amount: 49.99, currency: 'EUR' } }, // `erstatten wir Ihnen`
    },
    { file: 'attached-nested.eml', expected: { caseNumber: 'RMA-20931' } },
    {
      file: 'not-forwarded.eml',
      expected: { contactPerson: 'Jamie', resolution: { transactionId: 'RF-48213-01' } }, // Zendesk author line
    },
  ])('$file', async ({ file, expected }) => {
    expect(await analyzeFixture(join('forwards', file))).toMatchObject(expected);
  });
});
