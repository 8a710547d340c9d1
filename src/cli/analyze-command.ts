import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { RefundTrackerError } from '../errors.js';
import type { InboundMessage } from '../ingest/inbound-message.js';
import { parseInboundMessage } from '../ingest/parse-message.js';
import { analyze } from '../rules/analyze.js';
import type { Findings } from '../rules/findings.js';
import type { Ruleset } from '../rules/ruleset.js';

/** One line of `analyze --json`: the DESIGN.md contract. */
export type AnalysisRecord =
  | ({ file: string; ok: true } & Omit<Findings, 'resolution' | 'reasons'> & {
        resolution: {
          outcome: string;
          amount: number | null;
          currency: string | null;
          transactionId: string | null;
          confidence: number;
        } | null;
        original: { from: string | null; date: string | null; subject: string; messageId: string | null };
        forwardedBy: string | null;
        reasons: Findings['reasons'];
      })
  | { file: string; ok: false; error: string };

export interface AnalyzeFileOptions {
  ruleset: Ruleset;
  maxBytes: number;
  customerAddresses: string[];
}

/** Stateless: reads one file, parses and analyzes it; no Redis, no MongoDB, no network. */
export async function analyzeFile(path: string, options: AnalyzeFileOptions): Promise<AnalysisRecord> {
  const file = basename(path);
  try {
    const info = await stat(path);
    if (info.size > options.maxBytes) {
      return { file, ok: false, error: `file is ${info.size} bytes, over the ${options.maxBytes}-byte limit` };
    }
    const message = await parseInboundMessage(await readFile(path), { maxBytes: options.maxBytes });
    return toRecord(file, message, analyze(message, options.ruleset, { customerAddresses: options.customerAddresses }));
  } catch (err) {
    const error =
      err instanceof RefundTrackerError
        ? `${err.code}: ${err.message}`
        : (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? `no such file: ${path}`
          : `cannot analyze: ${(err as Error).message}`;
    return { file, ok: false, error };
  }
}

function toRecord(file: string, message: InboundMessage, f: Findings): AnalysisRecord {
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

/** The human-readable form of one record (without --json). */
export function formatRecord(r: AnalysisRecord): string {
  if (!r.ok) return `${r.file}: ERROR ${r.error}\n`;
  const lines = [
    `${r.file}`,
    `  case number:    ${r.caseNumber ?? '-'}`,
    `  order number:   ${r.orderNumber ?? '-'}`,
    `  issue:          ${r.issueDescription ?? '-'}`,
    `  from:           ${r.original.from ?? '-'} (${r.direction}, ${r.channel}) on ${r.original.date ?? 'unknown date'}`,
    `  contact person: ${r.contactPerson ?? '-'}`,
    `  summary:        ${r.summary}`,
    `  next steps:     ${r.nextSteps ?? '-'}${r.nextStepsDue ? ` (due ${r.nextStepsDue})` : ''}`,
    `  resolution:     ${
      r.resolution
        ? `${r.resolution.outcome} ${r.resolution.amount ?? ''} ${r.resolution.currency ?? ''} ${r.resolution.transactionId ?? ''} (confidence ${r.resolution.confidence})`.replace(
            /\s+/g,
            ' ',
          )
        : '-'
    }`,
  ];
  return `${lines.join('\n')}\n`;
}
