// The refund-tracker binary as a user runs it: the built CLI in a child process, against the
// real MongoDB-protocol server and an SMTP sink. `npm test` builds dist/ first.

import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalSafeJson } from '../../src/cli/program.js';
import { startWorkerService, type WorkerService } from '../../src/workers/service.js';
import { runCli } from '../support/cli.js';
import {
  ALICE,
  appendToInbox,
  dropDatabase,
  eventually,
  FIXTURES,
  fixture,
  imapSession,
  quietLogger,
  type SmtpSink,
  startSmtpSink,
  type TestWorld,
  testWorld,
  untilMailboxHolds,
} from '../support/harness.js';

describe('refund-tracker analyze', () => {
  const seed = ['01-web-form-confirmation', '02-customer-email', '03-support-reply', '04-refund-confirmation'].map(
    (n) => join(FIXTURES, 'seed', `${n}.eml`),
  );

  it('prints one JSON object per file, in input order, with no services configured', async () => {
    const run = await runCli(['analyze', '--json', ...seed]);
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(seed.map((p) => p.split('/').pop()));
    expect(lines.every((l) => l.ok === true && l.caseNumber === 'GTB-2023-5876')).toBe(true);
    expect(lines.map((l) => l.channel)).toEqual(['web_form', 'email', 'email', 'email']);
    expect(lines.map((l) => l.forwardedBy)).toEqual([ALICE, ALICE, ALICE, ALICE]);
    expect(lines[3]).toMatchObject({
      orderNumber: 'GT20231012-88431',
      direction: 'from_support',
      resolution: { outcome: 'full_refund', amount: 129.99, currency: 'USD', transactionId: 'TXN781345' },
      original: {
        from: 'refunds@gtbuy.com',
        date: '2023-11-02T09:47:00.000Z',
        messageId: '<refund-GTB-2023-5876.20231102094700@mail.gtbuy.com>',
      },
    });
    expect(lines[3].reasons).toContainEqual(
      expect.objectContaining({ rule: 'case-number/labelled', field: 'caseNumber', matched: expect.any(String) }),
    );
    expect(lines[2]).toMatchObject({
      contactPerson: 'Lisa Chen',
      nextSteps: 'We will contact the seller and update you within 3 business days.',
      nextStepsDue: '2023-11-01',
      resolution: null,
    });
  });

  it('reports a file it cannot analyze and exits 1, still printing the others', async () => {
    const run = await runCli([
      'analyze',
      '--json',
      join(FIXTURES, 'bad', 'not-mime.eml'),
      seed[0] ?? '',
      join(FIXTURES, 'missing.eml'),
    ]);
    expect(run.code).toBe(1);
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ file: 'not-mime.eml', ok: false, error: expect.stringMatching(/not_mime/) });
    expect(lines[1]).toMatchObject({ ok: true });
    expect(lines[2]).toMatchObject({ file: 'missing.eml', ok: false, error: expect.stringMatching(/no such file/) });
  });
});

describe('JSON on standard output', () => {
  it('escapes the C1 controls (8-bit CSI, OSC) JSON.stringify leaves raw, and parses back to the same text', () => {
    const subject = 'Refund\u009b31m approved\u009d0;title\u0007 \u001b[2J done\u2028';
    const json = terminalSafeJson({ subject });
    expect(json).toBe('{"subject":"Refund\\u009b31m approved\\u009d0;title\\u0007 \\u001b[2J done\\u2028"}');
    expect(JSON.parse(json)).toEqual({ subject });
  });
});

