// Mailbox faults on the real servers that the fault suite does not strike: a message expunged by another
// client after it was queued, the target mailboxes deleted under a running worker, the connection cut in
// the middle of a message's literal. Each test asserts the record: one log entry per message, nothing
// quarantined that was logged, no failed job, no attempt spent on an outage.
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { ImapFlow } from 'imapflow';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { jobIdOf, type MessageRef } from '../../src/ingest/message-ref.js';
import { startWorkerService, type WorkerService } from '../../src/workers/service.js';
import { IMAP_PASSWORD, makeStateDir, PrivateDovecot, sleep, waitUntil } from '../faults/services.js';
import {
  ALICE,
  appendToInbox,
  closedAfterEach,
  countIn,
  dropDatabase,
  eventually,
  imapSession,
  messagesIn,
  quietLogger,
  type TestWorld,
  testWorld,
  untilMailboxHolds,
} from '../support/harness.js';

const cleanups = closedAfterEach();

/** A Thunderbird-style inline forward by Alice of a merchant's acknowledgement naming `caseNumber`. */
function forwardedAck(n: number, caseNumber: string, padding = 0): string {
  const day = String(1 + (n % 27)).padStart(2, '0');
  return [
    'MIME-Version: 1.0',
    `From: Alice Martin <${ALICE}>`,
    `Date: Tue, ${day} Oct 2024 20:14:09 +0200`,
    `Message-ID: <mbfault-${n}-${caseNumber.toLowerCase()}@example.net>`,
    `Subject: Fwd: Your return ${caseNumber} - we have received your request`,
    'To: cases@tracker.example.net',
    'User-Agent: Mozilla Thunderbird',
    'Content-Type: text/plain; charset=UTF-8; format=flowed',
    'Content-Transfer-Encoding: 8bit',
    '',
    '-------- Forwarded Message --------',
    `Subject: Your return ${caseNumber} - we have received your request`,
    `Date: Tue, ${day} Oct 2024 09:02:41 +0000`,
    'From: Fjellsport Kundeservice <kundeservice@fjellsport-shop.example>',
    `To: ${ALICE}`,
    '',
    'Hello Alice,',
    '',
    `we have received your return request. Your case number is ${caseNumber}.`,
    'Our warehouse will inspect the item within 5 working days and we will write to you again.',
    ...Array.from({ length: padding }, (_, i) => `Reference line ${i}: the item and its packaging as described.`),
    '',
    'Best regards,',
    'Ingrid Berg',
    'Fjellsport Customer Service',
    '',
  ].join('\r\n');
}

/** A logger whose lines the test reads. */
function capturingLogger() {
  const lines: { msg?: string; level?: number; [k: string]: unknown }[] = [];
  const logger = pino({ level: 'info' }, { write: (chunk: string) => void lines.push(JSON.parse(chunk)) });
  return { logger, lines };
}

async function worker(world: TestWorld, options: Parameters<typeof startWorkerService>[1]): Promise<WorkerService> {
  const service = await startWorkerService(world.config, options);
  cleanups.push(() => service.close());
  return service;
}

async function freshWorld(port?: number): Promise<{ world: TestWorld; imap: ImapFlow }> {
  const base = testWorld();
  const imap = await imapSession(base);
  cleanups.push(
    () => imap.logout(),
    () => dropDatabase(base),
  );
  const world = port ? { ...base, config: { ...base.config, imap: { ...base.config.imap, port } } } : base;
  return { world, imap };
}

/** The ref of the last message appended to INBOX. */
async function lastRef(imap: ImapFlow, mailbox: string): Promise<MessageRef> {
  const status = await imap.status('INBOX', { uidValidity: true, uidNext: true });
  if (!status || status.uidNext === undefined) throw new Error('no INBOX status');
  return { mailbox, uidValidity: String(status.uidValidity), uid: Number(status.uidNext) - 1 };
}

/** Every job of the queue in a final or pending state, with its attempts. */
async function jobStates(service: WorkerService) {
  return service.messageQueue.getJobCounts('failed', 'waiting', 'delayed', 'active');
}

