import type { CaseRecord } from '../models/case-store.js';
import type { AttentionFlag, Outcome } from '../rules/case-terms.js';
import { labelsFor } from './labels.js';

/** A case and its log as reports show them: plain data, mapped from the store's records by `caseViewOf`. */
export interface CaseLogView {
  occurredAt: Date;
  channel: string;
  direction: string;
  contactPerson: string | null;
  summary: string;
  nextSteps: string | null;
  nextStepsDue: string | null;
  subject?: string;
  /** The sender's address: where a follow-up to a support message goes. */
  fromAddress?: string | null;
  /** Who added it (a note), or null for a message. */
  addedBy?: { by: string; via: string } | null;
}

/** One line of a case's history besides its messages: a user's change, or the worker's merge. */
export interface CaseChangeView {
  at: Date;
  action: string;
  by: string | null;
  via: string | null;
  note: string | null;
  /** The outcome a `close` recorded, or a `confirm` was given; null otherwise. */
  resolution?: CaseResolutionView | null;
}

/** A resolution as reports show it. */
export interface CaseResolutionView {
  date: Date;
  outcome: string;
  amount: number | null;
  currency: string | null;
  transactionId: string | null;
}

export interface CaseView {
  owner: string;
  /** The merchant's case number, or `order:<orderNumber>` for a case known only by its order (shown as such). */
  caseNumber: string;
  keyKind?: 'case' | 'order';
  merchant: string | null;
  orderNumber: string | null;
  status: string;
  openedAt: Date;
  issueDescription: string | null;
  resolution: CaseResolutionView | null;
  suggestedResolution: { outcome: string; amount: number | null; currency: string | null } | null;
  /** What the case asks of the user (`suggestion_to_confirm`, `mail_after_user_close`). */
  attention?: AttentionFlag[];
  mailAfterUserClose?: { count: number; latestAt: Date } | null;
  changes?: CaseChangeView[];
  createdAt?: Date;
  updatedAt?: Date;
  log: CaseLogView[];
}

/** The report's view of a stored case. */
export function caseViewOf(record: CaseRecord): CaseView {
  return {
    owner: record.owner,
    caseNumber: record.caseNumber,
    keyKind: record.keyKind,
    merchant: record.merchant,
    orderNumber: record.orderNumber,
    status: record.status,
    openedAt: record.openedAt,
    issueDescription: record.issueDescription,
    resolution: resolutionViewOf(record.resolution),
    suggestedResolution: record.suggestedResolution
      ? {
          outcome: record.suggestedResolution.outcome,
          amount: record.suggestedResolution.amount,
          currency: record.suggestedResolution.currency,
        }
      : null,
    attention: record.attention,
    mailAfterUserClose: record.mailAfterUserClose,
    changes: record.manualChanges.map(changeViewOf),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    log: record.log.map(logViewOf),
  };
}

/** A change in a case's history, as reports show it. */
export function changeViewOf(c: CaseRecord['manualChanges'][number]): CaseChangeView {
  return { at: c.at, action: c.action, by: c.by, via: c.via, note: c.note, resolution: resolutionViewOf(c.resolution) };
}

/** What a log entry says, as every report and export shows it (each adds who it is from its own way). */
export function entryContentOf(e: CaseRecord['log'][number]) {
  return {
    occurredAt: e.occurredAt,
    channel: e.channel,
    direction: e.direction,
    contactPerson: e.contactPerson,
    summary: e.summary,
    nextSteps: e.nextSteps,
    nextStepsDue: e.nextStepsDue,
    subject: e.subject,
  };
}

/** A log entry, as reports show it. */
export function logViewOf(e: CaseRecord['log'][number]): CaseLogView {
  return {
    ...entryContentOf(e),
    // A note's author is the user, not someone a follow-up could be sent to.
    fromAddress: e.addedBy ? null : e.fromAddress,
    addedBy: e.addedBy,
  };
}

/** A resolution, as reports show it. */
export function resolutionViewOf(r: CaseRecord['resolution']): CaseResolutionView | null {
  if (!r) return null;
  return { date: r.date, outcome: r.outcome, amount: r.amount, currency: r.currency, transactionId: r.transactionId };
}

const OUTCOME_LABELS: Record<Outcome, string> = {
  full_refund: 'Full refund',
  partial_refund: 'Partial refund',
  store_credit: 'Store credit',
  replacement: 'Replacement',
  denied: 'Denied',
};

/**
 * A channel as the English exports and `cases show` print it: the report labels' word (reports/labels.ts,
 * the one table of channel names), capitalised as it starts a column: `Email`, `Web form`, `Note`.
 */
export function channelLabel(channel: string): string {
  const label: string | undefined = (labelsFor('en').channels as Record<string, string>)[channel];
  // A value this version does not know: as stored.
  return label ? `${label.charAt(0).toUpperCase()}${label.slice(1)}` : channel;
}

/** Dates as the user reads them: YYYY-MM-DD, and YYYY-MM-DD HH:MM in UTC for log entries. */
export const day = (date: Date | null | undefined): string => (date ? date.toISOString().slice(0, 10) : '');
export const dayTime = (date: Date): string => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function money(amount: number | null, currency: string | null): string {
  if (amount === null) return '';
  return `${amount.toFixed(2)}${currency ? ` ${currency}` : ''}`;
}

/** `Full refund (129.99 USD, transaction TXN781345)`; empty while unresolved. */
export function outcomeText(c: Pick<CaseView, 'resolution'>): string {
  const r = c.resolution;
  if (!r) return '';
  return resolutionText(r);
}

/** `Full refund (129.99 USD, transaction TXN781345)`. */
export function resolutionText(
  r: Pick<CaseResolutionView, 'outcome' | 'amount' | 'currency' | 'transactionId'>,
): string {
  const details = [money(r.amount, r.currency), r.transactionId ? `transaction ${r.transactionId}` : '']
    .filter(Boolean)
    .join(', ');
  const label = OUTCOME_LABELS[r.outcome as Outcome] ?? r.outcome;
  return details ? `${label} (${details})` : label;
}

export function logLine(entry: CaseLogView): string {
  const who = entry.contactPerson ? `, ${entry.contactPerson}` : '';
  return `${day(entry.occurredAt)} (${channelLabel(entry.channel)}${who}): ${entry.summary}`;
}
