// The IMAP download itself is capped at MAX_MESSAGE_BYTES: a server whose RFC822.SIZE understates a
// message (buggy, or hostile) still never gets to send it whole. The server here is the real Dovecot
// behind a proxy that rewrites every RFC822.SIZE it reports to a small number and counts the bytes
// it passes on to the client.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailboxConnection, mailboxIdOf } from '../../src/ingest/mailbox-connection.js';
import { MailboxMessages } from '../../src/ingest/mailbox-messages.js';
import type { MessageRef } from '../../src/ingest/message-ref.js';
import { startWorkerService, type WorkerService } from '../../src/workers/service.js';
import {
  appendToInbox,
  countIn,
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
const LIE = 1000;

/** A proxy to Dovecot that reports every message as LIE bytes (and counts what it sends the client). */
function startLyingServer(direct: TestWorld): Promise<ImapProxy> {
  return startImapProxy(direct.config.imap.host, direct.config.imap.port, { lieAboutSize: { above: 0, as: LIE } });
}

describe('the IMAP fetch is capped at MAX_MESSAGE_BYTES whatever the server says the size is', () => {
  let liar: ImapProxy;
  let world: TestWorld;
  let imap: ImapFlow;
  let connection: MailboxConnection;
  let messages: MailboxMessages;

  beforeAll(async () => {
    const direct = testWorld({ maxMessageBytes: MAX_BYTES });
    liar = await startLyingServer(direct);
    world = { ...direct, config: { ...direct.config, imap: { ...direct.config.imap, port: liar.port } } };
    imap = await imapSession(direct);
    connection = new MailboxConnection(world.config.imap, quietLogger());
    await connection.ensureMailboxes(['Processed', 'Quarantine']);
    messages = new MailboxMessages(connection, world.config.imap, quietLogger());
  });

  afterAll(async () => {
    await connection?.close();
    await imap?.logout();
    await liar?.close();
  });

  async function refOfLatest(): Promise<MessageRef> {
    const box = await imap.mailboxOpen('INBOX');
    const uids = await imap.search({ all: true }, { uid: true });
    const uid = Array.isArray(uids) ? Math.max(...uids) : Number.NaN;
    return { mailbox: mailboxIdOf(world.config.imap), uidValidity: String(box.uidValidity), uid };
  }

  it('the proxy lies: the server says 1000 bytes for a message of over 1 MiB', async () => {
    await appendToInbox(imap, oversizedForward(768 * 1024, 'lying-size.1@example.net'));
    const ref = await refOfLatest();
    const real = await imap.fetchOne(String(ref.uid), { size: true }, { uid: true });
    expect(real ? real.size : 0).toBeGreaterThan(1024 * 1024);
    const client = await connection.get();
    await client.mailboxOpen('INBOX');
    const told = await client.fetchOne(String(ref.uid), { size: true }, { uid: true });
    expect(told ? told.size : 0).toBe(LIE);
  });

  it('a message over the cap is too_large with its header fields, and no more than the cap is downloaded', async () => {
    const ref = await refOfLatest();
    const before = liar.bytesToClient();
    const fetched = await messages.fetch(ref);
    expect(fetched).toEqual({
      kind: 'too_large',
      size: MAX_BYTES + 1,
      subject: 'Fwd: Receipt scans for Case Number: GTB-2023-5876',
      from: 'alice@example.net',
      messageId: '<lying-size.1@example.net>',
    });
    // The envelope and one byte past the cap, plus protocol lines: far from the message's 1 MiB.
    expect(liar.bytesToClient() - before).toBeLessThan(MAX_BYTES + 16 * 1024);
  });

  it('a message within the cap is fetched whole through the same fetch', async () => {
    const raw = fixture('seed/01-web-form-confirmation.eml');
    await appendToInbox(imap, raw);
    const ref = await refOfLatest();
    const stored = await imap.fetchOne(String(ref.uid), { source: true }, { uid: true });
    const fetched = await messages.fetch(ref);
    expect(fetched.kind).toBe('ok');
    if (fetched.kind !== 'ok' || !stored || !stored.source) throw new Error('no source');
    expect(fetched.source.equals(stored.source)).toBe(true);
    expect(fetched.size).toBe(stored.source.length);
  });
});

describe('the worker quarantines a message whose SIZE lies as too_large', () => {
  let liar: ImapProxy;
  let world: TestWorld;
  let imap: ImapFlow;
  let service: WorkerService;

  beforeAll(async () => {
    const direct = testWorld({ maxMessageBytes: MAX_BYTES });
    liar = await startLyingServer(direct);
    world = { ...direct, config: { ...direct.config, imap: { ...direct.config.imap, port: liar.port } } };
    imap = await imapSession(direct);
    service = await startWorkerService(world.config, { logger: quietLogger(), scheduleDigests: false });
  });

  afterAll(async () => {
    await service?.close();
    await imap?.logout();
    await liar?.close();
    if (world) await dropDatabase(world);
  });

  it('moves it to Quarantine tagged too_large, records its subject and sender, and changes no case', async () => {
    await appendToInbox(imap, oversizedForward(768 * 1024, 'lying-size.2@example.net'));
    await untilMailboxHolds(imap, 'Quarantine', 1);
    await service.whenIdle();
    const records = await service.store.quarantine.list();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      reason: 'too_large',
      subject: 'Fwd: Receipt scans for Case Number: GTB-2023-5876',
      messageId: '<lying-size.2@example.net>',
    });
    expect(await service.store.cases.caseFiles()).toEqual([]);
    expect(await countIn(imap, 'INBOX')).toBe(0);
  });
});
