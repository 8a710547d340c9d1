import { isValidObjectId, Types } from 'mongoose';
import type { QuarantineReason } from '../errors.js';
import type { MessageRef } from '../ingest/message-ref.js';
import { quarantineIdOf } from './ids.js';
import { isDuplicateKeyError, upsertWithRetry } from './mongo-errors.js';
import type { Models, QuarantineRecordDoc } from './schemas.js';

export interface QuarantineEntry {
  mailbox: string;
  uidValidity: string;
  uid: number;
  reason: QuarantineReason;
  detail: string;
  messageId: string | null;
  /** The original's sender; for untrusted_sender and unauthenticated, who sent the mail to the mailbox. */
  fromAddress: string | null;
  /** With the latter: the forwarded original's sender, when it is another; null (or absent) otherwise. */
  originalFrom?: string | null;
  subject: string | null;
  sizeBytes: number | null;
  /** The allowed forwarder the message came from; null (or absent) when the sender is unknown. */
  owner?: string | null;
  /** Null (or absent) for mail from the INBOX; `import:<where in the archive>` for mail `import` set aside. */
  origin?: string | null;
}

/** Where a quarantined message sits in the Quarantine mailbox, as the move reported it. */
export interface QuarantinedLocation {
  /** The Quarantine mailbox's name (IMAP path). */
  mailbox: string;
  uidValidity: string | null;
  uid: number;
}

/** A stored quarantine record; `id` is the record's `_id` as hex, the id the CLI prints and accepts. */
export type QuarantineRecord = QuarantineRecordDoc & { id: string };

export interface QuarantineFilter {
  owner?: string;
  reason?: string;
  /** Include records already discarded (default: only pending ones). */
  includeDiscarded?: boolean;
}

/** Why each quarantined message was set aside; the message itself stays in the Quarantine mailbox. */
export class QuarantineStore {
  constructor(private readonly models: Models) {}

  /**
   * Idempotent per (mailbox, UIDVALIDITY, UID): a retried job records the reason once. The record's `_id`
   * comes from its place (ids.ts), so the write is found by `_id` alone; a record an earlier version wrote
   * for the place (a random `_id`) makes the unique index on the place refuse ours, and stays as it is.
   */
  async record(entry: QuarantineEntry, at: Date): Promise<void> {
    try {
      await upsertWithRetry(() =>
        this.models.QuarantineRecord.updateOne(
          { _id: quarantineIdOf(entry) },
          {
            $setOnInsert: {
              ...entry,
              owner: entry.owner ?? null,
              origin: entry.origin ?? null,
              originalFrom: entry.originalFrom ?? null,
              quarantinedAt: at,
            },
          },
          { upsert: true },
        ),
      );
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }

  /** The record of the message at `ref` (its INBOX place, or an import's key), or null. */
  async byPlace(ref: MessageRef): Promise<QuarantineRecord | null> {
    const doc =
      (await this.models.QuarantineRecord.findById(quarantineIdOf(ref)).lean()) ??
      (await this.models.QuarantineRecord.findOne({
        mailbox: ref.mailbox,
        uidValidity: ref.uidValidity,
        uid: ref.uid,
      }).lean());
    return doc ? withId(doc) : null;
  }

  /** Stores where the message of `ref` (its INBOX place) now sits in the Quarantine mailbox. */
  async markMoved(ref: MessageRef, quarantined: QuarantinedLocation): Promise<void> {
    const { matchedCount } = await this.models.QuarantineRecord.updateOne(
      { _id: quarantineIdOf(ref) },
      { $set: { quarantined } },
    );
    // A record an earlier version wrote (random `_id`): found by its place.
    if (matchedCount === 0) {
      await this.models.QuarantineRecord.updateOne(
        { mailbox: ref.mailbox, uidValidity: ref.uidValidity, uid: ref.uid },
        { $set: { quarantined } },
      );
    }
  }

  async list(limit = 100) {
    return this.models.QuarantineRecord.find().sort({ quarantinedAt: -1 }).limit(limit).lean();
  }

  /** Records matching `filter`, newest first, each with its printable id. */
  async find(filter: QuarantineFilter = {}): Promise<QuarantineRecord[]> {
    const query: Record<string, unknown> = {};
    if (filter.owner !== undefined) query.owner = filter.owner;
    if (filter.reason !== undefined) query.reason = filter.reason;
    if (!filter.includeDiscarded) query.discarded = null;
    const docs = await this.models.QuarantineRecord.find(query).sort({ quarantinedAt: -1, _id: -1 }).lean();
    return docs.map(withId);
  }

  /** The record with this id (its `_id` hex), or null. */
  async byId(id: string): Promise<QuarantineRecord | null> {
    if (!isValidObjectId(id) || !/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await this.models.QuarantineRecord.findById(new Types.ObjectId(id)).lean();
    return doc ? withId(doc) : null;
  }

  /** Marks the record discarded (its message moved to the Discarded mailbox); the record stays. */
  async markDiscarded(id: string, discarded: { at: Date; by: string }): Promise<void> {
    await this.models.QuarantineRecord.updateOne({ _id: new Types.ObjectId(id) }, { $set: { discarded } });
  }

  /** Deletes the record (after its message went back to the INBOX, or was found gone). */
  async remove(id: string): Promise<void> {
    await this.models.QuarantineRecord.deleteOne({ _id: new Types.ObjectId(id) });
  }
}

function withId(doc: QuarantineRecordDoc & { _id: unknown }): QuarantineRecord {
  return { ...doc, id: String(doc._id) };
}