describe('a message expunged by another client after the scan queued it', () => {
  it('is skipped: no case, no quarantine, no failed job', async () => {
    const { world, imap } = await freshWorld();
    const service = await worker(world, { logger: quietLogger(), scheduleDigests: false });
    await service.poller.stop(); // the test queues the job itself, as a scan that ran just before the expunge
    await appendToInbox(imap, forwardedAck(1, 'FJS-70001'));
    const ref = await lastRef(imap, service.poller.mailbox);
    // Another client (a phone's mail app) deletes it for good before the worker fetches it.
    await imap.mailboxOpen('INBOX');
    await imap.messageDelete(String(ref.uid), { uid: true });
    await imap.mailboxClose();
    const job = await service.messageQueue.add('message', ref, { jobId: jobIdOf(ref), attempts: 8 });
    await eventually('the job finished', async () => (await job.getState()) === 'completed');

    expect((await service.messageQueue.getJob(jobIdOf(ref)))?.returnvalue).toEqual({ status: 'skipped', why: 'gone' });
    expect(await service.store.cases.caseFiles()).toEqual([]);
    expect(await service.store.quarantine.list()).toEqual([]);
    expect(await jobStates(service)).toEqual({ failed: 0, waiting: 0, delayed: 0, active: 0 });
  });
});

describe('a target mailbox deleted while the worker runs', () => {
  it.each([
    ['Processed', 'FJS-70002', false],
    ['Quarantine', 'FJS-70003', true],
  ])(
    '%s is created again: the message is filed there once, never in the other mailbox',
    async (target, caseNumber, untrusted) => {
      const { world, imap } = await freshWorld();
      const { logger, lines } = capturingLogger();
      const service = await worker(world, {
        logger,
        scheduleDigests: false,
        // Short backoff: were the move retried as a failure, the attempts would run out within the test.
        messageJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 200 } },
      });
      expect(await countIn(imap, target)).toBe(0);
      await imap.mailboxDelete(target); // the user tidied their folders in a mail client
      const raw = forwardedAck(2, caseNumber);
      // Mail from a stranger goes to Quarantine; Alice's forward to Processed.
      await appendToInbox(
        imap,
        untrusted ? raw.replace(`From: Alice Martin <${ALICE}>`, 'From: Mallory <m@example.org>') : raw,
      );
      // Generous: Alice's forward is the worker's first analysis, and its threads build the rules first
      // (on a loaded two-core machine that took more than 45 s).
      await untilMailboxHolds(imap, target, 1, 120_000);
      await service.whenIdle();

      const other = target === 'Processed' ? 'Quarantine' : 'Processed';
      expect(await countIn(imap, 'INBOX')).toBe(0);
      expect(await countIn(imap, other)).toBe(0);
      const cases = await service.store.cases.caseFiles();
      const records = await service.store.quarantine.list();
      if (untrusted) {
        expect(cases).toEqual([]);
        expect(records.map((r) => r.reason)).toEqual(['untrusted_sender']);
      } else {
        expect(cases.map((c) => [c.caseNumber, c.log.length])).toEqual([[caseNumber, 1]]);
        expect(records).toEqual([]);
      }
      expect(await jobStates(service)).toEqual({ failed: 0, waiting: 0, delayed: 0, active: 0 });
      // One line says the mailbox was made again; no job failed on the way.
      expect(lines.filter((l) => l.msg === 'target mailbox missing: created it again')).toHaveLength(1);
      expect(lines.filter((l) => l.msg === 'job failed')).toEqual([]);
    },
    180_000,
  );
});

/**
 * A TCP proxy to Dovecot that, the first time the server starts sending a message's source (a
 * `BODY[]… {n}` literal of at least `minLiteral` bytes), passes on half of it and then cuts both sockets.
 */
