import RE2 from 're2';
import { type NarrowingTrees, narrowedSource as narrowedSourceOf, Vocabulary } from './narrowing.js';
import { classEnd, ruleRegExp } from './rule-regexp.js';
import { asRulesReadIt } from './script-forms.js';
import { LITERAL_CHARACTER } from './unicode-words.js';

/**
 * A looser twin of some patterns, run by RE2 (a DFA: one pass, whatever the number of alternatives).
 * RE2 knows no lookaround, so boundaries and lookarounds are dropped: the twin matches at least
 * whatever the patterns match, which is all a filter must promise. Used to skip the costly V8
 * patterns (Unicode boundaries, hundreds of alternatives) on sentences that cannot match them.
 *
 * Two more loosenings, for speed: a Unicode class (`\p{L}`, `[\p{L}'’]`) becomes "any character",
 * and a bounded repetition (`{0,8}`, `{1,3}?`) becomes unbounded (`*`, `+`, `{2,}`). Together they
 * kept RE2's DFA from exploding: each counted copy of a case-folded Unicode class multiplied its
 * states, and a gate over 1,400 sentences took 38 ms instead of 1 ms.
 *
 * The twin reads case-folded text (`foldedForGate`) with its own letters folded the same way, and is
 * built case-sensitive: RE2 builds a case-insensitive program from every letter's case variants, which
 * took twice as long (the twins were a sixth of a one-message `analyze`). Classes and escaped letters,
 * which folding one character cannot settle, keep RE2's case-insensitivity (`(?i:[…])`).
 */
export function prefilter(sources: string[], flags = 'iu'): Gate {
  return new Gate(sources.join('|'), flags, true);
}

/**
 * An RE2 twin and the case-folded text it reads. The twin is written and compiled on first use: a
 * run that never asks a gate (a message without a sentence the rule reads) never pays for it.
 */
export class Gate {
  private twin: RE2 | undefined;
  private readonly narrowed: NarrowedForms<Gate> | null;

  /** `narrowable`: false for a pattern's twin (the pattern narrows) and for a narrowed gate. */
  constructor(
    private readonly pattern: string,
    private readonly flags: string,
    narrowable = false,
  ) {
    this.narrowed = narrowable ? new NarrowedForms(pattern, (source) => new Gate(source, flags)) : null;
  }

  private get compiled(): RE2 {
    if (this.twin === undefined) {
      this.twin = new RE2(loosened(this.pattern, this.flags.includes('m')), this.flags.includes('s') ? 'us' : 'u');
    }
    return this.twin;
  }

  /** The twin's source, as RE2 holds it. */
  get source(): string {
    return this.compiled.source;
  }

  /** Compiled now: where RE2 refusing the twin is to be caught. */
  ready(): this {
    void this.compiled;
    return this;
  }

  /** Whether the text may match: a string is folded here, a `GateInput` carries its folded bytes. */
  test(input: string | GateInput): boolean {
    const narrowed = this.narrowed?.answering(textOf(input));
    if (narrowed !== undefined) return narrowed?.test(input) === true;
    return this.compiled.test(typeof input === 'string' ? foldedForGate(input) : input.folded);
  }
}

/**
 * A built-in pattern with its RE2 twin in front: the pattern runs only on text the twin matches.
 * Most sentences hold none of a pattern's words, and its V8 code (hundreds of case-folded
 * alternatives behind Unicode boundaries, several hundred KB each) is slow to run and crowds the CPU
 * caches; the twin answers `no` in about a microsecond. Same answers as the pattern alone.
 */
export class GatedPattern {
  /** Both built on first use (undefined until then): a run that never reaches a pattern never compiles it. */
  private compiled: RegExp | undefined;
  private twin: Gate | null | undefined;

  private readonly narrowed: NarrowedForms<GatedPattern> | null;

