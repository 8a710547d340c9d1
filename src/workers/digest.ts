import type { Logger } from '../logger.js';
import type { CaseStore } from '../models/case-store.js';
import type { DigestStore } from '../models/digest-store.js';
import { digestContent, isEmptyDigest, type RenderedDigest, renderDigest } from '../reports/digest-email.js';

/** The one mail call the digest needs (nodemailer's transport implements it). */
export interface DigestMailer {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
  }): Promise<{ messageId?: string }>;
}

export interface DigestDeps {
  cases: CaseStore;
  digests: DigestStore;
  mailer: DigestMailer;
  from: string;
  now: () => Date;
  logger: Logger;
}

export type DigestOutcome = { status: 'sent'; messageId: string } | { status: 'already_sent' } | { status: 'empty' };

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Renders an owner's digest without sending or recording anything (`digest preview`). */
export async function previewDigest(owner: string, date: string, deps: Pick<DigestDeps, 'cases' | 'digests' | 'now'>) {
  const since = (await deps.digests.lastSentAt(owner, date)) ?? new Date(deps.now().getTime() - 24 * 3_600_000);
  const content = digestContent(owner, date, await deps.cases.caseFiles({ owner }), since);
  return { content, rendered: renderDigest(content) };
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
  const messageId = `<digest.${date}.${Buffer.from(owner).toString('hex')}@refund-tracker>`;
  try {
    await deps.mailer.sendMail({ from: deps.from, to: owner, messageId, ...(rendered satisfies RenderedDigest) });
  } catch (err) {
    await deps.digests.release(owner, date);
    throw err;
  }
  await deps.digests.markSent(owner, date, messageId, deps.now());
  log.info({ messageId }, 'digest sent');
  return { status: 'sent', messageId };
}
