import { describe, expect, it } from 'vitest';
import {
  foldedForGate,
  GATE_FOLDS,
  GatedAlternation,
  GatedPattern,
  gateInput,
  prefilter,
} from '../../../src/rules/prefilter.js';

/**
 * A gated pattern must answer exactly as its pattern alone: the RE2 twin may let through text the
 * pattern rejects, never the reverse. Each case pairs a construct the twin loosens or rewrites with
 * text where a careless twin would say `no` while V8 says `yes`.
 */
describe('GatedPattern', () => {
  it.each([
    // JS `\s` holds the no-break space, the narrow one and the BOM; RE2's `\s` is ASCII only.
    ['refund\\s+issued', 'iu', 'Your refund\u00a0issued today'],
    ['[\\s,]issued', 'iu', 'refund\u202fissued'],
    ['a\\sb', 'iu', 'a\ufeffb'],
    // Lookarounds, with nested groups and classes inside them.
    ['(?<![\\p{L}\\p{N}])(?:refund(?! (?:policy|(?:window|form)))ed)', 'iu', 'we refunded you'],
    ['(?<=[(\\]])x(?![)])', 'iu', '(x]'],
    // Unicode boundaries and properties, alone and inside classes, negated too.
    [
      '(?:(?<=[\\p{L}\\p{N}_])(?![\\p{L}\\p{N}_])|(?<![\\p{L}\\p{N}_])(?=[\\p{L}\\p{N}_]))remboursé',
      'iu',
      'déjà remboursé.',
    ],
    ["[\\p{L}'’]{2,5} done", 'iu', 'l’été done'],
    ['[^\\p{L}]{1,3}ok', 'iu', '12 ok'],
    ['\\P{L}ok', 'iu', '1ok'],
    // Bounded repetitions, lazy or not, of any width.
    ['erstatt\\p{L}{0,8}', 'iu', 'Erstattungsbetrag'],
    ['a.{0,120}?b', 'iu', `a${'x'.repeat(100)}b`],
    ['a(?:\\p{L}{1,4}\\s){1,2}b', 'iu', 'aété b'],
    // `[^]` is any character, newlines included.
    ['a[^]{0,3}b', 'iu', 'a\n\nb'],
    // Case folding beyond ASCII. The twin reads folded text with folded letters: each pair is one
    // V8 matches under `i` where `toLowerCase` alone would part them, or a character it makes two of.
    ['straße', 'iu', 'STRASSE straße'],
    ['straße', 'iu', 'STRAẞE'],
    ['ÉMIS', 'iu', 'émis'],
    ['REFUND', 'iu', 'refund'],
    ['sent', 'iu', 'ſent'],
    ['ſent', 'iu', 'SENT'],
    ['οδος', 'iu', 'ΟΔΟΣ'],
    ['σ', 'iu', 'ς'],
    ['μ', 'iu', 'µ'],
    ['k', 'iu', '\u212a'],
    ['ǆ', 'iu', 'ǅ'],
    ['Ꭰ', 'iu', 'ꭰ'],
    ['𐐀', 'iu', '𐐨'],
    ['x.y', 'iu', 'xİy'],
    ['İ', 'iu', 'İ'],
    // Letters the folding of single characters cannot reach: escaped, or in a class.
    ['\\u00C9mis', 'iu', 'émis'],
    ['\\u{c9}mis|\\xC9mis', 'iu', 'émis'],
    ['[ÉÈ]mis', 'iu', 'émis'],
    ['[A-Z]{3}', 'iu', 'abc'],
    // A group's name is not a letter of the text.
    ['(?<Amount>refund) (?<amount>due)', 'iu', 'REFUND DUE'],
    // Multiline anchors: V8 breaks lines at `\r` too.
    ['^refund$', 'imu', 'header\rrefund\rfooter'],
    // dotAll: `.` takes a newline.
    ['a.b', 'isu', 'a\nb'],
  ])('/%s/%s matches %j with and without its twin', (source, flags, text) => {
    const pattern = new RegExp(source, flags);
    const gated = new GatedPattern(source, flags);
    expect(pattern.test(text)).toBe(true);
    expect(gated.test(text)).toBe(true);
    expect(gated.test(gateInput(text))).toBe(true);
    expect(gated.exec(text)?.[0]).toBe(pattern.exec(text)?.[0]);
  });

  it('skips text that holds none of the words, with the same answer', () => {
    const gated = new GatedPattern('(?<![\\p{L}])(?:refund|erstattung)(?![\\p{L}])', 'iu');
    expect(gated.exec('Your parcel ships tomorrow.')).toBeNull();
    expect(gated.test(gateInput('Ihre Erstattung ist unterwegs.'))).toBe(true);
    expect(gated.exec('A refund of $5')?.index).toBe(2);
  });

  it('runs a pattern RE2 cannot hold (a backreference) alone', () => {
    const gated = new GatedPattern('(\\p{L})\\1', 'u');
    expect(gated.test('committee')).toBe(true);
    expect(gated.test('abc')).toBe(false);
  });

  it('compiles nothing until first used, then reuses what it compiled', () => {
    const gated = new GatedPattern('refund', 'iu');
    expect(gated.test('A REFUND')).toBe(true);
    expect(gated.pattern).toBe(gated.pattern);
  });

  it('refuses a global or sticky pattern: lastIndex would be lost on a skipped call', () => {
    expect(() => new GatedPattern('refund', 'giu')).toThrow();
    expect(() => new GatedPattern('refund', 'uy')).toThrow();
  });
});

