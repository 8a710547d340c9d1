import { type CaseView, day, dayTime, logLine, outcomeText } from './case-view.js';
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

/** `cases show`: one case in full, every log entry with its next steps. */
export function caseToText(c: CaseView): string {
  const lines = [
    `Case ${c.caseNumber}  [${c.status}]`,
    `  Merchant:      ${c.merchant ?? '-'}`,
    `  Order:         ${c.orderNumber ?? '-'}`,
    `  Opened:        ${day(c.openedAt)}`,
    `  Issue:         ${c.issueDescription ?? '-'}`,
    `  Resolution:    ${c.resolution ? `${day(c.resolution.date)} ${outcomeText(c)}` : '-'}`,
  ];
  if (c.suggestedResolution) lines.push(`  Suggested:     ${c.suggestedResolution.outcome} (needs your confirmation)`);
  lines.push('', '  Communication log:');
  for (const e of c.log) {
    lines.push(
      `  - ${dayTime(e.occurredAt)}  ${e.channel}  ${e.direction}${e.contactPerson ? `  ${e.contactPerson}` : ''}`,
    );
    lines.push(`      ${e.summary}`);
    if (e.nextSteps) lines.push(`      Next: ${e.nextSteps}${e.nextStepsDue ? ` (due ${e.nextStepsDue})` : ''}`);
  }
  return `${terminalSafe(lines.join('\n'))}\n`;
}
