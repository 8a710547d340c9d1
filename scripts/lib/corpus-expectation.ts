// What a corpus fixture's `.expected.json` pins: the contract fields that must not change by
// accident, plus (second corpus) the substrings the summary must or must not carry. Shared by the
// corpus test and the corpus script, so both compare exactly the same thing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type AnalysisRecord, analyzeFile } from '../../src/cli/analyze-command.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';

/** The users of the corpora: what they write themselves is from the customer side. */
export const CORPUS_CUSTOMERS = [
  'alice@example.net',
  'bob@example.org',
  'chloe@example.fr',
  'diego@example.es',
  'katrin@example.de',
  'giulia@example.it',
  'daan@example.nl',
  'ola@example.pl',
  'joana@example.pt',
  'rafael@example.com.br',
  'haruto@example.jp',
  'wei@example.cn',
  'mei@example.tw',
  'ivan@example.ru',
  'olena@example.ua',
  'petr@example.cz',
  'ayse@example.com.tr',
  'sara@example.se',
  'mads@example.dk',
  'ingrid@example.no',
  'jiwoo@example.kr',
  'eleni@example.gr',
];

export interface CorpusExpectation {
  caseNumber: string | null;
  orderNumber: string | null;
  channel: string;
  direction: string;
  contactPerson: string | null;
  nextSteps: string | null;
  nextStepsDue: string | null;
  resolution: { outcome: string; amount: number | null; currency: string | null; transactionId: string | null } | null;
  original: { from: string | null; date: string | null; subject: string };
  forwardedBy: string | null;
}

/** Keys an expectation file may carry besides the pinned fields (notes for the reader). */
export const NOTE_KEYS = ['trap', 'note'] as const;

/** Summary checks (second corpus): compared as the one field `summary`, never by equality. */
export const SUMMARY_KEYS = ['summaryIncludes', 'summaryExcludes'] as const;

/** The confidence at which a resolution closes a case on its own (DESIGN.md). */
export const CLOSING_CONFIDENCE = 0.9;

type OkRecord = Extract<AnalysisRecord, { ok: true }>;

export function expectationOf(record: OkRecord): CorpusExpectation {
  return {
    caseNumber: record.caseNumber,
    orderNumber: record.orderNumber,
    channel: record.channel,
    direction: record.direction,
    contactPerson: record.contactPerson,
    nextSteps: record.nextSteps,
    nextStepsDue: record.nextStepsDue,
    resolution: record.resolution
      ? {
          outcome: record.resolution.outcome,
          amount: record.resolution.amount,
          currency: record.resolution.currency,
          transactionId: record.resolution.transactionId,
        }
      : null,
    original: { from: record.original.from, date: record.original.date, subject: record.original.subject },
    forwardedBy: record.forwardedBy,
  };
}

/** The pinned part of an expectation file (notes and summary checks removed). */
export function pinnedPart(file: Record<string, unknown>): Record<string, unknown> {
  const aside: readonly string[] = [...NOTE_KEYS, ...SUMMARY_KEYS];
  return Object.fromEntries(Object.entries(file).filter(([k]) => !aside.includes(k)));
}

/** Case-, width- and whitespace-insensitive; invisible characters are kept so they can be excluded. */
function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[ \t\r\n\u00a0\u202f]+/g, ' ')
    .toLowerCase();
}

/** Why the summary fails its checks (empty when it passes, or when the file has no checks). */
export function summaryProblems(summary: string | null, file: Record<string, unknown>): string[] {
  const includes = (file.summaryIncludes as string[] | undefined) ?? [];
  const excludes = (file.summaryExcludes as string[] | undefined) ?? [];
  const text = comparable(summary ?? '');
  return [
    ...includes.filter((s) => !text.includes(comparable(s))).map((s) => `lacks ${JSON.stringify(s)}`),
    ...excludes.filter((s) => text.includes(comparable(s))).map((s) => `contains ${JSON.stringify(s)}`),
  ];
}

/**
 * A resolution the program would close the case on (confidence >= 0.9) that the mail does not
 * state: the expectation has no resolution, or a different outcome. The worst failure.
 */
export function isWrongClosure(record: OkRecord, expected: Record<string, unknown>): boolean {
  const actual = record.resolution;
  if (!actual || actual.confidence < CLOSING_CONFIDENCE) return false;
  const truth = expected.resolution as CorpusExpectation['resolution'] | undefined;
  return !truth || truth.outcome !== actual.outcome;
}

