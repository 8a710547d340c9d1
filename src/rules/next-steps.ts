import { customerNamesOf, withoutCustomerTurns, withoutSpeaker } from './channel.js';
import { type AnalysisContext, type Match, type SentenceDates, setAsideIn } from './context.js';
import {
  alternation,
  WORD_END as END,
  LEXICONS,
  type Lexicon,
  WORD_START as START,
  type Words,
} from './lexicon/index.js';
import type { ConversationWords, PeriodUnits } from './lexicon/types.js';
import { sentencesOf } from './message-text.js';
import { GatedPattern, type GateInput, gateInput } from './prefilter.js';
import { HANGUL_SYLLABLE, UNSPACED_CHAR } from './unicode-words.js';

// Every pattern below is built from the `conversation` and `dates` sections of the lexicons: adding a
// language adds its words here without a change to this file.

const words = (pick: (c: ConversationWords) => Words, languages: readonly Lexicon[] = LEXICONS) =>
  alternation((l) => pick(l.conversation), languages);

/** A sentence pattern behind its RE2 twin (see GatedPattern): most sentences never reach V8. */
const gated = (source: string) => new GatedPattern(source, 'iu');
const anywhere = (alternatives: string) => gated(`${START}${alternatives}${END}`);
/** At the head of a sentence, after opening punctuation (`¡`, `«`, a quote). */
const opening = (alternatives: string) => gated(`^[¡¿"“„«(\\s]{0,3}${alternatives}${END}`);

/** Sentences that commit someone to an action: the support side's promise or a request to the other side. */
const ACTION = gated(
  `${START}(?:${words((c) => c.promises)}|${words((c) => c.requests)}|` +
    `${words((c) => c.requestOpeners)}\\s(?!${words((c) => c.notRequests)}${END})\\p{L}{2,20})${END}`,
);
/** `Stuur de lamp binnen 14 dagen terug`, `Wydrukuj etykietę`: a request that opens with its verb. */
const IMPERATIVE = opening(words((c) => c.imperatives));
/** `Choose your option here: <url>`: a request when the sentence holds the link it asks the reader to use. */
const LINK_IMPERATIVE = opening(words((c) => c.linkImperatives ?? []));
const LINK = /https?:\/\/|\bwww\./iu;
/** `Your refund had been processed within 5 business days`: history, whatever period it names. */
const PAST_PERFECT = anywhere(words((c) => c.pastPerfect ?? []));
/** `Refunds are usually issued within 5 days`, `Terugbetalingen worden doorgaans …`: policy, not a commitment. */
const HEDGED = anywhere(words((c) => c.hedges));
const BUSINESS_DAY_BASIS = anywhere(words((c) => c.businessDayBasis ?? []));
/** Instructions not to act are no next step: `Please do not reply`, `Bitte antworten Sie nicht`. */
const DO_NOT = anywhere(words((c) => c.doNotAct));
/** `We will never ask for your password`: policy, not a promise. */
const NEVER = anywhere(words((c) => c.never));
/** Offers of more help: `Please let us know if you have any questions`, `Pour toute question, …`. */
export const COURTESY = gated(`${START}${words((c) => c.courtesyOffers)}`);
/** `If your returned item doesn't match …`: policy text, unless it names a deadline date. */
const CONDITIONAL = opening(words((c) => c.conditionals));
/**
 * A first-person-plural statement with a period is a commitment too: `Wir bearbeiten Ihre Anfrage
 * innerhalb von 3 Arbeitstagen`, and so is a future: `Un conseiller vous répondra sous 2 jours ouvrés`.
 */
const WE = anywhere(words((c) => c.we));
/**
 * `within 14 days of receiving your return`, `innerhalb von 14 Tagen nach Eingang der Ware`, `po obdržení
 * zásilky … do 14 dnů`: a period counted from an event still to come is a condition, not a step due from
 * the message. The words that make a resolution conditional or wait for a check (resolution.ts) tell it.
 */
const COUNTED_FROM_EVENT = anywhere(alternation((l) => [...l.resolution.conditions, ...l.resolution.pendingChecks]));
/** `No podemos aceptar tu solicitud … hace más de 30 días`: a refusal with a period is no commitment. */
const NEGATED = anywhere(words((c) => c.negations));
const FUTURE = anywhere(words((c) => c.future));

