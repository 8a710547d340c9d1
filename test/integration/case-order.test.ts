// Issue 7, part 1 on the real servers: the case is a function of its log. The same forwarded messages,
// processed in every order (fresh database each time) or by two workers at once, give identical cases.
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailboxConnection, mailboxIdOf } from '../../src/ingest/mailbox-connection.js';
import { MailboxMessages } from '../../src/ingest/mailbox-messages.js';
import type { MessageRef } from '../../src/ingest/message-ref.js';
import { CaseStore } from '../../src/models/case-store.js';
import { QuarantineStore } from '../../src/models/quarantine-store.js';
import { modelsFor } from '../../src/models/schemas.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';
import { type MessageSource, processMessage } from '../../src/workers/message-processor.js';
import { startWorkerService } from '../../src/workers/service.js';
import { attachmentForward, rfc2822 } from '../support/attachment-forward.js';
import {
  ALICE,
  appendToInbox,
  dropDatabase,
  imapSession,
  quietLogger,
  TEST_AUTHSERV_ID,
  type TestWorld,
  testWorld,
  untilMailboxHolds,
} from '../support/harness.js';
import { uniqueName } from '../support/services.js';

type Step = 'question' | 'promise' | 'resolution' | 'later_question' | 'second_resolution';

interface Mail {
  caseNumber: string;
  step: Step;
  date: Date;
  raw: string;
}

const DAY = 86_400_000;

const SHOP = { name: 'Lindqvist Audio', domain: 'lindqvist-audio.example', agent: 'Maja Berg' };

/** The original message's headers and text, as the shop or the customer wrote it. */
function original(
  caseNumber: string,
  step: Step,
  date: Date,
): { from: string; to: string; subject: string; body: string[] } {
  const support = `${SHOP.name} Support <help@${SHOP.domain}>`;
  const customer = `Alice Martin <${ALICE}>`;
  const order = `LA-${caseNumber.replace(/\D/g, '')}7`;
  const sign = ['', 'Best regards,', SHOP.agent, `${SHOP.name} Customer Service`];
  switch (step) {
    case 'question':
      return {
        from: customer,
        to: support,
        // Sent through the shop's web form, which had already given the case number.
        subject: `Headphones arrived broken - Case ${caseNumber}`,
        body: [
          'Hello,',
          '',
          `The headphones from order ${order} arrived with a cracked left ear cup.`,
          'I would like a refund, please.',
          '',
          'Alice Martin',
        ],
      };
    case 'promise':
      return {
        from: support,
        to: customer,
        subject: `Your request - Case ${caseNumber}`,
        body: [
          'Dear Alice,',
          '',
          `Thank you for your message. We opened case number ${caseNumber} for order ${order}.`,
          'A member of our team will get back to you within 2 business days.',
          ...sign,
        ],
      };
    case 'resolution':
      return {
        from: support,
        to: customer,
        subject: `Update on your case ${caseNumber}`,
        body: [
          'Dear Alice,',
          '',
          `Good news about your case ${caseNumber} (order ${order}).`,
          '',
          `Full refund approved. Transaction ID: TX${date.getTime().toString(36).toUpperCase()}`,
          '',
          'Amount refunded: €79.00 EUR',
          ...sign,
        ],
      };
    case 'later_question':
      return {
        from: customer,
        to: support,
        subject: `Re: Case ${caseNumber}`,
        body: [
          'Hello,',
          '',
          `Your last message about case ${caseNumber} says it is settled, but nothing has reached my card yet.`,
          'Please look into this again.',
          '',
          'Alice Martin',
        ],
      };
    case 'second_resolution':
      return {
        from: support,
        to: customer,
        subject: `Update on your case ${caseNumber}`,
        body: [
          'Dear Alice,',
          '',
          `About your case ${caseNumber} (order ${order}):`,
          '',
          'We have issued store credit of €79.00 to your account.',
          'You can use it on your next order at checkout.',
          ...sign,
        ],
      };
  }
}

