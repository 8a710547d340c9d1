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
    // A service request's short label; `Sr.` the title is none.
    ['Re: SR# 1-88412093 - Return', '1-88412093'],
    ['Your SR 3-41200919871 was updated.', '3-41200919871'],
    ['Ihre Vorgangsnummer: EB-448120', 'EB-448120'],
    ['Nous faisons suite à votre demande n° 2023-77812.', '2023-77812'],
    ['Numéro de dossier : 2023-77812', '2023-77812'],
    ['Número de caso: 12345678', '12345678'],
    // Japanese and Chinese: a full-width colon, and letters touching the label and the number.
    ['お問い合わせ番号：284410の件でご連絡いたします。', '284410'],
    ['お客様のお問い合わせ番号：284410の件につきまして', '284410'],
    ['案件編號：LT-20461', 'LT-20461'],
    ['您的工单号88102已更新。', '88102'],
    // Korean: the particle glued to the label (`접수번호는`), or the label spaced.
    ['문의번호: CS-2611-0482', 'CS-2611-0482'],
    ['고객님의 접수번호는 20261127-5531입니다.', '20261127-5531'],
    ['반품 접수 번호 RT-77120 건으로 안내드립니다.', 'RT-77120'],
    // A word after a label is no identifier that would hide the label after it.
    ['Your complaint reference number is CMP/2026/004471.', 'CMP/2026/004471'],
    ['Demande de remboursement dossier VC-31208', 'VC-31208'],
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
    ['ar: the refund’s reference', 'رقم مرجع الاسترداد: RFK-778120'],
    ['a title, not a service request', 'Estimado Sr. 4471, gracias por escribirnos.'],
    // A reference after an item's name, in its parentheses, is the item's.
    ['es: an item’s reference', 'Hemos recibido el artículo devuelto (cafetera, referencia 0012-553-041).'],
    ['fr: an item’s reference', 'Nous avons bien reçu l’article retourné (chemise, référence 4412-889-01).'],
    ['pt: an item’s reference', 'Recebemos o artigo devolvido (casaco, referência 7781-2201).'],
  ])('%s: %j → null', (_label, text) => {
    expect(caseNumberOf(text)).toBeNull();
  });

  it('a reference in parentheses right after the request names the request', () => {
    expect(caseNumberOf('Votre demande (référence 4412889) a bien été enregistrée.')?.value).toBe('4412889');
  });

  it('an order number next to a case number does not hide the case number', () => {
    expect(caseNumberOf('Order #123456 and case #654321')?.value).toBe('654321');
  });
});

