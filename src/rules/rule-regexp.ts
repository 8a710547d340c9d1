/**
 * The rules' regular expressions as V8 compiles them cheaply. A one-message `analyze` spends more
 * CPU compiling the rule patterns than running them, so how they are written and read matters.
 *
 * Letter and word-character classes (`iu` flags):
 * V8 builds a Unicode property class afresh at every place a pattern uses it and, under `i`, closes
 * it over case: about 0.13 ms for `\p{L}` and 0.2 ms for `[\p{L}\p{N}_]`, each time. The rule patterns
 * use them hundreds of times (word edges, inflection endings such as `возврат\p{L}{0,2}`); the largest
 * resolution pattern took 70 ms to compile, the largest part of a one-message `analyze`. The same
 * sets written as the complement of the characters that separate words (a few dozen ranges of
 * punctuation and symbols, almost none of which has a case) compile several times faster.
 *
 * Exact inside ZONES, the blocks where the lexicons' words and the characters around them in mail
 * live (Latin, Greek, Cyrillic, punctuation, currency and other symbols, CJK punctuation, fullwidth
 * forms, emoji): there a character is in a class exactly when the property says so under `iu`.
 * Outside them (the blocks of other scripts) every character counts as a letter: a superset, which
 * could only matter for a lexicon word glued to a sign of another script. A unit test checks both
 * over every code point.
 */

/** [first, last] code points, both included. */
type CodeRange = readonly [number, number];

/** Where the classes are exact: [first, end) code points. */
export const ZONES: readonly CodeRange[] = [
  [0x0, 0x2b0], // Basic Latin to IPA
  [0x300, 0x530], // combining marks, Greek, Cyrillic
  [0x600, 0x700], // Arabic: its punctuation (، ؛ ؟ ٪), digits and harakat sit between its letters
  [0x2000, 0x2c00], // punctuation, super- and subscripts, currency, letterlike, arrows … symbols
  [0x2e00, 0x2e80], // supplemental punctuation
  [0x3000, 0x3040], // CJK symbols and punctuation
  [0xe000, 0xf900], // private use
  [0xfe00, 0xfe70], // variation selectors, vertical, compatibility and small forms
  [0xff00, 0x10000], // fullwidth and halfwidth forms, specials
  [0x1f000, 0x1fc00], // game symbols, enclosed supplements, emoji, pictographs
  [0xe0000, 0xe0080], // tags
];

/**
 * In ZONES, what is neither a letter, a number nor `_` (under `iu`: U+0345, which folds to `ι`, is a
 * letter). Unassigned code points joined to their neighbours' ranges.
 */
const NOT_WORD: readonly CodeRange[] = [
  [0x0, 0x2f],
  [0x3a, 0x40],
  [0x5b, 0x5e],
  [0x60, 0x60],
  [0x7b, 0xa9],
  [0xab, 0xb1],
  [0xb4, 0xb4],
  [0xb6, 0xb8],
  [0xbb, 0xbb],
  [0xbf, 0xbf],
  [0xd7, 0xd7],
  [0xf7, 0xf7],
  [0x300, 0x344],
  [0x346, 0x36f],
  [0x375, 0x375],
  [0x37e, 0x37e],
  [0x384, 0x385],
  [0x387, 0x387],
  [0x3f6, 0x3f6],
  [0x482, 0x489],
  [0x600, 0x61f],
  [0x64b, 0x65f],
  [0x66a, 0x66d],
  [0x670, 0x670],
  [0x6d4, 0x6d4],
  [0x6d6, 0x6e4],
  [0x6e7, 0x6ed],
  [0x6fd, 0x6fe],
  [0x2000, 0x206f],
  [0x207a, 0x207e],
  [0x208a, 0x208e],
  [0x20a0, 0x2101],
  [0x2103, 0x2106],
  [0x2108, 0x2109],
  [0x2114, 0x2114],
  [0x2116, 0x2118],
  [0x211e, 0x2123],
  [0x2125, 0x2125],
  [0x2127, 0x2127],
  [0x2129, 0x2129],
  [0x212e, 0x212e],
  [0x213a, 0x213b],
  [0x2140, 0x2144],
  [0x214a, 0x214d],
  [0x214f, 0x214f],
  [0x218a, 0x244a],
  [0x249c, 0x24e9],
  [0x2500, 0x2775],
  [0x2794, 0x2bff],
  [0x2e00, 0x2e2e],
  [0x2e30, 0x2e5d],
  [0x3000, 0x3004],
  [0x3008, 0x3020],
  [0x302a, 0x3030],
  [0x3036, 0x3037],
  [0x303d, 0x303f],
  [0xe000, 0xf8ff],
  [0xfe00, 0xfe6b],
  [0xff01, 0xff0f],
  [0xff1a, 0xff20],
  [0xff3b, 0xff40],
  [0xff5b, 0xff65],
  [0xffe0, 0xfffd],
  [0x1f000, 0x1f0f5],
  [0x1f10d, 0x1fbef],
  [0x1fbfa, 0x1fbfa],
  [0xe0001, 0xe007f],
];

