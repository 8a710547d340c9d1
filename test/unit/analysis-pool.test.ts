// The analysis pool (workers/analysis-pool.ts): its threads give what parseInboundMessage and analyze
// give in this thread, errors keep their class across, a dead or stuck thread fails only its own task
// and is replaced, and the main thread's event loop stays free while the threads parse the hostile set.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { QuarantineError } from '../../src/errors.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { analyze } from '../../src/rules/analyze.js';
import { combineRulePacks, loadRulePack } from '../../src/rules/rule-pack.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';
import { AnalysisPool, AnalysisThreadCrashedError, LARGE_TASK_BYTES } from '../../src/workers/analysis-pool.js';
import { FIXTURES, fixture, quietLogger } from '../support/harness.js';
import { forwardWithAttachment, HOSTILE_KINDS, hostileMail, oneParagraph } from '../support/hostile-mail.js';

const MAX_BYTES = 30 * 1024 * 1024;
const CUSTOMERS = ['alice@example.net'];

const pools: AnalysisPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
function startPool(options: Partial<ConstructorParameters<typeof AnalysisPool>[0]> = {}): AnalysisPool {
  const pool = new AnalysisPool({ rules: { kind: 'built-in' }, logger: quietLogger(), ...options });
  pools.push(pool);
  return pool;
}

/** The processes whose parent is `parent` (Linux /proc). */
function childPids(parent: number): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .flatMap((e) => {
      try {
        const stat = readFileSync(`/proc/${e}/stat`, 'latin1');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent ? [Number(e)] : [];
      } catch {
        return [];
      }
    });
}

/** A spread of fixtures: every mail client and language family of the corpus, forwards, HTML-only, attached. */
const FIXTURE_FILES = [
  ...readdirSync(join(FIXTURES, 'corpus'))
    .filter((f) => f.endsWith('.eml'))
    .filter((_, i) => i % 6 === 0)
    .map((f) => `corpus/${f}`),
  'forwards/gmail-html-only.eml',
  'forwards/attached-nested.eml',
  'forwards/auto-forward-resent.eml',
  'forwards/apple-mail-french.eml',
];

