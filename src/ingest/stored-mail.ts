import type { MailboxConnection } from './mailbox-connection.js';
import { internalDateOf } from './mailbox-messages.js';

/**
 * The tracker's own mailboxes as a store of messages (`import` and `reanalyze`): put a message into
 * one (APPEND, with the place UIDPLUS reports), find one by its Message-ID header, read one back by its
 * place. Each call holds the mailbox's lock for its duration. Nothing from imapflow escapes.
 */

/** Where a message sits in one of the tracker's mailboxes; `uidValidity` null when the server did not say. */
export interface StoredPlace {
  mailbox: string;
  uidValidity: string | null;
  uid: number;
}

export interface ReadMessage {
  raw: Buffer;
  /** INTERNALDATE: the original's date of last resort when parsing (as the worker does). */
  receivedAt: Date | null;
}

export class StoredMail {
  private readonly ensured = new Set<string>();

  constructor(private readonly connection: MailboxConnection) {}

  /** Creates the mailboxes that are missing (once per mailbox for this object). */
  async ensure(mailboxes: string[]): Promise<void> {
    const missing = mailboxes.filter((m) => !this.ensured.has(m));
    if (missing.length === 0) return;
    await this.connection.ensureMailboxes(missing);
    for (const m of missing) this.ensured.add(m);
  }

  /**
   * APPENDs `raw` to `mailbox` (created when missing) with `keywords` and, as INTERNALDATE, when it was
   * received (so the date of last resort stays the archive's). Returns where it landed; `uid` null when
   * the server does not report it (no UIDPLUS).
   */
  async append(
    mailbox: string,
    raw: Buffer,
    options: { keywords?: string[]; receivedAt?: Date | null } = {},
  ): Promise<{ uid: number | null; uidValidity: string | null }> {
    await this.ensure([mailbox]);
    const client = await this.connection.get();
    const appended = await client.append(mailbox, raw, options.keywords ?? [], options.receivedAt ?? undefined);
    if (!appended || appended.uid === undefined || appended.uidValidity === undefined) {
      return { uid: null, uidValidity: null };
    }
    return { uid: appended.uid, uidValidity: String(appended.uidValidity) };
  }

  /**
   * The messages of `mailbox` whose Message-ID header is `messageId` (ignoring case and brackets' absence),
   * lowest UID first; empty when none or the mailbox does not exist.
   */
  async findByMessageId(mailbox: string, messageId: string): Promise<StoredPlace[]> {
    const wanted = bare(messageId);
    if (wanted === '') return [];
    await this.ensure([mailbox]);
    const client = await this.connection.get();
    const lock = await client.getMailboxLock(mailbox, { readOnly: true });
    try {
      const uidValidity = client.mailbox ? String(client.mailbox.uidValidity) : null;
      // SEARCH HEADER matches substrings: each hit's own Message-ID is compared.
      const hits = await client.search({ header: { 'message-id': wanted } }, { uid: true });
      if (!Array.isArray(hits) || hits.length === 0) return [];
      const exact: number[] = [];
      // Collect first, act after the loop: no other command inside a fetch iteration.
      for await (const m of client.fetch(hits.join(','), { uid: true, envelope: true }, { uid: true })) {
        if (bare(m.envelope?.messageId ?? '') === wanted) exact.push(m.uid);
      }
      return exact.sort((a, b) => a - b).map((uid) => ({ mailbox, uidValidity, uid }));
    } finally {
      lock.release();
    }
  }

  /**
   * The messages of `mailbox` whose text contains `needle` (a Message-ID a forward carries in its body),
   * at most `limit` of them, lowest UID first.
   */
  async findByText(mailbox: string, needle: string, limit: number): Promise<StoredPlace[]> {
    if (needle.trim() === '') return [];
    await this.ensure([mailbox]);
    const client = await this.connection.get();
    const lock = await client.getMailboxLock(mailbox, { readOnly: true });
    try {
      const uidValidity = client.mailbox ? String(client.mailbox.uidValidity) : null;
      const hits = await client.search({ text: needle }, { uid: true });
      if (!Array.isArray(hits)) return [];
      return [...hits]
        .sort((a, b) => a - b)
        .slice(0, limit)
        .map((uid) => ({ mailbox, uidValidity, uid }));
    } finally {
      lock.release();
    }
  }

  /**
   * The message at `place`, or null when it is not there: gone, or the mailbox was recreated (its
   * UIDVALIDITY is not the place's, so the UID names another message or none).
   */
  async read(place: StoredPlace): Promise<ReadMessage | null> {
    await this.ensure([place.mailbox]);
    const client = await this.connection.get();
    const lock = await client.getMailboxLock(place.mailbox, { readOnly: true });
    try {
      const uidValidity = client.mailbox ? String(client.mailbox.uidValidity) : null;
      if (place.uidValidity !== null && uidValidity !== place.uidValidity) return null;
      const found = await client.fetchOne(
        String(place.uid),
        { uid: true, source: true, internalDate: true },
        { uid: true },
      );
      if (found === false || !found.source) return null;
      return { raw: found.source, receivedAt: internalDateOf(found.internalDate) };
    } finally {
      lock.release();
    }
  }
}

/** `<ABC@x>` and `abc@x` are the same Message-ID. */
function bare(messageId: string): string {
  return messageId.trim().replace(/^<|>$/g, '').toLowerCase();
}
