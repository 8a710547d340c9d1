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
  ])('%s', (_label, text, sentence, due) => {
    expect(nextStepsOf(text)?.value).toEqual({ text: sentence, due });
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
  ])('%j is no next step', (text) => {
    expect(first(text)).toBeNull();
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
    'Pour toute question, veuillez répondre à ce message.',
    'Refunds may take up to 10 business days to appear.',
  ])('%j → null', (text) => {
    expect(first(text)).toBeNull();
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
