import { Redis } from 'ioredis';
import type { ImapConfig, RedisConfig } from '../config.js';
import { RefundTrackerError } from '../errors.js';

/**
 * A service the worker needs did not answer at start-up. The message is the one line a user reads:
 * the service, what went wrong and where (`Redis: connection refused at 127.0.0.1:6390`); never a
 * password, never a stack.
 */
export class ServiceUnavailableError extends RefundTrackerError {
  readonly service: 'imap' | 'mongodb' | 'redis';
  constructor(service: 'imap' | 'mongodb' | 'redis', message: string, options?: { cause?: unknown }) {
    super('service_unavailable', message, options);
    this.service = service;
  }
}

/** How long a start-up check waits for a service before it counts as unreachable. */
export const STARTUP_CHECK_TIMEOUT_MS = 5_000;

interface ErrorFacts {
  codes: Set<string>;
  messages: string[];
  authenticationFailed: boolean;
}

/** Codes and messages down the `cause` chain (drivers wrap the socket error that names the cause). */
function factsOf(err: unknown): ErrorFacts {
  const facts: ErrorFacts = { codes: new Set(), messages: [], authenticationFailed: false };
  let current: unknown = err;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const e = current as {
      code?: unknown;
      message?: unknown;
      authenticationFailed?: unknown;
      serverResponseCode?: unknown;
      reason?: unknown;
      cause?: unknown;
    };
    if (typeof e.code === 'string' || typeof e.code === 'number') facts.codes.add(String(e.code));
    if (typeof e.serverResponseCode === 'string') facts.codes.add(e.serverResponseCode);
    if (typeof e.message === 'string' && e.message) facts.messages.push(e.message);
    if (e.authenticationFailed === true) facts.authenticationFailed = true;
    // mongodb's server selection error keeps the socket error under reason.servers.
    const servers = (e.reason as { servers?: Map<string, { error?: unknown }> } | undefined)?.servers;
    if (servers instanceof Map) {
      for (const server of servers.values()) {
        const inner = factsOf(server.error);
        for (const c of inner.codes) facts.codes.add(c);
        facts.messages.push(...inner.messages);
      }
    }
    current = e.cause;
  }
  return facts;
}

/** The socket-level cause in words, or null when the error says nothing about the socket. */
function socketCause(facts: ErrorFacts, where: string): string | null {
  const has = (...codes: string[]) => codes.some((c) => facts.codes.has(c));
  const said = (re: RegExp) => facts.messages.some((m) => re.test(m));
  if (has('ECONNREFUSED') || said(/ECONNREFUSED/)) return `connection refused at ${where}`;
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME') || said(/ENOTFOUND|EAI_AGAIN/)) {
    return `unknown host ${where.replace(/:\d+$/, '')}`;
  }
  if (has('EHOSTUNREACH', 'ENETUNREACH')) return `host unreachable at ${where}`;
  if (has('ECONNRESET') || said(/ECONNRESET/)) return `connection reset by ${where}`;
  if (has('ETIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT') || said(/timed? ?out/i)) return `no answer from ${where}`;
  return null;
}

function firstLine(facts: ErrorFacts): string {
  return (facts.messages[0] ?? 'unknown error').split('\n')[0] ?? 'unknown error';
}

