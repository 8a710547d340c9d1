import type { Types } from 'mongoose';
import { QuarantineError } from '../errors.js';
import { type InboundMessage, partLabelOf } from '../ingest/inbound-message.js';
import type { Logger } from '../logger.js';
import type { CaseStore, LogEntryAnalysis } from '../models/case-store.js';
import type { SenderTemplateStore } from '../models/sender-template-store.js';
import type { AnalyzeOptions } from '../rules/analyze.js';
import { NO_TEMPLATE, type SenderTemplate, templateFingerprintsOf } from '../rules/boilerplate.js';
import {
  type CaseIdentityFacts,
  decideCaseIdentity,
  decideOrderSettlement,
  decideResolution,
  normalizeMessageId,
  threadIdsOf,
} from '../rules/case-decision.js';
import { impliedStatusOf } from '../rules/case-policy.js';
import type { Findings } from '../rules/findings.js';
import type { Ruleset } from '../rules/ruleset.js';
import { AnalysisThreadCrashedError } from './analysis-pool.js';

/**
 * What happens to a parsed message the tracker accepts as its owner's (the worker: a trusted forward;
 * `import`: the user's own archive; `quarantine retry` of an imported message): analysis with the
 * sender's template, the case it belongs to, the log entry, the case derived again, the template
 * learnt. The same steps for every entry point, so a message gives the same entry however it came.
 * Where the message goes afterwards (moved, appended to Processed) is the caller's.
 */

export interface RecordMessageDeps {
  cases: Pick<
    CaseStore,
    | 'identityFacts'
    | 'casesWithOrder'
    | 'absorbOrderCase'
    | 'openCase'
    | 'appendLogEntry'
    | 'deriveFromLog'
    | 'caseOfLoggedMessage'
    | 'removeUnusedCase'
  >;
  /** The rules `analyze` runs with when there is no `analyzer`; absent: the built-in rules. */
  ruleset?: Ruleset;
  /** The allowed forwarders: their own mail is the customer's side (the owner always counts too). */
  customerAddresses: readonly string[];
  logger: Logger;
  /** Per-sender template learning (rules/boilerplate.ts); without it no template is set aside. */
  templates?: Pick<SenderTemplateStore, 'templateOf' | 'record'>;
  /** Runs the rules; `analyze` in this thread when absent (the worker passes its thread pool's). */
  analyzer?: Analyzer;
}

/** `analyze` (rules/analyze.ts) or something that gives the same findings, e.g. off the main thread. */
export type Analyzer = (message: InboundMessage, options: AnalyzeOptions) => Findings | Promise<Findings>;

/**
 * `analyze` on this thread, loaded on first use (with the built-in rules when no ruleset is given): the
 * worker analyses on its threads, so its main thread never loads the rules' analysis for nothing.
 */
async function analyzeHere(message: InboundMessage, ruleset: Ruleset | undefined, options: AnalyzeOptions) {
  const [{ analyze }, rules] = await Promise.all([
    import('../rules/analyze.js'),
    ruleset ?? import('../rules/compiled-ruleset.js').then((m) => m.builtInRuleset),
  ]);
  return analyze(message, rules, options);
}

/** Where the message was when it was recorded (the log entry's `source`); null when it was in no mailbox. */
export interface RecordedSource {
  mailbox: string;
  uidValidity: string;
  uid: number;
}

export interface RecordOptions {
  /** The message's analysis (analyzeForCase) when the caller already made it (`import` decides on it first). */
  findings?: Findings;
  /**
   * Whether the message belongs in a case at all, given what was found and what the owner's cases hold
   * (`import` reads mail of every kind); absent: every message with a case identity does.
   */
  admit?: (facts: CaseIdentityFacts, findings: Findings, message: InboundMessage) => boolean;
  /**
   * The case the user filed the message under (`case: X` above a forward, workers/email-commands.ts):
   * taken instead of the case number the rules found, so `decideCaseIdentity` files it there.
   */
  caseNumber?: string | null;
}

