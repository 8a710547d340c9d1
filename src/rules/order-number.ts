import type { AnalysisContext, Match } from './context.js';
import type { FindingLocation } from './findings.js';
import { alternation, type Lexicon, type Words } from './lexicon/index.js';
import { GatedPattern, GlobalPattern } from './prefilter.js';
import { matchesOf, ruleRegExp } from './rule-regexp.js';
import { HANGUL_SYLLABLE, UNSPACED_CHAR } from './unicode-words.js';

const words = (pick: (lexicon: Lexicon) => Words) => alternation(pick);
const NUMBER = words((l) => l.identity.numberWords);

/**
 * An identifier with a Cyrillic letter prefix, as Russian and Ukrainian shops print them: `ТД-558120`,
 * `ЗК-20931`, `ЗМ558120`. At most four letters, then digits; the patterns are case-insensitive, so
 * `identifierShapeHolds` keeps only capitals: an ordinary word is never glued to a number (`від 12`).
 */
export const CYRILLIC_PREFIXED_ID = '[А-ЯЁІЇЄҐ]{1,4}-?\\d[\\d/-]{1,30}\\d';
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
/** An identifier is fit to keep: Latin as printed, or a Cyrillic prefix in capitals. */
export const identifierShapeHolds = (id: string): boolean =>
  !CYRILLIC_LETTER.test(id) || /^[А-ЯЁІЇЄҐ]{1,4}-?\d/u.test(id);

/**
 * `Order Number: GT20231012-88431`, `order #88431`, `Bestellnummer 30018842`, `Bestell-Nr.: 4711-22`,
 * `commande n° ML-559034`, `numéro de commande : …`, `pedido TS-2023-104455`, `Numero ordine: …`,
 * `Bestelnummer`, `zamówienie nr …`, `Número do pedido: …`. The labels come from the lexicons; every
 * part is bounded, so the pattern stays linear on hostile text.
 */
const ORDER_LABEL = new GlobalPattern(
  // Han and kana letters may touch a label and its number: `ご注文番号：20261115-00342の`, `订单号TY2026…的`.
  `(?<!(?!${UNSPACED_CHAR})\\p{L})(?:${NUMBER}\\s{1,3}(?:${words((l) => l.identity.linkWords)}\\s{0,3})?)?${words((l) => l.identity.orderLabels)}` +
    // `Order reference number is …`: a reference label and a number word may both follow.
    `(?:[\\s-]{1,3}(?:${NUMBER}|${words((l) => l.identity.referenceLabels)})){0,2}` +
    // `Your order number is …`, or a few words up to a colon: `Order placed on 12 May:` is no number.
    `(?:\\s{1,3}${words((l) => l.identity.copulas)}|(?:\\s{1,3}\\p{L}{2,20}){1,3}(?=\\s{0,3}:)|` +
    // The shop's name between the label and a number sign: `commande La Petite Épicerie n°…`,
    // `Bestellung bei Teehaus Nordlicht (Nummer: 10077)`.
    `(?<gap>(?:\\s{1,3}[\\p{L}&'’-]{2,20}){1,3})\\s{0,3}\\(?(?=#|n\\.?[°º]|(?:${NUMBER})\\s{0,3}:))?` +
    // As printed, `/` inside included: Polish shops number orders `EM/2025/00871`, `4411/2023`.
    `\\s{0,3}(?:#\\s?:?|[:：]|n\\.?[°º]\\.?|(?:${NUMBER})\\s{0,3}:)?\\s{0,3}#?(?<id>[A-Za-z0-9](?:[A-Za-z0-9/-]{2,38})[A-Za-z0-9]|${CYRILLIC_PREFIXED_ID})(?!(?!${UNSPACED_CHAR}|${HANGUL_SYLLABLE})[\\p{L}\\d/-])`,
  'giu',
);

/**
 * A gap that names a case, a parcel or a payment (`order and ticket #4411`, `order tracking #1Z…`)
 * puts the number on that, not on the order. An order label in the gap is the order's own, nearer
 * (`na compra do pedido #2000004417735`): the number stays the order's.
 */
const NOT_A_SHOP_NAME = new GatedPattern(
  `(?<![\\p{L}])(?:${words((l) => l.identity.caseLabels)}|${words((l) => l.identity.notCaseWords.filter((w) => !l.identity.orderLabels.includes(w)))})(?![\\p{L}])`,
  'iu',
);

