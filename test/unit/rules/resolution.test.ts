// A resolution closes a case (invariant 4) when it is confident: a wrong one here closes a case the
// user still waits on. Each row is a sentence as support writes it, in the new text of a support reply.
import { describe, expect, it } from 'vitest';
import { extractResolution, findResolution } from '../../../src/rules/resolution.js';
import { compileRuleset } from '../../../src/rules/ruleset.js';
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
    ['not processed yet', 'The refund has not been processed yet.'],
    ["hasn't (n't glued to the verb)", "The refund of $50.00 hasn't been processed yet."],
    ['hasn’t with a typographic apostrophe', 'Your refund of $50.00 hasn’t been issued yet.'],
    ["haven't", "We haven't issued the refund yet."],
    ['French negation', "Le remboursement n'a pas encore été effectué."],
    ['Spanish negation, not yet', 'Su reembolso todavía no ha sido procesado.'],
    ['Spanish negation before a noun of the lookalikes', 'No se ha efectuado ningún reembolso en el pedido.'],
    ['Portuguese negation with a lookalike after it', 'O reembolso não foi efetuado no prazo previsto.'],
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
    // A negated approval is a refusal (a negated payout, `not processed yet`, is not).
    'Your refund was not approved.',
    'Su reembolso no ha sido aprobado.',
    // First person and the progressive (`not going to`, `won't be -ing`), a decision to refuse, `no refund will be issued`.
    "Hi, I'm not going to refund you since the parcel shows as delivered.",
    'Sorry, but we will not be refunding this order. The item was marked as final sale.',
    "We won't be issuing a refund for this order.",
    'We have decided to deny your refund request.',
    'After review, no refund will be issued for this order as it was delivered to the address provided.',
    // German in its usual order: subject, modal, … `nicht` … verb.
    'Ich werde Ihnen das Geld nicht zurückerstatten, da die Ware benutzt wurde.',
    'Wir können Ihnen den Kaufpreis leider nicht erstatten.',
    // Spanish with a clitic before the modal, French `n'allons pas`, Dutch in its usual order.
    'No te vamos a reembolsar, el paquete fue entregado.',
    "Nous n'allons pas vous rembourser, le colis a bien été livré.",
    'Ik ga je niet terugbetalen, het pakket is bezorgd.',
    // Italian's negated first-person future, Portuguese `realizar`, Polish, Swedish, Turkish's suffix, Russian `не будем`.
    "Non le rimborseremo l'importo, poiché il prodotto risulta utilizzato.",
    'Infelizmente não conseguimos realizar o reembolso, pois o prazo de devolução expirou.',
    'Maalesef ürün kullanıldığı için iade yapamıyoruz.',
    'Мы не будем возвращать деньги, так как товар был в использовании.',
  ])('%j → denied', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({
      outcome: 'denied',
      amount: null,
      transactionId: null,
      confidence: 0.9,
    });
  });

  // A refusal that says the decision will be taken again is none yet.
  it.each([
    'We are unable to offer a refund at this time, but we will review it again once the item arrives.',
    'Leider können wir Ihnen derzeit keine Erstattung gewähren, wir prüfen es aber erneut, sobald die Ware bei uns ist.',
    "We can't approve the refund right now; your case has been escalated to our returns team.",
    // Put off, past a contrast, to a later day.
    "We're not going to issue a refund today as our finance team is closed, but it will go out on Monday.",
  ])('%j → no denial', (sentence) => {
    expect(resolutionOf(sentence)?.outcome).not.toBe('denied');
  });

  // A refund made before the refusal of the rest, in one sentence, is a partial refund (never a closure as denied).
  it.each([
    ['Vi har refundert 1 899 kr for skiene, men fraktkostnaden på 99 kr kan vi dessverre ikke refundere.', 1899],
    ['We have refunded $45.00 for the shoes, but we cannot refund the shipping cost of $6.95.', 45],
    // The refusal first, the refund after a contrast.
    ["We can't refund you for shipping costs, but we have refunded the item price of $40.00.", 40],
    // The refusal of an amount in the next sentence.
    ['Your refund of $40.00 has been approved. We are not able to refund the $8.95 shipping fee.', 40],
  ])('%j → partial_refund', (sentence, amount) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'partial_refund', amount });
  });

  it.each([
    // A refusal of nothing in money after the refund leaves it whole.
    ['Our records show a refund of $60.00 was issued on Nov 2. We are not able to refund it a second time.', 60],
  ])('%j → full_refund', (sentence, amount) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'full_refund', amount });
  });

  // Terms: a refusal under a condition right after it is no decision on this case.
  it.each([
    'No refund will be issued if the item has been used or damaged.',
    'No refund will be issued until the item is back in our warehouse.',
    'Wir werden Ihnen den Betrag nicht vor Eingang der Rücksendung erstatten können.',
    // `not later than`: a deadline, no refusal.
    'Wir werden Ihnen den Betrag nicht später als Freitag erstatten.',
    'We zullen u het bedrag niet later dan vrijdag terugbetalen.',
    // `non appena` is `as soon as`.
    'Non appena riceveremo il pacco le rimborseremo l’importo.',
    // Something else refused, a refund offered past the contrast.
    'Não conseguimos realizar a troca, mas podemos reembolsar o valor integral se preferir.',
  ])('%j → no denial', (sentence) => {
    expect(resolutionOf(sentence)?.outcome).not.toBe('denied');
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
    ['The refund of $42.00 was issued today. Your refund reference is pending.'],
  ])('an identifier without digits is neither kept nor counted as evidence: %j', (text) => {
    const found = resolutionOf(text);
    expect(found?.transactionId).toBeNull();
    expect(found?.confidence).toBe(found?.amount === null ? 0.8 : 0.9);
  });
});

describe('resolution: the issue’s known misses', () => {
  it.each([
    [
      'Spanish, tramitado',
      'Por ello, hemos tramitado el reembolso de 84,90 € a la tarjeta con la que realizó la compra.',
      'full_refund',
      84.9,
      'EUR',
    ],
    [
      'French, confirmons',
      'Nous vous confirmons le remboursement intégral de 189,00 EUR sur votre moyen de paiement d’origine.',
      'full_refund',
      189,
      'EUR',
    ],
    [
      'German, erstatten wir',
      'Nach der Prüfung erstatten wir Ihnen den vollen Kaufpreis von 49,99 € über die ursprünglich gewählte Zahlungsart.',
      'full_refund',
      49.99,
      'EUR',
    ],
    ['German, wurde erstattet', 'Der Betrag von 1.299,00 EUR wurde Ihnen heute erstattet.', 'full_refund', 1299, 'EUR'],
    ['German, haben erstattet', 'Wir haben Ihnen 15,00 € erstattet.', 'full_refund', 15, 'EUR'],
    [
      'German, verb second: haben wir … erstattet',
      'Für Ihr Ticket 2023-118-4471 haben wir Ihnen 89,00 € erstattet.',
      'full_refund',
      89,
      'EUR',
    ],
    [
      'Dutch, verb second: hebben wij … teruggestort',
      'Vandaag hebben wij € 45,00 teruggestort.',
      'full_refund',
      45,
      'EUR',
    ],
    ['English, we refunded', 'We refunded $40.00 to your card this morning.', 'full_refund', 40, 'USD'],
    // A question in the next clause does not make the told outcome a question.
    [
      'told, then asked',
      'We have refunded $50.00 to your card, can we help with anything else?',
      'full_refund',
      50,
      'USD',
    ],
    [
      'told, then asked in brackets',
      'Your refund of $25.00 has been issued (did you get our earlier email?)',
      'full_refund',
      25,
      'USD',
    ],
    [
      'approved now, paid later',
      'Your refund of $54.00 USD has been approved and will be processed within 5 business days.',
      'full_refund',
      54,
      'USD',
    ],
    [
      'approved now, German',
      'Ihre Erstattung über 84,50 € wurde genehmigt und wird innerhalb von 5 Werktagen ausgezahlt.',
      'full_refund',
      84.5,
      'EUR',
    ],
    [
      'no further action does not cancel',
      'Your refund of USD 129.99 has been processed, no further action is needed.',
      'full_refund',
      129.99,
      'USD',
    ],
    ['as requested', 'As requested, we have issued a full refund of £12.50.', 'full_refund', 12.5, 'GBP'],
    ['the refund you requested', 'The refund you requested has been issued.', 'full_refund', null, null],
    ['French, avons remboursé', 'Nous avons remboursé 15,00 € sur votre carte.', 'full_refund', 15, 'EUR'],
    ['Spanish, hemos reembolsado', 'Le hemos reembolsado 84,50 € en su cuenta.', 'full_refund', 84.5, 'EUR'],
    ['partial, German', 'Wir haben Ihnen eine Teilerstattung von 20,00 € gutgeschrieben.', 'partial_refund', 20, 'EUR'],
    ['partial, French', 'Un remboursement partiel de 12,00 € a été effectué.', 'partial_refund', 12, 'EUR'],
    ['partial, Spanish', 'Le hemos abonado un reembolso parcial de 10,00 €.', 'partial_refund', 10, 'EUR'],
    ['partially refunded', 'Your order was partially refunded ($15.00).', 'partial_refund', 15, 'USD'],
    ['store credit added first', "We've added $25.00 in store credit to your account.", 'store_credit', 25, 'USD'],
    ['voucher, German', 'Ein Gutschein über 20,00 € wurde Ihnen per E-Mail ausgestellt.', 'store_credit', 20, 'EUR'],
    [
      'voucher sent, German',
      'Als Entschädigung haben wir Ihnen einen Gutschein im Wert von 15 € per E-Mail zugesandt.',
      'store_credit',
      15,
      'EUR',
    ],
    ['replacement sent', 'We have shipped you a replacement unit today.', 'replacement', null, null],
    ['replacement, German', 'Wir haben Ihnen ein Ersatzgerät geschickt.', 'replacement', null, null],
    [
      'replacement, German zugesandt',
      'Wir haben Ihnen heute kostenlos einen Ersatzartikel zugesandt.',
      'replacement',
      null,
      null,
    ],
    // Merchant mail from shop systems and marketplaces (real-world 407-420).
    ['Polish, the seller refunded you', 'Sprzedający zwrócił Ci pieniądze: 149,00 zł.', 'full_refund', 149, 'PLN'],
    ['French, recent past', 'Je viens de vous rembourser la théière, soit 42,00 €.', 'full_refund', 42, 'EUR'],
    ['French, nous vous avons remboursé', 'Nous vous avons intégralement remboursé 18,00 €.', 'full_refund', 18, 'EUR'],
    ['status line, German', 'Der neue Status lautet: Erstattet.', 'full_refund', null, null],
    ['status line, English', 'Payment status: Refunded', 'full_refund', null, null],
    ['status line, partial wins', 'Der neue Status lautet: Teilweise erstattet.', 'partial_refund', null, null],
    ['credit memo', 'Your Credit Memo #100000012 for Order #000000457', 'full_refund', null, null],
    ['Spanish, balance', 'Hemos añadido 22,90 € de saldo a tu cuenta de cliente.', 'store_credit', 22.9, 'EUR'],
    ['on its way', 'Your refund of $18.00 is on its way.', 'full_refund', 18, 'USD'],
    // Payment providers tell the customer a refund was received; marketplaces name the merchant as the one refunding.
    ['you got a refund', 'You got a refund of €18,50 from Bottega Sarda.', 'full_refund', 18.5, 'EUR'],
    [
      'German, Rückzahlung erhalten',
      'Sie haben eine Rückzahlung von 18,50 € von Bottega Sarda erhalten.',
      'full_refund',
      18.5,
      'EUR',
    ],
    [
      'French, vous avez reçu',
      'Vous avez reçu un remboursement de 18,50 € de la part de Bottega.',
      'full_refund',
      18.5,
      'EUR',
    ],
    ['Spanish, has recibido', 'Has recibido un reembolso de 18,50 € de Bottega Sarda.', 'full_refund', 18.5, 'EUR'],
    ['Italian, hai ricevuto', 'Hai ricevuto un rimborso di 18,50 € da Bottega Sarda.', 'full_refund', 18.5, 'EUR'],
    [
      'Dutch, je hebt ontvangen',
      'Je hebt een terugbetaling van € 18,50 ontvangen van Bottega Sarda.',
      'full_refund',
      18.5,
      'EUR',
    ],
    ['Polish, otrzymałeś zwrot', 'Otrzymałeś zwrot 18,50 zł od Bottega Sarda.', 'full_refund', 18.5, 'PLN'],
    ['Portuguese, recebeu', 'Você recebeu um reembolso de R$ 18,50 de Bottega Sarda.', 'full_refund', 18.5, 'BRL'],
    ['the seller refunded you', 'The seller refunded you $12.99.', 'full_refund', 12.99, 'USD'],
    ['German, the shop refunded', 'Bottega Sarda hat dir 18,50 € erstattet.', 'full_refund', 18.5, 'EUR'],
    ['French, the shop refunded', 'Bottega Sarda vous a remboursé 18,50 €.', 'full_refund', 18.5, 'EUR'],
    ['Spanish, the shop refunded', 'Bottega Sarda te ha reembolsado 18,50 €.', 'full_refund', 18.5, 'EUR'],
    ['Dutch, the shop refunded', 'Bottega Sarda heeft € 18,50 aan je terugbetaald.', 'full_refund', 18.5, 'EUR'],
    ['Portuguese, the shop refunded', 'A Bottega Sarda reembolsou-lhe 18,50 €.', 'full_refund', 18.5, 'EUR'],
    // Portuguese `no` is `em` + `o`, no negation: `no valor de`, `no seu cartão`.
    ['Portuguese, no valor de', 'O reembolso no valor de 19,90 € foi efetuado.', 'full_refund', 19.9, 'EUR'],
    [
      'Portuguese, no seu cartão',
      'O estorno de R$ 89,90 no seu cartão de crédito foi realizado.',
      'full_refund',
      89.9,
      'BRL',
    ],
    ['German, partial received', 'Sie haben eine Teilrückzahlung von 6,00 € erhalten.', 'partial_refund', 6, 'EUR'],
    [
      'Dutch, partial received',
      'Je hebt een gedeeltelijke terugbetaling van € 6,00 ontvangen.',
      'partial_refund',
      6,
      'EUR',
    ],
    ['Polish, partial received', 'Otrzymałeś częściowy zwrot 6,00 zł.', 'partial_refund', 6, 'PLN'],
    ['Italian, in arrivo', 'Il tuo rimborso di 49,90 € è in arrivo.', 'full_refund', 49.9, 'EUR'],
    // An amount out of a larger one, in the languages' own contractions (`dei`, `dos`).
    ['Italian, out of', "Abbiamo rimborsato 15,00 € dei 60,00 € dell'ordine.", 'partial_refund', 15, 'EUR'],
    ['Portuguese, out of', 'Reembolsamos 15,00 € dos 60,00 € da encomenda.', 'partial_refund', 15, 'EUR'],
    [
      'European Portuguese preterite, shipping',
      'Reembolsámos os portes de envio (4,90 €).',
      'partial_refund',
      4.9,
      'EUR',
    ],
    // A refund paid as credit is store credit; a credit named as not given leaves the refund.
    [
      'French, sous forme d’avoir',
      "Le remboursement de 30,00 € a été crédité sous forme d'avoir sur votre compte.",
      'store_credit',
      30,
      'EUR',
    ],
    [
      'Dutch, als tegoed gezet',
      'De terugbetaling van € 30,00 is als tegoed op je account gezet.',
      'store_credit',
      30,
      'EUR',
    ],
    [
      'Portuguese, como vale',
      'O reembolso de 30,00 € foi creditado como vale na sua conta.',
      'store_credit',
      30,
      'EUR',
    ],
    [
      'not as store credit',
      'Your refund of $32.00 was issued to your original payment method, not as store credit.',
      'full_refund',
      32,
      'USD',
    ],
    ['Polish, zakończony', 'Zwrot pieniędzy zakończony: 149,00 zł.', 'full_refund', 149, 'PLN'],
    ['German, unterwegs', 'Deine Erstattung über 59,95 € ist unterwegs.', 'full_refund', 59.95, 'EUR'],
    ['credited back', "We've credited $25.00 back to your Visa card.", 'full_refund', 25, 'USD'],
    ['German, zurücküberwiesen', 'Wir haben dir 59,95 € zurücküberwiesen.', 'full_refund', 59.95, 'EUR'],
    ['German, rückerstattet', 'Der Betrag von 20,00 € wurde Ihnen rückerstattet.', 'full_refund', 20, 'EUR'],
    ['Spanish, preterite', 'Te devolvimos 12,50 € a tu tarjeta.', 'full_refund', 12.5, 'EUR'],
    [
      'Italian, riaccreditato',
      "Le abbiamo riaccreditato l'importo di 39,90 € sulla carta.",
      'full_refund',
      39.9,
      'EUR',
    ],
    ['French, recrédité', 'Nous vous avons recrédité 24,00 € sur votre carte.', 'full_refund', 24, 'EUR'],
    ['Polish, wykonany', 'Zwrot środków w kwocie 89,00 zł został wykonany.', 'full_refund', 89, 'PLN'],
    [
      'Dutch, a long middle field',
      'We hebben de waterkoker vanochtend ontvangen en het volledige bedrag van € 89,95 teruggestort op je rekening.',
      'full_refund',
      89.95,
      'EUR',
    ],
    ['Dutch, voucher mailed', 'We hebben een tegoedbon van € 15,00 naar je gemaild.', 'store_credit', 15, 'EUR'],
    ['Polish, gift card sent', 'Wysłaliśmy Ci kartę podarunkową o wartości 50,00 zł.', 'store_credit', 50, 'PLN'],
    ['Portuguese, voucher sent', 'Enviámos-lhe um vale de compra de 20,00 €.', 'store_credit', 20, 'EUR'],
    [
      'Spanish, en sustitución',
      'Te hemos enviado un producto nuevo en sustitución del defectuoso.',
      'replacement',
      null,
      null,
    ],
    [
      'Dutch, ter vervanging',
      'We hebben je vandaag een nieuwe waterkoker gestuurd ter vervanging.',
      'replacement',
      null,
      null,
    ],
    ['Polish, w ramach wymiany', 'Wysłaliśmy nowy czajnik w ramach wymiany.', 'replacement', null, null],
    ['Portuguese, noun before novo', 'Enviámos hoje um artigo novo em substituição.', 'replacement', null, null],
    [
      'Italian, noun before nuovo',
      'Le abbiamo spedito oggi un frullatore nuovo in sostituzione di quello difettoso.',
      'replacement',
      null,
      null,
    ],
  ])('%s', (_label, sentence, outcome, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount, currency, sentence });
  });

  it.each([
    ['a refund promised in German', 'Wir erstatten Ihnen den Betrag, sobald die Ware bei uns eingetroffen ist.'],
    ['future, German', 'Der Betrag wird Ihnen innerhalb von 5 Tagen erstattet.'],
    ['approved only if', 'Your refund will be approved if the carrier confirms the loss.'],
    ['approved, condition right after', 'Your refund is approved once we receive the item.'],
    ['not yet', 'Your refund has not been approved yet.'],
    ['German, not yet', 'Die Erstattung wurde noch nicht veranlasst.'],
    ['German, verb second, not yet', 'Leider haben wir Ihnen den Betrag noch nicht erstattet.'],
    ['German, verb second, a question', 'Haben wir Ihnen den Betrag schon erstattet?'],
    // Questions ask, they do not tell.
    ['a question', 'Has the refund of $50 been issued?'],
    ['a question, German', 'Wurde der Betrag schon erstattet?'],
    ['a question, French', 'Avez-vous déjà effectué le remboursement ?'],
    ['a question, full-width mark', 'Has your refund of $20 been processed？'],
    ['Dutch, verb second, not yet', 'Helaas hebben wij het bedrag nog niet teruggestort.'],
    ['a refund request, processed', 'Your refund request has been processed and forwarded to our payments team.'],
    ['the request received', 'Your refund request has been received.'],
    ['“no replacement” from the customer', 'The order shipped two weeks ago, so I don’t want a replacement.'],
    ['a policy', 'Our refund policy was updated in 2023.'],
    ['Spanish, pending', 'Su reembolso está pendiente de aprobación.'],
    ['French, en cours', 'Votre remboursement est en cours de traitement.'],
    ['conditional denial', 'If your claim is denied, you can appeal within 10 days.'],
    ['a denial until something happens', 'We cannot issue a refund until the item is back in our warehouse.'],
    ['a status still to come', 'Status: Refund requested'],
    ['a request on its way to a team', 'Your refund request is on its way to our finance team.'],
    ['not yet refunded by the shop', 'De verkoper heeft je nog niet terugbetaald.'],
    // A refund request received is the seller's mail, not money received.
    ['a refund request received', 'You’ve received a refund request from a buyer.'],
    ['Dutch, a refund request received', 'Je hebt een verzoek tot terugbetaling ontvangen.'],
    ['German, told it will be refunded', 'Wir haben Ihnen mitgeteilt, dass der Betrag erstattet wird.'],
    ['a future receipt', 'You will receive a refund once the item is back.'],
    ['asked whether received', 'Have you received your refund?'],
    ['Portuguese progressive, in process', 'Recebemos a sua devolução e o reembolso está a ser processado.'],
    ['Brazilian progressive, in process', 'Seu reembolso está sendo processado.'],
    // A refusal asked about is none: a wrong denial closes the case as surely as a wrong refund.
    ['a denial asked about', 'Your refund was declined by your bank? Contact us.'],
    [
      'not eligible under the policy',
      'Volgens ons retourbeleid komen gebruikte artikelen niet in aanmerking voor retour.',
    ],
    ['not eligible, conditional', 'Se il prodotto è stato aperto, non è idoneo al reso.'],
    ['a denial asked about, subject first', 'Was your refund request denied? Reply to this email.'],
    ['a status, negated', 'Refund status: not refunded'],
    ['Dutch, a condition before the denial', 'Als we je retourverzoek niet goedkeuren, sturen we het artikel terug.'],
  ])('%s: %j → null', (_label, sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });

  it.each([
    'Nous ne pouvons pas procéder au remboursement car le délai de rétractation est dépassé.',
    'Lamentablemente, no podemos reembolsar artículos usados.',
    'Leider können wir Ihnen keine Erstattung gewähren.',
    'Votre demande n’a pas été acceptée.',
    'We have decided this case in the seller’s favor.',
    // Dutch puts the verb last, after the object and the negation.
    'Helaas kunnen we je retourverzoek niet goedkeuren.',
    'Unfortunately, we’re unable to offer a refund for opened items.',
    'We aren’t able to refund digital downloads.',
    'Malheureusement, votre demande de remboursement n’a pas pu être acceptée.',
    // A question in the next clause does not make the told denial a question.
    'We cannot refund this item, can we help with anything else?',
    // Not eligible, in the other languages' own words.
    'Le produit n’est pas éligible au remboursement.',
    'El artículo no es apto para devolución.',
    'Lamentablemente, tu pedido no cumple los requisitos para un reembolso.',
    'L’articolo non è idoneo al reso.',
    'Purtroppo il tuo ordine non ha diritto al rimborso.',
    'Het artikel komt helaas niet in aanmerking voor retour.',
    'Niestety produkt nie kwalifikuje się do zwrotu.',
    'O artigo não é elegível para devolução.',
  ])('denied: %j', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied', confidence: 0.9 });
  });

  it('a decision stated first without its amount takes the amount of its restatement', () => {
    const text = [
      'We’ve closed case 5298765432 and refunded you.',
      'Case number: 5298765432',
      'Item: Lumo ANC wireless headphones',
      'We refunded USD 129.99 to your original payment method.',
    ].join('\n\n');
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount: 129.99, currency: 'USD' });
    // A later sentence that only mentions money decides nothing and lends no amount.
    const unrelated = 'We’ve closed case 5298765432 and refunded you.\n\nYour next order over $50.00 ships free.';
    expect(resolutionOf(unrelated)).toMatchObject({ outcome: 'full_refund', amount: null });
  });

  it('something granted outranks a denial of the rest', () => {
    const text = 'Your claim for the full amount was declined. However, we have issued a partial refund of $20.00.';
    expect(resolutionOf(text)).toMatchObject({ outcome: 'partial_refund', amount: 20 });
  });

  it('the Zendesk refund: `Refund reference RF-48213-01` is the transaction ID', () => {
    const text = [
      'I’ve checked with our payments team: the refund of $42.00 for order SH-77120 was issued today and should reach your card within 5-7 business days.',
      '',
      'Your refund reference is RF-48213-01.',
    ].join('\n');
    expect(resolutionOf(text)).toMatchObject({
      outcome: 'full_refund',
      amount: 42,
      currency: 'USD',
      transactionId: 'RF-48213-01',
      confidence: 0.97,
    });
  });

  it.each([
    ['Numéro de transaction : 7781-2201', '7781-2201'],
    ['ID de transacción: TX99120', 'TX99120'],
    ['Transaktionsnummer: 44120933', '44120933'],
    ['Refund ID: R-2023-0099', 'R-2023-0099'],
  ])('transaction labels in four languages: %j', (line, id) => {
    expect(resolutionOf(`Refund approved.\n\n${line}`)?.transactionId).toBe(id);
  });
});

