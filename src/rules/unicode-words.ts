/**
 * JavaScript's `\b` knows only ASCII letters, so `\beffectué\b` and `\bémis` never match: words that
 * begin or end with an accented letter were invisible. `unicodeWords` rewrites each `\b` of a pattern
 * into the same boundary over Unicode letters and digits (WORD_CHAR).
 *
 * The full boundary holds four Unicode classes, and V8 builds each class afresh (about 0.3 ms each
 * under `iu`): the largest resolution pattern had 44 boundaries, 60 ms of a one-message `analyze`.
 * Where the pattern itself settles one side, one lookaround says the same: before a fragment whose
 * every match begins with a word character, the boundary holds exactly when no word character
 * precedes, so `(?<!W)` stands for it; after a fragment whose every match ends with one, `(?!W)`.
 * Where neither side is certain (a class, `.`, an optional word, an alternative that may start with
 * a space), the full boundary stays. Same matches, same captures, in the same order.
 *
 * Next to a Han or kana character the boundary always holds (see UNSPACED_CHAR): Japanese and Chinese
 * lexicon entries match inside running text, and before one the rewrite drops the boundary altogether.
 */

export const WORD_CHAR = '[\\p{L}\\p{N}_]';
/**
 * Han and kana letters (Chinese, Japanese): scripts that write words without spaces between them, so a word
 * there touches other letters on both sides. A boundary holds at any edge of such a character; between
 * letters of the spaced scripts it holds as before. Plain ranges: cheap to build, unlike a property.
 */
export const UNSPACED_CHAR =
  '[\\u3005\\u3041-\\u3096\\u309d-\\u309f\\u30a1-\\u30fa\\u30fc-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff66-\\uff9f]';
/** Hangul syllables: a spaced script, whose words carry glued particles and endings (`환불이`, `3영업일`). */
export const HANGUL_SYLLABLE = '[\\uac00-\\ud7a3]';
/** A word character of a spaced script: what may not touch a word there. */
export const SPACED_WORD_CHAR = `(?!${UNSPACED_CHAR})${WORD_CHAR}`;
/**
 * Between a word character and one of a spaced script or none, or the other way round: the ASCII
 * boundary over Unicode letters and digits, which also holds on each side of a Han or kana character.
 * On text of spaced scripts alone it is exactly the boundary of WORD_CHAR.
 */
export const UNICODE_BOUNDARY = `(?:(?<=${WORD_CHAR})(?!${SPACED_WORD_CHAR})|(?<!${SPACED_WORD_CHAR})(?=${WORD_CHAR}))`;
const NO_WORD_BEFORE = `(?<!${SPACED_WORD_CHAR})`;
const NO_WORD_AFTER = `(?!${SPACED_WORD_CHAR})`;
/** Before a fragment that begins with a spaced-script or a Han/kana character: the boundary for either. */
const NO_WORD_BEFORE_OR_UNSPACED = `(?:${NO_WORD_BEFORE}|(?=${UNSPACED_CHAR}))`;
const NO_WORD_AFTER_OR_UNSPACED = `(?:${NO_WORD_AFTER}|(?<=${UNSPACED_CHAR}))`;

/** The rewrite with every `\b` made the full boundary: what `unicodeWords` must always equal in meaning. */
export const fullBoundaries = (source: string): string => source.replaceAll('\\b', UNICODE_BOUNDARY);

/**
 * The pattern source with each `\b` a Unicode boundary, as cheap to compile as its neighbours allow.
 * A source this reader does not follow (a `\b` inside a class, a `\\b`) is rewritten in full.
 */
export function unicodeWords(source: string): string {
  const boundaries = new Map<number, string>();
  try {
    const reader = new Reader(source, boundaries);
    reader.alternatives();
    if (reader.at < source.length) return fullBoundaries(source);
  } catch {
    return fullBoundaries(source);
  }
  // Every `\b` the plain rewrite would replace must be one the reader placed, or the two would differ.
  const plain = [...source.matchAll(/\\b/g)].map((m) => m.index);
  if (plain.length !== boundaries.size || plain.some((i) => !boundaries.has(i))) return fullBoundaries(source);
  let out = '';
  let from = 0;
  for (const [index, replacement] of [...boundaries].sort((a, b) => a[0] - b[0])) {
    out += source.slice(from, index) + replacement;
    from = index + 2;
  }
  return out + source.slice(from);
}

