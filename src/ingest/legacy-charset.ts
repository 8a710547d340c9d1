import { isUtf8 } from 'node:buffer';

/**
 * Mail from older shop systems and scripts sends 8-bit text with no charset, with a placeholder
 * (`unknown-8bit`, RFC 1428; `x-unknown`), or declared `us-ascii`, and writes raw 8-bit bytes into
 * header fields (RFC 5322 allows none). mailparser reads all of these as UTF-8, and Latin-1 text comes
 * out as U+FFFD (`R�ckerstattung`, `25,00 �`): the rules then miss amounts and names.
 *
 * Bytes that are valid UTF-8 are UTF-8 (RFC 6532 headers, modern mailers) and stay as they are. Bytes
 * that are not are read as windows-1252, the superset of ISO-8859-1 that Western mailers wrote and
 * that the WHATWG Encoding Standard uses for a `latin1` label. The message's own header block and body
 * are considered, and so is each part of a multipart body, down to MAX_PART_DEPTH: shop systems that build
 * a text and an HTML part write the same undeclared 8-bit text into both (a part with no charset is
 * US-ASCII to the parser, RFC 2045, as a message is). An attached message (message/rfc822) is left as it is
 * here: it is parsed on its own, and repaired then.
 *
 * The same pass puts right what else legacy and broken mailers write and the parser misreads, each where
 * it is done: header syntax (withHeaderSyntaxRepaired, withEmbeddedHeadersSplit), raw ISO-2022-JP and
 * UTF-7 in headers, UTF-7 and uuencoded text bodies and plain ones declared base64 (textTransferDecoded),
 * an HTML part's charset named only in its `<meta>`, and windows-1252 text declared UTF-8 (legacyCharsetNeeded). Mail with none of these comes back byte for byte.
 */
export function withLegacy8bitRepaired(raw: Buffer): Buffer {
  return repairedEntity(raw, 0, false, false);
}

/** Multiparts nested deeper than this are left as they are (real mail nests three or four). */
const MAX_PART_DEPTH = 8;

/**
 * A message (`isPart` false) or a body part (header lines, maybe none, then its blank line and body), repaired.
 * `inDigest`: the part is one of a multipart/digest, where a part with no Content-Type is a message.
 */
function repairedEntity(raw: Buffer, depth: number, isPart: boolean, inDigest: boolean): Buffer {
  // A part may have no header lines at all: it opens with its blank line (text/plain, US-ASCII by default).
  const opensBlank = raw[0] === 0x0a || (raw[0] === 0x0d && raw[1] === 0x0a);
  const headerEnd = isPart && opensBlank ? 0 : endOfHeaderBlock(raw);
  const bodyAt = isPart ? -1 : bodyInHeaderBlock(raw, headerEnd);
  if (bodyAt > 0) {
    const newline = raw[bodyAt - 2] === 0x0d ? '\r\n' : '\n';
    return repairedEntity(
      Buffer.concat([raw.subarray(0, bodyAt), Buffer.from(newline), raw.subarray(bodyAt)]),
      depth,
      isPart,
      inDigest,
    );
  }
  if (headerEnd < 0) return raw;
  const head = raw.subarray(0, headerEnd);
  const body = raw.subarray(headerEnd);
  const utf8Head = isUtf8(head) ? head : transcodeInvalidLines(head);
  const decodedHead = utf8Head.toString('utf8');
  const named = withUtf7WordsAsUtf8(
    withRawIso2022JpDecoded(withPlaceholderWordsNamed(withEncodedWordsRepaired(decodedHead))),
  );
  const repairedHead =
    (isPart && withEmbeddedHeadersSplit(named)) || withHeaderSyntaxRepaired(named, isPart && inDigest, body);
  const decoded = textTransferDecoded(repairedHead, body);
  const words = decoded?.head ?? repairedHead;
  const content = decoded?.body ?? body;
  const relabel = legacyCharsetNeeded(words, content);
  const parts = relabel ? content : withPartsRepaired(headerValue(words, 'content-type'), content, depth);
  if (utf8Head === head && words === decodedHead && !relabel && parts === body) return raw;
  const newline = opensBlank && body[0] === 0x0d ? '\r\n' : '\n';
  const headText = !relabel
    ? words
    : words === ''
      ? `Content-Type: text/plain; charset=${relabel}${newline}`
      : withCharset(words, relabel);
  return Buffer.concat([Buffer.from(headText, 'utf8'), parts]);
}

