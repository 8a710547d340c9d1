import { customerNamesOf, withoutCustomerTurns, withoutSpeaker } from './channel.js';
import type { AnalysisContext, Match } from './context.js';
import { sentencesOf } from './message-text.js';

/** Sentences that commit someone to an action: the support side's promise or a request to the other side. */
const NEXT_STEP = new RegExp(
  [
    // English: a promise, or a request to the reader.
    "\\b(?:we will|we['’]ll|we are going to|we shall|I will|I['’]ll|I am going to|" +
      '(?:a|an|our|the|one of our|your) (?:[\\p{L}-]{1,20} ){0,3}(?:team|agents?|representatives?|specialists?|colleagues?|advisors?|advisers?|department|technicians?|warehouse|member of our [\\p{L} ]{1,40}) will|' +
      "someone will|you will (?:receive|hear|get|be contacted)|you['’]ll (?:receive|hear|get|be contacted)|" +
      // `please allow 5-10 business days`, `please send …`; not `please note`, `please do not reply`.
      "please (?!note\\b|do not\\b|don['’]t\\b|feel free\\b|be (?:aware|advised)\\b|find\\b|see\\b|rest assured\\b|quote\\b|keep\\b|refer\\b|retain\\b|remember\\b|visit\\b|accept\\b|contact us if\\b)\\p{L}{2,20}|" +
      'could you (?:please )?(?:send|provide|confirm|reply|share|upload|check)|we need you to|' +
      // German: `bitte senden Sie …`, `bitte rechnen Sie mit 3 bis 5 Arbeitstagen`, `… wird sich … melden`.
      'wir werden|ich werde|wir melden uns|wir setzen uns|wir informieren Sie|wir kontaktieren|werden wir|werden Sie|wird sich|' +
      '(?:unser|unsere) [\\p{L}-]{2,30} (?:wird|werden)|bitte (?!beachten\\b|geben Sie bei\\b)\\p{L}{3,20} Sie\\b|senden Sie uns|schicken Sie uns|' +
      // French.
      "nous allons|nous reviendrons|nous vous (?:contacterons|recontacterons|tiendrons|informerons|enverrons|répondrons|rembourserons)|je vais|je reviendrai|veuillez|merci de (?!votre\\b|vos\\b|nous avoir\\b|m['’]avoir\\b|ne\\b)\\p{L}{2,20}|pourriez-vous|vous recevrez|je vous (?:demande|prie) de|" +
      // Spanish.
      'le (?:enviaremos|contactaremos|responderemos|informaremos|escribiremos|mantendremos|reembolsaremos)|nos pondremos en contacto|vamos a|por favor,? (?!no\\b)\\p{L}{3,20}|le rogamos|le agradeceríamos|le pido que|le solicito que|recibirá)\\b',
  ].join(''),
  'iu',
);

