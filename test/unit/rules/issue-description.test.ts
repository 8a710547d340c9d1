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
    ['回复：耳机左耳无声', '耳机左耳无声'],
    ['RE[3]: Refund status', 'Refund status'],
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

describe('issue description: a case number leaves with its label, and no word dangles', () => {
  it.each([
    ['en', 'Your claim PF-884213 has been passed to our claims team', 'Your claim has been passed to our claims team'],
    ['en', 'Update on your case #4471203', 'Update'],
    ['en', 'Ticket 4471203: Damaged kettle', 'Damaged kettle'],
    ['en', 'Your request (77104) has been updated', 'Your request has been updated'],
    ['en', 'My case 4471203 - Kettle arrived broken', 'Kettle arrived broken'],
    ['en', 'Reply to this request 4471203', 'Reply'],
    ['de', 'Ihre Reklamation zum Vorgang LV-2026-40718: Erstattung veranlasst', 'Erstattung veranlasst'],
    ['de', 'Neuigkeiten zu Ihrer Anfrage 2023-118842', 'Neuigkeiten'],
    ['de', 'Ihr Fall 4471203 wurde aktualisiert', 'Ihr Fall wurde aktualisiert'],
    ['de', 'Status der Anfrage 4471203', 'Status der Anfrage'],
    ['de', 'Rückmeldung zur Reklamation LV-2026-40718', 'Rückmeldung'],
    ['fr', 'Votre dossier n° 2023-77812 a été mis à jour', 'Votre dossier a été mis à jour'],
    ['fr', 'Suivi de votre demande n° 2023-77812', 'Suivi'],
    ['fr', 'Mise à jour du dossier 2023-77812', 'Mise à jour'],
    ['fr', 'Suivi de la demande 2023-77812', 'Suivi'],
    ['fr', 'Réponse à votre réclamation 2023-77812', 'Réponse'],
    ['es', 'Actualización de su caso 2023-44812', 'Actualización'],
    ['es', 'Actualización del caso 2023-44812', 'Actualización'],
    ['es', 'Estado de la solicitud 2023-44812', 'Estado'],
    ['es', 'Su solicitud 4471203 ha sido resuelta', 'Su solicitud ha sido resuelta'],
    ['es', 'Respuesta a tu reclamación #4471203', 'Respuesta'],
    ['es', 'Tu caso n.º 4471203 - Reembolso pendiente', 'Reembolso pendiente'],
    ['nl', 'Status van ticket 2023-118842', 'Status'],
  ])('%s: %j → %j', (_language, subject, expected) => {
    expect(extractIssueDescription(context({ text: 'Thank you.', subject }))).toMatchObject({
      value: expected,
      rule: 'issue/subject',
    });
  });

  it('a run of function words before a tag is cut in one pass, not tried every way (no backtracking blow-up)', () => {
    const subject = `Suivi ${'de la '.repeat(40)}demande 2023-77812`;
    const found = extractIssueDescription(context({ text: 'Merci.', subject }));
    expect(found?.value).toMatch(/^Suivi (?:de la ?)+$/);
  });

  it.each([
    ['en', 'Your case #4471203'],
    ['de', 'Ihre Reklamation zum Vorgang LV-2026-40718'],
    ['fr', 'Re: Votre demande n° 2023-77812'],
    ['es', 'RE: Su caso 2023-44812'],
  ])('%s: only the label and its article left → null, so another message can describe the case: %j', (_l, subject) => {
    expect(extractIssueDescription(context({ text: 'Thank you.', subject }))).toBeNull();
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
