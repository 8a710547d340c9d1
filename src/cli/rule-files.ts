import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  combineRulePacks,
  describeRulePack,
  loadRulePack,
  MAX_RULE_PACK_BYTES,
  RulePackError,
} from '../rules/rule-pack.js';
import type { Ruleset } from '../rules/ruleset.js';

/**
 * The file side of rule packs: expands RULES_PATH and `--rules` entries into files, reads them and
 * hands their text to the pure `loadRulePack`. Any problem is a RulePackError, which stops start-up.
 */

const PACK_FILE = /\.(ya?ml|json)$/i;

export interface LoadedRules {
  /** The built-in rules followed by every pack, in the order given. */
  ruleset: Ruleset;
  /** One line per pack loaded: `examples/rules/gtbuy.yaml (gtbuy: 1 case-number format, …)`. */
  packs: string[];
}

/**
 * Loads the packs named by `entries` (files, or directories whose *.yaml, *.yml and *.json files are
 * loaded in name order). The same file named twice is loaded once.
 */
export async function loadRuleFiles(entries: string[], base?: Ruleset): Promise<LoadedRules> {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    for (const file of await expand(entry)) {
      const key = resolve(file);
      if (seen.has(key)) continue;
      seen.add(key);
      files.push(file);
    }
  }
  const packs: Ruleset[] = [];
  for (const file of files) packs.push(loadRulePack(await readPack(file), file));
  return {
    ruleset: combineRulePacks(packs, base),
    packs: packs.map((p, i) => describeRulePack(p, files[i] ?? '')),
  };
}

async function expand(entry: string): Promise<string[]> {
  const info = await statOrFail(entry);
  if (!info.isDirectory()) return [entry];
  const names = (await readdir(entry, { withFileTypes: true }))
    .filter((d) => (d.isFile() || d.isSymbolicLink()) && PACK_FILE.test(d.name))
    .map((d) => d.name)
    .sort();
  return names.map((n) => join(entry, n));
}

async function readPack(file: string): Promise<string> {
  const info = await statOrFail(file);
  if (info.size > MAX_RULE_PACK_BYTES) {
    throw new RulePackError([
      { file, rule: null, problem: `the file is ${info.size} bytes, over the ${MAX_RULE_PACK_BYTES}-byte limit` },
    ]);
  }
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw unreadable(file, cause);
  }
}

async function statOrFail(path: string) {
  try {
    return await stat(path);
  } catch (cause) {
    throw unreadable(path, cause);
  }
}

function unreadable(file: string, cause: unknown): RulePackError {
  const code = (cause as NodeJS.ErrnoException).code;
  const problem = code === 'ENOENT' ? 'no such file or directory' : `cannot be read (${code ?? String(cause)})`;
  return new RulePackError([{ file, rule: null, problem }], { cause });
}
