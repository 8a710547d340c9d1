import { describe, expect, it } from 'vitest';
import type { ResolutionFinding } from '../../../src/rules/findings.js';
import { sentencesOf } from '../../../src/rules/message-text.js';
import { capitalised, caseFolded, MAX_SUMMARY_CHARS, summarize } from '../../../src/rules/summary.js';
import { context, FORWARDER, zendeskNotification } from './message.js';

const summaryOf = (text: string, subject = 'Your request') => summarize(context({ text, subject }));
const BODY = 'Your refund request is under review.';

describe('summary', () => {
  it.each([
    'Dear Alice,',
    'Dear Ms Martin,',
    'Hi Tom,',
    'Hello Alice Martin,',
    'Good morning Alice,',
    'Sehr geehrte Frau Martin,',
    'Hallo Alice,',
    'Guten Tag Frau Martin,',
    'Bonjour Madame Martin,',
    'Estimada Alice:',
    'Hola Alice,',
  ])('drops the greeting %j', (greeting) => {
    expect(summaryOf(`${greeting}\n\n${BODY}`)).toBe(BODY);
  });

  it('drops thanks-for-writing boilerplate when there is something else to say', () => {
    expect(summaryOf('Thank you for contacting GTBuy. Your parcel has been located.')).toBe(
      'Your parcel has been located.',
    );
  });

  // Issue 6: thanks, greetings and apologies are never the summary; when nothing else is left, the subject is.
  it('falls back to the subject when only thanks are left', () => {
    expect(summaryOf('Thank you for contacting GTBuy.', 'Refund status')).toBe('Refund status');
  });

  it('drops `[image: …]` placeholders', () => {
    expect(summaryOf('[image: GTBuy]\n\nYour parcel has been located.')).toBe('Your parcel has been located.');
  });

  it('leaves out the signature and the quoted history', () => {
    const text = ['Your parcel has been located.', '', 'Best regards,', 'Lisa Chen', '', '> Where is my parcel?'].join(
      '\n',
    );
    expect(summaryOf(text)).toBe('Your parcel has been located.');
  });

  it('is bounded and made of whole sentences', () => {
    const sentences = Array.from({ length: 12 }, (_, i) => `Sentence ${i + 1} of the reply has a few words in it.`);
    const summary = summaryOf(`Dear Alice,\n\n${sentences.join(' ')}`);
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    // As many whole sentences as fit, from the start, nothing cut in the middle.
    const kept = sentencesOf(summary);
    expect(kept).toEqual(sentences.slice(0, kept.length));
    expect(summary.length + 1 + (sentences[kept.length]?.length ?? 0)).toBeGreaterThan(MAX_SUMMARY_CHARS);
    expect(kept.length).toBeGreaterThanOrEqual(2);
  });

  it('cuts a single over-long sentence at a word, with an ellipsis', () => {
    const long = `This is a ${'very '.repeat(100)}long sentence.`;
    const summary = summaryOf(`Hi Tom,\n\n${long} Second sentence.`);
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(summary.length).toBeGreaterThan(MAX_SUMMARY_CHARS - 10);
    expect(summary.endsWith('very…')).toBe(true);
    expect(long.startsWith(summary.slice(0, -1))).toBe(true);
  });

  it('falls back to the subject when the new text is empty', () => {
    expect(summaryOf('', 'Refund status')).toBe('Refund status');
  });

  it('folds whitespace and line wrapping', () => {
    expect(summaryOf('Your parcel\nhas been\n\tlocated.')).toBe('Your parcel has been located.');
  });
});

