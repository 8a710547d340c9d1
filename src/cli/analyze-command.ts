import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { RefundTrackerError } from '../errors.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../ingest/archive/types.js';
import { originalsOf } from '../ingest/inbound-message.js';
import { parseInboundMessage } from '../ingest/parse-message.js';
import { terminalSafe } from '../reports/escape.js';
import { type AnalysisRecord, type Explanation, explanationOf, failedExplanation } from '../rules/analysis-record.js';
import { analyze } from '../rules/analyze.js';
import { builtInRuleset, type Ruleset } from '../rules/compiled-ruleset.js';
import type { FindingLocation, Reason } from '../rules/findings.js';
import type { NarrowingTrees } from '../rules/narrowing.js';
import { withPatternsNarrowed } from '../rules/prefilter.js';
import { readNarrowingTrees } from './narrowing-trees.js';
import { NARROWING_TREES_PATH } from './packaged-cli.js';
import { compileForLongRun, compileForShortRun, LONG_RUN_FILES, NARROWED_RUN_FILES } from './short-run.js';

// The record and the explanation live with the rules; re-exported for the corpus script and older imports.
export type {
  AnalysisRecord,
  AnalyzedRecord,
  Candidate,
  Explanation,
  FailedRecord,
} from '../rules/analysis-record.js';

/** `analyze`: the offline analysis of .eml files (the analysis contract, DESIGN.md). */
export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('Analyze .eml files offline (no Redis, MongoDB or network) and print the findings.')
    .argument('<files...>', '.eml files to analyze')
    .option('--json', 'one JSON object per file, one per line (the analysis contract)')
    .option(
      '--explain',
      'for each finding: the rule, where it matched (subject, new text, quoted text, forward header) and the text',
    )
    .option(
      '--rules <file>',
      'a rule pack (.yaml, .yml, .json) or a directory of them, loaded after RULES_PATH; repeatable',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(async (files: string[], opts: { json?: boolean; explain?: boolean; rules: string[] }) => {
      compileForShortRun();
      const { maxBytes, customerAddresses, rulesPaths } = await analyzeSettings();
      const { ruleset, packs } = await loadRules([...rulesPaths, ...opts.rules]);
      if (opts.explain) {
        // With --json, standard output stays the contract: one JSON object per line.
        const loaded = `Rule packs: built-in${packs.map((p) => `\n  ${p}`).join('')}\n\n`;
        (opts.json ? process.stderr : process.stdout).write(terminalSafe(loaded));
      }
      let failed = 0;
      let printed = 0;
      const narrowing = files.length <= NARROWED_RUN_FILES ? readNarrowingTrees(NARROWING_TREES_PATH) : null;
      for (const [i, file] of files.entries()) {
        if (i === LONG_RUN_FILES) compileForLongRun();
        // A mail that carries several forwarded originals: each one's findings, as the worker logs each.
        for (const explanation of await explainEachOriginal(file, {
          ruleset,
          maxBytes,
          customerAddresses,
          narrowing,
        })) {
          const { record } = explanation;
          if (!record.ok) failed++;
          if (opts.json) process.stdout.write(`${JSON.stringify(record)}\n`);
          else if (opts.explain) {
            process.stdout.write(`${printed > 0 ? '\n' : ''}${terminalSafe(formatExplanation(explanation, ruleset))}`);
          } else process.stdout.write(terminalSafe(formatRecord(record)));
          printed++;
        }
      }
      process.exitCode = failed > 0 ? 1 : 0;
    });
}

/** Set as config.ts reads the environment: an empty value is unset. */
const isSet = (name: string): boolean => (process.env[name] ?? '') !== '';

/**
 * What `analyze` reads from the environment. The configuration module (and zod, a hundred modules)
 * is loaded only when one of these variables is set: with none, each is its default.
 */
async function analyzeSettings(): Promise<{ maxBytes: number; customerAddresses: string[]; rulesPaths: string[] }> {
  if (!['MAX_MESSAGE_BYTES', 'ALLOWED_FORWARDERS', 'RULES_PATH'].some(isSet)) {
    return { maxBytes: DEFAULT_MAX_MESSAGE_BYTES, customerAddresses: [], rulesPaths: [] };
  }
  const { loadAllowedForwarders, loadMaxMessageBytes, loadRulesPaths } = await import('../config.js');
  return {
    maxBytes: loadMaxMessageBytes(),
    // Optional here: when set, mail the users wrote themselves counts as from the customer.
    customerAddresses: isSet('ALLOWED_FORWARDERS') ? loadAllowedForwarders() : [],
    rulesPaths: loadRulesPaths(),
  };
}