describe('resolution: rule-pack phrases', () => {
  const pack = compileRuleset({
    name: 'shoply',
    resolutionPhrases: [
      { name: 'shoply-money-back', pattern: 'your money is on its way back', outcome: 'full_refund' },
      {
        name: 'shoply-credit',
        pattern: 'Shoply Coins have been added',
        outcome: 'store_credit',
        domains: ['shoply.example'],
      },
      { name: 'shoply-no', pattern: 'we will not be refunding', outcome: 'denied' },
    ],
  });
  const withPack = (text: string, address = 'help@shoply.example') =>
    extractResolution(context({ text, from: { address, name: 'Shoply' } }), pack);

  it('a pack phrase decides, before the built-in phrases, and names its rule', () => {
    expect(withPack('Good news: your money is on its way back ($42.00).')).toMatchObject({
      outcome: 'full_refund',
      rule: 'resolution/pack:shoply-money-back',
      amount: 42,
      currency: 'USD',
    });
  });

  it('a domain-scoped phrase applies only to its sender', () => {
    expect(withPack('500 Shoply Coins have been added to your wallet.')).toMatchObject({
      outcome: 'store_credit',
      rule: 'resolution/pack:shoply-credit',
    });
    expect(withPack('500 Shoply Coins have been added to your wallet.', 'x@other.example')).toBeNull();
  });

  it('the same guards hold: promised, conditional or negated is no resolution', () => {
    expect(withPack('Once we receive the lamp, your money is on its way back.')).toBeNull();
    expect(withPack('If you cancel, we will not be refunding the fee.')).toBeNull();
    expect(withPack('Sorry, we will not be refunding the shipping fee.')).toMatchObject({ outcome: 'denied' });
  });

  it('a pack phrase in quoted history counts for nothing', () => {
    expect(withPack('Thanks!\n\n> Your money is on its way back.')).toBeNull();
  });
});

describe('resolution: more forwarded confirmations', () => {
  it.each([
    ['Hemos procedido al reembolso de 329,00 € en la tarjeta utilizada para la compra.', 329, 'EUR'],
    ['Wir haben Ihnen den Betrag von 149,00 € heute gutgeschrieben.', 149, 'EUR'],
    ['Für die zurückgeschickten Artikel aus Bestellung 10204577312 erstatten wir dir 64,95 €.', 64.95, 'EUR'],
    ['Le remboursement de 219,90 € a été effectué ce jour sur la carte bancaire.', 219.9, 'EUR'],
    // Brazilian `devolvemos` before the amount is the preterite: the money went back.
    ['Devolvemos R$ 89,90 para o cartão que você usou na compra.', 89.9, 'BRL'],
    // A time ahead after the clause ends is the money's arrival, not the refund's.
    ['We have processed your refund of $20.00 and it will reach you in the coming days.', 20, 'USD'],
    ['Wir haben dir 64,95 € erstattet, der Betrag ist in den nächsten Tagen auf deinem Konto.', 64.95, 'EUR'],
    // Money sent back, named as money.
    ["We've sent $19.99 back to your PayPal account.", 19.99, 'USD'],
    ['We sent 25,00 € back to your Visa this morning.', 25, 'EUR'],
    // The amount named with the refund noun in the next sentence: `Your refund of £45.00 should appear …`.
    [
      'We have received your return and processed your refund. Your refund of £45.00 should appear within 10 working days.',
      45,
      'GBP',
    ],
  ])('%j → full_refund', (sentence, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'full_refund', amount, currency });
  });

  it.each([
    // A present tense with a time still ahead in its clause is a promise (`upcoming`).
    ['Wir erstatten dir 79,95 € in den nächsten Tagen.'],
    ['Wir erstatten Ihnen den Betrag innerhalb von 14 Tagen auf Ihr Konto.'],
    ['Te reembolsamos 45,90 € en los próximos días en la tarjeta con la que pagaste.'],
    ['Devolvemos R$ 89,90 nos próximos dias.'],
    // Something else sent back, or money sent back only in the future, negated or conditioned.
    ["We've sent the parcel back to the warehouse."],
    ['We will send $19.99 back to your card once the item arrives.'],
    ["We haven't sent the money back yet."],
    ['If we have sent the money back, you will see it in 5 days.'],
    // The next sentence's amount is the refund's only when it neither defers nor conditions it.
    ['Your return has been approved. Your refund of £45.00 will be issued after inspection.'],
  ])('%j → no confirmed refund', (sentence) => {
    const found = resolutionOf(sentence);
    expect(found === null || (found.confidence ?? 0) < 0.9).toBe(true);
  });
});

describe('resolution: a contrast that takes the refund back (contrasts)', () => {
  it.each([
    ['Your refund of $50.00 has been processed, but it has not been sent to your bank yet.'],
    ['Ihre Erstattung über 49,99 € wurde bearbeitet, aber der Betrag ist noch nicht ausgezahlt.'],
    ['Votre remboursement de 35,00 € a été traité, mais il n’a pas encore été versé.'],
    ['Your refund of £12.00 was processed; however, it has not been credited to your account yet.'],
    // The contrast opens the next sentence.
    ['We have processed your refund of £12.00. However, this has not been sent to your bank yet.'],
    ['Hemos procesado su reembolso de 35,00 €. Sin embargo, todavía no se ha reembolsado el importe.'],
    // Not yet happened (`notYetDone`), whatever the verb.
    ['We have refunded $30.00, but the money is yet to reach your bank.'],
    ['Wir haben Ihnen 30,00 € erstattet, allerdings ist der Betrag noch nicht bei Ihrer Bank angekommen.'],
    ["Nous avons remboursé 30,00 €, mais le virement n'est pas encore parti."],
    ['Din återbetalning på 450 kr har behandlats, men pengarna har ännu inte betalats ut.'],
    ['ご注文代金 3,980円 の返金処理は完了しましたが、カード会社での取消はまだ反映されておりません。'],
    ['您的退款 ¥199.00 已处理，但款项尚未退回到您的银行账户。'],
    ['Yêu cầu hoàn tiền 350.000đ đã được xử lý nhưng tiền chưa được chuyển vào tài khoản.'],
  ])('%j → no confirmed refund', (text) => {
    const found = resolutionOf(text);
    expect(found === null || (found.confidence ?? 0) < 0.9).toBe(true);
  });

  it.each([
    // A contrast that adds a delay or a hedge, or refuses something else, leaves the refund done.
    ['Your refund of $50.00 has been processed, but it can take 5 days to appear on your statement.', 50, 'USD'],
    ['We have refunded $24.99 to your Visa, but please note it may not appear for 5-10 business days.', 24.99, 'USD'],
    ['Your refund of $24.99 has been issued, however your bank may take up to 10 days to post it.', 24.99, 'USD'],
    ['Wir haben dir 64,95 € erstattet, aber es kann ein paar Tage dauern, bis du es siehst.', 64.95, 'EUR'],
    // A contrast that is not at the head of the next sentence takes nothing back from this one.
    ['We have processed your refund of £12.00. The replacement strap, however, has not been sent yet.', 12, 'GBP'],
    // Advice under a condition takes nothing back; a condition after the take-back is something else.
    [
      'We have refunded $30.00 to your card. However, if you have not yet received it within 10 business days, please contact your bank.',
      30,
      'USD',
    ],
    [
      "Your refund of $30.00 has been processed, but it won't show on your statement until your bank posts it.",
      30,
      'USD',
    ],
    ['您的退款 ¥199.00 已退回原支付账户，但到账时间以银行为准。', 199, 'CNY'],
  ])('%j → full_refund', (text, amount, currency) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount, currency });
  });
});

describe('resolution: the steps still to come, and a tracker’s open step', () => {
  it.each([
    [
      'a numbered list under a steps heading',
      "Here's what happens next:\n1. We inspect the item.\n2. Your refund of $25.00 is issued to your original payment method.",
    ],
    ['a bulleted list', 'What happens next?\n- We check your item\n- Your refund of €25.00 is processed to your card'],
    ['German', 'So geht es weiter:\n1. Wir prüfen den Artikel.\n2. Wir erstatten Ihnen 25,00 € auf Ihr Konto.'],
    ['a tracker’s open step', 'Return received ✓\nRefund issued ○ $25.00'],
    ['an hourglass', 'Refund issued ⏳ $25.00'],
    // A table row whose only value is a dash (html-to-text sets cells two spaces apart).
    ['an empty table row', 'Hi Alice,\n\nRefund issued  —\nAmount  $25.00'],
  ])('%s → no confirmed refund', (_label, text) => {
    const found = resolutionOf(text);
    expect(found === null || (found.confidence ?? 0) < 0.9).toBe(true);
  });

  it.each([
    ['a tracker’s done step', 'Return received ✓\nRefund issued ✓ $25.00'],
    ['a dash inside the line', 'Refund issued – $25.00 to your Visa'],
    [
      'a steps list after the refund',
      'We have issued your refund of $25.00.\n\nWhat happens next:\n- The money reaches your card in 3-5 business days.',
    ],
    ['a list without a steps heading', 'Summary of your case:\n- Your refund of $25.00 has been issued.'],
  ])('%s → full_refund', (_label, text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount: 25, confidence: 0.9 });
  });
});

describe("resolution: handed to the customer's own bank, card or account", () => {
  it.each([
    ['Your refund of $54.00 has been processed and forwarded to your bank.', 54, 'USD'],
    ['Your refund of £20.00 has been issued and passed on to your card issuer.', 20, 'GBP'],
    ['Ihre Erstattung über 64,90 € wurde bearbeitet und an Ihre Bank weitergeleitet.', 64.9, 'EUR'],
    ['Votre remboursement de 38,50 € a été traité et transmis à votre banque.', 38.5, 'EUR'],
    ['Tu reembolso de 42,00 € se ha procesado y se ha remitido a tu banco.', 42, 'EUR'],
    ['Uw terugbetaling van € 25,00 is verwerkt en doorgestuurd naar uw bank.', 25, 'EUR'],
    // A bare `возврат` / `iade` done onto the customer's card is the money's.
    ['Возврат 2 350 ₽ по заказу 4581207 выполнен на вашу карту.', 2350, 'RUB'],
    ['Siparişinize ait 235,50 TL iadeniz kartınıza yapılmıştır.', 235.5, 'TRY'],
  ])('%j → full_refund', (sentence, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'full_refund', amount, currency });
  });

  it.each([
    // Passed on inside the shop, or to the bank for a check: not paid.
    'Your refund of $31.00 has been approved and forwarded to our accounts department.',
    'Your refund of $19.00 has been forwarded to your card issuer for review.',
    'Ihre Erstattung über 64,90 € wurde an unsere Buchhaltung weitergeleitet.',
    'Votre remboursement de 38,50 € a été transmis à notre service comptable.',
    // The goods went back: no money named.
    'Возврат товара по заказу 4581207 выполнен.',
    'İade kargonuz depomuza ulaşmıştır.',
  ])('%j → null', (sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });
});

