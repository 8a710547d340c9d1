// MailboxMessages coalesces concurrent calls (several jobs of one worker process share its IMAP
// connection): fetches become one UID FETCH, moves one UID MOVE per target and keyword, and each caller
// still gets exactly what a fetch or move of its message alone would give it. Against the real Dovecot,
// through a proxy that counts commands and understates the SIZE of the largest messages.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailboxConnection, mailboxIdOf } from '../../src/ingest/mailbox-connection.js';
import { type FetchedMessage, MailboxMessages, MessageMoveError } from '../../src/ingest/mailbox-messages.js';
import type { MessageRef } from '../../src/ingest/message-ref.js';
import { startWorkerService, type WorkerService } from '../../src/workers/service.js';
import {
  appendToInbox,
  countIn,
  deliverFixtures,
  dropDatabase,
  fixture,
  imapSession,
  quietLogger,
  type TestWorld,
  testWorld,
  untilMailboxHolds,
} from '../support/harness.js';
import { type ImapProxy, startImapProxy } from '../support/imap-proxy.js';
import { oversizedForward } from '../support/oversized-forward.js';

const MAX_BYTES = 64 * 1024;
const SEED = [
  'seed/01-web-form-confirmation.eml',
  'seed/02-customer-email.eml',
  'seed/03-support-reply.eml',
  'seed/04-refund-confirmation.eml',
];
/** Messages over 512 KiB are reported as 1000 bytes: only the download cap stops them. */
const LIE = { above: 512 * 1024, as: 1000 };

let proxy: ImapProxy;
let direct: TestWorld;
let world: TestWorld;
let imap: ImapFlow;
let connection: MailboxConnection;

beforeAll(async () => {
  direct = testWorld({ maxMessageBytes: MAX_BYTES });
  proxy = await startImapProxy(direct.config.imap.host, direct.config.imap.port, { lieAboutSize: LIE });
  world = { ...direct, config: { ...direct.config, imap: { ...direct.config.imap, port: proxy.port } } };
  imap = await imapSession(direct);
  connection = new MailboxConnection(world.config.imap, quietLogger());
  await connection.ensureMailboxes(['Processed', 'Quarantine']);
});

afterAll(async () => {
  await connection?.close();
  await imap?.logout();
  await proxy?.close();
});

/** Appends each message (through the direct session) and returns its ref, in order. */
async function deliver(raws: (Buffer | string)[]): Promise<MessageRef[]> {
  const before = await imap.status('INBOX', { uidNext: true, uidValidity: true });
  if (!before || before.uidNext === undefined) throw new Error('no UIDNEXT');
  for (const raw of raws) await appendToInbox(imap, raw);
  const lock = await imap.getMailboxLock('INBOX');
  try {
    const found = await imap.search({ uid: `${before.uidNext}:*` }, { uid: true });
    const uids = (Array.isArray(found) ? found : [])
      .filter((uid) => uid >= Number(before.uidNext))
      .sort((a, b) => a - b);
    if (uids.length !== raws.length) throw new Error(`delivered ${raws.length}, found ${uids.length}`);
    const uidValidity = String(before.uidValidity);
    return uids.map((uid) => ({ mailbox: mailboxIdOf(world.config.imap), uidValidity, uid }));
  } finally {
    lock.release();
    await imap.mailboxClose();
  }
}

/**
 * Delivers the messages and fetches them through `messages`, as the worker does before it moves one:
 * a session acts only on messages it has seen (Dovecot answers a UID MOVE of a UID the session does
 * not know yet with OK and moves nothing).
 */
async function deliverAndFetch(messages: MailboxMessages, raws: (Buffer | string)[]): Promise<MessageRef[]> {
  const refs = await deliver(raws);
  const fetched = await Promise.all(refs.map((ref) => messages.fetch(ref)));
  expect(fetched.map((f) => f.kind)).toEqual(refs.map(() => 'ok'));
  return refs;
}

/** What the proxy counted for each command while `run` ran. */
async function counting<T>(
  names: string[],
  run: () => Promise<T>,
): Promise<{ result: T; sent: Record<string, number> }> {
  const before = names.map((n) => proxy.commands(n));
  const result = await run();
  const sent = Object.fromEntries(names.map((n, i) => [n, proxy.commands(n) - (before[i] ?? 0)]));
  return { result, sent };
}

