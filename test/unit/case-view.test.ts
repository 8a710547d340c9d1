import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/models/case-store.js';
import { caseToText } from '../../src/reports/case-table.js';
import { caseViewOf } from '../../src/reports/case-view.js';

const at = (d: number, h = 9) => new Date(Date.UTC(2026, 2, d, h));

const record: CaseRecord = {
  owner: 'alice@example.net',
  caseNumber: '14482093571',
  keyKind: 'case',
  merchant: 'northwind-market.example',
  orderNumber: '112-4455667-1234567',
  status: 'resolved',
  openedAt: at(4),
  lastMessageAt: at(12),
  issueDescription: 'Two desk lamps returned',
  resolution: {
    date: at(8, 18),
    outcome: 'replacement',
    amount: null,
    currency: null,
    transactionId: null,
    sourceMessageId: 'cli:close:1',
    confidence: null,
    sentence: null,
    rule: 'user/close',
  },
  suggestedResolution: {
    date: at(12),
    outcome: 'full_refund',
    amount: 49.9,
    currency: 'EUR',
    transactionId: 'LB-1',
    sourceMessageId: 'mid:<c3@x>',
    confidence: 0.97,
    sentence: 'refunded',
    rule: 'resolution/refund',
  },
  statusHistory: [],
  manualChanges: [
    {
      key: 'merge:a→b',
      at: at(6),
      action: 'merge',
      by: null,
      via: null,
      note: 'merged: order:112-4455667-1234567 → 14482093571',
      resolution: null,
    },
    {
      key: 'cli:close:1',
      at: at(8, 18),
      action: 'close',
      by: 'alice@example.net',
      via: 'cli',
      note: 'new lamp \u001b[31msent',
      resolution: null,
    },
    {
      key: 'note:1',
      at: at(13),
      action: 'note',
      by: 'alice@example.net',
      via: 'email',
      note: 'called',
      resolution: null,
    },
  ],
  attention: ['suggestion_to_confirm', 'mail_after_user_close'],
  mailAfterUserClose: { count: 1, latestAt: at(12) },
  createdAt: at(4),
  updatedAt: at(13),
  log: [
    {
      messageKey: 'note:1',
      messageId: null,
      occurredAt: at(13),
      channel: 'phone',
      direction: 'from_customer',
      contactPerson: 'Jana Weber',
      summary: 'Called Jana: the replacement stands.',
      nextSteps: null,
      nextStepsDue: null,
      subject: '',
      fromAddress: 'alice@example.net',
      addedBy: { by: 'alice@example.net', via: 'email' },
    },
  ],
};

describe('caseViewOf and caseToText', () => {
  it('maps a stored case for reports: key kind, attention, changes, who added a note', () => {
    const view = caseViewOf(record);
    expect(view.keyKind).toBe('case');
    expect(view.attention).toEqual(['suggestion_to_confirm', 'mail_after_user_close']);
    expect(view.suggestedResolution).toEqual({ outcome: 'full_refund', amount: 49.9, currency: 'EUR' });
    expect(view.log[0]?.addedBy).toEqual({ by: 'alice@example.net', via: 'email' });
  });

  it('shows the suggestion, the mail since the close, the changes with who made them, and no escape codes', () => {
    const text = caseToText(caseViewOf(record));
    expect(text).toContain('Suggested:     full_refund (49.90 EUR) (needs your confirmation)');
    expect(text).toContain('New mail:      1 since you closed it (latest 2026-03-12)');
    expect(text).toContain('(added by alice@example.net via email)');
    expect(text).toContain('merge by the tracker: merged: order:112-4455667-1234567 → 14482093571');
    expect(text).toContain('close by alice@example.net (cli): new lamp');
    expect(text).not.toContain('\u001b');
  });

  it('says when a case is known only by its order number', () => {
    const text = caseToText(caseViewOf({ ...record, caseNumber: 'order:112-4455667-1234567', keyKind: 'order' }));
    expect(text.split('\n')[0]).toBe('Case order:112-4455667-1234567  [resolved]  (known only by its order number)');
  });
});