describe("resolution: a refund's own status row, and German 'ist erfolgt'", () => {
  it.each([
    'Refund status: Completed',
    'Reimbursement status is processed.',
    'Erstattungsstatus: Abgeschlossen',
    'Statut du remboursement : effectué',
    'Estado del reembolso: Completado',
    'Stato del rimborso: completato',
    'Status van je terugbetaling: voltooid',
    'Status do reembolso: concluído',
    'Die Erstattung über 29,99 € ist erfolgt.',
    'Ihr Geld ist unterwegs: Wir haben 23,50 € an Sie zurückgezahlt.',
    'Refund successful: $23.50 has been returned to your card.',
    'Great news – your refund is complete!',
    'O valor de R$ 23,50 foi estornado no seu cartão.',
  ])('%j → full_refund', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'full_refund' });
  });

  it.each([
    'Refund status: Pending',
    'You can check your refund status: completed returns are listed in your account.',
    'Die Erstattung erfolgt innerhalb von 14 Tagen nach Eingang der Ware.',
    'Once your return is complete, we will refund you.',
    'Your refund will be successful once the bank confirms it.',
    'O valor será estornado em até 2 faturas.',
  ])('%j → null', (sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });
});

describe('resolution: refusals worded as eligibility, and a refused refund request', () => {
  it.each([
    'We are sorry, but your return does not qualify for a refund.',
    "Your order doesn't qualify for a refund.",
    "Unfortunately your return isn't eligible for a refund.",
    'Ihre Erstattungsanfrage wurde abgelehnt.',
    'Purtroppo il tuo reso non rientra nelle condizioni per un rimborso.',
    'Malheureusement, votre retour ne remplit pas les conditions pour un remboursement.',
    'Infelizmente, sua devolução não se qualifica para reembolso.',
    'Leider erfüllt Ihre Rücksendung nicht die Voraussetzungen für eine Erstattung.',
  ])('%j → denied', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied' });
  });
});

describe('resolution: French and Spanish help desks, German credit notes', () => {
  it.each([
    [
      'Nous avons donc procédé à un remboursement partiel de 20,00 EUR correspondant au prix du bol.',
      'partial_refund',
      20,
      'EUR',
    ],
    ["Comme convenu, nous avons crédité votre compte client d'un avoir de 30,00 €.", 'store_credit', 30, 'EUR'],
    [
      "[14:34] Julien (Orbis Télécom) : Je viens d'effectuer le remboursement de 9,99 € sur votre compte bancaire.",
      'full_refund',
      9.99,
      'EUR',
    ],
    ['Ya te hemos enviado un par nuevo de sustitución de la misma talla (43).', 'replacement', null, null],
    ['Nous vous avons expédié aujourd’hui un coffret de remplacement, sans frais.', 'replacement', null, null],
    ['Tal como solicitó, le hemos generado un vale de compra por importe de 40,00 EUR.', 'store_credit', 40, 'EUR'],
    ['Die Gutschrift über 84,50 € wurde heute auf Ihr PayPal-Konto veranlasst.', 'full_refund', 84.5, 'EUR'],
    [
      'Die Erstattung des vollen Kaufpreises in Höhe von 1.299,00 EUR ist abgeschlossen und wurde heute an Ihre Bank überwiesen.',
      'full_refund',
      1299,
      'EUR',
    ],
    ['Ergebnis: Die Erstattung des Guthabens von 146,80 € wurde freigegeben.', 'full_refund', 146.8, 'EUR'],
    [
      'Wir haben Ihnen ein Guthaben in Höhe von 25,00 EUR auf Ihrem Kundenkonto gutgeschrieben.',
      'store_credit',
      25,
      'EUR',
    ],
    ['Wir haben Ihnen heute ein Ersatzgerät für den defekten Fahrradcomputer zugeschickt.', 'replacement', null, null],
    ['Ich habe soeben ein Ersatzgerät für Sie veranlasst.', 'replacement', null, null],
    ['Te confirmamos que el reembolso de 49,99 € se ha completado hoy.', 'full_refund', 49.99, 'EUR'],
  ])('%j → %s', (sentence, outcome, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount, currency });
  });

  it('a share of the price is a partial refund; the amount may follow in the next sentence', () => {
    const text =
      'Aufgrund der Ankunftsverspätung erstatten wir Ihnen 50 % des Fahrpreises. Der Betrag von 31,45 € wurde heute auf Ihr Konto überwiesen.';
    expect(resolutionOf(text)).toMatchObject({ outcome: 'partial_refund', amount: 31.45, currency: 'EUR' });
  });

  it('a refund request processed is a refund processed; the amount comes from its labelled line', () => {
    const text = [
      'Your refund request for the cancelled flight SB 412 New York (JFK) – Lisbon (LIS) on 14 March 2024 has been processed.',
      '',
      'Refund amount: USD 412.60',
      'Transaction ID: SBR-88041277',
    ].join('\n');
    expect(resolutionOf(text)).toMatchObject({
      outcome: 'full_refund',
      amount: 412.6,
      currency: 'USD',
      transactionId: 'SBR-88041277',
    });
  });

  it.each([
    'Votre demande de remboursement a été transmise au vendeur.',
    'Votre remboursement est en cours de traitement par notre service comptable.',
    "Votre remboursement n'a pas encore été effectué : le contrôle de la batterie est toujours en cours.",
    'Como compensación, podemos ofrecerle un vale de compra de 20,00 € para su próximo pedido.',
    'Le reembolsaremos el importe una vez recibamos el artículo y comprobemos su estado.',
    'Resultado: reembolso del cobro duplicado solicitado al departamento de facturación',
    'Su reembolso aún no ha sido procesado.',
    'Sobald die Ware bei uns eingegangen und geprüft ist, erstatten wir Ihnen den Kaufpreis von 89,95 EUR.',
    'Ihr Antrag wird derzeit von unserer Fachabteilung geprüft.',
  ])('%j → null', (sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });

  it.each([
    'Nous ne sommes donc pas en mesure de donner une suite favorable à votre demande de remboursement.',
    'Leider können wir Ihrem Antrag auf Rückerstattung nicht zustimmen.',
  ])('denied: %j', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied' });
  });

  it.each([
    ['Transaction ID: T-88213097\nRefund reference: RFD-2024-118842', 'T-88213097'],
    [
      'Id. de transacción: 2KD55190XY8841037\n\nId. de transacción del reembolso: 7FG12093MN4412870',
      '7FG12093MN4412870',
    ],
    ['N° de transaction : VIR-20240213-5531', 'VIR-20240213-5531'],
    ['Référence de transaction : TRX-FR-99120473', 'TRX-FR-99120473'],
    ['El importe se ha abonado hoy. Número de operación: 004417820391.', '004417820391'],
    ['ID de transacción de PayPal: 8RT44120LK3390215', '8RT44120LK3390215'],
    ['Refund transaction ID: 7UH21956XT4417209', '7UH21956XT4417209'],
  ])('which transaction ID: %j → %s', (lines, id) => {
    expect(resolutionOf(`Refund approved.\n\n${lines}`)?.transactionId).toBe(id);
  });
});

describe('resolution: an approved request is an approved refund', () => {
  it.each([
    'We have approved your refund request.',
    'Ihr Erstattungsantrag wurde genehmigt.',
    'Votre demande de remboursement a été approuvée.',
    'Su solicitud de reembolso ha sido aprobada.',
  ])('%j → full_refund', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'full_refund' });
  });

  it.each(['We have received your refund request.', 'We have approved your return request.'])('%j → null', (s) => {
    expect(resolutionOf(s)).toBeNull();
  });
});

describe('resolution: chat transcripts', () => {
  const chat = (lines: string[]) =>
    extractResolution(
      context({ text: lines.join('\n'), to: [{ address: 'alice@example.net', name: 'Alice Martin' }] }),
    );

  it('the agent’s turn decides', () => {
    expect(
      chat([
        '[2:03 PM] Alice: I was charged twice.',
        "[2:06 PM] Kevin (NovaTel): I can see it. I've processed a refund of $18.40. The transaction ID is NTR-5530917.",
      ]),
    ).toMatchObject({ outcome: 'full_refund', amount: 18.4, transactionId: 'NTR-5530917' });
  });

  it.each([
    ['by name', '[2:03 PM] Alice: You already refunded $18.40 last month, right?'],
    ['by role', '10:42 AM Customer: My refund of $18.40 was approved yesterday.'],
  ])('the customer’s own turn decides nothing (%s)', (_label, line) => {
    expect(chat([line, '[2:04 PM] Kevin (NovaTel): Let me check that for you.'])).toBeNull();
  });
});

// Issue 6: a case closes only on a sentence that states a decision about this refund, return, claim or dispute.
const AUTO_CLOSE = 0.9;
const closesOn = (text: string, subject?: string) => {
  const found = extractResolution(context({ text, subject }));
  return found !== null && found.confidence >= AUTO_CLOSE ? found : null;
};

describe('resolution: confirmed outcomes in all eight languages', () => {
  it.each([
    // Italian
    ['it', 'Il rimborso di 54,00 € è stato effettuato sulla sua carta.', 'full_refund', 54, 'EUR'],
    ['it', 'Abbiamo rimborsato 39,90 € sul metodo di pagamento originale.', 'full_refund', 39.9, 'EUR'],
    ['it', 'Le abbiamo emesso un buono di 30,00 € da usare sul nostro sito.', 'store_credit', 30, 'EUR'],
    ['it', 'Abbiamo spedito oggi un prodotto sostitutivo tramite corriere.', 'replacement', null, null],
    ['it', 'Le abbiamo accreditato un rimborso parziale di 15,00 €.', 'partial_refund', 15, 'EUR'],
    // Dutch
    ['nl', 'Het bedrag van € 349,00 is vandaag teruggestort op uw rekening.', 'full_refund', 349, 'EUR'],
    ['nl', 'Wij hebben u € 89,95 terugbetaald.', 'full_refund', 89.95, 'EUR'],
    ['nl', 'Er is een tegoedbon van € 25,00 aan uw account toegevoegd.', 'store_credit', 25, 'EUR'],
    ['nl', 'Wij hebben u vandaag een vervangend apparaat verzonden.', 'replacement', null, null],
    // Polish
    ['pl', 'Zwrot środków w kwocie 249,00 zł został zrealizowany.', 'full_refund', 249, 'PLN'],
    ['pl', 'Zwróciliśmy 120,00 zł na Pani konto.', 'full_refund', 120, 'PLN'],
    ['pl', 'Wystawiliśmy bon podarunkowy na kwotę 50,00 zł.', 'store_credit', 50, 'PLN'],
    ['pl', 'Wysłaliśmy dziś nowy egzemplarz produktu.', 'replacement', null, null],
    // Portuguese
    ['pt', 'O reembolso de 39,90 € foi efetuado no seu cartão.', 'full_refund', 39.9, 'EUR'],
    ['pt', 'Processámos hoje o reembolso total de R$ 120,00 para o cartão.', 'full_refund', 120, 'BRL'],
    ['pt', 'Emitimos um vale de compra no valor de 18,50 €.', 'store_credit', 18.5, 'EUR'],
    ['pt', 'Foi gerado um vale-compras de R$ 120,00 na sua conta.', 'store_credit', 120, 'BRL'],
    ['pt', 'O produto de substituição foi enviado hoje.', 'replacement', null, null],
    // English, German, French, Spanish: shapes the older phrases missed.
    ['en', 'TallyHQ has refunded $30.00 of your $120.00 payment.', 'partial_refund', 30, 'USD'],
    ['en', "I've refunded the $15.00 express shipping charge to your card today.", 'partial_refund', 15, 'USD'],
    ['en', 'We decided in your favor and refunded $64.20 to your original payment method.', 'full_refund', 64.2, 'USD'],
    ['de', 'Wir haben Ihnen einen Geschenkgutschein über 25,00 € ausgestellt.', 'store_credit', 25, 'EUR'],
    ['fr', "Nous vous avons envoyé un bon d'achat de 20,00 €.", 'store_credit', 20, 'EUR'],
    ['es', 'Te hemos hecho hoy un reembolso parcial de 12,00 € a la tarjeta.', 'partial_refund', 12, 'EUR'],
    ['es', 'Deportes Altamira te ha enviado un reembolso parcial de 12,00 EUR.', 'partial_refund', 12, 'EUR'],
  ])('%s: %j → %s', (_lang, sentence, outcome, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount, currency });
  });
});

describe('resolution: a firm, unconditional decision in the future tense', () => {
  it.each([
    ['en', 'We will send you a replacement unit free of charge; it ships tomorrow.', 'replacement'],
    ['en', 'We will refund the full amount to your card today.', 'full_refund'],
    ['en', 'We will refund $54.00 to your card today.', 'full_refund'],
    ['en', "We'll issue you a $25.00 voucher for the trouble.", 'store_credit'],
    ['de', 'Wir werden Ihnen den vollen Kaufpreis heute erstatten.', 'full_refund'],
    ['fr', 'Nous vous rembourserons la totalité de la commande dès aujourd’hui.', 'full_refund'],
    ['es', 'Le enviaremos un producto de reemplazo sin coste esta semana.', 'replacement'],
    ['it', 'Le rimborseremo l’intero importo entro oggi.', 'full_refund'],
    ['nl', 'Wij zullen u het volledige bedrag vandaag terugbetalen.', 'full_refund'],
    ['pl', 'Zwrócimy pełną kwotę na Pani kartę jeszcze dziś.', 'full_refund'],
    ['pt', 'Vamos reembolsar o valor total no seu cartão hoje.', 'full_refund'],
  ])('%s: %j → %s, as a suggestion (the confirmation closes the case)', (_lang, sentence, outcome) => {
    const found = resolutionOf(sentence);
    expect(found).toMatchObject({ outcome, rule: 'resolution/future-decision' });
    expect(found?.confidence).toBeLessThan(0.9);
  });
});

describe('resolution: denials in all eight languages need an object of the case', () => {
  it.each([
    ['en', 'We are unable to approve your refund because the return window has closed.'],
    ['en', 'Your chargeback request has been declined.'],
    ['en', 'Your warranty claim was rejected after inspection of the unit.'],
    ['de', 'Ihre Reklamation wurde leider abgelehnt.'],
    ['fr', 'Nous ne pouvons pas accepter votre retour, le délai de 30 jours étant dépassé.'],
    ['es', 'Lamentablemente, su reclamación ha sido rechazada.'],
    ['it', 'Purtroppo la sua richiesta di reso è stata respinta.'],
    ['it', 'Non possiamo accettare la sua richiesta di rimborso.'],
    ['nl', 'Uw verzoek tot terugbetaling is afgewezen.'],
    ['nl', 'Helaas kunnen wij u geen terugbetaling aanbieden.'],
    ['pl', 'Pani reklamacja została odrzucona.'],
    ['pl', 'Nie możemy zaakceptować zwrotu po upływie 14 dni.'],
    ['pt', 'O seu pedido de reembolso foi recusado.'],
    ['pt', 'Não podemos aceitar a devolução de produtos usados.'],
  ])('%s: %j → denied', (_lang, sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied', confidence: 0.9 });
  });
});

describe('resolution: no closure on what only looks like a resolution', () => {
  it.each([
    // A refusal of something else than the refund, return, claim, request, dispute or warranty.
    [
      'denial of something else',
      'This email was sent from a notification-only address that cannot accept incoming email.',
    ],
    ['denial of something else', "Please note that we can't process replies to this message."],
    ['denial of something else', 'We will never ask for your password or card number by email.'],
    ['denial of something else', 'We are unable to deliver to PO boxes.'],
    ['denial of something else', 'Wir können leider keine Lieferungen an Packstationen annehmen.'],
    ['denial of something else', 'Nous ne pouvons pas accepter les paiements par chèque.'],
    ['denial of something else', 'Non possiamo accettare risposte a questo indirizzo email.'],
    ['denial of something else', 'Wij kunnen helaas geen bezorging op zondag aanbieden.'],
    // Policy text.
    ['policy', 'Please note that we cannot accept returns of opened software, as stated in our policy.'],
    ['policy', 'Refunds are usually issued within 5 business days of receiving your return.'],
    // A done verb of another clause before the refund, which a future follows (closed at 0.9 before).
    ['a refund still to come', 'The inspection was completed and your refund of $20.00 will be issued soon.'],
    ['policy', "Return it within 30 days and we'll refund you within 14 days of receiving it."],
    // Conditional or tentative.
    ['conditional', 'Once we receive the item, your refund of $54.00 will be approved.'],
    ['conditional', 'If the carrier confirms the loss, we will refund the full amount.'],
    ['conditional', 'Après vérification de l’article, nous vous rembourserons le montant de 129,00 €.'],
    ['conditional', 'Na controle van het product storten we het aankoopbedrag van € 74,99 terug.'],
    ['conditional', 'Una volta completata la verifica, riceverai il rimborso di 79,00 €.'],
    ['conditional', 'Assim que recebermos o produto, vamos reembolsar o valor de 39,90 €.'],
    ['conditional', 'Po otrzymaniu paczki zwrócimy 249,00 zł na Pani konto.'],
    ['conditional', 'Bewaar je verzendbewijs tot de terugbetaling is verwerkt.'],
    ['tentative', 'We would be happy to offer you a $20.00 voucher for your next order.'],
    ['tentative', 'We may be able to issue a partial refund of $15.00 once the seller replies.'],
    ['tentative', 'Wir können Ihnen einen Gutschein über 20,00 € anbieten, wenn Sie einverstanden sind.'],
    ['tentative', 'Possiamo offrirle un buono di 20,00 € in alternativa al rimborso.'],
    ['offer awaiting acceptance', 'Would you like us to send a replacement unit, or would you prefer a refund?'],
    ['under review', 'Your refund request of $54.00 is under review by our payments team.'],
    ['under review', 'Il rimborso è in fase di verifica presso il nostro ufficio contabilità.'],
    // Customer-reported.
    ['customer-reported', 'You wrote that your refund of $40.00 was approved by the seller last week.'],
    ['customer-reported', 'My refund of $40.00 was approved last week, according to your colleague.'],
  ])('%s: %j → no resolution at auto-close confidence', (_kind, sentence) => {
    expect(closesOn(sentence)).toBeNull();
  });

  it.each([
    ['en', "You wrote: 'I'd like a full refund of $54.00 for order 4471.'"],
    ['en', 'We have received your request: Full refund for order 4471 ($54.00), refund approved by me.'],
    [
      'en',
      'Your message:\nPlease refund the $54.00. The refund was approved on the phone.\n\nWe will get back to you.',
    ],
    ['de', 'Ihre Anfrage: Erstattung von 49,99 € wurde mir telefonisch genehmigt.'],
    ['fr', 'Votre message : « Mon remboursement de 54,00 € a été approuvé par téléphone. »'],
    ['es', 'Su mensaje: "Me dijeron que el reembolso de 54,00 € fue aprobado."'],
    ['it', 'Ci ha scritto: "Il rimborso di 54,00 € è stato approvato al telefono."'],
    ['nl', 'U schreef: "De terugbetaling van € 54,00 is al goedgekeurd."'],
  ])('quoted customer text in a support message (%s): %j', (_lang, text) => {
    expect(closesOn(text)).toBeNull();
  });

  it.each([
    ['en', 'Your order 4471-220', 'The refund of $54.00 for order 9981-310 has been issued.'],
    ['de', 'Ihre Bestellung 30021877', 'Die Erstattung von 59,90 € für Bestellung 30029911 wurde veranlasst.'],
    ['fr', 'Votre commande 8812047', 'Le remboursement de 129,00 € de la commande 8819930 a été effectué.'],
    ['es', 'Su pedido TS-2023-104455', 'El reembolso de 84,90 € del pedido TS-2023-109902 ha sido procesado.'],
  ])('a refund for another order than the subject’s (%s) is not this case’s', (_lang, subject, text) => {
    expect(extractResolution(context({ text, subject }))).toBeNull();
  });

  it('the same refund for the subject’s own order does decide', () => {
    const found = extractResolution(
      context({ subject: 'Your order 4471-220', text: 'The refund of $54.00 for order 4471-220 has been issued.' }),
    );
    expect(found).toMatchObject({ outcome: 'full_refund', amount: 54 });
  });
});

