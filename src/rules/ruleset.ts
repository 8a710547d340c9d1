import { z } from 'zod';
import { compileCaseNumberFormat, compileResolutionPhrase, type Ruleset } from './compiled-ruleset.js';

/**
 * A rule set is data, so a user can teach refund-tracker a merchant's case-number format or
 * resolution phrase without touching code. Patterns are compiled once per ruleset (with RE2, so a
 * user's pattern cannot hang the process), never per message. This module holds the schemas that
 * validate a definition; the compiled side is compiled-ruleset.ts (no zod), which `analyze` loads alone.
 */
export {
  appliesTo,
  builtInRuleset,
  builtInRulesetDefinition,
  type CaseNumberFormat,
  compileCaseNumberFormat,
  compileResolutionPhrase,
  mergeRulesets,
  type ResolutionPhrase,
  type Ruleset,
} from './compiled-ruleset.js';

const ruleName = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'use lower-case letters, digits, ".", "_" and "-"');
/** Sender domains a rule applies to (`gtbuy.com` also covers `mail.gtbuy.com`); absent: every sender. */
const domains = z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a domain such as gtbuy.com')).min(1);

/** Rules of one kind in one pack: each runs over every message, so a pack stays a list, not a corpus. */
export const MAX_RULES_PER_KIND = 500;

// Strict objects: a misspelt key (`domain:` for `domains:`) is an error, not a rule silently unscoped.
export const caseNumberFormatSchema = z.strictObject({
  /** Shown in reasons, e.g. `case-number/format:gtbuy`. */
  name: ruleName,
  /** A regular expression (RE2 syntax) for the bare identifier, e.g. `GTB-\\d{4}-\\d{4}`. */
  pattern: z.string().min(1),
  domains: domains.optional(),
});

export const OUTCOME_VALUES = ['full_refund', 'partial_refund', 'store_credit', 'replacement', 'denied'] as const;

export const resolutionPhraseSchema = z.strictObject({
  name: ruleName,
  /** A regular expression (RE2 syntax) for a sentence that confirms the outcome. */
  pattern: z.string().min(1),
  outcome: z.enum(OUTCOME_VALUES),
  domains: domains.optional(),
});

export const rulesetSchema = z.strictObject({
  name: z.string().min(1),
  caseNumberFormats: z.array(caseNumberFormatSchema).max(MAX_RULES_PER_KIND).default([]),
  resolutionPhrases: z.array(resolutionPhraseSchema).max(MAX_RULES_PER_KIND).default([]),
});

export type RulesetDefinition = z.input<typeof rulesetSchema>;
export type CaseNumberFormatDefinition = z.output<typeof caseNumberFormatSchema>;
export type ResolutionPhraseDefinition = z.output<typeof resolutionPhraseSchema>;

/**
 * Compiles a definition; throws zod or PatternError errors at the first problem. For user files use
 * `loadRulePack` (rule-pack.ts), which reports every problem with the file and the rule it is in.
 */
export function compileRuleset(definition: RulesetDefinition, source = 'built-in'): Ruleset {
  const parsed = rulesetSchema.parse(definition);
  return {
    name: parsed.name,
    caseNumberFormats: parsed.caseNumberFormats.map((f) => compileCaseNumberFormat(f, source)),
    resolutionPhrases: parsed.resolutionPhrases.map((p) => compileResolutionPhrase(p, source)),
  };
}