/** Labels of UTF-7 (RFC 2152), which Outlook Express and old Exchange servers sent and the parser does not decode. */
const UTF7_LABELS = new Set(['utf-7', 'utf7', 'unicode-1-1-utf-7', 'x-unicode-2-0-utf-7', 'csunicode11utf7']);

/** Transfer encodings for uuencoded bodies (not MIME's, but old mailers sent them), which the parser leaves encoded. */
const UUENCODE_LABELS = new Set(['x-uuencode', 'uuencode', 'x-uue', 'uue']);

/**
 * A text part the parser would not decode, or would decode wrongly, decoded: a UTF-7 one (RFC 2152) as
 * UTF-8, a uuencoded one as its bytes, one declared base64 that is plain text (isPlainTextNotBase64) as it
 * is; each then 8-bit. Null when the part is none of these, or its body cannot be decoded. The parser
 * passed UTF-7 through as it is (`rembours+AOk-`), a uuencoded body as its encoding, and made garbage of
 * plain text it base64-decoded.
 */
function textTransferDecoded(head: string, body: Buffer): { head: string; body: Buffer } | null {
  const contentType = headerValue(head, 'content-type');
  if (contentType !== null && !/^text\//i.test(contentType)) return null;
  const encoding = (headerValue(head, 'content-transfer-encoding') ?? '').toLowerCase();
  const uuencoded = UUENCODE_LABELS.has(encoding);
  const utf7 = contentType !== null && UTF7_LABELS.has(charsetOf(contentType));
  const notBase64 = encoding === 'base64' && isPlainTextNotBase64(body);
  if (!uuencoded && !utf7 && !notBase64) return null;
  // The body opens with the header block's blank line, which stays where it is.
  const blank = body[0] === 0x0d && body[1] === 0x0a ? 2 : body[0] === 0x0a ? 1 : 0;
  const bytes = uuencoded
    ? uudecoded(body.subarray(blank))
    : notBase64
      ? body.subarray(blank)
      : decodedBody(body.subarray(blank), encoding);
  if (bytes === null) return null;
  const text = utf7 ? Buffer.from(decodeUtf7(bytes.toString('latin1')), 'utf8') : bytes;
  const lines = (utf7 ? withCharset(head, 'utf-8') : head).split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^content-transfer-encoding:/i.test(lines[i] ?? '')) {
      kept.push(lines[i] ?? '');
      continue;
    }
    i = fieldEnd(lines, i) - 1;
  }
  // The block ends with its line break: the last element is ''.
  kept.splice(kept.length - 1, 0, `Content-Transfer-Encoding: 8bit${head.includes('\r\n') ? '\r' : ''}`);
  return { head: kept.join('\n'), body: Buffer.concat([body.subarray(0, blank), text]) };
}

/**
 * Whether a body declared base64 is plain text instead (a ticket system's template that kept the header
 * and not the encoding): most of its lines, and at least two, have a space between two other characters,
 * which base64 never has. The decoder made garbage of it. A base64 body with a stray character or a
 * trailing space (fixture 34) is still base64. Looks at the first 64 KiB.
 */
function isPlainTextNotBase64(body: Buffer): boolean {
  const lines = body
    .subarray(0, 64 * 1024)
    .toString('latin1')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const spaced = lines.filter((line) => /\S[ \t]\S/.test(line)).length;
  return spaced >= 2 && spaced * 2 > lines.length;
}

/** The bytes of the first uuencoded file in `body` (`begin 644 name` … `end`), or null when there is none. */
function uudecoded(body: Buffer): Buffer | null {
  const lines = body.toString('latin1').split(/\r?\n/);
  const begin = lines.findIndex((line) => /^begin [0-7]{3,4} /.test(line));
  if (begin < 0) return null;
  const out: number[] = [];
  for (const line of lines.slice(begin + 1)) {
    if (line.trimEnd() === 'end') break;
    // The first character gives the line's byte count; each 4 characters after it give 3 bytes.
    const length = ((line.charCodeAt(0) || 32) - 32) & 63;
    const decodedLine: number[] = [];
    for (let i = 1; i < line.length && decodedLine.length < length; i += 4) {
      const [a = 0, b = 0, c = 0, d = 0] = [0, 1, 2, 3].map((k) => ((line.charCodeAt(i + k) || 32) - 32) & 63);
      decodedLine.push(((a << 2) | (b >> 4)) & 255, ((b << 4) | (c >> 2)) & 255, ((c << 6) | d) & 255);
    }
    for (const byte of decodedLine.slice(0, length)) out.push(byte);
  }
  return Buffer.from(out);
}

