import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainEachOriginal } from '../../../src/cli/analyze-command.js';
import { narrowingTreeKey, narrowingTreesFile, readNarrowingTrees } from '../../../src/cli/narrowing-trees.js';
import { builtInRuleset } from '../../../src/rules/compiled-ruleset.js';
import {
  type Alternatives,
  literalsOf,
  type NarrowingTrees,
  narrowedSource,
  narrowingTreeOf,
  Vocabulary,
} from '../../../src/rules/narrowing.js';
import {
  foldedForGate,
  GatedPattern,
  GlobalPattern,
  narrowableSources,
  prefilter,
  withPatternsNarrowed,
} from '../../../src/rules/prefilter.js';
import { matchesOf } from '../../../src/rules/rule-regexp.js';
import { unicodeWords } from '../../../src/rules/unicode-words.js';

const vocabulary = (...texts: string[]) => new Vocabulary(texts, foldedForGate, () => '');
/** Trees made here, with the literals of the patterns given (the build writes every pattern's). */
const treesOf = (...sources: string[]): NarrowingTrees => ({
  treeOf: (source) => narrowingTreeOf(source, foldedForGate),
  literals: () =>
    literalsOf(
      sources.map((source) => narrowingTreeOf(source, foldedForGate)),
      foldedForGate,
    ),
});
const narrowed = (source: string, ...texts: string[]) =>
  narrowedSource(narrowingTreeOf(source, foldedForGate), vocabulary(...texts));

describe('narrowedSource', () => {
  it.each([
    // The lexicon's other words go; the message's stay, in their order.
    ['(?:refund|rückerstattung|reembolso|money back) processed', 'Your refund was processed', '(?:refund) processed'],
    ['we (?:refunded|credited|reimbursed) you', 'We credited and refunded you', 'we (?:refunded|credited) you'],
    // Folded as the text is: capitals and `ß` against `ẞ`.
    ['(?:STRASSE|straße|Rückerstattung)', 'RÜCKERSTATTUNG an der STRAẞE', '(?:straße|Rückerstattung)'],
    // An optional group that cannot match goes; one that must match takes its branch with it.
    ['refund(?: of your money)? sent', 'refund sent', 'refund sent'],
    ['refund(?: of your money) sent|credit', 'refund sent, credit', 'credit'],
    // A negative lookaround whose content cannot match always holds: it goes.
    ['refund(?! policy| window)ed', 'we refunded', 'refunded'],
    ['refund(?! policy| window)ed', 'refunded, see the policy', 'refund(?! policy)ed'],
    // A positive one that cannot match takes its branch.
    ['(?<=order )refund|credit', 'refund or credit', 'credit'],
    // `ab+c` needs `ab` and `bc`, not `abc`.
    ['xab+c', 'xabbbc', 'xab+c'],
    ['xab+c|q', 'xab and bc, q', 'xab+c|q'],
    ['xab+c|q', 'xa bc q', 'q'],
    // Classes, escapes and properties stand for no literal; an escaped `.` does.
    ['[rR]efund\\p{L}{0,3} \\d+', 'efund 12', '[rR]efund\\p{L}{0,3} \\d+'],
    ['no\\.\\s?\\d+|nr \\d+', 'nr 12', 'nr \\d+'],
    // A branch holding a capture stays, whatever it needs (the numbers of the captures after it hold).
    ['(?:(refund) of|xyz)(\\d+)', 'credit 12', '(?:((?!)) of)(\\d+)'],
    ['(?:(refund|money)? of|xyz)(\\d+)', 'money of 12', '(?:(money)? of)(\\d+)'],
    ['(?:(refund|money)? of|xyz)(\\d+)', 'credit of 12', '(?:((?!))? of)(\\d+)'],
    ['(?:(?<word>refund) of (?:money|cash)|xyz)', 'refund of 12', '(?:(?<word>refund) of (?!))'],
    // Nothing the message holds: nothing matches.
    ['(?:refund|credit)ed', 'hello there', null],
  ])('narrows /%s/ to the words of "%s"', (source, text, expected) => {
    expect(narrowed(source, text)).toBe(expected);
  });
});

describe('Vocabulary', () => {
  const literals = literalsOf([narrowingTreeOf('(?:refund order|rx)|processed\\s\\d', foldedForGate)], foldedForGate);
  const v = new Vocabulary(['Your REFUND was processed', 'Order 1234'], foldedForGate, () => literals);

  it('covers a text made of the pieces of its texts, folded', () => {
    expect(v.covers('refund')).toBe(true);
    expect(v.covers('Was Processed')).toBe(true);
    expect(v.covers('der 12')).toBe(true);
    expect(v.covers('')).toBe(true);
  });

  it('does not cover a text holding a piece of a literal run that its texts do not hold', () => {
    // `d o` and `rx`: each of the pieces `d`, ` `, `o`, `r`, `x` is the texts', joined they are not.
    expect(v.covers('refund order')).toBe(false);
    expect(v.covers('rx')).toBe(false);
    expect(v.covers('RX')).toBe(false);
  });

  it('covers a text whose other pieces are in no literal run', () => {
    // What the rules leave where a product name was: `d  (`, `  )` are nowhere in the patterns.
    expect(v.covers('refund  (  )')).toBe(true);
    expect(new Vocabulary(['refund'], foldedForGate, () => '').covers('anything at all')).toBe(true);
  });
});