/** A forward as an attachment (Thunderbird's way), carrying the receiving server's DMARC pass. */
function forwarded(caseNumber: string, step: Step, date: Date): Mail {
  const o = original(caseNumber, step, date);
  const stamp = `${caseNumber.toLowerCase()}.${step}.${date.getTime()}`;
  const sent = new Date(date.getTime() + 31 * 60_000);
  const raw = attachmentForward({
    original: {
      ...o,
      date,
      messageId: `<${stamp}@mail.${step.includes('question') ? 'example.net' : SHOP.domain}>`,
    },
    trace: [
      `Return-Path: <${ALICE}>`,
      'Received: from smtp.example.net (smtp.example.net [198.51.100.25])',
      `\tby ${TEST_AUTHSERV_ID} (Postfix) with ESMTPS id 4T${date.getTime().toString(36).toUpperCase()}`,
      `\tfor <cases@tracker.example.net>; ${rfc2822(sent)}`,
      `Authentication-Results: ${TEST_AUTHSERV_ID};`,
      '\tdkim=pass header.d=example.net header.s=mail2026;',
      '\tdmarc=pass (p=quarantine dis=none) header.from=example.net',
    ],
    messageId: `<fwd.${stamp}@example.net>`,
    date: sent,
    from: `Alice Martin <${ALICE}>`,
    boundary: `------------co${date.getTime().toString(36)}${step.length}`,
  });
  return { caseNumber, step, date, raw };
}

const BASE = Date.UTC(2026, 2, 2, 8, 0, 0);
const at = (days: number, minutes = 0) => new Date(BASE + days * DAY + minutes * 60_000);

/**
 * Case A: the customer's first message (it arrives last in many orders), a promise, a resolution, a
 * later customer message (reopens) and a later second resolution (wins). Case B: a resolution and a
 * customer message a day later (must end reopened).
 */
const CASE_A = 'LA-2026-0417';
const CASE_B = 'LA-2026-0533';
const SCENARIO: Mail[] = [
  forwarded(CASE_A, 'question', at(0)),
  forwarded(CASE_A, 'resolution', at(3)),
  forwarded(CASE_A, 'later_question', at(4)),
  forwarded(CASE_A, 'second_resolution', at(6)),
  forwarded(CASE_B, 'promise', at(1, 30)),
  forwarded(CASE_B, 'resolution', at(2, 45)),
  forwarded(CASE_B, 'later_question', at(3, 45)),
];

/** Twenty resolved cases, each with one more customer message dated a day after the refund. */
const TWENTY: Mail[] = Array.from({ length: 20 }, (_, i) => [
  forwarded(`LA-2026-${String(700 + i).padStart(4, '0')}`, 'resolution', at(10, i * 41)),
  forwarded(`LA-2026-${String(700 + i).padStart(4, '0')}`, 'later_question', at(11, i * 41)),
]).flat();

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** The fields the log decides, per case number, comparable across databases. */
async function derivedCases(conn: mongoose.Connection) {
  const docs = await modelsFor(conn).Case.find().sort({ caseNumber: 1 }).lean();
  return Object.fromEntries(
    docs.map((c) => [
      c.caseNumber,
      {
        status: c.status,
        openedAt: c.openedAt,
        issueDescription: c.issueDescription,
        merchant: c.merchant,
        orderNumber: c.orderNumber,
        lastMessageAt: c.lastMessageAt,
        resolution: c.resolution ?? null,
        suggestedResolution: c.suggestedResolution ?? null,
        statusHistory: c.statusHistory,
      },
    ]),
  );
}