describe('resolution: the reasons say why a candidate did not count', () => {
  it.each([
    ['Your refund is approved once we receive the item.', 'resolution/refund', "'once' made it conditional"],
    [
      'Your refund of $54.00 has been approved and forwarded to our payments team for review.',
      'resolution/refund',
      'still under review',
    ],
    ['We would be happy to offer you a voucher, which can be issued today.', 'resolution/store-credit', 'tentative'],
    ['We cannot accept cheques as payment.', 'resolution/denied', 'refuses no refund'],
    ['If your claim is denied, you can appeal within 10 days.', 'resolution/denied', "'If' made it conditional"],
  ])('%j → %s rejected: %s', (text, rule, why) => {
    const { resolution, rejected } = findResolution(context({ text }));
    expect(resolution).toBeNull();
    expect(rejected[0]).toMatchObject({ rule, location: 'new_text' });
    expect(rejected[0]?.why).toContain(why);
  });

  it('a refund for another order is rejected with both order numbers', () => {
    const { rejected } = findResolution(
      context({ subject: 'Order 4471-220', text: 'The refund of $54.00 for order 9981-310 has been issued.' }),
    );
    expect(rejected[0]?.why).toMatch(/9981-310.*4471-220/);
  });
});

describe('resolution: amounts from label/value layouts', () => {
  it.each([
    [
      'a table row rendered with bars',
      'Your refund has been issued.\n\nRefund amount | €54.00\nOrder total | €80.00',
      54,
      'EUR',
    ],
    [
      'the label on one line, the value on the next; the total wins over a subtotal',
      'We have issued your refund.\n\nRefund subtotal\n$15.49\nSales tax refund\n$1.50\nRefund total\n$16.99',
      16.99,
      'USD',
    ],
    ['Total refund:', 'Your refund was processed.\nTotal refund: $16.99', 16.99, 'USD'],
    ['Importe reembolsado', 'Su reembolso ha sido procesado.\nImporte reembolsado: 54,00 €', 54, 'EUR'],
    ['Rimborso totale', 'Il rimborso è stato effettuato.\nRimborso totale: 54,00 €', 54, 'EUR'],
    ['Terugbetaald bedrag', 'Uw terugbetaling is verwerkt.\nTerugbetaald bedrag: € 54,00', 54, 'EUR'],
    ['Kwota zwrotu', 'Zwrot środków został zrealizowany.\nKwota zwrotu: 249,00 zł', 249, 'PLN'],
    ['Valor reembolsado', 'O reembolso foi efetuado.\nValor reembolsado: R$ 120,00', 120, 'BRL'],
    ['Erstattungsbetrag', 'Ihre Erstattung wurde veranlasst.\nErstattungsbetrag: 54,00 €', 54, 'EUR'],
    ['Montant remboursé', 'Votre remboursement a été effectué.\nMontant remboursé : 54,00 €', 54, 'EUR'],
    ['Erstattung:', 'Wir haben die Erstattung veranlasst.\nErstattung: 149,00 €', 149, 'EUR'],
    ['CHF', 'Ihre Rückerstattung wurde überwiesen.\nErstattungsbetrag: CHF 1’234.50', 1234.5, 'CHF'],
  ])('%s', (_label, text, amount, currency) => {
    expect(resolutionOf(text)).toMatchObject({ amount, currency });
  });

  it('a label whose value does not open its cell is not the amount (`Refund policy: orders over $50`)', () => {
    expect(resolutionOf('Your refund has been issued.\nRefund policy: orders over $50 ship free.')?.amount).toBeNull();
  });
});

describe('resolution: the refund’s own transaction ID, however it is labelled', () => {
  it.each([
    ['Refund transaction: 7Q4LK2M9\nOriginal transaction: 4KX77120', '7Q4LK2M9'],
    ['Payment ID: PAY-99120431\nRefund ID: R-2023-0099', 'R-2023-0099'],
    ['Original transaction: TRX-PM-77013344\nRefund reference: RFD-2024-118842', 'RFD-2024-118842'],
    ['Ursprüngliche Zahlung: TRX-PM-77013344\nRückerstattungs-ID: RE-4471-0921', 'RE-4471-0921'],
    ['PayPal-Transaktionscode der Erstattung: 5RT28841KM0923417', '5RT28841KM0923417'],
    ['ID du remboursement : RB-2024-55120', 'RB-2024-55120'],
    ['ID del reembolso: RE-ES-99120', 'RE-ES-99120'],
    ['ID transakcji zwrotu: PLZW-7781023', 'PLZW-7781023'],
    ['N.º da transação de reembolso: LA-RE-98812', 'LA-RE-98812'],
    ['Transactienummer terugbetaling: TW-TB-661204', 'TW-TB-661204'],
    ['Refund ID: re_3PqL8sH2eZvKX1Tz0c9Fm1Ab', 're_3PqL8sH2eZvKX1Tz0c9Fm1Ab'],
  ])('%j → %s', (lines, id) => {
    expect(resolutionOf(`Refund approved.\n\n${lines}`)?.transactionId).toBe(id);
  });

  it('the original payment alone is no refund transaction', () => {
    expect(
      resolutionOf('Refund approved.\n\nOriginal transaction: TRX-PM-77013344\nPayment ID: PAY-99120431'),
    ).toMatchObject({
      transactionId: null,
    });
  });
});

describe('resolution: store credit in every supported language', () => {
  it.each([
    ['en', 'A gift card of $25.00 has been issued to your email address.', 25, 'USD'],
    ['de', 'Ein Guthaben von 20,00 € wurde Ihrem Kundenkonto gutgeschrieben.', 20, 'EUR'],
    // The money, not a credit note, put on the shop's customer account: credit there, not a refund.
    ['de', 'Wir haben den Betrag in Höhe von 89,99 € soeben auf Ihr Kundenkonto gutgeschrieben.', 89.99, 'EUR'],
    ['de', 'Den Betrag von 12,00 € haben wir deinem Kundenkonto gutgeschrieben.', 12, 'EUR'],
    ['fr', 'Un avoir de 15,00 € a été crédité sur votre compte client.', 15, 'EUR'],
    ['es', 'Hemos emitido una tarjeta regalo de 30,00 € a su nombre.', 30, 'EUR'],
    ['it', 'È stato emesso un buono acquisto di 25,00 € a suo nome.', 25, 'EUR'],
    ['nl', 'Wij hebben een cadeaubon van € 20,00 naar uw e-mailadres verstuurd.', 20, 'EUR'],
    ['pl', 'Kupon rabatowy o wartości 40,00 zł został dodany do Pani konta.', 40, 'PLN'],
    ['pt', 'O crédito na loja de R$ 50,00 foi adicionado à sua conta.', 50, 'BRL'],
  ])('%s: %j → store_credit', (_lang, sentence, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'store_credit', amount, currency });
  });
});

describe('resolution: Greek', () => {
  it.each([
    ['Η επιστροφή χρημάτων ύψους 49,90 € για την παραγγελία σας ολοκληρώθηκε.', 'full_refund', 49.9, 'EUR'],
    // Capitals drop the accents: a subject line or a status banner.
    ['ΕΠΙΣΤΡΟΦΗ ΧΡΗΜΑΤΩΝ ΟΛΟΚΛΗΡΩΘΗΚΕ', 'full_refund', null, null],
    ['Σας επιστρέψαμε 35,00 ευρώ στην κάρτα με την οποία πληρώσατε.', 'full_refund', 35, 'EUR'],
    ['Προχωρήσαμε στην επιστροφή του ποσού των 120,00 € στον λογαριασμό σας.', 'full_refund', 120, 'EUR'],
    ['Τα χρήματα επιστράφηκαν στην κάρτα σας.', 'full_refund', null, null],
    ['Το ποσό των 64,50 € έχει πιστωθεί στον λογαριασμό PayPal σας.', 'full_refund', 64.5, 'EUR'],
    ['Ολοκληρώθηκε η επιστροφή των χρημάτων για την παραγγελία 100245.', 'full_refund', null, null],
    ['Η μερική επιστροφή χρημάτων ύψους 15,00 € για τα μεταφορικά πραγματοποιήθηκε.', 'partial_refund', 15, 'EUR'],
    ['Σας στείλαμε δωροεπιταγή αξίας 20,00 € στο email σας.', 'store_credit', 20, 'EUR'],
    ['Η δωροκάρτα των 30 € έχει προστεθεί στον λογαριασμό σας.', 'store_credit', 30, 'EUR'],
    ['Το νέο προϊόν αποστάλθηκε σήμερα με courier.', 'replacement', null, null],
    ['Σας στείλαμε ένα καινούργιο τεμάχιο σε αντικατάσταση του ελαττωματικού.', 'replacement', null, null],
  ])('%j → %s', (sentence, outcome, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount, currency });
  });

  it.each([
    ['Θα σας επιστρέψουμε τα χρήματα στην κάρτα σας σήμερα.', 'full_refund'],
    ['Θα προχωρήσουμε στην επιστροφή των χρημάτων εντός της ημέρας.', 'full_refund'],
  ])('%j → %s, as a suggestion', (sentence, outcome) => {
    const found = resolutionOf(sentence);
    expect(found).toMatchObject({ outcome, rule: 'resolution/future-decision' });
    expect(found?.confidence).toBeLessThan(0.9);
  });

  it.each([
    'Δυστυχώς, το αίτημά σας για επιστροφή χρημάτων απορρίφθηκε.',
    'Δεν μπορούμε να κάνουμε δεκτό το αίτημά σας για επιστροφή του προϊόντος.',
    'Το προϊόν δεν πληροί τις προϋποθέσεις για επιστροφή χρημάτων.',
    'ΤΟ ΑΙΤΗΜΑ ΕΠΙΣΤΡΟΦΗΣ ΑΠΟΡΡΙΦΘΗΚΕ',
  ])('%j → denied', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied', confidence: 0.9 });
  });

  it.each([
    ['conditional', 'Θα προχωρήσουμε στην επιστροφή των χρημάτων μόλις παραλάβουμε το δέμα.'],
    ['conditional', 'Εφόσον το προϊόν είναι σε άριστη κατάσταση, η επιστροφή χρημάτων έχει εγκριθεί.'],
    ['a check to come', 'Η επιστροφή χρημάτων θα πραγματοποιηθεί μετά τον έλεγχο του προϊόντος.'],
    ['under review', 'Το αίτημα επιστροφής χρημάτων εξετάζεται από το αρμόδιο τμήμα.'],
    ['pending', 'Η επιστροφή χρημάτων εκκρεμεί.'],
    ['negated', 'Δεν έχει πραγματοποιηθεί ακόμη η επιστροφή χρημάτων.'],
    [
      'another clause done, the refund to come',
      'Η παραλαβή του δέματος ολοκληρώθηκε και η επιστροφή χρημάτων ύψους 49,90 € θα γίνει σε 5 ημέρες.',
    ],
    ['the goods sent back, not the money', 'Σας επιστρέψαμε το προϊόν στις 3/12.'],
    ['a bounced refund is no refusal', 'Η επιστροφή χρημάτων απορρίφθηκε από την τράπεζά σας.'],
    ['a question', 'Έχουν επιστραφεί τα χρήματα στην κάρτα μου;'],
    ['policy', 'Η επιστροφή χρημάτων πραγματοποιείται συνήθως εντός 14 ημερών σύμφωνα με την πολιτική επιστροφών.'],
  ])('%s: %j → null', (_why, sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });
});

describe('resolution: Ukrainian (uk lexicon)', () => {
  it.each([
    ['Ми здійснили повернення коштів на вашу картку.', 'full_refund', null, null],
    ['Ваше повернення коштів оброблено.', 'full_refund', null, null],
    ['Повернення коштів за замовленням опрацьовано.', 'full_refund', null, null],
    ['Кошти відправлено на вашу картку.', 'full_refund', null, null],
    ['Гроші вже повернули на картку.', 'full_refund', null, null],
    ['Сума 450 грн повернута на вашу картку.', 'full_refund', 450, 'UAH'],
    ['Ми видали вам подарунковий сертифікат на 1 000 грн.', 'store_credit', 1000, 'UAH'],
    ['Вам надіслано подарунковий сертифікат на 500 грн.', 'store_credit', 500, 'UAH'],
    ['Ваучер на 400 грн додано до вашого особистого кабінету.', 'store_credit', 400, 'UAH'],
    ['На жаль, у поверненні коштів відмовлено.', 'denied', null, null],
    ['Ми змушені відмовити вам у поверненні коштів.', 'denied', null, null],
    ['Ваш запит на повернення розглянуто, на жаль, він не може бути задоволений.', 'denied', null, null],
    ['На жаль, ваша заявка на повернення не підлягає задоволенню.', 'denied', null, null],
    ['Ми відправили вам новий електрочайник на заміну несправного.', 'replacement', null, null],
    // A refund's own status row, done (`Refund status: Completed`), as a marketplace prints it.
    ['Статус повернення: Виконано\nСума до повернення: 1 250,00 грн', 'full_refund', 1250, 'UAH'],
    ['Статус повернення коштів: Завершено', 'full_refund', null, null],
    ['Статус возврата: Выполнен\nСумма возврата: 2 350 ₽', 'full_refund', 2350, 'RUB'],
  ])('%j → %s', (sentence, outcome, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount, currency });
  });

  // Guards (none before the lexicon either): processing, a promise after a check, a goods return approved.
  it.each([
    'Ваше повернення коштів обробляється.',
    'Повернення коштів буде опрацьовано після перевірки товару.',
    'Сума 450 грн буде повернута на вашу картку після отримання товару.',
    'Ваша заявка на повернення схвалена. Ви можете відправити товар.',
    'Ваш запит на повернення прийнято в роботу.',
    'Кошти ще не повернули на картку.',
    // Processed is the request's, not the money's.
    'Ваш запит оброблено, повернення коштів очікує підтвердження.',
    'Ваше звернення опрацьовано, рішення щодо повернення коштів буде надіслано окремим листом.',
    'Заявку на повернення коштів оброблено, але кошти ще не перераховано.',
    'Ваше повернення коштів буде оброблено протягом 5 днів.',
    'Статус повернення: Очікує виконання',
    'Статус повернення: В обробці',
    'Статус возврата: Выполняется',
  ])('%j → none', (sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });

  it('a refusal of something else beside a refund is no denial', () => {
    expect(resolutionOf('Ми відмовляємо у наданні знижки, але повернення коштів 450 грн вже оформлено.')).toMatchObject(
      {
        outcome: 'full_refund',
        amount: 450,
      },
    );
  });
});

