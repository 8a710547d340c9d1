import { createHash } from 'node:crypto';
import EmailForwardParser from 'email-forward-parser';
import { convert as htmlToText } from 'html-to-text';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { QuarantineError } from '../errors.js';
import { offsetOfRfc2822Date, parseHeaderDate } from './header-date.js';
import type { ForwardKind, InboundMessage, MailAddress, OriginalMessage } from './inbound-message.js';

/**
 * Hostile-input limits. A forward nests at most a few levels in practice; deeper nesting is
 * either a loop or an attack, so we stop unwrapping there and keep what we have.
 */
const MAX_FORWARD_DEPTH = 4;
/** HTML bigger than this is not converted to text (html-to-text is linear, but memory is not free). */
const MAX_HTML_CHARS = 2 * 1024 * 1024;

export interface ParseOptions {
  /** Messages larger than this are refused before parsing: simpleParser buffers every attachment. */
  maxBytes: number;
}

const forwardParser = new EmailForwardParser();

/** Turns raw RFC 5322 bytes into an InboundMessage, unwrapping inline and attached forwards. */
export async function parseInboundMessage(raw: Buffer, options: ParseOptions): Promise<InboundMessage> {
  if (raw.length > options.maxBytes) {
    throw new QuarantineError('too_large', `message is ${raw.length} bytes, over the ${options.maxBytes}-byte limit`);
  }
  assertLooksLikeMime(raw);
  const outer = await parseMime(raw);
  if (!outer.headers.has('from') && !outer.headers.has('date') && !outer.headers.has('message-id')) {
    throw new QuarantineError('not_mime', 'message has no From, Date or Message-ID header');
  }

  const envelopeFrom = firstAddress(outer.from);
  const envelopeDateRaw = rawHeader(outer, 'date');
  const { original, forward } = await unwrap(outer, raw, 0, offsetOfRfc2822Date(envelopeDateRaw));
  return {
    envelopeMessageId: outer.messageId ?? null,
    envelopeFrom,
    envelopeDate: validIso(outer.date),
    envelopeSubject: outer.subject ?? '',
    forward,
    original,
    messageKey: messageKeyOf(original),
  };
}

/**
 * A message must open with a header block: `Name: value` lines (or an mbox `From ` line).
 * mailparser accepts anything (a PDF becomes a body with no headers), so we check first.
 */
function assertLooksLikeMime(raw: Buffer): void {
  const head = raw.subarray(0, 4096).toString('latin1');
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  if (!/^[!-9;-~]+:/.test(firstLine) && !firstLine.startsWith('From ')) {
    throw new QuarantineError('not_mime', 'message does not start with an RFC 5322 header block');
  }
}

async function parseMime(raw: Buffer): Promise<ParsedMail> {
  try {
    return await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
  } catch (cause) {
    throw new QuarantineError('unparseable', 'MIME structure could not be parsed', { cause });
  }
}

async function unwrap(
  mail: ParsedMail,
  raw: Buffer,
  depth: number,
  forwarderOffset: number | null,
): Promise<{ original: OriginalMessage; forward: ForwardKind }> {
  const self = originalOf(mail, raw);
  if (depth >= MAX_FORWARD_DEPTH) return { original: self, forward: 'none' };

  // Forward as attachment: the attached message is the original, headers and all.
  const attached = mail.attachments.find((a) => a.contentType.toLowerCase() === 'message/rfc822');
  if (attached) {
    const inner = await parseMime(attached.content);
    const innerOffset = offsetOfRfc2822Date(rawHeader(inner, 'date'));
    const nested = await unwrap(inner, attached.content, depth + 1, innerOffset);
    return { original: nested.original, forward: 'attachment' };
  }

  const inline = unwrapInline(self, forwarderOffset, depth);
  if (inline) return { original: inline, forward: 'inline' };
  return { original: self, forward: 'none' };
}

