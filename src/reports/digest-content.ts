// What the daily digest says, sorted by what the user must do. PURE: the digest's day, the time of
// the previous digest and the time zone come in as arguments; nothing reads a clock.
import { ANNOTATION_CHANNEL } from '../rules/case-terms.js';
import type { CaseLogView, CaseView } from './case-view.js';
import { detectLanguage, type ReportLanguage } from './labels.js';

/** A quarantined message as the digest lists it (a subset of the store's record). */
export interface DigestQuarantineItem {
  /** The id `quarantine retry` takes. */
  id: string;
  reason: string;
  subject: string | null;
  fromAddress: string | null;
  quarantinedAt: Date;
  /** The allowed forwarder it came from; null or absent when the sender is unknown. */
  owner?: string | null;
  /** Set once the user discarded it: no longer listed. */
  discarded?: unknown;
}

export interface DigestSuggestion {
  outcome: string;
  amount: number | null;
  currency: string | null;
}

/** Why a case needs the user. */
export type Attention =
  | { kind: 'mail_after_close' }
  | { kind: 'confirm'; suggestion: DigestSuggestion }
  /** The merchant's promised date passed with no reply from the merchant since. */
  | { kind: 'overdue'; due: string; promise: string | null; promisedOn: string }
  /** The merchant's last message waits for the user (a request, perhaps with a date). */
  | { kind: 'your_turn'; request: string | null; due: string | null; overdue: boolean };

export interface CaseLine {
  view: CaseView;
  /** The latest log entry (the latest contact), null for a case with no entries. */
  last: CaseLogView | null;
}

export interface NeedsYouLine extends CaseLine {
  attention: Attention[];
}

export interface WaitingLine extends CaseLine {
  /** Whole days from the latest contact to the digest's day. */
  days: number | null;
  /** The merchant's next-step date, when it is still ahead (or today). */
  promisedBy: string | null;
}

export interface ResolvedLine extends CaseLine {
  resolution: NonNullable<CaseView['resolution']>;
}

export interface MoneyLine {
  /** ISO code, or '' when the mail named none. */
  currency: string;
  amount: number;
  cases: number;
}

export interface DigestMoney {
  /** YYYY-MM of the digest's day. */
  month: string;
  /** Suggested refund amounts of open cases, by currency. */
  outstanding: MoneyLine[];
  /** Open cases whose amount nobody knows yet. */
  withoutAmount: number;
  /** Refunds resolved in the digest's month, by currency. */
  refundedThisMonth: MoneyLine[];
}

export interface DigestContent {
  owner: string;
  /** The user's local day, YYYY-MM-DD. */
  date: string;
  language: ReportLanguage;
  needsYou: NeedsYouLine[];
  quarantine: DigestQuarantineItem[];
  waiting: WaitingLine[];
  resolved: ResolvedLine[];
  money: DigestMoney;
}

export interface DigestInput {
  owner: string;
  /** The user's local day, YYYY-MM-DD. */
  date: string;
  /** When the previous digest went out: "resolved since last time" starts here. */
  since: Date;
  /** The zone of `date`, for the month of a resolution. Default UTC. */
  timeZone?: string;
  cases: readonly CaseView[];
  /** Quarantine records of every user: only the owner's and those of no owner are listed. */
  quarantine?: readonly DigestQuarantineItem[];
  /** Labels in this language instead of the one the user's mail is in. */
  language?: ReportLanguage;
}

const REFUND_OUTCOMES = new Set(['full_refund', 'partial_refund']);

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Whole days from one YYYY-MM-DD to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The latest contact: the user's own annotations are no contact (they neither show as one nor reset the wait). */
const lastOf = (c: CaseView): CaseLogView | null => latestEntry(c.log.filter((e) => e.channel !== ANNOTATION_CHANNEL));
/** The support side's latest message: its next step is what the merchant promised or asked. */
export const lastFromSupport = (c: CaseView): CaseLogView | null =>
  latestEntry(c.log.filter((e) => e.direction === 'from_support'));

/** The latest entry by date (the later one of two at the same instant). */
export function latestEntry(entries: readonly CaseLogView[]): CaseLogView | null {
  let best: CaseLogView | null = null;
  for (const e of entries) if (!best || e.occurredAt >= best.occurredAt) best = e;
  return best;
}

/** A YYYY-MM-DD next-step date, or null when the value is not one (a promise without a date). */
const dueDay = (value: string | null | undefined): string | null =>
  value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;

/**
 * Why a case needs the user, in the order the digest shows them; empty when it does not. Dates are
 * compared with the digest's day: a next step due 2024-04-30 in a 2026 digest is overdue, never upcoming.
 */
function attentionOf(c: CaseView, date: string): Attention[] {
  const found: Attention[] = [];
  const flags = c.attention;
  if (flags?.includes('mail_after_user_close')) found.push({ kind: 'mail_after_close' });
  const suggested = c.suggestedResolution;
  const toConfirm = flags ? flags.includes('suggestion_to_confirm') : c.status !== 'resolved';
  if (suggested && toConfirm) {
    found.push({
      kind: 'confirm',
      suggestion: { outcome: suggested.outcome, amount: suggested.amount, currency: suggested.currency },
    });
  }
  if (c.status === 'resolved') return found;
  const support = lastFromSupport(c);
  const due = dueDay(support?.nextStepsDue);
  // A support message with no request leaves the ball with the user; a suggestion already says what to do.
  const asked = Boolean(support?.nextSteps);
  if (c.status === 'awaiting_customer' && (asked || !found.some((a) => a.kind === 'confirm'))) {
    found.push({ kind: 'your_turn', request: support?.nextSteps ?? null, due, overdue: due !== null && due < date });
  } else if (c.status !== 'awaiting_customer' && support && due && due < date) {
    found.push({
      kind: 'overdue',
      due,
      promise: support.nextSteps,
      promisedOn: support.occurredAt.toISOString().slice(0, 10),
    });
  }
  return found;
}

