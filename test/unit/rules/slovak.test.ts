// Slovak (src/rules/lexicon/sk.ts), rule by rule: each row is written as a web shop, a payment gateway or a
// help desk writes. Slovak puts the object first as often as the verb (`Sumu 59,90 € sme vám vrátili`); the
// nulls look like a decision and are not one, and must never close a case.
import { describe, expect, it } from 'vitest';
import { extractCaseNumber } from '../../../src/rules/case-number.js';
import { extractContactPerson } from '../../../src/rules/contact-person.js';
import { dueDateOf } from '../../../src/rules/next-steps.js';
import { extractOrderNumber } from '../../../src/rules/order-number.js';
import { extractResolution } from '../../../src/rules/resolution.js';
import { builtInRuleset } from '../../../src/rules/ruleset.js';
import { summarize } from '../../../src/rules/summary.js';
import { context, SUPPORT } from './message.js';

const resolutionOf = (text: string) => extractResolution(context({ text }));

describe('resolution: Slovak outcomes', () => {
  it.each([
    ['Informujeme vás, že sumu 59,90 € sme vám dnes vrátili na účet.', 'full_refund', 59.9],
    ['Vrátili sme vám 24,50 € za vrátený tovar.', 'full_refund', 24.5],
    ['Zrealizovali sme vrátenie peňazí vo výške 129,00 € na vašu kartu.', 'full_refund', 129],
    ['Platba vám bola vrátená, suma 18,00 € bude pripísaná do 3 dní.', 'full_refund', 18],
    ['Vrátili sme vám čiastočnú sumu 15,00 € za poškodený obal.', 'partial_refund', 15],
    ['Ako kompenzáciu sme vám vystavili darčekový poukaz v hodnote 20 €.', 'store_credit', 20],
    ['Poslali sme vám náhradný tovar, zásielka je na ceste.', 'replacement', null],
  ])('%j → %s %s', (sentence, outcome, amount) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount });
  });

  it.each([
    'Vašu reklamáciu žiaľ nemôžeme uznať, pretože poškodenie vzniklo nesprávnym používaním výrobku.',
    'Reklamácia bola zamietnutá.',
    'Vašej žiadosti o vrátenie peňazí nemôžeme vyhovieť.',
    'Reklamáciu sme zamietli, keďže lehota na vrátenie uplynula.',
  ])('%j → denied', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied', confidence: 0.9 });
  });

  it.each([
    ['after receipt', 'Po obdržaní tovaru vám vrátime peniaze na účet.'],
    ['not yet', 'Vrátenie peňazí ešte nebolo vykonané, čakáme na doručenie zásielky.'],
    ['as soon as', 'Akonáhle tovar skontrolujeme, vrátime vám peniaze.'],
    ['if', 'Ak reklamáciu uznáme, vrátime vám peniaze do 14 dní.'],
    ['in progress', 'Vaša reklamácia je v riešení.'],
    ['offer', 'Môžeme vám ponúknuť zľavový kód v hodnote 10 €.'],
    ['the repaired goods sent back', 'Opravený tovar sme vám vrátili poštou.'],
  ])('%s: %j → no closure', (_label, sentence) => {
    const found = resolutionOf(sentence);
    expect(found === null || found.confidence < 0.9).toBe(true);
  });

  it.each([
    // Spanish, Polish and Romanian `suma` (sum, total) is no Slovak refund noun here.
    'La suma total del pedido es de 45,00 €.',
    'Suma zamówienia: 129,00 zł.',
  ])('%j → null', (sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });
});

describe('identity, steps and summary: Slovak', () => {
  it.each([
    ['Vaša reklamácia č. 2026-5512 bola prijatá.', '2026-5512'],
    ['Číslo reklamácie: 88120', '88120'],
    ['Vaša požiadavka #44120 bola aktualizovaná.', '44120'],
  ])('case number: %j → %s', (text, value) => {
    expect(extractCaseNumber(context({ text }), builtInRuleset)).toMatchObject({ value });
  });

  it('an order number is an order, no case', () => {
    const text = 'Číslo objednávky: 2026104455';
    expect(extractOrderNumber(context({ text }))).toMatchObject({ value: '2026104455' });
    expect(extractCaseNumber(context({ text }), builtInRuleset)).toBeNull();
  });

  it('due date: `do 3 pracovných dní` → three business days on', () => {
    expect(dueDateOf('Peniaze budú pripísané do 3 pracovných dní.', '2023-10-27T16:30:00.000Z')).toBe('2023-11-01');
  });

  it('the signature under `S pozdravom` names the contact person', () => {
    const text = 'Peniaze sme vám vrátili.\n\nS pozdravom\nJana Kováčová\nZákaznícka podpora';
    const ctx = context({ text, from: { address: SUPPORT.address, name: 'Zákaznícka podpora' } });
    expect(extractContactPerson(ctx, 'from_support')).toMatchObject({ value: 'Jana Kováčová' });
  });

  it('a promise after receipt is the news of the reply, not the greeting', () => {
    expect(summarize(context({ text: 'Dobrý deň,\n\npo obdržaní tovaru vám vrátime peniaze na účet.' }))).toBe(
      'Po obdržaní tovaru vám vrátime peniaze na účet.',
    );
  });
});