/**
 * Header lines in raw ISO-2022-JP (`ESC $ B` … `ESC ( B`, no encoded word: old Japanese mailers) decoded
 * to UTF-8, which the parser reads as RFC 6532 text; it showed the escape sequences.
 */
function withRawIso2022JpDecoded(head: string): string {
  if (!head.includes('\x1b')) return head;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC opens and closes an ISO-2022-JP run.
  return head.replace(/\x1b\$[@B][^\x1b\r\n]{0,2000}(?:\x1b\([BJ])?/g, (run) =>
    iso2022jp.decode(Buffer.from(run, 'latin1')),
  );
}

const iso2022jp = new TextDecoder('iso-2022-jp');

/** An encoded word's payload as bytes: `B` is base64, `Q` quoted-printable with `_` for a space (RFC 2047). */
export function encodedWordBytes(encoding: string, payload: string): Buffer {
  if (encoding.toUpperCase() === 'B') return Buffer.from(payload, 'base64');
  const text = payload
    .replace(/_/g, ' ')
    .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(text, 'latin1');
}

/** Encoded words in UTF-7 (`=?utf-7?Q?Caf+AOk-?=`), which the decoder passes through, as UTF-8 words. */
function withUtf7WordsAsUtf8(head: string): string {
  if (!/=\?(?:x-)?(?:unicode-[\d-]{3,5}-)?utf-?7\?/i.test(head)) return head;
  return head.replace(
    /=\?((?:x-)?(?:unicode-[\d-]{3,5}-)?utf-?7)(\*[A-Za-z-]{1,20})?\?([BbQq])\?([^?\s]{0,1000})\?=/gi,
    (_, _label: string, _language: string | undefined, encoding: string, payload: string) => {
      const bytes = encodedWordBytes(encoding, payload);
      return `=?utf-8?B?${Buffer.from(decodeUtf7(bytes.toString('latin1')), 'utf8').toString('base64')}?=`;
    },
  );
}

/** UTF-7 text (RFC 2152): `+` opens a base64 run of UTF-16 code units, `-` may close it, `+-` is `+`. */
function decodeUtf7(text: string): string {
  return text.replace(/\+([A-Za-z0-9+/]{0,10000})-?/g, (_, base64: string) => (base64 === '' ? '+' : utf16be(base64)));
}

/** UTF-7's base64 run: UTF-16 big-endian code units. */
function utf16be(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    out += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  return out;
}

/**
 * A multipart body with each of its parts repaired (repairedEntity); the same Buffer when none changes.
 * Parts are found by their delimiter lines (`--boundary` at the start of a line, RFC 2046 5.1.1).
 */
function withPartsRepaired(contentType: string | null, body: Buffer, depth: number): Buffer {
  if (contentType === null || depth >= MAX_PART_DEPTH || !/^multipart\//i.test(contentType)) return body;
  const boundary = boundaryOf(contentType);
  if (!boundary) return body;
  const digest = /^multipart\/digest\b/i.test(contentType);
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  // Where each delimiter line starts, and where the line after it starts.
  const lines: Array<{ start: number; next: number }> = [];
  for (let at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, at + delimiter.length)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    const end = text.indexOf('\n', at);
    lines.push({ start: at, next: end < 0 ? text.length : end + 1 });
  }
  const out: Buffer[] = [];
  let copied = 0;
  let changed = false;
  for (const [i, line] of lines.entries()) {
    const following = lines[i + 1];
    if (!following) break;
    // The part runs to the line break before the next delimiter, which belongs to the delimiter.
    const end = following.start - (text[following.start - 2] === '\r' ? 2 : 1);
    if (end <= line.next) continue;
    const part = body.subarray(line.next, end);
    const repaired = repairedEntity(part, depth + 1, true, digest);
    if (repaired === part) continue;
    out.push(body.subarray(copied, line.next), repaired);
    copied = end;
    changed = true;
  }
  if (!changed) return body;
  out.push(body.subarray(copied));
  return Buffer.concat(out);
}

/** The `boundary` parameter of a multipart Content-Type value, unquoted, or null. */
function boundaryOf(contentType: string): string | null {
  const m = BOUNDARY_PARAMETER.exec(contentType);
  return m?.[1] ?? m?.[2] ?? null;
}

const BOUNDARY_PARAMETER = /;\s{0,20}boundary\s{0,20}=\s{0,20}(?:"([^"]{1,200})"|([^;\s]{1,200}))/i;

