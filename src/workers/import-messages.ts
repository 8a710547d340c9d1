import { createHash } from 'node:crypto';
import type { ImapConfig } from '../config.js';
import { QuarantineError, type QuarantineReason, UsageError } from '../errors.js';
import type { ArchivedMessage } from '../ingest/archive/types.js';
import { type InboundMessage, originalsOf, partLabelOf } from '../ingest/inbound-message.js';
import { IMAP_SOURCE_PREFIX } from '../ingest/mail-archive.js';
import type { FiledMessages } from '../ingest/mailbox-messages.js';
import type { MessageRef } from '../ingest/message-ref.js';
import { parseInboundMessage } from '../ingest/parse-message.js';
import { rawHeaderMeta } from '../ingest/raw-header-meta.js';
import type { ReadMessage, StoredMail, StoredPlace } from '../ingest/stored-mail.js';
import type { Logger } from '../logger.js';
import type { CaseStore } from '../models/case-store.js';
import type { QuarantineRecord, QuarantineStore } from '../models/quarantine-store.js';
import type { Findings } from '../rules/findings.js';
import { belongsInCase } from '../rules/refund-relevance.js';
import { type QuarantineMeta, quarantinedMessageFields, REASON_KEYWORD_PREFIX } from './message-processor.js';
import {
  aboutOriginal,
  analyzeEach,
  analyzeForCase,
  type RecordMessageDeps,
  type RecordOptions,
  type RecordResult,
  recordMessage,
} from './record-message.js';

/**
 * `import PATH|imap:FOLDER`: mail the user already has, through the worker's own steps (record-message.ts).
 * The user runs it on their own mail, so there is no forwarder or Authentication-Results check; the owner's
 * own messages are the customer's side. An archive holds mail of every kind: a message is logged only when
 * it carries a case number, answers a logged message, or carries an order number and is about a refund,
 * return or claim (rules/refund-relevance.ts); the rest is counted and left alone (the archive keeps it).
 *
 * Idempotent: a logged message is APPENDed to Processed only while its entry has no stored place, and a
 * quarantined one only while its record has none; importing the same archive again logs and APPENDs nothing.
 */

/** Quarantine records of imported mail have this origin prefix (then where in the archive it was). */
export const IMPORT_ORIGIN_PREFIX = 'import:';
/** The record key's `mailbox` for imported mail, which was in no mailbox of the tracker's. */
const IMPORT_RECORD_MAILBOX = 'import';

export interface ImportDeps {
  cases: RecordMessageDeps['cases'] & Pick<CaseStore, 'loggedMessageOf' | 'markStored'>;
  quarantine: Pick<QuarantineStore, 'record' | 'markMoved' | 'byPlace'>;
  mail: Pick<StoredMail, 'append' | 'findByMessageId'>;
  imap: Pick<ImapConfig, 'processedMailbox' | 'quarantineMailbox' | 'maxMessageBytes' | 'allowedForwarders'>;
  ruleset: RecordMessageDeps['ruleset'];
  templates?: RecordMessageDeps['templates'];
  logger: Logger;
  now: () => Date;
}

export type ImportOutcome =
  /** `stored`: APPENDed to Processed now, found there by Message-ID, or already known to be there. */
  | { kind: 'logged' | 'already_logged'; caseNumber: string; stored: 'appended' | 'found' | 'known' }
  | { kind: 'not_about_a_case' }
  /** `already`: an earlier import had set it aside: nothing APPENDed again. */
  | { kind: 'quarantined'; reason: QuarantineReason; detail: string; already: boolean };

export interface ImportSummary {
  read: number;
  logged: number;
  alreadyLogged: number;
  notAboutACase: number;
  quarantined: number;
  /** Of `quarantined`, set aside by an earlier import (nothing APPENDed again). */
  alreadyQuarantined: number;
  quarantinedByReason: Partial<Record<QuarantineReason, number>>;
  /** Cases the logged and already-logged messages are in. */
  cases: number;
  /** Messages APPENDed to Processed and to Quarantine by this run. */
  appended: { processed: number; quarantine: number };
}

