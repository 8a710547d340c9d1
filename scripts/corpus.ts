// The fixture corpora against `analyze`:
//   node dist/scripts/corpus.js check    per corpus (test/fixtures/corpus, real-world, non-resolutions):
//                                        each field's accuracy, exact fixtures and WRONG CLOSURES
//                                        (changes nothing)
//   node dist/scripts/corpus.js update   rewrites the own corpus's .expected.json from the current
//                                        output, keeping the notes ("trap", "note"), so a deliberate change
//                                        of outcome shows in the diff for review. Refused for the second
//                                        corpus and the non-resolution set: their truth is read by hand.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyzeFixture,
  CORPORA,
  type CorpusReport,
  corpusFixtures,
  evaluateCorpus,
  expectationOf,
  NOTE_KEYS,
  readExpectation,
  repositoryRoot,
} from './lib/corpus-expectation.js';

const root = repositoryRoot(import.meta.dirname);
const [mode, only] = process.argv.slice(2);
if (mode !== 'check' && mode !== 'update') {
  console.error('usage: corpus.js check [corpus] | update [corpus]');
  console.error(`corpora: ${CORPORA.map((c) => c.name).join(', ')}`);
  process.exit(2);
}
const chosen = CORPORA.filter((c) => only === undefined || c.name === only);
if (chosen.length === 0) {
  console.error(`no corpus named ${only}; corpora: ${CORPORA.map((c) => c.name).join(', ')}`);
  process.exit(2);
}

if (mode === 'update') {
  const refused = chosen.filter((c) => !c.updatable);
  if (only !== undefined && refused.length > 0) {
    console.error(`refusing to update ${only}: its expectations are read by hand from the mail, never regenerated`);
    process.exit(2);
  }
  for (const c of chosen.filter((x) => x.updatable)) await update(join(root, c.dir));
} else {
  let wrongClosures = 0;
  for (const c of chosen) {
    const dir = join(root, c.dir);
    if (corpusFixtures(dir).length === 0) {
      console.log(`== ${c.name} (${c.dir}): no fixtures\n`);
      continue;
    }
    const report = await evaluateCorpus(c.name, dir);
    print(report, c.dir);
    wrongClosures += report.wrongClosures.length;
  }
  if (wrongClosures > 0) process.exitCode = 1;
}

function print(report: CorpusReport, dir: string): void {
  console.log(`== ${report.name} (${dir})`);
  for (const r of report.results) {
    for (const line of r.mismatches) console.log(`${r.file}: ${line}`);
    if (r.wrongClosure) console.log(`${r.file}: WRONG CLOSURE`);
  }
  console.log(`\n${report.name}: ${report.exact}/${report.results.length} fixtures exactly as expected`);
  for (const [key, { right, total }] of report.fields) {
    console.log(`  ${key.padEnd(14)} ${right}/${total} (${((100 * right) / total).toFixed(1)}%)`);
  }
  console.log(
    `  WRONG CLOSURES ${report.wrongClosures.length}${report.wrongClosures.length ? `: ${report.wrongClosures.join(', ')}` : ''}\n`,
  );
}

async function update(dir: string): Promise<void> {
  const files = corpusFixtures(dir);
  for (const file of files) {
    const record = await analyzeFixture(join(dir, file));
    if (!record.ok) {
      console.log(`${file}: analysis failed: ${record.error}`);
      continue;
    }
    const current = readExpectation(dir, file);
    const notes = Object.fromEntries(NOTE_KEYS.filter((k) => k in current).map((k) => [k, current[k]]));
    writeFileSync(
      join(dir, file.replace(/\.eml$/, '.expected.json')),
      `${JSON.stringify({ ...expectationOf(record), ...notes }, null, 2)}\n`,
    );
  }
  console.log(`updated ${files.length} expectations in ${dir}; review them with git diff`);
}
