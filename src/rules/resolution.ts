import { customerNamesOf, withoutCustomerTurns } from './channel.js';
import { appliesTo, type Ruleset } from './compiled-ruleset.js';
import { type AnalysisContext, setAsideIn } from './context.js';
import type { FindingLocation, Outcome, ResolutionFinding } from './findings.js';
import { alternation } from './lexicon/index.js';
import type { ResolutionWords, Words } from './lexicon/types.js';
import { sentencesOf } from './message-text.js';
import { findMoney, labelledAmount, type Money, type Reading, readingOf } from './money.js';
import { findOrderNumbers, orderNumbersOf } from './order-number.js';
import { type Gate, GatedAlternation, GatedPattern, type GateInput, gateInput, prefilter } from './prefilter.js';
import { ruleRegExp } from './rule-regexp.js';
import { unicodeWords } from './unicode-words.js';

/**
 * A pattern over words, behind its RE2 twin (see GatedPattern): most sentences never reach V8. Its
 * `\b` become Unicode word boundaries (unicode-words.ts) when V8 first needs it; the twin drops them.
 */
const words = (source: string) => new GatedPattern(source, 'iu', unicodeWords);
/** A pattern's alternatives, each compiled only for text its twin lets through (see GatedAlternation). */
const alternatives = (sources: string[]) => new GatedAlternation(sources, 'iu', unicodeWords);
/** One group of a lexicon list, every language at once, longest entry first. */
const lex = (pick: (r: ResolutionWords) => Words): string => alternation((l) => pick(l.resolution));

/*
 * Every pattern below is built from the lexicons (`lexicon/*.ts`, section `resolution`) and every gap
 * in it is bounded (`{0,80}`), so untrusted text cannot make them slow.
 */
const DONE = lex((r) => r.done);
const APPROVAL = lex((r) => r.approved);
const REFUND_WORDS = lex((r) => r.refundNouns);
const REQUEST_WORDS = lex((r) => r.requestNouns);
/** English compounds in which `refund` names something else than the money: `refund policy`, `refund window`. */
const NOT_THE_REFUND = '(?![\\s-]{1,2}(?:policy|window|label|form|status|eligibility)\\b)';
/** A refund as the subject of a done verb: `Your refund request … has been processed` is a refund processed. */
const REFUND_NOUN = `${REFUND_WORDS}${NOT_THE_REFUND}`;
/** A refund as the object of a done verb: `we have sent your refund request` passed a request on, no more. */
const REFUND_OBJECT = `${REFUND_WORDS}(?![\\s-]{1,2}(?:${REQUEST_WORDS}|requests|process|policy|window|label|form|status|eligibility)\\b)`;
const PARTIAL = lex((r) => r.partialRefund);
/** The partial-refund entries that already say it happened (`partially refunded`, `teilweise erstattet`). */
const SAYS_DONE = ruleRegExp(DONE, 'iu');
const PARTIAL_DONE = alternation((l) =>
  l.resolution.partialRefund.filter((entry) => SAYS_DONE.test(entry.replaceAll('?', ''))),
);
const CREDIT = lex((r) => r.storeCredit);
const CREDIT_ISSUED = lex((r) => r.creditIssued);
const REPLACEMENT = lex((r) => r.replacementNouns);
const SHIPPED = lex((r) => r.shipped);

/**
 * A refund request as the thing done: `refund request`, `Erstattungsantrag` (the noun, then a request
 * noun), or `demande de remboursement`, `Antrag auf Rückerstattung` (a request noun just before it).
 */
const REQUEST_COMPOUND = words(`^\\p{L}{0,24}?[\\s-]?(?:${REQUEST_WORDS})\\b`);
const REQUEST_BEFORE = words(`\\b(?:${REQUEST_WORDS})(?:\\s\\p{L}{1,5}){0,2}\\s?$`);

interface Phrase {
  outcome: Outcome;
  rule: string;
  pattern: GatedAlternation;
  /** Words without which the pattern cannot match (an RE2 twin, see `prefilter`): checked first. */
  gate: Gate;
}

/**
 * A denial names what it refuses: a refund, return, claim, request, dispute, chargeback or warranty.
 * `we cannot accept incoming email` and `we are unable to deliver to PO boxes` refuse nothing of the case.
 */
const DENIAL_OBJECT = lex((r) => r.denialObjects);
const DENIAL = alternatives([
  // `we cannot approve your refund`, `non possiamo accettare la sua richiesta di rimborso`.
  `\\b${lex((r) => r.denialModals)}\\s(?:[\\p{L}'’]{1,15}\\s){0,3}?${lex((r) => r.denialVerbs)}\\b[^.;:!?]{0,40}?\\b${DENIAL_OBJECT}\\b`,
  // `we cannot refund`, `no podemos reembolsar`: the verb is its own object.
  `\\b${lex((r) => r.denialModals)}\\s(?:[\\p{L}'’]{1,15}\\s){0,3}?${lex((r) => r.refundVerbs)}\\b`,
  // `not eligible for a refund`, `we have declined your claim`.
  `\\b${lex((r) => r.denialLeads)}\\b[^.;:!?]{0,30}?\\b${DENIAL_OBJECT}\\b`,
  // `your refund request has been declined`, `Ihr Antrag auf Erstattung wurde abgelehnt`; the object's
  // number may come between (`reklamaci č. RMA-55812 k objednávce č. 512198830 jsme … zamítli`): a dot
  // before a number or a code ends nothing, and the window holds two such numbers.
  `\\b${DENIAL_OBJECT}\\b(?:[^.;!?]|\\.(?=\\s{1,3}[\\p{N}\\p{Lu}]{1,12}[\\p{N}-])){0,80}?\\b${lex((r) => r.denialPassive)}\\b`,
  `\\b${lex((r) => r.denialPhrases)}`,
]);
/** A refusal verb without an object of the case: kept only to say why it did not count. */
const DENIAL_WITHOUT_OBJECT = words(
  `\\b(?:${lex((r) => r.denialModals)}\\s(?:[\\p{L}'’]{1,15}\\s){0,3}?${lex((r) => r.denialVerbs)}|${lex((r) => r.denialPassive)})\\b`,
);
const POLICY = words(`\\b${lex((r) => r.policyMarkers)}\\b`);

/**
 * `and` between two clauses (`… and added a credit`); not Dutch `en` (French and Spanish `in`) nor French `et`
 * (the Danish and Norwegian article: `udstedt et tilgodebevis`).
 */
const CLAUSE_JOIN = '\\s(?:and|und|y|e|och|og|oraz|ve)\\s';

const OUTCOME_PHRASES: Phrase[] = [
  {
    outcome: 'partial_refund',
    rule: 'resolution/partial-refund',
    pattern: alternatives([
      `\\b${PARTIAL}\\b.{0,80}?\\b${DONE}\\b`,
      `\\b${DONE}\\b.{0,40}?\\b${PARTIAL}\\b`,
      `\\b${PARTIAL_DONE}\\b`,
    ]),
    // PARTIAL_DONE's entries are some of PARTIAL's.
    gate: prefilter([PARTIAL]),
  },
  {
    outcome: 'store_credit',
    rule: 'resolution/store-credit',
    pattern: alternatives([
      `\\b${CREDIT}\\b.{0,80}?\\b${CREDIT_ISSUED}\\b`,
      // Within one clause: `refunded $25.99 … and added a $5.00 credit` is a refund and a credit beside it.
      `\\b(?:${CREDIT_ISSUED}|${DONE})\\b(?:(?!${CLAUSE_JOIN})[^]){0,60}?\\b${CREDIT}\\b`,
    ]),
    gate: prefilter([CREDIT]),
  },
  {
    outcome: 'replacement',
    rule: 'resolution/replacement',
    // `shipped you a replacement`: a few short words between, no clause (`shipped weeks ago, so no replacement`).
    pattern: alternatives([
      `\\b${REPLACEMENT}\\b.{0,80}?\\b${SHIPPED}\\b`,
      `\\b${SHIPPED}\\b(?:\\s[\\p{L}'’]{1,12}){0,3}?\\s${REPLACEMENT}\\b`,
    ]),
    gate: prefilter([REPLACEMENT]),
  },
  {
    outcome: 'full_refund',
    rule: 'resolution/refund',
    pattern: alternatives([
      `\\b${REFUND_NOUN}\\b.{0,120}?\\b${DONE}\\b`,
      `\\b${lex((r) => r.refundedPhrases)}\\b`,
      // `sent your request for a refund` passed a request on: no request noun between the verb and the refund.
      `\\b${DONE}\\b(?:(?!${REQUEST_WORDS})[^]){0,30}?\\b${REFUND_OBJECT}\\b`,
      // An approved refund request is an approved refund: `we have approved your refund request`,
      // `abbiamo approvato la sua richiesta di rimborso`.
      `\\b${APPROVAL}\\b.{0,30}?\\b(?:${REFUND_WORDS}[\\s-](?:${REQUEST_WORDS})|${REQUEST_WORDS}\\s(?:\\p{L}{1,4}\\s){1,2}${REFUND_WORDS})\\b`,
    ]),
    // Every alternative names a refund noun, except the refunded phrases.
    gate: prefilter([REFUND_WORDS, lex((r) => r.refundedPhrases)]),
  },
];

