// The case as a function of its log: PURE (no I/O, no clock). Whatever order the messages are
// processed in, and however many workers write, the same dated entries give the same case.
import type {
  AttentionFlag,
  CaseStatus,
  ChangeVia,
  Direction,
  ImpliedStatus,
  ManualAction,
  Outcome,
} from './case-terms.js';
import { ANNOTATION_CHANNEL } from './case-terms.js';
import { alternation, WORD_END as END, WORD_START as START } from './lexicon/index.js';

/** A resolution as the case records it: from a message (its log-entry key) or a user's change (`manual:<n>`). */
export interface PolicyResolution {
  date: Date;
  outcome: Outcome;
  amount: number | null;
  currency: string | null;
  transactionId: string | null;
  sourceMessageId: string;
  confidence: number | null;
  sentence: string | null;
  rule: string | null;
}

/** What one logged message says for its case. */
export interface PolicyEntry {
  messageKey: string;
  occurredAt: Date;
  direction: Direction;
  channel: string;
  /** The status this message implies when it carries no trusted resolution (legacy entries: derived from direction). */
  implies?: ImpliedStatus | null;
  /** A resolution trusted enough to close the case (invariant 4 is decided by the processor). */
  resolution?: PolicyResolution | null;
  /** A resolution only suggested to the user. */
  suggestedResolution?: PolicyResolution | null;
  issueDescription?: string | null;
  merchant?: string | null;
  orderNumber?: string | null;
  /** An entry the user added (a note of a phone call): true; a message: false or absent. */
  addedByUser?: boolean;
}

/** A user's change to a case (issue 8 produces them); dated, so it takes its place in the timeline. */
export interface ManualChange {
  /** Unique per case (an idempotency key, or `manual:<uuid>`); breaks ties between changes at the same instant. */
  key: string;
  at: Date;
  action: ManualAction;
  /** The user's address; null for the worker's own merge of an order-keyed case. */
  by?: string | null;
  via?: ChangeVia | null;
  /** For `close` (the outcome the user records) or `confirm` (else the suggestion is confirmed). */
  resolution?: PolicyResolution | null;
  /** The user's words; for `renumber` and `merge`, what was renamed into what (`merged: order:X → CASE`). */
  note?: string | null;
}

export interface StatusChange {
  status: CaseStatus;
  at: Date;
  reason: string;
  messageKey: string | null;
}

export interface DerivedCase {
  status: CaseStatus;
  openedAt: Date;
  issueDescription: string | null;
  merchant: string | null;
  orderNumber: string | null;
  resolution: PolicyResolution | null;
  suggestedResolution: PolicyResolution | null;
  lastMessageAt: Date;
  statusHistory: StatusChange[];
  /** What the case asks of the user, in ATTENTION_FLAGS order. */
  attention: AttentionFlag[];
  /** Messages dated after the user's own close or confirm (which they do not undo), or null. */
  mailAfterUserClose: { count: number; latestAt: Date } | null;
}

type Step =
  | { kind: 'entry'; at: number; key: string; entry: PolicyEntry }
  | { kind: 'manual'; at: number; key: string; change: ManualChange };

/** Older first; at the same instant messages before the user's changes (the user has the last word), then by key. */
function chronological(a: Step, b: Step): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.kind !== b.kind) return a.kind === 'entry' ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The first non-null value of a field, oldest entry first (ties by message key). */
function earliest(entries: readonly PolicyEntry[], field: 'issueDescription' | 'merchant' | 'orderNumber') {
  for (const e of entries) {
    const value = e[field];
    if (value) return value;
  }
  return null;
}

/** Legacy entries (logged before `implies` was recorded) fall back to their direction alone. */
const impliedOf = (e: PolicyEntry): ImpliedStatus =>
  e.implies ?? (e.direction === 'from_customer' ? 'awaiting_support' : 'awaiting_customer');