describe('resolution: Russian, Ukrainian, Czech and Turkish', () => {
  it.each([
    ['ru', 'Мы вернули вам $54.00 на карту, которой вы оплачивали заказ.', 'full_refund', 54, 'USD'],
    ['ru', 'Возврат средств по заказу № 10452 выполнен.', 'full_refund', null, null],
    ['ru', 'Мы оформили вам подарочный сертификат на 25,00 €.', 'store_credit', 25, 'EUR'],
    ['ru', 'Новый товар на замену отправлен сегодня курьером.', 'replacement', null, null],
    ['ru', 'Частичный возврат 15,00 € за доставку оформлен.', 'partial_refund', 15, 'EUR'],
    ['uk', 'Кошти у розмірі 20,00 € повернуто на вашу картку.', 'full_refund', 20, 'EUR'],
    ['ru', 'Мы перевели $54.00 на вашу карту.', 'full_refund', 54, 'USD'],
    ['ru', 'Вернули деньги за товар «Чайник электрический».', 'full_refund', null, null],
    ['cs', 'Peníze jsme vám vrátili na účet.', 'full_refund', null, null],
    // An adverb before the verb.
    ['cs', 'Částku 1 290 Kč jsme Vám dnes vrátili na účet.', 'full_refund', 1290, 'CZK'],
    ['tr', 'İade tutarı hesabınıza aktarılmıştır.', 'full_refund', null, null],
    ['cs', 'Vrácení peněz ve výši 1 299,00 CZK bylo provedeno.', 'full_refund', 1299, 'CZK'],
    ['cs', 'Vystavili jsme vám dárkový poukaz v hodnotě 500 CZK.', 'store_credit', 500, 'CZK'],
    ['cs', 'Náhradní zboží jsme vám dnes odeslali.', 'replacement', null, null],
    ['tr', 'Siparişinize ait 45,00 EUR tutarındaki ödemeniz kartınıza iade edilmiştir.', 'full_refund', 45, 'EUR'],
    ['tr', 'Hesabınıza 20,00 EUR değerinde hediye çeki tanımlanmıştır.', 'store_credit', 20, 'EUR'],
    ['tr', 'Değişim ürününüz bugün kargoya verilmiştir.', 'replacement', null, null],
    ['tr', 'Kısmi iade işleminiz gerçekleştirilmiştir: 12,00 EUR.', 'partial_refund', 12, 'EUR'],
    // A status table row read as one line; `No` before the order number is no negation.
    ['tr', 'Sipariş No 1086100991 İade Durumu İade Edildi İade Tutarı 219,90 EUR', 'full_refund', 219.9, 'EUR'],
    [
      'tr',
      'İade İşlem No: 28840012, İade Tutarı: 12,00 EUR, kısmi iade gerçekleştirilmiştir.',
      'partial_refund',
      12,
      'EUR',
    ],
  ])('%s: %j → %s', (_lang, sentence, outcome, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount, currency });
  });

  it.each([
    ['ru', 'Мы вернём вам деньги на карту сегодня.', 'full_refund'],
    ['uk', 'Ми повернемо вам кошти на картку сьогодні.', 'full_refund'],
    ['cs', 'Peníze vám vrátíme na účet ještě dnes.', 'full_refund'],
    ['tr', 'Bugün ücret iadenizi gerçekleştireceğiz.', 'full_refund'],
  ])('%s: %j → %s, as a suggestion', (_lang, sentence, outcome) => {
    const found = resolutionOf(sentence);
    expect(found).toMatchObject({ outcome, rule: 'resolution/future-decision' });
    expect(found?.confidence).toBeLessThan(0.9);
  });

  it.each([
    ['ru', 'К сожалению, ваша заявка на возврат отклонена.'],
    ['ru', 'Мы не можем принять возврат товара, бывшего в употреблении.'],
    ['uk', 'Вашу претензію відхилено.'],
    ['cs', 'Vaše reklamace byla zamítnuta.'],
    ['cs', 'Bohužel nemůžeme uznat vaši reklamaci.'],
    ['cs', 'Vaši reklamaci č. RMA-55812 k objednávce č. 512198830 jsme posoudili a bohužel jsme ji zamítli.'],
    ['cs', 'Zamítli jsme vaši žádost o vrácení peněz.'],
    ['cs', 'Reklamaci bohužel nemůžeme uznat.'],
    ['cs', 'Vaší žádosti o vrácení peněz nelze vyhovět.'],
    ['tr', 'İade talebiniz reddedilmiştir.'],
    ['tr', 'Kullanılmış ürünler için iade talebinizi kabul edemiyoruz.'],
  ])('%s: %j → denied', (_lang, sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied', confidence: 0.9 });
  });

  it.each([
    ['conditional', 'После получения товара на склад мы вернём вам деньги.'],
    ['conditional', 'Возврат денежных средств будет произведён после получения возврата.'],
    ['conditional', 'Після отримання товару ми повернемо вам кошти.'],
    ['conditional', 'Peníze vám vrátíme po obdržení zásilky.'],
    ['conditional', 'İade ürün bize ulaştığında ücret iadeniz yapılacaktır.'],
    ['under review', 'Ваша заявка на возврат денежных средств находится на рассмотрении.'],
    ['under review', 'İade talebiniz inceleniyor.'],
    ['negated', 'Ми ще не перерахували гроші на вашу картку.'],
    ['a question', 'Деньги уже возвращены на мою карту?'],
    ['customer-reported', 'Вы написали, что возврат средств уже выполнен.'],
    ['policy', 'Ücret iadesi, iade ürün depomuza ulaştıktan sonra 10 iş günü içinde yapılır.'],
    ['a return request, not the money', 'Заявка на возврат товара оформлена.'],
    ['denial of something else', 'Bu adrese gönderilen e-postalara yanıt veremiyoruz.'],
    ['denial of something else', 'Мы не можем доставить заказ в этот пункт выдачи.'],
    ['negated', 'Вы не вернули деньги за товар.'],
    ['negated', 'Мне до сих пор не вернули деньги за заказ.'],
    ['loyalty points for a purchase', 'Вам начислено 300 бонусов за покупку!'],
    ['loyalty points for a purchase', 'Hesabınıza 50 puan tanımlandı.'],
    ['the goods going back', 'Возврат товара оформлен, курьер приедет завтра.'],
    ['the parcel going back', 'Zásilka byla vrácena odesílateli.'],
    ['negated', 'İade Durumu: İade edildi değil, henüz yolda.'],
    ['negated', 'Vaši reklamaci č. RMA-55812 jsme nezamítli, stále ji posuzujeme.'],
    ['a question', 'Proč reklamaci nemůžeme uznat hned?'],
    ['a dot that ends a sentence', 'Vaši reklamaci jsme přijali. Návrh na slevu jsme zamítli.'],
    ['a return approved, not the money', 'İade talebiniz onaylandı, ürünü kargoya verebilirsiniz.'],
  ])('%s: %j → no resolution at auto-close confidence', (_kind, sentence) => {
    expect(closesOn(sentence)).toBeNull();
  });
});

describe('resolution: Swedish, Danish and Norwegian', () => {
  it.each([
    ['sv', 'Vi har återbetalat 349,00 SEK till ditt kort.', 'full_refund', 349, 'SEK'],
    ['sv', 'Återbetalningen på 45,00 € har genomförts.', 'full_refund', 45, 'EUR'],
    ['sv', 'Vi har utfärdat ett tillgodokvitto på 200 SEK.', 'store_credit', 200, 'SEK'],
    ['sv', 'En ersättningsprodukt skickades i dag med PostNord.', 'replacement', null, null],
    ['sv', 'Vi har nu gjort en delvis återbetalning på 150 SEK.', 'partial_refund', 150, 'SEK'],
    ['da', 'Vi har refunderet 275,00 DKK til dit kort.', 'full_refund', 275, 'DKK'],
    ['da', 'Butikken har refunderet din betaling på 20,00 €.', 'full_refund', 20, 'EUR'],
    ['da', 'Vi har udstedt et tilgodebevis på 320 DKK.', 'store_credit', 320, 'DKK'],
    ['da', 'Vi har foretaget en delvis refundering på 238,00 DKK.', 'partial_refund', 238, 'DKK'],
    ['da', 'En erstatningsvare er afsendt til dig i dag.', 'replacement', null, null],
    ['nb', 'Refusjonen på 499,00 NOK er gjennomført.', 'full_refund', 499, 'NOK'],
    ['nb', 'Vi har utstedt en tilgodelapp på 1 249,00 NOK.', 'store_credit', 1249, 'NOK'],
    ['nb', 'En erstatningsvare er sendt til deg i dag.', 'replacement', null, null],
    ['nb', 'Vi har gitt deg en delvis refusjon på 650,00 NOK.', 'partial_refund', 650, 'NOK'],
    ['sv', 'Ordernummer 7005001263 Status Återbetald Återbetalt belopp 449,00 SEK', 'full_refund', 449, 'SEK'],
  ])('%s: %j → %s', (_lang, sentence, outcome, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount, currency });
  });

  it.each([
    ['sv', 'Vi kommer att återbetala hela beloppet till ditt kort i dag.', 'full_refund'],
    ['da', 'Vi vil refundere hele beløbet til dit kort i dag.', 'full_refund'],
    ['nb', 'Vi vil refundere hele beløpet til kortet ditt i dag.', 'full_refund'],
  ])('%s: %j → %s, as a suggestion', (_lang, sentence, outcome) => {
    const found = resolutionOf(sentence);
    expect(found).toMatchObject({ outcome, rule: 'resolution/future-decision' });
    expect(found?.confidence).toBeLessThan(0.9);
  });

  it.each([
    ['sv', 'Vi kan tyvärr inte godkänna din reklamation.'],
    ['sv', 'Din returbegäran har avslagits.'],
    ['da', 'Vi kan desværre ikke godkende din reklamation.'],
    ['da', 'Sælgeren har afvist din returanmodning.'],
    ['nb', 'Vi kan dessverre ikke godkjenne reklamasjonen din.'],
    ['nb', 'Kravet ditt om refusjon er avslått.'],
  ])('%s: %j → denied', (_lang, sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied', confidence: 0.9 });
  });

  it.each([
    ['conditional', 'Vi återbetalar hela beloppet så snart vi har tagit emot varan.'],
    ['conditional', 'Återbetalningen görs när vi har mottagit och kontrollerat returen.'],
    ['conditional', 'Vi refunderer beløbet, så snart vi har modtaget pakken.'],
    ['conditional', 'Når vi har mottatt og kontrollert skoene, refunderer vi 1 199,00 NOK.'],
    ['under review', 'Din refundering er under behandling.'],
    ['in progress', 'Refusjonen er påbegynt, men ennå ikke utbetalt.'],
    ['negated', 'Vi har ännu inte återbetalat beloppet.'],
    ['a question', 'Har ni återbetalat de 799 SEK?'],
    ['a question', 'Har I refunderet de 599 DKK?'],
    ['customer-reported', 'Du skrev att återbetalningen redan har genomförts.'],
    ['policy', 'Returnerer du varen, refunderer vi hele kjøpesummen senest 14 dager etter at vi har mottatt returen.'],
    ['denial of something else', 'Denne e-mail kan ikke besvares.'],
    ['denial of something else', 'Vi kan tyvärr inte leverera till paketboxar.'],
  ])('%s: %j → no resolution at auto-close confidence', (_kind, sentence) => {
    expect(closesOn(sentence)).toBeNull();
  });
});

describe('resolution: an amount out of a larger one is partial, in every language', () => {
  it.each([
    ['Vi har refunderet 30,00 DKK af din betaling på 120,00 DKK.', 30, 'DKK'],
    ['Vi har refundert 300 NOK av betalingen din på 1 200 NOK.', 300, 'NOK'],
    ['Мы вернули 300 ₽ из 1 200 ₽, оплаченных за заказ.', 300, 'RUB'],
  ])('%j → partial_refund', (sentence, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'partial_refund', amount, currency });
  });
});

describe('resolution: a refund the next sentence calls partial', () => {
  it.each([
    ['We have refunded £20.00 to your card. This is a partial refund for the damaged lid only.', 20, 'GBP'],
    ['Wir haben Ihnen 20,00 € erstattet. Es handelt sich um eine Teilerstattung.', 20, 'EUR'],
    ['Nous vous avons remboursé 15,00 €. Il s’agit d’un remboursement partiel pour l’article abîmé.', 15, 'EUR'],
  ])('%j → partial_refund', (text, amount, currency) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'partial_refund', amount, currency });
  });

  it.each([
    'We have refunded £50.00 to your card. If you return the other item, we can issue a partial refund for it too.',
    'We have refunded £50.00 to your card. Partial refunds are not possible for gift cards.',
  ])('%j stays a full refund', (text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount: 50, currency: 'GBP' });
  });
});

describe('resolution: a refund that did not reach the customer closes nothing', () => {
  const closes = (text: string) => (findResolution(context({ text })).resolution?.confidence ?? 0) >= 0.9;
  it.each([
    // Failed, reversed or sent back after it was made: the money is not with the customer.
    ['en, returned by the bank', 'We issued a refund of £89.00 on 2 June, but it was returned by your bank.'],
    ['en, however it failed', 'Our records show a refund of $54.00 was issued on 3 March; however, it failed.'],
    ['en, reversed', 'The refund of $54.00 you were issued has been reversed because the return never arrived.'],
    ['en, bounced', 'Your refund of $54.00 was processed but bounced back because the card is closed.'],
    [
      'en, the next sentence',
      'We refunded £20.00 to your card on 1 April. Unfortunately, your bank returned the payment.',
    ],
    [
      'de, zurückgebucht',
      'Wir haben Ihnen 54,90 € erstattet, die Gutschrift wurde jedoch von Ihrer Bank zurückgebucht.',
    ],
    ['zh, 失败', '退款 ¥540 失败，已退回。'],
    // Refused by the bank: a bounced payment, not the shop denying the refund.
    ['en, declined by your bank', 'Your refund was declined by your bank.'],
    ['fr, rejeté par votre banque', 'Le remboursement de 79,00 € a été rejeté par votre banque.'],
    ['es, rechazado por su banco', 'El reembolso de 45,00 € fue rechazado por su banco.'],
    ['it, respinto dalla banca', 'Il rimborso di 39,90 € è stato respinto dalla sua banca.'],
    ['pl, odrzucony przez bank', 'Zwrot 199,99 zł został odrzucony przez bank.'],
    ['pt, recusado pelo banco', 'O reembolso de 54,00 € foi recusado pelo seu banco.'],
    ['nb, avvist av banken', 'Refusjonen på 799 kr ble avvist av banken din.'],
    ['ru, отклонён банком', 'Возврат 5400 ₽ был отклонён банком.'],
    // Made in error: the refund, or the mail that announced it, is withdrawn.
    ['en, issued in error', 'The refund of $45.00 we issued on Monday was issued in error and has been cancelled.'],
    ['en, a mail sent in error', 'Our previous email saying your refund of $45.00 was processed was sent in error.'],
    ['de, versehentlich ausgelöst', 'Die Erstattung über 45,00 € wurde versehentlich ausgelöst und wird storniert.'],
    ['fr, émis par erreur', 'Le remboursement de 45,00 € a été émis par erreur et sera annulé.'],
    // Voided or cancelled after it was issued, or sent back to the shop by the bank.
    [
      'en, voided',
      'The refund of $25.00 we issued yesterday has been voided because the original charge was still pending.',
    ],
    ['en, returned to us by your bank', 'The refund of $25.00 we sent on Nov 2 was returned to us by your bank.'],
    ['en, denied by the payment provider', 'Your refund of $25.00 was denied by the payment provider.'],
    [
      'de, storniert in the next sentence',
      'Wir haben Ihnen am 2. November 25,00 € erstattet. Die Erstattung wurde inzwischen storniert, da die Zahlung nie eingegangen ist.',
    ],
    [
      'fr, annulé in the next sentence',
      "Nous vous avons remboursé 25,00 € le 2 novembre. Ce remboursement a été annulé car le paiement initial n'avait jamais abouti.",
    ],
    [
      'es, anulado in the next sentence',
      'Le hemos reembolsado 25,00 € el 2 de noviembre. El reembolso fue anulado porque el pago original nunca se completó.',
    ],
  ])('%s → no closure', (_, text) => {
    expect(closes(text)).toBe(false);
  });

  it.each([
    // What was charged in error is why a refund is made, not a refund undone.
    'We have refunded the duplicate payment of $45.00 that was charged in error.',
    'Nous vous avons remboursé 45,00 € prélevés par erreur.',
    // The order or the charge cancelled, the refund made.
    'Your order was cancelled and your payment of $25.00 has been refunded.',
    'We voided the original charge and refunded $25.00 to your card.',

    // A day as an ordinal before its month (`am 2. November`) splits no sentence.
    'Wir haben Ihnen am 2. November 25,00 € erstattet.',
    'Your refund of $25.00 has been processed. Your return request has been cancelled as you asked, so no label is needed.',
  ])('%j → closes', (text) => {
    expect(closes(text)).toBe(true);
  });

  it.each([
    // Approved, but paid only after a check (in the same sentence or the next).
    [
      'en, and will be credited after',
      'Your refund of $129.00 has been approved and will be credited after inspection.',
    ],
    ['en, pending inspection', 'Refund of $75.00 approved: pending inspection.'],
    ['en, the next sentence', 'Your refund of $74.50 has been approved. The amount will be credited after inspection.'],
    ['de, nach Prüfung', 'Ihre Erstattung über 89,00 € wurde genehmigt und wird nach Prüfung der Ware gutgeschrieben.'],
    ['fr, après vérification', 'Votre remboursement de 59,00 € a été approuvé et sera effectué après vérification.'],
    // Started, passed on, offered, restated, or nothing in it.
    ['initiated', 'Oakfield Audio has initiated a refund of $54.00 USD for order 55-20931.'],
    ['sent to the seller for approval', 'Your refund of $54.00 has been sent to the seller for approval.'],
    ['issued to the seller', 'Your refund of $54.00 has been issued to the seller, who will pass it on to you.'],
    ['the customer’s claim', 'You told us the refund of $64.00 was issued on 3 March, but we have no record of it.'],
    ['a choice offered', 'You can get your refund of $54.00 issued as store credit or to your original card.'],
    ['a zero refund row', 'Refund issued: $0.00'],
  ])('%s → no closure', (_, text) => {
    expect(closes(text)).toBe(false);
  });

  it.each([
    // One item of several is part of the order: partial, whatever the amount.
    ['We have refunded $12.00 for one item of your order PC-40211.', 'partial_refund', 12],
    ['We have refunded 1 of 3 items ($12.00).', 'partial_refund', 12],
    ['Refund of $54.00 processed, partially: $20.00 for the lamp only.', 'partial_refund', 54],
    // Not overreaching: a failure named before the refund undoes nothing; an approval paid out later is
    // approved now; the shop's own refusal stays a denial.
    ['Due to the failed delivery attempt we have refunded $54.00 to your card.', 'full_refund', 54],
    ['Your refund of $54.00 has been approved and will be paid out within 5 business days.', 'full_refund', 54],
    ['Le remboursement de 79,00 € a été refusé.', 'denied', null],
  ])('%j → %s', (text, outcome, amount) => {
    const found = resolutionOf(text);
    expect(found).toMatchObject({ outcome, amount });
    expect(found?.confidence).toBeGreaterThanOrEqual(0.9);
  });
});

