// What a message does to a case, decided from its findings and what the owner's cases already hold:
// PURE (no I/O, no clock). The message worker looks the facts up, calls these, and carries the result
// to the case store (DESIGN.md invariants 2, 4 and 7; STYLE.md 10).
import type { PolicyResolution } from './case-policy.js';
import { type KeyKind, keyKindOf, orderCaseKey } from './case-terms.js';
import type { Findings } from './findings.js';

/** Below this, a resolution is only suggested to the user, never applied. */
export const AUTO_CLOSE_CONFIDENCE = 0.9;

/** A case of the owner's that already has the message's order number (derived, or in any of its entries). */
export interface OrderCandidate {
  caseNumber: string;
  lastMessageAt: Date | null;
}

/** What the worker looked up for one message, for one owner. */
export interface CaseIdentityFacts {
  /** The merchant's case number the message carries, or null. */
  caseNumber: string | null;
  orderNumber: string | null;
  /** The owner's cases that already have `orderNumber` (empty when the message has none). */
  casesWithOrder: readonly OrderCandidate[];
  /** Whether the owner already has a case keyed `caseNumber`. */
  numberedCaseExists: boolean;
  /** The case of the logged message this one answers (In-Reply-To / References), or null. */
  threadCase: string | null;
}

export type CaseIdentity = {
  /** The case the message is logged under (opened when absent). */
  caseNumber: string;
  keyKind: KeyKind;
  /** Which fact chose it. */
  by: 'case_number' | 'order_number' | 'new_order_case' | 'thread';
  /**
   * The owner's `order:<same order>` case that this message's case number now names: renamed to
   * `caseNumber` when that case does not exist yet, merged into it when it does.
   */
  mergeFrom: { caseNumber: string; into: string; renamed: boolean } | null;
};

/**
 * The case a message belongs to, in order of certainty:
 * 1. its case number (and the owner's `order:<its order>` case, if any, is merged into that number);
 * 2. only an order number: the owner's case that already has that order (a merchant-numbered one before an
 *    order-keyed one, then the most recently active);
 * 3. no case number and no known order: the case of the message it answers (threading);
 * 4. an order number no case has yet, and no thread: a new case keyed `order:<orderNumber>`;
 * 5. nothing: null (the worker quarantines it as `no_case_number`).
 */
export function decideCaseIdentity(facts: CaseIdentityFacts): CaseIdentity | null {
  const { caseNumber, orderNumber } = facts;
  if (caseNumber) {
    const orderKey = orderNumber ? orderCaseKey(orderNumber) : null;
    const orderCase =
      orderKey && orderKey !== caseNumber && facts.casesWithOrder.some((c) => c.caseNumber === orderKey)
        ? orderKey
        : null;
    return {
      caseNumber,
      keyKind: keyKindOf(caseNumber),
      by: 'case_number',
      mergeFrom: orderCase ? { caseNumber: orderCase, into: caseNumber, renamed: !facts.numberedCaseExists } : null,
    };
  }
  const [best] = orderNumber ? [...facts.casesWithOrder].sort(preferredOrderCase) : [];
  if (best) {
    return { caseNumber: best.caseNumber, keyKind: keyKindOf(best.caseNumber), by: 'order_number', mergeFrom: null };
  }
  if (facts.threadCase) {
    return { caseNumber: facts.threadCase, keyKind: keyKindOf(facts.threadCase), by: 'thread', mergeFrom: null };
  }
  if (orderNumber)
    return { caseNumber: orderCaseKey(orderNumber), keyKind: 'order', by: 'new_order_case', mergeFrom: null };
  return null;
}

/**
 * After a message with an order number is logged: when the owner has both the `order:<order>` case and a
 * merchant-numbered case with that order, the order case belongs in the numbered one. Two workers, one with
 * the order-only mail and one with the numbered mail, may each miss the other's case before they write;
 * each checks again after its own write, so the later of the two always sees both and merges.
 */
export function decideOrderSettlement(
  orderNumber: string,
  casesWithOrder: readonly OrderCandidate[],
): { from: string; into: string } | null {
  const from = orderCaseKey(orderNumber);
  if (!casesWithOrder.some((c) => c.caseNumber === from)) return null;
  const [into] = casesWithOrder.filter((c) => keyKindOf(c.caseNumber) === 'case').sort(preferredOrderCase);
  return into ? { from, into: into.caseNumber } : null;
}

/** Merchant-numbered before order-keyed; then the most recently active; then by number (deterministic). */
function preferredOrderCase(a: OrderCandidate, b: OrderCandidate): number {
  const kind = Number(keyKindOf(a.caseNumber) === 'order') - Number(keyKindOf(b.caseNumber) === 'order');
  if (kind !== 0) return kind;
  const at = (b.lastMessageAt?.getTime() ?? 0) - (a.lastMessageAt?.getTime() ?? 0);
  if (at !== 0) return at;
  return a.caseNumber < b.caseNumber ? -1 : a.caseNumber > b.caseNumber ? 1 : 0;
}

/** The message-ids a reply points at, most specific first: In-Reply-To, then References newest first. */
export function threadIdsOf(message: { inReplyTo: string | null; references: readonly string[] }): string[] {
  const ids = [message.inReplyTo, ...[...message.references].reverse()].filter((id): id is string => Boolean(id));
  return [...new Set(ids.map(normalizeMessageId))];
}

/** `<ABC@Mail.Example>` and ` abc@mail.example ` are the same id: lower-cased, with brackets. */
export function normalizeMessageId(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '').toLowerCase();
  return `<${bare}>`;
}

/** What a message's resolution finding means for its case: a closing resolution, a suggestion, or neither. */
export interface ResolutionDecision {
  resolution: PolicyResolution | null;
  suggestion: PolicyResolution | null;
}

/**
 * Close vs suggest (invariant 4): only a confident resolution, in new text, from the support side closes
 * a case. Anything less (lower confidence, quoted text, a customer's own report of a decision) is a
 * suggestion for the user to confirm.
 */
export function decideResolution(
  findings: Pick<Findings, 'resolution' | 'reportedResolution' | 'direction'>,
  source: { messageKey: string; occurredAt: Date },
): ResolutionDecision {
  // What a customer reports ("you approved my refund") can only ever be a suggestion.
  const found = findings.resolution ?? findings.reportedResolution ?? null;
  if (!found) return { resolution: null, suggestion: null };
  const trusted =
    found.location === 'new_text' &&
    findings.direction === 'from_support' &&
    findings.resolution === found &&
    found.confidence >= AUTO_CLOSE_CONFIDENCE;
  const recorded: PolicyResolution = {
    date: source.occurredAt,
    outcome: found.outcome,
    amount: found.amount,
    currency: found.currency,
    transactionId: found.transactionId,
    sourceMessageId: source.messageKey,
    confidence: found.confidence,
    sentence: found.sentence,
    rule: found.rule,
  };
  return trusted ? { resolution: recorded, suggestion: null } : { resolution: null, suggestion: recorded };
}
