import { customerNamesOf, withoutCustomerTurns } from './channel.js';
import type { AnalysisContext } from './context.js';
import type { Outcome, ResolutionFinding } from './findings.js';
import { sentencesOf } from './message-text.js';
import { findMoney, type Money } from './money.js';
import { appliesTo, type Ruleset } from './ruleset.js';

/**
 * JavaScript's `\b` knows only ASCII letters, so `\beffectué\b` and `\bémis` never match: French and
 * Spanish words that begin or end with an accented letter were invisible to every pattern here.
 * `unicodeWords` rewrites each `\b` of a pattern into the same boundary over Unicode letters and digits.
 */
const UNICODE_BOUNDARY = '(?:(?<=[\\p{L}\\p{N}_])(?![\\p{L}\\p{N}_])|(?<![\\p{L}\\p{N}_])(?=[\\p{L}\\p{N}_]))';
const unicodeWords = (re: RegExp): RegExp =>
  new RegExp(re.source.replaceAll('\\b', UNICODE_BOUNDARY), re.flags.includes('u') ? re.flags : `${re.flags}u`);
const words = (source: string, flags = 'iu') => unicodeWords(new RegExp(source, flags));

/**
 * What counts as done: a refund approved, issued, processed or completed, not one promised.
 * Every gap in the patterns below is bounded (`{0,80}`), so untrusted text cannot make them slow.
 */
const DONE =
  '(?:approved|issued|processed|completed|refunded|credited|sent|initiated|granted|paid out|paid back|released|' +
  'genehmigt|bewilligt|erstattet|zurückerstattet|veranlasst|bearbeitet|ausgezahlt|überwiesen|gutgeschrieben|angewiesen|durchgeführt|zurückgebucht|abgeschlossen|freigegeben|' +
  'approuvée?|effectuée?|remboursée?s?|émise?|validée?|accordée?|créditée?|versée?|procédé|' +
  'aprobad[oa]|procesad[oa]|reembolsad[oa]|emitid[oa]|tramitad[oa]|realizad[oa]|efectuad[oa]|abonad[oa]|acreditad[oa]|devuelt[oa]|completad[oa]|procedido)';
/** Done verbs that say a decision was taken (`approved and will be processed` is approved now). */
const APPROVAL = '(?:approved|granted|genehmigt|bewilligt|approuvée?|validée?|accordée?|aprobad[oa])';
const REFUND_WORDS =
  '(?:full refund|refund|rückerstattung|erstattung|erstattungsbetrag|erstattungsantrag|rückerstattungsantrag|gutschrift|remboursement intégral|remboursement|reembolso íntegro|reembolso)';
/** A refund as the subject of a done verb: `Your refund request … has been processed` is a refund processed. */
const REFUND_NOUN = `${REFUND_WORDS}(?![\\s-]{1,2}(?:policy|window|label|form|status|eligibility)\\b)`;
/** A refund as the object of a done verb: `we have sent your refund request` passed a request on, no more. */
const REFUND_OBJECT = `${REFUND_WORDS}(?![\\s-]{1,2}(?:request|requests|claim|application|form|policy|window|label|process|status|eligibility)\\b)`;

interface Phrase {
  outcome: Outcome;
  rule: string;
  pattern: RegExp;
}

