import type { ImapConfig } from '../config.js';
import { QuarantineError } from '../errors.js';
import { type InboundMessage, originalsOf } from '../ingest/inbound-message.js';
import { parseInboundMessage } from '../ingest/parse-message.js';
import type { ReadMessage, StoredMail, StoredPlace } from '../ingest/stored-mail.js';
import type { Logger } from '../logger.js';
import {
  type CaseStore,
  changedAnalysisFields,
  type LogEntryAnalysis,
  type StoredMessageRef,
} from '../models/case-store.js';
import { decideCaseIdentity } from '../rules/case-decision.js';
import { type DerivedCase, deriveCase, type PolicyEntry } from '../rules/case-policy.js';
import { analyzeForCase, entryAnalysisOf, identityFactsOf, type RecordMessageDeps } from './record-message.js';

/**
 * `reanalyze`: the stored messages (in the Processed mailbox) analysed again with the current rules and
 * sender templates, as the worker would analyse them now; what changes in each entry and in its case
 * (derived in memory with the user's changes, which always keep their effect) is reported, then applied
 * with `reviseLogEntry` unless it is a dry run. A message's case is never changed here: one that would
 * now belong to another case is reported only (unless the user filed it there with `case: X`). A message that cannot be found or read is reported, and
 * the others go on.
 */

export interface ReanalyzeDeps {
  cases: Pick<CaseStore, 'storedMessages' | 'entryAnalysis' | 'derivationInputs' | 'reviseLogEntry' | 'identityFacts'>;
  mail: Pick<StoredMail, 'read' | 'findByMessageId' | 'findByText'>;
  imap: Pick<ImapConfig, 'processedMailbox' | 'maxMessageBytes' | 'allowedForwarders'>;
  ruleset: RecordMessageDeps['ruleset'];
  templates?: RecordMessageDeps['templates'];
  logger: Logger;
}

export interface FieldChange {
  field: keyof LogEntryAnalysis;
  before: unknown;
  after: unknown;
}

export interface EntryReport {
  messageKey: string;
  subject: string;
  occurredAt: Date;
  changes: FieldChange[];
}

/** What a case shows: its status and resolution (derived from its entries and the user's changes). */
export interface CaseState {
  status: DerivedCase['status'];
  resolution: DerivedCase['resolution'];
  suggestedResolution: DerivedCase['suggestedResolution'];
}

export interface CaseReport {
  owner: string;
  caseNumber: string;
  /** Entries whose analysis changes (only those). */
  entries: EntryReport[];
  before: CaseState | null;
  after: CaseState | null;
  /** Messages that would now be filed elsewhere: reported, never applied. `now` null: under no case. */
  identityChanges: { messageKey: string; subject: string; now: string | null }[];
  /** Messages that could not be re-read or re-analysed: the entry is left as it is. */
  problems: { messageKey: string; problem: string }[];
  /** The changes were written (not a dry run, and there were some). */
  applied: boolean;
}

export interface ReanalyzeOptions {
  owner?: string;
  caseNumber?: string;
  dryRun: boolean;
  /** After each case (progress). */
  onCase?: (report: CaseReport) => void;
}

/** Every stored message of the selected cases, case by case (oldest message first within a case). */
export async function reanalyze(deps: ReanalyzeDeps, options: ReanalyzeOptions): Promise<CaseReport[]> {
  const refs = await deps.cases.storedMessages({ owner: options.owner, caseNumber: options.caseNumber });
  const byCase = new Map<string, StoredMessageRef[]>();
  for (const ref of refs) {
    const key = `${ref.owner}\n${ref.caseNumber}`;
    byCase.set(key, [...(byCase.get(key) ?? []), ref]);
  }
  const reports: CaseReport[] = [];
  for (const messages of byCase.values()) {
    const report = await reanalyzeCase(messages, deps, options.dryRun);
    reports.push(report);
    options.onCase?.(report);
  }
  return reports;
}

