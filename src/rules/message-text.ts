import { LEXICONS } from './lexicon/index.js';
import { REPLY_SHAPES, type ReplyShapeWords } from './lexicon/reply-shapes.js';
import type { Lexicon, Words } from './lexicon/types.js';
import { GatedPattern } from './prefilter.js';
import { ruleRegExp } from './rule-regexp.js';

/**
 * Splits a message body into the new text, the signature and the quoted history.
 * Only the new text may close a case; the signature is where the agent's name lives;
 * quoted history is what the other side already said and must never count again.
 *
 * The body is read line by line, once: a quote splitter (an attribution such as `On … wrote:`, an
 * `Original Message` rule, an Outlook `From:`/`Sent:` block) followed by `>` lines quotes only those
 * lines, so a reply written below or between them stays new text; a splitter followed by unmarked
 * text (the markers were lost, or Outlook never wrote them) quotes everything after it.
 */
export interface MessageText {
  newText: string;
  signature: string;
  quoted: string;
  /**
   * The author line a help desk prints above the newest comment (Zendesk: `Jamie (Shoply Help Center)`
   * followed by a date line), or null. Kept apart so it reaches neither the summary nor the next steps.
   */
  authorLine: string | null;
  /**
   * A help desk's notification line above its comments (`Your request (77104) has been updated. …`), or
   * null. Chrome, not content: kept apart for the one thing it tells, the request's number.
   */
  helpDeskNotice?: string | null;
}

/** One longest-first group of the given entries (regex alternatives). */
function group(entries: Words): string {
  const unique = [...new Set(entries)].sort((a, b) => b.length - a.length);
  return unique.length === 0 ? '(?!)' : `(?:${unique.join('|')})`;
}
const fromAll = (pick: (lexicon: Lexicon) => Words | undefined): string[] =>
  LEXICONS.flatMap((lexicon) => pick(lexicon) ?? []);
/**
 * The same words from the languages that have only reply shapes (lexicon/reply-shapes.ts: a customer's
 * Swedish Outlook, Czech Seznam or Japanese iPhone): `… napsal(a):`, `Från:`, `Skickat från min iPhone`.
 */
const fromShapes = (pick: (shape: ReplyShapeWords) => Words): string[] => REPLY_SHAPES.flatMap((shape) => pick(shape));

const OPENERS = group([...fromAll((l) => l.text.attributionOpeners), ...fromShapes((s) => s.attributionOpeners)]);
const VERBS = group([...fromAll((l) => l.text.attributionVerbs), ...fromShapes((s) => s.attributionVerbs)]);
/** Whatever may stand around an attribution: dashes, bold stars, a stray `>`. */
const FRAME = '[-*_>\\s]{0,12}';
/** An ASCII or a full-width colon (`写道：`, `发件人：`). */
const COLON = '[:：]';
/** The verb, then either the end (an optional colon and dashes) or a name and a colon: `schrieb Alice <…>:`. */
const VERB_TO_END = `(?<!\\p{L})${VERBS}(?!\\p{L})(?:\\s{0,3}[-:：]{0,12}|[\\s,].{0,160}${COLON}[\\s-]{0,12})$`;
/** `On Fri, 27 Oct 2023 at 08:12, Alice <alice@example.net> wrote:`, `W dniu … napisał(a):`. */
const OPENED_ATTRIBUTION = ruleRegExp(`^${FRAME}${OPENERS}\\s.{1,240}?${VERB_TO_END}`, 'iu');
const OPENER_START = ruleRegExp(`^${FRAME}${OPENERS}\\s`, 'iu');
/** `Alice <alice@example.net> schrieb:`, `Alice Martin wrote on 27/10/2023:`: the verb ends the line with a colon. */
const NAMED_ATTRIBUTION = ruleRegExp(`^.{1,240}?(?<!\\p{L})${VERBS}(?!\\p{L})(?:\\s.{0,160})?${COLON}$`, 'iu');
/**
 * Languages written without spaces glue the verb to the name: `2023년 11월 27일 (월) 오후 2:10, Shop
 * <cs@shop.example>님이 작성:`, `Alice <alice@example.cn> 于2023年11月27日周一 16:02写道：`. A digit must come first.
 */
const SUFFIXED_ATTRIBUTION = ruleRegExp(
  `^.{0,240}\\d.{0,240}?${group(fromShapes((s) => s.attributionSuffixes))}\\s{0,2}${COLON}$`,
  'iu',
);
/**
 * A reply header that names no writer (reply shapes' `replyHeadOpeners`): `In reply to your message of
 * 12 November 2023:`, `Als Antwort auf Ihre Nachricht vom 12.11.2023:`. A date must follow the opener.
 */
const REPLY_HEAD_OPENER = ruleRegExp(`^${FRAME}${group(fromShapes((s) => s.replyHeadOpeners ?? []))}\\s`, 'iu');
const REPLY_HEAD = ruleRegExp(`${REPLY_HEAD_OPENER.source}[^.!?\\d]{0,120}\\d[^!?]{0,120}${COLON}$`, 'iu');
/** `Quoting Alice Martin <alice@example.net>:`, `Zitat von …:` (Horde): an opener, an address, a colon. */
const QUOTING_HEAD = ruleRegExp(
  `^${FRAME}${group(fromShapes((s) => s.quotingOpeners ?? []))}\\s[^:\\n]{0,160}@[^\\s<>]{1,200}>?\\s?${COLON}$`,
  'iu',
);
/** `2014-10-17 11:28 GMT+03:00 Alice <alice@example.net>:`: a date, an address, a colon. */
const DATED_ADDRESS_ATTRIBUTION = /^.{0,160}\d.{0,160}<\s?[^<>\s@]{1,64}@[^<>\s]{1,200}>\s?:$/u;
/** A capitalised name, optionally `via` a list: `Alice Martin wrote:`, `jamie via Shoply Support wrote:`. */
const NAME_ONLY_ATTRIBUTION = new RegExp(
  `^(?:\\p{Lu}[\\p{L}.'’-]{0,30}(?: \\p{Lu}[\\p{L}.'’-]{0,30}){0,3}|[^:\\n]{1,60} via [^:\\n]{1,60}) ${VERBS}\\s?:$`,
  'u',
);
/** The same between dashes, as Android's mail apps write it: `---- Alice Martin wrote ----`. */
const DASHED_NAME_ATTRIBUTION = new RegExp(
  `^-{2,12}\\s?\\p{Lu}[\\p{L}.'’-]{0,30}(?: \\p{Lu}[\\p{L}.'’-]{0,30}){0,3} ${VERBS}\\s?-{2,12}$`,
  'u',
);

/** `-----Original Message-----`, `----- Ursprüngliche Nachricht -----`, `---------- Forwarded message ---------`. */
const SEPARATOR_WORDS = group([
  ...fromAll((l) => l.text.originalMessage),
  ...fromShapes((s) => s.originalMessage),
  ...fromAll((l) => l.headers.forwardSeparators),
]);
const ORIGINAL_MESSAGE_RULE = ruleRegExp(`^[*>\\s]{0,4}-{2,}\\s{0,3}${SEPARATOR_WORDS}\\s{0,3}-{0,}[*\\s]{0,4}$`, 'iu');
/** `Begin forwarded message:` without dashes; `转发的邮件：` with a full-width colon. */
const SEPARATOR_WITH_COLON = ruleRegExp(`^${SEPARATOR_WORDS}\\s?${COLON}$`, 'iu');
/** Outlook's rule above its header block (underscores), or a webmail's (dashes). */
const RULE_ABOVE_HEADERS = /^(?:_{10,}|-{10,})$/;