/**
 * Status, resolution and history from the dated entries and the user's changes, in date order:
 * - a trusted resolution resolves the case; a later one replaces an earlier one (ties: the greater key);
 * - a message dated after the case was resolved reopens it (`reopened`); one at the same instant does not;
 * - otherwise each message sets who the ball is with (`implies`);
 * - a user's change applies at its date: `confirm` takes the suggestion (or the given resolution),
 *   `close` resolves, `reopen` reopens, `note` changes nothing (nor does an annotation's entry), `renumber` and `merge` only enter the
 *   history (they changed the case's key, not its state).
 * The user has the last word (invariant 8): after the user's own `confirm` or `close`, later mail neither
 * reopens the case nor replaces the user's resolution (a later resolution becomes a suggestion, and the
 * mail is counted in `mailAfterUserClose`); the user's `reopen` hands the case back to the mail, and an
 * automatic resolution dated before that reopen cannot undo it.
 * Requires at least one entry (a case exists because a message was logged).
 */
export function deriveCase(entries: readonly PolicyEntry[], manualChanges: readonly ManualChange[] = []): DerivedCase {
  if (entries.length === 0) throw new Error('deriveCase needs at least one log entry');
  const steps: Step[] = [
    ...entries.map((entry): Step => ({ kind: 'entry', at: entry.occurredAt.getTime(), key: entry.messageKey, entry })),
    ...manualChanges.map((change): Step => ({ kind: 'manual', at: change.at.getTime(), key: change.key, change })),
  ].sort(chronological);
  const ordered = steps.flatMap((s) => (s.kind === 'entry' ? [s.entry] : []));
  const first = ordered[0] as PolicyEntry;

  // One mutable state: closures below change it (TypeScript does not narrow fields across calls).
  const state: {
    status: CaseStatus;
    resolution: PolicyResolution | null;
    suggested: PolicyResolution | null;
    /** When the case became resolved: a message dated after it reopens the case. */
    resolvedAt: number | null;
    /** The user closed or confirmed it: mail no longer changes status or resolution until the user reopens. */
    userClosed: boolean;
    mailAfterUserClose: { count: number; latestAt: Date } | null;
  } = {
    status: 'open',
    resolution: null,
    suggested: null,
    resolvedAt: null,
    userClosed: false,
    mailAfterUserClose: null,
  };
  const history: StatusChange[] = [{ status: 'open', at: first.occurredAt, reason: 'first message', messageKey: null }];
  const move = (to: CaseStatus, at: Date, reason: string, key: string | null) => {
    // Every resolution is recorded (a later one replaces the outcome); other statuses only on change.
    if (to === state.status && to !== 'resolved') return;
    state.status = to;
    history.push({ status: to, at, reason, messageKey: key });
  };
  const resolve = (r: PolicyResolution | null, at: number, reason: string, key: string) => {
    state.resolution = r;
    state.suggested = null;
    state.resolvedAt = at;
    move('resolved', new Date(at), reason, key);
  };

  for (const step of steps) {
    if (step.kind === 'entry') {
      const e = step.entry;
      // The user's annotation (channel `note`) records a thought, not a contact: it moves nothing.
      if (e.channel === ANNOTATION_CHANNEL) continue;
      if (state.userClosed) {
        // The user's close stands: a later resolution is only offered, the mail is counted for the digest.
        const offered = e.resolution ?? e.suggestedResolution;
        if (offered) state.suggested = offered;
        if (!e.addedByUser && step.at > (state.resolvedAt ?? step.at)) {
          const count = (state.mailAfterUserClose?.count ?? 0) + 1;
          state.mailAfterUserClose = { count, latestAt: e.occurredAt };
        }
        continue;
      }
      if (e.resolution) {
        resolve(e.resolution, step.at, describe(e.resolution), e.messageKey);
        continue;
      }
      if (e.suggestedResolution) state.suggested = e.suggestedResolution;
      if (state.status === 'resolved') {
        if (state.resolvedAt !== null && step.at > state.resolvedAt) {
          state.resolvedAt = null;
          move('reopened', e.occurredAt, 'correspondence resumed', e.messageKey);
        }
      } else {
        move(impliedOf(e), e.occurredAt, `${e.direction} via ${e.channel}`, e.messageKey);
      }
      continue;
    }
    const c = step.change;
    const by = c.by ? ` (${c.by}${c.via ? ` by ${c.via}` : ''})` : '';
    const note = c.note ? `: ${c.note}` : '';
    if (c.action === 'confirm') {
      const chosen = c.resolution ?? state.suggested;
      if (chosen) {
        resolve(chosen, step.at, `user: confirm${note}${by}`, c.key);
        state.userClosed = true;
        state.mailAfterUserClose = null;
      }
    } else if (c.action === 'close') {
      resolve(c.resolution ?? state.resolution, step.at, `user: close${note}${by}`, c.key);
      state.userClosed = true;
      state.mailAfterUserClose = null;
    } else if (c.action === 'reopen') {
      state.resolvedAt = null;
      state.userClosed = false;
      state.mailAfterUserClose = null;
      move('reopened', c.at, `user: reopen${note}${by}`, c.key);
    } else if (c.action === 'renumber' || c.action === 'merge') {
      // The key changed, not the state: the history says so at its date.
      history.push({ status: state.status, at: c.at, reason: `${c.note ?? c.action}${by}`, messageKey: c.key });
    }
  }

  const last = new Date(Math.max(...ordered.map((e) => e.occurredAt.getTime())));
  const attention: AttentionFlag[] = [];
  if (state.suggested) attention.push('suggestion_to_confirm');
  if (state.mailAfterUserClose) attention.push('mail_after_user_close');
  return {
    status: state.status,
    openedAt: first.occurredAt,
    issueDescription: earliest(ordered, 'issueDescription'),
    merchant: earliest(ordered, 'merchant'),
    orderNumber: earliest(ordered, 'orderNumber'),
    resolution: state.resolution,
    suggestedResolution: state.suggested,
    lastMessageAt: last,
    statusHistory: history,
    attention,
    mailAfterUserClose: state.mailAfterUserClose,
  };
}