describe('resolution: status rows still open, money on hold, the customer restated, one item of several', () => {
  const closes = (text: string) => (findResolution(context({ text })).resolution?.confidence ?? 0) >= 0.9;
  it.each([
    ['a refund row still pending', 'Refund amount: $129.00\nRefund issued: Pending'],
    ['a refund row answered no', 'Refund amount: $54.00\nRefund issued: No'],
    ['a refund date row left empty', 'Refund amount: $54.00\nRefund issued on: —'],
    ['on hold pending review', 'Lakeside Audio has refunded $54.00 USD; the payment is on hold pending review.'],
    [
      'fr, vous nous avez indiqué',
      'Vous nous avez indiqué que le remboursement de 54,90 € a été effectué, mais nous ne le trouvons pas.',
    ],
  ])('%s → no closure', (_, text) => {
    expect(closes(text)).toBe(false);
  });

  it.each([
    ['Wir haben Ihnen 12,00 € für einen Artikel Ihrer Bestellung erstattet.', 12],
    ['Nous avons remboursé 12,00 € pour un article de votre commande.', 12],
    ['Hemos reembolsado 18,50 € por uno de los artículos de su pedido.', 18.5],
    ['Abbiamo rimborsato 12,00 € per uno degli articoli del suo ordine.', 12],
    // A long German middle field still reaches the verb at the end.
    ['Wir haben Ihnen heute 12,00 € für einen Artikel Ihrer Bestellung 3004988 (Vase „Lina“) erstattet.', 12],
  ])('%j → partial_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'partial_refund', amount, confidence: 0.9 });
  });

  it('a minus sign in a refund row is an amount, not an empty value', () => {
    expect(resolutionOf('Refund: -54,00 €\nStatus: Refunded')).toMatchObject({ outcome: 'full_refund', amount: 54 });
  });
});

describe('resolution: one item of several, and the bank as the subject, in more languages', () => {
  it.each([
    ['ご注文商品のうち1点分、1,200円を返金いたしました。', 1200],
    ['Мы вернули 1200 ₽ за один из товаров заказа.', 1200],
    ['Siparişinizdeki ürünlerden biri için 120,00 TL iade ettik.', 120],
    ['Vi har återbetalat 120 kr för en av varorna i din order.', 120],
    ['Zwróciliśmy 12,00 zł za jeden z produktów z zamówienia.', 12],
  ])('%j → partial_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'partial_refund', amount });
  });

  it.each([
    ['it', 'Il rimborso di 54,90 € è stato effettuato, ma la banca lo ha restituito.'],
    ['fr', "Le remboursement de 54,90 € a bien été effectué mais votre banque l'a retourné."],
    ['es', 'Hemos reembolsado 54,90 €, pero su banco lo ha rechazado.'],
    ['pt', 'O reembolso de 54,90 € foi efetuado, mas o seu banco devolveu-o.'],
    ['de', 'Wir haben Ihnen 54,90 € erstattet, Ihre Bank hat die Gutschrift jedoch zurückgewiesen.'],
  ])('%s: refunded, then sent back by the bank → no closure', (_, text) => {
    expect(findResolution(context({ text })).resolution?.confidence ?? 0).toBeLessThan(0.9);
  });
});

describe('resolution: a refund told as someone else’s email says ("according to your email …") closes nothing', () => {
  it.each([
    ['fr', "D'après votre e-mail, le remboursement de 54,90 € a été effectué le 3 mars, mais je n'ai rien reçu."],
    ['it', 'Secondo la vostra email il rimborso di 54,90 € è stato effettuato il 3 marzo, ma non ho ricevuto nulla.'],
    ['nl', 'Volgens uw e-mail is de terugbetaling van € 54,90 op 3 maart uitgevoerd, maar ik heb niets ontvangen.'],
    ['en', 'According to your email the refund of $54.00 was issued on March 3, but I have received nothing.'],
    ['cs', 'Podle vašeho e-mailu byla částka 540 Kč vrácena 3. března, ale nic jsem nedostal.'],
    ['ja', '貴社のメールでは3月3日に5,400円を返金済みとのことですが、まだ入金されていません。'],
    ['zh', '你们邮件说3月3日已退款¥540，但我还没有收到。'],
    ['da', 'Ifølge jeres mail blev 540 kr. refunderet den 3. marts, men jeg har ikke modtaget noget.'],
    ['nb', 'Ifølge e-posten deres ble 540 kr refundert 3. mars, men jeg har ikke mottatt noe.'],
    ['pl', 'Według Państwa maila zwrot 54,90 zł został zrealizowany 3 marca, ale nic nie otrzymałem.'],
    ['pt', 'Segundo o vosso e-mail, o reembolso de 54,90 € foi efetuado a 3 de março, mas não recebi nada.'],
  ])('%s → no closure', (_, text) => {
    expect(findResolution(context({ text })).resolution?.confidence ?? 0).toBeLessThan(0.9);
  });
});

describe('resolution: a refund handed to the seller or sent for approval closes nothing', () => {
  it.each([
    ['en, released to the seller', 'Your refund of $54.00 has been released to the seller.'],
    ['en, via the airline', 'We have processed a refund of $54.00 to the airline, which will refund you directly.'],
    ['es, al vendedor para su aprobación', 'El reembolso de 54,90 € se ha enviado al vendedor para su aprobación.'],
    ['pt, ao vendedor para aprovação', 'O reembolso de 54,90 € foi enviado ao vendedor para aprovação.'],
  ])('%s → no closure', (_, text) => {
    expect(findResolution(context({ text })).resolution?.confidence ?? 0).toBeLessThan(0.9);
  });

  it('a refund for shipping only is partial, whatever the next sentence promises', () => {
    const found = resolutionOf(
      'We refunded $4.95 for shipping. The remaining $49.05 will be refunded once the item arrives.',
    );
    expect(found).toMatchObject({ outcome: 'partial_refund', amount: 4.95 });
  });
});

describe('resolution: the failure a refund pays for does not undo the refund', () => {
  it.each([
    ['We have refunded $54.00 for the failed delivery.', 54],
    ["We've refunded you $54.00 because the delivery attempt failed.", 54],
    ['Wir haben Ihnen 54,90 € für die fehlgeschlagene Zustellung erstattet.', 54.9],
    ['Hemos reembolsado 54,90 € por la entrega fallida.', 54.9],
    ['Abbiamo rimborsato 54,90 € per la consegna fallita.', 54.9],
    ['Reembolsámos 54,90 € pela entrega falhada.', 54.9],
    ['We hebben € 54,90 terugbetaald voor de mislukte bezorging.', 54.9],
    ['Vi har återbetalat 540 kr för den misslyckade leveransen.', 540],
    ['Мы вернули 5400 ₽ за неуспешную доставку.', 5400],
    ['We have refunded $54.00 and reversed the authorization hold.', 54],
  ])('%j → full_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount, confidence: 0.9 });
  });
});

describe('resolution: approved, with the payout still to come, or paid to the wrong place', () => {
  it.each([
    ['not yet paid out', 'Your refund of $54.00 has been approved by our team but has not yet been paid out.'],
    ['payment scheduled', 'The refund of $54.00 has been approved, payment is scheduled for 12 June.'],
    ['awaiting payment', 'Refund approved: $54.00 - awaiting payment'],
    ['de, Auszahlung ausstehend', 'Rückerstattung über 54,90 € genehmigt – Auszahlung ausstehend'],
    ['fr, paiement en attente', 'Remboursement de 54,90 € approuvé – paiement en attente'],
    ['it, in attesa di pagamento', 'Rimborso di 54,90 € approvato - in attesa di pagamento'],
    ['nl, wacht op uitbetaling', 'Terugbetaling van € 54,90 goedgekeurd - wacht op uitbetaling'],
    ['the wrong card', 'A refund of $54.00 was issued to the wrong card by mistake; we are correcting it.'],
  ])('%s → no closure', (_, text) => {
    expect(findResolution(context({ text })).resolution?.confidence ?? 0).toBeLessThan(0.9);
  });
});

describe('resolution: the shop or payment provider named as the refunder', () => {
  it.each([
    ['Acme Store refunded $54.00 to your Visa ending in 4242.', 54, 'USD'],
    ['Willow & Clay refunded your payment of $36.00.', 36, 'USD'],
    ['Harbor & Pine has issued a refund of €20.00 to your Mastercard.', 20, 'EUR'],
    ['Nordic Gear sent you a refund of 35,00 EUR.', 35, 'EUR'],
    ['Nordhang Outdoor hat Ihnen eine Rückzahlung in Höhe von 89,95 € gesendet.', 89.95, 'EUR'],
    ['Der Händler hat 54,00 € auf Ihre Kreditkarte erstattet.', 54, 'EUR'],
    ['Nordic Gear vous a envoyé un remboursement de 35,00 EUR.', 35, 'EUR'],
    ['Nordic Gear te ha reembolsado 35,00 €.', 35, 'EUR'],
    ['Nordic Gear ti ha inviato un rimborso di 35,00 EUR.', 35, 'EUR'],
    ['Zeilwinkel Texel heeft je een terugbetaling van € 42,50 gestuurd.', 42.5, 'EUR'],
    ['Sklep Górski wysłał Ci zwrot pieniędzy w kwocie 129,00 zł.', 129, 'PLN'],
    ['Sklep Górski zwrócił Ci 35,00 zł.', 35, 'PLN'],
    ['Casa Ipê enviou um reembolso de R$ 189,90 para você.', 189.9, 'BRL'],
    ['Fjällbod har skickat en återbetalning på 1 249,00 SEK till dig.', 1249, 'SEK'],
    ['Северный Ветер вернул вам 3500 ₽.', 3500, 'RUB'],
    ['Северный Ветер отправил вам возврат средств в размере 3500,00 ₽.', 3500, 'RUB'],
    ['Північний Вітер повернув вам 1200 грн.', 1200, 'UAH'],
    ['Horský ráj vám poslal refundaci ve výši 350,00 Kč.', 350, 'CZK'],
    ['Horský ráj vám vrátil 350 Kč.', 350, 'CZK'],
    ['Kuzey Rüzgarı size 350,00 TL tutarında bir geri ödeme gönderdi.', 350, 'TRY'],
  ])('%j → full_refund', (sentence, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'full_refund', amount, currency, confidence: 0.9 });
  });

  it.each([
    'You have received a refund from Nordic Gear.',
    'Du har fått en återbetalning från Fjällbod.',
    'Du har modtaget en refusion fra Cykelkælderen.',
    'Cykelkælderen har sendt dig en refusion.',
    'Du har mottatt en refusjon fra Sportsboden.',
    'Sportsboden har sendt deg en refusjon.',
    'Вы получили возврат средств от Северный Ветер.',
    'Ви отримали повернення коштів від Північний Вітер.',
    'Obdrželi jste refundaci od Horský ráj.',
    'Kuzey Rüzgarı firmasından bir geri ödeme aldınız.',
  ])('%j → full_refund', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'full_refund' });
  });

  it.each([
    ['a question, with an amount', 'Has Acme Store refunded $54.00 yet?'],
    ['an amount still to refund', 'Amount to be refunded: $54.00'],
    ['what can be refunded', 'Up to $54.00 can be refunded within 30 days.'],
    ['conditional', 'If Acme Store refunded $54.00, you will see it on your statement.'],
    ['de, promised', 'Der Verkäufer hat bestätigt, dass Ihnen der Betrag erstattet wird.'],
    ['de, offered', 'Der Händler hat Ihnen eine Rückzahlung angeboten.'],
    ['nl, a request sent', 'Zeilwinkel Texel heeft je een verzoek tot terugbetaling gestuurd.'],
    // Negated, in each language whose phrase has no done word for the negation to reach.
    ['en, never', 'Acme Store never refunded $54.00.'],
    ['de, keine', 'Der Händler hat Ihnen keine Rückzahlung gesendet.'],
    ['nl, geen', 'Zeilwinkel heeft je geen terugbetaling gestuurd.'],
    ['pl, nie', 'Sklep nie wysłał Ci zwrotu pieniędzy.'],
    ['pt, não', 'A loja não enviou um reembolso.'],
    ['sv, inte', 'Fjällbod har inte skickat någon återbetalning.'],
    ['ru, не', 'Магазин не вернул вам деньги.'],
    ['cs, ne-', 'Horský ráj vám nevrátil peníze.'],
    ['tr, -me-', 'Kuzey Rüzgarı size henüz geri ödeme göndermedi.'],
  ])('%s → null', (_, sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });
});

describe('resolution: a list of items, some refunded and some still open, is a partial refund', () => {
  it.each([
    [
      "We've refunded $18.00 to your Mastercard.\n\nStoneware mug (x1)      Refunded\nTable lamp (x1)         Not returned yet",
      18,
    ],
    ['We have refunded $18.00.\n\nMug — Refunded\nLamp — Shipped', 18],
    ['Your refund of $18.00 has been issued.\n\nItem 1: mug — refunded\nItem 2: lamp — not returned yet', 18],
    [
      'Wir haben Ihnen 24,95 € erstattet.\n\nArtikel | Status\nTasse | Erstattet\nLeuchte | Noch nicht zurückgesendet',
      24.95,
    ],
    [
      'Nous vous avons remboursé 19,90 €.\n\nArticle 1 : Bol – remboursé\nArticle 2 : Vase – en attente de retour',
      19.9,
    ],
    ['Hemos reembolsado 12,50 € en tu tarjeta.\n\nTaza | Reembolsado\nJarrón | Pendiente de devolución', 12.5],
    ['Ti abbiamo rimborsato 14,90 €.\n\nArticolo 1: Tazza – rimborsato\nArticolo 2: Vaso – in attesa di reso', 14.9],
    ['We hebben € 9,95 terugbetaald.\n\nMok: terugbetaald\nLamp: nog niet retour ontvangen', 9.95],
    ['Zwróciliśmy 59,00 zł.\n\nKubek – zwrócono\nLampa – oczekuje na zwrot', 59],
    // One line, the items between semicolons.
    ['Your refund of $18.00 has been issued. Item 1: refunded; Item 2: not returned yet', 18],
    // An HTML table as text: cells two spaces apart.
    ['We have refunded $18.00.\n\nItem  Status\nMug  Refunded\nLamp  Not returned yet', 18],
  ])('%j → partial_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'partial_refund', amount, rule: 'resolution/partial-items' });
  });

  it.each([
    ['every item refunded', 'We have refunded $36.00.\n\nMug — Refunded\nLamp — Refunded'],
    ['rows in separate blocks', 'We have refunded $36.00.\n\nMug — Refunded\n\nNext delivery — not before Monday'],
    ['an open row about the refund itself', 'We have refunded $36.00.\n\nMug — Refunded\nRefund status: pending'],
    // `Completed` is any done form, not a refund's: the rows say nothing about what was refunded.
    ['an item completed, not refunded', 'We have refunded $36.00.\n\nMug — Completed\nLamp — Shipped'],
    ['a refund row and a replacement row', 'We have refunded $36.00.\n\nRefund — Completed\nReplacement — Shipped'],
  ])('%s → full_refund', (_, text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund' });
  });
});

describe('resolution: a refund request handled is not money refunded', () => {
  it.each([
    ['en, passed on', 'Your refund request has been processed. We have forwarded it to our returns warehouse.'],
    [
      'en, a promise of contact',
      'Your refund request for order HW-77120 has been processed. We will contact you within 3 days.',
    ],
    ['de', 'Ihr Antrag auf Rückerstattung wurde bearbeitet. Wir haben ihn an unser Lager weitergeleitet.'],
    ['es', 'Tu solicitud de reembolso ha sido procesada. La hemos remitido a nuestro almacén.'],
    ['it', "La tua richiesta di rimborso è stata elaborata. L'abbiamo inoltrata al nostro magazzino."],
    ['nl', 'Je verzoek tot terugbetaling is verwerkt. We hebben het doorgestuurd naar ons magazijn.'],
    ['pt', 'O seu pedido de reembolso foi processado. Encaminhámo-lo para o nosso armazém.'],
    ['sv', 'Din återbetalningsbegäran har behandlats. Vi har skickat den vidare till vårt lager.'],
  ])('%s → null', (_, text) => {
    expect(findResolution(context({ text }))).toMatchObject({
      resolution: null,
      rejected: [{ outcome: 'full_refund', why: expect.stringMatching(/request (?:passed on|handled)/) }],
    });
  });

  it.each([
    // Handled, nothing says the money moved: a suggestion, never a closure.
    ['alone, with the request’s amount', 'Your refund request for $54.00 has been processed.', 54, 0.85],
    [
      'the payout promised',
      'Your refund request has been processed. You will receive the refund within 5 days.',
      null,
      0.8,
    ],
    // The mail also says the money moved: a refund.
    [
      'money moved, same sentence',
      'Your refund request has been processed and $54.00 has been refunded to your card.',
      54,
      0.9,
    ],
    [
      'money moved, next sentence',
      'Votre demande de remboursement a été traitée. Le montant de 45,00 € a été recrédité sur votre carte.',
      45,
      0.9,
    ],
    [
      'the refund’s transaction',
      'Refund request processed.\n\nRefund amount: $20.00\nRefund transaction ID: 7UH21956XT4417209',
      20,
      0.97,
    ],
    // An approved request is an approved refund.
    ['approved', 'Your refund request for $54.00 has been approved.', 54, 0.9],
  ])('%s → full_refund at %#', (_, text, amount, confidence) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount, confidence });
  });
});

describe('resolution: a dispute or chargeback won by the customer', () => {
  it.each([
    [
      'Good news: your dispute for the $149.00 transaction at GADGETZONE has been resolved in your favor. The temporary credit of $149.00 is now permanent.',
      149,
    ],
    ['We have completed our review and the provisional credit of $60.00 has been made permanent.', 60],
  ])('%j → full_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount, currency: 'USD' });
  });

  it.each([
    "If the dispute is decided in your favor, we'll refund the payment to your account.",
    'We have placed a temporary credit of $60.00 on your account while we investigate. If we find in your favor, the temporary credit will become permanent.',
    "We've decided this case in the seller's favor.",
  ])('%j → no refund', (text) => {
    expect(['full_refund', 'partial_refund']).not.toContain(resolutionOf(text)?.outcome);
  });
});

describe('resolution: the amount as it arrives at the customer, in the next sentence', () => {
  it('a refund done, then its amount coming back to the account (future tense) → that amount', () => {
    const found = resolutionOf(
      'Your refund has been processed. The amount of $89.00 will be back in your account within 2 days.',
    );
    expect(found).toMatchObject({ outcome: 'full_refund', amount: 89, currency: 'USD', confidence: 0.9 });
  });

  it('a refund of something else still to come is not the amount', () => {
    const found = resolutionOf(
      'We have refunded the shipping fee. The remaining $50.00 will be refunded to your card next week.',
    );
    expect(found?.amount).not.toBe(50);
  });
});