/** One mailbox holding a set of messages; each run processes them from it in a given order into a fresh database. */
async function mailboxWith(mails: Mail[]) {
  const world = testWorld();
  const imap = await imapSession(world);
  for (const m of mails) await appendToInbox(imap, m.raw);
  const connection = new MailboxConnection(world.config.imap, quietLogger());
  await connection.ensureMailboxes(['Processed', 'Quarantine']);
  const real = new MailboxMessages(connection, world.config.imap, quietLogger());
  // The messages stay in INBOX: every run reads the same UIDs.
  const source: MessageSource = { fetch: real.fetch.bind(real), move: async () => undefined };
  const box = await imap.status('INBOX', { uidValidity: true });
  const refOf = (index: number): MessageRef => ({
    mailbox: mailboxIdOf(world.config.imap),
    uidValidity: box === false ? '' : String(box.uidValidity),
    uid: index + 1,
  });
  const db = await mongoose.createConnection(world.config.mongo.mongodbUri).asPromise();

  async function run(order: readonly number[], seed?: (conn: mongoose.Connection) => Promise<void>) {
    const conn = db.useDb(uniqueName('order'), { useCache: false });
    const models = modelsFor(conn);
    await Promise.all(Object.values(models).map((m) => m.createIndexes()));
    await seed?.(conn);
    const deps = {
      source,
      cases: new CaseStore(models),
      quarantine: new QuarantineStore(models),
      imap: world.config.imap,
      ruleset: builtInRuleset,
      now: () => new Date(),
      logger: quietLogger(),
    };
    try {
      for (const i of order) {
        const outcome = await processMessage(refOf(i), deps);
        expect(outcome.status, `message ${i}`).toBe('processed');
      }
      return await derivedCases(conn);
    } finally {
      await conn.dropDatabase();
    }
  }

  return {
    world,
    run,
    close: async () => {
      await db.close();
      await connection.close();
      await imap.logout();
    },
  };
}

describe('the case is a function of its log, on the real servers', () => {
  let scenario: Awaited<ReturnType<typeof mailboxWith>>;
  let reference: Awaited<ReturnType<typeof scenario.run>>;
  beforeAll(async () => {
    scenario = await mailboxWith(SCENARIO);
    reference = await scenario.run(SCENARIO.map((_, i) => i));
  }, 300_000);
  afterAll(async () => scenario?.close());

  it('derives the expected cases in arrival order', () => {
    const a = reference[CASE_A];
    const b = reference[CASE_B];
    expect(a?.status).toBe('resolved');
    expect(a?.resolution?.outcome).toBe('store_credit');
    expect(a?.resolution?.date).toEqual(at(6));
    expect(a?.openedAt).toEqual(at(0));
    expect(a?.statusHistory.map((h) => h.status)).toEqual([
      'open',
      'awaiting_support',
      'resolved',
      'reopened',
      'resolved',
    ]);
    expect(b?.status).toBe('reopened');
    expect(b?.resolution?.outcome).toBe('full_refund');
    expect(b?.lastMessageAt).toEqual(at(3, 45));
  });

  it('gives identical cases in every order of case A, with case B interleaved both ways', async () => {
    const a = [0, 1, 2, 3];
    const b = [4, 5, 6];
    const orders = permutations(a).map((p, n) => {
      // Case B's messages go in at positions that move with n, forwards or backwards.
      const bs = n % 2 === 0 ? b : [...b].reverse();
      const order = [...p];
      for (const [k, m] of bs.entries()) order.splice((n + k * 2) % (order.length + 1), 0, m);
      return order;
    });
    for (const order of orders) expect(await scenario.run(order), `order ${order.join(',')}`).toEqual(reference);
  }, 600_000);
});

