// User patterns cannot hang the process: SafePattern compiles with RE2 (linear time), refuses what
// RE2 cannot run, and bounds the input. The catastrophic-backtracking patterns below take seconds to
// years in a backtracking engine (JavaScript's RegExp) on the inputs used here.
//
// Should the guard ever be lost (SafePattern over RegExp), the in-process tests below would not fail
// quickly: they would block this test process. test/unit/explain.test.ts also runs the same attack
// through the CLI in a child process with a timeout, which fails cleanly.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { analyze } from '../../src/rules/analyze.js';
import { combineRulePacks, loadRulePack } from '../../src/rules/rule-pack.js';
import { MAX_PATTERN_INPUT, MAX_PATTERN_SOURCE, PatternError, SafePattern } from '../../src/rules/safe-pattern.js';

/** Generous: these finish in milliseconds; a backtracking engine would not finish at all. */
const BUDGET_MS = 2000;

const timed = <T>(run: () => T): { result: T; ms: number } => {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
};

describe('SafePattern: catastrophic backtracking runs in linear time', () => {
  it.each([
    { pattern: '(a+)+$', input: `${'a'.repeat(50_000)}!`, matches: 0 },
    { pattern: '(x+x+)+y', input: 'x'.repeat(50_000), matches: 0 },
    { pattern: '(a|aa)+$', input: `${'a'.repeat(50_000)}!`, matches: 0 },
    { pattern: '(\\w+\\s?)+$', input: `${'word '.repeat(10_000)}!`, matches: 0 },
    { pattern: '(.*a){20}', input: 'a'.repeat(19) + 'b'.repeat(50_000), matches: 0 },
    // The same shapes still find what is there.
    { pattern: '(a+)+$', input: 'a'.repeat(50_000), matches: 1 },
    { pattern: '(x+x+)+y', input: `${'x'.repeat(50_000)}y`, matches: 1 },
  ])('$pattern over $input.length characters: $matches match(es)', ({ pattern, input, matches }) => {
    const { result, ms } = timed(() => new SafePattern(pattern).matchAll(input));
    expect(result).toHaveLength(matches);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('the same pattern in a backtracking engine: 20 characters already cost more than RE2 on 50 000', () => {
    // (a+)+$ on n letters and a mismatch tries ~2^n ways: each letter doubles the time. Here 20 letters
    // take ~0.1 s in V8, 24 over a second, 30 over a minute, 50 000 forever. Kept tiny so the suite
    // stays fast; the comparison, not a timing number, is what is asserted.
    const js = timed(() => /(a+)+$/.test(`${'a'.repeat(20)}!`));
    const re2 = timed(() => new SafePattern('(a+)+$').test(`${'a'.repeat(50_000)}!`));
    expect(js.result).toBe(false);
    expect(re2.result).toBe(false);
    expect(js.ms).toBeGreaterThan(re2.ms);
  });

  it('a hostile 50 000-character subject and body against a user pack: analyze returns', async () => {
    const pack = loadRulePack(
      [
        'name: hostile',
        'caseNumberFormats:',
        "  - name: nested-a\n    pattern: '(a+)+$'",
        "  - name: nested-x\n    pattern: '(x+x+)+y'",
        'resolutionPhrases:',
        "  - name: nested-x-phrase\n    pattern: '(x+x+)+y'\n    outcome: full_refund",
      ].join('\n'),
      'hostile.yaml',
    );
    const ruleset = combineRulePacks([pack]);
    const raw = (subject: string, body: string) =>
      Buffer.from(
        `From: Shop <support@shop.example>\r\nTo: alice@example.net\r\nDate: Thu, 02 Nov 2023 09:47:00 +0000\r\n` +
          `Message-ID: <hostile@shop.example>\r\nSubject: ${subject}\r\n\r\n${body}\r\n`,
      );
    const message = await parseInboundMessage(raw(`${'a'.repeat(50_000)}!`, 'x'.repeat(50_000)), {
      maxBytes: 1024 * 1024,
    });
    expect(message.original.subject.length).toBeGreaterThan(50_000);
    expect(message.original.text.length).toBeGreaterThanOrEqual(50_000);

    const { result, ms } = timed(() => analyze(message, ruleset));
    expect(result.caseNumber).toBeNull();
    expect(ms).toBeLessThan(BUDGET_MS);

    // The rules were live, not skipped: on mail where they match, they decide.
    const benign = await parseInboundMessage(raw('About aaaa', 'hello'), { maxBytes: 1024 * 1024 });
    expect(analyze(benign, ruleset).reasons).toContainEqual(
      expect.objectContaining({ rule: 'case-number/format:nested-a', matched: 'aaaa', location: 'subject' }),
    );
  });
});

describe('SafePattern: what RE2 refuses is a PatternError with the reason', () => {
  it.each([
    ['(?<=Case )\\d+', /invalid perl operator: \(\?<=.*lookahead and lookbehind are not supported/],
    ['\\d+(?!x)', /invalid perl operator: \(\?!.*lookahead and lookbehind are not supported/],
    ['(\\w)\\1', /invalid escape sequence: \\1.*backreferences are not supported/],
    ['[A-Z', /missing \]/],
    ['a'.repeat(MAX_PATTERN_SOURCE + 1), new RegExp(`too long: ${MAX_PATTERN_SOURCE + 1} characters`)],
  ])('%s', (pattern, reason) => {
    expect(() => new SafePattern(pattern)).toThrow(PatternError);
    expect(() => new SafePattern(pattern)).toThrow(reason);
  });

  it('a pattern of exactly the length limit compiles', () => {
    expect(new SafePattern('a'.repeat(MAX_PATTERN_SOURCE)).source).toHaveLength(MAX_PATTERN_SOURCE);
  });
});

describe('SafePattern: matching', () => {
  it('ignores case and knows Unicode letters', () => {
    expect(new SafePattern('remboursement effectué').matchAll('REMBOURSEMENT EFFECTUÉ.').map((m) => m.text)).toEqual([
      'REMBOURSEMENT EFFECTUÉ',
    ]);
    expect(new SafePattern('\\p{Lu}{3}-\\d+').test('ÄÖÜ-12')).toBe(true);
  });

  it('returns every match with its index and groups', () => {
    expect(new SafePattern('(GT)B-(\\d+)').matchAll('GTB-1 and gtb-22')).toEqual([
      { index: 0, text: 'GTB-1', groups: ['GT', '1'] },
      { index: 10, text: 'gtb-22', groups: ['gt', '22'] },
    ]);
  });

  it('skips empty matches: a pattern that can match nothing is evidence of nothing', () => {
    expect(new SafePattern('\\d*').matchAll('ab 12 cd')).toEqual([{ index: 3, text: '12', groups: [] }]);
    expect(new SafePattern('x?').test('abc')).toBe(false);
  });

  it('reads at most MAX_PATTERN_INPUT characters of a text', () => {
    const pattern = new SafePattern('NEEDLE');
    expect(pattern.test(`${' '.repeat(MAX_PATTERN_INPUT - 6)}NEEDLE`)).toBe(true);
    expect(pattern.test(`${' '.repeat(MAX_PATTERN_INPUT)}NEEDLE`)).toBe(false);
  });

  it.each([
    ['.*', true],
    ['\\d*', true],
    ['(foo)?', true],
    ['foo|', true],
    ['GTB-\\d+', false],
    ['a|b', false],
  ])('matchesEmpty(%s) → %s', (pattern, expected) => {
    expect(new SafePattern(pattern).matchesEmpty()).toBe(expected);
  });
});