/** The owner of imported mail: `--owner` (an allowed forwarder), else the only allowed forwarder. */
export function importOwnerOf(option: string | undefined, allowedForwarders: readonly string[]): string {
  if (option !== undefined) {
    const owner = option.trim().toLowerCase();
    if (!allowedForwarders.includes(owner)) {
      throw new UsageError(
        `--owner ${owner}: not an allowed forwarder (ALLOWED_FORWARDERS: ${allowedForwarders.join(', ') || 'none'})`,
      );
    }
    return owner;
  }
  const [only, ...others] = allowedForwarders;
  if (!only)
    throw new UsageError('no allowed forwarder is configured (ALLOWED_FORWARDERS): name the owner with --owner');
  if (others.length > 0) {
    throw new UsageError(`whose mail is it? Several allowed forwarders (${allowedForwarders.join(', ')}): add --owner`);
  }
  return only;
}

/** `imap:INBOX`, `imap:Processed`, `imap:Quarantine` are the tracker's own folders: never an archive. */
export function refuseOwnFolder(
  source: string,
  imap: Pick<ImapConfig, 'inbox' | 'processedMailbox' | 'quarantineMailbox'>,
): void {
  if (!source.startsWith(IMAP_SOURCE_PREFIX)) return;
  const folder = source.slice(IMAP_SOURCE_PREFIX.length).trim();
  const own = [imap.inbox, imap.processedMailbox, imap.quarantineMailbox];
  // INBOX is case-insensitive in IMAP (RFC 3501 5.1); the others are compared as the server names them.
  const same = (a: string, b: string) => a === b || (a.toUpperCase() === 'INBOX' && b.toUpperCase() === 'INBOX');
  const hit = own.find((o) => same(folder, o));
  if (hit) {
    throw new UsageError(
      `${source}: ${hit} is one of the tracker's own folders (the worker reads ${imap.inbox}; logged mail is in ` +
        `${imap.processedMailbox}, set-aside mail in ${imap.quarantineMailbox}): import another folder`,
    );
  }
}

/** Imports every message of `messages` for `owner`, one at a time; `onEach` after each (progress). */
export async function importArchive(
  messages: AsyncIterable<ArchivedMessage>,
  owner: string,
  deps: ImportDeps,
  onEach: (outcome: ImportOutcome, message: ArchivedMessage) => void = () => undefined,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    read: 0,
    logged: 0,
    alreadyLogged: 0,
    notAboutACase: 0,
    quarantined: 0,
    alreadyQuarantined: 0,
    quarantinedByReason: {},
    cases: 0,
    appended: { processed: 0, quarantine: 0 },
  };
  const cases = new Set<string>();
  for await (const archived of messages) {
    summary.read += 1;
    // One outcome per support message: a mail that carries several forwarded originals gives one for each.
    for (const outcome of await importMessage(archived, owner, deps)) count(outcome, archived);
  }
  summary.cases = cases.size;
  return summary;

  function count(outcome: ImportOutcome, archived: ArchivedMessage): void {
    switch (outcome.kind) {
      case 'logged':
      case 'already_logged':
        if (outcome.kind === 'logged') summary.logged += 1;
        else summary.alreadyLogged += 1;
        if (outcome.stored === 'appended') summary.appended.processed += 1;
        cases.add(outcome.caseNumber);
        break;
      case 'not_about_a_case':
        summary.notAboutACase += 1;
        break;
      case 'quarantined':
        summary.quarantined += 1;
        if (outcome.already) summary.alreadyQuarantined += 1;
        else summary.appended.quarantine += 1;
        summary.quarantinedByReason[outcome.reason] = (summary.quarantinedByReason[outcome.reason] ?? 0) + 1;
        break;
    }
    onEach(outcome, archived);
  }
}

/**
 * One archived message: parsed, recorded for `owner` when it belongs in a case, stored or set aside; one
 * outcome, or one per original of a mail that carries several forwarded originals (importSeveral).
 */
