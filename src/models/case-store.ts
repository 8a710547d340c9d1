import type { Types } from 'mongoose';
import type { CaseView } from '../reports/case-view.js';
import {
  type DerivedCase,
  deriveCase,
  type ImpliedStatus,
  type ManualChange,
  type PolicyEntry,
  type PolicyResolution,
} from '../rules/case-policy.js';
import { isDuplicateKeyError, upsertWithRetry } from './mongo-errors.js';
import type { CaseDoc, CaseStatus, LogEntryDoc, Models, Outcome } from './schemas.js';

/** One entry of a case's communication log, as the message worker records it. */
export interface CaseLogEntry {
  owner: string;
  caseNumber: string;
  messageKey: string;
  occurredAt: Date;
  channel: string;
  direction: 'from_support' | 'from_customer';
  contactPerson: string | null;
  summary: string;
  nextSteps: string | null;
  nextStepsDue: string | null;
  subject: string;
  fromAddress: string | null;
  source: { mailbox: string; uidValidity: string; uid: number } | null;
  reasons: unknown[];
  // What the message says for its case: the inputs of `deriveCase`.
  implies: ImpliedStatus;
  resolution: CaseResolution | null;
  suggestedResolution: CaseResolution | null;
  issueDescription: string | null;
  merchant: string | null;
  orderNumber: string | null;
}

export interface CaseOpening {
  owner: string;
  caseNumber: string;
  occurredAt: Date;
}

export type CaseResolution = PolicyResolution;

/** Lost races before giving up (the job is then retried); each loss means another writer progressed. */
const MAX_DERIVE_ATTEMPTS = 20;

/**
 * The atomic operations the workers need on cases and their logs. The log is the record: every
 * field the log decides is re-derived from all of a case's entries after each append, and written
 * only if no other writer got there first (the `version` guard), so order and concurrency cannot
 * change the case.
 */
export class CaseStore {
  constructor(private readonly models: Models) {}

  /** Finds or creates the case; what it says (dates, status, description) comes from `deriveFromLog`. */
  async openCase(opening: CaseOpening): Promise<Types.ObjectId> {
    const { owner, caseNumber, occurredAt } = opening;
    const doc = await upsertWithRetry(() =>
      this.models.Case.findOneAndUpdate(
        { owner, caseNumber },
        {
          $setOnInsert: {
            owner,
            caseNumber,
            status: 'open',
            openedAt: occurredAt,
            statusHistory: [],
            manualChanges: [],
            version: 0,
          },
        },
        // No projection: FerretDB v1 does not implement `fields` in findAndModify.
        { upsert: true, returnDocument: 'after' },
      ).lean(),
    );
    if (!doc) throw new Error(`case upsert returned nothing for ${caseNumber}`);
    return doc._id;
  }

  /**
   * Appends the entry unless this owner already has one for the same message (invariant 2,
   * enforced by the unique index on owner + messageKey, not by a read first).
   */
  async appendLogEntry(caseId: Types.ObjectId, entry: CaseLogEntry): Promise<{ appended: boolean }> {
    try {
      await this.models.LogEntry.create({ ...entry, caseId });
      return { appended: true };
    } catch (err) {
      if (isDuplicateKeyError(err)) return { appended: false };
      throw err;
    }
  }

