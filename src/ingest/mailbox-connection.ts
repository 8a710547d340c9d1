import { ImapFlow } from 'imapflow';
import type { ImapConfig } from '../config.js';
import { RefundTrackerError } from '../errors.js';
import type { Logger } from '../logger.js';
import { OAuth2TokenSource } from './oauth2.js';

/** The IMAP server refused or dropped us; temporary, so jobs retry with backoff. */
export class MailboxUnavailableError extends RefundTrackerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('mailbox_unavailable', message, options);
  }
}

/** Identifies a watched mailbox in checkpoints, job ids and logs; never includes the password. */
export function mailboxIdOf(imap: ImapConfig): string {
  return `${imap.user}@${imap.host}:${imap.port}/${imap.inbox}`;
}

/** imapflow marks a tagged NO to LOGIN/AUTHENTICATE (the server refusing the credentials). */
function isAuthenticationFailure(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && (err as { authenticationFailed?: unknown }).authenticationFailed === true
  );
}

/**
 * Start IDLE one second after the last command (imapflow waits 15 s by default): a connection that
 * runs commands in bursts (the message worker's) does not IDLE between two of them.
 */
const DEFAULT_AUTO_IDLE_DELAY_MS = 1_000;

export interface MailboxConnectionOptions {
  /**
   * How long the connection stays quiet before imapflow re-enters IDLE. The server reports new mail
   * only while we IDLE (or run a command), so on the poller's connection every millisecond of this
   * delay after a scan is latency added to the next arrival; the poller uses 0.
   */
  autoIdleDelayMs?: number;
}

/**
 * Connection lifecycle in one place: a fresh ImapFlow on demand, replaced when the server
 * closes it. imapflow cannot reconnect a closed client, so a closed one is simply dropped.
 */
export class MailboxConnection {
  private client: ImapFlow | null = null;
  private connecting: Promise<ImapFlow> | null = null;
  /** With IMAP_AUTH=oauth2: access tokens for XOAUTH2/OAUTHBEARER instead of the password. */
  private readonly tokens: OAuth2TokenSource | null;

  private readonly autoIdleDelayMs: number;

  constructor(
    private readonly imap: ImapConfig,
    private readonly logger: Logger,
    private readonly onNewClient?: (client: ImapFlow) => void,
    options: MailboxConnectionOptions = {},
  ) {
    this.tokens = imap.oauth2 ? new OAuth2TokenSource(imap.oauth2, logger) : null;
    this.autoIdleDelayMs = options.autoIdleDelayMs ?? DEFAULT_AUTO_IDLE_DELAY_MS;
  }

  async get(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<ImapFlow> {
    if (!this.tokens) return this.login({ user: this.imap.user, pass: this.imap.password });
    const accessToken = await this.tokens.accessToken();
    try {
      return await this.login({ user: this.imap.user, accessToken });
    } catch (err) {
      if (!isAuthenticationFailure(err) && !(err instanceof Error && isAuthenticationFailure(err.cause))) throw err;
      // Revoked or expired early (clock skew, a password change): one more try with a fresh token.
      this.logger.info('imap refused the oauth2 access token, refreshing it');
      this.tokens.invalidate(accessToken);
      return this.login({ user: this.imap.user, accessToken: await this.tokens.accessToken() });
    }
  }

  private async login(auth: { user: string; pass: string } | { user: string; accessToken: string }): Promise<ImapFlow> {
    const client = new ImapFlow({
      host: this.imap.host,
      port: this.imap.port,
      secure: this.imap.secure,
      auth,
      logger: false,
      // Re-issue IDLE well before servers' 30-minute timeout.
      maxIdleTime: 5 * 60_000,
      autoIdleDelay: this.autoIdleDelayMs,
    });
    // Every error is reported to exactly one listener; the 'close' handler drops the client.
    client.on('error', (err: Error) => this.logger.warn({ err: { message: err.message } }, 'imap connection error'));
    client.on('close', () => {
      if (this.client === client) this.client = null;
    });
    try {
      await client.connect();
    } catch (cause) {
      client.close(); // release the socket of a failed login
      throw new MailboxUnavailableError(`cannot connect to IMAP server ${this.imap.host}:${this.imap.port}`, { cause });
    }
    this.client = client;
    this.onNewClient?.(client);
    return client;
  }

  /** Whether the current connection is in IDLE now (start-up measurements and tests). */
  idling(): boolean {
    return this.client?.idling === true;
  }

  /** Creates the target mailboxes when they are missing. */
  async ensureMailboxes(paths: string[]): Promise<void> {
    const client = await this.get();
    const existing = new Set((await client.list()).map((m) => m.path));
    for (const path of paths) {
      if (!existing.has(path)) await client.mailboxCreate(path);
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    try {
      await client.logout();
    } catch {
      client.close();
    }
  }
}
