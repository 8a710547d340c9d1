// Where the test servers are: Redis, MongoDB (FerretDB here) and IMAP (a private Dovecot).
// `scripts/services.sh up` starts them and writes <state>/env; vitest's globalSetup runs it and copies
// that file into process.env. Tests read everything through testServices(), so a test file also
// works when run by a runner that skipped globalSetup, as long as `services.sh up` ran once.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseServicesEnv } from '../../scripts/lib/services-env.js';

export { parseServicesEnv };

export interface TestServices {
  redisUrl: string;
  mongoUri: string;
  /** Any user name logs in with `password`: give each test its own user (see uniqueName). */
  imap: { host: string; port: number; password: string };
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The env file written by `scripts/services.sh up` (RT_SERVICES_DIR as in the script). */
export const servicesEnvFile = join(resolve(process.env.RT_SERVICES_DIR ?? join(repoRoot, '.services')), 'env');

/** The variables of the env file, or {} when `services.sh up` has not written it. */
export function readServicesEnv(file = servicesEnvFile): Record<string, string> {
  return existsSync(file) ? parseServicesEnv(readFileSync(file, 'utf8')) : {};
}

/** Service addresses from process.env, falling back to the env file. Throws naming a missing variable. */
export function testServices(): TestServices {
  const names = ['REDIS_URL', 'MONGODB_URI', 'TEST_IMAP_HOST', 'TEST_IMAP_PORT', 'TEST_IMAP_PASSWORD'];
  const fromFile = names.every((n) => process.env[n]) ? {} : readServicesEnv();
  const get = (name: string): string => {
    const value = process.env[name] || fromFile[name];
    if (!value) {
      throw new Error(
        `test services: ${name} is not set and not in ${servicesEnvFile}; run 'bash scripts/services.sh up' (vitest's globalSetup does it)`,
      );
    }
    return value;
  };
  const port = Number(get('TEST_IMAP_PORT'));
  if (!Number.isInteger(port) || port <= 0) {
    throw new Error(`test services: TEST_IMAP_PORT must be a port number, got '${get('TEST_IMAP_PORT')}'`);
  }
  return {
    redisUrl: get('REDIS_URL'),
    mongoUri: get('MONGODB_URI'),
    imap: { host: get('TEST_IMAP_HOST'), port, password: get('TEST_IMAP_PASSWORD') },
  };
}

/** A short unique name (`prefix-1a2b3c4d`) for database names, queue prefixes and IMAP users. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A port nothing listens on now: bound by the OS on 127.0.0.1, then released. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
