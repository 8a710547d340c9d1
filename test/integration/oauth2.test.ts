// IMAP over OAuth2 against real servers: Dovecot's oauth2 passdb checks each access token with the local
// OAuth2 server (scripts/oauth2-server.mjs, started by services.sh) through RFC 7662 introspection. The
// refresh token is obtained the way a user does, through the device-code flow.
import { execFile, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import type { ImapFlow } from 'imapflow';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { loadImapConfig, loadSmtpConfig } from '../../src/config.js';
import { MailboxConnection } from '../../src/ingest/mailbox-connection.js';
import { OAuth2RefreshRefusedError } from '../../src/ingest/oauth2.js';
import { createMailTransport } from '../../src/workers/mail-transport.js';
import { CLI, runCli } from '../support/cli.js';
import {
  appendToInbox,
  dropDatabase,
  fixture,
  startTestWorker,
  testWorld,
  untilMailboxHolds,
} from '../support/harness.js';
import { readServicesEnv, servicesEnvFile, testServices, uniqueName } from '../support/services.js';

interface OAuth2Server {
  url: string;
  clientId: string;
  clientSecret: string;
}

function oauth2Server(): OAuth2Server {
  const fromFile = readServicesEnv();
  const get = (name: string): string => {
    const value = process.env[name] || fromFile[name];
    if (!value) throw new Error(`test services: ${name} is not set; run 'bash scripts/services.sh up'`);
    return value;
  };
  return {
    url: get('TEST_OAUTH2_URL'),
    clientId: get('TEST_OAUTH2_CLIENT_ID'),
    clientSecret: get('TEST_OAUTH2_CLIENT_SECRET'),
  };
}

async function postForm(url: string, form: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(form) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, body };
}

/** The device-code flow as `refund-tracker auth` runs it, with the user's approval done by the test. */
async function grantFor(server: OAuth2Server, username: string, accessTokenTtl: number): Promise<string> {
  const device = (await postForm(`${server.url}/device/code`, { client_id: server.clientId })).body as {
    device_code: string;
    user_code: string;
  };
  const approved = await postForm(`${server.url}/device`, {
    user_code: device.user_code,
    username,
    access_token_ttl: String(accessTokenTtl),
  });
  expect(approved.status).toBe(200);
  const tokens = await postForm(`${server.url}/token`, {
    grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    device_code: device.device_code,
    client_id: server.clientId,
    client_secret: server.clientSecret,
  });
  expect(tokens.status).toBe(200);
  return (tokens.body as { refresh_token: string }).refresh_token;
}

async function revoke(server: OAuth2Server, token: string): Promise<void> {
  const revoked = await postForm(`${server.url}/revoke`, {
    token,
    client_id: server.clientId,
    client_secret: server.clientSecret,
  });
  expect(revoked.status).toBe(200);
}

/** A logger whose lines the test reads: which tokens were refreshed, what went wrong. */
function recordingLogger() {
  const lines: Array<{ msg: string } & Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines, text: () => lines.map((l) => JSON.stringify(l)).join('\n') };
}