/** Denials: explicit refusals, and an approval negated without `yet` (`your refund was not approved`). */
const DENIED: Phrase = {
  outcome: 'denied',
  rule: 'resolution/denied',
  pattern: words(
    '\\b(?:(?:are|were) unable to (?:approve|offer|issue|process|grant|refund|accept|provide (?:a|you with a) refund)|' +
      "(?:cannot|can ?not|can['’]t|could not|couldn['’]t) (?:approve|offer|issue|grant|refund|accept|provide (?:a|you with a) refund)|" +
      '(?:are|were) not able to (?:approve|offer|issue|grant|refund|accept)|can ?not be refunded|' +
      'not eligible for (?:a |any )?refund|' +
      '(?:refund|request|claim|return|dispute|application)\\b[^.;]{0,40}?\\b(?:has been |have been |was |is |were )?(?:denied|declined|rejected|refused)|' +
      "we (?:must|have to|had to) (?:decline|deny|reject|refuse)|we(?: have|['’]ve)? (?:declined|denied|rejected|refused) (?:your|the|this)|" +
      "(?:decided|closed) (?:this case |the case )?in (?:the )?seller['’]?s favou?r|" +
      '(?:was|has|have|were|is|are) not (?:been )?(?:approved|granted|accepted)|' +
      'abgelehnt|nicht (?:genehmigt|bewilligt|stattgegeben|zustimmen|entsprechen|stattgeben)|(?:können|konnten) (?:wir )?(?:Ihnen )?(?:leider )?(?:keine|keinen) (?:Erstattung|Rückerstattung|Ersatz)|' +
      'refusée?|rejetée?|ne (?:pouvons|pourrons) pas (?:procéder au remboursement|vous rembourser|rembourser|accepter|donner une suite favorable)|' +
      'ne (?:sommes|serons) (?:donc |malheureusement )?pas en mesure de (?:vous rembourser|rembourser|procéder|donner (?:une )?suite favorable|accepter)|' +
      'ne (?:pouvons|pourrons) (?:donc )?pas donner (?:une )?suite favorable|pas été (?:approuvée?|acceptée?)|' +
      'rechazad[oa]|denegad[oa]|no (?:podemos|es posible) (?:reembolsar|aceptar|aprobar|ofrecer|tramitar el reembolso)|' +
      'no (?:es|son) (?:elegible|reembolsable)s?|no ha sido (?:aprobad|aceptad)[oa])\\b',
  ),
};

