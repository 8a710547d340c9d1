import RE2 from 're2';
import { RefundTrackerError } from '../errors.js';

/** A pattern RE2 cannot compile (a syntax error, or a backreference or lookaround, which RE2 refuses). */
export class PatternError extends RefundTrackerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('pattern_invalid', message, options);
  }
}

export interface PatternMatch {
  index: number;
  text: string;
  /** Capture groups 1..n (undefined when a group did not take part). */
  groups: (string | undefined)[];
}

/**
 * Untrusted text is never longer than this when a rule pattern runs over it. RE2 is linear in the
 * input, so this only bounds the total cost per message; support mail rarely has more new text.
 */
export const MAX_PATTERN_INPUT = 64 * 1024;
/** A pattern longer than this is refused: rule packs hold identifiers and phrases, not programs. */
export const MAX_PATTERN_SOURCE = 500;
/**
 * RE2's own messages name the construct (`invalid perl operator: (?<=`) but not why; these add the why
 * for the constructs people bring from JavaScript or PCRE.
 */
function hintFor(reason: string): string {
  if (/invalid perl operator: \(\?<?[=!]/.test(reason)) {
    return ' (lookahead and lookbehind are not supported: RE2 runs in linear time)';
  }
  if (/invalid escape sequence: \\[1-9]/.test(reason)) {
    return ' (backreferences are not supported: RE2 runs in linear time)';
  }
  return '';
}

/** A rule cannot flood the findings: the first matches are the ones that count. */
const MAX_MATCHES = 50;

/**
 * A regular expression that cannot blow up: compiled by RE2 (linear time, no backtracking), so a
 * user-supplied pattern such as `(a+)+$` runs in time proportional to the input, never
 * exponentially. Case-insensitive and Unicode-aware.
 */
export class SafePattern {
  readonly source: string;
  private readonly re: RE2;

  constructor(source: string) {
    if (source.length > MAX_PATTERN_SOURCE) {
      throw new PatternError(`too long: ${source.length} characters, the limit is ${MAX_PATTERN_SOURCE}`);
    }
    try {
      this.re = new RE2(source, 'giu');
    } catch (cause) {
      const reason = (cause as Error).message;
      throw new PatternError(`not a valid RE2 pattern: ${reason}${hintFor(reason)}`, { cause });
    }
    this.source = source;
  }

  /**
   * Whether the whole pattern can match the empty string (`.*`, `\d*`, `(foo)?`). Such a match is
   * evidence of nothing, so the rule-pack loader refuses these patterns with a message.
   */
  matchesEmpty(): boolean {
    // `(?:...)` keeps alternations whole; `^...$` over the empty string asks exactly that question.
    return new RE2(`^(?:${this.source})$`, 'u').test('');
  }

  /** Every non-empty match, at most 50, in the first MAX_PATTERN_INPUT characters of `text`. */
  matchAll(text: string): PatternMatch[] {
    const input = text.length > MAX_PATTERN_INPUT ? text.slice(0, MAX_PATTERN_INPUT) : text;
    const found: PatternMatch[] = [];
    this.re.lastIndex = 0;
    for (let m = this.re.exec(input); m !== null && found.length < MAX_MATCHES; m = this.re.exec(input)) {
      // An empty match (`\b`, `x?`) is evidence of nothing; skipping past it also keeps the loop finite.
      if (m[0] === '') this.re.lastIndex++;
      else found.push({ index: m.index, text: m[0], groups: m.slice(1) });
    }
    return found;
  }

  test(text: string): boolean {
    return this.matchAll(text).length > 0;
  }
}
