// `refund-tracker analyze --explain`: per finding the rule, the text it matched and where. The
// formatting is tested directly; then the built CLI as a user runs it, with rule packs from the
// command line and from RULES_PATH, a bad pack, and a hostile message against a catastrophic pattern.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AnalysisRecord,
  type Explanation,
  explainFile,
  formatExplanation,
} from '../../src/cli/analyze-command.js';
import { terminalSafe } from '../../src/reports/escape.js';
import { explanationOf } from '../../src/rules/analysis-record.js';
import { analyze } from '../../src/rules/analyze.js';
import { combineRulePacks, loadRulePack } from '../../src/rules/rule-pack.js';
import { CLI, runCli } from '../support/cli.js';
import { message } from './rules/message.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const GTBUY_PACK = join(ROOT, 'examples', 'rules', 'gtbuy.yaml');
const SEED_04 = join(FIXTURES, 'seed', '04-refund-confirmation.eml');

const gtbuyRuleset = async (file = 'rules/gtbuy.yaml') =>
  combineRulePacks([loadRulePack(await readFile(GTBUY_PACK, 'utf8'), file)]);

/** A record as analyze produces it, with the reasons under test. */
function record(reasons: Extract<AnalysisRecord, { ok: true }>['reasons'], contactPerson: string | null = null) {
  return {
    file: 'x.eml',
    ok: true as const,
    caseNumber: 'GTB-2023-5876',
    orderNumber: 'GT20231012-88431',
    issueDescription: null,
    channel: 'email' as const,
    direction: 'from_support' as const,
    contactPerson,
    summary: '…',
    nextSteps: null,
    nextStepsDue: null,
    resolution: {
      outcome: 'full_refund',
      amount: 129.99,
      currency: 'USD',
      transactionId: 'TXN781345',
      confidence: 0.97,
    },
    original: { from: 'refunds@gtbuy.com', date: null, subject: 's', messageId: null },
    forwardedBy: 'alice@example.net',
    reasons,
  };
}