const OUTCOME_PHRASES: Phrase[] = [
  {
    outcome: 'partial_refund',
    rule: 'resolution/partial-refund',
    pattern: words(
      `\\b(?:partial refund|teilerstattung|teilrückerstattung|teilgutschrift|remboursement partiel|reembolso parcial)\\b.{0,80}?\\b${DONE}\\b|` +
        `\\b${DONE}\\b.{0,40}?\\b(?:partial refund|teilerstattung|remboursement partiel|reembolso parcial)\\b|` +
        '\\b(?:partially refunded|teilweise (?:zurück)?erstattet|partiellement remboursée?|remboursée? partiellement|reembolsad[oa] parcialmente|parcialmente reembolsad[oa])\\b',
    ),
  },
  {
    outcome: 'store_credit',
    rule: 'resolution/store-credit',
    pattern: words(
      "\\b(?:store credit|shop credit|account credit|gift card|voucher|gutschein|guthaben|avoir|bon d['’]achat|crédit boutique|crédito en tienda|saldo en (?:su|tu) cuenta|vale)\\b.{0,80}?\\b(?:issued|added|applied|credited|sent|ausgestellt|gutgeschrieben|hinzugefügt|aufgeladen|émise?|créditée?|ajoutée?|emitid[oa]|añadid[oa]|abonad[oa]|acreditad[oa]|generad[oa]|disponible)\\b|" +
        "\\b(?:issued|added|applied|credited|sent|created|ausgestellt|gutgeschrieben|erstellt|créditée?|crédité|émise?|créée?|générée?|emitid[oa]|generad[oa]|cread[oa]|abonad[oa]|enviad[oa])\\b.{0,60}?\\b(?:store credit|shop credit|account credit|gift card|voucher|gutschein|avoir|bon d['’]achat|vale(?: de compra| regalo)?|tarjeta regalo)\\b",
    ),
  },
  {
    outcome: 'replacement',
    rule: 'resolution/replacement',
    pattern: words(
      '\\b(?:replacement|new (?:unit|item|device|one)|ersatz(?:gerät|artikel|lieferung|produkt)?|neues (?:Gerät|Produkt)|remplacement|nouvel (?:article|appareil)|nouveau (?:produit|colis)|reemplazo|sustitución|(?:nuevo|otro) (?:artículo|producto|dispositivo))\\b.{0,80}?\\b(?:shipped|dispatched|sent|on its way|versandt|verschickt|unterwegs|expédiée?|envoyée?|enviad[oa]|despachad[oa])\\b|' +
        '\\b(?:shipped|dispatched|sent|sending|shipping) (?:you )?(?:a|an|your) (?:free )?(?:replacement|new (?:unit|item|device|one))\\b|' +
        '\\b(?:expédiée?|envoyée?|enviad[oa]|despachad[oa])\\b[^.;:]{0,60}?\\b(?:de remplacement|remplacement|nouvel article|nouveau produit|reemplazo|de sustitución|de recambio|nuevo producto|par nuevo)\\b|' +
        '\\bErsatz(?:gerät|artikel|lieferung|produkt|teil)?\\b.{0,80}?\\b(?:zugeschickt|geschickt|gesendet|veranlasst|bestellt|auf den Weg gebracht)\\b|' +
        '\\b(?:nous vous avons|le hemos|hemos) (?:envoyé|expédié|enviado) (?:un |una )?(?:nouvel article|nouveau produit|nuevo producto|producto de reemplazo|remplacement|reemplazo)\\b',
    ),
  },
  {
    outcome: 'full_refund',
    rule: 'resolution/refund',
    pattern: words(
      `\\b${REFUND_NOUN}\\b.{0,120}?\\b${DONE}\\b|\\b${DONE}\\b.{0,30}?\\b${REFUND_OBJECT}\\b|` +
        "\\b(?:we have|we['’]ve|we|has been|have been|was|were|been)(?: (?:already|now|fully))? refunded\\b|" +
        // An approved refund request is an approved refund: `we have approved your refund request`.
        `\\b${APPROVAL}\\b.{0,30}?\\brefund (?:request|claim|application)\\b|` +
        // German: `erstatten wir Ihnen den vollen Kaufpreis`, `wir erstatten Ihnen …`, `… wurde Ihnen erstattet`.
        '\\b(?:erstatten|überweisen) wir\\b|\\bwir (?:erstatten|überweisen) Ihnen\\b|\\bwir (?:erstatten|haben)\\b.{0,60}?\\b(?:(?:zurück)?erstattet|gutgeschrieben|zurückgebucht|überwiesen|ausgezahlt)\\b|\\b(?:wurden?|ist|sind)\\b.{0,60}?\\b(?:zurück)?erstattet\\b|' +
        // French and Spanish: `nous vous confirmons le remboursement …`, `le confirmamos el reembolso …`.
        '\\b(?:confirmons|confirmer|confirmamos|confirmarle)\\b.{0,30}?\\b(?:remboursement|reembolso)\\b|' +
        '\\b(?:nous avons|avons) (?:procédé au remboursement|remboursé)|\\b(?:hemos|ha) procedido (?:al|a realizar el|a tramitar el) reembolso\\b|\\b(?:vous avez été|a été) remboursée?s?\\b|' +
        '\\b(?:hemos|le hemos|te hemos) (?:reembolsado|devuelto)\\b|' +
        "\\b(?:viens|venons) d['’](?:effectuer|émettre|valider|procéder au) (?:le |un |au )?remboursement\\b|\\bacabo de (?:realizar|tramitar|procesar|emitir) (?:el|un|su) reembolso\\b|" +
        // English: `we can confirm your refund of …`, `this email confirms that your refund …`.
        `\\b(?:we|I)(?: can| hereby| are (?:pleased|happy|glad) to|['’]re (?:pleased|happy|glad) to)? confirm (?:that )?(?:your |the |a )?(?:full )?refund\\b|` +
        '\\b(?:this (?:e-?mail|message|letter) )?confirms? (?:that )?(?:your |the |a )?(?:full )?refund\\b',
    ),
  },
];

/** Courtesies that carry no condition on the outcome: `As requested, we have refunded …`. */
const HARMLESS =
  /\b(?:as (?:you )?requested|as per your request|wie (?:gewünscht|besprochen)|comme demandé|como (?:lo )?(?:solicitó|pidió))\b/giu;

