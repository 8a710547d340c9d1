// The `analyze --json` record and the `--explain` candidates, built from a message and its findings
// (pure: no file, no clock), as the CLI, the corpus script and the worker's tests read them.
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../src/ingest/inbound-message.js';
import { alsoMatchedOf, analysisRecordOf, explanationOf } from '../../../src/rules/analysis-record.js';
import { analyze } from '../../../src/rules/analyze.js';
import { builtInRuleset, compileRuleset } from '../../../src/rules/ruleset.js';
import { FORWARDER, message } from './message.js';

const recordOf = (m: InboundMessage) => analysisRecordOf('x.eml', m, analyze(m, builtInRuleset));

describe('analysisRecordOf', () => {
  it.each([
    ['an inline forward', 'inline', FORWARDER],
    ['an attached forward', 'attachment', FORWARDER],
    ['an automatic forward', 'auto', FORWARDER],
    ['mail that arrived unforwarded', 'none', null],
  ] as const)('forwardedBy for %s', (_label, forward, expected) => {
    expect(recordOf(message({ text: 'Hello.', forward })).forwardedBy).toBe(expected);
  });

  it.each([
    ['a sender with an address', { address: 'refunds@gtbuy.com', name: 'GTBuy' }, 'refunds@gtbuy.com'],
    ['a sender without an address', { address: '', name: 'Undisclosed' }, null],
    ['no sender at all', null, null],
  ])('original.from for %s', (_label, from, expected) => {
    expect(recordOf(message({ text: 'Hello.', from })).original.from).toBe(expected);
  });

  it('the resolution keeps outcome, amount, currency, transaction and confidence; rule and sentence stay in reasons', () => {
    const m = message({
      subject: 'Case GTB-2023-5876',
      text: 'Your refund of $129.99 has been processed. Transaction ID: TXN781345.',
    });
    const findings = analyze(m, builtInRuleset);
    const record = analysisRecordOf('x.eml', m, findings);
    expect(findings.resolution).not.toBeNull();
    expect(Object.keys(record.resolution ?? {}).sort()).toEqual([
      'amount',
      'confidence',
      'currency',
      'outcome',
      'transactionId',
    ]);
    expect(record.resolution).toMatchObject({
      amount: findings.resolution?.amount,
      outcome: findings.resolution?.outcome,
    });
    expect(record.reasons).toContainEqual(
      expect.objectContaining({ field: 'resolution', rule: findings.resolution?.rule }),
    );
  });

  it('carries every field of the contract, in its order', () => {
    expect(Object.keys(recordOf(message({ text: 'Hello.' })))).toEqual([
      'file',
      'ok',
      'caseNumber',
      'orderNumber',
      'issueDescription',
      'channel',
      'direction',
      'contactPerson',
      'summary',
      'nextSteps',
      'nextStepsDue',
      'resolution',
      'original',
      'forwardedBy',
      'reasons',
    ]);
  });
});

describe('alsoMatchedOf', () => {
  const ruleset = compileRuleset({
    name: 'gtbuy',
    caseNumberFormats: [{ name: 'gtbuy-case', pattern: 'GTB-\\d{4}-\\d{4}' }],
  });
  const options = { ruleset, customerAddresses: [] };

  it.each([
    [
      'the chosen candidate is not repeated; a rule that lost is listed once',
      'Case GTB-2023-5876',
      'About GTB-2023-5876 and again GTB-2023-5876.',
      [{ rule: 'case-number/format:gtbuy-case', value: 'GTB-2023-5876', location: 'subject' }],
    ],
    ['a lone candidate leaves nothing', 'Refund status', 'Ticket #772190', []],
    [
      'Italian and Polish labels both found, the later one listed',
      'Numero pratica: PR-2023-44812',
      'Numer zgłoszenia: 5512078',
      [{ rule: 'case-number/labelled', value: '5512078', location: 'new_text' }],
    ],
  ])('%s', (_label, subject, text, expected) => {
    const found = alsoMatchedOf(message({ subject, text }), options);
    expect(found).toEqual(expected.map((e) => expect.objectContaining({ field: 'caseNumber', ...e })));
  });

  it('explanationOf pairs the record with the candidates', () => {
    const m = message({ subject: 'Case GTB-2023-5876', text: 'GTB-2023-5876' });
    const explanation = explanationOf('x.eml', m, analyze(m, ruleset), options);
    expect(explanation.record).toMatchObject({ ok: true, caseNumber: 'GTB-2023-5876' });
    expect(explanation.alsoMatched.map((c) => c.value)).toEqual(['GTB-2023-5876']);
  });
});