describe('case-number: labels and help-desk tags in four languages', () => {
  it.each([
    // English help desks.
    ['Re: [Request #48213] Refund status', 'Your request', '48213'],
    ['[Ticket#2023110710000123] Ihre Anfrage', 'OTRS subject tag', '2023110710000123'],
    ['Case #: 00123456 - Refund [ ref:_00D5e1234._5005e0987:ref ]', 'Salesforce', '00123456'],
    ['Update on your request [#55231]', 'Freshdesk tag', '55231'],
    ['Incident INC0012345 resolved', 'ServiceNow', 'INC0012345'],
    ['PayPal dispute PP-D-987654321 closed', 'PayPal', 'PP-D-987654321'],
    ['Your support ticket number is 772190', 'is between label and number', '772190'],
    ['Return authorization number: 4471-22', 'return authorization', '4471-22'],
    // German.
    ['Ihre Anfrage – Ticketnummer 2023-4411', 'Ticketnummer', '2023-4411'],
    ['Aktenzeichen: AZ-77120', 'Aktenzeichen', 'AZ-77120'],
    ['Reklamationsnummer: R-558812', 'Reklamationsnummer', 'R-558812'],
    ['Ihre Retourenanfrage 88213', 'a compound of Anfrage', '88213'],
    // Dutch and Polish.
    ['Je retourverzoek 88213', 'a compound of verzoek', '88213'],
    ['Twoje zgłoszenie zwrotu nr 88213', 'zgłoszenie of a return', '88213'],
    // French.
    ['Votre réclamation n° 44812', 'réclamation n°', '44812'],
    ['Numéro de ticket : 99812', 'numéro de ticket', '99812'],
    ['Référence : SAV-2023-0098', 'référence', 'SAV-2023-0098'],
    // Spanish.
    ['Número de incidencia: 8841203', 'número de incidencia', '8841203'],
    ['Su referencia: ES-44120', 'referencia', 'ES-44120'],
    ['Expediente nº 2023/55', 'expediente with a slash', '2023/55'],
    ['Vale de compra - incidencia 2024/INC/00417', 'slashes inside', '2024/INC/00417'],
    ['Votre demande de remboursement n° DR-4471902', 'what the request is for', 'DR-4471902'],
    ['Votre demande SAV n° VL-24-4410', 'demande SAV', 'VL-24-4410'],
    ['Votre requête 00482915 [ ref:_00D7Q2aB1._5007Q8XyZ9:ref ]', 'requête and Salesforce', '00482915'],
    ['Référence de la conversation : OT-CH-5583016', 'a chat reference', 'OT-CH-5583016'],
    ['Chat-Referenz: FN-CHAT-2207719', 'a German chat reference', 'FN-CHAT-2207719'],
    ['Retourennummer: RS-228410', 'Retourennummer', 'RS-228410'],
    ['Referencia del cambio: VU-CAM-20931', 'an exchange reference', 'VU-CAM-20931'],
    ['Référence de transaction : TRX-FR-99120473', 'a transaction reference', null],
    // Vietnamese: "code" and "number" come before the noun.
    ['Mã yêu cầu: 58231', 'mã yêu cầu', '58231'],
    ['Phiếu hỗ trợ #77120 đã được cập nhật', 'phiếu hỗ trợ', '77120'],
    ['Mã yêu cầu trả hàng: TH-2611-0042', 'what the request is for', 'TH-2611-0042'],
    ['Mã giao dịch: VNP-88120455', 'a Vietnamese transaction code', null],
    ['Vorgang vom 10/11/2023', 'a date with slashes', null],
  ])('%j (%s) → %s', (subject, _label, expected) => {
    expect(caseNumberOf('See the subject.', subject)?.value ?? null).toBe(expected);
  });

  it.each([
    ['We have received your return RMA-20931.', 'RMA-20931'],
    ['RMA20931 has been processed.', 'RMA20931'],
    ['Your RMA number: 20931', '20931'],
    ['Ihre RMA-Nummer lautet 20931.', '20931'],
    ['Hemos registrado su solicitud de devolución con el número RMA-MS-44120.', 'RMA-MS-44120'],
    ['RMA number: RMA-55102', 'RMA-55102'],
  ])('an RMA: %j → %s', (text, expected) => {
    expect(caseNumberOf(text)?.value).toBe(expected);
  });

  it('the Salesforce thread reference alone is no case number', () => {
    expect(caseNumberOf('Thanks.', 'Your refund [ ref:_00D5e1234._5005e0987:ref ]')).toBeNull();
  });
});

