import { createHash } from 'node:crypto';
import { type AddressObject, type Attachment, type ParsedMail, parseAddressHeader, simpleParser } from 'mailparser';
import { QuarantineError } from '../errors.js';
import { narrowingAlsoCovers } from '../rules/prefilter.js';
import { composed } from '../rules/script-forms.js';
import { assertNoDeliveryReport, assertNoForwardedDeliveryReport } from './delivery-report.js';
import { decodeBytes, decodeEncodedWords } from './encoded-words.js';
import { forwardSubjectRest, parseMailbox } from './forward-header-block.js';
import { HeaderDateLocalesNeeded, loadHeaderDateLocales, offsetOfRfc2822Date, parseHeaderDate } from './header-date.js';
import { htmlToPlainText } from './html-text.js';
import type { AttachedPart, ForwardKind, InboundMessage, MailAddress, OriginalMessage } from './inbound-message.js';
import { forwarderNoteOf, readInlineForward } from './inline-forward.js';
import { withLegacy8bitRepaired } from './legacy-charset.js';

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
  /**
   * When the mailbox received the message (IMAP INTERNALDATE): the original's date of last resort,
   * for mail whose own headers carry no usable date. Never part of the messageKey.
   */
  receivedAt?: Date | null;
  /**
   * A mail that carries several forwarded messages as attachments: `each` gives every one of them
   * (InboundMessage.attachedOriginals) for a caller that records each; `quarantine`, the default, refuses
   * the mail as `several_originals`, for a caller that would read only the first and drop the others unseen.
   */
  severalOriginals?: 'each' | 'quarantine';
}

/**
 * Turns raw RFC 5322 bytes into an InboundMessage, unwrapping inline and attached forwards.
 *
 * Nothing here reads the clock: the same bytes give the same message and the same messageKey on
 * every run (invariant 2). mailparser answers "now" for a missing or unreadable Date header, so dates
 * are read from the raw headers instead. The original's date is its own (Date header, or the date in
 * the forward's header block), else the date of the forward that carried it (its outer Date header),
 * else `receivedAt`, else null, and never later than the forward's date or `receivedAt`; only the
 * original's own date goes into the key.
 */
export async function parseInboundMessage(raw: Buffer, options: ParseOptions): Promise<InboundMessage> {
  try {
    return await parseWithLoadedLocales(raw, options);
  } catch (err) {
    if (!(err instanceof HeaderDateLocalesNeeded)) throw err;
  }
  // A date English does not settle: load the other languages (once per process) and parse again.
  // Parsing reads nothing but `raw`, so the second pass gives what one pass with every language would.
  await loadHeaderDateLocales();
  return parseWithLoadedLocales(raw, options);
}

async function parseWithLoadedLocales(raw: Buffer, options: ParseOptions): Promise<InboundMessage> {
  if (raw.length > options.maxBytes) {
    throw new QuarantineError('too_large', `message is ${raw.length} bytes, over the ${options.maxBytes}-byte limit`);
  }
  const file = withoutLeadingNoise(raw);
  assertLooksLikeMime(file);
  const bytes = withLineFeeds(file);
  const outer = await parseMime(bytes);
  if (!outer.headers.has('from') && !outer.headers.has('date') && !outer.headers.has('message-id')) {
    throw new QuarantineError('not_mime', 'message has no From, Date or Message-ID header');
  }

  assertReadable(outer, 'the message');
  assertNoDeliveryReport(outer, bytes, 'the message', authorOf(outer)?.address ?? null);
  const sender = fromAddressOf(outer);
  const envelopeDateRaw = rawHeader(outer, 'date');
  const unwrapped = await unwrap(outer, bytes, 0, offsetOfRfc2822Date(envelopeDateRaw), options.severalOriginals);
  const several = unwrapped.several;
  if (!several) return inboundOf(outer, sender, unwrapped, options);
  // Each attached original is a message of its own, under the key a forward of it alone would have.
  const originals = several.map(({ part, ...each }) => ({
    ...inboundOf(outer, sender, each, options),
    attachedPart: part,
  }));
  const [first] = originals;
  if (!first) throw new Error('several attached originals and none among them');
  return { ...first, attachedOriginals: originals };
}

/** The InboundMessage of one unwrapped original, in the envelope of the mail that carried it. */
function inboundOf(
  outer: ParsedMail,
  sender: MailAddress | null,
  unwrapped: Unwrapped,
  options: ParseOptions,
): InboundMessage {
  const envelopeDate = headerDateOf(outer);
  const forward = unwrapped.forward;
  // The key is taken before any fallback date fills in: a fallback depends on the forward, not on the
  // support message, so two forwards of the same Date-less mail still share one key.
  const messageKey = messageKeyOf(unwrapped.original);
  const auto = autoForwardOf(outer, sender);
  const authenticationResults = allRawHeaders(outer, 'authentication-results');
  const written =
    unwrapped.original.date ??
    unwrapped.carrierDate ??
    envelopeDate ??
    auto?.date ??
    validIso(options.receivedAt ?? undefined);
  const original: OriginalMessage = {
    ...unwrapped.original,
    // A message is not written after the forward that carries it: a later Date (a sender's clock years
    // ahead, or a forger's) would sort a refund after the complaint that followed it and keep a reopened
    // case closed. The forward's date bounds it; mail that came unforwarded, the server's receipt
    // (INTERNALDATE). Not both: a forwarder's clock a few minutes ahead of the server is no reason to move
    // an original that `analyze`, which knows no INTERNALDATE, dates by the forward.
    date: notAfter(
      written,
      forward === 'none' && !auto
        ? [validIso(options.receivedAt ?? undefined)]
        : [forward === 'none' ? null : envelopeDate, auto?.date ?? null],
    ),
  };
  if (auto) {
    // Redirected by a server rule: the message is the original, headers and all (unless it is
    // itself someone's forward, which `unwrap` has peeled like any other).
    return {
      envelopeMessageId: auto.messageId ?? outer.messageId ?? null,
      envelopeFrom: auto.forwarder,
      envelopeDate: auto.date ?? envelopeDate,
      envelopeSubject: withoutNul(outer.subject ?? ''),
      forward: 'auto',
      forwardedVia: auto.via,
      // A server rule types nothing; text above an inline forward inside is its sender's, not the forwarder's.
      forwarderNote: null,
      authenticationResults,
      original,
      messageKey,
    };
  }
  return {
    envelopeMessageId: outer.messageId ?? null,
    envelopeFrom: sender,
    envelopeDate,
    envelopeSubject: withoutNul(outer.subject ?? ''),
    forward,
    forwarderNote: unwrapped.forwarderNote,
    authenticationResults,
    original,
    messageKey,
  };
}