describe('resolution: a receipt dated refunded, and the refund the customer asked about', () => {
  it.each([
    [
      'Receipt from Mountain Coffee Co.\n\nRefund #2231-8812\nAmount refunded: $18.00\nRefunded on: November 9, 2026',
      18,
    ],
    ['Per our chat earlier, the refund you asked about was already issued on Oct 3 for $35.00.', 35],
  ])('%j → full_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });

  it.each([
    // A refund date alone may be the day a pending refund is due.
    'Refund status: Pending\nRefund date: March 4, 2025\nAmount: $40.00',
    // The customer's words, attributed: `you asked:`.
    'You asked: "Has my refund of $35.00 been issued?"',
  ])('%j → no refund', (text) => {
    expect(resolutionOf(text)?.outcome ?? null).toBeNull();
  });
});

describe('resolution: part refunded, another amount still to come', () => {
  it.each([
    [
      'Your refund for the headphones ($89.00) has been processed. The charger ($19.00) will be refunded once it reaches our warehouse.',
      89,
    ],
    [
      "We've refunded $19.00 for the charger. We're still waiting for the headphones to arrive before we can refund the remaining $89.00.",
      19,
    ],
    [
      'Nous vous avons remboursé 45,00 € pour la veste. Les 20,00 € restants seront remboursés dès réception du bonnet.',
      45,
    ],
  ])('%j → partial_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'partial_refund', amount });
  });

  it.each([
    // The same amount again, arriving: the refund is whole.
    ['Your refund of $89.00 has been processed. You will see the $89.00 on your statement within 5 days.', 89],
    // No amount decided: nothing to tell the rest from.
    ['Your refund has been processed. It will be credited to your card within 5 days.', null],
  ])('%j → full_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });
});

describe('resolution: a refusal whose object would lie past a contrast', () => {
  it('refuses what comes before the contrast; the refund after it is made', () => {
    expect(
      resolutionOf('Não conseguimos realizar o envio hoje, mas o reembolso de R$ 50,00 já foi realizado.'),
    ).toMatchObject({ outcome: 'full_refund', amount: 50, currency: 'BRL' });
  });
});

describe('resolution: what a confirmation confirms', () => {
  it.each([
    'Nous vous confirmons que votre demande de remboursement a bien été enregistrée.',
    'Te confirmamos que hemos recibido tu solicitud de reembolso y la estamos revisando.',
    'Le confermiamo la ricezione della sua richiesta di rimborso, che verrà gestita entro 5 giorni.',
    'Confirmamos o recebimento da sua solicitação de reembolso.',
  ])('a request confirmed: %j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });

  it.each([
    ["Nous vous confirmons le remboursement de votre commande n° 88123 d'un montant de 45,00 €.", 45],
    ['Confirmamos que el reembolso de 30,00 € se ha realizado a tu tarjeta.', 30],
    ['Le confermiamo che il rimborso di 20,00 € è stato effettuato.', 20],
  ])('the refund confirmed: %j → full_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });
});

describe('resolution: a payment provider reporting the shop’s refund', () => {
  it.each([
    ['H&M hat eine Rückerstattung in Höhe von 29,99 € für deinen Einkauf vom 12. November registriert.', 29.99],
    ['ASOS has registered a refund of £18.00 for your purchase.', 18],
    ['Åhlens har registrerat en återbetalning på 299 kr för ditt köp.', 299],
    ['Wehkamp heeft een terugbetaling van € 45,00 voor je aankoop geregistreerd.', 45],
  ])('%j → full_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });

  it.each([
    // A request registered is no refund; nor is a return (`retur`) registered.
    'We have registered your refund request and will get back to you within 5 days.',
    'Wir haben Ihre Erstattungsanfrage registriert und melden uns in Kürze.',
    'Nordlys Hem har registrerat en retur på 1 190,00 kr för ditt köp.',
    // A dispute registered, or a refund we passed on: no refund made.
    'The buyer has registered a refund dispute for order 4471. Please respond within 3 days.',
    'We have reported the refund to the merchant and are waiting for their confirmation.',
    'Wir haben die Rückerstattung an den Händler gemeldet und warten auf seine Bestätigung.',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });
});

describe('resolution: a credit to the account the shop keeps', () => {
  it.each([
    ["We've applied a $75.00 credit to your Wayfair account, which you can use on your next purchase.", 75],
    ['We have added a $20 credit to your account as an apology for the delay.', 20],
    ["I've applied a credit of $30.00 to your Verizon account.", 30],
  ])('%j → store_credit', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'store_credit', amount });
  });

  it.each([
    // A card or bank account is where a refund goes, not a shop's credit.
    'We have issued a credit of $45.00 to your account ending in 4417.',
    'We have issued a credit to your bank account for the full amount of $45.00.',
    "If you'd like, we can apply a $30 credit to your account instead of a refund.",
  ])('%j → no store credit', (text) => {
    expect(resolutionOf(text)?.outcome ?? null).not.toBe('store_credit');
  });
});

describe('resolution: the amount of the next sentence, arriving at a compound account', () => {
  it('reads `Ihrem Kreditkartenkonto` as the customer’s own account', () => {
    expect(
      resolutionOf(
        'Wir haben die Erstattung Ihres Tickets veranlasst. Der Betrag von 389,20 EUR wird Ihrem Kreditkartenkonto innerhalb von 7 Tagen gutgeschrieben.',
      ),
    ).toMatchObject({ outcome: 'full_refund', amount: 389.2, currency: 'EUR' });
  });
});

describe('resolution: refusals in the modal passive', () => {
  it.each([
    'Your return request unfortunately cannot be accepted because it was bought 40 days ago.',
    'Your return cannot unfortunately be accepted because it was bought 40 days ago.',
    'Your claim will not be honoured as the damage was caused by misuse.',
    'Ihre Rücksendung kann leider nicht erstattet werden, da die Ware benutzt wurde.',
    'Votre demande de remboursement ne peut malheureusement pas être acceptée, le délai étant dépassé.',
    'Tu solicitud de devolución no puede ser aceptada porque han pasado más de 30 días.',
    'Infelizmente sua solicitação de reembolso não pode ser aceita, pois o prazo expirou.',
    'Helaas kan je retourverzoek niet worden geaccepteerd, omdat de termijn is verstreken.',
    'Siamo spiacenti ma la sua richiesta di reso non può essere accettata in quanto sono trascorsi più di 30 giorni.',
  ])('%j → denied', (text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'denied' });
  });

  it.each([
    // Put off, not refused: `until`, `prima della`.
    'Your refund cannot be processed until we receive the item back at our warehouse.',
    'Il rimborso non potrà essere effettuato prima della ricezione del prodotto.',
    // Processing that failed is no refusal of the refund.
    'Your refund request could not be processed because the card on file has expired.',
    'Tu reembolso no puede ser procesado hasta que recibamos el producto.',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });
});

describe('resolution: a charge taken back', () => {
  it.each([
    ["I've reversed the duplicate charge of $60.00 on your Visa.", 60],
    ['We have reversed the duplicate charge of $60.00 on your card.', 60],
    ['We have voided the extra payment of $19.00.', 19],
  ])('%j → full_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });

  it.each([
    'Your refund of $40.00 was reversed by your bank.',
    'We issued your refund of $40.00, but it was reversed by the card network.',
  ])('a refund reversed: %j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });
});

describe('resolution: a bare amount row right under the refund’s status row', () => {
  it.each([
    ['Hi Sam,\n\nStatus der Erstattung: abgeschlossen\nBetrag: 45,00 €', 45],
    ['Bonjour,\n\nStatut du remboursement : effectué\nMontant : 45,00 €', 45],
    ['Hola,\n\nEstado del reembolso: completado\nImporte: 45,00 €', 45],
    ['Hi Sam,\n\nThanks for your patience. Refund: approved. Amount: $45.00. Method: original payment method.', 45],
    // Under the refund's sentence, after another row of it.
    ['Hi Sam,\n\nThe refund was processed successfully. Refund ID: RF-2026-118823. Amount: $79.99.', 79.99],
  ])('%j → full_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });

  it.each([
    // `Total` may be the order's: not read.
    'Hi Sam,\n\nStatus: Refunded\nTotal: $45.00',
    // Not a row: the amount may be anything's.
    'Hi Sam,\n\nWe have refunded the shipping fee for your order. The amount you paid for it was $120.00 in total.',
  ])('%j → no amount', (text) => {
    expect(resolutionOf(text)?.amount ?? null).toBeNull();
  });
});

describe('resolution: the rest refused or still to come after a refund', () => {
  it.each([
    ['Wir haben Ihnen 10,00 € für die verspätete Lieferung erstattet. Der restliche Betrag wird nicht erstattet.', 10],
    [
      "We've refunded $25.00 for the damaged lamp. The rest of your order isn't eligible for a refund as it was delivered in good condition.",
      25,
    ],
    [
      "We've refunded $25.00 for the damaged lamp. The remaining amount will be refunded once the other items arrive.",
      25,
    ],
    ["We've refunded $25.00 for the damaged lamp. The remaining items will not be refunded until we receive them.", 25],
    ['Nous vous avons remboursé 25,00 € pour la lampe. Le reste de la commande ne peut pas être remboursé.', 25],
    ['Te hemos reembolsado 25,00 € por la lámpara. El resto del pedido no es reembolsable.', 25],
  ])('%j → partial_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'partial_refund', amount });
  });

  it.each([
    // A condition, or nothing about refunding the rest: the refund stays whole.
    "We've refunded $25.00 for the damaged lamp. Let us know if the rest of the order has any issues.",
    "We've refunded the full $80.00. The rest of the items don't need to be sent back.",
    // The refund named before the rest, not of it.
    "We've refunded $25.00 for the lamp. Refunds aside, the rest of your order was not damaged.",
  ])('%j → full_refund', (text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund' });
  });
});

describe("resolution: the refund's own relative clause is no request", () => {
  it.each(['The refund you asked for was issued this morning.', 'The refund that you asked for has been processed.'])(
    '%j → full_refund',
    (text) => {
      expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund' });
    },
  );

  it('a refund asked of someone else is none', () => {
    expect(resolutionOf('We have asked for a refund from the supplier and will let you know.')).toBeNull();
  });
});

describe('resolution: refusals of a complaint in Polish, Czech, Danish and Turkish as they are said', () => {
  it.each([
    'Niestety Pani reklamacja nie może zostać uwzględniona, ponieważ uszkodzenie powstało z winy użytkownika.',
    'Vaše reklamace bohužel nemůže být uznána, protože vada vznikla nesprávným používáním.',
    'Vi har desværre afvist din reklamation, da skaden skyldes forkert brug.',
    'Maalesef iade talebiniz, ürün kullanılmış olduğu için onaylanamamıştır.',
  ])('%j → denied', (text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'denied' });
  });

  it.each([
    // Until something arrives, or without a document: not final.
    'Reklamacja nie może zostać uwzględniona, dopóki nie otrzymamy zdjęć uszkodzenia.',
    'Reklamace nemůže být uznána, dokud nám nezašlete doklad o koupi.',
    'Fatura olmadan iade talebiniz kabul edilememektedir, lütfen faturanızı gönderin.',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });
});

describe('resolution: the amount named in the next sentence, arriving later', () => {
  it.each([
    [
      "Il rimborso del biglietto con PNR 7XKQ2M è stato eseguito. L'importo di 23,90 € verrà riaccreditato sulla carta utilizzata per l'acquisto.",
      23.9,
    ],
    [
      'Your refund request for booking RK2PXN has been processed. A refund of EUR 86.98 will be returned to the original form of payment within 7 working days.',
      86.98,
    ],
  ])('%j → full_refund with its amount', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });

  it('the remaining amount is not the refund’s', () => {
    expect(
      resolutionOf(
        'Your refund for the headphones has been processed. The remaining amount of $19.00 will be refunded to your card next week.',
      ),
    ).toMatchObject({ amount: null });
  });
});

describe('resolution: a dispute decided, with its case number between', () => {
  it.each([
    [
      'Wir haben den Konfliktfall PP-D-88120 zu Ihren Gunsten entschieden. Der Betrag von 79,00 € wurde Ihrem PayPal-Konto gutgeschrieben.',
      'full_refund',
    ],
    ["We've closed case 5298765432 in your favor and refunded $45.00.", 'full_refund'],
    ["We've closed case 5298765432 in the seller's favor.", 'denied'],
    [
      'Wir haben den Fall 5298765432 zugunsten des Verkäufers entschieden, da die Zustellung nachgewiesen wurde.',
      'denied',
    ],
    ['Nous avons clôturé le litige PP-D-88120 en faveur du vendeur.', 'denied'],
    ['Hemos cerrado la disputa a favor del vendedor.', 'denied'],
  ])('%j → %s', (text, outcome) => {
    expect(resolutionOf(text)).toMatchObject({ outcome });
  });

  it('a dispute that may go the seller’s way is no refusal', () => {
    expect(
      resolutionOf('Wenn der Fall zugunsten des Verkäufers entschieden wird, erhalten Sie eine E-Mail.'),
    ).toBeNull();
  });
});

describe('resolution: a refusal that waits on something missing is no denial', () => {
  it.each([
    'Your return cannot be accepted without the original receipt. Could you send us a copy?',
    'Ohne Kaufbeleg kann Ihre Rücksendung leider nicht erstattet werden. Bitte senden Sie uns den Beleg.',
    'Sans facture, votre demande de remboursement ne peut pas être acceptée. Merci de nous la transmettre.',
    'Senza scontrino la sua richiesta di reso non può essere accettata.',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });

  it.each([
    'We looked at GTB-2023-5876 again. Your claim was declined without a refund.',
    'Ihre Reklamation wurde ohne Erstattung abgelehnt.',
  ])('`without` the refund itself is the refusal: %j → denied', (text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'denied' });
  });

  it('`without exception` is no missing thing', () => {
    expect(resolutionOf('We cannot refund your order, without exception, as it was a final sale item.')).toMatchObject({
      outcome: 'denied',
    });
  });
});

describe('resolution: a refusal of a channel or of a form, not of the refund', () => {
  it.each([
    'Your return won’t be accepted at the store, but you can send it back by post using the label attached.',
    "Votre demande ne peut pas être acceptée en l'état : merci de compléter le formulaire joint.",
    'Tu solicitud de reembolso no puede ser aceptada por este canal; por favor, utiliza el formulario web.',
    'La sua richiesta di reso non può essere accettata tramite questo indirizzo, usi il modulo online.',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });
});

describe('resolution: Spain’s `abono`, and the amount named right after the refund', () => {
  it.each([
    ['Le confirmamos que hemos realizado el abono de 89,95 € en la tarjeta con la que realizó la compra.', 89.95],
    ['Hola, te hemos abonado 12,00 € en tu cuenta.', 12],
    ['Hemos efectuado el abono en su tarjeta. El importe de 30,00 € puede tardar unos días en reflejarse.', 30],
  ])('%j → full_refund with its amount', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount, currency: 'EUR' });
  });

  it.each(['Hemos realizado el abono mensual de transporte.', 'Hemos procesado tu abono de temporada para 2027.'])(
    'an `abono` that is a pass or a subscription: %j → null',
    (text) => {
      expect(resolutionOf(text)).toBeNull();
    },
  );

  it.each([
    [
      'Devolvemos o dinheiro da sua compra. O valor de R$ 249,90 já está disponível no seu saldo da conta.',
      249.9,
      'BRL',
    ],
    ['We have refunded your order. The amount of $45.00 is now back on your card.', 45, 'USD'],
  ])('%j → the amount named in the next sentence', (text, amount, currency) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount, currency });
  });

  it('an amount named but kept back is not the refund’s', () => {
    expect(
      resolutionOf('We have refunded your order. The amount of $12.00 for shipping is not refundable.'),
    ).toMatchObject({ outcome: 'full_refund', amount: null });
  });
});

describe('resolution: English refunds said as money coming back, gone through or credited back', () => {
  it.each([
    ["I've gone ahead and processed it for you. You should see $89.00 back on your card within 5-7 business days.", 89],
    ['All sorted: your refund of £22.00 went through this morning.', 22],
    ['I have credited $15.00 back to your original payment method for the missing item.', 15],
    ['Your refund has now gone through: $41.20 to your Visa.', 41.2],
  ])('%j → full_refund with its amount', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });

  it.each([
    'Once we receive the item back, you should see $89.00 back on your card within 5 days.',
    'If your claim is approved, you will see the money back in your account.',
    'Your refund request went through and is now with our returns team.',
    "Unfortunately your refund hasn't gone through yet. We are looking into it.",
    "You won't see the money back on your card until the bank releases it.",
    'Your payment went through. Thank you for your order!',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });
});

describe('resolution: the clause of the rest, and terms given as the reason', () => {
  it.each([
    "We've refunded $12.00 for the shipping, the rest of your order will be refunded once the item reaches our warehouse.",
    'Wir haben Ihnen 5,00 € erstattet, den restlichen Betrag erstatten wir, sobald die Ware bei uns eingetroffen ist.',
  ])('a condition in the clause of the rest leaves the refund made: %j → partial_refund', (text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'partial_refund' });
  });

  it.each([
    'We have refunded the rest of your order once the items are returned unused.',
    'We have refunded the rest of your order, provided the items are returned unused.',
  ])('the rest as the refund’s own object stays conditional: %j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });

  it.each([
    'Unfortunately we cannot refund your order because it falls outside our return policy.',
    'Nous ne pouvons malheureusement pas vous rembourser car le délai de rétractation est dépassé, conformément à nos conditions générales de vente.',
    'Vi har tyvärr inte möjlighet att återbetala ordern eftersom ångerrätten har gått ut.',
    'Vi har desværre ikke mulighed for at refundere ordren, da fortrydelsesfristen er udløbet.',
    'Vi har dessverre ikke mulighet til å refundere bestillingen, siden angrefristen har gått ut.',
    'Helaas kunnen we je verzoek tot terugbetaling niet inwilligen, omdat de retourtermijn van 30 dagen is verstreken.',
    'Leider können wir Ihre Reklamation nicht anerkennen, da der Schaden durch unsachgemäße Nutzung entstanden ist.',
  ])('%j → denied', (text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'denied' });
  });

  it.each([
    'As per our return policy, we are unable to refund opened software.',
    'Please note that under our return policy, refunds cannot be issued for opened items.',
    'We cannot refund opened items, as stated in our return policy.',
    'Vi har inte möjlighet att återbetala förrän vi har fått tillbaka varan.',
  ])('terms stated, or a refusal until something arrives: %j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });

  it.each([
    ['Die Gutschrift über 39,99 € ist heute an Ihre Bank rausgegangen.', 39.99],
    [
      'Je vous confirme que le remboursement a bien été fait ce matin, vous devriez voir les 42,50 € sur votre compte.',
      42.5,
    ],
  ])('%j → full_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });

  it.each([
    "Le remboursement n'a pas encore été fait, nous vous tiendrons informée.",
    'Die Erstattung ist noch nicht rausgegangen, das dauert noch zwei Tage.',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });
});

