import { describe, expect, it } from 'vitest';
import {
  AUTO_CLOSE_CONFIDENCE,
  type CaseIdentityFacts,
  decideCaseIdentity,
  decideOrderSettlement,
  decideResolution,
  normalizeMessageId,
  threadIdsOf,
} from '../../../src/rules/case-decision.js';
import type { Findings, ResolutionFinding } from '../../../src/rules/findings.js';

const facts = (over: Partial<CaseIdentityFacts>): CaseIdentityFacts => ({
  caseNumber: null,
  orderNumber: null,
  casesWithOrder: [],
  numberedCaseExists: false,
  threadCase: null,
  ...over,
});
const at = (d: number) => new Date(Date.UTC(2026, 2, d, 9));

describe('decideCaseIdentity: which case a message belongs to', () => {
  it.each([
    [
      'a case number opens or attaches to that case',
      facts({ caseNumber: 'GTB-2023-5876' }),
      ['GTB-2023-5876', 'case_number', null],
    ],
    [
      'a case number wins over the thread and another case holding the order',
      facts({
        caseNumber: 'GTB-2023-5876',
        orderNumber: 'GT-88431',
        casesWithOrder: [{ caseNumber: 'GTB-2023-1111', lastMessageAt: at(1) }],
        threadCase: 'GTB-2023-2222',
      }),
      ['GTB-2023-5876', 'case_number', null],
    ],
    [
      "a case number renames the owner's order case for the same order",
      facts({
        caseNumber: 'CS-77',
        orderNumber: '112-4455667-1234567',
        casesWithOrder: [{ caseNumber: 'order:112-4455667-1234567', lastMessageAt: at(1) }],
      }),
      ['CS-77', 'case_number', { caseNumber: 'order:112-4455667-1234567', into: 'CS-77', renamed: true }],
    ],
    [
      'a case number merges the order case into an existing numbered case',
      facts({
        caseNumber: 'CS-77',
        orderNumber: '112-4455667-1234567',
        numberedCaseExists: true,
        casesWithOrder: [
          { caseNumber: 'CS-77', lastMessageAt: at(2) },
          { caseNumber: 'order:112-4455667-1234567', lastMessageAt: at(1) },
        ],
      }),
      ['CS-77', 'case_number', { caseNumber: 'order:112-4455667-1234567', into: 'CS-77', renamed: false }],
    ],
    [
      'an order case of another order is left alone',
      facts({
        caseNumber: 'CS-77',
        orderNumber: 'A-2',
        casesWithOrder: [{ caseNumber: 'order:A-1', lastMessageAt: at(1) }],
      }),
      ['CS-77', 'case_number', null],
    ],
    [
      'only an order number: the case that already has that order',
      facts({ orderNumber: 'A-1', casesWithOrder: [{ caseNumber: 'CS-1', lastMessageAt: at(1) }] }),
      ['CS-1', 'order_number', null],
    ],
    [
      'only an order number: a merchant-numbered case before an order-keyed one',
      facts({
        orderNumber: 'A-1',
        casesWithOrder: [
          { caseNumber: 'order:A-1', lastMessageAt: at(5) },
          { caseNumber: 'CS-1', lastMessageAt: at(1) },
        ],
      }),
      ['CS-1', 'order_number', null],
    ],
    [
      'only an order number: of two numbered cases, the most recently active',
      facts({
        orderNumber: 'A-1',
        casesWithOrder: [
          { caseNumber: 'CS-1', lastMessageAt: at(1) },
          { caseNumber: 'CS-2', lastMessageAt: at(3) },
        ],
      }),
      ['CS-2', 'order_number', null],
    ],
    [
      'only an order number and no case has it: a case keyed by the order',
      facts({ orderNumber: '112-4455667-1234567' }),
      ['order:112-4455667-1234567', 'new_order_case', null],
    ],
    [
      'an order number no case has, in reply to a logged message: the thread',
      facts({ orderNumber: '112-4455667-1234567', threadCase: 'CS-9' }),
      ['CS-9', 'thread', null],
    ],
    [
      'an order number a case has wins over the thread',
      facts({ orderNumber: 'A-1', casesWithOrder: [{ caseNumber: 'CS-1', lastMessageAt: at(1) }], threadCase: 'CS-9' }),
      ['CS-1', 'order_number', null],
    ],
    ['no number: the case of the message it answers', facts({ threadCase: 'CS-9' }), ['CS-9', 'thread', null]],
    [
      'no number, answering a message of an order case',
      facts({ threadCase: 'order:A-1' }),
      ['order:A-1', 'thread', null],
    ],
  ] as const)('%s', (_, input, [caseNumber, by, mergeFrom]) => {
    const identity = decideCaseIdentity(input);
    expect(identity).toEqual({
      caseNumber,
      keyKind: caseNumber.startsWith('order:') ? 'order' : 'case',
      by,
      mergeFrom,
    });
  });

  it('nothing to go by: null (the worker quarantines it as no_case_number)', () => {
    expect(decideCaseIdentity(facts({}))).toBeNull();
  });

  it('the same facts in any order give the same case', () => {
    const candidates = [
      { caseNumber: 'CS-1', lastMessageAt: at(2) },
      { caseNumber: 'CS-0', lastMessageAt: at(2) },
      { caseNumber: 'order:A-1', lastMessageAt: at(9) },
    ];
    const one = decideCaseIdentity(facts({ orderNumber: 'A-1', casesWithOrder: candidates }));
    const two = decideCaseIdentity(facts({ orderNumber: 'A-1', casesWithOrder: [...candidates].reverse() }));
    expect(one?.caseNumber).toBe('CS-0');
    expect(two).toEqual(one);
  });
});