const open: MailboxConnection[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** A mailbox connection configured through the environment, as the worker is. */
function connect(server: OAuth2Server, user: string, refreshToken: string, logger: pino.Logger): MailboxConnection {
  const s = testServices();
  const imap = loadImapConfig({
    IMAP_HOST: s.imap.host,
    IMAP_PORT: String(s.imap.port),
    IMAP_TLS: 'false',
    IMAP_USER: user,
    IMAP_AUTH: 'oauth2',
    OAUTH2_PROVIDER: 'custom',
    OAUTH2_TOKEN_URL: `${server.url}/token`,
    OAUTH2_CLIENT_ID: server.clientId,
    OAUTH2_CLIENT_SECRET: server.clientSecret,
    OAUTH2_REFRESH_TOKEN: refreshToken,
    ALLOWED_FORWARDERS: 'alice@example.net',
    AUTHSERV_ID: 'mx.tracker.example.net',
  });
  const connection = new MailboxConnection(imap, logger);
  open.push(connection);
  return connection;
}

/** A fresh oauth2 user with a refresh token granted through the device-code flow. */
async function newGrant(accessTokenTtl: number): Promise<{ server: OAuth2Server; user: string; refreshToken: string }> {
  const server = oauth2Server();
  const user = uniqueName('oauth2');
  return { server, user, refreshToken: await grantFor(server, user, accessTokenTtl) };
}

/** newGrant, and a mailbox connection for it that logs to a recording logger. */
async function grantedConnection(accessTokenTtl: number) {
  const grant = await newGrant(accessTokenTtl);
  const recorded = recordingLogger();
  const connection = connect(grant.server, grant.user, grant.refreshToken, recorded.logger);
  return { ...grant, ...recorded, connection };
}

const refreshes = (lines: Array<{ msg: string }>) => lines.filter((l) => l.msg === 'oauth2 access token refreshed');

/** Waits until the server no longer accepts an access token of this grant (introspection says inactive). */
async function untilExpired(server: OAuth2Server, refreshToken: string, username: string): Promise<void> {
  // The token endpoint hands out a fresh token; its lifetime is the grant's, so when one issued now has
  // expired, the one the connection holds (issued earlier) has too.
  const issued = await postForm(`${server.url}/token`, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: server.clientId,
    client_secret: server.clientSecret,
  });
  const { access_token, expires_in } = issued.body as { access_token: string; expires_in: number };
  expect(expires_in).toBeLessThan(10);
  const introspectionAuth = `Basic ${Buffer.from('dovecot:test-introspect-secret').toString('base64')}`;
  for (;;) {
    const response = await fetch(`${server.url}/introspect`, {
      method: 'POST',
      headers: { authorization: introspectionAuth },
      body: new URLSearchParams({ token: access_token }),
    });
    const body = (await response.json()) as { active: boolean; username?: string };
    if (!body.active) return;
    expect(body.username).toBe(username);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('IMAP over OAuth2 (Dovecot oauth2 passdb + local OAuth2 server)', () => {
  it('logs in with an access token bought with the refresh token, and works in the mailbox', async () => {
    const { connection, lines } = await grantedConnection(300);

    const client = await connection.get();
    expect(client.authenticated).toBeTruthy();
    await connection.ensureMailboxes(['Processed']);
    const names = (await client.list()).map((m) => m.path);
    expect(names).toEqual(expect.arrayContaining(['INBOX', 'Processed']));
    expect(refreshes(lines)).toHaveLength(1);
  });

  it('the password does not open an oauth2 user', async () => {
    const s = testServices();
    const { logger } = recordingLogger();
    const user = uniqueName('oauth2');
    const imap = loadImapConfig({
      IMAP_HOST: s.imap.host,
      IMAP_PORT: String(s.imap.port),
      IMAP_TLS: 'false',
      IMAP_USER: user,
      IMAP_PASSWORD: s.imap.password,
      ALLOWED_FORWARDERS: 'alice@example.net',
      AUTHSERV_ID: 'mx.tracker.example.net',
    });
    const connection = new MailboxConnection(imap, logger);
    open.push(connection);
    await expect(connection.get()).rejects.toMatchObject({
      cause: { authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED' },
    });
  });

  it('after the access token expires, a reconnect refreshes it and the mailbox goes on', async () => {
    const { server, user, refreshToken, connection, lines } = await grantedConnection(5);

    const first = await connection.get();
    await connection.ensureMailboxes(['Processed']);
    await untilExpired(server, refreshToken, user);
    first.close(); // the server drops the session, as it does after a restart or an idle timeout

    const second = await connection.get();
    expect(second).not.toBe(first);
    expect((await second.list()).map((m) => m.path)).toContain('Processed');
    expect(refreshes(lines)).toHaveLength(2);
    // Refreshed before use: the server never had to refuse the expired token.
    expect(lines.filter((l) => l.msg === 'imap refused the oauth2 access token, refreshing it')).toEqual([]);
  });

  it('an access token the server refuses (AUTHENTICATIONFAILED) is replaced by a fresh one at once', async () => {
    const { server, connection, lines } = await grantedConnection(300);

    const first = await connection.get();
    // Revoke the access token only (RFC 7009): the connection still believes it valid for minutes.
    const held = (first.options as { auth: { accessToken: string } }).auth.accessToken;
    await revoke(server, held);
    first.close();

    const second = await connection.get();
    expect((second.options as { auth: { accessToken: string } }).auth.accessToken).not.toBe(held);
    expect(lines.filter((l) => l.msg === 'imap refused the oauth2 access token, refreshing it')).toHaveLength(1);
    expect(refreshes(lines)).toHaveLength(2);
  });

  it('a revoked refresh token is one clear error naming what to do, with no secret in it', async () => {
    const { server, refreshToken, connection, text } = await grantedConnection(5);

    const first = await connection.get();
    const held = (first.options as { auth: { accessToken: string } }).auth.accessToken;
    await revoke(server, refreshToken);
    first.close();

    const error = await connection.get().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(OAuth2RefreshRefusedError);
    const message = (error as Error).message;
    expect(message).toBe(
      `OAuth2: ${server.url}/token refused the refresh token (invalid_grant); run \`refund-tracker auth\` to get a new OAUTH2_REFRESH_TOKEN`,
    );
    expect(message).not.toContain('\n');
    for (const secret of [refreshToken, held, server.clientSecret]) {
      expect(message).not.toContain(secret);
      expect(text()).not.toContain(secret);
    }
  });
});

describe('refund-tracker auth (device-code flow, built CLI)', () => {
  it('prints where to sign in, waits for the approval, and prints a refresh token that logs in', async () => {
    const server = oauth2Server();
    const user = uniqueName('oauth2');
    const env = {
      PATH: process.env.PATH ?? '',
      OAUTH2_PROVIDER: 'custom',
      OAUTH2_TOKEN_URL: `${server.url}/token`,
      OAUTH2_DEVICE_AUTHORIZATION_URL: `${server.url}/device/code`,
      OAUTH2_CLIENT_ID: server.clientId,
      OAUTH2_CLIENT_SECRET: server.clientSecret,
    };
    const child = spawn(process.execPath, [CLI, 'auth'], { env, cwd: join(import.meta.dirname, '..') });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    const userCode = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        stderr += String(d);
        const code = /enter the code ([A-Z]{4}-[A-Z]{4})/.exec(stderr)?.[1];
        if (code) resolve(code);
      });
      child.on('exit', () => reject(new Error(`auth exited early: ${stderr}`)));
    });
    expect(stderr).toContain(`Open ${server.url}/device?user_code=${userCode}`);
    // The user signs in on the verification page.
    const approved = await postForm(`${server.url}/device`, { user_code: userCode, username: user });
    expect(approved.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const refreshToken = /^OAUTH2_REFRESH_TOKEN=(\S+)\n$/.exec(stdout)?.[1];
    expect(refreshToken).toBeDefined();

    const { logger } = recordingLogger();
    const connection = connect(server, user, refreshToken ?? '', logger);
    expect((await connection.get()).authenticated).toBeTruthy();
  });

  it('the worker with a revoked refresh token stops at start-up with one line naming `auth`, exit 1', async () => {
    const services = testServices();
    const { server, user, refreshToken } = await newGrant(300);
    await revoke(server, refreshToken);
    const run = await runCli(['worker'], {
      IMAP_HOST: services.imap.host,
      IMAP_PORT: String(services.imap.port),
      IMAP_TLS: 'false',
      IMAP_USER: user,
      IMAP_AUTH: 'oauth2',
      OAUTH2_TOKEN_URL: `${server.url}/token`,
      OAUTH2_CLIENT_ID: server.clientId,
      OAUTH2_CLIENT_SECRET: server.clientSecret,
      OAUTH2_REFRESH_TOKEN: refreshToken,
      ALLOWED_FORWARDERS: 'alice@example.net',
      AUTHSERV_ID: 'mx.tracker.example.net',
      REDIS_URL: services.redisUrl,
      QUEUE_PREFIX: uniqueName('q'),
      MONGODB_URI: services.mongoUri,
      MONGODB_DB: uniqueName('rt'),
      SMTP_URL: 'smtp://127.0.0.1:2525',
      DIGEST_FROM: 'digest@tracker.example.net',
      LOG_LEVEL: 'warn',
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `refund-tracker: IMAP: OAuth2: ${server.url}/token refused the refresh token (invalid_grant); run \`refund-tracker auth\` to get a new OAUTH2_REFRESH_TOKEN`,
    ]);
    expect(run.stdout + run.stderr).not.toContain(refreshToken);
    expect(run.stdout + run.stderr).not.toContain(server.clientSecret);
  });

  it('with no device endpoint it says what to set, one line, exit 2', async () => {
    const run = await runCli(['auth'], {
      OAUTH2_TOKEN_URL: 'https://login.example.net/token',
      OAUTH2_CLIENT_ID: 'client',
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('set OAUTH2_DEVICE_AUTHORIZATION_URL');
    expect(run.stdout).toBe('');
  });

  it('a custom provider without OAUTH2_TOKEN_URL is a configuration error naming it', async () => {
    const run = await runCli(['auth'], { OAUTH2_CLIENT_ID: 'client' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('OAUTH2_TOKEN_URL is required when OAUTH2_PROVIDER=custom');
  });
});

/** RFC 7662 introspection as the resource server (Dovecot's credentials). */
async function introspect(server: OAuth2Server, token: string): Promise<{ active: boolean; username?: string }> {
  const response = await fetch(`${server.url}/introspect`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('dovecot:test-introspect-secret').toString('base64')}` },
    body: new URLSearchParams({ token }),
  });
  return (await response.json()) as { active: boolean; username?: string };
}

describe('SMTP over OAuth2 (SMTP_AUTH=oauth2)', () => {
  it('the digest transport logs in with XOAUTH2 as SMTP_USER and the message goes out', async () => {
    const { server, user, refreshToken } = await newGrant(300);
    const received: Array<{ user: unknown; body: string }> = [];
    // A real SMTP server that accepts only XOAUTH2, checking each access token with the OAuth2 server.
    const smtp = new SMTPServer({
      authMethods: ['XOAUTH2'],
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, callback) {
        introspect(server, auth.accessToken ?? '').then(
          (info) =>
            info.active && info.username === auth.username
              ? callback(null, { user: auth.username })
              : callback(null, { data: { status: '401', schemes: 'bearer' } }),
          (err: Error) => callback(err),
        );
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ user: session.user, body: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const address = smtp.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const config = loadSmtpConfig({
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        DIGEST_FROM: 'digest@tracker.example.net',
        SMTP_AUTH: 'oauth2',
        SMTP_USER: user,
        OAUTH2_TOKEN_URL: `${server.url}/token`,
        OAUTH2_CLIENT_ID: server.clientId,
        OAUTH2_CLIENT_SECRET: server.clientSecret,
        OAUTH2_REFRESH_TOKEN: refreshToken,
      });
      const mailer = createMailTransport(config);
      try {
        await mailer.sendMail({
          from: config.from,
          to: 'alice@example.net',
          subject: 'Your refund cases',
          text: 'Nothing needs you today.',
          html: '<p>Nothing needs you today.</p>',
          messageId: '<digest-oauth2-test@tracker.example.net>',
        });
      } finally {
        mailer.close();
      }
      expect(received).toHaveLength(1);
      expect(received[0]?.user).toBe(user);
      expect(received[0]?.body).toContain('Nothing needs you today.');
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it('SMTP_AUTH=oauth2 without SMTP_USER is refused by name', () => {
    expect(() =>
      loadSmtpConfig({
        SMTP_URL: 'smtp://127.0.0.1:2525',
        DIGEST_FROM: 'digest@tracker.example.net',
        SMTP_AUTH: 'oauth2',
        OAUTH2_TOKEN_URL: 'https://login.example.net/token',
        OAUTH2_CLIENT_ID: 'client',
        OAUTH2_REFRESH_TOKEN: 'refresh',
      }),
    ).toThrow('SMTP_USER is required when SMTP_AUTH=oauth2');
  });
});

describe('the worker on an OAuth2 mailbox', () => {
  it('keeps processing mail across an access-token expiry and a dropped connection', async () => {
    const { server, user, refreshToken } = await newGrant(5);
    const world = testWorld({
      user,
      password: '',
      oauth2: {
        provider: 'custom',
        tokenUrl: `${server.url}/token`,
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        refreshToken,
      },
    });
    // The test's own session logs in the same way (the password opens no oauth2-* user).
    const { logger } = recordingLogger();
    const own = connect(server, user, refreshToken, logger);
    const service = await startTestWorker(world);
    let imap: ImapFlow | undefined;
    try {
      imap = await own.get();
      await appendToInbox(imap, fixture('seed/01-web-form-confirmation.eml'));
      await untilMailboxHolds(imap, 'Processed', 1);

      // Every access token the worker holds expires; then Dovecot drops every session of the user.
      await untilExpired(server, refreshToken, user);
      const dovecotConf = join(dirname(servicesEnvFile), 'dovecot', 'dovecot.conf');
      await new Promise<void>((resolve, reject) =>
        execFile('doveadm', ['-c', dovecotConf, 'kick', user], (err) => (err ? reject(err) : resolve())),
      );
      // The test's own session is kicked too: once it has noticed, the next get() logs in again.
      const kicked = imap;
      for (const deadline = Date.now() + 10_000; kicked.usable && Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, 50));
      }

      imap = await own.get();
      await appendToInbox(imap, fixture('seed/02-customer-email.eml'));
      await untilMailboxHolds(imap, 'Processed', 2);
      await service.whenIdle();
      const cases = await service.store.cases.caseFiles();
      expect(cases.flatMap((c) => c.log)).toHaveLength(2);
    } finally {
      await service.close();
      await dropDatabase(world);
    }
  }, 90_000);
});
