// `digest preview --date D` through the built CLI: the digest as it stood at the end of D in the user's
// zone, not today's cases under D's label. Set REFUND_TRACKER_CLI to test another build's cli.js.

import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerService, type WorkerService } from '../../src/workers/service.js';
import { runCli } from '../support/cli.js';
import {
  ALICE,
  appendToInbox,
  dropDatabase,
  fixture,
  imapSession,
  quietLogger,
  type TestWorld,
  testWorld,
  untilMailboxHolds,
} from '../support/harness.js';

describe('digest preview --date', () => {
  let world: TestWorld;
  let service: WorkerService;
  let imap: ImapFlow;
  let env: Record<string, string>;

  beforeAll(async () => {
    world = testWorld({});
    imap = await imapSession(world);
    // GTB-2023-5876: opened 2023-10-26, the merchant promises news by 2023-11-01, refunded 2023-11-02.
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
      DIGEST_TIME_ZONE: 'Europe/Berlin',
    };
  });

  afterAll(async () => {
    await service?.close();
    await imap?.logout();
    if (world) await dropDatabase(world);
  });

  const preview = async (date: string) => {
    const run = await runCli(['digest', 'preview', '--owner', ALICE, '--date', date], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return run.stdout;
  };

  it('shows a case resolved later as still waiting on an earlier day', async () => {
    const before = await preview('2023-10-30');
    expect(before).toContain('GTB-2023-5876');
    expect(before).toMatch(/^Subject: Refunds 30 October 2023: 0 need you, 1 waiting, 0 resolved$/m);
    expect(before).toContain('promised by 1 November 2023');
    expect(before).not.toContain('RESOLVED SINCE LAST TIME');
    expect(before).not.toContain('129.99');
  });

  it('shows it resolved on the day of the refund', async () => {
    const on = await preview('2023-11-02');
    expect(on).toMatch(/^Subject: Refunds 2 November 2023: 0 need you, 0 waiting, 1 resolved$/m);
    expect(on).toContain('Full refund (129.99 USD, transaction TXN781345)');
  });

  it('lists it as resolved since last time only in the digest of the refund’s day (no digest sent: since is a day before)', async () => {
    const next = await preview('2023-11-03');
    expect(next).toMatch(/^Subject: Refunds 3 November 2023: 0 need you, 0 waiting, 0 resolved$/m);
    const later = await preview('2023-11-20');
    expect(later).toMatch(/^Subject: Refunds 20 November 2023: 0 need you, 0 waiting, 0 resolved$/m);
    expect(later).not.toContain('GTB-2023-5876');
    expect(later).toContain('Refunded in November 2023: 129.99 USD');
  });

  it('leaves out a case opened after the day', async () => {
    const earlier = await preview('2023-10-01');
    expect(earlier).toMatch(/^Subject: Refunds 1 October 2023: 0 need you, 0 waiting, 0 resolved$/m);
    expect(earlier).not.toContain('GTB-2023-5876');
  });
});
