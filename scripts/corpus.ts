// The fixture corpus against `analyze`:
//   node dist/scripts/corpus.js check    per-field accuracy over test/fixtures/corpus (changes nothing)
//   node dist/scripts/corpus.js update   rewrites every .expected.json from the current output, keeping
//                                        the notes ("trap", "note"), so a deliberate change of outcome
//                                        shows in the diff for review
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeFile } from '../src/cli/analyze-command.js';
import { builtInRuleset } from '../src/rules/ruleset.js';
import {
  CORPUS_CUSTOMERS,
  type CorpusExpectation,
  expectationOf,
  NOTE_KEYS,
  pinnedPart,
} from './lib/corpus-expectation.js';

const corpus = resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'corpus');
const mode = process.argv[2];
if (mode !== 'check' && mode !== 'update') {
  console.error('usage: corpus.js check|update');
  process.exit(2);
}

const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.eml'))
  .sort();
const fields = new Map<string, { right: number; total: number }>();
let exact = 0;
for (const file of files) {
  const record = await analyzeFile(join(corpus, file), {
    ruleset: builtInRuleset,
    maxBytes: 25 * 1024 * 1024,
    customerAddresses: CORPUS_CUSTOMERS,
  });
  const expectedPath = join(corpus, file.replace(/\.eml$/, '.expected.json'));
  const current = JSON.parse(readFileSync(expectedPath, 'utf8')) as Record<string, unknown>;
  if (!record.ok) {
    console.log(`${file}: analysis failed: ${record.error}`);
    continue;
  }
  const actual = expectationOf(record);
  if (mode === 'update') {
    const notes = Object.fromEntries(NOTE_KEYS.filter((k) => k in current).map((k) => [k, current[k]]));
    writeFileSync(expectedPath, `${JSON.stringify({ ...actual, ...notes }, null, 2)}\n`);
    continue;
  }
  const expected = pinnedPart(current) as unknown as CorpusExpectation;
  let allRight = true;
  for (const key of Object.keys(actual) as (keyof CorpusExpectation)[]) {
    const ok = JSON.stringify(actual[key]) === JSON.stringify(expected[key]);
    const tally = fields.get(key) ?? { right: 0, total: 0 };
    tally.total++;
    if (ok) tally.right++;
    else {
      allRight = false;
      console.log(`${file}: ${key}: expected ${JSON.stringify(expected[key])}, got ${JSON.stringify(actual[key])}`);
    }
    fields.set(key, tally);
  }
  if (allRight) exact++;
}
if (mode === 'check') {
  console.log(`\n${exact}/${files.length} fixtures exactly as expected`);
  for (const [key, { right, total }] of fields) {
    console.log(`${key.padEnd(14)} ${right}/${total} (${((100 * right) / total).toFixed(1)}%)`);
  }
} else {
  console.log(`updated ${files.length} expectations; review them with git diff`);
}