/** Whether a line of `body` opens with `--boundary` (a delimiter line, RFC 2046 5.1.1). */
function hasDelimiterLine(body: Buffer, boundary: string): boolean {
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  for (let at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, at + delimiter.length)) {
    if (at === 0 || text[at - 1] === '\n') return true;
  }
  return false;
}

/**
 * The boundary of a multipart body's first delimiter line that a part's header line follows (`--b1_…` then
 * `Content-Type: …`), or null. Stricter than openingDelimiterOf: a body whose declared boundary is wrong may
 * hold `-----Original Message-----` or a `-- ` signature line before its parts.
 */
function partDelimiterOf(body: Buffer): string | null {
  const text = body.subarray(0, 64 * 1024).toString('latin1');
  const m = /^--([0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-])[ \t]*\r?\n(?=content-[a-z-]{1,40}:)/im.exec(
    text,
  );
  return m?.[1] ?? null;
}

/** Whether a header block declares a base64 or quoted-printable body (its delimiter lines are encoded too). */
function isEncoded(head: string): boolean {
  return /^(?:base64|quoted-printable)$/i.test(headerValue(head, 'content-transfer-encoding') ?? '');
}

/**
 * Header syntax that real mail gets wrong and the parser then misreads, put right:
 * - a Content-Type whose parameters follow the type with no `;` (`text/plain charset=utf-8`): the parser
 *   took the whole value for an unknown type, and the text for an attachment;
 * - a second Content-Type: the parser let the last one win; the first is what the sending client wrote
 *   (gateways append theirs), as Python's email package reads it;
 * - in a multipart/digest, a part with no header lines is a message (RFC 2046 5.1.5), not text.
 */
function withHeaderSyntaxRepaired(head: string, digestPart: boolean, body: Buffer): string {
  if (digestPart && head === '' && body.length > 0) {
    return `Content-Type: message/rfc822${body[0] === 0x0d ? '\r\n' : '\n'}`;
  }
  if (!/^content-type:/im.test(head)) return head;
  const lines = head.split('\n');
  let seen = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!/^content-type:/i.test(line)) continue;
    if (seen) {
      // The duplicate and its continuation lines go.
      lines.splice(i, fieldEnd(lines, i) - i);
      i--;
      continue;
    }
    seen = true;
    const end = fieldEnd(lines, i);
    const value = lines.slice(i, end).join(' ');
    const multipart = /^content-type:\s{0,20}multipart\//i.test(value);
    const declared = multipart ? boundaryOf(value) : null;
    const delimiter = multipart && !declared ? openingDelimiterOf(body) : null;
    if (delimiter) {
      // The parser finds no part without a boundary, and the text is lost: the body's first delimiter line names it.
      const last = end - 1;
      lines[last] = (lines[last] ?? '').replace(/;?[ \t]*(\r?)$/, `; boundary="${delimiter}"$1`);
    } else if (declared && !hasDelimiterLine(body, declared) && !isEncoded(head)) {
      // A boundary the body never uses (a mailer that wrote a new one into the header and not the body):
      // the parser finds no part, and the text is lost. The body's own delimiter lines name the parts; a
      // body with none is the text it is (RFC 2045 5.2: an invalid Content-Type is text/plain).
      const found = partDelimiterOf(body);
      const cr = (lines[end - 1] ?? '').endsWith('\r') ? '\r' : '';
      const unfolded = lines
        .slice(i, end)
        .map((line) => line.trim())
        .join(' ');
      lines.splice(
        i,
        end - i,
        found === null
          ? `Content-Type: text/plain${cr}`
          : `${unfolded.replace(BOUNDARY_PARAMETER, `; boundary="${found}"`)}${cr}`,
      );
      continue;
    }
    // A type with no subtype (`Content-Type: text; charset=utf-8`, shop scripts): the parser made the text
    // an attachment. RFC 2045 5.2: a syntactically invalid Content-Type is text/plain; its parameters stay.
    lines[i] = (lines[i] ?? '').replace(
      /^(content-type:[ \t]{0,20})(text|html|plain)(?=[ \t]{0,20}(?:;|\r?$))/i,
      (_, name: string, type: string) => `${name}${type.toLowerCase() === 'html' ? 'text/html' : 'text/plain'}`,
    );
    lines[i] = (lines[i] ?? '').replace(
      /^(content-type:\s{0,20}[\w.+-]{1,80}\/[\w.+-]{1,80})[ \t]{1,20}(?=[\w-]{1,80}[ \t]{0,20}=)/i,
      '$1; ',
    );
  }
  return lines.join('\n');
}

