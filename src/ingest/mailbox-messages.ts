import type { ImapConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { type MailboxConnection, MailboxUnavailableError } from './mailbox-connection.js';
import type { MessageRef } from './message-ref.js';

export type FetchedMessage =
  /** Not in the mailbox any more (already moved after its effects were committed). */
  | { kind: 'gone' }
  /** The mailbox was recreated: this UID means nothing now; the rescan will queue it anew. */
  | { kind: 'stale' }
  /**
   * `size`: the server's RFC822.SIZE, or, where the server said less than it sent, the bytes read
   * (the cap plus one): a lower bound of the real size.
   */
  | { kind: 'too_large'; size: number; subject: string | null; from: string | null; messageId: string | null }
  /** `receivedAt`: the server's INTERNALDATE, the original's date of last resort (parseInboundMessage). */
  | { kind: 'ok'; size: number; source: Buffer; receivedAt: Date | null };

/** Where a moved message now sits in the target mailbox; null where the server did not say. */
export interface MovedMessage {
  uid: number | null;
  /** The target mailbox's UIDVALIDITY as a decimal string. */
  uidValidity: string | null;
}

const NOT_REPORTED: MovedMessage = { uid: null, uidValidity: null };

/**
 * The message worker's view of the mailbox: fetch one message with a size cap, move it out
 * after its effects are committed. Each call holds the mailbox lock for its duration.
 */
export class MailboxMessages {
  constructor(
    private readonly connection: MailboxConnection,
    private readonly imap: ImapConfig,
    private readonly logger: Logger,
  ) {}

  async fetch(ref: MessageRef): Promise<FetchedMessage> {
    const client = await this.connection.get();
    const lock = await client.getMailboxLock(this.imap.inbox);
    try {
      if (!client.mailbox || String(client.mailbox.uidValidity) !== ref.uidValidity) return { kind: 'stale' };
      // This session may not know of mail that arrived since its last command (the poller saw it
      // on its own connection): NOOP makes the server report it before we ask for it by UID.
      await client.noop();
      // Size first: simpleParser buffers the whole message, so an oversized one is never downloaded.
      const head = await client.fetchOne(
        String(ref.uid),
        { uid: true, size: true, envelope: true, internalDate: true },
        { uid: true },
      );
      if (!head) return (await this.stillThere(ref)) ? Promise.reject(this.notVisible(ref)) : { kind: 'gone' };
      const tooLarge = (size: number): FetchedMessage => {
        const from = head.envelope?.from?.[0]?.address ?? null;
        return {
          kind: 'too_large',
          size,
          subject: head.envelope?.subject ?? null,
          from: from ? from.toLowerCase() : null,
          messageId: head.envelope?.messageId ?? null,
        };
      };
      const cap = this.imap.maxMessageBytes;
      const size = head.size ?? 0;
      if (size > cap) return tooLarge(size);
      // The server's SIZE is not trusted with the download: BODY.PEEK[]<0.cap+1> reads one byte past
      // the cap at most, so a message whose SIZE understated it is still never read whole.
      const full = await client.fetchOne(String(ref.uid), { uid: true, source: { maxLength: cap + 1 } }, { uid: true });
      const source = full === false ? undefined : full.source;
      if (!source) return (await this.stillThere(ref)) ? Promise.reject(this.notVisible(ref)) : { kind: 'gone' };
      if (source.length > cap) {
        this.logger.warn(
          { uid: ref.uid, serverSize: size, bytesRead: source.length, maxMessageBytes: cap },
          'the server reported a size under MAX_MESSAGE_BYTES but sent more: quarantined as too large',
        );
        return tooLarge(source.length);
      }
      return { kind: 'ok', size: source.length, source, receivedAt: internalDateOf(head.internalDate) };
    } finally {
      lock.release();
    }
  }

  /** 'Gone' must be certain before a job finishes without doing anything: ask the server. */
  private async stillThere(ref: MessageRef): Promise<boolean> {
    const client = await this.connection.get();
    const found = await client.search({ uid: String(ref.uid) }, { uid: true });
    return Array.isArray(found) && found.includes(ref.uid);
  }

  private notVisible(ref: MessageRef): MailboxUnavailableError {
    return new MailboxUnavailableError(`UID ${ref.uid} is in the mailbox but the server returned no data for it`);
  }

  /**
   * Moves the message to `target`, tagging it first with an IMAP keyword when one is given
   * (the quarantine reason travels with the message). A message already gone counts as moved.
   * Returns where the message now sits in `target` (UIDPLUS's COPYUID); nulls when the server did
   * not say (no UIDPLUS, or the message was already gone).
   */
  async move(ref: MessageRef, target: string, keyword?: string): Promise<MovedMessage> {
    const client = await this.connection.get();
    const lock = await client.getMailboxLock(this.imap.inbox);
    try {
      if (!client.mailbox || String(client.mailbox.uidValidity) !== ref.uidValidity) return NOT_REPORTED;
      if (keyword) {
        try {
          await client.messageFlagsAdd(String(ref.uid), [keyword], { uid: true });
        } catch (err) {
          // Keywords are a convenience; the reason is also stored in MongoDB.
          this.logger.warn({ uid: ref.uid, err: { message: (err as Error).message } }, 'could not tag message');
        }
      }
      const moved = await client.messageMove(String(ref.uid), target, { uid: true });
      if (!moved) return NOT_REPORTED;
      return {
        uid: moved.uidMap?.get(ref.uid) ?? null,
        uidValidity: moved.uidValidity === undefined ? null : String(moved.uidValidity),
      };
    } finally {
      lock.release();
    }
  }
}

/** imapflow gives INTERNALDATE as a Date (or, from some servers, a string); null when unreadable. */
export function internalDateOf(value: Date | string | undefined): Date | null {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Where a message was filed: a mailbox other than the INBOX, its UIDVALIDITY when known, the UID. */
export interface FiledPlace {
  mailbox: string;
  uidValidity: string | null;
  uid: number;
}

export type FiledMoveResult =
  /** Moved; `foundBy` says how it was found, `moved` where it sits now in the target. */
  | { kind: 'moved'; foundBy: 'place' | 'message_id'; moved: MovedMessage }
  /** The place is current (same UIDVALIDITY) and the UID is no longer there: moved or deleted already. */
  | { kind: 'gone' }
  /** No current place and no message with that Message-ID: where it went cannot be told. */
  | { kind: 'not_found' };

/**
 * The user's commands' view of mail filed away (the Quarantine mailbox): find one message, by where
 * it was filed or by its Message-ID header, and move it on. Each call holds the mailbox lock for its
 * duration, so finding and moving see the same mailbox.
 */
export class FiledMessages {
  constructor(private readonly connection: MailboxConnection) {}

  /**
   * Moves one message out of `from` into `target` (created when missing). Found at `place` when
   * `from`'s UIDVALIDITY still matches it; otherwise by `messageId` (exact match; the lowest UID when
   * several carry it). Keywords starting with `dropKeywordPrefix` are removed before the move.
   */
  async moveOut(
    from: string,
    find: { place: FiledPlace | null; messageId: string | null },
    target: string,
    options: { dropKeywordPrefix?: string } = {},
  ): Promise<FiledMoveResult> {
    await this.connection.ensureMailboxes([target]);
    const client = await this.connection.get();
    const lock = await client.getMailboxLock(from);
    try {
      const uidValidity = client.mailbox ? String(client.mailbox.uidValidity) : null;
      const place = find.place;
      let uid: number | null = null;
      let foundBy: 'place' | 'message_id' = 'place';
      if (place && place.mailbox === from && place.uidValidity !== null && place.uidValidity === uidValidity) {
        if (!(await this.has(place.uid))) return { kind: 'gone' };
        uid = place.uid;
      } else if (place && place.mailbox === from && place.uidValidity === null) {
        // UIDVALIDITY unknown: the UID counts only when the message there is the one we look for.
        const head = await client.fetchOne(String(place.uid), { uid: true, envelope: true }, { uid: true });
        const id = head ? head.envelope?.messageId?.toLowerCase() : undefined;
        if (head && (find.messageId === null || id === find.messageId.toLowerCase())) uid = place.uid;
      }
      if (uid === null && find.messageId) {
        uid = await this.byMessageId(find.messageId);
        foundBy = 'message_id';
      }
      if (uid === null) return { kind: 'not_found' };
      if (options.dropKeywordPrefix) await this.dropKeywords(uid, options.dropKeywordPrefix);
      const moved = await client.messageMove(String(uid), target, { uid: true });
      if (!moved) return { kind: 'gone' };
      return {
        kind: 'moved',
        foundBy,
        moved: {
          uid: moved.uidMap?.get(uid) ?? null,
          uidValidity: moved.uidValidity === undefined ? null : String(moved.uidValidity),
        },
      };
    } finally {
      lock.release();
    }
  }

  private async has(uid: number): Promise<boolean> {
    const client = await this.connection.get();
    const found = await client.search({ uid: String(uid) }, { uid: true });
    return Array.isArray(found) && found.includes(uid);
  }

  /**
   * SEARCH HEADER matches substrings, so each hit's Message-ID is compared (ignoring case). A record may
   * hold the Message-ID of the original a forward carries rather than the forward's own: when no header
   * matches, a single message whose text holds it (an attached original's headers) counts; several would
   * be ambiguous. A reply names the original in its own In-Reply-To or References: such hits do not count.
   * (Dovecot's BODY search does not reach an attached message's headers, so TEXT it is.)
   */
  private async byMessageId(messageId: string): Promise<number | null> {
    const client = await this.connection.get();
    const wanted = messageId.toLowerCase();
    const hits = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    if (Array.isArray(hits) && hits.length > 0) {
      const exact: number[] = [];
      // Collect first, act after the loop: no other command inside a fetch iteration.
      for await (const m of client.fetch(hits.join(','), { uid: true, envelope: true }, { uid: true })) {
        if (m.envelope?.messageId?.toLowerCase() === wanted) exact.push(m.uid);
      }
      if (exact.length > 0) return Math.min(...exact);
    }
    const inText = await client.search({ text: messageId }, { uid: true });
    if (!Array.isArray(inText) || inText.length === 0) return null;
    const carriers: number[] = [];
    const fields = { uid: true, headers: ['in-reply-to', 'references'] };
    for await (const m of client.fetch(inText.join(','), fields, { uid: true })) {
      if (!(m.headers?.toString('latin1').toLowerCase() ?? '').includes(wanted)) carriers.push(m.uid);
    }
    return carriers.length === 1 ? (carriers[0] ?? null) : null;
  }

  private async dropKeywords(uid: number, prefix: string): Promise<void> {
    const client = await this.connection.get();
    const head = await client.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
    const keywords = head ? [...(head.flags ?? [])].filter((f) => f.startsWith(prefix)) : [];
    if (keywords.length > 0) await client.messageFlagsRemove(String(uid), keywords, { uid: true });
  }
}
