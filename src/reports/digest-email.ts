// The digest as an email: responsive HTML (inline CSS, no tables, one column that wraps any long
// token) and its plain-text twin, in the user's language. Every value from mail is escaped in the HTML.
import type { CaseLogView, CaseView } from './case-view.js';
import {
  type Attention,
  type CaseLine,
  countsOf,
  type DigestContent,
  type DigestQuarantineItem,
  type DigestSuggestion,
  type MoneyLine,
} from './digest-content.js';
import { escapeHtml } from './escape.js';
import {
  formatAmount,
  formatDay,
  formatMonth,
  type Labels,
  labelOf,
  labelsFor,
  type ReportLanguage,
} from './labels.js';

export {
  type DigestContent,
  type DigestInput,
  digestContent,
  isEmptyDigest,
  localDay,
} from './digest-content.js';

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
  language: ReportLanguage;
}

/** The program's name as the user types it. */
const PROGRAM = 'refund-tracker';

/**
 * A value as a shell word the user can paste: as is when it holds only safe characters, else in
 * single quotes (a case number from mail never runs anything in the user's shell).
 */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9._:/#@+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export const commands = {
  confirm: (caseNumber: string) => `${PROGRAM} cases confirm ${shellWord(caseNumber)}`,
  followup: (caseNumber: string) => `${PROGRAM} cases followup ${shellWord(caseNumber)}`,
  show: (caseNumber: string) => `${PROGRAM} cases show ${shellWord(caseNumber)}`,
  retry: (id: string) => `${PROGRAM} quarantine retry ${shellWord(id)}`,
  /** What a reply to the digest says (email commands; the case number as it is). */
  replyConfirm: (caseNumber: string) => `confirm ${caseNumber}`,
};

/** Everything a renderer needs about one language. */
interface Speech {
  language: ReportLanguage;
  l: Labels;
  day: (isoDay: string) => string;
  dayOf: (date: Date) => string;
  amount: (amount: number | null, currency: string | null) => string;
}

function speechOf(language: ReportLanguage): Speech {
  const l = labelsFor(language);
  return {
    language,
    l,
    day: (d) => formatDay(d, language),
    dayOf: (date) => formatDay(date.toISOString().slice(0, 10), language),
    amount: (a, c) => (a === null ? '' : formatAmount(a, c, language)),
  };
}

const suggestionText = (s: DigestSuggestion, sp: Speech) =>
  [labelOf(sp.l.outcomes, s.outcome), sp.amount(s.amount, s.currency)].filter(Boolean).join(' ');

function resolutionText(r: NonNullable<CaseView['resolution']>, sp: Speech): string {
  const details = [sp.amount(r.amount, r.currency), r.transactionId ? sp.l.transaction(r.transactionId) : '']
    .filter(Boolean)
    .join(', ');
  const outcome = labelOf(sp.l.outcomes, r.outcome);
  return `${outcome}${details ? ` (${details})` : ''} · ${sp.dayOf(r.date)}`;
}

function attentionText(a: Attention, sp: Speech): string {
  switch (a.kind) {
    case 'mail_after_close':
      return sp.l.reasons.mailAfterClose;
    case 'confirm':
      return sp.l.reasons.confirm(suggestionText(a.suggestion, sp));
    case 'overdue':
      return sp.l.reasons.overdue(sp.day(a.due));
    case 'your_turn': {
      const base = a.due ? sp.l.reasons.yourTurnDue(sp.day(a.due)) : sp.l.reasons.yourTurn;
      return a.request ? `${base}${sp.l.colon}${sp.l.quote(a.request)}` : base;
    }
  }
}

/** The command lines a case's reasons call for: [label, command, reply alternative]. */
function actionsOf(line: CaseLine & { attention?: Attention[] }, sp: Speech): [string, string, string | null][] {
  const n = line.view.caseNumber;
  const actions: [string, string, string | null][] = [];
  for (const a of line.attention ?? []) {
    if (a.kind === 'confirm') actions.push([sp.l.actions.confirm, commands.confirm(n), commands.replyConfirm(n)]);
    if (a.kind === 'overdue') actions.push([sp.l.actions.followup, commands.followup(n), null]);
    if (a.kind === 'mail_after_close') actions.push([sp.l.actions.show, commands.show(n), null]);
  }
  return actions;
}

