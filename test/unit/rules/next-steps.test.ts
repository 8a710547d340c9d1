import { describe, expect, it } from 'vitest';
import { addBusinessDays, dueDateOf, extractNextSteps } from '../../../src/rules/next-steps.js';
import { context } from './message.js';

/** Friday 27 October 2023, 16:30 UTC: the seed support reply. */
const FRIDAY = '2023-10-27T16:30:00.000Z';

describe('dueDateOf', () => {
  it.each([
    ['We will contact the seller and update you within 3 business days.', '2023-11-01'], // Mon 30, Tue 31, Wed 1
    ['We will reply within 1 business day.', '2023-10-30'], // skips the weekend
    ['A member of our support team will reply within two business days.', '2023-10-31'],
    ['We will reply within 5 working days.', '2023-11-03'],
    ['Please allow 5-10 business days for the amount to appear.', '2023-11-10'], // the upper bound
    ['Please allow 5 to 10 business days.', '2023-11-10'],
    ['The amount will show within 3–5 business days.', '2023-11-03'],
    ['We will reply within 14 days.', '2023-11-10'], // calendar days, weekends included
    ['We will reply within 14 calendar days.', '2023-11-10'],
    ['You will hear from us within 48 hours.', '2023-10-29'],
    ['You will hear from us within 24 hours.', '2023-10-28'],
    ['You will hear from us within 2 hours.', '2023-10-27'],
    ['Wir werden uns innerhalb von 3 Werktagen melden.', '2023-11-01'],
    ['Die Gutschrift erscheint innerhalb von 3–5 Werktagen.', '2023-11-03'],
    ['Nous reviendrons vers vous sous 48 heures.', '2023-10-29'],
    ['Le remboursement sera visible sous 5 à 7 jours ouvrés.', '2023-11-07'],
    ['El importe aparecerá en un plazo de 5 a 10 días hábiles.', '2023-11-10'],
    // Before a weekday, Italian drops the article: `entro venerdì 3 novembre`.
    ['Ti spediremo un nuovo paio entro venerdì 3 novembre.', '2023-11-03'],
    // Polish puts the weekday of a deadline in the genitive: `do piątku 3 listopada`.
    ['Wyślemy nowy egzemplarz do piątku 3 listopada.', '2023-11-03'],
  ])('%j from Friday 2023-10-27 → %s', (sentence, due) => {
    expect(dueDateOf(sentence, FRIDAY)).toBe(due);
  });

  it.each(['We will update you soon.', 'We will reply within 0 days.', 'Your order 12345 is on its way.'])(
    '%j → null',
    (sentence) => {
      expect(dueDateOf(sentence, FRIDAY)).toBeNull();
    },
  );

  it('hours cross midnight in UTC', () => {
    expect(dueDateOf('We will call you within 2 hours.', '2023-10-27T23:00:00.000Z')).toBe('2023-10-28');
  });
});

describe('addBusinessDays', () => {
  it.each([
    ['2023-10-27T16:30:00.000Z', 3, '2023-11-01'], // Friday
    ['2023-10-28T10:00:00.000Z', 1, '2023-10-30'], // Saturday → Monday
    ['2023-10-29T10:00:00.000Z', 5, '2023-11-03'], // Sunday → Friday
    ['2023-10-30T10:00:00.000Z', 5, '2023-11-06'], // Monday → next Monday
    ['2023-12-29T10:00:00.000Z', 2, '2024-01-02'], // across the year (holidays are not known)
  ])('%s + %i business days → %s', (start, n, due) => {
    expect(addBusinessDays(new Date(start), n)).toBe(due);
  });
});

describe('extractNextSteps', () => {
  const nextStepsOf = (text: string, date: string | null = FRIDAY) => extractNextSteps(context({ text, date }));

  it('the seed support reply: the commitment and its due date', () => {
    const text = [
      'Dear Alice,',
      '',
      'I have now opened an investigation with both the seller and the carrier so that we can find out where the parcel is.',
      '',
      'We will contact the seller and update you within 3 business days.',
      '',
      'There is nothing else you need to do for now.',
    ].join('\n');
    expect(nextStepsOf(text)?.value).toEqual({
      text: 'We will contact the seller and update you within 3 business days.',
      due: '2023-11-01',
    });
  });

  it.each([
    [
      'a request to the customer',
      'We looked at the photos. Please send us a photo of the label.',
      'Please send us a photo of the label.',
      null,
    ],
    [
      'what support needs from the customer',
      'Thanks for the details. To proceed with the return we need your order number and the serial number of the device.',
      'To proceed with the return we need your order number and the serial number of the device.',
      null,
    ],
    [
      'a request with also',
      'Thanks, Lee here. Could you also confirm the pickup address?',
      'Could you also confirm the pickup address?',
      null,
    ],
    [
      'German',
      'Wir werden uns innerhalb von 3 Werktagen bei Ihnen melden.',
      'Wir werden uns innerhalb von 3 Werktagen bei Ihnen melden.',
      '2023-11-01',
    ],
    ['French', 'Nous allons contacter le transporteur.', 'Nous allons contacter le transporteur.', null],
    [
      'Spanish',
      'Le enviaremos una respuesta en 2 días hábiles.',
      'Le enviaremos una respuesta en 2 días hábiles.',
      '2023-10-31',
    ],
    [
      'Korean request',
      '확인을 위해 파손 부위 사진을 첨부해 주시기 바랍니다.',
      '확인을 위해 파손 부위 사진을 첨부해 주시기 바랍니다.',
      null,
    ],
    [
      'Korean request to print and stick a label',
      '반품 송장은 첨부한 라벨을 출력하여 상자에 붙여 주세요.',
      '반품 송장은 첨부한 라벨을 출력하여 상자에 붙여 주세요.',
      null,
    ],
    [
      'Korean request to hand something over',
      '불량 제품은 택배 기사님께 전달해 주시면 됩니다.',
      '불량 제품은 택배 기사님께 전달해 주시면 됩니다.',
      null,
    ],
    [
      'Korean promise with a period',
      '2영업일 이내에 담당자가 다시 연락드리겠습니다.',
      '2영업일 이내에 담당자가 다시 연락드리겠습니다.',
      '2023-10-31',
    ],
  ])('%s', (_label, text, sentence, due) => {
    expect(nextStepsOf(text)?.value).toEqual({ text: sentence, due });
  });

  it.each([
    ['a date in a Korean date line', '주문일: 2023년 10월 25일'],
    ['a day of the month is no period', '10월 30일에 주문하신 상품입니다.'],
    ['a do-not-reply footer', '본 메일은 발신 전용이므로 회신하지 마시기 바랍니다.'],
    ['thanks for waiting', '양해 부탁드립니다.'],
  ])('Korean, no step: %s', (_label, text) => {
    expect(nextStepsOf(text)).toBeNull();
  });

  it('no commitment → null', () => {
    expect(nextStepsOf('Your refund has been approved.')).toBeNull();
  });

  it('a commitment only in quoted history → null', () => {
    expect(nextStepsOf('Any news?\n\n> We will update you within 3 business days.')).toBeNull();
  });

  it('no date on the original: counted from the forward’s date (Saturday 2023-10-28)', () => {
    expect(nextStepsOf('We will update you within 2 days.')?.value.due).toBe('2023-10-29');
    expect(nextStepsOf('We will update you within 2 days.', null)?.value.due).toBe('2023-10-30');
  });
});

