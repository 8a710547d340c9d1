import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { RefundTrackerError } from '../errors.js';
import { caseAsOf } from '../rules/case-as-of.js';
import type { CaseIdentityFacts, OrderCandidate } from '../rules/case-decision.js';
import {
  type DerivedCase,
  deriveCase,
  impliedStatusOf,
  type ManualChange,
  type PolicyEntry,
  type PolicyResolution,
  type StatusChange,
} from '../rules/case-policy.js';
import {
  type AttentionFlag,
  type CaseStatus,
  type ChangeVia,
  type Channel,
  type Direction,
  type ImpliedStatus,
  type KeyKind,
  keyKindOf,
  type LogChannel,
  type ManualAction,
  type Outcome,
} from '../rules/case-terms.js';
import { isDuplicateKeyError, upsertWithRetry } from './mongo-errors.js';
import type { CaseDoc, FiledBy, LogEntryDoc, Models } from './schemas.js';

export type { FiledBy } from './schemas.js';

/** Who made a manual change, and how it reached the tracker. */
export interface ChangeAuthor {
  /** The user's address. */
  by: string;
  via: ChangeVia;
}

export type CaseResolution = PolicyResolution;

/** Where a processed message sits (the Processed mailbox), so `reanalyze` can read it again. */
export interface StoredLocation {
  mailbox: string;
  uidValidity: string;
  uid: number;
}

/** One entry of a case's communication log, as the message worker records it. */
export interface CaseLogEntry {
  owner: string;
  caseNumber: string;
  messageKey: string;
  /** The original's Message-ID (lower-cased, with brackets), for threading; null when unknown. */
  messageId: string | null;
  occurredAt: Date;
  channel: Channel;
  direction: Direction;
  contactPerson: string | null;
  summary: string;
  nextSteps: string | null;
  nextStepsDue: string | null;
  subject: string;
  fromAddress: string | null;
  source: { mailbox: string; uidValidity: string; uid: number } | null;
  reasons: unknown[];
  /** Who chose its case: the rules, or the user (`case: X` above the forward). */
  filedBy: FiledBy;
  // What the message says for its case: the inputs of `deriveCase`.
  implies: ImpliedStatus;
  resolution: CaseResolution | null;
  suggestedResolution: CaseResolution | null;
  issueDescription: string | null;
  merchant: string | null;
  orderNumber: string | null;
}

const ANALYSIS_FIELDS = [
  'summary',
  'nextSteps',
  'nextStepsDue',
  'channel',
  'direction',
  'contactPerson',
  'implies',
  'resolution',
  'suggestedResolution',
  'issueDescription',
  'merchant',
  'orderNumber',
] as const satisfies readonly (keyof CaseLogEntry)[];

/** The analysis fields of a message's entry: what `reanalyze` may replace. */
export type LogEntryAnalysis = Pick<CaseLogEntry, (typeof ANALYSIS_FIELDS)[number]>;

/** A user's renumber or merge: when, and by whom. */
export interface UserMove {
  at: Date;
  author: ChangeAuthor;
}

export interface CaseOpening {
  owner: string;
  caseNumber: string;
  occurredAt: Date;
}

/** One change in a case's history besides its messages: the user's, or the worker's own merge. */
export interface CaseChange {
  key: string;
  at: Date;
  action: ManualAction;
  /** Null for the worker's own merge of an order-keyed case. */
  by: string | null;
  via: ChangeVia | null;
  note: string | null;
  resolution: CaseResolution | null;
}

/**
 * An entry of a case's log as the store returns it. `fromAddress` is the message's sender (for a support
 * message: where a follow-up goes); for a note, its author.
 */
export interface CaseRecordEntry
  extends Pick<
    CaseLogEntry,
    | 'messageKey'
    | 'messageId'
    | 'occurredAt'
    | 'direction'
    | 'contactPerson'
    | 'summary'
    | 'nextSteps'
    | 'nextStepsDue'
    | 'subject'
    | 'fromAddress'
  > {
  /** `note` for the user's own annotation. */
  channel: LogChannel;
  /** Who added it (a note, a phone call); null for a message. */
  addedBy: ChangeAuthor | null;
}

