import { describe, expect, it } from 'vitest';
import { GatedPattern } from '../../../src/rules/prefilter.js';
import {
  eachMatchOf,
  LETTER_CLASS,
  matchesOf,
  ruleRegExp,
  WORD_CLASS,
  withCompiledLetterClasses,
  ZONES,
} from '../../../src/rules/rule-regexp.js';

const inZones = (code: number): boolean => ZONES.some(([first, end]) => code >= first && code < end);
/** Unassigned code points: the classes may take them either way. */
const UNASSIGNED = /^\p{Cn}$/u;

/** Every code point but the surrogates, as strings. */
const everyCharacter = (): string[] => {
  const out: string[] = [];
  for (let code = 0; code <= 0x10ffff; code++) if (code < 0xd800 || code > 0xdfff) out.push(String.fromCodePoint(code));
  return out;
};

describe('letter classes', () => {
  // The class each stands for, and the compiled one, under the flags the rules use.
  it.each([
    ['\\p{L}', LETTER_CLASS],
    ['[\\p{L}\\p{N}_]', WORD_CLASS],
    ['[\\p{L}\\p{N}]', withCompiledLetterClasses('[\\p{L}\\p{N}]')],
  ])('%s: the same assigned characters in the zones, a superset elsewhere', (property, compiled) => {
    const exact = new RegExp(`^${property}$`, 'iu');
    const fast = new RegExp(`^${compiled}$`, 'iu');
    const differing: string[] = [];
    const missing: string[] = [];
    for (const ch of everyCharacter()) {
      const want = exact.test(ch);
      const got = fast.test(ch);
      if (want && !got) missing.push(ch);
      else if (want !== got && inZones(ch.codePointAt(0) as number) && !UNASSIGNED.test(ch)) differing.push(ch);
    }
    const codes = (chars: string[]) => chars.slice(0, 20).map((c) => `U+${(c.codePointAt(0) as number).toString(16)}`);
    expect(codes(missing)).toEqual([]);
    expect(codes(differing)).toEqual([]);
  });

  it('keeps the separators of mail out of words', () => {
    const word = new RegExp(`^${WORD_CLASS}$`, 'iu');
    for (const ch of [
      ' ',
      '\u00a0',
      '-',
      '.',
      '№',
      '€',
      '₽',
      '™',
      '«',
      '—',
      '\u200b',
      '、',
      '。',
      '（',
      '！',
      '😀',
      '\ufe0f',
    ]) {
      expect(word.test(ch), ch).toBe(false);
    }
    for (const ch of ['a', 'Z', 'é', 'ß', 'ı', 'İ', 'ж', 'Ω', 'K', '7', '_', '返', 'ア', 'ｱ', 'Ａ']) {
      expect(word.test(ch), ch).toBe(true);
    }
  });
});

describe('withCompiledLetterClasses', () => {
  it.each([
    // Alone, in a class of its own, and as the word character of the boundaries.
    ['возврат\\p{L}{0,2}', `возврат${LETTER_CLASS}{0,2}`],
    ['erei(?![\\p{L}])', `erei(?!${LETTER_CLASS})`],
    ['(?<![\\p{L}\\p{N}_])x', `(?<!${WORD_CLASS})x`],
    // With other members: an alternation, so a quantifier still applies to the whole.
    ["[\\p{L}'’]{1,15}", `(?:${LETTER_CLASS}|['’]){1,15}`],
    ['[\\p{L}\\d_-]', `(?:${LETTER_CLASS}|[\\d_-])`],
    // Kept as written: negated classes, other properties, escapes, and sources without `\p{L}`.
    ['[^\\p{L}\\s]\\p{Lu}', `[^\\p{L}\\s]\\p{Lu}`],
    ['[\\p{N}\\p{Lu}]\\p{L}', `[\\p{N}\\p{Lu}]${LETTER_CLASS}`],
    ['\\[\\p{L}\\]', `\\[${LETTER_CLASS}\\]`],
    ['refund(?:ed)?', 'refund(?:ed)?'],
  ])('%s', (source, written) => {
    expect(withCompiledLetterClasses(source)).toBe(written);
  });

  it.each([
    // Captures keep their numbers; matches are the same as with the properties.
    ['(\\p{L}+) (\\d+)', 'Заказ 10452', ['Заказ 10452', 'Заказ', '10452']],
    ["([\\p{L}'’]{2,12}) (?<n>[\\p{L}\\p{N}]+)", 'l’été 2026', ['l’été 2026', 'l’été', '2026']],
    ['(?<![\\p{L}\\p{N}_])refund(?![\\p{L}\\p{N}_])', 'refunds, refund.', ['refund']],
    ['(?<![\\p{L}\\p{N}_])refund', '№refund', ['refund']],
    ['(?<![\\p{L}\\p{N}_])refund', 'ÉTÉrefund', null],
  ])('/%s/iu on %j', (source, text, expected) => {
    const plain = new RegExp(source, 'iu').exec(text);
    const compiled = new RegExp(withCompiledLetterClasses(source), 'iu').exec(text);
    expect(compiled ? [...compiled] : null).toEqual(expected);
    expect(compiled ? [...compiled] : null).toEqual(plain ? [...plain] : null);
  });

  it('is what a gated pattern compiles, for the `iu` flags only', () => {
    expect(new GatedPattern('\\p{L}{2}x', 'iu').pattern.source).toBe(`${LETTER_CLASS}{2}x`);
    expect(new GatedPattern('\\p{L}{2}x', 'u').pattern.source).toBe('\\p{L}{2}x');
  });
});

describe('matchesOf', () => {
  it.each([
    ['\\d+', 'gu', 'order 12, case 345 and 6'],
    // Empty matches step one character on, a whole surrogate pair under `u`, as matchAll does.
    ['x*', 'gu', 'a😀xxb'],
    ['x*', 'g', 'a😀xxb'],
    ['(?<![\\p{L}])(refund)(?<tail>ed|s)?', 'giu', 'Refunded; refunds. prefund refund'],
  ])('/%s/%s reads what matchAll reads', (source, flags, text) => {
    const pattern = ruleRegExp(source, flags);
    const read = matchesOf(pattern, text);
    const expected = [...text.matchAll(new RegExp(source, flags))];
    expect(read.map((m) => [m.index, ...m])).toEqual(expected.map((m) => [m.index, ...m]));
    expect(read.map((m) => m.groups)).toEqual(expected.map((m) => m.groups));
    // The pattern is left ready for the next reader.
    expect(pattern.lastIndex).toBe(0);
  });

  it('refuses a pattern that is not global (it would never end)', () => {
    expect(() => matchesOf(/x/u, 'xx')).toThrow(/global/);
  });
});

describe('eachMatchOf', () => {
  it('stops where the caller stops, and leaves the pattern ready for the next reader', () => {
    const pattern = ruleRegExp('\\d+', 'gu');
    const seen: string[] = [];
    for (const m of eachMatchOf(pattern, '1 22 333 4444')) {
      seen.push(m[0]);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['1', '22']);
    expect(pattern.lastIndex).toBe(0);
  });

  it('keeps its place when the same pattern reads another text between two matches', () => {
    const pattern = ruleRegExp('[a-z]+', 'giu');
    const outer: string[] = [];
    for (const m of eachMatchOf(pattern, 'one two three')) {
      outer.push(m[0]);
      // A nested reader of the same pattern, as a rule asked inside the loop would be.
      expect(matchesOf(pattern, 'x y').map((n) => n[0])).toEqual(['x', 'y']);
    }
    expect(outer).toEqual(['one', 'two', 'three']);
  });
});
