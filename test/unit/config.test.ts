// Configuration is validated at start-up; a bad value is named, never echoed (it may be a secret).

import { describe, expect, it } from 'vitest';
import { loadDigestConfig, loadImapConfig, loadWorkerConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { databaseName } from '../../src/models/store.js';

const PASSWORD = 'imap-Pa55word-do-not-print';

const validEnv = (): Record<string, string | undefined> => ({
  IMAP_HOST: 'imap.tracker.example.net',
  IMAP_USER: 'cases',
  IMAP_PASSWORD: PASSWORD,
  ALLOWED_FORWARDERS: 'alice@example.net, Bob@Example.ORG',
  MONGODB_URI: 'mongodb://127.0.0.1:27017/refund-tracker',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  DIGEST_FROM: 'digest@tracker.example.net',
  AUTHSERV_ID: 'mx.tracker.example.net',
});

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadWorkerConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('loadWorkerConfig accepted the environment');
}

describe('loadWorkerConfig: a complete, valid environment', () => {
  it('parses, with the documented defaults', () => {
    const config = loadWorkerConfig(validEnv());
    expect(config.imap).toEqual({
      host: 'imap.tracker.example.net',
      port: 993,
      secure: true,
      user: 'cases',
      password: PASSWORD,
      inbox: 'INBOX',
      processedMailbox: 'Processed',
      quarantineMailbox: 'Quarantine',
      pollIntervalMs: 60_000,
      maxMessageBytes: 25 * 1024 * 1024,
      allowedForwarders: ['alice@example.net', 'bob@example.org'],
      trust: { mode: 'auth-results', authservIds: ['mx.tracker.example.net'] },
    });
    expect(config.redis).toEqual({ redisUrl: 'redis://127.0.0.1:6379', queuePrefix: 'refund-tracker' });
    expect(config.mongo.mongodbUri).toBe('mongodb://127.0.0.1:27017/refund-tracker');
    expect(config.smtp).toEqual({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'digest@tracker.example.net' });
    expect(config.digest).toEqual({ hour: 7, timeZone: 'UTC', language: null, schedules: {} });
  });

  it.each([
    ['IMAP_PORT', '143', (c: ReturnType<typeof loadWorkerConfig>) => c.imap.port, 143],
    ['IMAP_PORT', '', (c: ReturnType<typeof loadWorkerConfig>) => c.imap.port, 993], // blank line in .env → default
    ['IMAP_TLS', 'false', (c: ReturnType<typeof loadWorkerConfig>) => c.imap.secure, false],
    ['IMAP_TLS', '0', (c: ReturnType<typeof loadWorkerConfig>) => c.imap.secure, false],
    ['IMAP_TLS', 'yes', (c: ReturnType<typeof loadWorkerConfig>) => c.imap.secure, true],
    ['IMAP_POLL_INTERVAL_SECONDS', '30', (c: ReturnType<typeof loadWorkerConfig>) => c.imap.pollIntervalMs, 30_000],
    ['DIGEST_HOUR', '0', (c: ReturnType<typeof loadWorkerConfig>) => c.digest.hour, 0],
    [
      'DIGEST_TIME_ZONE',
      'Europe/Berlin',
      (c: ReturnType<typeof loadWorkerConfig>) => c.digest.timeZone,
      'Europe/Berlin',
    ],
    [
      'SMTP_URL',
      'smtps://mail.example.net:465',
      (c: ReturnType<typeof loadWorkerConfig>) => c.smtp.smtpUrl,
      'smtps://mail.example.net:465',
    ],
  ])('%s=%j → %j', (name, value, read, expected) => {
    expect(read(loadWorkerConfig({ ...validEnv(), [name]: value }))).toBe(expected);
  });
});

