// `npm run demo`: the whole flow on real servers, end to end. Brings the services up, puts the
// seed's four forwarded messages in a fresh IMAP inbox, runs the real worker until the queue is
// drained, sends the digest to an in-process SMTP sink, and prints the case table and the digest.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { WorkerConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { casesToMarkdown } from '../src/reports/case-table.js';
import { startWorkerService } from '../src/workers/service.js';
import { parseServicesEnv } from './lib/services-env.js';
import { startSmtpSink } from './lib/smtp-sink.js';

// Compiled to dist/scripts/demo.js: the repository is two levels up.
const repo = resolve(import.meta.dirname, '..', '..');
const seedDir = join(repo, 'test', 'fixtures', 'seed');
const owner = 'alice@example.net';

function servicesEnv(): Record<string, string> {
  execFileSync('bash', [join(repo, 'scripts', 'services.sh'), 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return parseServicesEnv(execFileSync('bash', [join(repo, 'scripts', 'services.sh'), 'env'], { encoding: 'utf8' }));
}

async function main(): Promise<void> {
  const env = servicesEnv();
  const run = randomUUID().slice(0, 8);
  const sink = await startSmtpSink();
  const config: WorkerConfig = {
    imap: {
      host: env.TEST_IMAP_HOST ?? '127.0.0.1',
      port: Number(env.TEST_IMAP_PORT),
      secure: false,
      user: `demo-${run}`,
      password: env.TEST_IMAP_PASSWORD ?? '',
      inbox: 'INBOX',
      processedMailbox: 'Processed',
      quarantineMailbox: 'Quarantine',
      pollIntervalMs: 30_000,
      maxMessageBytes: 25 * 1024 * 1024,
      allowedForwarders: [owner],
      // The seed mails carry the receiving server's verdict under this authserv-id.
      trust: { mode: 'auth-results', authservIds: ['mx.tracker.example.net'] },
    },
    redis: { redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379', queuePrefix: `demo-${run}` },
    mongo: { mongodbUri: env.MONGODB_URI ?? '', dbName: `refund-tracker-demo-${run}` },
    smtp: { smtpUrl: `smtp://127.0.0.1:${sink.port}`, from: 'digest@tracker.example.net' },
    digest: { hour: 7, timeZone: 'UTC' },
  };

  // The user's mail client forwarding the seed's correspondence to the tracker's mailbox.
  const client = new ImapFlow({
    host: config.imap.host,
    port: config.imap.port,
    secure: false,
    auth: { user: config.imap.user, pass: config.imap.password },
    logger: false,
  });
  await client.connect();
  const files = readdirSync(seedDir)
    .filter((f) => f.endsWith('.eml'))
    .sort();
  for (const file of files) await client.append('INBOX', readFileSync(join(seedDir, file)));
  console.log(`Appended ${files.length} forwarded messages to ${config.imap.user}'s INBOX.`);

  const service = await startWorkerService(config, {
    logger: createLogger(process.env.LOG_LEVEL ?? 'warn'),
    scheduleDigests: false,
    mailer: nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true }),
  });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const box = await client.status('INBOX', { messages: true });
      if (box && box.messages === 0) break;
      if (Date.now() > deadline) throw new Error('the worker did not empty INBOX within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    await service.whenIdle();
    const processed = await client.status('Processed', { messages: true });
    console.log(`Worker drained the queue: ${processed ? processed.messages : 0} messages in Processed.\n`);

    console.log(casesToMarkdown(await service.store.cases.caseFiles({ owner })));

    await service.digestQueue.add('digest', { owner, timeZone: config.digest.timeZone });
    const digestDeadline = Date.now() + 30_000;
    while (sink.received.length === 0 && Date.now() < digestDeadline) await new Promise((r) => setTimeout(r, 100));
    const digest = sink.received[0];
    if (!digest) throw new Error('no digest reached the SMTP sink');
    console.log(`Digest sent to ${owner}: "${digest.subject}"\n`);
    console.log(digest.text);
  } finally {
    await service.close();
    await client.logout();
    await sink.close();
  }
  console.log(`\nThe demo's case file stays in MongoDB database ${config.mongo.dbName}; look at it with:`);
  console.log(
    `  MONGODB_URI='${config.mongo.mongodbUri}' MONGODB_DB=${config.mongo.dbName} npx refund-tracker cases show GTB-2023-5876`,
  );
}

main().catch((err) => {
  console.error(`demo failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
