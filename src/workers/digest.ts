import { createHash } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { CaseStore } from '../models/case-store.js';
import type { DigestStore } from '../models/digest-store.js';
import { caseViewOf } from '../reports/case-view.js';
import {
  type DigestContent,
  type DigestQuarantineItem,
  digestContent,
  isEmptyDigest,
} from '../reports/digest-content.js';
import { type RenderedDigest, renderDigest } from '../reports/digest-email.js';
import { labelsFor, type ReportLanguage } from '../reports/labels.js';
import { endOfLocalDay } from '../rules/case-as-of.js';

export { localDay } from '../reports/digest-content.js';

/** The one mail call the digest needs (nodemailer's transport implements it). */
export interface DigestMailer {
  sendMail(message: {
    from: string | { name: string; address: string };
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    headers?: Record<string, string>;
  }): Promise<{ messageId?: string }>;
}

/** A quarantine record as the store lists it (`_id`, or `id` once the store adds it). */
interface StoredQuarantineRecord {
  _id?: unknown;
  id?: string;
  reason: string;
  subject?: string | null;
  fromAddress?: string | null;
  quarantinedAt: Date;
  owner?: string | null;
  discarded?: unknown;
}

/** The quarantine call the digest needs: the newest records of every user (the digest keeps the owner's). */
export interface DigestQuarantineSource {
  list(): Promise<StoredQuarantineRecord[]>;
}

/** One user's digest settings (config's DIGEST_SCHEDULE, else the defaults). */
export interface DigestOptions {
  /** The zone of the digest's day and of "this month". Default UTC. */
  timeZone?: string;
  /** Labels in this language; null or absent: the language of the user's mail. */
  language?: ReportLanguage | null;
}

export interface DigestDeps {
  cases: Pick<CaseStore, 'caseFiles'>;
  digests: Pick<DigestStore, 'claim' | 'markSent' | 'release' | 'lastSentAt'>;
  quarantine: DigestQuarantineSource;
  mailer: DigestMailer;
  /** The digest's sender address (DIGEST_FROM); its domain names the Message-ID. */
  from: string;
  now: () => Date;
  logger: Logger;
  options?: DigestOptions;
}

export type DigestOutcome = { status: 'sent'; messageId: string } | { status: 'already_sent' } | { status: 'empty' };

const toItem = (r: StoredQuarantineRecord): DigestQuarantineItem => ({
  id: r.id ?? String(r._id),
  reason: r.reason,
  subject: r.subject ?? null,
  fromAddress: r.fromAddress ?? null,
  quarantinedAt: r.quarantinedAt,
  owner: r.owner ?? null,
  discarded: r.discarded ?? null,
});

/**
 * Renders an owner's digest without sending or recording anything (`digest preview`). With `asOfDay`, the
 * digest as it stood at the end of `date` in the user's zone: only entries, changes and quarantine records
 * dated up to then, each case derived from them again; "since" falls back to a day before that end.
 */
export async function previewDigest(
  owner: string,
  date: string,
  deps: Pick<DigestDeps, 'cases' | 'digests' | 'quarantine' | 'now' | 'options'>,
  view: { asOfDay?: boolean } = {},
): Promise<{ content: DigestContent; rendered: RenderedDigest }> {
  const asOf = view.asOfDay ? endOfLocalDay(date, deps.options?.timeZone ?? 'UTC') : undefined;
  const reference = asOf ?? deps.now();
  const since = (await deps.digests.lastSentAt(owner, date)) ?? new Date(reference.getTime() - 24 * 3_600_000);
  const [records, quarantine] = await Promise.all([deps.cases.caseFiles({ owner }, asOf), deps.quarantine.list()]);
  const content = digestContent({
    owner,
    date,
    since,
    cases: records.map(caseViewOf),
    quarantine: (asOf ? quarantine.filter((q) => q.quarantinedAt.getTime() <= asOf.getTime()) : quarantine).map(toItem),
    timeZone: deps.options?.timeZone,
    language: deps.options?.language ?? undefined,
  });
  return { content, rendered: renderDigest(content) };
}

/**
 * The digest's Message-ID: on the sender's own domain (a receiving server distrusts made-up ones), unique
 * per (owner, day). Replies carry it in In-Reply-To; DigestRun records it so they can be matched.
 */
export function digestMessageId(owner: string, date: string, from: string): string {
  const domain = from.slice(from.lastIndexOf('@') + 1).toLowerCase();
  if (!domain || !from.includes('@')) throw new Error(`digest sender is not an address: ${from}`);
  const tag = createHash('sha256').update(owner.toLowerCase()).digest('hex').slice(0, 16);
  return `<digest.${date}.${tag}@${domain}>`;
}

/** The headers that tell mail software the digest is automatic (RFC 3834), so no one auto-replies to it. */
export function digestHeaders(language: ReportLanguage): Record<string, string> {
  return {
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'All',
    'Content-Language': language,
  };
}

/**
 * Sends one owner's digest for one local day, at most once (invariant 6): the (owner, date)
 * claim is taken before sending and given back only if the send fails.
 */
export async function sendDigest(owner: string, date: string, deps: DigestDeps): Promise<DigestOutcome> {
  const log = deps.logger.child({ owner, date });
  const { content, rendered } = await previewDigest(owner, date, deps);
  if (isEmptyDigest(content)) {
    log.info('nothing to report; no digest sent');
    return { status: 'empty' };
  }
  if (!(await deps.digests.claim(owner, date, deps.now()))) {
    log.info('digest already sent for this day');
    return { status: 'already_sent' };
  }
  const messageId = digestMessageId(owner, date, deps.from);
  try {
    await deps.mailer.sendMail({
      from: { name: labelsFor(rendered.language).senderName, address: deps.from },
      to: owner,
      messageId,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      headers: digestHeaders(rendered.language),
    });
  } catch (err) {
    await deps.digests.release(owner, date);
    throw err;
  }
  await deps.digests.markSent(owner, date, messageId, deps.now());
  log.info({ messageId, language: rendered.language }, 'digest sent');
  return { status: 'sent', messageId };
}
