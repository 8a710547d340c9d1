// The built-in rules are compiled without the schema (so `analyze` loads no zod): the schema, run on
// the same definition, gives the same rules.
import { describe, expect, it } from 'vitest';
import { builtInRuleset as compiledBuiltIn } from '../../src/rules/compiled-ruleset.js';
import { builtInRuleset, builtInRulesetDefinition, compileRuleset } from '../../src/rules/ruleset.js';

const shape = (r: typeof builtInRuleset) => ({
  name: r.name,
  caseNumberFormats: r.caseNumberFormats.map((f) => ({ ...f, pattern: f.pattern.source })),
  resolutionPhrases: r.resolutionPhrases.map((p) => ({ ...p, pattern: p.pattern.source })),
});

describe('built-in ruleset', () => {
  it('is what compileRuleset makes of its definition, and one object wherever it is imported from', () => {
    expect(builtInRuleset).toBe(compiledBuiltIn);
    expect(shape(builtInRuleset)).toEqual(shape(compileRuleset(builtInRulesetDefinition)));
    expect(builtInRuleset.caseNumberFormats.map((f) => f.name)).toEqual([
      'merchant-year-sequence',
      'servicenow-incident',
      'paypal-dispute',
    ]);
  });
});