/** Number words of every language, with their values, longest first. */
const NUMBER_WORDS: readonly (readonly [RegExp, number])[] = LEXICONS.flatMap((l) =>
  Object.entries(l.conversation.numbers).map(
    ([value, names]) => [new RegExp(`^(?:${names.join('|')})$`, 'iu'), Number(value)] as const,
  ),
);
const NUMBER = `(\\d{1,3}|${alternation((l) => Object.values(l.conversation.numbers).flat())})`;
const numberOf = (word: string | undefined): number => {
  const w = (word ?? '').trim();
  if (/^\d+$/.test(w)) return Number(w);
  return NUMBER_WORDS.find(([re]) => re.test(w))?.[1] ?? Number.NaN;
};

const UNIT_KINDS = ['hours', 'businessDays', 'weeks', 'days'] as const satisfies readonly (keyof PeriodUnits)[];
/** Kind by kind, so that `dias úteis` is tried before `dias(?: corridos)?`, however long the entries. */
const UNIT = `(?:${UNIT_KINDS.map((k) => alternation((l) => l.conversation.units[k])).join('|')})`;
/** A unit's kind; business days before days, so `días hábiles` is not read as `días`. */
const UNIT_KIND: readonly (readonly [RegExp, (typeof UNIT_KINDS)[number]])[] = UNIT_KINDS.map(
  (k) => [new RegExp(`^${alternation((l) => l.conversation.units[k])}$`, 'iu'), k] as const,
);

/**
 * `within 3 business days`, `in 5-10 business days`, `within two to three days`, `innerhalb von
 * 3 Werktagen`, `sous 48 heures`, `en un plazo de 5 a 10 días hábiles`, `entro 5 giorni lavorativi`,
 * `w ciągu 14 dni`. Ranges take the upper bound. Bounded parts only: linear on any input.
 */
const DUE = gated(
  // Japanese and Chinese write the unit right after the count: `3営業日以内`, `5个工作日内`.
  // A count may touch the Han or kana letter before it (`在5个工作日内`), not a month (`11月30日` is a date).
  // Korean glues the unit to the count (`3영업일 이내`, `3~5일`), not a day to its month (`12월 5일`).
  `(?<![月\\d])(?<!월\\s?)(?<!(?!${UNSPACED_CHAR})\\p{L})${NUMBER}(?:\\s?(?:-|–|${words((c) => c.rangeJoiners)})\\s?${NUMBER})?(?:\\s{1,3}|(?=${UNSPACED_CHAR}|${HANGUL_SYLLABLE}))` +
    `(?:${words((c) => c.periodFillers)}\\s)?(${UNIT})${END}`,
);

/** A period the way a commitment states it: `within 3 days`, `binnen 3 werkdagen` (not `3 days ago`, `for 2 weeks`). */
const WITHIN = gated(`${START}${words((c) => c.within)}\\s${NUMBER}`);
/**
 * Languages whose `within` follows the period: written without spaces (`3営業日以内`, `5个工作日内`), or
 * Korean, spaced (`3영업일 이내`).
 */
const UNSPACED_WORD = new RegExp(`^(?:${UNSPACED_CHAR}|${HANGUL_SYLLABLE})`, 'u');
const POSTPOSED = LEXICONS.filter(
  (l) => l.conversation.within.length > 0 && l.conversation.within.every((w) => UNSPACED_WORD.test(w)),
);
const WITHIN_AFTER = gated(`${UNIT}\\s?(?:${words((c) => c.within, POSTPOSED)}|${words((c) => c.withinAfter ?? [])})`);

/** Month names of every language (`dates.months`), with their numbers. */
const MONTH_NAMES: readonly (readonly [RegExp, number])[] = LEXICONS.flatMap((l) =>
  l.dates.months.map((names, i) => [new RegExp(`^(?:${names.join('|')})$`, 'iu'), i + 1] as const),
);
const MONTH = `(${alternation((l) => l.dates.months.flat())})\\.?`;
const MONTH_AT_START = new RegExp(`^${MONTH}${END}`, 'iu');
const monthOf = (name: string | undefined) => MONTH_NAMES.find(([re]) => re.test(name ?? ''))?.[1] ?? 0;
const WEEKDAY = `(?:${alternation((l) => l.dates.weekdays.flat())}\\.?,?\\s)?`;
const ORDINAL = '(?:st|nd|rd|th|er|º|°)?';

