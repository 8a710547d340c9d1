// MailboxMessages' batching against the real Dovecot: C concurrent "jobs" each fetch a message, wait
// `workMs` (standing in for parsing and the MongoDB commit) and move it to Processed, until N messages
// are done. Prints messages/s and the median job's fetch and move latency for each batch setting.
//
//   npx tsc -p tsconfig.json --outDir .imapdist && source .services/env && \
//     node .imapdist/scripts/bench-imap-batch.js [messages=200] [workMs=5]
import { randomUUID } from 'node:crypto';
import type { ImapConfig } from '../src/config.js';
import { MailboxConnection, mailboxIdOf } from '../src/ingest/mailbox-connection.js';
import { MailboxMessages, type MailboxMessagesOptions } from '../src/ingest/mailbox-messages.js';
import type { MessageRef } from '../src/ingest/message-ref.js';
import { createLogger } from '../src/logger.js';
import { benchImapConfig, sleep } from './e2e/bench-env.js';
import { imapSession } from './e2e/imap.js';

/** A message of about 6 KB, the size of a forwarded support mail. */
function messageOf(i: number): string {
  const body = `Your refund for order ${100000 + i} is being processed. `.repeat(100);
  return [
    'From: Alice Example <alice@example.net>',
    'To: cases@tracker.example.net',
    `Subject: Fwd: Case Number: BB-${i}`,
    'Date: Mon, 30 Nov 2026 10:00:00 +0000',
    `Message-ID: <batch-bench-${i}@example.net>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

async function fill(imap: ImapConfig, count: number): Promise<MessageRef[]> {
  const client = await imapSession(imap);
  try {
    await client.mailboxCreate('Processed').catch(() => undefined);
    const refs: MessageRef[] = [];
    for (let i = 0; i < count; i++) {
      const r = await client.append('INBOX', messageOf(i));
      if (!r || r.uid === undefined) throw new Error('APPEND returned no UID');
      refs.push({ mailbox: mailboxIdOf(imap), uidValidity: String(r.uidValidity), uid: r.uid });
    }
    return refs;
  } finally {
    await client.logout();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function run(count: number, workMs: number, concurrency: number, options: MailboxMessagesOptions) {
  const imap = benchImapConfig(`batchbench-${randomUUID().slice(0, 8)}`);
  const refs = await fill(imap, count);
  const logger = createLogger('silent', false);
  const connection = new MailboxConnection(imap, logger);
  const messages = new MailboxMessages(connection, imap, logger, options);
  await connection.get();
  const fetchMs: number[] = [];
  const moveMs: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let ref = refs[next++]; ref; ref = refs[next++]) {
        const a = performance.now();
        const got = await messages.fetch(ref);
        if (got.kind !== 'ok') throw new Error(`UID ${ref.uid}: ${got.kind}`);
        fetchMs.push(performance.now() - a);
        await sleep(workMs);
        const b = performance.now();
        const moved = await messages.move(ref, 'Processed');
        if (moved.uid === null) throw new Error(`UID ${ref.uid} not moved`);
        moveMs.push(performance.now() - b);
      }
    }),
  );
  const wall = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  await connection.close();
  return {
    perSecond: (count / wall) * 1000,
    fetchMs: median(fetchMs),
    moveMs: median(moveMs),
    cpuMsPerMessage: (used.user + used.system) / 1000 / count,
  };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 200);
  const workMs = Number(process.argv[3] ?? 5);
  const settings: MailboxMessagesOptions[] = [
    { maxBatch: 1, batchWindowMs: 0 },
    { maxBatch: 8, batchWindowMs: 0 },
    { maxBatch: 16, batchWindowMs: 0 },
    { maxBatch: 16, batchWindowMs: 2 },
    { maxBatch: 16, batchWindowMs: 5 },
    { maxBatch: 32, batchWindowMs: 2 },
  ];
  console.log(`${count} messages of ~6 KB, ${workMs} ms of work between fetch and move; median of 3 runs`);
  for (const concurrency of [1, 4, 8]) {
    for (const s of settings) {
      const runs: Awaited<ReturnType<typeof run>>[] = [];
      for (let i = 0; i < 3; i++) runs.push(await run(count, workMs, concurrency, s));
      const pick = (f: (r: (typeof runs)[number]) => number) => median(runs.map(f)).toFixed(1);
      console.log(
        `concurrency ${concurrency} maxBatch ${String(s.maxBatch).padStart(2)} window ${s.batchWindowMs} ms: ` +
          `${pick((r) => r.perSecond)} msg/s, fetch p50 ${pick((r) => r.fetchMs)} ms, move p50 ${pick((r) => r.moveMs)} ms, ` +
          `CPU ${pick((r) => r.cpuMsPerMessage)} ms/msg`,
      );
    }
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