interface AutoForward {
  forwarder: MailAddress;
  via: 'resent-from' | 'x-forwarded-for';
  date: string | null;
  messageId: string | null;
}

/**
 * Mail forwarded by a server rule rather than by hand arrives with the original's own headers
 * (From is the support side) plus a trace of who forwarded it: `Resent-From` (RFC 5322 resent
 * fields: Sieve and Exchange redirects, Thunderbird's Redirect) or Gmail's
 * `X-Forwarded-For: forwarder destination`. The topmost resent block is the latest resend, i.e. the
 * one into our mailbox. When From is the forwarder itself it is the forwarder's own mail, not an
 * auto-forward.
 *
 * Trust: anyone can write these headers, so what this returns is a claim, marked `forward: 'auto'`
 * with `forwardedVia`. It lets `analyze` report who forwarded, but the worker acts on it only when the
 * receiving server's Authentication-Results vouch for the forwarder's own envelope (`checkTrust` in
 * authentication-results.ts); under TRUST=from-only it never does.
 */
function autoForwardOf(mail: ParsedMail, sender: MailAddress | null): AutoForward | null {
  const resentFrom = rawHeader(mail, 'resent-from');
  let forwarder: MailAddress | null = null;
  let date: string | null = null;
  let messageId: string | null = null;
  const via = resentFrom ? 'resent-from' : 'x-forwarded-for';
  if (resentFrom) {
    forwarder = firstAddress(parseAddressHeader(resentFrom));
    const resentDate = rawHeader(mail, 'resent-date');
    date = resentDate ? (parseHeaderDate(resentDate, null)?.toISOString() ?? null) : null;
    messageId = rawHeader(mail, 'resent-message-id')?.trim() || null;
  } else {
    const forwardedFor = rawHeader(mail, 'x-forwarded-for');
    // Gmail: `X-Forwarded-For: alice@example.net cases@tracker.example.net` (forwarder first).
    const first = forwardedFor?.split(/[\s,]+/).find((token) => token.includes('@'));
    forwarder = first ? parseMailbox(first) : null;
  }
  if (!forwarder?.address || forwarder.address === sender?.address) return null;
  return { forwarder, via, date, messageId };
}

/**
 * A message must open with a header block: `Name: value` lines (or an mbox `From ` line).
 * mailparser accepts anything (a PDF becomes a body with no headers), so we check first.
 */
function assertLooksLikeMime(raw: Buffer): void {
  if (!opensWithHeaderLine(raw)) {
    throw new QuarantineError('not_mime', 'message does not start with an RFC 5322 header block');
  }
}

function opensWithHeaderLine(raw: Buffer): boolean {
  const head = withoutLeadingNoise(raw.subarray(0, 4096)).toString('latin1');
  const firstLine = head.split(/\r?\n|\r/, 1)[0] ?? '';
  return /^[!-9;-~]+:/.test(firstLine) || firstLine.startsWith('From ');
}

/**
 * A message file as editors and exporters save it, without what is no part of the message: a UTF-8 byte
 * order mark (Notepad, webmail "download as .eml" in some browsers), the whole file in UTF-16 with its mark
 * (Notepad's "Unicode"), or blank lines before the header block. The parser took the mark for the start of
 * a header name, and a blank first line for the end of an empty header block: the whole message became
 * body, and we refused it as not_mime. Blank lines go only when a header line follows them. The same
 * Buffer when there is nothing to drop.
 */
export function withoutLeadingNoise(raw: Buffer): Buffer {
  let bytes = raw;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) bytes = Buffer.from(bytes.subarray(2).toString('utf16le'), 'utf8');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const be = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    bytes = Buffer.from(be.swap16().toString('utf16le'), 'utf8');
  } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  let blank = 0;
  while (blank < MAX_LEADING_BLANK_BYTES && (bytes[blank] === 0x0a || bytes[blank] === 0x0d)) blank++;
  if (blank > 0 && /^[!-9;-~]+:/.test(bytes.subarray(blank, blank + 200).toString('latin1'))) {
    bytes = bytes.subarray(blank);
  }
  return bytes;
}

/** Hostile-input limit: line-break bytes looked past before a header block (exporters write one or two). */
const MAX_LEADING_BLANK_BYTES = 64;

/**
 * Lines that end in a bare CR (classic Mac OS, some exporters) are one long header line to the MIME
 * parser: From, Date, Subject and body run together. A message with no LF at all gets CRLF line ends.
 */
function withLineFeeds(raw: Buffer): Buffer {
  if (raw.includes(0x0a) || !raw.includes(0x0d)) return raw;
  return Buffer.from(raw.toString('latin1').replace(/\r/g, '\r\n'), 'latin1');
}