/** Header labels of a quoted Outlook block (`From:`/`Von:`/`Da:`, `Sent:`/`Inviato:`…), from the `headers` section. */
const label = (words: Words) => ruleRegExp(`^\\*{0,2}${group(words)}\\*{0,2}\\s?${COLON}`, 'iu');
const FROM_LABEL = label([...fromAll((l) => l.headers.from), ...fromShapes((s) => s.from)]);
const BLOCK_LABEL = label([
  ...fromAll((l) => [...l.headers.date, ...l.headers.to, ...l.headers.cc, ...l.headers.subject]),
  ...fromShapes((s) => [...s.date, ...s.to, ...s.cc, ...s.subject]),
]);
/** A label inside a line: a header block flattened onto one line (`From: X Sent: … To: … Subject: …`). */
const INLINE_BLOCK_LABEL = ruleRegExp(
  `\\s\\*{0,2}${group([
    ...fromAll((l) => [...l.headers.date, ...l.headers.to, ...l.headers.subject]),
    ...fromShapes((s) => [...s.date, ...s.to, ...s.subject]),
  ])}\\*{0,2}\\s?${COLON}\\s`,
  'giu',
);
/** The date label alone: GMX and web.de open their quoted block with it (`Gesendet:` above `Von:`). */
const DATE_LABEL = label([...fromAll((l) => l.headers.date), ...fromShapes((s) => s.date)]);
/** The addressee label (`To:`, `An:`, `À :`): a block may open with the date and name no sender. */
const TO_LABEL = label([...fromAll((l) => l.headers.to), ...fromShapes((s) => s.to)]);
/** A short line with a date and a time: `Message du 29/11/23 14:20` (Orange) right above a header block. */
const DATED_LINE =
  /^[^\n]{0,40}\d{1,4}[./-]\d{1,2}[./-]\d{2,4}[ ,]{1,3}(?:\p{L}{1,3}\.? ?)?\d{1,2}[:.h]\d{2}[^.!?]{0,20}$/u;

/** Help-desk chrome that is neither content nor history. */
const REPLY_ABOVE = ruleRegExp(`^[#\\-\\s]{0,6}.{0,60}${group(fromAll((l) => l.text.replyAbove))}.{0,20}$`, 'iu');
const CHROME_LINES: RegExp[] = [
  /^#{1,3}-.{0,80}-#{1,3}$/, // Zendesk `##- Please type your reply above this line -##`
  REPLY_ABOVE,
  /^\[[A-Z0-9]{4,8}-[A-Z0-9]{4,8}\]$/, // Zendesk's encoded ticket id at the very end
  /^this (e-?mail|message) is a service from .{1,80}$/i,
  /^delivered by zendesk\.?$/i,
];
/** `[image: GTBuy]`: how mail clients render a picture in the text part. */
const IMAGE_PLACEHOLDER = /\[(?:image|bild|cid):[^\]\n]{0,200}\]/gi;

/** Zendesk's notification header: `Your request (48213) has been updated. To add additional comments, …`. */
const HELP_DESK_NOTICE = new GatedPattern(
  `^${group(fromAll((l) => l.text.helpDeskRequest))}(?!\\p{L}).{0,60}(?<!\\p{L})${group(fromAll((l) => l.text.helpDeskUpdated))}`,
  'iu',
);
/** A help desk's comment separator. */
const COMMENT_RULE = /^-{10,}\s*$/;
/** A date line under a help-desk author line: `Nov 8, 2023, 14:12 GMT+1`, `8. Nov. 2023, 14:12`. */
const DATE_LINE = /^[\p{L}\d][\p{L}\d .,/:+-]{4,60}\d{1,2}:\d{2}[\p{L}\d .,/:+()-]{0,20}$/u;

/** Sign-offs after which the rest is signature (`Un saludo cordial,` is how Spanish support signs). */
const SIGN_OFF_WORDS = group([...fromAll((l) => l.text.signOffs), ...fromShapes((s) => s.signOffs)]);
// Behind their RE2 twins (see GatedPattern): every line is tried, and hardly any is a sign-off.
const SIGN_OFFS = new GatedPattern(`^${SIGN_OFF_WORDS}[,.!。！，、]?\\s*$`, 'iu');
/** A sign-off with the name on the same line: `Best regards, Lisa Chen`. */
const SIGN_OFF_THEN_TEXT = new GatedPattern(`^${SIGN_OFF_WORDS},\\s+(.{2,60})$`, 'iu');
const NAME_AFTER_SIGN_OFF =
  /^\p{Lu}[\p{L}'’-]{1,30}(?: (?:\p{Lu}[\p{L}'’-]{0,30}|de|van|von|der|den|da|di|del|la|le|du|dos|das|y|zu|ten|ter)){0,3}$/u;
/** A mail app's own signature line: `Sent from my iPhone`, `Von meinem iPhone gesendet`, `Get Outlook for iOS<…>`. */
const MOBILE_SIGNATURE = new GatedPattern(
  `^${group([...fromAll((l) => l.text.mobileSignatures), ...fromShapes((s) => s.mobileSignatures)])}(?:\\s?<[^<>\\s]{1,200}>)?$`,
  'iu',
);
/** A mail server's external-sender banner (lexicons' `externalBanners`), from the start of the first line. */
const EXTERNAL_BANNER = ruleRegExp(`^[*\\s]{0,3}${group(fromAll((l) => l.text.externalBanners))}`, 'iu');
/** A banner paragraph is at most this many lines (it wraps). */
const MAX_BANNER_LINES = 5;

/**
 * The lines without an external-sender banner at the top (`CAUTION: This email originated from outside
 * of the organization. …`): its paragraph goes, up to the first blank line.
 */
function withoutExternalBanner(lines: string[]): string[] {
  const first = lines.findIndex((l) => !isBlank(l));
  if (first < 0 || !EXTERNAL_BANNER.test((lines[first] ?? '').trim().slice(0, MAX_MARKER_LINE))) return lines;
  let end = first + 1;
  while (end < lines.length && end < first + MAX_BANNER_LINES && !isBlank(lines[end])) end++;
  return [...lines.slice(0, first), ...lines.slice(end)];
}

/** A legal disclaimer's first line: `CONFIDENTIALITY NOTICE: …`, `Diese E-Mail enthält vertrauliche …`. */
const DISCLAIMER_OPENER = new GatedPattern(`^[*\\s]{0,3}${group(fromAll((l) => l.text.disclaimerOpeners))}`, 'iu');
/** `-Abhishek`, `- Jo Tan`, `/Johan` (how Swedes sign): a dashed or slashed name as the last line. */
const DASHED_NAME = /^[-–—/] ?\p{Lu}[\p{L}'’.-]{0,30}(?: \p{Lu}[\p{L}'’.-]{0,30}){0,2}$/u;

/** Longer lines are never an attribution, a separator or a signature line; skipping them keeps the patterns cheap. */
const MAX_MARKER_LINE = 300;

/** A banner framed by arrows both ways (`>>> >>> http://shop.example <<<`): a marketing line, not a quote. */
const ARROW_FRAMED = /^\s{0,4}>{3}[^<\n]{1,200}<{3}\s{0,4}$/;
const isMarked = (line: string): boolean => /^\s{0,4}>/.test(line) && !ARROW_FRAMED.test(line);
const isBlank = (line: string | undefined): boolean => (line ?? '').trim() === '';

