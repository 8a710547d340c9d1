import { LEXICONS } from '../rules/lexicon/index.js';
import { REPLY_SHAPES } from '../rules/lexicon/reply-shapes.js';
import type { HeaderWords, Words } from '../rules/lexicon/types.js';
import type { MailAddress } from './inbound-message.js';

/**
 * Fallback reader for the header block a mail client writes above an inline-forwarded message:
 * `From: … / Sent: … / To: … / Subject: …` and its translations. email-forward-parser reads most
 * clients; this covers what it misses, found with the fixtures in test/fixtures/forwards:
 *
 * - Outlook desktop in Spanish writes `Enviado el:`, a date label it does not know (date lost);
 * - Outlook desktop writes its block with no separator line. When such a forward wraps another
 *   forward that has one (Outlook forward of a Gmail forward), the parser splits at the inner
 *   separator and skips the outer layer, so the outer layer's header block is read here;
 * - it replaces the block's `Subject:` with the forward's own subject minus `Fwd:`, which is wrong
 *   when the forwarder edited the subject; the block's subject is read here.
 *
 * It works line by line: a line is `Label: value` when the text before its first colon (within
 * the first 40 characters) is a known label, looked up in a table. No pattern runs over more than
 * one line and none has nested quantifiers, so the cost is linear in the text.
 */

export type HeaderField = 'from' | 'date' | 'to' | 'cc' | 'subject' | 'replyTo' | 'other';

export interface ForwardHeaderBlock {
  /** Offset in the text where the block's first line starts. */
  start: number;
  from: MailAddress | null;
  to: MailAddress[];
  /** The date as written (parse it with parseHeaderDate), or null. */
  date: string | null;
  subject: string | null;
  /** The forwarded message's text after the block, without the block's `>` quoting. */
  body: string;
}

/**
 * Header words of languages the rules do not analyse but forwarders' mail clients print: a Finnish,
 * Hungarian, Romanian, Hebrew, Slovak, Croatian or Bulgarian Outlook or Gmail (and, written before
 * their lexicons, Russian, Ukrainian and Japanese ones) wraps a merchant's mail in its own labels.
 * They live here rather than in `rules/lexicon`, whose languages are the ones the rules read (a
 * lexicon there must fill every section); only the forward unwrapping needs these words. Most of
 * their clients prefix forwarded subjects with the English `Fwd:`/`FW:`; Finnish and Hungarian
 * Outlook write `VL:` and `TOV:`.
 */