describe('next steps: more phrasing and periods', () => {
  it.each([
    ['We will reply within a week.', '2023-11-03'],
    ['We will reply within two weeks.', '2023-11-10'],
    ['We will get back to you within two to three business days.', '2023-11-01'],
    ['Wir melden uns innerhalb von zwei Werktagen.', '2023-10-31'],
    ['Nous reviendrons vers vous sous 3 jours ouvrables.', '2023-11-01'],
    ['Le contactaremos en un plazo de 2 a 4 días hábiles.', '2023-11-02'],
    ['We will reply within 3-5 more business days.', '2023-11-03'],
    // Korean glues the unit to the count and puts `이내` (within) or `까지` (by) after it.
    ['3영업일 이내에 답변해 드리겠습니다.', '2023-11-01'],
    // `영업일 기준` (counted in business days) makes the plain days after or before it business days.
    ['영업일 기준 3일 이내에 환불 금액이 입금될 예정입니다.', '2023-11-01'],
    ['영업일 기준 3~5일 이내 카드사에서 취소 처리될 예정입니다.', '2023-11-03'],
    ['3일(영업일 기준) 이내에 답변해 드리겠습니다.', '2023-11-01'],
    ['주말 및 공휴일 제외 2일 이내에 연락드리겠습니다.', '2023-10-31'],
    ['환불 금액은 3~5일 이내에 입금될 예정입니다.', '2023-11-01'],
    ['11월 3일(금)까지 사진을 보내 주시기 바랍니다.', '2023-11-03'],
    ['2023년 11월 6일까지 회신 부탁드립니다.', '2023-11-06'],
  ])('%j → %s', (sentence, due) => {
    expect(dueDateOf(sentence, FRIDAY)).toBe(due);
  });

  it.each([
    ['Wir melden uns innerhalb von 3 Werktagen bei Ihnen.', '2023-11-01'],
    ['Nous vous recontacterons sous 48 heures.', '2023-10-29'],
    ['Nos pondremos en contacto con usted en 2 días hábiles.', '2023-10-31'],
    ['Please reply with a photo of the label within 5 days.', '2023-11-01'],
    ['Merci de nous renvoyer le produit sous 14 jours.', '2023-11-10'],
    ['Por favor, envíenos una foto del embalaje.', null],
    ['I will chase it with the bank for you.', null],
    // A choice left to the customer.
    ['We can offer either a replacement jacket or a full refund — just let us know which you prefer.', null],
    ['Let us know whether you would like a refund or store credit.', null],
  ])('%j is a next step', (sentence, due) => {
    expect(extractNextSteps(context({ text: sentence, date: FRIDAY }))?.value).toEqual({ text: sentence, due });
  });
});

describe('next steps: a deadline stated as a date', () => {
  it.each([
    ["If it hasn't shown up by November 17, just reply and I'll chase it.", '2023-11-17'],
    ['Please send the photos by Friday, November 3rd.', '2023-11-03'],
    ['Please send the photos by 3 November 2023.', '2023-11-03'],
    ['Bitte senden Sie uns die Fotos bis zum 03.11.2023.', '2023-11-03'],
    ['Bitte antworten Sie bis zum 3. November.', '2023-11-03'],
    ['Merci de nous répondre avant le 3 novembre.', '2023-11-03'],
    ['Por favor, responda antes del 3 de noviembre.', '2023-11-03'],
    ['Please reply by January 5.', '2024-01-05'], // after the turn of the year
    ['Please reply by November 31.', null], // no such day
    ['Bitte melden Sie sich bis 17.30 Uhr.', null],
  ])('%j → %s', (sentence, due) => {
    expect(dueDateOf(sentence, FRIDAY)).toBe(due);
  });
});

