import type { ImapFlow } from 'imapflow';
import type { ImapConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { MailboxConnection, MailboxUnavailableError, mailboxIdOf } from './mailbox-connection.js';
import type { MessageRef } from './message-ref.js';

/** The checkpoint the poller keeps between scans (stored in MongoDB by the caller). */
export interface CheckpointStore {
  get(mailbox: string): Promise<{ uidValidity: string; lastSeenUid: number } | null>;
  advance(mailbox: string, uidValidity: string, lastSeenUid: number): Promise<void>;
  reset(mailbox: string, uidValidity: string, lastSeenUid?: number): Promise<void>;
}

export interface PollerOptions {
  imap: ImapConfig;
  checkpoints: CheckpointStore;
  /**
   * Queues the messages; must be idempotent per ref (deterministic job ids). Called on every full
   * scan, even of an empty inbox (the full scan also tidies and re-asserts what Redis may have lost).
   */
  enqueue(refs: MessageRef[], scan: ScanKind, mailbox: string): Promise<void>;
  logger: Logger;
}

/**
 * `full` lists every UID still in the mailbox: the mailbox is the durable inbox, so whatever Redis
 * lost is queued again. `new` lists only UIDs above the checkpoint, on an IDLE `exists` event.
 */
export type ScanKind = 'full' | 'new';

/** First reconnect delay; doubles up to the poll interval. */
const MIN_RECONNECT_MS = 1_000;

/**
 * Watches the inbox: IDLE for new mail (imapflow idles whenever the connection is free), and a
 * full scan every poll interval as the fallback that also recovers anything missed.
 */
export class MailboxPoller {
  readonly mailbox: string;
  private readonly connection: MailboxConnection;
  private timer: NodeJS.Timeout | null = null;
  /**
   * One lane per scan kind: at most one scan of each kind runs, and at most one more of it waits. A
   * new-mail scan does not wait for a full scan (whose enqueueing takes seconds when a backfill left
   * thousands of messages in INBOX): both only add jobs under deterministic ids and move the
   * checkpoint forward (`$max`), so running them side by side is safe.
   */
  private readonly lanes: Record<ScanKind, { running: Promise<void> | null; pending: boolean }> = {
    full: { running: null, pending: false },
    new: { running: null, pending: false },
  };
  private stopped = false;
  private reconnectDelay = MIN_RECONNECT_MS;
  /** When a scan last completed; null before the first. */
  private lastScanAt: Date | null = null;
  /** The IMAP connection works: the last scan succeeded and the connection has not closed since. */
  private connected = false;
  /** Set while scans fail: the outage is logged once when it starts and once when a scan succeeds again. */
  private failingSince: number | null = null;

  constructor(private readonly options: PollerOptions) {
    this.mailbox = mailboxIdOf(options.imap);
    // IDLE again right after each scan: the server reports new mail only to a session in IDLE (or
    // running a command), so a delay here would be added to the latency of the next arrival.
    this.connection = new MailboxConnection(options.imap, options.logger, (client) => this.watch(client), {
      autoIdleDelayMs: 0,
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.scan('full');
    this.timer = setInterval(() => void this.request('full'), this.options.imap.pollIntervalMs);
  }

  /** For /healthz and /metrics: whether IMAP is connected and when a scan last succeeded. */
  health(): { connected: boolean; lastScanAt: Date | null } {
    return { connected: this.connected, lastScanAt: this.lastScanAt };
  }

  /** Whether the poller's connection is in IDLE, waiting for the server to report new mail. */
  idling(): boolean {
    return this.connection.idling();
  }

  /** Runs one scan now (after any scan of its kind in progress) and resolves when no scan is running. */
  async scan(kind: ScanKind): Promise<void> {
    await this.request(kind);
    await this.quiet();
  }

  /** Resolves when no scan runs or waits. */
  private async quiet(): Promise<void> {
    for (;;) {
      const running = [this.lanes.full.running, this.lanes.new.running].filter((r) => r !== null);
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.quiet();
    await this.connection.close();
  }

  private watch(client: ImapFlow): void {
    client.on('exists', (event: { path: string; count: number; prevCount: number }) => {
      if (event.path === this.options.imap.inbox && event.count > event.prevCount) void this.request('new');
    });
    client.on('close', () => {
      this.connected = false;
      if (this.stopped) return;
      // A server restart or a network cut: one line now, one when a scan succeeds again (the reconnects
      // and failed scans in between add none).
      if (this.failingSince === null) {
        this.failingSince = Date.now();
        this.options.logger.warn({ mailbox: this.mailbox }, 'imap connection lost (reconnecting)');
      }
      this.reconnectSoon();
    });
  }

  /**
   * Reconnect (and rescan) after a dropped connection or a failed attempt to connect, backing off while
   * the server is away: a server back after a restart has the poller in IDLE again within seconds, not
   * at the next poll (which may be hours away).
   */
  private reconnectSoon(): void {
    if (this.stopped) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, this.options.imap.pollIntervalMs);
    setTimeout(() => void this.request('full'), delay).unref();
  }

  /** Coalesces requests per kind: at most one scan of a kind runs, and at most one more waits. */
  private request(kind: ScanKind): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const lane = this.lanes[kind];
    if (lane.running) {
      lane.pending = true;
      return lane.running;
    }
    // runScan never rejects: it logs its failures and the next scan retries.
    lane.running = this.runScan(kind).finally(() => {
      lane.running = null;
      if (lane.pending && !this.stopped) {
        lane.pending = false;
        void this.request(kind);
      }
    });
    return lane.running;
  }

  private async runScan(kind: ScanKind): Promise<void> {
    const log = this.options.logger.child({ mailbox: this.mailbox, scan: kind });
    const startedAt = performance.now();
    try {
      const client = await this.connection.get();
      // Read before SELECT, so SELECT (when needed) and SEARCH go out back to back: with the poller's
      // zero auto-IDLE delay, a wait between two commands on a selected mailbox costs an IDLE/DONE
      // round trip. (A fresh session is not selected yet, so it does not IDLE during this read.)
      const checkpoint = await this.options.checkpoints.get(this.mailbox);
      // The poller's connection keeps the inbox selected so IDLE reports new mail for it.
      if (client.mailbox === false || client.mailbox.path !== this.options.imap.inbox) {
        await client.mailboxOpen(this.options.imap.inbox);
      }
      const box = client.mailbox;
      if (!box) throw new Error('mailbox not selected');
      const uidValidity = String(box.uidValidity);
      if (!checkpoint || checkpoint.uidValidity !== uidValidity) {
        // A full scan's work, and full scans keep to their own lane (never two at once).
        if (kind === 'new') {
          void this.request('full');
          return;
        }
        // Invariant 3: a new UIDVALIDITY makes every stored UID meaningless. Start over.
        if (checkpoint) log.warn({ old: checkpoint.uidValidity, uidValidity }, 'UIDVALIDITY changed; rescanning');
        await this.options.checkpoints.reset(this.mailbox, uidValidity, 0);
      }
      const since = kind === 'full' ? 0 : (checkpoint?.lastSeenUid ?? 0);
      const found = (await client.search(since > 0 ? { uid: `${since + 1}:*` } : { all: true }, { uid: true })) || [];
      // `n:*` always includes the highest UID, even when it is below n.
      const uids = found.filter((uid) => uid > since).sort((a, b) => a - b);
      if (uids.length > 0 || kind === 'full') {
        await this.options.enqueue(
          uids.map((uid) => ({ mailbox: this.mailbox, uidValidity, uid })),
          kind,
          this.mailbox,
        );
      }
      if (uids.length > 0) {
        await this.options.checkpoints.advance(this.mailbox, uidValidity, uids[uids.length - 1] ?? 0);
      }
      this.reconnectDelay = MIN_RECONNECT_MS;
      this.lastScanAt = new Date();
      this.connected = true;
      if (this.failingSince !== null) {
        log.info({ downMs: Date.now() - this.failingSince }, 'scans succeed again');
        this.failingSince = null;
      }
      log.debug({ queued: uids.length, ms: Math.round(performance.now() - startedAt) }, 'scan done');
    } catch (err) {
      // A scan that could not connect means IMAP is down; one that failed later (MongoDB, Redis) does not.
      // No connection, so no 'close' event will ask for the next try: ask for it here.
      if (err instanceof MailboxUnavailableError) {
        this.connected = false;
        this.reconnectSoon();
      }
      // One line when scans start failing, not one per retry (the next success logs the end).
      if (this.failingSince !== null) return;
      this.failingSince = Date.now();
      log.error(
        { err: { message: (err as Error).message, code: (err as { code?: string }).code } },
        'scan failed (retrying)',
      );
    }
  }
}