describe('summary: help-desk notifications', () => {
  it('a Zendesk notification: only the newest comment, no reply-above line, author or history', () => {
    const text = zendeskNotification('The refund of $42.00 was issued today. [image: Shoply]');
    expect(summaryOf(text)).toBe('The refund of $42.00 was issued today.');
  });

  it.each([
    ['Hola Diego:\n\nHemos recibido la aspiradora.', 'Hemos recibido la aspiradora.'],
    ['Guten Tag Frau Vogel,\n\nIhre Rücksendung ist eingegangen.', 'Ihre Rücksendung ist eingegangen.'],
    ['Bonjour Chloé,\n\nNous avons bien reçu les livres.', 'Nous avons bien reçu les livres.'],
    // On the sentence's own line, after a full-width comma and no space.
    ['您好，您的问题我们已经记录，会尽快处理。', '您的问题我们已经记录，会尽快处理。'],
    ['张先生，您好！退款已原路退回。', '退款已原路退回。'],
  ])('drops the greeting in %j', (text, summary) => {
    expect(summaryOf(text)).toBe(summary);
  });

  it.each([
    // Thanks before the news, in the same sentence: the news is the summary, not the subject.
    ['Thanks, I can see the refund on my statement now. All good!', 'I can see the refund on my statement now.'],
    ['Danke, die Erstattung ist heute angekommen.', 'Die Erstattung ist heute angekommen.'],
    ['谢谢！退款已经收到了。', '退款已经收到了。'],
  ])('drops the thanks in %j', (text, summary) => {
    expect(summaryOf(text, 'Re: Your refund')).toBe(summary);
  });
});