describe('case-number: order, invoice and transaction numbers are never case numbers', () => {
  it.each([
    ['Spanish order in the subject', 'Confirmación de reembolso – pedido TS-2023-104455', 'Gracias.'],
    ['German order', 'Ihre Bestellung GTB-2023-4411', 'Danke.'],
    ['French order', 'Votre commande n° GTB-2023-4411', 'Merci.'],
    ['order number with a label word', 'Order number: GTB-2023-4411', 'Thanks.'],
    ['an invoice', 'Invoice GTB-2023-4411', 'Thanks.'],
    ['a German invoice', 'Rechnung Nr. GTB-2023-4411', 'Danke.'],
    ['a French invoice', 'Facture GTB-2023-4411', 'Merci.'],
    ['a Spanish invoice', 'Factura GTB-2023-4411', 'Gracias.'],
    ['a transaction', 'Transaction GTB-2023-4411', 'Thanks.'],
    ['a refund reference', 'Refund status', 'Your refund reference is RF-48213-01.'],
    ['a refund reference without “is”', 'Refund status', 'Refund reference RF-48213-01'],
    ['a customer reference', 'Refund status', 'Customer reference: 4471220'],
    ['a payment reference in Spanish', 'Reembolso', 'Referencia del pago: 88412'],
    ['an order reference in French', 'Remboursement', 'Référence de commande : ML-559034'],
    // The refund's own reference, its qualifier after the label.
    ['a refund reference in Spanish', 'Reembolso', 'Referencia del reembolso: RF-448120'],
    ['a refund reference in Portuguese', 'Reembolso', 'Referência do reembolso: RB-771204'],
    ['a refund reference in French', 'Remboursement', 'Référence du remboursement : RB-771204'],
    ['a refund reference in Italian', 'Rimborso', 'Riferimento del rimborso: RB-771204'],
    ['a customer reference in Portuguese', 'Reembolso', 'Referência do cliente: 4471220'],
    ['a phone number after a label', 'Refund status', 'Ticket hotline 0800 123 4567'],
    ['a year', 'Refund status', 'Case 2023 was a good year.'],
    ['a German date', 'Refund status', 'Vorgang vom 10.11.2023'],
  ])('%s → null', (_label, subject, text) => {
    expect(caseNumberOf(text, subject)).toBeNull();
  });

  it('the same identifier labelled as an order elsewhere is not a case number', () => {
    const text = 'Su pedido TS-2023-104455 ha sido enviado.\n\nTS-2023-104455: 1 cafetera.';
    expect(caseNumberOf(text)).toBeNull();
  });

  it('a case number beside an order number is still found', () => {
    expect(caseNumberOf('Pedido TS-2023-104455, número de caso 77120.')?.value).toBe('77120');
    expect(caseNumberOf('Bestellung 30018842 – Vorgangsnummer: EB-448120')?.value).toBe('EB-448120');
  });

  it('records what it matched and where', () => {
    expect(caseNumberOf('We have received your return RMA-20931.')).toEqual({
      value: 'RMA-20931',
      rule: 'case-number/prefixed',
      matched: 'RMA-20931',
      location: 'new_text',
    });
    expect(caseNumberOf('Hi.', 'Update [#55231]')).toMatchObject({
      rule: 'case-number/subject-tag',
      matched: '[#55231]',
      location: 'subject',
    });
  });
});