/** Words before or in the deciding phrase that make it a promise, a condition, a request or a review. */
const NOT_YET = words(
  '\\b(?:once|if|unless|provided that|as soon as|upon (?:receipt|receiving|arrival)|after (?:we|you) (?:receive|get|inspect|have)|' +
    'when (?:we|you|your|the|it|our)|pending|under review|being (?:reviewed|processed|investigated)|for review|in review|' +
    'awaiting|waiting for|in the process of|(?:has|have|was|were) (?:been )?requested|requested (?:a|an|the)|request (?:a|an|the)|asked for|would like|eligible for|may be|might be|could be|' +
    'expect to|plan to|intend to|going to|not yet|' +
    'will be|will (?:refund|process|issue|approve|review|send|credit)|shall be|to be (?:refunded|processed|issued)|' +
    // A request passed on is not a refund done: `we have sent your refund request to the seller`.
    '(?:sent|forwarded|passed on|submitted|escalated) (?:your |the |this )?(?:refund |return )?request|' +
    'request (?:(?:for|of|about|regarding) .{0,30}? )?(?:has been |was |is )?(?:sent|forwarded|passed on|submitted|escalated|received)|' +
    'sobald|falls|wenn (?:Sie|wir|die|der|das|Ihre)|nach (?:Eingang|Erhalt)|in Prüfung|geprüft wird|prüfen (?:wir|derzeit)|beantragt|angefordert|ausstehend|' +
    'wird|werden|noch nicht|müssen|' +
    "dès (?:que|réception)|une fois|si|lorsque|quand|en cours|à l['’]étude|après réception|sous réserve|" +
    'sera|seront|va être|vont être|pas encore|(?:avez|ai|a) demandé|' +
    'cuando|una vez|en cuanto|tan pronto|será|serán|va a ser|pendiente|en revisión|en trámite|está siendo|tras recibir|al recibir|todavía no|aún no|(?:ha|han|has|he) solicitado)\\b',
);

/**
 * Negations before the deciding verb turn an approval phrase into its opposite (`has not been
 * processed yet`). A negation elsewhere in the sentence (`no further action is needed`) does not.
 * `n't` is glued to its verb (`hasn't`): no `\b` before it.
 */
const NEGATED = words(
  `(?:\\b(?:not|never|no longer|nicht|kein|keine|pas|jamais|no|nunca)\\b|n['’]t\\b)[^.;:]{0,40}?\\b${DONE}\\b|\\b(?:no|keine|aucun|ningún) (?:refund|erstattung|rückerstattung|remboursement|reembolso)\\b`,
);

/** Right after the deciding verb: `approved if the carrier confirms`, `refunded once we receive`. */
const CONDITION_AFTER = words(
  '^.{0,12}?\\b(?:if|once|provided|as soon as|when|upon|sobald|falls|wenn|dès|une fois|si|cuando|una vez)\\b',
);
/** Conjunctions that make the whole sentence conditional, wherever they stand (German puts them last). */
const STRONG_CONDITION = words(
  '\\b(?:once|as soon as|upon (?:receipt|receiving|arrival)|after we (?:receive|get|inspect)|sobald|nach (?:Eingang|Erhalt)|dès (?:que|réception)|une fois (?:que|le|la|reçu)|en cuanto|tan pronto como|una vez (?:que|recibid[oa])|tras recibir)\\b',
);

/** A refund passed on for a decision, wherever it is said: `processed and forwarded to our payments team for review`. */
const REVIEW_ANYWHERE = words(
  "\\b(?:for review|under review|forwarded to|passed (?:on )?to|escalated to|zur Prüfung|weitergeleitet|en cours d['’]examen|transmise? à|en revisión|remitid[oa] a)\\b",
);

/** `approved and will be processed within 5 business days`: approved now; the future is the payout. */
const ENDS_WITH_APPROVAL = words(`\\b${APPROVAL}$`);
const AND_THEN_FUTURE = words('^\\s?,?\\s?(?:and|und|et|y)\\s(?:will|shall|wird|sera|será)\\b');