function unwrapInline(message: OriginalMessage, forwarderOffset: number | null, depth: number): OriginalMessage | null {
  if (depth >= MAX_FORWARD_DEPTH) return null;
  const result = forwardParser.read(message.text, message.subject);
  if (!result.forwarded || !result.email) return null;
  const { email } = result;
  const from = email.from?.address
    ? { address: email.from.address.toLowerCase(), name: email.from.name ?? '' }
    : email.from?.name
      ? { address: '', name: email.from.name }
      : null;
  const date = email.date ? parseHeaderDate(email.date, forwarderOffset) : null;
  const found: OriginalMessage = {
    from,
    to: toList(email.to),
    date: date ? date.toISOString() : null,
    subject: (email.subject ?? '').trim(),
    messageId: null,
    text: normalizeNewlines(email.body ?? ''),
  };
  // A forward of a forward: keep going to the innermost original.
  return unwrapInline(found, forwarderOffset, depth + 1) ?? found;
}

function toList(
  value:
    | { address: string | null; name: string | null }
    | { address: string | null; name: string | null }[]
    | null
    | undefined,
): MailAddress[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((m) => m.address).map((m) => ({ address: (m.address ?? '').toLowerCase(), name: m.name ?? '' }));
}

function originalOf(mail: ParsedMail, raw: Buffer): OriginalMessage {
  return {
    from: firstAddress(mail.from),
    to: addressList(mail.to),
    date: validIso(mail.date),
    subject: mail.subject ?? '',
    messageId: mail.messageId ?? null,
    text: bodyText(mail, hasPlainTextPart(raw)),
  };
}

/**
 * Whether the message has a text/plain part of its own. Without one, mailparser derives `text`
 * from the HTML and writes links as `name [href]`, which garbles forwarded `From:` lines; then
 * we convert the HTML ourselves.
 */
function hasPlainTextPart(raw: Buffer): boolean {
  const text = raw.toString('latin1');
  return !/^content-type:/im.test(text) || /^content-type:\s*text\/plain/im.test(text);
}

function bodyText(mail: ParsedMail, preferPlain: boolean): string {
  if (preferPlain && mail.text && mail.text.trim() !== '') return normalizeNewlines(mail.text);
  if (typeof mail.html === 'string' && mail.html.length <= MAX_HTML_CHARS) {
    // ignoreHref: `name [href]` would garble forwarded `From:` lines for the forward parser.
    return normalizeNewlines(
      htmlToText(mail.html, {
        wordwrap: false,
        selectors: [
          { selector: 'a', options: { ignoreHref: true } },
          { selector: 'img', format: 'skip' },
        ],
      }),
    );
  }
  return normalizeNewlines(mail.text ?? '');
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): MailAddress | null {
  return addressList(value)[0] ?? null;
}

function addressList(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!value) return [];
  const objects = Array.isArray(value) ? value : [value];
  return objects
    .flatMap((o) => o.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .filter((a) => a.address)
    .map((a) => ({ address: (a.address ?? '').toLowerCase(), name: a.name ?? '' }));
}

function rawHeader(mail: ParsedMail, key: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === key)?.line;
  return line?.slice(line.indexOf(':') + 1).trim();
}

function validIso(date: Date | undefined): string | null {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * The log-entry key (invariant 2): the original Message-ID when we have it; otherwise a hash of
 * what survives any forwarding client unchanged: sender, date to the minute (Gmail drops seconds),
 * subject without Re:/Fwd: prefixes, and the body's letters and digits only (clients re-wrap lines
 * and re-quote differently).
 */
export function messageKeyOf(original: OriginalMessage): string {
  if (original.messageId) return `mid:${original.messageId.trim().toLowerCase()}`;
  const minute = original.date ? original.date.slice(0, 16) : '';
  const subject = original.subject.replace(/^(\s*(re|fw|fwd|aw|wg|tr|rv)\s*:\s*)+/i, '').toLowerCase();
  const body = original.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const hash = createHash('sha256')
    .update([original.from?.address ?? '', minute, subject, body].join('\u0000'))
    .digest('hex');
  return `sha256:${hash}`;
}
