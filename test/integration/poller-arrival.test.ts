// How soon the poller sees new mail, against the real Dovecot and MongoDB: it is back in IDLE right
// after a scan (the server reports new mail only to a session in IDLE or running a command), and a new
// arrival is queued while a long full scan (a backfill of thousands of messages) is still enqueueing.
import type { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { MailboxPoller, type ScanKind } from '../../src/ingest/mailbox-poller.js';
import type { MessageRef } from '../../src/ingest/message-ref.js';
import { openStore, type Store } from '../../src/models/store.js';
import {
  appendToInbox,
  closedAfterEach,
  dropDatabase,
  eventually,
  fixture,
  imapSession,
  quietLogger,
  testWorld,
} from '../support/harness.js';

const cleanups = closedAfterEach();

interface Enqueued {
  scan: ScanKind;
  uids: number[];
}

async function pollerWorld(enqueue: (refs: MessageRef[], scan: ScanKind) => Promise<void>) {
  const world = testWorld();
  const store: Store = await openStore(world.config.mongo);
  cleanups.push(
    () => dropDatabase(world),
    () => store.close(),
  );
  const imap: ImapFlow = await imapSession(world);
  cleanups.push(() => imap.logout());
  const poller = new MailboxPoller({
    imap: world.config.imap,
    checkpoints: store.mailboxes,
    enqueue: (refs, scan) => enqueue(refs, scan),
    logger: quietLogger(),
  });
  cleanups.push(() => poller.stop());
  return { world, imap, poller };
}

describe('the poller', () => {
  it('is in IDLE right after its start-up scan, not after the worker connection’s one-second delay', async () => {
    const { poller } = await pollerWorld(async () => undefined);
    await poller.start();
    const started = performance.now();
    await eventually('the poller in IDLE', async () => poller.idling(), 5_000);
    // imapflow re-enters IDLE `autoIdleDelay` after the last command: 1 s on the worker's connection,
    // none on the poller's. Half a second leaves room for a loaded machine and still tells them apart.
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('queues new mail while a full scan is still enqueueing a backfill', async () => {
    const enqueued: Enqueued[] = [];
    let releaseFull: () => void = () => undefined;
    let fullBlocked = false;
    const { imap, poller } = await pollerWorld(async (refs, scan) => {
      enqueued.push({ scan, uids: refs.map((r) => r.uid) });
      if (scan === 'full' && fullBlocked) await new Promise<void>((resolve) => (releaseFull = resolve));
    });
    await appendToInbox(imap, fixture('seed/01-web-form-confirmation.eml'));
    await poller.start();
    expect(enqueued).toEqual([{ scan: 'full', uids: [1] }]);

    // The next full scan hangs in its enqueue, as one over thousands of messages takes seconds.
    fullBlocked = true;
    const full = poller.scan('full');
    await eventually('the full scan enqueueing', async () => enqueued.length === 2);
    await appendToInbox(imap, fixture('seed/02-customer-email.eml'));
    await eventually('the new message queued', async () => enqueued.some((e) => e.scan === 'new'), 10_000);
    expect(enqueued.at(-1)).toEqual({ scan: 'new', uids: [2] });

    releaseFull();
    await full;
  });
});