const ATTENTION_ORDER: Attention['kind'][] = ['mail_after_close', 'confirm', 'overdue', 'your_turn'];
const rank = (line: NeedsYouLine) => Math.min(...line.attention.map((a) => ATTENTION_ORDER.indexOf(a.kind)));
const byCaseNumber = (a: CaseLine, b: CaseLine) => a.view.caseNumber.localeCompare(b.view.caseNumber);

/** The words of a user's cases, for the language of the labels. */
export function caseTexts(cases: readonly CaseView[]): string[] {
  return cases.flatMap((c) => [
    c.issueDescription ?? '',
    ...c.log.flatMap((e) => [e.summary, e.nextSteps ?? '', e.subject ?? '']),
  ]);
}

function addTo(totals: Map<string, MoneyLine>, currency: string | null, amount: number): void {
  const key = currency ?? '';
  const line = totals.get(key) ?? { currency: key, amount: 0, cases: 0 };
  // Cents as integers, so 0.1 + 0.2 sums to 0.30.
  line.amount = Math.round(line.amount * 100 + amount * 100) / 100;
  line.cases += 1;
  totals.set(key, line);
}

const sortedLines = (totals: Map<string, MoneyLine>) =>
  [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));

export function moneyOf(cases: readonly CaseView[], date: string, timeZone: string): DigestMoney {
  const month = date.slice(0, 7);
  const outstanding = new Map<string, MoneyLine>();
  const refunded = new Map<string, MoneyLine>();
  let withoutAmount = 0;
  for (const c of cases) {
    if (c.status !== 'resolved') {
      const s = c.suggestedResolution;
      if (s && REFUND_OUTCOMES.has(s.outcome) && s.amount !== null) addTo(outstanding, s.currency, s.amount);
      else if (!s || REFUND_OUTCOMES.has(s.outcome)) withoutAmount += 1;
      continue;
    }
    const r = c.resolution;
    if (r && REFUND_OUTCOMES.has(r.outcome) && r.amount !== null && localDay(r.date, timeZone).startsWith(month)) {
      addTo(refunded, r.currency, r.amount);
    }
  }
  return { month, outstanding: sortedLines(outstanding), withoutAmount, refundedThisMonth: sortedLines(refunded) };
}

/**
 * Sorts an owner's cases into the digest's sections. Each case appears once: in *Needs you* when it
 * has a reason there, else in *Waiting on the merchant* while open, else in *Resolved since last time*
 * when it was resolved after `since`.
 */
export function digestContent(input: DigestInput): DigestContent {
  const { owner, date, since } = input;
  const timeZone = input.timeZone ?? 'UTC';
  const needsYou: NeedsYouLine[] = [];
  const waiting: WaitingLine[] = [];
  const resolved: ResolvedLine[] = [];
  for (const view of input.cases) {
    const last = lastOf(view);
    const attention = attentionOf(view, date);
    if (attention.length > 0) {
      needsYou.push({ view, last, attention });
    } else if (view.status !== 'resolved') {
      const due = dueDay(lastFromSupport(view)?.nextStepsDue);
      waiting.push({
        view,
        last,
        days: last ? Math.max(0, daysBetween(localDay(last.occurredAt, timeZone), date)) : null,
        promisedBy: due !== null && due >= date ? due : null,
      });
    } else if (view.resolution && (view.updatedAt ?? view.resolution.date) > since) {
      resolved.push({ view, last, resolution: view.resolution });
    }
  }
  needsYou.sort((a, b) => rank(a) - rank(b) || byCaseNumber(a, b));
  waiting.sort((a, b) => (b.days ?? -1) - (a.days ?? -1) || byCaseNumber(a, b));
  resolved.sort((a, b) => b.resolution.date.getTime() - a.resolution.date.getTime() || byCaseNumber(a, b));
  const me = owner.toLowerCase();
  const quarantine = (input.quarantine ?? [])
    .filter((q) => !q.discarded && (q.owner === null || q.owner === undefined || q.owner.toLowerCase() === me))
    .slice()
    .sort((a, b) => b.quarantinedAt.getTime() - a.quarantinedAt.getTime());
  return {
    owner,
    date,
    language: input.language ?? detectLanguage(caseTexts(input.cases)),
    needsYou,
    quarantine,
    waiting,
    resolved,
    money: moneyOf(input.cases, date, timeZone),
  };
}

export function isEmptyDigest(d: DigestContent): boolean {
  return d.needsYou.length + d.quarantine.length + d.waiting.length + d.resolved.length === 0;
}

/** The subject's counts: quarantined mail needs the user too. */
export const countsOf = (d: DigestContent) => ({
  needsYou: d.needsYou.length + d.quarantine.length,
  waiting: d.waiting.length,
  resolved: d.resolved.length,
});