  /**
   * Re-derives the case from all its entries and manual changes and writes the result, guarded by
   * `version`: read the version, then the entries, derive, write only if the version is unchanged.
   * A writer whose entry landed after our read bumps the version or reads it too, so the last
   * successful write always saw every entry appended before it; a lost race just derives again.
   */
  async deriveFromLog(caseId: Types.ObjectId): Promise<DerivedCase> {
    for (let attempt = 0; attempt < MAX_DERIVE_ATTEMPTS; attempt++) {
      const current = await this.models.Case.findById(caseId).lean();
      if (!current) throw new Error(`case ${String(caseId)} vanished`);
      const entries = await this.models.LogEntry.find({ caseId }).sort({ occurredAt: 1, messageKey: 1 }).lean();
      if (entries.length === 0) throw new Error(`case ${String(caseId)} has no log entries to derive from`);
      const derived = deriveCase(
        withLegacyFacts(entries.map(policyEntryOf), entries, current),
        (current.manualChanges ?? []).map(manualChangeOf),
      );
      // A case written before `version` existed has none: `null` matches the missing field.
      const version = current.version ?? null;
      const written = await this.models.Case.updateOne(
        { _id: caseId, version },
        { $set: { ...derived, version: (version ?? 0) + 1 } },
      );
      if (written.matchedCount === 1) return derived;
      // Another writer derived in between: read again.
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 5 * (attempt + 1))));
    }
    throw new Error(`case ${String(caseId)}: lost ${MAX_DERIVE_ATTEMPTS} races deriving from the log`);
  }

  /** Cases with their logs, oldest first, shaped for reports. */
  async caseFiles(filter: { owner?: string; status?: CaseStatus; caseNumber?: string } = {}): Promise<CaseView[]> {
    const query: Record<string, unknown> = {};
    if (filter.owner) query.owner = filter.owner;
    if (filter.status) query.status = filter.status;
    if (filter.caseNumber) query.caseNumber = filter.caseNumber;
    const cases = await this.models.Case.find(query).sort({ openedAt: 1, caseNumber: 1 }).lean();
    if (cases.length === 0) return [];
    const logs = await this.models.LogEntry.find({ caseId: { $in: cases.map((c) => c._id) } })
      .sort({ occurredAt: 1, _id: 1 })
      .lean();
    return cases.map((c) => ({
      owner: c.owner,
      caseNumber: c.caseNumber,
      merchant: c.merchant ?? null,
      orderNumber: c.orderNumber ?? null,
      status: c.status,
      openedAt: c.openedAt,
      issueDescription: c.issueDescription ?? null,
      resolution: c.resolution
        ? {
            date: c.resolution.date,
            outcome: c.resolution.outcome,
            amount: c.resolution.amount ?? null,
            currency: c.resolution.currency ?? null,
            transactionId: c.resolution.transactionId ?? null,
          }
        : null,
      suggestedResolution: c.suggestedResolution
        ? {
            outcome: c.suggestedResolution.outcome,
            amount: c.suggestedResolution.amount ?? null,
            currency: c.suggestedResolution.currency ?? null,
          }
        : null,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      log: logs
        .filter((l) => String(l.caseId) === String(c._id))
        .map((l) => ({
          occurredAt: l.occurredAt,
          channel: l.channel,
          direction: l.direction,
          contactPerson: l.contactPerson ?? null,
          summary: l.summary,
          nextSteps: l.nextSteps ?? null,
          nextStepsDue: l.nextStepsDue ?? null,
        })),
    }));
  }

  async owners(): Promise<string[]> {
    const owners = await this.models.Case.distinct('owner');
    return owners.map(String).sort();
  }
}

type StoredResolution = NonNullable<CaseDoc['resolution']>;

function resolutionOf(r: StoredResolution | null | undefined): PolicyResolution | null {
  if (!r) return null;
  return {
    date: r.date,
    outcome: r.outcome as Outcome,
    amount: r.amount ?? null,
    currency: r.currency ?? null,
    transactionId: r.transactionId ?? null,
    sourceMessageId: r.sourceMessageId,
    confidence: r.confidence ?? null,
    sentence: r.sentence ?? null,
    rule: r.rule ?? null,
  };
}

function policyEntryOf(e: LogEntryDoc): PolicyEntry {
  return {
    messageKey: e.messageKey,
    occurredAt: e.occurredAt,
    direction: e.direction as PolicyEntry['direction'],
    channel: e.channel,
    implies: (e.implies as ImpliedStatus | null | undefined) ?? null,
    resolution: resolutionOf(e.resolution),
    suggestedResolution: resolutionOf(e.suggestedResolution),
    issueDescription: e.issueDescription ?? null,
    merchant: e.merchant ?? null,
    orderNumber: e.orderNumber ?? null,
  };
}

function manualChangeOf(c: NonNullable<CaseDoc['manualChanges']>[number]): ManualChange {
  return {
    key: c.key,
    at: c.at,
    action: c.action as ManualChange['action'],
    resolution: resolutionOf(c.resolution),
    note: c.note ?? null,
  };
}

/**
 * Entries logged before issue 7 (no `implies` field) do not say what their message decided: the case
 * document did. Carry those facts back onto them, so the first derivation of an old case keeps its
 * resolution, suggestion, description, merchant and order number instead of dropping them.
 */
function withLegacyFacts(policy: PolicyEntry[], stored: LogEntryDoc[], current: CaseDoc): PolicyEntry[] {
  const legacy = (i: number) => (stored[i] as { implies?: unknown }).implies === undefined;
  if (!policy.some((_, i) => legacy(i))) return policy;
  const resolution = resolutionOf(current.resolution);
  const suggestion = resolutionOf(current.suggestedResolution);
  const firstLegacy = policy.findIndex((_, i) => legacy(i));
  return policy.map((e, i) => {
    if (!legacy(i)) return e;
    return {
      ...e,
      resolution: resolution?.sourceMessageId === e.messageKey ? resolution : null,
      suggestedResolution: suggestion?.sourceMessageId === e.messageKey ? suggestion : null,
      ...(i === firstLegacy
        ? {
            issueDescription: current.issueDescription ?? null,
            merchant: current.merchant ?? null,
            orderNumber: current.orderNumber ?? null,
          }
        : {}),
    };
  });
}