async function parseMime(raw: Buffer): Promise<ParsedMail> {
  try {
    // ignoreEmbedded: a message/rfc822 part marked `Content-Disposition: inline` (mutt, some
    // webmails) would otherwise be merged into the text under a made-up header block; we want it
    // as an attachment, i.e. a forward-as-attachment whose headers we read exactly.
    return await simpleParser(withLegacy8bitRepaired(raw), {
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
      ignoreEmbedded: true,
    });
  } catch (cause) {
    // The parser's own words say what is wrong (`Max header size for a MIME node exceeded`).
    const why = cause instanceof Error && cause.message ? `: ${cause.message.slice(0, 200)}` : '';
    throw new QuarantineError('unparseable', `MIME structure could not be parsed${why}`, { cause });
  }
}

interface Unwrapped {
  original: OriginalMessage;
  forward: ForwardKind;
  /** The date of the message that carried the original (the innermost forward's own date), or null. */
  carrierDate: string | null;
  /** What the outermost forwarder typed (InboundMessage.forwarderNote); null when nothing was forwarded. */
  forwarderNote: string | null;
  /** At the forwarder's layer, when several attached originals are read each (ParseOptions.severalOriginals). */
  several?: Array<Unwrapped & { part: AttachedPart }>;
}

async function unwrap(
  mail: ParsedMail,
  raw: Buffer,
  depth: number,
  forwarderOffset: number | null,
  severalOriginals: ParseOptions['severalOriginals'] = 'quarantine',
  what = 'the message',
): Promise<Unwrapped> {
  const self = originalOf(mail, raw);
  // The decoded text, for rule patterns narrowed to the file (`analyze`) while the forward is read.
  narrowingAlsoCovers(self.text, self.subject);
  if (depth >= MAX_FORWARD_DEPTH) {
    // Still a forward as attachment this deep: a loop or an attack, and this layer is a forwarder's
    // wrapper, not the original. Logging it would record the wrong message.
    if (mail.attachments.some(isAttachedMessage)) {
      throw new QuarantineError(
        'unparseable',
        `forwarded messages are nested more than ${MAX_FORWARD_DEPTH} deep: the original was not reached; forward the original itself`,
      );
    }
    assertTextNotElsewhere(mail, self.text, what);
    return { original: self, forward: 'none', carrierDate: null, forwarderNote: null };
  }

  // Forward as attachment: the attached message is the original, headers and all. Unless the
  // forwarder's own text is an inline forward of a message that is not itself a forward: then the
  // attached message came with that message (Gmail and Outlook keep the forwarded mail's attachments,
  // e.g. the customer's earlier mail a support reply carried), and the inline layer is the original.
  const eachOriginal = depth === 0 && severalOriginals === 'each';
  const allCandidates = mail.attachments.filter(isAttachedMessage);
  if (eachOriginal && allCandidates.length > MAX_SEVERAL_ORIGINALS) {
    throw new QuarantineError(
      'several_originals',
      `the mail carries ${allCandidates.length} forwarded messages, more than the ${MAX_SEVERAL_ORIGINALS} read from one mail: forward them in smaller groups`,
    );
  }
  const candidates = allCandidates.slice(0, eachOriginal ? MAX_SEVERAL_ORIGINALS : MAX_ATTACHED_MESSAGES);
  const layer = candidates.length > 0 ? readInlineForward(self.text, self.subject) : null;
  const inlineWins =
    layer !== null && (layer.from?.address ?? '') !== '' && forwardSubjectRest(layer.subject, layer.text) === null;
  // At the forwarder's layer a second readable one is looked for: a selection forwarded at once.
  const { readable, unreadable, error } = inlineWins
    ? { readable: [], unreadable: [], error: null }
    : await readableMessages(candidates, eachOriginal ? candidates.length : depth === 0 ? 2 : 1);
  const attached = readable[0] ?? null;
  if (eachOriginal && readable.length > 1) {
    return {
      ...(await eachAttachedOriginal(self, readable, unreadable)),
      forward: 'attachment',
      carrierDate: null,
      forwarderNote: forwarderNoteOf(self.text),
    };
  }
  if (readable.length > 1) {
    // Outlook and Thunderbird attach each message of a selection: logging the first would drop the
    // others unseen, so the mail is set aside whole, saying what to do.
    throw new QuarantineError(
      'several_originals',
      `the mail carries ${candidates.length} forwarded messages (${namesOf(candidates)}): forward each on its own so each is logged`,
    );
  }
  if (depth === 0 && !inlineWins && candidates.length > 0 && !attached && !layer) {
    // The forwarded original was meant to be the attachment, and nothing of it can be read: the
    // wrapper is not the support message, so quarantine rather than log the forwarder's note. (Inside
    // an attached message, an unreadable attachment of its own leaves that message the original.)
    const why =
      error !== null ? `could not be parsed (${error})` : (unreadable[0]?.why ?? 'is empty or has no header block');
    throw new QuarantineError(
      'unparseable',
      `the attached message (${namesOf(candidates)}) ${why}: the forwarded original cannot be read`,
    );
  }
  if (depth === 0 && candidates.length === 0) {
    const outlookItem = mail.attachments.find(isOutlookItem);
    if (
      outlookItem &&
      forwardSubjectRest(self.subject, self.text) !== null &&
      !readInlineForward(self.text, self.subject)
    ) {
      // A forward whose only forwarded message is an Outlook item in its own .msg format (an OLE
      // compound file, not MIME: Outlook attaches a dragged message so): the original cannot be read.
      throw new QuarantineError(
        'unparseable',
        `the forwarded original is attached as an Outlook item (${outlookItem.filename ?? typeOf(outlookItem)}), which is not a MIME message: forward it inline or as an attachment from the message itself`,
      );
    }
  }
  if (attached) {
    const inner = attached.mail;
    const what = `the forwarded original (${namesOf([attached.attachment])})`;
    assertReadable(inner, what);
    assertNoDeliveryReport(inner, attached.content, what, authorOf(inner)?.address ?? null);
    const innerOffset = offsetOfRfc2822Date(rawHeader(inner, 'date'));
    const nested = await unwrap(inner, attached.content, depth + 1, innerOffset, 'quarantine', what);
    // A Date-less attached original falls back to its own carrier, else to this forward's date.
    return {
      original: nested.original,
      forward: 'attachment',
      carrierDate: nested.carrierDate ?? self.date,
      // The wrapper's own body is what the forwarder typed; the layers inside are others' forwards.
      forwarderNote: forwarderNoteOf(self.text),
    };
  }

  const inline = unwrapInline(self, forwarderOffset, depth);
  if (inline) {
    return {
      original: inline.original,
      forward: 'inline',
      carrierDate: inline.carrierDate,
      forwarderNote: inline.note,
    };
  }
  assertTextNotElsewhere(mail, self.text, what);
  return { original: self, forward: 'none', carrierDate: null, forwarderNote: null };
}