/** In ZONES, what is not a letter (digits, other numbers and `_` included). */
const NOT_LETTER: readonly CodeRange[] = [
  [0x0, 0x40],
  [0x5b, 0x60],
  [0x7b, 0xa9],
  [0xab, 0xb4],
  [0xb6, 0xb9],
  [0xbb, 0xbf],
  [0xd7, 0xd7],
  [0xf7, 0xf7],
  [0x300, 0x344],
  [0x346, 0x36f],
  [0x375, 0x375],
  [0x37e, 0x37e],
  [0x384, 0x385],
  [0x387, 0x387],
  [0x3f6, 0x3f6],
  [0x482, 0x489],
  [0x600, 0x61f],
  [0x64b, 0x66d],
  [0x670, 0x670],
  [0x6d4, 0x6d4],
  [0x6d6, 0x6e4],
  [0x6e7, 0x6ed],
  [0x6f0, 0x6f9],
  [0x6fd, 0x6fe],
  [0x2000, 0x2070],
  [0x2074, 0x207e],
  [0x2080, 0x208e],
  [0x20a0, 0x2101],
  [0x2103, 0x2106],
  [0x2108, 0x2109],
  [0x2114, 0x2114],
  [0x2116, 0x2118],
  [0x211e, 0x2123],
  [0x2125, 0x2125],
  [0x2127, 0x2127],
  [0x2129, 0x2129],
  [0x212e, 0x212e],
  [0x213a, 0x213b],
  [0x2140, 0x2144],
  [0x214a, 0x214d],
  [0x214f, 0x2182],
  [0x2185, 0x2bff],
  [0x2e00, 0x2e2e],
  [0x2e30, 0x2e5d],
  [0x3000, 0x3004],
  [0x3007, 0x3030],
  [0x3036, 0x303a],
  [0x303d, 0x303f],
  [0xe000, 0xf8ff],
  [0xfe00, 0xfe6b],
  [0xff01, 0xff20],
  [0xff3b, 0xff40],
  [0xff5b, 0xff65],
  [0xffe0, 0xfffd],
  [0x1f000, 0x1fbfa],
  [0xe0001, 0xe007f],
];

const hex = (code: number): string => `\\u{${code.toString(16)}}`;
const complementOf = (ranges: readonly CodeRange[], also = ''): string =>
  `[^${ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('')}${also}]`;

/** `\p{L}` under `iu`, exact in ZONES. */
export const LETTER_CLASS = complementOf(NOT_LETTER);
/** `[\p{L}\p{N}_]` under `iu`, exact in ZONES. */
export const WORD_CLASS = complementOf(NOT_WORD);
/** `[\p{L}\p{N}]` under `iu`, exact in ZONES. */
const LETTER_OR_NUMBER_CLASS = complementOf(NOT_WORD, '_');

/**
 * A pattern source (for the `iu` flags) with `\p{L}`, `[\p{L}\p{N}_]` and `[\p{L}\p{N}]` spelled as
 * the classes above; a class that holds `\p{L}` among other members becomes an alternation of the
 * letter class and a class of the rest (`[\p{L}'’-]` → `(?:LETTER|['’-])`). Negated classes and other
 * properties (`\p{Lu}`, `\p{N}` alone) are kept as written. Only non-capturing groups are added, so
 * captures keep their numbers.
 */
export function withCompiledLetterClasses(source: string): string {
  if (!source.includes('\\p{L}')) return source;
  // One pass of a native replace: these sources run to tens of kilobytes, rewritten at every start.
  return source.replace(LETTER_TOKENS, (token) =>
    token === '\\p{L}' ? LETTER_CLASS : token.startsWith('[') ? classWithCompiledLetters(token.slice(1, -1)) : token,
  );
}
/** `\p{L}`, a whole class (its `]` may be escaped inside), or any other escape (so `\[` opens no class). */
const LETTER_TOKENS = /\\p\{L\}|\[(?:\\.|[^\]\\])*\]|\\./gsu;

/** One class's content, written back as a class or an alternation. */
function classWithCompiledLetters(content: string): string {
  if (content.startsWith('^') || !content.includes('\\p{L}')) return `[${content}]`;
  if (content === '\\p{L}\\p{N}_') return WORD_CLASS;
  const withNumbers = content.includes('\\p{N}');
  const rest = content.replaceAll('\\p{L}', '').replaceAll('\\p{N}', '');
  const letters = withNumbers ? LETTER_OR_NUMBER_CLASS : LETTER_CLASS;
  return rest === '' ? letters : `(?:${letters}|[${rest}])`;
}

/**
 * A rule pattern: under `iu` its letter classes as above (same matches in the zones), otherwise as
 * written.
 */
export function ruleRegExp(source: string, flags: string): RegExp {
  const iu = flags.includes('i') && flags.includes('u');
  return new RegExp(iu ? withCompiledLetterClasses(source) : source, flags);
}

/**
 * Every match of a global pattern, read with the pattern itself. `String.prototype.matchAll` reads a
 * copy, and V8 compiles a copy of a large pattern again whenever its regexp cache has been emptied
 * (at each full garbage collection): 4 ms a sentence for the summary's news words.
 */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  return [...eachMatchOf(pattern, text)];
}

/**
 * The matches of `matchesOf`, one at a time: a caller that has seen enough stops the scan there (a
 * 100 KB line is not read to its end for a word already counted). Where the scan stands is kept here,
 * not in the shared pattern between two matches.
 */
export function* eachMatchOf(pattern: RegExp, text: string): Generator<RegExpExecArray, void, undefined> {
  if (!pattern.global) throw new Error(`matchesOf reads a global pattern: /${pattern.source.slice(0, 40)}…/`);
  let from = 0;
  try {
    for (;;) {
      pattern.lastIndex = from;
      const m = pattern.exec(text);
      if (m === null) return;
      from = pattern.lastIndex;
      // An empty match: step past it, by a whole character under `u`, as matchAll does.
      if (m[0] === '') from += pattern.unicode && (text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1;
      yield m;
    }
  } finally {
    pattern.lastIndex = 0;
  }
}

/** Index of the `]` that closes the class opened at `start`. */
export function classEnd(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i;
}
