import { appliesTo, type Ruleset } from './compiled-ruleset.js';
import type { AnalysisContext, Match } from './context.js';
import type { FindingLocation } from './findings.js';
import { alternation, type Lexicon, type Words } from './lexicon/index.js';
import { CYRILLIC_PREFIXED_ID, identifierShapeHolds, orderNumbersOf } from './order-number.js';
import { GatedPattern, GlobalPattern } from './prefilter.js';
import { matchesOf, ruleRegExp } from './rule-regexp.js';
import { HANGUL_SYLLABLE, UNSPACED_CHAR } from './unicode-words.js';

const words = (pick: (lexicon: Lexicon) => Words) => alternation(pick);

/** "Number" before a label, with its linking word: `Numer zgłoszenia`, `numero di pratica`, `número do protocolo`. */
export const NUMBER_BEFORE_LABEL = `(?:${words((l) => l.identity.numberWords)}\\s{1,3}(?:${words((l) => l.identity.linkWords)}\\s{0,3})?)?`;
/** "Number" after a label: `Case Number`, `Ticket-Nr.`, `Richiesta n.`, `zamówienie nr`. */
export const NUMBER_AFTER_LABEL = `(?:[\\s-]{1,3}${words((l) => l.identity.numberWords)})?`;
/**
 * `:`, `#`, `n°` and the spaces around them, between a label and its identifier; or an opening
 * parenthesis, as help desks print it: `Your request (77104) has been updated`.
 */
const LABEL_SEPARATOR = '\\s{0,3}(?:#\\s?:?|[:：]|n\\.?[°º]\\.?|\\()?\\s{0,3}#?';
/** `is` / `lautet` / `è` / `ma numer` between label and identifier: `Your case number is 88776655`. */
export const COPULA = `(?:\\s{1,3}${words((l) => l.identity.copulas)})?`;

/**
 * Labels that introduce a support-side identifier, from every lexicon. Order, invoice and transaction
 * numbers are deliberately absent: they are never case numbers. `alternation` puts longer labels
 * first, so `return authorization` is not read as `return` + noise.
 */
// No letter after it, nor a digit, except after a Han or kana label, which touches its number: `工单号88102`.
export const CASE_LABEL = `${words((l) => [...l.identity.caseLabels, ...l.identity.referenceLabels])}(?!(?!${UNSPACED_CHAR})\\p{L}|(?<!${UNSPACED_CHAR})\\d)`;
/**
 * What the reference is of, when that keeps it the case's: `demande de remboursement n° DR-4471902`,
 * `Référence de la conversation : OT-CH-5583016`, `demande SAV n° VL-24-4410`, `zgłoszenie reklamacyjne nr 7`.
 */
const QUALIFIER = `(?:\\s{1,3}${words((l) => l.identity.caseQualifiers)})?`;
/** As printed: letters, digits, `-` and `/` inside (`2024/INC/00417`), or a Cyrillic prefix (`ЗВ-77120`). */
const IDENTIFIER = `([A-Za-z0-9](?:[A-Za-z0-9/-]{2,38})[A-Za-z0-9]|${CYRILLIC_PREFIXED_ID})`;
const LABELLED = new GlobalPattern(
  // "Number" after the qualifier too: `Richiesta di rimborso n. RR-20931`, `Demande de remboursement numéro …`.
  // Han and kana letters may touch a label and its identifier: `お客様のお問い合わせ番号：284410の件`; a Korean
  // ending may follow it (`접수번호는 20261127-5531입니다`).
  // The identifier holds a digit, checked here as well: a word taken for one (`complaint reference number …`
  // read as label `complaint` and identifier `reference`) would hide the label that follows it.
  `(?<!(?!${UNSPACED_CHAR})\\p{L})${NUMBER_BEFORE_LABEL}(?<label>${CASE_LABEL})${NUMBER_AFTER_LABEL}${QUALIFIER}${NUMBER_AFTER_LABEL}${COPULA}${LABEL_SEPARATOR}(?=[A-Za-z0-9/-]{0,39}\\d|[А-ЯЁІЇЄҐ])(?<id>${IDENTIFIER})(?!(?!${UNSPACED_CHAR}|${HANGUL_SYLLABLE})[\\p{L}\\d/-])`,
  'dgiu',
);

