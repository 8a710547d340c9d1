import type { ConnectionOptions, Queue } from 'bullmq';
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
 * Message jobs retry temporary failures (IMAP or MongoDB away) with backoff. Completed jobs are
 * kept a day so a rescan in that window is a no-op; failed ones two weeks, for inspection.
 */
export const MESSAGE_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;

/**
 * Queues messages under their deterministic ids: adding one that is already waiting or running
 * does nothing. On a full scan the inbox is the source of truth: a message still there whose job
 * failed for good, or finished without moving it, is given another run (processing is idempotent).
 */
export async function enqueueMessages(queue: Queue, refs: MessageRef[], scan: ScanKind): Promise<void> {
  if (scan === 'full') {
    for (const ref of refs) {
      const job = await queue.getJob(jobIdOf(ref));
      if (!job) continue;
      const state = await job.getState();
      if (state === 'failed') await job.retry('failed');
      else if (state === 'completed') await job.remove();
    }
  }
  await queue.addBulk(
    refs.map((ref) => ({ name: 'message', data: ref, opts: { ...MESSAGE_JOB_OPTIONS, jobId: jobIdOf(ref) } })),
  );
}
