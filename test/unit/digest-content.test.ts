// What the digest says: every case in exactly one section, by what the user must do; dates compared
// with the digest's own day; money summed by currency; the owner's quarantine only; the mail's language.
import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../src/reports/case-view.js';
import {
  type Attention,
  type DigestContent,
  daysBetween,
  digestContent,
  isEmptyDigest,
  moneyOf,
} from '../../src/reports/digest-content.js';
import { detectLanguage } from '../../src/reports/labels.js';
import {
  ALL_CASES,
  caseView,
  DIGEST_DAY,
  entry,
  LAST_DIGEST,
  OWNER,
  overdueGerman,
  QUARANTINE,
  resolvedGerman,
  suggestionEnglish,
  waitingEnglish,
} from '../support/digest-cases.js';

const at = (iso: string) => new Date(iso);

function contentOf(cases: CaseView[], extra: Partial<Parameters<typeof digestContent>[0]> = {}): DigestContent {
  return digestContent({ owner: OWNER, date: DIGEST_DAY, since: LAST_DIGEST, cases, ...extra });
}

type Section = 'needsYou' | 'waiting' | 'resolved' | 'none';

/** Where a single case lands, and why (the kinds of its attention when it needs the user). */
function placeOf(c: CaseView): { section: Section; kinds: Attention['kind'][] } {
  const d = contentOf([c]);
  const hits: { section: Section; kinds: Attention['kind'][] }[] = [
    ...d.needsYou.map((l) => ({ section: 'needsYou' as const, kinds: l.attention.map((a) => a.kind) })),
    ...d.waiting.map(() => ({ section: 'waiting' as const, kinds: [] })),
    ...d.resolved.map(() => ({ section: 'resolved' as const, kinds: [] })),
  ];
  expect(hits.length).toBeLessThanOrEqual(1);
  return hits[0] ?? { section: 'none', kinds: [] };
}

const supportPromise = (occurredAt: string, due: string, nextSteps = 'We will reply with a decision.') =>
  entry({ occurredAt: at(occurredAt), summary: 'We are looking into it.', nextSteps, nextStepsDue: due });
const customer = (occurredAt: string) =>
  entry({ occurredAt: at(occurredAt), direction: 'from_customer', summary: 'Any news on my refund?' });
const resolution = (date: string, amount: number | null = 20, currency: string | null = 'EUR') => ({
  date: at(date),
  outcome: 'full_refund',
  amount,
  currency,
  transactionId: null,
});

