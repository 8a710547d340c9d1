import { z } from 'zod';

/**
 * A rule set is data, so a user can teach refund-tracker a merchant's case-number format
 * without touching code. Patterns are compiled once per ruleset, not per message.
 */
export const caseNumberFormatSchema = z.object({
  /** Shown in reasons, e.g. `case-number/format:gtbuy`. */
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, _ and -'),
  /** A regular expression for the bare identifier, e.g. `GTB-\\d{4}-\\d{4}`. */
  pattern: z.string().min(1),
});

export const rulesetSchema = z.object({
  name: z.string().min(1),
  caseNumberFormats: z.array(caseNumberFormatSchema),
});

export type RulesetDefinition = z.infer<typeof rulesetSchema>;

export interface CompiledCaseNumberFormat {
  name: string;
  regex: RegExp;
}

export interface Ruleset {
  name: string;
  caseNumberFormats: CompiledCaseNumberFormat[];
}

export function compileRuleset(definition: RulesetDefinition): Ruleset {
  const parsed = rulesetSchema.parse(definition);
  return {
    name: parsed.name,
    caseNumberFormats: parsed.caseNumberFormats.map((f) => ({
      name: f.name,
      // Word-bounded so `XGTB-2023-58761` does not yield a shorter, wrong number.
      regex: new RegExp(`(?<![A-Za-z0-9-])(?:${f.pattern})(?![A-Za-z0-9])`, 'g'),
    })),
  };
}

/** Built-in help-desk and merchant identifier formats that carry no label. */
export const builtInRulesetDefinition: RulesetDefinition = {
  name: 'built-in',
  caseNumberFormats: [
    // Merchant, year, sequence: GTB-2023-5876.
    { name: 'merchant-year-sequence', pattern: '[A-Z]{2,5}-20\\d{2}-\\d{3,8}' },
    // ServiceNow incidents: INC0012345.
    { name: 'servicenow-incident', pattern: 'INC\\d{7,10}' },
    // PayPal Resolution Center disputes: PP-D-123456789.
    { name: 'paypal-dispute', pattern: 'PP-[DR]-\\d{5,12}' },
  ],
};

export const builtInRuleset: Ruleset = compileRuleset(builtInRulesetDefinition);
