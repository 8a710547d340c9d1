import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { RefundTrackerError } from '../errors.js';
import {
  builtInRuleset,
  caseNumberFormatSchema,
  compileCaseNumberFormat,
  compileResolutionPhrase,
  mergeRulesets,
  type Ruleset,
  rulesetSchema,
} from './ruleset.js';
import { PatternError, SafePattern } from './safe-pattern.js';

/**
 * Rule packs: user files (YAML or JSON, chosen by extension) in the shape of `rulesetSchema`, that
 * add case-number formats and resolution phrases, optionally per sender domain. Pure: the caller
 * reads the file (src/cli/rule-files.ts) and hands its text here with the name to report.
 */

/** One thing wrong with a pack: the file, the rule (null when the problem is not in one rule), what. */
export interface RulePackProblem {
  file: string;
  /** `caseNumberFormats[2] "gtbuy-case"`, or `caseNumberFormats[2]` when the rule has no usable name. */
  rule: string | null;
  problem: string;
}

/** A rule pack that cannot be used; the message has one line per problem: `FILE: RULE: PROBLEM`. */
export class RulePackError extends RefundTrackerError {
  readonly problems: RulePackProblem[];
  /** The file of the first problem. */
  readonly file: string;
  constructor(problems: RulePackProblem[], options?: { cause?: unknown }) {
    const lines = problems.map((p) => `${p.file}: ${p.rule ? `${p.rule}: ` : ''}${p.problem}`);
    super(
      'rule_pack_invalid',
      lines.length === 1 ? (lines[0] ?? '') : `${lines.length} problems in rule packs:\n  ${lines.join('\n  ')}`,
      options,
    );
    this.problems = problems;
    this.file = problems[0]?.file ?? '';
  }
}

/** A pack file bigger than this is refused unread: a pack is a list of patterns, not a corpus. */
export const MAX_RULE_PACK_BYTES = 1024 * 1024;

const KINDS = ['caseNumberFormats', 'resolutionPhrases'] as const;
type Kind = (typeof KINDS)[number];
const KIND_NOUN: Record<Kind, string> = {
  caseNumberFormats: 'case-number format',
  resolutionPhrases: 'resolution phrase',
};

/** Parses, validates and compiles one pack; throws a RulePackError listing every problem in it. */
export function loadRulePack(content: string, fileName: string): Ruleset {
  const problem = (rule: string | null, text: string): RulePackProblem => ({ file: fileName, rule, problem: text });
  if (content.length > MAX_RULE_PACK_BYTES) {
    throw new RulePackError([problem(null, `the file is over the ${MAX_RULE_PACK_BYTES}-byte limit for a rule pack`)]);
  }
  const data = parseContent(content.replace(/^\uFEFF/, ''), fileName);
  if (data === null || data === undefined) {
    throw new RulePackError([problem(null, 'the file is empty; a rule pack needs at least a name')]);
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new RulePackError([
      problem(null, 'the file must hold one mapping with name, caseNumberFormats and resolutionPhrases'),
    ]);
  }

  const raw = data as Record<string, unknown>;
  const parsed = rulesetSchema.safeParse(raw);
  const problems: RulePackProblem[] = [];
  // Problems not inside one rule (a missing pack name, an unknown top-level key) come first.
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    if (ruleIndexOf(issue.path) === null) problems.push(problem(null, describeIssue(issue, raw, issue.path)));
  }
  for (const kind of KINDS) {
    const rules = Array.isArray(raw[kind]) ? (raw[kind] as unknown[]) : [];
    const firstIndexOfName = new Map<string, number>();
    rules.forEach((rule, index) => {
      const label = ruleLabel(kind, index, rule);
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        if (issue.path[0] === kind && issue.path[1] === index) {
          problems.push(problem(label, describeIssue(issue, rule, issue.path.slice(2))));
        }
      }
      // Patterns are checked even when another field of the pack is wrong: every problem in one go.
      const pattern = (rule as { pattern?: unknown } | null)?.pattern;
      if (typeof pattern === 'string' && pattern.length > 0) {
        const patternProblem = checkPattern(pattern);
        if (patternProblem) problems.push(problem(label, `pattern: ${patternProblem}`));
      }
      const name = nameOf(rule);
      if (name !== null) {
        const first = firstIndexOfName.get(name);
        if (first === undefined) firstIndexOfName.set(name, index);
        else problems.push(problem(label, `name "${name}" is already used by ${kind}[${first}] in this file`));
      }
    });
  }
  if (problems.length > 0 || !parsed.success) {
    throw new RulePackError(problems.length > 0 ? problems : [problem(null, 'not a valid rule pack')]);
  }
  return {
    name: parsed.data.name,
    caseNumberFormats: parsed.data.caseNumberFormats.map((f) => compileCaseNumberFormat(f, fileName)),
    resolutionPhrases: parsed.data.resolutionPhrases.map((p) => compileResolutionPhrase(p, fileName)),
  };
}

/**
 * The built-in rules, then each pack in order: built-in evidence is tried first, and a pack cannot
 * shadow a rule of the same kind by reusing its name (reasons name rules, so a name must say which).
 * Throws a RulePackError naming both files of every clash.
 */