const who = (e: CaseLogView) => e.contactPerson ?? null;

function lastContactText(last: CaseLogView | null, sp: Speech): string {
  if (!last) return sp.l.noContactYet;
  return sp.l.lastContact(sp.dayOf(last.occurredAt), labelOf(sp.l.channels, last.channel), who(last));
}

function keyNote(view: CaseView, sp: Speech): string | null {
  const byOrder = view.keyKind === 'order' || view.caseNumber.startsWith('order:');
  return byOrder ? sp.l.orderKeyed : view.status === 'reopened' ? sp.l.reopened : null;
}

/** The three counts in the user's words, in the order of the sections. */
function tallyOf(d: DigestContent, sp: Speech): [string, string, string] {
  const c = countsOf(d);
  return [sp.l.counts.needsYou(c.needsYou), sp.l.counts.waiting(c.waiting), sp.l.counts.resolved(c.resolved)];
}

const moneyText = (m: MoneyLine, sp: Speech) => formatAmount(m.amount, m.currency || null, sp.language);

// --- Plain text -----------------------------------------------------------------------------------------

function caseText(
  line: CaseLine,
  flags: string[],
  sp: Speech,
  actions: [string, string, string | null][],
  marker = '!',
): string[] {
  const v = line.view;
  const note = keyNote(v, sp);
  const out = [`* ${v.caseNumber} · ${v.merchant ?? sp.l.unknownMerchant}${note ? ` (${note})` : ''}`];
  if (v.issueDescription) out.push(`  ${v.issueDescription}`);
  for (const f of flags) out.push(`  ${marker} ${f}`);
  const last = line.last;
  out.push(`  ${lastContactText(last, sp)}${last ? `: ${last.summary}` : ''}`);
  for (const [label, command, reply] of actions) {
    out.push(`  > ${label}: ${command}${reply ? ` (${sp.l.orReply(reply)})` : ''}`);
  }
  return out;
}

/** Why and when it was set aside; mail with no owner says that every user's digest lists it. */
function quarantineFlag(q: DigestQuarantineItem, reason: string, sp: Speech): string {
  const unowned = q.owner === null || q.owner === undefined ? ` · ${sp.l.quarantine.unowned}` : '';
  return `${sp.l.reasons.quarantined(reason)} · ${sp.dayOf(q.quarantinedAt)}${unowned}`;
}

function quarantineText(q: DigestQuarantineItem, sp: Speech): string[] {
  const reason = labelOf(sp.l.quarantineReasons, q.reason);
  return [
    `* ${q.subject ?? sp.l.quarantine.noSubject}${q.fromAddress ? ` (${sp.l.quarantine.from} ${q.fromAddress})` : ''}`,
    `  ! ${quarantineFlag(q, reason, sp)}`,
    `  > ${sp.l.actions.retry}: ${commands.retry(q.id)}`,
  ];
}

function moneyTextLines(d: DigestContent, sp: Speech): string[] {
  const { money } = d;
  const list = (lines: MoneyLine[]) =>
    lines.length === 0 ? sp.l.money.none : lines.map((m) => moneyText(m, sp)).join(', ');
  const out = [`${sp.l.money.outstanding}: ${list(money.outstanding)}`];
  if (money.withoutAmount > 0) out.push(`  ${sp.l.money.casesWithoutAmount(money.withoutAmount)}`);
  out.push(`${sp.l.money.refundedThisMonth(formatMonth(money.month, sp.language))}: ${list(money.refundedThisMonth)}`);
  return out;
}

