// Forwarded messages with known truth for the fault suite: which case each message belongs to, which
// message (if any) resolves the case and with what outcome, and the status the case must end in.
// Deterministic: the same count gives the same bytes, so every scenario and the reference run see the
// same mail.
import { attachmentForward, rfc2822 } from '../support/attachment-forward.js';

export const FORWARDER = 'alice@example.net';
/** The receiving server named in every Authentication-Results header (the suite sets AUTHSERV_ID to it). */
export const AUTHSERV_ID = 'mx.tracker.example.net';
const TRACKER = 'cases@tracker.example.net';

type Outcome = 'full_refund' | 'store_credit' | 'denied';
type Step = 'ack' | 'follow_up' | 'resolution' | 'after_refund';
/** open: never resolved; resolved: ends resolved; reopened: a customer message after the resolution. */
type CaseKind = 'open' | 'resolved' | 'reopened';

export interface GeneratedMessage {
  /** Position in the append order (chronological across all cases), from 0. */
  seq: number;
  caseNumber: string;
  step: Step;
  /** The original's date: with the case number, what identifies its log entry. */
  date: Date;
  /** The forward's own Message-ID, which identifies it in every mailbox. */
  forwardMessageId: string;
  raw: Buffer;
}

export interface CaseTruth {
  caseNumber: string;
  kind: CaseKind;
  /** The resolution the case must carry at the end (null: it must not be resolved). */
  outcome: Outcome | null;
  /** Date of the message whose resolution the case must carry. */
  resolvedBy: Date | null;
  /** `resolved` for resolved cases, `reopened` for reopened ones, anything else but those for open ones. */
  finalStatus: 'resolved' | 'reopened' | 'unresolved';
}

export interface MessageSet {
  messages: GeneratedMessage[];
  cases: Map<string, CaseTruth>;
}

interface Merchant {
  name: string;
  domain: string;
  agent: string;
  currency: { symbol: string; code: string };
}

const MERCHANTS: Merchant[] = [
  {
    name: 'Nordlicht Outdoor',
    domain: 'nordlicht-outdoor.example',
    agent: 'Jonas Weber',
    currency: { symbol: '€', code: 'EUR' },
  },
  {
    name: 'Brightside Electronics',
    domain: 'brightside-electronics.example',
    agent: 'Priya Shah',
    currency: { symbol: '$', code: 'USD' },
  },
  {
    name: 'Casa Verde Home',
    domain: 'casaverde-home.example',
    agent: 'Lucia Romero',
    currency: { symbol: '€', code: 'EUR' },
  },
  {
    name: 'Harbour Books',
    domain: 'harbourbooks.example',
    agent: 'Tom Fletcher',
    currency: { symbol: '£', code: 'GBP' },
  },
];

const OUTCOMES: Outcome[] = ['full_refund', 'store_credit', 'denied'];
const KINDS: CaseKind[] = ['resolved', 'open', 'reopened'];
const STEPS: Record<CaseKind, Step[]> = {
  open: ['ack', 'follow_up'],
  resolved: ['ack', 'follow_up', 'resolution'],
  reopened: ['ack', 'resolution', 'after_refund'],
};
/** Offsets from the case's first message, in minutes: each step a day or more after the one before. */
const STEP_OFFSET_MIN: Record<Step, number> = {
  ack: 0,
  follow_up: 1 * 1440 + 125,
  resolution: 3 * 1440 + 260,
  after_refund: 4 * 1440 + 95,
};

const BASE = Date.UTC(2024, 2, 4, 8, 0, 0); // Mon 4 Mar 2024, 08:00 UTC

/** `count` messages over as many cases as they fill; a remainder too short for a case gets ack-only cases. */
export function generateMessages(count: number): MessageSet {
  const cases = new Map<string, CaseTruth>();
  const drafts: Draft[] = [];
  for (let i = 0; drafts.length < count; i++) {
    let kind = KINDS[i % KINDS.length] ?? 'open';
    let steps = STEPS[kind];
    if (steps.length > count - drafts.length) {
      kind = 'open';
      steps = ['ack'];
    }
    const caseNumber = `RMA-${240100 + i}`;
    const start = BASE + i * 37 * 60_000;
    const dateOf = (step: Step) => new Date(start + STEP_OFFSET_MIN[step] * 60_000);
    const outcome = kind === 'open' ? null : (OUTCOMES[Math.floor(i / KINDS.length) % OUTCOMES.length] ?? null);
    cases.set(caseNumber, {
      caseNumber,
      kind,
      outcome: kind === 'resolved' ? outcome : null,
      resolvedBy: kind === 'resolved' ? dateOf('resolution') : null,
      finalStatus: kind === 'open' ? 'unresolved' : kind,
    });
    const merchant = MERCHANTS[i % MERCHANTS.length] as Merchant;
    for (const step of steps) {
      drafts.push({ caseNumber, step, date: dateOf(step), merchant, outcome: outcome ?? 'full_refund' });
    }
  }
  drafts.sort((a, b) => a.date.getTime() - b.date.getTime());
  const messages = drafts.map((d, seq) => {
    const forwardMessageId = `<fwd-${seq}-${d.caseNumber.toLowerCase()}@example.net>`;
    return {
      caseNumber: d.caseNumber,
      step: d.step,
      date: d.date,
      seq,
      forwardMessageId,
      raw: render(d, forwardMessageId),
    };
  });
  return { messages, cases };
}

