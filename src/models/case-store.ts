import { randomUUID } from 'node:crypto';
import type { Model, Types } from 'mongoose';
import { RefundTrackerError } from '../errors.js';
import { caseAsOf } from '../rules/case-as-of.js';
import { type CaseIdentityFacts, normalizeMessageId, type OrderCandidate } from '../rules/case-decision.js';
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
import { caseIdOf, entryIdOf, lookupKeyOf } from './ids.js';
import { KeyedLock } from './keyed-lock.js';
import { isDuplicateKeyError, upsertWithRetry } from './mongo-errors.js';
import type { CaseDoc, CaseInputDoc, CaseLookupDoc, FiledBy, LogEntryDoc, Models } from './schemas.js';

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

/** The `store_meta` document that says whether the database holds data written before the `_id`-keyed layout. */
const FORMAT_ID = 'format';

const notFound = (owner: string, caseNumber: string) =>
  new RefundTrackerError('case_not_found', `no case ${caseNumber} for ${owner}`);

/** A case document as read (lean). */
type CaseView = CaseDoc;

/** One input of a case: a log entry, a change, or the mark that an entry's analysis was revised. */
type CaseInputMember =
  | { kind: 'entry'; entryId: Types.ObjectId }
  | { kind: 'revise'; entryId: Types.ObjectId }
  | { kind: 'change'; change: CaseChange };

/** Everything a case is derived from, as of its view plus the slots written after it. */
interface CaseInputs {
  view: CaseView;
  gen: string;
  /** Slots read: the next one is `count + 1`. */
  count: number;
  entryIds: Types.ObjectId[];
  changes: StoredChange[];
}

const slotIdOf = (gen: string, n: number) => `${gen}#${n}`;

/** For `filter`: drops the nulls of documents not found. */
const found = <T>(doc: T | null): doc is T => doc !== null;

/**
 * The document with this `_id` as `findById(id).lean()` returns it (the id is already of the schema's type),
 * read through the driver: mongoose's query building and casting cost about 35 µs of CPU a read here, and the
 * worker reads some 16 documents by `_id` per message. Same result: no schema here has read hooks, getters or
 * `select: false`.
 */
async function docById<T>(model: Pick<Model<unknown>, 'collection'>, id: Types.ObjectId | string): Promise<T | null> {
  return (await model.collection.findOne({ _id: id as never })) as T | null;
}

/** Oldest first, as the policy reads a log: by date, then by message key. */
const byDateThenKey = (a: LogEntryDoc, b: LogEntryDoc) =>
  a.occurredAt.getTime() - b.occurredAt.getTime() ||
  (a.messageKey < b.messageKey ? -1 : a.messageKey > b.messageKey ? 1 : 0);

/**
 * The atomic operations the workers and commands need on cases and their logs. The log is the record:
 * every field the log decides is re-derived from all of a case's entries and changes.
 *
 * Layout (issue 10): every call on a message's path finds its document by `_id`, the one filter FerretDB v1
 * pushes down on its SQLite backend, so the cost per message does not grow with the cases or entries stored.
 * A case's `_id` comes from owner + case number, an entry's from owner + message key (ids.ts). What a case is
 * derived from lives in append-only slots (`case_inputs`, `<gen>#1`, `<gen>#2` …): each entry's id, each
 * change, each revision mark. The case document is a view of them, written whole by every derivation.
 *
 * Why that is safe with concurrent writers, on FerretDB too: FerretDB runs an update (and findAndModify) as
 * a read, a filter in Go, and an unconditional write by `_id`, with no lock in between, so `{_id, version}`
 * compare-and-set is not atomic there; an insert is (the `_id`/unique index refuses a second). So inputs are
 * only ever inserted (a slot claimed by one writer), never updated, and nothing is lost. The view can be
 * overwritten by a writer that read fewer slots, so every writer reads the view and probes the next slot
 * after its own write: if the view then covers fewer slots than it read, or the next slot exists, it derives
 * again. The last write of the view is followed by its writer's check, which sees every slot claimed before
 * it; a slot claimed after it belongs to a writer whose own write (and check) comes later still. So the view
 * settles on all the inputs, whatever the order. In one process, derivations of a case also wait for each
 * other (KeyedLock), so they do not race at all.
 *
 * Data written by earlier versions (random ObjectIds, no slots, no lookup documents) is read by the old
 * queries when the `_id` finds nothing; such a case gets its slots the first time it is written.
 */
