import type { InboundMessage } from '../ingest/inbound-message.js';
import type { SenderTemplate } from './boilerplate.js';
import { extractCaseNumber } from './case-number.js';
import { detectChannel } from './channel.js';
import { extractContactPerson } from './contact-person.js';
import { contextOf, type Match } from './context.js';
import { detectDirection } from './direction.js';
import type { Findings, Reason } from './findings.js';
import { extractIssueDescription } from './issue-description.js';
import { extractNextSteps } from './next-steps.js';
import { extractOrderNumber } from './order-number.js';
import { findResolution } from './resolution.js';
import type { Ruleset } from './ruleset.js';
import { summaryOf } from './summary.js';

/**
 * The one analysis: pure and synchronous, message in, findings out. The worker and the
 * `analyze` command both call it. Every finding carries the rule and the text that produced it.
 */
export interface AnalyzeOptions {
  /** Addresses of the customers (the allowed forwarders): what they write is from the customer side. */
  customerAddresses?: string[];
  /** The sender's learnt template text (boilerplate.ts); none when the caller keeps no history. */
  senderTemplate?: SenderTemplate;
}

export function analyze(message: InboundMessage, ruleset: Ruleset, options: AnalyzeOptions = {}): Findings {
  const ctx = contextOf(message, options.customerAddresses ?? [], options.senderTemplate);
  const reasons: Reason[] = [];
  const note = <T>(field: Reason['field'], match: Match<T> | null): T | null => {
    if (!match) return null;
    reasons.push({ rule: match.rule, field, matched: match.matched, location: match.location });
    return match.value;
  };

  const caseNumber = note('caseNumber', extractCaseNumber(ctx, ruleset));
  const orderNumber = note('orderNumber', extractOrderNumber(ctx));
  const issueDescription = note('issueDescription', extractIssueDescription(ctx));
  const channel = note('channel', detectChannel(ctx)) ?? 'email';
  const direction = note('direction', detectDirection(ctx)) ?? 'from_support';
  const contactPerson = note('contactPerson', extractContactPerson(ctx, direction));
  const nextSteps = note('nextSteps', extractNextSteps(ctx));
  // Only the support side resolves a case: a customer who writes `you approved my refund` reports, not
  // decides. What the customer reports is kept apart, as a suggestion at most.
  const { resolution: found, rejected } = findResolution(ctx, ruleset);
  const resolution = direction === 'from_support' ? found : null;
  // The summary tells the decision the resolution rule found, whatever its confidence.
  const summary = note('summary', summaryOf(ctx, resolution)) ?? '';
  const reportedResolution = direction === 'from_customer' ? found : null;
  for (const [field, r] of [
    ['resolution', resolution],
    ['reportedResolution', reportedResolution],
  ] as const) {
    if (r) reasons.push({ rule: r.rule, field, matched: r.sentence, location: r.location });
  }
  return {
    caseNumber,
    orderNumber,
    issueDescription,
    channel,
    direction,
    contactPerson,
    summary,
    nextSteps: nextSteps?.text ?? null,
    nextStepsDue: nextSteps?.due ?? null,
    resolution,
    reportedResolution,
    reasons,
    setAside: ctx.setAside,
    rejectedResolutions: rejected,
  };
}