export const CLIENT_ONLY_HEADER_WORDS: Readonly<Record<string, HeaderWords>> = {
  ru: {
    from: ['от', 'от кого', 'отправитель'],
    date: ['дата', 'отправлено'],
    to: ['кому'],
    cc: ['копия', 'скрытая копия'],
    subject: ['тема'],
    replyTo: ['ответ-кому'],
    other: ['важность', 'вложения'],
    forwardSeparators: ['пересылаемое сообщение', 'перенаправленное сообщение', 'начало переадресованного сообщения'],
    forwardPrefixes: [],
  },
  uk: {
    from: ['від', 'від кого'],
    date: ['дата', 'надіслано', 'відправлено'],
    to: ['кому'],
    cc: ['копія', 'прихована копія'],
    subject: ['тема'],
    replyTo: ['кому відповісти'],
    other: ['важливість', 'вкладення'],
    forwardSeparators: [
      'переслане повідомлення',
      'перенаправлене повідомлення',
      'пересланий лист',
      'початок листа, що пересилається',
    ],
    forwardPrefixes: [],
  },
  ja: {
    from: ['差出人', '送信者'],
    date: ['送信日時', '日付', '送信日'],
    to: ['宛先'],
    cc: ['cc'],
    subject: ['件名'],
    replyTo: ['返信先'],
    other: ['重要度', '添付ファイル'],
    forwardSeparators: ['転送メッセージ', '転送されたメッセージ', 'メッセージを転送'],
    forwardPrefixes: [],
  },
  // Outlook's and Gmail's labels and Outlook's forward prefixes (`VL:`, `TOV:`) in languages the rules did
  // not read when they were written (Romanian, Hungarian, Slovak and Finnish have lexicons since, which leave their
  // labels here): the merchant's mail inside is often in one they do read, and its own subject, sender and date
  // must not be lost.
  fi: {
    from: ['lähettäjä'],
    date: ['lähetetty', 'päivämäärä'],
    to: ['vastaanottaja'],
    cc: ['kopio'],
    subject: ['aihe'],
    replyTo: ['vastausosoite'],
    other: ['tärkeys', 'liitteet'],
    forwardSeparators: ['välitetty viesti', 'alkuperäinen viesti'],
    forwardPrefixes: ['vl'],
  },
  hu: {
    from: ['feladó'],
    date: ['elküldve', 'dátum'],
    to: ['címzett'],
    cc: ['másolatot kap', 'másolat'],
    subject: ['tárgy'],
    replyTo: ['válaszcím'],
    other: ['fontosság', 'mellékletek'],
    forwardSeparators: ['továbbított üzenet', 'eredeti üzenet'],
    forwardPrefixes: ['tov'],
  },
  ro: {
    from: ['de la'],
    date: ['trimis', 'dată', 'data'],
    to: ['către'],
    cc: [],
    subject: ['subiect'],
    replyTo: ['răspuns către'],
    other: ['importanță', 'atașări'],
    forwardSeparators: ['mesaj redirecționat', 'mesaj original'],
    forwardPrefixes: [],
  },
  he: {
    from: ['מאת'],
    date: ['נשלח', 'תאריך'],
    to: ['אל'],
    cc: ['עותק'],
    subject: ['נושא'],
    replyTo: ['השב אל'],
    other: ['חשיבות', 'קבצים מצורפים'],
    forwardSeparators: ['הודעה שהועברה', 'הודעה מקורית'],
    forwardPrefixes: [],
  },
  sk: {
    from: ['od'],
    date: ['odoslané', 'dátum'],
    to: ['komu'],
    cc: ['kópia'],
    subject: ['predmet'],
    replyTo: ['odpovedať komu'],
    other: ['dôležitosť', 'prílohy'],
    forwardSeparators: ['preposlaná správa', 'pôvodná správa'],
    forwardPrefixes: [],
  },
  hr: {
    from: ['šalje', 'od'],
    date: ['poslano', 'datum'],
    to: ['prima', 'za'],
    cc: ['kopija'],
    subject: ['predmet'],
    replyTo: ['odgovor za'],
    other: ['važnost', 'privici'],
    forwardSeparators: ['proslijeđena poruka', 'izvorna poruka'],
    forwardPrefixes: [],
  },
  bg: {
    from: ['от'],
    date: ['изпратено', 'дата'],
    to: ['до'],
    cc: ['копие'],
    subject: ['тема', 'относно'],
    replyTo: ['отговор до'],
    other: ['важност', 'прикачени файлове'],
    forwardSeparators: ['препратено съобщение', 'оригинално съобщение'],
    forwardPrefixes: [],
  },
};

/** Every language's header words: the lexicons', then the client-only ones. */
export const ALL_HEADER_WORDS: readonly HeaderWords[] = [
  ...LEXICONS.map((lexicon) => lexicon.headers),
  ...Object.values(CLIENT_ONLY_HEADER_WORDS),
];

/** Fields in the order a label is tried; the first whose words match the whole label wins. */
const FIELDS: readonly Exclude<HeaderField, 'other'>[] = ['from', 'date', 'to', 'cc', 'subject', 'replyTo'];

/**
 * Labels by field. Most words are plain text and are looked up in a map (a forward scan tries every
 * line of a message); the few with regex syntax (`fwd?`, `kopie \\(cc\\)`) are tried as one anchored
 * pattern per field. A label is at most MAX_LABEL_CHARS long, so that test is cheap too.
 */
