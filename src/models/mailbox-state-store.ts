import { upsertWithRetry } from './mongo-errors.js';
import type { Models } from './schemas.js';

export interface MailboxCheckpoint {
  uidValidity: string;
  lastSeenUid: number;
}

/** The poller's checkpoint per mailbox (invariant 3: discarded when UIDVALIDITY changes). */
export class MailboxStateStore {
  constructor(private readonly models: Models) {}

  async get(mailbox: string): Promise<MailboxCheckpoint | null> {
    const doc = await this.models.MailboxState.findOne({ mailbox }).lean();
    return doc ? { uidValidity: doc.uidValidity, lastSeenUid: doc.lastSeenUid } : null;
  }

  /** Moves the checkpoint forward only (`$max`), unless UIDVALIDITY changed: then it starts over. */
  async advance(mailbox: string, uidValidity: string, lastSeenUid: number): Promise<void> {
    const result = await this.models.MailboxState.updateOne({ mailbox, uidValidity }, { $max: { lastSeenUid } });
    if (result.matchedCount === 0) await this.reset(mailbox, uidValidity, lastSeenUid);
  }

  async reset(mailbox: string, uidValidity: string, lastSeenUid = 0): Promise<void> {
    await upsertWithRetry(() =>
      this.models.MailboxState.updateOne({ mailbox }, { $set: { uidValidity, lastSeenUid } }, { upsert: true }),
    );
  }
}
