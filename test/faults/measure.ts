// What a run left behind, read from MongoDB, the mailbox and the queue, compared with the truth the
// messages were generated with (messages.ts) and with the reference run.
import type { Queue } from 'bullmq';
import type { ImapFlow } from 'imapflow';
import type { Connection } from 'mongoose';
import type { CaseTruth, GeneratedMessage, MessageSet } from './messages.js';

export interface Figures {
  lost: number;
  duplicated: number;
  wronglyClosed: number;
  /** null for the reference run itself. */
  orderDependent: number | null;
  attemptsSpent: number;
  falseFailures: number;
  /** Milliseconds; null when no worker was killed with a job in hand. */
  worstOrphanWaitMs: number | null;
  leftInInbox: number;
  quarantined: number;
  /** Cases the truth says end resolved or reopened that ended otherwise (not a fault figure: the rules'). */
  missed: number;
}

/** What decides whether two runs ended with the same case: status, resolution, log. */
export type CaseSignatures = Map<string, string>;

interface CaseRow {
  caseNumber: string;
  status: string;
  resolution?: { outcome?: string; date?: Date | string } | null;
}
interface LogRow {
  caseNumber: string;
  occurredAt: Date | string;
}
interface JobRow {
  id: string;
  state: string;
  uid: number;
  attemptsMade: number;
}

/**
 * Attempts beyond the first, per job, sampled through the run: a full scan removes and re-adds jobs and
 * `retry` may reset the count, so the final queue alone would forget attempts spent before that.
 */
export class AttemptLedger {
  private readonly current = new Map<string, number>();
  private banked = 0;

  async sample(queue: Queue): Promise<void> {
    const jobs = await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized'], 0, -1);
    this.record(jobs.filter((j) => j?.id).map((j) => ({ id: j.id as string, attemptsMade: j.attemptsMade ?? 0 })));
  }

  record(jobs: { id: string; attemptsMade: number }[]): void {
    for (const { id, attemptsMade } of jobs) {
      const before = this.current.get(id) ?? 0;
      // A lower count is a new job under the same id (or a reset): what the old one spent stays spent.
      if (attemptsMade < before) this.banked += Math.max(0, before - 1);
      this.current.set(id, attemptsMade);
    }
  }

  spent(finalJobs: JobRow[]): number {
    this.record(finalJobs);
    let sum = this.banked;
    for (const n of this.current.values()) sum += Math.max(0, n - 1);
    return sum;
  }
}

const ms = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : null);
const entryKey = (caseNumber: string, occurredAt: Date | string | number) =>
  `${caseNumber}@${new Date(occurredAt).getTime()}`;

/** Forward Message-IDs of every message in a mailbox (empty when the mailbox does not exist). */
export async function forwardIdsIn(client: ImapFlow, mailbox: string): Promise<string[]> {
  let lock: Awaited<ReturnType<ImapFlow['getMailboxLock']>>;
  try {
    lock = await client.getMailboxLock(mailbox);
  } catch {
    return [];
  }
  try {
    const ids: string[] = [];
    if (client.mailbox && client.mailbox.exists > 0) {
      for await (const m of client.fetch('1:*', { envelope: true })) ids.push(m.envelope?.messageId ?? '');
    }
    return ids;
  } finally {
    lock.release();
  }
}

export interface Snapshot {
  cases: CaseRow[];
  log: LogRow[];
  jobs: JobRow[];
  inbox: string[];
  quarantine: string[];
}

export async function snapshot(db: Connection, queue: Queue, imap: ImapFlow, inbox: string): Promise<Snapshot> {
  // Mailboxes first: a message is logged (or recorded as quarantined) before it leaves INBOX, so one that
  // moves while we read is seen in one place or the other, never in neither.
  const inInbox = await forwardIdsIn(imap, inbox);
  const inQuarantine = await forwardIdsIn(imap, 'Quarantine');
  const cases = (await db.collection('cases').find({}).toArray()) as unknown as CaseRow[];
  const log = (await db.collection('log_entries').find({}).toArray()) as unknown as LogRow[];
  const jobs: JobRow[] = [];
  for (const state of ['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized'] as const) {
    for (const job of await queue.getJobs([state], 0, -1)) {
      if (job?.id) jobs.push({ id: job.id, state, uid: Number(job.data?.uid), attemptsMade: job.attemptsMade ?? 0 });
    }
  }
  return {
    cases,
    log,
    jobs,
    inbox: inInbox,
    quarantine: inQuarantine,
  };
}