/**
 * Refuses a message that is the original and has no text because its text is somewhere we cannot read,
 * saying where: inside `winmail.dat` (TNEF, the form Outlook sends rich text in, when the server does not
 * convert it), or stored elsewhere (`message/external-body`, RFC 2046 5.2.3: archives and gateways that
 * keep the body on a server). Logged, it would be a message with nothing in it for the rules to read, and
 * the refund it may confirm never seen. A message with text of its own passes, whatever it carries.
 */
function assertTextNotElsewhere(mail: ParsedMail, text: string, what: string): void {
  if (text.trim() !== '') return;
  const contentType = mail.headers.get('content-type') as
    | { value?: unknown; params?: Record<string, string> }
    | undefined;
  const external =
    contentType?.value === 'message/external-body'
      ? contentType
      : (mail.attachments.find((a) => typeOf(a) === 'message/external-body')?.headers.get('content-type') as
          | { params?: Record<string, string> }
          | undefined);
  if (external) {
    const access = (external.params?.['access-type'] ?? '').trim();
    throw new QuarantineError(
      'unparseable',
      `${what} has no text of its own: its body is stored elsewhere (message/external-body${access ? `; access-type=${access}` : ''}), and it cannot be read here; forward it from a client that has fetched it`,
    );
  }
  const tnef = mail.attachments.find(isTnef);
  if (tnef) {
    throw new QuarantineError(
      'unparseable',
      `${what} has its text only inside ${tnef.filename ?? typeOf(tnef)} (TNEF, Outlook's rich-text form), which is not MIME: its text cannot be read here; forward it from Outlook, or ask the sender for plain text or HTML`,
    );
  }
}

/** A TNEF file (`winmail.dat`, `application/ms-tnef`): Outlook's rich-text message, not MIME. */
function isTnef(attachment: Attachment): boolean {
  return TNEF_TYPES.has(typeOf(attachment)) || /^win(?:mail)?\.dat$/i.test(attachment.filename ?? '');
}

const TNEF_TYPES = new Set(['application/ms-tnef', 'application/vnd.ms-tnef']);

/** S/MIME's opaque forms (RFC 8551 3.2): the text is inside a CMS structure, encrypted or not. */
const OPAQUE_SMIME_TYPES = new Set(['application/pkcs7-mime', 'application/x-pkcs7-mime']);

/**
 * Refuses a message whose text cannot be read here, saying why: S/MIME encrypted or opaque-signed
 * (`application/pkcs7-mime`; a `multipart/signed` message is readable and passes), or one fragment of a
 * message its sender's client split (`message/partial`, RFC 2046 5.2.2). Either would otherwise be logged
 * with an empty text. `what` names the message in the reason (`the message`, `the forwarded original (…)`).
 */
function assertReadable(mail: ParsedMail, what: string): void {
  const contentType = mail.headers.get('content-type') as
    | { value?: unknown; params?: Record<string, string> }
    | undefined;
  const type = typeof contentType?.value === 'string' ? contentType.value.toLowerCase() : '';
  const params = contentType?.params ?? {};
  if (OPAQUE_SMIME_TYPES.has(type)) {
    const smimeType = (params['smime-type'] ?? '').toLowerCase();
    const kind =
      smimeType === 'signed-data'
        ? 'signed in opaque form (signed-data), its text inside the signature'
        : `encrypted (${smimeType || 'enveloped-data'})`;
    throw new QuarantineError(
      'unparseable',
      `${what} is S/MIME ${kind}: its text cannot be read here; forward it from a client that has opened it, as plain or clear-signed mail`,
    );
  }
  if (type === 'multipart/encrypted' || /^\s*-----BEGIN PGP MESSAGE-----/.test(mail.text ?? '')) {
    const form = type === 'multipart/encrypted' ? 'multipart/encrypted' : 'inline -----BEGIN PGP MESSAGE-----';
    throw new QuarantineError(
      'unparseable',
      `${what} is PGP encrypted (${form}): its text cannot be read here; forward it from a client that has opened it, as plain or clear-signed mail`,
    );
  }
  if (type === 'message/partial') {
    const part = params.number && params.total ? `part ${params.number} of ${params.total}` : 'a part';
    throw new QuarantineError(
      'unparseable',
      `${what} is ${part} of a message split in fragments (message/partial): it cannot be read until the fragments are joined; send it again unsplit`,
    );
  }
}

/** Hostile-input limit: attached messages tried per layer (a forward carries one; a digest a few). */
const MAX_ATTACHED_MESSAGES = 5;
/**
 * Hostile-input limit: attached originals read each from one mail (a selection forwarded at once). A mail
 * with more is refused whole (several_originals) rather than read in part: none may be dropped unseen.
 */
