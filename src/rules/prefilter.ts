import RE2 from 're2';

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
 */
export function prefilter(sources: string[], flags = 'iu'): RE2 {
  return new RE2(loosened(sources.join('|'), flags.includes('m')), flags.includes('s') ? 'ius' : 'iu');
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
  private twin: RE2 | null | undefined;

  /**
   * `rewrite`, when given, writes the V8 pattern from `source` on first use (unicode-words.ts turns
   * each `\b` into a Unicode word boundary); the twin reads `source` as is. Only for rewrites that
   * change nothing but word boundaries, which the twin's loosening drops either way.
   */
  constructor(
    private readonly source: string,
    private readonly flags: string,
    private readonly rewrite?: (source: string) => string,
  ) {
    // `lastIndex` carries state between calls of a global or sticky pattern: a skipped call would lose it.
    if (/[gy]/.test(flags)) throw new Error(`a gated pattern is neither global nor sticky: /${source.slice(0, 40)}…/`);
  }

  /** The V8 pattern (what the twin stands in front of). */
  get pattern(): RegExp {
    if (this.compiled === undefined) {
      this.compiled = new RegExp(this.rewrite ? this.rewrite(this.source) : this.source, this.flags);
    }
    return this.compiled;
  }

  private get gate(): RE2 | null {
    if (this.twin === undefined) this.twin = this.flags.includes('u') ? twinOf(this.source, this.flags) : null;
    return this.twin;
  }

  exec(input: string | GateInput): RegExpExecArray | null {
    const [text, bytes] = typeof input === 'string' ? [input, input] : [input.text, input.utf8];
    const gate = this.gate;
    return gate && !gate.test(bytes) ? null : this.pattern.exec(text);
  }

  test(input: string | GateInput): boolean {
    const [text, bytes] = typeof input === 'string' ? [input, input] : [input.text, input.utf8];
    const gate = this.gate;
    return (gate === null || gate.test(bytes)) && this.pattern.test(text);
  }
}

/**
 * A text with its UTF-8 bytes, for a text many gated patterns read (a sentence): RE2 reads bytes and
 * converts a string on every call, which was half of a twin's cost; converted once here.
 */
export interface GateInput {
  text: string;
  utf8: Buffer;
}
export const gateInput = (text: string): GateInput => ({ text, utf8: Buffer.from(text, 'utf8') });

/** The RE2 twin, or null when RE2 cannot hold it (a backreference): then the pattern runs alone. */
function twinOf(source: string, flags: string): RE2 | null {
  try {
    return prefilter([source], flags);
  } catch {
    return null;
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
 * also breaks lines at `\r`, RE2 does not). Throws on a backreference.
 */
function loosened(source: string, multiline: boolean): string {
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
        out += c + next;
        i += 2;
      }
    } else if (c === '[') {
      const end = classEnd(source, i);
      out += loosenedClass(source.slice(i + 1, end));
      i = end + 1;
    } else if (c === '(' && /^\(\?<?[=!]/.test(source.slice(i, i + 4))) {
      // An empty group keeps a quantifier after the lookaround attached to nothing.
      out += '(?:)';
      i = groupEnd(source, i) + 1;
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
      out += c;
      i++;
    }
  }
  return out;
}

/** The class `[…]`'s content loosened: with a Unicode property, any character; `[^]` is any character. */
function loosenedClass(content: string): string {
  if (content === '^' || /\\[pP]\{/.test(content)) return ANY;
  return `[${content.replace(/\\(.)/g, (escaped, ch: string) => (ch === 's' ? JS_SPACE : escaped))}]`;
}

/** Index of the `]` that closes the class opened at `start`. */
function classEnd(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i;
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