/** A closing alone on its line (lexicons' and reply shapes' `signOffs`): `Best regards,`, `Med vänliga hälsningar`. */
export function isSignOffLine(line: string): boolean {
  return SIGN_OFFS.test(line.trim());
}

/** What follows a closing on its line, or null: `Best regards, Lisa Chen` → `Lisa Chen`. */
export function textAfterSignOff(line: string): string | null {
  return SIGN_OFF_THEN_TEXT.exec(line.trim())?.[1] ?? null;
}

/** Emoji (with their skin tones, joiners and variation selectors) ending a line: `Cheers 🎉`, `Thanks! 🙏🏽`. */
const TRAILING_EMOJI = /(?:\s?(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200D|\uFE0F)){1,8}$/u;

/** A closing line, with or without a name after it, and with or without emoji after it (`Cheers 🎉`). */
function isClosing(line: string): boolean {
  if (SIGN_OFFS.test(line) || isSignOffWithName(line)) return true;
  const bare = line.replace(TRAILING_EMOJI, '').trimEnd();
  return bare !== line && bare !== '' && (SIGN_OFFS.test(bare) || isSignOffWithName(bare));
}

function isSignOffWithName(line: string): boolean {
  const name = SIGN_OFF_THEN_TEXT.exec(line)?.[1];
  return name !== undefined && NAME_AFTER_SIGN_OFF.test(name);
}

/** The writer speaking of themselves (lexicons' `firstPersonWords`), case-sensitive, as written. */
const FIRST_PERSON = new RegExp(`(?<!\\p{L})${group(fromAll((l) => l.text.firstPersonWords))}(?!\\p{L})`, 'u');
/** The same in languages written without spaces (reply shapes' `gluedFirstPerson`), anywhere in the line. */
const GLUED_FIRST_PERSON = new RegExp(group(fromShapes((s) => s.gluedFirstPerson ?? [])), 'u');

/** The attribution verbs anywhere in a line, as words. */
const VERB_WORDS = ruleRegExp(`(?<!\\p{L})${VERBS}(?!\\p{L})`, 'giu');

/**
 * The line speaks of its writer (`As I wrote on 14 November:`, `我在11月25日写道：`): prose, not a client's
 * attribution. The verb itself is left out: Croatian `je napisao` (has written) holds French `je`.
 */
function speaksOfWriter(line: string): boolean {
  const rest = line.replace(VERB_WORDS, ' ');
  return FIRST_PERSON.test(rest) || GLUED_FIRST_PERSON.test(rest);
}

/** An attribution on one line of text (or up to four joined). */
function isAttribution(text: string): boolean {
  if (text.length > MAX_MARKER_LINE * 2) return false;
  // A client's attribution names someone, by address if need be; the writer's own prose does not.
  if (!text.includes('@') && speaksOfWriter(text)) return false;
  if (OPENED_ATTRIBUTION.test(text)) return /\d/.test(text);
  if (DASHED_NAME_ATTRIBUTION.test(text)) return true;
  // The other shapes end with a colon: without one, none of their patterns need to run.
  if (!/[:：]$/.test(text)) return false;
  if (NAME_ONLY_ATTRIBUTION.test(text) || REPLY_HEAD.test(text) || QUOTING_HEAD.test(text)) return true;
  if (NAMED_ATTRIBUTION.test(text)) return /[\d@]/.test(text);
  if (DATED_ADDRESS_ATTRIBUTION.test(text) || SUFFIXED_ATTRIBUTION.test(text)) return true;
  // A verb no lexicon knows (Afrikaans `geskryf`, Galician `escribiu`), one word after a dated address.
  return UNKNOWN_VERB_ATTRIBUTION.test(text) && !speaksOfWriter(text);
}

/**
 * A year and a time of day, an address in angle brackets (Gmail's `(<…>)` too), then one word and a
 * colon: `Op Ma. 23 Nov. 2026 om 10:40 het Huis <info@huis.example> geskryf:`. One word only: the
 * writer's prose (`… <care@shop.example> and they replied:`) takes more; and a client always prints
 * the year (`Call us at 10:30 or write to <care@shop.example> directly:` has none).
 */
const UNKNOWN_VERB_ATTRIBUTION =
  /^(?=.{0,200}(?<!\d)(?:19|20)\d{2}(?!\d)).{0,200}(?<!\d)\d{1,2}[:.]\d{2}(?!\d).{0,160}<[^<>\s@]{1,64}@[^<>\s]{1,200}>\)?\s?\p{L}{2,24}\s?[:：]$/u;

/**
 * What may part a reply from an attribution glued to it, then the attribution's opener: a sentence end
 * (`… refund it. On Tue, 14 Nov …`), plain spaces (`… refund it On Tue, …`) or Yahoo's dashes
 * (`… refund it--- On Tue, …`).
 */
const REPLY_THEN_OPENER = ruleRegExp(`(?:[.!?]\\s{1,3}|\\s{1,3}|-{2,5} ?)(?=${OPENERS}\\s)`, 'giu');
/** At most this many places are tried on one line. */
const MAX_SHARED_LINE_TRIES = 8;

/**
 * A reply and the attribution under it on one line (a client that lost the line break between its
 * text and the quote's `<div>`: `Yes, please refund it. On Tue, 14 Nov 2023 at 9:12, Shoply <…> wrote:`)
 * become two lines, so the reply stays new text. Only a dated `On …`-style attribution ending the line;
 * without a sentence end its opener must be capitalised as a client writes it (`… it On Tue, …`).
 */
function withAttributionApart(raw: string): string[] {
  const line = raw.trim();
  if (line.length > MAX_MARKER_LINE || isMarked(line)) return [raw];
  if (!/[:：]$/.test(line)) return withQuoteApart(raw, line);
  let tries = 0;
  for (const m of line.matchAll(REPLY_THEN_OPENER)) {
    if (m.index === 0) continue;
    const afterSentence = /^[.!?]/.test(m[0]);
    if (!afterSentence && !/\p{Lu}/u.test(line[m.index + m[0].length] ?? '')) continue;
    if (++tries > MAX_SHARED_LINE_TRIES) break;
    const head = line.slice(0, afterSentence ? m.index + 1 : m.index).trim();
    const tail = line.slice(m.index + m[0].length).trim();
    if (head !== '' && OPENED_ATTRIBUTION.test(tail) && /\d/.test(tail)) return [head, tail];
  }
  return [raw];
}

/** An attribution's colon, then the quoted text on the same line after a run of spaces. */
const COLON_THEN_SPACES = /[:：]\s{2,}(?=\S)/g;

/**
 * An attribution and the quoted message on one line, as Yahoo Mail for Android writes them
 * (`On Tue, Nov 14, 2023 at 9:12 AM, Shop<desk@shop.example> wrote:   Hi Paul, …`): two lines, so the
 * attribution is seen and the rest is history. Only a dated `On …`-style attribution.
 */
function withQuoteApart(raw: string, line: string): string[] {
  let tries = 0;
  for (const m of line.matchAll(COLON_THEN_SPACES)) {
    if (++tries > MAX_SHARED_LINE_TRIES) break;
    const head = line.slice(0, m.index + 1);
    if (OPENED_ATTRIBUTION.test(head) && /\d/.test(head)) return [head, line.slice(m.index + m[0].length)];
  }
  return [raw];
}