describe('digestContent: one section per case', () => {
  it.each<[string, CaseView, Section, Attention['kind'][]]>([
    [
      'an open case with a suggestion (no attention flags from the store): confirm',
      caseView({
        caseNumber: 'S-1',
        suggestedResolution: { outcome: 'full_refund', amount: 10, currency: 'EUR' },
        log: [customer('2026-11-20T10:00:00Z')],
      }),
      'needsYou',
      ['confirm'],
    ],
    [
      'the store says the suggestion is not to confirm (attention without it): waiting',
      caseView({
        caseNumber: 'S-2',
        attention: [],
        suggestedResolution: { outcome: 'full_refund', amount: 10, currency: 'EUR' },
        log: [customer('2026-11-20T10:00:00Z')],
      }),
      'waiting',
      [],
    ],
    [
      'a next step due 2024-04-30 in a 2026 digest is overdue, not upcoming',
      caseView({ caseNumber: 'O-1', log: [supportPromise('2024-04-20T10:00:00Z', '2024-04-30')] }),
      'needsYou',
      ['overdue'],
    ],
    [
      'overdue stays overdue when only the customer wrote since',
      caseView({
        caseNumber: 'O-2',
        log: [supportPromise('2026-11-01T10:00:00Z', '2026-11-10'), customer('2026-11-15T10:00:00Z')],
      }),
      'needsYou',
      ['overdue'],
    ],
    [
      'a later support reply without a date supersedes the passed promise',
      caseView({
        caseNumber: 'O-3',
        log: [
          supportPromise('2026-11-01T10:00:00Z', '2026-11-10'),
          entry({ occurredAt: at('2026-11-12T10:00:00Z'), summary: 'Still checking with the warehouse.' }),
        ],
      }),
      'waiting',
      [],
    ],
    [
      'a promise due on the digest day is not overdue yet',
      caseView({ caseNumber: 'O-4', log: [supportPromise('2026-11-20T10:00:00Z', DIGEST_DAY)] }),
      'waiting',
      [],
    ],
    [
      'the merchant asked the user something: your turn',
      caseView({
        caseNumber: 'Y-1',
        status: 'awaiting_customer',
        log: [entry({ occurredAt: at('2026-11-24T10:00:00Z'), summary: 'Photos?', nextSteps: 'Please send photos.' })],
      }),
      'needsYou',
      ['your_turn'],
    ],
    [
      'awaiting the customer with a suggestion and no request: only the confirmation',
      suggestionEnglish,
      'needsYou',
      ['confirm'],
    ],
    [
      'a suggestion and a passed promise: both reasons, one line',
      caseView({
        caseNumber: 'B-1',
        suggestedResolution: { outcome: 'partial_refund', amount: 5, currency: 'EUR' },
        log: [supportPromise('2026-11-01T10:00:00Z', '2026-11-05')],
      }),
      'needsYou',
      ['confirm', 'overdue'],
    ],
    [
      'resolved after the last digest',
      caseView({
        caseNumber: 'R-1',
        status: 'resolved',
        updatedAt: at('2026-11-25T12:00:00Z'),
        resolution: resolution('2026-11-25T11:00:00Z'),
      }),
      'resolved',
      [],
    ],
    [
      'resolved before the last digest: not repeated',
      caseView({
        caseNumber: 'R-2',
        status: 'resolved',
        updatedAt: at('2026-11-20T12:00:00Z'),
        resolution: resolution('2026-11-20T11:00:00Z'),
      }),
      'none',
      [],
    ],
    [
      'mail after the user closed it: needs the user, not "resolved"',
      caseView({
        caseNumber: 'R-3',
        status: 'resolved',
        attention: ['mail_after_user_close'],
        updatedAt: at('2026-11-25T12:00:00Z'),
        resolution: resolution('2026-11-20T11:00:00Z'),
      }),
      'needsYou',
      ['mail_after_close'],
    ],
    [
      'a resolved case keeps no stale suggestion to confirm',
      caseView({
        caseNumber: 'R-4',
        status: 'resolved',
        updatedAt: at('2026-11-25T12:00:00Z'),
        resolution: resolution('2026-11-25T11:00:00Z'),
        suggestedResolution: { outcome: 'full_refund', amount: 20, currency: 'EUR' },
      }),
      'resolved',
      [],
    ],
    ['reopened: waiting on the merchant', caseView({ caseNumber: 'X-1', status: 'reopened' }), 'waiting', []],
  ])('%s', (_name, c, section, kinds) => {
    expect(placeOf(c)).toEqual({ section, kinds });
  });

  it('the realistic set: every case at most once, each where it belongs', () => {
    const d = contentOf(ALL_CASES, { quarantine: QUARANTINE });
    const listed = [...d.needsYou, ...d.waiting, ...d.resolved].map((l) => l.view.caseNumber);
    expect(new Set(listed).size).toBe(listed.length);
    expect(d.needsYou.map((l) => l.view.caseNumber)).toEqual(['GTB-2026-5876', 'MN-4471-2026']);
    expect(d.waiting.map((l) => l.view.caseNumber)).toEqual(['NW-88310', 'order:112-7734120-5512398']);
    expect(d.resolved.map((l) => l.view.caseNumber)).toEqual(['KX-20931']);
  });

  it('waiting: days since the latest contact and the promised date still ahead', () => {
    const [line] = contentOf([waitingEnglish]).waiting;
    expect(line?.days).toBe(7);
    expect(line?.promisedBy).toBe('2026-12-01');
    expect(line?.last?.summary).toContain('reply by December 1');
  });

  it('waiting: the user’s own annotation is no contact (neither shown as the last one nor resetting the wait)', () => {
    const note = {
      occurredAt: at('2026-11-29T09:00:00Z'),
      channel: 'note',
      direction: 'from_customer',
      contactPerson: null,
      summary: 'receipt is in the blue folder',
      nextSteps: null,
      nextStepsDue: null,
    };
    const [line] = contentOf([{ ...waitingEnglish, log: [...waitingEnglish.log, note] }]).waiting;
    expect(line?.days).toBe(7);
    expect(line?.last?.summary).toContain('reply by December 1');
  });

  it('overdue: the passed date, what was promised and when', () => {
    const [line] = contentOf([overdueGerman]).needsYou;
    expect(line?.attention).toEqual([
      {
        kind: 'overdue',
        due: '2026-11-20',
        promise: 'Wir melden uns bis zum 20.11. mit einer Entscheidung.',
        promisedOn: '2026-11-12',
      },
    ]);
  });

  it('nothing to say: empty; a quarantined message alone is something to say', () => {
    expect(isEmptyDigest(contentOf([]))).toBe(true);
    expect(isEmptyDigest(contentOf([], { quarantine: QUARANTINE }))).toBe(false);
  });
});

describe('digestContent: quarantine', () => {
  it.each<[string, string | null | undefined, unknown, boolean]>([
    ['the owner’s', OWNER, undefined, true],
    ['the owner’s, spelled in capitals', 'Alice@Example.NET', undefined, true],
    ['no owner (an unknown sender)', null, undefined, true],
    ['no owner field (older records)', undefined, undefined, true],
    ['another user’s', 'bob@example.org', undefined, false],
    ['the owner’s, discarded', OWNER, { at: at('2026-11-25T00:00:00Z'), by: OWNER }, false],
  ])('%s → listed: %s', (_name, owner, discarded, listed) => {
    const item = { ...QUARANTINE[0], id: 'q1', owner, discarded } as (typeof QUARANTINE)[number];
    expect(contentOf([], { quarantine: [item] }).quarantine.length).toBe(listed ? 1 : 0);
  });
});