describe('next steps: corpus phrasing in four languages', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    ['Please allow up to 5 business days for the refund to show in your account.', '2023-11-03'],
    [
      'A support representative will be reviewing your request and will send you a personal response within 1 business day.',
      '2023-10-30',
    ],
    ['Bitte rechnen Sie mit 3 bis 5 Arbeitstagen, bis der Betrag auf Ihrem Konto sichtbar ist.', '2023-11-03'],
    ['Unser Kundenservice wird sich innerhalb von 2 Arbeitstagen bei Ihnen melden.', '2023-10-31'],
    ['Wir bearbeiten Ihre Anfrage innerhalb von 3 Arbeitstagen.', '2023-11-01'],
    [
      'Wie besprochen senden wir Ihnen die korrigierte Schlussrechnung innerhalb von 5 Arbeitstagen per Post zu.',
      '2023-11-03',
    ],
    [
      "Merci de prévoir un délai de 3 à 5 jours ouvrés avant que le montant n'apparaisse sur votre relevé.",
      '2023-11-03',
    ],
    ['Un conseiller vous répondra sous 2 jours ouvrés.', '2023-10-31'],
    // German present for future: `erhalten Sie von uns eine Bestätigung` (you will get a confirmation from us).
    ['Sobald das Geld angewiesen ist, erhalten Sie von uns eine Bestätigung per E-Mail.', null],
    ['Sie erhalten in Kürze eine Versandbestätigung mit der Sendungsnummer.', null],
    [
      'Je vous demande de réexaminer mon dossier sous 15 jours et de procéder au remboursement des lunettes.',
      '2023-11-11',
    ],
    ['Por favor, espera de 3 a 5 días hábiles a que el abono se refleje en tu cuenta.', '2023-11-03'],
    [
      'Nuestro departamento de facturación le contactará en un plazo de 5 días hábiles para confirmar el reembolso.',
      '2023-11-03',
    ],
    ['Recibirá el importe en su tarjeta en un plazo de 5 a 10 días hábiles.', '2023-11-10'],
    ['Quý khách vui lòng gửi ảnh chụp sản phẩm trong vòng 3 ngày làm việc.', '2023-11-01'],
    ['Chúng tôi sẽ phản hồi bạn trong vòng 2 ngày làm việc.', '2023-10-31'],
    ['Vui lòng đóng gói sản phẩm và gửi lại cho chúng tôi.', null],
    // Russian puts the verb before its `please`, after a purpose clause.
    ['Чтобы мы могли оформить возврат, пришлите, пожалуйста, фотографию серийного номера.', null],
    // Ukrainian: the verb before its `please`, a question, an imperative with a date, a period in days (`доби`).
    ['Надайте, будь ласка, фото упаковки та серійного номера.', null],
    ['Чи могли б ви надіслати фото пошкодженого товару?', null],
    ['Відправте товар на адресу нашого складу до 10.11.2023.', '2023-11-10'],
    ['Будь ласка, дайте відповідь на цей лист до 3 листопада.', '2023-11-03'],
    ['Кошти надійдуть на картку протягом 2 діб.', '2023-10-29'],
    ['Надішліть, будь ласка, номер ТТН до понеділка.', '2023-10-30'],
  ])('%j (due %s)', (sentence, due) => {
    expect(first(sentence)).toEqual({ text: sentence, due });
  });

  it.each([
    'Bitte antworten Sie nicht auf diese E-Mail.',
    'Ce message est envoyé automatiquement, merci de ne pas y répondre.',
    'This is an automated message. Please do not reply.',
    'Please note that our offices are closed on Sundays.',
    'Je nach Bank kann die Gutschrift 1–3 Werktage dauern.',
    'Gerne bieten wir Ihnen einen kostenpflichtigen Reparaturservice an.',
    'Vui lòng không trả lời email này.',
    'Email này được gửi tự động, vui lòng không phản hồi.',
    // A bare period right after a short question is the offer's policy, not a step.
    'Changed your mind? Free returns within 14 days.',
    'Не сподобалася кава? Повернення коштів протягом 14 днів без зайвих питань.',
    'Зверніть увагу, що повернення можливе лише протягом 14 днів.',
  ])('%j is no next step', (text) => {
    expect(first(text)).toBeNull();
  });

  it('after a short question, a sentence with its sender or a future still commits', () => {
    expect(first('Any questions? We will call you within 2 days.')).toEqual({
      text: 'We will call you within 2 days.',
      due: '2023-10-29',
    });
  });

  it('a chat turn without its speaker, the first commitment after a question', () => {
    const text = [
      '[2:07 PM] Alice: Great, thank you. When will I see it?',
      '[2:07 PM] Kevin (NovaTel): We will send you a confirmation email within 1 business day.',
      '[2:08 PM] Kevin (NovaTel): The refund should reach your card in 3-5 business days.',
    ].join('\n');
    expect(first(text)).toEqual({
      text: 'We will send you a confirmation email within 1 business day.',
      due: '2023-10-30',
    });
  });
});

