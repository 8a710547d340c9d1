import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { ImapConfig } from '../config.js';
import { RefundTrackerError } from '../errors.js';
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

/** The server refused a UID MOVE (NO or BAD) on a working connection: the messages are still in the inbox. */
export class MessageMoveError extends RefundTrackerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('imap_move_failed', message, options);
  }
}

export interface MailboxMessagesOptions {
  /** Most messages one UID FETCH or UID MOVE covers. */
  maxBatch?: number;
  /**
   * How long the first call of a batch waits for others to join it. Calls that arrive while a batch
   * of their kind is in flight join the next one whatever this is.
   */
  batchWindowMs?: number;
  /**
   * Messages the server says are larger than this are downloaded by a UID FETCH of their own, after
   * the smaller ones of their batch, so one large message does not hold the small ones back.
   */
  soloFetchBytes?: number;
}

/**
 * Measured against Dovecot on loopback (scripts/bench-imap-batch.ts: 120 messages of 6 KB, 5 ms of
 * work between fetch and move, median of 3): at 8 concurrent jobs, 87 msg/s one message per command,
 * 343 msg/s with batches of up to 16 and no window, 320 with a 2 ms window, 219 with 5 ms, 231 with
 * batches of 32; at 4 jobs 110 vs 212 msg/s. A window only delays: calls that come while a batch is in
 * flight coalesce anyway, and at one job a 2 ms window cost a quarter of the throughput.
 */
export const MAILBOX_BATCH_DEFAULTS: Required<MailboxMessagesOptions> = {
  maxBatch: 16,
  batchWindowMs: 0,
  soloFetchBytes: 1024 * 1024,
};

/** One caller waiting in a batch; settling it twice is harmless (a promise settles once). */
interface Waiter<I, R> {
  item: I;
  resolve(result: R): void;
  reject(err: unknown): void;
}

/**
 * Coalesces calls into batches: the first call of a batch waits `windowMs` for others (or until
 * `maxBatch` have come), and calls that arrive while a batch runs form the next, which starts as soon
 * as that one ends. One batch runs at a time. A batch that throws rejects every caller it has not
 * settled yet; one that forgets a caller rejects it too, so no call can hang.
 */
class Coalescer<I, R> {
  private waiting: Waiter<I, R>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = false;

  constructor(
    private readonly run: (batch: Waiter<I, R>[]) => Promise<void>,
    private readonly maxBatch: number,
    private readonly windowMs: number,
  ) {}

  add(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.inFlight) return; // the running batch starts the next one when it ends
      if (this.waiting.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.inFlight || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, this.maxBatch);
    this.inFlight = true;
    this.run(batch)
      .then(
        () => {
          for (const w of batch) w.reject(new Error('internal: a batch ended without settling this call'));
        },
        (err: unknown) => {
          for (const w of batch) w.reject(err);
        },
      )
      .finally(() => {
        this.inFlight = false;
        // Whoever came while this batch ran has waited already: no window for them.
        this.flush();
      });
  }
}

type FetchWaiter = Waiter<MessageRef, FetchedMessage>;
type MoveWaiter = Waiter<MessageRef, MovedMessage>;

/** The waiters of a batch by UID (two jobs may ask for the same message). */
function byUid<W extends { item: MessageRef }>(waiters: W[]): Map<number, W[]> {
  const map = new Map<number, W[]>();
  for (const w of waiters) {
    const list = map.get(w.item.uid);
    if (list) list.push(w);
    else map.set(w.item.uid, [w]);
  }
  return map;
}

/** What the size-first FETCH returns for one message. */
type Head = Pick<FetchMessageObject, 'uid' | 'size' | 'envelope' | 'internalDate'>;

/**
 * The message worker's view of the mailbox: fetch one message with a size cap, move it out after
 * its effects are committed. Concurrent calls (several jobs in one process share this connection)
 * are coalesced: one UID FETCH for the fetches, one UID MOVE per target and keyword for the moves,
 * each caller getting its own result exactly as if it had been alone. Each batch holds the mailbox
 * lock for its duration.
 */
export class MailboxMessages {
  private readonly settings: Required<MailboxMessagesOptions>;
  private readonly fetches: Coalescer<MessageRef, FetchedMessage>;
  /** One coalescer per target mailbox and keyword: a UID MOVE has one target, and one STORE one keyword. */
  private readonly moves = new Map<string, Coalescer<MessageRef, MovedMessage>>();

  constructor(
    private readonly connection: MailboxConnection,
    private readonly imap: ImapConfig,
    private readonly logger: Logger,
    options: MailboxMessagesOptions = {},
  ) {
    this.settings = { ...MAILBOX_BATCH_DEFAULTS, ...options };
    if (!(this.settings.maxBatch >= 1)) throw new RangeError('maxBatch must be at least 1');
    this.fetches = new Coalescer(
      (batch) => this.fetchBatch(batch),
      this.settings.maxBatch,
      this.settings.batchWindowMs,
    );
  }