export function combineRulePacks(packs: Ruleset[], base: Ruleset = builtInRuleset): Ruleset {
  const problems: RulePackProblem[] = [];
  for (const kind of KINDS) {
    const seen = new Map<string, string>();
    for (const rule of base[kind]) seen.set(rule.name, rule.source);
    for (const pack of packs) {
      pack[kind].forEach((rule, index) => {
        const earlier = seen.get(rule.name);
        if (earlier === undefined) {
          seen.set(rule.name, rule.source);
          return;
        }
        const where = earlier === 'built-in' ? 'a built-in rule' : earlier;
        problems.push({
          file: rule.source,
          rule: `${kind}[${index}] "${rule.name}"`,
          problem: `the ${KIND_NOUN[kind]} name "${rule.name}" is already used in ${where}; rule names must be unique`,
        });
      });
    }
  }
  if (problems.length > 0) throw new RulePackError(problems);
  return mergeRulesets([base.name, ...packs.map((p) => p.name)].join(' + '), [base, ...packs]);
}

/** `examples/rules/gtbuy.yaml (gtbuy: 1 case-number format, 2 resolution phrases)`, for start-up output. */
export function describeRulePack(pack: Ruleset, file: string): string {
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return `${file} (${pack.name}: ${count(pack.caseNumberFormats.length, KIND_NOUN.caseNumberFormats)}, ${count(pack.resolutionPhrases.length, KIND_NOUN.resolutionPhrases)})`;
}

function parseContent(content: string, fileName: string): unknown {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return parseJson(content, fileName);
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return parseYaml(content, fileName);
  throw new RulePackError([
    { file: fileName, rule: null, problem: 'unknown file type: a rule pack ends in .yaml, .yml or .json' },
  ]);
}

function parseYaml(content: string, fileName: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new RulePackError(
      doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        // Some messages carry their own position and a code frame; ours is enough.
        const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        return { file: fileName, rule: null, problem: `YAML syntax error at line ${line}, column ${col}: ${message}` };
      }),
    );
  }
  try {
    // Aliases are bounded (a "billion laughs" file is refused, not expanded).
    return doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    throw new RulePackError([{ file: fileName, rule: null, problem: `YAML: ${(cause as Error).message}` }], { cause });
  }
}

function parseJson(content: string, fileName: string): unknown {
  try {
    return JSON.parse(content);
  } catch (cause) {
    const message = (cause as Error).message;
    // V8 gives a position for some errors only (`Unexpected token ',', "…" is not valid JSON` has none).
    const position = jsonErrorOffset(content) ?? Number(/at position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    let where = '';
    if (Number.isFinite(position)) {
      const before = content.slice(0, position).split('\n');
      where = ` at line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
    }
    // V8 quotes the text around the error, which may be long: the line and column say where.
    const reason = message
      .replace(/ (?:in JSON )?at position \d+.*$/, '')
      .replace(/^(Unexpected token .*?), ".*" is not valid JSON$/s, '$1');
    throw new RulePackError([{ file: fileName, rule: null, problem: `JSON syntax error${where}: ${reason}` }], {
      cause,
    });
  }
}

/** Where JSON.parse stops: the offset of the first character that is not JSON, or null if none is found. */
function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') break;
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    i++;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === close) break;
        if (text[i] !== ',') fail();
        i++;
      }
      i++;
    } else if (c === '"') {
      string();
    } else {
      const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
      literal.lastIndex = i;
      if (!literal.test(text)) fail();
      i = literal.lastIndex;
    }
  };
  try {
    value();
    space();
    return i < text.length ? i : null;
  } catch (at) {
    return typeof at === 'number' ? at : null; // a RangeError: nesting too deep to follow
  }
}

/** The index of the rule an issue is in (`caseNumberFormats.2.pattern` → 2), or null. */
function ruleIndexOf(path: PropertyKey[]): number | null {
  return KINDS.includes(path[0] as Kind) && typeof path[1] === 'number' ? path[1] : null;
}

function nameOf(rule: unknown): string | null {
  const name = (rule as { name?: unknown } | null)?.name;
  return caseNumberFormatSchema.shape.name.safeParse(name).success ? (name as string) : null;
}

function ruleLabel(kind: Kind, index: number, rule: unknown): string {
  const name = nameOf(rule);
  return name === null ? `${kind}[${index}]` : `${kind}[${index}] "${name}"`;
}

/** `pattern is required`, `domains[0]: must be a domain such as gtbuy.com`, `Unrecognized key: "domain"`. */
function describeIssue(issue: z.core.$ZodIssue, within: unknown, path: PropertyKey[]): string {
  const field = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
  const value = path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown> | null)?.[key], within);
  if (issue.code === 'invalid_type' && value === undefined) return `${field || 'value'} is required`;
  return field ? `${field}: ${issue.message}` : issue.message;
}

/** Why a user pattern cannot be used, or null. */
function checkPattern(source: string): string | null {
  let compiled: SafePattern;
  try {
    compiled = new SafePattern(source);
  } catch (err) {
    if (err instanceof PatternError) return err.message;
    throw err;
  }
  if (compiled.matchesEmpty()) return 'matches the empty string, so it is evidence of nothing; make a part required';
  return null;
}