describe('formatExplanation', () => {
  it('one aligned line per finding: field, value, rule (with its pack), location, matched text', async () => {
    const explanation: Explanation = {
      record: record([
        { rule: 'case-number/labelled', field: 'caseNumber', matched: 'Case GTB-2023-5876', location: 'subject' },
        {
          rule: 'order-number/labelled',
          field: 'orderNumber',
          matched: 'order GT20231012-88431',
          location: 'quoted_text',
        },
        {
          rule: 'direction/sender-is-not-forwarder',
          field: 'direction',
          matched: 'refunds@gtbuy.com',
          location: 'forward_header',
        },
        {
          rule: 'resolution/pack:gtbuy-amount-refunded',
          field: 'resolution',
          matched: 'Amount refunded:\n  $129.99 USD',
          location: 'new_text',
        },
      ]),
      alsoMatched: [
        {
          rule: 'case-number/format:gtbuy-case',
          field: 'caseNumber',
          matched: 'GTB-2023-5876',
          location: 'new_text',
          value: 'GTB-2023-5876',
        },
      ],
    };
    expect(formatExplanation(explanation, await gtbuyRuleset())).toBe(
      [
        'x.eml  (from refunds@gtbuy.com, forwarded by alice@example.net)',
        '  caseNumber      GTB-2023-5876           case-number/labelled                                      subject         "Case GTB-2023-5876"',
        '    also matched  GTB-2023-5876           case-number/format:gtbuy-case [rules/gtbuy.yaml]          new text        "GTB-2023-5876"',
        '  orderNumber     GT20231012-88431        order-number/labelled                                     quoted text     "order GT20231012-88431"',
        '  direction       from_support            direction/sender-is-not-forwarder                         forward header  "refunds@gtbuy.com"',
        '  resolution      full_refund 129.99 USD  resolution/pack:gtbuy-amount-refunded [rules/gtbuy.yaml]  new text        "Amount refunded: $129.99 USD"',
        '  no rule matched: issueDescription, channel (default email), contactPerson, nextSteps',
        '',
      ].join('\n'),
    );
  });

  it('rejected resolutions with why, and the sentences set aside before the rules ran', async () => {
    const text = [
      'Your refund of $42.00 will be issued once we receive the returned item.',
      '',
      'This email was sent from a notification-only address that cannot accept incoming email.',
    ].join('\n');
    const m = message({ subject: 'Ticket #772190', text });
    const ruleset = await gtbuyRuleset();
    const explanation = explanationOf('x.eml', m, analyze(m, ruleset), { ruleset, customerAddresses: [] });
    expect(explanation.record).toMatchObject({ ok: true, resolution: null });
    expect(explanation.rejected).toEqual([
      expect.objectContaining({ sentence: expect.stringContaining('once we receive'), why: expect.any(String) }),
    ]);
    expect(explanation.setAside).toEqual([
      expect.objectContaining({ class: 'no_reply', sentence: expect.stringContaining('notification-only') }),
    ]);
    const out = formatExplanation(explanation, ruleset);
    expect(out).toMatch(/^ {2}rejected resolutions:\n {4}full_refund {2}resolution\/\S+ {2}".*once we receive.*": \S/m);
    expect(out).toMatch(
      /^ {2}set aside before the rules ran:\n {4}no_reply {2}"This email was sent from a notification-only/m,
    );
  });

  it('a file that could not be analyzed', () => {
    expect(
      formatExplanation(
        { record: { file: 'bad.eml', ok: false, error: 'not_mime: …' }, alsoMatched: [] },
        {
          name: 'none',
          caseNumberFormats: [],
          resolutionPhrases: [],
        },
      ),
    ).toBe('bad.eml: ERROR not_mime: …\n');
  });

  it('mail text cannot drive the terminal: control characters are escaped or removed', async () => {
    const hostile = 'Case 1234\u001b[2J\u009b31m\u0007 done';
    const out = terminalSafe(
      formatExplanation(
        {
          record: record(
            [
              { rule: 'case-number/labelled', field: 'caseNumber', matched: hostile, location: 'subject' },
              { rule: 'contact-person/signature', field: 'contactPerson', matched: hostile, location: 'new_text' },
            ],
            `Eve\u001b]0;owned\u0007 Mallory`,
          ),
          alsoMatched: [],
        },
        await gtbuyRuleset(),
      ),
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('Eve Mallory');
    // JSON quoting shows ESC and BEL as text; the 8-bit CSI sequence (U+009B 31m) is removed whole.
    expect(out).toContain('"Case 1234\\u001b[2J\\u0007 done"');
  });

  it('on the seed refund confirmation with the example pack: the rules that found each value', async () => {
    const ruleset = await gtbuyRuleset();
    const explanation = await explainFile(SEED_04, { ruleset, maxBytes: 1024 * 1024, customerAddresses: [] });
    const out = formatExplanation(explanation, ruleset);
    expect(out).toMatch(
      /^04-refund-confirmation\.eml {2}\(from refunds@gtbuy\.com, forwarded by alice@example\.net\)$/m,
    );
    expect(out).toMatch(/^ {2}caseNumber +GTB-2023-5876 +case-number\/\S+ +subject +".*GTB-2023-5876"$/m);
    // The pack's format matched too, and lost to a more trusted rule: --explain shows it, with its file.
    expect(out).toMatch(
      /^ {4}also matched +GTB-2023-5876 +case-number\/format:gtbuy-case \[rules\/gtbuy\.yaml\] +subject +"GTB-2023-5876"$/m,
    );
    expect(out).toMatch(
      /^ {2}resolution +full_refund 129\.99 USD +resolution\/\S+( \[rules\/gtbuy\.yaml\])? +new text +"/m,
    );
  });

  it('a pack rule scoped to gtbuy.com does not show for the customer’s own mail', async () => {
    const ruleset = await gtbuyRuleset();
    const file = join(FIXTURES, 'seed', '02-customer-email.eml');
    const out = formatExplanation(
      await explainFile(file, { ruleset, maxBytes: 1024 * 1024, customerAddresses: [] }),
      ruleset,
    );
    expect(out).toMatch(/^ {2}caseNumber +GTB-2023-5876 /m);
    expect(out).not.toContain('gtbuy-case');
  });
});

function newestSource(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((d) =>
      d.isDirectory() ? newestSource(join(dir, d.name)) : statSync(join(dir, d.name)).mtimeMs,
    ),
  );
}

