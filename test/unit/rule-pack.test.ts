// Rule packs as data: loading YAML and JSON packs, the errors a pack author sees (each naming the
// file, the rule and the problem), duplicate names across packs, RULES_PATH and directories, and a
// domain-scoped case-number format applied to real parsed mail.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleFiles } from '../../src/cli/rule-files.js';
import { loadRulesPaths } from '../../src/config.js';
import { RefundTrackerError } from '../../src/errors.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { analyze } from '../../src/rules/analyze.js';
import { combineRulePacks, loadRulePack, RulePackError } from '../../src/rules/rule-pack.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples', 'rules');

const ACME_YAML = `# comments are fine
name: acme
caseNumberFormats:
  - name: acme-file
    pattern: 'ACM\\d{8}'
    domains: [Acme-Shop.com]
resolutionPhrases:
  - name: acme-credit
    pattern: 'voucher code \\w+ is ready'
    outcome: store_credit
`;

const ACME_JSON = JSON.stringify({
  name: 'acme',
  caseNumberFormats: [{ name: 'acme-file', pattern: 'ACM\\d{8}', domains: ['Acme-Shop.com'] }],
  resolutionPhrases: [{ name: 'acme-credit', pattern: 'voucher code \\w+ is ready', outcome: 'store_credit' }],
});

/** Whatever `run` throws, as a RulePackError (fails the test when it throws nothing or something else). */
function rulePackErrorOf(run: () => unknown): RulePackError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(RulePackError);
    return err as RulePackError;
  }
  throw new Error('expected a RulePackError, nothing was thrown');
}

describe('loadRulePack: valid packs', () => {
  it.each([
    ['acme.yaml', ACME_YAML],
    ['ACME.YML', ACME_YAML],
    ['acme.json', ACME_JSON],
    ['with-bom.json', `\uFEFF${ACME_JSON}`],
  ])('%s', (file, content) => {
    const pack = loadRulePack(content, file);
    expect(pack.name).toBe('acme');
    expect(pack.caseNumberFormats).toHaveLength(1);
    expect(pack.caseNumberFormats[0]).toMatchObject({ name: 'acme-file', source: file, domains: ['acme-shop.com'] });
    expect(pack.caseNumberFormats[0]?.pattern.matchAll('see ACM12345678 above').map((m) => m.text)).toEqual([
      'ACM12345678',
    ]);
    expect(pack.resolutionPhrases[0]).toMatchObject({
      name: 'acme-credit',
      outcome: 'store_credit',
      domains: null,
      source: file,
    });
    expect(pack.resolutionPhrases[0]?.pattern.test('Your voucher code X12 is ready.')).toBe(true);
  });

  it('a pack may leave out either list', () => {
    const pack = loadRulePack('name: only-phrases\nresolutionPhrases: []\n', 'p.yaml');
    expect(pack).toMatchObject({ name: 'only-phrases', caseNumberFormats: [], resolutionPhrases: [] });
  });

  it.each(['gtbuy.yaml', 'nordcycle.json'])('the example pack examples/rules/%s loads', async (file) => {
    const pack = loadRulePack(await readFile(join(EXAMPLES, file), 'utf8'), file);
    expect(pack.caseNumberFormats.length + pack.resolutionPhrases.length).toBeGreaterThan(0);
  });
});