/** The boundary of a multipart body's first delimiter line (`--boundary`, RFC 2046 5.1.1), or null. */
function openingDelimiterOf(body: Buffer): string | null {
  const text = body.subarray(0, 64 * 1024).toString('latin1');
  const m = /^--([0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-])[ \t]*\r?$/m.exec(text);
  return m?.[1] ?? null;
}

/**
 * A `message/rfc822` part whose blank line after its own header lines is missing (some clients and
 * gateways write the attached message's headers straight after `Content-Type: message/rfc822`): the
 * message's headers were read as the part's, and the message came out with no header block. The part
 * keeps its leading Content-* lines; a blank line then opens the message at its first other field.
 * Null when the part is not such a message part.
 */
function withEmbeddedHeadersSplit(head: string): string | null {
  if (!/^content-type:[ \t]{0,20}message\/(?:rfc822|global)\b/im.test(head)) return null;
  const lines = head.split('\n');
  const first = lines.findIndex((line) => /^[!-9;-~]{1,80}:/.test(line) && !/^content-/i.test(line));
  if (first <= 0 || !lines.slice(first).some((line) => /^(?:from|date|subject|message-id):/i.test(line))) return null;
  // Every line before the first other field must be the part's Content-* fields (and their continuations).
  if (!lines.slice(0, first).every((line) => /^content-/i.test(line) || /^[ \t]/.test(line))) return null;
  const blank = head.includes('\r\n') ? '\r\n' : '\n';
  return `${lines.slice(0, first).join('\n')}\n${blank}${lines.slice(first).join('\n')}`;
}

/**
 * RFC 2047 encoded words as broken encoders and gateways write them, put right so the decoder reads them:
 * - spaces inside the delimiters (`=? ISO-2022-JP? B? …?=`, a mail gateway's rewrite): left as text;
 * - a word folded inside its payload (`…_a_=C3` then ` =A9t=C3=A9?=` on the next line: a script that folds
 *   at a column, blind to encoded words): the fold goes, since a payload holds no white space;
 * - a word missing its closing `?=` at the end of its line, or before the white space that ends it when
 *   no `?=` follows on the line (`=?utf-8?Q?H=C3=A9lo=C3=AFse <contact@…>`): closed there (RFC 2047 2: a
 *   word spans no line and holds no white space);
 * - adjacent words in one charset that the decoder would misjoin: it joins base64 words' payloads as one
 *   string, so a word without its padding (or with a stray character) shifts every byte after it, and it
 *   decodes a B and a Q word apart, so a character split between them (RFC 2047 forbids the split, encoders
 *   do it) became two U+FFFD. Such a run becomes one base64 word of its bytes.
 */
function withEncodedWordsRepaired(head: string): string {
  if (!head.includes('=?')) return head;
  const unspaced = head.replace(SPACED_WORD_START, '=?$1?$2?');
  const unfolded = unspaced.replace(WORD_FOLDED_IN_PAYLOAD, '$1');
  const closed = unfolded.replace(UNTERMINATED_WORD, '$&?=').replace(UNTERMINATED_WORD_BEFORE_SPACE, '$&?=');
  return withWordRunsJoined(closed);
}

/** The start of an encoded word with white space inside its delimiters, before a payload and its `?=`. */
const SPACED_WORD_START =
  /=\?[ \t]{0,3}([\w.:-]{1,40}(?:\*[A-Za-z-]{1,20})?)[ \t]{0,3}\?[ \t]{0,3}([BbQq])[ \t]{0,3}\?[ \t]{0,3}(?=[^?\s]{1,1000}\?=)/g;

/** An encoded word whose line ends inside its payload, and the continuation line that ends it (no new word). */
const WORD_FOLDED_IN_PAYLOAD =
  /(=\?[\w.:-]{1,40}\?[BbQq]\?[^?\s]{1,1000})\r?\n[ \t]{1,20}(?!=\?)(?=[^?\s]{1,1000}\?=)/g;

