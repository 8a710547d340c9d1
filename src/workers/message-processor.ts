import type { ImapConfig } from '../config.js';
import { QuarantineError, type QuarantineReason } from '../errors.js';
import { checkTrust } from '../ingest/authentication-results.js';
import type { InboundMessage } from '../ingest/inbound-message.js';
import type { FetchedMessage, MovedMessage } from '../ingest/mailbox-messages.js';
import type { MessageRef } from '../ingest/message-ref.js';
import { parseInboundMessage } from '../ingest/parse-message.js';
import type { Logger } from '../logger.js';
import type { CaseStore } from '../models/case-store.js';
import type { QuarantineStore } from '../models/quarantine-store.js';
import type { SenderTemplateStore } from '../models/sender-template-store.js';
import { analyze } from '../rules/analyze.js';
import { NO_TEMPLATE, type SenderTemplate, templateFingerprintsOf } from '../rules/boilerplate.js';
import {
  decideCaseIdentity,
  decideOrderSettlement,
  decideResolution,
  normalizeMessageId,
  threadIdsOf,
} from '../rules/case-decision.js';
import { impliedStatusOf } from '../rules/case-policy.js';
import type { Findings } from '../rules/findings.js';
import type { Ruleset } from '../rules/ruleset.js';

/** The mailbox operations the processor needs (a narrow port; MailboxMessages implements it). */
export interface MessageSource {
  fetch(ref: MessageRef): Promise<FetchedMessage>;
  /** Where the message now sits in `target`; undefined from test doubles that do not say. */
  move(ref: MessageRef, target: string, keyword?: string): Promise<MovedMessage | undefined>;
}

export interface MessageProcessorDeps {
  source: MessageSource;
  cases: Pick<
    CaseStore,
    | 'identityFacts'
    | 'casesWithOrder'
    | 'absorbOrderCase'
    | 'openCase'
    | 'appendLogEntry'
    | 'deriveFromLog'
    | 'markStored'
  >;
  quarantine: QuarantineStore;
  imap: Pick<ImapConfig, 'processedMailbox' | 'quarantineMailbox' | 'maxMessageBytes' | 'allowedForwarders' | 'trust'>;
  ruleset: Ruleset;
  now: () => Date;
  logger: Logger;
  /** Per-sender template learning (rules/boilerplate.ts); without it no template is set aside. */
  templates?: Pick<SenderTemplateStore, 'templateOf' | 'record'>;
}

export type MessageOutcome =
  | { status: 'processed'; caseNumber: string; appended: boolean; resolved: boolean }
  | { status: 'quarantined'; reason: QuarantineReason }
  | { status: 'skipped'; why: 'gone' | 'stale' };

/** Below this, a resolution is only suggested to the user, never applied (decided in rules/case-decision.ts). */
export { AUTO_CLOSE_CONFIDENCE } from '../rules/case-decision.js';

/**
 * One message, start to finish. Effects are committed to MongoDB before the message leaves the
 * inbox (invariant 1); every step is idempotent, so a retry after a crash at any point is safe.
 * Permanent problems quarantine the message; temporary ones (IMAP, MongoDB) throw and are retried.
 */
