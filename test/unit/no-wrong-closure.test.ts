// Zero wrong closures, pinned: every mail in test/fixtures/non-resolutions looks like a refund decision
// (boilerplate, conditional, tentative, quoted, customer-reported, another order, a denial of something
// else, marketing, a return label, an offer) and is none. A resolution at AUTO_CLOSE_CONFIDENCE or above
// would close the user's case on it, the worst thing the program can do (DESIGN.md, invariant 4).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_CUSTOMERS } from '../../scripts/lib/corpus-expectation.js';
import { analyzeFile } from '../../src/cli/analyze-command.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';
import { AUTO_CLOSE_CONFIDENCE } from '../../src/workers/message-processor.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'non-resolutions');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.eml'))
  .sort();

// The second corpus adds five forwarders; what they write themselves is from the customer side.
const customers = [
  ...new Set([
    ...CORPUS_CUSTOMERS,
    'giulia@example.it',
    'daan@example.nl',
    'ola@example.pl',
    'joana@example.pt',
    'rafael@example.com.br',
  ]),
];

const expectationOf = (file: string): { resolution: unknown; trap?: string } =>
  JSON.parse(readFileSync(join(dir, file.replace(/\.eml$/, '.expected.json')), 'utf8'));

describe('no wrong closure', () => {
  it('has at least 30 non-resolutions, each read by hand as "no resolution" with its trap named', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    for (const file of fixtures) {
      const expected = expectationOf(file);
      expect({ file, resolution: expected.resolution }).toEqual({ file, resolution: null });
      expect(expected.trap, file).toEqual(expect.any(String));
    }
  });

  it.each(fixtures)('%s closes nothing', async (file) => {
    const record = await analyzeFile(join(dir, file), {
      ruleset: builtInRuleset,
      maxBytes: 25 * 1024 * 1024,
      customerAddresses: customers,
    });
    if (!record.ok) throw new Error(`analysis failed: ${record.error}`);
    const closing =
      record.resolution && record.resolution.confidence >= AUTO_CLOSE_CONFIDENCE
        ? { outcome: record.resolution.outcome, confidence: record.resolution.confidence }
        : null;
    expect(closing, `trap: ${expectationOf(file).trap}`).toBeNull();
  });
});
