import type { AnalysisContext, Match } from './context.js';
import { sentencesOf } from './message-text.js';

/** Long enough for two or three sentences, short enough for a table cell and a digest line. */
export const MAX_SUMMARY_CHARS = 280;

/** Salutations carry no content. */
const GREETING =
  /^(dear|hello|hi|hey|good (morning|afternoon|evening)|hallo|guten tag|sehr geehrte[rs]?|liebe[rs]?|bonjour|madame|monsieur|hola|estimad[oa]s?)\b[^.!?\n]{0,60}[,!:]?$/iu;
/** Thanks-for-writing openers are not worth a place when there is something else to say. */
const BOILERPLATE =
  /^(thank you for (contacting|reaching out|your (email|message|patience))|thanks for (contacting|reaching out))/i;

/** A bounded summary of the new text: greeting and boilerplate dropped, whole sentences kept. */
export function summarize(ctx: AnalysisContext): string {
  return summaryOf(ctx).value;
}

/** The summary with its evidence: from the new text, or the subject when the new text is empty. */
export function summaryOf(ctx: AnalysisContext): Match {
  // Help-desk chrome and `[image: …]` placeholders are already gone (message-text.ts).
  const lines = ctx.text.newText.split('\n').filter((l) => !GREETING.test(l.trim()));
  const sentences = sentencesOf(lines.join('\n'));
  const useful = sentences.filter((s) => !BOILERPLATE.test(s));
  const chosen = useful.length > 0 ? useful : sentences;
  let summary = '';
  for (const sentence of chosen) {
    // Field lines (`Amount refunded: $129.99 USD`) carry no full stop; keep them apart.
    const separator = /[.!?:;]$/.test(summary) ? ' ' : '; ';
    const next = summary ? `${summary}${separator}${sentence}` : sentence;
    if (next.length > MAX_SUMMARY_CHARS) break;
    summary = next;
  }
  if (summary === '' && chosen[0]) summary = `${chosen[0].slice(0, MAX_SUMMARY_CHARS - 1)}…`;
  if (summary) return { value: summary, rule: 'summary/new-text', matched: summary, location: 'new_text' };
  const subject = ctx.subject.slice(0, MAX_SUMMARY_CHARS);
  return { value: subject, rule: 'summary/subject', matched: ctx.subject, location: 'subject' };
}
