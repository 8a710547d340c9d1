// The database's share of a message (issue 10): a fresh database holding `casesStored` cases, then
// `messages` new messages recorded through recordMessage (the worker's own path, analysis done
// beforehand so only the store is timed), counting the MongoDB commands they issue.
//
//   node .storedist/scripts/e2e/store-cost.js [--cases 0,1000,10000] [--messages 200] [--legacy]
//
// MONGODB_URI names the server. `--legacy` seeds the cases as versions before the `_id`-keyed layout
// wrote them (random ids, no input slots, no lookups), to measure the fallback to the old queries.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose, { Types } from 'mongoose';
import type { InboundMessage } from '../../src/ingest/inbound-message.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { createLogger } from '../../src/logger.js';
import { CaseStore } from '../../src/models/case-store.js';
import { caseIdOf, entryIdOf, lookupKeyOf } from '../../src/models/ids.js';
import { modelsFor } from '../../src/models/schemas.js';
import { analyze } from '../../src/rules/analyze.js';
import { normalizeMessageId } from '../../src/rules/case-decision.js';
import { deriveCase, type PolicyEntry } from '../../src/rules/case-policy.js';
import type { Findings } from '../../src/rules/findings.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';
import { entryAnalysisOf, recordMessage } from '../../src/workers/record-message.js';

export interface StoreCostResult {
  casesStored: number;
  messages: number;
  msPerMessage: number;
  callsPerMessage: number;
}

const OWNER = 'alice@example.net';
const FIXTURES = ['forwards/thunderbird-english.eml', 'forwards/gmail-german.eml', 'forwards/outlook-web-french.eml'];
const SEED_BATCH = 1_000;

/** The repository's root (holding test/fixtures), from this file's place in the source or a build dir. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'test', 'fixtures'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('test/fixtures not found above scripts/e2e');
}

interface Template {
  message: InboundMessage;
  findings: Findings;
}

/** Parsed and analysed once: the timed part is the store's. */
async function templates(): Promise<Template[]> {
  const root = repoRoot();
  return Promise.all(
    FIXTURES.map(async (name) => {
      const message = await parseInboundMessage(readFileSync(join(root, 'test', 'fixtures', name)), {
        maxBytes: 5_000_000,
      });
      return { message, findings: analyze(message, builtInRuleset, { customerAddresses: [OWNER] }) };
    }),
  );
}

/** Message `i` of a run: the template's text, its own identity, case number and order. */
function variant(t: Template, i: number, caseNumber: string, orderNumber: string | null): Template {
  const messageId = `<bench-${i}-${randomUUID()}@support.example>`;
  const date = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return {
    message: {
      ...t.message,
      messageKey: `mid:${messageId}`,
      original: { ...t.message.original, messageId, date, inReplyTo: null, references: [] },
    },
    findings: { ...t.findings, caseNumber, orderNumber },
  };
}

/** The seeded case `i`: number, order and one or two entries as the worker logs them. */
function seededCase(i: number, t: Template) {
  const caseNumber = `SEED-${String(i).padStart(6, '0')}`;
  const orderNumber = i % 2 === 0 ? `ORD-${i}` : null;
  const count = 1 + (i % 2);
  const entries = Array.from({ length: count }, (_, j) => {
    const v = variant(t, i * 10 + j, caseNumber, orderNumber);
    const analysis = entryAnalysisOf(v.message, v.findings);
    return {
      ...analysis,
      owner: OWNER,
      caseNumber,
      messageKey: v.message.messageKey,
      messageId: normalizeMessageId(v.message.original.messageId ?? ''),
      occurredAt: new Date(v.message.original.date ?? 0),
      subject: v.message.original.subject,
      fromAddress: v.message.original.from?.address ?? null,
      source: { mailbox: 'INBOX', uidValidity: '1', uid: i * 10 + j },
      reasons: v.findings.reasons,
      filedBy: 'rules' as const,
      addedBy: null,
      stored: null,
    };
  });
  const policy: PolicyEntry[] = entries.map((e) => ({
    messageKey: e.messageKey,
    occurredAt: e.occurredAt,
    direction: e.direction,
    channel: e.channel,
    implies: e.implies,
    resolution: e.resolution,
    suggestedResolution: e.suggestedResolution,
    issueDescription: e.issueDescription,
    merchant: e.merchant,
    orderNumber: e.orderNumber,
    addedByUser: false,
  }));
  return { caseNumber, orderNumber, entries, derived: deriveCase(policy, []) };
}