const FIELD_ORDER: readonly HeaderField[] = [...FIELDS, 'other'];
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|]/;
const PLAIN_LABELS: ReadonlyMap<string, HeaderField> = (() => {
  const map = new Map<string, HeaderField>();
  for (const field of FIELD_ORDER) {
    for (const words of ALL_HEADER_WORDS) {
      for (const word of wordsOf(words, field)) {
        const key = word.normalize('NFC').toLowerCase();
        if (!REGEX_SYNTAX.test(word) && !map.has(key)) map.set(key, field);
      }
    }
  }
  return map;
})();
const PATTERN_LABELS: readonly [HeaderField, RegExp][] = FIELD_ORDER.flatMap((field) => {
  const entries = [...new Set(ALL_HEADER_WORDS.flatMap((w) => wordsOf(w, field)))].filter((w) => REGEX_SYNTAX.test(w));
  return entries.length === 0 ? [] : [[field, new RegExp(`^(?:${entries.join('|')})$`, 'iu')] as [HeaderField, RegExp]];
});

function wordsOf(words: HeaderWords, field: HeaderField): Words {
  return field === 'other' ? words.other : words[field];
}

function labelField(label: string): HeaderField | null {
  const plain = PLAIN_LABELS.get(label);
  if (plain) return plain;
  for (const [field, pattern] of PATTERN_LABELS) if (pattern.test(label)) return field;
  return null;
}

/** Longest label text we look up, so a colon far into a sentence is not taken for one. */
const MAX_LABEL_CHARS = 40;
/** A forward header block is a handful of lines; a run this long is not one. */
const MAX_BLOCK_LINES = 20;

interface Line {
  start: number;
  /** Number of `>` quote marks in front. */
  depth: number;
  /** The line without its quote marks. */
  content: string;
}

interface HeaderLine {
  field: HeaderField;
  value: string;
}

/**
 * The first forward header block in `text` (From plus a date or subject, on consecutive lines),
 * or null. `text` uses `\n` line ends.
 */
export function findForwardHeaderBlock(text: string): ForwardHeaderBlock | null {
  const lines = splitLines(text);
  let i = 0;
  while (i < lines.length) {
    const run = readRun(lines, i);
    if (!run) {
      i++;
      continue;
    }
    const { fields, next } = run;
    const from = fields.get('from');
    if (from !== undefined && (fields.has('date') || fields.has('subject'))) {
      const depth = lines[i]?.depth ?? 0;
      return {
        start: lines[i]?.start ?? 0,
        from: parseMailbox(from),
        to: parseMailboxList(fields.get('to') ?? ''),
        date: emptyToNull(fields.get('date')),
        subject: fields.has('subject') ? (fields.get('subject') ?? '') : null,
        body: bodyAfter(lines, next, depth),
      };
    }
    i = next;
  }
  return null;
}

/** A run of header lines starting at `index`, at one quote depth; null when that line is not one. */
function readRun(lines: Line[], index: number): { fields: Map<HeaderField, string>; next: number } | null {
  const first = lines[index];
  const head = first ? headerLine(first.content) : null;
  if (!first || !head) return null;
  const fields = new Map<HeaderField, string>([[head.field, head.value]]);
  let last = head.field;
  let j = index + 1;
  for (; j < lines.length && j - index < MAX_BLOCK_LINES; j++) {
    const line = lines[j] as Line;
    if (line.depth !== first.depth) break;
    const header = headerLine(line.content);
    if (header) {
      // The same label again starts another block (or is not a header block at all).
      if (fields.has(header.field) && header.field !== 'other') break;
      fields.set(header.field, header.value);
      last = header.field;
      continue;
    }
    // Address lists may wrap onto the next line.
    if ((last === 'to' || last === 'cc') && line.content.trim() !== '' && line.content.includes('@')) {
      fields.set(last, `${fields.get(last) ?? ''} ${line.content.trim()}`);
      continue;
    }
    if (last === 'subject' && isSubjectContinuation(lines, j, first.depth, fields.get('subject') ?? '')) {
      fields.set('subject', `${fields.get('subject') ?? ''} ${line.content.trim()}`);
      continue;
    }
    break;
  }
  fields.delete('other');
  return { fields, next: j };
}