describe('case-number: Italian, Dutch, Polish and Portuguese labels (from the lexicons)', () => {
  it.each([
    // Italian: Amazon.it, eBay.it and help desks.
    ['it', 'Numero pratica: PR-2023-44812', 'PR-2023-44812'],
    ['it', 'La tua richiesta n. 4471203 è stata presa in carico.', '4471203'],
    ['it', 'Abbiamo aperto il numero ticket 88123 per te.', '88123'],
    ['it', 'Il numero della pratica è 55120778.', '55120778'],
    ['it', 'Segnalazione #IT-55120 aggiornata', 'IT-55120'],
    ['it', 'Rif.: ASS-2024-0071', 'ASS-2024-0071'],
    // "Number" after what the request is for.
    ['it', 'Oggetto: Richiesta di rimborso n. RR-20931', 'RR-20931'],
    // Dutch: bol.com, Coolblue, Zalando.nl.
    ['nl', 'Ticketnummer: 2023-118842', '2023-118842'],
    ['nl', 'Uw zaaknummer is 77120045.', '77120045'],
    ['nl', 'Ons kenmerk: BOL-448812', 'BOL-448812'],
    ['nl', 'Retournummer: R-99812', 'R-99812'],
    ['nl', 'Je klacht met nummer 6620451 is in behandeling.', '6620451'],
    // Polish: Allegro, Amazon.pl; the noun after `Numer`/`nr` in the genitive.
    ['pl', 'Numer zgłoszenia: 5512078', '5512078'],
    ['pl', 'Dotyczy: nr sprawy 2023/11/0042', '2023/11/0042'],
    ['pl', 'Reklamacja nr RK-44120 została rozpatrzona.', 'RK-44120'],
    ['pl', 'Twoje zgłoszenie ma numer 99120455.', '99120455'],
    ['pl', 'Dyskusja nr 7812003 została zamknięta.', '7812003'],
    // Portuguese: Amazon.com.br, Mercado Livre, protocol numbers.
    ['pt', 'Número do protocolo: 2023112755012', '2023112755012'],
    ['pt', 'O número do chamado é 448120.', '448120'],
    ['pt', 'Protocolo de atendimento: 20231127-5501', '20231127-5501'],
    ['pt', 'Sua solicitação nº 88120 foi registrada.', '88120'],
    ['pt', 'Chamado #BR-55102 atualizado', 'BR-55102'],
  ])('%s: %j → %s', (_language, text, expected) => {
    const found = caseNumberOf(text);
    expect(found).toMatchObject({ value: expected, rule: 'case-number/labelled' });
    expect(found?.matched).toContain(expected);
  });

  it.each([
    ['it', 'an order', 'Numero ordine: 402-1234567-1234567'],
    ['it', 'a transaction reference', 'Riferimento della transazione: 99120473'],
    ['it', 'a payment reference', 'Riferimento pagamento: PAY-778812'],
    ['it', 'a refund reference', 'Rimborso riferimento RF-48213-01'],
    ['nl', 'an order', 'Bestelnummer: 1234567890'],
    ['nl', 'an invoice', 'Factuurnummer: 55120934'],
    ['nl', 'a customer number', 'Klantnummer: 4471220'],
    ['nl', 'a payment reference glued to its noun', 'Betalingskenmerk: 7781 2234 5512'],
    ['pl', 'an order', 'Numer zamówienia: 1234-5678-9012'],
    ['pl', 'a transaction', 'Numer transakcji: 88120455'],
    ['pl', 'a phone number', 'Numer telefonu: 601 234 567'],
    ['pt', 'an order', 'Número do pedido: 702-1234567-1234567'],
    ['pt', 'an order with nº', 'Seu pedido nº 2000004455123 foi entregue.'],
    ['pt', 'an invoice', 'Nota fiscal nº 44812'],
    ['pt', 'a payment reference', 'Referência do pagamento: 88412'],
    ['pt', '`chamado` as an everyday word', 'O produto chamado X200-B voltou ao estoque.'],
  ])('%s, %s: %j → null', (_language, _what, text) => {
    expect(caseNumberOf(text)).toBeNull();
  });

  it.each([
    ['it', 'Re: Richiesta n. 4471203 - rimborso', 'Rimborso ordine n. 171-5512034-7781234', '4471203'],
    ['nl', 'Uw vraag (ticketnummer 2023-118842)', 'Bestelling 2203341155', '2023-118842'],
    ['pl', 'Odp: Zgłoszenie nr 5512078', 'Dotyczy zamówienia nr 1234-5678-9012', '5512078'],
    ['pt', 'RES: Protocolo 2023112755012', 'Pedido nº 2000004455123', '2023112755012'],
  ])('%s: the case in the subject, the order in the body: %j', (_language, subject, text, expected) => {
    expect(caseNumberOf(text, subject)).toMatchObject({ value: expected, location: 'subject' });
  });
});

