// A user's cases as the digest sees them, the day after a busy week: German and English mail, a
// suggestion to confirm, an overdue promise, a quarantined message, money in two currencies. Shared by
// the digest's unit tests and its screenshot test.
import type { CaseLogView, CaseView } from '../../src/reports/case-view.js';
import type { DigestQuarantineItem } from '../../src/reports/digest-content.js';

export const OWNER = 'alice@example.net';
/** The digest's day (the user's local day). */
export const DIGEST_DAY = '2026-11-26';
/** When the previous digest went out. */
export const LAST_DIGEST = new Date('2026-11-25T06:00:00Z');

const at = (iso: string) => new Date(iso);

export function entry(overrides: Partial<CaseLogView> & Pick<CaseLogView, 'occurredAt' | 'summary'>): CaseLogView {
  return {
    channel: 'email',
    direction: 'from_support',
    contactPerson: null,
    nextSteps: null,
    nextStepsDue: null,
    fromAddress: null,
    ...overrides,
  };
}

export function caseView(overrides: Partial<CaseView> & Pick<CaseView, 'caseNumber'>): CaseView {
  return {
    owner: OWNER,
    merchant: null,
    orderNumber: null,
    status: 'awaiting_support',
    openedAt: at('2026-11-01T09:00:00Z'),
    issueDescription: null,
    resolution: null,
    suggestedResolution: null,
    createdAt: at('2026-11-01T09:05:00Z'),
    updatedAt: at('2026-11-20T09:05:00Z'),
    log: [],
    ...overrides,
  };
}

/** A German merchant promised a decision by 20 November and has not written since: overdue. */
export const overdueGerman = caseView({
  caseNumber: 'MN-4471-2026',
  merchant: 'modehaus-nord.de',
  orderNumber: '30018842',
  openedAt: at('2026-11-09T08:12:00Z'),
  issueDescription: 'Rücksendung der Winterjacke (Größe M), Erstattung noch nicht erhalten',
  log: [
    entry({
      occurredAt: at('2026-11-09T08:12:00Z'),
      channel: 'web_form',
      direction: 'from_customer',
      summary: 'Ich habe die Jacke am 2. November zurückgeschickt und noch keine Erstattung erhalten.',
    }),
    entry({
      occurredAt: at('2026-11-12T14:40:00Z'),
      contactPerson: 'Jana Krüger',
      fromAddress: 'kundenservice@modehaus-nord.de',
      subject: 'AW: Ihre Anfrage zu Bestellung 30018842',
      summary: 'Ihre Rücksendung ist bei uns eingegangen und wird derzeit geprüft.',
      nextSteps: 'Wir melden uns bis zum 20.11. mit einer Entscheidung.',
      nextStepsDue: '2026-11-20',
    }),
  ],
});

/** An English merchant refunded without saying how much for sure: a suggestion to confirm. */
export const suggestionEnglish = caseView({
  caseNumber: 'GTB-2026-5876',
  merchant: 'gtbuy.com',
  orderNumber: 'GT20261012-88431',
  status: 'awaiting_customer',
  issueDescription: 'Refund for undelivered wireless earbuds',
  suggestedResolution: { outcome: 'full_refund', amount: 129.99, currency: 'USD' },
  attention: ['suggestion_to_confirm'],
  log: [
    entry({
      occurredAt: at('2026-11-03T10:00:00Z'),
      direction: 'from_customer',
      channel: 'web_form',
      summary: 'The earbuds never arrived; tracking has not moved since October 14.',
    }),
    entry({
      occurredAt: at('2026-11-25T16:02:00Z'),
      contactPerson: 'Lisa Chen',
      fromAddress: 'refunds@gtbuy.com',
      subject: 'Your refund request GTB-2026-5876',
      summary: 'Your refund has been approved and should reach your card within 5-7 business days.',
    }),
  ],
});