/** A subject this long was probably wrapped by the client (Thunderbird and Apple Mail wrap near 72–78). */
const WRAPPED_SUBJECT_CHARS = 40;
/** A salutation alone on its line (any lexicon's `conversation.greetings`), ending in `,` or `!`: `Dear Sam,`. */
const SALUTATION_LINE = new RegExp(
  `^(?:${LEXICONS.flatMap((lexicon) => lexicon.conversation.greetings).join('|')})(?![\\p{L}])[^\\n]{0,50}[,!]$`,
  'iu',
);

/**
 * Whether line `index` continues a subject folded over two lines. The continuation is indented
 * (RFC 5322 style), or follows a subject long enough to have been wrapped; either way the line after
 * it must end the block or carry another label, so a body's first paragraph is never taken for one.
 */
function isSubjectContinuation(lines: Line[], index: number, depth: number, subjectSoFar: string): boolean {
  const line = lines[index] as Line;
  if (line.content.trim() === '') return false;
  if (!/^[ \t]/.test(line.content) && subjectSoFar.length < WRAPPED_SUBJECT_CHARS) return false;
  // web.de and GMX write the body right under `Betreff:`: its salutation (`Guten Tag Frau Krause,`) opens the text.
  if (SALUTATION_LINE.test(line.content.trim())) return false;
  const next = lines[index + 1];
  return !next || next.depth !== depth || next.content.trim() === '' || headerLine(next.content) !== null;
}

function headerLine(content: string): HeaderLine | null {
  // Outlook's plain text marks bold labels with `*From:*`; Thunderbird separates with a tab.
  const trimmed = content.replace(/^[\s*]+/, '');
  const colon = trimmed.slice(0, MAX_LABEL_CHARS + 1).search(/[:：]/);
  if (colon <= 0) return null;
  const label = trimmed.slice(0, colon).replace(/\*/g, '').replace(/\s+/g, ' ').trim().normalize('NFC').toLowerCase();
  const field = labelField(label);
  if (!field) return null;
  const value = trimmed
    .slice(colon + 1)
    .replace(/^[\s*]+/, '')
    .trim();
  return { field, value };
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    let k = 0;
    let depth = 0;
    // `> > text` and `>> text`: count the marks, skipping the spaces between them.
    while (k < raw.length && (raw[k] === '>' || (raw[k] === ' ' && raw[k + 1] === '>'))) {
      if (raw[k] === '>') depth++;
      k++;
    }
    if (depth > 0 && raw[k] === ' ') k++;
    lines.push({ start, depth, content: raw.slice(k) });
    start += raw.length + 1;
  }
  return lines;
}

/** The text after the block, with the block's quote depth removed and leading blank lines dropped. */
function bodyAfter(lines: Line[], from: number, depth: number): string {
  const out: string[] = [];
  for (let k = from; k < lines.length; k++) {
    const line = lines[k] as Line;
    out.push(`${'>'.repeat(Math.max(0, line.depth - depth))}${line.depth > depth ? ' ' : ''}${line.content}`);
  }
  return out.join('\n').trim();
}