describe('case-number: shapes from real-world-shaped notifications', () => {
  it.each([
    ['a chat conversation ID', 'Conversation ID 5520981734. Rate this conversation.', '5520981734'],
    ['a return ID', 'Return ID: 5302187745', '5302187745'],
    ['a help desk’s request in parentheses', 'Your request (77104) has been updated.', '77104'],
    ['a French dispute', 'Numéro de litige : PP-D-4471-20931', 'PP-D-4471-20931'],
    ['a French return with n°', 'Votre retour n° RT-55210 – commande 8812047', 'RT-55210'],
    ['a German request', 'Anfrage: 2025-FR-118842', '2025-FR-118842'],
    ['a German service case', 'Zusage Erstattung – Servicefall KD-22871', 'KD-22871'],
    ['a German return', 'Ihre Rücksendung RS-88120 ist bei uns eingegangen', 'RS-88120'],
    ['a European Portuguese support request', 'Pedido de apoio: #52210', '52210'],
    ['a Brazilian ticket with bare digits', 'RE: Liquidificador com defeito – chamado 558812', '558812'],
  ])('%s: %j → %s', (_label, text, expected) => {
    expect(caseNumberOf(text)).toMatchObject({ value: expected, rule: 'case-number/labelled' });
  });

  // A return's own code is the merchant's handle of the case, like an RMA (the everyday noun needs the code).
  it.each([
    ['an English return code', 'Your return RT-44120 has been received at our warehouse.', 'RT-44120'],
    ['a Spanish return code', 'Hemos recibido tu devolución DV-30217 en nuestro almacén.', 'DV-30217'],
    ['a French return code', 'Votre retour RT-55210 a bien été reçu.', 'RT-55210'],
    ['an Italian return code', 'Il tuo reso RS-20931 è stato accettato.', 'RS-20931'],
    ['a Dutch return code', 'Je retour RET-2025-0081 is verwerkt.', 'RET-2025-0081'],
    ['a Brazilian return code, no cedilla', 'Recebemos sua devolucao DV-30217.', 'DV-30217'],
    ['a Polish return code', 'Twój zwrot ZW-30117 został przyjęty do magazynu.', 'ZW-30117'],
    ['a Polish return code, genitive', 'Dotyczy zwrotu ZW-30117 z 12 listopada.', 'ZW-30117'],
    ['a Swedish return code', 'Din retur RT-44120 har tagits emot.', 'RT-44120'],
    ['a Danish return code', 'Din returnering RT-44120 er modtaget på vores lager.', 'RT-44120'],
    ['a Norwegian return code', 'Din retur RT-44120 er mottatt på lageret vårt.', 'RT-44120'],
    ['a Czech return code', 'Vaše vratka VR-30117 byla přijata do skladu.', 'VR-30117'],
  ])('%s: %j → %s', (_label, text, expected) => {
    expect(caseNumberOf(text)).toMatchObject({ value: expected, rule: 'case-number/return-code' });
  });

  // The same words as labels already give the code (`devolução`, `returärende`, `returen` are case labels there).
  it.each([
    ['a Portuguese return code', 'A sua devolução DV-30217 foi recebida no nosso armazém.', 'DV-30217'],
    ['a Swedish return case', 'Ditt returärende RA-55012 är registrerat.', 'RA-55012'],
    ['a Swedish return, definite', 'Returen RT-44120 har kommit fram till vårt lager.', 'RT-44120'],
  ])('%s: %j → %s (labelled)', (_label, text, expected) => {
    expect(caseNumberOf(text)).toMatchObject({ value: expected });
  });

  it('an order number is never read as a return code', () => {
    expect(caseNumberOf('Order number: HL-20931\nYour return HL-20931 has been received.')).toBeNull();
  });

  it.each([
    ['a return of some items', 'You can return 2 items free of charge.'],
    ['“retour” as a word', 'Le retour 2024 de notre collection.'],
    ['an amount after a Polish “zwrot”', 'Zwrot 1200,00 zł został zlecony.'],
    ['a return of an order', 'Your return for order ORD-55812 has been received.'],
    ['a Spanish return of an order', 'Tu devolución del pedido PD-30217 está en camino.'],
    ['a return on a date', 'Please return it by 2024-11-30.'],
    ['a Polish return of an order', 'Zwrot zamówienia ZM-30117 został przyjęty.'],
    ['a Portuguese return of an order', 'A devolução da encomenda EN-30217 foi recebida.'],
    ['a Swedish return of an order', 'Returen av order OR-44120 har tagits emot.'],
  ])('%s: %j → null', (_label, text) => {
    expect(caseNumberOf(text)).toBeNull();
  });
});