interface DatePattern {
  re: GatedPattern;
  /** A cheap test the sentence must pass before `re` is run (the date patterns are costly). */
  needs: (sentence: GateInput) => boolean;
  /** Which group holds the month, the day and the year. */
  groups: { month: number; day: number; year: number };
  /** The month is a number. */
  numeric: boolean;
  /** Slashed: day first, or month first when the deadline word's language says so (`by 10/26`). */
  slashed: boolean;
}

/**
 * The deadline words (`by`) and event-date words (`on`) of every language, and the deadline words of the
 * languages that print the month first (`10/26`).
 */
const BY_OR_ON = `(${alternation((l) => [...l.conversation.by, ...l.conversation.on])})`;
const BY = `${START}${BY_OR_ON}\\s${WEEKDAY}`;
const ON_WORD = new RegExp(`^${words((c) => c.on)}$`, 'iu');
const MONTH_FIRST_BY = new RegExp(
  `^${words(
    (c) => c.by,
    LEXICONS.filter((l) => l.conversation.numericDateOrder === 'month-first'),
  )}$`,
  'iu',
);
const DATE_JOINER = `(?:${words((c) => c.dateJoiners)}\\s)?`;
const YEAR = `(?:,?\\s${DATE_JOINER}(\\d{4}))?(?!\\d)`;

/**
 * Deadlines stated as a date, after a deadline word: `by Oct 26`, `bis zum 26. Oktober`,
 * `d'ici le 26 octobre`, `antes del 26 de octubre`, `entro il 26 ottobre`, `uiterlijk 26 oktober`,
 * `do 26 października`, `até 26 de outubro`, and numeric ones: `by 10/26` (US English: month first, as
 * the language of the deadline word says), `bis 26.10.`. A dotted date is always day first (`10.30` in
 * English is a time, never 30 October). Group 1 is the deadline word. Four patterns for all languages:
 * each one costs a compile on first use.
 */
const always = () => true;
/** `d.d`, `d. d`, `d/d` or `d-d`: what every numeric date holds. */
const NUMERIC_DATE = /\d[./-]\s?\d/;
const numericDate = (s: GateInput) => NUMERIC_DATE.test(s.text);
/** A year first: `2026-02-27`, `2026/02/27`, `2026.02.27` (ISO 8601 and the CJK and Swedish habits). */
const YEAR_FIRST = /\d{4}[-/.]\d{1,2}[-/.]\d/;
const yearFirst = (s: GateInput) => YEAR_FIRST.test(s.text);
const YEAR_FIRST_DATE = '(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?![\\d:])';
/** A weekday in brackets after a CJK date: `12月5日(金)までに`, `12月5日（周五）前`. */
const CJK_WEEKDAY = '\\s?[(（]\\p{L}{1,3}[)）]';
/**
 * Deadline words that follow the date: those of the languages written without spaces (`までに`, `前`)
 * and `byAfter` (Turkish `tarihine kadar`). A date there may carry a case ending (`27 Şubat'a kadar`).
 */
const AFTER_DATE = `(?:['’]\\p{L}{1,3}|${CJK_WEEKDAY})?\\s?(?:${alternation((l) => [
  ...(POSTPOSED.includes(l) ? l.conversation.by : []),
  ...(l.conversation.byAfter ?? []),
])})${END}`;
const BY_AFTER = anywhere(words((c) => c.byAfter ?? []));
const byAfter = (s: GateInput) => BY_AFTER.test(s);