async function importMessage(archived: ArchivedMessage, owner: string, deps: ImportDeps): Promise<ImportOutcome[]> {
  const log = deps.logger.child({ origin: archived.origin });
  if (archived.tooLarge) {
    const error = new QuarantineError(
      'too_large',
      `message is ${archived.size} bytes, over the ${deps.imap.maxMessageBytes}-byte limit; only its header ` +
        `section is in the Quarantine mailbox, the whole message is in ${archived.origin}`,
    );
    return [await setAside(archived, owner, error, await headerMetaOf(archived), deps, log)];
  }
  let message: InboundMessage;
  try {
    message = await parseInboundMessage(archived.raw, {
      maxBytes: deps.imap.maxMessageBytes,
      receivedAt: archived.receivedAt,
      severalOriginals: 'each',
    });
  } catch (err) {
    // Parsing is deterministic: importing again cannot help.
    const error =
      err instanceof QuarantineError ? err : new QuarantineError('unparseable', 'parsing failed', { cause: err });
    // What its own header section says, as the worker records of mail that fails to parse.
    const head = rawHeaderMeta(archived.raw);
    const meta = { messageId: head.messageId, fromAddress: head.from, subject: head.subject, sizeBytes: archived.size };
    return [await setAside(archived, owner, error, meta, deps, log)];
  }
  const originals = originalsOf(message);
  if (originals.length > 1) return importSeveral(archived, originals, owner, deps, log);
  return [await importOne(archived, message, owner, deps, log)];
}

/** A message with one original: analysed, admitted or not, recorded, stored or set aside. */
async function importOne(
  archived: ArchivedMessage,
  message: InboundMessage,
  owner: string,
  deps: ImportDeps,
  log: Logger,
): Promise<ImportOutcome> {
  const recordDeps = recordDepsOf(deps, log);
  let findings: Findings;
  try {
    findings = await analyzeForCase(message, owner, recordDeps);
  } catch (err) {
    if (!(err instanceof QuarantineError)) throw err;
    return setAside(archived, owner, err, { ...metaOf(message), sizeBytes: archived.size }, deps, log);
  }
  // Most of an archive (order confirmations, newsletters) is decided here, with no look-up.
  if (!mayBelongInCase(message, findings)) return { kind: 'not_about_a_case' };
  // Logged and stored by an earlier run (or the worker): the place is recorded last, so everything
  // before it (the entry, the case derived, the template) was done; nothing to do again.
  const logged = await deps.cases.loggedMessageOf(owner, message.messageKey);
  if (logged?.stored) return { kind: 'already_logged', caseNumber: logged.caseNumber, stored: 'known' };
  const recorded = await recordMessage(message, owner, null, recordDeps, { ...importAdmission, findings });
  if (recorded.kind === 'not_about_a_case') return { kind: 'not_about_a_case' };
  if (recorded.kind === 'quarantine') {
    return setAside(archived, owner, recorded.error, { ...metaOf(message), sizeBytes: archived.size }, deps, log);
  }
  // A new entry was in no mailbox of ours yet; an old one may have been copied by a run that stopped before
  // recording where.
  const stored = await storeLogged(archived, message, [message], owner, deps, { searchFirst: !recorded.appended });
  log.debug({ case: recorded.caseNumber, appended: recorded.appended, stored }, 'imported message logged');
  return { kind: recorded.appended ? 'logged' : 'already_logged', caseNumber: recorded.caseNumber, stored };
}

/**
 * A mail that carries several forwarded originals: each one analysed (one that cannot be sets the mail
 * aside with none logged), admitted or not, and recorded on its own under its own key, as the worker does;
 * the mail stored in Processed once, its place recorded on each logged original's entry. One that belongs
 * in a case and cannot be filed sets the mail aside (those logged stay logged: importing again or
 * `quarantine retry` finds them logged).
 */
