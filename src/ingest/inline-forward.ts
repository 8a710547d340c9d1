import EmailForwardParser from 'email-forward-parser';
import { splitMessageText } from '../rules/message-text.js';
import {
  ALL_HEADER_WORDS,
  type ForwardHeaderBlock,
  findForwardHeaderBlock,
  forwardSubjectRest,
  parseMailbox,
  parseMailboxList,
} from './forward-header-block.js';
import type { MailAddress } from './inbound-message.js';

/** One layer of an inline forward: the header block the forwarding client wrote, and what follows. */
export interface InlineForward {
  from: MailAddress | null;
  to: MailAddress[];
  /** Date texts as written, best first; the caller parses them (the zone depends on the forwarder). */
  dates: string[];
  subject: string;
  text: string;
  /**
   * What the forwarder typed above the layer, as written: the text before the forward's separator line
   * or header block, the separator itself left out (see `forwarderNoteOf` for the note without signature).
   */
  above: string;
  /** Which reader found the layer: email-forward-parser, the fallback header-block reader, or both. */
  reader: 'email-forward-parser' | 'header-block' | 'both' | 'attribution-line';
}

type ParsedMailbox = { address: string | null; name: string | null };

const forwardParser = new EmailForwardParser();

/**
 * How many non-blank lines may stand between email-forward-parser's split point and the header
 * block for both to describe the same layer: the separator line, `Begin forwarded message:`.
 */
const MAX_LINES_BETWEEN = 3;
/** Inline forwards are read from the first 256 KiB of text; the rest of an oversized body is dropped. */
const MAX_FORWARD_SCAN_CHARS = 256 * 1024;

/**
 * The outermost inline-forward layer of `text`, or null when the message is not an inline forward.
 *
 * Like email-forward-parser, the body is only read when the subject says "forwarded" (or, for a
 * message without a subject, when a forward separator is found): the quoted history of a reply
 * (`________` and `From: … Sent: …` under an answer) must not be taken for a forward.
 * email-forward-parser reads the layer; the header-block reader (forward-header-block.ts) fills
 * what it misses, and takes over when it skipped a separator-less outer layer.
 */
export function readInlineForward(text: string, subject: string): InlineForward | null {
  // The same clean-up email-forward-parser does first, so that offsets in its output match ours.
  const body = text
    .replace(/\r\n?/g, '\n')
    .replace(/\ufeff/g, '')
    .replace(/\u00a0$/gm, '')
    .replace(/\u00a0/g, ' ');
  // Our own subject check is wider (any case, `TR :`, `[EXT] FW:`); email-forward-parser gets a
  // subject it recognises then.
  const rest = forwardSubjectRest(subject, body);
  // A prefix that is a reply in the body's language (a Finnish `VS:`) is no forward to the parser either.
  const replyRest = rest === null ? forwardSubjectRest(subject) : null;
  // email-forward-parser needs seconds per megabyte of hostile text, and may run once per nesting
  // level; a forward's header block sits near the top, and no support message is this long.
  const scanned = body.length > MAX_FORWARD_SCAN_CHARS ? body.slice(0, MAX_FORWARD_SCAN_CHARS) : body;
  const result = forwardParser.read(
    scanned,
    rest !== null ? `Fwd: ${rest}` : replyRest !== null ? `Re: ${replyRest}` : subject,
  );
  const notes = scanned.includes('Forwarded by') ? lotusNotesForward(scanned) : null;
  if (notes) {
    // The outermost layer is the one that starts first: a Notes layer under a Gmail or Outlook one is inner.
    const above = scanned.slice(0, notes.start);
    const efpLayer = result.forwarded && Boolean(result.email?.from?.address || result.email?.from?.name);
    const outerAbove = (efpLayer && (result.message ?? '').length < notes.start) || findForwardHeaderBlock(above);
    if (!outerAbove) return notes.layer;
  }
  if (!result.forwarded) {
    // A message without a subject whose separator email-forward-parser does not know (Yandex's
    // `---------- Пересылаемое сообщение ----------`, Gmail's Polish one): the lexicon's separators.
    if (subject.trim() !== '') return rest === null ? null : attributedForward(scanned, rest);
    const block = findForwardHeaderBlock(scanned);
    return block && separatorAbove(scanned, block.start) ? fromBlock(block, scanned) : null;
  }
  const email = result.email;
  const block = findForwardHeaderBlock(scanned);
  const found = Boolean(email && (email.from?.address || email.from?.name || email.date));

  if (!found || !email) return block ? fromBlock(block, scanned) : attributedForward(scanned, rest ?? '');

  const splitAt = result.message ? body.indexOf(result.message) + result.message.length : 0;
  // An outer layer without a separator line (Outlook desktop) above an inner one with a separator
  // (Gmail): email-forward-parser split at the inner separator. Peel the outer layer first.
  if (block && block.start < splitAt) return fromBlock(block, scanned);

  const same = block && sameLayer(block, email.from, body.slice(splitAt, block.start)) ? block : null;
  const efpFrom = mailboxOf(email.from);
  const from = efpFrom?.address ? efpFrom : same?.from?.address ? same.from : (efpFrom ?? same?.from ?? null);
  const to = toList(email.to);
  return {
    from,
    to: to.length > 0 || !same ? to : same.to,
    // The block's own date line first: email-forward-parser searches the whole text for a date label
    // it knows, so with a block label it lacks (`Wysłane:`) it can take `Data: 12.10.2023` from the body.
    dates: [same?.date, email.date].filter((d): d is string => typeof d === 'string' && d.trim() !== ''),
    // email-forward-parser answers the forward's own subject minus `Fwd:`; the block has the original's.
    subject: (same?.subject ?? email.subject ?? '').trim(),
    text: bodyOf(email.body, same),
    above: withoutTrailingSeparators(result.message ?? ''),
    reader: same ? 'both' : 'email-forward-parser',
  };
}