export type RecordResult =
  | {
      kind: 'logged';
      /** The case it is filed under now (after any merge). */
      caseNumber: string;
      caseId: string;
      appended: boolean;
      /** This message closed its case. */
      resolved: boolean;
    }
  /** `admit` said no: left alone. */
  | { kind: 'not_about_a_case' }
  /** Permanent: the caller quarantines the message with this reason. */
  | { kind: 'quarantine'; error: QuarantineError };

/** The sender's template could not be read: temporary (I/O), the caller retries or fails. */
export class TemplateUnavailableError extends Error {}

/** The customers whose mail is the customer's side for `owner`'s messages: the allowed forwarders and the owner. */
function customersFor(owner: string, customerAddresses: readonly string[]): readonly string[] {
  return customerAddresses.includes(owner) || owner === '' ? customerAddresses : [...customerAddresses, owner];
}

/**
 * Each of a mail's originals analysed before any is logged: their findings in order, or the first that
 * cannot be analysed and why (it sets the whole mail aside). Temporary failures throw, as for one.
 */
export async function analyzeEach(
  originals: readonly InboundMessage[],
  owner: string,
  deps: Pick<RecordMessageDeps, 'ruleset' | 'customerAddresses' | 'templates' | 'analyzer'>,
): Promise<{ findings: Findings[] } | { refused: QuarantineError; original: InboundMessage }> {
  const findings: Findings[] = [];
  for (const original of originals) {
    try {
      findings.push(await analyzeForCase(original, owner, deps));
    } catch (err) {
      if (!(err instanceof QuarantineError)) throw err;
      return { refused: err, original };
    }
  }
  return { findings };
}

/** `error` about one of several originals, naming it and what became of the others. */
export function aboutOriginal(error: QuarantineError, message: InboundMessage, others: string): QuarantineError {
  return new QuarantineError(error.reason, `original ${partLabelOf(message)}: ${error.message} (${others})`, {
    cause: error,
  });
}

/**
 * The analysis of a message as the worker runs it: the sender's template first (a read that fails
 * throws TemplateUnavailableError's cause: temporary), then `analyze`. A message with no date at all
 * cannot be logged (QuarantineError `unparseable`); any other analysis failure is permanent
 * (QuarantineError `processing_failed`).
 */
export async function analyzeForCase(
  message: InboundMessage,
  owner: string,
  deps: Pick<RecordMessageDeps, 'ruleset' | 'customerAddresses' | 'templates' | 'analyzer'>,
): Promise<Findings> {
  const customers = customersFor(owner, deps.customerAddresses);
  let findings: Findings;
  try {
    const senderTemplate = await senderTemplateFor(message, customers, deps);
    const options = { customerAddresses: [...customers], senderTemplate };
    findings = await (deps.analyzer ? deps.analyzer(message, options) : analyzeHere(message, deps.ruleset, options));
  } catch (err) {
    // Reading the sender's template is I/O: its failure is temporary, so the job is retried.
    if (err instanceof TemplateUnavailableError) throw err.cause;
    // A dead analysis thread (heap limit, timeout) says nothing of the message: temporary too.
    if (err instanceof AnalysisThreadCrashedError) throw err;
    // Analysis is deterministic: retrying cannot help, so any failure here is permanent.
    if (err instanceof QuarantineError) throw err;
    throw new QuarantineError('processing_failed', 'analysis failed', { cause: err });
  }
  // The log entry's date is the message's own chain (its date, the forward's, INTERNALDATE), never
  // the clock: a retry must log the same entry. Dovecot always gives INTERNALDATE, so this is rare.
  if (!message.original.date && !message.envelopeDate) {
    throw new QuarantineError('unparseable', 'message has no date: no Date header, forward date or INTERNALDATE');
  }
  return findings;
}

/** The date a message is logged at: its own, else the forward's, else INTERNALDATE (analyzeForCase checked one exists). */
function occurredAtOf(message: InboundMessage): Date {
  return new Date(message.original.date ?? message.envelopeDate ?? '');
}