/** Waiting on an English merchant who promised an answer by 1 December (still ahead). */
export const waitingEnglish = caseView({
  caseNumber: 'NW-88310',
  merchant: 'northwind-outdoor.com',
  status: 'awaiting_support',
  issueDescription: 'Tent pole arrived broken; asked for a refund instead of a replacement',
  suggestedResolution: null,
  log: [
    entry({
      occurredAt: at('2026-11-18T09:30:00Z'),
      direction: 'from_customer',
      summary: 'Sent photos of the broken pole and asked for a refund.',
    }),
    entry({
      occurredAt: at('2026-11-19T11:15:00Z'),
      channel: 'chat',
      contactPerson: 'Sam',
      fromAddress: 'support@northwind-outdoor.com',
      summary: 'Our warehouse team will inspect the photos and reply by December 1.',
      nextSteps: 'We will reply by December 1.',
      nextStepsDue: '2026-12-01',
    }),
  ],
});

/** Resolved yesterday: a German partial refund with a transaction. */
export const resolvedGerman = caseView({
  caseNumber: 'KX-20931',
  merchant: 'kuechenwelt.de',
  status: 'resolved',
  issueDescription: 'Kaffeemaschine mit Kratzern geliefert',
  updatedAt: at('2026-11-25T12:00:00Z'),
  resolution: {
    date: at('2026-11-25T11:58:00Z'),
    outcome: 'partial_refund',
    amount: 35,
    currency: 'EUR',
    transactionId: 'ERST-7781-0042',
  },
  log: [
    entry({
      occurredAt: at('2026-11-25T11:58:00Z'),
      contactPerson: 'Herr Öztürk',
      summary: 'Wir haben Ihnen 35,00 € als Teilerstattung auf Ihr Konto überwiesen.',
    }),
  ],
});

/** Resolved earlier this month (not "since last time"), counted in this month's money. */
export const resolvedEarlier = caseView({
  caseNumber: 'A7-55120',
  merchant: 'bookhaven.co.uk',
  status: 'resolved',
  updatedAt: at('2026-11-10T08:00:00Z'),
  resolution: {
    date: at('2026-11-10T07:55:00Z'),
    outcome: 'full_refund',
    amount: 18.5,
    currency: 'GBP',
    transactionId: null,
  },
  log: [
    entry({ occurredAt: at('2026-11-10T07:55:00Z'), summary: 'We have refunded £18.50 to your original payment.' }),
  ],
});

/** A merchant's order number only, and a very long unbroken token in its description (wrapping). */
export const orderKeyed = caseView({
  caseNumber: 'order:112-7734120-5512398',
  keyKind: 'order',
  merchant: 'marketplace-seller-with-a-very-long-name.example.com',
  status: 'awaiting_support',
  issueDescription:
    'Refund for returned blender, return label RMA-https://returns.example.com/label/ZXhhbXBsZS1sb25nLXRva2VuLXdpdGhvdXQtc3BhY2Vz',
  log: [
    entry({
      occurredAt: at('2026-11-21T18:20:00Z'),
      direction: 'from_customer',
      summary: 'Returned the blender at the post office, tracking number 00340434161234567890.',
    }),
  ],
});

export const QUARANTINE: DigestQuarantineItem[] = [
  {
    id: '6745f0c2a1b2c3d4e5f60718',
    reason: 'no_case_number',
    subject: 'Your refund for order 112-9981234-0043321 has been issued',
    fromAddress: 'payments@marketplace.example.com',
    quarantinedAt: at('2026-11-24T20:14:00Z'),
    owner: OWNER,
  },
  {
    id: '6745f0c2a1b2c3d4e5f60719',
    reason: 'untrusted_sender',
    subject: 'Someone else’s mail',
    fromAddress: 'bob@example.org',
    quarantinedAt: at('2026-11-24T21:00:00Z'),
    owner: 'bob@example.org',
  },
];

export const ALL_CASES: CaseView[] = [
  overdueGerman,
  suggestionEnglish,
  waitingEnglish,
  resolvedGerman,
  resolvedEarlier,
  orderKeyed,
];