/**
 * Where a quote splitter starting at line `i` ends (the index after it), or -1. A splitter is an
 * attribution (possibly wrapped over up to four lines), a separator rule or the first line of a
 * quoted header block.
 */
function splitterEndAt(lines: string[], i: number): number {
  const line = (lines[i] ?? '').trim();
  if (line.length <= MAX_MARKER_LINE && ANGLED_HEAD.test(line)) return i + 1;
  if (line === '' || line.length > MAX_MARKER_LINE || isMarked(line)) return -1;
  if (ORIGINAL_MESSAGE_RULE.test(line) || SEPARATOR_WITH_COLON.test(line)) return i + 1;
  if (RULE_ABOVE_HEADERS.test(line)) {
    let j = i + 1;
    while (j < lines.length && j <= i + 2 && isBlank(lines[j])) j++;
    const head = (lines[j] ?? '').trim();
    if (FROM_LABEL.test(head) && looksLikeHeaderBlock(lines, j)) return i + 1;
    // Outlook's rule over a block in a language no table knows (Malay `Daripada:` / `Dihantar:`, Welsh
    // `Oddi wrth:` / `Anfonwyd:`): the rule, a labelled address and dated labels tell it by their shape.
    return OUTLOOK_RULE.test(line) && ADDRESSED_LABEL.test(head) && isLabelledBlock(lines, j) ? i + 1 : -1;
  }
  if (FROM_LABEL.test(line)) {
    if (!looksLikeHeaderBlock(lines, i) && !isFlatHeaderBlock(line)) return -1;
    // `From: Shop <care@shop.example` / `>`: the bracket wrapped onto a line of its own is the header's.
    return closesAddress(line, (lines[i + 1] ?? '').trim()) ? i + 2 : i + 1;
  }
  // A sender label no table knows (Latvian `No:`, left out: a receipt's `No: 4471`), with an address,
  // over a date label and one more known label: the block's own structure tells it.
  if (LABELLED_ADDRESS.test(line) && isUnlabelledSenderBlock(lines, i)) return i + 1;
  if (DATE_LABEL.test(line) || DATED_LINE.test(line)) {
    // `Gesendet: …` over `Von: …` (GMX, web.de); `Message du 29/11/23 14:20` over `De : …` (Orange).
    const next = (lines[i + 1] ?? '').trim();
    if (FROM_LABEL.test(next) && looksLikeHeaderBlock(lines, i + 1)) return i + 1;
    // `Date: Wed, 8 Nov 2023 00:15:02 -0600` over `To: alice@example.net`: a header block without its From.
    if (DATE_LABEL.test(line) && TIME_OF_DAY.test(line) && TO_LABEL.test(next) && next.includes('@')) return i + 1;
  }
  if (isAttribution(line)) return i + 1;
  // Gmail and Outlook wrap a long attribution: `On Fri, … Alice Martin <` / `alice@example.net> wrote:`.
  // A full stop ends a sentence, not a wrapped line, unless a parenthesis is still open in it
  // (Hungarian Gmail: `Bolt <bolt@shop.example> ezt írta (időpont: 2023. nov.` / `14., K 9:12):`).
  if (/[.!?]$/.test(line) && !hasOpenParenthesis(line)) return -1;
  if (!(OPENER_START.test(line) || REPLY_HEAD_OPENER.test(line) || /\d/.test(line))) return -1;
  let joined = line;
  for (let j = i + 1; j < Math.min(lines.length, i + MAX_ATTRIBUTION_LINES); j++) {
    const next = (lines[j] ?? '').trim();
    const closing = closesAddress(joined, next);
    if (next === '' || next.length > MAX_MARKER_LINE || (isMarked(next) && !closing)) return -1;
    joined = closing ? `${joined}${next}` : `${joined} ${next}`;
    if (isAttribution(joined)) return j + 1;
  }
  return -1;
}

/**
 * An attribution wraps over at most this many lines: Gmail and Outlook break a long one at about 76
 * characters, and a long name, an address and the verb may each take a line of their own
 * (`On Mon, 14 Nov 2026 at 15:00` / `Returns Team of Shoply` / `<returns@shoply.example>` / `wrote:`).
 */
const MAX_ATTRIBUTION_LINES = 4;

/** More `(` than `)` in the line. */
function hasOpenParenthesis(line: string): boolean {
  let depth = 0;
  for (const ch of line) {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
  }
  return depth > 0;
}

/** GroupWise's quote head: `>>> Alice Martin <alice@example.net> 11/14/2023 9:12 AM >>>` (a date in it). */
const ANGLED_HEAD = /^>>>\s[^<>]{0,80}(?:<[^<>\s]{1,200}>)?[^<>]{0,60}\d[^<>]{0,60}\s>>>$/u;

/**
 * `next` starts with the closing bracket of an address `text` left open (`… <shop@example.dk` / `>:`): an
 * address wrapped before its bracket, whose `>` is no quote marker.
 */
function closesAddress(text: string, next: string): boolean {
  return next.startsWith('>') && text.lastIndexOf('<') > text.lastIndexOf('>');
}

/** A `From:` line that carries two more header labels itself: the block lost its line breaks. */
function isFlatHeaderBlock(line: string): boolean {
  let labels = 0;
  for (const _ of line.matchAll(INLINE_BLOCK_LABEL)) if (++labels >= 2) return true;
  return false;
}