  /**
   * `rewrite`, when given, writes the V8 pattern from `source` on first use (unicode-words.ts turns
   * each `\b` into a Unicode word boundary); the twin reads `source` as is. Only for rewrites that
   * change nothing but word boundaries, which the twin's loosening drops either way.
   */
  constructor(
    private readonly source: string,
    private readonly flags: string,
    private readonly rewrite?: (source: string) => string,
    /** False for a pattern that is itself a narrowed one. Only `u` patterns are (as only they have twins). */
    narrowable = true,
  ) {
    // `lastIndex` carries state between calls of a global or sticky pattern: a skipped call would lose it.
    if (/[gy]/.test(flags)) throw new Error(`a gated pattern is neither global nor sticky: /${source.slice(0, 40)}…/`);
    this.narrowed =
      narrowable && flags.includes('u')
        ? new NarrowedForms(source, (narrowed) => new GatedPattern(narrowed, flags, rewrite, false))
        : null;
  }

  /** The V8 pattern (what the twin stands in front of). */
  get pattern(): RegExp {
    if (this.compiled === undefined) {
      this.compiled = ruleRegExp(this.rewrite ? this.rewrite(this.source) : this.source, this.flags);
    }
    return this.compiled;
  }

  private get gate(): Gate | null {
    if (this.twin === undefined) this.twin = this.flags.includes('u') ? twinOf(this.source, this.flags) : null;
    return this.twin;
  }

  exec(input: string | GateInput): RegExpExecArray | null {
    const narrowed = this.narrowed?.answering(textOf(input));
    if (narrowed !== undefined) return narrowed === null ? null : narrowed.exec(input);
    const gate = this.gate;
    return gate && !gate.test(input) ? null : this.pattern.exec(textOf(input));
  }

  test(input: string | GateInput): boolean {
    const narrowed = this.narrowed?.answering(textOf(input));
    if (narrowed !== undefined) return narrowed?.test(input) === true;
    const gate = this.gate;
    return (gate === null || gate.test(input)) && this.pattern.test(textOf(input));
  }
}

/**
 * A global pattern (every match counts: `matchesOf`, `eachMatchOf`), compiled on first use and narrowed
 * with the gated ones while a narrowing is in force: `in(text)` is the compiled pattern that reads `text`.
 * No twin: it reads a whole text, not sentence after sentence.
 */
export class GlobalPattern {
  private whole: RegExp | undefined;
  private readonly narrowed: NarrowedForms<RegExp>;

  constructor(
    private readonly source: string,
    private readonly flags: string,
  ) {
    if (!flags.includes('g') || !flags.includes('u')) {
      throw new Error(`a global pattern is global and Unicode: /${source.slice(0, 40)}…/`);
    }
    this.narrowed = new NarrowedForms(source, (narrowed) => ruleRegExp(narrowed, flags));
  }

  in(text: string): RegExp {
    const narrowed = this.narrowed.answering(text);
    if (narrowed !== undefined) return narrowed ?? MATCHES_NOTHING;
    this.whole ??= ruleRegExp(this.source, this.flags);
    return this.whole;
  }
}
const MATCHES_NOTHING = /(?!)/gu;

/**
 * The alternatives of one pattern (`a|b|c`), each a gated pattern of its own: V8 compiles only the
 * alternatives a text may match. The full-refund phrase held 25 KB of source in four alternatives, of
 * which a confirmation needs one or two; compiled whole it was the largest part of an `analyze`.
 * Same answers as the one pattern: the earliest match wins and, of two at the same place, the
 * first alternative. The alternatives capture nothing (their groups would be numbered apart).
 */
export class GatedAlternation {
  private readonly alternatives: GatedPattern[];