describe('case-number: a help desk’s notice line above its comments', () => {
  const notice = (line: string) =>
    `${line}\n----------------------------------------------\n\nTasha (Glow Beauty Support)\n\nApr 18, 2024, 2:15 PM EDT\n\nHi Alice,\n\nYour return has not been inspected yet.\n\n----------------------------------------------\n\nAlice Martin\n\nApr 15, 2024, 7:02 PM EDT\n\nWhere is my refund?`;
  it.each([
    ['en', 'Your request (77104) has been updated. To add additional comments, reply to this email.', '77104'],
    ['fr', 'Votre demande (58214) a été mise à jour. Pour ajouter des commentaires, répondez à cet e-mail.', '58214'],
    // The number in brackets after the notice's noun, where that noun is no case label.
    [
      'sv',
      'Din förfrågan (31207) har uppdaterats. Om du vill lägga till fler kommentarer svarar du på det här e-postmeddelandet.',
      '31207',
    ],
    [
      'da',
      'Din anmodning (52871) er blevet opdateret. Hvis du vil tilføje yderligere kommentarer, skal du blot besvare denne e-mail.',
      '52871',
    ],
  ])('%s: the notice is chrome, yet it names the request: %j → %s', (_language, line, expected) => {
    expect(caseNumberOf(notice(line), 'Re: Refund for order GB-390217')).toMatchObject({
      value: expected,
      location: 'new_text',
    });
  });
});

describe('case-number: Greek labels (from the lexicon)', () => {
  it.each([
    ['Αριθμός αιτήματος: 45120', '45120'],
    ['Το αίτημά σας #88213 ενημερώθηκε.', '88213'],
    ['Σχετικά με το αίτημά σας με αριθμό 77104, σας ενημερώνουμε ότι …', '77104'],
    ['ΑΡΙΘΜΟΣ ΑΙΤΗΜΑΤΟΣ: GR-2026-1187', 'GR-2026-1187'],
    ['Αίτηση επιστροφής αρ. RT-55120 καταχωρήθηκε.', 'RT-55120'],
  ])('%j → %s', (text, expected) => {
    expect(caseNumberOf(text)).toMatchObject({ value: expected, rule: 'case-number/labelled' });
  });

  it.each([
    ['an order', 'Αριθμός παραγγελίας: 100245'],
    ['a tax number', 'ΑΦΜ: 801234567'],
    ['a transaction', 'Αριθμός συναλλαγής: 4471298'],
  ])('%s: %j → null', (_what, text) => {
    expect(caseNumberOf(text)).toBeNull();
  });
});

describe('case-number: Russian, Ukrainian, Czech and Turkish labels (from the lexicons)', () => {
  it.each([
    ['ru', 'Обращение №77120 передано специалисту.', '77120'],
    ['ru', 'Номер обращения: 4471-220', '4471-220'],
    ['ru', 'Ваша заявка № 20931 зарегистрирована.', '20931'],
    ['uk', 'За вашим зверненням № 5521 ми визнали несправність.', '5521'],
    ['cs', 'Vaši reklamaci č. RK-26-1187 jsme uznali.', 'RK-26-1187'],
    ['cs', 'Číslo reklamace: 2024/REK/0417', '2024/REK/0417'],
    ['tr', 'Talep No: TLP-558201', 'TLP-558201'],
    ['tr', 'Talep numaranız: 4471298', '4471298'],
    ['tr', 'İade kodunuz: 4471298', '4471298'],
    ['ar', 'رقم التذكرة: 558201', '558201'],
    ['ar', 'تم تحديث تذكرتك رقم 48213 من قبل فريق الدعم.', '48213'],
    ['ar', 'رقم الشكوى: CMP-20931', 'CMP-20931'],
    ['ar', 'بخصوص طلب الإرجاع رقم RT-44120، نود إعلامك بما يلي.', 'RT-44120'],
    ['ar', 'رقم الحالة: 7745221', '7745221'],
    // The label in every case a sentence puts it in: `в обращении`, `по заявке`, `у заявці`, `по зверненню`.
    ['ru, prepositional', 'В обращении № 7745221 указан неверный адрес.', '7745221'],
    ['ru, dative', 'По заявке №48213 принято решение.', '48213'],
    ['ru, instrumental', 'Под заявкой №48213 мы зарегистрировали ваш вопрос.', '48213'],
    ['ru, genitive', 'Статус обращения № 2026-118842 изменён.', '2026-118842'],
    ['uk, locative', 'У заявці №30117 ми знайшли помилку.', '30117'],
    ['uk, instrumental', 'За заявкою № 30117 ухвалено рішення.', '30117'],
    ['uk, dative', 'По зверненню № 30117 ухвалено рішення.', '30117'],
    ['uk, locative', 'У зверненні № 30117 ми знайшли помилку.', '30117'],
    ['uk', 'Тікет #55120 закрито.', '55120'],
    ['uk', 'Код повернення: 44120', '44120'],
    ['uk, a Cyrillic prefix', 'Звернення № ЗВ-77120 передано фахівцю.', 'ЗВ-77120'],
    ['ru, a Cyrillic prefix', 'Обращение № ОБ-2026-118 передано специалисту.', 'ОБ-2026-118'],
  ])('%s: %j → %s', (_language, text, expected) => {
    const found = caseNumberOf(text);
    expect(found).toMatchObject({ value: expected, rule: 'case-number/labelled' });
  });

  it.each([
    ['ru', 'an order', 'Номер заказа: 48213377-0012'],
    ['uk', 'an order', 'Замовлення № 318804417 доставлено.'],
    ['cs', 'an order', 'Číslo objednávky: 481220331'],
    ['cs', 'a company ID', 'IČO: 27081234'],
    ['tr', 'an order', 'Sipariş No: 812739201'],
  ])('%s, %s: %j → null', (_language, _what, text) => {
    expect(caseNumberOf(text)).toBeNull();
  });

  it('a Czech help desk tag in the subject: "Vrácení peněz [Požadavek #55120]"', () => {
    expect(caseNumberOf('Dobrý den, posíláme poukaz.', 'Re: Vrácení peněz [Požadavek #55120]')).toMatchObject({
      value: '55120',
      location: 'subject',
    });
  });
});

