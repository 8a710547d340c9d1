// Finnish (src/rules/lexicon/fi.ts), rule by rule: each row is written as a web shop, a payment provider or a
// help desk writes. Finnish glues case to the word and says the future in the present (`hyvitämme`, we will
// credit); the nulls look like a decision and are not one, and must never close a case.
import { describe, expect, it } from 'vitest';
import { extractCaseNumber } from '../../../src/rules/case-number.js';
import { extractContactPerson } from '../../../src/rules/contact-person.js';
import { findMoney } from '../../../src/rules/money.js';
import { dueDateOf } from '../../../src/rules/next-steps.js';
import { extractOrderNumber } from '../../../src/rules/order-number.js';
import { extractResolution } from '../../../src/rules/resolution.js';
import { builtInRuleset } from '../../../src/rules/ruleset.js';
import { context, SUPPORT } from './message.js';

const resolutionOf = (text: string) => extractResolution(context({ text }));

describe('resolution: Finnish outcomes', () => {
  it.each([
    ['Olemme palauttaneet 59,90 € tilillesi.', 'full_refund', 59.9],
    ['Hyvitys on maksettu. Hyvityssumma: 129,00 €', 'full_refund', 129],
    ['Rahat on palautettu tilillesi tänään, yhteensä 45,00 €.', 'full_refund', 45],
    ['Palautimme sinulle kauppahinnan 89,00 € maksukortillesi.', 'full_refund', 89],
    ['Olemme hyvittäneet sinulle toimituskulut, 5,90 €.', 'partial_refund', 5.9],
    ['Lähetimme sinulle 20 euron lahjakortin pahoitteluna viivästyksestä.', 'store_credit', 20],
    ['Korvaava tuote on lähetetty sinulle tänään.', 'replacement', null],
  ])('%j → %s %s', (sentence, outcome, amount) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount });
  });

  it.each([
    'Reklamaatiotasi emme valitettavasti voi hyväksyä, koska tuote on vaurioitunut käytössä.',
    'Palautuspyyntösi on hylätty, sillä palautusaika on päättynyt.',
  ])('%j → denied', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied', confidence: 0.9 });
  });

  it.each([
    ['the product sent back, no money', 'Olemme palauttaneet tuotteen sinulle korjattuna.'],
    ['after we receive it', 'Kun olemme vastaanottaneet palautuksesi, hyvitämme kauppahinnan maksutavallesi.'],
    ['not yet', 'Hyvitystä ei ole vielä maksettu, palautuksesi on käsittelyssä.'],
    ['in progress', 'Palautuksesi on käsittelyssä.'],
    ['if', 'Jos reklamaatio hyväksytään, hyvitämme kauppahinnan.'],
  ])('%s: %j → no closure', (_label, sentence) => {
    const found = resolutionOf(sentence);
    expect(found === null || found.confidence < 0.9).toBe(true);
  });

  it.each([
    // Danish and Norwegian `kun` (only) and Romanian `ei` (they) are no Finnish words here.
    ['Vi har kun refunderet fragten på 49 kr.', 'partial_refund'],
    ['Rambursarea a fost efectuată pentru ei: 120 lei.', 'full_refund'],
  ])('%j → %s', (sentence, outcome) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome });
  });
});

describe('money, identity and steps: Finnish', () => {
  it.each([
    ['20 euron lahjakortti', 20],
    ['yhteensä 45 euroa', 45],
  ])('the euro by its Finnish cases: %j → %s EUR', (text, amount) => {
    expect(findMoney(text)[0]).toMatchObject({ amount, currency: 'EUR' });
  });

  it.each([
    ['Tiketti #88412 on päivitetty.', '88412'],
    ['Tapausnumero: 2026-55120', '2026-55120'],
  ])('case number: %j → %s', (text, value) => {
    expect(extractCaseNumber(context({ text }), builtInRuleset)).toMatchObject({ value });
  });

  it('an order number is an order, no case', () => {
    const text = 'Tilausnumero: 100223344';
    expect(extractOrderNumber(context({ text }))).toMatchObject({ value: '100223344' });
    expect(extractCaseNumber(context({ text }), builtInRuleset)).toBeNull();
  });

  it('due date: `3–5 pankkipäivän kuluessa` → the fifth business day on', () => {
    expect(dueDateOf('Rahat näkyvät tililläsi 3–5 pankkipäivän kuluessa.', '2023-10-27T16:30:00.000Z')).toBe(
      '2023-11-03',
    );
  });

  it('the signature under `Ystävällisin terveisin` names the contact person', () => {
    const text = 'Olemme palauttaneet 59,90 € tilillesi.\n\nYstävällisin terveisin\nAnna Virtanen\nAsiakaspalvelu';
    const ctx = context({ text, from: { address: SUPPORT.address, name: 'Asiakaspalvelu' } });
    expect(extractContactPerson(ctx, 'from_support')).toMatchObject({ value: 'Anna Virtanen' });
  });
});