describe('refund-tracker configuration errors', () => {
  it('names every bad variable and never prints a secret', async () => {
    const run = await runCli(['worker'], {
      IMAP_PORT: 'abc',
      IMAP_PASSWORD: 'hunter2-very-secret',
      ALLOWED_FORWARDERS: 'not-an-email',
      SMTP_URL: 'http://mail.example.com',
      DIGEST_TIME_ZONE: 'Mars/Olympus',
    });
    expect(run.code).toBe(2);
    for (const name of [
      'IMAP_HOST',
      'IMAP_PORT',
      'IMAP_USER',
      'ALLOWED_FORWARDERS',
      'MONGODB_URI',
      'SMTP_URL',
      'DIGEST_TIME_ZONE',
    ]) {
      expect(run.stderr).toContain(name);
    }
    expect(run.stderr).not.toContain('hunter2');
  });

  it.each([
    ['--help'],
    ['analyze', '--help'],
    ['cases', 'export', '--help'],
    ['cases', 'list', '--help'],
    ['cases', 'close', '--help'],
    ['cases', 'followup', '--help'],
    ['digest', 'send', '--help'],
    ['quarantine', '--help'],
    ['quarantine', 'retry', '--help'],
    ['worker', '--help'],
  ])('%s prints usage', async (...args) => {
    const run = await runCli(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: refund-tracker/);
  });
});