async function reanalyzeCase(messages: StoredMessageRef[], deps: ReanalyzeDeps, dryRun: boolean): Promise<CaseReport> {
  const [first] = messages;
  if (!first) throw new Error('reanalyzeCase needs at least one message');
  const { owner, caseNumber } = first;
  const log = deps.logger.child({ owner, case: caseNumber });
  const report: CaseReport = {
    owner,
    caseNumber,
    entries: [],
    before: null,
    after: null,
    identityChanges: [],
    problems: [],
    applied: false,
  };
  const inputs = await deps.cases.derivationInputs(owner, caseNumber);
  const revised = new Map<string, LogEntryAnalysis>();
  for (const ref of messages) {
    const outcome = await reanalyzeMessage(ref, deps, inputs?.changes.map((c) => c.key) ?? []);
    if (outcome.kind === 'problem') {
      report.problems.push({ messageKey: ref.messageKey, problem: outcome.problem });
      log.warn({ messageKey: ref.messageKey, problem: outcome.problem }, 'stored message not reanalysed');
      continue;
    }
    if (outcome.identityNow !== undefined) {
      report.identityChanges.push({ messageKey: ref.messageKey, subject: outcome.subject, now: outcome.identityNow });
    }
    if (outcome.changes.length > 0) {
      revised.set(ref.messageKey, outcome.analysis);
      report.entries.push({
        messageKey: ref.messageKey,
        subject: outcome.subject,
        occurredAt: outcome.occurredAt,
        changes: outcome.changes,
      });
    }
  }
  if (inputs && inputs.entries.length > 0) {
    report.before = stateOf(deriveCase(inputs.entries, inputs.changes));
    const entries = inputs.entries.map((e) => withAnalysis(e, revised.get(e.messageKey)));
    report.after = stateOf(deriveCase(entries, inputs.changes));
  }
  if (!dryRun && revised.size > 0) {
    for (const [messageKey, analysis] of revised) await deps.cases.reviseLogEntry(owner, messageKey, analysis);
    report.applied = true;
    log.info({ entries: revised.size }, 'case reanalysed');
  }
  return report;
}

type MessageOutcome =
  | { kind: 'problem'; problem: string }
  | {
      kind: 'analysed';
      subject: string;
      occurredAt: Date;
      analysis: LogEntryAnalysis;
      changes: FieldChange[];
      /** Set when the rules would file it elsewhere now (null: under no case at all). */
      identityNow?: string | null;
    };

async function reanalyzeMessage(
  ref: StoredMessageRef,
  deps: ReanalyzeDeps,
  caseChangeKeys: readonly string[],
): Promise<MessageOutcome> {
  const found = await findStored(ref, deps);
  if (found.kind === 'problem') return found;
  const { message } = found;
  const stored = await deps.cases.entryAnalysis(ref.owner, ref.messageKey);
  if (!stored) return { kind: 'problem', problem: 'its log entry is gone' };
  let analysis: LogEntryAnalysis;
  let identityNow: string | null | undefined;
  try {
    const templates = deps.templates;
    const findings = await analyzeForCase(message, ref.owner, {
      ruleset: deps.ruleset,
      customerAddresses: deps.imap.allowedForwarders,
      // The sender's template as learnt from mail about other cases: this message's own sentences (recorded
      // under its case when it was logged) would otherwise make it look like the sender's template.
      templates: templates && {
        templateOf: (domain: string) => templates.templateOf(domain, { exceptCase: stored.caseId }),
        record: () => Promise.resolve(false),
      },
    });
    analysis = entryAnalysisOf(message, findings);
    // A message the user filed (`case: X` above the forward) is where the user put it, whatever the rules say.
    if (stored.filedBy === 'rules') {
      const identity = decideCaseIdentity(await identityFactsOf(message, findings, ref.owner, deps.cases));
      const now = identity?.caseNumber ?? null;
      if (now !== ref.caseNumber && !explainedByHistory(now, caseChangeKeys)) identityNow = now;
    }
  } catch (err) {
    if (!(err instanceof QuarantineError)) throw err;
    return { kind: 'problem', problem: `cannot be analysed now (${err.reason}: ${err.message})` };
  }
  const changes = changedAnalysisFields(stored.analysis, analysis).map((field) => ({
    field,
    before: stored.analysis[field],
    after: analysis[field],
  }));
  return {
    kind: 'analysed',
    subject: message.original.subject,
    occurredAt: new Date(message.original.date ?? message.envelopeDate ?? 0),
    analysis,
    changes,
    ...(identityNow !== undefined ? { identityNow } : {}),
  };
}

