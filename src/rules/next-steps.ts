import type { AnalysisContext, Match } from './context.js';
import { sentencesOf } from './message-text.js';

/** Sentences that commit someone to an action: the support side's promise or a request to the customer. */
const NEXT_STEP =
  /\b(we will|we'll|we are going to|we shall|our (?:team|agents?|specialists?) will|a member of our [\p{L} ]{1,40} will|you will (?:receive|hear|get)|you'll (?:receive|hear|get)|please (?:send|provide|reply|return|upload|confirm|contact|ship|attach|fill)|wir werden|bitte (?:senden|schicken|antworten)|nous allons|nous reviendrons|veuillez|le (?:enviaremos|contactaremos|responderemos)|por favor,? (?:envíe|envíenos|responda))/iu;

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  ten: 10,
  fourteen: 14,
  ein: 1,
  einem: 1,
  zwei: 2,
  drei: 3,
  fünf: 5,
  un: 1,
  deux: 2,
  trois: 3,
  cinq: 5,
  uno: 1,
  dos: 2,
  tres: 3,
  cinco: 5,
};

/** `within 3 business days`, `in 5-10 business days`, `innerhalb von 3 Werktagen`, `sous 48 heures`. */
const DUE =
  /(\d{1,3}|one|two|three|four|five|six|seven|ten|fourteen|ein|einem|zwei|drei|fünf|un|deux|trois|cinq|uno|dos|tres|cinco)(?:\s?(?:-|–|to|bis|à|a)\s?(\d{1,3}))?\s+(business days?|working days?|werktag(?:e|en)?|arbeitstag(?:e|en)?|jours? ouvr(?:és|ables)|días? (?:hábiles|laborables)|calendar days?|days?|tag(?:e|en)?|jours?|días?|hours?|stunden|heures|horas)/iu;

export interface NextStep {
  text: string;
  /** YYYY-MM-DD, or null when the sentence gives no period. */
  due: string | null;
}

export function extractNextSteps(ctx: AnalysisContext): Match<NextStep> | null {
  for (const sentence of sentencesOf(ctx.text.newText)) {
    if (!NEXT_STEP.test(sentence)) continue;
    const due = ctx.date ? dueDateOf(sentence, ctx.date) : null;
    return { value: { text: sentence, due }, rule: 'next-steps/commitment', matched: sentence, location: 'new_text' };
  }
  return null;
}

/** The due date a sentence states, counted from the message date (business days skip weekends). */
export function dueDateOf(sentence: string, messageDate: string): string | null {
  const m = sentence.match(DUE);
  if (!m) return null;
  const first = m[1]?.toLowerCase() ?? '';
  const amount = m[2] ? Number(m[2]) : (NUMBER_WORDS[first] ?? Number(first));
  if (!Number.isFinite(amount) || amount <= 0) return null;
  const unit = (m[3] ?? '').toLowerCase();
  const start = new Date(messageDate);
  if (/hour|stunden|heures|horas/.test(unit)) {
    return new Date(start.getTime() + amount * 3_600_000).toISOString().slice(0, 10);
  }
  if (/business|working|werktag|arbeitstag|ouvr|hábiles|laborables/.test(unit)) {
    return addBusinessDays(start, amount);
  }
  const due = new Date(start);
  due.setUTCDate(due.getUTCDate() + amount);
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
