import { describe, expect, it } from 'vitest';
import type { ResolutionFinding } from '../../../src/rules/findings.js';
import { belongsInCase, isAboutRefund, type RelevanceInput } from '../../../src/rules/refund-relevance.js';

const refund: ResolutionFinding = {
  outcome: 'full_refund',
  rule: 'resolution/refund',
  amount: 49.99,
  currency: 'EUR',
  transactionId: null,
  confidence: 0.95,
  sentence: 'The amount has been credited to your account.',
  location: 'new_text',
};

const input = (subject: string, summary: string, extra: Partial<RelevanceInput['findings']> = {}): RelevanceInput => ({
  subject,
  findings: { resolution: null, reportedResolution: null, summary, issueDescription: null, ...extra },
});

describe('isAboutRefund: an order-only message is about a refund, return or claim', () => {
  it.each([
    [
      'a refund in the subject',
      input('Your refund for order 112-4471190-5531', 'Thank you for shopping with us.'),
      true,
    ],
    [
      'a return label',
      input('Return label for order #48213', 'Print the attached label and drop the parcel off.'),
      true,
    ],
    ['a German Rücksendung', input('Ihre Bestellung 3021-99', 'Wir haben Ihre Rücksendung erhalten.'), true],
    ['a French remboursement', input('Commande 778812', 'Votre remboursement est en cours de traitement.'), true],
    ['a Spanish reclamación', input('Pedido 5521-A', 'Hemos recibido su reclamación sobre el pedido.'), true],
    [
      'a claim in the issue description',
      input('Order 88123', 'We are looking into it.', { issueDescription: 'Claim: parcel arrived damaged' }),
      true,
    ],
    ['a resolution found, whatever the words', input('Order 88123', 'Done.', { resolution: refund }), true],
    [
      'a decision the customer reports',
      input('Order 88123', 'Anna said it is sorted.', { reportedResolution: refund }),
      true,
    ],
    ['an order confirmation', input('Your order #48213 is confirmed', 'Thank you for your order.'), false],
    ['a shipping notice', input('Your package is on its way', 'Order 48213 has shipped and arrives Thursday.'), false],
    [
      'paid by credit card (not store credit)',
      input('Order 48213: receipt', 'We charged 49.99 EUR to your credit card.'),
      false,
    ],
    ['a German Bestellbestätigung', input('Bestellbestätigung 3021-99', 'Vielen Dank für Ihre Bestellung.'), false],
    [
      'a word that only contains a matter word',
      input('Order 48213', 'Our returnable-bottle deposit scheme: see Prefundable items.'),
      false,
    ],
  ])('%s', (_name, given, expected) => {
    expect(isAboutRefund(given)).toBe(expected);
  });
});

describe('belongsInCase: what an imported message must carry to be logged', () => {
  const orderConfirmation = input('Your order #48213 is confirmed', 'Thank you for your order.');
  const refundMail = input('Your refund', 'Your refund has been issued.');
  it.each([
    [
      'a case number, whatever it is about',
      { caseNumber: 'GTB-2023-5876', orderNumber: null, threadCase: null },
      orderConfirmation,
      true,
    ],
    [
      'a reply to a logged message',
      { caseNumber: null, orderNumber: null, threadCase: 'GTB-2023-5876' },
      orderConfirmation,
      true,
    ],
    ['an order number and a refund', { caseNumber: null, orderNumber: '48213', threadCase: null }, refundMail, true],
    ['an order number alone', { caseNumber: null, orderNumber: '48213', threadCase: null }, orderConfirmation, false],
    ['a refund with no number at all', { caseNumber: null, orderNumber: null, threadCase: null }, refundMail, false],
  ])('%s', (_name, facts, given, expected) => {
    expect(belongsInCase(facts, given)).toBe(expected);
  });
});
