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
