import { existsSync, statSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, RefundTrackerError } from './errors.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from './ingest/archive/types.js';
import type { TrustConfig } from './ingest/authentication-results.js';
import { OAUTH2_PRESETS, type OAuth2Config } from './ingest/oauth2.js';
import { isReportLanguage, REPORT_LANGUAGES, type ReportLanguage } from './reports/labels.js';

/**
 * Configuration comes from the environment (and `.env` when present), parsed once with zod.
 * Each command asks only for the sections it needs, so `analyze` runs with no configuration
 * at all and `cases list` needs only MongoDB.
 */

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const PORT_MESSAGE = 'must be a port number (1-65535)';
const port = z.coerce.number(PORT_MESSAGE).int(PORT_MESSAGE).min(1, PORT_MESSAGE).max(65535, PORT_MESSAGE);

const MAX_MESSAGE_BYTES_MESSAGE = 'must be a whole number of bytes, at least 1024';
/** Larger messages are quarantined unread: mailparser holds every attachment in memory. */
const maxMessageBytes = z.coerce
  .number(MAX_MESSAGE_BYTES_MESSAGE)
  .int(MAX_MESSAGE_BYTES_MESSAGE)
  .min(1024, MAX_MESSAGE_BYTES_MESSAGE)
  .default(DEFAULT_MAX_MESSAGE_BYTES);

const emailList = z
  .string()
  .min(1, 'must list at least one address')
  .transform((raw) =>
    raw
      .split(/[,\s]+/)
      .map((a) => a.trim().toLowerCase())
      .filter((a) => a.length > 0),
  )
  .pipe(z.array(z.email('each entry must be an email address')).min(1));

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const timeZone = z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' });