/** The built-in rules, plus the packs named; the pack reader (YAML, zod) is loaded only when there are some. */
async function loadRules(entries: string[]): Promise<{ ruleset: Ruleset; packs: string[] }> {
  if (entries.length === 0) return { ruleset: builtInRuleset, packs: [] };
  const { loadRuleFiles } = await import('./rule-files.js');
  return loadRuleFiles(entries);
}

export interface AnalyzeFileOptions {
  ruleset: Ruleset;
  maxBytes: number;
  customerAddresses: string[];
  /** The rule patterns' narrowing trees, for a short run: each message is read by patterns narrowed to it. */
  narrowing?: NarrowingTrees | null;
}

/** Stateless: reads one file, parses and analyzes it; no Redis, no MongoDB, no network. */
export async function analyzeFile(path: string, options: AnalyzeFileOptions): Promise<AnalysisRecord> {
  return (await explainFile(path, options)).record;
}

/**
 * One file's explanation. A mail that carries several forwarded originals is an error here
 * (`several_originals`): this answers for one message; explainEachOriginal answers for each.
 */
export async function explainFile(path: string, options: AnalyzeFileOptions): Promise<Explanation> {
  const [explanation] = await explainFileAs(path, options, 'quarantine');
  if (!explanation) throw new Error('explainFileAs gave no explanation');
  return explanation;
}

/**
 * The explanation of each support message in one file: one, or one per original of a mail that carries
 * several as attachments, in their order, each labelled `FILE [original 2 of 3: NAME]`.
 */
export function explainEachOriginal(path: string, options: AnalyzeFileOptions): Promise<Explanation[]> {
  return explainFileAs(path, options, 'each');
}

