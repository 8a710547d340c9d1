import type { QuarantineReason } from '../errors.js';
import { upsertWithRetry } from './mongo-errors.js';
import type { Models } from './schemas.js';

export interface QuarantineEntry {
  mailbox: string;
  uidValidity: string;
  uid: number;
  reason: QuarantineReason;
  detail: string;
  messageId: string | null;
  fromAddress: string | null;
  subject: string | null;
  sizeBytes: number | null;
}

/** Why each quarantined message was set aside; the message itself stays in the Quarantine mailbox. */
export class QuarantineStore {
  constructor(private readonly models: Models) {}

  /** Idempotent per (mailbox, UIDVALIDITY, UID): a retried job records the reason once. */
  async record(entry: QuarantineEntry, at: Date): Promise<void> {
    await upsertWithRetry(() =>
      this.models.QuarantineRecord.updateOne(
        { mailbox: entry.mailbox, uidValidity: entry.uidValidity, uid: entry.uid },
        { $setOnInsert: { ...entry, quarantinedAt: at } },
        { upsert: true },
      ),
    );
  }

  async list(limit = 100) {
    return this.models.QuarantineRecord.find().sort({ quarantinedAt: -1 }).limit(limit).lean();
  }
}