async function messageIdsIn(mailbox: string): Promise<Map<number, { messageId: string; flags: string[] }>> {
  const lock = await imap.getMailboxLock(mailbox);
  try {
    const found = new Map<number, { messageId: string; flags: string[] }>();
    for await (const m of imap.fetch('1:*', { uid: true, envelope: true, flags: true })) {
      found.set(m.uid, { messageId: m.envelope?.messageId ?? '', flags: [...(m.flags ?? [])] });
    }
    return found;
  } finally {
    lock.release();
    await imap.mailboxClose();
  }
}

describe('concurrent fetches', () => {
  it('are one UID FETCH of the set (plus one of the sources), and each caller gets what a fetch alone gets', async () => {
    const [small, other, honestTooLarge, lyingTooLarge, gone] = await deliver([
      fixture('seed/01-web-form-confirmation.eml'),
      fixture('seed/02-customer-email.eml'),
      oversizedForward(96 * 1024, 'honest-size.1@example.net'),
      oversizedForward(768 * 1024, 'lying-size.3@example.net'),
      fixture('seed/03-support-reply.eml'),
    ]);
    if (!small || !other || !honestTooLarge || !lyingTooLarge || !gone) throw new Error('not delivered');
    // Gone: moved away (as after its effects were committed) by another session.
    await imap.mailboxOpen('INBOX');
    await imap.messageMove(String(gone.uid), 'Processed', { uid: true });
    await imap.mailboxClose();
    const stale: MessageRef = { ...small, uidValidity: String(Number(small.uidValidity) + 1) };
    const refs = [small, other, honestTooLarge, lyingTooLarge, gone, stale];

    const batched = new MailboxMessages(connection, world.config.imap, quietLogger(), {
      maxBatch: 16,
      batchWindowMs: 20,
    });
    const { result: together, sent } = await counting(['UID FETCH', 'UID SEARCH', 'NOOP'], () =>
      Promise.all(refs.map((ref) => batched.fetch(ref))),
    );
    // Sizes and envelopes of all, then the sources of those within the cap by their SIZE: two UID
    // FETCH commands for six callers; one UID SEARCH makes sure the missing one is gone.
    expect(sent).toEqual({ 'UID FETCH': 2, 'UID SEARCH': 1, NOOP: 1 });

    const alone = new MailboxMessages(connection, world.config.imap, quietLogger(), { maxBatch: 1 });
    const oneByOne: FetchedMessage[] = [];
    for (const ref of refs) oneByOne.push(await alone.fetch(ref));
    expect(together).toEqual(oneByOne);

    const [smallGot, otherGot, honestGot, lyingGot, goneGot, staleGot] = together;
    for (const [got, ref] of [
      [smallGot, small],
      [otherGot, other],
    ] as const) {
      const stored = await storedSource(ref.uid);
      expect(got?.kind).toBe('ok');
      if (got?.kind !== 'ok') throw new Error('not ok');
      expect(got.source.equals(stored.source)).toBe(true);
      expect(got.size).toBe(stored.source.length);
      expect(got.receivedAt?.getTime()).toBe(stored.internalDate.getTime());
    }
    expect(honestGot).toEqual({
      kind: 'too_large',
      size: (await storedSource(honestTooLarge.uid)).size,
      subject: 'Fwd: Receipt scans for Case Number: GTB-2023-5876',
      from: 'alice@example.net',
      messageId: '<honest-size.1@example.net>',
    });
    // The server said 1000 bytes: the download stopped one byte past the cap.
    expect(lyingGot).toEqual({
      kind: 'too_large',
      size: MAX_BYTES + 1,
      subject: 'Fwd: Receipt scans for Case Number: GTB-2023-5876',
      from: 'alice@example.net',
      messageId: '<lying-size.3@example.net>',
    });
    expect(goneGot).toEqual({ kind: 'gone' });
    expect(staleGot).toEqual({ kind: 'stale' });
  });

  it('fetch a message above the solo threshold on its own, after the smaller ones of the batch', async () => {
    const [first, big, last] = await deliver([
      fixture('seed/01-web-form-confirmation.eml'),
      oversizedForward(24 * 1024, 'big-but-allowed.1@example.net'),
      fixture('seed/04-refund-confirmation.eml'),
    ]);
    if (!first || !big || !last) throw new Error('not delivered');
    const messages = new MailboxMessages(connection, world.config.imap, quietLogger(), {
      batchWindowMs: 20,
      soloFetchBytes: 16 * 1024,
    });
    const order: number[] = [];
    const { result, sent } = await counting(['UID FETCH'], () =>
      Promise.all(
        [big, first, last].map(async (ref) => {
          const got = await messages.fetch(ref);
          order.push(ref.uid);
          return got;
        }),
      ),
    );
    expect(result.map((r) => r.kind)).toEqual(['ok', 'ok', 'ok']);
    // Heads, the two small sources together, the big one alone.
    expect(sent['UID FETCH']).toBe(3);
    expect(order.at(-1)).toBe(big.uid);
  });

  it('calls that come while a batch waits or runs form the next batch, which goes as soon as it ends', async () => {
    const [a, b, c] = await deliver([
      fixture('seed/01-web-form-confirmation.eml'),
      fixture('seed/02-customer-email.eml'),
      fixture('seed/03-support-reply.eml'),
    ]);
    if (!a || !b || !c) throw new Error('not delivered');
    const messages = new MailboxMessages(connection, world.config.imap, quietLogger(), { batchWindowMs: 0 });
    const { result, sent } = await counting(['UID FETCH'], async () => {
      // Another user of the connection holds the mailbox: a's batch starts and waits for the lock.
      const lock = await (await connection.get()).getMailboxLock('INBOX');
      const first = messages.fetch(a);
      await new Promise((r) => setTimeout(r, 20));
      const next = [messages.fetch(b), messages.fetch(c)];
      lock.release();
      return Promise.all([first, ...next]);
    });
    expect(result.map((r) => r.kind)).toEqual(['ok', 'ok', 'ok']);
    // a alone (heads, sources), then b and c together.
    expect(sent['UID FETCH']).toBe(4);
  });
});