/**
 * A character every case variant of which (under the `iu` flags) is a word character: ASCII letters,
 * digits and `_`, and the letters of Latin-1, Latin Extended-A/B, Greek and Cyrillic (the lexicons' alphabets). A unit
 * test checks, over every code point, that none matches one of them, `\p{L}` or `\p{N}` under `iu`
 * without matching WORD_CHAR too. For patterns with the `u` flag (the rules use `iu`).
 */
export function isCaseSafeWordChar(ch: string): boolean {
  if (ch.length !== 1) return false;
  const code = ch.charCodeAt(0);
  if (code < 0x80)
    return (
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      code === 0x5f
    );
  // Latin-1, Latin Extended-A/B, Greek (the Greek lexicon) and Cyrillic (the Russian and Ukrainian
  // lexicon): every case variant of one of their letters is a word character under `iu` (a letter,
  // or U+0345, which folds to `ι`: the unit test checks every code point).
  if (
    (code >= 0xc0 && code <= 0x24f) ||
    (code >= 0x370 && code <= 0x3ff) ||
    (code >= 0x400 && code <= 0x4ff) ||
    // Latin Extended Additional (the Vietnamese lexicon's `ạ`, `ế`, `ự`) and Hangul syllables (Korean, caseless).
    (code >= 0x1e00 && code <= 0x1eff) ||
    (code >= 0xac00 && code <= 0xd7a3)
  ) {
    return LETTER.test(ch);
  }
  // Arabic (the Arabic lexicon): its letters and digits have no case.
  return code >= 0x600 && code <= 0x6ff && LETTER_OR_DIGIT.test(ch);
}
const LETTER = /^\p{L}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * Whether a class holds only such characters: `[oa]`, `[yaoe]`, `[a-z]`. Negated classes, escapes
 * and properties are not taken (a property under `iu` also holds a few marks).
 */
function isWordClass(content: string): boolean {
  if (content === '' || content.startsWith('^') || content.includes('\\')) return false;
  const chars = [...content];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      const range = `${c}-${chars[i + 2]}`;
      if (!/^(?:[a-z]-[a-z]|[A-Z]-[A-Z]|[0-9]-[0-9])$/.test(range)) return false;
      i += 2;
    } else if (!isCaseSafeWordChar(c)) return false;
  }
  return true;
}

/** A character that stands for itself in a pattern outside a class: none of the syntax characters. */
export const LITERAL_CHARACTER = '[^\\\\^$.|?*+()[\\]{}]';
/** Two or more such characters. */
const LITERAL_RUN = new RegExp(`${LITERAL_CHARACTER}{2,}`, 'y');

/** Properties every character of which is a word character, with or without the `i` flag. */
export const WORD_PROPERTIES: readonly string[] = ['\\p{L}', '\\p{N}'];

/**
 * What every match of a fragment starts (or ends) with: a word character of a spaced script, a Han or
 * kana character, one of either, or something not certainly a word character (`no`).
 */
type Edge = 'no' | 'spaced' | 'unspaced' | 'either';
const joinEdges = (a: Edge, b: Edge): Edge => (a === 'no' || b === 'no' ? 'no' : a === b ? a : 'either');

/** A Han or kana letter (UNSPACED_CHAR and a letter); none of them has a case variant. */
function isUnspacedChar(ch: string): boolean {
  return UNSPACED.test(ch) && LETTER.test(ch);
}
const UNSPACED = new RegExp(`^${UNSPACED_CHAR}$`, 'u');
const edgeOfChar = (ch: string): Edge => (isCaseSafeWordChar(ch) ? 'spaced' : isUnspacedChar(ch) ? 'unspaced' : 'no');

