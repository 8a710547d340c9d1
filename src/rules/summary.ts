import { customerNamesOf, withoutCustomerTurns, withoutSpeaker } from './channel.js';
import { type AnalysisContext, type Match, setAsideIn } from './context.js';
import { detectDirection } from './direction.js';
import type { ResolutionFinding } from './findings.js';
import { alternation, WORD_END as END, type Words } from './lexicon/index.js';
import { REPLY_SHAPES } from './lexicon/reply-shapes.js';
import type { ConversationWords } from './lexicon/types.js';
import { sentencesOf } from './message-text.js';
import {
  COURTESY,
  countsFromEvent,
  dueDateIn,
  mentionsDate,
  nextStepIn,
  withDatesRejoined,
  withHeadingsApart,
  withoutInvisibles,
} from './next-steps.js';
import { orderNumbersOf } from './order-number.js';
import { GatedPattern, GlobalPattern, gateInput, prefilter } from './prefilter.js';
import { eachMatchOf } from './rule-regexp.js';
import { UNSPACED_CHAR } from './unicode-words.js';

/**
 * One log line: the point of the message in a sentence or two, short enough for a table cell and a
 * digest line (the reports print it whole).
 */
export const MAX_SUMMARY_CHARS = 200;

const words = (pick: (c: ConversationWords) => Words) => alternation((l) => pick(l.conversation));
/** At the head of a sentence or line, after opening punctuation (`¡Hola`, `«Merci`). */
/** Behind its RE2 twin (see GatedPattern): most sentences never reach V8. */
const gated = (source: string) => new GatedPattern(source, 'iu');
const opening = (alternatives: string) => gated(`^[¡¿"“„«(\\s]{0,3}${alternatives}${END}`);

const GREETING = opening(words((c) => c.greetings));
/** Thanks before the news, in the same sentence: `Thanks, I can see the refund on my statement now.` */
const THANKS_PREFIX = new RegExp(`^${words((c) => c.thanks)}${END}\\s?(?:[,!]\\s+|[，！]\\s*)(?=\\S)`, 'iu');
/**
 * A greeting that opens a sentence with more after it: `Hi Alice, your parcel …`, and with the full-width
 * comma, which no space follows: `您好，您的问题我们已经记录`.
 */