/** A short label, a colon and a mail client's address: `No: Shop Support <support@shop.example>`, `[mailto:…]`. */
const LABELLED_ADDRESS =
  /^\*{0,2}\p{L}[\p{L} ]{0,20}\*{0,2}\s?[:：]\s?[^\n]{0,120}(?:<[^<>\s@]{1,64}@[^<>\s]{1,200}>|\[mailto:)/u;

/**
 * Line `start` opens a paragraph, and right below it stand a dated date label (`Nosūtīts: … 15:02`) and
 * at least one more header label, then a blank line: a client's header block, not a web form's fields
 * (`Name:` above, `Message:` right below).
 */
function isUnlabelledSenderBlock(lines: string[], start: number): boolean {
  if (start > 0 && !isBlank(lines[start - 1]) && !RULE_ABOVE_HEADERS.test((lines[start - 1] ?? '').trim()))
    return false;
  let labels = 0;
  let dated = false;
  let j = start + 1;
  for (; j < Math.min(lines.length, start + 6); j++) {
    const line = (lines[j] ?? '').trim();
    if (!BLOCK_LABEL.test(line)) break;
    labels++;
    dated ||= DATE_LABEL.test(line) && TIME_OF_DAY.test(line);
  }
  return dated && labels >= 2 && isBlank(lines[j]);
}

/** Outlook's own rule above a quoted header block: 32 underscores (30 or more). */
const OUTLOOK_RULE = /^_{30,}$/;
/** A short label, a colon, a name and an address in angle brackets: `Daripada: Kedai <cs@kedai.example>`. */
const ADDRESSED_LABEL = /^\*{0,2}\p{L}[\p{L} ]{0,20}\*{0,2}\s?[:：]\s?[^\n<>]{0,120}<[^<>\s@]{1,64}@[^<>\s]{1,200}>$/u;
/** A label and an address in angle brackets, maybe among others: `Për: Arben Hoxha <arben@example.al>`. */
const ADDRESSEE_LINE = /^\*{0,2}\p{L}[\p{L} .'’-]{0,24}\*{0,2}\s?[:：][^\n]{0,200}<[^<>\s@]{1,64}@[^<>\s]{1,200}>/u;
/** A short label of any language, a colon and a value: `Dihantar: Isnin, 23 November 2026 10:40`. */
const ANY_LABEL_LINE = /^\*{0,2}\p{L}[\p{L} .'’-]{0,24}\*{0,2}\s?[:：]\s?\S/u;

/**
 * Below the sender's line `start`, Outlook's order: the date line (with a time of day) right below, the
 * addressee's line with an address in angle brackets under it, then more `Label: value` lines (at least
 * the subject), then a blank line or the end: a header block whatever its language. Read only under
 * Outlook's rule; a copied form's fields (`Name: … <…>` / `Submitted: …` / `Item: …`) name no addressee.
 */
function isLabelledBlock(lines: string[], start: number): boolean {
  const dateLine = (lines[start + 1] ?? '').trim();
  if (!ANY_LABEL_LINE.test(dateLine) || !TIME_OF_DAY.test(dateLine)) return false;
  if (!ADDRESSEE_LINE.test((lines[start + 2] ?? '').trim().slice(0, MAX_MARKER_LINE))) return false;
  let j = start + 2;
  for (; j < Math.min(lines.length, start + 6); j++) {
    const line = (lines[j] ?? '').trim();
    if (line.length > MAX_MARKER_LINE || !ANY_LABEL_LINE.test(line)) break;
  }
  return j - (start + 2) >= 2 && (j >= lines.length || isBlank(lines[j]));
}

/** `From:` counts as a quoted header only when a Sent/Date/Subject/To line follows it closely. */
function looksLikeHeaderBlock(lines: string[], start: number): boolean {
  for (let j = start + 1; j < Math.min(lines.length, start + 5); j++) {
    if (BLOCK_LABEL.test((lines[j] ?? '').trim())) return true;
  }
  return false;
}

/**
 * The end (exclusive) of an unmarked quoted message starting at `i`: the blank line after its first
 * sign-off or mail-app signature block, or `limit` when it has none.
 */
function endOfSignedBlock(lines: string[], i: number, limit: number): number {
  for (let k = i; k < limit; k++) {
    const line = (lines[k] ?? '').trim();
    if (line === '' || line.length > 80) continue;
    if (SIGN_OFFS.test(line) || isSignOffWithName(line) || MOBILE_SIGNATURE.test(line)) {
      let end = k + 1;
      while (end < limit && !isBlank(lines[end])) end++;
      return end;
    }
  }
  return limit;
}

/** An address in angle brackets ending a line: `… Nathan Ivanova <support@shop.example>`. */
const ADDRESS_AT_END = /<[^<>\s@]{1,64}@[^<>\s]{1,200}>$/;
/** A time of day: `10:14`, `14.20`, `9h30`. */
const TIME_OF_DAY = /(?<!\d)\d{1,2}[:.h]\d{2}(?!\d)/;

/**
 * Where a quote's lead-in starts in the new lines, or null: the last line above a `>` block (at most one
 * blank line between) when it reads as an attribution no pattern knows, with a colon and an address or
 * a time (`On 3-Nov-2023, at 6:54 PM, Maria <maria@shop.example> sent:`), or a date and an address
 * (`2023/11/7 Nathan Ivanova <support@shop.example>`). Never the writer's own sentence (`I wrote on …:`).
 */
function quoteLeadAbove(newLines: string[]): number | null {
  let j = newLines.length - 1;
  if (j >= 0 && isBlank(newLines[j])) j--;
  const line = (newLines[j] ?? '').trim();
  if (j < 0 || line === '' || line.length > MAX_MARKER_LINE) return null;
  const hasAddress = line.includes('@');
  if (!hasAddress && speaksOfWriter(line)) return null;
  const colonEnded = /[:：]$/.test(line) && (hasAddress || TIME_OF_DAY.test(line));
  const datedAddress = /\d/.test(line) && ADDRESS_AT_END.test(line);
  return colonEnded || datedAddress ? j : null;
}

/** The end (exclusive) of a `>` block starting at `i`: blank lines inside it belong to it. */
function markedBlockEnd(lines: string[], i: number, limit: number): number {
  let end = i;
  let j = i;
  while (j < limit) {
    const line = lines[j] ?? '';
    if (isMarked(line)) end = j + 1;
    else if (!isBlank(line) && !(j > i && isLinkFragment(lines[j - 1] ?? '', line.trim()))) break;
    j++;
  }
  return end;
}

/**
 * A link the quoting client wrapped out of its `>` line: one token, a URL in parentheses or brackets
 * (` (http://shop.example/c/Yz) >`), or the rest of one the line above left open (`> View (http://…` /
 * `_nonce=3dd518)`). It stays in the quote when a marked line follows (the block's end is set by those).
 */
function isLinkFragment(above: string, line: string): boolean {
  if (line.length > 200 || /\s/.test(line.replace(/\s>$/, ''))) return false;
  if (/^[(<]https?:\/\//i.test(line)) return true;
  // Only the end of the line above can hold the link's start (and a long line is read no further).
  const end = above.slice(-MAX_MARKER_LINE);
  return /https?:\/\/\S*$/i.test(end) && ((hasOpenParenthesis(end) && line.includes(')')) || /<[^<>]*$/.test(end));
}

export function splitMessageText(text: string): MessageText {
  const allLines = text
    .replace(/\r\n?/g, '\n')
    // Direction marks (Hebrew and Arabic clients put one before an attribution's colon, Arabic HTML mail
    // U+061C around numbers) carry no text, nor do
    // zero-width spaces, word joiners and byte-order marks (HTML converters leave them around a quote's lines).
    // The zero-width non-joiner stays: Persian spells words with it.
    .replace(/[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g, '')
    .replace(IMAGE_PLACEHOLDER, '')
    .split('\n')
    .filter((l) => {
      const line = l.trim();
      return line.length > MAX_MARKER_LINE || !CHROME_LINES.some((re) => re.test(line));
    })
    .flatMap(withAttributionApart);
  const { lines, authorLine, historyStart, notice } = helpDeskLayout(withoutExternalBanner(allLines));
  const limit = historyStart ?? lines.length;
  const newLines: string[] = [];
  const quotedParts: string[] = [];
  let i = 0;
  while (i < limit) {
    const splitterEnd = splitterEndAt(lines, i);
    const line = lines[i] ?? '';
    if (splitterEnd < 0 && !isMarked(line)) {
      newLines.push(line);
      i++;
      continue;
    }
    let quoteStart = splitterEnd < 0 ? i : splitterEnd;
    while (quoteStart < limit && isBlank(lines[quoteStart])) quoteStart++;
    if (splitterEnd >= 0 && !isMarked(lines[quoteStart] ?? '')) {
      // The earlier message follows unmarked (Outlook, or markers lost in a forward): all the rest is
      // history. Unless nothing came before it: then the reply was written below the quote, and the
      // quote ends with its writer's signature block (`Un saludo,` / `Diego`).
      const end = newLines.some((l) => !isBlank(l)) ? limit : endOfSignedBlock(lines, quoteStart, limit);
      quotedParts.push(lines.slice(i, end).join('\n'));
      i = end;
      continue;
    }
    // A `>` block (with its attribution): what follows it unmarked is a reply written below or between quotes.
    const end = markedBlockEnd(lines, quoteStart, limit);
    // An attribution no pattern knows, right above the `>` lines, goes with them.
    const lead = splitterEnd < 0 ? quoteLeadAbove(newLines) : null;
    quotedParts.push([...(lead === null ? [] : newLines.splice(lead)), ...lines.slice(i, end)].join('\n'));
    // One blank line stands where the quote was, so the paragraphs around it stay apart.
    if (newLines.length > 0 && !isBlank(newLines[newLines.length - 1])) newLines.push('');
    i = end;
    while (i < limit && isBlank(lines[i])) i++;
  }
  if (historyStart !== null) quotedParts.push(lines.slice(historyStart).join('\n'));

  const signatureStart = signatureStartOf(newLines);
  return {
    newText: newLines.slice(0, signatureStart).join('\n').trim(),
    signature: newLines.slice(signatureStart).join('\n').trim(),
    quoted: quotedParts
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .join('\n\n'),
    authorLine,
    ...(notice ? { helpDeskNotice: notice } : {}),
  };
}

/**
 * A help-desk notification (Zendesk and its look-alikes): a notice, a rule, then comments, newest
 * first, each opened by an author line and a date line and closed by a rule. The newest comment is
 * the new text; older comments are quoted history.
 */
function helpDeskLayout(lines: string[]): {
  lines: string[];
  authorLine: string | null;
  historyStart: number | null;
  notice: string | null;
} {
  const firstContent = lines.findIndex((l) => l.trim() !== '');
  const notice = (lines[firstContent] ?? '').trim();
  if (firstContent < 0 || notice.length > MAX_MARKER_LINE || !HELP_DESK_NOTICE.test(notice)) {
    return { lines, authorLine: null, historyStart: null, notice: null };
  }
  const firstRule = lines.findIndex((l, i) => i > firstContent && COMMENT_RULE.test(l.trim()));
  if (firstRule < 0) return ruleLessLayout(lines, firstContent);
  const noticeText = lines.slice(firstContent, firstRule).join('\n').trim();
  const rest = lines.slice(firstRule + 1);
  // Author line and date line, each possibly after blank lines.
  const nonBlank: [string, number][] = [];
  for (let i = 0; i < rest.length && nonBlank.length < 2; i++) {
    const line = (rest[i] ?? '').trim();
    if (line !== '') nonBlank.push([line, i]);
  }
  const [author, date] = nonBlank;
  let authorLine: string | null = null;
  let bodyStart = 0;
  if (author && date && date[0].length <= 100 && DATE_LINE.test(date[0]) && author[0].length <= 80) {
    authorLine = author[0];
    bodyStart = date[1] + 1;
  }
  const comment = rest.slice(bodyStart);
  const nextRule = comment.findIndex((l) => COMMENT_RULE.test(l.trim()));
  return { lines: comment, authorLine, historyStart: nextRule < 0 ? null : nextRule, notice: noticeText };
}

/** How far below the notice the newest comment's author line may stand. */
const MAX_NOTICE_LINES = 12;

/** The first author line with a date line under it (blank lines between), from `from` to `to`. */
function authorAndDateAt(lines: readonly string[], from: number, to: number): { author: number; date: number } | null {
  const filled: number[] = [];
  for (let i = from; i < Math.min(to, lines.length); i++) if (!isBlank(lines[i])) filled.push(i);
  for (let k = 0; k + 1 < filled.length; k++) {
    const author = (lines[filled[k] ?? 0] ?? '').trim();
    const date = (lines[filled[k + 1] ?? 0] ?? '').trim();
    if (author.length <= 80 && date.length <= 100 && !/[.!?:]$/.test(author) && DATE_LINE.test(date)) {
      return { author: filled[k] ?? 0, date: filled[k + 1] ?? 0 };
    }
  }
  return null;
}

/**
 * A help-desk notification whose comments are set apart by borders in its HTML, not by a rule of dashes in
 * the text: each comment opens with its author line and a date line. The first one under the notice is the
 * new text, from the next author and date lines on it is history. Without such lines, no layout.
 */
function ruleLessLayout(
  lines: string[],
  firstContent: number,
): { lines: string[]; authorLine: string | null; historyStart: number | null; notice: string | null } {
  const newest = authorAndDateAt(lines, firstContent + 1, firstContent + 1 + MAX_NOTICE_LINES);
  if (!newest) return { lines, authorLine: null, historyStart: null, notice: null };
  const notice = lines.slice(firstContent, newest.author).join('\n').trim();
  const comment = lines.slice(newest.date + 1);
  const older = authorAndDateAt(comment, 0, comment.length);
  return {
    lines: comment,
    authorLine: (lines[newest.author] ?? '').trim(),
    historyStart: older ? older.author : null,
    notice,
  };
}

/** A name line under a closing: `Élodie Martin`, `Priya S.`, `Mark de Vries`. */
const NAME_LINE =
  /^\p{Lu}[\p{L}'’-]{1,30}(?: (?:de |van |von |der |del |la |le |da |di )?(?:\p{Lu}[\p{L}'’-]{1,30}|\p{Lu}\.)){1,3}$/u;
/** A closing-block head: a name, a team or a company (`Jamie`, `NordCycle Returns Team`, `Priya S.`, `Óptica Mirada`). */
const BLOCK_HEAD = /^\p{Lu}[\p{L}'’.&-]{0,30}(?: (?:de|van|von|der|del|la|le|&|\p{Lu}[\p{L}'’.&-]{0,30})){0,4}$/u;

/** The role after a name in a closing block's head: ` | Customer Care`, ` – Returns Team`. */
const ROLE_AFTER_NAME = /\s[|–—]\s[^|–—]{1,40}$/u;

/** The next non-blank line after `i`, trimmed, or ''. */
function nextContentLine(body: string[], i: number): string {
  let j = i + 1;
  while (j < body.length && isBlank(body[j])) j++;
  return (body[j] ?? '').trim();
}

/**
 * A sign-off closes the message only with content above it and no sentence right below it:
 * `Thanks!` over `Your refund was issued today.` is a greeting, not the start of a signature.
 */
function isSignOffAt(body: string[], i: number, line: string, contentAbove: boolean): boolean {
  if (!contentAbove || line.length > 80) return false;
  const next = nextContentLine(body, i);
  // Hungarian closes with a colon before the name (`Üdvözlettel:` / `Nagy Eszter`); elsewhere a colon
  // opens what follows (`Thanks:` over a list), so only right above a name line.
  if (line.endsWith(':')) return isClosing(line.slice(0, -1).trimEnd()) && isNameLine(next);
  if (!isClosing(line)) return false;
  return !(next.length > 60 && /[.!?]$/.test(next));
}

/** A line that is a name: `Nagy Eszter`, `Lisa`, `Mark de Vries`, `王芳`. */
function isNameLine(line: string): boolean {
  return (NAME_LINE.test(line) || LONE_NAME.test(line)) && !SIGN_OFFS.test(line);
}

/**
 * Where the signature starts: at `--`, a sign-off, a mail app's signature line or a dashed name,
 * else at a short closing block that names its sender.
 */
function signatureStartOf(body: string[]): number {
  const start = markedSignatureStartOf(body);
  // A bare name right above (`Alice` / `Sent from my iPhone`), or as the last line, is the writer signing.
  let end = start;
  while (end > 0 && isBlank(body[end - 1])) end--;
  const name = end - 1;
  const nameLine = (body[name] ?? '').trim();
  // Nobody signs above their closing: a lone word over `Thanks` is the last answer (`> Refund or credit?` / `Refund`).
  const closing = (body[start] ?? '').trim();
  if (isClosing(closing)) return start;
  if (name > 0 && LONE_NAME.test(nameLine) && !SIGN_OFFS.test(nameLine)) {
    let above = name - 1;
    while (above >= 0 && isBlank(body[above])) above--;
    // Above a marked signature the name may sit in the same block; as the last line it is a block of its own.
    if (above >= 0 && (name - above >= 2 || start < body.length)) return name;
  }
  return start;
}

/**
 * A first name, or a first and last name, alone on a line: `Alice`, `Peter Walsh`, `Mark de Vries`, `王芳`.
 * In scripts without capitals (Arabic, Hebrew, Devanagari) one word only: `أحمد`, `राहुल`; not Thai, which
 * writes a whole sentence without a space.
 */
const LONE_NAME =
  /^(?:\p{Lu}[\p{L}'’-]{1,20}(?: (?:de |van |von |der |da |di |dos )?\p{Lu}[\p{L}'’.-]{0,20}){0,2}|[\p{sc=Han}\p{sc=Hangul}]{2,4}(?: [\p{sc=Han}\p{sc=Hangul}]{1,3})?|[\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Devanagari}]{2,15})$/u;