export async function processMessage(ref: MessageRef, deps: MessageProcessorDeps): Promise<MessageOutcome> {
  const log = deps.logger.child({ mailbox: ref.mailbox, uidValidity: ref.uidValidity, uid: ref.uid });
  const fetched = await deps.source.fetch(ref);
  if (fetched.kind === 'gone' || fetched.kind === 'stale') {
    log.info({ why: fetched.kind }, 'message no longer in the inbox; nothing to do');
    return { status: 'skipped', why: fetched.kind };
  }
  if (fetched.kind === 'too_large') {
    return quarantine(
      ref,
      deps,
      log,
      new QuarantineError(
        'too_large',
        `message is ${fetched.size} bytes, over the ${deps.imap.maxMessageBytes}-byte limit`,
      ),
      {
        messageId: fetched.messageId,
        fromAddress: fetched.from,
        subject: fetched.subject,
        sizeBytes: fetched.size,
      },
    );
  }

  let message: InboundMessage | undefined;
  let findings: Findings;
  try {
    message = await parseInboundMessage(fetched.source, {
      maxBytes: deps.imap.maxMessageBytes,
      receivedAt: fetched.receivedAt,
    });
    const forwarder = message.envelopeFrom?.address ?? '';
    if (!deps.imap.allowedForwarders.includes(forwarder)) {
      throw new QuarantineError('untrusted_sender', `sender ${forwarder || '(none)'} is not an allowed forwarder`);
    }
    // Invariant 4: an allowed address is not enough; the receiving server must vouch for it.
    const trust = checkTrust(message, deps.imap.trust);
    if (!trust.trusted) throw new QuarantineError('unauthenticated', trust.detail);
    const senderTemplate = await senderTemplateFor(message, deps);
    findings = analyze(message, deps.ruleset, { customerAddresses: deps.imap.allowedForwarders, senderTemplate });
    // The log entry's date is the message's own chain (its date, the forward's, INTERNALDATE), never
    // the clock: a retry must log the same entry. Dovecot always gives INTERNALDATE, so this is rare.
    if (!message.original.date && !message.envelopeDate) {
      throw new QuarantineError('unparseable', 'message has no date: no Date header, forward date or INTERNALDATE');
    }
  } catch (err) {
    // Reading the sender's template is I/O: its failure is temporary, so the job is retried.
    if (err instanceof TemplateUnavailableError) throw err.cause;
    // Parsing and analysis are deterministic: retrying cannot help, so any failure here is permanent.
    const reason =
      err instanceof QuarantineError
        ? err
        : new QuarantineError('processing_failed', 'analysis failed', { cause: err });
    return quarantine(ref, deps, log, reason, {
      ...messageMetaOf(message),
      sizeBytes: fetched.size,
      owner: allowedOwnerOf(message, deps),
    });
  }

  const owner = message.envelopeFrom?.address ?? '';
  const occurredAt = new Date(message.original.date ?? message.envelopeDate ?? '');

  // Which case (rules/case-decision.ts): its number, else the case holding its order, else the case of
  // the message it answers. The store only looks the facts up and carries the decision out.
  const identity = decideCaseIdentity(
    await deps.cases.identityFacts(owner, {
      caseNumber: findings.caseNumber,
      orderNumber: findings.orderNumber,
      threadIds: threadIdsOf({
        inReplyTo: message.original.inReplyTo ?? null,
        references: message.original.references ?? [],
      }),
    }),
  );
  if (!identity) {
    const reason = new QuarantineError('no_case_number', 'no case number, order number or known thread in the message');
    return quarantine(ref, deps, log, reason, { ...messageMetaOf(message), sizeBytes: fetched.size, owner });
  }
  const caseNumber = identity.caseNumber;
  const caseLog = log.child({ case: caseNumber, messageKey: message.messageKey });
  // The owner's `order:<order>` case takes the merchant's number now it has arrived (idempotent by key).
  if (identity.mergeFrom) {
    await deps.cases.absorbOrderCase(owner, identity.mergeFrom.caseNumber, caseNumber, occurredAt);
    caseLog.info({ from: identity.mergeFrom.caseNumber, renamed: identity.mergeFrom.renamed }, 'order case merged');
  }

  // Invariant 4: only a confident resolution, in new text, from the support side closes a case.
  const decided = decideResolution(findings, { messageKey: message.messageKey, occurredAt });

  // The entry records what the message says for the case; the case is then derived from all its
  // entries (rules/case-policy.ts), so processing order and concurrent workers cannot change it.
  const caseId = await deps.cases.openCase({ owner, caseNumber, occurredAt });
  const { appended } = await deps.cases.appendLogEntry(caseId, {
    owner,
    caseNumber,
    messageKey: message.messageKey,
    messageId: message.original.messageId ? normalizeMessageId(message.original.messageId) : null,
    occurredAt,
    channel: findings.channel,
    direction: findings.direction,
    contactPerson: findings.contactPerson,
    summary: findings.summary,
    nextSteps: findings.nextSteps,
    nextStepsDue: findings.nextStepsDue,
    subject: message.original.subject,
    fromAddress: message.original.from?.address ?? null,
    source: ref,
    reasons: findings.reasons,
    implies: impliedStatusOf(findings.direction, findings.nextSteps),
    resolution: decided.resolution,
    suggestedResolution: decided.suggestion,
    issueDescription: findings.issueDescription,
    merchant: merchantOf(message, findings),
    orderNumber: findings.orderNumber,
  });
  // Also after a retry that found the entry already there: the crash may have come before this.
  let derived = await deps.cases.deriveFromLog(caseId);
  let filedUnder = caseNumber;
  // A numbered case and an `order:` case for the same order, logged by two workers at once: checked again
  // after our own write, so the later writer always merges them (rules/case-decision.ts).
  if (findings.orderNumber) {
    const settle = decideOrderSettlement(
      findings.orderNumber,
      await deps.cases.casesWithOrder(owner, findings.orderNumber),
    );
    if (settle) {
      const merged = await deps.cases.absorbOrderCase(owner, settle.from, settle.into, occurredAt);
      if (settle.from === caseNumber) filedUnder = settle.into;
      if (merged && filedUnder === settle.into) derived = merged;
      caseLog.info({ from: settle.from, into: settle.into }, 'order case merged after the write');
    }
  }
  const resolved = derived.status === 'resolved' && derived.resolution?.sourceMessageId === message.messageKey;

  await recordSenderTemplate(message, findings, String(caseId), deps);
  const moved = await deps.source.move(ref, deps.imap.processedMailbox);
  // Where it now sits, for `reanalyze`. A crash before this leaves it unknown (null), never wrong.
  if (moved && moved.uid !== null && moved.uidValidity) {
    await deps.cases.markStored(owner, message.messageKey, {
      mailbox: deps.imap.processedMailbox,
      uidValidity: moved.uidValidity,
      uid: moved.uid,
    });
  }
  caseLog.info(
    { appended, resolved, by: identity.by, direction: findings.direction, channel: findings.channel },
    'message processed',
  );
  return { status: 'processed', caseNumber: filedUnder, appended, resolved };
}