describe('moneyOf', () => {
  const open = (n: string, s: CaseView['suggestedResolution']) =>
    caseView({ caseNumber: n, suggestedResolution: s, log: [customer('2026-11-20T10:00:00Z')] });
  const done = (n: string, date: string, amount: number | null, currency: string | null, outcome = 'full_refund') =>
    caseView({
      caseNumber: n,
      status: 'resolved',
      resolution: { ...resolution(date, amount, currency), outcome },
    });

  it.each<[string, CaseView[], Partial<ReturnType<typeof moneyOf>>]>([
    [
      'outstanding: suggested refund amounts by currency, in cents',
      [
        open('a', { outcome: 'full_refund', amount: 0.1, currency: 'EUR' }),
        open('b', { outcome: 'partial_refund', amount: 0.2, currency: 'EUR' }),
        open('c', { outcome: 'full_refund', amount: 129.99, currency: 'USD' }),
      ],
      {
        outstanding: [
          { currency: 'EUR', amount: 0.3, cases: 2 },
          { currency: 'USD', amount: 129.99, cases: 1 },
        ],
        withoutAmount: 0,
      },
    ],
    [
      'open cases without an amount are counted, a denial or replacement is not money owed',
      [
        open('a', null),
        open('b', { outcome: 'full_refund', amount: null, currency: null }),
        open('c', { outcome: 'denied', amount: null, currency: null }),
        open('d', { outcome: 'replacement', amount: 50, currency: 'EUR' }),
      ],
      { outstanding: [], withoutAmount: 2 },
    ],
    [
      'refunded this month: refunds resolved in the digest’s month only; store credit is not a refund',
      [
        done('a', '2026-11-03T10:00:00Z', 35, 'EUR'),
        done('b', '2026-11-25T10:00:00Z', 18.5, 'GBP', 'partial_refund'),
        done('c', '2026-10-30T10:00:00Z', 99, 'EUR'),
        done('d', '2026-11-10T10:00:00Z', 20, 'EUR', 'store_credit'),
        done('e', '2026-11-10T10:00:00Z', null, 'EUR'),
      ],
      {
        refundedThisMonth: [
          { currency: 'EUR', amount: 35, cases: 1 },
          { currency: 'GBP', amount: 18.5, cases: 1 },
        ],
      },
    ],
  ])('%s', (_name, cases, expected) => {
    expect(moneyOf(cases, DIGEST_DAY, 'UTC')).toMatchObject({ month: '2026-11', ...expected });
  });

  it('the month is the user’s: 23:30 UTC on 31 October is 1 November in Berlin', () => {
    const cases = [done('a', '2026-10-31T23:30:00Z', 10, 'EUR')];
    expect(moneyOf(cases, DIGEST_DAY, 'Europe/Berlin').refundedThisMonth).toEqual([
      { currency: 'EUR', amount: 10, cases: 1 },
    ]);
    expect(moneyOf(cases, DIGEST_DAY, 'UTC').refundedThisMonth).toEqual([]);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-11-19', '2026-11-26', 7],
    ['2026-02-28', '2026-03-01', 1],
    ['2026-03-28', '2026-03-30', 2], // across the switch to summer time
    ['2026-11-26', '2026-11-26', 0],
    ['2026-11-27', '2026-11-26', -1],
  ])('%s → %s: %i', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

describe('the language of the user’s mail', () => {
  it.each([
    ['de', ['Ihre Rücksendung ist bei uns eingegangen und wird derzeit geprüft. Wir melden uns bis Freitag.']],
    ['fr', ['Nous avons bien reçu votre retour et nous allons procéder au remboursement sous 5 jours.']],
    ['es', ['Hemos recibido su devolución y le informaremos cuando el reembolso esté procesado.']],
    ['en', ['We have received your return and will process the refund within 5 business days.']],
    ['en', ['']], // nothing tells: English
    ['en', ['Abbiamo ricevuto il tuo reso e ti contatteremo appena possibile.']], // Italian: no labels, English
  ])('%s ← %j', (language, texts) => {
    expect(detectLanguage(texts)).toBe(language);
  });

  it('picks the language most of the user’s cases are in', () => {
    const german = [overdueGerman, resolvedGerman];
    expect(contentOf(german).language).toBe('de');
    expect(contentOf([...german, suggestionEnglish, waitingEnglish]).language).toBe('en');
  });

  it('DIGEST_LANGUAGE (or the user’s schedule) overrides it', () => {
    expect(contentOf([overdueGerman], { language: 'fr' }).language).toBe('fr');
  });
});
