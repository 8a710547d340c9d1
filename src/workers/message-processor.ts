import type { ImapConfig } from '../config.js';
import { QuarantineError, type QuarantineReason } from '../errors.js';
import { checkTrust } from '../ingest/authentication-results.js';
import { type InboundMessage, originalsOf, partLabelOf } from '../ingest/inbound-message.js';
import type { FetchedMessage, MovedMessage } from '../ingest/mailbox-messages.js';
import type { MessageRef } from '../ingest/message-ref.js';
import type { ParseOptions } from '../ingest/parse-message.js';
import { headerSectionOf, rawHeaderMeta } from '../ingest/raw-header-meta.js';
import type { Logger } from '../logger.js';
import type { CaseStore } from '../models/case-store.js';
import type { DigestStore } from '../models/digest-store.js';
import type { QuarantineStore } from '../models/quarantine-store.js';
import type { SenderTemplateStore } from '../models/sender-template-store.js';
import type { Ruleset } from '../rules/ruleset.js';
import { AnalysisThreadCrashedError } from './analysis-pool.js';
import { commandsAboveForwardOf, obeyCommandsAboveForward, obeyDigestReply } from './email-commands.js';
import { type Analyzer, aboutOriginal, analyzeEach, type RecordMessageDeps, recordMessage } from './record-message.js';

/** The mailbox operations the processor needs (a narrow port; MailboxMessages implements it). */
export interface MessageSource {
  fetch(ref: MessageRef): Promise<FetchedMessage>;
  /** Where the message now sits in `target`; undefined from test doubles that do not say. */
  move(ref: MessageRef, target: string, keyword?: string): Promise<MovedMessage | undefined>;
}

export interface MessageProcessorDeps {
  source: MessageSource;
  /** What recording a message needs, and what commands by email and its stored place need. */
  cases: RecordMessageDeps['cases'] & Pick<CaseStore, 'markStored' | 'applyManualChange' | 'addNote'>;
  quarantine: QuarantineStore;
  imap: Pick<ImapConfig, 'processedMailbox' | 'quarantineMailbox' | 'maxMessageBytes' | 'allowedForwarders' | 'trust'>;
  /** The rules `analyze` runs with when there is no `analyzer`; absent: the built-in rules. */
  ruleset?: Ruleset;
  /**
   * Parses the fetched bytes: the worker's analysis pool (off the main thread); parseInboundMessage in
   * this thread when absent. An AnalysisThreadCrashedError from it is temporary (the job is retried).
   * It may take `raw`'s memory over (the pool transfers it to its thread): the processor does not read
   * the bytes again.
   */
  parse?: (raw: Buffer, options: ParseOptions) => Promise<InboundMessage>;
  /** Runs the rules (the worker's analysis pool); `analyze` in this thread with `ruleset` when absent. */
  analyzer?: Analyzer;
  now: () => Date;
  logger: Logger;
  /** Per-sender template learning (rules/boilerplate.ts); without it no template is set aside. */
  templates?: Pick<SenderTemplateStore, 'templateOf' | 'record'>;
  /** Sent digests, to tell a reply to the digest (commands by email); without it no mail is taken for one. */
  digests?: Pick<DigestStore, 'sentDigestAmong'>;
}

export type MessageOutcome =
  | {
      status: 'processed';
      /** The case of its (first) original. */
      caseNumber: string;
      /** Some original was logged now (not by an earlier attempt or an earlier forward). */
      appended: boolean;
      /** Some original closed its case. */
      resolved: boolean;
      /** A mail that carries several originals: each one's outcome, in their order. */
      originals?: Array<{ caseNumber: string; appended: boolean; resolved: boolean }>;
    }
  /** A reply to the digest whose commands were all obeyed (workers/email-commands.ts): nothing logged in a case. */
  | { status: 'commands'; applied: number }
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
        // Its From (the server's envelope of it): the owner when an allowed forwarder sent it.
        owner: allowedAmong(fetched.from?.toLowerCase() ?? null, deps),
      },
    );
  }

  // Copied before the parser may take the bytes over: what a record of mail that fails says of it.
  const head = headerSectionOf(fetched.source);
  try {
    return await processFetched(ref, fetched, head, deps, log);
  } catch (err) {
    // A failure retried and, after the last attempt, quarantined (quarantineAfterLastAttempt) keeps the head.
    if (typeof err === 'object' && err !== null) headsOfFailures.set(err, head);
    throw err;
  }
}

/** The header sections of the messages whose processing threw, by the error thrown. */
const headsOfFailures = new WeakMap<object, Buffer>();

