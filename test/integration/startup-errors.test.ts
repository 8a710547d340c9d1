// `refund-tracker worker` with one service wrong, as a user starts it: the built CLI prints one line
// naming the service and the cause, and exits 1 (a failure, not a usage error) instead of hanging or
// printing stack traces. runCli kills a command that hangs past 30 s (code -1), so a hang fails here.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerService } from '../../src/workers/service.js';
import { PrivateFerretDb } from '../faults/services.js';
import { runCli } from '../support/cli.js';
import {
  ALICE,
  appendToInbox,
  dropDatabase,
  fixture,
  imapSession,
  quietLogger,
  testWorld,
  untilMailboxHolds,
} from '../support/harness.js';
import { freePort, testServices, uniqueName } from '../support/services.js';

/** Databases a worker may have created (its indexes) before another service failed; dropped at the end. */
const databases: string[] = [];

afterAll(async () => {
  const conn = await mongoose.createConnection(testServices().mongoUri).asPromise();
  for (const name of databases) await conn.useDb(name).dropDatabase();
  await conn.close();
});

/** A complete worker configuration for the test servers (each test then breaks one service). */
function workerEnv() {
  const s = testServices();
  const dbName = uniqueName('rt');
  databases.push(dbName);
  return {
    REDIS_URL: s.redisUrl,
    QUEUE_PREFIX: uniqueName('q'),
    MONGODB_URI: s.mongoUri,
    MONGODB_DB: dbName,
    IMAP_HOST: s.imap.host,
    IMAP_PORT: String(s.imap.port),
    IMAP_TLS: 'false',
    IMAP_USER: uniqueName('t'),
    IMAP_PASSWORD: s.imap.password,
    ALLOWED_FORWARDERS: 'alice@example.net',
    AUTHSERV_ID: 'mx.tracker.example.net',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    DIGEST_FROM: 'digest@tracker.example.net',
    LOG_LEVEL: 'silent',
  };
}

/** The lines on stderr, without blank ones. */
const linesOf = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