export interface FixtureResult {
  file: string;
  /** Field name -> right? (`summary` only when the expectation has summary checks.) */
  fields: Map<string, boolean>;
  /** One line per wrong field, for the report. */
  mismatches: string[];
  wrongClosure: boolean;
  /** The analysis failed: every field counts as wrong. */
  error: string | null;
}

export function judge(file: string, record: AnalysisRecord, expectationFile: Record<string, unknown>): FixtureResult {
  const expected = pinnedPart(expectationFile) as unknown as CorpusExpectation;
  const hasSummaryChecks = SUMMARY_KEYS.some((k) => k in expectationFile);
  const fields = new Map<string, boolean>();
  const mismatches: string[] = [];
  if (!record.ok) {
    for (const key of Object.keys(expected)) fields.set(key, false);
    if (hasSummaryChecks) fields.set('summary', false);
    return { file, fields, mismatches: [`analysis failed: ${record.error}`], wrongClosure: false, error: record.error };
  }
  const actual = expectationOf(record);
  for (const key of Object.keys(actual) as (keyof CorpusExpectation)[]) {
    const ok = JSON.stringify(actual[key]) === JSON.stringify(expected[key]);
    fields.set(key, ok);
    if (!ok) mismatches.push(`${key}: expected ${JSON.stringify(expected[key])}, got ${JSON.stringify(actual[key])}`);
  }
  if (hasSummaryChecks) {
    const problems = summaryProblems(record.summary, expectationFile);
    fields.set('summary', problems.length === 0);
    if (problems.length > 0) mismatches.push(`summary: ${problems.join('; ')} in ${JSON.stringify(record.summary)}`);
  }
  return { file, fields, mismatches, wrongClosure: isWrongClosure(record, expectationFile), error: null };
}

/** The corpora `corpus check` reports, each on its own. Only `corpus` may be regenerated. */
export const CORPORA = [
  { name: 'corpus', dir: join('test', 'fixtures', 'corpus'), updatable: true },
  { name: 'real-world', dir: join('test', 'fixtures', 'real-world'), updatable: false },
  { name: 'non-resolutions', dir: join('test', 'fixtures', 'non-resolutions'), updatable: false },
] as const;

export type CorpusName = (typeof CORPORA)[number]['name'];

export function corpusFixtures(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort();
}

export function analyzeFixture(path: string): Promise<AnalysisRecord> {
  return analyzeFile(path, {
    ruleset: builtInRuleset,
    maxBytes: 25 * 1024 * 1024,
    customerAddresses: CORPUS_CUSTOMERS,
  });
}

export function readExpectation(dir: string, file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, file.replace(/\.eml$/, '.expected.json')), 'utf8')) as Record<
    string,
    unknown
  >;
}

export interface CorpusReport {
  name: string;
  results: FixtureResult[];
  /** Field name -> { right, total }, in the order the fields were first seen. */
  fields: Map<string, { right: number; total: number }>;
  exact: number;
  wrongClosures: string[];
}

/** Analyzes every fixture of one corpus directory against its expectation. */
export async function evaluateCorpus(name: string, dir: string): Promise<CorpusReport> {
  const results: FixtureResult[] = [];
  for (const file of corpusFixtures(dir)) {
    const record = await analyzeFixture(join(dir, file));
    results.push(judge(file, record, readExpectation(dir, file)));
  }
  const fields = new Map<string, { right: number; total: number }>();
  for (const r of results) {
    for (const [key, ok] of r.fields) {
      const tally = fields.get(key) ?? { right: 0, total: 0 };
      tally.total++;
      if (ok) tally.right++;
      fields.set(key, tally);
    }
  }
  return {
    name,
    results,
    fields,
    exact: results.filter((r) => r.error === null && [...r.fields.values()].every(Boolean)).length,
    wrongClosures: results.filter((r) => r.wrongClosure).map((r) => r.file),
  };
}

/** Accuracy per field as a fraction (0..1), for floors and reports. */
export function accuracyOf(report: CorpusReport): Record<string, number> {
  return Object.fromEntries([...report.fields].map(([k, { right, total }]) => [k, total === 0 ? 0 : right / total]));
}

/** The repository root: above this file (TS or dist), else the working directory (a private build). */
export function repositoryRoot(fromDir: string): string {
  const isRoot = (dir: string) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'test', 'fixtures'));
  let dir = resolve(fromDir);
  for (let i = 0; i < 5; i++) {
    if (isRoot(dir)) return dir;
    dir = resolve(dir, '..');
  }
  if (isRoot(process.cwd())) return process.cwd();
  throw new Error(`no repository root above ${fromDir} or at ${process.cwd()}`);
}