/** An encoded word cut off at the end of its line (no `?=`). */
const UNTERMINATED_WORD = /=\?[\w.:-]{1,40}\?[BbQq]\?[^?\s]{1,1000}(?=\r?$)/gm;

/** An encoded word cut off at white space, with no `?=` further on its line. */
const UNTERMINATED_WORD_BEFORE_SPACE = /=\?[\w.:-]{1,40}\?[BbQq]\?[^?\s]{1,1000}(?=[ \t][^?\r\n]{0,2000}\r?$)/gm;

/** One encoded word: charset, language, encoding, payload. */
const ENCODED_WORD = /=\?([\w.:-]{1,40})(\*[A-Za-z-]{1,20})?\?([BbQq])\?([^?\s]{0,1000})\?=/g;

/** Base64 as an encoder writes it: whole quanta, padded. Joined payloads of such words still decode right. */
const PADDED_BASE64 = /^(?:[A-Za-z0-9+/]{4}){0,250}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Runs of adjacent encoded words (white space and folds between them) in one charset that the decoder would
 * misread (see withEncodedWordsRepaired), each rewritten as one base64 word of its bytes.
 */
function withWordRunsJoined(head: string): string {
  const words = [...head.matchAll(ENCODED_WORD)];
  if (words.length < 2) return head;
  const charsetKey = (m: RegExpMatchArray) => (m[1] ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < words.length) {
    let j = i + 1;
    for (; j < words.length; j++) {
      const previous = words[j - 1] as RegExpMatchArray;
      const word = words[j] as RegExpMatchArray;
      const between = head.slice((previous.index ?? 0) + previous[0].length, word.index);
      // White space only, and no new header line (a line break not followed by white space).
      if (!/^[ \t\r\n]{0,200}$/.test(between) || /\n(?![ \t])/.test(between)) break;
      if (charsetKey(word) !== charsetKey(words[i] as RegExpMatchArray)) break;
    }
    const run = words.slice(i, j);
    const misread =
      run.length > 1 &&
      (new Set(run.map((m) => (m[3] ?? '').toUpperCase())).size > 1 ||
        run.slice(0, -1).some((m) => (m[3] ?? '').toUpperCase() === 'B' && !PADDED_BASE64.test(m[4] ?? '')));
    if (misread) {
      const first = run[0] as RegExpMatchArray;
      const last = run[run.length - 1] as RegExpMatchArray;
      const bytes = Buffer.concat(run.map((m) => encodedWordBytes(m[3] ?? '', m[4] ?? '')));
      out += `${head.slice(copied, first.index)}=?${first[1]}?B?${bytes.toString('base64')}?=`;
      copied = (last.index ?? 0) + last[0].length;
    }
    i = j;
  }
  return copied === 0 ? head : out + head.slice(copied);
}

/** RFC 2047 encoded words under a placeholder charset (`=?x-unknown?Q?H=E9l=E8ne?=`). */
const PLACEHOLDER_WORD = /=\?(unknown-8bit|x-unknown|unknown)(\*[A-Za-z-]{1,20})?\?([BbQq])\?([^?\s]{0,1000})\?=/g;

/**
 * Encoded words whose charset is a placeholder, renamed to what their bytes are: `utf-8` when they are
 * UTF-8, else windows-1252. The decoder reads an unknown charset as UTF-8, so Latin-1 names came out as U+FFFD.
 */
function withPlaceholderWordsNamed(head: string): string {
  if (!head.includes('=?')) return head;
  return head.replace(
    PLACEHOLDER_WORD,
    (_, _label: string, language: string | undefined, encoding: string, text: string) => {
      const bytes = encodedWordBytes(encoding, text);
      return `=?${isUtf8(bytes) ? 'utf-8' : LEGACY_CHARSET}${language ?? ''}?${encoding}?${text}?=`;
    },
  );
}

const LEGACY_CHARSET = 'windows-1252';
/**
 * windows-1252 bytes as text. Not `new TextDecoder('windows-1252')`: Node 20 decodes that label as
 * ISO-8859-1, and 0x80-0x9F (`€`, `–`, `’`) come out as C1 control characters.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes)
    out += byte >= 0x80 && byte <= 0x9f ? (CP1252_80_9F[byte - 0x80] ?? '') : String.fromCharCode(byte);
  return out;
}

/** windows-1252's 0x80-0x9F; the five it leaves undefined stay their C1 code points. */
const CP1252_80_9F = [
  ...'\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178',
];

