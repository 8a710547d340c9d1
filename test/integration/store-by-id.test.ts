// Issue 10: every database call a message makes finds its document by `_id` (the one filter FerretDB v1
// pushes down on every backend), data written by earlier versions still works, and concurrent writers
// of one case converge on the case derived from all its entries. On the real FerretDB.
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/ingest/inbound-message.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { CaseStore } from '../../src/models/case-store.js';
import { QuarantineStore } from '../../src/models/quarantine-store.js';
import { modelsFor } from '../../src/models/schemas.js';
import { analyze } from '../../src/rules/analyze.js';
import { deriveCase } from '../../src/rules/case-policy.js';
import type { Findings } from '../../src/rules/findings.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';
import { type RecordMessageDeps, recordMessage } from '../../src/workers/record-message.js';
import { ALICE, fixture, quietLogger, testWorld } from '../support/harness.js';

interface Sample {
  message: InboundMessage;
  findings: Findings;
}

let template: Sample;

/** The fixture's text as a new support message: its own Message-ID, date, case number, order and thread. */
function sample(
  n: number,
  facts: { caseNumber: string | null; orderNumber?: string | null; inReplyTo?: string | null },
): Sample {
  const messageId = `<sample-${n}-${randomUUID()}@support.example>`;
  return {
    message: {
      ...template.message,
      messageKey: `mid:${messageId}`,
      original: {
        ...template.message.original,
        messageId,
        date: new Date(Date.UTC(2026, 4, 1) + n * 3_600_000).toISOString(),
        inReplyTo: facts.inReplyTo ?? null,
        references: [],
      },
    },
    findings: { ...template.findings, caseNumber: facts.caseNumber, orderNumber: facts.orderNumber ?? null },
  };
}

const depsOf = (cases: CaseStore): RecordMessageDeps => ({
  cases,
  ruleset: builtInRuleset,
  customerAddresses: [ALICE],
  logger: quietLogger(),
});

async function record(cases: CaseStore, s: Sample, uid = 1) {
  const result = await recordMessage(s.message, ALICE, { mailbox: 'INBOX', uidValidity: '7', uid }, depsOf(cases), {
    findings: s.findings,
  });
  if (result.kind !== 'logged') throw new Error(`not logged: ${result.kind}`);
  return result;
}

/** A database of its own, with command monitoring on its client. */
async function freshDatabase() {
  const world = testWorld();
  const conn = await mongoose
    .createConnection(world.config.mongo.mongodbUri, { dbName: world.dbName, monitorCommands: true })
    .asPromise();
  const models = modelsFor(conn);
  await Promise.all(Object.values(models).map((m) => m.createIndexes()));
  return { conn, models };
}

beforeAll(async () => {
  const message = await parseInboundMessage(fixture('forwards/thunderbird-english.eml'), { maxBytes: 5_000_000 });
  template = { message, findings: analyze(message, builtInRuleset, { customerAddresses: [ALICE] }) };
});