async function storedSource(uid: number): Promise<{ source: Buffer; size: number; internalDate: Date }> {
  const lock = await imap.getMailboxLock('INBOX');
  try {
    const m = await imap.fetchOne(String(uid), { source: true, size: true, internalDate: true }, { uid: true });
    if (m === false || !m.source || m.size === undefined || !m.internalDate) throw new Error(`UID ${uid} not in INBOX`);
    return { source: m.source, size: m.size, internalDate: new Date(m.internalDate) };
  } finally {
    lock.release();
    await imap.mailboxClose();
  }
}

describe('concurrent moves', () => {
  it('to one target with one keyword are one STORE and one UID MOVE, each caller told where its message went', async () => {
    const ids = ['batch-move.1@example.net', 'batch-move.2@example.net', 'batch-move.3@example.net'];
    const messages = new MailboxMessages(connection, world.config.imap, quietLogger(), { batchWindowMs: 20 });
    const refs = await deliverAndFetch(
      messages,
      ids.map((id) => oversizedForward(1024, id)),
    );

    const { result: moved, sent } = await counting(['UID MOVE', 'UID STORE'], () =>
      Promise.all(refs.map((ref) => messages.move(ref, 'Quarantine', '$rt_batch_test'))),
    );

    expect(sent).toEqual({ 'UID MOVE': 1, 'UID STORE': 1 });
    const status = await imap.status('Quarantine', { uidValidity: true });
    if (!status) throw new Error('no STATUS');
    const inQuarantine = await messageIdsIn('Quarantine');
    moved.forEach((place, i) => {
      expect(place.uidValidity).toBe(String(status.uidValidity));
      expect(place.uid).not.toBeNull();
      const there = inQuarantine.get(place.uid ?? -1);
      expect(there?.messageId).toBe(`<${ids[i]}>`);
      expect(there?.flags).toContain('$rt_batch_test');
    });
    const inInbox = await messageIdsIn('INBOX');
    for (const ref of refs) expect(inInbox.has(ref.uid)).toBe(false);
  });

  it('to different targets are separate batches, each in its own target', async () => {
    const messages = new MailboxMessages(connection, world.config.imap, quietLogger(), { batchWindowMs: 20 });
    const [toProcessed, toQuarantine] = await deliverAndFetch(messages, [
      oversizedForward(1024, 'split-move.1@example.net'),
      oversizedForward(1024, 'split-move.2@example.net'),
    ]);
    if (!toProcessed || !toQuarantine) throw new Error('not delivered');
    const [p, q] = await Promise.all([
      messages.move(toProcessed, 'Processed'),
      messages.move(toQuarantine, 'Quarantine', '$rt_split_test'),
    ]);
    expect((await messageIdsIn('Processed')).get(p.uid ?? -1)?.messageId).toBe('<split-move.1@example.net>');
    const quarantined = (await messageIdsIn('Quarantine')).get(q.uid ?? -1);
    expect(quarantined?.messageId).toBe('<split-move.2@example.net>');
    expect(quarantined?.flags).toContain('$rt_split_test');
  });

  it('that the server refuses reject every caller of the batch and leave the messages in INBOX', async () => {
    const messages = new MailboxMessages(connection, world.config.imap, quietLogger(), { batchWindowMs: 20 });
    const refs = await deliverAndFetch(messages, [
      oversizedForward(1024, 'refused-move.1@example.net'),
      oversizedForward(1024, 'refused-move.2@example.net'),
    ]);

    const { result: outcomes, sent } = await counting(['UID MOVE'], () =>
      Promise.allSettled(refs.map((ref) => messages.move(ref, 'No such mailbox'))),
    );

    expect(sent['UID MOVE']).toBe(1);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(MessageMoveError);
    }
    const inInbox = await messageIdsIn('INBOX');
    for (const ref of refs) expect(inInbox.has(ref.uid)).toBe(true);
    // The connection still works: the same messages move when the target exists.
    const moved = await Promise.all(refs.map((ref) => messages.move(ref, 'Processed')));
    expect(moved.every((m) => m.uid !== null)).toBe(true);
  });

  it('of a message already gone count as moved, without a place', async () => {
    const messages = new MailboxMessages(connection, world.config.imap, quietLogger());
    const [ref] = await deliverAndFetch(messages, [oversizedForward(1024, 'already-gone.1@example.net')]);
    if (!ref) throw new Error('not delivered');
    await imap.mailboxOpen('INBOX');
    await imap.messageMove(String(ref.uid), 'Processed', { uid: true });
    await imap.mailboxClose();
    expect(await messages.move(ref, 'Processed')).toEqual({ uid: null, uidValidity: null });
    // Moved once, by the other session: the second MOVE found nothing to copy.
    const copies = [...(await messageIdsIn('Processed')).values()].filter(
      (m) => m.messageId === '<already-gone.1@example.net>',
    );
    expect(copies).toHaveLength(1);
  });
});

