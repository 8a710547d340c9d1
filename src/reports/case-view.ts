/** A case and its log as reports show them: plain data, shaped from what the store returns. */
export interface CaseLogView {
  occurredAt: Date;
  channel: string;
  direction: string;
  contactPerson: string | null;
  summary: string;
  nextSteps: string | null;
  nextStepsDue: string | null;
  /** The sender's address (for a support message, where a follow-up goes); absent on older views. */
  fromAddress?: string | null;
  /** The message's subject, for a follow-up's `Re:`. */
  subject?: string | null;
}

export interface CaseView {
  owner: string;
  caseNumber: string;
  merchant: string | null;
  orderNumber: string | null;
  status: string;
  openedAt: Date;
  issueDescription: string | null;
  resolution: {
    date: Date;
    outcome: string;
    amount: number | null;
    currency: string | null;
    transactionId: string | null;
  } | null;
  suggestedResolution: {
    outcome: string;
    amount: number | null;
    currency: string | null;
    date?: Date;
    transactionId?: string | null;
    confidence?: number | null;
    sentence?: string | null;
  } | null;
  createdAt?: Date;
  updatedAt?: Date;
  /** Date of the latest logged message. */
  lastMessageAt?: Date;
  /** What the user must look at: `suggestion_to_confirm`, `mail_after_user_close`. */
  attention?: string[];
  /** `order` while the case is keyed by an order number (`order:112-…`), else `case`. */
  keyKind?: 'case' | 'order';
  statusHistory?: { status: string; at: Date; reason: string }[];
  log: CaseLogView[];
}

const CHANNEL_LABELS: Record<string, string> = { email: 'Email', web_form: 'Web form', chat: 'Chat', phone: 'Phone' };
const OUTCOME_LABELS: Record<string, string> = {
  full_refund: 'Full refund',
  partial_refund: 'Partial refund',
  store_credit: 'Store credit',
  replacement: 'Replacement',
  denied: 'Denied',
};

export const channelLabel = (channel: string): string => CHANNEL_LABELS[channel] ?? channel;

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
  const details = [money(r.amount, r.currency), r.transactionId ? `transaction ${r.transactionId}` : '']
    .filter(Boolean)
    .join(', ');
  const label = OUTCOME_LABELS[r.outcome] ?? r.outcome;
  return details ? `${label} (${details})` : label;
}

export function logLine(entry: CaseLogView): string {
  const who = entry.contactPerson ? `, ${entry.contactPerson}` : '';
  return `${day(entry.occurredAt)} (${channelLabel(entry.channel)}${who}): ${entry.summary}`;
}
