import { z } from 'zod';
import type { Outcome } from './findings.js';
import { SafePattern } from './safe-pattern.js';

/**
 * A rule set is data, so a user can teach refund-tracker a merchant's case-number format or
 * resolution phrase without touching code. Patterns are compiled once per ruleset (with RE2, so a
 * user's pattern cannot hang the process), never per message.
 */
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

export interface CaseNumberFormat {
  name: string;
  /** `built-in`, or the rule pack it came from. */
  source: string;
  domains: string[] | null;
  pattern: SafePattern;
}

export interface ResolutionPhrase {
  name: string;
  source: string;
  outcome: Outcome;
  domains: string[] | null;
  pattern: SafePattern;
}

export interface Ruleset {
  name: string;
  caseNumberFormats: CaseNumberFormat[];
  resolutionPhrases: ResolutionPhrase[];
}

/** One validated format, compiled; throws PatternError. */
export function compileCaseNumberFormat(f: CaseNumberFormatDefinition, source: string): CaseNumberFormat {
  return {
    name: f.name,
    source,
    domains: f.domains?.map((d) => d.toLowerCase()) ?? null,
    pattern: new SafePattern(f.pattern),
  };
}

/** One validated phrase, compiled; throws PatternError. */
export function compileResolutionPhrase(p: ResolutionPhraseDefinition, source: string): ResolutionPhrase {
  return {
    name: p.name,
    source,
    outcome: p.outcome,
    domains: p.domains?.map((d) => d.toLowerCase()) ?? null,
    pattern: new SafePattern(p.pattern),
  };
}

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

/** Several rule sets as one: user packs after the built-in rules, so built-in evidence is tried first. */
export function mergeRulesets(name: string, sets: Ruleset[]): Ruleset {
  return {
    name,
    caseNumberFormats: sets.flatMap((s) => s.caseNumberFormats),
    resolutionPhrases: sets.flatMap((s) => s.resolutionPhrases),
  };
}

/** Whether a rule limited to `domains` applies to mail from `address`. */
export function appliesTo(rule: { domains: string[] | null }, address: string | null | undefined): boolean {
  if (!rule.domains) return true;
  const domain = (address ?? '').toLowerCase().split('@')[1] ?? '';
  return rule.domains.some((d) => domain === d || domain.endsWith(`.${d}`));
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
