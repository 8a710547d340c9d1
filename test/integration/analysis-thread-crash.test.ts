// A dead analysis thread (heap limit, timeout: test/unit/analysis-pool.test.ts shows the pool turns
// those into AnalysisThreadCrashedError) is not the message's fault: the job is retried, and only after
// its last attempt is the message quarantined as processing_failed. The worker keeps running.
import { describe, expect, it } from 'vitest';
import { AnalysisThreadCrashedError } from '../../src/workers/analysis-pool.js';
import {
  appendToInbox,
  closedAfterEach,
  countIn,
  fixture,
  startTestWorker,
  untilMailboxHolds,
  worldForTest,
} from '../support/harness.js';

const cleanups = closedAfterEach();

describe('an analysis thread that dies', () => {
  it.each(['parse', 'analyze'] as const)(
    'while it runs %s: the job is retried, then quarantined processing_failed after the last attempt',
    async (step) => {
      const { world, imap } = await worldForTest(cleanups);
      let crashes = 0;
      const crash = () => {
        crashes++;
        throw new AnalysisThreadCrashedError(`the analysis thread died: test crash ${crashes}`);
      };
      const service = await startTestWorker(world, {
        messageJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 100 } },
        decorateDeps: (deps) =>
          step === 'parse' ? { ...deps, parse: async () => crash() } : { ...deps, analyzer: async () => crash() },
      });
      cleanups.push(() => service.close());

      await appendToInbox(imap, fixture('seed/01-web-form-confirmation.eml'));
      await untilMailboxHolds(imap, 'Quarantine', 1);
      await service.whenIdle();

      // Two retried crashes, then the last attempt: never quarantined on the first crash.
      expect(crashes).toBe(3);
      const records = await service.store.quarantine.list();
      expect(records.map((r) => r.reason)).toEqual(['processing_failed']);
      expect(records[0]?.detail).toContain('gave up after 3 attempts');
      expect(records[0]?.detail).toContain('test crash 3');
      expect(await service.store.cases.caseFiles()).toEqual([]);
      expect(await countIn(imap, 'INBOX')).toBe(0);
    },
  );
});