describe('decideOrderSettlement: the check after the write, for two workers racing', () => {
  it.each([
    ['no order case: nothing to merge', [{ caseNumber: 'CS-1', lastMessageAt: at(1) }], null],
    ['the order case alone: nothing to merge into', [{ caseNumber: 'order:A-1', lastMessageAt: at(1) }], null],
    [
      'the order case and a numbered case with the order: merge',
      [
        { caseNumber: 'order:A-1', lastMessageAt: at(3) },
        { caseNumber: 'CS-1', lastMessageAt: at(1) },
      ],
      { from: 'order:A-1', into: 'CS-1' },
    ],
    [
      'two numbered cases: into the most recently active',
      [
        { caseNumber: 'CS-1', lastMessageAt: at(1) },
        { caseNumber: 'order:A-1', lastMessageAt: at(3) },
        { caseNumber: 'CS-2', lastMessageAt: at(2) },
      ],
      { from: 'order:A-1', into: 'CS-2' },
    ],
  ] as const)('%s', (_, candidates, expected) => {
    expect(decideOrderSettlement('A-1', candidates)).toEqual(expected);
  });
});

describe('threadIdsOf: the ids a reply points at', () => {
  it('In-Reply-To first, then References newest first, normalised and without repeats', () => {
    expect(
      threadIdsOf({
        inReplyTo: '<B@Mail.Shop.example>',
        references: ['<a@mail.shop.example>', '<b@mail.shop.example>'],
      }),
    ).toEqual(['<b@mail.shop.example>', '<a@mail.shop.example>']);
  });

  it('nothing to follow: empty', () => {
    expect(threadIdsOf({ inReplyTo: null, references: [] })).toEqual([]);
  });

  it('normalises bare and bracketed ids alike', () => {
    expect(normalizeMessageId(' ABC@x.example ')).toBe('<abc@x.example>');
    expect(normalizeMessageId('<ABC@x.example>')).toBe('<abc@x.example>');
  });
});

describe('decideResolution: close or suggest (invariant 4)', () => {
  const found = (over: Partial<ResolutionFinding> = {}): ResolutionFinding => ({
    outcome: 'full_refund',
    rule: 'resolution/refund',
    amount: 129.99,
    currency: 'USD',
    transactionId: 'TXN781345',
    confidence: 0.97,
    sentence: 'Your refund of $129.99 has been processed.',
    location: 'new_text',
    ...over,
  });
  const source = { messageKey: 'mid:<r1@gtbuy.example>', occurredAt: at(4) };
  type Input = Pick<Findings, 'resolution' | 'reportedResolution' | 'direction'>;

  it.each<[string, Input, 'close' | 'suggest' | 'none']>([
    ['support, new text, confident: closes', { direction: 'from_support', resolution: found() }, 'close'],
    [
      'exactly at the threshold: closes',
      { direction: 'from_support', resolution: found({ confidence: AUTO_CLOSE_CONFIDENCE }) },
      'close',
    ],
    [
      'below the threshold (a refund with no amount): suggests',
      { direction: 'from_support', resolution: found({ confidence: 0.8, amount: null }) },
      'suggest',
    ],
    [
      'in quoted history: suggests',
      { direction: 'from_support', resolution: found({ location: 'quoted_text' }) },
      'suggest',
    ],
    ["the customer's own message: suggests", { direction: 'from_customer', resolution: found() }, 'suggest'],
    [
      "a customer's report of a decision: suggests",
      { direction: 'from_customer', resolution: null, reportedResolution: found() },
      'suggest',
    ],
    [
      'a reported resolution never closes, even marked support-side',
      { direction: 'from_support', resolution: null, reportedResolution: found() },
      'suggest',
    ],
    ['no resolution: neither', { direction: 'from_support', resolution: null }, 'none'],
  ])('%s', (_, input, expected) => {
    const decided = decideResolution(input, source);
    const kind = decided.resolution ? 'close' : decided.suggestion ? 'suggest' : 'none';
    expect(kind).toBe(expected);
    expect(decided.resolution && decided.suggestion).toBeNull();
    const recorded = decided.resolution ?? decided.suggestion;
    if (recorded) {
      expect(recorded).toMatchObject({ date: at(4), sourceMessageId: source.messageKey, outcome: 'full_refund' });
    }
  });
});