/**
 * Identifiers that carry their label inside them, printed as one token: `RMA-20931`, `RMA20931`.
 * The label is part of what is printed, so it stays in the value.
 */
const PREFIXED = /(?<![\p{L}\d-])(RMA(?:-?[A-Z0-9]{1,12}){1,4})(?![\p{L}\d-])/gu;

/**
 * A return's own code after the everyday noun for a return: `Your return RT-44120`, `tu devolución
 * DV-30217`. The merchant's handle of the return is the case, like an RMA. Only this shape (letters, a
 * hyphen, digits): the noun before a bare number or a date is the everyday word (`return 2 items`).
 * `return RMA-20931` stays the prefixed rule's, which keeps the label in the value.
 */
const RETURN_CODE = ruleRegExp(
  `(?<![\\p{L}])(?:${words((l) => l.identity.returnNouns ?? [])})\\s{1,3}(?<id>(?!rma)[a-z]{1,5}-\\d[a-z0-9-]{1,30}[a-z0-9])(?![\\p{L}\\d-])`,
  'giu',
);
/**
 * Help-desk subject tags: Freshdesk `[#12345]`, Zoho `[## 12345 ##]`, and Zendesk's `[<word> #48213]`
 * in any language, known or not (`[Požadavek #55120]`, `[Kérés #55120]`, `[Pyyntö #55120]`): the
 * bracketed `#` number is the help desk's shape, whatever its word. Not when the word is an order,
 * invoice or payment word of some lexicon (`[Objednávka #1042]`, `[Order #1042]`).
 */