/** What the message says for its case: the analysis fields of its log entry (also what `reanalyze` compares). */
export function entryAnalysisOf(message: InboundMessage, findings: Findings): LogEntryAnalysis {
  // Invariant 4: only a confident resolution, in new text, from the support side closes a case.
  const decided = decideResolution(findings, { messageKey: message.messageKey, occurredAt: occurredAtOf(message) });
  return {
    summary: findings.summary,
    nextSteps: findings.nextSteps,
    nextStepsDue: findings.nextStepsDue,
    channel: findings.channel,
    direction: findings.direction,
    contactPerson: findings.contactPerson,
    implies: impliedStatusOf(findings.direction, findings.nextSteps),
    resolution: decided.resolution,
    suggestedResolution: decided.suggestion,
    issueDescription: findings.issueDescription,
    merchant: merchantOf(message, findings),
    orderNumber: findings.orderNumber,
  };
}

/** The facts `decideCaseIdentity` needs for this message, looked up in `owner`'s cases. */
export async function identityFactsOf(
  message: InboundMessage,
  findings: Findings,
  owner: string,
  cases: Pick<CaseStore, 'identityFacts'>,
): Promise<CaseIdentityFacts> {
  return cases.identityFacts(owner, {
    caseNumber: findings.caseNumber,
    orderNumber: findings.orderNumber,
    threadIds: threadIdsOf({
      inReplyTo: message.original.inReplyTo ?? null,
      references: message.original.references ?? [],
    }),
  });
}

/**
 * Analyses the message and logs it in `owner`'s case. Every step is idempotent (the entry by its
 * message key, the merge by its key, the template by message key), so running it again after a
 * crash, or on the same message from another source, changes nothing. A message this owner already
 * logged stays in the case it is in (whatever the rules or a `case:` line say now: moving it is the
 * user's `cases renumber`/`merge`), and no case is left without an entry. Temporary failures throw.
 */
export async function recordMessage(
  message: InboundMessage,
  owner: string,
  source: RecordedSource | null,
  deps: RecordMessageDeps,
  options: RecordOptions = {},
): Promise<RecordResult> {
  let findings: Findings;
  try {
    findings = options.findings ?? (await analyzeForCase(message, owner, deps));
  } catch (err) {
    if (err instanceof QuarantineError) return { kind: 'quarantine', error: err };
    throw err;
  }
  const occurredAt = occurredAtOf(message);

  // Logged before (the same mail forwarded again, a retried job after the append): its case is the entry's.
  // A crash between opening a case and appending leaves no entry, so a retry takes the path below again.
  const logged = await deps.cases.caseOfLoggedMessage(owner, message.messageKey);
  if (logged) {
    if (options.caseNumber && options.caseNumber !== logged.caseNumber) {
      deps.logger.info(
        { case: logged.caseNumber, asked: options.caseNumber, messageKey: message.messageKey },
        '`case:` above the forward ignored: the message is already filed under another case',
      );
    }
    return settle(message, owner, findings, { ...logged, appended: false, by: 'already_logged' }, deps);
  }

  // Which case (rules/case-decision.ts): its number, else the case holding its order, else the case of
  // the message it answers. The store only looks the facts up and carries the decision out.
  const facts = await identityFactsOf(
    message,
    options.caseNumber ? { ...findings, caseNumber: options.caseNumber } : findings,
    owner,
    deps.cases,
  );
  if (options.admit && !options.admit(facts, findings, message)) return { kind: 'not_about_a_case' };
  const identity = decideCaseIdentity(facts);
  if (!identity) {
    return {
      kind: 'quarantine',
      error: new QuarantineError('no_case_number', 'no case number, order number or known thread in the message'),
    };
  }
  const { caseNumber } = identity;
  // The owner's `order:<order>` case takes the merchant's number now it has arrived (idempotent by key).
  if (identity.mergeFrom) {
    await deps.cases.absorbOrderCase(owner, identity.mergeFrom.caseNumber, caseNumber, occurredAt);
    deps.logger.info(
      {
        case: caseNumber,
        messageKey: message.messageKey,
        from: identity.mergeFrom.caseNumber,
        renamed: identity.mergeFrom.renamed,
      },
      'order case merged',
    );
  }

  // The entry records what the message says for the case; the case is then derived from all its
  // entries (rules/case-policy.ts), so processing order and concurrent workers cannot change it.
  const caseId = await deps.cases.openCase({ owner, caseNumber, occurredAt });
  const { appended, entryId } = await deps.cases.appendLogEntry(caseId, {
    ...entryAnalysisOf(message, findings),
    owner,
    caseNumber,
    messageKey: message.messageKey,
    messageId: message.original.messageId ? normalizeMessageId(message.original.messageId) : null,
    occurredAt,
    subject: message.original.subject,
    fromAddress: message.original.from?.address ?? null,
    source,
    reasons: findings.reasons,
    filedBy: options.caseNumber ? 'user' : 'rules',
  });
  if (!appended) {
    // Another worker logged the same message meanwhile, maybe under another case: it stays there, and the
    // case opened here for it is not left empty.
    const there = await deps.cases.caseOfLoggedMessage(owner, message.messageKey);
    if (there && !there.caseId.equals(caseId)) {
      await deps.cases.removeUnusedCase(caseId);
      return settle(message, owner, findings, { ...there, appended, by: 'already_logged' }, deps);
    }
    if (there) return settle(message, owner, findings, { ...there, appended, by: identity.by }, deps);
  }
  return settle(message, owner, findings, { caseId, caseNumber, entryId, appended, by: identity.by }, deps);
}

