import { describe, expect, it } from 'vitest';
import { caseAsOf, endOfLocalDay } from '../../../src/rules/case-as-of.js';
import type { ManualChange, PolicyEntry, PolicyResolution } from '../../../src/rules/case-policy.js';

const at = (iso: string) => new Date(iso);

const refund = (key: string, date: Date): PolicyResolution => ({
  date,
  outcome: 'full_refund',
  amount: 42.5,
  currency: 'EUR',
  transactionId: null,
  sourceMessageId: key,
  confidence: 0.95,
  sentence: 'We have refunded 42.50 EUR.',
  rule: 'resolution/refund',
});

const customer = (key: string, iso: string): PolicyEntry => ({
  messageKey: key,
  occurredAt: at(iso),
  direction: 'from_customer',
  channel: 'email',
  implies: 'awaiting_support',
  issueDescription: 'Blender arrived broken',
});

const support = (key: string, iso: string, extra: Partial<PolicyEntry> = {}): PolicyEntry => ({
  messageKey: key,
  occurredAt: at(iso),
  direction: 'from_support',
  channel: 'email',
  implies: 'awaiting_customer',
  merchant: 'shop.example',
  ...extra,
});

const opened = customer('<c1@mail.example>', '2026-03-02T10:00:00Z');
const asked = support('<s1@shop.example>', '2026-03-03T09:00:00Z');
const refundedAt = at('2026-03-06T08:00:00Z');
const refunded = support('<s2@shop.example>', refundedAt.toISOString(), {
  resolution: refund('<s2@shop.example>', refundedAt),
});
const suggestedAt = at('2026-03-04T12:00:00Z');
const suggested = support('<s3@shop.example>', suggestedAt.toISOString(), {
  implies: 'awaiting_support',
  suggestedResolution: { ...refund('<s3@shop.example>', suggestedAt), outcome: 'store_credit', confidence: 0.6 },
});
const userClose: ManualChange = {
  key: 'manual:close',
  at: at('2026-03-05T18:00:00Z'),
  action: 'close',
  by: 'alice@example.com',
  via: 'cli',
  resolution: { ...refund('manual:close', at('2026-03-05T18:00:00Z')), outcome: 'replacement', rule: null },
};

describe('caseAsOf', () => {
  const table: {
    name: string;
    entries: PolicyEntry[];
    changes?: ManualChange[];
    instant: string;
    status: string | null;
    outcome?: string | null;
    suggestion?: string | null;
  }[] = [
    {
      name: 'before the first entry: no case',
      entries: [opened, asked],
      instant: '2026-03-02T09:59:59.999Z',
      status: null,
    },
    {
      name: 'at the first entry (inclusive)',
      entries: [opened, asked],
      instant: '2026-03-02T10:00:00Z',
      status: 'awaiting_support',
      outcome: null,
    },
    {
      name: 'after the reply: waits for the customer',
      entries: [opened, asked, refunded],
      instant: '2026-03-04T00:00:00Z',
      status: 'awaiting_customer',
      outcome: null,
    },
    {
      name: 'a resolution dated later does not count yet',
      entries: [opened, refunded, asked],
      instant: '2026-03-05T23:59:59.999Z',
      status: 'awaiting_customer',
      outcome: null,
    },
    {
      name: 'the resolution counts from its own date',
      entries: [opened, asked, refunded],
      instant: '2026-03-06T08:00:00Z',
      status: 'resolved',
      outcome: 'full_refund',
    },
    {
      name: 'a suggestion shows only once dated',
      entries: [opened, asked, suggested],
      instant: '2026-03-04T11:59:59Z',
      status: 'awaiting_customer',
      suggestion: null,
    },
    {
      name: 'a suggestion after its date',
      entries: [opened, asked, suggested],
      instant: '2026-03-04T12:00:00Z',
      status: 'awaiting_support',
      suggestion: 'store_credit',
    },
    {
      name: 'a user close dated later does not count yet',
      entries: [opened, asked],
      changes: [userClose],
      instant: '2026-03-05T17:59:59Z',
      status: 'awaiting_customer',
      outcome: null,
    },
    {
      name: 'a user close counts from its date',
      entries: [opened, asked],
      changes: [userClose],
      instant: '2026-03-05T18:00:00Z',
      status: 'resolved',
      outcome: 'replacement',
    },
  ];
  it.each(table)('$name', ({ entries, changes, instant, status, outcome, suggestion }) => {
    const derived = caseAsOf(entries, changes ?? [], at(instant));
    expect(derived?.status ?? null).toBe(status);
    if (outcome !== undefined) expect(derived?.resolution?.outcome ?? null).toBe(outcome);
    if (suggestion !== undefined) expect(derived?.suggestedResolution?.outcome ?? null).toBe(suggestion);
  });

  it('the last message and history are those up to the instant', () => {
    const derived = caseAsOf([opened, asked, refunded], [], at('2026-03-04T00:00:00Z'));
    expect(derived?.lastMessageAt).toEqual(asked.occurredAt);
    expect(derived?.statusHistory.map((h) => h.status)).not.toContain('resolved');
  });
});

describe('endOfLocalDay', () => {
  it.each([
    ['2026-03-05', 'UTC', '2026-03-05T23:59:59.999Z'],
    ['2026-03-05', 'Europe/Berlin', '2026-03-05T22:59:59.999Z'],
    ['2026-07-05', 'Europe/Berlin', '2026-07-05T21:59:59.999Z'],
    ['2026-03-05', 'America/New_York', '2026-03-06T04:59:59.999Z'],
    // The day the clocks change: Berlin's 29 March ends in summer time, New York's 8 March too.
    ['2026-03-28', 'Europe/Berlin', '2026-03-28T22:59:59.999Z'],
    ['2026-03-29', 'Europe/Berlin', '2026-03-29T21:59:59.999Z'],
    ['2026-03-08', 'America/New_York', '2026-03-09T03:59:59.999Z'],
    ['2026-11-01', 'America/New_York', '2026-11-02T04:59:59.999Z'],
    ['2026-03-05', 'Asia/Kolkata', '2026-03-05T18:29:59.999Z'],
    ['2026-12-31', 'Pacific/Auckland', '2026-12-31T10:59:59.999Z'],
  ])('%s in %s ends at %s', (day, zone, expected) => {
    expect(endOfLocalDay(day, zone).toISOString()).toBe(expected);
  });
});