describe('summary: the point of the message, in eight languages', () => {
  it.each([
    [
      'en',
      'Hi Alice,\n\nI hope this email finds you well. Thank you for contacting Shoply Support. I’m sorry for the trouble with your order.\n\nWe have issued a full refund of $42.00 to your Mastercard. You will see it within 5-7 business days.\n\nIf you have any questions, please don’t hesitate to contact us.\n\nKind regards,\nJamie',
      'We have issued a full refund of $42.00 to your Mastercard. You will see it within 5-7 business days.',
    ],
    [
      'de',
      'Sehr geehrte Frau Vogel,\n\nvielen Dank für Ihre Nachricht und Ihre Geduld. Es tut uns leid, dass der Wasserkocher beschädigt angekommen ist.\n\nWir haben Ihnen die Erstattung über 39,99 € heute auf Ihr PayPal-Konto überwiesen.\n\nBei weiteren Fragen stehen wir Ihnen gerne zur Verfügung.\n\nMit freundlichen Grüßen\nIhr Kundenservice',
      'Wir haben Ihnen die Erstattung über 39,99 € heute auf Ihr PayPal-Konto überwiesen.',
    ],
    [
      'fr',
      'Bonjour Chloé,\n\nMerci pour votre message. Nous sommes désolés pour ce désagrément.\n\nNous vous confirmons que votre demande de remboursement a été validée. Le montant de 24,90 € sera crédité sur votre carte d’ici le 8 novembre.\n\nN’hésitez pas à nous contacter pour toute question.\n\nCordialement,',
      'Nous vous confirmons que votre demande de remboursement a été validée. Le montant de 24,90 € sera crédité sur votre carte d’ici le 8 novembre.',
    ],
    [
      'es',
      'Hola Diego:\n\nGracias por contactar con nosotros. Lamentamos las molestias ocasionadas.\n\nHemos aprobado el reembolso de 59,00 € de tu pedido. Lo verás en tu cuenta en un plazo de 3 a 5 días hábiles.\n\nSi tienes cualquier otra duda, no dudes en escribirnos.\n\nUn saludo,',
      'Hemos aprobado el reembolso de 59,00 € de tu pedido. Lo verás en tu cuenta en un plazo de 3 a 5 días hábiles.',
    ],
    [
      'it',
      'Gentile Marco,\n\nla ringraziamo per averci contattato e ci scusiamo per il disagio.\n\nAbbiamo approvato il suo reso e le abbiamo emesso un rimborso di 45,00 €. L’importo sarà accreditato entro 5 giorni lavorativi.\n\nPer qualsiasi domanda non esiti a contattarci.\n\nCordiali saluti',
      'Abbiamo approvato il suo reso e le abbiamo emesso un rimborso di 45,00 €. L’importo sarà accreditato entro 5 giorni lavorativi.',
    ],
    [
      'nl',
      'Beste Sanne,\n\nBedankt voor je bericht. Het spijt ons dat je pakket beschadigd was.\n\nWe hebben je retour goedgekeurd en € 34,95 terugbetaald op je rekening.\n\nHeb je nog vragen? Neem gerust contact met ons op.\n\nMet vriendelijke groet,\nKlantenservice',
      'We hebben je retour goedgekeurd en € 34,95 terugbetaald op je rekening.',
    ],
    [
      'pl',
      'Dzień dobry,\n\ndziękujemy za kontakt. Przepraszamy za utrudnienia.\n\nPani reklamacja została uznana. Zwrot w wysokości 129,00 zł zostanie zaksięgowany na Pani koncie w ciągu 14 dni.\n\nW razie pytań prosimy o kontakt.\n\nPozdrawiamy,\nZespół obsługi klienta',
      'Pani reklamacja została uznana. Zwrot w wysokości 129,00 zł zostanie zaksięgowany na Pani koncie w ciągu 14 dni.',
    ],
    [
      'pt',
      'Olá Ana,\n\nObrigado pelo seu contacto. Pedimos desculpa pelo incómodo.\n\nA sua devolução foi aprovada e o reembolso de 45,00 € será processado em até 7 dias úteis.\n\nSe tiver alguma dúvida, não hesite em contactar-nos.\n\nCom os melhores cumprimentos,',
      'A sua devolução foi aprovada e o reembolso de 45,00 € será processado em até 7 dias úteis.',
    ],
  ])('%s: thanks, apologies and offers of help are skipped', (_language, text, summary) => {
    expect(summaryOf(text)).toBe(summary);
  });

  it.each([
    [
      'the decision before the timing, in their order',
      'Please allow 3-5 business days for the money to arrive. Your refund of $18.00 was approved today.',
      'Please allow 3-5 business days for the money to arrive. Your refund of $18.00 was approved today.',
    ],
    [
      'a plain sentence loses to the decision',
      'Our warehouse team had a look at the parcel this morning. Unfortunately, we are unable to approve your refund request.',
      'Unfortunately, we are unable to approve your refund request.',
    ],
    [
      'the point, not the empathy',
      'I understand how frustrating it is to wait for a parcel. I have opened an investigation with the carrier and will update you by Friday, November 3rd.',
      'I have opened an investigation with the carrier and will update you by Friday, November 3rd.',
    ],
  ])('%s', (_label, text, summary) => {
    expect(summaryOf(text)).toBe(summary);
  });

  it('a customer’s message: what went wrong and the request itself', () => {
    const text =
      'Hello,\n\nI hope you are well. I bought the Aurora kettle (order 55120) last week and it arrived with a cracked lid. I’d like a refund for the damaged kettle, please.\n\nThanks,\nAlice';
    const ctx = context({ text, from: { address: FORWARDER, name: 'Alice Martin' } });
    expect(summarize(ctx)).toBe(
      'I bought the Aurora kettle (order 55120) last week and it arrived with a cracked lid. I’d like a refund for the damaged kettle, please.',
    );
  });

  it.each([
    [
      'zero-width preheader filler',
      '\u034f \u200c \u034f \u200c \u034f \u200c\n\nYour refund of $12.00 has been issued.',
      'Your refund of $12.00 has been issued.',
    ],
    [
      'a soft hyphen and zero-width spaces inside words',
      'Your re\u00adfund of $12.00 has been is\u200bsued.',
      'Your refund of $12.00 has been issued.',
    ],
    [
      '`&zwnj;` left over from HTML',
      '&zwnj;&zwnj;&zwnj; Your refund of $12.00 has been issued.&zwnj;',
      'Your refund of $12.00 has been issued.',
    ],
    [
      'a raw link',
      'Your refund of $12.00 has been issued (https://shop.example.com/orders/123?utm_source=mail).',
      'Your refund of $12.00 has been issued.',
    ],
  ])('strips %s', (_label, text, summary) => {
    expect(summaryOf(text)).toBe(summary);
  });

  it.each([
    [
      'Dear customer,\n\nThank you for your email. We apologise for the inconvenience.\n\nBest regards,',
      'Your order 55120',
    ],
    ['Vielen Dank für Ihre Nachricht. Es tut uns leid.', 'Your order 55120'],
    ['Merci pour votre message. Toutes nos excuses pour ce désagrément. Bonne journée.', 'Your order 55120'],
  ])('%j: nothing but civilities, so the subject', (text, subject) => {
    expect(summaryOf(text, subject)).toBe(subject);
  });
});