/**
 * A forward whose separator is followed by one attribution line instead of a header block, as Yandex
 * writes it: `-------- Пересылаемое сообщение --------` / `16.11.2026, 09:12, "Shop" <cs@shop.example>:`,
 * the text, then `-------- Конец пересылаемого сообщения --------`. The line gives the date and the
 * sender; the subject is the forward's own without its prefix (`rest`). Null when the text has no such layer.
 */
function attributedForward(text: string, rest: string): InlineForward | null {
  const lines = text.split('\n');
  const separator = lines.findIndex((line) => line.length <= 120 && SEPARATOR_LINE.test(line));
  if (separator < 0) return null;
  let i = separator + 1;
  while (i < lines.length && i <= separator + MAX_LINES_BETWEEN && (lines[i] ?? '').trim() === '') i++;
  const attribution = ATTRIBUTION_LINE.exec(lines[i] ?? '');
  const from = attribution ? parseMailbox(attribution.groups?.from ?? '') : null;
  if (!attribution || !from?.address) return null;
  const body = lines.slice(i + 1);
  const end = body.findIndex((line) => FORWARD_END_LINE.test(line));
  return {
    from,
    to: [],
    dates: [(attribution.groups?.date ?? '').trim()],
    subject: rest.trim(),
    text: (end < 0 ? body : body.slice(0, end)).join('\n').replace(/^\n+/, ''),
    above: withoutTrailingSeparators(lines.slice(0, separator).join('\n')),
    reader: 'attribution-line',
  };
}

/** `16.11.2026, 09:12, "ShopRiver Support" <cs@shopriver.example>:`: a date, a sender with an address, a colon. */
const ATTRIBUTION_LINE =
  /^[ \t>]{0,8}(?<date>\d{1,2}[./]\d{1,2}[./]\d{2,4},?[ \t]{1,3}\d{1,2}:\d{2}(?::\d{2})?),[ \t]{1,3}(?<from>(?:"[^"\n]{1,120}"|[^"<>\n,]{1,120})?[ \t]{0,3}<[^<>\s@]{1,64}@[^<>\s]{1,255}>)[ \t]{0,3}:[ \t]*$/u;
/** The line that closes such a layer: `-------- Конец пересылаемого сообщения --------`. */
const FORWARD_END_LINE =
  /^[ \t>]{0,8}-{2,12}[ \t]{0,3}(?:конец пересылаемого сообщения|end of forwarded message)[ \t]{0,3}-{2,12}[ \t]*$/iu;

/**
 * Lotus Notes' forward (the shape of the Enron corpus): a separator line naming the forwarder,
 * `----- Forwarded by Jane Roe/HOU/ECT on 10/12/2000 03:21 PM -----`, then the original's sender and
 * date (`Dale Porter <dale@example.com> on 10/11/2000 05:14 PM`, or the date on a line of its own), then
 * `To:`, `cc:` and `Subject:` lines and the text. The separator says "forwarded" whatever the subject
 * says. `start` is where the separator starts; null when the text holds no such layer.
 */