/** The most a future decision scores: below the auto-close level (0.9). */
const FUTURE_CONFIDENCE = 0.85;
/** First-person future decisions: `we will refund`, `nous vous rembourserons`, `zwrócimy`. */
const FUTURE_DECISION = words(`\\b${lex((r) => r.futureDecisions)}\\b`);
const REFUND_VERB = words(`\\b(?:${lex((r) => r.refundVerbs)}|${REFUND_WORDS})`);
const MENTIONS_REPLACEMENT = words(`\\b${REPLACEMENT}\\b`);
const MENTIONS_CREDIT = words(`\\b${CREDIT}\\b`);
const MENTIONS_PARTIAL = words(`\\b${PARTIAL}\\b`);
const MENTIONS_REFUND = words(`\\b(?:${REFUND_WORDS}|${lex((r) => r.refundVerbs)})\\b`);

/** Courtesies that carry no condition on the outcome: `As requested, we have refunded …`. */
const COURTESY = ruleRegExp(unicodeWords(`\\b${lex((r) => r.courtesies)}\\b`), 'giu');

/** A word that blocks a candidate, and what it made of it (for the reasons). */
interface Blocker {
  pattern: GatedPattern;
  made: string;
}
const NOT_YET: Blocker = {
  pattern: words(`\\b${lex((r) => r.notYet)}\\b`),
  made: 'a promise or a request, not a decision',
};
const CONDITION: Blocker = {
  pattern: words(`\\b${lex((r) => r.conditions)}\\b`),
  made: 'conditional',
};
const WEAK_CONDITION: Blocker = {
  pattern: words(`\\b${lex((r) => r.weakConditions)}\\b`),
  made: 'conditional',
};
const TENTATIVE: Blocker = {
  pattern: words(`\\b${lex((r) => r.tentative)}\\b`),
  made: 'tentative (an offer or a possibility)',
};
const REVIEW: Blocker = { pattern: words(`\\b${lex((r) => r.review)}\\b`), made: 'still under review' };
const CUSTOMER_PLACE = lex((r) => r.customerPaymentPlaces ?? []);
const CUSTOMER_PLACE_AFTER = words(`^\\s{0,2}${CUSTOMER_PLACE}\\b`);
const CUSTOMER_PLACE_BEFORE = words(`\\b${CUSTOMER_PLACE}\\s{0,2}$`);
/**
 * The first review or hand-over word of the sentence that is no hand-over to the customer's own bank,
 * card or account (`processed and forwarded to your bank`, `an Ihre Bank weitergeleitet`, `transmis à
 * votre banque`): a refund handed there has left the shop. `forwarded to your card issuer for review`
 * is still under review (its second word).
 */
function reviewIn(sentence: string): { index: number; text: string } | null {
  for (let from = 0; from < sentence.length; ) {
    const m = firstMatch(REVIEW.pattern, sentence.slice(from));
    if (!m) return null;
    const start = from + m.index;
    const end = start + m.text.length;
    const toCustomer =
      CUSTOMER_PLACE_AFTER.test(sentence.slice(end, end + 60)) ||
      CUSTOMER_PLACE_BEFORE.test(sentence.slice(Math.max(0, start - 60), start));
    if (!toCustomer) return { index: start, text: m.text };
    from = Math.max(end, start + 1);
  }
  return null;
}
/**
 * Negations before the deciding verb turn an approval phrase into its opposite (`has not been
 * processed yet`). A negation elsewhere (`no further action is needed`) does not. `n't` is glued to its verb.
 */
const NEGATIONS = `(?!${lex((r) => r.negationLookalikes ?? [])}\\b)${lex((r) => r.negations)}`;
const NEGATED: Blocker = {
  // `No` before a number is a number sign (`Sipariş No 1086100991 İade Durumu İade Edildi`), not `no`.
  pattern: words(
    `(?:\\b${NEGATIONS}\\b(?!\\.?\\s{0,2}\\p{N})|n['’]t\\b)[^.;:]{0,40}?\\b${DONE}\\b|\\b${NEGATIONS}\\s(?:${REFUND_WORDS})\\b`,
  ),
  made: 'negated',
};
/** `issued to your original payment method, not as store credit`: the credit named is the one not given. */
const NEGATED_CREDIT = words(`\\b${NEGATIONS}\\s(?:\\p{L}{1,5}\\s){0,2}?${CREDIT}\\b`);
const CUSTOMER_WROTE: Blocker = {
  pattern: words(`\\b${lex((r) => r.customerWrote)}\\b`),
  made: 'the customer’s words restated',
};
/** `my refund was approved`: the customer speaking (a quote, a chat turn, a reply), not support deciding. */
const CUSTOMER_VOICE: Blocker = {
  pattern: words(
    `\\b${lex((r) => r.firstPersonPossessives)}\\s(?:[\\p{L}'’-]{1,20}\\s){0,2}?(?:${REFUND_WORDS}|${DENIAL_OBJECT}|${CREDIT}|${REPLACEMENT})\\b`,
  ),
  made: 'reported by the customer',
};
/**
 * `Has the refund of $50 been issued?`, `Wurde der Betrag schon erstattet?`: the clause the outcome is
 * in ends in a question mark, so it asks and does not tell. Only up to the next clause break: `We have
 * refunded $50 to your card, can we help with anything else?` tells. A decimal point or comma between
 * digits ends nothing: `Has the shop refunded $54.00 yet?` asks.
 */
const ASKED_AFTER = /^(?:[^,;:.!?()[\]\n–—،؛؟]|(?<=\d)[.,](?=\d)){0,200}[?？؟]/u;
/** Right after the deciding verb: `approved if the carrier confirms`, `refunded once we receive`. */
const CONDITION_AFTER = words(`^.{0,12}?\\b(?:${lex((r) => r.conditions)}|${lex((r) => r.weakConditions)})\\b`);
/** `approved and will be processed within 5 business days`: approved now; the future is the payout. */
const ENDS_WITH_APPROVAL = words(`\\b${APPROVAL}$`);
const AND_THEN_FUTURE = words(
  '^\\s?,?\\s?(?:and|und|et|y|e|en|i)\\s(?:will|shall|wird|sera|será|verrà|sarà|wordt|zal|zostanie|será|vai)\\b',
);
/**
 * `The inspection was completed and your refund of $20.00 will be issued`, `Ο έλεγχος ολοκληρώθηκε και η
 * επιστροφή χρημάτων ύψους 49,90 € θα γίνει …`: a done verb before the refund noun may be another
 * clause's, and a not-yet word right after the noun (an amount between, no comma, conjunction or
 * relative pronoun) makes the refund the subject of a future. `processed your refund and it will
 * arrive` and `your refund, which will appear …` stay done.
 */
const ENDS_WITH_REFUND = words(`\\b${REFUND_WORDS}$`);
const NOUN_PHRASE_REST =
  /^(?:(?!\s(?:and|und|et|y|e|en|i|och|og|oraz|και|που|which|that|die|der|das|qui|que|che|welche)\s)(?:[^,;:.!?()[\]\n–—，、；：。！？（）]|(?<=\d)[.,](?=\d))){0,40}/iu;
/** `Wir erstatten dir 79,95 € in den nächsten Tagen`: a time ahead in the refund phrase's clause (see `upcoming`). */
const UPCOMING: Blocker = {
  pattern: words(`\\b${lex((r) => r.upcoming ?? [])}\\b`),
  made: 'a promise for later, not a decision',
};
const STILL_OPEN = words(`\\b${lex((r) => r.stillOpen)}\\b`);
const KEPT_OPEN: Blocker = { pattern: STILL_OPEN, made: 'something still to happen' };
/**
 * A status row whose value is still open or empty: `Refund issued: pending`, `Refunded: No`, `Refund issued
 * on: —` (a word or two may end the label), or a tracker's step still open (`Refund issued ○`, `☐`, `⏳`).
 * A dash before a number is a minus sign (`Refund: -54,00 €`).
 */
/** `We have refunded customers who had the same issue`: the refund is others', not the reader's. */
const OTHER_RECIPIENTS = words(`^\\s(?:${lex((r) => r.otherRecipients ?? [])})\\b`);
const OPEN_STATUS_VALUE = words(
  `^(?:\\s\\p{L}{1,6}){0,2}\\s{0,3}(?:[○◯☐□⬜◻⏳⌛]|[:：|]\\s{0,3}(?:[—–-]{1,2}(?!\\s?\\p{N})|(?:${lex((r) => r.notYet)}|${NEGATIONS}|${lex((r) => r.stillOpen)}|${lex((r) => r.review)})\\b))`,
);
const PENDING_CHECK: Blocker = {
  pattern: words(`\\b${lex((r) => r.pendingChecks)}\\b`),
  made: 'wait for a check still to come',
};
/** `refunded, but the payment was returned by your bank`: the money did not arrive after all. */
const UNDONE = words(`\\b${lex((r) => r.undone)}\\b`);
const FAILED: Blocker = { pattern: UNDONE, made: 'a payment that did not go through' };
/**
 * `Your refund of $50.00 has been processed, but it has not been sent to your bank yet`: after a contrast
 * word, the money negated as not done (`not … sent`, `noch nicht ausgezahlt`) or said not to have happened
 * yet (`is yet to reach your bank`, `pas encore parti`, `尚未退回`). Only that, and not under a condition: a
 * contrast that adds a delay (`but it can take 5 days to appear`) or advice (`however, if you have not yet
 * received it in 10 days, contact your bank`) leaves the refund done.
 */
const CONTRAST = words(`\\b${lex((r) => r.contrasts ?? [])}\\b`);
const NOT_YET_DONE = words(`\\b${lex((r) => r.notYetDone ?? [])}\\b`);
const TAKEN_BACK = 'taken back: not done after all';