async function importSeveral(
  archived: ArchivedMessage,
  originals: InboundMessage[],
  owner: string,
  deps: ImportDeps,
  log: Logger,
): Promise<ImportOutcome[]> {
  const recordDeps = recordDepsOf(deps, log);
  const analysed = await analyzeEach(originals, owner, recordDeps);
  if ('refused' in analysed) {
    const { refused, original } = analysed;
    const error = aboutOriginal(refused, original, 'none of them is logged');
    return [await setAside(archived, owner, error, { ...metaOf(original), sizeBytes: archived.size }, deps, log)];
  }
  const { findings } = analysed;
  const outcomes: ImportOutcome[] = [];
  const logged: Array<{ message: InboundMessage; caseNumber: string; appended: boolean; known: boolean }> = [];
  for (const [i, each] of originals.entries()) {
    const found = findings[i];
    if (!found || !mayBelongInCase(each, found)) {
      outcomes.push({ kind: 'not_about_a_case' });
      continue;
    }
    const earlier = await deps.cases.loggedMessageOf(owner, each.messageKey);
    if (earlier?.stored) {
      logged.push({ message: each, caseNumber: earlier.caseNumber, appended: false, known: true });
      continue;
    }
    const recorded = await recordMessage(each, owner, null, recordDeps, { ...importAdmission, findings: found });
    if (recorded.kind === 'not_about_a_case') {
      outcomes.push({ kind: 'not_about_a_case' });
      continue;
    }
    if (recorded.kind === 'quarantine') {
      const done = logged.map((l) => `${partLabelOf(l.message)} in ${l.caseNumber}`);
      const error = aboutOriginal(
        recorded.error,
        each,
        done.length > 0 ? `logged: ${done.join(', ')}` : 'none of them is logged',
      );
      return [await setAside(archived, owner, error, { ...metaOf(each), sizeBytes: archived.size }, deps, log)];
    }
    logged.push({ message: each, caseNumber: recorded.caseNumber, appended: recorded.appended, known: false });
  }
  const [first] = logged;
  if (!first) return outcomes;
  const unknown = logged.filter((l) => !l.known);
  const stored =
    unknown.length === 0
      ? 'known'
      : await storeLogged(
          archived,
          first.message,
          unknown.map((l) => l.message),
          owner,
          deps,
          { searchFirst: unknown.some((l) => !l.appended) },
        );
  for (const each of logged) {
    log.debug(
      { case: each.caseNumber, appended: each.appended, original: partLabelOf(each.message) },
      'imported original logged',
    );
    outcomes.push({
      kind: each.appended ? 'logged' : 'already_logged',
      caseNumber: each.caseNumber,
      // The mail is APPENDed once, for all of them: counted once, on the first that needed it.
      stored: each.known ? 'known' : each === unknown[0] || stored !== 'appended' ? stored : 'found',
    });
  }
  return outcomes;
}

/** A reason about one of several originals: which, and what became of the others. */
/** Only mail about a case is logged from an archive (rules/refund-relevance.ts). */
const importAdmission: RecordOptions = {
  admit: (facts, findings, message) => belongsInCase(facts, { subject: message.original.subject, findings }),
};

/**
 * Whether a message may belong in a case, before looking anything up: it has a case number, answers some
 * message (the look-up tells whether that one is logged), or has an order number and is about a refund.
 */
function mayBelongInCase(message: InboundMessage, findings: Findings): boolean {
  const answers = Boolean(message.original.inReplyTo) || (message.original.references ?? []).length > 0;
  return (
    answers ||
    belongsInCase(
      { caseNumber: findings.caseNumber, orderNumber: findings.orderNumber, threadCase: null },
      { subject: message.original.subject, findings },
    )
  );
}

function recordDepsOf(
  deps: Pick<ImportDeps, 'cases' | 'ruleset' | 'templates' | 'imap'>,
  logger: Logger,
): RecordMessageDeps {
  return {
    cases: deps.cases,
    ruleset: deps.ruleset,
    customerAddresses: deps.imap.allowedForwarders,
    logger,
    templates: deps.templates,
  };
}

/**
 * Puts a logged message into Processed unless its entry already says where it is: for `reanalyze`. An
 * earlier run that APPENDed but crashed before recording the place is found by Message-ID first. `logged`:
 * the support messages of it whose entries get the place (its several originals, else the message itself);
 * the place is recorded on every one of them, so a crash between two leaves the others to a search.
 */
async function storeLogged(
  archived: ArchivedMessage,
  message: InboundMessage,
  logged: InboundMessage[],
  owner: string,
  deps: ImportDeps,
  options: { searchFirst: boolean },
): Promise<'appended' | 'found' | 'known'> {
  const unstored: InboundMessage[] = [];
  for (const each of logged) {
    if (!options.searchFirst || !(await deps.cases.loggedMessageOf(owner, each.messageKey))?.stored)
      unstored.push(each);
  }
  if (unstored.length === 0) return 'known';
  const mailbox = deps.imap.processedMailbox;
  const markStored = async (place: { uidValidity: string; uid: number }) => {
    for (const each of unstored) await deps.cases.markStored(owner, each.messageKey, { mailbox, ...place });
  };
  const ownId = message.envelopeMessageId ?? message.original.messageId;
  const [found] = options.searchFirst && ownId ? await deps.mail.findByMessageId(mailbox, ownId) : [];
  if (found?.uidValidity) {
    await markStored({ uidValidity: found.uidValidity, uid: found.uid });
    return 'found';
  }
  const appended = await deps.mail.append(mailbox, archived.raw, {
    keywords: ['\\Seen'],
    receivedAt: archived.receivedAt,
  });
  if (appended.uid !== null && appended.uidValidity !== null) {
    await markStored({ uidValidity: appended.uidValidity, uid: appended.uid });
  }
  return 'appended';
}

