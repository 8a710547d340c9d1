// Whether a message that carries only an order number is about a refund, return or claim: PURE (no I/O,
// no clock). `import` reads whole mail archives, where most messages with an order number are order
// confirmations and shipping notices; only those about a refund, a return or a claim open or join a case.
import type { Findings } from './findings.js';
import { alternation, WORD_END as END, WORD_START as START } from './lexicon/index.js';
import { ruleRegExp } from './rule-regexp.js';

/**
 * What a refund case is about, in every language: the refund itself, what a denial names (return, claim,
 * dispute, chargeback, warranty), store credit and a replacement. Not the boilerplate `matter` words,
 * which include `credit` (an order confirmation's "charged to your credit card").
 */
const REFUND_MATTER = ruleRegExp(
  `${START}${alternation((l) => [
    ...l.resolution.refundNouns,
    ...l.resolution.denialObjects,
    ...l.resolution.storeCredit,
    ...l.resolution.replacementNouns,
  ])}${END}`,
  'iu',
);

export interface RelevanceInput {
  /** The original's subject. */
  subject: string;
  findings: Pick<Findings, 'resolution' | 'reportedResolution' | 'summary' | 'issueDescription'>;
}

/**
 * About a refund, return or claim: a resolution was found (by the support side or reported by the
 * customer), or the subject, the summary sentence or the issue description names the matter. The body's
 * other sentences are not read: an order confirmation's footer ("Returns are free within 30 days") would
 * make every order confirmation a case.
 */
export function isAboutRefund(input: RelevanceInput): boolean {
  const { findings } = input;
  if (findings.resolution || findings.reportedResolution) return true;
  return [input.subject, findings.summary, findings.issueDescription ?? ''].some((text) => REFUND_MATTER.test(text));
}

/**
 * Whether an archived message belongs in a case (`import`): it carries a case number, or answers a logged
 * message, or carries an order number and is about a refund, return or claim.
 */
export function belongsInCase(
  facts: { caseNumber: string | null; orderNumber: string | null; threadCase: string | null },
  input: RelevanceInput,
): boolean {
  if (facts.caseNumber || facts.threadCase) return true;
  return facts.orderNumber !== null && isAboutRefund(input);
}