/**
 * `Refund issued  —` as a table row (html-to-text sets cells two spaces apart; sentences fold the spaces):
 * the phrase ends its line and the only value after it is a dash. An empty status, as `Refund issued: —`.
 */
function emptyRowOf(decision: Decision, text: string): string | null {
  if (decision.outcome === 'denied') return null;
  for (const line of text.split('\n')) {
    const at = line.indexOf(decision.text);
    if (at >= 0 && EMPTY_VALUE.test(line.slice(at + decision.text.length))) {
      return because(decision.text, line.trim(), 'a status still open');
    }
  }
  return null;
}
const EMPTY_VALUE = /^\s{0,6}[:：|]?\s{0,6}[—–-]{1,2}\s*$/u;

/** Whether the text's last words are a contrast (`…完了いたしましたが、`, `…processed, but`): its clause is the next line's. */
function endsWithContrast(text: string): boolean {
  const tail = text.slice(-16);
  const contrast = firstMatch(CONTRAST, tail);
  return contrast !== null && /^[\p{P}\s]*$/u.test(tail.slice(contrast.index + contrast.text.length));
}

/**
 * What a contrast clause takes back of the refund before it, or null (see CONTRAST). A condition before it
 * makes it advice (`if you have not yet received it`); one after is something else (`… releases refunds
 * once a week`).
 */
function takenBackIn(clause: string): { index: number; text: string } | null {
  const undone = firstMatch(NEGATED.pattern, clause) ?? firstMatch(NOT_YET_DONE, clause);
  if (!undone) return null;
  const before = clause.slice(0, undone.index);
  return CONDITION.pattern.test(before) || WEAK_CONDITION.pattern.test(before) ? null : undone;
}

/** A refund of part of the price: `erstatten wir Ihnen 50 % des Fahrpreises`, `half of the fare`, `the shipping fee`. */
const PARTIAL_HINT = words(`(?<![\\d.,])[1-9]\\d?(?:[.,]\\d{1,2})?\\s?%|\\b${lex((r) => r.partialShares)}\\b`);

/** `refunded $30.00 of your $120.00 payment`: an amount out of a larger one is a partial refund. */
const OUT_OF = /^\s?(?:of|out of|from|von|de|sur|di|dei|degli|delle|del|su|van|z|od|do|dos|das|da|af|av|из|з)\s/iu;
function isPartOfLarger(sentence: string): boolean {
  const amounts = [...findMoney(sentence)];
  for (let i = 0; i + 1 < amounts.length; i++) {
    const [part, whole] = [amounts[i], amounts[i + 1]];
    if (!part || !whole || part.amount >= whole.amount) continue;
    const end = sentence.indexOf(part.matched) + part.matched.length;
    if (OUT_OF.test(sentence.slice(end, end + 12))) return true;
  }
  return false;
}

/**
 * Labelled transaction identifiers. Group 1 is the label, group 2 the identifier. The labels of the
 * original purchase's payment are in the same alternation so that they are consumed, then skipped.
 */
const REFUND_TXN_LABEL = lex((r) => r.refundTransactionLabels);
const TXN_LABEL = lex((r) => r.transactionLabels);
const ORIGINAL_LABEL = lex((r) => r.originalPaymentLabels);
const TRANSACTION_ID = ruleRegExp(
  unicodeWords(
    `\\b((?:${ORIGINAL_LABEL}|${REFUND_TXN_LABEL}|${TXN_LABEL}|(?:refund|erstattungs|rückerstattungs)[ -]?(?:ref(?:erence)?|nummer|referenz))` +
      // `ID de transacción de PayPal:`, `Transaktionscode der Erstattung:`: a qualifier may follow.
      '(?:\\s(?:de|del|du|da|di|van|der|do)\\s(?:la\\s)?[\\p{L}]{2,15})?)' +
      '(?:\\s(?:is|lautet|est|es|è|é|wynosi))?[ \\t]{0,3}[:：#|│]?[ \\t]{0,3}\\n?[ \\t]{0,3}([A-Z0-9][A-Z0-9_-]{3,60})(?![\\p{L}\\d_-])',
  ),
  'giu',
);
const IS_ORIGINAL_LABEL = words(`^${ORIGINAL_LABEL}`);
const IS_REFUND_TXN_LABEL = words(`^${REFUND_TXN_LABEL}`);
const IS_TXN_LABEL = words(`^${TXN_LABEL}`);
const NAMES_REFUND = words(`\\b${REFUND_WORDS}`);

const AMOUNT_LABELS = unicodeWords(lex((r) => r.amountLabels));
/** A decision that is a credit document (`Your Credit Memo #100000012 for Order #…`): its grand total is the refund. */
const CREDIT_DOCUMENT = words(`\\b${lex((r) => r.creditDocuments ?? [])}\\b`);
const GRAND_TOTAL_LABELS = unicodeWords(lex((r) => r.grandTotalLabels ?? []));
const MONEY_MOVED = words(`\\b${DONE}\\b`);
/**
 * The refund's own amount, named with its noun (`Your refund of £45.00 should appear …`, `Ihre Erstattung
 * über 49,99 € …`): the text up to the amount ends with the refund noun and its preposition (`amountPrepositions`).
 */
const REFUND_NOUN_BEFORE_AMOUNT = words(`\\b${REFUND_NOUN}\\s(?:${lex((r) => r.amountPrepositions ?? [])})\\s{0,2}$`);

/**
 * Restatements of the customer's request in an acknowledgement (`We have received your request: Full
 * refund for order …`, `Ihre Anfrage: …`, `You wrote: …`): the label up to its colon.
 */
const RESTATEMENT_LABEL = words(`(?:^|\\b)(?:${lex((r) => r.restatementLabels)}|${lex((r) => r.customerWrote)})\\s?:`);
/** A heading over the steps still to come, alone on its line: `What happens next?`, `So geht es weiter:`. */
const STEPS_HEADING = words(`^\\W{0,3}(?:${lex((r) => r.stepsHeadings ?? [])})\\s{0,2}[:?：？]?\\s{0,3}$`);
/** A numbered or bulleted line: `1. …`, `2) …`, `- …`, `• …`. */
const LIST_ITEM = /^\s{0,6}(?:\d{1,2}[.)]|[-•*·–▪►])\s/u;

