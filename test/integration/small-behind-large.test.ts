// Issue 10: a small message must not wait behind a large one. 1 MB hostile mails are appended to INBOX
// first and a small forward after them; the small one's case must be logged while the large ones are
// still being parsed or analysed, and every message must end where it belongs, logged once.
import { describe, expect, it } from 'vitest';
import {
  ALICE,
  appendToInbox,
  closedAfterEach,
  countIn,
  eventually,
  fixture,
  startTestWorker,
  untilMailboxHolds,
  worldForTest,
} from '../support/harness.js';
import { hostileMail } from '../support/hostile-mail.js';

const cleanups = closedAfterEach();

/** The case of the small seed forward (test/fixtures/seed/01-web-form-confirmation.eml). */
const SMALL_CASE = 'GTB-2023-5876';
const LARGE_CASES = ['HX-41001', 'HX-41002', 'HX-41003'];

describe('a small message queued behind large ones', () => {
  it('is processed while the 1 MB hostile mails ahead of it are still being parsed', async () => {
    const { world, imap } = await worldForTest(cleanups);
    // Two threads: large mail may hold one, so the small one always has the other. Four jobs at once.
    const service = await startTestWorker(world, { analysisThreads: 2, concurrency: 4 });
    cleanups.push(() => service.close());
    const pool = service.analysisPool;
    await pool.whenReady();

    for (const [i, caseNumber] of LARGE_CASES.entries()) {
      await appendToInbox(imap, hostileMail('text-1mb-paragraph', caseNumber, `lanes-${i}`));
    }
    await appendToInbox(imap, fixture('seed/01-web-form-confirmation.eml'));

    // The moment the small one's case is logged: what the pool is still doing with the large ones.
    let seen: { largeInPool: number; largeCasesLogged: number } | undefined;
    await eventually(
      `case ${SMALL_CASE} logged`,
      async () => {
        const largeInPool = pool.stats().busyLarge + pool.stats().waitingLarge;
        if ((await service.store.cases.findCase(ALICE, SMALL_CASE)).length === 0) return false;
        let largeCasesLogged = 0;
        for (const c of LARGE_CASES) largeCasesLogged += (await service.store.cases.findCase(ALICE, c)).length;
        seen = { largeInPool, largeCasesLogged };
        return true;
      },
      60_000,
    );
    // Three large ones share one thread (one at a time): at least the last is still in the pool.
    expect(seen?.largeInPool).toBeGreaterThanOrEqual(1);
    expect(seen?.largeCasesLogged).toBeLessThan(LARGE_CASES.length);

    // Then all of them: filed under their own cases, one entry each, nothing left behind or set aside.
    await untilMailboxHolds(imap, 'Processed', 1 + LARGE_CASES.length, 120_000);
    await service.whenIdle();
    expect(await countIn(imap, 'INBOX')).toBe(0);
    expect(await countIn(imap, 'Quarantine')).toBe(0);
    for (const caseNumber of [SMALL_CASE, ...LARGE_CASES]) {
      const [found, ...more] = await service.store.cases.findCase(ALICE, caseNumber);
      expect(more, caseNumber).toEqual([]);
      expect(found?.log, caseNumber).toHaveLength(1);
    }
    expect(pool.stats()).toMatchObject({ busy: 0, waitingSmall: 0, waitingLarge: 0, crashes: 0 });
  });
});