class MidLiteralCut {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  cuts = 0;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly minLiteral: number,
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => {
        if (this.cuts === 0) {
          const text = chunk.toString('latin1');
          const m = /BODY\[\](?:<0>)? \{(\d+)\}\r\n/.exec(text);
          if (m && Number(m[1]) >= this.minLiteral) {
            this.cuts++;
            const start = m.index + m[0].length;
            client.write(chunk.subarray(0, start + Math.floor(Number(m[1]) / 2)));
            client.destroy();
            upstream.destroy();
            return;
          }
        }
        client.write(chunk);
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise((r) => server.close(r));
  }
}

describe("the connection cut in the middle of a message's literal", () => {
  it('spends no attempt, logs the message once after the reconnect, and logs the outage once each way', async () => {
    const base = testWorld();
    const proxy = new MidLiteralCut(base.config.imap, 20_000);
    await proxy.start();
    cleanups.push(() => proxy.close());
    const { world, imap } = await freshWorld(proxy.port);
    const { logger, lines } = capturingLogger();
    const service = await worker(world, { logger, scheduleDigests: false });
    await appendToInbox(imap, forwardedAck(3, 'FJS-70004', 600)); // about 40 KB: several TCP chunks
    await untilMailboxHolds(imap, 'Processed', 1, 60_000);
    await service.whenIdle();

    expect(proxy.cuts).toBe(1);
    const cases = await service.store.cases.caseFiles();
    expect(cases.map((c) => [c.caseNumber, c.log.length])).toEqual([['FJS-70004', 1]]);
    expect(await service.store.quarantine.list()).toEqual([]);
    const [done] = await service.messageQueue.getCompleted();
    // BullMQ counts the run that completed the job: one, the one that worked.
    expect(done?.attemptsMade).toBe(1);
    expect(await jobStates(service)).toEqual({ failed: 0, waiting: 0, delayed: 0, active: 0 });
    expect(lines.filter((l) => l.msg === 'service unavailable: message worker paused')).toHaveLength(1);
    expect(lines.filter((l) => l.msg === 'service back: message worker resumed')).toHaveLength(1);
    expect(lines.filter((l) => l.msg === 'job failed')).toEqual([]);
    expect((await messagesIn(imap, 'Processed')).map((m) => m.subject)).toEqual([
      'Fwd: Your return FJS-70004 - we have received your request',
    ]);
  }, 120_000);
});

describe('Dovecot restarted while the poller is in IDLE', () => {
  it('the poller is back in IDLE by itself: mail after the restart is filed long before the next poll', async () => {
    const dir = makeStateDir();
    const dovecot = await PrivateDovecot.create(dir);
    cleanups.push(async () => {
      await dovecot.stop();
      rmSync(dovecot.baseDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    });
    const world = testWorld({ port: dovecot.port, password: IMAP_PASSWORD, pollIntervalMs: 10 * 60_000 });
    cleanups.push(() => dropDatabase(world));
    const { logger, lines } = capturingLogger();
    const service = await worker(world, { logger, scheduleDigests: false });
    expect(await waitUntil(() => service.poller.idling(), 5_000)).toBe(true);

    // A restart that takes a while (a package upgrade): the first reconnect attempts are refused.
    await dovecot.stop();
    await sleep(8_000);
    await dovecot.start();
    const imap = await imapSession(world);
    cleanups.push(() => imap.logout());
    expect(await waitUntil(() => service.poller.idling(), 20_000)).toBe(true);
    await appendToInbox(imap, forwardedAck(5, 'FJS-70005'));
    await untilMailboxHolds(imap, 'Processed', 1, 30_000);
    await service.whenIdle();

    const cases = await service.store.cases.caseFiles();
    expect(cases.map((c) => [c.caseNumber, c.log.length])).toEqual([['FJS-70005', 1]]);
    // One line when the connection went, one when scans work again; the refused reconnects add none.
    const down = lines.filter(
      (l) => l.msg === 'imap connection lost (reconnecting)' || l.msg === 'scan failed (retrying)',
    );
    const up = lines.filter((l) => l.msg === 'scans succeed again');
    expect([down.map((l) => l.msg), up.length]).toEqual([['imap connection lost (reconnecting)'], 1]);
  }, 120_000);
});