export function signaturesOf(s: Snapshot): CaseSignatures {
  const logCount = new Map<string, number>();
  for (const e of s.log) logCount.set(e.caseNumber, (logCount.get(e.caseNumber) ?? 0) + 1);
  return new Map(
    s.cases.map((c) => [
      c.caseNumber,
      [c.status, c.resolution?.outcome ?? '-', ms(c.resolution?.date) ?? '-', logCount.get(c.caseNumber) ?? 0].join(
        '|',
      ),
    ]),
  );
}

/**
 * The figures of one run. `uidToSeq` maps the UIDs the messages were appended under to their position in
 * the message set (UIDs survive a UIDVALIDITY change here: only the validity changes).
 */
export function figuresOf(
  s: Snapshot,
  set: MessageSet,
  uidToSeq: Map<number, number>,
  reference: CaseSignatures | null,
  worstOrphanWaitMs: number | null,
  attempts: AttemptLedger,
): Figures {
  const entriesPer = new Map<string, number>();
  let unmatchedEntries = 0;
  const known = new Set(set.messages.map((m) => entryKey(m.caseNumber, m.date)));
  for (const e of s.log) {
    const key = entryKey(e.caseNumber, e.occurredAt);
    if (!known.has(key)) unmatchedEntries++;
    entriesPer.set(key, (entriesPer.get(key) ?? 0) + 1);
  }
  const inInbox = new Set(s.inbox);
  const inQuarantine = new Set(s.quarantine);
  const logged = (m: GeneratedMessage) => (entriesPer.get(entryKey(m.caseNumber, m.date)) ?? 0) > 0;

  const lost = set.messages.filter(
    (m) => !logged(m) && !inQuarantine.has(m.forwardMessageId) && !inInbox.has(m.forwardMessageId),
  ).length;
  let duplicated = unmatchedEntries;
  for (const n of entriesPer.values()) duplicated += Math.max(0, n - 1);

  let wronglyClosed = 0;
  let missed = 0;
  const byNumber = new Map(s.cases.map((c) => [c.caseNumber, c]));
  for (const c of s.cases) {
    const truth: CaseTruth | undefined = set.cases.get(c.caseNumber);
    if (c.status === 'resolved' && !rightlyResolved(c, truth)) wronglyClosed++;
  }
  for (const truth of set.cases.values()) {
    const c = byNumber.get(truth.caseNumber);
    if (truth.finalStatus !== 'unresolved' && c?.status !== truth.finalStatus && c?.status !== 'resolved') missed++;
  }

  let orderDependent: number | null = null;
  if (reference) {
    const mine = signaturesOf(s);
    orderDependent = 0;
    for (const caseNumber of new Set([...reference.keys(), ...mine.keys()])) {
      if (reference.get(caseNumber) !== mine.get(caseNumber)) orderDependent++;
    }
  }

  const bySeq = new Map(set.messages.map((m) => [m.seq, m]));
  let falseFailures = 0;
  for (const job of s.jobs) {
    const seq = uidToSeq.get(job.uid);
    const m = seq === undefined ? undefined : bySeq.get(seq);
    if (job.state === 'failed' && m && (logged(m) || inQuarantine.has(m.forwardMessageId))) falseFailures++;
  }

  return {
    lost,
    duplicated,
    wronglyClosed,
    orderDependent,
    attemptsSpent: attempts.spent(s.jobs),
    falseFailures,
    worstOrphanWaitMs,
    leftInInbox: s.inbox.length,
    quarantined: s.quarantine.length,
    missed,
  };
}

function rightlyResolved(c: CaseRow, truth: CaseTruth | undefined): boolean {
  if (truth?.finalStatus !== 'resolved') return false;
  return c.resolution?.outcome === truth.outcome && ms(c.resolution?.date) === ms(truth.resolvedBy);
}

/** True when the run breaks the suite's bar: any count above zero, or an orphaned job waiting 10 s or more. */
export function failing(f: Figures): boolean {
  const counts = [
    f.lost,
    f.duplicated,
    f.wronglyClosed,
    f.orderDependent ?? 0,
    f.attemptsSpent,
    f.falseFailures,
    f.leftInInbox,
    f.quarantined,
  ];
  return counts.some((n) => n > 0) || (f.worstOrphanWaitMs ?? 0) >= 10_000;
}