/**
 * The quarantine record's key for an imported message: it was in no mailbox, so the key is its content
 * (and owner): the same message imported again finds its record, and is APPENDed once.
 */
function importRecordKey(archived: Pick<ArchivedMessage, 'raw' | 'size'>, owner: string): MessageRef {
  const hash = createHash('sha256').update(owner).update('\0').update(String(archived.size)).update('\0');
  return { mailbox: IMPORT_RECORD_MAILBOX, uidValidity: hash.update(archived.raw).digest('hex').slice(0, 40), uid: 0 };
}

/** Quarantined like the worker does: the record first, then the bytes APPENDed with `$rt_<reason>`, then the place. */
async function setAside(
  archived: ArchivedMessage,
  owner: string,
  error: QuarantineError,
  meta: QuarantineMeta,
  deps: ImportDeps,
  log: Logger,
): Promise<ImportOutcome> {
  const key = importRecordKey(archived, owner);
  const existing = await deps.quarantine.byPlace(key);
  if (existing?.quarantined) {
    return { kind: 'quarantined', reason: existing.reason as QuarantineReason, detail: existing.detail, already: true };
  }
  await deps.quarantine.record(
    {
      ...key,
      reason: error.reason,
      detail: error.message,
      ...quarantinedMessageFields(meta),
      owner,
      origin: `${IMPORT_ORIGIN_PREFIX}${archived.origin}`,
    },
    deps.now(),
  );
  const mailbox = deps.imap.quarantineMailbox;
  // An earlier run APPENDed it and stopped before recording where: found by its Message-ID.
  const [found] = meta.messageId ? await deps.mail.findByMessageId(mailbox, meta.messageId) : [];
  const place: StoredPlace | { uid: number | null; uidValidity: string | null } =
    found ??
    (await deps.mail.append(mailbox, archived.raw, {
      keywords: [`${REASON_KEYWORD_PREFIX}${error.reason}`],
      receivedAt: archived.receivedAt,
    }));
  if (place.uid !== null) {
    await deps.quarantine.markMoved(key, { mailbox, uidValidity: place.uidValidity, uid: place.uid });
  }
  log.warn(
    { reason: error.reason, cause: error.cause instanceof Error ? error.cause.message : undefined },
    'imported message quarantined',
  );
  return { kind: 'quarantined', reason: error.reason, detail: error.message, already: false };
}

/** What `quarantine list` shows of a parsed message: the original's id, sender and subject. */
function metaOf(message: InboundMessage): QuarantineMeta {
  return {
    messageId: message.envelopeMessageId ?? message.original.messageId,
    fromAddress: message.original.from?.address ?? null,
    subject: message.original.subject || message.envelopeSubject || null,
  };
}

/** A too-large message's header section, read for its sender, subject and Message-ID where it parses. */
async function headerMetaOf(archived: ArchivedMessage): Promise<QuarantineMeta> {
  try {
    const head = await parseInboundMessage(archived.raw, { maxBytes: archived.raw.length + 1, receivedAt: null });
    return { ...metaOf(head), sizeBytes: archived.size };
  } catch {
    return { sizeBytes: archived.size };
  }
}

export type RetryImportedResult =
  /** Logged (or found logged already) and moved to Processed; the record is deleted. */
  | { kind: 'logged'; caseNumber: string; appended: boolean }
  /** Still cannot be processed, or not about a case: it stays in Quarantine with its record. */
  | { kind: 'still_quarantined'; reason: QuarantineReason | 'not_about_a_case'; detail: string }
  /** Its message is neither at its recorded place nor found by Message-ID: nothing changed. */
  | { kind: 'not_found' };

export interface RetryImportedDeps extends Omit<ImportDeps, 'mail' | 'quarantine'> {
  mail: Pick<StoredMail, 'read' | 'findByMessageId'>;
  filed: Pick<FiledMessages, 'moveOut'>;
  quarantine: Pick<QuarantineStore, 'remove'>;
}

