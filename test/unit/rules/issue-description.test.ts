import { describe, expect, it } from 'vitest';
import { extractIssueDescription } from '../../../src/rules/issue-description.js';
import { context } from './message.js';

describe('issue description', () => {
  it.each([
    ['Issue Type: Refund for undelivered electronic item', 'Refund for undelivered electronic item'],
    ['Reason: Item arrived damaged', 'Item arrived damaged'],
    ['Anliegen: Wasserkocher undicht', 'Wasserkocher undicht'],
    ['Motif : Abat-jour fêlé', 'Abat-jour fêlé'],
  ])('a labelled field wins: %j', (line, expected) => {
    const found = extractIssueDescription(
      context({ text: `Thank you.\n${line}\nMore text.`, subject: 'Something else' }),
    );
    expect(found).toMatchObject({ value: expected, rule: 'issue/labelled' });
  });

  it.each([
    ['Fwd: Re: We received your request - Case Number: GTB-2023-5876', 'We received your request'],
    ['[Request #48213] Refund status', 'Refund status'],
    ['Your refund for case GTB-2023-5876 has been approved', 'Your refund has been approved'],
    ['Mise à jour pour le dossier n° 2023-77812', 'Mise à jour'],
    ['AW: [Ticket#11162] Paket nicht angekommen', 'Paket nicht angekommen'],
    ['TR: Lampadaire cassé', 'Lampadaire cassé'],
  ])('else the subject, without prefixes and case tags: %j', (subject, expected) => {
    expect(extractIssueDescription(context({ text: 'Thank you.', subject }))).toMatchObject({
      value: expected,
      rule: 'issue/subject',
    });
  });

  it('nothing left → null', () => {
    expect(extractIssueDescription(context({ text: 'Thanks.', subject: 'Re: [Ticket #772190]' }))).toBeNull();
  });
});

describe('issue description: Italian, Dutch, Polish and Portuguese (from the lexicons)', () => {
  it.each([
    ['it', 'Tipo di problema: Prodotto arrivato danneggiato', 'Prodotto arrivato danneggiato'],
    ['nl', 'Reden: Artikel beschadigd ontvangen', 'Artikel beschadigd ontvangen'],
    ['pl', 'Opis problemu: Słuchawki nie działają', 'Słuchawki nie działają'],
    ['pt', 'Motivo do contato: Produto com defeito', 'Produto com defeito'],
  ])('%s: a labelled field wins: %j', (_language, line, expected) => {
    const found = extractIssueDescription(context({ text: `Grazie.\n${line}\nAltro.`, subject: 'Something else' }));
    expect(found).toMatchObject({ value: expected, rule: 'issue/labelled' });
  });

  it.each([
    ['it', 'R: Aggiornamento per la pratica n. 2023-44812', 'Aggiornamento'],
    ['it', 'I: Il tuo rimborso - Richiesta n. 4471203', 'Il tuo rimborso'],
    ['nl', 'Antw: Update over uw ticketnummer 2023-118842', 'Update'],
    ['pl', 'Odp: Zwrot w sprawie zgłoszenia nr 5512078', 'Zwrot'],
    ['pt', 'RES: Atualização sobre o protocolo 2023112755012', 'Atualização'],
    ['pt', 'ENC: Produto com defeito', 'Produto com defeito'],
  ])('%s: the subject without prefixes and case tags: %j', (_language, subject, expected) => {
    expect(extractIssueDescription(context({ text: 'Grazie.', subject }))).toMatchObject({
      value: expected,
      rule: 'issue/subject',
    });
  });
});
