// Issue 10 (worker RSS with 25 MB mail): the worker hands a fetched message's bytes over to its analysis
// thread (a child process: not copied first, and let go here once the task is sent), so the main thread
// does not hold a second copy while the thread parses. What must hold for that: a caller's buffer is let go
// only when it is all of its ArrayBuffer
// (never a slice of Node's pool of small Buffers), the result is the same as a copy's, and two jobs
// fetching the same message each get a source of their own, so one handing it over leaves the other's whole.
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MailboxConnection, mailboxIdOf } from '../../src/ingest/mailbox-connection.js';
import { MailboxMessages } from '../../src/ingest/mailbox-messages.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { AnalysisPool } from '../../src/workers/analysis-pool.js';
import { appendToInbox, fixture, imapSession, quietLogger, type TestWorld, testWorld } from '../support/harness.js';
import { forwardWithAttachment } from '../support/hostile-mail.js';

const MAX_BYTES = 30 * 1024 * 1024;
const OPTIONS = { maxBytes: MAX_BYTES, receivedAt: new Date('2023-11-03T10:00:00Z') };

const pools: AnalysisPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
function startPool(): AnalysisPool {
  const pool = new AnalysisPool({ threads: 2, rules: null, logger: quietLogger() });
  pools.push(pool);
  return pool;
}

describe('analysis pool: handing the bytes over', () => {
  it('moves a buffer of its own to the thread (emptied here) and parses it as a copy would be', async () => {
    const pool = startPool();
    const big = forwardWithAttachment('HX-7001', 'handover', 1024 * 1024);
    const own = Buffer.alloc(big.length);
    big.copy(own);
    expect(own.byteLength).toBe(own.buffer.byteLength);
    const expected = await parseInboundMessage(big, OPTIONS);
    const parsed = await pool.parse(own, OPTIONS, { handOver: true });
    expect(parsed).toEqual(expected);
    // Handed over: sent to the thread, then let go, nothing of it is left on this side.
    expect(own.buffer.byteLength).toBe(0);
    expect(own.length).toBe(0);
  });

  it('copies a pooled slice even when handed over: the pool and its other Buffers stay whole', async () => {
    const pool = startPool();
    // A whole message small enough to be a Buffer from Node's shared pool, beside another one.
    const raw = fixture('seed/02-customer-email.eml');
    const small = Buffer.from(raw.toString('latin1'), 'latin1');
    const neighbour = Buffer.from('still here', 'latin1');
    if (small.byteLength === small.buffer.byteLength) throw new Error('expected a pooled Buffer');
    const expected = await parseInboundMessage(small, OPTIONS);
    expect(await pool.parse(small, OPTIONS, { handOver: true })).toEqual(expected);
    expect(small.length).toBe(raw.length);
    expect(neighbour.toString('latin1')).toBe('still here');
  });

  it('copies without handOver: the caller keeps its bytes', async () => {
    const pool = startPool();
    const raw = fixture('seed/04-refund-confirmation.eml');
    const own = Buffer.alloc(raw.length);
    raw.copy(own);
    const parsed = await pool.parse(own, OPTIONS);
    expect(parsed).toEqual(await parseInboundMessage(raw, OPTIONS));
    expect(own.equals(raw)).toBe(true);
  });
});

describe('two jobs fetching one message', () => {
  let world: TestWorld;
  let imap: ImapFlow;
  let connection: MailboxConnection;
  beforeAll(async () => {
    world = testWorld({ maxMessageBytes: MAX_BYTES });
    imap = await imapSession(world);
    connection = new MailboxConnection(world.config.imap, quietLogger());
    await connection.ensureMailboxes(['Processed', 'Quarantine']);
  });
  afterAll(async () => {
    await connection?.close();
    await imap?.logout();
  });

  it('each gets a source of its own: one handed over to a thread leaves the other whole', async () => {
    const raw = forwardWithAttachment('HX-7002', 'shared-fetch', 512 * 1024);
    await appendToInbox(imap, raw);
    const status = await imap.status('INBOX', { uidNext: true, uidValidity: true });
    if (!status) throw new Error('no STATUS');
    const ref = {
      mailbox: mailboxIdOf(world.config.imap),
      uidValidity: String(status.uidValidity),
      uid: Number(status.uidNext) - 1,
    };
    const messages = new MailboxMessages(connection, world.config.imap, quietLogger(), { batchWindowMs: 20 });
    const [first, second] = await Promise.all([messages.fetch(ref), messages.fetch(ref)]);
    if (first?.kind !== 'ok' || second?.kind !== 'ok') throw new Error('not fetched');
    expect(first.source.buffer).not.toBe(second.source.buffer);
    const size = second.source.length;
    const copy = Buffer.from(second.source);
    const pool = startPool();
    const parsed = await pool.parse(first.source, OPTIONS, { handOver: true });
    expect(first.source.length).toBe(0);
    expect(second.source.length).toBe(size);
    expect(second.source.equals(copy)).toBe(true);
    expect(await pool.parse(second.source, OPTIONS, { handOver: true })).toEqual(parsed);
  });
});
