// Real servers for integration tests: a fresh IMAP user, MongoDB database and queue prefix per test
// file, an in-process SMTP sink, and helpers to put mail in and look at mailboxes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import mongoose from 'mongoose';
import { afterEach } from 'vitest';
import type { WorkerConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openStore, type Store } from '../../src/models/store.js';
import { startWorkerService, type WorkerService, type WorkerServiceOptions } from '../../src/workers/service.js';

export { type SmtpSink, startSmtpSink } from '../../scripts/lib/smtp-sink.js';

import { testServices, uniqueName } from './services.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const fixture = (path: string): Buffer => readFileSync(join(FIXTURES, path));
export const quietLogger = () => createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

export const ALICE = 'alice@example.net';

/** The test mailbox's receiving server: the authserv-id its Authentication-Results carry. */
export const TEST_AUTHSERV_ID = 'mx.tracker.example.net';

export interface TestWorld {
  config: WorkerConfig;
  imapUser: string;
  dbName: string;
}

/** A WorkerConfig pointing at the test servers, with names no other test file uses. */
export function testWorld(overrides: Partial<WorkerConfig['imap']> = {}, smtpPort = 2525): TestWorld {
  const s = testServices();
  const imapUser = uniqueName('t');
  const dbName = uniqueName('rt');
  return {
    imapUser,
    dbName,
    config: {
      imap: {
        host: s.imap.host,
        port: s.imap.port,
        secure: false,
        user: imapUser,
        password: s.imap.password,
        inbox: 'INBOX',
        processedMailbox: 'Processed',
        quarantineMailbox: 'Quarantine',
        pollIntervalMs: 5_000,
        maxMessageBytes: 5 * 1024 * 1024,
        allowedForwarders: [ALICE],
        trust: { mode: 'auth-results', authservIds: [TEST_AUTHSERV_ID] },
        ...overrides,
      },
      redis: { redisUrl: s.redisUrl, queuePrefix: uniqueName('q') },
      mongo: { mongodbUri: s.mongoUri, dbName },
      smtp: { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'digest@tracker.example.net' },
      digest: { hour: 7, timeZone: 'Europe/Berlin' },
    },
  };
}

/** A second IMAP session as the mail user, for putting mail in and looking at mailboxes. */
export async function imapSession(world: TestWorld): Promise<ImapFlow> {
  const { imap } = world.config;
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: false,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
  });
  await client.connect();
  return client;
}

/**
 * Delivers a message as the test mailbox's receiving server would: a message that carries no
 * Authentication-Results from TEST_AUTHSERV_ID gets one on top saying DMARC passed for its From
 * domain (tests about other things send mail from the allowed forwarder). A message that carries one
 * is delivered as it is: that is how the trust tests say what the server found.
 */
export async function appendToInbox(client: ImapFlow, raw: Buffer | string): Promise<void> {
  await client.append('INBOX', asReceived(raw));
}

function asReceived(raw: Buffer | string): Buffer | string {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  const headerEnd = text.search(/\r?\n\r?\n/);
  const head = headerEnd >= 0 ? text.slice(0, headerEnd) : text;
  const ours = new RegExp(`^Authentication-Results:\\s*${TEST_AUTHSERV_ID.replace(/\./g, '\\.')}\\b`, 'im');
  if (ours.test(head)) return raw;
  const from = /^From:[^\r\n]{0,300}?@([A-Za-z0-9.-]{1,253})/im.exec(head)?.[1]?.toLowerCase() ?? 'invalid';
  const stamp = `Authentication-Results: ${TEST_AUTHSERV_ID}; dmarc=pass (p=none dis=none) header.from=${from}\r\n`;
  return typeof raw === 'string' ? stamp + raw : Buffer.concat([Buffer.from(stamp, 'latin1'), raw]);
}

/** Message count of a mailbox (0 when it does not exist yet). */
export async function countIn(client: ImapFlow, mailbox: string): Promise<number> {
  try {
    const status = await client.status(mailbox, { messages: true });
    return status ? (status.messages ?? 0) : 0;
  } catch {
    return 0;
  }
}

/** Keywords and Message-IDs of every message in a mailbox. */
export async function messagesIn(client: ImapFlow, mailbox: string) {
  const lock = await client.getMailboxLock(mailbox);
  try {
    const found: { uid: number; flags: string[]; subject: string }[] = [];
    for await (const m of client.fetch('1:*', { uid: true, flags: true, envelope: true })) {
      found.push({ uid: m.uid, flags: [...(m.flags ?? [])], subject: m.envelope?.subject ?? '' });
    }
    return found;
  } catch {
    return [];
  } finally {
    lock.release();
    // Leave no mailbox selected: Dovecot's STATUS on the selected mailbox reports a stale count.
    await client.mailboxClose();
  }
}

