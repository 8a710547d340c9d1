import type { AnalysisContext } from './context.js';
import type { Outcome, ResolutionFinding } from './findings.js';
import { sentencesOf } from './message-text.js';
import { findMoney } from './money.js';

/**
 * JavaScript's `\b` knows only ASCII letters, so `\beffectué\b` and `\bémis` never match: French and
 * Spanish words that begin or end with an accented letter were invisible to every pattern here.
 * `unicodeWords` rewrites each `\b` of a pattern into the same boundary over Unicode letters and digits.
 */
const UNICODE_BOUNDARY = '(?:(?<=[\\p{L}\\p{N}_])(?![\\p{L}\\p{N}_])|(?<![\\p{L}\\p{N}_])(?=[\\p{L}\\p{N}_]))';
const unicodeWords = (re: RegExp): RegExp =>
  new RegExp(re.source.replaceAll('\\b', UNICODE_BOUNDARY), re.flags.includes('u') ? re.flags : `${re.flags}u`);

/** What counts as done: a refund approved, issued, processed or completed, not one promised. */
const DONE =
  '(?:approved|issued|processed|completed|refunded|credited|sent|initiated|genehmigt|erstattet|veranlasst|bearbeitet|approuvé|effectué|remboursé|émis|aprobado|procesado|reembolsado|emitido)';

const OUTCOME_PHRASES: { outcome: Outcome; rule: string; pattern: RegExp }[] = [
  {
    outcome: 'denied',
    rule: 'resolution/denied',
    pattern: unicodeWords(
      /\b(unable to (?:approve|offer|issue|process|grant)|cannot (?:approve|offer|issue|process|grant)|can ?not be refunded|not eligible for (?:a )?refund|(?:refund|request|claim) (?:has been |was |is )?(?:denied|declined|rejected)|we (?:must|have to) (?:decline|deny|reject)|abgelehnt|refusé|rechazad[oa])/iu,
    ),
  },
  {
    outcome: 'partial_refund',
    rule: 'resolution/partial-refund',
    pattern: unicodeWords(
      new RegExp(
        `\\b(partial refund|teilerstattung|remboursement partiel|reembolso parcial)\\b.{0,80}\\b${DONE}\\b|\\b${DONE}\\b.{0,40}\\bpartial refund\\b`,
        'iu',
      ),
    ),
  },
  {
    outcome: 'store_credit',
    rule: 'resolution/store-credit',
    pattern: unicodeWords(
      /\b(store credit|gift card|voucher|gutschein|avoir|bon d'achat|crédito en tienda|vale)\b.{0,80}\b(issued|added|applied|credited|sent|ausgestellt|gutgeschrieben|émis|crédité|emitido)\b/iu,
    ),
  },
  {
    outcome: 'replacement',
    rule: 'resolution/replacement',
    pattern: unicodeWords(
      /\b(replacement|ersatz|remplacement|reemplazo|sustitución)\b.{0,80}\b(shipped|dispatched|sent|on its way|versandt|verschickt|expédié|enviado)\b/iu,
    ),
  },
  {
    outcome: 'full_refund',
    rule: 'resolution/refund',
    pattern: unicodeWords(
      new RegExp(
        `\\b(?:full refund|refund|rückerstattung|erstattung|remboursement|reembolso)\\b.{0,80}\\b${DONE}\\b|\\b(?:we have|we've|has been|have been|was) (?:fully )?refunded\\b|\\b${DONE}\\b.{0,30}\\b(?:full )?refund\\b`,
        'iu',
      ),
    ),
  },
];

/** Words that make a sentence a promise, a condition, a request or a review: never a resolution. */
const NOT_YET = unicodeWords(
  new RegExp(
    '\\b(once|if|si|after we|when (?:we|your|the|it|our)|as soon as|upon receipt|pending|under review|being reviewed|for review|requested|request (?:a|an|the)|asked for|would like|eligible for|may be|will be (?:refunded|processed|issued|approved|reviewed|credited|sent)|will (?:refund|process|issue|approve|review|send)|' +
      // A request passed on is not a refund done: `we have sent your refund request to the seller`.
      '(?:sent|forwarded|passed on|submitted|escalated) (?:your |the |this )?(?:refund |return )?request|request (?:(?:for|of|about|regarding) .{0,30}? )?(?:has been |was |is )?(?:sent|forwarded|passed on|submitted|escalated)|' +
      'sobald|falls|wird [\\p{L} ]{0,30}(?:erstattet|geprüft|bearbeitet)|dès que|une fois|sera (?:remboursé|traité)|cuando|una vez|será (?:reembolsado|procesado)|' +
      // The future of any done verb is a promise (`sera effectué sous 5 jours`, `será emitido`, `wird veranlasst`).
      `(?:sera|seront|va être|vont être|será|serán|va a ser|wird|werden)\\s[\\p{L}\\s]{0,30}?${DONE})\\b`,
    'iu',
  ),
);
/** Negations that turn an approval phrase into its opposite. `n't` is glued to its verb (`hasn't`): no `\b` before it. */
const NEGATED = unicodeWords(/\b(not|never|no longer|nicht|kein|pas|jamais|no)\b|n['’]t\b/iu);

const TRANSACTION_ID =
  /\b(?:transaction|refund|payment|trans\.?|transaktions?|transacción|transaction)[ -]?(?:id|ref(?:erence)?|number|no\.?|nr\.?|#|nummer|número|numéro)\s?[:#]?\s?([A-Z0-9][A-Z0-9-]{4,40})\b/iu;

/**
 * Finds a resolution in the new text only (quoted history already said what it said).
 * Confidence rises with evidence: an explicit outcome verb, then an amount, then a transaction ID.
 */
export function extractResolution(ctx: AnalysisContext): ResolutionFinding | null {
  const newText = ctx.text.newText;
  for (const sentence of sentencesOf(newText)) {
    for (const { outcome, rule, pattern } of OUTCOME_PHRASES) {
      if (!pattern.test(sentence)) continue;
      if (outcome !== 'denied' && (NOT_YET.test(sentence) || NEGATED.test(sentence))) continue;
      const money = outcome === 'denied' || outcome === 'replacement' ? null : moneyFor(sentence, newText);
      const candidate = outcome === 'denied' ? null : (newText.match(TRANSACTION_ID)?.[1] ?? null);
      // Only an identifier with a digit is evidence: `refund reference` otherwise yields `erence`,
      // which must not raise the confidence either.
      const txn = candidate && /\d/.test(candidate) ? candidate : null;
      const confidence = outcome === 'denied' ? 0.9 : Math.min(0.99, 0.8 + (money ? 0.1 : 0) + (txn ? 0.07 : 0));
      return {
        outcome,
        rule,
        amount: money?.amount ?? null,
        currency: money?.currency ?? null,
        transactionId: txn,
        confidence: Math.round(confidence * 100) / 100,
        sentence,
        location: 'new_text',
      };
    }
  }
  return null;
}

/** The amount in the deciding sentence, else the one labelled as refunded or credited. */
function moneyFor(sentence: string, text: string) {
  const inSentence = findMoney(sentence)[0];
  if (inSentence) return inSentence;
  const labelled = text.match(
    /(?:amount|refund(?:ed)? amount|amount refunded|total refunded|betrag|montant|importe)[^:\n]{0,20}:\s?([^\n]{1,40})/iu,
  );
  return labelled?.[1] ? (findMoney(labelled[1])[0] ?? null) : null;
}