const DATE_PATTERNS: readonly DatePattern[] = [
  { re: gated(`${BY}${MONTH}\\s(\\d{1,2})${ORDINAL}${YEAR}`), groups: { month: 2, day: 3, year: 4 } },
  {
    re: gated(`${BY}(?:the\\s)?(\\d{1,2})\\.?${ORDINAL}\\s${DATE_JOINER}${MONTH}${YEAR}`),
    groups: { month: 3, day: 2, year: 4 },
  },
  // `bis 26.10.`, `do 27. 2. 2026` (Czech and Slovak write a space after each dot).
  {
    re: gated(`${BY}(\\d{1,2})\\.\\s?(\\d{1,2})(?:\\.\\s?(\\d{4}|\\d{2}))?(?![\\d:])`),
    groups: { month: 3, day: 2, year: 4 },
  },
  {
    re: gated(`${BY}(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?(?![\\d:])`),
    groups: { month: 3, day: 2, year: 4 },
  },
  // `by 2026-02-27`, `senast 2026-02-27`, `до 2026-02-27`.
  { re: gated(`${BY}${YEAR_FIRST_DATE}`), groups: { month: 3, day: 4, year: 2 }, needs: yearFirst },
  // `uiterlijk 27-02-2026`: dashed, with its year (a dash without one is a range, `by 3-5`), read as slashed.
  {
    re: gated(`${BY}(\\d{1,2})-(\\d{1,2})-(\\d{4})(?![\\d:])`),
    groups: { month: 3, day: 2, year: 4 },
    slashed: true,
  },
  /**
   * `11月30日までに`, `请于12月3日前寄回`, `12월 5일까지`: Japanese, Chinese and Korean put the deadline word
   * after the date.
   * Group 1 is the year, never a deadline word: such a date is no event date and never month first.
   */
  {
    re: gated(`(?:(\\d{4})\\s?[年년]\\s?)?(\\d{1,2})\\s?[月월]\\s?(\\d{1,2})\\s?[日号號일]${AFTER_DATE}`),
    groups: { month: 2, day: 3, year: 1 },
    needs: (s: GateInput) => CJK_MONTH.test(s.text),
  },
  // The same with the year first (`2026-02-27までに`, `2026/02/27前`, `2026-02-27 tarihine kadar`).
  {
    re: gated(`(?<![\\d./-])${YEAR_FIRST_DATE}${AFTER_DATE}`),
    groups: { month: 2, day: 3, year: 1 },
    needs: yearFirst,
  },
  // Turkish: `27.02.2026 tarihine kadar`, `27 Şubat'a kadar`, `5 Aralık 2026 tarihine kadar`.
  {
    re: gated(`(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})${AFTER_DATE}`),
    groups: { month: 2, day: 1, year: 3 },
    needs: byAfter,
  },
  {
    re: gated(`${START}(\\d{1,2})\\.?\\s${MONTH}(?:\\s(\\d{4}))?${AFTER_DATE}`),
    groups: { month: 2, day: 1, year: 3 },
    needs: byAfter,
    named: true,
  },
].map(({ named, slashed, needs, ...p }, i) => ({
  ...p,
  numeric: i >= 2 && !named,
  slashed: i === 3 || slashed === true,
  needs: needs ?? (i >= 2 ? numericDate : always),
}));
const CJK_MONTH = /\d\s?[月월]/u;

export interface NextStep {
  text: string;
  /** YYYY-MM-DD, or null when the sentence gives no period. */
  due: string | null;
}

/**
 * Zero-width filler (preheaders pad with `\u034F`, a combining mark, so it stands apart from the class),
 * soft hyphens, BOMs and their HTML entities: invisible, yet they break words apart.
 */