/** `host:port` of a Redis URL, without credentials. */
function redisAddress(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    return `${url.hostname || '127.0.0.1'}:${url.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}

/** One line for a Redis failure (start-up or outage). */
export function describeRedisFailure(err: unknown, redisUrl: string): string {
  const where = redisAddress(redisUrl);
  const facts = factsOf(err);
  if (facts.messages.some((m) => /WRONGPASS|NOAUTH|invalid password|invalid username/i.test(m))) {
    return `Redis: authentication failed at ${where} (check REDIS_URL)`;
  }
  return `Redis: ${socketCause(facts, where) ?? firstLine(facts)}`;
}

/** One line for an IMAP failure: login refused, TLS mismatch, unknown host, refused port. */
export function describeImapFailure(err: unknown, imap: ImapConfig): string {
  const where = `${imap.host}:${imap.port}`;
  const facts = factsOf(err);
  if (facts.authenticationFailed || facts.codes.has('AUTHENTICATIONFAILED')) {
    return `IMAP: authentication failed for ${imap.user}@${imap.host}`;
  }
  const tls =
    [...facts.codes].some((c) => c.startsWith('ERR_SSL') || c === 'EPROTO') ||
    facts.messages.some((m) => /SSL|TLS|wrong version number|packet length too long/i.test(m));
  if (tls || (imap.secure === false && facts.codes.has('GREETING_TIMEOUT'))) {
    return `IMAP: TLS handshake failed — is IMAP_TLS right for port ${imap.port}?`;
  }
  return `IMAP: ${socketCause(facts, where) ?? firstLine(facts)}`;
}

/** A URI component decoded for a one-line message: control characters dropped, raw text if malformed. */
function uriText(component: string): string {
  let text = component;
  try {
    text = decodeURIComponent(component);
  } catch {
    // malformed percent-encoding: the driver rejects such a URI anyway; show it as written
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]/g, '');
}

/**
 * The user and the database the driver authenticates against, from the URI (never the password: the
 * user part stops at the first ':'). The database is named only where the URI alone decides it: a
 * mongodb:// URI with SCRAM (the default), where it is authSource, else the URI's database, else admin
 * (MONGODB_DB does not change it). A mongodb+srv:// TXT record or another mechanism may choose otherwise.
 */
function mongoCredentialsOf(mongodbUri: string): { user: string; authDb: string | null } | null {
  const parts = /^(mongodb(?:\+srv)?):\/\/([^@/]*)@[^/?]*(?:\/([^?]*))?(?:\?(.*))?$/.exec(mongodbUri);
  if (!parts) return null;
  const [, scheme, userinfo = '', path = '', query = ''] = parts;
  const user = uriText(userinfo.split(':')[0] ?? '');
  if (!user) return null;
  const params = new URLSearchParams(query);
  const mechanism = params.get('authMechanism');
  const authSource = params.get('authSource');
  let authDb: string | null = null;
  if (authSource) authDb = uriText(authSource);
  else if (scheme === 'mongodb' && (!mechanism || /^(DEFAULT|SCRAM-SHA-(1|256))$/i.test(mechanism))) {
    authDb = path ? uriText(path) : 'admin';
  }
  return { user, authDb };
}

/** One line for a MongoDB failure, with the driver's cause (never the URI, which may hold a password). */
export function describeMongoFailure(err: unknown, mongodbUri: string): string {
  const facts = factsOf(err);
  const where = /^mongodb(?:\+srv)?:\/\/(?:[^@/]*@)?([^/?]+)/.exec(mongodbUri)?.[1] ?? 'MONGODB_URI';
  const credentials = mongoCredentialsOf(mongodbUri);
  // 18 AuthenticationFailed: the server refused the user, the password or the authentication database.
  if (facts.codes.has('18') || facts.messages.some((m) => /authentication failed|auth failed/i.test(m))) {
    const who = credentials
      ? ` for user ${credentials.user}${credentials.authDb === null ? '' : ` (authentication database ${credentials.authDb})`}`
      : '';
    return `MongoDB: authentication failed${who} at ${where} (check MONGODB_URI)`;
  }
  // 13 Unauthorized with no user in the URI: the server wants credentials and none were given.
  if (facts.codes.has('13') && !credentials) {
    return `MongoDB: ${where} requires authentication and MONGODB_URI names no user`;
  }
  return `MongoDB: ${socketCause(facts, where) ?? firstLine(facts)}`;
}

/** Redis answers a PING within the bound, or a ServiceUnavailableError names why not. */
export async function checkRedis(config: RedisConfig, timeoutMs = STARTUP_CHECK_TIMEOUT_MS): Promise<void> {
  const probe = new Redis(config.redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // connect() rejects with a bare "Connection is closed."; the socket error naming the cause comes here
  // (and without a listener ioredis would print it).
  let socketError: unknown;
  probe.on('error', (err: unknown) => {
    socketError ??= err;
  });
  try {
    await withTimeout(
      (async () => {
        await probe.connect();
        await probe.ping();
      })(),
      timeoutMs,
    );
  } catch (cause) {
    const named = socketError ?? cause;
    throw new ServiceUnavailableError('redis', describeRedisFailure(named, config.redisUrl), { cause: named });
  } finally {
    probe.disconnect();
  }
}

/** Rejects with a timeout error (code ETIMEDOUT) when `work` has not settled within `ms`. */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`timed out after ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** One line for an SMTP failure: refused, unknown host, TLS mismatch, login refused. */
export function describeSmtpFailure(err: unknown, smtpUrl: string): string {
  let where = 'SMTP_URL';
  let port = '';
  try {
    const url = new URL(smtpUrl);
    port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
    where = `${url.hostname}:${port}`;
  } catch {
    // an unparseable URL was rejected by the config already; keep the generic name
  }
  const facts = factsOf(err);
  if (facts.codes.has('EAUTH')) return `SMTP: authentication failed at ${where}`;
  const tls =
    [...facts.codes].some((c) => c.startsWith('ERR_SSL') || c === 'EPROTO' || c === 'ETLS') ||
    facts.messages.some((m) => /SSL|TLS|wrong version number|packet length too long/i.test(m));
  if (tls) return `SMTP: TLS handshake failed — is smtps:// in SMTP_URL right for port ${port}?`;
  return `SMTP: ${socketCause(facts, where) ?? firstLine(facts)}`;
}
