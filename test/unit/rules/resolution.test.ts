// A resolution closes a case (invariant 4) when it is confident: a wrong one here closes a case the
// user still waits on. Each row is a sentence as support writes it, in the new text of a support reply.
import { describe, expect, it } from 'vitest';
import { extractResolution } from '../../../src/rules/resolution.js';
import { context } from './message.js';

const resolutionOf = (text: string) => extractResolution(context({ text }));

describe('resolution: confirmed outcomes', () => {
  it.each([
    ['Your refund of $54.00 USD has been approved.', 'full_refund', 54, 'USD'],
    ['We have issued a full refund of USD 129.99 to your card.', 'full_refund', 129.99, 'USD'],
    ['We have refunded 84,50 € to your account.', 'full_refund', 84.5, 'EUR'],
    ["We've refunded the full amount of $64.50 USD to your PayPal account.", 'full_refund', 64.5, 'USD'],
    ['Your refund of €79.00 has been issued to your original payment method.', 'full_refund', 79, 'EUR'],
    ['Your refund has been processed.', 'full_refund', null, null],
    ['The refund was completed today.', 'full_refund', null, null],
    ['Refund approved.', 'full_refund', null, null],
    ['A partial refund of £12.50 has been issued for the damaged item.', 'partial_refund', 12.5, 'GBP'],
    ['We have issued a partial refund of $20.00.', 'partial_refund', 20, 'USD'],
    ['A store credit of 25,00 EUR has been added to your account.', 'store_credit', 25, 'EUR'],
    ['A gift card worth $30 has been sent to your email address.', 'store_credit', 30, 'USD'],
    ['A replacement has been shipped and should arrive on Monday.', 'replacement', null, null],
    ['Your replacement is on its way.', 'replacement', null, null],
    // German, French, Spanish.
    ['Die Rückerstattung wurde veranlasst.', 'full_refund', null, null],
    ['Ihre Erstattung über 49,99 € wurde veranlasst.', 'full_refund', 49.99, 'EUR'],
    ['Votre remboursement a été effectué.', 'full_refund', null, null],
    ['Votre remboursement de 189,00 EUR a été approuvé.', 'full_refund', 189, 'EUR'],
    ['Un avoir de 20,00 € a été émis sur votre compte.', 'store_credit', 20, 'EUR'],
    ['Un remplacement a été expédié.', 'replacement', null, null],
    ['Su reembolso de 84,90 € ha sido procesado.', 'full_refund', 84.9, 'EUR'],
  ])('%j → %s', (sentence, outcome, amount, currency) => {
    const found = resolutionOf(sentence);
    expect(found).toMatchObject({ outcome, amount, currency, location: 'new_text', sentence });
    // Amount evidence raises confidence to the auto-close level (0.9); without it, a suggestion.
    expect(found?.confidence).toBe(amount === null ? 0.8 : 0.9);
  });

  it('finds the amount on a labelled line when the deciding sentence has none', () => {
    const found = resolutionOf('Full refund approved.\n\nAmount refunded: $129.99 USD');
    expect(found).toMatchObject({ outcome: 'full_refund', amount: 129.99, currency: 'USD' });
  });
});

