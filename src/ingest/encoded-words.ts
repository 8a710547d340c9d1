import { isUtf8 } from 'node:buffer';
import { decodeWindows1252, encodedWordBytes } from './legacy-charset.js';

/**
 * RFC 2047 encoded words in text that no MIME parser decoded: a forwarded header block pasted into a
 * body with its `=?iso-8859-1?Q?…?=` words as they were on the wire (Lotus Notes, scripts, some webmails).
 * Adjacent words are one run (RFC 2047 6.2: the white space between them is not text), and a run in one
 * charset is decoded as one byte string, since a client may split a character's bytes over two words.
 */
export function decodeEncodedWords(text: string): string {
  if (!text.includes('=?')) return text;
  let out = '';
  let last = 0;
  // The run of adjacent words being read: their charset and bytes.
  let runCharset: string | null = null;
  let runBytes: Buffer[] = [];
  for (const m of text.matchAll(ENCODED_WORD)) {
    const [whole, label = '', encoding = '', payload = ''] = m;
    const between = text.slice(last, m.index);
    const charset = label.toLowerCase();
    const adjacent = runCharset !== null && between.trim() === '';
    if (runCharset !== null && !(adjacent && runCharset === charset)) {
      out += decodeBytes(Buffer.concat(runBytes), runCharset);
      runCharset = null;
    }
    if (runCharset === null) {
      if (!adjacent) out += between;
      runCharset = charset;
      runBytes = [];
    }
    runBytes.push(encodedWordBytes(encoding, payload));
    last = m.index + whole.length;
  }
  if (runCharset !== null) out += decodeBytes(Buffer.concat(runBytes), runCharset);
  return out + text.slice(last);
}

/** `=?charset[*language]?B|Q?payload?=`, payload bounded (a word is at most 75 characters; some clients write longer). */
const ENCODED_WORD = /=\?([!#-'*+\-0-9A-Z^-~]{1,40}?)(?:\*[A-Za-z-]{1,20})?\?([BbQq])\?([^?\s]{0,1000})\?=/g;

/** Latin-1 labels, read as windows-1252 (WHATWG Encoding): mailers write its `–` and `€` under them. */
const LATIN1_LABELS = new Set([
  'iso-8859-1',
  'iso8859-1',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
  'windows-1252',
  'cp1252',
]);

/**
 * The bytes in their charset (a label, any case); one the platform does not know (or a placeholder) is read as UTF-8 when
 * the bytes are UTF-8, else as windows-1252, as legacy-charset.ts reads undeclared 8-bit text.
 */
export function decodeBytes(bytes: Buffer, charset: string): string {
  // ASCII claims nothing about 8-bit bytes: UTF-8 ones are UTF-8.
  if ((charset === 'us-ascii' || charset === 'ascii') && isUtf8(bytes)) return bytes.toString('utf8');
  try {
    if (LATIN1_LABELS.has(charset)) return decodeWindows1252(bytes);
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return isUtf8(bytes) ? bytes.toString('utf8') : decodeWindows1252(bytes);
  }
}