/**
 * After the entry is in (now, or by an earlier run): the case derived again, a numbered case and an
 * `order:` case for the same order merged, the sender's template learnt. Also after a retry that found
 * the entry already there: the crash may have come before any of this.
 */
async function settle(
  message: InboundMessage,
  owner: string,
  findings: Findings,
  filed: { caseId: Types.ObjectId; caseNumber: string; entryId: Types.ObjectId; appended: boolean; by: string },
  deps: RecordMessageDeps,
): Promise<RecordResult> {
  const { caseId, caseNumber, appended } = filed;
  const caseLog = deps.logger.child({ case: caseNumber, messageKey: message.messageKey });
  // The entry is among the case's inputs even if a crash came between its append and its listing.
  let derived = await deps.cases.deriveFromLog(caseId, { ensureEntry: filed.entryId });
  let filedUnder = caseNumber;
  // A numbered case and an `order:` case for the same order, logged by two workers at once: checked again
  // after our own write, so the later writer always merges them (rules/case-decision.ts).
  if (findings.orderNumber) {
    const settlement = decideOrderSettlement(
      findings.orderNumber,
      await deps.cases.casesWithOrder(owner, findings.orderNumber),
    );
    if (settlement) {
      const merged = await deps.cases.absorbOrderCase(owner, settlement.from, settlement.into, occurredAtOf(message));
      if (settlement.from === caseNumber) filedUnder = settlement.into;
      if (merged && filedUnder === settlement.into) derived = merged;
      caseLog.info({ from: settlement.from, into: settlement.into }, 'order case merged after the write');
    }
  }
  const resolved = derived.status === 'resolved' && derived.resolution?.sourceMessageId === message.messageKey;

  await recordSenderTemplate(message, findings, String(caseId), customersFor(owner, deps.customerAddresses), deps);
  caseLog.info(
    { appended, resolved, by: filed.by, direction: findings.direction, channel: findings.channel },
    'message recorded',
  );
  return { kind: 'logged', caseNumber: filedUnder, caseId: String(caseId), appended, resolved };
}

/** The support side's domain: the sender's for support mail, the addressee's for the customer's own. */
function merchantOf(message: InboundMessage, findings: Findings): string | null {
  const address =
    findings.direction === 'from_support' ? message.original.from?.address : message.original.to[0]?.address;
  const domain = address?.split('@')[1];
  return domain ?? null;
}

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
async function senderTemplateFor(
  message: InboundMessage,
  customers: readonly string[],
  deps: Pick<RecordMessageDeps, 'templates'>,
): Promise<SenderTemplate> {
  const domain = templateDomainOf(message, customers);
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
  customers: readonly string[],
  deps: Pick<RecordMessageDeps, 'templates'>,
): Promise<void> {
  const domain = templateDomainOf(message, customers);
  if (!deps.templates || !domain || findings.direction !== 'from_support') return;
  await deps.templates.record({
    domain,
    messageKey: message.messageKey,
    caseId,
    fingerprints: templateFingerprintsOf(message.original.text),
  });
}