describe('summary: receipts and repeated lines', () => {
  it('a table flattened to label and value lines: the total, not the subtotal or the tax', () => {
    const text = [
      'We’ve issued your refund for the item below.',
      '',
      'Refund subtotal',
      '$15.49',
      'Sales tax refund',
      '$1.50',
      'Refund total',
      '$16.99',
    ].join('\n');
    expect(summaryOf(text)).toBe('We’ve issued your refund for the item below. Refund total: $16.99');
  });

  it.each([
    [
      'a preheader that repeats the first line',
      'Your refund of $12.00 has been issued.\n\nYour refund of $12.00 has been issued.',
    ],
    [
      'a heading that repeats it in other case',
      'YOUR REFUND OF $12.00 HAS BEEN ISSUED.\n\nYour refund of $12.00 has been issued.',
    ],
  ])('%s counts once', (_label, text) => {
    expect(summaryOf(text).toLowerCase()).toBe('your refund of $12.00 has been issued.');
  });

  it('a Turkish heading in capitals counts once (`İ` lower-cases to `i̇`, `I` to `i`, not `ı`)', () => {
    const text =
      'İADE TUTARINIZ 549,90 TL OLARAK KARTINIZA YATIRILDI.\n\nİade tutarınız 549,90 TL olarak kartınıza yatırıldı.';
    expect(summaryOf(text, 'İade bilgilendirmesi')).toBe('İADE TUTARINIZ 549,90 TL OLARAK KARTINIZA YATIRILDI.');
  });
});

describe('summary: letter case in every language', () => {
  it.each([
    // The greeting goes, the sentence's first letter becomes a capital, in the message's language.
    [
      'Merhaba Ayşe Hanım, iade talebiniz onaylandı ve 549,90 TL kartınıza yatırıldı.',
      'İade talebin',
      'İade talebiniz onaylandı ve 549,90 TL kartınıza yatırıldı.',
    ],
    ['Merhaba Ayşe, iade durumun güncellendi.', 'İade durumun güncellendi', 'İade durumun güncellendi.'], // Turkish told by the subject
    [
      'Hi Alice, it looks like your refund of $12.00 was issued today.',
      'Your refund',
      'It looks like your refund of $12.00 was issued today.',
    ],
    [
      'Gentile Giulia, il rimborso di 39,90 € è stato emesso oggi.',
      'Rimborso',
      'Il rimborso di 39,90 € è stato emesso oggi.',
    ],
    // Written as is: `İade` keeps its dot.
    [
      'İade talebiniz onaylandı ve 549,90 TL kartınıza yatırıldı.',
      'İade talebin',
      'İade talebiniz onaylandı ve 549,90 TL kartınıza yatırıldı.',
    ],
  ])('%j (subject %j) → %j', (text, subject, summary) => {
    expect(summaryOf(text, subject)).toBe(summary);
  });

  it.each([
    ['iade talebiniz onaylandı.', true, 'İade talebiniz onaylandı.'],
    ['it was refunded.', false, 'It was refunded.'],
    ['ıslak ürün iade edildi.', true, 'Islak ürün iade edildi.'], // dotless `ı` → `I`
    ['ıslak ürün iade edildi.', false, 'Islak ürün iade edildi.'],
    ['über 12,00 € erstattet.', false, 'Über 12,00 € erstattet.'],
    ['ßtraße', false, 'ßtraße'], // no one-letter capital (`SS`)
    ['ŉ', false, 'ŉ'], // `ʼN`
    ['ΐ', false, 'ΐ'], // three code points in capitals
    ['η επιστροφή σας ολοκληρώθηκε.', false, 'Η επιστροφή σας ολοκληρώθηκε.'], // the final `ς` untouched
    ['ǆep', false, 'ǅep'], // a digraph letter: its title case
    ['i\u0307\u0303 grąžinimas', false, 'i\u0307\u0303 grąžinimas'], // Lithuanian: the dot goes in capitals, the letter stays
    ['i\u0307ade', true, 'i\u0307ade'], // `İade` lower-cased: not `İ̇ade`
    ['İade', true, 'İade'],
  ])('capitalised(%j, turkic %s) → %j', (text, turkic, expected) => {
    expect(capitalised(text, turkic)).toBe(expected);
  });

  it.each([
    ['İADE', 'iade'],
    ['İade', 'iade'],
    ['IADE', 'iade'],
    ['TUTARINIZ', 'tutarınız'],
    ['ΣΑΣ', 'σας'],
    ['σασ', 'σας'],
    ['STRASSE', 'Straße'],
    ['STRAẞE', 'straße'],
  ])('caseFolded(%j) = caseFolded(%j)', (a, b) => {
    expect(caseFolded(a)).toBe(caseFolded(b));
  });

  it('a word told twice (`İade`, `iade`) is one news word: the approval is the point', () => {
    const text = [
      'Merhaba Ayşe,',
      '',
      'İade paketiniz için iade kargo kodunuz sistemimizde oluşturulmuş olup sipariş detaylarınızın bulunduğu sayfada görüntülenmektedir.',
      'Talebiniz 5 Aralık 2023 tarihinde müşteri hizmetleri ekibimiz tarafından incelenmiş ve onaylanmıştır, bilginize sunarız.',
    ].join('\n');
    expect(summaryOf(text, 'Siparişiniz hakkında')).toBe(
      'Talebiniz 5 Aralık 2023 tarihinde müşteri hizmetleri ekibimiz tarafından incelenmiş ve onaylanmıştır, bilginize sunarız.',
    );
  });
});

