// previewDigest for a past day (`digest preview --date`): the store is asked for the cases as of the end
// of that day in the user's zone, quarantine records dated later are left out, and with no digest sent
// before, "since" is a day before that end. Without it (today's digest, `digest send`) nothing is cut.
import { describe, expect, it } from 'vitest';
import { previewDigest } from '../../src/workers/digest.js';

const OWNER = 'alice@example.net';
const quarantined = (id: string, iso: string) => ({
  _id: id,
  reason: 'no_case_number',
  subject: `Refund notice ${id}`,
  fromAddress: 'payments@shop.example',
  quarantinedAt: new Date(iso),
  owner: OWNER,
});

function deps(asked: (Date | undefined)[]) {
  return {
    cases: {
      caseFiles: async (_filter?: unknown, asOf?: Date) => {
        asked.push(asOf);
        return [];
      },
    },
    digests: {
      lastSentAt: async () => null,
      // A preview records nothing.
      claim: async (): Promise<boolean> => {
        throw new Error('preview claimed a digest');
      },
      markSent: async () => {
        throw new Error('preview marked a digest sent');
      },
      release: async () => {
        throw new Error('preview released a digest');
      },
    },
    quarantine: {
      list: async () => [
        quarantined('q-before', '2026-03-05T22:30:00Z'), // 23:30 in Berlin on the 5th
        quarantined('q-after', '2026-03-05T23:00:00Z'), // midnight in Berlin: the 6th
      ],
    },
    now: () => new Date('2026-11-30T06:00:00Z'),
    options: { timeZone: 'Europe/Berlin' },
  };
}

describe('previewDigest as of a day', () => {
  it('asks for the cases at the end of the day in the user’s zone and drops later quarantine records', async () => {
    const asked: (Date | undefined)[] = [];
    const { content } = await previewDigest(OWNER, '2026-03-05', deps(asked), { asOfDay: true });
    expect(asked.map((d) => d?.toISOString())).toEqual(['2026-03-05T22:59:59.999Z']);
    expect(content.quarantine.map((q) => q.id)).toEqual(['q-before']);
  });

  it('today’s digest (no asOfDay) reads the cases as they are and lists every quarantine record', async () => {
    const asked: (Date | undefined)[] = [];
    const { content } = await previewDigest(OWNER, '2026-03-05', deps(asked));
    expect(asked).toEqual([undefined]);
    expect(content.quarantine.map((q) => q.id).sort()).toEqual(['q-after', 'q-before']);
  });
});