const urlWithScheme = (schemes: string[]) =>
  z
    .string()
    .min(1)
    .refine(
      (v) => {
        try {
          return schemes.includes(new URL(v).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`,
    );

export const imapSchema = z.object({
  IMAP_HOST: z.string().min(1),
  IMAP_PORT: port.default(993),
  IMAP_TLS: booleanFromEnv.default(true),
  IMAP_USER: z.string().min(1),
  /** `oauth2`: OAUTH2_* below instead of IMAP_PASSWORD (Microsoft 365, Google). */
  IMAP_AUTH: z.enum(['password', 'oauth2'], 'must be password or oauth2').default('password'),
  IMAP_PASSWORD: z.string().min(1),
  IMAP_INBOX: z.string().min(1).default('INBOX'),
  IMAP_PROCESSED_MAILBOX: z.string().min(1).default('Processed'),
  IMAP_QUARANTINE_MAILBOX: z.string().min(1).default('Quarantine'),
  IMAP_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86400).default(60),
  MAX_MESSAGE_BYTES: maxMessageBytes,
  ALLOWED_FORWARDERS: emailList,
  /**
   * Whose word says mail is from an allowed forwarder: the receiving server's Authentication-Results
   * (`auth-results`, the default) or the From header alone (`from-only`, for servers that add none).
   */
  TRUST: z.enum(['auth-results', 'from-only'], 'must be auth-results or from-only').default('auth-results'),
  /**
   * The receiving server's authserv-id, e.g. mx.google.com; comma-separated when there are several;
   * `*.domain` for any host under it (Fastmail); `-` for Microsoft 365's id-less header.
   */
  AUTHSERV_ID: z
    .string()
    .transform((raw) =>
      raw
        .split(',')
        .map((id) => id.trim().toLowerCase())
        .filter((id) => id.length > 0),
    )
    .pipe(
      z
        .array(z.string())
        .refine(
          (ids) => ids.every((id) => /^(?:-|(?:\*\.)?[a-z0-9_-]{1,63}(?:\.[a-z0-9_-]{1,63}){0,10})$/.test(id)),
          'must be host names such as mx.google.com (comma-separated), *.messagingengine.com, or - for Microsoft 365',
        ),
    )
    .optional(),
});

/** AUTHSERV_ID is required when TRUST=auth-results: without it no header can be told from a forgery. */
const requireAuthservId = (c: z.output<typeof imapSchema>, ctx: z.RefinementCtx): void => {
  if (c.TRUST === 'auth-results' && (c.AUTHSERV_ID ?? []).length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['AUTHSERV_ID'],
      message:
        "is required when TRUST=auth-results (the receiving server's authserv-id, the first word of its Authentication-Results header; README, Configuration)",
    });
  }
};
const imapSchemaChecked = imapSchema.superRefine(requireAuthservId);

export const forwardersSchema = z.object({ ALLOWED_FORWARDERS: emailList });

/** The users: addresses allowed to forward mail in, each the owner of their cases. */
export function loadAllowedForwarders(env: Env = process.env): string[] {
  return parseSection(forwardersSchema, env).ALLOWED_FORWARDERS;
}

export const redisSchema = z.object({
  REDIS_URL: urlWithScheme(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, _ and -')
    .default('refund-tracker'),
});

export const mongoSchema = z.object({
  MONGODB_URI: urlWithScheme(['mongodb', 'mongodb+srv']),
  /** Database name; when empty the one in MONGODB_URI (or `refund-tracker`) is used. */
  MONGODB_DB: z.string().optional(),
});

export const smtpSchema = z
  .object({
    SMTP_URL: urlWithScheme(['smtp', 'smtps']),
    DIGEST_FROM: z.email(),
    /** `oauth2`: XOAUTH2 as SMTP_USER with the OAUTH2_* client (the same as IMAP's); no password in SMTP_URL. */
    SMTP_AUTH: z.enum(['password', 'oauth2'], 'must be password or oauth2').default('password'),
    SMTP_USER: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.SMTP_AUTH === 'oauth2' && c.SMTP_USER === undefined) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_USER'], message: 'is required when SMTP_AUTH=oauth2' });
    }
  });

const DIGEST_LANGUAGE_CHOICES = ['auto', ...REPORT_LANGUAGES] as const;

/** `alice@x.net=Europe/Berlin@7:de`: address, then any of zone, `@HOUR` and `:LANGUAGE` (at least one). */
const SCHEDULE_ENTRY = /^([^\s=]+)=([A-Za-z][A-Za-z0-9_+\-/]{0,63})?(?:@(\d{1,2}))?(?::([a-z]{2,4}))?$/;

/** One user's digest settings from DIGEST_SCHEDULE; what an entry leaves out comes from the defaults. */
export interface DigestScheduleEntry {
  timeZone?: string;
  hour?: number;
  language?: ReportLanguage;
}

const digestSchedule = z.string().transform((raw, ctx) => {
  const schedules: Record<string, DigestScheduleEntry> = {};
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  for (const [index, entry] of entries.entries()) {
    const where = `entry ${index + 1}`;
    const m = SCHEDULE_ENTRY.exec(entry);
    if (!m || (m[2] === undefined && m[3] === undefined && m[4] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: `${where} must look like ADDRESS=TIME_ZONE@HOUR[:LANGUAGE], e.g. alice@example.net=Europe/Berlin@7:de (zone, hour or language may be left out, not all three)`,
      });
      continue;
    }
    const [, rawAddress = '', zone, hour, language] = m;
    const address = rawAddress.toLowerCase();
    const problems: string[] = [];
    if (!z.email().safeParse(address).success) problems.push('its address is not an email address');
    if (zone !== undefined && !isTimeZone(zone))
      problems.push(`${zone} is not an IANA time zone such as Europe/Berlin`);
    if (hour !== undefined && Number(hour) > 23) problems.push('its hour must be 0 to 23');
    if (language !== undefined && !isReportLanguage(language)) {
      problems.push(`its language must be one of ${REPORT_LANGUAGES.join(', ')}`);
    }
    if (schedules[address]) problems.push(`${address} is listed twice`);
    if (problems.length > 0) {
      ctx.addIssue({ code: 'custom', message: `${where} (${address}): ${problems.join('; ')}` });
      continue;
    }
    schedules[address] = {
      ...(zone !== undefined ? { timeZone: zone } : {}),
      ...(hour !== undefined ? { hour: Number(hour) } : {}),
      ...(language !== undefined && isReportLanguage(language) ? { language } : {}),
    };
  }
  return schedules;
});

export const digestSchema = z.object({
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  DIGEST_TIME_ZONE: timeZone.default('UTC'),
  /** The digest's labels: `auto` (the language of the user's mail) or one of en, de, fr, es. */
  DIGEST_LANGUAGE: z.enum(DIGEST_LANGUAGE_CHOICES, `must be ${DIGEST_LANGUAGE_CHOICES.join(', ')}`).default('auto'),
  /** Per user: `alice@x.net=Europe/Berlin@7:de,bob@y.org=America/New_York@8`. */
  DIGEST_SCHEDULE: digestSchedule.optional(),
});

export const rulesSchema = z.object({
  /**
   * Rule packs loaded after the built-in rules by `worker` and `analyze`: comma-separated files or
   * directories (every *.yaml, *.yml and *.json inside, in name order). Default: none.
   */
  RULES_PATH: z
    .string()
    .optional()
    .transform((raw) =>
      (raw ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p.length > 0),
    ),
});

export interface ImapConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  /** Empty with OAuth2. */
  password: string;
  /** Set when IMAP_AUTH=oauth2: access tokens come from this provider instead of the password. */
  oauth2?: OAuth2Config;
  inbox: string;
  processedMailbox: string;
  quarantineMailbox: string;
  pollIntervalMs: number;
  maxMessageBytes: number;
  allowedForwarders: string[];
  /** How mail is shown to come from an allowed forwarder (ingest/authentication-results.ts). */
  trust: TrustConfig;
}
export interface RedisConfig {
  redisUrl: string;
  queuePrefix: string;
}
export interface MongoConfig {
  mongodbUri: string;
  dbName: string | undefined;
}
export interface SmtpConfig {
  smtpUrl: string;
  from: string;
  /** Set when SMTP_AUTH=oauth2: nodemailer logs in with XOAUTH2 as `user`, refreshing tokens itself. */
  oauth2?: { user: string; client: OAuth2Config };
}
export interface DigestConfig {
  /** Defaults for every user: DIGEST_HOUR, DIGEST_TIME_ZONE, DIGEST_LANGUAGE (null: the mail's language). */
  hour: number;
  timeZone: string;
  language?: ReportLanguage | null;
  /** DIGEST_SCHEDULE, by lower-case address. */
  schedules?: Record<string, DigestScheduleEntry>;
}

/** When and how one user's digest goes out: the user's DIGEST_SCHEDULE entry over the defaults. */
export interface DigestSchedule {
  hour: number;
  timeZone: string;
  /** null: the language of the user's mail. */
  language: ReportLanguage | null;
}

export function digestScheduleOf(config: DigestConfig, owner: string): DigestSchedule {
  const own = config.schedules?.[owner.toLowerCase()] ?? {};
  return {
    hour: own.hour ?? config.hour,
    timeZone: own.timeZone ?? config.timeZone,
    language: own.language ?? config.language ?? null,
  };
}

type Env = Record<string, string | undefined>;

function parseSection<S extends z.ZodType>(schema: S, env: Env): z.output<S> {
  // Empty strings mean "unset", so a blank line in .env falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        // zod 4 leaves `issue.input` unset (it does not report inputs), so whether the variable is
        // missing is read from the environment: `IMAP_PORT=abc` is invalid, not "required".
        const key = issue.path[0];
        const missing = typeof key === 'string' && !Object.hasOwn(cleaned, key);
        const message = issue.code === 'invalid_type' && missing ? 'is required' : issue.message;
        // Never echo the value: it may be a secret.
        return `${name} ${message}`;
      }),
    );
  }
  return result.data;
}

/** OAuth2 client for IMAP_AUTH=oauth2 (and SMTP_AUTH=oauth2); presets fill in the token endpoint. */
export const oauth2Schema = z
  .object({
    OAUTH2_PROVIDER: z.enum(['google', 'microsoft', 'custom'], 'must be google, microsoft or custom').default('custom'),
    OAUTH2_TOKEN_URL: urlWithScheme(['https', 'http']).optional(),
    OAUTH2_DEVICE_AUTHORIZATION_URL: urlWithScheme(['https', 'http']).optional(),
    OAUTH2_SCOPE: z.string().min(1).optional(),
    OAUTH2_CLIENT_ID: z.string().min(1),
    OAUTH2_CLIENT_SECRET: z.string().min(1).optional(),
    OAUTH2_REFRESH_TOKEN: z.string().min(1),
  })
  .superRefine((c, ctx) => {
    if (c.OAUTH2_PROVIDER === 'custom' && c.OAUTH2_TOKEN_URL === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['OAUTH2_TOKEN_URL'],
        message: 'is required when OAUTH2_PROVIDER=custom (or set OAUTH2_PROVIDER=google or microsoft)',
      });
    }
  });

/** The OAuth2 client settings without the refresh token (for `refund-tracker auth`, which obtains it). */
export function loadOAuth2ClientConfig(env: Env = process.env): Omit<OAuth2Config, 'refreshToken'> {
  const placeholder = { ...env, OAUTH2_REFRESH_TOKEN: env.OAUTH2_REFRESH_TOKEN || '-' };
  const { refreshToken: _unused, ...client } = loadOAuth2Config(placeholder);
  return client;
}

export function loadOAuth2Config(env: Env = process.env): OAuth2Config {
  const c = parseSection(oauth2Schema, env);
  const preset = c.OAUTH2_PROVIDER === 'custom' ? undefined : OAUTH2_PRESETS[c.OAUTH2_PROVIDER];
  const deviceAuthorizationUrl = c.OAUTH2_DEVICE_AUTHORIZATION_URL ?? preset?.deviceAuthorizationUrl;
  const scope = c.OAUTH2_SCOPE ?? preset?.scope;
  return {
    provider: c.OAUTH2_PROVIDER,
    // The schema requires OAUTH2_TOKEN_URL when there is no preset.
    tokenUrl: c.OAUTH2_TOKEN_URL ?? preset?.tokenUrl ?? '',
    ...(deviceAuthorizationUrl ? { deviceAuthorizationUrl } : {}),
    ...(scope ? { scope } : {}),
    clientId: c.OAUTH2_CLIENT_ID,
    ...(c.OAUTH2_CLIENT_SECRET ? { clientSecret: c.OAUTH2_CLIENT_SECRET } : {}),
    refreshToken: c.OAUTH2_REFRESH_TOKEN,
  };
}

/** With IMAP_AUTH=oauth2 there is no password: OAUTH2_* (oauth2Schema) take its place. */
const imapOAuth2SchemaChecked = imapSchema
  .extend({ IMAP_PASSWORD: z.string().optional() })
  .superRefine((c, ctx) => requireAuthservId({ ...c, IMAP_PASSWORD: c.IMAP_PASSWORD ?? '' }, ctx));

export function loadImapConfig(env: Env = process.env): ImapConfig {
  const c = parseSection(env.IMAP_AUTH === 'oauth2' ? imapOAuth2SchemaChecked : imapSchemaChecked, env);
  return {
    host: c.IMAP_HOST,
    port: c.IMAP_PORT,
    secure: c.IMAP_TLS,
    user: c.IMAP_USER,
    password: c.IMAP_PASSWORD ?? '',
    ...(c.IMAP_AUTH === 'oauth2' ? { oauth2: loadOAuth2Config(env) } : {}),
    inbox: c.IMAP_INBOX,
    processedMailbox: c.IMAP_PROCESSED_MAILBOX,
    quarantineMailbox: c.IMAP_QUARANTINE_MAILBOX,
    pollIntervalMs: c.IMAP_POLL_INTERVAL_SECONDS * 1000,
    maxMessageBytes: c.MAX_MESSAGE_BYTES,
    allowedForwarders: c.ALLOWED_FORWARDERS,
    trust: {
      mode: c.TRUST,
      authservIds: c.TRUST === 'auth-results' ? (c.AUTHSERV_ID ?? []) : [],
    },
  };
}

export function loadRedisConfig(env: Env = process.env): RedisConfig {
  const c = parseSection(redisSchema, env);
  return { redisUrl: c.REDIS_URL, queuePrefix: c.QUEUE_PREFIX };
}

export function loadMongoConfig(env: Env = process.env): MongoConfig {
  const c = parseSection(mongoSchema, env);
  return { mongodbUri: c.MONGODB_URI, dbName: c.MONGODB_DB };
}

export function loadSmtpConfig(env: Env = process.env): SmtpConfig {
  const c = parseSection(smtpSchema, env);
  return {
    smtpUrl: c.SMTP_URL,
    from: c.DIGEST_FROM,
    ...(c.SMTP_AUTH === 'oauth2' ? { oauth2: { user: c.SMTP_USER ?? '', client: loadOAuth2Config(env) } } : {}),
  };
}

export function loadDigestConfig(env: Env = process.env): DigestConfig {
  const c = parseSection(digestSchema, env);
  return {
    hour: c.DIGEST_HOUR,
    timeZone: c.DIGEST_TIME_ZONE,
    language: c.DIGEST_LANGUAGE === 'auto' ? null : c.DIGEST_LANGUAGE,
    schedules: c.DIGEST_SCHEDULE ?? {},
  };
}

/** The rule-pack files and directories named by RULES_PATH (empty when unset). */
export function loadRulesPaths(env: Env = process.env): string[] {
  return parseSection(rulesSchema, env).RULES_PATH;
}

/** Everything the `worker` service needs; every section is validated before anything connects. */
export interface WorkerConfig {
  imap: ImapConfig;
  redis: RedisConfig;
  mongo: MongoConfig;
  smtp: SmtpConfig;
  digest: DigestConfig;
}

export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  const issues: string[] = [];
  const collect = <T>(load: (e: Env) => T): T | undefined => {
    try {
      return load(env);
    } catch (err) {
      if (err instanceof ConfigError) {
        issues.push(...err.issues);
        return undefined;
      }
      throw err;
    }
  };
  const imap = collect(loadImapConfig);
  const redis = collect(loadRedisConfig);
  const mongo = collect(loadMongoConfig);
  const smtp = collect(loadSmtpConfig);
  const digest = collect(loadDigestConfig);
  // A schedule for someone who is not a user is a typo: it would never be used.
  for (const address of Object.keys(digest?.schedules ?? {})) {
    if (imap && !imap.allowedForwarders.includes(address)) {
      issues.push(`DIGEST_SCHEDULE names ${address}, which is not in ALLOWED_FORWARDERS`);
    }
  }
  if (!imap || !redis || !mongo || !smtp || !digest || issues.length > 0) throw new ConfigError(issues);
  return { imap, redis, mongo, smtp, digest };
}

/** MAX_MESSAGE_BYTES alone, for `analyze` (which needs no other IMAP setting). */
export function loadMaxMessageBytes(env: Env = process.env): number {
  return parseSection(z.object({ MAX_MESSAGE_BYTES: maxMessageBytes }), env).MAX_MESSAGE_BYTES;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const loggingSchema = z.object({
  /** pino's level; unset: each command's own default (info for the worker, quieter for the CLI). */
  LOG_LEVEL: z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`).optional(),
});

/** LOG_LEVEL checked, so a typo is a configuration error before anything runs, not a pino stack trace. */
export function loadLogLevel(env: Env = process.env): (typeof LOG_LEVELS)[number] | undefined {
  return parseSection(loggingSchema, env).LOG_LEVEL;
}

/**
 * Reads `.env` from the working directory into process.env when present (real env wins). A `.env` that
 * cannot be read (a directory, no permission) is a configuration error, not a crash.
 */
export function loadDotEnv(path = '.env'): void {
  if (!existsSync(path)) return;
  try {
    // loadEnvFile reads a directory as invalid contents; name what it is instead.
    if (statSync(path).isDirectory()) {
      throw new RefundTrackerError('config_invalid', `cannot read ${path}: it is a directory`);
    }
    process.loadEnvFile(path);
  } catch (err) {
    if (err instanceof RefundTrackerError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new RefundTrackerError('config_invalid', `cannot read ${path}: ${why}`, { cause: err });
  }
}

export const httpSchema = z.object({
  /** Serve /healthz and /metrics on this port; unset: no HTTP server. */
  HTTP_PORT: port.optional(),
});

/** HTTP_PORT of the worker's /healthz and /metrics, or undefined (off). */
export function loadHttpPort(env: Env = process.env): number | undefined {
  return parseSection(httpSchema, env).HTTP_PORT;
}

const CONCURRENCY_MESSAGE = 'must be a whole number from 1 to 64';
const smallCount = z.coerce
  .number(CONCURRENCY_MESSAGE)
  .int(CONCURRENCY_MESSAGE)
  .min(1, CONCURRENCY_MESSAGE)
  .max(64, CONCURRENCY_MESSAGE);

/** Default WORKER_CONCURRENCY: message jobs of one worker process in flight at once (README, Configuration). */
export const DEFAULT_WORKER_CONCURRENCY = 4;

export const processingSchema = z.object({
  /**
   * Message jobs one worker runs at once, so one message's IMAP fetch, database writes and parsing
   * overlap another's. Default DEFAULT_WORKER_CONCURRENCY.
   */
  WORKER_CONCURRENCY: smallCount.default(DEFAULT_WORKER_CONCURRENCY),
  /** Threads that parse and analyse mail (workers/analysis-pool.ts); unset: one per core, at least 2. */
  ANALYSIS_THREADS: smallCount.optional(),
  /** Most messages fetched by one UID FETCH, or moved by one UID MOVE (ingest/mailbox-messages.ts). */
  IMAP_BATCH_SIZE: z.coerce
    .number('must be a whole number from 1 to 256')
    .int('must be a whole number from 1 to 256')
    .min(1, 'must be a whole number from 1 to 256')
    .max(256, 'must be a whole number from 1 to 256')
    .optional(),
});

export interface ProcessingConfig {
  workerConcurrency: number;
  /** Undefined: the pool's default (one per core, at least 2). */
  analysisThreads: number | undefined;
  /** Undefined: MAILBOX_BATCH_DEFAULTS.maxBatch. */
  imapBatchSize: number | undefined;
}

/** WORKER_CONCURRENCY, ANALYSIS_THREADS and IMAP_BATCH_SIZE of the `worker` service. */
export function loadProcessingConfig(env: Env = process.env): ProcessingConfig {
  const c = parseSection(processingSchema, env);
  return {
    workerConcurrency: c.WORKER_CONCURRENCY,
    analysisThreads: c.ANALYSIS_THREADS,
    imapBatchSize: c.IMAP_BATCH_SIZE,
  };
}
