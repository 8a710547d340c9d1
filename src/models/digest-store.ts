import { normalizeMessageId } from '../rules/case-decision.js';
import { isDuplicateKeyError } from './mongo-errors.js';
import type { Models } from './schemas.js';

/**
 * Digest bookkeeping (invariant 6). Sending is claimed first by inserting (owner, date) against a
 * unique index: however many schedulers fire or retries run, one claim wins. A failed send gives
 * the claim back so a retry can send; a crash after sending leaves it claimed (at most once).
 */
export class DigestStore {
  constructor(private readonly models: Models) {}

  async claim(owner: string, date: string, at: Date): Promise<boolean> {
    try {
      await this.models.DigestRun.create({ owner, date, status: 'sending', claimedAt: at });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  async markSent(owner: string, date: string, messageId: string, at: Date): Promise<void> {
    await this.models.DigestRun.updateOne({ owner, date }, { $set: { status: 'sent', sentAt: at, messageId } });
  }

  async release(owner: string, date: string): Promise<void> {
    await this.models.DigestRun.deleteOne({ owner, date, status: 'sending' });
  }

  /** When the previous digest went out, so this one reports what changed since. */
  async lastSentAt(owner: string, before: string): Promise<Date | null> {
    const last = await this.models.DigestRun.findOne({ owner, status: 'sent', date: { $lt: before } })
      .sort({ date: -1 })
      .lean();
    return last?.sentAt ?? null;
  }

  /**
   * The Message-ID of a digest sent to `owner` among `messageIds` (a message's In-Reply-To and References,
   * with their brackets), or null: a mail that answers one is a reply to the digest. Compared without case
   * (`normalizeMessageId`'s form, which digests are sent with); another user's digest never matches.
   */
  async sentDigestAmong(owner: string, messageIds: readonly string[]): Promise<string | null> {
    if (messageIds.length === 0) return null;
    const wanted = [...new Set(messageIds.flatMap((id) => [id.trim(), normalizeMessageId(id)]))];
    const run = await this.models.DigestRun.findOne({ owner, status: 'sent', messageId: { $in: wanted } }).lean();
    return run?.messageId ?? null;
  }

  async runsOf(owner: string) {
    return this.models.DigestRun.find({ owner }).sort({ date: 1 }).lean();
  }
}