/**
 * The case the rules name is the one the message is filed under, by another name: the user renumbered
 * that case or merged it into this one, or the worker merged its `order:` case into it.
 */
function explainedByHistory(now: string | null, caseChangeKeys: readonly string[]): boolean {
  if (now === null) return false;
  return caseChangeKeys.some((k) => k.startsWith(`renumber:${now}→`) || k.startsWith(`merge:${now}→`));
}

/**
 * The stored message, parsed: at its recorded place in Processed; else (place unknown, or the mailbox
 * was recreated) found by its Message-ID, in a header or (a forward's attached original) in the text.
 * A candidate counts only when it parses to the entry's own message key (or one of its several originals does).
 */
async function findStored(
  ref: StoredMessageRef,
  deps: ReanalyzeDeps,
): Promise<{ kind: 'found'; message: InboundMessage } | { kind: 'problem'; problem: string }> {
  const candidates: StoredPlace[] = [];
  if (ref.stored) candidates.push({ ...ref.stored });
  let searched = false;
  const tryPlaces = async (places: StoredPlace[]) => {
    for (const place of places) {
      const read = await deps.mail.read(place);
      const message = read ? await parsedOrNull(read, deps) : null;
      // A mail that carries several forwarded originals holds this entry's among them.
      const own = message ? originalsOf(message).find((m) => m.messageKey === ref.messageKey) : undefined;
      if (own) return own;
    }
    return null;
  };
  const atPlace = await tryPlaces(candidates);
  if (atPlace) return { kind: 'found', message: atPlace };
  if (ref.messageId) {
    searched = true;
    const mailbox = deps.imap.processedMailbox;
    const byHeader = await tryPlaces(await deps.mail.findByMessageId(mailbox, ref.messageId));
    if (byHeader) return { kind: 'found', message: byHeader };
    const bare = ref.messageId.replace(/^<|>$/g, '');
    const byText = await tryPlaces(await deps.mail.findByText(mailbox, bare, 5));
    if (byText) return { kind: 'found', message: byText };
  }
  const where = ref.stored
    ? `not at ${ref.stored.mailbox} UID ${ref.stored.uid}${searched ? ' nor found by its Message-ID' : ''}`
    : searched
      ? `no place recorded, and no message in ${deps.imap.processedMailbox} with its Message-ID`
      : 'no place recorded and no Message-ID to look for';
  return { kind: 'problem', problem: `not found: ${where}` };
}

async function parsedOrNull(read: ReadMessage, deps: ReanalyzeDeps): Promise<InboundMessage | null> {
  try {
    return await parseInboundMessage(read.raw, {
      maxBytes: deps.imap.maxMessageBytes,
      receivedAt: read.receivedAt,
      severalOriginals: 'each',
    });
  } catch {
    return null;
  }
}

function withAnalysis(entry: PolicyEntry, analysis: LogEntryAnalysis | undefined): PolicyEntry {
  if (!analysis) return entry;
  return {
    ...entry,
    direction: analysis.direction,
    channel: analysis.channel,
    implies: analysis.implies,
    resolution: analysis.resolution,
    suggestedResolution: analysis.suggestedResolution,
    issueDescription: analysis.issueDescription,
    merchant: analysis.merchant,
    orderNumber: analysis.orderNumber,
  };
}

function stateOf(derived: DerivedCase): CaseState {
  return {
    status: derived.status,
    resolution: derived.resolution,
    suggestedResolution: derived.suggestedResolution,
  };
}