async function explainFileAs(
  path: string,
  options: AnalyzeFileOptions,
  severalOriginals: 'each' | 'quarantine',
): Promise<Explanation[]> {
  const file = basename(path);
  try {
    const info = await stat(path);
    if (info.size > options.maxBytes) {
      return [failedExplanation(file, `file is ${info.size} bytes, over the ${options.maxBytes}-byte limit`)];
    }
    const raw = await readFile(path);
    const parse = () => parseInboundMessage(raw, { maxBytes: options.maxBytes, severalOriginals });
    const trees = options.narrowing ?? null;
    // Narrowed while the file is parsed too (the parser splits the text with rule patterns): to each text
    // as the parser decodes it (narrowingAlsoCovers), then to the message's texts while they are analysed.
    const parsed = await (trees === null ? parse() : withPatternsNarrowed([], trees, parse));
    return originalsOf(parsed).map((message) => {
      const explanation = () => {
        const findings = analyze(message, options.ruleset, { customerAddresses: options.customerAddresses });
        const part = message.attachedPart;
        const label = part ? `${file} [original ${part.index} of ${part.of}: ${part.name}]` : file;
        return explanationOf(label, message, findings, options);
      };
      return trees === null ? explanation() : withPatternsNarrowed(message, trees, explanation);
    });
  } catch (err) {
    const error =
      err instanceof RefundTrackerError
        ? `${err.code}: ${err.message}`
        : (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? `no such file: ${path}`
          : `cannot analyze: ${(err as Error).message}`;
    return [failedExplanation(file, error)];
  }
}

/** The human-readable form of one record (without --json). */
function formatRecord(r: AnalysisRecord): string {
  if (!r.ok) return `${r.file}: ERROR ${r.error}\n`;
  const lines = [
    `${r.file}`,
    `  case number:    ${r.caseNumber ?? '-'}`,
    `  order number:   ${r.orderNumber ?? '-'}`,
    `  issue:          ${r.issueDescription ?? '-'}`,
    `  from:           ${r.original.from ?? '-'} (${r.direction}, ${r.channel}) on ${r.original.date ?? 'unknown date'}`,
    `  contact person: ${r.contactPerson ?? '-'}`,
    `  summary:        ${r.summary}`,
    `  next steps:     ${r.nextSteps ?? '-'}${r.nextStepsDue ? ` (due ${r.nextStepsDue})` : ''}`,
    `  resolution:     ${
      r.resolution
        ? `${r.resolution.outcome} ${r.resolution.amount ?? ''} ${r.resolution.currency ?? ''} ${r.resolution.transactionId ?? ''} (confidence ${r.resolution.confidence})`.replace(
            /\s+/g,
            ' ',
          )
        : '-'
    }`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The fields `--explain` accounts for, in the order analyze() decides them. */
const EXPLAINED_FIELDS = [
  'caseNumber',
  'orderNumber',
  'issueDescription',
  'channel',
  'direction',
  'contactPerson',
  'nextSteps',
  'resolution',
] as const;

const LOCATION_LABEL: Record<FindingLocation, string> = {
  subject: 'subject',
  new_text: 'new text',
  quoted_text: 'quoted text',
  forward_header: 'forward header',
  headers: 'headers',
};

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The value a field took, short enough for one column. */
function fieldValue(r: Extract<AnalysisRecord, { ok: true }>, field: string): string {
  if (field === 'resolution') {
    const res = r.resolution;
    return res ? [res.outcome, res.amount, res.currency].filter((v) => v !== null).join(' ') : '';
  }
  const value = (r as unknown as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : '';
}

/** The rule, with the pack it came from when a user pack supplied it: `case-number/format:gtbuy-case [gtbuy.yaml]`. */
function ruleWithSource(reason: Reason, ruleset: Ruleset): string {
  const name = reason.rule.includes(':') ? reason.rule.slice(reason.rule.lastIndexOf(':') + 1) : null;
  const rules =
    reason.field === 'caseNumber'
      ? ruleset.caseNumberFormats
      : reason.field === 'resolution'
        ? ruleset.resolutionPhrases
        : [];
  const source = name === null ? undefined : rules.find((r) => r.name === name)?.source;
  return source && source !== 'built-in' ? `${reason.rule} [${source}]` : reason.rule;
}

/**
 * The human-readable form of `analyze --explain`: per finding the field, its value, the rule, where
 * in the message it matched and the text it matched, in aligned columns. Mail text is quoted (JSON
 * string syntax, so a newline shows as `\n`) and passed through `terminalSafe` by the caller.
 */
export function formatExplanation(
  { record: r, alsoMatched, setAside = [], rejected = [] }: Explanation,
  ruleset: Ruleset,
): string {
  if (!r.ok) return `${r.file}: ERROR ${r.error}\n`;
  const rows: string[][] = [];
  const row = (label: string, value: string, reason: Reason) =>
    rows.push([
      label,
      clip(value, 28),
      ruleWithSource(reason, ruleset),
      LOCATION_LABEL[reason.location] ?? reason.location,
      JSON.stringify(clip(reason.matched.replace(/\s+/g, ' ').trim(), 100)),
    ]);
  const missing: string[] = [];
  for (const field of EXPLAINED_FIELDS) {
    const reasons = r.reasons.filter((x) => x.field === field);
    for (const reason of reasons) row(field, fieldValue(r, field), reason);
    if (field === 'caseNumber') for (const c of alsoMatched) row('  also matched', c.value, c);
    if (reasons.length > 0) continue;
    const value = fieldValue(r, field);
    // channel and direction always have a value: without a rule it is the default.
    missing.push(value ? `${field} (default ${value})` : field);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((cells) => cells[i]?.length ?? 0)));
  const lines = rows.map((cells) =>
    `  ${cells.map((c, i) => (i < 4 ? c.padEnd(widths[i] ?? 0) : c)).join('  ')}`.trimEnd(),
  );
  const from = r.original.from ?? 'unknown sender';
  const header = `${r.file}  (from ${from}${r.forwardedBy ? `, forwarded by ${r.forwardedBy}` : ''})`;
  if (missing.length > 0) lines.push(`  no rule matched: ${missing.join(', ')}`);
  // What decided nothing, and why: a rejected resolution says what stopped it; set-aside text its class.
  const quote = (text: string) => JSON.stringify(clip(text.replace(/\s+/g, ' ').trim(), 100));
  if (rejected.length > 0) lines.push('  rejected resolutions:');
  for (const x of rejected) lines.push(`    ${x.outcome}  ${x.rule}  ${quote(x.sentence)}: ${x.why}`);
  if (setAside.length > 0) lines.push('  set aside before the rules ran:');
  for (const x of setAside) lines.push(`    ${x.class}  ${quote(x.sentence)}`);
  return `${[header, ...lines].join('\n')}\n`;
}