describe('the worker running four jobs at once, its IMAP connection cut as its first UID MOVE goes out', () => {
  it('loses nothing and logs nothing twice: what that MOVE covered stays in INBOX and moves on the retry', async () => {
    const own = testWorld();
    const cutter = await startImapProxy(own.config.imap.host, own.config.imap.port);
    const proxied = { ...own.config, imap: { ...own.config.imap, port: cutter.port } };
    const session = await imapSession(own);
    let service: WorkerService | undefined;
    try {
      await deliverFixtures(session, SEED);
      const cut = cutter.cutAtNext('UID MOVE');
      // Four jobs at once on one connection: moves that come together go out as one UID MOVE.
      service = await startWorkerService(proxied, { logger: quietLogger(), scheduleDigests: false, concurrency: 4 });
      await cut;
      await untilMailboxHolds(session, 'Processed', SEED.length, 60_000);
      await service.whenIdle();
      const cases = await service.store.cases.caseFiles();
      expect(cases.map((c) => [c.caseNumber, c.log.length])).toEqual([['GTB-2023-5876', SEED.length]]);
      expect(await countIn(session, 'INBOX')).toBe(0);
      expect(cutter.commands('UID MOVE')).toBeGreaterThan(0);
    } finally {
      await service?.close();
      await session.logout();
      await cutter.close();
      await dropDatabase(own);
    }
  }, 90_000);
});