describe('next steps: what is no commitment', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    'We received your return 3 days ago.',
    'Please let us know if you have any questions.',
    'Si tiene cualquier otra pregunta, no dude en responder a este correo indicando su número de pedido.',
    'Falls Sie Fragen haben, antworten Sie bitte auf diese E-Mail.',
    // Why a mail came is no promise of one.
    'Sie erhalten diese E-Mail, weil Sie ein Kundenkonto bei uns haben.',
    'Pour toute question, veuillez répondre à ce message.',
    'Refunds may take up to 10 business days to appear.',
    // What should happen is an estimate, not a commitment, in every language that has the word.
    'The refund should reach your card within 5-7 business days.',
    'Der Betrag sollte innerhalb von 3 Werktagen auf Ihrem Konto sein.',
    'Le montant devrait apparaître sous 3 jours ouvrés.',
    'Środki powinny zostać zaksięgowane w ciągu 3 dni roboczych.',
    // A help desk's instruction to reply to go on with the conversation.
    'Reply to this email to continue the conversation.',
    'Antworten Sie einfach auf diese E-Mail, um die Anfrage wieder zu öffnen.',
    // An imperative after a short question is an offer under that condition (order confirmations).
    "Changed your mind? Return it within 30 days and we'll refund you within 14 days of receiving it.",
  ])('%j → null', (text) => {
    expect(first(text)).toBeNull();
  });

  it('an imperative after a longer question, or with no question before it, is a request', () => {
    const text =
      'Do you still have the original packaging for the kettle? Drop the parcel off at any post office within 5 days.';
    expect(first(text)).toEqual({ text: 'Drop the parcel off at any post office within 5 days.', due: '2023-11-01' });
    expect(first('Drop the parcel off at any post office within 5 days.')).toEqual({
      text: 'Drop the parcel off at any post office within 5 days.',
      due: '2023-11-01',
    });
  });

  it('a future with a period counts', () => {
    expect(first('Your refund will appear on your statement within 5-10 business days.')).toEqual({
      text: 'Your refund will appear on your statement within 5-10 business days.',
      due: '2023-11-10',
    });
  });

  it('only the agent’s chat turns commit to anything', () => {
    const text = '[10:15] Alice Martin: Please refund me within 3 days.\n[10:16] Kevin (NovaTel): Let me check.';
    const ctx = context({ text, date: FRIDAY, to: [{ address: 'alice@example.net', name: 'Alice Martin' }] });
    expect(extractNextSteps(ctx)).toBeNull();
  });
});

describe('next steps: a deadline date in eight languages', () => {
  /** Friday 20 October 2023: a week before the 26th. */
  const OCT_20 = '2023-10-20T09:00:00.000Z';

  it.each([
    ['Your refund will be credited to your card by Oct 26.', '2023-10-26'],
    ['Please return the item by October 26th, 2023.', '2023-10-26'],
    ['Bitte senden Sie uns die Unterlagen bis zum 26. Oktober.', '2023-10-26'],
    ["Nous vous rembourserons d'ici le 26 octobre.", '2023-10-26'],
    ['Le enviaremos el reembolso antes del 26 de octubre.', '2023-10-26'],
    ['Il rimborso sarà accreditato entro il 26 ottobre.', '2023-10-26'],
    ['Het bedrag wordt uiterlijk 26 oktober teruggestort.', '2023-10-26'],
    ['Zwrot zostanie zaksięgowany do 26 października.', '2023-10-26'],
    ['O reembolso será creditado até 26 de outubro.', '2023-10-26'],
    ['Le remboursement sera effectué avant le 5 janvier.', '2024-01-05'], // before the message: next year
    ['Vui lòng gửi lại sản phẩm trước ngày 26 tháng 10.', '2023-10-26'],
    ['Quý khách vui lòng phản hồi chậm nhất vào ngày 26 thg 10 năm 2023.', '2023-10-26'],
  ])('%j → %s', (sentence, due) => {
    expect(dueDateOf(sentence, OCT_20)).toBe(due);
  });

  it.each([
    ['Please return the item by 10/26.', '2023-10-26'], // US English: month first
    ['Please reply by 11/03.', '2023-11-03'],
    ['Please reply by 26/10.', '2023-10-26'], // only day first can be a date
    ['Veuillez répondre avant le 11/03.', '2024-03-11'], // French: day first, before the message: next year
    ['Bitte senden Sie das Gerät bis 26.10. zurück.', '2023-10-26'],
    ['Bitte antworten Sie bis zum 03.11.23.', '2023-11-03'],
    ['Prosimy o odpowiedź do 26.10.2023.', '2023-10-26'],
    ['Please call us by 10.30.', null], // a time, not 30 October
  ])('numeric %j → %s', (sentence, due) => {
    expect(dueDateOf(sentence, OCT_20)).toBe(due);
  });

  // A day the month does not have is no deadline, never the first days of the next month (Date.UTC rolls over).
  it.each([
    ['We will send you the refund by 31 February 2026.'],
    ['We will send you the refund by Feb 30, 2026.'],
    ['We will send you the refund by 30/02/2026.'],
    ['We will send you the refund by 2026-02-30.'],
    ['Wir melden uns bis zum 30.02.2026.'],
    ['Nous vous répondrons avant le 31 avril.'],
    ['Odpowiemy do 31 czerwca 2026.'],
    ['Please reply by 29 February 2027.'],
  ])('impossible day %j → no due date', (sentence) => {
    expect(dueDateOf(sentence, OCT_20)).toBeNull();
  });

  it('"will be credited to your card by Oct 26" is a next step due Oct 26', () => {
    const text = 'We have received your return. Your refund will be credited to your card by Oct 26.';
    expect(extractNextSteps(context({ text, date: OCT_20 }))?.value).toEqual({
      text: 'Your refund will be credited to your card by Oct 26.',
      due: '2023-10-26',
    });
  });
});

describe('next steps: promises and requests in the new languages', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    ['Il rimborso sarà accreditato entro 5 giorni lavorativi.', '2023-11-03'],
    ['Le invieremo un aggiornamento entro 3 giorni lavorativi.', '2023-11-01'],
    ['La preghiamo di inviarci una foto del danno entro il 3 novembre.', '2023-11-03'],
    ['Wij nemen binnen 2 werkdagen contact met u op.', '2023-10-31'],
    ['We zullen het bedrag binnen 3 werkdagen terugstorten.', '2023-11-01'],
    ['Wilt u ons een foto van de schade sturen?', null],
    ['Prosimy o odesłanie towaru w ciągu 14 dni.', '2023-11-10'],
    ['Skontaktujemy się z Panią w ciągu 3 dni roboczych.', '2023-11-01'],
    ['Zwrot zostanie zaksięgowany w ciągu 14 dni.', '2023-11-10'],
    ['Por favor, envie o produto em até 7 dias úteis.', '2023-11-07'],
    ['Entraremos em contato em até 2 dias úteis.', '2023-10-31'],
    ['O reembolso será processado em até 7 dias úteis.', '2023-11-07'],
  ])('%j (due %s)', (sentence, due) => {
    expect(first(`Ref. 55120\n\n${sentence}`)).toEqual({ text: sentence, due });
  });
});