/** One element of a sequence: what every match of it starts / ends with. */
interface Element {
  zeroWidth: boolean;
  first: Edge;
  last: Edge;
  /** Its quantifier's minimum (1 without one). */
  min: number;
  /** For a `\b`: where it is in the source. */
  boundaryAt?: number;
}

/** What every match of `seq` (an alternative, or what is left of one) starts with. */
function startsWithWord(seq: readonly Element[]): Edge {
  let edge: Edge | null = null;
  for (const e of seq) {
    if (e.zeroWidth) continue;
    edge = edge === null ? e.first : joinEdges(edge, e.first);
    if (edge === 'no' || e.min >= 1) return edge;
    // Optional: when it is absent, what follows must start with one too.
  }
  return 'no';
}

function endsWithWord(seq: readonly Element[]): Edge {
  let edge: Edge | null = null;
  for (let i = seq.length - 1; i >= 0; i--) {
    const e = seq[i] as Element;
    if (e.zeroWidth) continue;
    edge = edge === null ? e.last : joinEdges(edge, e.last);
    if (edge === 'no' || e.min >= 1) return edge;
  }
  return 'no';
}

/** The boundary before a fragment that starts with `edge`, or after one that ends with it; null when neither is certain. */
const BEFORE: Record<Edge, string | null> = {
  spaced: NO_WORD_BEFORE,
  unspaced: '',
  either: NO_WORD_BEFORE_OR_UNSPACED,
  no: null,
};
const AFTER: Record<Edge, string | null> = {
  spaced: NO_WORD_AFTER,
  unspaced: '',
  either: NO_WORD_AFTER_OR_UNSPACED,
  no: null,
};

/** A recursive-descent reader of the pattern syntax the rules use; throws on anything it does not know. */
class Reader {
  at = 0;
  constructor(
    private readonly source: string,
    private readonly boundaries: Map<number, string>,
  ) {}

  /** `a|b|c` up to an unmatched `)` or the end; each alternative's boundaries decided. */
  alternatives(): Element[][] {
    const alts: Element[][] = [];
    for (;;) {
      const seq = this.sequence();
      seq.forEach((e, i) => {
        if (e.boundaryAt === undefined) return;
        const replacement =
          BEFORE[startsWithWord(seq.slice(i + 1))] ?? AFTER[endsWithWord(seq.slice(0, i))] ?? UNICODE_BOUNDARY;
        this.boundaries.set(e.boundaryAt, replacement);
      });
      alts.push(seq);
      if (this.source[this.at] !== '|') return alts;
      this.at++;
    }
  }

  private sequence(): Element[] {
    const seq: Element[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const word = this.literals();
      if (word) {
        seq.push(word);
        continue;
      }
      const atom = this.atom();
      const min = this.quantifier();
      if (atom.zeroWidth && min !== 1) throw new Error('a quantified assertion');
      seq.push({ ...atom, min });
    }
    return seq;
  }

  /**
   * A run of two or more plain characters (`refund`, `wurde erstattet`) as one element, or null. Most
   * of a lexicon pattern is such runs: read at once, not character by character. A quantifier after
   * the run belongs to its last character, which is left to `atom`.
   */
  private literals(): Element | null {
    LITERAL_RUN.lastIndex = this.at;
    const m = LITERAL_RUN.exec(this.source);
    if (!m) return null;
    let run = m[0];
    if ('?*+{'.includes(this.source[this.at + run.length] ?? '')) {
      const lastLength = (run.codePointAt(run.length - 1) ?? 0) >= 0xdc00 && run.length >= 2 ? 2 : 1;
      run = run.slice(0, run.length - lastLength);
      // Nothing left: the general path reads the character with its quantifier.
      if (run === '') return null;
    }
    this.at += run.length;
    // A surrogate half is not a case-safe word character, as the whole astral character is not.
    return {
      zeroWidth: false,
      first: edgeOfChar(run[0] ?? ''),
      last: edgeOfChar(run.at(-1) ?? ''),
      min: 1,
    };
  }

