import { describe, expect, it } from 'vitest';
import { GatedPattern, gateInput, prefilter } from '../../../src/rules/prefilter.js';

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
    // Case folding beyond ASCII.
    ['straße', 'iu', 'STRASSE straße'],
    ['ÉMIS', 'iu', 'émis'],
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

describe('prefilter', () => {
  it('keeps a many-alternative gate fast: no counted copies of a Unicode class', () => {
    // `\p{L}{0,8}` used to be expanded eight times over a case-folded Unicode class.
    const gate = prefilter(['(?:(?:rück)?erstatt\\p{L}{0,8}|reembols\\p{L}{0,6}|zwrot\\p{L}{0,3})']);
    expect(gate.source).not.toMatch(/\{0,\d+\}/);
    expect(gate.test('Die Rückerstattung wurde veranlasst')).toBe(true);
    expect(gate.test('Nothing here')).toBe(false);
  });
});