function lotusNotesForward(text: string): { layer: InlineForward; start: number } | null {
  const separator = NOTES_SEPARATOR.exec(text);
  if (!separator) return null;
  const lines = text.slice(separator.index + separator[0].length).split('\n');
  let i = 0;
  while (i < MAX_NOTES_LINES && (lines[i] ?? '').trim() === '') i++;
  const senderLine = (lines[i++] ?? '').trim();
  if (senderLine === '' || NOTES_FIELD.test(senderLine)) return null;
  const on = NOTES_SENDER_ON.exec(senderLine);
  let date = on?.[2] ?? '';
  if (!on && NOTES_DATE_LINE.test((lines[i] ?? '').trim())) date = (lines[i++] ?? '').trim();
  let to: MailAddress[] = [];
  let subject: string | null = null;
  for (const end = i + MAX_NOTES_LINES; i < end && i < lines.length && subject === null; i++) {
    const line = lines[i] ?? '';
    const field = NOTES_FIELD.exec(line);
    if (field) {
      const label = (field[1] ?? '').toLowerCase();
      if (label === 'subject') subject = (field[2] ?? '').trim();
      else if (label === 'to') to = parseMailboxList(field[2] ?? '');
    } else if (line.trim() !== '' && !/^[ \t]/.test(line)) {
      // Neither a field, a blank line nor a field's continuation: not a Notes header.
      return null;
    }
  }
  if (subject === null) return null;
  return {
    start: separator.index,
    layer: {
      from: notesMailbox((on?.[1] ?? senderLine).trim()),
      to,
      dates: date ? [date] : [],
      subject,
      text: lines.slice(i).join('\n').replace(/^\n+/, ''),
      above: withoutTrailingSeparators(text.slice(0, separator.index)),
      reader: 'header-block',
    },
  };
}

/**
 * A Notes sender: `Name <address>` as any mailbox; a Notes name with no Internet address
 * (`Ken Ward@PRAIRIE`, `Jane Roe/HOU/ECT@ECT`) is the person's name, without the Notes domain and hierarchy.
 */
function notesMailbox(sender: string): MailAddress | null {
  const mailbox = parseMailbox(sender);
  if (!mailbox || mailbox.address) return mailbox;
  const person = /^([^/@]{1,100}?)(?:\/[^/@\s]{1,40}){0,6}@[A-Za-z0-9-]{1,60}$/.exec(mailbox.name)?.[1];
  return person ? { address: '', name: person.trim() } : mailbox;
}

/** How many lines the Notes reader looks through, before the sender line and among the fields. */
const MAX_NOTES_LINES = 12;
const NOTES_SEPARATOR = /^[ \t>]{0,8}-{3,40} ?Forwarded by [^\n]{1,200}? on [^\n]{1,60}? ?-{3,60}[ \t]*$/m;
const NOTES_DATE = String.raw`\d{1,2}/\d{1,2}/\d{2,4}\s{1,3}\d{1,2}:\d{2}(?::\d{2})?(?:\s{0,2}[AP]M)?`;
/** `Dale Porter <dale@example.com> on 10/11/2000 05:14 PM`: sender, then date. */
const NOTES_SENDER_ON = new RegExp(`^(.{1,200}?)\\s{1,3}on\\s{1,3}(${NOTES_DATE})\\s{0,3}$`, 'i');
const NOTES_DATE_LINE = new RegExp(`^${NOTES_DATE}$`, 'i');
const NOTES_FIELD = /^[ \t]{0,8}(to|cc|bcc|subject)[ \t]{0,3}:[ \t]?(.{0,2000})$/i;

/**
 * The forwarded message's text. email-forward-parser's, unless it kept lines of the header block
 * that it does not know (the second line of a folded `Temat:`, a label in a language it lacks): then
 * it ends with the header-block reader's text, which starts after the whole block, and that wins.
 */
function bodyOf(efpBody: string | undefined, same: ForwardHeaderBlock | null): string {
  if (!efpBody?.trim()) return same?.body ?? '';
  if (same?.body && efpBody.length > same.body.length && efpBody.endsWith(same.body)) return same.body;
  if (same?.body && keepsQuoteMarkers(same.body, efpBody)) return same.body;
  return efpBody;
}