describe('a message’s calls on a database written by this version', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await db?.conn.dropDatabase();
    await db?.conn.close();
  });

  it('filter every document by exactly `{_id}`: new case, existing case, order, thread, duplicate, stored, quarantine', async () => {
    const cases = new CaseStore(db.models);
    const quarantine = new QuarantineStore(db.models);
    // What is there before: a few cases, one with an order, as the worker logged them.
    const first = sample(1, { caseNumber: 'SHAPE-1', orderNumber: 'ORD-SHAPE-1' });
    await record(cases, first);
    await record(cases, sample(2, { caseNumber: 'SHAPE-2' }));

    const commands: { name: string; collection: string; filters: unknown[] }[] = [];
    const client = db.conn.getClient();
    const listen = (e: mongoose.mongo.CommandStartedEvent) => {
      const c = e.command as Record<string, unknown>;
      const filters: unknown[] = [];
      if (e.commandName === 'find') filters.push(c.filter);
      if (e.commandName === 'findAndModify') filters.push(c.query);
      if (e.commandName === 'update') for (const u of c.updates as { q: unknown }[]) filters.push(u.q);
      if (e.commandName === 'delete') for (const d of c.deletes as { q: unknown }[]) filters.push(d.q);
      commands.push({ name: e.commandName, collection: String(c[e.commandName]), filters });
    };
    client.on('commandStarted', listen);
    try {
      const opened = await record(cases, sample(3, { caseNumber: 'SHAPE-3', orderNumber: 'ORD-SHAPE-3' }), 3);
      const appended = await record(cases, sample(4, { caseNumber: 'SHAPE-1', orderNumber: 'ORD-SHAPE-1' }), 4);
      const byOrder = await record(cases, sample(5, { caseNumber: null, orderNumber: 'ORD-SHAPE-1' }), 5);
      const byThread = await record(
        cases,
        sample(6, { caseNumber: null, inReplyTo: first.message.original.messageId ?? null }),
        6,
      );
      const again = await record(cases, first, 7);
      expect([opened, appended, byOrder, byThread].map((r) => [r.caseNumber, r.appended])).toEqual([
        ['SHAPE-3', true],
        ['SHAPE-1', true],
        ['SHAPE-1', true],
        ['SHAPE-1', true],
      ]);
      expect(again).toMatchObject({ caseNumber: 'SHAPE-1', appended: false });
      await cases.markStored(ALICE, first.message.messageKey, { mailbox: 'Processed', uidValidity: '7', uid: 70 });
      const place = { mailbox: 'INBOX', uidValidity: '7', uid: 99 };
      await quarantine.record(
        {
          ...place,
          reason: 'no_case_number',
          detail: 'x',
          messageId: null,
          fromAddress: null,
          subject: null,
          sizeBytes: 1,
        },
        new Date(),
      );
      await quarantine.markMoved(place, { mailbox: 'Quarantine', uidValidity: '8', uid: 1 });
    } finally {
      client.off('commandStarted', listen);
    }

    const onData = commands.filter((c) => !['store_meta'].includes(c.collection));
    expect(onData.length).toBeGreaterThan(20);
    // Only reads and writes by `_id`, inserts, and nothing that scans (aggregate, distinct, count).
    expect([...new Set(onData.map((c) => c.name))].sort()).toEqual(
      expect.arrayContaining(['find', 'findAndModify', 'insert', 'update']),
    );
    for (const c of onData) {
      expect(['find', 'findAndModify', 'insert', 'update', 'delete'], `${c.name} on ${c.collection}`).toContain(c.name);
      for (const filter of c.filters) {
        expect(Object.keys(filter as object), `${c.name} on ${c.collection}: ${JSON.stringify(filter)}`).toEqual([
          '_id',
        ]);
        const id = (filter as { _id: unknown })._id;
        // A scalar (string or ObjectId), not an operator like `$in`.
        expect(typeof id === 'string' || id instanceof mongoose.Types.ObjectId, JSON.stringify(filter)).toBe(true);
      }
    }
    const [record1] = await cases.findCase(ALICE, 'SHAPE-1');
    expect(record1?.log).toHaveLength(4);
    expect((await cases.loggedMessageOf(ALICE, first.message.messageKey))?.stored?.uid).toBe(70);
    expect((await quarantine.byPlace({ mailbox: 'INBOX', uidValidity: '7', uid: 99 }))?.quarantined?.uid).toBe(1);
  });
});

describe('two messages of one case recorded at the same time', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await db?.conn.dropDatabase();
    await db?.conn.close();
  });

  it.each([
    ['one process', 1],
    ['two processes (a store each)', 2],
  ])('give the case derived from both entries: %s', async (_, stores) => {
    const instances = Array.from({ length: stores }, () => new CaseStore(db.models));
    for (let round = 0; round < 4; round++) {
      const caseNumber = `RACE-${stores}-${round}`;
      await record(instances[0] as CaseStore, sample(100 * round, { caseNumber }));
      const pair = [sample(100 * round + 1, { caseNumber }), sample(100 * round + 2, { caseNumber })];
      await Promise.all(pair.map((s, i) => record(instances[i % stores] as CaseStore, s, i + 1)));

      const [stored] = await (instances[0] as CaseStore).findCase(ALICE, caseNumber);
      expect(stored?.log).toHaveLength(3);
      const inputs = await (instances[0] as CaseStore).derivationInputs(ALICE, caseNumber);
      expect(inputs?.entries).toHaveLength(3);
      const expected = deriveCase(inputs?.entries ?? [], inputs?.changes ?? []);
      expect(stored?.lastMessageAt).toEqual(expected.lastMessageAt);
      expect(stored?.lastMessageAt).toEqual(new Date(pair[1]?.message.original.date ?? 0));
      expect(stored?.statusHistory).toEqual(expected.statusHistory);
    }
  });

  it('a view written over by a writer that read fewer inputs is derived again by the next write', async () => {
    const cases = new CaseStore(db.models);
    await record(cases, sample(500, { caseNumber: 'STALE-1' }));
    const second = sample(501, { caseNumber: 'STALE-1' });
    await record(cases, second);
    const id = (await db.models.Case.findOne({ caseNumber: 'STALE-1' }).lean())?._id;
    // The late write of a writer that had read only the first entry.
    await db.models.Case.updateOne({ _id: id }, { $set: { inputCount: 1, lastMessageAt: new Date(0) } });
    await record(cases, second);
    const after = await db.models.Case.findById(id).lean();
    expect(after?.inputCount).toBe(2);
    expect(after?.lastMessageAt).toEqual(new Date(second.message.original.date ?? 0));
  });
});