describe('loadRulePack: every error names the file, the rule and the problem', () => {
  const pack = (rules: string) => `name: shop\ncaseNumberFormats:\n${rules}`;
  it.each([
    {
      what: 'YAML syntax error, with its line',
      file: 'shop.yaml',
      content: 'name: shop\ncaseNumberFormats:\n  - name: a\n    pattern: [unclosed\n  - name: b\n',
      rule: null,
      problem: /YAML syntax error at line \d+, column \d+: .*end with a \]/,
    },
    {
      what: 'YAML key given twice',
      file: 'shop.yaml',
      content: 'name: shop\nname: again\n',
      rule: null,
      problem: /YAML syntax error at line 2, column 1: Map keys must be unique/,
    },
    {
      what: 'JSON syntax error, with its line',
      file: 'shop.json',
      content: '{\n  "name": "shop",\n  "caseNumberFormats": [,]\n}\n',
      rule: null,
      problem: /JSON syntax error at line 3, column \d+: /,
    },
    {
      what: 'a rule without a name, named by its index',
      file: 'shop.yaml',
      content: pack("  - name: first\n    pattern: 'A\\d+'\n  - pattern: 'B\\d+'\n"),
      rule: 'caseNumberFormats[1]',
      problem: /^name is required$/,
    },
    {
      what: 'an outcome that does not exist',
      file: 'shop.yaml',
      content:
        "name: shop\nresolutionPhrases:\n  - name: shop-done\n    pattern: 'refund done'\n    outcome: refunded\n",
      rule: 'resolutionPhrases[0] "shop-done"',
      problem: /^outcome: .*"full_refund"/,
    },
    {
      what: 'a misspelt key (domain for domains)',
      file: 'shop.yaml',
      content: pack("  - name: shop-case\n    pattern: 'S\\d+'\n    domain: shop.com\n"),
      rule: 'caseNumberFormats[0] "shop-case"',
      problem: /Unrecognized key: "domain"/,
    },
    {
      what: 'a domain that is not one',
      file: 'shop.yaml',
      content: pack("  - name: shop-case\n    pattern: 'S\\d+'\n    domains: [shop]\n"),
      rule: 'caseNumberFormats[0] "shop-case"',
      problem: /^domains\[0\]: must be a domain such as gtbuy\.com$/,
    },
    {
      what: 'a lookbehind (RE2 refuses it)',
      file: 'shop.yaml',
      content: pack("  - name: shop-case\n    pattern: '(?<=Case )\\d+'\n"),
      rule: 'caseNumberFormats[0] "shop-case"',
      problem:
        /^pattern: not a valid RE2 pattern: invalid perl operator: \(\?<= \(lookahead and lookbehind are not supported/,
    },
    {
      what: 'a backreference (RE2 refuses it)',
      file: 'shop.json',
      content: JSON.stringify({ name: 'shop', caseNumberFormats: [{ name: 'twice', pattern: '(\\d)\\1' }] }),
      rule: 'caseNumberFormats[0] "twice"',
      problem: /^pattern: not a valid RE2 pattern: invalid escape sequence: \\1 \(backreferences are not supported/,
    },
    {
      what: 'a syntax error in a pattern',
      file: 'shop.yaml',
      content: pack("  - name: shop-case\n    pattern: '[A-Z'\n"),
      rule: 'caseNumberFormats[0] "shop-case"',
      problem: /^pattern: not a valid RE2 pattern: missing \]/,
    },
    {
      what: 'a pattern over the length limit',
      file: 'shop.yaml',
      content: pack(`  - name: shop-case\n    pattern: '${'A'.repeat(501)}'\n`),
      rule: 'caseNumberFormats[0] "shop-case"',
      problem: /^pattern: too long: 501 characters, the limit is 500$/,
    },
    {
      what: 'a pattern that matches the empty string',
      file: 'shop.yaml',
      content: pack("  - name: shop-case\n    pattern: '\\d*'\n"),
      rule: 'caseNumberFormats[0] "shop-case"',
      problem: /^pattern: matches the empty string/,
    },
    {
      what: 'a name used twice in one file',
      file: 'shop.yaml',
      content: pack("  - name: shop-case\n    pattern: 'A\\d+'\n  - name: shop-case\n    pattern: 'B\\d+'\n"),
      rule: 'caseNumberFormats[1] "shop-case"',
      problem: /^name "shop-case" is already used by caseNumberFormats\[0\] in this file$/,
    },
    {
      what: 'no pack name',
      file: 'shop.yaml',
      content: "caseNumberFormats:\n  - name: shop-case\n    pattern: 'A\\d+'\n",
      rule: null,
      problem: /^name is required$/,
    },
    {
      what: 'a list instead of a pack',
      file: 'shop.yaml',
      content: "- name: shop-case\n  pattern: 'A\\d+'\n",
      rule: null,
      problem: /must hold one mapping with name, caseNumberFormats and resolutionPhrases/,
    },
    { what: 'an empty file', file: 'shop.yml', content: '', rule: null, problem: /the file is empty/ },
    {
      what: 'an unknown extension',
      file: 'shop.txt',
      content: 'name: shop\n',
      rule: null,
      problem: /unknown file type: a rule pack ends in \.yaml, \.yml or \.json/,
    },
  ])('$what', ({ file, content, rule, problem }) => {
    const err = rulePackErrorOf(() => loadRulePack(content, file));
    expect(err).toBeInstanceOf(RefundTrackerError);
    expect(err.code).toBe('rule_pack_invalid');
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file, rule });
    expect(err.problems[0]?.problem).toMatch(problem);
    // The message a user reads carries all three.
    expect(err.message).toBe(`${file}: ${rule ? `${rule}: ` : ''}${err.problems[0]?.problem}`);
  });

  it('lists every problem of a pack at once, one line each', () => {
    const content = [
      'name: shop',
      'caseNumberFormats:',
      "  - name: shop-case\n    pattern: '(?<=x)y'",
      "  - pattern: 'ok\\d+'",
      'resolutionPhrases:',
      "  - name: shop-done\n    pattern: 'done'\n    outcome: maybe",
    ].join('\n');
    const err = rulePackErrorOf(() => loadRulePack(content, 'packs/shop.yaml'));
    expect(err.problems.map((p) => p.rule)).toEqual([
      'caseNumberFormats[0] "shop-case"',
      'caseNumberFormats[1]',
      'resolutionPhrases[0] "shop-done"',
    ]);
    const lines = err.message.split('\n');
    expect(lines[0]).toBe('3 problems in rule packs:');
    expect(lines.slice(1).every((l) => l.startsWith('  packs/shop.yaml: '))).toBe(true);
  });
});

