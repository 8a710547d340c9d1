// `npm run demo`: the whole flow on real servers, end to end, as a user lives with it. Brings the services
// up, forwards the seed's correspondence and the demo's mails (test/fixtures/demo: an order-only refund,
// a refund without an amount, a German promise already past, a claim still open, a stranger's mail) to a
// fresh IMAP inbox, runs the real worker until the queue is drained, sends the digest to an in-process SMTP
// sink, prints it and screenshots it in headless Chromium, then confirms the suggested refund with the
// built CLI as the user would, and drafts the follow-up the digest offers for the promise already past.
// The last line printed is the path of the digest's screenshot.
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { WorkerConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import type { CaseRecord } from '../src/models/case-store.js';
import { casesToMarkdown } from '../src/reports/case-table.js';
import { caseViewOf } from '../src/reports/case-view.js';
import { escapeHtml } from '../src/reports/escape.js';
import { startWorkerService, type WorkerService } from '../src/workers/service.js';
import { dumpDom, screenshot } from './lib/chromium.js';
import { parseServicesEnv } from './lib/services-env.js';
import { startSmtpSink } from './lib/smtp-sink.js';

const runFile = promisify(execFile);

// Compiled to dist/scripts/demo.js (or any <outDir>/scripts/demo.js): the repository is two levels up,
// and the CLI built with this script is its own outDir's src/cli.js.
const repo = resolve(import.meta.dirname, '..', '..');
const cliPath = resolve(import.meta.dirname, '..', 'src', 'cli.js');
const mailDirs = [join(repo, 'test', 'fixtures', 'seed'), join(repo, 'test', 'fixtures', 'demo')];
/** Where the digest's HTML, text and screenshots go (gitignored; docs/ holds a committed copy). */
const artifacts = join(repo, 'artifacts', 'digest', 'demo');
const owner = 'alice@example.net';
const SCREEN_WIDTHS = [900, 375] as const;

function servicesEnv(): Record<string, string> {
  execFileSync('bash', [join(repo, 'scripts', 'services.sh'), 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return parseServicesEnv(execFileSync('bash', [join(repo, 'scripts', 'services.sh'), 'env'], { encoding: 'utf8' }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function countIn(client: ImapFlow, mailbox: string): Promise<number> {
  const status = await client.status(mailbox, { messages: true });
  return status ? (status.messages ?? 0) : 0;
}

/** The forwarded mails in delivery order: the seed's first, then the demo's, each folder by file name. */
function mailsToForward(): { name: string; raw: Buffer }[] {
  return mailDirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => ({ name: f, raw: readFileSync(join(dir, f)) })),
  );
}

/** Waits until the worker has taken every message out of INBOX and has nothing left to do. */
async function untilDrained(client: ImapFlow, service: WorkerService): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if ((await countIn(client, 'INBOX')) === 0) break;
    if (Date.now() > deadline) throw new Error('the worker did not empty INBOX within 60 s');
    await sleep(200);
  }
  await service.whenIdle();
}

/** How tall the digest is when laid out `width` CSS pixels wide (in an iframe: headless windows have a minimum). */
async function contentHeight(html: string, width: number): Promise<number> {
  const page = `<!doctype html><html><body style="margin:0">
<iframe id="digest" style="border:0;width:${width}px;height:6000px" srcdoc="${escapeHtml(html)}"></iframe>
<script>
addEventListener('load', () => {
  const d = document.getElementById('digest').contentWindow.document;
  const out = document.createElement('pre');
  out.id = 'height';
  out.textContent = String(Math.ceil(d.documentElement.getBoundingClientRect().height));
  document.body.appendChild(out);
});
</script></body></html>`;
  const file = join(artifacts, `.measure-${width}.html`);
  writeFileSync(file, page);
  const dom = await dumpDom(pathToFileURL(file).href, { width: 900, height: 800 });
  const height = Number(/<pre id="height">(\d+)<\/pre>/.exec(dom)?.[1]);
  if (!Number.isFinite(height) || height <= 0) throw new Error(`no height in Chromium's DOM dump of ${file}`);
  return height;
}

/** The built CLI, run as the user would run it, against the demo's database. */
async function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> {
  console.log(`$ refund-tracker ${args.join(' ')}`);
  try {
    const { stdout, stderr } = await runFile(process.execPath, [cliPath, ...args], { cwd: repo, env });
    const out = `${stdout}${stderr}`;
    console.log(out.trimEnd());
    return out;
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(`refund-tracker ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

const caseIn = (cases: CaseRecord[], caseNumber: string) => cases.find((c) => c.caseNumber === caseNumber);

/** One case in a line: number, status, messages, and why it needs the user (the table has no status). */
function statusLine(c: CaseRecord): string {
  const s = c.suggestedResolution;
  const suggestion = s
    ? `suggested ${s.outcome}${s.amount === null ? ' (no amount)' : ` ${s.amount} ${s.currency ?? ''}`}`
    : '';
  const needs = [...c.attention.filter((a) => a !== 'suggestion_to_confirm'), suggestion].filter(Boolean);
  return [
    c.caseNumber.padEnd(16),
    c.status.padEnd(18),
    `${c.log.length} message${c.log.length === 1 ? '' : 's'}`.padEnd(11),
    needs.join(', '),
  ]
    .join(' ')
    .trimEnd();
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
      // The forwarded mails carry the receiving server's verdict under this authserv-id.
      trust: { mode: 'auth-results', authservIds: ['mx.tracker.example.net'] },
    },
    redis: { redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379', queuePrefix: `demo-${run}` },
    mongo: { mongodbUri: env.MONGODB_URI ?? '', dbName: `refund-tracker-demo-${run}` },
    smtp: { smtpUrl: `smtp://127.0.0.1:${sink.port}`, from: 'digest@tracker.example.net' },
    digest: { hour: 7, timeZone: 'UTC' },
  };
  const cliEnv = { ...process.env, MONGODB_URI: config.mongo.mongodbUri, MONGODB_DB: config.mongo.dbName };
  mkdirSync(artifacts, { recursive: true });

  // 1. The user's mail client forwarding correspondence to the tracker's mailbox (and one stranger).
  const client = new ImapFlow({
    host: config.imap.host,
    port: config.imap.port,
    secure: false,
    auth: { user: config.imap.user, pass: config.imap.password },
    logger: false,
  });
  await client.connect();
  const mails = mailsToForward();
  for (const mail of mails) await client.append('INBOX', mail.raw);
  console.log(`1. Forwarded ${mails.length} messages to ${config.imap.user}'s INBOX:`);
  for (const mail of mails) console.log(`   ${mail.name}`);

  const service = await startWorkerService(config, {
    logger: createLogger(process.env.LOG_LEVEL ?? 'error'),
    scheduleDigests: false,
    mailer: nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true }),
  });
  let screenshots: string[] = [];
  let suggested = '';
  try {
    // 2. The real worker files every message: logged in a case, or set aside in Quarantine.
    await untilDrained(client, service);
    console.log(
      `\n2. The worker drained the queue: ${await countIn(client, 'Processed')} messages in Processed, ` +
        `${await countIn(client, 'Quarantine')} in Quarantine.\n`,
    );
    const cases = await service.store.cases.caseFiles({ owner });
    console.log(casesToMarkdown(cases.map(caseViewOf)));
    console.log('\nStatus and what needs the user:');
    for (const c of cases) console.log(`  ${statusLine(c)}`);
    const setAside = await service.store.quarantine.find({});
    console.log(`\nQuarantine (${setAside.length}):`);
    for (const q of setAside) console.log(`  ${q.id}  ${q.reason}  from ${q.fromAddress ?? '?'}: ${q.subject ?? ''}`);

    // 3. The digest, over SMTP, as text and as the HTML the user's mail client shows.
    await service.digestQueue.add('digest', { owner, timeZone: config.digest.timeZone });
    const digestDeadline = Date.now() + 30_000;
    while (sink.received.length === 0 && Date.now() < digestDeadline) await sleep(100);
    const digest = sink.received[0];
    if (!digest) throw new Error('no digest reached the SMTP sink');
    if (!digest.html) throw new Error('the digest has no HTML part');
    console.log(`\n3. Digest sent to ${owner}: "${digest.subject}"\n`);
    console.log(digest.text?.trimEnd());
    const htmlFile = join(artifacts, 'digest.html');
    writeFileSync(htmlFile, digest.html);
    writeFileSync(join(artifacts, 'digest.txt'), `Subject: ${digest.subject}\n\n${digest.text?.trimEnd()}\n`);
    screenshots = [];
    for (const width of SCREEN_WIDTHS) {
      const height = Math.max(600, (await contentHeight(digest.html, width)) + 16);
      const png = join(artifacts, `digest-${width}.png`);
      await screenshot(pathToFileURL(htmlFile).href, png, { width, height });
      screenshots.push(png);
    }

    // 4. The refund found without an amount is only a suggestion: the user confirms it on the CLI.
    const toConfirm = cases.filter((c) => c.attention.includes('suggestion_to_confirm') && c.status !== 'resolved');
    const first = toConfirm[0];
    if (!first) throw new Error('no suggested resolution to confirm: the demo mails should have produced one');
    suggested = first.caseNumber;
    console.log(`\n4. ${suggested} has a suggested resolution; the user confirms it:\n`);
    await cli(cliEnv, 'cases', 'confirm', suggested);
    console.log('');
    const shown = await cli(cliEnv, 'cases', 'show', suggested);
    const after = caseIn(await service.store.cases.caseFiles({ owner }), suggested);
    if (after?.status !== 'resolved') throw new Error(`${suggested} is ${after?.status ?? 'gone'} after confirm`);
    const history = shown.split('\n').find((line) => /\bconfirm/i.test(line) && /\bcli\b/.test(line));
    if (!history) throw new Error(`cases show ${suggested} has no confirmation via the CLI in its history`);
    console.log(`\n${suggested} is now ${after.status}; its history: ${history.trim()}`);

    // 5. A promise already past: the digest names the command that drafts the follow-up mail.
    const overdue = /refund-tracker cases followup (\S+)/.exec(digest.text ?? '')?.[1];
    if (overdue) {
      console.log(`\n5. ${overdue}'s promised date has passed; the digest offers a follow-up draft:\n`);
      await cli(cliEnv, 'cases', 'followup', overdue);
    }
  } finally {
    await service.close();
    await client.logout();
    await sink.close();
  }
  console.log(`\nThe demo's case file stays in MongoDB database ${config.mongo.dbName}; look at it with:`);
  console.log(
    `  MONGODB_URI='${config.mongo.mongodbUri}' MONGODB_DB=${config.mongo.dbName} npx refund-tracker cases show ${suggested}`,
  );
  console.log(`Digest HTML and text: ${artifacts}`);
  const [desktop, phone] = screenshots;
  console.log(`Digest screenshot (375 px): ${phone}`);
  console.log(`Digest screenshot: ${desktop}`);
}

main().catch((err) => {
  console.error(`demo failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