const SUBJECT_TAG =
  /\[\s?(?<words>\p{L}[\p{L}.-]{1,20}(?: \p{L}[\p{L}.-]{1,20}){0,2} ?)?#{1,2}\s?(?<id>[A-Za-z0-9][A-Za-z0-9-]{2,38}[A-Za-z0-9])\s?#{0,2}\s?\]/gu;
const NOT_A_CASE_TAG = new GatedPattern(
  `(?<![\\p{L}])${words((l) => [...l.identity.orderLabels, ...l.identity.notCaseWords])}(?![\\p{L}])`,
  'iu',
);

/** Salesforce's thread reference `[ ref:_00D5e1234._5005e0987:ref ]` is routing data, never the case. */
const SALESFORCE_THREAD_REF = /\[?\s?ref:_?[A-Za-z0-9._]{1,80}:ref\s?\]?/giu;

/**
 * A label or a bare identifier preceded by one of these words names something else
 * (`transaction reference`, `Refund reference RF-48213-01`, `pedido TS-2023-104455`).
 */
const NOT_A_CASE_WORDS = words((l) => l.identity.notCaseWords);
const NOT_A_CASE_STEMS = words((l) => l.identity.notCaseStems);
const NOT_A_CASE_REFERENCE_WORDS = words((l) => l.identity.notCaseBeforeReference);
/** The words just before a labelled match: `transaction ` / `Zahlungs` (German compounds glue). */
const NOT_A_CASE_PREFIX = new GatedPattern(`(?:(?<![\\p{L}])${NOT_A_CASE_WORDS}\\s{0,3}|${NOT_A_CASE_STEMS})$`, 'iu');
/** Before `reference` / `ID` only: `Refund reference RF-48213-01` is a transaction, `refund request #1` is not. */
const NOT_A_CASE_REFERENCE_PREFIX = new GatedPattern(
  `(?:(?<![\\p{L}])${NOT_A_CASE_REFERENCE_WORDS}\\s{0,3}|${NOT_A_CASE_REFERENCE_WORDS})$`,
  'iu',
);
const REFERENCE_LABEL = ruleRegExp(`^${words((l) => l.identity.referenceLabels)}(?![\\p{L}])`, 'iu');
/** The words just before a bare identifier: `order #`, `Bestellnummer: `, `commande n° `, `número de pedido `. */
const NOT_A_CASE_BEFORE_BARE = new GatedPattern(
  `(?:(?<![\\p{L}])(?:${NOT_A_CASE_WORDS}|${NOT_A_CASE_REFERENCE_WORDS})|${NOT_A_CASE_STEMS})${NUMBER_AFTER_LABEL}(?:\\s{1,3}(?:${words((l) => [...l.identity.referenceLabels, ...l.identity.linkWords])}))?${COPULA}\\s{0,3}[:#]?\\s{0,3}(?:n[°º]\\.?)?\\s{0,3}#?$`,
  'iu',
);
/** A label followed by these words names something else: `référence de commande`, `referencia del pedido`. */
const NOT_A_CASE_AFTER_LABEL = new GatedPattern(
  `^\\s{0,3}(?:${words((l) => l.identity.linkWords)})\\s{1,3}${NOT_A_CASE_WORDS}`,
  'iu',
);

/**
 * A reference label followed by these words is another's reference, as the same words before it say in
 * English (`Refund reference`): `referencia del reembolso`, `référence du remboursement`, `Referenz der Erstattung`.
 */
const NOT_A_CASE_REFERENCE_AFTER_LABEL = ruleRegExp(
  `^\\s{0,3}(?:${words((l) => l.identity.linkWords)})\\s{1,3}${NOT_A_CASE_REFERENCE_WORDS}`,
  'iu',
);

/** An open parenthesis, an item's name and a comma, just before a reference label: `(cafetera, `, `(Blender Pro, `. */
const ITEM_IN_PARENTHESES = /\([^()\n,;:]{2,40},\s{0,3}$/u;

/** Shapes that are dates, phone numbers or postcodes, whatever label precedes them. */
const NOT_AN_IDENTIFIER = [
  /^\d{4}-\d{2}-\d{2}$/,
  /^\d{2}-\d{2}-\d{4}$/,
  /^\d{3}-\d{3}-\d{4}$/,
  /^\d{1,3}$/,
  /^(?:19|20)\d{2}$/, // a year
  /^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$/, // 10/11/2023, 10-11
];

const before = (text: string, index: number, n = 40) => text.slice(Math.max(0, index - n), index);

function labelledIn(text: string, location: FindingLocation): Match[] {
  const found: Match[] = [];
  for (const m of matchesOf(LABELLED.in(text), text)) {
    const id = m.groups?.id ?? '';
    if (!/\d/.test(id) || !identifierShapeHolds(id) || NOT_AN_IDENTIFIER.some((re) => re.test(id))) continue;
    const index = m.index ?? 0;
    const prefix = before(text, index, 20);
    if (NOT_A_CASE_PREFIX.test(prefix)) continue;
    // A phone number: `Ticket hotline +49 …`, `(800) 555-0199`.
    const after = text.slice(index + m[0].length, index + m[0].length + 12);
    if (/^[ ./]\d{2,4}[ ./-]\d{2,4}/.test(after)) continue;
    const labelText = m.groups?.label ?? '';
    if (REFERENCE_LABEL.test(labelText) && NOT_A_CASE_REFERENCE_PREFIX.test(prefix)) continue;
    // `el artículo devuelto (cafetera, referencia 0012-553-041)`: a reference after an item's name, in its
    // parentheses, is the item's; `Votre demande (référence 4412889)` names the request.
    if (REFERENCE_LABEL.test(labelText) && ITEM_IN_PARENTHESES.test(before(text, index, 45))) continue;
    // What follows the label, up to the identifier: `Référence de commande : …` is the order's.
    const labelEnd = m.indices?.groups?.label?.[1] ?? index;
    const afterLabel = text.slice(labelEnd, index + m[0].length - id.length);
    if (NOT_A_CASE_AFTER_LABEL.test(afterLabel)) continue;
    if (REFERENCE_LABEL.test(labelText) && NOT_A_CASE_REFERENCE_AFTER_LABEL.test(afterLabel)) continue;
    found.push({ value: id, rule: 'case-number/labelled', matched: m[0].trim(), location });
  }
  return found;
}

/** A bare identifier must stand alone: `XGTB-2023-58761` does not hold `GTB-2023-5876`. */
const IDENTIFIER_CHAR = /[A-Za-z0-9-]/;

function bareIn(
  text: string,
  location: FindingLocation,
  found: { index: number; text: string; rule: string }[],
  notCases: Set<string>,
): Match[] {
  const out: Match[] = [];
  for (const m of found) {
    const prev = text[m.index - 1] ?? '';
    const next = text[m.index + m.text.length] ?? '';
    if (IDENTIFIER_CHAR.test(prev) || /[A-Za-z0-9]/.test(next)) continue;
    // `pedido TS-2023-104455`, `Invoice number: GTB-2023-0042`: the words before say what it is.
    if (NOT_A_CASE_BEFORE_BARE.test(before(text, m.index))) continue;
    if (notCases.has(m.text.toUpperCase())) continue;
    out.push({ value: m.text, rule: m.rule, matched: m.text, location });
  }
  return out;
}

function formatsIn(text: string, ruleset: Ruleset, sender: string | null) {
  const found: { index: number; text: string; rule: string }[] = [];
  for (const format of ruleset.caseNumberFormats) {
    if (!appliesTo(format, sender)) continue;
    for (const m of format.pattern.matchAll(text)) {
      found.push({ index: m.index, text: m.text, rule: `case-number/format:${format.name}` });
    }
  }
  return found;
}

function prefixedIn(text: string) {
  return [...text.matchAll(PREFIXED)].map((m) => ({
    index: m.index ?? 0,
    text: m[1] ?? '',
    rule: 'case-number/prefixed',
  }));
}

function returnCodesIn(text: string) {
  return matchesOf(RETURN_CODE, text).map((m) => {
    const id = m.groups?.id ?? '';
    return { index: (m.index ?? 0) + m[0].length - id.length, text: id, rule: 'case-number/return-code' };
  });
}

/**
 * The number in brackets right after a help desk's notice noun (`Din förfrågan (31207) har uppdaterats`,
 * `Din anmodning (52871) er blevet opdateret`): the request the comment is on, whatever the case labels.
 */
const NOTICE_NUMBER = new RegExp(`^${words((l) => l.text.helpDeskRequest)}\\s?\\(#?(\\d{3,12})\\)`, 'iu');

function noticeNumberIn(notice: string): Match[] {
  const m = NOTICE_NUMBER.exec(notice.trim());
  return m?.[1] ? [{ value: m[1], rule: 'case-number/help-desk-notice', matched: m[0], location: 'new_text' }] : [];
}

function subjectTagsIn(subject: string): Match[] {
  const found: Match[] = [];
  for (const m of subject.matchAll(SUBJECT_TAG)) {
    const id = m.groups?.id ?? '';
    if (!/\d/.test(id) || NOT_AN_IDENTIFIER.some((re) => re.test(id))) continue;
    if (m.groups?.words && NOT_A_CASE_TAG.test(m.groups.words)) continue;
    found.push({ value: id, rule: 'case-number/subject-tag', matched: m[0], location: 'subject' });
  }
  return found;
}

/**
 * The case number: subject first, then new text, then quoted history; within each, a labelled
 * identifier, then an identifier that carries its label (`RMA-20931`), then a return's own code
 * (`Your return RT-44120`), then a bare merchant
 * format. Order numbers (labelled anywhere in the message) are never case numbers, even when a bare
 * format matches them. Returns every candidate in that order of trust.
 */
export function findCaseNumbers(ctx: AnalysisContext, ruleset: Ruleset): Match[] {
  const notCases = new Set(orderNumbersOf(ctx).map((m) => m.value.toUpperCase()));
  const clean = (text: string) => text.replace(SALESFORCE_THREAD_REF, (s) => ' '.repeat(s.length));
  const notice = clean(ctx.text.helpDeskNotice ?? '');
  const places: [string, FindingLocation][] = [
    [clean(ctx.subject), 'subject'],
    [clean(`${ctx.text.newText}\n${ctx.text.signature}`), 'new_text'],
    // A help desk's notice (`Your request (77104) has been updated`) names the request the comment is on.
    [notice, 'new_text'],
    [clean(ctx.text.quoted), 'quoted_text'],
  ];
  const sender = ctx.from?.address ?? null;
  return places.flatMap(([text, location]) => {
    const labelled = labelledIn(text, location).filter((m) => !notCases.has(m.value.toUpperCase()));
    return [
      ...labelled,
      ...(location === 'subject' ? subjectTagsIn(text) : []),
      ...(text !== '' && text === notice ? noticeNumberIn(text).filter((m) => !notCases.has(m.value)) : []),
      ...bareIn(text, location, prefixedIn(text), notCases),
      ...bareIn(text, location, returnCodesIn(text), notCases),
      ...bareIn(text, location, formatsIn(text, ruleset, sender), notCases),
    ];
  });
}

export function extractCaseNumber(ctx: AnalysisContext, ruleset: Ruleset): Match | null {
  return findCaseNumbers(ctx, ruleset)[0] ?? null;
}
