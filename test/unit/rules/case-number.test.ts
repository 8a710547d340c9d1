import { describe, expect, it } from 'vitest';
import { extractCaseNumber, findCaseNumbers } from '../../../src/rules/case-number.js';
import { builtInRuleset, compileRuleset } from '../../../src/rules/ruleset.js';
import { context } from './message.js';

const caseNumberOf = (text: string, subject = 'Your request') =>
  extractCaseNumber(context({ text, subject }), builtInRuleset);

describe('case-number: labelled identifiers', () => {
  it.each([
    ['Case Number: GTB-2023-5876', 'GTB-2023-5876'],
    ['Your Case #00123456 has been updated.', '00123456'],
    ['Case #: 00123456', '00123456'],
    ['Thank you, we opened Ticket #772190 for you.', '772190'],
    ['[Ticket#11162] Re: missing parcel', '11162'],
    ['[Request #48213] Refund status', '48213'],
    ['Reference: ABC-12345', 'ABC-12345'],
    ['Ticket number: 772190', '772190'],
    ['Case ID: PP-D-123456789', 'PP-D-123456789'],
    ['Claim #CLM-99812 is open.', 'CLM-99812'],
    ['Dispute ID: PP-D-55512', 'PP-D-55512'],
    ['Incident INC0012345 was assigned to our team.', 'INC0012345'],
    ['Ihre Vorgangsnummer: EB-448120', 'EB-448120'],
    ['Nous faisons suite à votre demande n° 2023-77812.', '2023-77812'],
    ['Numéro de dossier : 2023-77812', '2023-77812'],
    ['Número de caso: 12345678', '12345678'],
  ])('%j → %s', (text, expected) => {
    const found = caseNumberOf(text);
    expect(found?.value).toBe(expected);
    expect(found?.matched).toContain(expected);
  });

  it('names the rule and the text it matched', () => {
    expect(caseNumberOf('Case Number: GTB-2023-5876')).toEqual({
      value: 'GTB-2023-5876',
      rule: 'case-number/labelled',
      matched: 'Case Number: GTB-2023-5876',
      location: 'new_text',
    });
  });
});

describe('case-number: bare merchant formats from the rule set', () => {
  it.each([
    ['Your refund for GTB-2023-5876 is on its way.', 'GTB-2023-5876', 'case-number/format:merchant-year-sequence'],
    ['INC0012345 has been resolved.', 'INC0012345', 'case-number/format:servicenow-incident'],
    ['About PP-D-123456789: we decided in your favour.', 'PP-D-123456789', 'case-number/format:paypal-dispute'],
  ])('%j → %s', (text, expected, rule) => {
    const found = caseNumberOf(text);
    expect(found?.value).toBe(expected);
    expect(found?.rule).toBe(rule);
  });

  it.each(['See XGTB-2023-5876 for details.', 'See GTB-2023-58761 for details.'])(
    'a longer identifier does not yield a shorter, wrong number: %j',
    (text) => {
      const ruleset = compileRuleset({
        name: 'gtbuy',
        caseNumberFormats: [{ name: 'gtbuy', pattern: 'GTB-\\d{4}-\\d{4}' }],
      });
      expect(extractCaseNumber(context({ text }), ruleset)).toBeNull();
      expect(extractCaseNumber(context({ text: 'See GTB-2023-5876 for details.' }), ruleset)?.value).toBe(
        'GTB-2023-5876',
      );
    },
  );

  it('a user-defined format is data, not code', () => {
    const ruleset = compileRuleset({ name: 'mine', caseNumberFormats: [{ name: 'nordcycle', pattern: 'NCR\\d{6}' }] });
    const found = extractCaseNumber(context({ text: 'We have logged NCR445566 for your helmet.' }), ruleset);
    expect(found).toMatchObject({ value: 'NCR445566', rule: 'case-number/format:nordcycle' });
  });
});

describe('case-number: which one wins', () => {
  it('the subject wins over the body', () => {
    const found = caseNumberOf('Your earlier ticket #554433 was merged into this one.', 'Re: [Ticket #772190] Refund');
    expect(found).toMatchObject({ value: '772190', location: 'subject' });
  });

  it('new text wins over quoted history', () => {
    const text = [
      'We have opened case #20231099 for this.',
      '',
      'On Fri, Oct 27, 2023 at 8:12 AM Alice Martin <alice@example.net> wrote:',
      '> My old case #10001234 was closed without a refund.',
    ].join('\n');
    const found = caseNumberOf(text);
    expect(found).toMatchObject({ value: '20231099', location: 'new_text' });
  });

  it('quoted history is used when nothing else names the case, and says so', () => {
    const text = ['Any news on this?', '', '> Your case number is 88776655.', '> Case #88776655'].join('\n');
    expect(caseNumberOf(text)).toMatchObject({ value: '88776655', location: 'quoted_text' });
  });

  it('lists every candidate in order of trust', () => {
    const ctx = context({ subject: 'Case GTB-2023-5876', text: 'Ticket #772190\n\n> Case #10001234' });
    const order = [...new Set(findCaseNumbers(ctx, builtInRuleset).map((m) => `${m.location}:${m.value}`))];
    expect(order).toEqual(['subject:GTB-2023-5876', 'new_text:772190', 'quoted_text:10001234']);
  });
});

describe('case-number: what is not a case number', () => {
  it.each([
    ['an order number', 'Order Number: GT20231012-88431'],
    ['an order number with #', 'Your order #88431 has shipped.'],
    ['a transaction ID', 'Transaction ID: TXN781345'],
    ['a transaction reference', 'Transaction reference: 8XK29301AB'],
    ['a payment reference', 'Payment reference: PAY-778812'],
    ['an invoice number', 'Invoice number: 55120934'],
    ['a phone number after the label', 'Your case 800-555-0199'],
    ['a phone number near the word case', 'Please call +1 (800) 555-0199 regarding your case.'],
    ['an ISO date after the label', 'Case 2023-10-27'],
    ['a date near the word case', 'We updated your case on 2023-10-27.'],
    ['“in case you”', 'In case you have questions, reply to this email.'],
    ['“in case you” before a number', 'In case you need it: 12345.'],
    ['a label with a too short number', 'Ticket 12'],
    ['a label with a word', 'Case closed. Reference attached.'],
  ])('%s: %j → null', (_label, text) => {
    expect(caseNumberOf(text)).toBeNull();
  });

  it('an order number next to a case number does not hide the case number', () => {
    expect(caseNumberOf('Order #123456 and case #654321')?.value).toBe('654321');
  });
});