describe('next steps: never from boilerplate, in eight languages', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    ["If your returned item doesn't match the condition described, we will send it back to you."],
    ['We will never ask for your password or card details by email.'],
    ["If you have any questions, we'll be happy to help within 24 hours."],
    ['Falls der zurückgesandte Artikel nicht der Beschreibung entspricht, werden wir ihn an Sie zurücksenden.'],
    ['Wir werden Sie niemals per E-Mail nach Ihrem Passwort fragen.'],
    ['Bei Fragen melden wir uns gerne innerhalb von 2 Werktagen.'],
    ["Si l'article retourné ne correspond pas à la description, nous allons vous le renvoyer."],
    ['Nous ne vous enverrons jamais de demande de mot de passe.'],
    ["Pour toute question, n'hésitez pas à nous contacter, nous vous répondrons sous 48 heures."],
    ['Si el artículo devuelto no coincide con la descripción, te lo enviaremos de vuelta.'],
    ['Nunca le enviaremos un correo pidiendo su contraseña.'],
    ['Si tienes alguna pregunta, no dudes en escribirnos y te responderemos en 24 horas.'],
    ['Lamentablemente no podemos aceptar tu devolución, ya que el artículo se compró hace más de 30 días.'],
    ["Se l'articolo reso non corrisponde alla descrizione, provvederemo a rispedirlo."],
    ['Non le invieremo mai richieste di password via e-mail.'],
    ['Per qualsiasi domanda non esiti a contattarci: le risponderemo entro 24 ore.'],
    ['Als het geretourneerde artikel niet overeenkomt met de beschrijving, zullen wij het terugsturen.'],
    ['Wij zullen u nooit om uw wachtwoord vragen.'],
    ['Als u nog vragen heeft, neem gerust contact met ons op: wij helpen u binnen 2 werkdagen.'],
    ['Jeśli zwrócony towar nie będzie zgodny z opisem, odeślemy go do Pani.'],
    ['Nigdy nie wyślemy prośby o podanie hasła.'],
    ['W razie pytań prosimy o kontakt.'],
    ['Se o artigo devolvido não corresponder à descrição, iremos devolvê-lo.'],
    ['Nunca vamos pedir a sua palavra-passe por e-mail.'],
    ['Se tiver alguma dúvida, não hesite em contactar-nos: responderemos em até 2 dias úteis.'],
    ['Não podemos aprovar o reembolso, pois o prazo de 7 dias terminou em 28/05/2024.'],
  ])('%j → null', (text) => {
    expect(first(text)).toBeNull();
  });
});

describe('next steps: present-tense periods, event dates, weekdays and tomorrow', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    // A period commits in the present tense too, when nothing hedges it.
    ['Het bedrag staat binnen 3 werkdagen op je rekening.', '2023-11-01'],
    ['Pieniądze trafią na Twoje konto w ciągu 3 dni roboczych.', '2023-11-01'],
    ['Die Gutschrift auf Ihrer Kreditkarte erfolgt innerhalb von 3 bis 5 Werktagen.', '2023-11-03'],
    ['Le montant apparaîtra sur votre relevé sous 3 à 5 jours ouvrés.', '2023-11-03'],
    // The date of a future event; a weekday; tomorrow.
    ['Your package will arrive on Saturday, November 4.', '2023-11-04'],
    ['Ihr Paket wird am 3. November zugestellt.', '2023-11-03'],
    ["I'll email you again by Friday.", '2023-11-03'], // the message is a Friday: the next one
    ["I'll check the tracking again on Monday and let you know.", '2023-10-30'],
    ['We will send you a replacement free of charge; it ships tomorrow.', '2023-10-28'],
    ['Le invierò la fattura di storno entro 2 giorni lavorativi.', '2023-10-31'],
    ['Nossa equipe vai analisar o caso e responder em até 3 dias úteis.', '2023-11-01'],
    // A request that opens with its verb.
    ['Stuur de lamp binnen 14 dagen naar ons terug met het verzendlabel in de bijlage.', '2023-11-10'],
    ['Wydrukuj etykietę z załącznika i nadaj paczkę w ciągu 14 dni w punkcie DPD Pickup.', '2023-11-10'],
    ['Ci faccia sapere quale soluzione preferisce rispondendo a questa e-mail.', null],
    ['Please keep your drop-off receipt until the return is complete.', null],
  ])('%j (due %s)', (sentence, due) => {
    expect(first(sentence)).toEqual({ text: sentence, due });
  });

  it.each([
    'Terugbetalingen worden doorgaans binnen 5 werkdagen na ontvangst van je retour verwerkt.',
    'Refunds are usually issued within 5 business days after the item arrives.',
    'In der Regel erfolgt die Gutschrift innerhalb von 3 Werktagen.',
    'We received your parcel on October 20.', // a past date after `on` is no due, and no commitment
    'Come concordato, ti abbiamo accreditato un buono di 20,00 €, utilizzabile entro il 31/12/2023.',
    'Return shipping is free within 30 days.',
  ])('%j → null', (text) => {
    expect(first(text)).toBeNull();
  });
});

describe('next steps: a heading over policy text', () => {
  it.each([
    'Widerrufsbelehrung (Auszug)\nWenn Sie diesen Vertrag widerrufen, zahlen wir Ihnen alle Zahlungen binnen vierzehn Tagen zurück.',
    'Return policy\nIf you return the item within 30 days, we will refund you within 14 days.',
    'Politique de retour\nSi vous retournez l’article, nous vous rembourserons sous 14 jours.',
  ])('%j → null (the conditional is read as it starts)', (text) => {
    expect(extractNextSteps(context({ text, date: FRIDAY }))).toBeNull();
  });
});