  constructor(sources: readonly string[], flags: string, rewrite?: (source: string) => string) {
    for (const source of sources) {
      if (/\((?!\?)|\(\?<[A-Za-z_$]/.test(source.replace(/\\.|\[(?:\\.|[^\]\\])*\]/gsu, ''))) {
        throw new Error(`an alternative of a gated alternation captures nothing: /${source.slice(0, 40)}…/`);
      }
    }
    this.alternatives = sources.map((source) => new GatedPattern(source, flags, rewrite));
  }

  exec(input: string | GateInput): RegExpExecArray | null {
    let earliest: RegExpExecArray | null = null;
    for (const alternative of this.alternatives) {
      const m = alternative.exec(input);
      if (m && (earliest === null || m.index < earliest.index)) earliest = m;
    }
    return earliest;
  }

  test(input: string | GateInput): boolean {
    return this.alternatives.some((alternative) => alternative.test(input));
  }
}

/**
 * A text with its case-folded UTF-8 bytes, for a text many gates read (a sentence): RE2 reads bytes
 * and converts a string on every call, which was half of a twin's cost; folded and converted once here.
 */
export interface GateInput {
  text: string;
  folded: Buffer;
}
const textOf = (input: string | GateInput): string => (typeof input === 'string' ? input : input.text);
export const gateInput = (text: string): GateInput => ({ text, folded: Buffer.from(foldedForGate(text), 'utf8') });

/**
 * Where folding one character by `toLowerCase` differs from the case folding V8 matches by under the
 * `i` flag: each character here is matched as equal to the one it maps to (`ſ` to `s`, the final `ς`
 * to `σ`, `µ` to `μ`). Found by comparing the two over every code point; a unit test does it again.
 */
export const GATE_FOLDS: ReadonlyMap<string, string> = new Map([
  ['\u{17f}', 's'],
  ['\u{b5}', '\u{3bc}'],
  ['\u{345}', '\u{3b9}'],
  ['\u{1fbe}', '\u{3b9}'],
  ['\u{1fd3}', '\u{390}'],
  ['\u{3d0}', '\u{3b2}'],
  ['\u{3f5}', '\u{3b5}'],
  ['\u{3d1}', '\u{3b8}'],
  ['\u{3f0}', '\u{3ba}'],
  ['\u{3d6}', '\u{3c0}'],
  ['\u{3f1}', '\u{3c1}'],
  ['\u{3c2}', '\u{3c3}'],
  ['\u{3d5}', '\u{3c6}'],
  ['\u{1fe3}', '\u{3b0}'],
  ['\u{1c80}', '\u{432}'],
  ['\u{1c81}', '\u{434}'],
  ['\u{1c82}', '\u{43e}'],
  ['\u{1c83}', '\u{441}'],
  ['\u{1c84}', '\u{442}'],
  ['\u{1c85}', '\u{442}'],
  ['\u{1c86}', '\u{44a}'],
  ['\u{1c87}', '\u{463}'],
  ['\u{1c88}', '\u{a64b}'],
  ['\u{1e9b}', '\u{1e61}'],
  ['\u{fb06}', '\u{fb05}'],
]);
const GATE_FOLDED = new RegExp(`[${[...GATE_FOLDS.keys()].join('')}]`, 'gu');
/** `İ`: the one character `toLowerCase` makes two of (`i` and a combining dot); V8 folds it to nothing else. */
const DOTTED_CAPITAL_I = '\u{130}';

/**
 * The text as twins read it: each character replaced by one that every character V8 matches it
 * with under `i` is replaced by too (`STRAẞE`, `straße` → `straße`; `ſ`, `S` → `s`), one for one.
 */
export function foldedForGate(text: string): string {
  const lower = text.includes(DOTTED_CAPITAL_I)
    ? text
        .split(DOTTED_CAPITAL_I)
        .map((part) => part.toLowerCase())
        .join(DOTTED_CAPITAL_I)
    : text.toLowerCase();
  return lower.replace(GATE_FOLDED, (c) => GATE_FOLDS.get(c) ?? c);
}

/** The RE2 twin, or null when RE2 cannot hold it (a backreference): then the pattern runs alone. */
function twinOf(source: string, flags: string): Gate | null {
  try {
    return new Gate(source, flags).ready();
  } catch {
    return null;
  }
}

/**
 * The sources of the built-in patterns and gates, in the order built: what the build writes
 * narrowing trees for (scripts/package-cli.ts). Narrowed ones are not listed.
 */
const NARROWABLE: string[] = [];
export const narrowableSources = (): readonly string[] => NARROWABLE;

/**
 * The narrowing in force: set for one message's analysis by `withPatternsNarrowed`, else null.
 * Module state, but it never changes an answer: only which compiled pattern gives it.
 */
let narrowing: { vocabulary: Vocabulary; trees: NarrowingTrees } | null = null;

/**
 * `run` with every built-in pattern narrowed to the texts in `message` (a message, or texts: see
 * `textsToNarrowTo`; narrowing.ts): for a short run (`analyze` of a few files), where compiling whole
 * patterns is most of the time. A longer run (the worker) compiles each whole pattern once and reads
 * every message with it.
 */
export function withPatternsNarrowed<T>(message: unknown, trees: NarrowingTrees, run: () => T): T {
  const before = narrowing;
  narrowing = { vocabulary: new Vocabulary(textsToNarrowTo(message), foldedForGate, trees.literals), trees };
  let result: T;
  try {
    result = run();
  } catch (err) {
    narrowing = before;
    throw err;
  }
  // A promise (the parser): narrowed until it settles, for a caller that runs nothing else meanwhile.
  if (result instanceof Promise) {
    return result.finally(() => {
      narrowing = before;
    }) as T;
  }
  narrowing = before;
  return result;
}

/**
 * Every text in `values` (strings, in arrays and objects: a whole message), as written and with its
 * spaces and quote marks run together as the rules read them: what patterns narrowed to them may count
 * on. A text the rules make that is not made of these pieces is read by the whole pattern, so a text
 * left out here costs time, not answers.
 */
function textsToNarrowTo(...values: unknown[]): string[] {
  const texts: string[] = [];
  const add = (value: unknown): void => {
    if (typeof value === 'string') {
      // As written, and as the rules read its letters (`مرحبًا` read `مرحبا`); spaces run together, before
      // punctuation gone (`Numéro de transaction : …` read `…transaction: …`), quote marks gone.
      for (const text of new Set([value, asRulesReadIt(value)])) {
        const spaced = text.replace(/\s+/g, ' ');
        texts.push(
          text,
          spaced,
          spaced.replace(/ (?=[,.;:!?])/g, ''),
          text.replace(/^[\s>]+/gm, '').replace(/\s+/g, ' '),
        );
      }
    } else if (Array.isArray(value)) {
      for (const each of value) add(each);
    } else if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
      for (const each of Object.values(value)) add(each);
    }
  };
  for (const value of values) add(value);
  return texts;
}