function renderText(d: DigestContent, sp: Speech): string {
  const { l } = sp;
  const counts = countsOf(d);
  const out = [l.heading(sp.day(d.date)), tallyOf(d, sp).join(' · '), ''];
  const section = (title: string, n: number, hint: string, body: string[]) => {
    out.push(`${title.toUpperCase()} (${n})`, hint, '', ...body, '');
  };
  if (counts.needsYou > 0) {
    section(l.sections.needsYou, counts.needsYou, l.sectionHints.needsYou, [
      ...d.needsYou.flatMap((line) =>
        caseText(
          line,
          line.attention.map((a) => attentionText(a, sp)),
          sp,
          actionsOf(line, sp),
        ),
      ),
      ...d.quarantine.flatMap((q) => quarantineText(q, sp)),
    ]);
  } else {
    out.push(l.nothingNeedsYou, '');
  }
  if (d.waiting.length > 0) {
    section(
      l.sections.waiting,
      d.waiting.length,
      l.sectionHints.waiting,
      d.waiting.flatMap((line) =>
        caseText(line, [waitingFlag(line.days, line.promisedBy, sp)].filter(Boolean), sp, [], '~'),
      ),
    );
  }
  if (d.resolved.length > 0) {
    section(
      l.sections.resolved,
      d.resolved.length,
      l.sectionHints.resolved,
      d.resolved.flatMap((line) => caseText(line, [resolutionText(line.resolution, sp)], sp, [], '=')),
    );
  }
  out.push(`${l.sections.money.toUpperCase()}`, ...moneyTextLines(d, sp), '');
  out.push('--', l.footer(commands.show('CASE')));
  return out.join('\n');
}

function waitingFlag(days: number | null, promisedBy: string | null, sp: Speech): string {
  return [days === null ? '' : sp.l.waitingDays(days), promisedBy ? sp.l.promisedBy(sp.day(promisedBy)) : '']
    .filter(Boolean)
    .join(', ');
}

// --- HTML -----------------------------------------------------------------------------------------------

/** One palette per section: accent (title, flag text) and tint (flag background). */
const TONES = {
  needsYou: { accent: '#b45309', tint: '#fef3c7', ink: '#78350f' },
  waiting: { accent: '#1d4ed8', tint: '#dbeafe', ink: '#1e3a8a' },
  resolved: { accent: '#047857', tint: '#d1fae5', ink: '#064e3b' },
  money: { accent: '#334155', tint: '#f1f5f9', ink: '#0f172a' },
} as const;
type Tone = (typeof TONES)[keyof typeof TONES];

const FONT =
  "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,'Noto Sans','Liberation Sans',sans-serif";
const MONO = "ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono','Liberation Mono',monospace";
/** Any token may break: a 60-character order number or URL never widens the page. */
const WRAP = 'overflow-wrap:anywhere;word-break:break-word';

const h = escapeHtml;

function flagHtml(text: string, tone: Tone): string {
  return `<div style="margin-top:8px"><span style="display:inline-block;background:${tone.tint};color:${tone.ink};border-radius:12px;padding:3px 10px;font-size:13px;line-height:1.4;font-weight:600;${WRAP}">${h(text)}</span></div>`;
}

function actionHtml([label, command, reply]: [string, string, string | null], sp: Speech): string {
  return [
    `<div style="margin-top:10px;font-size:13px;line-height:1.5;color:#334155;${WRAP}">`,
    `<span style="font-weight:700">${h(label)}</span>`,
    reply ? ` <span style="color:#64748b">· ${h(sp.l.orReply(reply))}</span>` : '',
    `<div style="margin-top:4px;font-family:${MONO};font-size:12.5px;line-height:1.5;background:#0f172a;color:#e2e8f0;border-radius:8px;padding:7px 10px;${WRAP}">${h(command)}</div>`,
    '</div>',
  ].join('');
}