const INVISIBLE =
  /\u034F|[\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]|&(?:zwnj|zwj|shy|lrm|rlm|#847|#8203|#8204|#8205|#8288|#173|#65279|#x34f|#x200[bcdef]|#x2060|#xad|#xfeff);?/giu;

export function withoutInvisibles(text: string): string {
  return text.replace(INVISIBLE, '').replace(/&nbsp;?/giu, ' ');
}

/** Full weekday names (abbreviations such as `mo`, `di` are words too), Monday first. */
const WEEKDAY_NAMES: readonly (readonly [RegExp, number])[] = LEXICONS.flatMap((l) =>
  l.dates.weekdays.map(
    (names, i) => [new RegExp(`^(?:${names.filter((n) => n.length >= 4).join('|') || '(?!)'})$`, 'iu'), i] as const,
  ),
);
const WEEKDAY_DUE = gated(
  `${START}${BY_OR_ON}\\s(?:next\\s|this\\s|coming\\s)?(${alternation((l) => l.dates.weekdays.flatMap((n) => n.filter((w) => w.length >= 4)))})${END}`,
);
const TOMORROW = anywhere(words((c) => c.tomorrow));

/** `by Friday`, `on Monday`: the next such day after the message (a week later on that very day). */
function weekdayDueDate(sentence: GateInput, start: Date): string | null {
  const m = WEEKDAY_DUE.exec(sentence);
  if (!m) return null;
  const monday0 = WEEKDAY_NAMES.find(([re]) => re.test(m[2] ?? ''))?.[1];
  if (monday0 === undefined) return null;
  const target = (monday0 + 1) % 7;
  const due = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  due.setUTCDate(due.getUTCDate() + (((target - due.getUTCDay() + 6) % 7) + 1));
  return due.toISOString().slice(0, 10);
}

/** The longest period a present-tense statement commits to: money arriving, a reply; not a return window. */
const SHORT_PERIOD_DAYS = 21;
const daysUntil = (due: string, from: string | null) =>
  from ? (Date.parse(due) - Date.parse(from.slice(0, 10))) / 86_400_000 : Number.POSITIVE_INFINITY;

/**
 * Sentences with a date put back together: `Ihr Paket wird am 3.` + `November zugestellt.` (a day's
 * full stop before a capitalised month looks like a sentence end), and a numeric date written with a
 * space after each dot (Czech, Slovak): `do 2.` + `4.` + `2026.`
 */
export function withDatesRejoined(sentences: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of sentences) {
    const previous = out.at(-1);
    if (
      previous !== undefined &&
      ((/(?<!\d)\d{1,2}\.$/.test(previous) && MONTH_AT_START.test(s)) ||
        (DAY_AT_END.test(previous) && NUMERIC_MONTH_AT_START.test(s)) ||
        (DAY_AND_MONTH_AT_END.test(previous) && YEAR_AT_START.test(s)))
    )
      out[out.length - 1] = `${previous} ${s}`;
    else out.push(s);
  }
  return out;
}
const DAY_AT_END = /(?<![\d.])\d{1,2}\.$/;
const NUMERIC_MONTH_AT_START = /^\d{1,2}\.(?!\d)/;
const DAY_AND_MONTH_AT_END = /(?<![\d.])\d{1,2}\.\s\d{1,2}\.$/;
const YEAR_AT_START = /^\d{4}(?!\d)/;

const HANGUL_START = new RegExp(`^${HANGUL_SYLLABLE}`, 'u');
/**
 * A heading on its own line (`Widerrufsbelehrung (Auszug)`, `Return policy`) set apart from the paragraph
 * under it, so that the paragraph's first sentence is read as it starts (`Wenn Sie … widerrufen, …`).
 */
export function withHeadingsApart(text: string): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      const t = line.trim();
      const next = lines[i + 1]?.trim() ?? '';
      const heading = t.length > 0 && t.length <= 40 && t.split(/\s+/).length <= 5 && !/[.,:;!?…]$/.test(t);
      // Hangul has no capitals: a line of it under a heading starts as a capital would.
      return heading && (/^\p{Lu}/u.test(next) || HANGUL_START.test(next)) ? `${line}\n` : line;
    })
    .join('\n');
}

/**
 * Whether a sentence states a period counted from an event still to come (`Bilgileriniz ulaştıktan sonra
 * … 3 iş günü içinde`, `within 14 days of receiving your return`): a condition, whatever the word order.
 */
export function countsFromEvent(sentence: string): boolean {
  const s = gateInput(sentence);
  return DUE.test(s) && COUNTED_FROM_EVENT.test(s);
}

/** Whether a sentence is a next step (a promise or request, not boilerplate policy); see nextStepOf. */
export function isNextStep(sentence: string, date: string | null): boolean {
  return nextStepOf(sentence, date) !== null;
}

/** The memo entry of a sentence in this analysis (a throwaway one when the context keeps none). */
function datesOf(ctx: AnalysisContext, sentence: string): SentenceDates {
  let entry = ctx.sentenceDates?.get(sentence);
  if (!entry) {
    entry = {};
    ctx.sentenceDates?.set(sentence, entry);
  }
  return entry;
}

/** `nextStepOf` at the message's date, once per sentence and analysis (the summary asks again). */
export function nextStepIn(ctx: AnalysisContext, sentence: string): NextStep | null {
  const entry = datesOf(ctx, sentence);
  if (entry.nextStep === undefined) entry.nextStep = nextStepOf(sentence, ctx.date);
  return entry.nextStep;
}

/** `dueDateOf` at the message's date, once per sentence and analysis; null without a date. */
export function dueDateIn(ctx: AnalysisContext, sentence: string): string | null {
  if (ctx.date === null) return null;
  const entry = datesOf(ctx, sentence);
  if (entry.due === undefined) entry.due = dueDateOf(sentence, ctx.date);
  return entry.due;
}