/**
 * Seeds `count` cases in bulk, each document as the store writes it: the case view after its derivation,
 * its entries, its input slots and its order's lookup (or, `legacy`, as earlier versions wrote them).
 */
async function seed(models: ReturnType<typeof modelsFor>, count: number, t: Template[], legacy: boolean) {
  if (!legacy) await models.StoreMeta.create({ _id: 'format', legacyData: false, at: new Date() });
  for (let from = 0; from < count; from += SEED_BATCH) {
    const cases: Record<string, unknown>[] = [];
    const entries: Record<string, unknown>[] = [];
    const inputs: Record<string, unknown>[] = [];
    const lookups: Record<string, unknown>[] = [];
    for (let i = from; i < Math.min(count, from + SEED_BATCH); i++) {
      const c = seededCase(i, t[i % t.length] as Template);
      const caseId = legacy ? new Types.ObjectId() : caseIdOf(OWNER, c.caseNumber);
      const gen = randomUUID();
      const entryIds = c.entries.map((e) => (legacy ? new Types.ObjectId() : entryIdOf(OWNER, e.messageKey)));
      cases.push({
        _id: caseId,
        owner: OWNER,
        caseNumber: c.caseNumber,
        ...c.derived,
        manualChanges: [],
        version: 1,
        ...(legacy ? {} : { gen, entryIds, inputCount: entryIds.length }),
      });
      c.entries.forEach((e, j) => {
        entries.push({ _id: entryIds[j], caseId, ...e });
        if (!legacy) inputs.push({ _id: `${gen}#${j + 1}`, kind: 'entry', entryId: entryIds[j], change: null });
      });
      if (!legacy && c.orderNumber) {
        lookups.push({ _id: `${lookupKeyOf('order', OWNER, c.orderNumber)}#1`, caseId, gen, entryId: null });
      }
    }
    await Promise.all([
      models.Case.insertMany(cases, { ordered: false }),
      models.LogEntry.insertMany(entries, { ordered: false }),
      inputs.length > 0 ? models.CaseInput.insertMany(inputs, { ordered: false }) : null,
      lookups.length > 0 ? models.CaseLookup.insertMany(lookups, { ordered: false }) : null,
    ]);
  }
}