/** Polls until `check` holds, or fails with `what` after the timeout. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until a mailbox holds `count` messages (the worker moved them there). */
export async function untilMailboxHolds(client: ImapFlow, mailbox: string, count: number, timeoutMs?: number) {
  await eventually(
    `${count} messages in ${mailbox}`,
    async () => (await countIn(client, mailbox)) === count,
    timeoutMs,
  );
}

/** Drops the test file's database (FerretDB keeps one SQLite file per database). */
export async function dropDatabase(world: TestWorld): Promise<void> {
  const conn = await mongoose.createConnection(world.config.mongo.mongodbUri, { dbName: world.dbName }).asPromise();
  await conn.dropDatabase();
  await conn.close();
}

/** The worker on a test world, quiet and with no digest schedule unless `options` say otherwise. */
export function startTestWorker(world: TestWorld, options: Partial<WorkerServiceOptions> = {}): Promise<WorkerService> {
  return startWorkerService(world.config, { logger: quietLogger(), scheduleDigests: false, ...options });
}

/** A fresh test world, an IMAP session on its mailbox and the worker running on it. */
export async function startWorkerWorld(
  overrides: Partial<WorkerConfig['imap']> = {},
): Promise<{ world: TestWorld; imap: ImapFlow; service: WorkerService }> {
  const world = testWorld(overrides);
  const imap = await imapSession(world);
  const service = await startTestWorker(world);
  return { world, imap, service };
}

/** A test world and the store on its database. */
export async function worldWithStore(): Promise<{ world: TestWorld; store: Store }> {
  const world = testWorld();
  return { world, store: await openStore(world.config.mongo) };
}

/** Closes what a test file opened (whichever parts it got to) and drops its database. */
export async function closeWorld(opened: {
  service?: { close(): Promise<unknown> };
  imap?: ImapFlow;
  store?: { close(): Promise<unknown> };
  world?: TestWorld;
}): Promise<void> {
  await opened.service?.close();
  await opened.imap?.logout();
  await opened.store?.close();
  if (opened.world) await dropDatabase(opened.world);
}

/** Delivers each fixture (a path under test/fixtures) to INBOX, in order. */
export async function deliverFixtures(client: ImapFlow, files: readonly string[]): Promise<void> {
  for (const file of files) await appendToInbox(client, fixture(file));
}

/** Delivers a message and waits until the worker has filed it in `into` and is idle (so the next one sees its effects). */
export async function deliverAndWait(
  client: ImapFlow,
  service: { whenIdle(): Promise<unknown> },
  raw: Buffer | string,
  into: 'Processed' | 'Quarantine' = 'Processed',
): Promise<void> {
  const before = await countIn(client, into);
  await appendToInbox(client, raw);
  await untilMailboxHolds(client, into, before + 1);
  await service.whenIdle();
}

/** The environment a command needs to reach the test world's mailbox and database (as a user sets it). */
export function cliEnv(world: TestWorld): Record<string, string> {
  const { imap, mongo } = world.config;
  return {
    MONGODB_URI: mongo.mongodbUri,
    MONGODB_DB: world.dbName,
    IMAP_HOST: imap.host,
    IMAP_PORT: String(imap.port),
    IMAP_TLS: 'false',
    IMAP_USER: imap.user,
    IMAP_PASSWORD: imap.password,
    ALLOWED_FORWARDERS: ALICE,
    AUTHSERV_ID: TEST_AUTHSERV_ID,
  };
}

/**
 * Closers for what each test opens, run after it whatever happened (the last opened closes first; a
 * failing closer does not stop the others). Call once at the top of a test file.
 */
export function closedAfterEach(): (() => Promise<unknown>)[] {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0)
      await cleanups
        .pop()?.()
        .catch(() => undefined);
  });
  return cleanups;
}

/** A fresh test world and an IMAP session on it, both closed (and the database dropped) after the test. */
export async function worldForTest(
  cleanups: (() => Promise<unknown>)[],
  overrides: Partial<WorkerConfig['imap']> = {},
): Promise<{ world: TestWorld; imap: ImapFlow }> {
  const world = testWorld(overrides);
  const imap = await imapSession(world);
  cleanups.push(
    () => dropDatabase(world),
    () => imap.logout(),
  );
  return { world, imap };
}