/**
 * Labelled transaction identifiers: `Transaction ID: TXN781345`, `Refund transaction ID: 7UH…`,
 * `Refund reference RF-48213-01`, `Transaktions-ID:`, `N° de transaction :`, `Référence de transaction :`,
 * `Id. de transacción del reembolso:`, `Número de operación:`. Group 1 is the label, group 2 the identifier.
 */
const TRANSACTION_ID = words(
  '((?:\\b(?:refund|erstattungs|rückerstattungs)[ -]?)?\\b(?:transaction|trans\\.|transaktions?|payment|zahlungs|refund|erstattungs)[ -]?' +
    '(?:id|ref(?:erence)?|number|no\\.?|nr\\.?|#|nummer|referenz)|' +
    '\\b(?:id\\.?|n\\.?[°º]|numéro|número|référence|referencia) (?:de|del) (?:la )?(?:transaction|transacción|operación|remboursement|reembolso|virement)' +
    '(?: (?:de|del|du) (?:la )?[\\p{L}]{2,15})?)' +
    '(?:\\s(?:is|lautet|est|es))?\\s?[:#]?\\s?([A-Z0-9][A-Z0-9-]{3,40})(?![\\p{L}\\d-])',
  'giu',
);
const TRANSACTION_LABEL = /transa|zahlung|payment|operación|virement/iu;
const REFUND_LABEL = /refund|erstattung|rembours|reembolso/iu;

/** A refund of part of the price: `erstatten wir Ihnen 50 % des Fahrpreises`, `half of the fare`. */
const PARTIAL_HINT = words(
  '(?<![\\d.,])[1-9]\\d?(?:[.,]\\d{1,2})?\\s?%|\\b(?:half of|die Hälfte|la moitié|la mitad|part of the|einen Teil|une partie|una parte)\\b',
);

interface Decision {
  outcome: Outcome;
  rule: string;
  index: number;
  text: string;
}

/** Whether a positive outcome found at [index, index + text.length) of the sentence really happened. */
function isDone(sentence: string, index: number, text: string): boolean {
  const end = index + text.length;
  const upToMatch = sentence.slice(0, end).replace(HARMLESS, ' ');
  const after = sentence.slice(end, end + 40);
  if (NOT_YET.test(upToMatch) || NEGATED.test(upToMatch)) return false;
  if (STRONG_CONDITION.test(sentence) || REVIEW_ANYWHERE.test(sentence)) return false;
  if (ENDS_WITH_APPROVAL.test(text) && AND_THEN_FUTURE.test(after)) return true;
  return !CONDITION_AFTER.test(after);
}