const MAX_SEVERAL_ORIGINALS = 20;

/**
 * Each of several attached originals, unwrapped like a single one (its own forwards peeled, its own date,
 * else its carrier's, else this forward's). All or nothing: an attachment among them that cannot be read
 * refuses the mail (`unparseable`, naming it); `unwrap` refuses more than MAX_SEVERAL_ORIGINALS.
 */
async function eachAttachedOriginal(
  self: OriginalMessage,
  readable: ReadableMessage[],
  unreadable: UnreadableMessage[],
): Promise<{ original: OriginalMessage; several: Array<Unwrapped & { part: AttachedPart }> }> {
  const count = readable.length + unreadable.length;
  const [firstUnreadable] = unreadable;
  if (firstUnreadable) {
    const position = firstUnreadable.index + 1;
    throw new QuarantineError(
      'unparseable',
      `the mail carries ${count} forwarded messages; number ${position} (${namesOf([firstUnreadable.attachment])}) ${firstUnreadable.why}: none of them is logged until it can be read`,
    );
  }
  const several: Array<Unwrapped & { part: AttachedPart }> = [];
  for (const [i, attached] of readable.entries()) {
    const inner = attached.mail;
    const what = `forwarded message number ${i + 1} (${namesOf([attached.attachment])})`;
    assertReadable(inner, what);
    assertNoDeliveryReport(inner, attached.content, what, authorOf(inner)?.address ?? null);
    const nested = await unwrap(
      inner,
      attached.content,
      1,
      offsetOfRfc2822Date(rawHeader(inner, 'date')),
      'quarantine',
      what,
    );
    several.push({
      original: nested.original,
      forward: 'attachment',
      carrierDate: nested.carrierDate ?? self.date,
      forwarderNote: forwarderNoteOf(self.text),
      part: { index: i + 1, of: readable.length, name: namesOf([attached.attachment]) },
    });
  }
  const [first] = several;
  if (!first) throw new Error('eachAttachedOriginal needs readable messages');
  return { original: first.original, several };
}

interface ReadableMessage {
  mail: ParsedMail;
  content: Buffer;
  attachment: Attachment;
}

interface UnreadableMessage {
  attachment: Attachment;
  /** Its position among the attached messages (0-based). */
  index: number;
  /** Why, as the end of a sentence: `could not be parsed (…)`, `is empty or has no header block`. */
  why: string;
}

/** Attachment types that are a whole message: RFC 822, RFC 6532 (UTF-8 headers), and what some clients call it. */
const MESSAGE_TYPES = new Set(['message/rfc822', 'message/global', 'application/eml', 'application/x-eml']);

/**
 * Whether an attachment is a forwarded message. Mail clients type it `message/rfc822` (Outlook,
 * Thunderbird, Gmail), `message/global` when its headers are UTF-8 (RFC 6532), or name it `*.eml` under
 * another type (`application/octet-stream`, which mailparser already retypes from the name, or
 * `text/plain` from webmails and scripts that attach the saved file): then it must open with a header block.
 */
function isAttachedMessage(attachment: Attachment): boolean {
  if (MESSAGE_TYPES.has(typeOf(attachment))) return true;
  return /\.eml$/i.test(attachment.filename ?? '') && opensWithHeaderLine(attachment.content);
}

/**
 * The attached messages that parse and have a header block of their own (From, Date, Message-ID or
 * Subject), in order, at most `limit`; those tried that did not, with why; and why the first one that did
 * not parse failed, or null.
 */
async function readableMessages(
  candidates: Attachment[],
  limit: number,
): Promise<{ readable: ReadableMessage[]; unreadable: UnreadableMessage[]; error: string | null }> {
  const readable: ReadableMessage[] = [];
  const unreadable: UnreadableMessage[] = [];
  let error: string | null = null;
  for (const [index, attachment] of candidates.entries()) {
    if (readable.length === limit) break;
    const empty = { attachment, index, why: 'is empty or has no header block' };
    // A saved .eml file may open with a byte order mark, or be UTF-16 (withoutLeadingNoise).
    const content = withoutLeadingNoise(attachment.content);
    if (!opensWithHeaderLine(content)) {
      unreadable.push(empty);
      continue;
    }
    let mail: ParsedMail;
    try {
      mail = await parseMime(content);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      error ??= message;
      unreadable.push({ attachment, index, why: `could not be parsed (${message})` });
      continue;
    }
    if (!['from', 'date', 'message-id', 'subject'].some((key) => mail.headers.has(key))) unreadable.push(empty);
    else if (cutInHeaders(content, mail)) {
      unreadable.push({ attachment, index, why: 'ends inside its header section: its text was cut off' });
    } else readable.push({ mail, content, attachment });
  }
  return { readable, unreadable, error };
}

/**
 * An attached message that stops inside its header section (no blank line before a text, no text, no
 * part): a forward whose attachment was truncated, not a message that says nothing. Logged, it would be
 * an entry with nothing but a subject, the support's words lost unseen.
 */
function cutInHeaders(content: Buffer, mail: ParsedMail): boolean {
  // An empty part counts as none: a cut `Content-Type: text/pl` makes mailparser call the nothing after it one.
  const parts = mail.attachments.some((a) => a.content.length > 0);
  if (mail.text?.trim() || (typeof mail.html === 'string' && mail.html.trim()) || parts) {
    return false;
  }
  return !/\r?\n\r?\n/.test(content.toString('latin1').trimEnd());
}

/** The attachments' names (or types), for a quarantine reason. */
const namesOf = (attachments: Attachment[]): string => attachments.map((a) => a.filename ?? typeOf(a)).join(', ');

/**
 * An attachment's type, lower-cased; '' when its part has none. mailparser types a part whose
 * `Content-Type:` is empty `false`, whatever its declaration says.
 */