describe('combineRulePacks: names are unique across packs', () => {
  const pack = (file: string, caseFormat: string, phrase = 'p-unique') =>
    loadRulePack(
      `name: ${file.replace(/\..*$/, '')}\ncaseNumberFormats:\n  - name: ${caseFormat}\n    pattern: 'X\\d+'\nresolutionPhrases:\n  - name: ${phrase}\n    pattern: 'all done'\n    outcome: full_refund\n`,
      file,
    );

  it('built-in rules first, then each pack in order', () => {
    const merged = combineRulePacks([pack('a.yaml', 'a-case', 'a-done'), pack('b.yml', 'b-case', 'b-done')]);
    expect(merged.name).toBe('built-in + a + b');
    expect(merged.caseNumberFormats.map((f) => `${f.source}:${f.name}`)).toEqual([
      ...builtInRuleset.caseNumberFormats.map((f) => `built-in:${f.name}`),
      'a.yaml:a-case',
      'b.yml:b-case',
    ]);
    expect(merged.resolutionPhrases.map((p) => p.name)).toEqual([
      ...builtInRuleset.resolutionPhrases.map((p) => p.name),
      'a-done',
      'b-done',
    ]);
  });

  it('a name in two files is an error naming both files', () => {
    const err = rulePackErrorOf(() =>
      combineRulePacks([pack('rules/a.yaml', 'shop-case', 'a-done'), pack('rules/b.yaml', 'shop-case', 'b-done')]),
    );
    expect(err.code).toBe('rule_pack_invalid');
    expect(err.message).toBe(
      'rules/b.yaml: caseNumberFormats[0] "shop-case": the case-number format name "shop-case" is already used in rules/a.yaml; rule names must be unique',
    );
  });

  it('a pack cannot reuse the name of a built-in rule', () => {
    const builtIn = builtInRuleset.caseNumberFormats[0]?.name ?? '';
    const err = rulePackErrorOf(() => combineRulePacks([pack('mine.yaml', builtIn)]));
    expect(err.message).toContain(`mine.yaml: caseNumberFormats[0] "${builtIn}": `);
    expect(err.message).toContain('already used in a built-in rule');
  });

  it('a case-number format and a resolution phrase may share a name (their reasons differ)', () => {
    expect(() => combineRulePacks([pack('a.yaml', 'shop', 'shop')])).not.toThrow();
  });
});

