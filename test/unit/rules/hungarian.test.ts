// Hungarian (src/rules/lexicon/hu.ts), rule by rule: each row is written as a webshop, a marketplace or a
// help desk writes. Hungarian glues case and person to the word, so the rows take both conjugations and
// the object before the verb; the nulls look like a decision and are not one, and must never close a case.
import { describe, expect, it } from 'vitest';
import { extractCaseNumber } from '../../../src/rules/case-number.js';
import { extractContactPerson } from '../../../src/rules/contact-person.js';
import { findMoney } from '../../../src/rules/money.js';
import { dueDateOf, extractNextSteps } from '../../../src/rules/next-steps.js';
import { extractOrderNumber } from '../../../src/rules/order-number.js';
import { extractResolution } from '../../../src/rules/resolution.js';
import { builtInRuleset } from '../../../src/rules/ruleset.js';
import { context, SUPPORT } from './message.js';

const resolutionOf = (text: string) => extractResolution(context({ text }));

describe('resolution: Hungarian outcomes', () => {
  it.each([
    ['Tájékoztatjuk, hogy a 12 990 Ft összeget visszautaltuk a bankkártyájára.', 'full_refund', 12990, 'HUF'],
    ['A vételárat, 8 490 Ft-ot visszatérítettük a számlájára.', 'full_refund', 8490, 'HUF'],
    ['A visszatérítés megtörtént, az összeg 3-5 munkanapon belül jóváírásra kerül.', 'full_refund', null, null],
    [
      'Részleges visszatérítést hajtottunk végre: 2 500 Ft-ot jóváírtunk a szállítási díj miatt.',
      'partial_refund',
      2500,
      'HUF',
    ],
    ['Kárpótlásként küldtünk Önnek egy 5000 Ft értékű vásárlási utalványt.', 'store_credit', 5000, 'HUF'],
    ['A cserekészüléket ma feladtuk, a csomag holnap érkezik.', 'replacement', null, null],
  ])('%j → %s %s %s', (sentence, outcome, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount, currency });
  });

  it.each([
    'Sajnos a reklamációját nem tudjuk elfogadni, mivel a termék sérülése nem rendeltetésszerű használatból ered.',
    'A visszatérítési kérelmét elutasítottuk.',
    'Garanciális igénye elutasításra került.',
  ])('%j → denied', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied', confidence: 0.9 });
  });

  it.each([
    ['as soon as it arrives', 'Amint a termék beérkezik raktárunkba, visszatérítjük a vételárat.'],
    ['in progress', 'A visszatérítés folyamatban van, hamarosan értesítjük.'],
    ['passed to the seller', 'A visszatérítési kérelmét megkaptuk, és továbbítottuk az eladónak.'],
    ['not yet', 'A visszatérítés még nem történt meg.'],
    ['after the check', 'Az ellenőrzés után visszautaljuk a vételárat.'],
    ['policy', 'Az ÁSZF szerint a visszatérítés 14 napon belül megtörténik.'],
  ])('%s: %j → null', (_label, sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });

  it.each([
    // Spanish `ha` (has) and Portuguese `sem` (without) are no Hungarian words here.
    ['El reembolso ha sido procesado: 25,00 €.', 'full_refund'],
    ['O reembolso de 30,00 € foi processado sem custos adicionais.', 'full_refund'],
  ])('%j → %s', (sentence, outcome) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome });
  });
});

describe('money, identity and steps: Hungarian', () => {
  it.each([
    ['a 12 990 Ft összeget', 12990],
    ['2 500 Ft-ot', 2500],
    ['3990 forintot', 3990],
  ])('the forint: %j → %s HUF', (text, amount) => {
    expect(findMoney(text)[0]).toMatchObject({ amount, currency: 'HUF' });
  });

  it.each([
    ['Ügyszám: 2026-44812', '2026-44812'],
    ['A reklamáció száma: 55120', '55120'],
    ['Hibajegy #88120 frissült.', '88120'],
  ])('case number: %j → %s', (text, value) => {
    expect(extractCaseNumber(context({ text }), builtInRuleset)).toMatchObject({ value });
  });

  it('an order number is an order, no case', () => {
    const text = 'Rendelésszám: 4412-7781';
    expect(extractOrderNumber(context({ text }))).toMatchObject({ value: '4412-7781' });
    expect(extractCaseNumber(context({ text }), builtInRuleset)).toBeNull();
  });

  it('due date: `5 munkanapon belül` → five business days on', () => {
    expect(dueDateOf('Visszajelzünk 5 munkanapon belül.', '2023-10-27T16:30:00.000Z')).toBe('2023-11-03');
  });

  it('the signature under `Üdvözlettel,` names the contact person', () => {
    const text = 'A visszatérítés megtörtént.\n\nÜdvözlettel,\nKovács Anna\nÜgyfélszolgálat';
    const ctx = context({ text, from: { address: SUPPORT.address, name: 'Ügyfélszolgálat' } });
    expect(extractContactPerson(ctx, 'from_support')).toMatchObject({ value: 'Kovács Anna' });
  });
});

describe('next steps: Hungarian `within` after the period', () => {
  it.each([
    ['A visszatérítés 14 napon belül megtörténik.', '2023-11-10'],
    ['A jóváírás 3-5 munkanapon belül jelenik meg a számláján.', '2023-11-03'],
  ])('%j → a step due %s', (text, due) => {
    expect(extractNextSteps(context({ text, date: '2023-10-27T16:30:00.000Z' }))).toMatchObject({
      value: { text, due },
    });
  });
});
