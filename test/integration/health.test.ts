// /healthz and /metrics over HTTP against the built CLI's `worker` with HTTP_PORT set, on a Redis this
// test starts itself (redis-server on a spare port) so it can stop it mid-run: /healthz answers 503
// naming Redis while it is away, 200 again when it is back, and the outage is logged once each way.

import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';
import {
  ALICE,
  appendToInbox,
  dropDatabase,
  eventually,
  fixture,
  imapSession,
  TEST_AUTHSERV_ID,
  type TestWorld,
  testWorld,
  untilMailboxHolds,
} from '../support/harness.js';
import { freePort } from '../support/services.js';

/** A private redis-server with no persistence; resolves once it accepts connections. */
async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  redis.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const failed = new Promise<never>((_, reject) =>
    redis.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`))),
  );
  await Promise.race([
    eventually('redis-server ready', async () => /Ready to accept connections/.test(output)),
    failed,
  ]);
  return redis;
}

/** SIGTERM, and SIGKILL when the process has not exited 15 s later (so a hang cannot outlive the test). */
async function stopProcess(child: ChildProcess | undefined): Promise<number | string | null> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const status = await exited;
  clearTimeout(timer);
  return status;
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

/** The value of one sample line of the Prometheus text, or undefined when absent. */
function sample(metrics: string, line: string): number | undefined {
  const found = metrics.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('worker HTTP_PORT: /healthz and /metrics', () => {
  let world: TestWorld;
  let imap: ImapFlow;
  let redisPort: number;
  let redis: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let base: string;
  let logs = '';

  beforeAll(async () => {
    world = testWorld();
    imap = await imapSession(world);
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    const httpPort = await freePort();
    base = `http://127.0.0.1:${httpPort}`;
    const { imap: box, mongo } = world.config;
    worker = spawn(process.execPath, [CLI, 'worker'], {
      cwd: join(import.meta.dirname, '..'),
      env: {
        PATH: process.env.PATH ?? '',
        HTTP_PORT: String(httpPort),
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        QUEUE_PREFIX: world.config.redis.queuePrefix,
        MONGODB_URI: mongo.mongodbUri,
        MONGODB_DB: world.dbName,
        IMAP_HOST: box.host,
        IMAP_PORT: String(box.port),
        IMAP_TLS: 'false',
        IMAP_USER: box.user,
        IMAP_PASSWORD: box.password,
        ALLOWED_FORWARDERS: ALICE,
        AUTHSERV_ID: TEST_AUTHSERV_ID,
        SMTP_URL: 'smtp://127.0.0.1:2525',
        DIGEST_FROM: 'digest@tracker.example.net',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.on('data', (d: Buffer) => {
      logs += d.toString();
    });
    worker.stderr?.on('data', (d: Buffer) => {
      logs += d.toString();
    });
    await eventually('the worker serving /healthz', async () => {
      if (worker?.exitCode !== null) throw new Error(`worker exited ${worker?.exitCode}: ${logs}`);
      return fetch(`${base}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
    });
  }, 60_000);

  afterAll(async () => {
    await stopProcess(worker);
    await stopProcess(redis);
    await imap?.logout();
    if (world) await dropDatabase(world);
  });

  it('/healthz: 200 with IMAP, Redis and MongoDB ok and the age of the last scan', async () => {
    const res = await get(`${base}/healthz`);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ status: 'ok', imap: 'ok', redis: 'ok', mongodb: 'ok' });
    expect(typeof body.lastScanAgeSeconds).toBe('number');
  });

  it('/metrics: Prometheus text counting a processed message, its processing time and queue depth', async () => {
    await appendToInbox(imap, fixture(join('seed', '01-web-form-confirmation.eml')));
    await untilMailboxHolds(imap, 'Processed', 1);
    let text = '';
    await eventually('the processed message counted', async () => {
      text = (await get(`${base}/metrics`)).body;
      return sample(text, 'refund_tracker_messages_processed_total{outcome="processed"}') === 1;
    });
    expect(text).toContain('# TYPE refund_tracker_message_processing_seconds histogram');
    expect(sample(text, 'refund_tracker_message_processing_seconds_count')).toBe(1);
    expect(sample(text, 'refund_tracker_arrival_to_case_seconds_count')).toBe(1);
    expect(sample(text, 'refund_tracker_queue_depth{state="waiting"}')).toBe(0);
    expect(sample(text, 'refund_tracker_digests_sent_total')).toBe(0);
    expect(sample(text, 'refund_tracker_last_scan_age_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('/healthz: 503 naming Redis while it is down; 200 again once it is back; one log line each way', async () => {
    await stopProcess(redis);
    let body = '';
    await eventually('/healthz answering 503', async () => {
      const res = await get(`${base}/healthz`);
      body = res.body;
      return res.status === 503;
    });
    const report = JSON.parse(body);
    expect(report.status).toMatch(/^failing: redis \(/);
    expect(report.redis).not.toBe('ok');
    expect(report.mongodb).toBe('ok');
    // Let the drivers retry a while: still a single outage line.
    await new Promise((r) => setTimeout(r, 3_000));
    redis = await startRedis(redisPort);
    await eventually('/healthz answering 200 again', async () => (await get(`${base}/healthz`)).status === 200);
    await eventually('the outage end logged', async () => logs.includes('redis: reachable again'));
    const lines = logs.split('\n').filter((l) => l.trim() !== '');
    expect(lines.filter((l) => /Redis: [^"]* \(retrying\)/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('redis: reachable again'))).toHaveLength(1);
    expect(logs).not.toMatch(/\n\s+at /);
  }, 60_000);
});