/** Single-byte charsets' labels (ISO-8859-x, Latin-n, windows-125x, KOI8): their text is never UTF-8 by chance. */
const SINGLE_BYTE_LABEL =
  /^(?:iso[-_]?8859[-_]\d{1,2}|latin-?\d{1,2}|l\d|windows-125\d|cp-?125\d|cp819|ibm819|koi8-[ru])$/;

/** The labels of UTF-8 (the WHATWG Encoding Standard's, as mail writes them). */
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'x-unicode20utf8']);

/** Whether `bytes` hold a well-formed UTF-8 multi-byte sequence anywhere (a lead byte and its continuation bytes). */
function holdsUtf8Sequence(bytes: Buffer): boolean {
  return /[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}/.test(bytes.toString('latin1'));
}

/** Charset labels that say nothing about the bytes (or say ASCII, which 8-bit bytes contradict). */
const PLACEHOLDER_CHARSETS = new Set(['', 'unknown-8bit', 'x-unknown', 'unknown', 'us-ascii', 'ascii', 'default']);

/**
 * Where the body starts in a message whose header block runs into it with no blank line (a script that left
 * it out): the parser read the text as header lines, and the message came out with none. The first line that
 * is neither a header field nor a continuation line, when no field follows it in the block; -1 when there is
 * none (a stray line between fields, as in fixture 57, is no body).
 */
function bodyInHeaderBlock(raw: Buffer, headerEnd: number): number {
  const text = raw.subarray(0, headerEnd < 0 ? Math.min(raw.length, 256 * 1024) : headerEnd).toString('latin1');
  let start = -1;
  for (let at = 0; at < text.length; ) {
    const next = text.indexOf('\n', at);
    const end = next < 0 ? text.length : next + 1;
    const line = text.slice(at, end);
    if (/^[!-9;-~]{1,80}:/.test(line) || (at === 0 && line.startsWith('From '))) start = -1;
    else if (start < 0 && at > 0 && !/^[ \t\r\n]/.test(line)) start = at;
    at = end;
  }
  return start;
}

/** Offset just past the header block's last line (its blank line left in the body), or -1. */
function endOfHeaderBlock(raw: Buffer): number {
  // A header block is small; one bigger than this is not repaired (parsed as it is).
  const limit = Math.min(raw.length, 256 * 1024);
  for (let i = 0; i < limit; i++) {
    if (raw[i] !== 0x0a) continue;
    const next = raw[i + 1];
    if (next === 0x0a || (next === 0x0d && raw[i + 2] === 0x0a)) return i + 1;
  }
  return -1;
}

/** Each physical line that is not valid UTF-8 read as windows-1252; the others byte for byte. */
function transcodeInvalidLines(head: Buffer): Buffer {
  const out: Buffer[] = [];
  let start = 0;
  while (start < head.length) {
    let end = head.indexOf(0x0a, start);
    end = end < 0 ? head.length : end + 1;
    const line = head.subarray(start, end);
    out.push(isUtf8(line) ? line : Buffer.from(decodeWindows1252(line), 'utf8'));
    start = end;
  }
  return Buffer.concat(out);
}

/** One header's value, unfolded, from an unparsed header block (the first occurrence), or null. */
function headerValue(head: string, name: string): string | null {
  const lines = head.split(/\r?\n/);
  const prefix = `${name.toLowerCase()}:`;
  for (let i = 0; i < lines.length; i++) {
    if (!(lines[i] ?? '').toLowerCase().startsWith(prefix)) continue;
    let value = (lines[i] ?? '').slice(prefix.length);
    for (let j = i + 1; j < lines.length && /^[ \t]/.test(lines[j] ?? ''); j++) value += ` ${(lines[j] ?? '').trim()}`;
    return value.trim();
  }
  return null;
}

/** The `charset` parameter of a Content-Type value, lower-cased and unquoted ('' when absent). */
function charsetOf(contentType: string): string {
  const m = /;\s{0,20}charset\s{0,20}=\s{0,20}(?:"([^"]{0,80})"|([^;\s]{0,80}))/i.exec(contentType);
  return (m?.[1] ?? m?.[2] ?? '').trim().toLowerCase();
}