function typeOf(attachment: Attachment): string {
  const type: unknown = attachment.contentType;
  return typeof type === 'string' ? type.toLowerCase() : '';
}

/**
 * An Outlook item attached in its own format: a dragged message (`.msg`, an OLE compound file), or the
 * TNEF file (`winmail.dat`) Outlook sends a rich-text message in, its forwarded original inside: neither
 * is a message the MIME parser can read.
 */
function isOutlookItem(attachment: Attachment): boolean {
  return OUTLOOK_ITEM_TYPES.has(typeOf(attachment)) || /\.msg$|^win(?:mail)?\.dat$/i.test(attachment.filename ?? '');
}

const OUTLOOK_ITEM_TYPES = new Set(['application/vnd.ms-outlook', 'application/ms-tnef', 'application/vnd.ms-tnef']);

/**
 * The innermost inline-forwarded message, the date of the layer that carried it, and the note typed
 * above the outermost layer (the layers inside are earlier forwards, their notes part of the history).
 */
function unwrapInline(
  message: OriginalMessage,
  forwarderOffset: number | null,
  depth: number,
): { original: OriginalMessage; carrierDate: string | null; note: string } | null {
  if (depth >= MAX_FORWARD_DEPTH) return null;
  const layer = readInlineForward(message.text, message.subject);
  if (!layer) return null;
  let date: Date | null = null;
  for (const text of layer.dates) {
    date = parseHeaderDate(text, forwarderOffset);
    if (date) break;
  }
  const found: OriginalMessage = {
    from: layer.from && withNameDecoded(layer.from),
    to: layer.to.map(withNameDecoded),
    date: date ? date.toISOString() : null,
    // Composed: a header block decoded from windows-1258 writes its tone marks as combining characters.
    subject: composed(decodeEncodedWords(layer.subject)),
    messageId: null,
    inReplyTo: null,
    references: [],
    text: normalizeNewlines(layer.text),
  };
  // A mail server's bounce forwarded inline: the returned mail below its text is no forward either.
  assertNoForwardedDeliveryReport(found.from?.address, 'the forwarded message');
  // A forward of a forward: keep going to the innermost original. The inner layers' dates are
  // read in the outer forwarder's zone too: the inner forwarder's own Date header is gone.
  const inner = unwrapInline(found, forwarderOffset, depth + 1);
  const note = forwarderNoteOf(layer.above);
  return inner ? { ...inner, note } : { original: found, carrierDate: message.date, note };
}

/** A mailbox of a pasted header block with the encoded words in its name decoded (decodeEncodedWords). */
function withNameDecoded(mailbox: MailAddress): MailAddress {
  return { ...mailbox, name: decodeEncodedWords(mailbox.name) };
}

/** `date`, or the earliest of `bounds` when that is earlier (ISO strings; unreadable ones ignored). */
function notAfter(date: string | null, bounds: readonly (string | null)[]): string | null {
  const at = date === null ? Number.NaN : Date.parse(date);
  if (Number.isNaN(at)) return date;
  let earliest = at;
  for (const bound of bounds) {
    const limit = bound === null ? Number.NaN : Date.parse(bound);
    if (!Number.isNaN(limit) && limit < earliest) earliest = limit;
  }
  return earliest === at ? date : new Date(earliest).toISOString();
}

function originalOf(mail: ParsedMail, raw: Buffer): OriginalMessage {
  return {
    from: authorOf(mail),
    to: addressList(mail.to),
    date: headerDateOf(mail),
    subject: withoutNul(mail.subject ?? ''),
    messageId: mail.messageId ?? null,
    inReplyTo: messageIdsIn(rawHeader(mail, 'in-reply-to'))[0] ?? null,
    references: messageIdsIn(rawHeader(mail, 'references')),
    text:
      withMboxFromUnescaped(withoutEncodedFiles(withoutClearsignArmor(bodyText(mail, hasPlainTextPart(raw)))), raw) ||
      enrichedText(mail) ||
      calendarText(mail) ||
      textAttachmentText(mail),
  };
}

/**
 * Who wrote the message: From's first mailbox. A From with a name and no address (`From: Shop Support
 * Team`, written by shop scripts) takes its address from Sender (RFC 5322 3.6.2: the mailbox that sent
 * it), else from Reply-To, keeping From's name.
 */
function authorOf(mail: ParsedMail): MailAddress | null {
  const from = fromAddressOf(mail);
  if (from) return from;
  const sender = firstAddress(headerAddresses(mail, 'sender')) ?? firstAddress(mail.replyTo);
  if (!sender) return null;
  const fromName = withoutNul(mail.from?.value[0]?.name ?? '').trim();
  return fromName ? { ...sender, name: fromName } : sender;
}

/**
 * From's first mailbox. A From whose address is inside its encoded word (PHP's `mb_encode_mimeheader` run over
 * `Name <address>`: `From: =?ISO-2022-JP?B?…?=`) has no address to the parser, only a name holding one: the
 * header with its words decoded is read again.
 */
function fromAddressOf(mail: ParsedMail): MailAddress | null {
  const from = firstAddress(mail.from);
  if (from) return from;
  const raw = rawHeader(mail, 'from');
  const decoded = raw ? decodeEncodedWords(raw) : '';
  if (decoded === raw || !decoded.includes('@')) return null;
  return firstAddress(parseAddressHeader(decoded));
}

/** An address header mailparser does not expose as a field (Sender), as it parsed it. */
function headerAddresses(mail: ParsedMail, key: string): AddressObject | undefined {
  const value = mail.headers.get(key) as AddressObject | undefined;
  return value && Array.isArray(value.value) ? value : undefined;
}

/** Hostile-input limit: a real References header names a thread's few dozen messages at most. */
const MAX_REFERENCES = 100;