/** What `quarantine list` shows of a message that was parsed: the original's id, sender and subject. */
function messageMetaOf(message: InboundMessage | undefined) {
  if (!message) return {};
  return {
    messageId: message.original.messageId,
    fromAddress: message.original.from?.address ?? null,
    subject: message.original.subject || message.envelopeSubject || null,
  };
}

/** The envelope sender when it is an allowed forwarder (a quarantined message's owner), else null. */
function allowedOwnerOf(message: InboundMessage | undefined, deps: MessageProcessorDeps): string | null {
  const forwarder = message?.envelopeFrom?.address;
  return forwarder && deps.imap.allowedForwarders.includes(forwarder) ? forwarder : null;
}

/** The support side's domain: the sender's for support mail, the addressee's for the customer's own. */
function merchantOf(message: InboundMessage, findings: Findings): string | null {
  const address =
    findings.direction === 'from_support' ? message.original.from?.address : message.original.to[0]?.address;
  const domain = address?.split('@')[1];
  return domain ?? null;
}

async function quarantine(
  ref: MessageRef,
  deps: MessageProcessorDeps,
  log: Logger,
  error: QuarantineError,
  meta: {
    messageId?: string | null;
    fromAddress?: string | null;
    subject?: string | null;
    sizeBytes?: number | null;
    /** The allowed forwarder it came from, when known: whose `quarantine list` shows it. */
    owner?: string | null;
  },
): Promise<MessageOutcome> {
  await deps.quarantine.record(
    {
      mailbox: ref.mailbox,
      uidValidity: ref.uidValidity,
      uid: ref.uid,
      reason: error.reason,
      detail: error.message,
      messageId: meta.messageId ?? null,
      fromAddress: meta.fromAddress ?? null,
      subject: meta.subject ?? null,
      sizeBytes: meta.sizeBytes ?? null,
      owner: meta.owner ?? null,
    },
    deps.now(),
  );
  const moved = await deps.source.move(ref, deps.imap.quarantineMailbox, `$rt_${error.reason}`);
  if (moved && moved.uid !== null) {
    await deps.quarantine.markMoved(ref, {
      mailbox: deps.imap.quarantineMailbox,
      uidValidity: moved.uidValidity ?? null,
      uid: moved.uid,
    });
  }
  log.warn(
    { reason: error.reason, cause: error.cause instanceof Error ? error.cause.message : undefined },
    'message quarantined',
  );
  return { status: 'quarantined', reason: error.reason };
}

/**
 * A job out of attempts, for any reason: the message goes to Quarantine as `processing_failed` with
 * the last error (the IMAP keyword and the record), so it is never retried forever. Idempotent like
 * every quarantine: a second call finds the message gone and the record already there.
 */
export async function quarantineAfterLastAttempt(
  ref: MessageRef,
  deps: MessageProcessorDeps,
  attempts: number,
  lastError: unknown,
): Promise<MessageOutcome> {
  const log = deps.logger.child({ mailbox: ref.mailbox, uidValidity: ref.uidValidity, uid: ref.uid });
  const detail = lastError instanceof Error ? lastError.message : String(lastError);
  const error = new QuarantineError('processing_failed', `gave up after ${attempts} attempts: ${detail}`, {
    cause: lastError,
  });
  return quarantine(ref, deps, log, error, {});
}

class TemplateUnavailableError extends Error {}

/**
 * The domain whose template applies: the original sender's, unless that is one of the customers
 * (their own mail has no merchant template).
 */
function templateDomainOf(message: InboundMessage, customers: readonly string[]): string | null {
  const address = message.original.from?.address?.toLowerCase();
  if (!address || customers.some((c) => c.toLowerCase() === address)) return null;
  return address.split('@')[1] ?? null;
}

/** The sender's learnt template: one read by the domain, before `analyze`. */
async function senderTemplateFor(message: InboundMessage, deps: MessageProcessorDeps): Promise<SenderTemplate> {
  const domain = templateDomainOf(message, deps.imap.allowedForwarders);
  if (!deps.templates || !domain) return NO_TEMPLATE;
  try {
    return await deps.templates.templateOf(domain);
  } catch (cause) {
    throw new TemplateUnavailableError('cannot read the sender template', { cause });
  }
}

/**
 * After the case commit: the support side's new-text sentences, filed under this case, teach the
 * sender's template. Idempotent per message key, so a retried job records nothing twice.
 */
async function recordSenderTemplate(
  message: InboundMessage,
  findings: Findings,
  caseId: string,
  deps: MessageProcessorDeps,
): Promise<void> {
  const domain = templateDomainOf(message, deps.imap.allowedForwarders);
  if (!deps.templates || !domain || findings.direction !== 'from_support') return;
  await deps.templates.record({
    domain,
    messageKey: message.messageKey,
    caseId,
    fingerprints: templateFingerprintsOf(message.original.text),
  });
}