describe('a database written by an earlier version', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const OLD_RESOLVED = new Date(Date.UTC(2026, 3, 1, 9));
  beforeAll(async () => {
    db = await freshDatabase();
    const raw = db.conn.db;
    if (!raw) throw new Error('no database handle');
    // As the worker wrote them before: random ids, no input slots, no lookups, a change kept in the case.
    const { insertedId } = await raw.collection('cases').insertOne({
      owner: ALICE,
      caseNumber: 'OLD-1',
      merchant: 'shop.example',
      orderNumber: 'ORD-OLD-1',
      status: 'awaiting_support',
      openedAt: OLD_RESOLVED,
      lastMessageAt: OLD_RESOLVED,
      issueDescription: 'old issue',
      resolution: null,
      suggestedResolution: null,
      statusHistory: [],
      manualChanges: [
        { key: 'manual:old', at: OLD_RESOLVED, action: 'note', by: ALICE, via: 'cli', note: 'kept', resolution: null },
      ],
      attention: [],
      version: 3,
    });
    await raw.collection('log_entries').insertOne({
      caseId: insertedId,
      owner: ALICE,
      caseNumber: 'OLD-1',
      messageKey: 'mid:<old-1@shop.example>',
      messageId: '<old-1@shop.example>',
      occurredAt: OLD_RESOLVED,
      channel: 'email',
      direction: 'from_support',
      summary: 'old message',
      subject: 'old',
      reasons: [],
      implies: 'awaiting_customer',
      orderNumber: 'ORD-OLD-1',
      stored: null,
      addedBy: null,
    });
    await raw.collection('quarantine').insertOne({
      mailbox: 'INBOX',
      uidValidity: '7',
      uid: 5,
      reason: 'no_case_number',
      detail: 'old',
      quarantinedAt: OLD_RESOLVED,
    });
  });
  afterAll(async () => {
    await db?.conn.dropDatabase();
    await db?.conn.close();
  });

  it('is read and written: its case found by number, order and thread; its entries kept; its changes kept', async () => {
    const cases = new CaseStore(db.models);
    // The same old message forwarded again: already logged, stays where it is.
    const again = await cases.caseOfLoggedMessage(ALICE, 'mid:<old-1@shop.example>');
    expect(again?.caseNumber).toBe('OLD-1');

    const byNumber = await record(cases, sample(1, { caseNumber: 'OLD-1' }));
    const byOrder = await record(cases, sample(2, { caseNumber: null, orderNumber: 'ORD-OLD-1' }));
    const byThread = await record(cases, sample(3, { caseNumber: null, inReplyTo: '<old-1@shop.example>' }));
    expect([byNumber, byOrder, byThread].map((r) => [r.caseNumber, r.appended])).toEqual([
      ['OLD-1', true],
      ['OLD-1', true],
      ['OLD-1', true],
    ]);
    const [old] = await cases.findCase(ALICE, 'OLD-1');
    expect(old?.log.map((e) => e.summary)[0]).toBe('old message');
    expect(old?.log).toHaveLength(4);
    expect(old?.manualChanges.map((c) => c.key)).toEqual(['manual:old']);
    expect(old?.openedAt).toEqual(OLD_RESOLVED);
    expect(await db.models.Case.countDocuments({ owner: ALICE, caseNumber: 'OLD-1' })).toBe(1);

    // Where the old message sits, and a user's change on the old case.
    await cases.markStored(ALICE, 'mid:<old-1@shop.example>', { mailbox: 'Processed', uidValidity: '7', uid: 11 });
    expect((await cases.loggedMessageOf(ALICE, 'mid:<old-1@shop.example>'))?.stored?.uid).toBe(11);
    const noted = await cases.addNote(ALICE, 'OLD-1', {
      at: new Date(Date.UTC(2026, 5, 1)),
      author: { by: ALICE, via: 'cli' },
      text: 'called them',
      channel: 'phone',
      contactPerson: 'Erik',
      key: 'n1',
    });
    expect(noted.manualChanges.map((c) => c.key)).toEqual(['manual:old', 'note:n1']);
    expect(noted.log).toHaveLength(5);
  });

  it('an old quarantine record is not recorded twice and gets its new place', async () => {
    const quarantine = new QuarantineStore(db.models);
    const place = { mailbox: 'INBOX', uidValidity: '7', uid: 5 };
    await quarantine.record(
      {
        ...place,
        reason: 'no_case_number',
        detail: 'again',
        messageId: null,
        fromAddress: null,
        subject: null,
        sizeBytes: 1,
      },
      new Date(),
    );
    await quarantine.markMoved(place, { mailbox: 'Quarantine', uidValidity: '8', uid: 3 });
    const records = await quarantine.find();
    expect(records.filter((r) => r.uid === 5).map((r) => [r.detail, r.quarantined?.uid])).toEqual([['old', 3]]);
  });
});
