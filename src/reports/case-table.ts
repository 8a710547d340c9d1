import {
  type CaseChangeView,
  type CaseLogView,
  type CaseView,
  channelLabel,
  day,
  dayTime,
  logLine,
  money,
  outcomeText,
  resolutionText,
} from './case-view.js';
import { csvField, markdownCell, terminalSafe } from './escape.js';

/** The columns of the user's case table, in order. */
export const CASE_TABLE_COLUMNS = [
  'Case Number',
  'Date Opened',
  'Issue Description',
  'Communication Log (Date, Channel, Summary)',
  'Resolution Date',
  'Final Outcome',
] as const;

function tableRow(c: CaseView, logSeparator: string): string[] {
  return [
    c.caseNumber,
    day(c.openedAt),
    c.issueDescription ?? '',
    c.log.map(logLine).join(logSeparator),
    day(c.resolution?.date),
    outcomeText(c),
  ];
}

export function casesToMarkdown(cases: CaseView[]): string {
  const lines = [
    `| ${CASE_TABLE_COLUMNS.join(' | ')} |`,
    `|${CASE_TABLE_COLUMNS.map(() => ' --- ').join('|')}|`,
    ...cases.map((c) => `| ${tableRow(c, '\n').map(markdownCell).join(' | ')} |`),
  ];
  return `${terminalSafe(lines.join('\n'))}\n`;
}

export function casesToCsv(cases: CaseView[]): string {
  const header = [...CASE_TABLE_COLUMNS, 'Status', 'Merchant', 'Order Number', 'Owner'];
  const rows = cases.map((c) => [...tableRow(c, '\n'), c.status, c.merchant ?? '', c.orderNumber ?? '', c.owner]);
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The one-line state of a case: `Case GTB-1  [resolved]  Full refund (129.99 USD, transaction TXN1)`. */
export function caseStateLine(c: CaseView): string {
  const outcome = outcomeText(c);
  return terminalSafe(`Case ${c.caseNumber}  [${c.status}]${outcome ? `  ${outcome}` : ''}`);
}

/**
 * A log entry in `cases show`: when, channel, direction, contact, who added it; then, indented, its summary
 * and its next step.
 */
export function logEntryLines(e: CaseLogView): string[] {
  const added = e.addedBy ? `  (added by ${e.addedBy.by} via ${e.addedBy.via})` : '';
  const lines = [
    `${dayTime(e.occurredAt)}  ${channelLabel(e.channel)}  ${e.direction}${e.contactPerson ? `  ${e.contactPerson}` : ''}${added}`,
    `    ${e.summary}`,
  ];
  if (e.nextSteps) lines.push(`    Next: ${e.nextSteps}${e.nextStepsDue ? ` (due ${e.nextStepsDue})` : ''}`);
  return lines.map(terminalSafe);
}

/** A change in the case's history: when, what, by whom and how, the user's words, the outcome it recorded. */
export function changeLine(ch: CaseChangeView): string {
  const who = ch.by ? ` by ${ch.by}${ch.via ? ` (${ch.via})` : ''}` : ' by the tracker';
  const outcome = ch.resolution ? `  → ${resolutionText(ch.resolution)}` : '';
  return terminalSafe(`${dayTime(ch.at)}  ${ch.action}${who}${ch.note ? `: ${ch.note}` : ''}${outcome}`);
}

/** `cases show`: one case in full, every log entry with its next steps, and the changes the user made. */
export function caseToText(c: CaseView): string {
  const lines = [
    `Case ${c.caseNumber}  [${c.status}]${c.keyKind === 'order' ? '  (known only by its order number)' : ''}`,
    `  Merchant:      ${c.merchant ?? '-'}`,
    `  Order:         ${c.orderNumber ?? '-'}`,
    `  Opened:        ${day(c.openedAt)}`,
    `  Issue:         ${c.issueDescription ?? '-'}`,
    `  Resolution:    ${c.resolution ? `${day(c.resolution.date)} ${outcomeText(c)}` : '-'}`,
  ];
  const s = c.suggestedResolution;
  if (s) {
    const amount = money(s.amount, s.currency);
    lines.push(
      `  Suggested:     ${s.outcome}${amount ? ` (${amount})` : ''} (needs your confirmation): ` +
        `refund-tracker cases confirm ${c.caseNumber}`,
    );
  }
  if (c.mailAfterUserClose) {
    const { count, latestAt } = c.mailAfterUserClose;
    lines.push(
      `  New mail:      ${count} since you closed it (latest ${day(latestAt)}): mail after your close; ` +
        'your close stands until you reopen',
    );
  }
  lines.push('', '  Communication log:');
  for (const e of c.log) lines.push(...logEntryLines(e).map((l, i) => (i === 0 ? `  - ${l}` : `  ${l}`)));
  const changes = (c.changes ?? []).filter((ch) => ch.action !== 'note');
  if (changes.length > 0) {
    lines.push('', '  Changes:');
    for (const ch of changes) lines.push(`  - ${changeLine(ch)}`);
  }
  return `${terminalSafe(lines.join('\n'))}\n`;
}