/** A number sign, "number" or a reference label right before the identifier: `n° `, `#`, `with the reference `. */
const SIGN_BEFORE = ruleRegExp(
  `(?:[#:]|n\\.?[°º]\\.?|(?<![\\p{L}])(?:${NUMBER}|${words((l) => l.identity.referenceLabels)}))\\s{0,3}:?\\s{0,3}#?$`,
  'iu',
);

/**
 * A reference of nine capital letters behind a number sign (`commande n°KXWQBNRTD`, PrestaShop's
 * order references): random letters, so a run of four consonants or at most two vowels, which
 * status words in capitals (`CANCELLED`, `DELIVERED`, `STORNIERT`) never have.
 */
function isLetterReference(id: string): boolean {
  if (!/^[A-Z]{9}$/.test(id)) return false;
  return /[^AEIOUY]{4}/.test(id) || (id.match(/[AEIOUY]/g)?.length ?? 0) <= 2;
}

/**
 * A case label where an order label starts: `Pedido de apoio #52210` is a support request (European
 * Portuguese), not the order `pedido`. Built here from the lexicons, as case-number.ts imports this file.
 */
const CASE_LABEL_FIRST = new GatedPattern(
  `^(?:${NUMBER}\\s{1,3}(?:${words((l) => l.identity.linkWords)}\\s{0,3})?)?${words((l) => l.identity.caseLabels)}(?![\\p{L}\\d])`,
  'iu',
);

/** The number before the order noun: `723301557 numaralı siparişiniz` (Turkish). */
const NUMBERED_ORDER = new GlobalPattern(
  `(?<![\\p{L}\\d/-])(?<id>[A-Za-z0-9](?:[A-Za-z0-9/-]{2,38})[A-Za-z0-9])\\s{1,3}${words((l) => l.identity.numberedBy ?? [])}\\s{1,3}(?:${words((l) => l.identity.orderLabels)})\\p{L}{0,5}(?![\\p{L}])`,
  'giu',
);

/** Shapes that are dates or phone numbers, whatever label precedes them. */
const NOT_AN_ORDER = [
  /^\d{4}-\d{2}-\d{2}$/,
  /^\d{3}-\d{3}-\d{4}$/,
  /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/, // `Order date: 10/11/2023`
  /^\d{4}[/.]\d{1,2}[/.]\d{1,2}$/, // 2023/11/10
];

function orderNumbersIn(text: string, location: FindingLocation): Match[] {
  const found: Match[] = [];
  for (const m of matchesOf(NUMBERED_ORDER.in(text), text)) {
    const id = m.groups?.id ?? '';
    if (/\d/.test(id)) found.push({ value: id, rule: 'order-number/labelled', matched: m[0].trim(), location });
  }
  for (const m of matchesOf(ORDER_LABEL.in(text), text)) {
    const id = m.groups?.id ?? '';
    const signed = SIGN_BEFORE.test(m[0].slice(0, m[0].length - id.length));
    if (!(/\d/.test(id) || (signed && isLetterReference(id))) || NOT_AN_ORDER.some((re) => re.test(id))) continue;
    if (!identifierShapeHolds(id)) continue;
    if (CASE_LABEL_FIRST.test(m[0])) continue;
    if (m.groups?.gap && NOT_A_SHOP_NAME.test(m.groups.gap)) continue;
    found.push({ value: id, rule: 'order-number/labelled', matched: m[0].trim(), location });
  }
  return found;
}

/** Every labelled order number, subject first, then new text, then quoted history. */
export function findOrderNumbers(ctx: AnalysisContext): Match[] {
  const places: [string, FindingLocation][] = [
    [ctx.subject, 'subject'],
    [`${ctx.text.newText}\n${ctx.text.signature}`, 'new_text'],
    [ctx.text.quoted, 'quoted_text'],
  ];
  return places.flatMap(([text, location]) => orderNumbersIn(text, location));
}

/**
 * `findOrderNumbers` once per analysis: the order-number, case-number and resolution rules all ask,
 * and the label pattern runs over the whole message, quoted history included.
 */
export function orderNumbersOf(ctx: AnalysisContext): Match[] {
  ctx.orderNumbers ??= findOrderNumbers(ctx);
  return ctx.orderNumbers;
}

/** The order the matter is about, when a label states it. */
export function extractOrderNumber(ctx: AnalysisContext): Match | null {
  return orderNumbersOf(ctx)[0] ?? null;
}