describe('rule files: RULES_PATH, directories and --rules', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rule-packs-'));
    await mkdir(join(dir, 'packs'));
    await mkdir(join(dir, 'packs', 'nested.yaml')); // a directory with a pack's name is not a pack
    await writeFile(
      join(dir, 'packs', 'b.yaml'),
      "name: b\ncaseNumberFormats:\n  - name: b-case\n    pattern: 'B\\d+'\n",
    );
    await writeFile(
      join(dir, 'packs', 'a.json'),
      JSON.stringify({ name: 'a', caseNumberFormats: [{ name: 'a-case', pattern: 'A\\d+' }] }),
    );
    await writeFile(join(dir, 'packs', 'README.txt'), 'not a pack');
    await writeFile(join(dir, 'broken.yaml'), "name: broken\ncaseNumberFormats:\n  - name: x\n    pattern: '(a)\\1'\n");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('RULES_PATH is a comma-separated list; unset means no packs', () => {
    expect(loadRulesPaths({ RULES_PATH: ' rules/a.yaml, rules ,, /etc/rt ' })).toEqual([
      'rules/a.yaml',
      'rules',
      '/etc/rt',
    ]);
    expect(loadRulesPaths({})).toEqual([]);
    expect(loadRulesPaths({ RULES_PATH: '' })).toEqual([]);
  });

  it('a directory loads its *.yaml, *.yml and *.json files in name order; a file named twice loads once', async () => {
    const packs = join(dir, 'packs');
    const loaded = await loadRuleFiles([packs, join(packs, 'b.yaml')]);
    expect(loaded.packs).toEqual([
      `${join(packs, 'a.json')} (a: 1 case-number format, 0 resolution phrases)`,
      `${join(packs, 'b.yaml')} (b: 1 case-number format, 0 resolution phrases)`,
    ]);
    expect(loaded.ruleset.caseNumberFormats.map((f) => f.name).slice(-2)).toEqual(['a-case', 'b-case']);
  });

  it('no packs: the built-in rules alone', async () => {
    const loaded = await loadRuleFiles([]);
    expect(loaded.packs).toEqual([]);
    expect(loaded.ruleset.caseNumberFormats).toEqual(builtInRuleset.caseNumberFormats);
  });

  it.each([
    ['a missing path', 'missing.yaml', 'missing.yaml: no such file or directory'],
    ['a broken pack', 'broken.yaml', 'broken.yaml: caseNumberFormats[0] "x": pattern: not a valid RE2 pattern'],
  ])('%s stops loading with a RulePackError naming it', async (_what, name, message) => {
    const path = join(dir, name);
    const err = await loadRuleFiles([join(dir, 'packs'), path]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RulePackError);
    expect((err as Error).message).toContain(join(dir, message));
  });
});

describe('a case-number format scoped to a domain applies only to mail from that domain', () => {
  const ruleset = combineRulePacks([loadRulePack(ACME_YAML, 'acme.yaml')]);
  const mail = (from: string) =>
    Buffer.from(
      [
        `From: Support <${from}>`,
        'To: Alice Martin <alice@example.net>',
        'Date: Thu, 02 Nov 2023 09:47:00 +0000',
        'Message-ID: <scoped-1@example.org>',
        'Subject: About your parcel',
        '',
        'Hello Alice,',
        '',
        'Your file ACM20231102 is with our warehouse team, who will write to you soon.',
        '',
        'Kind regards',
        '',
      ].join('\r\n'),
    );
  const analyzed = async (from: string, rules = ruleset) =>
    analyze(await parseInboundMessage(mail(from), { maxBytes: 1024 * 1024 }), rules, {
      customerAddresses: ['alice@example.net'],
    });

  it.each([
    ['support@acme-shop.com', 'ACM20231102'],
    ['help@mail.acme-shop.com', 'ACM20231102'], // a subdomain counts
    ['support@ACME-SHOP.COM', 'ACM20231102'],
    ['support@other-shop.com', null],
    ['support@notacme-shop.com', null], // a suffix of the name is not the domain
  ])('from %s → %s', async (from, expected) => {
    const findings = await analyzed(from);
    expect(findings.caseNumber).toBe(expected);
    if (expected) {
      expect(findings.reasons).toContainEqual({
        rule: 'case-number/format:acme-file',
        field: 'caseNumber',
        matched: expected,
        location: 'new_text',
      });
    }
  });

  it('without the pack the built-in rules find nothing in the same mail', async () => {
    expect((await analyzed('support@acme-shop.com', builtInRuleset)).caseNumber).toBeNull();
  });
});