describe('twenty resolved cases, each with a customer message a day after the refund', () => {
  let twenty: Awaited<ReturnType<typeof mailboxWith>>;
  beforeAll(async () => {
    twenty = await mailboxWith(TWENTY);
  }, 300_000);
  afterAll(async () => twenty?.close());

  it.each([
    ['arrival order', (n: number) => Array.from({ length: n }, (_, i) => i)],
    ['newest first', (n: number) => Array.from({ length: n }, (_, i) => n - 1 - i)],
  ])(
    'all twenty end reopened, in %s',
    async (_, orderOf) => {
      const cases = await twenty.run(orderOf(TWENTY.length));
      const statuses = Object.values(cases).map((c) => c.status);
      expect(statuses).toHaveLength(20);
      expect(statuses.filter((s) => s === 'reopened')).toHaveLength(20);
    },
    300_000,
  );
});

describe('two workers at once', () => {
  let world: TestWorld | undefined;
  afterAll(async () => {
    if (world) await dropDatabase(world);
  });

  it('converge on the same cases as one worker in arrival order', async () => {
    const reference = await (async () => {
      const s = await mailboxWith(SCENARIO);
      try {
        return await s.run(SCENARIO.map((_, i) => i));
      } finally {
        await s.close();
      }
    })();
    world = testWorld();
    const imap = await imapSession(world);
    // Newest first, so the workers meet the messages far from date order.
    for (const m of [...SCENARIO].reverse()) await appendToInbox(imap, m.raw);
    const options = { logger: quietLogger(), scheduleDigests: false, concurrency: 3 };
    const first = await startWorkerService(world.config, options);
    const second = await startWorkerService(world.config, options);
    try {
      await untilMailboxHolds(imap, 'Processed', SCENARIO.length, 120_000);
      await first.whenIdle();
      await second.whenIdle();
      const conn = await mongoose.createConnection(world.config.mongo.mongodbUri, { dbName: world.dbName }).asPromise();
      try {
        expect(await derivedCases(conn)).toEqual(reference);
      } finally {
        await conn.close();
      }
    } finally {
      await first.close();
      await second.close();
      await imap.logout();
    }
  }, 300_000);
});

describe('a case logged before the case was derived from its log', () => {
  it('keeps its resolution and description, and reopens on a later message', async () => {
    const later = forwarded(CASE_B, 'later_question', at(3, 45));
    const s = await mailboxWith([later]);
    const resolvedAt = at(2, 45);
    const resolution = {
      date: resolvedAt,
      outcome: 'full_refund',
      amount: 79,
      currency: 'EUR',
      transactionId: 'TXOLD1',
      sourceMessageId: '<old.resolution@mail.lindqvist-audio.example>',
      confidence: 0.95,
      sentence: 'Full refund approved.',
      rule: 'resolution/refund',
    };
    try {
      const cases = await s.run([0], async (conn) => {
        const db = conn.db;
        if (!db) throw new Error('no database handle');
        // The documents exactly as the worker wrote them before issue 7: no version, no facts on the entry.
        const { insertedId } = await db.collection('cases').insertOne({
          owner: ALICE,
          caseNumber: CASE_B,
          merchant: SHOP.domain,
          orderNumber: 'LA-05337',
          status: 'resolved',
          openedAt: resolvedAt,
          issueDescription: 'cracked ear cup',
          lastMessageAt: resolvedAt,
          resolution,
          suggestedResolution: null,
          statusHistory: [
            { status: 'resolved', at: resolvedAt, reason: 'old', messageKey: resolution.sourceMessageId },
          ],
        });
        await db.collection('log_entries').insertOne({
          caseId: insertedId,
          owner: ALICE,
          caseNumber: CASE_B,
          messageKey: resolution.sourceMessageId,
          occurredAt: resolvedAt,
          channel: 'email',
          direction: 'from_support',
          summary: 'Full refund approved.',
          reasons: [],
        });
      });
      const b = cases[CASE_B];
      expect(b?.status).toBe('reopened');
      expect(b?.resolution?.transactionId).toBe('TXOLD1');
      expect(b?.issueDescription).toBe('cracked ear cup');
      expect(b?.merchant).toBe(SHOP.domain);
    } finally {
      await s.close();
    }
  }, 300_000);
});
