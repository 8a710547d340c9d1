// What a corpus fixture's `.expected.json` pins: the contract fields that must not change by
// accident. Shared by the corpus test and the script that regenerates expectations, so both
// compare exactly the same thing.
import type { AnalysisRecord } from '../../src/cli/analyze-command.js';

/** The users of the corpus: what they write themselves is from the customer side. */
export const CORPUS_CUSTOMERS = [
  'alice@example.net',
  'bob@example.org',
  'chloe@example.fr',
  'diego@example.es',
  'katrin@example.de',
];

export interface CorpusExpectation {
  caseNumber: string | null;
  orderNumber: string | null;
  channel: string;
  direction: string;
  contactPerson: string | null;
  nextSteps: string | null;
  nextStepsDue: string | null;
  resolution: { outcome: string; amount: number | null; currency: string | null; transactionId: string | null } | null;
  original: { from: string | null; date: string | null; subject: string };
  forwardedBy: string | null;
}

/** Keys an expectation file may carry besides the pinned fields (notes for the reader). */
export const NOTE_KEYS = ['trap', 'note'] as const;

export function expectationOf(record: Extract<AnalysisRecord, { ok: true }>): CorpusExpectation {
  return {
    caseNumber: record.caseNumber,
    orderNumber: record.orderNumber,
    channel: record.channel,
    direction: record.direction,
    contactPerson: record.contactPerson,
    nextSteps: record.nextSteps,
    nextStepsDue: record.nextStepsDue,
    resolution: record.resolution
      ? {
          outcome: record.resolution.outcome,
          amount: record.resolution.amount,
          currency: record.resolution.currency,
          transactionId: record.resolution.transactionId,
        }
      : null,
    original: { from: record.original.from, date: record.original.date, subject: record.original.subject },
    forwardedBy: record.forwardedBy,
  };
}

/** The pinned part of an expectation file (notes removed). */
export function pinnedPart(file: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(file).filter(([k]) => !(NOTE_KEYS as readonly string[]).includes(k)));
}