describe('next steps: Russian, Ukrainian, Czech and Turkish', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    ['Деньги будут зачислены на вашу карту в течение 5 рабочих дней.', '2023-11-03'],
    ['Мы свяжемся с вами в течение 3 рабочих дней.', '2023-11-01'],
    ['Кошти буде зараховано протягом 3 банківських днів.', '2023-11-01'],
    ['Peníze budou připsány na váš účet do 5 pracovních dnů.', '2023-11-03'],
    ['Ürün 3 iş günü içinde adresinize geri gönderilecektir.', '2023-11-01'],
    ['Lütfen ürünü 14 gün içinde kargoya veriniz.', '2023-11-10'],
  ])('%j (due %s)', (sentence, due) => {
    expect(first(`Ref. 55120\n\n${sentence}`)).toEqual({ text: sentence, due });
  });

  it.each([
    'Срок зачисления обычно составляет до 30 дней.',
    'Кошти зазвичай надходять протягом 1–3 банківських днів.',
    'Peníze obvykle dorazí do 3 pracovních dnů.',
    'Yansıma süresi bankanıza bağlı olarak 2-10 iş günü sürebilir.',
    'Возврат денежных средств осуществляется на карту в течение 10 дней после получения товара.',
  ])('%j → null (usual, possible or general terms)', (text) => {
    expect(first(text)).toBeNull();
  });
});

describe('next steps: Greek', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    ['Το ποσό θα πιστωθεί στην κάρτα σας εντός 5 εργάσιμων ημερών.', '2023-11-03'],
    ['Θα επικοινωνήσουμε μαζί σας μέσα σε 3 εργάσιμες ημέρες.', '2023-11-01'],
    ['Παρακαλούμε στείλτε μας φωτογραφίες του προϊόντος εντός 7 ημερών.', '2023-11-03'],
    ['Παρακαλούμε να επιστρέψετε το προϊόν έως τις 10 Νοεμβρίου.', '2023-11-10'],
    ['Θα λάβετε το νέο προϊόν μέχρι την Παρασκευή 3 Νοεμβρίου.', '2023-11-03'],
  ])('%j (due %s)', (sentence, due) => {
    expect(first(`Αρ. αιτήματος 55120\n\n${sentence}`)).toEqual({ text: sentence, due });
  });

  it.each([
    'Η πίστωση στην κάρτα σας συνήθως γίνεται εντός 5 εργάσιμων ημερών.',
    'Ο χρόνος εμφάνισης του ποσού ενδέχεται να φτάσει τις 10 εργάσιμες ημέρες.',
    'Παρακαλούμε μην απαντήσετε σε αυτό το μήνυμα.',
    'Η επιστροφή χρημάτων θα πραγματοποιηθεί εντός 14 ημερών μετά την παραλαβή του προϊόντος.',
  ])('%j → null (usual, possible, chrome or counted from an event)', (text) => {
    expect(first(text)).toBeNull();
  });
});

describe('next steps: Arabic', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    ['سيتم إيداع المبلغ في بطاقتك خلال 5 أيام عمل.', '2023-11-03'],
    ['يرجى إرسال صور المنتج خلال 3 أيام عمل.', '2023-11-01'],
    ['يرجى إعادة المنتج خلال 14 يوما.', '2023-11-10'],
  ])('%j (due %s)', (sentence, due) => {
    expect(first(`رقم التذكرة: 55120\n\n${sentence}`)).toEqual({ text: sentence, due });
  });

  it('leaves the salutation line ending in the Arabic comma out of the step', () => {
    expect(first('مرحبا ليلى،\nيرجى إرسال المنتج إلينا خلال 10 أيام.')).toEqual({
      text: 'يرجى إرسال المنتج إلينا خلال 10 أيام.',
      due: '2023-11-06',
    });
  });

  it('reads a count in Arabic-Indic digits (the step is told with ASCII ones)', () => {
    expect(first('سنتواصل معك في غضون ٣ أيام عمل.')).toEqual({
      text: 'سنتواصل معك في غضون 3 أيام عمل.',
      due: '2023-11-01',
    });
  });

  it.each([
    'قد يستغرق ظهور المبلغ في كشف حسابك من 5 إلى 10 أيام عمل حسب البنك.',
    'يرجى عدم الرد على هذه الرسالة.',
    'يرجى ملاحظة أن رسوم الشحن غير قابلة للاسترداد.',
  ])('%j → null (possible, footer or a note)', (text) => {
    expect(first(text)).toBeNull();
  });
});

describe('next steps: Swedish, Danish and Norwegian', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    ['Pengarna kommer att synas på ditt konto inom 5 bankdagar.', '2023-11-03'],
    ['Vi återkommer till dig inom 3 arbetsdagar.', '2023-11-01'],
    ['Beløbet bliver sat ind på dit kort inden for 3 hverdage.', '2023-11-01'],
    ['Send pakken til os inden for 14 dage.', '2023-11-10'],
    ['Beløpet vil vises på kortet ditt innen 5 virkedager.', '2023-11-03'],
    ['Gi oss beskjed innen 14 dager om du ønsker reparasjon.', '2023-11-10'],
    ['Vi kontaktar dig senast den 3 november.', '2023-11-03'],
    ['Vi kontakter dig inden 3. november.', '2023-11-03'],
    ['Vi tar kontakt med deg innen 3. november.', '2023-11-03'],
  ])('%j (due %s)', (sentence, due) => {
    expect(first(`Ref. 55120\n\n${sentence}`)).toEqual({ text: sentence, due });
  });

  it.each([
    'Beloppet syns normalt inom 5 bankdagar.',
    'Refunderingen kan tage op til 5 hverdage.',
    'Det kan ta 2–3 virkedager før beløpet vises på kontoen din.',
    'Dette tar vanligvis 4–6 uker.',
  ])('%j → null (usual or possible)', (text) => {
    expect(first(text)).toBeNull();
  });
});