describe('analysis pool', () => {
  it('parses and analyses as this thread does, fixture by fixture', async () => {
    expect(FIXTURE_FILES.length).toBeGreaterThanOrEqual(12);
    const pool = startPool({ threads: 2 });
    for (const file of FIXTURE_FILES) {
      const raw = fixture(file);
      const options = { maxBytes: MAX_BYTES, receivedAt: new Date('2023-11-03T10:00:00Z') };
      const here = await parseInboundMessage(raw, options);
      const there = await pool.parse(raw, options);
      expect(there, file).toEqual(here);
      const analyzeOptions = { customerAddresses: CUSTOMERS, senderTemplate: new Set<string>() };
      expect(await pool.analyze(there, analyzeOptions), file).toEqual(analyze(here, builtInRuleset, analyzeOptions));
    }
  });

  it('analyses with the rule files it was given, as the worker does with the same files', async () => {
    const pack = join(FIXTURES, '..', '..', 'examples', 'rules', 'gtbuy.yaml');
    const pool = startPool({ threads: 1, rules: { kind: 'files', paths: [pack] } });
    const { readFile } = await import('node:fs/promises');
    const ruleset = combineRulePacks([loadRulePack(await readFile(pack, 'utf8'), pack)]);
    const message = await parseInboundMessage(fixture('corpus/001-gmail-en-shopriver-refund-processed.eml'), {
      maxBytes: MAX_BYTES,
    });
    const gtbuy = {
      ...message,
      original: {
        ...message.original,
        from: { address: 'refunds@gtbuy.com', name: 'GTBuy' },
        text: 'Hello Alice,\n\nWe looked at GTB-2023-5876 again. The case was closed without a refund.\n\nGTBuy Support',
      },
    };
    const here = analyze(gtbuy, ruleset, { customerAddresses: CUSTOMERS });
    expect(here.reasons.some((r) => r.rule.includes('gtbuy'))).toBe(true);
    expect(await pool.analyze(gtbuy, { customerAddresses: CUSTOMERS })).toEqual(here);
  });

  it('a QuarantineError thrown in a thread arrives as a QuarantineError with its reason and message', async () => {
    const pool = startPool({ threads: 1 });
    const notMime = pool.parse(fixture('bad/not-mime.eml'), { maxBytes: MAX_BYTES });
    await expect(notMime).rejects.toBeInstanceOf(QuarantineError);
    await expect(notMime).rejects.toMatchObject({ reason: 'not_mime', code: 'quarantine_not_mime' });
    const local = await parseInboundMessage(fixture('bad/not-mime.eml'), { maxBytes: MAX_BYTES }).catch((e) => e);
    await expect(notMime).rejects.toThrow((local as Error).message);
    const tooLarge = pool.parse(fixture('bad/not-mime.eml'), { maxBytes: 10 });
    await expect(tooLarge).rejects.toMatchObject({ name: 'QuarantineError', reason: 'too_large' });
  });

  it('a task that overruns its time kills its thread only: that task fails as a crash, the next one is served', async () => {
    const pool = startPool({ threads: 1, taskTimeoutMs: 250 });
    await pool.whenReady();
    // Eight 1 MB paragraphs: seconds of parsing, far over the 250 ms budget; a fixture takes milliseconds.
    const hostile = pool.parse(forwardWithAttachment('HX-1', 'timeout', 0, oneParagraph(8 * 1024 * 1024)), {
      maxBytes: MAX_BYTES,
    });
    await expect(hostile).rejects.toBeInstanceOf(AnalysisThreadCrashedError);
    expect(pool.stats().crashes).toBe(1);
    // The replacement warms its rules first; the small parse must not be charged for that.
    await pool.whenReady();
    const small = await pool.parse(fixture('corpus/001-gmail-en-shopriver-refund-processed.eml'), {
      maxBytes: MAX_BYTES,
    });
    expect(small.original.text).toContain('refund');
  });

  it('a mail over the heap limit kills its thread, not the process; the pool goes on', async () => {
    // A parse-only pool (no rules to warm), with a heap far too small for 24 MB of text: strings live
    // on the heap, where an attachment's bytes would not.
    const pool = startPool({
      threads: 1,
      rules: null,
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
    });
    const huge = forwardWithAttachment('HX-2', 'oom', 0, oneParagraph(24 * 1024 * 1024));
    const crash = pool.parse(huge, { maxBytes: 64 * 1024 * 1024 });
    await expect(crash).rejects.toBeInstanceOf(AnalysisThreadCrashedError);
    // One line that says why (V8's report, with its native stack, stays out of the log).
    await expect(crash).rejects.toThrow(/^the analysis thread died: JS heap out of memory \(limit 32 MB\)$/);
    const small = await pool.parse(fixture('corpus/001-gmail-en-shopriver-refund-processed.eml'), {
      maxBytes: MAX_BYTES,
    });
    expect(small.original.text.length).toBeGreaterThan(0);
    expect(pool.stats()).toMatchObject({ threads: 1, crashes: 1 });
  });

  it('a thread is a process of its own, and none of the worker’s secrets reach it', async () => {
    const saved = process.env.IMAP_PASSWORD;
    process.env.IMAP_PASSWORD = 'imap-secret-for-this-test';
    let pool: AnalysisPool;
    try {
      pool = startPool({ threads: 1, minThreads: 1, rules: null });
      await pool.whenLoaded();
    } finally {
      if (saved === undefined) delete process.env.IMAP_PASSWORD;
      else process.env.IMAP_PASSWORD = saved;
    }
    const children = childPids(process.pid).filter((pid) =>
      readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('analysis-thread'),
    );
    expect(children).toHaveLength(1);
    const environ = readFileSync(`/proc/${children[0]}/environ`, 'latin1').split('\0');
    expect(environ.some((v) => v.startsWith('PATH='))).toBe(true);
    expect(environ.filter((v) => v.includes('imap-secret-for-this-test'))).toEqual([]);
    await pool.close();
    expect(existsSync(`/proc/${children[0]}`)).toBe(false);
  });

  it('large tasks hold at most threads - 1 threads: a small one runs while they wait', async () => {
    const pool = startPool({ threads: 2 });
    await pool.whenReady();
    const big = hostileMail('text-1mb-paragraph', 'HX-3', 'lanes');
    expect(big.length).toBeGreaterThan(LARGE_TASK_BYTES);
    const large = [1, 2, 3].map(() => pool.parse(big, { maxBytes: MAX_BYTES }));
    // Settled below; handled now so a failure above does not also report them as unhandled.
    for (const p of large) p.catch(() => undefined);
    expect(pool.stats()).toMatchObject({ busyLarge: 1, waitingLarge: 2 });
    const small = await pool.parse(fixture('corpus/001-gmail-en-shopriver-refund-processed.eml'), {
      maxBytes: MAX_BYTES,
    });
    expect(small.original.text).toContain('refund');
    // The small one came back while large ones were still waiting or running.
    const stats = pool.stats();
    expect(stats.busyLarge + stats.waitingLarge).toBeGreaterThanOrEqual(2);
    await Promise.all(large);
  });

  it('starts threads up to `threads` while tasks wait, and ends those above minThreads once idle', async () => {
    const pool = startPool({ threads: 3, minThreads: 1, idleRetireMs: 300 });
    await pool.whenReady();
    expect(pool.stats().threads).toBe(1);
    const raw = fixture('corpus/001-gmail-en-shopriver-refund-processed.eml');
    const parses = [1, 2, 3].map(() => pool.parse(raw, { maxBytes: MAX_BYTES }));
    expect(pool.stats()).toMatchObject({ threads: 3, busy: 3, waitingSmall: 0 });
    await Promise.all(parses);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(pool.stats()).toMatchObject({ threads: 1, crashes: 0 });
    // The one left still serves.
    expect((await pool.parse(raw, { maxBytes: MAX_BYTES })).original.text).toContain('refund');
  });

  it("the main thread's event loop stays free while the threads parse and analyse the hostile set", async () => {
    const pool = startPool();
    await pool.whenReady();
    const mails = HOSTILE_KINDS.map((kind, i) => hostileMail(kind, `HX-${10 + i}`, 'delay'));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await Promise.all(
      mails.map(async (raw) => {
        const message = await pool.parse(raw, { maxBytes: MAX_BYTES });
        await pool.analyze(message, { customerAddresses: CUSTOMERS });
      }),
    );
    delay.disable();
    // Speed targets live in the benchmark; this only proves nothing heavy ran here (in-thread: ~1 s).
    expect(delay.max / 1e6).toBeLessThan(500);
  });
});