describe('loadWorkerConfig: bad values', () => {
  const bad: Record<string, string> = {
    IMAP_PORT: 'abc',
    DIGEST_TIME_ZONE: 'Mars/Olympus',
    ALLOWED_FORWARDERS: 'not-an-email',
    SMTP_URL: 'http://x',
    DIGEST_HOUR: '25',
    IMAP_TLS: 'maybe',
    MONGODB_URI: 'postgres://db.example.net/refunds',
    REDIS_URL: 'http://cache.example.net',
  };
  const error = configError({ ...validEnv(), ...bad });

  it('throws one ConfigError for all of them', () => {
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe('config_invalid');
    expect(error.issues).toHaveLength(Object.keys(bad).length);
  });

  it.each(Object.keys(bad))('names %s', (name) => {
    expect(error.message).toMatch(new RegExp(`^\\s*- ${name}\\b`, 'm'));
  });

  it('does not call a variable that is set but invalid “required”', () => {
    expect(error.message).not.toContain('is required');
  });

  it.each([['IMAP_PASSWORD', PASSWORD], ...Object.entries(bad)])('does not echo the value of %s', (_name, value) => {
    expect(error.message).not.toContain(value);
    expect(error.issues.join('\n')).not.toContain(value);
  });

  it('does not echo a secret pasted into the wrong variable', () => {
    const leaked = configError({ ...validEnv(), SMTP_URL: PASSWORD, IMAP_PORT: PASSWORD, DIGEST_FROM: PASSWORD });
    expect(leaked.message).toMatch(/SMTP_URL/);
    expect(leaked.message).toMatch(/IMAP_PORT/);
    expect(leaked.message).toMatch(/DIGEST_FROM/);
    expect(leaked.message).not.toContain(PASSWORD);
  });
});

describe('loadWorkerConfig: missing variables', () => {
  it.each(['IMAP_HOST', 'IMAP_USER', 'IMAP_PASSWORD', 'ALLOWED_FORWARDERS', 'MONGODB_URI', 'SMTP_URL', 'DIGEST_FROM'])(
    '%s missing → “%s is required”',
    (name) => {
      const env = validEnv();
      delete env[name];
      expect(configError(env).issues).toEqual([`${name} is required`]);
    },
  );

  it('an empty value counts as missing', () => {
    expect(configError({ ...validEnv(), IMAP_HOST: '' }).issues).toEqual(['IMAP_HOST is required']);
  });

  it('reports every missing variable at once', () => {
    const issues = configError({}).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        'IMAP_HOST is required',
        'IMAP_PASSWORD is required',
        'MONGODB_URI is required',
        'SMTP_URL is required',
      ]),
    );
  });
});

describe('TRUST and AUTHSERV_ID', () => {
  it.each([
    [{ AUTHSERV_ID: 'MX.Google.com' }, { mode: 'auth-results', authservIds: ['mx.google.com'] }],
    [
      { AUTHSERV_ID: 'mx1.example.org, *.messagingengine.com' },
      { mode: 'auth-results', authservIds: ['mx1.example.org', '*.messagingengine.com'] },
    ],
    [{ AUTHSERV_ID: '-' }, { mode: 'auth-results', authservIds: ['-'] }],
    [
      { TRUST: 'from-only', AUTHSERV_ID: undefined },
      { mode: 'from-only', authservIds: [] },
    ],
  ])('%j → %j', (env, trust) => {
    expect(loadImapConfig({ ...validEnv(), ...env }).trust).toEqual(trust);
  });

  it.each([
    [{ AUTHSERV_ID: undefined }, /^AUTHSERV_ID is required when TRUST=auth-results/],
    [{ AUTHSERV_ID: '' }, /^AUTHSERV_ID is required when TRUST=auth-results/],
    [{ TRUST: 'auth-results', AUTHSERV_ID: undefined }, /^AUTHSERV_ID is required when TRUST=auth-results/],
    [{ AUTHSERV_ID: 'mx.example.org; dmarc=pass' }, /^AUTHSERV_ID must be host names/],
    [{ TRUST: 'dmarc' }, /^TRUST must be auth-results or from-only/],
  ])('%j is refused, naming the variable', (env, message) => {
    const issues = configError({ ...validEnv(), ...env }).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(message);
  });
});

describe('sections load on their own', () => {
  it('loadDigestConfig needs nothing', () => {
    expect(loadDigestConfig({})).toEqual({ hour: 7, timeZone: 'UTC', language: null, schedules: {} });
  });

  it('loadImapConfig ignores what other sections would reject', () => {
    expect(loadImapConfig({ ...validEnv(), SMTP_URL: 'http://x' }).host).toBe('imap.tracker.example.net');
  });
});

describe('databaseName', () => {
  it.each([
    [{ mongodbUri: 'mongodb://127.0.0.1:27017/', dbName: undefined }, 'refund-tracker'],
    [{ mongodbUri: 'mongodb://127.0.0.1:27017', dbName: undefined }, 'refund-tracker'],
    [{ mongodbUri: 'mongodb://u:p@a:1,b:2/cases?replicaSet=rs0', dbName: undefined }, 'cases'],
    [{ mongodbUri: 'mongodb+srv://cluster.example.net/tracker', dbName: undefined }, 'tracker'],
    [{ mongodbUri: 'mongodb://127.0.0.1/cases', dbName: 'override' }, 'override'],
  ])('%j → %s', (config, name) => {
    expect(databaseName(config)).toBe(name);
  });
});
