import type { Command } from 'commander';
import { loadImapConfig, loadRulesPaths } from '../config.js';
import { MailboxConnection } from '../ingest/mailbox-connection.js';
import { StoredMail } from '../ingest/stored-mail.js';
import { createLogger } from '../logger.js';
import { SenderTemplateStore } from '../models/sender-template-store.js';
import { terminalSafe } from '../reports/escape.js';
import type { PolicyResolution } from '../rules/case-policy.js';
import { warmUpRules } from '../rules/warm-up.js';
import { type CaseReport, type CaseState, reanalyze } from '../workers/reanalyze.js';
import { withStore } from './program.js';
import { loadRuleFiles } from './rule-files.js';

/** `reanalyze`: the stored messages analysed again with the current rules; what changes, then (unless --dry-run) applied. */
export function registerReanalyzeCommand(program: Command): void {
  program
    .command('reanalyze')
    .description(
      'Analyse the logged messages again (read back from the Processed mailbox) with the current rules and sender ' +
        'templates, e.g. after a rule change, and print per case what changes: each entry (field: old → new) and ' +
        'the case’s status and resolution before → after. Without --dry-run the changes are applied. Your own ' +
        'changes (close, confirm, reopen, notes) are never touched and keep their effect; a message that would now ' +
        'belong to another case is reported, not moved. Needs MongoDB and the IMAP settings.',
    )
    .option('--case <case>', 'only this case')
    .option('--owner <address>', 'only this user’s cases')
    .option(
      '--rules <file>',
      'a rule pack (.yaml, .yml, .json) or a directory of them, loaded after RULES_PATH; repeatable',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--dry-run', 'only show what would change')
    .action(async (opts: { case?: string; owner?: string; rules: string[]; dryRun?: boolean }) => {
      const imap = loadImapConfig();
      const { ruleset } = await loadRuleFiles([...loadRulesPaths(), ...opts.rules]);
      warmUpRules(ruleset);
      const dryRun = opts.dryRun === true;
      // Errors only: pino writes to standard output, which is the report.
      const logger = createLogger(process.env.LOG_LEVEL ?? 'error').child({ component: 'reanalyze' });
      await withStore(async (store) => {
        const templates = await SenderTemplateStore.open(store.connection);
        const connection = new MailboxConnection(imap, logger);
        try {
          const reports = await reanalyze(
            { cases: store.cases, mail: new StoredMail(connection), imap, ruleset, templates, logger },
            {
              owner: opts.owner?.trim().toLowerCase(),
              caseNumber: opts.case?.trim(),
              dryRun,
              onCase: (report) => {
                const text = caseReportText(report);
                if (text) process.stdout.write(`${terminalSafe(text)}\n`);
              },
            },
          );
          process.stdout.write(`${terminalSafe(totalsText(reports, dryRun, opts.case))}\n`);
        } finally {
          await connection.close();
        }
      });
    });
}

/** One case's changes, identity changes and problems; empty when there is nothing to say. */
function caseReportText(report: CaseReport): string {
  if (report.entries.length === 0 && report.identityChanges.length === 0 && report.problems.length === 0) return '';
  const lines = [`Case ${report.caseNumber} (${report.owner})`];
  if (report.before && report.after) lines.push(`  case: ${caseStateChange(report.before, report.after)}`);
  for (const entry of report.entries) {
    lines.push(`  ${entry.occurredAt.toISOString().slice(0, 10)} ${entry.subject || '(no subject)'}`);
    for (const c of entry.changes) lines.push(`    ${c.field}: ${valueText(c.before)} → ${valueText(c.after)}`);
  }
  for (const moved of report.identityChanges) {
    lines.push(
      `  ! ${moved.subject || moved.messageKey}: would now belong to ${
        moved.now === null ? 'no case' : `case ${moved.now}`
      } (not applied: identity changes are only reported; use cases renumber or cases merge)`,
    );
  }
  for (const p of report.problems) lines.push(`  ? ${p.messageKey}: ${p.problem}`);
  return lines.join('\n');
}

function caseStateChange(before: CaseState, after: CaseState): string {
  const parts: string[] = [];
  const status =
    before.status === after.status ? `status ${after.status}` : `status ${before.status} → ${after.status}`;
  parts.push(status);
  const rb = resolutionText(before.resolution);
  const ra = resolutionText(after.resolution);
  parts.push(rb === ra ? `resolution ${ra}` : `resolution ${rb} → ${ra}`);
  const sb = resolutionText(before.suggestedResolution);
  const sa = resolutionText(after.suggestedResolution);
  if (sb !== sa) parts.push(`suggestion ${sb} → ${sa}`);
  if (before.status === after.status && rb === ra && sb === sa) parts.push('(unchanged)');
  return parts.join('; ');
}

function resolutionText(r: PolicyResolution | null): string {
  if (!r) return 'none';
  const amount = r.amount === null ? '' : ` ${r.amount}${r.currency ? ` ${r.currency}` : ''}`;
  const by = r.rule?.startsWith('user/') ? ' (yours)' : r.confidence === null ? '' : ` (${r.confidence})`;
  return `${r.outcome}${amount}${by}`;
}

/** A field's value on one line: text quoted and cut at 100 characters, a resolution in short. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') {
    const flat = value.replace(/\s+/g, ' ').trim();
    return JSON.stringify(flat.length > 100 ? `${flat.slice(0, 99)}…` : flat);
  }
  if (typeof value === 'object' && 'outcome' in (value as object)) return resolutionText(value as PolicyResolution);
  return String(value);
}

function totalsText(reports: CaseReport[], dryRun: boolean, caseNumber: string | undefined): string {
  if (reports.length === 0) {
    return caseNumber ? `No logged messages in case ${caseNumber}.` : 'No logged messages to reanalyse.';
  }
  const changing = reports.filter((r) => r.entries.length > 0);
  const entries = changing.reduce((n, r) => n + r.entries.length, 0);
  const moved = reports.reduce((n, r) => n + r.identityChanges.length, 0);
  const problems = reports.reduce((n, r) => n + r.problems.length, 0);
  const parts = [
    `${reports.length} case${reports.length === 1 ? '' : 's'} reanalysed: ${changing.length} ${
      dryRun ? 'would change' : 'changed'
    } (${entries} entr${entries === 1 ? 'y' : 'ies'})`,
  ];
  if (moved > 0) parts.push(`${moved} message${moved === 1 ? '' : 's'} would belong to another case (not applied)`);
  if (problems > 0) parts.push(`${problems} message${problems === 1 ? '' : 's'} could not be reanalysed`);
  const tail = dryRun
    ? changing.length > 0
      ? ' Dry run: nothing changed; run again without --dry-run to apply.'
      : ' Dry run: nothing changed.'
    : '';
  return `${parts.join('; ')}.${tail}`;
}