function markedSignatureStartOf(body: string[]): number {
  let contentAbove = false;
  let lastContent = -1;
  for (let i = 0; i < body.length; i++) {
    if (!isBlank(body[i])) lastContent = i;
  }
  for (let i = 0; i < body.length; i++) {
    const line = (body[i] ?? '').trim();
    if (line === '') continue;
    if (line === '--' || line === '—') return i;
    // Rules some people sign under (`__`, `___`, `---`, `–`): only above a short block that opens with a name.
    if (SIGNATURE_RULE.test(line) && isNameBlockBelow(body, i)) return i;
    if (line.length <= 120 && MOBILE_SIGNATURE.test(line) && !isSentence(line.replace(/<[^<>]*>$/, ''))) {
      return i;
    }
    // `Sent from my phone. Please excuse typos.` as the last line: the app's line and the writer's short afterword.
    if (i === lastContent && contentAbove && isMobileSignatureWithAfterword(line)) return i;
    if (isSignOffAt(body, i, line, contentAbove)) return i;
    // A disclaimer, and the writer's closing block right above it (`Alice Martin` / `Senior Buyer | Acme Ltd`).
    if (contentAbove && DISCLAIMER_OPENER.test(line.slice(0, MAX_MARKER_LINE))) return closingBlockAbove(body, i);
    // Any short closing line ending in a comma right above a name: `À très bientôt à la librairie,`,
    // or above a first name that ends the message: `Have a great day,` / `Lisa`.
    if (i > 0 && line.length <= 50 && line.endsWith(',') && !/[.!?]/.test(line) && isClosingName(body, i)) {
      return i;
    }
    // A short thanks right above a first name that ends the message: `Thanks again for your patience!` / `Lisa`.
    if (i > 0 && line.length <= 60 && THANKS_OPENING.test(line) && isLastName(body, i + 1)) return i;
    // `-Abhishek` as the very last line, not the last item of a dashed list.
    if (
      i === lastContent &&
      contentAbove &&
      DASHED_NAME.test(line) &&
      !/^\s{0,4}[-–—/]/.test(previousContentLine(body, i))
    ) {
      return i;
    }
    contentAbove = true;
  }
  // No sign-off: a block (from the end, past footers) whose first line names a person, a team or a
  // company, with at least one more line (`Jamie` / `Shoply Help Center`; `Priya S.` / `ShopRiver.com`).
  const blocks: [number, number][] = [];
  for (let i = 0; i < body.length; i++) {
    if (isBlank(body[i])) continue;
    const start = i;
    while (i + 1 < body.length && !isBlank(body[i + 1])) i++;
    blocks.push([start, i]);
  }
  // A team's closing line ends the message, alone or under its last sentence: `El equipo de Atención al Cliente`.
  let teamStart = body.length;
  if (lastContent > 0 && isTeamClosingLine((body[lastContent] ?? '').trim())) {
    const [first] = blocks[blocks.length - 1] ?? [0, 0];
    teamStart = first > 0 && isTeamOrNameBlock(body, first, lastContent) ? first : lastContent;
  }
  for (let b = blocks.length - 1; b >= 1 && b >= blocks.length - 3; b--) {
    const [first, last] = blocks[b] ?? [0, 0];
    // Under a team's closing line the signature is its own block: one above it is the message's
    // (`Artikel | Status` / `Kaffeebecher | Erstattet` over `Ihr Hausrat Nord Kundenservice`).
    if (last < teamStart && teamStart < body.length) break;
    if (isClosingBlock(body, first, last)) return first;
  }
  return teamStart;
}

