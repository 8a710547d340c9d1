import { getHeapStatistics } from 'node:v8';
import { loadRuleFiles } from '../cli/rule-files.js';
import { type ParseOptions, parseInboundMessage } from '../ingest/parse-message.js';
import { type AnalyzeOptions, analyze } from '../rules/analyze.js';
import { builtInRuleset, type Ruleset } from '../rules/ruleset.js';
import { warmUpRulesInSlices } from '../rules/warm-up.js';
import { type RuleSource, serializeThreadError, type ThreadReply, type ThreadTask } from './analysis-pool.js';

/**
 * One analysis thread (analysis-pool.ts starts them, each a child process): parses and analyses messages
 * off the worker's event loop, one task at a time. Its ruleset is rebuilt here from where the worker got its own
 * (the built-in rules, or the same rule files), then warmed in slices so a parse sent meanwhile
 * waits for one sample at most, not for the whole warm-up.
 */

if (!process.send) throw new Error('analysis-thread.ts runs only as a child process of analysis-pool.ts');
const reply = (message: ThreadReply) => process.send?.(message);
// The worker is gone (it crashed, or was killed): nothing is left to answer to.
process.on('disconnect', () => process.exit(0));
const rules = JSON.parse(process.argv[2] ?? 'null') as RuleSource | null;
// Imports are evaluated before this line: the thread can parse from now on.
reply({ type: 'loaded' });

async function rulesetOf(source: RuleSource): Promise<Ruleset> {
  return source.kind === 'built-in' ? builtInRuleset : (await loadRuleFiles(source.paths)).ruleset;
}

const ruleset: Promise<Ruleset> | null = rules ? rulesetOf(rules) : null;
// A ruleset that cannot be built fails the analyze tasks that need it (each with the error), not the thread.
ruleset?.catch(() => undefined);

async function run(task: ThreadTask): Promise<unknown> {
  if (task.kind === 'parse') {
    const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
    return parseInboundMessage(raw, task.options satisfies ParseOptions);
  }
  if (!ruleset) throw new Error('this pool was started without rules: it only parses');
  return analyze(task.message, await ruleset, task.options satisfies AnalyzeOptions);
}

/** The heap this thread holds from the system now, for the pool's recycling decision. */
const heapMb = () => Math.round(getHeapStatistics().total_heap_size / 2 ** 20);

process.on('message', (task: ThreadTask) => {
  void run(task).then(
    (value) => reply({ type: 'result', id: task.id, ok: true, value, heapMb: heapMb() }),
    (err: unknown) =>
      reply({ type: 'result', id: task.id, ok: false, error: serializeThreadError(err), heapMb: heapMb() }),
  );
});

void (async () => {
  if (ruleset) await ruleset.then(warmUpRulesInSlices).catch(() => undefined);
  reply({ type: 'ready' });
})();