describe('refund-tracker worker: a service that does not answer at start-up', () => {
  it('Redis at a closed port: one line naming Redis, the cause and the address; exit 1', async () => {
    const port = await freePort();
    const run = await runCli(['worker'], { ...workerEnv(), REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(linesOf(run.stderr)).toEqual([`refund-tracker: Redis: connection refused at 127.0.0.1:${port}`]);
    expect(run.stderr).not.toMatch(/ECONNREFUSED|\n\s+at /);
    expect(run.code).toBe(1);
  });

  it('a wrong IMAP password: "IMAP: authentication failed for USER@HOST"; exit 1', async () => {
    const env = { ...workerEnv(), IMAP_PASSWORD: 'not-the-password' };
    const run = await runCli(['worker'], env);
    expect(linesOf(run.stderr)).toEqual([
      `refund-tracker: IMAP: authentication failed for ${env.IMAP_USER}@${env.IMAP_HOST}`,
    ]);
    expect(run.stderr).not.toContain('not-the-password');
    expect(run.code).toBe(1);
  });

  it('an IMAP port that refuses connections is named, not "cannot connect"; exit 1', async () => {
    const port = await freePort();
    const env = { ...workerEnv(), IMAP_PORT: String(port) };
    const run = await runCli(['worker'], env);
    expect(linesOf(run.stderr)).toEqual([`refund-tracker: IMAP: connection refused at ${env.IMAP_HOST}:${port}`]);
    expect(run.code).toBe(1);
  });

  it('an IMAP host that does not resolve is named as unknown; exit 1', async () => {
    // .invalid never resolves (RFC 6761).
    const run = await runCli(['worker'], { ...workerEnv(), IMAP_HOST: 'mail.tracker.invalid' });
    expect(linesOf(run.stderr)).toEqual(['refund-tracker: IMAP: unknown host mail.tracker.invalid']);
    expect(run.code).toBe(1);
  });

  it('IMAP_TLS=true on the plain IMAP port: the TLS mismatch is named; exit 1', async () => {
    const env = { ...workerEnv(), IMAP_TLS: 'true' };
    const run = await runCli(['worker'], env);
    expect(linesOf(run.stderr)).toEqual([
      `refund-tracker: IMAP: TLS handshake failed — is IMAP_TLS right for port ${env.IMAP_PORT}?`,
    ]);
    expect(run.code).toBe(1);
  });

  it('MongoDB at a closed port: one line naming MongoDB and the cause; exit 1', async () => {
    const port = await freePort();
    const run = await runCli(['worker'], { ...workerEnv(), MONGODB_URI: `mongodb://127.0.0.1:${port}/` });
    expect(linesOf(run.stderr)).toEqual([`refund-tracker: MongoDB: connection refused at 127.0.0.1:${port}`]);
    expect(run.code).toBe(1);
  });

  it('HTTP_PORT already taken by another program: one line naming it; exit 2 (a configuration error)', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    const address = taken.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      const run = await runCli(['worker'], { ...workerEnv(), HTTP_PORT: String(address.port) });
      expect(linesOf(run.stderr)).toEqual([`refund-tracker: HTTP_PORT ${address.port} is in use`]);
      expect(run.stderr).not.toMatch(/EADDRINUSE|\n\s+at /);
      expect(run.code).toBe(2);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});

describe('refund-tracker worker: a MongoDB that refuses the credentials in MONGODB_URI', () => {
  // The shared FerretDB runs without authentication: this one (the test's own, on a free port) has one
  // user in `admin`, and refuses a wrong password with code 18 as MongoDB does.
  const user = { database: 'admin', username: 'rt-app', password: `pw-${randomUUID()}` };
  let stateDir = '';
  let fdb: PrivateFerretDb | undefined;

  beforeAll(async () => {
    stateDir = mkdtempSync('/tmp/rt-startup-mongoauth-');
    fdb = await PrivateFerretDb.create(stateDir, { user });
  });

  afterAll(async () => {
    await fdb?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  const hostPort = () => `127.0.0.1:${fdb?.port}`;
  /** The worker with MONGODB_URI pointing at the authenticating server, timed. */
  async function workerWith(mongodbUri: string, overrides: Record<string, string> = {}) {
    const started = Date.now();
    const run = await runCli(['worker'], { ...workerEnv(), MONGODB_URI: mongodbUri, ...overrides });
    return { ...run, elapsedMs: Date.now() - started };
  }

  it('a wrong password: one line naming the user and the authentication database, no password; exit 1', async () => {
    const wrongPassword = `wrong-${randomUUID()}`;
    const run = await workerWith(`mongodb://${user.username}:${wrongPassword}@${hostPort()}/?authSource=admin`);
    expect(linesOf(run.stderr)).toEqual([
      `refund-tracker: MongoDB: authentication failed for user rt-app (authentication database admin) at ${hostPort()} (check MONGODB_URI)`,
    ]);
    expect(run.stderr + run.stdout).not.toContain(wrongPassword);
    expect(run.stderr).not.toMatch(/MongoServerError|\n\s+at /);
    expect(run.code).toBe(1);
    // Refused at once, not after the driver's server-selection wait (issue 9 saw 14-27 s): a generous bound.
    expect(run.elapsedMs).toBeLessThan(12_000);
  });

  it('the right password checked against the wrong database (the URI names one, no authSource) is named as such', async () => {
    // The driver authenticates against the URI's database when authSource is absent: rt-app lives in admin.
    const run = await workerWith(`mongodb://${user.username}:${user.password}@${hostPort()}/refunds`);
    expect(linesOf(run.stderr)).toEqual([
      `refund-tracker: MongoDB: authentication failed for user rt-app (authentication database refunds) at ${hostPort()} (check MONGODB_URI)`,
    ]);
    expect(run.stderr + run.stdout).not.toContain(user.password);
    expect(run.code).toBe(1);
  });

  it('no user in MONGODB_URI for a server that requires one: named, not a bare command error; exit 1', async () => {
    const run = await workerWith(`mongodb://${hostPort()}/`);
    expect(linesOf(run.stderr)).toEqual([
      `refund-tracker: MongoDB: ${hostPort()} requires authentication and MONGODB_URI names no user`,
    ]);
    expect(run.code).toBe(1);
  });

  it('a command other than the worker (`cases list`) says the same line for a wrong password, and names a missing user', async () => {
    const wrongPassword = `wrong-${randomUUID()}`;
    const wrong = await runCli(['cases', 'list'], {
      ...workerEnv(),
      MONGODB_URI: `mongodb://${user.username}:${wrongPassword}@${hostPort()}/?authSource=admin`,
    });
    expect(linesOf(wrong.stderr)).toEqual([
      `refund-tracker: MongoDB: authentication failed for user rt-app (authentication database admin) at ${hostPort()} (check MONGODB_URI)`,
    ]);
    expect(wrong.stderr + wrong.stdout).not.toContain(wrongPassword);
    expect(wrong.code).toBe(1);
    const anonymous = await runCli(['cases', 'list'], { ...workerEnv(), MONGODB_URI: `mongodb://${hostPort()}/` });
    expect(linesOf(anonymous.stderr)).toEqual([
      `refund-tracker: MongoDB: ${hostPort()} requires authentication and MONGODB_URI names no user`,
    ]);
    expect(anonymous.code).toBe(1);
  });

  it('the right credentials pass the MongoDB check (the next service, IMAP with a wrong password, is what fails)', async () => {
    // Proves the server accepts a good login, so the refusals above are about the credentials alone.
    const env = { IMAP_PASSWORD: 'not-the-password' };
    const run = await workerWith(`mongodb://${user.username}:${user.password}@${hostPort()}/?authSource=admin`, env);
    expect(linesOf(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/^refund-tracker: IMAP: authentication failed for /);
    expect(run.stderr + run.stdout).not.toContain(user.password);
    expect(run.code).toBe(1);
  });
});

describe('refund-tracker digest send with SMTP down', () => {
  it('one line per user whose digest was not sent, the others still tried, exit 1', async () => {
    const world = testWorld();
    const imap = await imapSession(world);
    try {
      await appendToInbox(imap, fixture('seed/01-web-form-confirmation.eml'));
      const service = await startWorkerService(world.config, { logger: quietLogger(), scheduleDigests: false });
      try {
        await untilMailboxHolds(imap, 'Processed', 1);
        await service.whenIdle();
      } finally {
        await service.close();
      }
      const port = await freePort();
      const env = {
        MONGODB_URI: world.config.mongo.mongodbUri,
        MONGODB_DB: world.dbName,
        // Alice has a case (her digest is tried and fails); Bob comes after her and has nothing to report.
        ALLOWED_FORWARDERS: `${ALICE},bob@example.org`,
        DIGEST_FROM: 'digest@tracker.example.net',
        DIGEST_TIME_ZONE: 'Europe/Berlin',
      };
      const refused = await runCli(['digest', 'send', '--date', '2026-11-26'], {
        ...env,
        SMTP_URL: `smtp://127.0.0.1:${port}`,
      });
      expect(linesOf(refused.stderr)).toEqual([
        `refund-tracker: ${ALICE} 2026-11-26: not sent: SMTP: connection refused at 127.0.0.1:${port}`,
      ]);
      expect(refused.stdout).toContain('bob@example.org 2026-11-26: empty');
      expect(refused.code).toBe(1);
      // smtps:// on a plain SMTP port (the IMAP server's plain port stands in for one that speaks no TLS).
      const plain = await runCli(['digest', 'send', '--date', '2026-11-26'], {
        ...env,
        SMTP_URL: `smtps://${world.config.imap.host}:${world.config.imap.port}`,
      });
      expect(linesOf(plain.stderr)).toEqual([
        `refund-tracker: ${ALICE} 2026-11-26: not sent: SMTP: TLS handshake failed — is smtps:// in SMTP_URL right for port ${world.config.imap.port}?`,
      ]);
      expect(plain.code).toBe(1);
    } finally {
      await imap.logout();
      await dropDatabase(world);
    }
  }, 90_000);
});
