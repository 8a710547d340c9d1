// A ready-to-send follow-up to the merchant for a case whose promised date has passed, in the language
// of the correspondence: the case number, what was promised and when, and the log so far. PURE: the day
// comes in as an argument. `cases followup CASE` prints it; nothing here sends anything.
import { withoutReplyPrefixes } from '../rules/subject-prefixes.js';
import type { CaseView } from './case-view.js';
import { caseTexts, lastFromSupport, latestEntry } from './digest-content.js';
import { detectLanguage, formatDay, labelOf, labelsFor, type ReportLanguage } from './labels.js';

export interface FollowupOptions {
  /** The user's day, YYYY-MM-DD: whether the promised date has passed. */
  today: string;
  /** Write in this language instead of the correspondence's. */
  language?: ReportLanguage;
}

export interface FollowupPromise {
  /** What support wrote they would do (the next step), when the log has it. */
  text: string | null;
  /** YYYY-MM-DD. */
  due: string;
  /** The day support promised it, YYYY-MM-DD. */
  madeOn: string;
  /** True when `due` is before `today`. */
  overdue: boolean;
}

export interface FollowupDraft {
  /** The merchant's last support address, or null when the log has none (the user fills it in). */
  to: string | null;
  subject: string;
  text: string;
  language: ReportLanguage;
  /** The latest promise with a date from the support side, or null when there is none. */
  promise: FollowupPromise | null;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** What a follow-up names the case by: the merchant's case number, or the order for an order-keyed case. */
function caseReference(view: CaseView): string {
  const byOrder = view.keyKind === 'order' || view.caseNumber.startsWith('order:');
  return byOrder ? (view.orderNumber ?? view.caseNumber.replace(/^order:/, '')) : view.caseNumber;
}

/** The latest support message's dated next step (a later support message without one supersedes it). */
export function promiseOf(view: CaseView, today: string): FollowupPromise | null {
  const support = lastFromSupport(view);
  const due = support?.nextStepsDue;
  if (!support || !due || !/^\d{4}-\d{2}-\d{2}$/.test(due)) return null;
  return { text: support.nextSteps, due, madeOn: isoDay(support.occurredAt), overdue: due < today };
}

export function followupDraft(view: CaseView, options: FollowupOptions): FollowupDraft {
  const language = options.language ?? detectLanguage(caseTexts([view]));
  const l = labelsFor(language);
  const day = (iso: string) => formatDay(iso, language);
  const entries = [...view.log].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const fromSupport = entries.filter((e) => e.direction === 'from_support');
  const to = [...fromSupport].reverse().find((e) => e.fromAddress)?.fromAddress ?? null;

  const reference = caseReference(view);
  const lastSubject =
    [...fromSupport].reverse().find((e) => e.subject)?.subject ??
    [...entries].reverse().find((e) => e.subject)?.subject ??
    null;
  const base = withoutReplyPrefixes(lastSubject ?? '').trim() || l.followup.subjectFallback;
  const subject = `Re: ${base}${base.includes(reference) ? '' : ` [${reference}]`}`;

  const promise = promiseOf(view, options.today);
  const last = latestEntry(fromSupport);
  const order = view.orderNumber && view.orderNumber !== reference ? view.orderNumber : null;
  const logLines = entries.map((e) => {
    const who = e.direction === 'from_support' ? (e.contactPerson ?? l.followup.you) : l.followup.me;
    return `- ${day(isoDay(e.occurredAt))}, ${labelOf(l.channels, e.channel)}, ${who}: ${e.summary}`;
  });
  const text = [
    l.followup.greeting,
    '',
    l.followup.about(reference, order),
    promise
      ? l.followup.promised(day(promise.madeOn), promise.text, day(promise.due))
      : l.followup.noPromise(last ? day(isoDay(last.occurredAt)) : null),
    '',
    l.followup.ask,
    '',
    ...(logLines.length > 0 ? [l.followup.logIntro, ...logLines, ''] : []),
    l.followup.signOff,
    '',
  ].join('\n');
  return { to, subject, text, language, promise };
}