/**
 * The narrowing in force (if any) widened to the texts in `values` too (`textsToNarrowTo`): for texts
 * made while it is, which the rules then read (the parser's decoded body). Without it they would be
 * read by the whole patterns.
 */
export function narrowingAlsoCovers(...values: unknown[]): void {
  if (narrowing === null) return;
  narrowing = { vocabulary: narrowing.vocabulary.with(textsToNarrowTo(...values)), trees: narrowing.trees };
}

/**
 * A built-in pattern's narrowed form, made for the narrowing in force and kept until it changes: the
 * compiled pattern that answers for a text the narrowing covers.
 */
class NarrowedForms<T> {
  private vocabulary: Vocabulary | undefined;
  private narrowed: T | null | undefined;

  constructor(
    private readonly source: string,
    private readonly make: (source: string) => T,
  ) {
    NARROWABLE.push(source);
  }

  /** The narrowed form that answers for `text` (null: nothing there matches), or undefined: the whole pattern answers. */
  answering(text: string): T | null | undefined {
    const current = narrowing;
    if (current === null) return undefined;
    if (this.vocabulary !== current.vocabulary) {
      this.vocabulary = current.vocabulary;
      const tree = current.trees.treeOf(this.source);
      const narrowedSource = tree === null ? undefined : narrowedSourceOf(tree, current.vocabulary);
      this.narrowed =
        narrowedSource === undefined ? undefined : narrowedSource === null ? null : this.make(narrowedSource);
    }
    return this.narrowed !== undefined && current.vocabulary.covers(text) ? this.narrowed : undefined;
  }
}

