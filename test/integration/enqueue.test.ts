// The full scan's job bookkeeping against the real Redis: a message still in INBOX always ends with a
// job that will run, whatever state a fault left its old job in.
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { jobIdOf, type MessageRef } from '../../src/ingest/message-ref.js';
import { enqueueMessages, MESSAGE_QUEUE } from '../../src/workers/queues.js';
import { testServices } from '../support/services.js';

const redis = new Redis(testServices().redisUrl, { maxRetriesPerRequest: null });
const prefix = `test-enqueue-${randomUUID().slice(0, 8)}`;
const queue = new Queue(MESSAGE_QUEUE, { connection: redis, prefix });
const ref: MessageRef = { mailbox: 'user@127.0.0.1:1143/INBOX', uidValidity: '7', uid: 42 };

afterAll(async () => {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await redis.quit();
});

describe('a full scan after a Redis wipe that left a job in no state', () => {
  it('queues the message again instead of skipping it for good (found by the fault suite)', async () => {
    await enqueueMessages(queue, [ref], 'new');
    const id = jobIdOf(ref);
    // What a partial wipe leaves: the job's hash survives, the list that held its id does not.
    await redis.del(`${prefix}:${MESSAGE_QUEUE}:wait`);
    expect(await (await queue.getJob(id))?.getState()).toBe('unknown');

    await enqueueMessages(queue, [ref], 'full');

    expect(await (await queue.getJob(id))?.getState()).toBe('waiting');
  });
});

describe('new mail during a backlog', () => {
  it("goes ahead of a full scan's backlog, which keeps its own order", async () => {
    const mailbox = 'backlog@127.0.0.1:1143/INBOX';
    const backlog: MessageRef[] = [1, 2, 3, 4, 5].map((uid) => ({ mailbox, uidValidity: '9', uid }));
    await enqueueMessages(queue, backlog, 'full', { mailbox });
    const arrived: MessageRef = { mailbox, uidValidity: '9', uid: 6 };
    await enqueueMessages(queue, [arrived], 'new');

    // The order a worker takes them in: the head of the wait list first.
    const waiting = await queue.getWaiting(0, -1);
    const order = waiting.filter((job) => job.data.mailbox === mailbox).map((job) => job.data.uid);
    expect(order[0]).toBe(6);
    expect(order.slice(1)).toEqual([1, 2, 3, 4, 5]);
  });
});
