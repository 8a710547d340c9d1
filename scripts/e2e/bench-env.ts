// What the single-purpose benches (bench-arrival, bench-imap-batch) share: the services of
// `scripts/services.sh up` read from the environment, and the IMAP settings of a bench user on them.
import type { ImapConfig } from '../../src/config.js';
import { AUTHSERV_ID, FORWARDER } from './mail.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: source .services/env first`);
  return value;
}

/** IMAP settings for `user` on the test Dovecot, with the defaults a worker would run with. */
export function benchImapConfig(user: string): ImapConfig {
  return {
    host: env('TEST_IMAP_HOST'),
    port: Number(env('TEST_IMAP_PORT')),
    secure: false,
    user,
    password: env('TEST_IMAP_PASSWORD'),
    inbox: 'INBOX',
    processedMailbox: 'Processed',
    quarantineMailbox: 'Quarantine',
    // The default IMAP_POLL_INTERVAL_SECONDS: arrivals are IDLE's to see, as on a real server.
    pollIntervalMs: 60_000,
    maxMessageBytes: 5 * 1024 * 1024,
    allowedForwarders: [FORWARDER],
    trust: { mode: 'auth-results', authservIds: [AUTHSERV_ID] },
  } as ImapConfig;
}
