import type { InboundMessage } from '../ingest/inbound-message.js';
import type { SetAsideSentence } from './boilerplate.js';
import { findCaseNumbers } from './case-number.js';
import { contextOf } from './context.js';
import type { Findings, Reason } from './findings.js';
import type { RejectedResolution } from './resolution.js';
import type { Ruleset } from './ruleset.js';

/**
 * One line of `analyze --json`: the analysis contract, documented field by field in
 * docs/analysis-contract.md. Built here, from the message and its findings, so that the CLI, the
 * corpus script and the tests read the same record; nothing in this module reads a file or a clock.
 */
export type AnalysisRecord = AnalyzedRecord | FailedRecord;

export type AnalyzedRecord = { file: string; ok: true } & Omit<
  Findings,
  'resolution' | 'reasons' | 'reportedResolution'
> & {
    resolution: RecordResolution | null;
    original: { from: string | null; date: string | null; subject: string; messageId: string | null };
    forwardedBy: string | null;
    reasons: Findings['reasons'];
  };

/** The resolution as the contract prints it: without the rule and sentence, which are in `reasons`. */
export interface RecordResolution {
  outcome: string;
  amount: number | null;
  currency: string | null;
  transactionId: string | null;
  confidence: number;
}

export interface FailedRecord {
  file: string;
  ok: false;
  error: string;
}

/** The record of a file that could not be analyzed. */
export function failedRecord(file: string, error: string): FailedRecord {
  return { file, ok: false, error };
}

/** The record of an analyzed message: its findings, the original's headers, and who forwarded it. */
export function analysisRecordOf(file: string, message: InboundMessage, f: Findings): AnalyzedRecord {
  return {
    file,
    ok: true,
    caseNumber: f.caseNumber,
    orderNumber: f.orderNumber,
    issueDescription: f.issueDescription,
    channel: f.channel,
    direction: f.direction,
    contactPerson: f.contactPerson,
    summary: f.summary,
    nextSteps: f.nextSteps,
    nextStepsDue: f.nextStepsDue,
    resolution: f.resolution
      ? {
          outcome: f.resolution.outcome,
          amount: f.resolution.amount,
          currency: f.resolution.currency,
          transactionId: f.resolution.transactionId,
          confidence: f.resolution.confidence,
        }
      : null,
    original: {
      from: message.original.from?.address || null,
      date: message.original.date,
      subject: message.original.subject,
      messageId: message.original.messageId,
    },
    forwardedBy: message.forward === 'none' ? null : (message.envelopeFrom?.address ?? null),
    reasons: f.reasons,
  };
}

/** A value a rule found that lost to a more trusted one. */
export interface Candidate extends Reason {
  value: string;
}

/** `analyze --explain`: the record, and what the rules saw but did not use. */
export interface Explanation {
  record: AnalysisRecord;
  /**
   * Other rules that found a case number, once per rule and value, at most MAX_ALSO_MATCHED: this
   * is how the author of a rule pack sees a rule that matched but lost to a more trusted one.
   */
  alsoMatched: Candidate[];
  /** Sentences of the new text set aside as boilerplate or template before any rule ran. */
  setAside?: SetAsideSentence[];
  /** Sentences that looked like a resolution and were rejected, with why. */
  rejected?: RejectedResolution[];
}

const MAX_ALSO_MATCHED = 6;

export interface ExplainOptions {
  ruleset: Ruleset;
  customerAddresses: string[];
}

/** The case-number candidates after the chosen one, deduplicated by rule and value. */
export function alsoMatchedOf(message: InboundMessage, options: ExplainOptions): Candidate[] {
  const alsoMatched: Candidate[] = [];
  const seen = new Set<string>();
  for (const m of findCaseNumbers(contextOf(message, options.customerAddresses), options.ruleset)) {
    const key = `${m.rule}\u0000${m.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // The first candidate is the one chosen (analyze takes the first), so it is not repeated.
    if (seen.size === 1 || alsoMatched.length >= MAX_ALSO_MATCHED) continue;
    alsoMatched.push({ rule: m.rule, field: 'caseNumber', matched: m.matched, location: m.location, value: m.value });
  }
  return alsoMatched;
}

/** The explanation of an analyzed message: its record and the candidates that lost. */
export function explanationOf(
  file: string,
  message: InboundMessage,
  findings: Findings,
  options: ExplainOptions,
): Explanation {
  return {
    record: analysisRecordOf(file, message, findings),
    alsoMatched: alsoMatchedOf(message, options),
    setAside: findings.setAside ?? [],
    rejected: findings.rejectedResolutions ?? [],
  };
}

/** The explanation of a file that could not be analyzed. */
export function failedExplanation(file: string, error: string): Explanation {
  return { record: failedRecord(file, error), alsoMatched: [] };
}