const GREETING_PREFIX = new RegExp(
  `^[¡¿]?${words((c) => c.greetings)}${END}[^,!:\\n.?，！：。？]{0,40}(?:[,!:]\\s+|[，！：、]\\s*)(?=\\S)`,
  'iu',
);
/** Sentences with nothing to report: thanks, apologies and sympathy, pleasantries and sign-offs. */
const APOLOGY = opening(words((c) => c.apologies));
const CIVILITY = [opening(words((c) => c.thanks)), APOLOGY, opening(words((c) => c.pleasantries))];
/** Courtesy phrases of languages written without spaces, anywhere in a sentence (lexicon/reply-shapes.ts). */
const GLUED_COURTESY = new RegExp(
  `(?:${REPLY_SHAPES.flatMap((s) => s.courtesyPhrases ?? []).join('|') || '(?!)'})`,
  'u',
);
const CONDITIONAL = opening(words((c) => c.conditionals));
/** A sentence that opens with what must happen first (`Once we receive`, `Sobald`, `Zodra`, `Dès réception`). */
const CONDITION_OPENING = opening(alternation((l) => l.resolution.conditions));
/** No letter just before, except a Han or kana one: words of those scripts touch their neighbours. */
const NO_LETTER_BEFORE = `(?<!(?!${UNSPACED_CHAR})\\p{L})`;
const NEWS_SOURCE = `${NO_LETTER_BEFORE}${words((c) => c.news)}${END}`;
const NEWS = new GlobalPattern(NEWS_SOURCE, 'giu');
/** NEWS is global (every match counts), so its twin is asked directly. */
const NEWS_GATE = prefilter([NEWS_SOURCE]);
const PROBLEM = gated(`${NO_LETTER_BEFORE}${words((c) => c.problems)}${END}`);
/** `To add to my request under case 5876: the earbuds never arrived.`: the lead-in before the point. */
const LEAD_IN = /^[^:\n]{8,60}:\s+(?=\p{Ll})/u;
/** The lead-in goes when it says nothing itself (`La tua richiesta di rimborso è stata respinta: …` stays). */
function withoutLeadIn(ctx: AnalysisContext, sentence: string): string {
  const lead = sentence.match(LEAD_IN)?.[0];
  // … and so does a request (`To get this sorted, could you please reply with two photos: …`).
  if (lead && nextStepIn(ctx, lead.replace(/:\s*$/u, '')) !== null) return sentence;
  // … and so does a refusal (`Helaas kunnen we je retourverzoek niet goedkeuren: …`).
  if (!lead || NEWS_ONE.test(lead) || PROBLEM.test(lead) || AMOUNT.test(lead) || NEGATED.test(lead)) return sentence;
  // A one-word label is a receipt field's (`Доставка: курьером, 20 ноября 2026 г.`), not a lead-in.
  if (!/\s/u.test(lead.trim().replace(/:$/u, ''))) return sentence;
  const rest = sentence.slice(lead.length);
  return rest.split(/\s+/).length >= 5 ? rest : sentence;
}
const CUSTOMER_REQUEST = gated(`${NO_LETTER_BEFORE}${words((c) => c.customerRequests)}${END}`);
/**
 * `$54.00`, `84,50 €`, `USD 129.99`, `1.299,00 EUR`, `49 zł`, `39,800원`, `₩24,900`, `1 299,00 грн`,
 * `540,00 UAH`. Not yet the rouble: with `₽` an amount row outranks a Russian status row (`Статус: Возврат
 * выполнен`, real-world 363, 457).
 */
const AMOUNT =
  /(?:[$€£¥￥₹₩₴]|R\$|NT\$)\s?\d|\d(?:[\d.,\u00a0 ]{0,12}\d)?\s?(?:[$€£¥円元원₴]|zł|(?:USD|EUR|GBP|CHF|PLN|CAD|AUD|BRL|SEK|DKK|NOK|CZK|UAH|грн)(?![\p{L}]))|(?<![\p{L}])(?:USD|EUR|GBP|CHF|PLN|CAD|AUD|BRL|SEK|DKK|NOK|CZK|UAH)\s?\d/u;