/** The sentence, if it is a next step: its own words commit someone to an action, or a future with a due. */
function nextStepOf(sentence: string, date: string | null): NextStep | null {
  // A dozen gated patterns read this sentence: its UTF-8 bytes are made once.
  const s = gateInput(sentence);
  if (DO_NOT.test(s) || NEVER.test(s) || COURTESY.test(s)) return null;
  const start = date ? new Date(date) : null;
  const valid = start !== null && !Number.isNaN(start.getTime());
  // Computed at most once, and only when a test below needs it (the date patterns are costly).
  let deadline: { due: string; on: boolean } | null | undefined;
  const deadlineOf = () => {
    deadline ??= valid ? datedDeadline(s, start) : null;
    return deadline;
  };
  if (CONDITIONAL.test(s) && deadlineOf() === null) return null;
  if (DUE.test(s) && COUNTED_FROM_EVENT.test(s) && deadlineOf() === null) return null;
  const due = valid ? dueDateFrom(s, start, deadlineOf) : null;
  if (ACTION.test(s) || IMPERATIVE.test(s) || (LINK.test(sentence) && LINK_IMPERATIVE.test(s)))
    return { text: sentence, due };
  // A period or a date commits when nothing hedges or negates it: `Het bedrag staat binnen 3 werkdagen op
  // je rekening`, `Your package will arrive on Saturday, January 11`, `Wir melden uns bis zum 3. November`.
  const periodic = due !== null && (WITHIN.test(s) || WITHIN_AFTER.test(s));
  const dated = deadlineOf();
  // `Pakken bliver leveret i morgen`, `Your parcel will be delivered tomorrow`: a future due the next day.
  const tomorrow = due !== null && TOMORROW.test(s);
  if (!periodic && dated === null && !tomorrow) return null;
  if (NEGATED.test(s) || HEDGED.test(s)) return null;
  // A past perfect is what had happened, unless the sentence goes on to a future (`… and will reach you`)
  // outside it (Dutch `worden` is a future word, and German `war … bearbeitet worden` a past perfect).
  const past = PAST_PERFECT.exec(s);
  if (past && !FUTURE.test(sentence.slice(0, past.index) + sentence.slice(past.index + past[0].length))) return null;
  // Without a `we` or a future, only a short period is a commitment; a long one is a policy window
  // (`Return shipping is free within 30 days`).
  const committed = WE.test(s) || FUTURE.test(s) || (due !== null && daysUntil(due, date) <= SHORT_PERIOD_DAYS);
  const promised =
    (periodic && committed) ||
    (dated !== null && (FUTURE.test(s) || (!dated.on && WE.test(s)))) ||
    (tomorrow && FUTURE.test(s));
  return promised ? { text: sentence, due } : null;
}

/**
 * A question of a few words (`Changed your mind?`, `Nicht zufrieden?`, `Pas convaincu ?`): an imperative
 * right after it is an offer under that condition (`Return it within 30 days and we'll refund you`),
 * the policy of an order confirmation, not a step of the case.
 */