const describe = (r: PolicyResolution) => (r.rule ? `${r.rule}: ${r.sentence ?? ''}` : 'resolution');

// Who acts next, from the next step's own words in every language the lexicons know (no English-only regex).
/** `we will`, `wir melden uns`, `nous allons`, `provvederemo`, `our team will`: the support side commits. */
const PROMISE = new RegExp(`${START}${alternation((l) => l.conversation.promises)}${END}`, 'iu');
/** `could you send`, `senden Sie uns`, `wilt u`: a complete request to the reader. */
const REQUEST = new RegExp(`${START}${alternation((l) => l.conversation.requests)}${END}`, 'giu');
/**
 * `melden wir uns`, `informieren wir Sie`: the lexicons list these inverted promises among the requests
 * (next-steps.ts only needs "an action"); a verb followed by the sender's own `we` word is a promise.
 * Only whole `we` words (`wir`, `nous`), not verb endings, so `Le pedimos que …` stays a request.
 */
const INVERTED_PROMISE = new RegExp(
  `^\\p{L}{2,20}\\s${alternation((l) => l.conversation.we.filter((w) => /^\p{L}+$/u.test(w)))}${END}`,
  'iu',
);
const asksTheReader = (step: string): boolean =>
  [...step.matchAll(REQUEST)].some((m) => !INVERTED_PROMISE.test(m[0])) ||
  REQUEST_OPENER.test(step) ||
  IMPERATIVE.test(step);
/** `please …`, `veuillez …`, `por favor …` followed by a verb: a request unless a not-request follows. */
const REQUEST_OPENER = new RegExp(
  `${START}${alternation((l) => l.conversation.requestOpeners)}\\s(?!${alternation((l) => l.conversation.notRequests)}${END})\\p{L}{2,20}${END}`,
  'iu',
);
/** `Return the item`, `Stuur de lamp terug`, `Wydrukuj etykietę`: a request opening with its verb. */
const IMPERATIVE = new RegExp(`^[¡¿"“„«(\\s]{0,3}${alternation((l) => l.conversation.imperatives)}${END}`, 'iu');

/**
 * The status a message without a trusted resolution implies. A customer's message leaves the ball
 * with support. A support message asking the customer to act (a request, an imperative) leaves it
 * with the customer; a support message whose next step is the support side's own commitment (a
 * promise, or a firm dated step with no request in it) leaves it with support. A support message
 * with no next step waits for the customer.
 */
export function impliedStatusOf(direction: Direction, nextSteps: string | null): ImpliedStatus {
  if (direction === 'from_customer') return 'awaiting_support';
  const step = nextSteps?.trim() ?? '';
  if (!step) return 'awaiting_customer';
  const asks = asksTheReader(step);
  if (PROMISE.test(step) && !asks) return 'awaiting_support';
  if (asks) return 'awaiting_customer';
  // next-steps.ts keeps only commitments and requests: with no request, the step is the sender's commitment.
  return 'awaiting_support';
}