function emptyToNull(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

const ADDRESS = /^[^\s@<>[\]"',;]+@[^\s@<>[\]"',;]+\.[^\s@<>[\]"',;]+$/;

/**
 * One mailbox as clients print it: `Name <a@b>`, `"Name" <a@b>`, `Name [mailto:a@b]` (Outlook
 * desktop), `Name <a@b<mailto:a@b>>` (Outlook HTML turned into text), `<a@b>`, `a@b` or a bare name.
 */
export function parseMailbox(value: string): MailAddress | null {
  const v = value.replace(/mailto:/gi, '').trim();
  if (v === '') return null;
  const open = firstIndexOf(v, '<', '[');
  if (open >= 0) {
    const inner = v.slice(open + 1);
    const close = firstIndexOf(inner, '>', ']');
    const candidate = (close >= 0 ? inner.slice(0, close) : inner).split(/[<[]/).pop()?.trim() ?? '';
    if (ADDRESS.test(candidate)) return { address: candidate.toLowerCase(), name: cleanName(v.slice(0, open)) };
  }
  const bare = v.split(/\s+/).find((word) => ADDRESS.test(word));
  if (bare) return { address: bare.toLowerCase(), name: '' };
  return { address: '', name: cleanName(v) };
}

/** `To:`/`Cc:` values: mailboxes separated by `;` (Outlook) or `,`. Entries without an address are dropped. */
export function parseMailboxList(value: string): MailAddress[] {
  const out: MailAddress[] = [];
  for (const part of value.split(/[;,]/)) {
    const mailbox = parseMailbox(part);
    if (mailbox?.address) out.push(mailbox);
  }
  return out;
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  const unquoted = /^(["'])(.*)\1$/.exec(trimmed)?.[2] ?? trimmed;
  return unquoted.trim();
}

function firstIndexOf(text: string, a: string, b: string): number {
  const i = text.indexOf(a);
  const j = text.indexOf(b);
  if (i < 0) return j;
  if (j < 0) return i;
  return Math.min(i, j);
}

/** Forward subject prefixes of every language (`Fwd`, `WG`, `TR`, `I`, `PD`, `Doorst`, `ENC`, `VL`). */
const FORWARD_PREFIX_WORDS = [
  ...new Set([
    ...ALL_HEADER_WORDS.flatMap((w) => w.forwardPrefixes),
    ...REPLY_SHAPES.flatMap((s) => s.forwardPrefixes ?? []),
  ]),
].sort((a, b) => b.length - a.length);
const FORWARD_PREFIX = new RegExp(
  `^\\s*(?:\\[[^\\][]{1,40}\\]\\s*)?(${FORWARD_PREFIX_WORDS.join('|')})\\s?[:：]`,
  'iu',
);

/**
 * Forward prefixes that another language's clients write on a reply (`VS:` forwards in Danish and
 * Norwegian Outlook, answers in Finnish), with that language's `From` label. The client that wrote the
 * prefix wrote the labels of the header block it quotes too: under a Finnish `VS:` the quoted block says
 * `Lähettäjä:`, under a Danish one `Fra:`.
 */
const REPLY_ELSEWHERE = REPLY_SHAPES.flatMap((shape) =>
  (shape.replyPrefixes ?? []).map((prefix) => ({
    prefix: new RegExp(`^(?:${prefix})$`, 'iu'),
    fromLabel: new RegExp(`^[ \\t>*]{0,6}(?:${shape.from.join('|')})[ \\t]?[:：]`, 'imu'),
  })),
);

/**
 * Whether a subject says "forwarded": `Fwd:`, `FW:`, `WG:` (German Outlook), `TR:` (French), `I:`
 * (Italian), `PD:` (Polish), `Doorst:` (Dutch), `RV:`/`ENC:` (Spanish, Portuguese), `İLT:` (Turkish),
 * `VL:` (Finnish), in any case, with an optional space before the colon (`TR :`) and an optional `[tag]`
 * in front that mail gateways add (`[EXT] FW:`). Returns the subject after the prefix. A prefix that is a
 * reply in another language (`VS:`) is one when `text`, the message's body, quotes a header block in that
 * language.
 */
export function forwardSubjectRest(subject: string, text = ''): string | null {
  const m = FORWARD_PREFIX.exec(subject);
  if (!m) return null;
  const prefix = m[1] ?? '';
  if (REPLY_ELSEWHERE.some((r) => r.prefix.test(prefix) && r.fromLabel.test(text))) return null;
  return subject.slice(m[0].length).trim();
}
