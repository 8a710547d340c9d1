// Romanian (src/rules/lexicon/ro.ts), rule by rule: each row is written as eMAG, a marketplace, a courier or
// a shop's help desk writes, with comma-below letters (`ș`, `ț`), the older cedilla ones (`ş`, `ţ`) and none
// at all. The nulls look like a decision and are not one, and must never close a case.
import { describe, expect, it } from 'vitest';
import { extractCaseNumber } from '../../../src/rules/case-number.js';
import { extractContactPerson } from '../../../src/rules/contact-person.js';
import { dueDateOf, extractNextSteps } from '../../../src/rules/next-steps.js';
import { extractOrderNumber } from '../../../src/rules/order-number.js';
import { extractResolution } from '../../../src/rules/resolution.js';
import { builtInRuleset } from '../../../src/rules/ruleset.js';
import { context, SUPPORT } from './message.js';

const resolutionOf = (text: string) => extractResolution(context({ text }));

describe('resolution: Romanian outcomes', () => {
  it.each([
    ['Vă informăm că suma de 249,99 lei a fost rambursată în contul dumneavoastră.', 'full_refund', 249.99, 'RON'],
    [
      'Vă informăm că suma de 249,99 lei a fost rambursată în contul dumneavoastră.'.normalize('NFD'),
      'full_refund',
      249.99,
      'RON',
    ],
    // The older cedilla letters, and none at all.
    ['Rambursarea în valoare de 89,00 lei a fost efectuată pe cardul dumneavoastră.', 'full_refund', 89, 'RON'],
    ['Rambursarea in valoare de 89,00 lei a fost efectuata pe cardul dumneavoastra.', 'full_refund', 89, 'RON'],
    ['V-am returnat banii pe card ieri, suma de 120 lei.', 'full_refund', 120, 'RON'],
    ['Am procesat returnarea banilor pentru comanda nr. 40012: 129,90 lei.', 'full_refund', 129.9, 'RON'],
    ['Ţi-am rambursat 75 lei pentru produsul lipsă.', 'full_refund', 75, 'RON'],
    ['V-am rambursat 40 lei reprezentând costul transportului.', 'partial_refund', 40, 'RON'],
    ['Ca despăgubire v-am trimis un voucher în valoare de 50 lei, valabil 6 luni.', 'store_credit', 50, 'RON'],
    ['V-am trimis un produs nou, care a fost expediat astăzi prin curier.', 'replacement', null, null],
  ])('%j → %s %s %s', (sentence, outcome, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount, currency });
  });

  it.each([
    'Din păcate nu putem aproba cererea de retur deoarece produsul prezintă urme de utilizare.',
    'Reclamația dumneavoastră a fost respinsă, întrucât termenul de garanție a expirat.',
    'Reclamaţia dumneavoastră a fost respinsă.',
    'Cererea de rambursare nu a fost aprobată.',
  ])('%j → denied', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied', confidence: 0.9 });
  });

  it.each([
    ['policy', 'Conform politicii noastre, rambursarea se face în maximum 14 zile de la primirea produsului returnat.'],
    ['after the check', 'Am primit coletul. Rambursarea va fi procesată după verificarea produsului.'],
    [
      'approved, paid after the courier',
      'Rambursarea a fost aprobată și va fi efectuată după ce curierul confirmă returul.',
    ],
    ['conditional', 'Dacă produsul nu prezintă urme de utilizare, vă vom returna banii.'],
    ['not yet', 'Rambursarea nu a fost încă efectuată.'],
    ['failed', 'Încercarea de rambursare a eșuat, vă rugăm să ne trimiteți un IBAN valid.'],
    ['passed to the seller', 'Am transmis solicitarea de rambursare către vânzător.'],
    ['offered as a choice', 'Vă putem oferi un voucher de 50 lei sau rambursarea integrală.'],
    ['a request registered', 'Cererea dumneavoastră de rambursare a fost înregistrată și va fi analizată.'],
    ['the product returned, the money not yet', 'Banii pentru cafetiera returnată nu au ajuns încă.'],
    ['as soon as', 'Vă vom rambursa suma de 199 lei imediat ce primim coletul returnat.'],
  ])('%s: %j → null', (_label, sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });

  it.each([
    // `nu` is Swedish, Danish and Dutch `now`: no negation there.
    ['Vi har nu återbetalat 349 kr till ditt kort.', 'full_refund'],
    ['Vi har nu refunderet 449 kr til dit kort.', 'full_refund'],
    // `dar` is Spanish and Portuguese `to give` too: no contrast (`, but …`) that puts the refusal off.
    ['No podemos reembolsar el pedido; para dar de baja su cuenta, escríbanos si lo desea.', 'denied'],
  ])('%j → %s', (sentence, outcome) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome });
  });
});

describe('identity and steps: Romanian', () => {
  it.each([
    ['Solicitarea nr. 44718 a fost actualizată.', '44718'],
    ['Numărul tichetului: 2026-55120', '2026-55120'],
    ['Returul RZ-20577 a fost aprobat.', 'RZ-20577'],
    ['Reclamația nr. 88120 a fost înregistrată.', '88120'],
  ])('case number: %j → %s', (text, value) => {
    expect(extractCaseNumber(context({ text }), builtInRuleset)).toMatchObject({ value });
  });

  it.each([
    ['Am procesat comanda nr. 30458812.', '30458812'],
    ['Numărul comenzii: 4412-7781', '4412-7781'],
  ])('order number: %j → %s', (text, value) => {
    expect(extractOrderNumber(context({ text }))).toMatchObject({ value });
  });

  it('an order number is no case number', () => {
    expect(extractCaseNumber(context({ text: 'Am procesat comanda nr. 30458812.' }), builtInRuleset)).toBeNull();
  });

  it.each([
    ['Vă vom contacta în 3 zile lucrătoare.', '2023-11-01'],
    ['Vă vom răspunde în termen de 2 zile.', '2023-10-29'],
  ])('due date: %j → %s', (sentence, due) => {
    expect(dueDateOf(sentence, '2023-10-27T16:30:00.000Z')).toBe(due);
  });

  it('the signature under `Cu stimă,` names the contact person', () => {
    const text = 'Rambursarea a fost efectuată.\n\nCu stimă,\nIoana Popescu\nDepartamentul Relații Clienți';
    const ctx = context({ text, from: { address: SUPPORT.address, name: 'Suport Clienți' } });
    expect(extractContactPerson(ctx, 'from_support')).toMatchObject({ value: 'Ioana Popescu' });
  });
});

describe('next steps: Romanian periods counted from an event still to come', () => {
  it('`în maximum 14 zile de la primirea produsului` is policy, no step', () => {
    const text =
      'Conform politicii noastre, rambursarea se face în maximum 14 zile de la primirea produsului returnat.';
    expect(extractNextSteps(context({ text }))).toBeNull();
  });
});
