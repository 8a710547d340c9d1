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
      nextSteps: null,
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
      nextSteps: null,
      nextStepsDue: null,
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

  it('the summary of 03 drops the greeting and stays short', async () => {
    const { summary } = await analyzeFixture('seed/03-support-reply.eml');
    expect(summary.startsWith('Thank you for the additional details')).toBe(true);
    expect(summary).not.toContain('Dear Alice');
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
    { file: 'apple-ios-spanish.eml', expected: { contactPerson: 'Lucía Fernández', direction: 'from_support' } },
  ])('$file', async ({ file, expected }) => {
    expect(await analyzeFixture(join('forwards', file))).toMatchObject(expected);
  });
});