describe('refund-tracker analyze --explain (the built CLI)', () => {
  let dir: string;
  beforeAll(async () => {
    // `npm test` builds first; `vitest run test/unit` alone may find dist/ older than src/.
    if (!existsSync(CLI) || statSync(CLI).mtimeMs < newestSource(join(ROOT, 'src'))) {
      try {
        execFileSync(
          process.execPath,
          [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
          {
            cwd: ROOT,
            stdio: 'ignore',
          },
        );
      } catch {
        // tsc exits non-zero on a type error but still emits; `npm run typecheck` is where types are judged.
      }
    }
    dir = await mkdtemp(join(tmpdir(), 'explain-'));
    // A rebuild with tsc takes longer than a hook's default 10 s.
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the rule packs, then per finding the rule, the location and the text', async () => {
    const run = await runCli(
      ['analyze', '--explain', '--rules', 'examples/rules/gtbuy.yaml', SEED_04],
      {},
      { cwd: ROOT },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Rule packs: built-in\n {2}examples\/rules\/gtbuy\.yaml \(gtbuy: 1 case-number format, 2 resolution phrases\)\n\n04-refund-confirmation\.eml /,
    );
    expect(run.stdout).toMatch(/^ {2}caseNumber +GTB-2023-5876 +case-number\/\S+ +subject +".*GTB-2023-5876"$/m);
    expect(run.stdout).toMatch(
      /^ {4}also matched +GTB-2023-5876 +case-number\/format:gtbuy-case \[examples\/rules\/gtbuy\.yaml\] /m,
    );
    expect(run.stdout).toMatch(/^ {2}resolution +full_refund 129\.99 USD +resolution\/\S+.* +new text +"/m);
  });

  it('with --json, standard output stays the contract and the packs go to standard error', async () => {
    const run = await runCli(
      ['analyze', '--json', '--explain', SEED_04],
      { RULES_PATH: 'examples/rules' },
      { cwd: ROOT },
    );
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '');
    expect(line).toMatchObject({ file: '04-refund-confirmation.eml', ok: true, caseNumber: 'GTB-2023-5876' });
    expect(line.reasons).toContainEqual(
      expect.objectContaining({
        field: 'caseNumber',
        location: 'subject',
        matched: expect.stringContaining('GTB-2023-5876'),
      }),
    );
    expect(run.stderr).toContain('examples/rules/gtbuy.yaml (gtbuy:');
    expect(run.stderr).toContain('examples/rules/nordcycle.json (nordcycle:');
  });

  it('a bad pack stops the command with exit 2 and a message naming the file, the rule and the problem', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, "name: bad\ncaseNumberFormats:\n  - name: shop-case\n    pattern: '(?<=Case )\\d+'\n");
    const run = await runCli(['analyze', '--explain', SEED_04], { RULES_PATH: `examples/rules,${bad}` }, { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `refund-tracker: ${bad}: caseNumberFormats[0] "shop-case": pattern: not a valid RE2 pattern: invalid perl operator: (?<= (lookahead and lookbehind are not supported: RE2 runs in linear time)\n`,
    );
  });

  it('a hostile 50 000-character message against catastrophic user patterns finishes', async () => {
    const pack = join(dir, 'hostile.yaml');
    await writeFile(
      pack,
      "name: hostile\ncaseNumberFormats:\n  - name: nested-a\n    pattern: '(a+)+$'\n  - name: nested-x\n    pattern: '(x+x+)+y'\n",
    );
    const mail = join(dir, 'hostile.eml');
    await writeFile(
      mail,
      `From: Shop <support@shop.example>\r\nTo: alice@example.net\r\nDate: Thu, 02 Nov 2023 09:47:00 +0000\r\n` +
        `Message-ID: <hostile@shop.example>\r\nSubject: ${'a'.repeat(50_000)}!\r\n\r\n${'x'.repeat(50_000)}\r\n`,
    );
    const run = await runCli(['analyze', '--explain', '--rules', pack, mail]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('hostile.eml  (from support@shop.example)');
  });
});
