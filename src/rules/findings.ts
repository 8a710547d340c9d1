import type { SetAsideSentence } from './boilerplate.js';
import type { Channel, Direction, Outcome } from './case-terms.js';
import type { RejectedResolution } from './resolution.js';

/** Where in the message a finding's text was matched. */
export type FindingLocation = 'subject' | 'new_text' | 'quoted_text' | 'forward_header' | 'headers';

/** Why a finding was made: stored with the case so a user can ask "why was this closed?". */
export interface Reason {
  rule: string;
  field: keyof Findings | 'issueDescription';
  matched: string;
  location: FindingLocation;
}

export type { Channel, Direction, Outcome };

export interface ResolutionFinding {
  outcome: Outcome;
  /** The rule that found it, e.g. `resolution/refund`. */
  rule: string;
  amount: number | null;
  currency: string | null;
  transactionId: string | null;
  /** 0..1: how sure the rule is. Only a confident, support-side, new-text resolution closes a case. */
  confidence: number;
  /** The sentence that justified it. */
  sentence: string;
  location: FindingLocation;
}

export interface Findings {
  caseNumber: string | null;
  orderNumber: string | null;
  issueDescription: string | null;
  channel: Channel;
  direction: Direction;
  contactPerson: string | null;
  summary: string;
  nextSteps: string | null;
  /** YYYY-MM-DD, computed from the message date. */
  nextStepsDue: string | null;
  resolution: ResolutionFinding | null;
  /**
   * What a customer's own message reports as decided (`your colleague said on the phone: full refund
   * approved`). Never a resolution (a customer's message confirms nothing; `resolution` is null for
   * it): at most a suggestion for the user to confirm. Null for support mail.
   */
  reportedResolution?: ResolutionFinding | null;
  reasons: Reason[];
  /**
   * What the rules never saw: the new text's sentences set aside as boilerplate or the sender's
   * template, with their class. For `analyze --explain`; not part of the `--json` record.
   */
  setAside?: SetAsideSentence[];
  /**
   * Sentences that looked like a resolution and were rejected, with why (`approved, but 'once we
   * receive' made it conditional`). For `analyze --explain`; not part of the `--json` record.
   */
  rejectedResolutions?: RejectedResolution[];
}
