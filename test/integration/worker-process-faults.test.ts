// The built worker (`refund-tracker worker`) as a real process, killed at the worst moment: after its
// MongoDB commit, as its UID MOVE goes out. The restarted worker must file each message once: the log
// entry is found by its key, and the message moves on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/models/store.js';
import { AUTHSERV_ID, FORWARDER } from '../faults/messages.js';
import { WorkerProcess, workerEnv } from '../faults/workers.js';
import { CLI } from '../support/cli.js';
import {
  appendToInbox,
  closedAfterEach,
  countIn,
  TEST_AUTHSERV_ID,
  untilMailboxHolds,
  worldForTest,
} from '../support/harness.js';
import { startImapProxy } from '../support/imap-proxy.js';
import { freePort } from '../support/services.js';

const cleanups = closedAfterEach();

/** An Apple Mail forward by Alice of a merchant's reply naming `caseNumber`. */
function appleMailForward(n: number, caseNumber: string): string {
  return [
    `From: Alice Martin <${FORWARDER}>`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    'Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))',
    `Subject: Fwd: Re: Reklamation ${caseNumber}`,
    `Date: Wed, ${n + 3} Sep 2025 21:1${n}:07 +0200`,
    `Message-Id: <7F3A${n}C2E-91B4-4D0A-8E1F-${caseNumber}@example.net>`,
    'To: cases@tracker.example.net',
    '',
    '',
    '',
    '> Begin forwarded message:',
    '>=20',
    '> From: Kundenservice Waldhaus Moebel <service@waldhaus-moebel.example>',
    `> Subject: Re: Reklamation ${caseNumber}`,
    `> Date: ${n + 3} September 2025 at 10:4${n}:12 CEST`,
    `> To: Alice Martin <${FORWARDER}>`,
    '>=20',
    '> Hello Alice,',
    '>=20',
    `> thank you for your message about case ${caseNumber}. A colleague from our`,
    '> warehouse will collect the damaged chair next week; we will then decide on',
    '> the refund.',
    '>=20',
    '> Kind regards,',
    '> Jana Vogel',
    '> Waldhaus Moebel Kundenservice',
    '',
  ].join('\r\n');
}

describe('the worker process SIGKILLed between its MongoDB commit and its UID MOVE', () => {
  it('is restarted and files each message once: logged once, in Processed, nothing quarantined', async () => {
    expect(AUTHSERV_ID).toBe(TEST_AUTHSERV_ID);
    const { world, imap } = await worldForTest(cleanups);
    const proxy = await startImapProxy(world.config.imap.host, world.config.imap.port);
    cleanups.push(() => proxy.close());
    const dir = mkdtempSync(join(tmpdir(), 'rt-kill-move-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const { imap: cfg, redis, mongo } = world.config;
    const env = workerEnv({
      imapPort: proxy.port,
      imapUser: cfg.user,
      imapPassword: cfg.password,
      redisUrl: redis.redisUrl,
      queuePrefix: redis.queuePrefix,
      mongoUri: mongo.mongodbUri,
      dbName: world.dbName,
      smtpPort: await freePort(),
    });
    const worker = new WorkerProcess(CLI, env, dir, 'kill-at-move');
    cleanups.push(() => worker.kill9());
    for (let n = 1; n <= 3; n++) await appendToInbox(imap, appleMailForward(n, `WM-2025-0${n}41`));

    const cut = proxy.cutAtNext('UID MOVE');
    worker.start();
    await cut;
    await worker.kill9();
    // The MOVE never reached the server: every message is still in INBOX, some of them already logged.
    expect(await countIn(imap, 'INBOX')).toBe(3);
    expect(await countIn(imap, 'Processed')).toBe(0);

    worker.start();
    await untilMailboxHolds(imap, 'Processed', 3, 90_000);
    await worker.stop();
    const store = await openStore(world.config.mongo);
    cleanups.push(() => store.close());
    const cases = await store.cases.caseFiles();
    expect(cases.map((c) => [c.caseNumber, c.log.length]).sort()).toEqual([
      ['WM-2025-0141', 1],
      ['WM-2025-0241', 1],
      ['WM-2025-0341', 1],
    ]);
    expect(await store.quarantine.list()).toEqual([]);
    expect(await countIn(imap, 'INBOX')).toBe(0);
  }, 180_000);
});