  private atom(): Omit<Element, 'min'> {
    const s = this.source;
    const c = s[this.at] as string;
    const plain = (first: Edge) => ({ zeroWidth: false, first, last: first });
    if (c === '^' || c === '$') {
      this.at++;
      return { zeroWidth: true, first: 'no', last: 'no' };
    }
    if (c === '\\') return this.escape();
    if (c === '[') {
      const end = this.classEnd();
      const content = s.slice(this.at + 1, end);
      this.at = end + 1;
      return plain(isWordClass(content) ? 'spaced' : 'no');
    }
    if (c === '(') return this.group();
    if ('*+?{}]'.includes(c)) throw new Error(`unexpected ${c}`);
    // A literal, one code point (`.` is any character: not a word character for sure).
    const ch = String.fromCodePoint(s.codePointAt(this.at) ?? 0);
    this.at += ch.length;
    return plain(c === '.' ? 'no' : edgeOfChar(ch));
  }

  private escape(): Omit<Element, 'min'> {
    const next = this.source[this.at + 1] ?? '';
    if (next === 'b' || next === 'B') {
      const at = this.at;
      this.at += 2;
      return next === 'b'
        ? { zeroWidth: true, first: 'no', last: 'no', boundaryAt: at }
        : { zeroWidth: true, first: 'no', last: 'no' };
    }
    if (next === 'p' || next === 'P') {
      const end = this.source.indexOf('}', this.at);
      if (end < 0) throw new Error('unterminated property');
      // `\p{L}` and `\p{N}` are inside WORD_CHAR, and under `i` both gain the same case variants;
      // `\p{L}` also holds Han and kana.
      const word: Edge = WORD_PROPERTIES.includes(this.source.slice(this.at, end + 1)) ? 'either' : 'no';
      this.at = end + 1;
      return { zeroWidth: false, first: word, last: word };
    }
    if (/[1-9kuxc]/.test(next)) throw new Error(`escape \\${next} not read here`);
    this.at += 2;
    // `\d` is ASCII digits; any other escape (`\s`, `\.`, `\n`) is taken as not a word character.
    const word: Edge = next === 'd' ? 'spaced' : 'no';
    return { zeroWidth: false, first: word, last: word };
  }

  private group(): Omit<Element, 'min'> {
    const s = this.source;
    const head = /^\((\?(?::|<?[=!]|<[A-Za-z_$][\w$]*>))?/.exec(s.slice(this.at, this.at + 40));
    if (!head) throw new Error('unreadable group');
    const lookaround = /^\(\?<?[=!]/.test(head[0]);
    this.at += head[0].length;
    const alts = this.alternatives();
    if (s[this.at] !== ')') throw new Error('unclosed group');
    this.at++;
    if (lookaround) return { zeroWidth: true, first: 'no', last: 'no' };
    return {
      zeroWidth: false,
      first: alts.map(startsWithWord).reduce(joinEdges),
      last: alts.map(endsWithWord).reduce(joinEdges),
    };
  }

  /** The minimum of the quantifier at the cursor (1 when there is none), the cursor moved past it. */
  private quantifier(): number {
    // Most atoms have none: a look at one character, not a match (this reads every character of 60 KB of patterns).
    if (!'?*+{'.includes(this.source[this.at] ?? '|')) return 1;
    const m = /^(?:([?*+])|\{(\d+)(?:,\d*)?\})\??/.exec(this.source.slice(this.at, this.at + 20));
    if (!m) return 1;
    this.at += m[0].length;
    if (m[1] !== undefined) return m[1] === '+' ? 1 : 0;
    return Number(m[2]);
  }

  /** Index of the `]` closing the class at the cursor; a `\b` inside one is left to the full rewrite. */
  private classEnd(): number {
    let i = this.at + 1;
    while (i < this.source.length && this.source[i] !== ']') i += this.source[i] === '\\' ? 2 : 1;
    if (i >= this.source.length) throw new Error('unterminated class');
    return i;
  }
}
