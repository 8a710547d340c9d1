// Redis losing its data while the worker holds jobs (a restart with no dump, FLUSHALL, a failover to an
// empty replica), on the real servers: nothing is lost or logged twice, and the worker says so in one line,
// not one error per job and per BullMQ step.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { redisConnection } from '../../src/workers/queues.js';
import {
  ALICE,
  appendToInbox,
  closedAfterEach,
  countIn,
  eventually,
  startTestWorker,
  untilMailboxHolds,
  worldForTest,
} from '../support/harness.js';

const cleanups = closedAfterEach();

/** An Outlook forward by Alice of a merchant's acknowledgement naming `caseNumber`. */
function outlookForward(n: number, caseNumber: string): string {
  return [
    'MIME-Version: 1.0',
    `From: Alice Martin <${ALICE}>`,
    `Date: Mon, ${10 + n} Mar 2025 19:0${n}:33 +0000`,
    `Message-ID: <AM9PR0${n}MB7${n}31.EURPRD0${n}.prod.outlook.com>`,
    `Subject: FW: Case ${caseNumber} - return label`,
    'To: cases@tracker.example.net',
    'Content-Type: text/plain; charset="us-ascii"',
    '',
    '________________________________',
    'From: Brightwave Audio Support <care@brightwave-audio.example>',
    `Sent: Monday, March ${10 + n}, 2025 9:14 AM`,
    `To: Alice Martin <${ALICE}>`,
    `Subject: Case ${caseNumber} - return label`,
    '',
    'Hi Alice,',
    '',
    `Thanks for getting in touch. We opened case ${caseNumber} for your headphones and attached a prepaid`,
    'return label. Once the parcel reaches us we will inspect it within 3 business days.',
    '',
    'Best,',
    'Dana Okafor',
    'Brightwave Audio Care Team',
    '',
  ].join('\r\n');
}

describe('Redis loses the keys of the jobs the worker holds', () => {
  it('each message is still logged once, and the worker logs one line for the lost jobs, no error per job', async () => {
    const { world, imap } = await worldForTest(cleanups);
    const lines: { msg?: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (chunk: string) => void lines.push(JSON.parse(chunk)) });
    // Every job stops in the case store until the test has deleted the queue's keys.
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = 0;
    const service = await startTestWorker(world, {
      logger,
      concurrency: 3,
      decorateDeps: (deps) => ({
        ...deps,
        cases: Object.assign(Object.create(deps.cases), {
          openCase: async (...args: Parameters<typeof deps.cases.openCase>) => {
            entered++;
            await gate;
            return deps.cases.openCase(...args);
          },
        }),
      }),
    });
    cleanups.push(() => service.close());
    for (let n = 1; n <= 3; n++) await appendToInbox(imap, outlookForward(n, `BWA-5510${n}`));
    await eventually('three jobs in hand', async () => entered === 3);

    const redis = redisConnection(world.config.redis);
    cleanups.push(async () => redis.disconnect());
    const keys = await redis.keys(`${world.config.redis.queuePrefix}:*`);
    await redis.del(...keys); // what a FLUSHALL does to this worker's keys (the Redis is shared)
    release();
    await untilMailboxHolds(imap, 'Processed', 3);
    // The full scans after it find nothing left to do.
    await service.poller.scan('full');
    await service.whenIdle();
    expect(await countIn(imap, 'INBOX')).toBe(0);

    const cases = await service.store.cases.caseFiles();
    expect(cases.map((c) => [c.caseNumber, c.log.length]).sort()).toEqual([
      ['BWA-55101', 1],
      ['BWA-55102', 1],
      ['BWA-55103', 1],
    ]);
    expect(await service.store.quarantine.list()).toEqual([]);
    expect(lines.filter((l) => l.msg === 'worker error')).toEqual([]);
    expect(lines.filter((l) => l.msg?.startsWith('jobs in hand lost'))).toHaveLength(1);
  }, 120_000);
});
