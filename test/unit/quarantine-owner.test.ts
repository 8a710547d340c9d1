// Mail that fails while being parsed was recorded with no owner, sender or subject, so every user's digest
// listed it. Its record now carries what its header section says: the user who forwarded it (the owner,
// whose digest alone lists it), its From and its subject; mail no user forwarded has no owner.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FetchedMessage } from '../../src/ingest/mailbox-messages.js';
import { createLogger } from '../../src/logger.js';
import type { QuarantineEntry, QuarantineStore } from '../../src/models/quarantine-store.js';
import { AnalysisThreadCrashedError } from '../../src/workers/analysis-pool.js';
import {
  type MessageProcessorDeps,
  processMessage,
  quarantineAfterLastAttempt,
} from '../../src/workers/message-processor.js';
import { FIXTURES } from '../support/harness.js';

const REF = { mailbox: 'cases@imap.test/INBOX', uidValidity: '7', uid: 42 };
const ALICE = 'alice@example.net';

function depsFor(fetched: FetchedMessage, parse?: MessageProcessorDeps['parse']) {
  const recorded: QuarantineEntry[] = [];
  const quarantine = {
    record: async (entry: QuarantineEntry) => {
      recorded.push(entry);
    },
    markMoved: async () => {},
  } as unknown as QuarantineStore;
  const deps = {
    source: { fetch: async () => fetched, move: async () => undefined },
    cases: {} as MessageProcessorDeps['cases'],
    quarantine,
    imap: {
      processedMailbox: 'Processed',
      quarantineMailbox: 'Quarantine',
      maxMessageBytes: 1024 * 1024,
      allowedForwarders: [ALICE, 'bob@example.org'],
      trust: { mode: 'from-only' },
    } as unknown as MessageProcessorDeps['imap'],
    parse,
    now: () => new Date('2026-11-30T10:00:00Z'),
    logger: createLogger('silent'),
  } satisfies MessageProcessorDeps;
  return { deps, recorded };
}

const ok = (raw: Buffer): FetchedMessage => ({ kind: 'ok', size: raw.length, source: raw, receivedAt: null });
const mime = (name: string) => readFileSync(join(FIXTURES, 'mime', `${name}.eml`));

describe('the quarantine record of mail that fails while being parsed', () => {
  it.each([
    [
      'unparseable: an S/MIME encrypted original Alice forwarded',
      '37-outlook-attachment-smime-encrypted-original-en',
      { reason: 'unparseable', owner: ALICE, fromAddress: ALICE, subject: 'Fwd: Refund confirmation - case FO-11842' },
    ],
    [
      'delivery_report: a bounce Alice forwarded as an attachment',
      '76-thunderbird-attachment-postfix-bounce-multipart-report-en',
      {
        reason: 'delivery_report',
        owner: ALICE,
        fromAddress: ALICE,
        subject: 'Fwd: Undelivered Mail Returned to Sender',
      },
    ],
    [
      'delivery_report: a bounce Alice’s Sieve rule redirected (Resent-From)',
      '79-sieve-redirect-exim-plain-text-bounce-fr',
      {
        reason: 'delivery_report',
        owner: ALICE,
        fromAddress: 'mailer-daemon@mail.example.net',
        subject: 'Mail delivery failed: returning message to sender',
      },
    ],
  ])('%s: owned by the forwarder, with its sender and subject', async (_what, name, expected) => {
    const { deps, recorded } = depsFor(ok(mime(name)));
    expect(await processMessage(REF, deps)).toEqual({ status: 'quarantined', reason: expected.reason });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject(expected);
  });

  it('mail no allowed forwarder sent has no owner (every digest lists it, marked so)', async () => {
    const raw = mime('37-outlook-attachment-smime-encrypted-original-en');
    const stranger = Buffer.from(
      raw.toString('latin1').replace(/^From: Alice Martin <alice@example.net>/m, 'From: Eve <eve@elsewhere.example>'),
      'latin1',
    );
    const { deps, recorded } = depsFor(ok(stranger));
    await processMessage(REF, deps);
    expect(recorded[0]).toMatchObject({ reason: 'unparseable', owner: null, fromAddress: 'eve@elsewhere.example' });
  });

  it('a message over the size limit is owned by the allowed forwarder in its envelope', async () => {
    const { deps, recorded } = depsFor({
      kind: 'too_large',
      size: 9_000_000,
      subject: 'Fwd: invoice scans',
      from: 'Alice@Example.net',
      messageId: '<big@example.net>',
    });
    await processMessage(REF, deps);
    expect(recorded[0]).toMatchObject({ reason: 'too_large', owner: ALICE, subject: 'Fwd: invoice scans' });
  });

  it('a message whose every attempt crashed the analysis thread keeps its header section for the last record', async () => {
    const raw = mime('37-outlook-attachment-smime-encrypted-original-en');
    const { deps, recorded } = depsFor(ok(raw), async (bytes) => {
      bytes.fill(0); // the pool takes the bytes over: nothing may read them afterwards
      throw new AnalysisThreadCrashedError('analysis thread exited (heap limit)');
    });
    const err = await processMessage(REF, deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalysisThreadCrashedError);
    await quarantineAfterLastAttempt(REF, deps, 3, err);
    expect(recorded[0]).toMatchObject({
      reason: 'processing_failed',
      owner: ALICE,
      subject: 'Fwd: Refund confirmation - case FO-11842',
    });
    // An error this processor did not see: nothing is known of the message.
    await quarantineAfterLastAttempt(REF, deps, 3, new Error('elsewhere'));
    expect(recorded[1]).toMatchObject({ reason: 'processing_failed', owner: null, subject: null });
  });
});