/** One message before rendering; `outcome` is what its case's resolution message states. */
interface Draft {
  caseNumber: string;
  step: Step;
  date: Date;
  merchant: Merchant;
  outcome: Outcome;
}

const pad = (n: number) => String(n).padStart(2, '0');

interface Original {
  from: string;
  to: string;
  subject: string;
  body: string[];
  messageId: string;
  direction: 'support' | 'customer';
}

function originalOf(d: Draft): Original {
  const m = d.merchant;
  const n = Number(d.caseNumber.replace(/\D/g, ''));
  const order = `${m.domain.slice(0, 2).toUpperCase()}${n * 7 + 13}`;
  const amount = `${m.currency.symbol}${(20 + (n % 80)).toString()}.${pad(n % 100)}`;
  const support = `${m.name} Support <support@${m.domain}>`;
  const customer = `Alice Martin <${FORWARDER}>`;
  const id = (part: string) => `<${part}.${d.caseNumber.toLowerCase()}.${d.date.getTime()}@mail.${m.domain}>`;
  switch (d.step) {
    case 'ack':
      return {
        from: support,
        to: customer,
        subject: `We received your request - Case ${d.caseNumber}`,
        messageId: id('ack'),
        direction: 'support',
        body: [
          'Dear Alice,',
          '',
          `Thank you for contacting ${m.name}. Your request about order ${order} has been received and`,
          `logged under case number ${d.caseNumber}.`,
          '',
          'A member of our team will get back to you within 2 business days.',
          '',
          'Kind regards,',
          m.agent,
          `${m.name} Customer Care`,
        ],
      };
    case 'follow_up':
      return {
        from: customer,
        to: support,
        subject: `Re: We received your request - Case ${d.caseNumber}`,
        messageId: `<fu.${d.caseNumber.toLowerCase()}.${d.date.getTime()}@example.net>`,
        direction: 'customer',
        body: [
          'Hello,',
          '',
          `I sent the parcel back for order ${order} on Monday and have not heard anything since.`,
          'Could you tell me when I can expect my money back?',
          '',
          'Thanks,',
          'Alice Martin',
        ],
      };
    case 'after_refund':
      return {
        from: customer,
        to: support,
        subject: `Re: Case ${d.caseNumber}`,
        messageId: `<ar.${d.caseNumber.toLowerCase()}.${d.date.getTime()}@example.net>`,
        direction: 'customer',
        body: [
          'Hello,',
          '',
          `Your last message for case ${d.caseNumber} says it is settled, but nothing has reached my card`,
          'and the replacement part is still missing. Please look into this again.',
          '',
          'Alice Martin',
        ],
      };
    case 'resolution': {
      const outcome = d.outcome;
      const lines: Record<Outcome, string[]> = {
        full_refund: [
          `Good news about your case ${d.caseNumber} (order ${order}).`,
          '',
          `Full refund approved. Transaction ID: TX${n}R`,
          '',
          `Amount refunded: ${amount} ${m.currency.code}`,
          'Please allow 5-10 business days for the amount to appear on your statement.',
        ],
        store_credit: [
          `About your case ${d.caseNumber} (order ${order}):`,
          '',
          `We have issued store credit of ${amount} to your account.`,
          'You can use it on your next order at checkout.',
        ],
        denied: [
          `We have reviewed your case ${d.caseNumber} (order ${order}).`,
          '',
          'Unfortunately your refund request has been denied because the item was returned after',
          'the 30-day return window.',
        ],
      };
      return {
        from: support,
        to: customer,
        subject: `Update on your case ${d.caseNumber}`,
        messageId: id('res'),
        direction: 'support',
        body: ['Dear Alice,', '', ...lines[outcome], '', 'Kind regards,', m.agent, `${m.name} Customer Care`],
      };
    }
  }
}

/** A Thunderbird-style forward as an attachment, with the receiving server's verdict on the forwarder. */
function render(d: Draft, forwardMessageId: string): Buffer {
  const o = originalOf(d);
  const forwardDate = new Date(d.date.getTime() + 47 * 60_000);
  const raw = attachmentForward({
    original: { ...o, date: d.date },
    trace: [
      `Return-Path: <${FORWARDER}>`,
      `Delivered-To: ${TRACKER}`,
      'Received: from smtp.example.net (smtp.example.net [198.51.100.25])',
      `\tby ${AUTHSERV_ID} (Postfix) with ESMTPS id F${d.date.getTime().toString(36).toUpperCase()}`,
      `\tfor <${TRACKER}>; ${rfc2822(forwardDate)}`,
      `Authentication-Results: ${AUTHSERV_ID};`,
      '\tdkim=pass (2048-bit key; unprotected) header.d=example.net header.s=mail2024;',
      `\tspf=pass (${AUTHSERV_ID}: domain of ${FORWARDER} designates 198.51.100.25 as permitted sender) smtp.mailfrom=example.net;`,
      '\tdmarc=pass (p=quarantine dis=none) header.from=example.net',
    ],
    messageId: forwardMessageId,
    date: forwardDate,
    from: `Alice Martin <${FORWARDER}>`,
    to: TRACKER,
    boundary: `------------faults${d.date.getTime().toString(36)}`,
    note: o.direction === 'support' ? 'For the record.' : 'My own mail, for the record.',
    attachmentHeaders: [
      'Content-Type: message/rfc822',
      `Content-Disposition: attachment; filename="case-${d.caseNumber}.eml"`,
    ],
  });
  return Buffer.from(raw, 'utf8');
}
