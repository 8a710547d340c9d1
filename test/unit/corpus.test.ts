// The corpora the rules are measured on.
// - test/fixtures/corpus (our own): every fixture's hand-checked expectation holds exactly.
//   `npm run corpus -- check` prints per-field accuracy; `npm run corpus -- update` regenerates these
//   expectations after a deliberate change.
// - test/fixtures/real-world (written from real-world shapes) and test/fixtures/non-resolutions: read by
//   hand and never regenerated. No fixture may close a case wrongly, and no field may fall below the
//   accuracy floor in test/fixtures/real-world/accuracy-floor.json (raised as the rules improve).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accuracyOf,
  analyzeFixture,
  type CorpusReport,
  corpusFixtures,
  evaluateCorpus,
  expectationOf,
  isWrongClosure,
  judge,
  pinnedPart,
  readExpectation,
  summaryProblems,
} from '../../scripts/lib/corpus-expectation.js';
import type { AnalysisRecord } from '../../src/cli/analyze-command.js';

const fixturesRoot = join(import.meta.dirname, '..', 'fixtures');
const corpus = join(fixturesRoot, 'corpus');
const fixtures = corpusFixtures(corpus);

describe('fixture corpus', () => {
  it('has the coverage the rules are measured on', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(60);
  });

  it.each(fixtures)('%s', async (file) => {
    const record = await analyzeFixture(join(corpus, file));
    if (!record.ok) throw new Error(`analysis failed: ${record.error}`);
    expect(expectationOf(record)).toEqual(pinnedPart(readExpectation(corpus, file)));
  });
});

/** Per corpus: the least number of fixtures (so emptying it fails) and the field floors. */
const MIN_FIXTURES = { 'real-world': 28, 'non-resolutions': 30 } as const;
type FloorFile = Record<keyof typeof MIN_FIXTURES, Record<string, number>>;
const floors = JSON.parse(readFileSync(join(fixturesRoot, 'real-world', 'accuracy-floor.json'), 'utf8')) as FloorFile;

describe.each(Object.keys(MIN_FIXTURES) as (keyof typeof MIN_FIXTURES)[])('hand-read corpus %s', (name) => {
  const dir = join(fixturesRoot, name);
  let report: CorpusReport;
  beforeAll(async () => {
    report = await evaluateCorpus(name, dir);
  }, 300_000);

  it(`holds at least ${MIN_FIXTURES[name]} fixtures`, () => {
    expect(corpusFixtures(dir).length).toBeGreaterThanOrEqual(MIN_FIXTURES[name]);
  });

  it('closes no case wrongly (no resolution at confidence >= 0.9 the mail does not state)', () => {
    expect(report.wrongClosures).toEqual([]);
  });

  it('analyzes every fixture', () => {
    expect(report.results.filter((r) => r.error !== null).map((r) => `${r.file}: ${r.error}`)).toEqual([]);
  });

  it.each(Object.entries(floors[name] ?? {}))('field %s stays at or above its floor %d', (field, floor) => {
    const accuracy = accuracyOf(report)[field];
    const wrong = report.results.filter((r) => r.fields.get(field) === false).map((r) => r.file);
    expect(accuracy, `${field} wrong in: ${wrong.join(', ')}`).toBeGreaterThanOrEqual(floor);
  });

  it('has a floor for every field it measures', () => {
    expect(Object.keys(floors[name] ?? {}).sort()).toEqual([...report.fields.keys()].sort());
  });
});

describe('how a hand-read fixture is judged', () => {
  const truth = (resolution: { outcome: string } | null) => ({
    resolution: resolution && { amount: null, currency: null, transactionId: null, ...resolution },
  });
  const analysed = (resolution: { outcome: string; confidence: number } | null) =>
    ({
      ok: true,
      resolution: resolution && { amount: null, currency: null, transactionId: null, ...resolution },
    }) as unknown as Extract<AnalysisRecord, { ok: true }>;

  it.each([
    {
      case: 'closing resolution the mail does not state',
      actual: { outcome: 'denied', confidence: 0.9 },
      expected: null,
      wrong: true,
    },
    {
      case: 'closing resolution of another outcome',
      actual: { outcome: 'full_refund', confidence: 0.95 },
      expected: { outcome: 'store_credit' },
      wrong: true,
    },
    {
      case: 'suggestion below the closing confidence',
      actual: { outcome: 'denied', confidence: 0.89 },
      expected: null,
      wrong: false,
    },
    {
      case: 'closing resolution with the right outcome',
      actual: { outcome: 'full_refund', confidence: 0.9 },
      expected: { outcome: 'full_refund' },
      wrong: false,
    },
    {
      case: 'no resolution where one is stated (a miss, not a closure)',
      actual: null,
      expected: { outcome: 'denied' },
      wrong: false,
    },
  ])('wrong closure: $case -> $wrong', ({ actual, expected, wrong }) => {
    expect(isWrongClosure(analysed(actual), truth(expected))).toBe(wrong);
  });

  it.each([
    { summary: 'Refund of  $16.99\u00a0issued.', includes: ['$16.99 issued'], excludes: [], problems: 0 },
    { summary: 'REFUND ISSUED', includes: ['refund issued'], excludes: [], problems: 0 },
    { summary: 'Thank you for contacting us.', includes: ['16.99'], excludes: ['thank you for'], problems: 2 },
    { summary: 'Refund issued.\u200c\u200c', includes: [], excludes: ['\u200c'], problems: 1 },
    { summary: null, includes: ['refund'], excludes: ['http'], problems: 1 },
  ])(
    'summary $summary against $includes / $excludes: $problems problem(s)',
    ({ summary, includes, excludes, problems }) => {
      expect(summaryProblems(summary, { summaryIncludes: includes, summaryExcludes: excludes })).toHaveLength(problems);
    },
  );

  it('counts the summary as a field only when the expectation has summary checks', async () => {
    const file = corpusFixtures(corpus)[0] as string;
    const record = await analyzeFixture(join(corpus, file));
    const expected = readExpectation(corpus, file);
    expect(judge(file, record, expected).fields.has('summary')).toBe(false);
    expect(judge(file, record, { ...expected, summaryIncludes: ['\u0000'] }).fields.get('summary')).toBe(false);
  });
});