/** Quoted words of three or more (a status such as “Refund issued” stays): what someone else said. */
const QUOTED_SPAN =
  /[“"«„‚‘]\s?[^“”"«»„‚‘’\n]{1,300}?[”"»“‘’]|(?<![\p{L}\d])'(?:[^'\n]|(?<=\p{L})'(?=\p{L})){3,300}?'(?![\p{L}\d])/gu;

/** Candidates a rule saw and set aside, with why: the other half of the reasons. */
export interface RejectedResolution {
  /** The rule whose phrase matched, e.g. `resolution/refund`. */
  rule: string;
  outcome: Outcome;
  /** The phrase that matched. */
  matched: string;
  /** The sentence it matched in. */
  sentence: string;
  /** Why it does not decide the case: `approved, but 'once we receive' made it conditional`. */
  why: string;
  location: FindingLocation;
}

export interface ResolutionResult {
  resolution: ResolutionFinding | null;
  /** At most MAX_REJECTED candidates that looked like resolutions and were set aside. */
  rejected: RejectedResolution[];
}
const MAX_REJECTED = 5;

interface Decision {
  outcome: Outcome;
  rule: string;
  index: number;
  text: string;
  future?: boolean;
  /** `Your refund request has been processed`: the request was handled, which need not mean money moved. */
  handled?: boolean;
}
type Verdict = { decision: Decision } | { rejected: { rule: string; outcome: Outcome; matched: string; why: string } };
/** `decide` for one analysis (its rule set and sender), each sentence once. */
type VerdictOf = (sentence: string) => Verdict | null;

function firstMatch(
  pattern: GatedPattern | GatedAlternation,
  text: string | GateInput,
): { index: number; text: string } | null {
  const m = pattern.exec(text);
  return m ? { index: m.index, text: m[0] } : null;
}

/** `approved, but 'once we receive' made it conditional`. */
function because(matched: string, blocker: string, made: string): string {
  // The end of a long phrase is its verb or its object: `…was issued`, `…your refund`.
  const head = matched.length > 30 ? `…${matched.slice(-25).trimStart()}` : matched;
  return `'${head}', but '${blocker}' made it ${made}`;
}

/** Whether a reason `because` wrote names what `blocker` makes of a phrase. */
const madeBy = (why: string, blocker: Blocker): boolean => why.endsWith(` made it ${blocker.made}`);

/**
 * A tentative word or an offer before the phrase, unless the offer is said to be carried out already:
 * `offer you store credit of £40.00, which I've added to your account`.
 */
function tentativeIn(upToMatch: string, after: string, text: string): string | null {
  const offer = firstMatch(TENTATIVE.pattern, upToMatch);
  if (!offer) return null;
  if (OFFER_CARRIED_OUT.test(upToMatch.slice(offer.index + offer.text.length) + after)) return null;
  return because(text, offer.text, TENTATIVE.made);
}
const OFFER_CARRIED_OUT = words(`\\b${lex((r) => r.offerCarriedOut ?? [])}\\b`);

/** `reviewIn` as a blocker's reason. */
function reviewed(sentence: string, text: string): string | null {
  const review = reviewIn(sentence);
  return review ? because(text, review.text, REVIEW.made) : null;
}

/** What keeps a positive outcome at [index, index + text.length) from having happened, or null. */
function blockerOf(sentence: string, index: number, text: string, future: boolean): string | null {
  const end = index + text.length;
  const upToMatch = sentence.slice(0, end).replace(COURTESY, ' ');
  const after = sentence.slice(end, end + 40);
  const seen = (b: Blocker, within: string): string | null => {
    const m = firstMatch(b.pattern, within);
    return m ? because(text, m.text, b.made) : null;
  };
  const early =
    seen(CUSTOMER_WROTE, upToMatch) ??
    seen(CUSTOMER_VOICE, upToMatch) ??
    seen(NEGATED, upToMatch) ??
    seen(CONDITION, sentence.slice(0, remainderClauseAt(sentence, end))) ??
    reviewed(sentence, text) ??
    tentativeIn(upToMatch, sentence.slice(end, end + 60), text) ??
    seen(KEPT_OPEN, sentence.slice(0, index)) ??
    seen(WEAK_CONDITION, sentence.slice(0, index));
  if (early) return early;
  // From the phrase on: `Our records show a refund was issued; however, it failed` (a failure named
  // before the refund, `Because the delivery failed, we refunded you`, undoes nothing).
  const failed = seen(FAILED, sentence.slice(index));
  if (failed) return failed;
  const contrast = firstMatch(CONTRAST, sentence.slice(end));
  const contrasted = contrast ? sentence.slice(end + contrast.index) : '';
  const takenBack = contrast ? takenBackIn(contrasted) : null;
  // `We refunded $40.00, but we did not refund the shipping cost`: a part kept back, the rest refunded (the
  // partial share makes the decision partial); not the refund itself taken back.
  if (takenBack && !PARTIAL_HINT.test(contrasted) && !REMAINDER.test(contrasted)) {
    return because(text, takenBack.text, TAKEN_BACK);
  }
  if (ASKED_AFTER.test(sentence.slice(end))) return because(text, '?', 'a question');
  // A future decision is future by nature; any other phrase is a promise when a not-yet word leads to it.
  if (!future) {
    // `approved and will be credited after inspection`, `approved: pending inspection`: approved, but the
    // money waits for a check; `approved and will be paid out within 5 days` is approved now.
    if (ENDS_WITH_APPROVAL.test(text)) {
      // `approved but not yet paid out`, `approved, payment is scheduled for 12 June`.
      // The check may open a longer clause (`… och betalas ut när transportören har bekräftat returen`): it
      // must start near, and is read to its end.
      const check = firstMatch(PENDING_CHECK.pattern, sentence.slice(end));
      if (check && check.index < PENDING_CHECK_WINDOW) return because(text, check.text, PENDING_CHECK.made);
      const pending = seen(KEPT_OPEN, after);
      if (pending) return pending;
      if (AND_THEN_FUTURE.test(after)) return null;
    }
    const notYet = seen(NOT_YET, upToMatch);
    if (notYet) return notYet;
    const rest = NOUN_PHRASE_REST.exec(sentence.slice(end))?.[0] ?? '';
    if (ENDS_WITH_REFUND.test(text)) {
      const later = seen(NOT_YET, rest);
      if (later) return later;
    }
    // The clause may stop at the word that opens the time (`en los próximos días`: `en` is Dutch `and`).
    const upcoming = firstMatch(UPCOMING.pattern, sentence.slice(end, end + rest.length + 40));
    if (upcoming && upcoming.index <= rest.length + 1) return because(text, upcoming.text, UPCOMING.made);
  } else {
    // `Après vérification de l'article, nous vous rembourserons …`: a future that waits for a check.
    const pending = seen(PENDING_CHECK, sentence);
    if (pending) return pending;
  }
  const others = firstMatch(OTHER_RECIPIENTS, after);
  if (others) return because(text, others.text.trim(), "someone else's refund");
  const openValue = firstMatch(OPEN_STATUS_VALUE, after);
  if (openValue) return because(text, openValue.text.trim(), 'a status still open');
  const conditionAfter = firstMatch(CONDITION_AFTER, after);
  return conditionAfter ? because(text, conditionAfter.text.trim(), 'conditional') : null;
}

/**
 * `without …` naming a thing a refusal waits on (`cannot be accepted without the original receipt`), or null;
 * not the refund itself (`The case was closed without a refund` is the refusal).
 */
function missingThingIn(sentence: string): { index: number; text: string } | null {
  const lacking = firstMatch(LACKING, sentence);
  if (!lacking) return null;
  const end = lacking.index + lacking.text.length;
  return NAMES_REFUND_OR_OBJECT.test(sentence.slice(end, end + 24)) ? null : lacking;
}
const LACKING = words(`\\b${lex((r) => r.lacking ?? [])}\\b`);
/** A refund or a refused object named first after `without`: `without a refund`, `ohne Erstattung`. */
const NAMES_REFUND_OR_OBJECT = words(`^\\s(?:\\p{L}{1,5}\\s)?(?:${REFUND_WORDS}|${DENIAL_OBJECT})\\b`);

/** How far after an approval the check it waits for may start (`approved and will be paid out after …`). */
const PENDING_CHECK_WINDOW = 60;

/** How far after a refusal a condition (`if`, `wenn`, `si`) makes it terms: its object and a few words. */
const TERMS_WINDOW = 30;

/** Whether a denial is final: not a condition (`if your claim is denied`), not `cannot … until`, not policy. */
function denialBlockerOf(sentence: string, index: number, text: string): string | null {
  const before = sentence.slice(0, index);
  const weak = firstMatch(WEAK_CONDITION.pattern, before) ?? firstMatch(CONDITION.pattern, before);
  if (weak) return because(text, weak.text, 'conditional');
  const lacking = missingThingIn(sentence);
  if (lacking) return because(text, lacking.text, 'conditional: something still missing');
  // `rejected by your bank`: a refund payment that bounced, not the seller refusing it.
  const bounced = firstMatch(UNDONE, sentence);
  if (bounced) return because(text, bounced.text, 'a payment that did not go through, not a refusal');
  // `not approved yet`: a decision still to come, not a refusal.
  const open = firstMatch(STILL_OPEN, sentence);
  if (open) return because(text, open.text, 'a decision still to come');
  // `We are unable to offer a refund at this time, but we will review it again once the item arrives`.
  const after = sentence.slice(index + text.length);
  const reconsidered = firstMatch(CONDITION.pattern, after) ?? reviewIn(after);
  if (reconsidered) return because(text, reconsidered.text, 'a decision still to come');
  // `No refund will be issued if the item has been used`: terms, whatever the case's item. Right after
  // the refusal only: further on, `quando a solicitação foi aberta` tells when, it sets no condition.
  // Read in the whole rest, so that a word's own lookahead sees past the window (`falls outside` is English).
  const terms = firstMatch(WEAK_CONDITION.pattern, after);
  if (terms && terms.index < TERMS_WINDOW) return because(text, terms.text, 'conditional');
  // `We're not going to issue a refund today …, but it will go out on Monday`: put off, not refused.
  const contrast = firstMatch(CONTRAST, after);
  const later = contrast ? after.slice(contrast.index + contrast.text.length) : '';
  // `Não conseguimos realizar a troca, mas podemos reembolsar o valor se preferir`: something else offered.
  const putOff =
    later &&
    (firstMatch(NOT_YET.pattern, later) ??
      firstMatch(FUTURE_DECISION, later) ??
      firstMatch(TENTATIVE.pattern, later) ??
      firstMatch(WEAK_CONDITION.pattern, later));
  if (putOff) return because(text, putOff.text, 'a decision still to come');
  const policy = firstMatch(POLICY, sentence);
  if (policy && !givenAsReason(sentence, index + text.length, policy.index)) {
    return because(text, policy.text, 'general terms, not a decision on this case');
  }
  const customer = firstMatch(CUSTOMER_WROTE.pattern, before) ?? firstMatch(CUSTOMER_VOICE.pattern, before);
  if (customer) return because(text, customer.text, 'the customer’s words');
  // `Your refund was declined by your bank? Contact us.`: a refusal asked about is none.
  if (ASKED_AFTER.test(sentence.slice(index + text.length))) return because(text, '?', 'a question');
  return null;
}

/**
 * Whether the terms at `termsAt` are the reason given for the refusal that ends at `refusalEnd`: `We cannot
 * refund your order because it falls outside our return policy`, `… eftersom ångerrätten har gått ut`.
 */
function givenAsReason(sentence: string, refusalEnd: number, termsAt: number): boolean {
  return termsAt > refusalEnd && REASON.test(sentence.slice(refusalEnd, termsAt));
}
const REASON = words(`\\b${lex((r) => r.reasonConjunctions ?? [])}\\b`);

/** The outcome a firm future decision promises, from what the sentence names. */
function futureOutcome(sentence: string, phrase: string): Outcome | null {
  if (MENTIONS_REPLACEMENT.test(sentence)) return 'replacement';
  if (MENTIONS_CREDIT.test(sentence)) return 'store_credit';
  if (MENTIONS_PARTIAL.test(sentence)) return 'partial_refund';
  if (MENTIONS_REFUND.test(sentence) || REFUND_VERB.test(phrase)) return 'full_refund';
  return null;
}

/**
 * Every built-in phrase names a refund, a part of one, a credit, a replacement or an object a denial
 * refuses. The patterns open with a Unicode boundary, which keeps V8 from skipping ahead to a likely
 * start, so they cost much more per character than this one alternation: sentences without any of
 * these words (most of a mail) are not tried at all.
 */
const TRIGGER = prefilter([
  REFUND_WORDS,
  PARTIAL,
  CREDIT,
  REPLACEMENT,
  DENIAL_OBJECT,
  lex((r) => r.refundVerbs),
  lex((r) => r.refundedPhrases),
  lex((r) => r.denialPhrases),
]);
/** Words without which no refusal is stated (`cannot`, `nicht`, `pas`, `non`, `nie`, `não`…): the same saving. */
const MAYBE_REFUSAL = prefilter([lex((r) => r.denialModals), lex((r) => r.denialPassive), lex((r) => r.negations)]);
/** Every alternative of DENIAL opens with a modal or a lead, or ends with a passive, or is a fixed phrase. */
const DENIAL_GATE = prefilter([
  lex((r) => r.denialModals),
  lex((r) => r.denialLeads),
  lex((r) => r.denialPassive),
  lex((r) => r.denialPhrases),
]);
const FUTURE_GATE = prefilter([lex((r) => r.futureDecisions)]);

/**
 * A refund phrase that nothing blocks, beside a refusal of the rest: before it, or after it past a
 * contrast (`We can't refund you for shipping costs, but we have refunded the item price of $40.00`).
 */
function refundBeside(
  sentence: string,
  s: GateInput,
  refusal: { index: number; text: string },
): { index: number; text: string } | null {
  const end = refusal.index + refusal.text.length;
  const after = sentence.slice(end);
  const contrast = firstMatch(CONTRAST, after);
  for (const { outcome, pattern, gate } of OUTCOME_PHRASES) {
    if ((outcome !== 'full_refund' && outcome !== 'partial_refund') || !gate.test(s)) continue;
    const m = firstMatch(pattern, s);
    if (m && m.index + m.text.length <= refusal.index && !blockerOf(sentence, m.index, m.text, false)) return m;
    if (!contrast) continue;
    const from = end + contrast.index + contrast.text.length;
    const later = firstMatch(pattern, sentence.slice(from));
    if (later && !blockerOf(sentence, from + later.index, later.text, false)) {
      return { index: from + later.index, text: later.text };
    }
  }
  return null;
}

const FULL_REFUND = OUTCOME_PHRASES.find((p) => p.outcome === 'full_refund') as Phrase;

/**
 * A full refund stated before a credit, with an amount of its own that the credit does not have, that
 * nothing blocks; or null.
 */
function refundBefore(
  sentence: string,
  s: GateInput,
  credit: { index: number; text: string },
): { index: number; text: string } | null {
  if (!FULL_REFUND.gate.test(s)) return null;
  const before = sentence.slice(0, credit.index);
  const creditAmounts = findMoney(credit.text).map((money) => money.amount);
  const refundAmounts = findMoney(before).map((money) => money.amount);
  if (creditAmounts.length === 0 || !refundAmounts.some((amount) => !creditAmounts.includes(amount))) return null;
  const m = firstMatch(FULL_REFUND.pattern, before);
  return m && !blockerOf(sentence, m.index, m.text, false) ? m : null;
}

/** The user's rule-pack phrases that apply to this sender, then the built-in phrases: the first that holds. */
function decide(sentence: string, ruleset: Ruleset | undefined, sender: string | null): Verdict | null {
  let rejected: Verdict | null = null;
  // The gates and patterns below all read this sentence: its UTF-8 bytes are made once.
  const s = gateInput(sentence);
  for (const phrase of ruleset?.resolutionPhrases ?? []) {
    if (!appliesTo(phrase, sender)) continue;
    const m = phrase.pattern.matchAll(sentence)[0];
    if (!m) continue;
    const rule = `resolution/pack:${phrase.name}`;
    const why =
      phrase.outcome === 'denied'
        ? denialBlockerOf(sentence, m.index, m.text)
        : blockerOf(sentence, m.index, m.text, false);
    if (!why) return { decision: { outcome: phrase.outcome, rule, index: m.index, text: m.text } };
    rejected ??= { rejected: { rule, outcome: phrase.outcome, matched: m.text, why } };
  }
  if (!TRIGGER.test(s)) {
    if (rejected || !MAYBE_REFUSAL.test(s)) return rejected;
    const refusal = firstMatch(DENIAL_WITHOUT_OBJECT, s);
    if (!refusal) return null;
    const why = `'${refusal.text}' refuses no refund, return, claim, request, dispute or warranty`;
    return { rejected: { rule: 'resolution/denied', outcome: 'denied', matched: refusal.text, why } };
  }
  const found = denialIn(s);
  // `Não conseguimos realizar o envio hoje, mas o reembolso … já foi realizado`: the refusal's object
  // lies past a contrast, in another clause; it refuses what comes before it.
  const denial = found && !CONTRAST.test(found.text) ? found : null;
  if (denial) {
    const why = denialBlockerOf(sentence, denial.index, denial.text);
    // `Vi har refundert 1 899 kr for skiene, men fraktkostnaden … kan vi dessverre ikke refundere`: a refund
    // made beside the refusal of the rest is a partial refund, not a denial.
    const granted = why ? null : refundBeside(sentence, s, denial);
    if (granted) return { decision: { outcome: 'partial_refund', rule: 'resolution/partial-share', ...granted } };
    if (!why) return { decision: { outcome: 'denied', rule: 'resolution/denied', ...denial } };
    return { rejected: { rule: 'resolution/denied', outcome: 'denied', matched: denial.text, why } };
  }
  for (const { outcome, rule, pattern, gate } of OUTCOME_PHRASES) {
    if (!gate.test(s)) continue;
    const m = firstMatch(pattern, s);
    if (!m) continue;
    const why =
      outcome === 'store_credit' && NEGATED_CREDIT.test(s)
        ? `'${m.text}' names the credit as not given`
        : blockerOf(sentence, m.index, m.text, false);
    if (why) {
      rejected ??= { rejected: { rule, outcome, matched: m.text, why } };
      continue;
    }
    // `We refunded $25.99 to your card and added a $5.00 credit for the trouble`: the refund, stated first in a
    // clause of its own with its own amount, is the outcome; the credit is a gesture beside it. (`Your refund of
    // $25.99 has been processed and issued as store credit` is the refund given as credit.)
    if (outcome === 'store_credit') {
      const refund = refundBefore(sentence, s, m);
      if (refund) return { decision: { outcome: 'full_refund', rule: 'resolution/refund', ...refund } };
    }
    // `hemos hecho un reembolso parcial`: a refund phrase whose refund is named partial.
    const namedPartial = MENTIONS_PARTIAL.test(sentence.slice(m.index, m.index + m.text.length + 30));
    const handled = outcome === 'full_refund' && requestHandled(sentence, m);
    if (outcome === 'full_refund' && (namedPartial || PARTIAL_HINT.test(s) || isPartOfLarger(sentence))) {
      return { decision: { outcome: 'partial_refund', rule: 'resolution/partial-share', ...m, handled } };
    }
    return { decision: { outcome, rule, ...m, handled } };
  }
  const future = FUTURE_GATE.test(s) ? firstMatch(FUTURE_DECISION, s) : null;
  const outcome = future ? futureOutcome(sentence.slice(future.index), future.text) : null;
  if (future && outcome) {
    const rule = 'resolution/future-decision';
    const why = blockerOf(sentence, future.index, future.text, true);
    if (!why) return { decision: { outcome, rule, ...future, future: true } };
    rejected ??= { rejected: { rule, outcome, matched: future.text, why } };
  }
  if (!rejected && MAYBE_REFUSAL.test(s)) {
    const refusal = firstMatch(DENIAL_WITHOUT_OBJECT, s);
    if (refusal) {
      const why = `'${refusal.text}' refuses no refund, return, claim, request, dispute or warranty`;
      rejected = { rejected: { rule: 'resolution/denied', outcome: 'denied', matched: refusal.text, why } };
    }
  }
  return rejected;
}

/**
 * The new text as support wrote it: quoted words of three or more, and restated requests
 * (`Your request: Full refund for order …`, `You wrote: …`, up to the end of their paragraph when the
 * label ends its line), blanked out. Customer text inside a support message never decides.
 */
function withoutRestatements(text: string): string {
  const lines = text.replace(QUOTED_SPAN, ' ').split('\n');
  let inBlock = false;
  return lines
    .map((line) => {
      if (line.trim() === '') {
        inBlock = false;
        return line;
      }
      if (inBlock) return '';
      const m = line.includes(':') ? RESTATEMENT_LABEL.exec(line) : null;
      if (!m) return line;
      const before = line.slice(0, m.index);
      // `Status of your request: refund approved` reports a status, it does not restate.
      if (/\bstatus\b/iu.test(before)) return line;
      if (line.slice(m.index + m[0].length).trim() === '') inBlock = true;
      return `${before}${before.trim() === '' ? '' : '.'}`;
    })
    .join('\n');
}

/**
 * The text without the list items under a steps heading (`Here's what happens next:` / `1. We inspect the
 * item.` / `3. Your refund of $64.00 is issued …`): the steps of the process, still to come, not what
 * happened (a done refund listed under `Next steps:` is lost with them: rarer than a return notice's steps).
 * Blank lines between the items keep the list going.
 */
function withoutListedSteps(text: string): string {
  let inSteps = false;
  return text
    .split('\n')
    .map((line) => {
      if (line.trim() === '') return line;
      if (inSteps && LIST_ITEM.test(line)) return '';
      inSteps = STEPS_HEADING.test(line);
      return line;
    })
    .join('\n');
}

const normalisedOrder = (id: string) => id.replace(/^#/, '').toLowerCase();

/**
 * Whether a sentence is about another order than the message's own (the subject's order, else the
 * first one named): a refund confirmed for order B does not resolve the case of order A.
 */
function otherOrderIn(sentence: string, ctx: AnalysisContext, caseOrder: string | null): string | null {
  if (!caseOrder) return null;
  const inSentence = findOrderNumbers({
    ...ctx,
    subject: '',
    text: { newText: sentence, signature: '', quoted: '', authorLine: null },
  }).map((m) => m.value);
  if (inSentence.length === 0) return null;
  return inSentence.some((id) => normalisedOrder(id) === normalisedOrder(caseOrder)) ? null : (inSentence[0] ?? null);
}

/**
 * Finds a resolution in the new text only (quoted history already said what it said), sentence by
 * sentence: the first sentence that decides wins, except that something granted (a partial refund
 * after a denied claim for the rest) outranks a denial. Confidence rises with evidence: an explicit
 * outcome verb, then an amount, then a transaction ID.
 *
 * Decided against: a refund confirmed for another order than the message's own is no resolution of
 * this case at all (not even a low-confidence one): it goes to `rejected`, and a later sentence may still decide.
 */
export function findResolution(ctx: AnalysisContext, ruleset?: Ruleset): ResolutionResult {
  const newText = withoutListedSteps(
    withoutRestatements(withoutCustomerTurns(ctx.text.newText, customerNamesOf(ctx.to))),
  );
  const sender = ctx.from?.address ?? null;
  const caseOrder = orderNumbersOf(ctx)[0]?.value ?? null;
  const rejected: RejectedResolution[] = [];
  const reject = (r: Omit<RejectedResolution, 'location'>) => {
    if (rejected.length < MAX_REJECTED) rejected.push({ ...r, location: 'new_text' });
  };
  // Each sentence is decided once, whoever asks: this loop, and the helpers that read the sentences after it.
  const verdicts = new Map<string, Verdict | null>();
  const verdictOf: VerdictOf = (sentence) => {
    if (!verdicts.has(sentence)) verdicts.set(sentence, decide(sentence, ruleset, sender));
    return verdicts.get(sentence) ?? null;
  };
  let chosen: { decision: Decision; sentence: string; at: number; row: boolean } | null = null;
  const sentences = sentencesOf(newText);
  for (const [at, sentence] of sentences.entries()) {
    if (setAsideIn(ctx, sentence)) continue;
    const verdict = verdictOf(sentence);
    if (!verdict) continue;
    if ('rejected' in verdict) {
      reject({ ...verdict.rejected, sentence });
      continue;
    }
    const { decision } = verdict;
    const otherOrder = otherOrderIn(sentence, ctx, caseOrder);
    if (otherOrder) {
      const why = `'${decision.text}' is about order ${otherOrder}, not this message's order ${caseOrder}`;
      reject({ rule: decision.rule, outcome: decision.outcome, matched: decision.text, sentence, why });
      continue;
    }
    const undoneNext =
      emptyRowOf(decision, newText) ??
      undoneBy(decision, sentence, sentences[at + 1], ctx) ??
      (decision.handled ? handedOnAfter(decision, sentences.slice(at + 1, at + 3), ctx) : null) ??
      approvalWaitingIn(decision, sentences.slice(at + 1, at + 4), ctx, verdictOf);
    if (undoneNext) {
      reject({ rule: decision.rule, outcome: decision.outcome, matched: decision.text, sentence, why: undoneNext });
      continue;
    }
    // A status row (`Refunded to: PayPal`, `Date refunded: Aug 28, 2025`) is the receipt's heading for the
    // refund; a sentence further down that decides too says more (`TallyHQ has refunded $30.00 of your
    // $120.00 payment`: partial), so a row keeps looking for one.
    const row = rowValueOf(sentence) !== null;
    if (!chosen) chosen = { decision, sentence, at, row };
    if (decision.outcome !== 'denied') {
      const saysMore = chosen.row && !row && !decision.future && !decision.handled;
      if (chosen.decision.outcome === 'denied' || saysMore) chosen = { decision, sentence, at, row };
      if (!chosen.row) break;
    }
  }
  if (!chosen) return { resolution: null, rejected };
  const { sentence } = chosen;
  // A status table above the sign-off may be read as the signature block (`Artikel | Status` /
  // `Tasse | Erstattet`): it is read too, as it can only make a full refund partial.
  const decision = partialByItems(
    namedPartialAfter(chosen.decision, sentence, sentences.slice(chosen.at + 1, chosen.at + 3), ctx, caseOrder),
    `${newText}\n\n${ctx.text.signature}`,
    ctx,
  );
  const denied = decision.outcome === 'denied';
  // The subject too: a notice of kanji rows (`返金済：¥2,480`) under `ご返金手続き完了のお知らせ` is Japanese.
  const reading = readingOf(`${ctx.subject}\n${newText}`, sender);
  const money =
    denied || decision.outcome === 'replacement'
      ? null
      : (moneyFor(sentence, decision, newText, sentences.slice(chosen.at + 1, chosen.at + 3), reading) ??
        restatedMoney(sentences.slice(chosen.at + 1), decision.outcome, ctx, verdictOf, caseOrder, reading));
  // `Refund issued: $0.00`: a status row with nothing in it moved no money.
  if (money?.amount === 0) {
    const why = `'${decision.text}', but the amount is ${money.matched}: nothing was paid`;
    reject({ rule: decision.rule, outcome: decision.outcome, matched: decision.text, sentence, why });
    return { resolution: null, rejected };
  }
  const txn = denied ? null : transactionIdIn(newText);
  const evidence = denied ? 0.9 : Math.min(0.99, 0.8 + (money ? 0.1 : 0) + (txn ? 0.07 : 0));
  // A decision about the future (`we will refund … today`) is a resolution, but only a suggestion: the
  // case closes on the mail that confirms it happened, so a promise that falls through closes nothing.
  // So is a request handled (`Your refund request has been processed`), unless the mail also shows
  // the money moving: the refund's transaction, or another sentence that says it was refunded.
  const rest = sentence.slice(decision.index + decision.text.length);
  const unpaid =
    decision.handled && !txn && !paidLater([rest, ...sentences.slice(chosen.at + 1)], ctx, verdictOf, caseOrder);
  const confidence = decision.future || unpaid ? Math.min(evidence, FUTURE_CONFIDENCE) : evidence;
  return {
    resolution: {
      outcome: decision.outcome,
      rule: decision.rule,
      amount: money?.amount ?? null,
      currency: money?.currency ?? null,
      transactionId: txn,
      confidence: Math.round(confidence * 100) / 100,
      sentence,
      location: 'new_text',
    },
    rejected,
  };
}

/**
 * What the next sentence takes back from a refund, or null: `We refunded $54.00 on 3 March. Unfortunately,
 * your bank returned the payment.`; `Your refund has been approved. The amount will be credited after
 * inspection.` (an approval whose payout waits for a check).
 */
function undoneBy(decision: Decision, sentence: string, next: string | undefined, ctx: AnalysisContext): string | null {
  if (decision.outcome === 'denied' || !next || setAsideIn(ctx, next)) return null;
  const failed = firstMatch(UNDONE, next);
  if (failed) return because(decision.text, failed.text, FAILED.made);
  // `We have processed your refund of £12.00. However, it has not been sent to your bank yet.`, or a
  // contrast that ends this line and the next goes on (`…完了いたしましたが、` / `…まだ完了しておりません。`).
  const contrast = firstMatch(CONTRAST, next);
  const leads = contrast !== null && next.slice(0, contrast.index).trim() === '';
  const takenBack = leads || endsWithContrast(sentence.slice(decision.index)) ? takenBackIn(next) : null;
  if (takenBack) return because(decision.text, takenBack.text, TAKEN_BACK);
  const pending = ENDS_WITH_APPROVAL.test(decision.text) ? firstMatch(PENDING_CHECK.pattern, next) : null;
  return pending ? because(decision.text, pending.text, PENDING_CHECK.made) : null;
}

/**
 * Whether a refund phrase names a request handled rather than money refunded: `Your refund request
 * has been processed`, `Votre demande de remboursement a été traitée`, `Ihr Antrag auf Rückerstattung
 * wurde bearbeitet`. Approving a request approves the refund (`Ihr Erstattungsantrag wurde genehmigt`).
 */
function requestHandled(sentence: string, m: { index: number; text: string }): boolean {
  const noun = ENDS_WITH_APPROVAL.test(m.text) ? null : firstMatch(NAMES_REFUND_FIRST, m.text);
  if (!noun) return false;
  const before = sentence.slice(Math.max(0, m.index - 40), m.index);
  // A request noun that holds the refund noun: `pedido de reembolso`.
  return REQUEST_COMPOUND.test(m.text) || REQUEST_BEFORE.test(before) || REQUEST_ENDS.test(before + noun.text);
}
const NAMES_REFUND_FIRST = words(`^${REFUND_WORDS}`);
const REQUEST_ENDS = words(`\\b(?:${REQUEST_WORDS})$`);

/** A promise of the sender's (`We will contact you`, `Wir melden uns`, `Nos pondremos en contacto`). */
const PROMISE = words(`\\b${alternation((l) => l.conversation.promises)}\\b`);

/**
 * An approval whose refund a later sentence makes wait for something: `Your refund has been approved. Please
 * ship the item back with the label attached. Once we receive it, we'll process the refund of $129.00.` (`Ihre
 * Erstattung wurde genehmigt. … Sobald die Ware bei uns eingegangen ist, erstatten wir Ihnen 129,00 €.`).
 * The request was approved; the money is still to come. A later promise without a condition (`You will
 * receive the money within 5 business days`) keeps the approval.
 */
function approvalWaitingIn(
  decision: Decision,
  later: string[],
  ctx: AnalysisContext,
  verdictOf: VerdictOf,
): string | null {
  if (decision.future || !ENDS_WITH_APPROVAL.test(decision.text)) return null;
  for (const sentence of later) {
    if (setAsideIn(ctx, sentence)) continue;
    const verdict = verdictOf(sentence);
    if (!verdict || !('rejected' in verdict)) continue;
    const { outcome, matched, why } = verdict.rejected;
    const refund = outcome === 'full_refund' || outcome === 'partial_refund';
    if (refund && WAITING.some((blocker) => madeBy(why, blocker))) {
      return because(decision.text, matched, 'an approval whose refund still waits on a condition');
    }
  }
  return null;
}

/** What makes a later refund phrase wait: a condition (`once we receive it`) or a check still to come. */
const WAITING: readonly Blocker[] = [CONDITION, WEAK_CONDITION, PENDING_CHECK];

/**
 * What the next sentence or two make of a request handled: passed on (`We have forwarded it to our
 * warehouse`, `La hemos remitido a nuestro almacén`) or followed by a promise about something else
 * than the money (`We will contact you within 3 business days`). Then the request was handled and
 * nothing was paid: no resolution. `You will receive the refund within 5 days` keeps it.
 */
function handedOnAfter(decision: Decision, next: string[], ctx: AnalysisContext): string | null {
  for (const sentence of next) {
    if (setAsideIn(ctx, sentence)) continue;
    const handedOn = reviewIn(sentence);
    if (handedOn) return because(decision.text, handedOn.text, 'a request passed on, with nothing paid');
    const promise = firstMatch(PROMISE, sentence);
    if (promise && !MENTIONS_REFUND.test(sentence) && findMoney(sentence).length === 0) {
      return because(decision.text, promise.text, 'a request handled, with the next step still to come');
    }
  }
  return null;
}

/** Whether a later sentence says, on its own, that money was refunded (not a request handled). */
function paidLater(later: string[], ctx: AnalysisContext, verdictOf: VerdictOf, caseOrder: string | null): boolean {
  return later.some((sentence) => {
    if (setAsideIn(ctx, sentence)) return false;
    const verdict = verdictOf(sentence);
    if (!verdict || !('decision' in verdict)) return false;
    const { outcome, handled, future } = verdict.decision;
    const refund = outcome === 'full_refund' || outcome === 'partial_refund';
    return refund && !handled && !future && !otherOrderIn(sentence, ctx, caseOrder);
  });
}

/**
 * A separator between a row's label and its value: a colon, a bar, a tab, a dash between spaces or a
 * run of two spaces, which is how an HTML table's cells come out as text (`Stoneware mug (x1)  Refunded`,
 * `Tasse | Erstattet`, `Article 2 : Vase – en attente de retour`). The value is what follows the last one.
 */
const ROW_SEPARATOR = /\s{0,3}[:：|│\t]\s{0,3}|\s[—–-]\s|\s{2,}/gu;
const MAX_ROW = 160;
const MAX_ROW_VALUE = 50;
interface Row {
  label: string;
  value: string;
}
function rowValueOf(line: string): Row | null {
  if (line.length > MAX_ROW) return null;
  let end = -1;
  let start = -1;
  for (const m of line.matchAll(ROW_SEPARATOR)) [start, end] = [m.index, m.index + m[0].length];
  if (start <= 0) return null;
  const value = line.slice(end).trim();
  return value && value.length <= MAX_ROW_VALUE ? { label: line.slice(0, start).trim(), value } : null;
}
/** A row value still open, or another fate than a refund: `Not returned yet`, `Shipped`, `en attente de retour`. */
const OPEN_ROW_VALUE = words(
  `^\\W{0,3}(?:${lex((r) => r.notYet)}|${NEGATIONS}|${lex((r) => r.stillOpen)}|${lex((r) => r.review)}|${SHIPPED})\\b`,
);
/**
 * The done forms that are a refund's own (`refunded`, `erstattet`, `remboursé`, `terugbetaald`), not any
 * done form (`completed`, `sent`): those that share a stem with the language's refund verbs.
 */
const REFUND_DONE = alternation((l) => {
  const { refundVerbs, done } = l.resolution;
  const stems = refundVerbs.flatMap((entry) =>
    (entry.match(/\p{L}{5,}/gu) ?? []).map((word) => word.slice(0, 5).toLowerCase()),
  );
  return done.filter((entry) => stems.some((stem) => entry.toLowerCase().includes(stem)));
});
/** A refund's own done form anywhere (`remboursés`, `erstattet`), as `seront remboursés` names a refund too. */
const REFUND_DONE_WORD = words(`\\b(?:${REFUND_DONE})\\b`);
/** A row value that says the item was refunded: `Refunded`, `Erstattet`, `remboursé`, `Refund issued`. */
const REFUNDED_ROW_VALUE = words(`^\\W{0,3}(?:(?:${REFUND_WORDS})\\s${DONE}|${REFUND_DONE})\\b`);
/** A row about the refund or the payment itself (`Refund: pending`), not another item. */
const REFUND_ROW_LABEL = words(`\\b(?:${REFUND_WORDS}|${lex((r) => r.amountLabels)}|status)\\b`);

/**
 * A full refund beside a list of items in which one is refunded and another still open (`Mug —
 * Refunded` / `Lamp — Not returned yet`, `Tasse | Erstattet` / `Leuchte | Noch nicht zurückgesendet`):
 * the refund covers some items only, so it is partial. Rows are lines of one block (no blank line
 * between them), or the parts of one line between semicolons (`Item 1: refunded; Item 2: not returned
 * yet`), each with a short value after a separator.
 */
function partialByItems(decision: Decision, text: string, ctx: AnalysisContext): Decision {
  if (decision.outcome !== 'full_refund' || decision.future) return decision;
  let block: Row[] = [];
  // A last empty line ends the last block.
  for (const line of [...text.split(/\n|;/u), '']) {
    const row = line.trim() === '' ? null : rowValueOf(line);
    if (row && !setAsideIn(ctx, line)) {
      block.push(row);
      continue;
    }
    if (itemsPartlyRefunded(block)) return { ...decision, outcome: 'partial_refund', rule: 'resolution/partial-items' };
    block = [];
  }
  return decision;
}

/**
 * Rows of one block of which one says refunded and another still open. A lone row (`Order number: …`)
 * is no list of items, and its value is not read: most mail has such rows and no item list.
 */
function itemsPartlyRefunded(rows: readonly Row[]): boolean {
  if (rows.length < 2) return false;
  let refunded = false;
  let open = false;
  for (const row of rows) {
    if (OPEN_ROW_VALUE.test(row.value)) open ||= !REFUND_ROW_LABEL.test(row.label);
    else if (REFUNDED_ROW_VALUE.test(row.value)) refunded = true;
    if (refunded && open) return true;
  }
  return false;
}

/**
 * A full refund that the next sentence or two call partial (`We have refunded £20.00. This is a partial
 * refund for the damaged lid.`, `Es handelt sich um eine Teilerstattung.`), in which they refuse an
 * amount (`We are not able to refund the $8.95 shipping fee.`), or in which another amount is still to
 * be refunded (`The charger ($19.00) will be refunded once it reaches our warehouse.`), is partial,
 * unless that mention is blocked (a condition, a negation, general terms) or about another order.
 */
function namedPartialAfter(
  decision: Decision,
  decisionSentence: string,
  next: string[],
  ctx: AnalysisContext,
  caseOrder: string | null,
): Decision {
  if (decision.outcome !== 'full_refund' || decision.future) return decision;
  const decided = new Set(findMoney(decisionSentence).map((m) => m.amount));
  // `We've refunded $12.00 for the shipping, the rest of your order will be refunded once …`: the clause
  // of the rest is read as a sentence of its own.
  const restClause = decisionSentence.slice(remainderClauseAt(decisionSentence, decision.index + decision.text.length));
  for (const sentence of restClause === '' ? next : [restClause, ...next]) {
    if (setAsideIn(ctx, sentence)) continue;
    const partial =
      namesPartial(sentence) ||
      refusesAmount(sentence) ||
      refusesTheRest(sentence) ||
      refundsAnotherAmountLater(sentence, decided);
    if (!partial) continue;
    if (otherOrderIn(sentence, ctx, caseOrder)) continue;
    return { ...decision, outcome: 'partial_refund', rule: 'resolution/partial-share' };
  }
  return decision;
}

/**
 * The rest refused after a refund: `Der restliche Betrag wird nicht erstattet`, `The rest of your order isn't
 * eligible for a refund`. The rest named, a negation, and a refund word; no condition that makes it terms.
 */
function refusesTheRest(sentence: string): boolean {
  const rest = firstMatch(REMAINDER, sentence);
  if (!rest || CONDITION.pattern.test(sentence) || STILL_OPEN.test(sentence)) return false;
  const after = sentence.slice(rest.index);
  // `El resto del pedido no es reembolsable`: a refusal with no object of its own, the rest being it.
  if (DENIAL_WITHOUT_OBJECT.test(after)) return true;
  const refundWord = REFUND_VERB.test(after) || REFUND_DONE_WORD.test(after);
  return refundWord && NEGATION.test(after);
}
const REMAINDER = words(`\\b${lex((r) => r.remainderWords ?? [])}\\b`);

/**
 * Where a clause of the rest opens after the deciding phrase (`…, the rest of your order will be refunded
 * once …`), or the sentence's length: a condition there conditions the rest, not the refund decided. A clause
 * of its own, after a comma, semicolon or dash: `We have refunded the rest of your order if …` refunds the rest.
 */
function remainderClauseAt(sentence: string, from: number): number {
  const rest = firstMatch(REMAINDER, sentence.slice(from));
  if (!rest || !/[,;:–—]/.test(sentence.slice(from, from + rest.index))) return sentence.length;
  return from + rest.index;
}
const NEGATION = words(`\\b${NEGATIONS}\\b|n['’]t\\b`);

function namesPartial(sentence: string): boolean {
  const partial = firstMatch(MENTIONS_PARTIAL, sentence);
  return partial !== null && !blockerOf(sentence, partial.index, partial.text, false);
}

/**
 * A refund of an amount the deciding sentence does not name, still to come (a future, a condition, a
 * wait): the rest of the order, refunded later. `decided` are the deciding sentence's amounts.
 */
function refundsAnotherAmountLater(sentence: string, decided: ReadonlySet<number>): boolean {
  if (!REFUND_VERB.test(sentence) && !REFUND_DONE_WORD.test(sentence)) return false;
  if (!NOT_YET.pattern.test(sentence) && !CONDITION.pattern.test(sentence) && !STILL_OPEN.test(sentence)) return false;
  // `The remaining amount will be refunded once the other items arrive`: the rest named, no amount needed.
  if (REMAINDER.test(sentence)) return true;
  const amounts = findMoney(sentence);
  return amounts.length > 0 && decided.size > 0 && amounts.every((m) => !decided.has(m.amount));
}

/** The first refusal a sentence states (DENIAL, behind its gate), or null. */
function denialIn(sentence: string | GateInput): { index: number; text: string } | null {
  return DENIAL_GATE.test(sentence) ? firstMatch(DENIAL, sentence) : null;
}

/** A final refusal that names an amount: the part of the order not refunded. */
function refusesAmount(sentence: string): boolean {
  const refusal = denialIn(sentence);
  if (!refusal || denialBlockerOf(sentence, refusal.index, refusal.text)) return false;
  return findMoney(sentence.slice(refusal.index)).length > 0;
}

/**
 * The amount of a decision stated twice, first without it: `We’ve closed case 5298765432 and refunded
 * you.` above the case's details, then `We refunded USD 129.99 to your original payment method.` A later
 * sentence that decides the same outcome for this order, unblocked, gives its amount.
 */
function restatedMoney(
  later: string[],
  outcome: Outcome,
  ctx: AnalysisContext,
  verdictOf: VerdictOf,
  caseOrder: string | null,
  reading: Reading,
): Money | null {
  for (const sentence of later) {
    if (setAsideIn(ctx, sentence)) continue;
    const verdict = verdictOf(sentence);
    if (!verdict || !('decision' in verdict) || verdict.decision.outcome !== outcome) continue;
    if (otherOrderIn(sentence, ctx, caseOrder)) continue;
    const money = findMoney(sentence.slice(verdict.decision.index), reading)[0] ?? findMoney(sentence, reading)[0];
    if (money) return money;
  }
  return null;
}

/** The resolution alone; `findResolution` also says which candidates were set aside and why. */
export function extractResolution(ctx: AnalysisContext, ruleset?: Ruleset): ResolutionFinding | null {
  return findResolution(ctx, ruleset).resolution;
}

/**
 * The refund's own identifier: a refund transaction (`Refund transaction: 7Q4LK2M9`, `Rückerstattungs-ID`),
 * then any transaction, then a refund reference (`Refund reference RF-…`); never the original
 * payment's (`Original transaction`, `Payment ID`). It must hold a digit (`refund reference` alone is no ID).
 */
function transactionIdIn(text: string): string | null {
  let best: { id: string; score: number } | null = null;
  for (const m of text.matchAll(TRANSACTION_ID)) {
    const [, label = '', id = ''] = m;
    if (!/\d/.test(id) || IS_ORIGINAL_LABEL.test(label)) continue;
    // A transaction qualified as the refund's (`ID de transacción del reembolso`) is the refund's own.
    const transaction = IS_TXN_LABEL.test(label);
    const score =
      IS_REFUND_TXN_LABEL.test(label) || (transaction && NAMES_REFUND.test(label)) ? 3 : transaction ? 2 : 1;
    if (!best || score > best.score) best = { id, score };
  }
  return best?.id ?? null;
}

/**
 * The amount in the deciding sentence (from the deciding phrase on), else the one a refund label
 * announces (`Refund amount | €54.00`), else a credit document's grand total (a Magento credit memo lists
 * subtotal, shipping and `Grand Total` rows: the last is what it refunds), else one earlier in the
 * sentence, else in one of the next two sentences when it says the money moved (`Der Betrag von 31,45 €
 * wurde heute überwiesen.`) or names it the refund's (`Your refund of £45.00 should appear …`), and
 * neither denies, defers nor conditions it.
 */
function moneyFor(
  sentence: string,
  { index, text: decided }: Decision,
  text: string,
  following: string[],
  reading: Reading,
): Money | null {
  const afterPhrase = findMoney(sentence.slice(index), reading)[0];
  if (afterPhrase) return afterPhrase;
  const labelled = labelledAmount(text, AMOUNT_LABELS, reading);
  if (labelled) return labelled;
  const grandTotal = CREDIT_DOCUMENT.test(decided) ? labelledAmount(text, GRAND_TOTAL_LABELS, reading) : null;
  if (grandTotal) return grandTotal;
  const inSentence = findMoney(sentence, reading)[0];
  if (inSentence) return inSentence;
  const underRow = amountRowUnder(following, reading);
  if (underRow) return underRow;
  for (const next of following) {
    const money = findMoney(next, reading)[0];
    if (!money || NEGATED.pattern.test(next) || CONDITION.pattern.test(next)) continue;
    // `The amount of $89.00 will be back in your account within 2 days`: the refund done arriving, in
    // the future all the same; not a refund of something else still to come (`The remaining $50 will
    // be refunded to your card`).
    const before = next.slice(0, next.indexOf(money.matched));
    if (NOT_YET.pattern.test(next)) {
      if (ARRIVES_AT_CUSTOMER.test(next) && !REFUND_VERB.test(next)) return money;
      // `A refund of EUR 86.98 will be returned to …`, `L'importo di 23,90 € verrà riaccreditato …`: the
      // amount or refund named, arriving; not the rest of the order still to come.
      if (amountNamedBefore(before) && !REMAINDER.test(next)) return money;
      continue;
    }
    // `O valor de R$ 249,90 já está disponível …`: the amount named, right after the refund; not one
    // kept back (`The amount of $12.00 for shipping is not refundable`).
    const named =
      REFUND_NOUN_BEFORE_AMOUNT.test(before) ||
      (BARE_LABEL_BEFORE_AMOUNT.test(before) && !REMAINDER.test(next) && !NEGATION.test(next));
    if (named || MONEY_MOVED.test(next)) return money;
  }
  return null;
}

/** An amount label and its preposition right before the money: `Un montant de`, `L'importo di`, `Der Betrag von`. */
const BARE_LABEL_BEFORE_AMOUNT = words(
  `\\b(?:${lex((r) => r.bareAmountLabels ?? [])})\\s(?:${lex((r) => r.amountPrepositions ?? [])})\\s{0,2}$`,
);
/** A refund or an amount named right before the money: `A refund of`, `Un montant de`, `L'importo di`. */
const amountNamedBefore = (before: string): boolean =>
  REFUND_NOUN_BEFORE_AMOUNT.test(before) || BARE_LABEL_BEFORE_AMOUNT.test(before);
/** A short `label: value` row (`Status: Refunded`, `Statut du remboursement : effectué`). */
const STATUS_ROW = /^[^:：.!?]{1,40}[:：](?:[^.!?]|\.(?=\d)){0,40}[.!?]?$/u;
/** `Amount: $45.00`, `Betrag: 45,00 €`: a bare amount label opening its row. */
const BARE_AMOUNT_ROW = words(`^\\W{0,3}(?:${lex((r) => r.bareAmountLabels ?? [])})\\s{0,3}[:：]\\s{0,3}`);

/**
 * The amount of a bare amount row among the rows right under the deciding sentence (`The refund was processed
 * successfully.` / `Refund ID: RF-2026-118823.` / `Amount: $79.99.`): the rows that follow a refund describe it.
 */
function amountRowUnder(following: string[], reading: Reading): Money | null {
  for (const row of following) {
    if (!STATUS_ROW.test(row)) return null;
    const money = amountRowOf(row, reading);
    if (money) return money;
  }
  return null;
}

/** The amount a bare amount row gives (its value opens the row). */
function amountRowOf(row: string, reading: Reading): Money | null {
  const label = BARE_AMOUNT_ROW.exec(row);
  if (!label) return null;
  const value = row.slice(label[0].length);
  const money = findMoney(value, reading)[0];
  return money && value.indexOf(money.matched) <= 3 ? money : null;
}

/** The customer's own bank, card or account named (`back in your account`, `on your card`). */
const ARRIVES_AT_CUSTOMER = words(`\\b${CUSTOMER_PLACE}\\b`);