function caseHtml(
  line: CaseLine,
  flags: string[],
  tone: Tone,
  sp: Speech,
  actions: [string, string, string | null][],
  first: boolean,
): string {
  const v = line.view;
  const note = keyNote(v, sp);
  const last = line.last;
  return [
    `<div style="padding:14px 0;${first ? '' : 'border-top:1px solid #e5e7eb;'}${WRAP}">`,
    `<div style="font-size:15px;line-height:1.4;color:#0f172a">`,
    `<span style="font-family:${MONO};font-weight:700;${WRAP}">${h(v.caseNumber)}</span>`,
    ` <span style="color:#64748b">· ${h(v.merchant ?? sp.l.unknownMerchant)}</span>`,
    note ? ` <span style="color:#64748b;font-size:13px">(${h(note)})</span>` : '',
    '</div>',
    v.issueDescription
      ? `<div style="margin-top:3px;font-size:14px;line-height:1.45;color:#1f2937">${h(v.issueDescription)}</div>`
      : '',
    ...flags.map((f) => flagHtml(f, tone)),
    `<div style="margin-top:8px;font-size:13px;line-height:1.5;color:#475569">`,
    `<span style="color:#64748b">${h(lastContactText(last, sp))}${last ? ':' : ''}</span>`,
    last ? ` ${h(last.summary)}` : '',
    '</div>',
    ...actions.map((a) => actionHtml(a, sp)),
    '</div>',
  ].join('');
}

function quarantineHtml(q: DigestQuarantineItem, tone: Tone, sp: Speech, first: boolean): string {
  const reason = labelOf(sp.l.quarantineReasons, q.reason);
  return [
    `<div style="padding:14px 0;${first ? '' : 'border-top:1px solid #e5e7eb;'}${WRAP}">`,
    `<div style="font-size:15px;line-height:1.4;color:#0f172a;font-weight:600">${h(q.subject ?? sp.l.quarantine.noSubject)}</div>`,
    q.fromAddress
      ? `<div style="margin-top:3px;font-size:13px;color:#64748b">${h(sp.l.quarantine.from)} ${h(q.fromAddress)}</div>`
      : '',
    flagHtml(quarantineFlag(q, reason, sp), tone),
    actionHtml([sp.l.actions.retry, commands.retry(q.id), null], sp),
    '</div>',
  ].join('');
}

function sectionHtml(title: string, count: number | null, hint: string, tone: Tone, body: string): string {
  const badge =
    count === null
      ? ''
      : ` <span style="display:inline-block;min-width:22px;text-align:center;background:${tone.accent};color:#ffffff;border-radius:999px;padding:1px 8px;font-size:13px;vertical-align:2px">${count}</span>`;
  return [
    `<div style="background:#ffffff;border-radius:14px;border:1px solid #e5e7eb;border-top:4px solid ${tone.accent};padding:18px 20px 6px;margin:0 0 16px">`,
    `<h2 style="margin:0;font-size:18px;line-height:1.3;color:${tone.accent}">${h(title)}${badge}</h2>`,
    `<div style="margin:2px 0 4px;font-size:13px;color:#64748b">${h(hint)}</div>`,
    body,
    '</div>',
  ].join('');
}

function moneyTile(label: string, lines: MoneyLine[], sp: Speech, extra: string | null): string {
  const amounts =
    lines.length === 0
      ? `<div style="font-size:15px;color:#94a3b8">${h(sp.l.money.none)}</div>`
      : lines
          .map(
            (m) =>
              `<div style="font-size:20px;line-height:1.35;font-weight:700;color:#0f172a;${WRAP}">${h(moneyText(m, sp))}</div>`,
          )
          .join('');
  return [
    `<div style="flex:1 1 220px;box-sizing:border-box;margin:0 0 12px;padding:12px 14px;background:${TONES.money.tint};border-radius:10px">`,
    `<div style="font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#64748b;margin-bottom:4px">${h(label)}</div>`,
    amounts,
    extra ? `<div style="margin-top:4px;font-size:12.5px;color:#64748b">${h(extra)}</div>` : '',
    '</div>',
  ].join('');
}

