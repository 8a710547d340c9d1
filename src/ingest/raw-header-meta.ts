import { isUtf8 } from 'node:buffer';
import { decodeEncodedWords } from './encoded-words.js';
import { parseMailbox } from './forward-header-block.js';
import { decodeWindows1252 } from './legacy-charset.js';

/**
 * What a message's own header section says of it, read without a MIME parser: for mail that failed to
 * parse (`unparseable`, `delivery_report`, `not_mime`…), so its quarantine record still names the user who
 * forwarded it (whose digest alone lists it), its sender and its subject. Claims, like any header: they
 * decide whose digest shows the record and what it says, never whether the mail is trusted.
 */
export interface RawHeaderMeta {
  /** The From header's address (lower case), or null. */
  from: string | null;
  /**
   * Who sent it into the mailbox, as parseInboundMessage's `envelopeFrom` reads it: the topmost
   * `Resent-From`, else Gmail's `X-Forwarded-For` (a server rule's forward), when it names someone other
   * than From; else From. Null when none holds an address.
   */
  forwarder: string | null;
  /** The Subject, encoded words decoded, control characters removed, at most MAX_SUBJECT_CHARS. */
  subject: string | null;
  messageId: string | null;
}

/**
 * Most bytes read for the header section. Real header sections are a few KiB (a long Received trail,
 * DKIM and ARC sets: under 20 KiB); a mail whose header section runs past this is read as far as this.
 */
export const MAX_HEADER_SECTION_BYTES = 64 * 1024;
/** Most characters kept of a header value before it is decoded: a subject or address list longer is cut. */
const MAX_VALUE_CHARS = 4000;
/** Most characters of the subject kept for `quarantine list` and the digest. */
export const MAX_SUBJECT_CHARS = 300;

/**
 * A copy of the header section of `raw` (up to its first empty line, at most MAX_HEADER_SECTION_BYTES):
 * taken before the bytes are handed to a parser that may take their memory over (the analysis pool).
 */
export function headerSectionOf(raw: Buffer): Buffer {
  const head = raw.subarray(0, MAX_HEADER_SECTION_BYTES);
  const end = endOfHeaderSection(head);
  return Buffer.from(head.subarray(0, end));
}

const FIELDS = ['from', 'subject', 'message-id', 'resent-from', 'x-forwarded-for'];

/** The meta of a header section (headerSectionOf, or a whole message: only its header section is read). */
export function rawHeaderMeta(raw: Buffer): RawHeaderMeta {
  const fields = headerFields(headerSectionOf(raw), FIELDS);
  const from = addressOf(fields.get('from'));
  const resent = addressOf(fields.get('resent-from'));
  // Gmail: `X-Forwarded-For: alice@example.net cases@tracker.example.net` (forwarder first).
  const forwardedFor = addressOf(
    fields
      .get('x-forwarded-for')
      ?.split(/[\s,]+/)
      .find((token) => token.includes('@')),
  );
  const auto = resent ?? forwardedFor;
  const subject = clean(fields.get('subject') ?? '').slice(0, MAX_SUBJECT_CHARS);
  const messageId = clean(fields.get('message-id') ?? '').split(' ')[0] ?? '';
  return {
    from,
    forwarder: auto !== null && auto !== from ? auto : from,
    subject: subject === '' ? null : subject,
    messageId: /^<[^<>\s]+>$/.test(messageId) ? messageId : null,
  };
}

/** Where the header section ends: before its first empty line (CRLF, LF or bare-CR line ends), else at the end. */
function endOfHeaderSection(head: Buffer): number {
  const ends = [head.indexOf('\r\n\r\n'), head.indexOf('\n\n'), head.indexOf('\r\r')].filter((i) => i >= 0);
  return ends.length > 0 ? Math.min(...ends) : head.length;
}

/**
 * The first value of each wanted field (names in lower case), unfolded, decoded from UTF-8 (RFC 6532) or
 * else windows-1252, encoded words (RFC 2047) decoded. An mbox `From ` line is no field.
 */
function headerFields(section: Buffer, wanted: readonly string[]): Map<string, string> {
  const text = isUtf8(section) ? section.toString('utf8') : decodeWindows1252(section);
  const out = new Map<string, string>();
  let name: string | null = null;
  let value = '';
  const flush = () => {
    if (name !== null && wanted.includes(name) && !out.has(name)) {
      out.set(name, decodeEncodedWords(value.slice(0, MAX_VALUE_CHARS)));
    }
    name = null;
    value = '';
  };
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (name !== null && value.length < MAX_VALUE_CHARS) value += line;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    // A field name is printable ASCII without a colon or space (RFC 5322 2.2).
    if (colon <= 0 || !/^[!-9;-~]+$/.test(line.slice(0, colon))) continue;
    name = line.slice(0, colon).toLowerCase();
    value = line.slice(colon + 1, colon + 1 + MAX_VALUE_CHARS);
  }
  flush();
  return out;
}

function addressOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  // The first mailbox of a list: with no `<…>`, a comma ends it (`a@b, c@d`).
  const first = value.includes('<') ? value : (value.split(',')[0] ?? '');
  const address = parseMailbox(clean(first))?.address ?? '';
  return address === '' ? null : address.toLowerCase();
}

/** Control characters (C0, DEL, C1) and runs of white space as one space, trimmed. */
function clean(value: string): string {
  return value
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