/** A case as the store returns it: the derived case, its history and its log, oldest entry first. */
export interface CaseRecord {
  owner: string;
  /** The merchant's case number, or `order:<orderNumber>` for a case known only by its order. */
  caseNumber: string;
  keyKind: KeyKind;
  merchant: string | null;
  orderNumber: string | null;
  status: CaseStatus;
  openedAt: Date;
  lastMessageAt: Date | null;
  issueDescription: string | null;
  resolution: CaseResolution | null;
  suggestedResolution: CaseResolution | null;
  statusHistory: StatusChange[];
  manualChanges: CaseChange[];
  attention: AttentionFlag[];
  /** Mail dated after the user's own close (which it did not undo): how much, and the newest date. */
  mailAfterUserClose: { count: number; latestAt: Date } | null;
  createdAt: Date;
  updatedAt: Date;
  log: CaseRecordEntry[];
}

export interface ManualChangeRequest {
  action: 'confirm' | 'close' | 'reopen';
  at: Date;
  author: ChangeAuthor;
  resolution?: {
    outcome: Outcome;
    amount: number | null;
    currency: string | null;
    transactionId: string | null;
  } | null;
  note?: string | null;
  /** Idempotency key (e.g. the command email's messageKey + index): the same key twice applies once. */
  key?: string;
}

export interface NoteRequest {
  at: Date;
  author: ChangeAuthor;
  text: string;
  /** A contact's channel, or `note` for an annotation (which changes nothing about who the ball is with). */
  channel: LogChannel;
  contactPerson: string | null;
  /** Default `from_customer`: the user reports what they did or were told. */
  direction?: Direction;
  nextSteps?: string | null;
  /** YYYY-MM-DD, when the caller knows it. */
  nextStepsDue?: string | null;
  /** Idempotency key: the same key twice logs one entry. */
  key?: string;
}

/** A case's status and resolutions as stored, to compare with a derivation in memory. */
export interface DerivedCaseSummary {
  status: CaseStatus;
  resolution: CaseResolution | null;
  suggestedResolution: CaseResolution | null;
}

/** A logged message and where it is stored, for `reanalyze`. */
export interface StoredMessageRef {
  owner: string;
  caseNumber: string;
  messageKey: string;
  messageId: string | null;
  stored: StoredLocation | null;
}

/** Lost races before giving up (the job is then retried); each loss means another writer progressed. */
const MAX_DERIVE_ATTEMPTS = 20;

const notFound = (owner: string, caseNumber: string) =>
  new RefundTrackerError('case_not_found', `no case ${caseNumber} for ${owner}`);

