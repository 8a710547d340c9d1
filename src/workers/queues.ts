import type { ConnectionOptions, Job, JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { RedisConfig } from '../config.js';
import type { ScanKind } from '../ingest/mailbox-poller.js';
import { jobIdOf, type MessageRef } from '../ingest/message-ref.js';

export const MESSAGE_QUEUE = 'messages';
export const DIGEST_QUEUE = 'digests';

export interface DigestJobData {
  owner: string;
  timeZone: string;
}

/** BullMQ wants `maxRetriesPerRequest: null` on connections that block (workers). */
export function redisConnection(config: RedisConfig): Redis {
  return new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
}

export function queueOptions(config: RedisConfig, connection: ConnectionOptions) {
  return { connection, prefix: config.queuePrefix };
}

/**
 * Message jobs retry failures that are not an outage with backoff (an outage puts the job back
 * without spending an attempt: see service.ts); the last attempt quarantines the message instead of
 * failing. Completed jobs are kept a day so a rescan in that window is a no-op; failed ones (only a
 * quarantine that itself could not be written) two weeks, for inspection.
 */
export const MESSAGE_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;

export type MessageJobOptions = Pick<JobsOptions, 'attempts' | 'backoff' | 'removeOnComplete' | 'removeOnFail'>;

/**
 * Lock and stall settings of the message worker. A worker killed mid-job leaves its job `active`
 * under a lock nobody renews; another worker's stalled check moves it back to `waiting` at the
 * first check after the lock expires, so the worst wait is lockDuration + stalledInterval = 6 s
 * (BullMQ's defaults, 30 s + 30 s, made it up to a minute). The lock is renewed every
 * lockDuration / 2 = 2.5 s, so only a job that blocks the event loop for 5 s is taken over while
 * alive, and a second run is harmless (processing is idempotent). maxStalledCount 3: a job whose
 * worker dies three times in a row fails, and the next full scan gives it its last attempt, which
 * processes or quarantines it.
 */
export const MESSAGE_WORKER_LOCKS = {
  lockDuration: 5_000,
  // One stalled check a second is one small Lua script a second per worker; it keeps the worst orphan
  // wait clear of 10 s when the surviving worker is itself busy (the fault suite's kill-9 saw 12-15 s at 2 s).
  stalledInterval: 1_000,
  maxStalledCount: 3,
} as const;

/**
 * Queues messages under their deterministic ids: adding one that is already waiting or running
 * does nothing. On a full scan `refs` is everything still in the inbox, the source of truth:
 * - a message whose job completed or failed is still there, so it gets another run (processing
 *   is idempotent). A failed job keeps its attempt count, so that run is its last: it processes the
 *   message or quarantines it, never loops;
 * - a failed job of this mailbox whose message is no longer there was processed or quarantined
 *   since: it is removed, so no `failed` job stands for mail that was dealt with.
 */
export async function enqueueMessages(
  queue: Queue,
  refs: MessageRef[],
  scan: ScanKind,
  options: {
    jobOptions?: MessageJobOptions;
    /** The scanned mailbox, for a full scan of an empty inbox. */
    mailbox?: string;
  } = {},
): Promise<void> {
  const jobOptions = options.jobOptions ?? MESSAGE_JOB_OPTIONS;
  const fresh: MessageRef[] = [];
  if (scan === 'full') {
    const inInbox = new Set(refs.map(jobIdOf));
    for (const ref of refs) {
      const job = await queue.getJob(jobIdOf(ref));
      if (!job) {
        fresh.push(ref);
        continue;
      }
      const state = await job.getState();
      if (state === 'failed') await retryOnce(job);
      else if (state === 'completed') {
        await job.remove();
        fresh.push(ref);
      } else if (state === 'unknown') {
        // A job hash in no queue state (a Redis wipe caught it between lists): adding under its id would
        // do nothing, and the message would stay in INBOX for good. Drop the orphan and queue it anew.
        await job.remove().catch(() => undefined);
        fresh.push(ref);
      }
    }
    const mailbox = options.mailbox ?? refs[0]?.mailbox;
    // Job ids start with the encoded mailbox (message-ref.ts); any UIDVALIDITY, as an old one's UIDs are gone.
    const ours = mailbox === undefined ? null : `${encodeURIComponent(mailbox)}~`;
    for (const job of ours ? await queue.getFailed() : []) {
      const id = job?.id;
      if (!id || !ours || !id.startsWith(ours) || inInbox.has(id)) continue;
      await job.remove().catch(() => undefined);
    }
  } else fresh.push(...refs);
  if (fresh.length === 0) return;
  await queue.addBulk(
    // New mail goes ahead of a backlog (a full scan's): one message arriving during a backfill is filed in
    // about a second, not after the whole backlog. Order cannot change a case: it is derived from its log.
    fresh.map((ref) => ({
      name: 'message',
      data: ref,
      opts: { ...jobOptions, jobId: jobIdOf(ref), lifo: scan === 'new' },
    })),
  );
}

/** Another run for a failed job; a job another scan or worker moved meanwhile is left alone. */
async function retryOnce(job: Job): Promise<void> {
  try {
    await job.retry('failed');
  } catch {
    // Not failed any more: someone else already moved it.
  }
}