/** A mail app's signature line, a full stop, then one short sentence (`Please excuse my brevity.`). */
function isMobileSignatureWithAfterword(line: string): boolean {
  const stop = line.indexOf('. ');
  if (stop < 0 || line.length > 160) return false;
  const afterword = line.slice(stop + 2);
  return afterword.length <= 60 && !/[.!?]\s/.test(afterword) && MOBILE_SIGNATURE.test(line.slice(0, stop));
}

/**
 * Rules other than `--` that may stand above a signature: underscores of any length, `---`, an en dash.
 * Longer dash rules also part a merchant's sections (`----------` / `Refund Summary`), so they do not.
 */
const SIGNATURE_RULE = /^(?:_{2,40}|---|–)$/;

/** What follows line `i` is a few lines (at most six) whose first names its writer: `Alice Martin`, `Marcus Reid | …`. */
function isNameBlockBelow(body: string[], i: number): boolean {
  const rest = body.slice(i + 1).filter((l) => !isBlank(l));
  const head = ((rest[0] ?? '').trim().split(/\s[|–—·]\s/u)[0] ?? '').trim();
  return rest.length > 0 && rest.length <= 6 && (LONE_NAME.test(head) || NAME_LINE.test(head) || BLOCK_HEAD.test(head));
}

/**
 * Lines `first`..`last` (one paragraph) are a closing block: its first line names a person, a team or a
 * company (`Kevin | Customer Care`, `Jo Tan – Returns`: the name before a bar or a dash with the role
 * after it), and the rest are address, phone and register lines, no sentence (`Please send us photos.`).
 */
function isClosingBlock(body: string[], first: number, last: number): boolean {
  const head = (body[first] ?? '').trim().replace(ROLE_AFTER_NAME, '');
  if (last - first < 1 || last - first > 6 || head.length > 40) return false;
  const rest = body.slice(first + 1, last + 1).map((l) => l.trim());
  const restLooksLikeSignature = rest.every(
    (l) => l.length <= 200 && (!/[.!?]$/.test(l) || /(?:^|[\s.])\p{L}{1,3}\.$/u.test(l)),
  );
  const namesSender = BLOCK_HEAD.test(head) && (NAME_LINE.test(head) || !/[.!?]$/.test(head));
  return (namesSender || isTeamClosingLine(head)) && restLooksLikeSignature;
}

/** Where the paragraph right above line `i` starts when it is a closing block (lexicon-free), else `i`. */
function closingBlockAbove(body: string[], i: number): number {
  let last = i - 1;
  while (last >= 0 && isBlank(body[last])) last--;
  if (last < 0 || last === i - 1) return i;
  let first = last;
  while (first > 0 && !isBlank(body[first - 1])) first--;
  return first > 0 && isClosingBlock(body, first, last) ? first : i;
}