export async function measureStoreCost(options: {
  mongodbUri: string;
  casesStored: number;
  messages?: number;
  /** Seed the cases as earlier versions wrote them (measures the fallback to the old queries). */
  legacy?: boolean;
}): Promise<StoreCostResult> {
  const messages = options.messages ?? 200;
  const dbName = `rt_store_cost_${randomUUID().slice(0, 8)}`;
  const connection = await mongoose
    .createConnection(options.mongodbUri, { dbName, monitorCommands: true, autoIndex: false })
    .asPromise();
  try {
    const models = modelsFor(connection);
    await Promise.all(Object.values(models).map((m) => m.createIndexes()));
    const t = await templates();
    await seed(models, options.casesStored, t, options.legacy === true);

    const cases = new CaseStore(models);
    const deps = { cases, ruleset: builtInRuleset, customerAddresses: [OWNER], logger: createLogger('silent', false) };
    // Every other message appends to a seeded case (when there are any), the rest open new cases.
    const runs = Array.from({ length: messages }, (_, i) => {
      const template = t[i % t.length] as Template;
      const seeded = options.casesStored > 0 && i % 2 === 0;
      const k = seeded ? (i * 7919) % options.casesStored : i;
      const v = seeded
        ? variant(template, 1_000_000 + i, `SEED-${String(k).padStart(6, '0')}`, k % 2 === 0 ? `ORD-${k}` : null)
        : variant(template, 1_000_000 + i, `NEW-${i}`, i % 4 === 1 ? `NEWORD-${i}` : null);
      return v;
    });

    let calls = 0;
    const count = () => {
      calls++;
    };
    const client = connection.getClient();
    client.on('commandStarted', count);
    // STORE_COST_TRACE=1: where the time goes, per command and filter shape (stderr).
    const trace = new Map<string, { n: number; ms: number }>();
    const shapes = new Map<number, string>();
    const started1 = (e: mongoose.mongo.CommandStartedEvent) => {
      const cmd = e.command as Record<string, unknown>;
      const filter = (cmd.filter ??
        cmd.query ??
        (cmd.updates as { q?: unknown }[] | undefined)?.[0]?.q ??
        (cmd.deletes as { q?: unknown }[] | undefined)?.[0]?.q) as Record<string, unknown> | undefined;
      shapes.set(
        e.requestId,
        `${e.commandName} ${String(cmd[e.commandName])} ${filter ? Object.keys(filter).join(',') : ''}`,
      );
    };
    const succeeded = (e: mongoose.mongo.CommandSucceededEvent | mongoose.mongo.CommandFailedEvent) => {
      const key = shapes.get(e.requestId) ?? e.commandName;
      const t = trace.get(key) ?? { n: 0, ms: 0 };
      t.n++;
      t.ms += e.duration;
      trace.set(key, t);
    };
    if (process.env.STORE_COST_TRACE) {
      client.on('commandStarted', started1);
      client.on('commandSucceeded', succeeded);
      client.on('commandFailed', succeeded);
    }
    const started = process.hrtime.bigint();
    for (const [i, v] of runs.entries()) {
      const result = await recordMessage(v.message, OWNER, { mailbox: 'INBOX', uidValidity: '1', uid: i + 1 }, deps, {
        findings: v.findings,
      });
      if (result.kind !== 'logged') throw new Error(`message ${i} was not logged: ${result.kind}`);
      // The worker's next write after the move to Processed.
      await cases.markStored(OWNER, v.message.messageKey, { mailbox: 'Processed', uidValidity: '1', uid: i + 1 });
    }
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    client.off('commandStarted', count);
    if (process.env.STORE_COST_TRACE) {
      for (const [k, v] of [...trace].sort((a, b) => b[1].ms - a[1].ms)) {
        console.error(`${k.padEnd(60)} n=${v.n} ms=${v.ms.toFixed(0)} avg=${(v.ms / v.n).toFixed(1)}`);
      }
    }
    return {
      casesStored: options.casesStored,
      messages,
      msPerMessage: elapsedMs / messages,
      callsPerMessage: calls / messages,
    };
  } finally {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
}

async function main(): Promise<void> {
  const mongodbUri = process.env.MONGODB_URI;
  if (!mongodbUri) throw new Error('MONGODB_URI is not set');
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const sizes = (arg('--cases') ?? '0,1000,10000').split(',').map(Number);
  const messages = Number(arg('--messages') ?? 200);
  const legacy = process.argv.includes('--legacy');
  console.log(
    `cases stored | messages | ms/message | calls/message${legacy ? '   (seeded as earlier versions wrote them)' : ''}`,
  );
  for (const casesStored of sizes) {
    const r = await measureStoreCost({ mongodbUri, casesStored, messages, legacy });
    console.log(
      `${String(r.casesStored).padStart(12)} | ${String(r.messages).padStart(8)} | ${r.msPerMessage.toFixed(1).padStart(10)} | ${r.callsPerMessage.toFixed(1).padStart(13)}`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