describe('next steps: a period counted from an event still to come', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    'Peníze vám vrátíme po obdržení zásilky a kontrole zboží, nejpozději do 14 dnů.',
    "We'll refund you within 14 days of receiving your return.",
    'Wir erstatten den Betrag innerhalb von 14 Tagen nach Eingang der Ware.',
    'We will refund you within 5 business days once we receive the parcel.',
    '退款將於收到退貨後14天內退回原付款方式。', // the count right after the event's word
    '商品到着後7日以内に返金いたします。',
  ])('%j → null (not due from the message)', (text) => {
    expect(first(text)).toBeNull();
  });

  it.each([
    ["We'll refund you within 14 days.", '2023-11-10'],
    ['Wir erstatten den Betrag innerhalb von 14 Tagen.', '2023-11-10'],
  ])('%j (due %s): counted from the message', (sentence, due) => {
    expect(first(sentence)).toEqual({ text: sentence, due });
  });
});

describe('next steps: Japanese and Chinese periods and dates without spaces', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    ['3営業日以内にご返金いたします。', '2023-11-01'],
    ['担当部署にて内容を確認のうえ、3営業日以内にご連絡いたします。', '2023-11-01'],
    ['5个工作日内退回。', '2023-11-03'],
    ['款项将在5个工作日内退回您的原支付账户。', '2023-11-03'],
    ['11月30日までにご返送ください。', '2023-11-30'],
    ['请于12月3日前寄回。', '2023-12-03'],
    ['請於2024年1月5日前寄回商品。', '2024-01-05'],
  ])('%j (due %s)', (sentence, due) => {
    expect(first(`Ref. 55120\n\n${sentence}`)).toEqual({ text: sentence, due });
  });

  it.each([
    '您的訂單已出貨，預計2至3天內送達。', // an estimate, not a commitment
    '10月20日に商品を受け取りました。', // a past date is no deadline
  ])('%j → null', (text) => {
    expect(first(text)).toBeNull();
  });

  it('a month and day is a date, not a count of days', () => {
    expect(dueDateOf('11月30日までにご返送ください。', FRIDAY)).toBe('2023-11-30');
  });
});

describe('next steps: a future due tomorrow, in the third person', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    'Pakken bliver leveret i morgen.',
    'Pakken blir levert i morgen.',
    'Paketet kommer att levereras i morgon.',
    'Your parcel will be delivered tomorrow.',
  ])('%j (due the next day)', (sentence) => {
    expect(first(`Ref. 55120\n\n${sentence}`)).toEqual({ text: sentence, due: '2023-10-28' });
  });

  it.each([
    'Pakken bliver muligvis leveret i morgen.', // possibly
    'Pakken blir kanskje levert i morgen.', // perhaps
    'Vi har lukket i morgen.', // no future
    'We are closed tomorrow.',
  ])('%j → null', (text) => {
    expect(first(text)).toBeNull();
  });
});

describe('next steps: polite requests in Japanese and Chinese', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    '请在“我的订单”中重新填写收款账户。',
    '请您在订单详情页上传退货快递单号。',
    '請在「我的訂單」中重新填寫收款帳戶。',
    '请提交银行卡开户行信息。',
    '请将商品照片发送给我们。',
    '請將商品照片發送給我們。',
    '请确认您的收款账户信息。',
    '请点击下方链接选择退款方式。',
    'お手数ですが、マイページより返金先の口座をご登録ください。',
    'お手数をおかけしますが、振込先の口座番号をお知らせください。',
    '返金先の口座情報を登録してください。',
    '返品伝票の控えのご提出をお願いいたします。',
  ])('%j is a request', (sentence) => {
    expect(first(`Ref. 55120\n\n${sentence}`)).toEqual({ text: sentence, due: null });
  });

  it.each([
    'マイページをご確認ください。', // see the account page: information, not a step
    'よろしくお願いいたします。',
    'ご協力をお願いいたします。',
    '请放心，我们已收到您的退货。',
    '请注意查收退款。',
    '请耐心等待退款到账。',
    '请勿回复此邮件。',
    '您的订单 285330981122 的退款申请已提交，目前正在审核中。', // 申请 (application) holds 请
    '您的退款申請已提交，我們正在處理。',
  ])('%j → null', (text) => {
    expect(first(text)).toBeNull();
  });
});

describe('next steps: a period in a past statement is history', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    'Our records show that your refund had been processed within 5 business days.',
    'The replacement had already been shipped within 2 days of your call.',
    'Die Erstattung war innerhalb von 5 Werktagen bearbeitet worden.',
    'Le remboursement avait été effectué sous 5 jours ouvrés.',
    'El reembolso había sido procesado en un plazo de 5 días hábiles.',
    'Il rimborso era stato elaborato entro 5 giorni lavorativi.',
    'O reembolso tinha sido processado em até 5 dias úteis.',
  ])('%j → null', (text) => {
    expect(first(text)).toBeNull();
  });

  it.each([
    ['Your refund has been processed and will reach you within 5 business days.', '2023-11-03'],
    ['We had a look at your order and will reply within 2 business days.', '2023-10-31'],
  ])('%j is still a step (due %s)', (sentence, due) => {
    expect(first(sentence)).toEqual({ text: sentence, due });
  });
});