/**
 * The atomic operations the workers and commands need on cases and their logs. The log is the record:
 * every field the log decides is re-derived from all of a case's entries and changes after each write,
 * and written only if no other writer got there first (the `version` guard), so order and concurrency
 * cannot change the case.
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
      await this.models.LogEntry.create({ ...entry, caseId, addedBy: null, stored: null });
      return { appended: true };
    } catch (err) {
      if (isDuplicateKeyError(err)) return { appended: false };
      throw err;
    }
  }

  /**
   * The case `owner`'s entry for this message is in; null when the message is not logged. An entry whose
   * case document is gone (deleted as empty, or merged away, by another writer just before the entry
   * landed) gets its case back: opened again under the entry's case number, with every entry left behind.
   */
  async caseOfLoggedMessage(
    owner: string,
    messageKey: string,
  ): Promise<{ caseId: Types.ObjectId; caseNumber: string } | null> {
    const entry = await this.models.LogEntry.findOne({ owner, messageKey }).lean();
    if (!entry) return null;
    const found = await this.models.Case.findById(entry.caseId).lean();
    if (found) return { caseId: found._id, caseNumber: found.caseNumber };
    const { caseNumber } = entry;
    const caseId = await this.openCase({ owner, caseNumber, occurredAt: entry.occurredAt });
    await this.models.LogEntry.updateMany({ caseId: entry.caseId }, { $set: { caseId, caseNumber } });
    return { caseId, caseNumber };
  }

  /**
   * Deletes a case opened for a message that then turned out to be logged elsewhere: only while it has no
   * entry and was never written (version 0: no derivation, no change). An entry another writer appended
   * to it in between gets its case back (`caseOfLoggedMessage`), so nothing is left pointing nowhere.
   * Returns whether it was deleted.
   */
  async removeUnusedCase(caseId: Types.ObjectId): Promise<boolean> {
    if (await this.models.LogEntry.exists({ caseId })) return false;
    const { deletedCount } = await this.models.Case.deleteOne({ _id: caseId, version: 0 });
    if (deletedCount === 0) return false;
    const late = await this.models.LogEntry.findOne({ caseId }).lean();
    if (late) await this.caseOfLoggedMessage(late.owner, late.messageKey);
    return true;
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
        (current.manualChanges ?? []).map(changeOf),
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

  /**
   * What the owner's cases say about a message's numbers and thread: the facts `decideCaseIdentity`
   * (rules/case-decision.ts) decides on. `threadIds` are the message-ids it answers, most specific first.
   */
  async identityFacts(
    owner: string,
    message: { caseNumber: string | null; orderNumber: string | null; threadIds: readonly string[] },
  ): Promise<CaseIdentityFacts> {
    const { caseNumber, orderNumber } = message;
    const [numbered, casesWithOrder, threadCase] = await Promise.all([
      caseNumber ? this.models.Case.exists({ owner, caseNumber }) : null,
      orderNumber ? this.casesWithOrder(owner, orderNumber) : [],
      caseNumber || message.threadIds.length === 0 ? null : this.caseOfMessage(owner, [...message.threadIds]),
    ]);
    return { caseNumber, orderNumber, numberedCaseExists: numbered !== null, casesWithOrder, threadCase };
  }

  /** The owner's cases whose derived order number, or any of whose entries' order number, is `orderNumber`. */
  async casesWithOrder(owner: string, orderNumber: string): Promise<OrderCandidate[]> {
    const fromEntries = await this.models.LogEntry.distinct('caseId', { owner, orderNumber });
    const cases = await this.models.Case.find({
      owner,
      $or: [{ orderNumber }, { _id: { $in: fromEntries } }],
    }).lean();
    return cases.map((c) => ({ caseNumber: c.caseNumber, lastMessageAt: c.lastMessageAt ?? null }));
  }

  /** The case of the newest logged message among `messageIds` (a reply's In-Reply-To / References), or null. */
  async caseOfMessage(owner: string, messageIds: string[]): Promise<string | null> {
    if (messageIds.length === 0) return null;
    const ids = messageIds.map((id) => id.trim().toLowerCase());
    const [entry] = await this.models.LogEntry.find({ owner, messageId: { $in: ids } })
      .sort({ occurredAt: -1, messageKey: -1 })
      .limit(1)
      .lean();
    if (!entry) return null;
    // The case's own number, not the entry's copy: right even in the middle of a renumbering.
    const found = await this.models.Case.findById(entry.caseId).lean();
    return found?.caseNumber ?? entry.caseNumber;
  }

  /**
   * The worker's own merge (issue 8): a message carrying the merchant's case number `into` for an order
   * the owner's `order:<order>` case already holds. That case is renamed to `into` (or merged into it when
   * both exist); the history records `merged: order:X → CASE` at the message's date, so a retried job
   * records it once. Crash-safe like `mergeCases`.
   */
  async absorbOrderCase(owner: string, from: string, into: string, at: Date): Promise<DerivedCase | null> {
    const present = await this.models.Case.exists({ owner, caseNumber: from });
    if (!present) return null;
    return this.moveCase(owner, from, into, moveChange('merge', from, into, at, null));
  }

  /**
   * A user's confirm, close or reopen, recorded with who made it and how (invariant 8), then the case
   * re-derived. The same `key` twice applies once. A `confirm` needs a suggestion or a given resolution.
   */
  async applyManualChange(owner: string, caseNumber: string, change: ManualChangeRequest): Promise<CaseRecord> {
    const current = await this.models.Case.findOne({ owner, caseNumber }).lean();
    if (!current) throw notFound(owner, caseNumber);
    const key = change.key ?? `manual:${randomUUID()}`;
    const applied = (current.manualChanges ?? []).some((c) => c.key === key);
    if (!applied) {
      if (change.action === 'confirm' && !change.resolution && !current.suggestedResolution) {
        throw new RefundTrackerError('nothing_to_confirm', `case ${caseNumber} has no suggested resolution to confirm`);
      }
      const r = change.resolution;
      await this.pushChange(current._id, {
        key,
        at: change.at,
        action: change.action,
        by: change.author.by,
        via: change.author.via,
        note: change.note ?? null,
        resolution: r
          ? {
              date: change.at,
              outcome: r.outcome,
              amount: r.amount,
              currency: r.currency,
              transactionId: r.transactionId,
              sourceMessageId: key,
              confidence: null,
              sentence: change.note ?? null,
              rule: `user/${change.action}`,
            }
          : null,
      });
    }
    await this.deriveFromLog(current._id);
    return this.recordOf(owner, caseNumber);
  }

  /**
   * A note (a phone call, a chat the user had): a log entry like any other (`note:<key>`, addedBy the
   * author), and an `action: 'note'` change in the history. The same `key` twice logs once.
   */
  async addNote(owner: string, caseNumber: string, note: NoteRequest): Promise<CaseRecord> {
    const current = await this.models.Case.findOne({ owner, caseNumber }).lean();
    if (!current) throw notFound(owner, caseNumber);
    const messageKey = `note:${note.key ?? randomUUID()}`;
    const direction = note.direction ?? 'from_customer';
    const nextSteps = note.nextSteps ?? null;
    try {
      await this.models.LogEntry.create({
        caseId: current._id,
        owner,
        caseNumber,
        messageKey,
        messageId: null,
        occurredAt: note.at,
        channel: note.channel,
        direction,
        contactPerson: note.contactPerson,
        summary: note.text,
        nextSteps,
        nextStepsDue: note.nextStepsDue ?? null,
        subject: '',
        fromAddress: note.author.by,
        source: null,
        stored: null,
        reasons: [],
        implies: impliedStatusOf(direction, nextSteps),
        resolution: null,
        suggestedResolution: null,
        issueDescription: null,
        merchant: null,
        orderNumber: null,
        addedBy: note.author,
      });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    await this.pushChange(current._id, {
      key: messageKey,
      at: note.at,
      action: 'note',
      by: note.author.by,
      via: note.author.via,
      note: note.text,
      resolution: null,
    });
    await this.deriveFromLog(current._id);
    return this.recordOf(owner, caseNumber);
  }

  /** Gives a case another number (a wrong one, or the merchant's for an `order:` case). `to` must be free. */
  async renumberCase(owner: string, from: string, to: string, change: UserMove): Promise<CaseRecord> {
    await this.requireCase(owner, from);
    if (from !== to && (await this.models.Case.exists({ owner, caseNumber: to }))) {
      throw new RefundTrackerError('case_exists', `case ${to} already exists for ${owner}: merge instead`);
    }
    await this.moveCase(owner, from, to, moveChange('renumber', from, to, change.at, change.author));
    return this.recordOf(owner, to);
  }

  /** Two cases that are one: `from`'s entries and changes move into `into`, and `from` is gone. */
  async mergeCases(owner: string, from: string, into: string, change: UserMove): Promise<CaseRecord> {
    await this.requireCase(owner, into);
    if (from === into) return this.recordOf(owner, into);
    const merge = moveChange('merge', from, into, change.at, change.author);
    if (await this.models.Case.exists({ owner, caseNumber: from })) {
      await this.moveCase(owner, from, into, merge);
    } else if (!(await this.hasChange(owner, into, merge.key))) {
      throw notFound(owner, from);
    }
    return this.recordOf(owner, into);
  }

  /** Throws not_found unless the owner has this case. */
  private async requireCase(owner: string, caseNumber: string): Promise<void> {
    if (!(await this.models.Case.exists({ owner, caseNumber }))) throw notFound(owner, caseNumber);
  }

  /**
   * Moves case `from` into `to` (creating `to` when absent: a rename), in an order a crash at any point
   * leaves safe to repeat: `to` exists; `from`'s changes are copied to it (each once, by key) with the
   * change that records the move; the entries move (caseId and caseNumber); the emptied `from` is deleted;
   * `to` is derived. Every step is idempotent, so a retry converges.
   */
  private async moveCase(owner: string, from: string, to: string, record: CaseChange): Promise<DerivedCase | null> {
    const source = await this.models.Case.findOne({ owner, caseNumber: from }).lean();
    if (!source) return null;
    const targetId = await this.openCase({ owner, caseNumber: to, occurredAt: source.openedAt });
    for (const c of source.manualChanges ?? []) await this.pushChange(targetId, changeRecordOf(c));
    await this.pushChange(targetId, record);
    const move = () =>
      this.models.LogEntry.updateMany({ caseId: source._id }, { $set: { caseId: targetId, caseNumber: to } });
    await move();
    if ((await this.models.LogEntry.countDocuments({ caseId: source._id })) === 0) {
      await this.models.Case.deleteOne({ _id: source._id });
      // An entry a concurrent writer appended to `from` meanwhile follows the others.
      await move();
    }
    return (await this.models.LogEntry.exists({ caseId: targetId })) ? this.deriveFromLog(targetId) : null;
  }

  /** Adds a change to the case's history once per key, guarded by `version` like every derived write. */
  private async pushChange(caseId: Types.ObjectId, change: CaseChange): Promise<void> {
    for (let attempt = 0; attempt < MAX_DERIVE_ATTEMPTS; attempt++) {
      const current = await this.models.Case.findById(caseId).lean();
      if (!current) throw new Error(`case ${String(caseId)} vanished`);
      if ((current.manualChanges ?? []).some((c) => c.key === change.key)) return;
      const version = current.version ?? null;
      const written = await this.models.Case.updateOne(
        { _id: caseId, version },
        { $push: { manualChanges: change }, $set: { version: (version ?? 0) + 1 } },
      );
      if (written.matchedCount === 1) return;
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 5 * (attempt + 1))));
    }
    throw new Error(`case ${String(caseId)}: lost ${MAX_DERIVE_ATTEMPTS} races recording a change`);
  }

  private async hasChange(owner: string, caseNumber: string, key: string): Promise<boolean> {
    const c = await this.models.Case.findOne({ owner, caseNumber }).lean();
    return (c?.manualChanges ?? []).some((m) => m.key === key);
  }

  private async recordOf(owner: string, caseNumber: string): Promise<CaseRecord> {
    const [found] = await this.caseFiles({ owner, caseNumber });
    if (!found) throw notFound(owner, caseNumber);
    return found;
  }

  /**
   * Re-analysis of a stored message (`reanalyze`): replaces the analysis fields of a message's entry and
   * re-derives its case. Never touches the user's notes or changes (an entry the user added is left as it is).
   * Returns the fields whose value changed (none: nothing written).
   */
  async reviseLogEntry(owner: string, messageKey: string, analysis: LogEntryAnalysis): Promise<{ changed: string[] }> {
    const entry = await this.models.LogEntry.findOne({ owner, messageKey }).lean();
    if (!entry) throw new RefundTrackerError('entry_not_found', `no log entry ${messageKey} for ${owner}`);
    if (entry.addedBy) return { changed: [] };
    const changed = changedAnalysisFields(entry as unknown as Partial<LogEntryAnalysis>, analysis);
    if (changed.length === 0) return { changed: [] };
    const update = Object.fromEntries(changed.map((f) => [f, analysis[f]]));
    await this.models.LogEntry.updateOne({ _id: entry._id }, { $set: update });
    await this.deriveFromLog(entry.caseId);
    return { changed };
  }

  /** The logged messages (not the user's notes), oldest first, with where each is stored. */
  async storedMessages(filter: { owner?: string; caseNumber?: string } = {}): Promise<StoredMessageRef[]> {
    const query: Record<string, unknown> = { addedBy: null };
    if (filter.owner) query.owner = filter.owner;
    if (filter.caseNumber) query.caseNumber = filter.caseNumber;
    const entries = await this.models.LogEntry.find(query).sort({ occurredAt: 1, messageKey: 1 }).lean();
    return entries.map((e) => ({
      owner: e.owner,
      caseNumber: e.caseNumber,
      messageKey: e.messageKey,
      messageId: e.messageId ?? null,
      stored: e.stored ? { mailbox: e.stored.mailbox, uidValidity: e.stored.uidValidity, uid: e.stored.uid } : null,
    }));
  }

  /** The analysis fields a message's entry holds now, with its case; null when `owner` has no such entry. */
  async entryAnalysis(
    owner: string,
    messageKey: string,
  ): Promise<{
    caseNumber: string;
    caseId: string;
    analysis: LogEntryAnalysis;
    addedByUser: boolean;
    /** Who chose its case (`rules` for entries logged before this was recorded). */
    filedBy: FiledBy;
  } | null> {
    const entry = await this.models.LogEntry.findOne({ owner, messageKey }).lean();
    if (!entry) return null;
    const policy = policyEntryOf(entry);
    return {
      caseNumber: entry.caseNumber,
      caseId: String(entry.caseId),
      addedByUser: policy.addedByUser === true,
      filedBy: (entry.filedBy as FiledBy | null | undefined) ?? 'rules',
      analysis: {
        summary: entry.summary,
        nextSteps: entry.nextSteps ?? null,
        nextStepsDue: entry.nextStepsDue ?? null,
        channel: policy.channel as Channel,
        direction: policy.direction,
        contactPerson: entry.contactPerson ?? null,
        implies: (policy.implies ?? impliedStatusOf(policy.direction, entry.nextSteps ?? null)) as ImpliedStatus,
        resolution: policy.resolution ?? null,
        suggestedResolution: policy.suggestedResolution ?? null,
        issueDescription: policy.issueDescription ?? null,
        merchant: policy.merchant ?? null,
        orderNumber: policy.orderNumber ?? null,
      },
    };
  }

  /**
   * What `deriveFromLog` derives the case from (its entries and the user's changes), for deriving it in
   * memory with other entries (`reanalyze --dry-run`); null when the owner has no such case.
   */
  async derivationInputs(
    owner: string,
    caseNumber: string,
  ): Promise<{ current: DerivedCaseSummary; entries: PolicyEntry[]; changes: ManualChange[] } | null> {
    const current = await this.models.Case.findOne({ owner, caseNumber }).lean();
    if (!current) return null;
    const stored = await this.models.LogEntry.find({ caseId: current._id })
      .sort({ occurredAt: 1, messageKey: 1 })
      .lean();
    return {
      current: {
        status: current.status as CaseStatus,
        resolution: resolutionOf(current.resolution),
        suggestedResolution: resolutionOf(current.suggestedResolution),
      },
      entries: withLegacyFacts(stored.map(policyEntryOf), stored, current),
      changes: (current.manualChanges ?? []).map(changeOf),
    };
  }

  /** A message `owner` has logged: its case and where it is stored (null: unknown); null when not logged. */
  async loggedMessageOf(
    owner: string,
    messageKey: string,
  ): Promise<{ caseNumber: string; stored: StoredLocation | null } | null> {
    const entry = await this.models.LogEntry.findOne({ owner, messageKey }).lean();
    if (!entry) return null;
    const stored = entry.stored
      ? { mailbox: entry.stored.mailbox, uidValidity: entry.stored.uidValidity, uid: entry.stored.uid }
      : null;
    return { caseNumber: entry.caseNumber, stored };
  }

  /** Records where a logged message now sits (after the move to Processed). */
  async markStored(owner: string, messageKey: string, stored: StoredLocation): Promise<void> {
    await this.models.LogEntry.updateOne({ owner, messageKey }, { $set: { stored } });
  }

  /** The cases with this number, of one owner or of all (several owners may share a number). */
  async findCase(owner: string | undefined, caseNumber: string): Promise<CaseRecord[]> {
    // Regardless of case (gtb-2023-5876 finds GTB-2023-5876): the number escaped, anchored, case-insensitive.
    const anyCase = { $regex: `^${caseNumber.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, $options: 'i' };
    const found = await this.caseFiles(owner === undefined ? { caseNumber: anyCase } : { owner, caseNumber: anyCase });
    // Two numbers that differ only in case are two cases: the exact one wins.
    const exact = found.filter((c) => c.caseNumber === caseNumber);
    return exact.length > 0 ? exact : found;
  }

  /** Cases with their logs, oldest first. */
  async caseFiles(
    filter: { owner?: string; status?: CaseStatus; caseNumber?: string | { $regex: string; $options: string } } = {},
    /** The cases as they stood at this instant (`caseAsOf`): later entries and changes left out, cases opened later absent. */
    asOf?: Date,
  ): Promise<CaseRecord[]> {
    const query: Record<string, unknown> = {};
    if (filter.owner) query.owner = filter.owner;
    if (filter.status) query.status = filter.status;
    if (filter.caseNumber) query.caseNumber = filter.caseNumber;
    const cases = await this.models.Case.find(query).sort({ openedAt: 1, caseNumber: 1 }).lean();
    if (cases.length === 0) return [];
    const logs = await this.models.LogEntry.find({ caseId: { $in: cases.map((c) => c._id) } })
      .sort({ occurredAt: 1, _id: 1 })
      .lean();
    const byCase = new Map<string, LogEntryDoc[]>();
    for (const l of logs) {
      const list = byCase.get(String(l.caseId)) ?? [];
      list.push(l);
      byCase.set(String(l.caseId), list);
    }
    const records = cases.map((c) => caseRecordOf(c, byCase.get(String(c._id)) ?? []));
    if (!asOf) return records;
    return records.flatMap((record, i) => {
      const c = cases[i] as CaseDoc;
      const stored = byCase.get(String(c._id)) ?? [];
      const cut = recordAsOf(record, withLegacyFacts(stored.map(policyEntryOf), stored, c), asOf);
      return cut ? [cut] : [];
    });
  }

  async owners(): Promise<string[]> {
    const owners = await this.models.Case.distinct('owner');
    return owners.map(String).sort();
  }
}

type StoredResolution = NonNullable<CaseDoc['resolution']>;
type StoredChange = NonNullable<CaseDoc['manualChanges']>[number];

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
    direction: e.direction as Direction,
    channel: e.channel,
    implies: (e.implies as ImpliedStatus | null | undefined) ?? null,
    resolution: resolutionOf(e.resolution),
    suggestedResolution: resolutionOf(e.suggestedResolution),
    issueDescription: e.issueDescription ?? null,
    merchant: e.merchant ?? null,
    orderNumber: e.orderNumber ?? null,
    addedByUser: Boolean(e.addedBy),
  };
}

/**
 * The history's record of a renumber or merge (`merged: A → B`). The user's is keyed by its time; the
 * worker's own merge (no author) by the two numbers alone, so a retried job records it once.
 */
function moveChange(
  action: 'renumber' | 'merge',
  from: string,
  to: string,
  at: Date,
  author: ChangeAuthor | null,
): CaseChange {
  return {
    key: author ? `${action}:${from}→${to}@${at.toISOString()}` : `${action}:${from}→${to}`,
    at,
    action,
    by: author?.by ?? null,
    via: author?.via ?? null,
    note: `${action === 'merge' ? 'merged' : 'renumbered'}: ${from} → ${to}`,
    resolution: null,
  };
}

function changeRecordOf(c: StoredChange): CaseChange {
  return {
    key: c.key,
    at: c.at,
    action: c.action as ManualAction,
    by: c.by ?? null,
    via: (c.via as ChangeVia | null | undefined) ?? null,
    note: c.note ?? null,
    resolution: resolutionOf(c.resolution),
  };
}

const changeOf = (c: StoredChange): ManualChange => changeRecordOf(c);

function caseRecordOf(c: CaseDoc, logs: LogEntryDoc[]): CaseRecord {
  return {
    owner: c.owner,
    caseNumber: c.caseNumber,
    keyKind: keyKindOf(c.caseNumber),
    merchant: c.merchant ?? null,
    orderNumber: c.orderNumber ?? null,
    status: c.status as CaseStatus,
    openedAt: c.openedAt,
    lastMessageAt: c.lastMessageAt ?? null,
    issueDescription: c.issueDescription ?? null,
    resolution: resolutionOf(c.resolution),
    suggestedResolution: resolutionOf(c.suggestedResolution),
    statusHistory: (c.statusHistory ?? []).map((h) => ({
      status: h.status as CaseStatus,
      at: h.at,
      reason: h.reason,
      messageKey: h.messageKey ?? null,
    })),
    manualChanges: (c.manualChanges ?? []).map(changeRecordOf),
    attention: (c.attention ?? []) as AttentionFlag[],
    mailAfterUserClose: c.mailAfterUserClose
      ? { count: c.mailAfterUserClose.count, latestAt: c.mailAfterUserClose.latestAt }
      : null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    log: logs.map((l) => ({
      messageKey: l.messageKey,
      messageId: l.messageId ?? null,
      occurredAt: l.occurredAt,
      channel: l.channel as LogChannel,
      direction: l.direction as Direction,
      contactPerson: l.contactPerson ?? null,
      summary: l.summary,
      nextSteps: l.nextSteps ?? null,
      nextStepsDue: l.nextStepsDue ?? null,
      subject: l.subject ?? '',
      fromAddress: l.fromAddress ?? null,
      addedBy: l.addedBy ? { by: l.addedBy.by, via: l.addedBy.via as ChangeVia } : null,
    })),
  };
}

/** A case record as it stood at `instant`: its log and changes up to then, the case derived from them; null if not opened yet. */
function recordAsOf(record: CaseRecord, policy: PolicyEntry[], instant: Date): CaseRecord | null {
  const derived = caseAsOf(policy, record.manualChanges, instant);
  if (!derived) return null;
  const cutoff = instant.getTime();
  const manualChanges = record.manualChanges.filter((m) => m.at.getTime() <= cutoff);
  // Last changed: its latest dated step up to then (a digest lists a case resolved since the previous one by it).
  const lastStep = Math.max(derived.lastMessageAt.getTime(), ...manualChanges.map((m) => m.at.getTime()));
  return {
    ...record,
    createdAt: record.createdAt.getTime() <= cutoff ? record.createdAt : derived.openedAt,
    updatedAt: new Date(lastStep),
    merchant: derived.merchant,
    orderNumber: derived.orderNumber,
    status: derived.status,
    openedAt: derived.openedAt,
    lastMessageAt: derived.lastMessageAt,
    issueDescription: derived.issueDescription,
    resolution: derived.resolution,
    suggestedResolution: derived.suggestedResolution,
    statusHistory: derived.statusHistory,
    manualChanges,
    attention: derived.attention,
    mailAfterUserClose: derived.mailAfterUserClose,
    log: record.log.filter((e) => e.occurredAt.getTime() <= cutoff),
  };
}

/** The analysis fields whose values differ between two analyses of a message (dates as instants). */
export function changedAnalysisFields(
  before: Partial<LogEntryAnalysis>,
  after: LogEntryAnalysis,
): (keyof LogEntryAnalysis)[] {
  return ANALYSIS_FIELDS.filter((f) => comparable(before[f]) !== comparable(after[f]));
}

/** A field's value in a form two reads of it compare equal by (dates as instants, no key order). */
function comparable(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const r = value as Record<string, unknown>;
    const keys = [
      'date',
      'outcome',
      'amount',
      'currency',
      'transactionId',
      'sourceMessageId',
      'confidence',
      'sentence',
      'rule',
    ];
    return `{${keys.map((k) => `${k}:${comparable(r[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
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