  fetch(ref: MessageRef): Promise<FetchedMessage> {
    return this.fetches.add(ref);
  }

  /**
   * Moves the message to `target`, tagging it first with an IMAP keyword when one is given
   * (the quarantine reason travels with the message). A message already gone counts as moved.
   * Resolves only after the server confirmed the move, with where the message now sits in `target`
   * (UIDPLUS's COPYUID); nulls when the server did not say (no UIDPLUS, or the message was already
   * gone). Rejects when the server refused the move: the message is then still in the inbox.
   * The message must have been fetched through this instance first (the processor always does): a
   * session acts only on messages it knows, and Dovecot answers a UID MOVE of a UID this session has
   * not seen yet with OK, moving nothing (the message then stays for the next scan; nothing is lost).
   */
  move(ref: MessageRef, target: string, keyword?: string): Promise<MovedMessage> {
    const key = `${target}\u0000${keyword ?? ''}`;
    let coalescer = this.moves.get(key);
    if (!coalescer) {
      coalescer = new Coalescer(
        (batch) => this.moveBatch(batch, target, keyword),
        this.settings.maxBatch,
        this.settings.batchWindowMs,
      );
      this.moves.set(key, coalescer);
    }
    return coalescer.add(ref);
  }

  private async fetchBatch(batch: FetchWaiter[]): Promise<void> {
    const client = await this.connection.get();
    const lock = await client.getMailboxLock(this.imap.inbox);
    try {
      const current = this.dropStale(client, batch, { kind: 'stale' });
      if (current.length === 0) return;
      const waiters = byUid(current);
      const uids = [...waiters.keys()];
      // This session may not know of mail that arrived since its last command (the poller saw it
      // on its own connection): NOOP makes the server report it before we ask for it by UID.
      await client.noop();
      // Size first: simpleParser buffers the whole message, so an oversized one is never downloaded.
      const heads = new Map<number, Head>();
      // Collect first, act after the loop: no other command inside a fetch iteration.
      const headQuery = { uid: true, size: true, envelope: true, internalDate: true };
      for await (const m of client.fetch(uids.join(','), headQuery, { uid: true })) {
        // Unsolicited rows (a flag change of another message) and split answers: keep what each says.
        if (!waiters.has(m.uid) || (m.size === undefined && m.envelope === undefined)) continue;
        const seen = heads.get(m.uid);
        heads.set(m.uid, {
          uid: m.uid,
          size: m.size ?? seen?.size,
          envelope: m.envelope ?? seen?.envelope,
          internalDate: m.internalDate ?? seen?.internalDate,
        });
      }
      const cap = this.imap.maxMessageBytes;
      const small: number[] = [];
      const large: number[] = [];
      /** The UIDs whose callers have their answer. */
      const answered = new Set<number>();
      for (const uid of uids) {
        const head = heads.get(uid);
        if (!head) continue;
        const size = head.size ?? 0;
        if (size > cap) {
          settle(waiters.get(uid), tooLarge(head, size));
          answered.add(uid);
        } else if (size > this.settings.soloFetchBytes) large.push(uid);
        else small.push(uid);
      }
      // The server's SIZE is not trusted with the download: BODY.PEEK[]<0.cap+1> reads one byte past
      // the cap at most, so a message whose SIZE understated it is still never read whole.
      for (const group of [small, ...large.map((uid) => [uid])]) {
        if (group.length === 0) continue;
        for await (const m of client.fetch(
          group.join(','),
          { uid: true, source: { maxLength: cap + 1 } },
          { uid: true },
        )) {
          const head = heads.get(m.uid);
          if (!m.source || !head || answered.has(m.uid) || !group.includes(m.uid)) continue;
          answered.add(m.uid);
          // Settled as it arrives: this job's parsing need not wait for the rest of the batch.
          settleFetched(waiters.get(m.uid), this.fetched(head, m.source));
        }
      }
      // No head, or no source: gone (moved after its effects were committed), unless the server
      // still lists it. 'Gone' must be certain before a job finishes without doing anything.
      const missing = uids.filter((uid) => !answered.has(uid));
      if (missing.length === 0) return;
      const present = await this.stillThere(client, missing);
      for (const uid of missing) {
        for (const w of waiters.get(uid) ?? []) {
          if (present.has(uid)) w.reject(this.notVisible(uid));
          else w.resolve({ kind: 'gone' });
        }
      }
    } finally {
      lock.release();
    }
  }

  private fetched(head: Head, source: Buffer): FetchedMessage {
    const cap = this.imap.maxMessageBytes;
    if (source.length > cap) {
      this.logger.warn(
        { uid: head.uid, serverSize: head.size ?? 0, bytesRead: source.length, maxMessageBytes: cap },
        'the server reported a size under MAX_MESSAGE_BYTES but sent more: quarantined as too large',
      );
      return tooLarge(head, source.length);
    }
    return { kind: 'ok', size: source.length, source, receivedAt: internalDateOf(head.internalDate) };
  }