/** The `<id>` tokens of an In-Reply-To or References header, in order (at most MAX_REFERENCES). */
function messageIdsIn(header: string | undefined): string[] {
  if (!header) return [];
  return (header.match(/<[^<>\s]{1,250}>/g) ?? []).slice(-MAX_REFERENCES);
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
  const html = typeof mail.html === 'string' && mail.html.length <= MAX_HTML_CHARS ? mail.html : null;
  if (preferPlain && mail.text && mail.text.trim() !== '') {
    if (html === null || mail.text.length > MAX_STUB_CHARS) return normalizeNewlines(mail.text);
    const htmlText = htmlToPlainText(html);
    return normalizeNewlines(isStubFor(mail.text, htmlText) ? htmlText : mail.text);
  }
  if (html !== null) return normalizeNewlines(htmlToPlainText(html));
  return normalizeNewlines(mail.text ?? '');
}

/** A plain part longer than this is a message of its own, not a pointer to the HTML part. */
const MAX_STUB_CHARS = 400;

/**
 * Whether a short plain part only stands in for the HTML one (`To view this message, please use an
 * HTML-compatible email viewer`, as bulk senders write it): the HTML says more, and shares fewer than half
 * of the plain part's words. The HTML is what the recipient saw; a short plain message that the HTML
 * repeats (give or take `€` for `EUR`) stays the text.
 */
function isStubFor(plain: string, htmlText: string): boolean {
  const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
  const plainWords = wordsOf(plain);
  const htmlWords = wordsOf(htmlText);
  if (htmlWords.size <= plainWords.size) return false;
  let shared = 0;
  for (const word of plainWords) if (htmlWords.has(word)) shared++;
  return shared * 2 < plainWords.size || plainWords.size === 0;
}

/**
 * The text of an inline OpenPGP clear-signed message (RFC 4880 7: Enigmail, GnuPG) without its armor: the
 * `BEGIN PGP SIGNED MESSAGE` line and its `Hash:` lines, and the signature block, go; the signed text's
 * dash-escaping (`- ` before a line that starts with `-`) is undone, so a `- ---------- Forwarded message`
 * line is the separator again.
 */
function withoutClearsignArmor(text: string): string {
  const begin = text.indexOf(CLEARSIGN_BEGIN);
  if (begin < 0) return text;
  const lines = text.slice(begin + CLEARSIGN_BEGIN.length).split('\n');
  let i = 1;
  while (i < lines.length && /^[A-Za-z-]{1,40}: /.test(lines[i] ?? '')) i++;
  const signed = lines.slice(i).join('\n');
  const signatureAt = signed.indexOf(SIGNATURE_BEGIN);
  const signatureEnd = signatureAt < 0 ? -1 : signed.indexOf(SIGNATURE_END, signatureAt);
  const body = (signatureAt < 0 ? signed : signed.slice(0, signatureAt)).replace(/^- /gm, '');
  const after = signatureEnd < 0 ? '' : signed.slice(signatureEnd + SIGNATURE_END.length);
  return `${text.slice(0, begin)}${body}${after}`;
}

const CLEARSIGN_BEGIN = '-----BEGIN PGP SIGNED MESSAGE-----';
const SIGNATURE_BEGIN = '-----BEGIN PGP SIGNATURE-----';
const SIGNATURE_END = '-----END PGP SIGNATURE-----';

/**
 * The text without the files encoded into it: uuencoded (`begin 644 receipt.pdf` … `end`: Outlook Express,
 * old Unix mailers) or yEnc-encoded (`=ybegin … name=receipt.pdf` … `=yend`: newsreaders that also send
 * mail, Forte Agent, 40tude Dialog): a file is no text for the rules, and its lines would read as words
 * (yEnc's as mojibake). A block with no end line (a cut-off mail) stays: what follows it may be text.
 */
function withoutEncodedFiles(text: string): string {
  const uuencoded = /^begin [0-7]{3,4} /m.test(text);
  const yencoded = text.includes('=ybegin ');
  if (!uuencoded && !yencoded) return text;
  const lines = text.split('\n');
  // Where the last `=yend` line is: a `=ybegin` after it has no end, so no search runs past it (linear).
  let lastYend = -1;
  if (yencoded) for (let i = lines.length - 1; i >= 0 && lastYend < 0; i--) if (isYencEnd(lines[i] ?? '')) lastYend = i;
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (i < lastYend && /^=ybegin (?:part|line|size|name)=/.test(line)) {
      let j = i + 1;
      while (j < lastYend && !isYencEnd(lines[j] ?? '')) j++;
      i = j;
      continue;
    }
    if (uuencoded && /^begin [0-7]{3,4} \S/.test(line)) {
      let j = i + 1;
      while (j < lines.length && UUENCODED_LINE.test(lines[j] ?? '')) j++;
      if ((lines[j] ?? '').trimEnd() === 'end') {
        i = j;
        continue;
      }
    }
    kept.push(line);
  }
  return kept.join('\n');
}

/** yEnc's trailer line (`=yend size=… crc32=…`). */
const isYencEnd = (line: string): boolean => /^=yend(?: |\r?$)/.test(line);

/** A line of uuencoded data: a length character, then characters from space to backquote. */
const UUENCODED_LINE = /^[!-`][ -`]{0,84}[ \t]*$/;

/**
 * The text of a message saved from an mbox file (it opens with the `From ` separator line) with the mbox
 * escaping undone: a body line that began `From ` was written `>From ` (mboxrd adds one `>`), which the
 * rules would take for a quoted line.
 */
function withMboxFromUnescaped(text: string, raw: Buffer): string {
  if (raw.subarray(0, 5).toString('latin1') !== 'From ' || !text.includes('>From ')) return text;
  return text.replace(/^>(>*From )/gm, '$1');
}