describe('case-number: Swedish, Danish and Norwegian labels (from the lexicons)', () => {
  it.each([
    ['sv', 'Ärendenummer: 58213', '58213'],
    ['sv', 'Ditt ärende (40712) har uppdaterats.', '40712'],
    ['sv', 'Returnummer: RT-90412', 'RT-90412'],
    ['da', 'Sagsnummer: 20931', '20931'],
    ['da', 'Returanmodning: R-55120931', 'R-55120931'],
    ['nb', 'Saksnummer: RK-48812', 'RK-48812'],
    ['nb', 'Forespørselen din (91544) er oppdatert.', '91544'],
    ['nb', 'Reklamasjonsnummer: 771402', '771402'],
  ])('%s: %j → %s', (_language, text, expected) => {
    expect(caseNumberOf(text)).toMatchObject({ value: expected, rule: 'case-number/labelled' });
  });

  it.each([
    ['sv', 'an order', 'Ordernummer: NH-204518'],
    ['sv', 'a company register number', 'Org.nr 556987-1234'],
    ['sv', 'a store-credit code', 'Tillgodokvittots nummer: HB-TK-55810'],
    ['da', 'an order', 'Ordrenummer: 71120'],
    ['da', 'a voucher number', 'Tilgodebevisets nummer: TB-2024-11873'],
    ['da', 'a company register number', 'CVR-nr. 39112233'],
    ['nb', 'an order', 'Bestillingsnummer: 100553'],
    ['nb', 'a company register number', 'Org.nr. 923456789'],
  ])('%s, %s: %j → null', (_language, _what, text) => {
    expect(caseNumberOf(text)).toBeNull();
  });
});

describe('case-number: help-desk subject tags with a word of any language', () => {
  it.each([
    ['Vračilo [Zahteva #55120]', '55120'],
    ['Tagasimakse [Päring #55120]', '55120'],
    ['Palautus [Pyyntö #55120]', '55120'],
    ['Re: [Zahtjev za povrat #77104] Povrat novca', '77104'],
  ])('%j → %s', (subject, expected) => {
    expect(caseNumberOf('Hello', subject)).toMatchObject({ value: expected, rule: 'case-number/subject-tag' });
  });

  it.each([
    'Vaše objednávka [Objednávka #104277] byla odeslána',
    'Shipped [Order #104277]',
    '[Rechnung #2026118] Ihre Rechnung',
  ])('an order or invoice tag is no case: %j', (subject) => {
    expect(caseNumberOf('Hello', subject)).toBeNull();
  });
});