/** A receipt field (`Order number: 12-10523`), printed one per line without a sentence around it. */
const FIELD = /^[\p{L}][\p{L}\p{N} .#/&()-]{0,30}\s?:\s?\S/u;
/** A field's value may end with a one-letter abbreviation (`20 ноября 2026 г.`, `2026 r.`), not a full stop. */
const isField = (sentence: string) =>
  FIELD.test(sentence) && (!/[.!]$/.test(sentence) || /(?<![\p{L}\d])\p{L}\.$/u.test(sentence));
const NEWS_ONE = gated(`${NO_LETTER_BEFORE}${words((c) => c.news)}${END}`);
const NEGATED = gated(`${NO_LETTER_BEFORE}${words((c) => c.negations)}${END}`);
/** Raw links: a person writes what the link is for, never the link. */
// Trailing punctuation and brackets belong to the sentence around the link, not to the link.
const URL = /<?(?:https?:\/\/|www\.)[^\s<>()]{0,2000}[^\s<>().,;:!?'"]>?/giu;

/**
 * The sentence's news words, case-folded, two at most: the score counts no more, so the scan stops at
 * the second (a 116 KB line of item rows took 100 ms to read to its end).
 */
function newsWordsIn(sentence: string): Set<string> {
  const found = new Set<string>();
  for (const m of eachMatchOf(NEWS.in(sentence), sentence)) {
    found.add(caseFolded(m[0]));
    if (found.size === 2) break;
  }
  return found;
}

/**
 * How much of the message's point a sentence carries: a decision or its object (refund, return,
 * voucher), an amount, a date or period, a promise or request; less for civilities, receipt fields
 * and questions. Boilerplate and `do not reply` notices are not candidates at all (null).
 */
function scoreOf(ctx: AnalysisContext, sentence: string, fromCustomer: boolean, point: KnownPoint): number {
  let score = 0;
  // What the other rules found counts apart (`known`): an apology below does not take it away.
  let known = 0;
  // What the resolution rule decided on is the point of a reply; the amount it found comes next.
  // A headline (`Your refund is on its way`) only repeats what its paragraph says in a sentence.
  if (point.decision !== null && sameSentence(sentence, point.decision))
    known += /[.!…。！]$/u.test(sentence) || AMOUNT.test(sentence) ? 3 : 2;
  else if (
    point.amount !== null &&
    AMOUNT.test(sentence) &&
    amountOf(amountText(sentence)) === point.amount &&
    // In a chat, the customer's own `You charged me 25 €` is no news of the refund.
    point.supportText.includes(folded(sentence))
  )
    known += 2;
  // `Pour information, le remboursement de votre commande n° 54870 …`: an aside about another order.
  if (point.otherOrders.some((id) => namesId(sentence, id))) known -= 4;
  // The gated patterns below all read this sentence: its UTF-8 bytes are made once.
  const s = gateInput(sentence);
  // A decision and its object (`refund … approved`) say more than either alone.
  const news = NEWS_GATE.test(s) ? newsWordsIn(sentence) : new Set<string>();
  // What went wrong is the customer's news; in a reply it only repeats the case (`la lampada difettosa`).
  const problem = fromCustomer && PROBLEM.test(s);
  score += 2 * Math.min(news.size + (problem ? 1 : 0), 2);
  if (AMOUNT.test(sentence)) score += 2;
  // Asked once per sentence and analysis: the next-step rule reads the same sentences.
  if (mentionsDate(sentence) || dueDateIn(ctx, sentence) !== null) score += 1;
  const action = nextStepIn(ctx, sentence) !== null;
  if (action) score += 2;
  // A customer's message is the request itself: `I'd like a refund for the damaged kettle`.
  if (fromCustomer && (action || CUSTOMER_REQUEST.test(s))) score += 4;
  // … and what went wrong: `the earbuds never arrived`.
  if (problem) score += 3;
  if (CIVILITY.some((re) => re.test(s)) || COURTESY.test(s) || GLUED_COURTESY.test(sentence)) score -= 3;
  // `If your returned item doesn't match …`, `Wenn Sie diesen Vertrag widerrufen, …`: policy, not news.
  // … and so is what waits for an event (`As soon as we have them, we can arrange a refund`).
  if (CONDITIONAL.test(s) || CONDITION_OPENING.test(s) || countsFromEvent(sentence)) score -= 2;
  // A slogan whose clause after the colon is conditioned (`Satisfait ou remboursé pendant 100 nuits : si
  // vous n'êtes pas convaincu, nous vous remboursons`): a guarantee, and its refund words no news.
  else if (conditionAfterColon(sentence)) score -= 2 + 2 * Math.min(news.size, 2);
  // `No refund has been issued yet`, `nog niet terugbetaald`: what has not happened is the news too.
  if (news.size > 0 && NEGATED.test(s)) score += 1;
  // A receipt field is clutter, unless it is the amount (`Refund total: $16.99`).
  if (isField(sentence)) score -= AMOUNT.test(sentence) && news.size > 0 ? 1 : 2;
  // A question that asks the reader to act (`Could you please reply with two photos?`) is a request.
  if (/[?？]$/.test(sentence) && !action) score -= 1;
  // A heading (`Widerrufsbelehrung (Auszug)`, `Return policy`) names a section, it says nothing.
  if (
    !/[.!?…。！？]$/.test(sentence) &&
    sentence.split(/\s+/).length <= 5 &&
    !isField(sentence) &&
    !AMOUNT.test(sentence)
  ) {
    score -= 2;
  }
  if (sentence.length < 15) score -= 1;
  // `Es tut mir sehr leid, dass Sie noch auf Ihre Erstattung über 129,00 € warten`: an apology restates
  // the problem, its refund words and amount are no news; what has not happened is (`Lamentamos, mas o
  // reembolso ainda não foi processado`).
  if (APOLOGY.test(s) && !NEGATED.test(s)) score = Math.min(score, -1);
  return score + known;
}

/**
 * What other rules already know about the message's point: the sentence the resolution rule decided on
 * (case-folded, spaces folded) and its amount, and the order numbers the message names besides its own.
 */
interface KnownPoint {
  decision: string | null;
  amount: number | null;
  otherOrders: readonly string[];
  /** The new text without the customer's chat turns, folded as `decision` is. */
  supportText: string;
}

const folded = (text: string) => caseFolded(text).replace(/\s+/gu, ' ').trim();
/** The same sentence, or one part of the other (the rules cut sentences a little differently). */
function sameSentence(sentence: string, decision: string): boolean {
  const s = folded(sentence);
  return s.length >= 12 && (s.includes(decision) || (decision.includes(s) && s.length * 2 >= decision.length));
}
/** The text from the first amount on: `Refund total: $16.99` → `$16.99`. */
function amountText(sentence: string): string {
  const at = sentence.search(AMOUNT);
  return at < 0 ? '' : sentence.slice(at).replace(/^\D{0,4}/u, '');
}
/** Whether a sentence names an identifier as a whole token (`54870`, not inside `548701`). */
function namesId(sentence: string, id: string): boolean {
  const at = caseFolded(sentence).indexOf(id);
  if (at < 0) return false;
  const around = `${sentence[at - 1] ?? ' '}${sentence[at + id.length] ?? ' '}`;
  return !/[\p{L}\d]/u.test(around);
}

function conditionAfterColon(sentence: string): boolean {
  const colon = sentence.search(/[:：]\s/);
  return colon > 0 && CONDITIONAL.test(sentence.slice(colon + 1).trim());
}

/** Invisible filler and raw links removed, spacing and bracket leftovers tidied. */
function cleaned(text: string): string {
  return withoutInvisibles(text)
    .replace(URL, '')
    .replace(/\(\s*\)|\[\s*\]|<\s*>/g, '')
    .replace(/[ \t]+([,.;:!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ');
}

/**
 * A greeting line (`Dear Alice,`, `Estimado Sr. Ramírez:`, `¡Hola Diego!`, `张先生，您好！`) or a short
 * salutation. Chinese and Japanese write no spaces: there, a short line (`亲爱的客户`), not one of few
 * words (`您好，您的问题我们已经记录。` is a sentence after the greeting).
 */
function isGreetingLine(line: string): boolean {
  if (!GREETING.test(line) || line.length > 60) return false;
  if (/[,!:;，！：；]$/.test(line)) return true;
  return UNSPACED_LINE.test(line) ? line.length <= 8 : line.split(/\s+/).length <= 4;
}
const UNSPACED_LINE = new RegExp(UNSPACED_CHAR, 'u');

/** A value alone on its line (`$16.99`, `€ 24,99`, `149,00 zł`): the second half of a label/value pair. */
const VALUE_LINE = /^(?:[$€£¥₹]|R\$|[A-Z]{3})?\s?\d[\d.,\u00a0 ]{0,14}\s?(?:[$€£¥]|zł|[A-Z]{3})?$/u;
/** `Refund total` over `$16.99` (a table flattened to text) becomes `Refund total: $16.99`. */
function joinedLabelValues(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const previous = out.at(-1)?.trim() ?? '';
    if (VALUE_LINE.test(line.trim()) && /^\p{L}[\p{L} ]{1,30}$/u.test(previous))
      out[out.length - 1] = `${previous}: ${line.trim()}`;
    else out.push(line);
  }
  return out;
}

/** The largest number a line prints (`1.299,00` and `1,299.00` alike), for choosing the total among fields. */
function amountOf(text: string): number {
  const m = text.match(/\d[\d.,\u00a0 ]{0,14}/u);
  if (!m) return 0;
  const digits = m[0].replace(/[\s\u00a0]/gu, '');
  const decimal = /[.,]\d{1,2}$/.test(digits) ? digits.length - digits.search(/[.,]\d{1,2}$/) - 1 : 0;
  const whole = Number(digits.replace(/[.,]/g, ''));
  return decimal > 0 ? whole / 10 ** decimal : whole;
}

/** Cut at a word, with an ellipsis, for a single sentence longer than the bound. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).replace(/[\s,;:.–-]+$/u, '')}…`;
}

/** Letters only Turkish and Azerbaijani write: there the capital of `i` is `İ`, elsewhere `I`. */
const TURKIC_LETTER = /[ıİğĞəƏ]/u;
/** The digraph letters, whose capital at the head of a sentence is their title case (`ǅ`), not `Ǆ`. */
const TITLE_CASE: Readonly<Record<string, string>> = { ǆ: 'ǅ', ǉ: 'ǈ', ǌ: 'ǋ', ǳ: 'ǲ' };

/**
 * The summary with a capital first letter (its sentence may have lost its head: `Hi Alice, your parcel …`)
 * where the capital is one letter and the language does not change it: `i` is `İ` in Turkish and
 * Azerbaijani (`turkic`: `iade` → `İade`), `I` elsewhere; `ß` (capital `SS`) and a letter under a combining
 * dot (Lithuanian `i̇`, or `İ` lower-cased by a program) stay as written. Unicode's mapping, not the host's locale.
 */
export function capitalised(text: string, turkic: boolean): string {
  const first = /^\p{Ll}(?!\u0307)/u.exec(text)?.[0];
  if (first === undefined) return text;
  const capital = TITLE_CASE[first] ?? (first === 'i' && turkic ? 'İ' : first.toUpperCase());
  return [...capital].length === 1 ? capital + text.slice(first.length) : text;
}

/**
 * Text compared without case, whatever the language: lower case, with the dot `İ` leaves on `i` dropped and
 * `ı` as `i` (a Turkish heading in capitals, `İADE TUTARINIZ`, is its sentence `İade tutarınız`), final `ς`
 * as `σ` and `ß` as `ss`, as Unicode case folding has them.
 */
export const caseFolded = (text: string): string =>
  text
    .toLowerCase()
    .replace(/(?<=i)\u0307/gu, '')
    .replaceAll('ı', 'i')
    .replaceAll('ς', 'σ')
    .replaceAll('ß', 'ss');

/** Sentences joined as one line; receipt fields carry no full stop, so they are kept apart by `;`. */
function joined(sentences: readonly string[]): string {
  return sentences.reduce(
    (acc, s) => (acc === '' ? s : `${acc}${/[.!?:;…]$/.test(acc) ? ' ' : /[。！？]$/.test(acc) ? '' : '; '}${s}`),
    '',
  );
}

/** A bounded summary of the new text: the sentence(s) carrying its point, in their order. */
export function summarize(ctx: AnalysisContext, resolution: ResolutionFinding | null = null): string {
  return summaryOf(ctx, resolution).value;
}

interface Candidate {
  sentence: string;
  position: number;
  score: number;
}

/**
 * The summary with its evidence. The sentences that carry the message's point, best first while
 * they fit in MAX_SUMMARY_CHARS, told in their original order; when no sentence carries a point,
 * the first plain sentences; when nothing is left (only civilities and boilerplate), the subject.
 * `resolution` is what the resolution rule found (analyze.ts runs it first): its sentence and its amount
 * count as the point, whatever its confidence.
 */
export function summaryOf(ctx: AnalysisContext, resolution: ResolutionFinding | null = null): Match {
  // Help-desk chrome and `[image: …]` placeholders are already gone (message-text.ts).
  const lines = joinedLabelValues(cleaned(ctx.text.newText).split('\n'))
    .filter((l) => !isGreetingLine(l.trim()))
    // A list item is a sentence of its own, without its bullet.
    .map((l) => l.replace(/^\s{0,8}(?:[-•*·–▪►]|\d{1,2}[.)])\s+(?=\S)/u, '\n'));
  const fromCustomer = detectDirection(ctx).value === 'from_customer';
  const decided = resolution?.location === 'new_text' ? resolution : null;
  const orders = orderNumbersOf(ctx).map((m) => caseFolded(m.value.replace(/^#/, '')));
  const point: KnownPoint = {
    decision: decided ? folded(decided.sentence) : null,
    amount: decided?.amount ?? null,
    otherOrders: orders.filter((id) => id !== orders[0] && id.length >= 4),
    supportText: decided ? folded(withoutCustomerTurns(ctx.text.newText, customerNamesOf(ctx.to))) : '',
  };
  const candidates: Candidate[] = [];
  // The candidates so far, case-folded once each: a preheader repeats the first line of the body.
  const seen = new Set<string>();
  for (const raw of withDatesRejoined(sentencesOf(withHeadingsApart(lines.join('\n'))))) {
    // A chat line's speaker (`[2:07 PM] Kevin (NovaTel): `) is not part of what was said.
    const sentence = withoutLeadIn(ctx, withoutSpeaker(raw).replace(GREETING_PREFIX, '').replace(THANKS_PREFIX, ''));
    if (isGreetingLine(sentence) || setAsideIn(ctx, sentence)) continue;
    if (/^[\p{P}\p{S}\s]*$/u.test(sentence)) continue;
    const folded = caseFolded(sentence);
    if (seen.has(folded)) continue;
    seen.add(folded);
    candidates.push({ sentence, position: candidates.length, score: scoreOf(ctx, sentence, fromCustomer, point) });
  }

  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.position - b.position);
  const best = ranked[0];
  let chosen: Candidate[] = [];
  if (best && best.score >= 1) {
    chosen = [best];
    // More sentences only when they carry a point of their own, are whole sentences (not a receipt
    // field or a table row, save the refund's amount), and the line still fits.
    // Of the receipt's amount fields only the largest (the total, not the subtotal and the tax) is told.
    const fields = candidates.filter(
      (c) => isField(c.sentence) && AMOUNT.test(c.sentence) && NEWS_ONE.test(c.sentence),
    );
    const total = fields.reduce<Candidate | null>(
      (t, c) => (t && amountOf(t.sentence) >= amountOf(c.sentence) ? t : c),
      null,
    );
    for (const c of ranked.slice(1)) {
      if (c.score < 2) break;
      if (isField(c.sentence) && AMOUNT.test(c.sentence) && c !== total) continue;
      if (!/[.!…。！]$/.test(c.sentence) && !(NEWS_ONE.test(c.sentence) && AMOUNT.test(c.sentence))) continue;
      const next = [...chosen, c].sort((a, b) => a.position - b.position);
      if (joined(next.map((n) => n.sentence)).length <= MAX_SUMMARY_CHARS) chosen = next;
    }
  } else {
    // Nothing stands out: the first plain sentences, as many as fit.
    for (const c of candidates.filter((c) => c.score >= 0)) {
      if (chosen.length > 0 && joined([...chosen, c].map((n) => n.sentence)).length > MAX_SUMMARY_CHARS) break;
      chosen.push(c);
    }
  }

  if (chosen.length > 0) {
    const text = cutAtWord(joined(chosen.map((c) => c.sentence)), MAX_SUMMARY_CHARS);
    const summary = capitalised(text, TURKIC_LETTER.test(text) || TURKIC_LETTER.test(ctx.subject));
    const rule = best && best.score >= 1 ? 'summary/point' : 'summary/new-text';
    return { value: summary, rule, matched: summary, location: 'new_text' };
  }
  const subject = cutAtWord(cleaned(ctx.subject).replace(/\s+/g, ' ').trim(), MAX_SUMMARY_CHARS);
  return { value: subject, rule: 'summary/subject', matched: ctx.subject, location: 'subject' };
}