/**
 * A message with no text but a `text/enriched` (RFC 1896) or `text/richtext` (RFC 1341) part, which the
 * parser keeps as an attachment: its text without the formatting commands (`<bold>`, `<param>…</param>`),
 * `<<` read as `<`, and a run of n line breaks read as n-1 (a single one is a space). '' when there is none.
 */
function enrichedText(mail: ParsedMail): string {
  const part = mail.attachments.find((a) => ENRICHED_TYPES.has(typeOf(a)));
  if (!part || part.content.length > MAX_HTML_CHARS) return '';
  const text = part.content
    .toString('utf8')
    .replace(/\r\n?/g, '\n')
    .replace(/<param>[^<]{0,2000}<\/param>/gi, '')
    // Left to right: `<<` is a `<`, and what follows it is text, not a command.
    .replace(/<<|<\/?[A-Za-z0-9-]{1,60}>/g, (token) => (token === '<<' ? '<' : ''))
    .replace(/\n+/g, (breaks) => (breaks.length === 1 ? ' ' : breaks.slice(1)));
  return normalizeNewlines(text);
}

const ENRICHED_TYPES = new Set(['text/enriched', 'text/richtext']);

/**
 * A message with no body text whose only text is a part marked as an attachment (`Content-Disposition:
 * attachment` on its text/plain or text/html part: some mobile clients and scripts send the body so):
 * that part's text. Not on a mail that carries a forwarded message: its text is the forwarder's note.
 */
function textAttachmentText(mail: ParsedMail): string {
  if (mail.attachments.some(isAttachedMessage)) return '';
  const part = mail.attachments.find((a) => TEXT_BODY_TYPES.has(typeOf(a)) && a.content.length <= MAX_HTML_CHARS);
  if (!part) return '';
  const params = (part.headers.get('content-type') as { params?: Record<string, string> } | undefined)?.params;
  const text = decodeBytes(part.content, (params?.charset ?? '').trim().toLowerCase());
  return normalizeNewlines(typeOf(part) === 'text/html' ? htmlToPlainText(text) : text);
}

const TEXT_BODY_TYPES = new Set(['text/plain', 'text/html']);

/**
 * A message with no text but a calendar (an invitation whose only part is `text/calendar`): its events'
 * DESCRIPTION, else SUMMARY, unfolded and unescaped (RFC 5545 3.1, 3.3.11); '' when there is none.
 */
function calendarText(mail: ParsedMail): string {
  const calendar = mail.attachments.find((a) => typeOf(a) === 'text/calendar');
  if (!calendar || calendar.content.length > MAX_HTML_CHARS) return '';
  const lines = calendar.content
    .toString('utf8')
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/);
  const valuesOf = (name: string) =>
    lines
      .map((line) => CALENDAR_PROPERTY.exec(line))
      .filter((m): m is RegExpExecArray => m !== null && m[1]?.toUpperCase() === name)
      .map((m) => (m[2] ?? '').replace(/\\([nN,;\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c)));
  const descriptions = valuesOf('DESCRIPTION');
  return normalizeNewlines((descriptions.length > 0 ? descriptions : valuesOf('SUMMARY')).join('\n\n'));
}

/** `NAME;PARAM=…;PARAM="…:…":value`: a content line's name and value (parameter values may quote a colon). */
const CALENDAR_PROPERTY = /^([A-Za-z-]{1,40})(?:;(?:[^:";]|"[^"]*")*)*:(.*)$/;

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
    .map((a) => ({ address: withoutNul(a.address ?? '').toLowerCase(), name: withoutNul(a.name ?? '') }));
}

function rawHeader(mail: ParsedMail, key: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === key)?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

/** Every occurrence of a header, topmost first, unfolded (at most 50: a real message has a handful). */
function allRawHeaders(mail: ParsedMail, key: string): string[] {
  return mail.headerLines
    .filter((h) => h.key === key)
    .slice(0, 50)
    .map((h) =>
      h.line
        .slice(h.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
}

/**
 * The message's own Date header as an ISO instant, or null when it is missing or unreadable.
 * Not `mail.date`: mailparser puts the current time there when the header does not parse, and reads
 * a zone-less date in the zone of the machine. An RFC 5322 date with its offset is read as written;
 * anything else goes through the forward-date reader, zone-less in UTC, so every machine agrees.
 */
function headerDateOf(mail: ParsedMail): string | null {
  const raw = rawHeader(mail, 'date');
  return raw ? (parseHeaderDate(raw, null)?.toISOString() ?? null) : null;
}

function validIso(date: Date | undefined): string | null {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

/** CRLF and bare CR as LF, and NUL removed: never text, and PostgreSQL (FerretDB's backend) refuses it in a string. */
function normalizeNewlines(text: string): string {
  return withoutNul(text.replace(/\r\n?/g, '\n'));
}

function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

/**
 * The log-entry key (invariant 2): the original Message-ID when we have it; otherwise a hash of
 * what survives any forwarding client unchanged: sender, date to the minute (Gmail drops seconds),
 * subject without Re:/Fwd: prefixes, and the body's letters and digits only (clients re-wrap lines
 * and re-quote differently).
 */
function messageKeyOf(original: OriginalMessage): string {
  if (original.messageId) return `mid:${original.messageId.trim().toLowerCase()}`;
  const minute = original.date ? original.date.slice(0, 16) : '';
  const subject = original.subject.replace(/^(\s*(re|fw|fwd|aw|wg|tr|rv)\s*:\s*)+/i, '').toLowerCase();
  const body = original.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const hash = createHash('sha256')
    .update([original.from?.address ?? '', minute, subject, body].join('\u0000'))
    .digest('hex');
  return `sha256:${hash}`;
}