/**
 * A team's closing line (`El equipo de Atención al Cliente de Hogarnova`, `Il team Assistenza Clienti`,
 * `L'équipe du Service client`, `Zespół Obsługi Klienta`): a short line of capitalised words, team nouns
 * and the little words between them (reply shapes' `teamNouns`, `teamLineLinks`, the lexicons' team
 * stems and name particles), with at least one team noun, and no sentence's punctuation.
 */
function isTeamClosingLine(line: string): boolean {
  if (line.length < 4 || line.length > 70 || !/^\p{Lu}/u.test(line) || /[.!?:;,@\d]$|[@\d]/u.test(line)) return false;
  const { noun, link } = teamLineWords();
  const words = line.split(/[\s-]+|(?<=['’])/u).filter((w) => w !== '');
  if (words.length > 9) return false;
  let nouns = 0;
  for (const word of words) {
    if (noun.test(word)) nouns++;
    else if (!/^\p{Lu}/u.test(word) && !link.test(word)) return false;
  }
  return nouns > 0;
}

/** Built on first use: most messages never end on a line that could be a team's. */
let teamLinePatterns: { noun: RegExp; link: RegExp } | undefined;
function teamLineWords(): { noun: RegExp; link: RegExp } {
  teamLinePatterns ??= {
    noun: ruleRegExp(group([...fromAll((l) => l.identity.teamStems), ...fromShapes((s) => s.teamNouns ?? [])]), 'iu'),
    link: ruleRegExp(
      `^${group([...fromAll((l) => l.identity.nameParticles), ...fromShapes((s) => s.teamLineLinks ?? [])])}$`,
      'iu',
    ),
  };
  return teamLinePatterns;
}

/** Lines `first`..`last` are a closing block: a name or the team line over it, nothing that reads as a sentence. */
function isTeamOrNameBlock(body: string[], first: number, last: number): boolean {
  return body.slice(first, last).every((l) => {
    const line = l.trim();
    return line.length <= 60 && !/[.!?]$/.test(line) && (BLOCK_HEAD.test(line) || isTeamClosingLine(line));
  });
}

/**
 * A mail-app line that reads as a sentence of the writer's (`Sent from my laptop because the app keeps
 * crashing.`), not the app's own: it ends in `!`/`?`, or in a full stop after something other than a
 * device or a mail product (`Sent from my Samsung Galaxy smartphone.`, `Sent with Proton Mail secure email.`).
 */
function isSentence(line: string): boolean {
  if (/[!?]$/.test(line)) return true;
  if (!line.endsWith('.')) return false;
  const words = line.split(/\s+/).length;
  return !((words <= 8 && DEVICE_AT_END.test(line)) || (words <= 12 && SIGNATURE_VERB_AT_END.test(line)));
}
/** The verb ending a phone signature where it stands last (reply shapes' `mobileSignatureVerbs`): `… gesendet.` */
const SIGNATURE_VERB_AT_END = ruleRegExp(
  `(?<!\\p{L})${group(fromShapes((s) => s.mobileSignatureVerbs ?? []))}\\.$`,
  'iu',
);
/** A device or mail product ending a phone signature (lexicons' `mobileDevices`, reply shapes' `mobileProducts`). */
const DEVICE_AT_END = ruleRegExp(
  `(?<!\\p{L})${group([...fromAll((l) => l.text.mobileDevices), ...fromShapes((s) => s.mobileProducts ?? [])])}\\.$`,
  'iu',
);

/** Thanks at the head of a line (the lexicons' `conversation.thanks`): `Thanks again …`, `Merci encore …`. */
const THANKS_OPENING = ruleRegExp(`^${group(fromAll((l) => l.conversation.thanks))}(?![\\p{L}])`, 'iu');

/**
 * The line right after closing line `i` is a full name, or a lone first name that is the message's last
 * line under a closing with neither a label's colon nor a number (`Missing: the lid,` / `Basket` is a list).
 */
function isClosingName(body: string[], i: number): boolean {
  if (NAME_LINE.test(nextContentLine(body, i))) return true;
  return !/[:\d]/.test(body[i] ?? '') && isLastName(body, i + 1);
}

/** Line `j` (no blank line before it) is a lone name and the last content line. */
function isLastName(body: string[], j: number): boolean {
  const line = (body[j] ?? '').trim();
  if (!LONE_NAME.test(line) || SIGN_OFFS.test(line)) return false;
  for (let k = j + 1; k < body.length; k++) if (!isBlank(body[k])) return false;
  return true;
}

/** The previous non-blank line before `i`, untrimmed, or ''. */
function previousContentLine(body: string[], i: number): string {
  let j = i - 1;
  while (j >= 0 && isBlank(body[j])) j--;
  return body[j] ?? '';
}

/** Sentences of a text, split on terminal punctuation and blank lines; whitespace folded. */
export function sentencesOf(text: string): string[] {
  return (
    text
      // Blank lines, sentence ends, and line breaks before a `Label: value` line (receipts and
      // web-form copies print fields one per line without punctuation).
      // Scripts without capitals (Hangul, Han, kana) start a sentence with any letter; Chinese and
      // Japanese end one with a full-width stop, and need no space after it.
      // `č. 1187`, `тел. 8 800 …`, the rupee's `Rs. 1,499` and a number sign before its number (`comanda nr. 40012`,
      // `Bestellung Nr. 5512`, `ordine n. 402`, `No. 88120`) end no sentence.
      // Chat lines (`[2:07 PM] Kevin (NovaTel): …`, `Kevin (NovaTel): …`) are each a turn of their own.
      // A short line ending in the Arabic comma (`مرحبا ليلى،`) is a salutation of its own.
      .split(
        /\n\s*\n|(?<=(?:^|\n)[^\n]{1,40}،)[ \t]*\n|(?<=[.!?؟])(?<!(?<![\p{L}])(?:č|ул|вул|д|тел|Rs)\.)(?<!(?<![\p{L}])[Nn][or]?\.(?=\s+\d))\s+(?=[\p{Lu}\p{Lo}\d"'(¿¡«„“[])|(?<=[。！？])\s*(?=[^\s。！？」』）])|\n(?=[ \t]{0,4}[\p{Lu}\u0621-\u064a][\p{L} ]{1,30}:\s)|\n(?=[ \t]{0,4}[[(]?\d{1,2}:\d{2})|\n(?=[ \t]{0,4}\p{Lu}[\p{L} ]{1,30}\s?\([^()\n]{1,40}\)\s?:\s)/u,
      )
      .map((s) => s.replace(/\s+/g, ' ').trim())
      .filter((s) => s.length > 0)
      .reduce<string[]>(joinedOrdinalDates, [])
  );
}

/**
 * A day written as an ordinal before its month (`am 2. November`, `vom 12. März`) ends no sentence:
 * the part split off after `2.` is joined back when it opens with a month's name.
 */
function joinedOrdinalDates(sentences: string[], sentence: string): string[] {
  const last = sentences[sentences.length - 1];
  if (last !== undefined && ORDINAL_DAY_AT_END.test(last) && MONTH_AT_START.test(sentence)) {
    sentences[sentences.length - 1] = `${last} ${sentence}`;
  } else sentences.push(sentence);
  return sentences;
}
const ORDINAL_DAY_AT_END = /(?<![\p{L}\d.,])\d{1,2}\.$/u;
/** A month's name (any lexicon's, `dates.months`) opening a text. */
const MONTH_AT_START = ruleRegExp(`^${group(fromAll((l) => l.dates.months.flat()))}(?![\\p{L}])`, 'iu');