const SHORT_QUESTION = /^[¿¡"“„«(\s]{0,3}(?:[\p{L}'’-]{1,20}[\s,]{1,2}){0,3}[\p{L}'’-]{1,20}\s?[?？]$/u;

export function extractNextSteps(ctx: AnalysisContext): Match<NextStep> | null {
  const text = withoutInvisibles(withoutCustomerTurns(ctx.text.newText, customerNamesOf(ctx.to)));
  let afterQuestion = false;
  for (const raw of withDatesRejoined(sentencesOf(withHeadingsApart(text)))) {
    const hooked = afterQuestion;
    afterQuestion = SHORT_QUESTION.test(raw.trim());
    // Merchant boilerplate and the sender's learnt template never make a next step.
    if (setAsideIn(ctx, raw)) continue;
    // A chat line's speaker (`[2:07 PM] Kevin (NovaTel): `) is not part of what was said.
    const said = withoutSpeaker(raw);
    if (hooked && IMPERATIVE.test(said)) continue;
    // … and so is a bare period with no sender and no future after it (`Changed your mind? Free returns
    // within 14 days.`, `Не сподобалася кава? Повернення коштів протягом 14 днів без зайвих питань.`).
    if (hooked && !(WE.test(said) || FUTURE.test(said) || ACTION.test(said))) continue;
    const step = nextStepIn(ctx, said);
    if (step) return { value: step, rule: 'next-steps/commitment', matched: raw, location: 'new_text' };
  }
  return null;
}

const HAS_DIGIT = /\d/;

const DATE_MENTION = gated(
  `${START}${MONTH}\\s\\d{1,2}${END}|${START}\\d{1,2}\\.?${ORDINAL}\\s(?:\\p{L}{2,3}\\s)?${MONTH}${END}|(?<![\\d.,])\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}(?![\\d.,])`,
);

/** Whether a sentence names a calendar date (`26 October`, `Oct 26`, `26 de octubre`, `26.10.2023`). */
export function mentionsDate(sentence: string): boolean {
  // Every form of DATE_MENTION holds a digit: a sentence without one is answered without running it.
  return HAS_DIGIT.test(sentence) && DATE_MENTION.test(sentence);
}

/**
 * A deadline stated as a date, in the message's year (or the next, when it would lie before the message);
 * `on` tells an event's date (`will arrive on January 11`), which never rolls over: a past one is no due.
 */
function datedDeadline(sentence: GateInput, start: Date): { due: string; on: boolean } | null {
  // Every date pattern needs a digit: without one, none can match.
  if (!HAS_DIGIT.test(sentence.text)) return null;
  for (const { re, groups, numeric, slashed, needs } of DATE_PATTERNS) {
    if (!needs(sentence)) continue;
    const m = re.exec(sentence);
    if (!m) continue;
    let month = numeric ? Number(m[groups.month]) : monthOf(m[groups.month]);
    let day = Number(m[groups.day]);
    const on = ON_WORD.test(m[1] ?? '');
    if (slashed && MONTH_FIRST_BY.test(m[1] ?? '')) [month, day] = [day, month];
    // `by 26/10` in English can only be day first.
    if (slashed && month > 12 && day <= 12) [month, day] = [day, month];
    const yearText = m[groups.year];
    if (!month || month > 12 || day < 1 || day > 31) continue;
    let y = yearText ? Number(yearText.length === 2 ? `20${yearText}` : yearText) : start.getUTCFullYear();
    let due = new Date(Date.UTC(y, month - 1, day));
    const before = due.getTime() < Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
    if (on && before) continue;
    if (!yearText && before) {
      y += 1;
      due = new Date(Date.UTC(y, month - 1, day));
    }
    if (due.getUTCDate() !== day) continue; // 31 November
    return { due: due.toISOString().slice(0, 10), on };
  }
  return null;
}

/**
 * The due date a sentence states, counted from the message date (business days skip weekends,
 * ranges take the upper bound), or a deadline date it names.
 */
export function dueDateOf(sentence: string, messageDate: string): string | null {
  const start = new Date(messageDate);
  if (Number.isNaN(start.getTime())) return null;
  const s = gateInput(sentence);
  return dueDateFrom(s, start, () => datedDeadline(s, start));
}

/** `dueDateOf` from a valid start, with the sentence's dated deadline computed by the caller when needed. */
function dueDateFrom(
  sentence: GateInput,
  start: Date,
  deadlineOf: () => { due: string; on: boolean } | null,
): string | null {
  const m = DUE.exec(sentence);
  if (!m) {
    const tomorrow = new Date(start.getTime() + 86_400_000).toISOString().slice(0, 10);
    return deadlineOf()?.due ?? weekdayDueDate(sentence, start) ?? (TOMORROW.test(sentence) ? tomorrow : null);
  }
  const amount = m[2] ? numberOf(m[2]) : numberOf(m[1]);
  if (!Number.isFinite(amount) || amount <= 0) return null;
  const kind = UNIT_KIND.find(([re]) => re.test(m[3] ?? ''))?.[1] ?? 'days';
  if (kind === 'hours') return new Date(start.getTime() + amount * 3_600_000).toISOString().slice(0, 10);
  if (kind === 'businessDays' || (kind === 'days' && BUSINESS_DAY_BASIS.test(sentence)))
    return addBusinessDays(start, amount);
  const due = new Date(start);
  due.setUTCDate(due.getUTCDate() + (kind === 'weeks' ? amount * 7 : amount));
  return due.toISOString().slice(0, 10);
}

/** Adds n Monday-to-Friday days to a UTC date (public holidays are not known here). */
export function addBusinessDays(start: Date, n: number): string {
  const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}