/** Whether a denial really is one: not a condition (`if your claim is denied`, `cannot … until`). */
function isFinalDenial(sentence: string, index: number): boolean {
  const before = sentence.slice(0, index);
  if (/\b(?:if|unless|when|should|falls|wenn|si|cuando)\b/iu.test(before)) return false;
  // `not approved yet`: a decision still to come, not a refusal.
  return !/\b(?:until|unless|before|yet|bis|noch nicht|jusqu[’']à|pas encore|hasta|aún no|todavía no)\b/iu.test(
    sentence,
  );
}

function firstMatch(pattern: RegExp, sentence: string): { index: number; text: string } | null {
  const m = pattern.exec(sentence);
  return m ? { index: m.index, text: m[0] } : null;
}

/** The user's rule-pack phrases that apply to this sender, then the built-in phrases: the first that holds. */
function decide(sentence: string, ruleset: Ruleset | undefined, sender: string | null): Decision | null {
  for (const phrase of ruleset?.resolutionPhrases ?? []) {
    if (!appliesTo(phrase, sender)) continue;
    const m = phrase.pattern.matchAll(sentence)[0];
    if (!m) continue;
    const holds = phrase.outcome === 'denied' ? isFinalDenial(sentence, m.index) : isDone(sentence, m.index, m.text);
    if (holds) return { outcome: phrase.outcome, rule: `resolution/pack:${phrase.name}`, index: m.index, text: m.text };
  }
  const denial = firstMatch(DENIED.pattern, sentence);
  if (denial && isFinalDenial(sentence, denial.index)) return { outcome: 'denied', rule: DENIED.rule, ...denial };
  if (denial) return null;
  for (const { outcome, rule, pattern } of OUTCOME_PHRASES) {
    const m = firstMatch(pattern, sentence);
    if (!m || !isDone(sentence, m.index, m.text)) continue;
    if (outcome === 'full_refund' && PARTIAL_HINT.test(sentence)) {
      return { outcome: 'partial_refund', rule: 'resolution/partial-share', ...m };
    }
    return { outcome, rule, ...m };
  }
  return null;
}

/**
 * Finds a resolution in the new text only (quoted history already said what it said), sentence by
 * sentence: the first sentence that decides wins, except that something granted (a partial refund
 * after a denied claim for the rest) outranks a denial. Confidence rises with evidence: an explicit
 * outcome verb, then an amount, then a transaction ID.
 */
export function extractResolution(ctx: AnalysisContext, ruleset?: Ruleset): ResolutionFinding | null {
  const newText = withoutCustomerTurns(ctx.text.newText, customerNamesOf(ctx.to));
  const sender = ctx.from?.address ?? null;
  let chosen: { decision: Decision; sentence: string; at: number } | null = null;
  const sentences = sentencesOf(newText);
  for (const [at, sentence] of sentences.entries()) {
    const decision = decide(sentence, ruleset, sender);
    if (!decision) continue;
    if (!chosen) chosen = { decision, sentence, at };
    if (decision.outcome !== 'denied') {
      if (chosen.decision.outcome === 'denied') chosen = { decision, sentence, at };
      break;
    }
  }
  if (!chosen) return null;
  const { decision, sentence } = chosen;
  const denied = decision.outcome === 'denied';
  const money =
    denied || decision.outcome === 'replacement'
      ? null
      : moneyFor(sentence, decision.index, newText, sentences.slice(chosen.at + 1, chosen.at + 3));
  const txn = denied ? null : transactionIdIn(newText);
  const confidence = denied ? 0.9 : Math.min(0.99, 0.8 + (money ? 0.1 : 0) + (txn ? 0.07 : 0));
  return {
    outcome: decision.outcome,
    rule: decision.rule,
    amount: money?.amount ?? null,
    currency: money?.currency ?? null,
    transactionId: txn,
    confidence: Math.round(confidence * 100) / 100,
    sentence,
    location: 'new_text',
  };
}

const MONEY_MOVED = words(`\\b${DONE}\\b`);

/** The first labelled transaction or refund identifier that holds a digit (`refund reference` alone is no ID). */
function transactionIdIn(text: string): string | null {
  // A transaction of the refund, then any transaction, then a refund reference (`Refund reference RF-…`).
  let best: { id: string; score: number } | null = null;
  for (const m of text.matchAll(TRANSACTION_ID)) {
    const [, label = '', id = ''] = m;
    if (!/\d/.test(id)) continue;
    const score = TRANSACTION_LABEL.test(label) ? (REFUND_LABEL.test(label) ? 3 : 2) : 1;
    if (!best || score > best.score) best = { id, score };
  }
  return best?.id ?? null;
}

/**
 * The amount in the deciding sentence (from the deciding phrase on), else in one of the next two
 * sentences when it says the money moved (`Der Betrag von 31,45 € wurde heute überwiesen.`), else
 * the one labelled as refunded.
 */
function moneyFor(sentence: string, index: number, text: string, following: string[]): Money | null {
  const inSentence = findMoney(sentence.slice(index))[0] ?? findMoney(sentence)[0];
  if (inSentence) return inSentence;
  for (const next of following) {
    const money = findMoney(next)[0];
    if (money && MONEY_MOVED.test(next) && !NEGATED.test(next) && !NOT_YET.test(next)) return money;
  }
  const labelled = text.match(
    /(?:refund(?:ed)? amount|amount refunded|total refunded|refund total|amount|erstattungsbetrag|betrag|montant remboursé|montant|importe reembolsado|importe)[^:\n]{0,20}:\s?([^\n]{1,40})/iu,
  );
  return labelled?.[1] ? (findMoney(labelled[1])[0] ?? null) : null;
}
