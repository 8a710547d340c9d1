import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { RefundTrackerError } from '../errors.js';
import type { CaseRecord, CaseResolution } from '../models/case-store.js';
import { casesToCsv, casesToMarkdown, caseToText } from '../reports/case-table.js';
import { caseViewOf } from '../reports/case-view.js';
import { terminalSafe } from '../reports/escape.js';
import { CASE_STATUSES, type CaseStatus } from '../rules/case-terms.js';
import { oneOf, terminalSafeJson, withStore } from './program.js';

const EXPORT_FORMATS = ['csv', 'md', 'json'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `cases list|show|export`. */
export function registerCasesCommands(program: Command): void {
  const cases = program.command('cases').description('List, show and export cases (needs MONGODB_URI).');
  cases
    .command('list')
    .description('One line per case.')
    .option('--owner <address>', 'only this user’s cases')
    .addOption(new Option('--status <status>', 'only cases with this status').argParser(oneOf(CASE_STATUSES)))
    .option(
      '--json',
      'print one JSON array instead (an empty array when there are none), an object per case: owner, caseNumber, ' +
        'keyKind (case or order), status, merchant, orderNumber, openedAt, lastMessageAt (ISO 8601, UTC), ' +
        'messages (count), issueDescription, resolution, suggestedResolution, attention; the log is in ' +
        "'cases export --format json'",
    )
    .action(async (opts: { owner?: string; status?: CaseStatus; json?: boolean }) => {
      await withStore(async (store) => {
        const files = await store.cases.caseFiles({ owner: opts.owner?.toLowerCase(), status: opts.status });
        if (opts.json) {
          process.stdout.write(`${terminalSafeJson(files.map((c) => caseJson(c)))}\n`);
          return;
        }
        if (files.length === 0) process.stdout.write('No cases.\n');
        for (const c of files) {
          const last = c.log[c.log.length - 1];
          process.stdout.write(
            `${terminalSafe(
              `${c.caseNumber}\t${c.status}\t${c.openedAt.toISOString().slice(0, 10)}\t${c.merchant ?? '-'}\t${c.log.length} messages\t${last ? last.occurredAt.toISOString().slice(0, 10) : '-'}\t${c.issueDescription ?? ''}`,
            )}\n`,
          );
        }
      });
    });
  cases
    .command('show')
    .description('A case in full: status, resolution and the communication log.')
    .argument('<case>', 'case number, as printed')
    .option('--owner <address>', 'the user whose case it is, when several users share a case number')
    .action(async (caseNumber: string, opts: { owner?: string }) => {
      await withStore(async (store) => {
        const [found] = await store.cases.caseFiles({ caseNumber, owner: opts.owner?.toLowerCase() });
        if (!found) throw new RefundTrackerError('case_not_found', `no case ${caseNumber}`);
        process.stdout.write(caseToText(caseViewOf(found)));
      });
    });
  cases
    .command('export')
    .description(
      'The case table as CSV or a Markdown table, or as JSON: one indented array, each case as ' +
        "in 'cases list --json' plus its log and the user's changes (dates ISO 8601, UTC).",
    )
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('--owner <address>', 'only this user’s cases')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (opts: { format: ExportFormat; owner?: string; output?: string }) => {
      await withStore(async (store) => {
        const files = await store.cases.caseFiles({ owner: opts.owner?.toLowerCase() });
        const text = exportText(files, opts.format);
        if (opts.output) await writeFile(opts.output, text);
        else process.stdout.write(text);
      });
    });
}

function exportText(files: CaseRecord[], format: ExportFormat): string {
  switch (format) {
    case 'csv':
      return casesToCsv(files.map(caseViewOf));
    case 'md':
      return casesToMarkdown(files.map(caseViewOf));
    case 'json':
      // Indented, for reading and diffing.
      return `${terminalSafeJson(
        files.map((c) => caseJson(c, { withLog: true })),
        2,
      )}\n`;
  }
}

/** A resolution as JSON: what it is and where it came from. */
function resolutionJson(r: CaseResolution | null) {
  if (!r) return null;
  return {
    date: r.date,
    outcome: r.outcome,
    amount: r.amount,
    currency: r.currency,
    transactionId: r.transactionId,
    sourceMessageId: r.sourceMessageId,
  };
}

/**
 * A case as JSON: the fields named here and nothing else, so the output does not change when the
 * store's records grow. Dates serialize as ISO 8601 strings (UTC). `--format json` adds the log and
 * the user's changes.
 */
function caseJson(c: CaseRecord, options: { withLog?: boolean } = {}) {
  return {
    owner: c.owner,
    caseNumber: c.caseNumber,
    keyKind: c.keyKind,
    status: c.status,
    merchant: c.merchant,
    orderNumber: c.orderNumber,
    openedAt: c.openedAt,
    lastMessageAt: c.log[c.log.length - 1]?.occurredAt ?? null,
    messages: c.log.length,
    issueDescription: c.issueDescription,
    resolution: resolutionJson(c.resolution),
    suggestedResolution: resolutionJson(c.suggestedResolution),
    attention: c.attention,
    ...(options.withLog
      ? {
          log: c.log.map((e) => ({
            occurredAt: e.occurredAt,
            channel: e.channel,
            direction: e.direction,
            contactPerson: e.contactPerson,
            summary: e.summary,
            nextSteps: e.nextSteps,
            nextStepsDue: e.nextStepsDue,
            subject: e.subject,
            messageId: e.messageId,
            addedBy: e.addedBy ? { by: e.addedBy.by, via: e.addedBy.via } : null,
          })),
          changes: c.manualChanges.map((m) => ({
            at: m.at,
            action: m.action,
            by: m.by,
            via: m.via,
            note: m.note,
            resolution: resolutionJson(m.resolution),
          })),
        }
      : {}),
  };
}