describe('next steps: an instruction to the customer with a link', () => {
  const first = (text: string) => extractNextSteps(context({ text, date: FRIDAY }))?.value ?? null;

  it.each([
    'Choose your option here: https://returns.example.com/r/8812',
    'Please choose your preferred refund method at https://help.example.org/refund?id=5521',
    'Select a refund method here: https://returns.example.com/m/4410',
    'Fill in the form at https://forms.example.net/claims/7731 and attach the photos.',
    'Wählen Sie hier Ihre Option: https://retouren.example.de/r/8812',
    'Choisissez votre option ici : https://retours.example.fr/r/8812',
    'Elija su opción aquí: https://devoluciones.example.es/r/8812',
    'Scegli la tua opzione qui: https://resi.example.it/r/8812',
  ])('%j is a request', (sentence) => {
    expect(first(`Ref. 55120\n\n${sentence}`)?.text).toBe(sentence);
  });

  it.each([
    'Choose your option carefully.', // no link: no action asked of the reader here
    'Our customers choose us for our service: https://www.example.com/about',
    'We chose the fastest carrier: https://tracking.example.com/x/1',
  ])('%j → null', (text) => {
    expect(first(text)).toBeNull();
  });
});

describe('next steps: a deadline date in the numeric forms of every lexicon language', () => {
  /** Tuesday 10 February 2026. */
  const FEB_10 = '2026-02-10T10:00:00.000Z';

  it.each([
    // ISO 8601 (year first) after any deadline word.
    ['We will refund you by 2026-02-27.', '2026-02-27'],
    ['Wir erstatten den Betrag bis 2026-02-27.', '2026-02-27'],
    ['Nous vous rembourserons avant le 2026-02-27.', '2026-02-27'],
    ['Vi rimborseremo entro il 2026-02-27.', '2026-02-27'],
    ['Мы вернём деньги до 2026-02-27.', '2026-02-27'],
    ['Vi återbetalar beloppet senast 2026-02-27.', '2026-02-27'],
    ['Zwrócimy pieniądze do 2026-02-27.', '2026-02-27'],
    ['Vamos reembolsar até 2026/02/27.', '2026-02-27'],
    // Japanese, Chinese and Turkish write the deadline word after the date.
    ['2026-02-27までにご返送ください。', '2026-02-27'],
    ['请于2026/02/27前寄回商品。', '2026-02-27'],
    ['Size 2026-02-27 tarihine kadar dönüş yapacağız.', '2026-02-27'],
    ['Size 27.02.2026 tarihine kadar dönüş yapacağız.', '2026-02-27'],
    ["Parayı 27 Şubat'a kadar iade edeceğiz.", '2026-02-27'],
    ['Parayı en geç 27.02.2026 tarihinde iade edeceğiz.', '2026-02-27'],
    // Dashed day first, with its year (Dutch, Danish, Italian).
    ['Wij nemen uiterlijk 27-02-2026 contact met u op.', '2026-02-27'],
    ['Vi rimborseremo prima del 27-02-2026.', '2026-02-27'],
    ['Please return the item by 02-27-2026.', '2026-02-27'], // US English: month first
    // Czech and Slovak: a space after each dot.
    ['Reklamaci vyřídíme nejpozději do 27. 2. 2026.', '2026-02-27'],
    ['Peníze vám vrátíme do 27. 2.', '2026-02-27'],
  ])('%j → %s', (sentence, due) => {
    expect(dueDateOf(sentence, FEB_10)).toBe(due);
  });

  it.each([
    ['We will refund you by 2026-02-30.'],
    ['Vi återbetalar beloppet senast 2026-13-02.'],
    ['2026-02-30までにご返送ください。'],
    ['Size 30.02.2026 tarihine kadar dönüş yapacağız.'],
    ['Wij nemen uiterlijk 30-02-2026 contact met u op.'],
    ['Reklamaci vyřídíme do 30. 2. 2026.'],
    // A range of days after a deadline word is no date.
    ['We will reply by 3-5 pm.'],
  ])('%j → no due date', (sentence) => {
    expect(dueDateOf(sentence, FEB_10)).toBeNull();
  });

  it('a Czech date split at its dots is one sentence again, the next step with its due', () => {
    const text = 'Sluchátka nyní posuzuje autorizovaný servis. Reklamaci vyřídíme nejpozději do 2. 4. 2026.';
    expect(extractNextSteps(context({ text, date: FEB_10 }))?.value).toEqual({
      text: 'Reklamaci vyřídíme nejpozději do 2. 4. 2026.',
      due: '2026-04-02',
    });
  });
});

describe('next steps: Japanese and Chinese deadlines with a weekday in brackets, and まで', () => {
  /** Friday 27 November 2026. */
  const NOV_27 = '2026-11-27T07:00:00.000Z';
  const first = (text: string) => extractNextSteps(context({ text, date: NOV_27 }))?.value ?? null;

  it.each([
    ['お手数ですが、12月4日(金)までに商品をご返送ください。', '2026-12-04'],
    ['2026年12月4日（金）までにご連絡いたします。', '2026-12-04'],
    ['2026/12/04(金)までにご返送ください。', '2026-12-04'],
    ['12月4日までご返送ください。', '2026-12-04'],
    ['请于12月4日（周五）前寄回商品。', '2026-12-04'],
    ['請於12月4日（週五）前寄回商品。', '2026-12-04'],
  ])('%j → %s', (sentence, due) => {
    expect(first(sentence)).toEqual({ text: sentence, due });
  });

  it('the humble いたします beside a date is the support side’s promise; without one it commits to nothing', () => {
    expect(first('12月10日までにご返金いたします。')).toEqual({
      text: '12月10日までにご返金いたします。',
      due: '2026-12-10',
    });
    expect(first('返品商品の到着を確認後、返金いたします。')).toBeNull();
    expect(first('今後ともよろしくお願いいたします。')).toBeNull();
  });
});
