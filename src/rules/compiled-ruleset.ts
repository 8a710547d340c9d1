import type { Outcome } from './findings.js';
import type { CaseNumberFormatDefinition, ResolutionPhraseDefinition } from './ruleset.js';
import { SafePattern } from './safe-pattern.js';

/**
 * Rule sets once compiled: what `analyze` reads. Apart from the schemas that validate user packs
 * (ruleset.ts), so that analysing a message loads no validation library.
 */

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
export const builtInRulesetDefinition: { name: string; caseNumberFormats: CaseNumberFormatDefinition[] } = {
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

/**
 * The built-in rules, compiled as `compileRuleset` would (a unit test holds the two equal) but
 * without its schema: the definition above is code, checked by the type system.
 */
export const builtInRuleset: Ruleset = {
  name: builtInRulesetDefinition.name,
  caseNumberFormats: builtInRulesetDefinition.caseNumberFormats.map((f) => compileCaseNumberFormat(f, 'built-in')),
  resolutionPhrases: [],
};