/** A fetched message from its parse on. */
async function processFetched(
  ref: MessageRef,
  fetched: Extract<FetchedMessage, { kind: 'ok' }>,
  head: Buffer,
  deps: MessageProcessorDeps,
  log: Logger,
): Promise<MessageOutcome> {
  let message: InboundMessage | undefined;
  try {
    message = await (deps.parse ?? parseHere)(fetched.source, {
      maxBytes: deps.imap.maxMessageBytes,
      receivedAt: fetched.receivedAt,
      severalOriginals: 'each',
    });
    const forwarder = message.envelopeFrom?.address ?? '';
    if (!deps.imap.allowedForwarders.includes(forwarder)) {
      throw new QuarantineError('untrusted_sender', `sender ${forwarder || '(none)'} is not an allowed forwarder`);
    }
    // Invariant 4: an allowed address is not enough; the receiving server must vouch for it.
    const trust = checkTrust(message, deps.imap.trust);
    if (!trust.trusted) throw new QuarantineError('unauthenticated', trust.detail);
  } catch (err) {
    // A thread that died (heap limit, timeout) says nothing of the message yet: retried, and quarantined
    // as processing_failed after the last attempt (service.ts), like any other temporary failure.
    if (err instanceof AnalysisThreadCrashedError) throw err;
    // Parsing is deterministic: retrying cannot help, so any other failure here is permanent.
    const reason =
      err instanceof QuarantineError
        ? err
        : new QuarantineError('processing_failed', 'analysis failed', { cause: err });
    // Mail that failed to parse: what its own header section says (whose it is, its sender and subject).
    if (!message) return quarantine(ref, deps, log, reason, { ...headerMetaOf(head, deps), sizeBytes: fetched.size });
    const bySender = reason.reason === 'untrusted_sender' || reason.reason === 'unauthenticated';
    return quarantine(ref, deps, log, reason, {
      ...(bySender ? senderMetaOf(message) : messageMetaOf(message)),
      sizeBytes: fetched.size,
      owner: allowedOwnerOf(message, deps),
    });
  }

  // Parsed and trusted: the same steps as `import` from here (record-message.ts).
  const owner = message.envelopeFrom?.address ?? '';
  // Commands by email (workers/email-commands.ts): a reply to the owner's digest is a command mail, no case's.
  if (deps.digests) {
    const reply = await obeyDigestReply(message, owner, { cases: deps.cases, digests: deps.digests, logger: log });
    if (reply?.rejected) {
      return quarantine(ref, deps, log, reply.rejected, { ...messageMetaOf(message), sizeBytes: fetched.size, owner });
    }
    if (reply) {
      await deps.source.move(ref, deps.imap.processedMailbox);
      return { status: 'commands', applied: reply.applied };
    }
  }
  // `case: X` above a forward files it under X (every original of a mail that carries several); a `case:`
  // line that cannot be read files it nowhere.
  const above = commandsAboveForwardOf(message);
  if (above?.rejected) {
    return quarantine(ref, deps, log, above.rejected, { ...messageMetaOf(message), sizeBytes: fetched.size, owner });
  }
  const originals = originalsOf(message);
  const several = originals.length > 1;
  const recordDeps: RecordMessageDeps = {
    cases: deps.cases,
    ruleset: deps.ruleset,
    customerAddresses: deps.imap.allowedForwarders,
    logger: log,
    templates: deps.templates,
    analyzer: deps.analyzer,
  };
  // Every original is analysed before any is logged: one that cannot be (no date at all, the analysis
  // failed) sets the mail aside with none of them logged.
  const analysed = await analyzeEach(originals, owner, recordDeps);
  if ('refused' in analysed) {
    const { refused, original } = analysed;
    const reason = several ? aboutOriginal(refused, original, 'none of them is logged') : refused;
    return quarantine(ref, deps, log, reason, { ...messageMetaOf(original), sizeBytes: fetched.size, owner });
  }
  const { findings } = analysed;
  // Each original is logged on its own, under its own key (the key a forward of it alone has), so a retry,
  // a redelivery or the same original forwarded again logs none twice; the mail leaves the inbox only
  // when every one is in its case. One that has no case leaves the mail in Quarantine (the others stay
  // logged: `quarantine retry` finds them logged and logs the rest).
  const logged: Array<{ message: InboundMessage; caseNumber: string; appended: boolean; resolved: boolean }> = [];
  for (const [i, each] of originals.entries()) {
    const recorded = await recordMessage(each, owner, ref, recordDeps, {
      caseNumber: above?.caseNumber,
      findings: findings[i],
    });
    if (recorded.kind === 'logged') {
      logged.push({ message: each, ...recorded });
      continue;
    }
    // `not_about_a_case` needs an `admit`, which the worker does not pass: every message has a case or is set aside.
    const reason =
      recorded.kind === 'quarantine'
        ? recorded.error
        : new QuarantineError('no_case_number', 'no case number, order number or known thread in the message');
    const done = logged.map((l) => `${partLabelOf(l.message)} in ${l.caseNumber}`);
    const partReason = several
      ? aboutOriginal(reason, each, done.length > 0 ? `logged: ${done.join(', ')}` : 'none of them is logged')
      : reason;
    return quarantine(ref, deps, log, partReason, { ...messageMetaOf(each), sizeBytes: fetched.size, owner });
  }
  const [first] = logged;
  if (!first) throw new Error('a message with no original');
  // The forwarded mail is logged; the notes and contacts typed above it go to its (first original's) case,
  // each once, by key.
  if (above)
    await obeyCommandsAboveForward(above, message, owner, first.caseNumber, { cases: deps.cases, logger: log });

  const moved = await deps.source.move(ref, deps.imap.processedMailbox);
  // Where it now sits, for `reanalyze`. A crash before this leaves it unknown (null), never wrong.
  if (moved && moved.uid !== null && moved.uidValidity) {
    for (const each of logged) {
      await deps.cases.markStored(owner, each.message.messageKey, {
        mailbox: deps.imap.processedMailbox,
        uidValidity: moved.uidValidity,
        uid: moved.uid,
      });
    }
  }
  for (const each of logged) {
    log.info(
      {
        case: each.caseNumber,
        messageKey: each.message.messageKey,
        ...(several ? { original: partLabelOf(each.message) } : {}),
        appended: each.appended,
        resolved: each.resolved,
      },
      'message processed',
    );
  }
  return {
    status: 'processed',
    caseNumber: first.caseNumber,
    appended: logged.some((l) => l.appended),
    resolved: logged.some((l) => l.resolved),
    ...(several
      ? { originals: logged.map(({ caseNumber, appended, resolved }) => ({ caseNumber, appended, resolved })) }
      : {}),
  };
}

