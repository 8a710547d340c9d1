// vitest globalSetup: start the test servers with scripts/services.sh, export their addresses to the
// test workers, and prove each one answers. A missing service fails the run: tests never skip.
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImapFlow } from 'imapflow';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { readServicesEnv, servicesEnvFile, type TestServices, testServices } from './services.js';

const script = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'scripts', 'services.sh');

/** Runs `services.sh CMD`; its progress goes to our stderr. Returns the exit status. */
function services(cmd: 'up' | 'down' | 'status', opts: { check: boolean }): number {
  try {
    execFileSync('bash', [script, cmd], { stdio: ['ignore', 'ignore', 'inherit'] });
    return 0;
  } catch (err) {
    const status = (err as { status?: number | null }).status ?? -1;
    if (opts.check)
      throw new Error(`scripts/services.sh ${cmd} failed (exit ${status}); its messages are above`, { cause: err });
    return status;
  }
}

async function checkRedis(url: string): Promise<void> {
  // No retries: a refused connection must fail now, not hang in ioredis' reconnect loop.
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {}); // reported through the rejected promises below
  try {
    await redis.connect();
    const pong = await redis.ping();
    if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
  } catch (err) {
    throw new Error(`Redis test server not reachable at ${url}: ${(err as Error).message}`, { cause: err });
  } finally {
    redis.disconnect();
  }
}

async function checkMongo(uri: string): Promise<void> {
  const conn = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    await conn.asPromise();
    await conn.db?.admin().command({ ping: 1 });
  } catch (err) {
    // Never print the URI itself: a real MONGODB_URI may carry credentials.
    throw new Error(`MongoDB test server not reachable (MONGODB_URI): ${(err as Error).message}`, { cause: err });
  } finally {
    await conn.close().catch(() => {});
  }
}

async function checkImap({ host, port, password }: TestServices['imap']): Promise<void> {
  // A full login (any user name works) also proves the passdb and that mail processes can create a Maildir.
  const client = new ImapFlow({
    host,
    port,
    secure: false,
    auth: { user: 'healthcheck', pass: password },
    logger: false,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
  });
  client.on('error', () => {}); // reported through the rejected promises below
  try {
    await client.connect();
    await client.status('INBOX', { messages: true });
    await client.logout();
  } catch (err) {
    client.close();
    const detail = (err as { responseText?: string }).responseText ?? (err as Error).message;
    throw new Error(`IMAP test server not reachable at ${host}:${port}: ${detail}`, { cause: err });
  }
}

export default async function setup(): Promise<() => void> {
  // Services that already answered before us (a demo, a manual `up`, another test run) stay up afterwards.
  const alreadyUp = services('status', { check: false }) === 0;
  const teardown = (): void => {
    if (process.env.RT_KEEP_SERVICES === '1' || alreadyUp) return;
    services('down', { check: false });
  };
  try {
    services('up', { check: true });
    // Workers are forked after globalSetup, so they inherit these; test/support/services.ts falls back to the file.
    const vars = readServicesEnv();
    if (Object.keys(vars).length === 0) throw new Error(`scripts/services.sh up wrote no ${servicesEnvFile}`);
    Object.assign(process.env, vars);

    const s = testServices();
    const results = await Promise.allSettled([checkRedis(s.redisUrl), checkMongo(s.mongoUri), checkImap(s.imap)]);
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
    if (failures.length > 0) throw new Error(failures.join('\n'));
  } catch (err) {
    teardown(); // vitest does not call the teardown of a setup that threw
    throw err;
  }
  return teardown;
}