  /** Settles the callers whose ref names another UIDVALIDITY (or when no mailbox is selected); returns the rest. */
  private dropStale<W extends Waiter<MessageRef, R>, R>(client: ImapFlow, batch: W[], stale: R): W[] {
    const uidValidity = client.mailbox ? String(client.mailbox.uidValidity) : null;
    const current: W[] = [];
    for (const w of batch) {
      if (uidValidity !== null && w.item.uidValidity === uidValidity) current.push(w);
      else w.resolve(stale);
    }
    return current;
  }

  /** Which of `uids` the server still lists in the selected mailbox. */
  private async stillThere(client: ImapFlow, uids: number[]): Promise<Set<number>> {
    const found = await client.search({ uid: uids.join(',') }, { uid: true });
    const wanted = new Set(uids);
    return new Set(Array.isArray(found) ? found.filter((uid) => wanted.has(uid)) : []);
  }

  private notVisible(uid: number): MailboxUnavailableError {
    return new MailboxUnavailableError(`UID ${uid} is in the mailbox but the server returned no data for it`);
  }

  private async moveBatch(batch: MoveWaiter[], target: string, keyword: string | undefined): Promise<void> {
    const client = await this.connection.get();
    const lock = await client.getMailboxLock(this.imap.inbox);
    try {
      const current = this.dropStale(client, batch, NOT_REPORTED);
      if (current.length === 0) return;
      const uids = [...byUid(current).keys()];
      const set = uids.join(',');
      if (keyword) {
        try {
          await client.messageFlagsAdd(set, [keyword], { uid: true });
        } catch (err) {
          // Keywords are a convenience; the reason is also stored in MongoDB.
          this.logger.warn({ uids, err: { message: (err as Error).message } }, 'could not tag messages');
        }
      }
      // imapflow answers a refused MOVE (or a connection lost during it) with false, not an error.
      let moved = await client.messageMove(set, target, { uid: true });
      // Processed or Quarantine deleted under the running worker (the user tidying folders): imapflow hides
      // the server's TRYCREATE, so make it again and move once more. Retrying as a failure would spend
      // every attempt and then quarantine mail already logged.
      if (!moved && client.usable && this.isOwnTarget(target) && (await this.madeAgain(client, target))) {
        moved = await client.messageMove(set, target, { uid: true });
      }
      if (!moved) {
        const what = `UID MOVE of ${uids.length} message(s) to ${target} failed`;
        throw client.usable ? new MessageMoveError(what) : new MailboxUnavailableError(`${what}: connection lost`);
      }
      const uidValidity = moved.uidValidity === undefined ? null : String(moved.uidValidity);
      for (const w of current) w.resolve({ uid: moved.uidMap?.get(w.item.uid) ?? null, uidValidity });
    } finally {
      lock.release();
    }
  }

  /** Processed and Quarantine: the mailboxes the worker makes when they are missing (README), and no other. */
  private isOwnTarget(target: string): boolean {
    return target === this.imap.processedMailbox || target === this.imap.quarantineMailbox;
  }

  /**
   * After a refused MOVE: creates `target` when it is missing. True when it is there now, made here or
   * by another worker a moment ago (the server's ALREADYEXISTS): the move is worth one more try (when it
   * was there all along, that try is refused again as before). False when it cannot be made.
   */
  private async madeAgain(client: ImapFlow, target: string): Promise<boolean> {
    try {
      const made = await client.mailboxCreate(target);
      if (made?.created) this.logger.warn({ mailbox: target }, 'target mailbox missing: created it again');
      return made !== undefined;
    } catch (err) {
      this.logger.warn({ mailbox: target, err: { message: (err as Error).message } }, 'cannot create target mailbox');
      return false;
    }
  }
}

function settle<R>(waiters: Waiter<MessageRef, R>[] | undefined, result: R): void {
  for (const w of waiters ?? []) w.resolve(result);
}

/**
 * Each caller gets a source of its own (two jobs may ask for the same message): the worker hands it over
 * to an analysis thread, which leaves it empty here (workers/analysis-pool.ts).
 */
function settleFetched(waiters: FetchWaiter[] | undefined, result: FetchedMessage): void {
  for (const [i, w] of (waiters ?? []).entries()) {
    w.resolve(i === 0 || result.kind !== 'ok' ? result : { ...result, source: Buffer.from(result.source) });
  }
}

function tooLarge(head: Head, size: number): FetchedMessage {
  const from = head.envelope?.from?.[0]?.address ?? null;
  return {
    kind: 'too_large',
    size,
    subject: head.envelope?.subject ?? null,
    from: from ? from.toLowerCase() : null,
    messageId: head.envelope?.messageId ?? null,
  };
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
