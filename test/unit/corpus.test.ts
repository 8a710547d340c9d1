// Every corpus fixture's hand-checked expectation holds. `npm run corpus -- check` prints per-field
// accuracy; `npm run corpus -- update` regenerates the expectations after a deliberate change.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_CUSTOMERS, expectationOf, pinnedPart } from '../../scripts/lib/corpus-expectation.js';
import { analyzeFile } from '../../src/cli/analyze-command.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';

const corpus = join(import.meta.dirname, '..', 'fixtures', 'corpus');
const fixtures = readdirSync(corpus)
  .filter((f) => f.endsWith('.eml'))
  .sort();

describe('fixture corpus', () => {
  it('has the coverage the rules are measured on', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(60);
  });

  it.each(fixtures)('%s', async (file) => {
    const record = await analyzeFile(join(corpus, file), {
      ruleset: builtInRuleset,
      maxBytes: 25 * 1024 * 1024,
      customerAddresses: CORPUS_CUSTOMERS,
    });
    if (!record.ok) throw new Error(`analysis failed: ${record.error}`);
    const expected = JSON.parse(readFileSync(join(corpus, file.replace(/\.eml$/, '.expected.json')), 'utf8'));
    expect(expectationOf(record)).toEqual(pinnedPart(expected));
  });
});