describe('summary: policy under a heading is no point', () => {
  it.each([
    [
      'Vielen Dank für Ihre Bestellung 1004471182.\n\nGesamtsumme: 189,00 €\n\nWiderrufsbelehrung (Auszug)\nWenn Sie diesen Vertrag widerrufen, zahlen wir Ihnen alle Zahlungen binnen vierzehn Tagen zurück.',
      'Widerruf',
    ],
    [
      'Your order 55120 has shipped.\n\nReturn policy\nIf you return the item within 30 days, we will refund you within 14 days.',
      'Return policy',
    ],
  ])('%j leaves out %j', (text, left) => {
    expect(summaryOf(text)).not.toContain(left);
  });
});

describe('summary: languages written without spaces', () => {
  it.each([
    [
      'Japanese: courtesies left out',
      'いつもご利用いただき、誠にありがとうございます。ご注文番号 SK-2023-7781 の返金手続きが完了いたしました。今後ともよろしくお願い申し上げます。',
      'ご注文番号 SK-2023-7781 の返金手続きが完了いたしました。',
    ],
    [
      'Chinese: full-width stops end sentences',
      '感谢您的耐心等待。我已经按要求寄回耳机，快递单号 SF1402237788190。',
      '我已经按要求寄回耳机，快递单号 SF1402237788190。',
    ],
    [
      'Korean: a thanks sentence left out',
      '이용해 주셔서 감사합니다. 반품 제품이 도착했다고 조회되는데 아직 환불이 되지 않았습니다.',
      '반품 제품이 도착했다고 조회되는데 아직 환불이 되지 않았습니다.',
    ],
  ])('%s', (_label, text, summary) => {
    expect(summaryOf(text, '件名')).toBe(summary);
  });
});

describe('sentencesOf: full-width stops', () => {
  it.each([
    ['返品しました。返金はまだです！いつですか？', ['返品しました。', '返金はまだです！', 'いつですか？']],
    ['「返金しました。」と言われました。', ['「返金しました。」と言われました。']],
    ['이용해 주셔서 감사합니다. 환불이 되지 않았습니다.', ['이용해 주셔서 감사합니다.', '환불이 되지 않았습니다.']],
  ])('%j', (text, sentences) => {
    expect(sentencesOf(text)).toEqual(sentences);
  });
});

describe('summary: a guarantee is no news', () => {
  it.each([
    'Satisfait ou remboursé pendant 100 nuits : si vous n’êtes pas convaincu, nous vous remboursons intégralement.',
    'Money-back guarantee: if you are not happy, we will refund you in full.',
  ])('%j is not the summary', (guarantee) => {
    const text = `Thank you for your order.

Your parcel ships on 11 April 2025.

${guarantee}`;
    expect(summaryOf(text)).toBe('Your parcel ships on 11 April 2025.');
  });
});