function renderHtml(d: DigestContent, sp: Speech): string {
  const { l } = sp;
  const counts = countsOf(d);
  const sections: string[] = [];
  if (counts.needsYou > 0) {
    const tone = TONES.needsYou;
    const items = [
      ...d.needsYou.map((line, i) =>
        caseHtml(
          line,
          line.attention.map((a) => attentionText(a, sp)),
          tone,
          sp,
          actionsOf(line, sp),
          i === 0,
        ),
      ),
      ...d.quarantine.map((q, i) => quarantineHtml(q, tone, sp, d.needsYou.length + i === 0)),
    ];
    sections.push(sectionHtml(l.sections.needsYou, counts.needsYou, l.sectionHints.needsYou, tone, items.join('')));
  }
  if (d.waiting.length > 0) {
    const tone = TONES.waiting;
    const items = d.waiting.map((line, i) =>
      caseHtml(line, [waitingFlag(line.days, line.promisedBy, sp)].filter(Boolean), tone, sp, [], i === 0),
    );
    sections.push(sectionHtml(l.sections.waiting, d.waiting.length, l.sectionHints.waiting, tone, items.join('')));
  }
  if (d.resolved.length > 0) {
    const tone = TONES.resolved;
    const items = d.resolved.map((line, i) =>
      caseHtml(line, [resolutionText(line.resolution, sp)], tone, sp, [], i === 0),
    );
    sections.push(sectionHtml(l.sections.resolved, d.resolved.length, l.sectionHints.resolved, tone, items.join('')));
  }
  const { money } = d;
  sections.push(
    sectionHtml(
      l.sections.money,
      null,
      l.sectionHints.money,
      TONES.money,
      `<div style="display:flex;flex-wrap:wrap;column-gap:12px;padding:10px 0 4px">${moneyTile(
        l.money.outstanding,
        money.outstanding,
        sp,
        money.withoutAmount > 0 ? l.money.casesWithoutAmount(money.withoutAmount) : null,
      )}${moneyTile(l.money.refundedThisMonth(formatMonth(money.month, sp.language)), money.refundedThisMonth, sp, null)}</div>`,
    ),
  );
  const tallyParts = tallyOf(d, sp);
  const tally = tallyParts.join(' · ');
  const chips = [TONES.needsYou, TONES.waiting, TONES.resolved]
    .map(
      (tone, i) =>
        `<span style="display:inline-block;margin:0 6px 6px 0;background:${tone.tint};color:${tone.ink};border-radius:999px;padding:4px 12px;font-size:13px;font-weight:600">${h(tallyParts[i])}</span>`,
    )
    .join('');
  return [
    '<!doctype html>',
    `<html lang="${sp.language}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${h(l.heading(sp.day(d.date)))}</title></head>`,
    `<body style="margin:0;padding:0;background:#f1f5f9;font-family:${FONT};color:#0f172a;-webkit-text-size-adjust:100%">`,
    // The inbox preview line: the tally, not the first words of the layout.
    `<div style="display:none;max-height:0;overflow:hidden;opacity:0">${h(tally)}</div>`,
    `<div style="max-width:640px;margin:0 auto;padding:20px 12px 28px;box-sizing:border-box;${WRAP}">`,
    '<div style="padding:4px 8px 16px">',
    `<div style="font-size:12px;font-weight:700;letter-spacing:.08em;text-transform:uppercase;color:#64748b">${h(l.senderName)}</div>`,
    `<h1 style="margin:4px 0 6px;font-size:24px;line-height:1.25;color:#0f172a">${h(l.heading(sp.day(d.date)))}</h1>`,
    `<div style="margin-top:10px">${chips}</div>`,
    counts.needsYou === 0
      ? `<div style="margin-top:10px;font-size:14px;color:${TONES.resolved.accent};font-weight:600">${h(l.nothingNeedsYou)}</div>`
      : '',
    '</div>',
    ...sections,
    `<div style="padding:4px 8px;font-size:12.5px;line-height:1.6;color:#64748b">${h(l.footer(commands.show('CASE')))}</div>`,
    '</div></body></html>',
  ].join('\n');
}

/** The digest as subject, plain text and HTML, in the content's language. */
export function renderDigest(d: DigestContent): RenderedDigest {
  const sp = speechOf(d.language);
  return {
    subject: sp.l.subject(tallyOf(d, sp).join(', '), sp.day(d.date)),
    text: renderText(d, sp),
    html: renderHtml(d, sp),
    language: d.language,
  };
}