/**
 * Every character JavaScript's `\s` matches; RE2's `\s` is ASCII only, so a twin with it alone could
 * miss a no-break space the pattern matches.
 */
const JS_SPACE = '\\s\\x{a0}\\x{b}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
const ANY = '[\\s\\S]';

/**
 * A V8 (`u` flag) pattern source made into a looser RE2 source: lookarounds become an empty group,
 * `\b` and `\B` go, Unicode properties (alone or in a class) match any character, bounded
 * repetitions lose their upper bound, `\s` takes JavaScript's spaces; with `m`, `^` and `$` go (V8
 * also breaks lines at `\r`, RE2 does not). Letters are folded as `foldedForGate` folds the text;
 * classes and escaped characters match case-insensitively. Throws on a backreference.
 */
function loosened(source: string, multiline: boolean): string {
  // Folded once, whole: a source holds thousands of literal runs. One for one, so its runs are slices.
  const folded = foldedForGate(source);
  const foldedRun = (at: number, run: string) =>
    folded.length === source.length ? folded.slice(at, at + run.length) : foldedForGate(run);
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (next === 'b' || next === 'B') {
        i += 2;
      } else if (next === 'p' || next === 'P') {
        out += ANY;
        i = source.indexOf('}', i) + 1;
      } else if (next === 's') {
        out += `[${JS_SPACE}]`;
        i += 2;
      } else if (/[1-9k]/.test(next)) {
        throw new Error('a backreference: RE2 has none');
      } else {
        CODE_ESCAPE.lastIndex = i;
        const code = CODE_ESCAPE.exec(source)?.[0];
        // `\u00C9` is a letter the folding cannot see: matched in either case.
        out += code ? `(?i:${code})` : c + next;
        i += code ? code.length : 2;
      }
    } else if (c === '[') {
      const end = classEnd(source, i);
      out += loosenedClass(source.slice(i + 1, end));
      i = end + 1;
    } else if (c === '(' && /^\(\?<?[=!]/.test(source.slice(i, i + 4))) {
      // An empty group keeps a quantifier after the lookaround attached to nothing.
      out += '(?:)';
      i = groupEnd(source, i) + 1;
    } else if (c === '(' && source.startsWith('(?<', i)) {
      // A group's name is kept as written, not folded.
      const end = source.indexOf('>', i) + 1;
      out += source.slice(i, end);
      i = end;
    } else if (c === '{') {
      const m = /^\{(\d+),\d*\}\??/.exec(source.slice(i));
      if (m) {
        const min = m[1] as string;
        out += min === '0' ? '*' : min === '1' ? '+' : `{${min},}`;
        i += m[0].length;
      } else {
        out += c;
        i++;
      }
    } else if (multiline && (c === '^' || c === '$')) {
      i++;
    } else {
      LITERAL_RUN.lastIndex = i;
      const run = LITERAL_RUN.exec(source)?.[0];
      // Letters folded as the text is; syntax characters one by one, as they are.
      out += run ? foldedRun(i, run) : c;
      i += run ? run.length : 1;
    }
  }
  return out;
}

/** Characters that stand for themselves outside a class, one or more. */
const LITERAL_RUN = new RegExp(`${LITERAL_CHARACTER}+`, 'y');
/** An escape that names a character by its code: `\u00e9`, `\u{1F600}`, `\xE9`, `\cJ`. */
const CODE_ESCAPE = /\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z])/y;

/** The class `[…]`'s content loosened: with a Unicode property, any character; `[^]` is any character. */
function loosenedClass(content: string): string {
  if (content === '^' || /\\[pP]\{/.test(content)) return ANY;
  // Case-insensitive: the text is folded, the class's members are not.
  return `(?i:[${content.replace(/\\(.)/g, (escaped, ch: string) => (ch === 's' ? JS_SPACE : escaped))}])`;
}

/** Index of the `)` that closes the group opened at `start` (classes and escapes skipped). */
function groupEnd(source: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') i += 2;
    else if (c === '[') i = classEnd(source, i) + 1;
    else {
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i;
      i++;
    }
  }
  return i;
}
