import type { Types } from 'mongoose';
import type { CaseView } from '../reports/case-view.js';
import { isDuplicateKeyError, upsertWithRetry } from './mongo-errors.js';
import type { CaseStatus, Models } from './schemas.js';

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
}

export interface CaseOpening {
  owner: string;
  caseNumber: string;
  merchant: string | null;
  orderNumber: string | null;
  issueDescription: string | null;
  occurredAt: Date;
}

export interface CaseResolution {
  date: Date;
  outcome: string;
  amount: number | null;
  currency: string | null;
  transactionId: string | null;
  sourceMessageId: string;
  confidence: number | null;
  sentence: string | null;
  rule: string | null;
}

/**
 * The atomic operations the workers need on cases and their logs. Each is a single-document
 * update guarded by its filter, so a retried or duplicated job changes nothing the second time.
 */
export class CaseStore {
  constructor(private readonly models: Models) {}

  /**
   * Finds or creates the case. The earliest message seen decides the opening date and
   * description, whatever order the messages are processed in.
   */
  async openCase(opening: CaseOpening): Promise<Types.ObjectId> {
    const { owner, caseNumber, occurredAt } = opening;
    const doc = await upsertWithRetry(() =>
      this.models.Case.findOneAndUpdate(
        { owner, caseNumber },
        {
          $setOnInsert: {
            owner,
            caseNumber,
            merchant: opening.merchant,
            orderNumber: opening.orderNumber,
            issueDescription: opening.issueDescription,
            status: 'open',
            openedAt: occurredAt,
            statusHistory: [{ status: 'open', at: occurredAt, reason: 'first message', messageKey: null }],
          },
        },
        // No projection: FerretDB v1 does not implement `fields` in findAndModify.
        { upsert: true, returnDocument: 'after' },
      ).lean(),
    );
    if (!doc) throw new Error(`case upsert returned nothing for ${caseNumber}`);
    // The returned document says which corrections can apply; the filters keep each one atomic
    // against a concurrent writer, so a stale read only costs a write that matches nothing.
    if (doc.openedAt > occurredAt) {
      await this.models.Case.updateOne(
        { _id: doc._id, openedAt: { $gt: occurredAt } },
        {
          $set: {
            openedAt: occurredAt,
            ...(opening.issueDescription ? { issueDescription: opening.issueDescription } : {}),
          },
        },
      );
    }
    // Fill what the first message lacked (e.g. the customer's mail named no order number).
    for (const field of ['merchant', 'orderNumber', 'issueDescription'] as const) {
      if (opening[field] && doc[field] == null) {
        await this.models.Case.updateOne({ _id: doc._id, [field]: null }, { $set: { [field]: opening[field] } });
      }
    }
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
   * Sets the status a message implies, if it is the newest message of an unresolved case.
   * Idempotent: a message's status change is pushed to the history at most once.
   */
  async applyMessageStatus(
    caseId: Types.ObjectId,
    status: Exclude<CaseStatus, 'resolved' | 'open'>,
    occurredAt: Date,
    messageKey: string,
    reason: string,
  ): Promise<void> {
    const changed = await this.models.Case.updateOne(
      {
        _id: caseId,
        status: { $ne: 'resolved' },
        $or: [{ lastMessageAt: null }, { lastMessageAt: { $lte: occurredAt } }],
        'statusHistory.messageKey': { $ne: messageKey },
      },
      {
        $set: { status, lastMessageAt: occurredAt },
        $push: { statusHistory: { status, at: occurredAt, reason, messageKey } },
      },
    );
    // An older message, a resolved case or a retry leaves the status alone but still counts as seen.
    if (changed.matchedCount === 0) {
      await this.models.Case.updateOne({ _id: caseId }, { $max: { lastMessageAt: occurredAt } });
    }
  }

  /** Reopens a resolved case when correspondence resumes after the resolution date. */
  async reopenIfResumed(caseId: Types.ObjectId, occurredAt: Date, messageKey: string): Promise<boolean> {
    const result = await this.models.Case.updateOne(
      {
        _id: caseId,
        status: 'resolved',
        'resolution.date': { $lt: occurredAt },
        'resolution.sourceMessageId': { $ne: messageKey },
        'statusHistory.messageKey': { $ne: messageKey },
      },
      {
        $set: { status: 'reopened', lastMessageAt: occurredAt },
        $push: { statusHistory: { status: 'reopened', at: occurredAt, reason: 'correspondence resumed', messageKey } },
      },
    );
    return result.modifiedCount === 1;
  }

  /**
   * Closes the case with this resolution, unless a later resolution is already recorded.
   * Idempotent per source message.
   */
  async resolveCase(caseId: Types.ObjectId, resolution: CaseResolution, reason: string): Promise<boolean> {
    const result = await this.models.Case.updateOne(
      {
        _id: caseId,
        'statusHistory.messageKey': { $ne: resolution.sourceMessageId },
        $or: [{ resolution: null }, { 'resolution.date': { $lte: resolution.date } }],
      },
      {
        $set: { status: 'resolved', resolution, suggestedResolution: null },
        $max: { lastMessageAt: resolution.date },
        $push: {
          statusHistory: { status: 'resolved', at: resolution.date, reason, messageKey: resolution.sourceMessageId },
        },
      },
    );
    return result.modifiedCount === 1;
  }

  /** Records a resolution the user must confirm; never changes the status. */
  async suggestResolution(caseId: Types.ObjectId, resolution: CaseResolution): Promise<void> {
    await this.models.Case.updateOne(
      { _id: caseId, status: { $ne: 'resolved' } },
      { $set: { suggestedResolution: resolution } },
    );
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