export class CaseStore {
  private legacy: Promise<boolean> | undefined;
  private formatRecorded = false;
  private readonly derivations = new KeyedLock();
  /**
   * The case documents this store read or wrote last (a few hundred): where a message's append and
   * derivation start reading slots, instead of reading the case again. Only a starting point: slots are
   * append-only, so an old view just means more slots to read, and `derive` checks the view's `gen`.
   */
  private readonly recentViews = new Map<string, CaseView>();

  constructor(private readonly models: Models) {}

  /**
   * Whether the database holds data written before this layout: its `format` document says so, or, before
   * one is written, whether there are cases or entries at all (this version writes it before its first case).
   */
  private legacyData(): Promise<boolean> {
    this.legacy ??= (async () => {
      const meta = await this.models.StoreMeta.findById(FORMAT_ID).lean();
      if (meta) return meta.legacyData;
      const [someCase, someEntry] = await Promise.all([
        this.models.Case.findOne().lean(),
        this.models.LogEntry.findOne().lean(),
      ]);
      return someCase !== null || someEntry !== null;
    })();
    // A failed read is not remembered: the next call asks again.
    this.legacy.catch(() => {
      this.legacy = undefined;
    });
    return this.legacy;
  }

  /** Before the first write: records what `legacyData` found, so data written from now on is not taken for old. */
  private async recordFormat(): Promise<void> {
    if (this.formatRecorded) return;
    const legacyData = await this.legacyData();
    try {
      await this.models.StoreMeta.create({ _id: FORMAT_ID, legacyData, at: new Date() });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // Another process recorded it first: its answer holds.
      const meta = await this.models.StoreMeta.findById(FORMAT_ID).lean();
      if (meta) this.legacy = Promise.resolve(meta.legacyData);
    }
    this.formatRecorded = true;
  }

  private remember(view: CaseView): void {
    const key = String(view._id);
    this.recentViews.delete(key);
    this.recentViews.set(key, view);
    if (this.recentViews.size > 500) this.recentViews.delete(this.recentViews.keys().next().value as string);
  }

  /** The owner's case with this number: by its `_id`, else (old data) by owner and number. */
  private async caseByNumber(owner: string, caseNumber: string): Promise<CaseView | null> {
    const byId = await docById<CaseView>(this.models.Case, caseIdOf(owner, caseNumber));
    if (byId) return byId;
    return (await this.legacyData()) ? this.models.Case.findOne({ owner, caseNumber }).lean() : null;
  }

  /** The owner's entry for this message: by its `_id`, else (old data) by owner and message key. */
  private async entryByKey(owner: string, messageKey: string): Promise<LogEntryDoc | null> {
    const byId = await docById<LogEntryDoc>(this.models.LogEntry, entryIdOf(owner, messageKey));
    if (byId) return byId;
    return (await this.legacyData()) ? this.models.LogEntry.findOne({ owner, messageKey }).lean() : null;
  }

  /** Finds or creates the case; what it says (dates, status, description) comes from `deriveFromLog`. */
  async openCase(opening: CaseOpening): Promise<Types.ObjectId> {
    return (await this.openView(opening))._id;
  }

  private async openView(opening: CaseOpening): Promise<CaseView> {
    const { owner, caseNumber, occurredAt } = opening;
    await this.recordFormat();
    if (await this.legacyData()) {
      const existing = await this.caseByNumber(owner, caseNumber);
      if (existing) return existing;
    }
    const doc = await upsertWithRetry(() =>
      this.models.Case.findOneAndUpdate(
        { _id: caseIdOf(owner, caseNumber) },
        {
          $setOnInsert: {
            owner,
            caseNumber,
            status: 'open',
            openedAt: occurredAt,
            statusHistory: [],
            manualChanges: [],
            version: 0,
            // A new incarnation's slots: those of a case deleted under this number before are not its inputs.
            gen: randomUUID(),
            entryIds: [],
            inputCount: 0,
          },
        },
        // No projection: FerretDB v1 does not implement `fields` in findAndModify.
        { upsert: true, returnDocument: 'after' },
      ).lean(),
    );
    if (!doc) throw new Error(`case upsert returned nothing for ${caseNumber}`);
    this.remember(doc as CaseView);
    return doc as CaseView;
  }