/**
 * The charset to name for one text part, or null when none is needed: for a part whose declared charset
 * says nothing (see PLACEHOLDER_CHARSETS), or says UTF-8 over bytes with no UTF-8 in them, and whose decoded
 * body is not UTF-8, the charset an HTML part's own `<meta>` names (shop systems declare it there only),
 * else windows-1252; for a part declared in a single-byte charset whose bytes are UTF-8 with letters above
 * ASCII, utf-8.
 */
function legacyCharsetNeeded(head: string, body: Buffer): string | null {
  const contentType = headerValue(head, 'content-type');
  if (contentType !== null && !/^text\//i.test(contentType)) return null;
  const declared = charsetOf(contentType ?? '');
  const utf8Declared = UTF8_LABELS.has(declared);
  const singleByte = SINGLE_BYTE_LABEL.test(declared);
  if (!PLACEHOLDER_CHARSETS.has(declared) && !utf8Declared && !singleByte) return null;
  const encoding = (headerValue(head, 'content-transfer-encoding') ?? '').toLowerCase();
  const bytes = decodedBody(body, encoding);
  if (bytes === null) return null;
  // Declared in a single-byte charset over UTF-8 (a shop template saved as UTF-8 under an ISO-8859-1
  // header, its `<meta>` saying utf-8): `für` came out as `fÃ¼r`. Text in a single-byte charset with
  // letters above ASCII is as good as never well-formed UTF-8 (`ü` then `r` is no sequence).
  if (singleByte) return isUtf8(bytes) && holdsUtf8Sequence(bytes) ? 'utf-8' : null;
  if (isUtf8(bytes)) return null;
  // Declared UTF-8 over bytes with no UTF-8 sequence in them at all (a PHP script that sends its
  // windows-1252 database text under a UTF-8 header): every 8-bit character came out as U+FFFD. A body
  // with some UTF-8 in it and a stray byte stays UTF-8: one U+FFFD, not every accent turned to mojibake.
  if (utf8Declared && holdsUtf8Sequence(bytes)) return null;
  return (contentType !== null && /^text\/html/i.test(contentType) && metaCharsetOf(bytes)) || LEGACY_CHARSET;
}

/**
 * The charset an HTML document's `<meta charset>` or `<meta http-equiv content="…; charset=…">` names, when
 * it is one the platform knows and not a Unicode one (the bytes are not UTF-8); else null.
 */
function metaCharsetOf(html: Buffer): string | null {
  const head = html.subarray(0, 4096).toString('latin1');
  const label = /<meta\b[^>]{0,300}?charset\s{0,5}=\s{0,5}["']?([\w.:-]{1,40})/i.exec(head)?.[1]?.toLowerCase();
  if (!label || /^(?:utf|unicode|ucs)/.test(label)) return null;
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return null;
  }
}

function decodedBody(body: Buffer, encoding: string): Buffer | null {
  if (encoding === 'base64') return Buffer.from(body.toString('latin1'), 'base64');
  if (encoding === 'quoted-printable') {
    const text = body.toString('latin1').replace(/=\r?\n/g, '');
    return Buffer.from(
      text.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      'latin1',
    );
  }
  if (encoding === '' || encoding === '7bit' || encoding === '8bit' || encoding === 'binary') return body;
  return null;
}

/** The header block with its Content-Type replaced by one naming `charset` (added when there was none). */
/** The index after the header field at line `start` and its continuation lines (folded with a space or tab). */
function fieldEnd(lines: readonly string[], start: number): number {
  let end = start + 1;
  while (end < lines.length && /^[ \t]/.test(lines[end] ?? '')) end++;
  return end;
}

function withCharset(head: string, charset: string): string {
  const newline = head.includes('\r\n') ? '\r\n' : '\n';
  const lines = head.split(/\r?\n/);
  // The block ends with its line break: the last element is ''.
  const index = lines.findIndex((l) => l.toLowerCase().startsWith('content-type:'));
  if (index < 0) {
    lines.splice(lines.length - 1, 0, `Content-Type: text/plain; charset=${charset}`);
    return lines.join(newline);
  }
  const end = fieldEnd(lines, index);
  const value = headerValue(head, 'content-type') ?? 'text/plain';
  const without = value.replace(/;\s{0,20}charset\s{0,20}=\s{0,20}(?:"[^"]{0,80}"|[^;\s]{0,80})/gi, '');
  lines.splice(index, end - index, `Content-Type: ${without}; charset=${charset}`);
  return lines.join(newline);
}
