// Each user's digest goes out at their own hour in their own zone (DIGEST_SCHEDULE), else the defaults.
import { describe, expect, it } from 'vitest';
import { digestScheduleOf, loadDigestConfig, loadWorkerConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

function issuesOf(load: () => unknown): string[] {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('the configuration was accepted');
}

describe('DIGEST_SCHEDULE', () => {
  const config = loadDigestConfig({
    DIGEST_HOUR: '6',
    DIGEST_TIME_ZONE: 'Europe/London',
    DIGEST_SCHEDULE:
      'Alice@Example.net=Europe/Berlin@7:de, bob@example.org=America/New_York@8,carol@example.com=@21, dan@example.com=:es',
  });

  it.each([
    ['alice@example.net', { hour: 7, timeZone: 'Europe/Berlin', language: 'de' }],
    ['ALICE@example.NET', { hour: 7, timeZone: 'Europe/Berlin', language: 'de' }],
    ['bob@example.org', { hour: 8, timeZone: 'America/New_York', language: null }],
    ['carol@example.com', { hour: 21, timeZone: 'Europe/London', language: null }],
    ['dan@example.com', { hour: 6, timeZone: 'Europe/London', language: 'es' }],
    ['erin@example.com', { hour: 6, timeZone: 'Europe/London', language: null }],
  ])('%s → %j', (owner, schedule) => {
    expect(digestScheduleOf(config, owner)).toEqual(schedule);
  });

  it('DIGEST_LANGUAGE sets everyone’s labels; auto (the default) follows the mail', () => {
    expect(digestScheduleOf(loadDigestConfig({ DIGEST_LANGUAGE: 'fr' }), 'x@example.net').language).toBe('fr');
    expect(digestScheduleOf(loadDigestConfig({}), 'x@example.net').language).toBeNull();
  });

  it.each([
    ['alice@example.net', 'entry 1 must look like ADDRESS=TIME_ZONE@HOUR[:LANGUAGE]'],
    ['alice@example.net=', 'entry 1 must look like'],
    [
      'alice@example.net=Europe/Berlin@7,bob@example.org=Mars/Olympus@7',
      'entry 2 (bob@example.org): Mars/Olympus is not an IANA time zone',
    ],
    ['alice@example.net=Europe/Berlin@24', 'entry 1 (alice@example.net): its hour must be 0 to 23'],
    ['alice@example.net=Europe/Berlin@7:it', 'entry 1 (alice@example.net): its language must be one of en, de, fr, es'],
    ['not-an-address=Europe/Berlin@7', 'entry 1 (not-an-address): its address is not an email address'],
    ['a@example.net=UTC@7,A@example.net=UTC@8', 'entry 2 (a@example.net): a@example.net is listed twice'],
  ])('%j is refused: %s', (value, message) => {
    const issues = issuesOf(() => loadDigestConfig({ DIGEST_SCHEDULE: value }));
    expect(issues.join('\n')).toContain(`DIGEST_SCHEDULE ${message}`);
  });

  it('DIGEST_LANGUAGE must be a language the digest speaks', () => {
    expect(issuesOf(() => loadDigestConfig({ DIGEST_LANGUAGE: 'it' }))).toEqual([
      'DIGEST_LANGUAGE must be auto, en, de, fr, es',
    ]);
  });

  it('a schedule for someone who is not an allowed forwarder is a mistake the worker names', () => {
    const env = {
      IMAP_HOST: 'imap.tracker.example.net',
      IMAP_USER: 'cases',
      IMAP_PASSWORD: 'secret-not-printed',
      ALLOWED_FORWARDERS: 'alice@example.net',
      MONGODB_URI: 'mongodb://127.0.0.1:27017/refund-tracker',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      DIGEST_FROM: 'digest@tracker.example.net',
      AUTHSERV_ID: 'mx.tracker.example.net',
    };
    expect(loadWorkerConfig({ ...env, DIGEST_SCHEDULE: 'alice@example.net=Europe/Berlin@7' }).digest.schedules).toEqual(
      { 'alice@example.net': { timeZone: 'Europe/Berlin', hour: 7 } },
    );
    expect(issuesOf(() => loadWorkerConfig({ ...env, DIGEST_SCHEDULE: 'alice@example.nett=Europe/Berlin@7' }))).toEqual(
      ['DIGEST_SCHEDULE names alice@example.nett, which is not in ALLOWED_FORWARDERS'],
    );
  });
});