const QUOTE_MARKER = /^[ \t]{0,3}>[ \t]?/gm;
const folded = (text: string) => text.replace(/\s+/g, '');

/**
 * email-forward-parser strips `>` markers from the forwarded body, which is right for a client that
 * quotes the whole forward and wrong for an original that itself quotes (a reply written between the
 * customer's quoted questions): its quotes would read as new text. When the header-block reader's body
 * is the same text with the markers kept, and not every line of it is quoted, the markers stay.
 */
function keepsQuoteMarkers(blockBody: string, efpBody: string): boolean {
  const lines = blockBody.split('\n').filter((l) => l.trim() !== '');
  const quoted = lines.filter((l) => /^[ \t]{0,3}>/.test(l)).length;
  if (quoted === 0 || quoted === lines.length) return false;
  return folded(blockBody.replace(QUOTE_MARKER, '')) === folded(efpBody);
}

function fromBlock(block: ForwardHeaderBlock, scanned: string): InlineForward {
  return {
    from: block.from,
    to: block.to,
    dates: block.date ? [block.date] : [],
    subject: (block.subject ?? '').trim(),
    text: block.body,
    above: withoutTrailingSeparators(scanned.slice(0, block.start)),
    reader: 'header-block',
  };
}

/**
 * The forwarder's note: the text they typed above a forward (`above`, or an attachment forward's own
 * body), without their signature (`Alice`, `Sent from my iPhone`, a phone line under the name: the
 * signature message-text.ts finds) and without anything it quotes. Trimmed; empty when nothing was typed.
 */
export function forwarderNoteOf(textAbove: string): string {
  const text = withoutTrailingSeparators(textAbove.replace(/\r\n?/g, '\n'));
  return text.trim() === '' ? '' : splitMessageText(text).newText.trim();
}

/** A line that only rules off: `________________________________`, `-----`, `=====` (Outlook, webmails). */
const RULE_LINE = /^[\s>]{0,8}[-_=*─—]{2,}\s{0,3}$/u;

/** `text` without the separator lines and rules (and blank lines) it ends with: what sits above a header block. */
function withoutTrailingSeparators(text: string): string {
  const lines = text.split('\n');
  while (lines.length > 0) {
    const last = lines.at(-1) ?? '';
    if (last.trim() !== '' && !RULE_LINE.test(last) && !(last.length <= 120 && SEPARATOR_LINE.test(last))) break;
    lines.pop();
  }
  return lines.join('\n');
}

/** A line that is only a forward separator of some language, between dashes or before a colon. */
const SEPARATOR_LINE = new RegExp(
  `^[\\s>]{0,8}(?:-{2,12}\\s{0,3})?(?:${[...new Set(ALL_HEADER_WORDS.flatMap((w) => w.forwardSeparators))]
    .sort((a, b) => b.length - a.length)
    .join('|')})\\s{0,3}(?:-{2,12}|:)?\\s{0,3}$`,
  'iu',
);

/** Whether one of the few non-blank lines just above `blockStart` is a forward separator. */
function separatorAbove(text: string, blockStart: number): boolean {
  const above = text.slice(Math.max(0, blockStart - 400), blockStart).split('\n');
  const nonBlank = above.filter((line) => line.trim() !== '').slice(-MAX_LINES_BETWEEN);
  return nonBlank.some((line) => line.length <= 120 && SEPARATOR_LINE.test(line));
}

/** Whether the header block is the one email-forward-parser read: right after its split point, same sender. */
function sameLayer(block: ForwardHeaderBlock, from: ParsedMailbox | undefined, between: string): boolean {
  const efpAddress = from?.address?.toLowerCase();
  if (efpAddress && block.from?.address && efpAddress !== block.from.address) return false;
  let lines = 0;
  for (const line of between.split('\n')) {
    if (line.trim() !== '' && ++lines > MAX_LINES_BETWEEN) return false;
  }
  return true;
}

function mailboxOf(value: ParsedMailbox | undefined): MailAddress | null {
  if (value?.address) return { address: value.address.toLowerCase(), name: value.name ?? '' };
  if (value?.name) return { address: '', name: value.name };
  return null;
}

function toList(value: ParsedMailbox | ParsedMailbox[] | null | undefined): MailAddress[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((m) => m.address).map((m) => ({ address: (m.address ?? '').toLowerCase(), name: m.name ?? '' }));
}
