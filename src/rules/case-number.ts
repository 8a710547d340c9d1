import type { AnalysisContext, Match } from './context.js';
import type { FindingLocation } from './findings.js';
import { appliesTo, type Ruleset } from './ruleset.js';

/**
 * Labels that introduce a support-side identifier, in English, German, French and Spanish.
 * Order, invoice and transaction numbers are deliberately absent: they are never case numbers.
 */
const LABEL =
  '(?:return authori[sz]ation|numéro de dossier|número de caso|número de incidencia|case|ticket|request|incident|dispute|claim|reference|ref|rma|vorgangsnummer|ticketnummer|aktenzeichen|vorgang|fallnummer|dossier|référence|demande|réclamation|caso|incidencia|referencia|solicitud|reclamación)(?![\\p{L}])';
const NUMBER_WORD = '(?:\\s+(?:number|no\\.?|nr\\.?|nummer|numéro|número|n[°º]|id))?';
const SEPARATOR = '\\s{0,3}(?:#\\s?:?|:|n[°º]\\.?)?\\s{0,3}#?';
const IDENTIFIER = '([A-Za-z0-9](?:[A-Za-z0-9-]{2,38})[A-Za-z0-9])';
const LABELLED = new RegExp(`(?<![\\p{L}])${LABEL}${NUMBER_WORD}${SEPARATOR}${IDENTIFIER}(?![\\p{L}\\d-])`, 'giu');

/** A label preceded by one of these words names something else (`transaction reference`). */
const NOT_A_CASE_PREFIX = /(transaction|payment|order|invoice|tracking|zahlungs|bestell|commande|pedido|pago)\s*$/i;

/** Shapes that are dates or phone numbers, whatever label precedes them. */
const NOT_AN_IDENTIFIER = [/^\d{4}-\d{2}-\d{2}$/, /^\d{3}-\d{3}-\d{4}$/, /^\d{1,3}$/];

function labelledIn(text: string, location: FindingLocation): Match[] {
  const found: Match[] = [];
  for (const m of text.matchAll(LABELLED)) {
    const id = m[1] ?? '';
    if (!/\d/.test(id) || NOT_AN_IDENTIFIER.some((re) => re.test(id))) continue;
    const before = text.slice(Math.max(0, (m.index ?? 0) - 20), m.index);
    if (NOT_A_CASE_PREFIX.test(before)) continue;
    found.push({ value: id, rule: 'case-number/labelled', matched: m[0].trim(), location });
  }
  return found;
}

/** A bare identifier must stand alone: `XGTB-2023-58761` does not hold `GTB-2023-5876`. */
const IDENTIFIER_CHAR = /[A-Za-z0-9-]/;

function formatsIn(text: string, location: FindingLocation, ruleset: Ruleset, sender: string | null): Match[] {
  const found: Match[] = [];
  for (const format of ruleset.caseNumberFormats) {
    if (!appliesTo(format, sender)) continue;
    for (const m of format.pattern.matchAll(text)) {
      const before = text[m.index - 1] ?? '';
      const after = text[m.index + m.text.length] ?? '';
      if (IDENTIFIER_CHAR.test(before) || /[A-Za-z0-9]/.test(after)) continue;
      found.push({ value: m.text, rule: `case-number/format:${format.name}`, matched: m.text, location });
    }
  }
  return found;
}

/**
 * The case number: subject first, then new text, then quoted history; within each, a labelled
 * identifier before a bare merchant format. Returns every candidate in that order of trust.
 */
export function findCaseNumbers(ctx: AnalysisContext, ruleset: Ruleset): Match[] {
  const places: [string, FindingLocation][] = [
    [ctx.subject, 'subject'],
    [`${ctx.text.newText}\n${ctx.text.signature}`, 'new_text'],
    [ctx.text.quoted, 'quoted_text'],
  ];
  return places.flatMap(([text, location]) => [
    ...labelledIn(text, location),
    ...formatsIn(text, location, ruleset, ctx.from?.address ?? null),
  ]);
}

export function extractCaseNumber(ctx: AnalysisContext, ruleset: Ruleset): Match | null {
  return findCaseNumbers(ctx, ruleset)[0] ?? null;
}