  /**
   * Appends the entry unless this owner already has one for the same message (invariant 2: its `_id` is
   * owner + message key, and the unique index on owner + messageKey covers entries of earlier versions;
   * not a read first), then lists it among its case's inputs and in the lookups of its order and thread.
   */
  async appendLogEntry(
    caseId: Types.ObjectId,
    entry: CaseLogEntry,
  ): Promise<{ appended: boolean; entryId: Types.ObjectId }> {
    await this.recordFormat();
    const entryId = entryIdOf(entry.owner, entry.messageKey);
    try {
      await this.models.LogEntry.create({ ...entry, _id: entryId, caseId, addedBy: null, stored: null });
    } catch (err) {
      if (isDuplicateKeyError(err)) return { appended: false, entryId };
      throw err;
    }
    // The view openCase just returned, if any: settle's derivation (ensureEntry) lists the entry again
    // should it have gone to slots of a case deleted and opened again in between.
    const inputs = await this.readInputs(this.recentViews.get(String(caseId)) ?? caseId);
    if (!inputs) throw new Error(`case ${String(caseId)} vanished`);
    await Promise.all([
      inputs.entryIds.some((id) => id.equals(entryId)) ? null : this.appendInputs(inputs, [{ kind: 'entry', entryId }]),
      this.indexEntry({ ...entry, _id: entryId, caseId }, inputs.gen),
    ]);
    return { appended: true, entryId };
  }

  /** The order and thread lookups of an entry (each idempotent): how later mail finds its case by `_id`. */
  private async indexEntry(
    entry: Pick<LogEntryDoc, '_id' | 'caseId' | 'owner' | 'messageKey'> & {
      messageId?: string | null;
      orderNumber?: string | null;
    },
    /** The `gen` of the entry's case; null for a case an earlier version wrote (found by the old query). */
    gen: string | null,
  ): Promise<void> {
    const { owner, messageId, orderNumber } = entry;
    await Promise.all([
      orderNumber && gen ? this.addOrderCase(owner, orderNumber, entry.caseId, gen) : null,
      // Found as `mid:<Message-ID>` without a lookup; any other key needs one.
      messageId && `mid:${messageId}` !== entry.messageKey
        ? this.models.CaseLookup.create({ _id: lookupKeyOf('thread', owner, messageId), entryId: entry._id }).catch(
            (err: unknown) => {
              if (!isDuplicateKeyError(err)) throw err;
            },
          )
        : null,
    ]);
  }

  /**
   * The case `owner`'s entry for this message is in; null when the message is not logged. An entry whose
   * case document is gone (deleted as empty, or merged away, by another writer just before the entry
   * landed) gets its case back: opened again under the entry's case number, with every entry left behind.
   */
  async caseOfLoggedMessage(
    owner: string,
    messageKey: string,
  ): Promise<{ caseId: Types.ObjectId; caseNumber: string; entryId: Types.ObjectId } | null> {
    const entry = await this.entryByKey(owner, messageKey);
    if (!entry) return null;
    const itsCase = await docById<CaseView>(this.models.Case, entry.caseId);
    if (itsCase) {
      // A crash between the append and its lookups left them unwritten: written now (idempotent).
      await this.indexEntry(entry, itsCase.gen ?? null);
      return { caseId: itsCase._id, caseNumber: itsCase.caseNumber, entryId: entry._id };
    }
    const { caseNumber } = entry;
    const view = await this.openView({ owner, caseNumber, occurredAt: entry.occurredAt });
    // Rare (a crash or a race with a merge): which entries pointed at the gone case is a query.
    const left = await this.models.LogEntry.find({ caseId: entry.caseId }).lean();
    for (const e of left.length > 0 ? left : [entry]) {
      if (!e.caseId.equals(view._id)) {
        await this.models.LogEntry.updateOne({ _id: e._id }, { $set: { caseId: view._id, caseNumber } });
      }
      await this.addEntryInput(view._id, e._id);
      await this.indexEntry({ ...e, caseId: view._id }, view.gen ?? null);
    }
    return { caseId: view._id, caseNumber, entryId: entry._id };
  }

  /**
   * Deletes a case opened for a message that then turned out to be logged elsewhere: only while it has no
   * input and was never written (version 0: no derivation, no change). An entry another writer appended
   * to it in between gets its case back (`caseOfLoggedMessage`), so nothing is left pointing nowhere.
   * Returns whether it was deleted.
   */
  async removeUnusedCase(caseId: Types.ObjectId): Promise<boolean> {
    const view = await this.models.Case.findById(caseId).lean();
    if (!view || (view.version ?? 0) > 0) return false;
    if (view.gen) {
      if (await this.models.CaseInput.exists({ _id: slotIdOf(view.gen, 1) })) return false;
    } else if (await this.models.LogEntry.exists({ caseId })) return false;
    this.recentViews.delete(String(caseId));
    const { deletedCount } = await this.models.Case.deleteOne({ _id: caseId });
    if (deletedCount === 0) return false;
    const late = view.gen
      ? await this.models.CaseInput.findById(slotIdOf(view.gen, 1)).lean()
      : await this.models.LogEntry.findOne({ caseId }).lean();
    const lateEntryId = late && 'kind' in late ? late.entryId : late?._id;
    const lateEntry = lateEntryId ? await this.models.LogEntry.findById(lateEntryId).lean() : null;
    if (lateEntry) await this.caseOfLoggedMessage(lateEntry.owner, lateEntry.messageKey);
    return true;
  }