/**
 * `quarantine retry` of a message `import` set aside: an imported message never went through the INBOX
 * (and would fail the forwarder check there), so it is run through the import's steps where it sits, for
 * the record's owner: read from Quarantine, recorded, moved to Processed (its `$rt_` keyword removed),
 * the record deleted. In that order, so a crash leaves it logged and still in Quarantine (a retry again
 * finds the entry and only moves it), never moved and unlogged.
 */
export async function retryImportedMessage(
  record: QuarantineRecord,
  deps: RetryImportedDeps,
): Promise<RetryImportedResult> {
  const owner = record.owner;
  if (!owner) throw new UsageError(`quarantine record ${record.id} has no owner to log its message for`);
  const log = deps.logger.child({ quarantineRecord: record.id });
  if (record.reason === 'too_large') {
    // Only its header section was copied to Quarantine: logging that would lose the body.
    return {
      kind: 'still_quarantined',
      reason: 'too_large',
      detail: `only its header section is in Quarantine: import the archive again with a higher MAX_MESSAGE_BYTES (${record.detail})`,
    };
  }
  const mailbox = deps.imap.quarantineMailbox;
  const found = await quarantinedMessageOf(record, mailbox, deps.mail);
  if (!found) return { kind: 'not_found' };
  const { place, read } = found;
  let message: InboundMessage;
  try {
    message = await parseInboundMessage(read.raw, {
      maxBytes: deps.imap.maxMessageBytes,
      receivedAt: read.receivedAt,
      severalOriginals: 'each',
    });
  } catch (err) {
    const error =
      err instanceof QuarantineError ? err : new QuarantineError('unparseable', 'parsing failed', { cause: err });
    return { kind: 'still_quarantined', reason: error.reason, detail: error.message };
  }
  // Each original of a mail that carries several, as `import` records them; those logged before stay as they are.
  const originals = originalsOf(message);
  const logged: Array<{ message: InboundMessage; caseNumber: string; appended: boolean }> = [];
  for (const each of originals) {
    const recorded: RecordResult = await recordMessage(each, owner, null, recordDepsOf(deps, log), importAdmission);
    if (recorded.kind === 'quarantine') {
      const error =
        originals.length > 1 ? aboutOriginal(recorded.error, each, 'the mail stays set aside') : recorded.error;
      return { kind: 'still_quarantined', reason: error.reason, detail: error.message };
    }
    if (recorded.kind === 'logged') logged.push({ message: each, ...recorded });
  }
  const [first] = logged;
  if (!first) {
    return {
      kind: 'still_quarantined',
      reason: 'not_about_a_case',
      detail: 'no case number, no logged message it answers, and no order number with a refund, return or claim',
    };
  }
  const unstored: InboundMessage[] = [];
  for (const each of logged) {
    if (!(await deps.cases.loggedMessageOf(owner, each.message.messageKey))?.stored) unstored.push(each.message);
  }
  const moved = await deps.filed.moveOut(
    mailbox,
    { place, messageId: record.messageId ?? null },
    deps.imap.processedMailbox,
    { dropKeywordPrefix: REASON_KEYWORD_PREFIX },
  );
  if (moved.kind === 'moved' && moved.moved.uid !== null && moved.moved.uidValidity !== null) {
    for (const each of unstored) {
      await deps.cases.markStored(owner, each.messageKey, {
        mailbox: deps.imap.processedMailbox,
        uidValidity: moved.moved.uidValidity,
        uid: moved.moved.uid,
      });
    }
  }
  await deps.quarantine.remove(record.id);
  const appended = logged.some((l) => l.appended);
  log.info({ case: first.caseNumber, appended, originals: logged.length }, 'imported message retried and logged');
  return { kind: 'logged', caseNumber: first.caseNumber, appended };
}

/** The record's message in Quarantine: at its recorded place, else found by Message-ID; null when neither. */
async function quarantinedMessageOf(
  record: QuarantineRecord,
  mailbox: string,
  mail: Pick<StoredMail, 'read' | 'findByMessageId'>,
): Promise<{ place: StoredPlace; read: ReadMessage } | null> {
  const q = record.quarantined;
  if (q && q.mailbox === mailbox) {
    const place = { mailbox, uidValidity: q.uidValidity ?? null, uid: q.uid };
    const read = await mail.read(place);
    if (read) return { place, read };
  }
  if (!record.messageId) return null;
  for (const place of await mail.findByMessageId(mailbox, record.messageId)) {
    const read = await mail.read(place);
    if (read) return { place, read };
  }
  return null;
}
