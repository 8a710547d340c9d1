import { type CaseView, channelLabel, day, outcomeText } from './case-view.js';
import { escapeHtml } from './escape.js';

export interface DigestContent {
  owner: string;
  /** The user's local day, YYYY-MM-DD. */
  date: string;
  newCases: CaseView[];
  updatedCases: CaseView[];
  resolvedCases: CaseView[];
  openCases: CaseView[];
}

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

/**
 * Sorts an owner's cases into the digest's sections. "Since" is when the previous digest went
 * out (or a day before `now`): what was created, updated or resolved in that window.
 */
export function digestContent(owner: string, date: string, cases: CaseView[], since: Date): DigestContent {
  const after = (d: Date | undefined | null) => d !== undefined && d !== null && d > since;
  const resolvedCases = cases.filter((c) => c.status === 'resolved' && after(c.updatedAt));
  const newCases = cases.filter((c) => after(c.createdAt) && !resolvedCases.includes(c));
  const updatedCases = cases.filter((c) => after(c.updatedAt) && !newCases.includes(c) && !resolvedCases.includes(c));
  const openCases = cases.filter((c) => c.status !== 'resolved');
  return { owner, date, newCases, updatedCases, resolvedCases, openCases };
}

export function isEmptyDigest(d: DigestContent): boolean {
  return d.newCases.length + d.updatedCases.length + d.resolvedCases.length + d.openCases.length === 0;
}

const lastEntry = (c: CaseView) => c.log[c.log.length - 1];

function caseLineText(c: CaseView): string {
  const last = lastEntry(c);
  const parts = [`${c.caseNumber} (${c.merchant ?? 'unknown merchant'}): ${c.issueDescription ?? ''}`.trim()];
  if (c.resolution) parts.push(`  Outcome: ${outcomeText(c)} on ${day(c.resolution.date)}`);
  else parts.push(`  Status: ${c.status.replace(/_/g, ' ')}`);
  if (last) parts.push(`  Last: ${day(last.occurredAt)} ${channelLabel(last.channel)}: ${last.summary}`);
  if (last?.nextSteps) parts.push(`  Next: ${last.nextSteps}${last.nextStepsDue ? ` (due ${last.nextStepsDue})` : ''}`);
  return parts.join('\n');
}

function caseLineHtml(c: CaseView): string {
  const last = lastEntry(c);
  const status = c.resolution
    ? `<strong>${escapeHtml(outcomeText(c))}</strong> on ${escapeHtml(day(c.resolution.date))}`
    : escapeHtml(c.status.replace(/_/g, ' '));
  return [
    '<li>',
    `<strong>${escapeHtml(c.caseNumber)}</strong> (${escapeHtml(c.merchant ?? 'unknown merchant')}): ${escapeHtml(c.issueDescription ?? '')}<br>`,
    `${status}`,
    last
      ? `<br>Last: ${escapeHtml(day(last.occurredAt))} ${escapeHtml(channelLabel(last.channel))}: ${escapeHtml(last.summary)}`
      : '',
    last?.nextSteps
      ? `<br>Next: ${escapeHtml(last.nextSteps)}${last.nextStepsDue ? ` (due ${escapeHtml(last.nextStepsDue)})` : ''}`
      : '',
    '</li>',
  ].join('');
}

const SECTIONS: [keyof Omit<DigestContent, 'owner' | 'date'>, string][] = [
  ['newCases', 'New cases'],
  ['updatedCases', 'Updated cases'],
  ['resolvedCases', 'Resolved cases'],
  ['openCases', 'Open cases'],
];

/** The digest as plain text and HTML; every value from mail is escaped in the HTML part. */
export function renderDigest(d: DigestContent): RenderedDigest {
  const counts = `${d.resolvedCases.length} resolved, ${d.openCases.length} open`;
  const subject = `Refund tracker digest for ${d.date}: ${counts}`;
  const textParts = [`Refund tracker digest for ${d.owner}, ${d.date}`, ''];
  const htmlParts = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h1>Refund tracker digest, ${escapeHtml(d.date)}</h1>`,
  ];
  for (const [key, title] of SECTIONS) {
    const list = d[key];
    if (list.length === 0) continue;
    textParts.push(`${title} (${list.length})`, ...list.map(caseLineText), '');
    htmlParts.push(`<h2>${escapeHtml(title)} (${list.length})</h2><ul>${list.map(caseLineHtml).join('')}</ul>`);
  }
  htmlParts.push('</body></html>');
  return { subject, text: textParts.join('\n'), html: htmlParts.join('\n') };
}