  /**
   * Re-derives the case from all its inputs (entries and changes) and writes the view, then checks it
   * (see the class comment): derives again until the view it reads back covers every slot. `ensureEntry`:
   * an entry of this case that must be among its inputs (a retry after a crash between append and listing).
   */
  async deriveFromLog(caseId: Types.ObjectId, options: { ensureEntry?: Types.ObjectId } = {}): Promise<DerivedCase> {
    return this.derivations.run(String(caseId), () => this.derive(caseId, options.ensureEntry));
  }

  private async derive(caseId: Types.ObjectId, ensureEntry: Types.ObjectId | undefined): Promise<DerivedCase> {
    let view: CaseView | null = this.recentViews.get(String(caseId)) ?? null;
    for (let attempt = 0; attempt < MAX_DERIVE_ATTEMPTS; attempt++) {
      const inputs = await this.readInputs(view ?? caseId);
      if (!inputs) throw new Error(`case ${String(caseId)} vanished`);
      if (ensureEntry && !inputs.entryIds.some((id) => id.equals(ensureEntry))) {
        await this.appendInputs(inputs, [{ kind: 'entry', entryId: ensureEntry }]);
        view = null;
        continue;
      }
      const stored = await this.entriesOf(caseId, inputs.entryIds);
      if (stored.length === 0) throw new Error(`case ${String(caseId)} has no log entries to derive from`);
      const derived = deriveCase(
        withLegacyFacts(stored.map(policyEntryOf), stored, inputs.view),
        inputs.changes.map(changeOf),
      );
      const count = inputs.count;
      const written = await this.models.Case.updateOne(
        { _id: caseId },
        {
          $set: {
            ...derived,
            manualChanges: inputs.changes,
            entryIds: stored.map((e) => e._id),
            inputCount: count,
            version: (inputs.view.version ?? 0) + 1,
          },
        },
      );
      if (written.matchedCount === 0) throw new Error(`case ${String(caseId)} vanished`);
      // The check: the view as it is now, and whether a slot was claimed after those we read.
      const [after, next] = await Promise.all([
        docById<CaseView>(this.models.Case, caseId),
        docById<CaseInputDoc>(this.models.CaseInput, slotIdOf(inputs.gen, count + 1)),
      ]);
      if (!after) throw new Error(`case ${String(caseId)} vanished`);
      this.remember(after);
      const afterCount = after.inputCount ?? 0;
      // Written later by a writer that read more slots than we did: that writer checks after its own write.
      if (after.gen === inputs.gen && afterCount > count) return derived;
      if (after.gen === inputs.gen && afterCount === count && !next) return derived;
      view = after;
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 5 * (attempt + 1))));
    }
    throw new Error(`case ${String(caseId)}: lost ${MAX_DERIVE_ATTEMPTS} races deriving from the log`);
  }

  /** This case's entries among `entryIds` (read by `_id`), oldest first; those moved to another case left out. */
  private async entriesOf(caseId: Types.ObjectId, entryIds: readonly Types.ObjectId[]): Promise<LogEntryDoc[]> {
    const read: (LogEntryDoc | null)[] = await Promise.all(
      entryIds.map((id) => docById<LogEntryDoc>(this.models.LogEntry, id)),
    );
    return read
      .filter(found)
      .filter((e) => e.caseId.equals(caseId))
      .sort(byDateThenKey);
  }

  /**
   * The case's inputs: its view's, plus the slots claimed after the view was written (read one after
   * another by `_id` until one is missing). A case written by an earlier version gets its slots first.
   */
  private async readInputs(caseOrView: Types.ObjectId | CaseView): Promise<CaseInputs | null> {
    let view = 'owner' in caseOrView ? caseOrView : await docById<CaseView>(this.models.Case, caseOrView);
    if (!view) return null;
    if (!view.gen) view = await this.adoptLegacyCase(view);
    const gen = view.gen as string;
    const known = view.inputCount ?? 0;
    const slots = await this.readSlots(gen, known);
    const entryIds = [...(view.entryIds ?? [])];
    const changes = [...(view.manualChanges ?? [])];
    for (const slot of slots) {
      if (slot.kind === 'entry' && slot.entryId && !entryIds.some((id) => id.equals(slot.entryId as Types.ObjectId))) {
        entryIds.push(slot.entryId);
      }
      if (slot.kind === 'change' && slot.change && !changes.some((c) => c.key === slot.change?.key)) {
        changes.push(slot.change as StoredChange);
      }
    }
    return { view, gen, count: known + slots.length, entryIds, changes };
  }

  private async readSlots(gen: string, after: number): Promise<CaseInputDoc[]> {
    const slots: CaseInputDoc[] = [];
    for (let n = after + 1; ; n++) {
      const slot = await docById<CaseInputDoc>(this.models.CaseInput, slotIdOf(gen, n));
      if (!slot) return slots;
      slots.push(slot);
    }
  }

  /**
   * Claims the next free slots for `members`, in order. A slot another writer claimed first is skipped
   * (a member that lands twice is read once: entries by id, changes by key).
   */
  private async appendInputs(inputs: Pick<CaseInputs, 'gen' | 'count'>, members: CaseInputMember[]): Promise<void> {
    let n = inputs.count;
    for (const member of members) {
      for (;;) {
        n++;
        try {
          await this.models.CaseInput.create({
            _id: slotIdOf(inputs.gen, n),
            kind: member.kind,
            entryId: member.kind === 'change' ? null : member.entryId,
            change: member.kind === 'change' ? member.change : null,
          });
          break;
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
        }
      }
    }
  }

  /** Lists an entry among its case's inputs, unless it is already. */
  private async addEntryInput(caseId: Types.ObjectId, entryId: Types.ObjectId): Promise<void> {
    const inputs = await this.readInputs(caseId);
    if (!inputs) throw new Error(`case ${String(caseId)} vanished`);
    if (inputs.entryIds.some((id) => id.equals(entryId))) return;
    await this.appendInputs(inputs, [{ kind: 'entry', entryId }]);
  }

  /**
   * A case written by an earlier version: its entries (found by the old query) and changes become its
   * slots, keyed by its own random id. Idempotent and safe to run twice at once: a member already in a slot
   * is not added again, and one added twice is read once.
   */
  private async adoptLegacyCase(view: CaseView): Promise<CaseView> {
    const gen = String(view._id);
    const [entries, existing] = await Promise.all([
      this.models.LogEntry.find({ caseId: view._id }).sort({ occurredAt: 1, messageKey: 1 }).lean(),
      this.readSlots(gen, 0),
    ]);
    const has = (m: CaseInputMember) =>
      existing.some((s) =>
        m.kind === 'change' ? s.change?.key === m.change.key : s.kind === m.kind && s.entryId?.equals(m.entryId),
      );
    const members: CaseInputMember[] = [
      ...entries.map((e): CaseInputMember => ({ kind: 'entry', entryId: e._id })),
      ...(view.manualChanges ?? []).map((c): CaseInputMember => ({ kind: 'change', change: changeRecordOf(c) })),
    ].filter((m) => !has(m));
    await this.appendInputs({ gen, count: existing.length }, members);
    await this.models.Case.updateOne({ _id: view._id }, { $set: { gen, entryIds: [], inputCount: 0 } });
    for (const e of entries) await this.indexEntry(e, gen);
    return { ...view, gen, entryIds: [], inputCount: 0 };
  }

  /** Adds a case to the lookup of an order's cases (slots `order:<hash>#n`), unless it is there. */
  private async addOrderCase(owner: string, orderNumber: string, caseId: Types.ObjectId, gen: string): Promise<void> {
    const key = lookupKeyOf('order', owner, orderNumber);
    const slots = await this.readLookupSlots(key);
    if (slots.some((s) => s.gen === gen && s.caseId?.equals(caseId))) return;
    for (let n = slots.length + 1; ; n++) {
      try {
        await this.models.CaseLookup.create({ _id: `${key}#${n}`, caseId, gen });
        return;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
  }

  private async readLookupSlots(key: string): Promise<CaseLookupDoc[]> {
    const slots: CaseLookupDoc[] = [];
    for (let n = 1; ; n++) {
      const slot = await docById<CaseLookupDoc>(this.models.CaseLookup, `${key}#${n}`);
      if (!slot) return slots;
      slots.push(slot);
    }
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
      caseNumber ? this.caseByNumber(owner, caseNumber) : null,
      orderNumber ? this.casesWithOrder(owner, orderNumber) : [],
      caseNumber || message.threadIds.length === 0 ? null : this.caseOfMessage(owner, [...message.threadIds]),
    ]);
    return { caseNumber, orderNumber, numberedCaseExists: numbered !== null, casesWithOrder, threadCase };
  }

  /** The owner's cases whose derived order number, or any of whose entries' order number, is `orderNumber`. */
  async casesWithOrder(owner: string, orderNumber: string): Promise<OrderCandidate[]> {
    const slots = await this.readLookupSlots(lookupKeyOf('order', owner, orderNumber));
    const ids = slots
      .flatMap((s) => (s.caseId ? [s.caseId] : []))
      .filter((id, i, all) => all.findIndex((o) => o.equals(id)) === i);
    const read: (CaseView | null)[] = await Promise.all(ids.map((id) => docById<CaseView>(this.models.Case, id)));
    // Only the incarnation that logged the order: a case deleted (merged away) and opened again under its number is not.
    const cases = read.filter(found).filter((c) => slots.some((s) => s.gen === c.gen && s.caseId?.equals(c._id)));
    if (await this.legacyData()) {
      const fromEntries = await this.models.LogEntry.distinct('caseId', { owner, orderNumber });
      const old = await this.models.Case.find({ owner, $or: [{ orderNumber }, { _id: { $in: fromEntries } }] }).lean();
      for (const c of old) if (!cases.some((f) => f._id.equals(c._id))) cases.push(c);
    }
    return cases.map((c) => ({ caseNumber: c.caseNumber, lastMessageAt: c.lastMessageAt ?? null }));
  }

  /** The case of the newest logged message among `messageIds` (a reply's In-Reply-To / References), or null. */
  async caseOfMessage(owner: string, messageIds: string[]): Promise<string | null> {
    if (messageIds.length === 0) return null;
    const ids = [...new Set(messageIds.map(normalizeMessageId))];
    const byKey: (LogEntryDoc | null)[] = await Promise.all(
      ids.map((id) => docById<LogEntryDoc>(this.models.LogEntry, entryIdOf(owner, `mid:${id}`))),
    );
    let entries = byKey.filter(found);
    if (entries.length === 0) {
      const lookups = await Promise.all(
        ids.map((id) => docById<CaseLookupDoc>(this.models.CaseLookup, lookupKeyOf('thread', owner, id))),
      );
      const entryIds = lookups.flatMap((l) => (l?.entryId ? [l.entryId] : []));
      const read: (LogEntryDoc | null)[] = await Promise.all(
        entryIds.map((id) => docById<LogEntryDoc>(this.models.LogEntry, id)),
      );
      entries = read.filter(found);
    }
    if (entries.length === 0 && (await this.legacyData())) {
      entries = await this.models.LogEntry.find({ owner, messageId: { $in: ids } }).lean();
    }
    const [entry] = entries.sort(
      (a, b) =>
        b.occurredAt.getTime() - a.occurredAt.getTime() ||
        (a.messageKey < b.messageKey ? 1 : a.messageKey > b.messageKey ? -1 : 0),
    );
    if (!entry) return null;
    // The case's own number, not the entry's copy: right even in the middle of a renumbering.
    const itsCase = await docById<CaseView>(this.models.Case, entry.caseId);
    return itsCase?.caseNumber ?? entry.caseNumber;
  }

  /**
   * The worker's own merge (issue 8): a message carrying the merchant's case number `into` for an order
   * the owner's `order:<order>` case already holds. That case is renamed to `into` (or merged into it when
   * both exist); the history records `merged: order:X → CASE` at the message's date, so a retried job
   * records it once. Crash-safe like `mergeCases`.
   */
  async absorbOrderCase(owner: string, from: string, into: string, at: Date): Promise<DerivedCase | null> {
    return this.moveCase(owner, from, into, moveChange('merge', from, into, at, null));
  }

  /**
   * A user's confirm, close or reopen, recorded with who made it and how (invariant 8), then the case
   * re-derived. The same `key` twice applies once. A `confirm` needs a suggestion or a given resolution.
   */
  async applyManualChange(owner: string, caseNumber: string, change: ManualChangeRequest): Promise<CaseRecord> {
    const current = await this.caseByNumber(owner, caseNumber);
    if (!current) throw notFound(owner, caseNumber);
    const key = change.key ?? `manual:${randomUUID()}`;
    const inputs = await this.readInputs(current);
    if (!inputs) throw notFound(owner, caseNumber);
    const applied = inputs.changes.some((c) => c.key === key);
    if (!applied) {
      if (change.action === 'confirm' && !change.resolution && !current.suggestedResolution) {
        throw new RefundTrackerError('nothing_to_confirm', `case ${caseNumber} has no suggested resolution to confirm`);
      }
      const r = change.resolution;
      await this.appendInputs(inputs, [
        {
          kind: 'change',
          change: {
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
          },
        },
      ]);
    }
    await this.deriveFromLog(current._id);
    return this.recordOf(owner, caseNumber);
  }

  /**
   * A note (a phone call, a chat the user had): a log entry like any other (`note:<key>`, addedBy the
   * author), and an `action: 'note'` change in the history. The same `key` twice logs once.
   */
  async addNote(owner: string, caseNumber: string, note: NoteRequest): Promise<CaseRecord> {
    const current = await this.caseByNumber(owner, caseNumber);
    if (!current) throw notFound(owner, caseNumber);
    await this.recordFormat();
    const messageKey = `note:${note.key ?? randomUUID()}`;
    const direction = note.direction ?? 'from_customer';
    const nextSteps = note.nextSteps ?? null;
    const entryId = entryIdOf(owner, messageKey);
    try {
      await this.models.LogEntry.create({
        _id: entryId,
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
    // The note's entry (now, or by a run that crashed after the insert) and its change, each once.
    const logged = await this.entryByKey(owner, messageKey);
    if (logged?.caseId.equals(current._id)) await this.addEntryInput(current._id, logged._id);
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
    if (from !== to && (await this.caseByNumber(owner, to))) {
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
    if (await this.caseByNumber(owner, from)) {
      await this.moveCase(owner, from, into, merge);
    } else if (!(await this.hasChange(owner, into, merge.key))) {
      throw notFound(owner, from);
    }
    return this.recordOf(owner, into);
  }

  /** Throws not_found unless the owner has this case. */
  private async requireCase(owner: string, caseNumber: string): Promise<void> {
    if (!(await this.caseByNumber(owner, caseNumber))) throw notFound(owner, caseNumber);
  }

  /**
   * Moves case `from` into `to` (creating `to` when absent: a rename), in an order a crash at any point
   * leaves safe to repeat: `to` exists; `from`'s changes, the change that records the move and `from`'s
   * entries become `to`'s inputs (each once); the entries point at `to` (caseId, caseNumber) and `to` joins
   * their orders' lookups; the emptied `from` is deleted, and an entry appended to it meanwhile follows;
   * `to` is derived. Every step is idempotent, so a retry converges.
   */
  private async moveCase(owner: string, from: string, to: string, record: CaseChange): Promise<DerivedCase | null> {
    const source = await this.caseByNumber(owner, from);
    if (!source) return null;
    const sourceInputs = await this.readInputs(source);
    if (!sourceInputs) return null;
    const target = await this.openView({ owner, caseNumber: to, occurredAt: source.openedAt });
    if (target._id.equals(source._id)) {
      await this.pushChange(target._id, record);
      return this.deriveFromLog(target._id);
    }
    const carry = async (entryIds: readonly Types.ObjectId[], changes: CaseChange[]) => {
      // Entries already pointing at `to` were moved by a run that crashed before deleting `from`.
      const read: (LogEntryDoc | null)[] = await Promise.all(
        entryIds.map((id) => this.models.LogEntry.findById(id).lean()),
      );
      const entries = read.filter(found).filter((e) => e.caseId.equals(source._id) || e.caseId.equals(target._id));
      const targetInputs = await this.readInputs(target._id);
      if (!targetInputs) throw new Error(`case ${to} vanished`);
      const members: CaseInputMember[] = [
        ...changes
          .filter((c) => !targetInputs.changes.some((t) => t.key === c.key))
          .map((change): CaseInputMember => ({ kind: 'change', change })),
        ...entries
          .filter((e) => !targetInputs.entryIds.some((id) => id.equals(e._id)))
          .map((e): CaseInputMember => ({ kind: 'entry', entryId: e._id })),
      ];
      await this.appendInputs(targetInputs, members);
      for (const e of entries) {
        if (e.caseId.equals(source._id)) {
          await this.models.LogEntry.updateOne({ _id: e._id }, { $set: { caseId: target._id, caseNumber: to } });
        }
        await this.indexEntry({ ...e, caseId: target._id }, targetInputs.gen);
      }
      return entries.length + targetInputs.entryIds.length;
    };
    let entriesThere = await carry(sourceInputs.entryIds, [...sourceInputs.changes.map(changeRecordOf), record]);
    this.recentViews.delete(String(source._id));
    await this.models.Case.deleteOne({ _id: source._id });
    // An entry a concurrent writer listed under `from` meanwhile follows the others.
    const late = await this.readSlots(sourceInputs.gen, sourceInputs.count);
    const lateEntries = late.flatMap((s) => (s.kind === 'entry' && s.entryId ? [s.entryId] : []));
    if (lateEntries.length > 0) entriesThere += await carry(lateEntries, []);
    return entriesThere > 0 ? this.deriveFromLog(target._id) : null;
  }

  /** Adds a change to the case's inputs once per key. */
  private async pushChange(caseId: Types.ObjectId, change: CaseChange): Promise<void> {
    const inputs = await this.readInputs(caseId);
    if (!inputs) throw new Error(`case ${String(caseId)} vanished`);
    if (inputs.changes.some((c) => c.key === change.key)) return;
    await this.appendInputs(inputs, [{ kind: 'change', change }]);
  }

  private async hasChange(owner: string, caseNumber: string, key: string): Promise<boolean> {
    const c = await this.caseByNumber(owner, caseNumber);
    const inputs = c ? await this.readInputs(c) : null;
    return (inputs?.changes ?? []).some((m) => m.key === key);
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
    const entry = await this.entryByKey(owner, messageKey);
    if (!entry) throw new RefundTrackerError('entry_not_found', `no log entry ${messageKey} for ${owner}`);
    if (entry.addedBy) return { changed: [] };
    const changed = changedAnalysisFields(entry as unknown as Partial<LogEntryAnalysis>, analysis);
    if (changed.length === 0) return { changed: [] };
    const update = Object.fromEntries(changed.map((f) => [f, analysis[f]]));
    await this.models.LogEntry.updateOne({ _id: entry._id }, { $set: update });
    // A new slot after the change: a derivation that read the entry before it is seen to be behind.
    const inputs = await this.readInputs(entry.caseId);
    if (inputs) await this.appendInputs(inputs, [{ kind: 'revise', entryId: entry._id }]);
    if (inputs && analysis.orderNumber) await this.addOrderCase(owner, analysis.orderNumber, entry.caseId, inputs.gen);
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
    const entry = await this.entryByKey(owner, messageKey);
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
    const current = await this.caseByNumber(owner, caseNumber);
    const inputs = current ? await this.readInputs(current) : null;
    if (!current || !inputs) return null;
    const stored = await this.entriesOf(current._id, inputs.entryIds);
    return {
      current: {
        status: current.status as CaseStatus,
        resolution: resolutionOf(current.resolution),
        suggestedResolution: resolutionOf(current.suggestedResolution),
      },
      entries: withLegacyFacts(stored.map(policyEntryOf), stored, current),
      changes: inputs.changes.map(changeOf),
    };
  }

  /** A message `owner` has logged: its case and where it is stored (null: unknown); null when not logged. */
  async loggedMessageOf(
    owner: string,
    messageKey: string,
  ): Promise<{ caseNumber: string; stored: StoredLocation | null } | null> {
    const entry = await this.entryByKey(owner, messageKey);
    if (!entry) return null;
    const stored = entry.stored
      ? { mailbox: entry.stored.mailbox, uidValidity: entry.stored.uidValidity, uid: entry.stored.uid }
      : null;
    return { caseNumber: entry.caseNumber, stored };
  }

  /** Records where a logged message now sits (after the move to Processed). */
  async markStored(owner: string, messageKey: string, stored: StoredLocation): Promise<void> {
    const { matchedCount } = await this.models.LogEntry.updateOne(
      { _id: entryIdOf(owner, messageKey) },
      { $set: { stored } },
    );
    if (matchedCount === 0 && (await this.legacyData())) {
      await this.models.LogEntry.updateOne({ owner, messageKey }, { $set: { stored } });
    }
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
    const cases = await this.models.Case.find(query).sort({ openedAt: 1, caseNumber: 1, owner: 1 }).lean();
    if (cases.length === 0) return [];
    const logs = await this.models.LogEntry.find({ caseId: { $in: cases.map((c) => c._id) } })
      .sort({ occurredAt: 1, createdAt: 1, _id: 1 })
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