describe('resolution: not (yet) a resolution → null', () => {
  it.each([
    // Promised.
    ['promised', 'Your order will be refunded once we receive the item.'],
    ['promised, we will', 'We will refund you once we receive the item.'],
    ['promised, French future', 'Le remboursement de 189,00 EUR sera effectué sous 5 jours ouvrés.'],
    ['promised, French on receipt', 'Votre remboursement sera effectué dès réception du colis.'],
    ['promised, Spanish future', 'Su reembolso de 84,90 € será emitido en 5 días.'],
    ['promised, German future', 'Die Erstattung wird veranlasst, sobald die Ware eingetroffen ist.'],
    ['promised, when', 'When your refund of $20.00 is issued we will email you.'],
    // Conditional.
    ['conditional', 'If the carrier confirms the loss, your refund of $129.99 will be approved.'],
    ['conditional, condition last', 'Your refund will be approved if the carrier confirms the loss.'],
    // Requested.
    ['requested by the customer', 'I would like to request a full refund.'],
    ['requested, please issue', 'Please issue a full refund to my original payment method.'],
    ['a request passed on', 'We have sent your refund request to the seller.'],
    ['a request passed on, with the amount', 'Your refund request for $129.99 has been sent to the seller.'],
    // Under review.
    ['under review', 'Your refund request is under review.'],
    ['being reviewed', 'Your refund request is being reviewed by our team.'],
    ['sent for review', 'Your refund request has been processed and forwarded to our payments team for review.'],
    ['pending', 'Your refund of $54.00 is pending.'],
    ['eligible only', 'You are eligible for a refund.'],
    // Negated.
    ['not approved', 'Your refund was not approved.'],
    ['not processed yet', 'The refund has not been processed yet.'],
    ["hasn't (n't glued to the verb)", "The refund of $50.00 hasn't been processed yet."],
    ['hasn’t with a typographic apostrophe', 'Your refund of $50.00 hasn’t been issued yet.'],
    ["haven't", "We haven't issued the refund yet."],
    ['French negation', "Le remboursement n'a pas encore été effectué."],
    ['Spanish negation', 'Su reembolso no ha sido aprobado.'],
    // Nothing about money.
    ['a return, not a refund', 'Your return has been processed.'],
    ['general policy', 'Refunds are usually processed within 5 business days.'],
  ])('%s: %j', (_label, sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });

  it('an approval only in quoted history → null', () => {
    const text = [
      'Hello Alice,',
      '',
      'Could you send us a photo of the parcel label?',
      '',
      'On Thu, Nov 2, 2023 at 9:47 AM GTBuy Refunds <refunds@gtbuy.com> wrote:',
      '> Full refund approved. Transaction ID: TXN781345',
      '> Amount refunded: $129.99 USD',
    ].join('\n');
    expect(resolutionOf(text)).toBeNull();
  });

  it('an approval only below an Outlook header block → null', () => {
    const text = [
      'Any news on this?',
      '',
      '________________________________',
      'From: GTBuy Refunds <refunds@gtbuy.com>',
      'Sent: Thursday, November 2, 2023 9:47 AM',
      'Subject: Your refund has been approved',
      '',
      'Full refund approved. Amount refunded: $129.99 USD',
    ].join('\n');
    expect(resolutionOf(text)).toBeNull();
  });
});

describe('resolution: denied', () => {
  it.each([
    'We are unable to approve your refund because the return window has closed.',
    'Unfortunately, your refund request has been declined.',
    'We regret to inform you that your refund request was rejected.',
    'We cannot offer a refund for opened items.',
    'Your claim has been denied.',
    'Votre demande de remboursement a été refusée.',
    'La solicitud de reembolso ha sido rechazada.',
    'Ihr Antrag auf Erstattung wurde abgelehnt.',
  ])('%j → denied', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({
      outcome: 'denied',
      amount: null,
      transactionId: null,
      confidence: 0.9,
    });
  });
});

describe('resolution: the seed refund confirmation (04)', () => {
  const text = [
    'Dear Alice Martin,',
    '',
    'Good news about your case GTB-2023-5876 (order GT20231012-88431, Aurora X2 wireless earbuds).',
    '',
    'Full refund approved. Transaction ID: TXN781345',
    '',
    'Amount refunded: $129.99 USD',
    'Refund method: original payment method (Visa ending 4417)',
    '',
    'Please allow 5-10 business days for the amount to appear on your statement.',
    '',
    'This case is now closed.',
  ].join('\n');

  it('full_refund, 129.99 USD, TXN781345, confident enough to close', () => {
    const found = resolutionOf(text);
    expect(found).toMatchObject({
      outcome: 'full_refund',
      rule: 'resolution/refund',
      amount: 129.99,
      currency: 'USD',
      transactionId: 'TXN781345',
      location: 'new_text',
    });
    expect(found?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['Refund approved. Transaction ID: PENDING'],
    // `refund ref` + `erence`: a word, not an identifier.
    ['The refund of $42.00 was issued today. Your refund reference is RF-48213-01.'],
  ])('an identifier without digits is neither kept nor counted as evidence: %j', (text) => {
    const found = resolutionOf(text);
    expect(found?.transactionId).toBeNull();
    expect(found?.confidence).toBe(found?.amount === null ? 0.8 : 0.9);
  });
});