/** A reason about one of several originals: which, and what became of the others. */
/**
 * parseInboundMessage on this thread, loaded on first use: the worker parses on its analysis threads, so
 * its main thread never loads mailparser, html-to-text and chrono-node (about 36 MB of RSS) for nothing.
 */
async function parseHere(raw: Buffer, options: ParseOptions): Promise<InboundMessage> {
  const { parseInboundMessage } = await import('../ingest/parse-message.js');
  return parseInboundMessage(raw, options);
}

/** What is known of a message set aside (the worker's or `import`'s): what `quarantine list` shows of it. */
export interface QuarantineMeta {
  messageId?: string | null;
  fromAddress?: string | null;
  /** Beside a sender who is not the forwarded original's: the original's sender. */
  originalFrom?: string | null;
  subject?: string | null;
  sizeBytes?: number | null;
}

/** IMAP keyword prefix of quarantined mail: `$rt_<reason>` (import and `quarantine retry` remove it). */
export const REASON_KEYWORD_PREFIX = '$rt_';

/** A quarantine record's fields about its message: what is known, null where nothing is. */
export function quarantinedMessageFields(meta: QuarantineMeta) {
  return {
    messageId: meta.messageId ?? null,
    fromAddress: meta.fromAddress ?? null,
    originalFrom: meta.originalFrom ?? null,
    subject: meta.subject ?? null,
    sizeBytes: meta.sizeBytes ?? null,
  };
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

/**
 * What `quarantine list` and the digest show of mail set aside because of who sent it (untrusted_sender,
 * unauthenticated): that sender, who mailed it to the mailbox (a stranger's forward of a merchant's mail
 * shows the stranger), with the forwarded original's sender beside it; the original's id and subject.
 */
function senderMetaOf(message: InboundMessage | undefined) {
  const sender = message?.envelopeFrom?.address;
  if (!message || !sender) return messageMetaOf(message);
  const original = message.original.from?.address ?? null;
  const forwarded = original !== null && original.toLowerCase() !== sender.toLowerCase();
  return { ...messageMetaOf(message), fromAddress: sender, originalFrom: forwarded ? original : null };
}

/**
 * What a quarantine record of mail that could not be parsed says of it, read from its header section
 * (ingest/raw-header-meta.ts): its From and subject, and as owner the user who sent it into the mailbox
 * when that is an allowed forwarder. None is: no owner, and every user's digest lists it, marked so.
 */
function headerMetaOf(head: Buffer, deps: MessageProcessorDeps) {
  const meta = rawHeaderMeta(head);
  return {
    messageId: meta.messageId,
    fromAddress: meta.from,
    subject: meta.subject,
    owner: allowedAmong(meta.forwarder, deps),
  };
}

/** The address (lower case) when it is an allowed forwarder's, else null. */
function allowedAmong(address: string | null, deps: MessageProcessorDeps): string | null {
  return address !== null && deps.imap.allowedForwarders.some((a) => a.toLowerCase() === address) ? address : null;
}

/** The envelope sender when it is an allowed forwarder (a quarantined message's owner), else null. */
function allowedOwnerOf(message: InboundMessage | undefined, deps: MessageProcessorDeps): string | null {
  const forwarder = message?.envelopeFrom?.address;
  return forwarder && deps.imap.allowedForwarders.includes(forwarder) ? forwarder : null;
}

async function quarantine(
  ref: MessageRef,
  deps: MessageProcessorDeps,
  log: Logger,
  error: QuarantineError,
  meta: QuarantineMeta & {
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
      ...quarantinedMessageFields(meta),
      owner: meta.owner ?? null,
    },
    deps.now(),
  );
  const moved = await deps.source.move(ref, deps.imap.quarantineMailbox, `${REASON_KEYWORD_PREFIX}${error.reason}`);
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
  // The message's header section, as the last attempt read it before it failed: whose it is, what it is.
  const head = typeof lastError === 'object' && lastError !== null ? headsOfFailures.get(lastError) : undefined;
  return quarantine(ref, deps, log, error, head ? headerMetaOf(head, deps) : {});
}