describe('resolution: approved, paid out only after something still to happen', () => {
  it.each([
    'Your refund of $120.00 has been approved and will be issued after the carrier confirms the return.',
    'Your refund has been approved and will be sent after your parcel arrives at our warehouse.',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });

  it.each([
    'Your refund of $120.00 has been approved and will be issued within 5 business days.',
    'We refunded $45.00 after your parcel arrived at our warehouse.',
    'Your refund of $45.00 was processed after the item was inspected.',
  ])('after a time, or after something that happened: %j → full_refund', (text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund' });
  });
});

describe('resolution: approved, paid out after a clause still to happen, in eight languages', () => {
  it.each([
    'Ihre Erstattung über 120,00 € wurde genehmigt und wird ausgezahlt, nachdem der Paketdienst die Rücksendung bestätigt hat.',
    'Votre remboursement de 120,00 € a été validé et sera effectué après confirmation du retour par le transporteur.',
    'Su reembolso de 120,00 € ha sido aprobado y se realizará después de que el transportista confirme la devolución.',
    'Il rimborso di 120,00 € è stato approvato e verrà effettuato dopo che il corriere avrà confermato il reso.',
    'Je terugbetaling van € 120,00 is goedgekeurd en wordt uitgevoerd nadat de vervoerder de retour heeft bevestigd.',
    'O seu reembolso de 120,00 € foi aprovado e será efetuado depois que a transportadora confirmar a devolução.',
    'Din återbetalning på 1 200 kr har godkänts och betalas ut när transportören har bekräftat returen.',
    'Twój zwrot w kwocie 120,00 zł został zatwierdzony i zostanie zrealizowany po potwierdzeniu zwrotu przez przewoźnika.',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });

  it.each([
    'Ihre Erstattung über 120,00 € wurde genehmigt und wird innerhalb von 5 Tagen ausgezahlt.',
    'Wir haben Ihnen 120,00 € erstattet, nachdem die Ware bei uns eingegangen ist.',
    'Din återbetalning på 1 200 kr har godkänts och betalas ut inom 3 bankdagar.',
    'Twój zwrot w kwocie 120,00 zł został zatwierdzony i zostanie zrealizowany w ciągu 3 dni.',
  ])('paid out within a time, or refunded after something that happened: %j → full_refund', (text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund' });
  });
});

describe('resolution: Czech refunds carried out in the active voice', () => {
  it.each([
    ['Vrácení peněz ve výši 1 290 Kč jsme provedli na Váš účet.', 1290],
    ['Provedli jsme vrácení peněz ve výši 590 Kč na Vaši kartu.', 590],
  ])('%j → full_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount, currency: 'CZK' });
  });

  it.each([
    'Vrácení peněz jsme zatím neprovedli, čekáme na vrácení zboží.',
    'Vrácení peněz provedeme, jakmile obdržíme zboží.',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });
});

describe('resolution: German refunds issued (ausgestellt)', () => {
  it('`eine Erstattung … ausgestellt` → full_refund', () => {
    expect(
      resolutionOf('Wir haben Ihre Rücksendung erhalten und Ihnen eine Erstattung in Höhe von 34,99 € ausgestellt.'),
    ).toMatchObject({ outcome: 'full_refund', amount: 34.99 });
  });

  it('an invoice issued is no refund', () => {
    expect(resolutionOf('Wir haben Ihnen die Rechnung über 34,99 € ausgestellt.')).toBeNull();
  });
});

describe('resolution: a part kept back after a contrast, the rest refunded', () => {
  it.each([
    'We refunded $40.00, but we did not refund the shipping cost.',
    'Wir haben 40,00 € erstattet, aber die Versandkosten haben wir nicht erstattet.',
    "Nous avons remboursé 40,00 €, mais les frais de port n'ont pas été remboursés.",
    'We refunded $40.00 for the blender, but the remaining items were not refunded.',
  ])('%j → partial_refund', (text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'partial_refund', amount: 40 });
  });

  it('the refund itself not sent after all stays taken back', () => {
    expect(
      resolutionOf('We have processed your refund of $40.00, but it has not been sent to your bank yet.'),
    ).toBeNull();
  });
});

describe('resolution: an approval whose refund a later sentence makes wait', () => {
  it.each([
    'Your refund has been approved! Please ship the item back using the prepaid label attached. Once we receive it, we’ll process the refund of $129.00.',
    'Your refund has been approved. The refund will be issued as soon as the item arrives at our warehouse.',
    'Ihre Erstattung wurde genehmigt. Bitte senden Sie den Artikel mit dem beigefügten Etikett zurück. Sobald die Ware bei uns eingegangen ist, erstatten wir Ihnen 129,00 €.',
    // With its amount the approval closed the case (0.9) before.
    'Your refund of $129.00 has been approved! Please ship the item back using the prepaid label attached. Once we receive it, we will process the refund.',
  ])('%j → null', (text) => {
    const found = findResolution(context({ text }));
    expect(found.resolution).toBeNull();
    expect(found.rejected[0]?.why).toMatch(/an approval whose refund still waits on a condition/);
  });

  it.each([
    'Your refund has been approved. You will receive the money within 5 business days.',
    'Your refund has been approved. If you have any questions, please reply to this email.',
  ])('%j → full_refund (a promise without a condition keeps the approval)', (text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund' });
  });
});

describe('resolution: `gone ahead and refunded`', () => {
  it.each([
    [
      "I've gone ahead and refunded the missing item ($18.50) back to your original payment method.",
      'full_refund',
      18.5,
    ],
    ['I went ahead and refunded your order in full ($64.00).', 'full_refund', 64],
    ['I went ahead and refunded the shipping cost of $6.95.', 'partial_refund', 6.95],
    ['We have just refunded $12.00 to your card.', 'full_refund', 12],
  ])('%j → %s', (text, outcome, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome, amount });
  });

  it('a customer who went ahead and returned the item refunds nothing', () => {
    expect(resolutionOf('I went ahead and returned the item last week.')).toBeNull();
  });
});

describe('resolution: an offer already carried out', () => {
  it.each([
    [
      "What we can do as a gesture of goodwill is offer you store credit of £40.00, which I've added to your account.",
      40,
      'GBP',
    ],
    ["We'd like to offer you a $20.00 credit, which has been applied to your account.", 20, 'USD'],
  ])('%j → store_credit', (text, amount, currency) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'store_credit', amount, currency });
  });

  it.each([
    'We can offer you store credit of £40.00, which would be added to your account once you accept.',
    'We can offer you store credit of £40.00. Let us know if you would like it.',
    'We can offer you a $20.00 credit, which can be applied to your account.',
  ])('%j → null (still an offer)', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });

  it('store credit given beside a refused refund outranks the refusal', () => {
    const text =
      "Unfortunately the jacket was returned after our 30-day return window had closed, so we're not able to offer a refund. What we can do is offer you store credit of £40.00, which I've added to your account.";
    expect(resolutionOf(text)).toMatchObject({ outcome: 'store_credit', amount: 40 });
  });
});

describe('resolution: the amount returned to the card', () => {
  it.each([
    ['The amount of £58.20 has been returned to the card used for booking.', 58.2],
    ['The sum of $40.00 was returned to your original payment method.', 40],
  ])('%j → full_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });

  it('an item returned to the warehouse refunds nothing', () => {
    expect(resolutionOf('The item worth $40.00 was returned to the warehouse.')).toBeNull();
  });
});

describe('resolution: an approval passed to the finance team for payment', () => {
  it('`approved and is now with our finance team for payment` → null', () => {
    expect(
      resolutionOf('Good news - your refund of $45.00 has been approved and is now with our finance team for payment.'),
    ).toBeNull();
  });

  it('a refund already paid that names the finance team stays a refund', () => {
    expect(resolutionOf('Our finance team has refunded $45.00 to your card.')).toMatchObject({
      outcome: 'full_refund',
      amount: 45,
    });
  });
});

describe('resolution: Czech `vrátili jsme vám` before an amount of several digits', () => {
  it.each([
    ['Vrátili jsme vám 1290 Kč na účet.', 1290],
    ['Vrátili jsme vám 24,50 € za vrácené zboží.', 24.5],
    ['Už jsme vám vrátili peníze: 350 Kč.', 350],
  ])('%j → full_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });

  it('the repaired goods sent back refund nothing', () => {
    expect(resolutionOf('Opravené zboží jsme vám vrátili poštou.')).toBeNull();
  });
});

describe("resolution: a receipt's rows dating the refund or naming where it went", () => {
  it.each([
    ['Item: Bluetooth headphones\nRefund amount: $79.99\nRefunded to: PayPal', 79.99, 'USD'],
    ['Refunded on: 12/03/2026\nAmount: $40.00', 40, 'USD'],
    ['Date refunded: Nov 28, 2026\nAmount refunded: $15.00', 15, 'USD'],
    ['Artikel: Kopfhörer\nErstattungsbetrag: 79,99 €\nErstattet am: 28.11.2026', 79.99, 'EUR'],
    ['Erstattungsbetrag: 79,99 €\nErstattet auf: PayPal', 79.99, 'EUR'],
  ])('%j → full_refund', (text, amount, currency) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount, currency });
  });

  it('a sentence further down that names the refund partial says more than the row', () => {
    const text =
      'Amount refunded: $30.00\nDate refunded: Aug 28, 2025\nPayment method: Visa – 4242\n\nTallyHQ has refunded $30.00 of your $120.00 payment for 3 unused seats.';
    expect(resolutionOf(text)).toMatchObject({ outcome: 'partial_refund', amount: 30 });
  });

  it('a promise further down does not replace the row', () => {
    const text = 'Refunded to: Visa ending 4242\nAmount: $25.00\n\nWe will refund the shipping cost separately.';
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount: 25 });
  });
});

describe('resolution: a decision not to refund', () => {
  it.each([
    'After reviewing your case, we have decided not to issue a refund.',
    'We have decided against a refund in this case.',
  ])('%j → denied', (text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'denied' });
  });

  it('a condition keeps it open', () => {
    expect(resolutionOf('If we decide not to issue a refund, we will let you know.')).toBeNull();
  });
});

describe('resolution: German refunds confirmed, sent to the bank, or a return credited', () => {
  it.each([
    ['Wir bestätigen Ihnen hiermit die Rückerstattung des Kaufpreises in Höhe von 99,00 €.', 99],
    ['Die Gutschrift über 39,95 € wurde erstellt und an Ihre Bank übermittelt.', 39.95],
    ['Ihre Rücksendung wurde Ihrem Konto gutgeschrieben: 24,90 €.', 24.9],
    ['Wir haben den Betrag in Höhe von 89,99 € auf Ihr Konto gutgeschrieben.', 89.99],
  ])('%j → full_refund', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });

  it.each([
    'Wir bestätigen den Eingang Ihrer Rücksendung.',
    'Wir bestätigen Ihnen hiermit Ihre Zahlung über 99,00 €.',
    'Ihre Rücksendung wurde Ihrem Kundenkonto gutgeschrieben.',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });
});

describe('resolution: Italian, French and Spanish refunds and credits said in other words', () => {
  it.each([
    ["Abbiamo provveduto a rimborsarle l'importo di 45,00 € sulla carta di credito.", 'full_refund', 45],
    ['Le comunichiamo che è stato disposto il bonifico di 120,00 € a titolo di rimborso.', 'full_refund', 120],
    ['Nous avons procédé au virement de 65,00 € sur votre compte bancaire.', 'full_refund', 65],
    ['Un avoir de 15 € vous a été attribué, valable sur votre prochaine commande.', 'store_credit', 15],
    ['Hemos emitido una nota de crédito por 20,00 € que puedes usar en tu próxima compra.', 'store_credit', 20],
  ])('%j → %s', (text, outcome, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome, amount });
  });

  it('`votre demande de remboursement ne peut aboutir` → denied', () => {
    expect(
      resolutionOf('Votre demande de remboursement ne peut aboutir, le délai de rétractation étant dépassé.'),
    ).toMatchObject({ outcome: 'denied' });
  });

  it.each([
    'Si votre demande ne peut aboutir, nous vous contacterons.',
    "Merci d'effectuer le virement de 65,00 € sur votre compte client.",
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });
});

describe('resolution: a Norwegian refusal with an adverb, a Polish discount code granted', () => {
  it('`Vi har dessverre avslått reklamasjonen din` → denied', () => {
    expect(resolutionOf('Vi har dessverre avslått reklamasjonen din, da skaden skyldes feil bruk.')).toMatchObject({
      outcome: 'denied',
    });
  });

  it('`przyznaliśmy Pani kod rabatowy o wartości 30 zł` → store_credit', () => {
    expect(resolutionOf('W ramach rekompensaty przyznaliśmy Pani kod rabatowy o wartości 30 zł.')).toMatchObject({
      outcome: 'store_credit',
      amount: 30,
      currency: 'PLN',
    });
  });
});

describe('resolution: a refund with a credit beside it, and a refund given as credit', () => {
  it.each([
    [
      'We refunded $25.99 to your original payment method and added a $5.00 credit to your account for the trouble.',
      25.99,
    ],
    ['Wir haben Ihnen 49,99 € erstattet und zusätzlich einen Gutschein über 10 € geschickt.', 49.99],
  ])('%j → full_refund (the credit is a gesture beside it)', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });

  it.each([
    ["We've issued a refund of $25.99 to your gift card balance.", 25.99],
    ['Your refund of $25.99 has been processed and issued as store credit.', 25.99],
    ['Da bøgerne var købt på udsalg, har vi udstedt et tilgodebevis på 320,00 kr.', 320],
    // A balance the shop or app keeps.
    ['Your refund request has been approved, and €4.50 has been refunded to your wallet balance in the app.', 4.5],
    ["We've refunded $12.99 to your Apple Account balance.", 12.99],
    ['Your account has been credited with $25.00 for the outage.', 25],
    ['The amount of $30.00 has been refunded to your account balance and can be used on your next purchase.', 30],
  ])('%j → store_credit (the refund given as credit)', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'store_credit', amount });
  });

  it.each([
    // A payment service's balance is money back.
    ["We've refunded $12.99 to your PayPal balance.", 12.99],
    ['We have refunded $20.00 to your Venmo balance.', 20],
    ['The refund of $45.00 was credited to your bank account balance.', 45],
    ['We refunded $45.00 and your card account has been credited.', 45],
  ])('%j → full_refund (a payment service’s balance)', (text, amount) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', amount });
  });
});

describe('resolution: a refund made to others than the reader', () => {
  it.each([
    [
      'We have refunded customers who experienced the same issue in the past, but in your case the warranty expired in March, so we cannot offer a refund this time.',
      'denied',
    ],
    ['Nous avons remboursé d’autres clients dans ce cas, mais votre demande de remboursement est refusée.', 'denied'],
  ])('%j → %s', (text, outcome) => {
    expect(resolutionOf(text)).toMatchObject({ outcome });
  });

  it.each([
    'We have refunded all affected customers who were charged twice last week.',
    'We refunded many customers for the same problem.',
    'Hemos reembolsado a otros clientes por el mismo motivo.',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });

  it('a refund to the reader stays one', () => {
    expect(resolutionOf('We have refunded your order of $40.00 to your card.')).toMatchObject({
      outcome: 'full_refund',
    });
    expect(resolutionOf('We have refunded the customer service fee of $5.00.')).not.toBeNull();
  });
});

describe('resolution: a refund on its way, in every language that says so', () => {
  it.each([
    ['es', 'Hola, tu reembolso de 45,00 € está en camino.', 'EUR'],
    // `kr` alone is Swedish, Danish or Norwegian: the sender's country tells, and this test has none.
    ['sv', 'Hej, din återbetalning på 450 kr är på väg.', null],
    ['de', 'Hallo, Ihre Erstattung über 45,00 € ist unterwegs.', 'EUR'],
    ['fr', 'Bonjour, votre remboursement de 45,00 € est en route.', 'EUR'],
    ['it', 'Ciao, il rimborso di 45,00 € è in arrivo sul tuo conto.', 'EUR'],
    ['pt', 'Olá, o seu reembolso de 45,00 € está a caminho.', 'EUR'],
  ])('%s: %j → full_refund', (_lang, text, currency) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'full_refund', currency });
  });

  it.each([
    // A return on its way to the shop: the refund is still to come.
    'Hola, su devolución está en camino a nuestro almacén. Una vez recibida, procesaremos el reembolso.',
    'Hallo, Ihre Rücksendung ist unterwegs zu uns. Die Erstattung erfolgt nach Prüfung.',
    'Bonjour, votre colis est en route vers notre entrepôt ; le remboursement suivra.',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });
});

describe('resolution: an exchange shipped is a replacement', () => {
  it.each([
    'Hi Dana, your exchange for a size M has shipped! Tracking: 9400111899223344556677',
    'Hi Dana, we shipped your exchange item today.',
  ])('%j → replacement', (text) => {
    expect(resolutionOf(text)).toMatchObject({ outcome: 'replacement' });
  });

  it.each([
    // The exchange's paperwork, and the policy.
    'Hi Dana, we have sent your exchange label by email. Please print it.',
    'Hi Dana, your exchange request has been received and sent to our warehouse.',
    'Hi Dana, exchanges are shipped within 5 days of receiving your return.',
  ])('%j → null', (text) => {
    expect(resolutionOf(text)).toBeNull();
  });
});