describe('refund-tracker cases and digest', () => {
  let world: TestWorld;
  let sink: SmtpSink;
  let service: WorkerService;
  let imap: ImapFlow;
  let env: Record<string, string>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    world = testWorld({}, sink.port);
    imap = await imapSession(world);
    for (const f of ['01-web-form-confirmation', '02-customer-email', '03-support-reply', '04-refund-confirmation']) {
      await appendToInbox(imap, fixture(`seed/${f}.eml`));
    }
    service = await startWorkerService(world.config, { logger: quietLogger(), scheduleDigests: false });
    await untilMailboxHolds(imap, 'Processed', 4);
    await service.whenIdle();
    env = {
      MONGODB_URI: world.config.mongo.mongodbUri,
      MONGODB_DB: world.dbName,
      ALLOWED_FORWARDERS: ALICE,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      DIGEST_FROM: 'digest@tracker.example.net',
      DIGEST_TIME_ZONE: 'Europe/Berlin',
    };
  });

  afterAll(async () => {
    await service?.close();
    await imap?.logout();
    await sink?.close();
    if (world) await dropDatabase(world);
  });

  it('worker exits with the reason when the IMAP server cannot be reached, instead of hanging', async () => {
    const run = await runCli(['worker'], {
      ...env,
      REDIS_URL: world.config.redis.redisUrl,
      IMAP_HOST: '127.0.0.1',
      IMAP_PORT: '1', // nothing listens there
      IMAP_TLS: 'false',
      IMAP_USER: 'cases',
      IMAP_PASSWORD: 'secret-password',
      AUTHSERV_ID: 'mx.tracker.example.net', // required by the default TRUST=auth-results
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('IMAP: connection refused at 127.0.0.1:1');
    expect(run.stderr).not.toContain('secret-password');
  });

  it('lists and shows the case', async () => {
    const list = await runCli(['cases', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^GTB-2023-5876\tresolved\t2023-10-26\tgtbuy\.com\t4 messages/m);

    const show = await runCli(['cases', 'show', 'GTB-2023-5876'], env);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Full refund (129.99 USD, transaction TXN781345)');
    expect(show.stdout).toContain(
      'Next: We will contact the seller and update you within 3 business days. (due 2023-11-01)',
    );

    const missing = await runCli(['cases', 'show', 'NOPE-1'], env);
    expect(missing.code).toBe(1); // not found: a failure, not a usage error (2)
    expect(missing.stderr).toContain('no case NOPE-1');
  });

  it('exports the case table as Markdown and CSV', async () => {
    const md = await runCli(['cases', 'export', '--format', 'md'], env);
    expect(md.code).toBe(0);
    const [header, , row] = md.stdout.trimEnd().split('\n');
    expect(header).toBe(
      '| Case Number | Date Opened | Issue Description | Communication Log (Date, Channel, Summary) | Resolution Date | Final Outcome |',
    );
    expect(row).toMatch(
      /^\| GTB-2023-5876 \| 2023-10-26 \| Refund for undelivered electronic item \| 2023-10-26 \(Web form\): .+ \| 2023-11-02 \| Full refund \(129\.99 USD, transaction TXN781345\) \|$/,
    );

    const csv = await runCli(['cases', 'export', '--format', 'csv'], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'Case Number,Date Opened,Issue Description,"Communication Log (Date, Channel, Summary)",Resolution Date,Final Outcome,Status,Merchant,Order Number,Owner',
    );
    expect(csv.stdout).toContain(
      'GTB-2023-5876,2023-10-26,Refund for undelivered electronic item,"2023-10-26 (Web form)',
    );

    const bad = await runCli(['cases', 'export', '--format', 'xlsx'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('xlsx');
  });

  it('lists the cases as one JSON array, and exports them with their log as JSON', async () => {
    const list = await runCli(['cases', 'list', '--json'], env);
    expect(list.code).toBe(0);
    const listed = JSON.parse(list.stdout);
    expect(listed).toEqual([
      expect.objectContaining({
        owner: ALICE,
        caseNumber: 'GTB-2023-5876',
        keyKind: 'case',
        status: 'resolved',
        merchant: 'gtbuy.com',
        orderNumber: 'GT20231012-88431',
        messages: 4,
        openedAt: expect.stringMatching(/^2023-10-26T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        lastMessageAt: '2023-11-02T09:47:00.000Z',
        resolution: expect.objectContaining({
          date: '2023-11-02T09:47:00.000Z',
          outcome: 'full_refund',
          amount: 129.99,
          currency: 'USD',
          transactionId: 'TXN781345',
        }),
        suggestedResolution: null,
      }),
    ]);
    expect(listed[0]).not.toHaveProperty('log');
    const none = await runCli(['cases', 'list', '--json', '--status', 'reopened'], env);
    expect(JSON.parse(none.stdout)).toEqual([]);

    const out = join(await mkdtemp(join(tmpdir(), 'rt-export-')), 'cases.json');
    const exported = await runCli(['cases', 'export', '--format', 'json', '--output', out], env);
    expect(exported.code).toBe(0);
    const [full] = JSON.parse(await readFile(out, 'utf8'));
    expect(full).toMatchObject({ caseNumber: 'GTB-2023-5876', messages: 4, changes: [] });
    expect(full.log.map((e: { channel: string }) => e.channel)).toEqual(['web_form', 'email', 'email', 'email']);
    expect(full.log[2]).toMatchObject({
      direction: 'from_support',
      contactPerson: 'Lisa Chen',
      nextStepsDue: '2023-11-01',
      occurredAt: expect.stringMatching(/^2023-10-27T/),
    });
    const stdout = await runCli(['cases', 'export', '--format', 'json'], env);
    expect(JSON.parse(stdout.stdout)).toEqual(JSON.parse(await readFile(out, 'utf8')));
  });

  it('previews, then sends the digest once per day', async () => {
    const preview = await runCli(['digest', 'preview'], env);
    expect(preview.stderr).toBe('');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain(`To: ${ALICE}`);
    expect(preview.stdout).toContain('GTB-2023-5876');
    expect(sink.received).toHaveLength(0);

    const first = await runCli(['digest', 'send', '--date', '2026-11-26'], env);
    expect(first.stdout).toContain(`${ALICE} 2026-11-26: sent`);
    const again = await runCli(['digest', 'send', '--date', '2026-11-26'], env);
    expect(again.stdout).toContain(`${ALICE} 2026-11-26: already_sent`);
    await eventually('digest received', async () => sink.received.length === 1);
    // `Refunds <day in the user's language>: <what the digest holds>`.
    expect(sink.received[0]?.subject).toMatch(/^Refunds 26 November 2026: \S.*$/);
    expect(preview.stdout).toMatch(/^Subject: Refunds \d{1,2} [A-Z][a-z]+ \d{4}: \S.*$/m);
  });

  it('previews each user’s digest in the zone and language of their DIGEST_SCHEDULE entry', async () => {
    const run = await runCli(['digest', 'preview', '--date', '2026-11-26'], {
      ...env,
      DIGEST_SCHEDULE: `${ALICE}=America/New_York@8:de`,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Subject: Erstattungen 26\. November 2026: \S.*$/m);
  });
});