describe('summary: what the other rules found', () => {
  const refund = (sentence: string, amount: number | null): ResolutionFinding => ({
    outcome: 'full_refund',
    rule: 'resolution/refund',
    amount,
    currency: amount === null ? null : 'EUR',
    transactionId: null,
    confidence: 0.97,
    sentence,
    location: 'new_text',
  });

  it('tells the sentence the resolution was decided on', () => {
    const text =
      'Wir haben die Rücksendung Ihres Wasserkochers (Bestellung WW-448120) erhalten und geprüft. Wir haben Ihnen heute 49,90 € erstattet. Der Betrag wird Ihrem PayPal-Konto innerhalb von 3 bis 5 Werktagen gutgeschrieben.';
    const decided = refund('Wir haben Ihnen heute 49,90 € erstattet.', 49.9);
    expect(summarize(context({ text, subject: 'Re: Wasserkocher' }), decided)).toContain('49,90 € erstattet');
  });

  it('tells the amount the resolution found, beside its decision', () => {
    const text =
      'Potwierdzamy, że zwrot środków za zamówienie nr DZ/2024/01187 został zrealizowany. Kwota 249,00 zł została dziś przelana na rachunek, z którego dokonano płatności. ID transakcji zwrotu: PLZW-7781023. Fakturę korygującą wyślemy e-mailem w ciągu 3 dni roboczych.';
    const decided = refund('Potwierdzamy, że zwrot środków za zamówienie nr DZ/2024/01187 został zrealizowany.', 249);
    expect(summarize(context({ text, subject: 'Zwrot' }), decided)).toContain('249,00 zł');
  });

  it('a sentence about another order than the message’s own is an aside', () => {
    const text =
      'Concernant votre commande n° 55123, votre demande de remboursement est toujours en cours de traitement. Pour information, le remboursement de votre commande n° 54870 a bien été effectué le 6 mai (19,90 €).';
    const summary = summaryOf(text);
    expect(summary).toContain('en cours');
    expect(summary).not.toContain('54870');
  });

  it('a request before a colon is no lead-in to drop, and outranks a refund that waits for it', () => {
    const text =
      'To get this sorted, could you please reply with two photos: one of the damaged leg and one of the shipping label on the box? As soon as we have them, we can arrange a refund or a replacement, whichever you prefer.';
    expect(summaryOf(text)).toContain('two photos');
  });

  it('an apology restates the problem: the escalation and the promise are the news', () => {
    const text =
      'es tut mir sehr leid, dass Sie nach drei Wochen noch immer auf Ihre Erstattung über 129,00 € warten. Ich habe Ihren Fall heute an unsere Buchhaltung weitergegeben. Wir melden uns bis Freitag, den 27. November, mit einer verbindlichen Antwort bei Ihnen.';
    const summary = summaryOf(text);
    expect(summary).toContain('Buchhaltung');
    expect(summary).not.toContain('leid');
  });

  it('a refund not yet made is news, even after an apology', () => {
    const text =
      'Lamentamos, mas o reembolso da encomenda n.º TX-88120 ainda não foi processado: o artigo devolvido continua em trânsito.';
    expect(summaryOf(text)).toContain('ainda não foi processado');
  });

  it('a period counted from an event still to come is a condition, whatever the word order', () => {
    const text =
      'Kapıda ödeme ile aldığınız siparişin iadesini yapabilmemiz için IBAN bilginizi bu e-postaya yanıt olarak iletmenizi rica ederiz. Bilgileriniz ulaştıktan sonra iade tutarı 3 iş günü içinde hesabınıza gönderilecektir.';
    expect(summaryOf(text)).toContain('IBAN');
  });

  it('a one-word label before a colon is a field, kept whole', () => {
    expect(summaryOf('Заказ № 20477 оформлен.\n\nДоставка: курьером, 20 ноября 2026 г.')).not.toMatch(/^Курьером/u);
  });

  it('a refusal before a colon is no lead-in to drop', () => {
    const text =
      'Helaas kunnen we je retourverzoek niet goedkeuren: de fietscomputer is geactiveerd en gekoppeld aan een account.';
    expect(summaryOf(text)).toContain('niet goedkeuren');
  });
});