describe('withPatternsNarrowed', () => {
  it('answers as the whole pattern, for a text the narrowing does not cover too', () => {
    const source = '\\b(?:refund(?:ed)?|rembours(?:é|ement)|reembolso)\\b';
    const trees = treesOf(source, '(?:refund|reembolso)');
    const pattern = new GatedPattern(source, 'iu', unicodeWords);
    const gate = prefilter(['(?:refund|reembolso)']);
    withPatternsNarrowed(['we refunded you'], trees, () => {
      expect(pattern.exec('we refunded you')?.[0]).toBe('refunded');
      // Not made of the message's pieces: the whole pattern reads it.
      expect(pattern.exec('Le remboursement est fait')?.[0]).toBe('remboursement');
      expect(pattern.test('reembolso hecho')).toBe(true);
      expect(gate.test('un reembolso')).toBe(true);
      expect(pattern.test('we refunded nothing')).toBe(true);
    });
  });

  it('narrows a global pattern, which answers as the whole one for any text', () => {
    const source = '(?<label>order|bestellung|commande)\\s#?(?<id>\\d{3,})';
    const trees = treesOf(source);
    const pattern = new GlobalPattern(source, 'giu');
    const all = (text: string) =>
      matchesOf(pattern.in(text), text).map((m) => [m.index, m.groups?.label, m.groups?.id]);
    withPatternsNarrowed(['Order 1234 and order #5678'], trees, () => {
      expect(pattern.in('Order 1234 and order #5678').source).not.toContain('bestellung');
      expect(all('Order 1234 and order #5678')).toEqual([
        [0, 'Order', '1234'],
        [15, 'order', '5678'],
      ]);
      // Not the message's text: read by the whole pattern.
      expect(all('Ihre Bestellung 4471')).toEqual([[5, 'Bestellung', '4471']]);
    });
    withPatternsNarrowed(['hello'], trees, () => expect(all('hello')).toEqual([]));
  });

  it('narrows again for each message', () => {
    const trees = treesOf('(?:refund|credit)');
    const pattern = new GatedPattern('(?:refund|credit)', 'iu');
    withPatternsNarrowed(['credit'], trees, () => expect(pattern.exec('credit')?.[0]).toBe('credit'));
    withPatternsNarrowed(['refund'], trees, () => expect(pattern.exec('refund')?.[0]).toBe('refund'));
    expect(() =>
      withPatternsNarrowed(['credit'], trees, () => {
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(pattern.exec('refund')?.[0]).toBe('refund');
  });
});

/**
 * The built-in patterns narrowed to real messages answer as the whole ones on every line of them:
 * the same match, at the same place, with the same groups.
 */
describe('the built-in patterns, narrowed', () => {
  const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');
  const sample = (dir: string, every: number) =>
    readdirSync(join(fixtures, dir))
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .filter((_, i) => i % every === 0)
      .map((f) => join(fixtures, dir, f));

  it('match as the whole patterns on the lines of fixtures in many languages', async () => {
    await import('../../../src/rules/analyze.js');
    await import('../../../src/ingest/parse-message.js');
    const sources = [...new Set(narrowableSources())];
    expect(sources.length).toBeGreaterThan(100);
    const whole = new Map(sources.map((s) => [s, new RegExp(unicodeWords(s), 'iu')]));
    const files = [...sample('real-world', 25), ...sample('corpus', 11)];
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
      const v = vocabulary(text);
      for (const source of sources) {
        const narrow = narrowedSource(narrowingTreeOf(source, foldedForGate), v);
        const pattern = narrow === null ? null : new RegExp(unicodeWords(narrow), 'iu');
        for (const line of lines) {
          const expected = whole.get(source)?.exec(line) ?? null;
          const got = pattern?.exec(line) ?? null;
          expect([got?.index, got ? [...got] : null], `${file}: /${source.slice(0, 60)}…/ on "${line}"`).toEqual([
            expected?.index,
            expected ? [...expected] : null,
          ]);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100_000);
  }, 300_000);

  it('give the same analysis as the whole patterns, through the build’s trees file', async () => {
    const files = [...sample('real-world', 9), ...sample('non-resolutions', 9), ...sample('corpus', 3)];
    const keyed = new Map<string, Alternatives>();
    for (const source of narrowableSources())
      keyed.set(narrowingTreeKey(source), narrowingTreeOf(source, foldedForGate));
    const path = join(mkdtempSync(join(tmpdir(), 'rt-narrowing-')), 'trees.json');
    writeFileSync(path, narrowingTreesFile(keyed, literalsOf(keyed.values(), foldedForGate)));
    const trees = readNarrowingTrees(path);
    expect(trees).not.toBeNull();
    const options = { ruleset: builtInRuleset, maxBytes: 25 * 1024 * 1024, customerAddresses: [] };
    for (const file of files) {
      const whole = await explainEachOriginal(file, options);
      const narrow = await explainEachOriginal(file, { ...options, narrowing: trees });
      expect(narrow.map((e) => e.record)).toEqual(whole.map((e) => e.record));
    }
  }, 300_000);
});