/** Instructions not to act are no next step: `Please do not reply`, `Bitte antworten Sie nicht`, `Ne répondez pas`. */
const DO_NOT =
  /\b(?:do not|don['’]t|never) (?:reply|respond|answer)|\b(?:antworten|reagieren) Sie nicht\b|\bne (?:répondez|pas (?:y )?répondre)|\bno (?:responda|conteste)\b/iu;

/**
 * A first-person-plural statement with a period is a commitment too: `Wir bearbeiten Ihre Anfrage
 * innerhalb von 3 Arbeitstagen`, `Wie besprochen senden wir Ihnen … innerhalb von 5 Arbeitstagen zu`.
 */
const WE = /(?<![\p{L}])(?:we|wir|nous|nosotros)(?![\p{L}])|\p{L}{3,}emos(?![\p{L}])/iu;
/**
 * A future with a period is a commitment too: `Un conseiller vous répondra sous 2 jours ouvrés`,
 * `Nuestro departamento le contactará en un plazo de 5 días hábiles`, `Recibirá el importe en … 5 a 10 días`.
 */
const FUTURE =
  /(?<![\p{L}])(?:will|shall|wird|werden)(?![\p{L}])|['’]ll(?![\p{L}])|(?<![\p{L}])vous \p{L}{3,15}(?:ra|ront)(?![\p{L}])|\p{L}{3,15}(?:rá|rán)(?![\p{L}])/iu;

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  ein: 1,
  eine: 1,
  einem: 1,
  einer: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  zehn: 10,
  vierzehn: 14,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  dix: 10,
  quinze: 15,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  siete: 7,
  diez: 10,
  quince: 15,
};
const NUMBER = `(\\d{1,3}|${Object.keys(NUMBER_WORDS)
  .sort((x, y) => y.length - x.length)
  .join('|')})`;

/**
 * `within 3 business days`, `in 5-10 business days`, `within two to three days`, `innerhalb von
 * 3 Werktagen`, `sous 48 heures`, `en un plazo de 5 a 10 días hábiles`, `within a week`. Ranges take
 * the upper bound. Bounded parts only: linear on any input.
 */
const DUE = new RegExp(
  `(?<![\\p{L}\\d])${NUMBER}(?:\\s?(?:-|–|to|or|bis|à|a|ou|o)\\s?${NUMBER})?\\s+(?:more\\s|further\\s|additional\\s|weitere[n]?\\s)?` +
    '(business days?|working days?|bank(?:ing)? days?|werktag(?:e|en)?|arbeitstag(?:e|en)?|bankarbeitstag(?:e|en)?|jours? ouvr(?:és|ables)|días? (?:hábiles|laborables)|calendar days?|days?|tag(?:e|en)?|jours?|días?|hours?|stunden|heures|horas|weeks?|wochen?|semaines?|semanas?)(?![\\p{L}])',
  'iu',
);

/**
 * A period the way a commitment states it: `within 3 days`, `innerhalb von 3 Arbeitstagen`, `sous 2 jours`,
 * `en un plazo de 5 días` (not `3 days ago`, `for 2 weeks`).
 */
const WITHIN = new RegExp(
  `(?<![\\p{L}])(?:within|in|up to|innerhalb(?: von)?|binnen|in den nächsten|sous|dans(?: un délai de| les)?|d['’]ici|en(?: un plazo de)?|dentro de|de)\\s(?:the next\\s|the coming\\s)?${NUMBER}`,
  'iu',
);

/** Boilerplate offers of help, conditional on the reader: `Please let us know if you have any questions.` */
const COURTESY = new RegExp(
  '(?<![\\p{L}])(?:(?:if|should|falls|wenn|si)\\s(?:you|Sie|vous|usted|tiene|tienes|avez|haben)|pour toute|pour tout|en cas de|en caso de|para cualquier|bei(?: weiteren)?)' +
    '\\s[^.!?]{0,40}?(?:questions?|fragen|rückfragen|preguntas?|dudas?|consultas?|informations?|help|hilfe|aide|ayuda)',
  'iu',
);

export interface NextStep {
  text: string;
  /** YYYY-MM-DD, or null when the sentence gives no period. */
  due: string | null;
}

export function extractNextSteps(ctx: AnalysisContext): Match<NextStep> | null {
  for (const raw of sentencesOf(withoutCustomerTurns(ctx.text.newText, customerNamesOf(ctx.to)))) {
    // A chat line's speaker (`[2:07 PM] Kevin (NovaTel): `) is not part of what was said.
    const sentence = withoutSpeaker(raw);
    if (DO_NOT.test(sentence)) continue;
    const due = ctx.date ? dueDateOf(sentence, ctx.date) : null;
    if (COURTESY.test(sentence)) continue;
    const promised = due !== null && WITHIN.test(sentence) && (WE.test(sentence) || FUTURE.test(sentence));
    if (!NEXT_STEP.test(sentence) && !promised) continue;
    return { value: { text: sentence, due }, rule: 'next-steps/commitment', matched: raw, location: 'new_text' };
  }
  return null;
}

const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  januar: 1,
  janvier: 1,
  janv: 1,
  enero: 1,
  ene: 1,
  february: 2,
  feb: 2,
  februar: 2,
  février: 2,
  févr: 2,
  febrero: 2,
  march: 3,
  mar: 3,
  märz: 3,
  mars: 3,
  marzo: 3,
  april: 4,
  apr: 4,
  avril: 4,
  avr: 4,
  abril: 4,
  abr: 4,
  may: 5,
  mai: 5,
  mayo: 5,
  june: 6,
  jun: 6,
  juni: 6,
  juin: 6,
  junio: 6,
  july: 7,
  jul: 7,
  juli: 7,
  juillet: 7,
  juil: 7,
  julio: 7,
  august: 8,
  aug: 8,
  août: 8,
  agosto: 8,
  ago: 8,
  september: 9,
  sep: 9,
  sept: 9,
  septembre: 9,
  septiembre: 9,
  october: 10,
  oct: 10,
  oktober: 10,
  okt: 10,
  octobre: 10,
  octubre: 10,
  november: 11,
  nov: 11,
  novembre: 11,
  noviembre: 11,
  december: 12,
  dec: 12,
  dezember: 12,
  dez: 12,
  décembre: 12,
  déc: 12,
  diciembre: 12,
  dic: 12,
};
const MONTH = `(${Object.keys(MONTHS)
  .sort((x, y) => y.length - x.length)
  .join('|')})\\.?`;
/** Words that make a date a deadline: `by November 17`, `bis zum 17.11.`, `avant le 17 novembre`, `antes del 17 de noviembre`. */
const BY =
  "(?:by|before|until|no later than|bis(?: zum| spätestens)?|spätestens(?: am| bis)?|avant le|d['’]ici le|jusqu['’]au|au plus tard le|antes del|hasta el|a más tardar el)";
const WEEKDAY = '(?:[\\p{L}]{2,12},?\\s)?';
const DATE_BY = [
  // by (Friday,) November 17(, 2023)
  new RegExp(`(?<![\\p{L}])${BY}\\s${WEEKDAY}${MONTH}\\s(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s(\\d{4}))?(?![\\d])`, 'iu'),
  // by 17 November (2023) / bis zum 17. November / avant le 17 novembre / antes del 17 de noviembre
  new RegExp(
    `(?<![\\p{L}])${BY}\\s${WEEKDAY}(\\d{1,2})\\.?(?:st|nd|rd|th)?\\s(?:de\\s)?${MONTH}(?:\\s(?:de\\s)?(\\d{4}))?(?![\\d])`,
    'iu',
  ),
  // bis zum 17.11.(2023) / avant le 17/11/2023
  new RegExp(`(?<![\\p{L}])${BY}\\s${WEEKDAY}(\\d{1,2})[./](\\d{1,2})[./]?(\\d{4})?(?![\\d])`, 'iu'),
];

/** A deadline stated as a date, in the message's year (or the next, when it would lie before the message). */
function explicitDueDate(sentence: string, start: Date): string | null {
  for (const [i, re] of DATE_BY.entries()) {
    const m = sentence.match(re);
    if (!m) continue;
    const [month, day, year] =
      i === 0
        ? [MONTHS[(m[1] ?? '').toLowerCase()], Number(m[2]), m[3]]
        : i === 1
          ? [MONTHS[(m[2] ?? '').toLowerCase()], Number(m[1]), m[3]]
          : [Number(m[2]), Number(m[1]), m[3]];
    if (!month || month > 12 || day < 1 || day > 31) continue;
    let y = year ? Number(year) : start.getUTCFullYear();
    let due = new Date(Date.UTC(y, month - 1, day));
    if (!year && due.getTime() < Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate())) {
      y += 1;
      due = new Date(Date.UTC(y, month - 1, day));
    }
    if (due.getUTCDate() !== day) continue; // 31 November
    return due.toISOString().slice(0, 10);
  }
  return null;
}

/**
 * The due date a sentence states, counted from the message date (business days skip weekends,
 * ranges take the upper bound), or a deadline date it names.
 */
export function dueDateOf(sentence: string, messageDate: string): string | null {
  const start0 = new Date(messageDate);
  if (Number.isNaN(start0.getTime())) return null;
  const m = sentence.match(DUE);
  if (!m) return explicitDueDate(sentence, start0);
  const count = (word: string | undefined) => {
    const w = (word ?? '').toLowerCase();
    return NUMBER_WORDS[w] ?? Number(w);
  };
  const amount = m[2] ? count(m[2]) : count(m[1]);
  if (!Number.isFinite(amount) || amount <= 0) return null;
  const unit = (m[3] ?? '').toLowerCase();
  const start = start0;
  if (/hour|stunden|heures|horas/.test(unit)) {
    return new Date(start.getTime() + amount * 3_600_000).toISOString().slice(0, 10);
  }
  if (/business|working|bank|werktag|arbeitstag|ouvr|hábiles|laborables/.test(unit)) {
    return addBusinessDays(start, amount);
  }
  const days = /week|woche|semaine|semana/.test(unit) ? amount * 7 : amount;
  const due = new Date(start);
  due.setUTCDate(due.getUTCDate() + days);
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