describe('foldedForGate', () => {
  /** Every code point with a case mapping: the only ones V8 matches with another under `i`. */
  const cased: string[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    if (c.toLowerCase() !== c || c.toUpperCase() !== c) cased.push(c);
  }
  const escaped = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

  it('folds two characters alike whenever V8 matches one with the other under `iu`, one for one', () => {
    const universe = [...new Set([...cased, ...cased.map(foldedForGate)])];
    const parted: string[] = [];
    for (const x of cased) {
      const folded = foldedForGate(x);
      expect(folded.length).toBe(x.length);
      const same = new RegExp(`^${escaped(x)}$`, 'iu');
      // What it folds to is a character V8 takes for it.
      if (!same.test(folded)) parted.push(`${x} is not ${folded}`);
      for (const y of universe) if (y !== x && same.test(y) && foldedForGate(y) !== folded) parted.push(`${x} ~ ${y}`);
    }
    expect(parted).toEqual([]);
  });

  it('needs each of its exceptions: toLowerCase alone parts the character from its fold', () => {
    for (const [from, to] of GATE_FOLDS) {
      expect(from.toLowerCase()).not.toBe(to);
      expect(new RegExp(`^${escaped(from)}$`, 'iu').test(to)).toBe(true);
    }
  });

  it('folds a whole text as its characters one by one (the final sigma, İ)', () => {
    for (const text of ['ΟΔΟΣ ΟΔΟΣ.', 'İstanbul İZMİR', 'Straße STRAẞE ſ µ', 'Ꭰ𐐀 DŽ']) {
      expect(foldedForGate(text)).toBe([...text].map(foldedForGate).join(''));
    }
  });
});

describe('prefilter', () => {
  it('reads case-folded text, whatever the case of the text and of the pattern', () => {
    const gate = prefilter(['(?:Rückerstattung|REEMBOLSO|zwrot środków)']);
    expect(gate.test('RÜCKERSTATTUNG veranlasst')).toBe(true);
    expect(gate.test(gateInput('su reembolso'))).toBe(true);
    expect(gate.test('ZWROT ŚRODKÓW')).toBe(true);
    expect(gate.test('Versand bestätigt')).toBe(false);
  });

  it('keeps group names as written: two that differ only in case stay two', () => {
    const gate = prefilter(['(?<Amount>\\d+) (?<amount>EUR)']);
    expect(gate.test('12 eur')).toBe(true);
  });

  it('keeps a many-alternative gate fast: no counted copies of a Unicode class', () => {
    // `\p{L}{0,8}` used to be expanded eight times over a case-folded Unicode class.
    const gate = prefilter(['(?:(?:rück)?erstatt\\p{L}{0,8}|reembols\\p{L}{0,6}|zwrot\\p{L}{0,3})']);
    expect(gate.source).not.toMatch(/\{0,\d+\}/);
    expect(gate.test('Die Rückerstattung wurde veranlasst')).toBe(true);
    expect(gate.test('Nothing here')).toBe(false);
  });
});

describe('GatedAlternation', () => {
  // Each row: alternatives, text; the alternation must answer as the one pattern `a|b|…`.
  it.each([
    // The earliest match wins, whichever alternative it is.
    [['refund(?:ed)? .{0,20}?processed', 'processed .{0,20}?refund'], 'We processed your refund; refund processed'],
    // At the same place the first alternative wins, even when a later one is longer.
    [['refund', 'refund processed'], 'refund processed today'],
    [['refund processed', 'refund'], 'refund processed today'],
    // None matches.
    [['remboursé', 'erstattet'], 'nothing here'],
    // Lookarounds and Unicode boundaries inside the alternatives.
    [['(?<![\\p{L}])rembours\\p{L}{0,4}(?![\\p{L}])', '\\bété\\b'], 'Été remboursée'],
  ])('%j on %j', (sources, text) => {
    const alternation = new GatedAlternation(sources, 'iu');
    const whole = new RegExp(sources.join('|'), 'iu').exec(text);
    const m = alternation.exec(text);
    expect(m && [m.index, m[0]]).toEqual(whole && [whole.index, whole[0]]);
    expect(alternation.test(text)).toBe(whole !== null);
  });

  it('refuses alternatives that capture (their groups would be numbered apart)', () => {
    expect(() => new GatedAlternation(['(refund)', 'x'], 'iu')).toThrow(/captures nothing/);
    expect(() => new GatedAlternation(['(?<id>\\d+)', 'x'], 'iu')).toThrow(/captures nothing/);
    expect(() => new GatedAlternation(['(?:refund)(?<!x)\\(', '[(]x'], 'iu')).not.toThrow();
  });
});
