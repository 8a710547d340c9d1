import { userInfo } from 'node:os';
import { type Command, Option } from 'commander';
import { type ImapConfig, loadImapConfig } from '../config.js';
import { type QuarantineReason, RefundTrackerError, UsageError } from '../errors.js';
import { MailboxConnection, mailboxIdOf } from '../ingest/mailbox-connection.js';
import { FiledMessages, type FiledMoveResult } from '../ingest/mailbox-messages.js';
import { createLogger } from '../logger.js';
import type { QuarantineRecord, QuarantineStore } from '../models/quarantine-store.js';
import { terminalSafe } from '../reports/escape.js';
import { REASON_KEYWORD_PREFIX } from '../workers/message-processor.js';
import { isImportedRecord, retryImportedRecord } from './import-command.js';
import { oneOf, READ_ONLY, terminalSafeJson, withStore } from './program.js';

/** Where `quarantine discard` puts a message: never deleted, only out of the way. Created when missing. */
const DISCARDED_MAILBOX = 'Discarded';

/** What each quarantine reason means, for `--help` and `quarantine show`. */
const REASON_TEXT = {
  too_large: 'over the size limit (MAX_MESSAGE_BYTES), never downloaded',
  not_mime: 'not a MIME message',
  unparseable: 'could not be parsed, or carries no date',
  untrusted_sender: 'from a sender who is not an allowed forwarder',
  unauthenticated: 'from an allowed forwarder’s address, but the receiving server does not vouch for it',
  no_case_number: 'no case number found',
  command_rejected: 'a command by email (reply to the digest, `case:` above a forward) that could not be obeyed',
  several_originals: 'over 20 forwarded messages attached to one mail: forward them in smaller groups',
  delivery_report:
    'a mail server’s report (bounce, delay notice, read receipt), not correspondence: it changes no case',
  processing_failed: 'processing failed on every attempt',
} as const satisfies Record<QuarantineReason, string>;
const REASONS = Object.keys(REASON_TEXT) as QuarantineReason[];

/** A record asked for by id that does not exist. */
export class QuarantineRecordNotFoundError extends RefundTrackerError {
  constructor(id: string) {
    super('quarantine_record_not_found', `no quarantine record ${id} (ids as printed by 'quarantine list')`);
  }
}

/** The record's message cannot be found in the Quarantine mailbox (an older record, or a recreated mailbox). */
export class QuarantinedMessageNotFoundError extends RefundTrackerError {
  constructor(record: QuarantineRecord, mailbox: string) {
    const how = record.messageId
      ? `no message with Message-ID ${record.messageId}`
      : 'the record has neither its place in the mailbox nor a Message-ID';
    super(
      'quarantined_message_not_found',
      `quarantine record ${record.id} (${record.reason}, ${record.subject ?? 'no subject'}): cannot find its message in ${mailbox}: ${how}`,
    );
  }
}

/** The record belongs to another mailbox, or was discarded: the command does not apply to it. */
export class QuarantineRecordStateError extends RefundTrackerError {
  constructor(message: string) {
    super('quarantine_record_state', message);
  }
}

export function registerQuarantineCommands(program: Command): void {
  const quarantine = program
    .command('quarantine')
    .summary('Mail the worker set aside: list, show, retry or discard it.')
    .description(
      'Mail the worker set aside, with the reason: list, show, retry (back to the INBOX) or discard. ' +
        'Each record has an id (its 24-hex-digit database id, as printed by list) that show, retry and discard take.',
    );

  quarantine
    .command('list')
    .description('One line per quarantined message, newest first: id, date, reason, status, owner, sender, subject.')
    .option('--owner <address>', 'only mail from this user (an allowed forwarder)')
    .addOption(new Option('--reason <reason>', `only this reason: ${REASONS.join(', ')}`).argParser(oneOf(REASONS)))
    .option('--all', 'include discarded records (default: only those pending)')
    .option(
      '--json',
      'print one JSON array (an empty array when there are none): per record its id, reason, detail, status, ' +
        "owner, sender (and the forwarded original's), subject, Message-ID, size, dates (ISO 8601, UTC), origin " +
        '(the mailbox, or import:<where in the archive>) and where the message sits',
    )
    .action(async (opts: { owner?: string; reason?: QuarantineReason; all?: boolean; json?: boolean }) => {
      await withStore(async (store) => {
        const records = await store.quarantine.find({
          owner: opts.owner?.toLowerCase(),
          reason: opts.reason,
          includeDiscarded: opts.all === true,
        });
        if (opts.json) {
          process.stdout.write(`${terminalSafeJson(records.map(recordJson))}\n`);
          return;
        }
        if (records.length === 0) process.stdout.write('No quarantined mail.\n');
        for (const r of records) {
          const line = [
            r.id,
            r.quarantinedAt.toISOString().slice(0, 16).replace('T', ' '),
            r.reason,
            r.discarded ? 'discarded' : 'pending',
            r.owner ?? '-',
            r.fromAddress ?? '-',
            r.subject ?? '',
          ].join('\t');
          process.stdout.write(`${terminalSafe(line)}\n`);
        }
      }, READ_ONLY);
    });

  quarantine
    .command('show')
    .description('One quarantined message in full: reason and detail, sender, subject, origin, where it sits.')
    .argument('<id>', 'the record id, as printed by list')
    .action(async (id: string) => {
      await withStore(async (store) => {
        process.stdout.write(terminalSafe(recordText(await recordById(store.quarantine, id))));
      }, READ_ONLY);
    });

  quarantine
    .command('retry')
    .description(
      'Move quarantined mail back to the INBOX (removing its $rt_ reason keyword), so the running worker processes ' +
        'it again with the current rules and configuration (e.g. after adding its sender to ALLOWED_FORWARDERS); ' +
        'then delete the record. A record whose message is gone already is only deleted. Mail `import` set aside is ' +
        'recorded again from where it sits. Needs the IMAP settings.',
    )
    .argument('[id]', 'the record id, as printed by list')
    .option('--all', 'every pending record (with --reason: every one with that reason)')
    .addOption(
      new Option('--reason <reason>', `with --all: only this reason (${REASONS.join(', ')})`).argParser(oneOf(REASONS)),
    )
    .action(async (id: string | undefined, opts: { all?: boolean; reason?: QuarantineReason }) => {
      if ((id === undefined) === (opts.all !== true)) throw new UsageError('give a record id or --all, not both');
      if (opts.reason && !opts.all) throw new UsageError('--reason goes with --all');
      const imap = loadImapConfig();
      await withStore((store) =>
        withFiledMessages(imap, async (filed) => {
          const records = opts.all
            ? await store.quarantine.find({ reason: opts.reason })
            : [await recordById(store.quarantine, id ?? '')];
          if (records.length === 0) process.stdout.write('No quarantined mail to retry.\n');
          await eachRecord(records, async (record) => {
            if (isImportedRecord(record) && !record.discarded) {
              // Never in the INBOX: `import` records it where it sits, with the current rules.
              process.stdout.write(`${terminalSafe(await retryImportedRecord(record, imap, store))}\n`);
              return;
            }
            const result = await retry(record, { imap, filed, quarantine: store.quarantine });
            process.stdout.write(`${terminalSafe(retryLine(record, result))}\n`);
          });
        }),
      );
    });

  quarantine
    .command('discard')
    .description(
      `Move quarantined mail to the ${DISCARDED_MAILBOX} mailbox (created when missing; mail is never deleted) and ` +
        'mark the record discarded, with who and when. Needs the IMAP settings.',
    )
    .argument('<id>', 'the record id, as printed by list')
    .action(async (id: string) => {
      const imap = loadImapConfig();
      await withStore((store) =>
        withFiledMessages(imap, async (filed) => {
          const record = await recordById(store.quarantine, id);
          const by = `cli:${operatorName()}`;
          const result = await discard(record, { imap, filed, quarantine: store.quarantine, by, now: new Date() });
          process.stdout.write(
            `${terminalSafe(
              result.kind === 'moved'
                ? `${record.id}: moved to ${DISCARDED_MAILBOX}; record marked discarded by ${by}`
                : `${record.id}: its message is no longer in ${imap.quarantineMailbox}; record marked discarded by ${by}`,
            )}\n`,
          );
        }),
      );
    });
}

interface QuarantineCommandDeps {
  imap: ImapConfig;
  filed: FiledMessages;
  quarantine: QuarantineStore;
}

/**
 * Back to the INBOX, then the record is deleted: in that order, so a crash between the two leaves a
 * record whose message is gone (the next retry only deletes it), never a message without its record.
 */
export async function retry(record: QuarantineRecord, deps: QuarantineCommandDeps): Promise<FiledMoveResult> {
  if (record.discarded) {
    throw new QuarantineRecordStateError(
      `quarantine record ${record.id} was discarded: its message is in ${DISCARDED_MAILBOX}`,
    );
  }
  const result = await moveOutOfQuarantine(record, deps, deps.imap.inbox, { dropKeywordPrefix: REASON_KEYWORD_PREFIX });
  await deps.quarantine.remove(record.id);
  return result;
}

/** To the Discarded mailbox, then the record is marked (it stays, as the trace of what was set aside). */
export async function discard(
  record: QuarantineRecord,
  deps: QuarantineCommandDeps & { by: string; now: Date },
): Promise<FiledMoveResult> {
  if (record.discarded) {
    throw new QuarantineRecordStateError(
      `quarantine record ${record.id} was already discarded by ${record.discarded.by} on ${record.discarded.at.toISOString()}`,
    );
  }
  const result = await moveOutOfQuarantine(record, deps, DISCARDED_MAILBOX, {});
  await deps.quarantine.markDiscarded(record.id, { at: deps.now, by: deps.by });
  return result;
}

/** Finds the record's message in the Quarantine mailbox and moves it; 'gone' only when that is certain. */
async function moveOutOfQuarantine(
  record: QuarantineRecord,
  deps: QuarantineCommandDeps,
  target: string,
  options: { dropKeywordPrefix?: string },
): Promise<FiledMoveResult> {
  const inbox = mailboxIdOf(deps.imap);
  // Mail `import` set aside was APPENDed to this account's Quarantine mailbox; its record has no INBOX place.
  if (!isImportedRecord(record) && record.mailbox !== inbox) {
    throw new QuarantineRecordStateError(
      `quarantine record ${record.id} is from ${record.mailbox}; the configured mailbox is ${inbox}`,
    );
  }
  const from = deps.imap.quarantineMailbox;
  const result = await deps.filed.moveOut(
    from,
    {
      place: record.quarantined
        ? {
            mailbox: record.quarantined.mailbox,
            uidValidity: record.quarantined.uidValidity ?? null,
            uid: record.quarantined.uid,
          }
        : null,
      messageId: record.messageId ?? null,
    },
    target,
    options,
  );
  if (result.kind === 'not_found') throw new QuarantinedMessageNotFoundError(record, from);
  return result;
}

function retryLine(record: QuarantineRecord, result: FiledMoveResult): string {
  if (result.kind === 'moved') {
    return `${record.id}: moved back to the INBOX for the worker (${record.reason}, ${record.subject ?? 'no subject'}); record deleted`;
  }
  return `${record.id}: its message is no longer in the Quarantine mailbox; record deleted`;
}

/** Runs `run` for each record; a record that fails is reported and the others still run. */
async function eachRecord(records: QuarantineRecord[], run: (r: QuarantineRecord) => Promise<void>): Promise<void> {
  const failures: string[] = [];
  for (const record of records) {
    try {
      await run(record);
    } catch (err) {
      if (!(err instanceof RefundTrackerError) || records.length === 1) throw err;
      failures.push(err.message);
      process.stderr.write(`refund-tracker: ${terminalSafe(err.message)}\n`);
    }
  }
  if (failures.length > 0) {
    throw new RefundTrackerError('quarantine_partial', `${failures.length} of ${records.length} records failed`);
  }
}

async function withFiledMessages<T>(imap: ImapConfig, run: (filed: FiledMessages) => Promise<T>): Promise<T> {
  // Warnings only (a dropped connection); the config object with the password is never logged.
  const connection = new MailboxConnection(imap, createLogger(process.env.LOG_LEVEL ?? 'warn'));
  try {
    return await run(new FiledMessages(connection));
  } finally {
    await connection.close();
  }
}

/** Who runs the command, for the record: the login name (USER when the system has no entry for it). */
function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER || process.env.LOGNAME || 'unknown';
  }
}

async function recordById(store: QuarantineStore, id: string): Promise<QuarantineRecord> {
  const record = await store.byId(id.trim());
  if (!record) throw new QuarantineRecordNotFoundError(id);
  return record;
}

function recordJson(r: QuarantineRecord) {
  return {
    id: r.id,
    reason: r.reason,
    detail: r.detail,
    status: r.discarded ? 'discarded' : 'pending',
    owner: r.owner ?? null,
    /** For untrusted_sender and unauthenticated: who sent it to the mailbox; otherwise the original's sender. */
    fromAddress: r.fromAddress ?? null,
    /** Beside such a sender: the forwarded original's sender, when it is another (else null). */
    originalFrom: r.originalFrom ?? null,
    subject: r.subject ?? null,
    messageId: r.messageId ?? null,
    sizeBytes: r.sizeBytes ?? null,
    quarantinedAt: r.quarantinedAt,
    /** Where the message came from: the watched mailbox (user@host:port/INBOX), or `import:<where in the archive>`. */
    origin: originOf(r),
    /** Where it was in the INBOX when the worker set it aside (for an imported message: its record key). */
    source: { mailbox: r.mailbox, uidValidity: r.uidValidity, uid: r.uid },
    quarantined: r.quarantined
      ? { mailbox: r.quarantined.mailbox, uidValidity: r.quarantined.uidValidity ?? null, uid: r.quarantined.uid }
      : null,
    discarded: r.discarded ? { at: r.discarded.at, by: r.discarded.by } : null,
  };
}

/** The watched mailbox the worker took it from, or `import:<where in the archive>` for mail `import` set aside. */
function originOf(r: QuarantineRecord): string {
  return r.origin ?? r.mailbox;
}

function recordText(r: QuarantineRecord): string {
  const reasonText = (REASON_TEXT as Record<string, string>)[r.reason];
  const lines = [
    `Quarantine record ${r.id}  [${r.discarded ? 'discarded' : 'pending'}]`,
    `  Reason:        ${r.reason}${reasonText ? ` (${reasonText})` : ''}`,
    `  Detail:        ${r.detail}`,
    `  Quarantined:   ${r.quarantinedAt.toISOString()}`,
    `  Owner:         ${r.owner ?? '-'}`,
    `  From:          ${r.fromAddress ?? '-'}`,
    ...(r.originalFrom ? [`  Original from: ${r.originalFrom} (the forwarded message's sender)`] : []),
    `  Subject:       ${r.subject ?? '-'}`,
    `  Message-ID:    ${r.messageId ?? '-'}`,
    `  Size:          ${r.sizeBytes === null || r.sizeBytes === undefined ? '-' : `${r.sizeBytes} bytes`}`,
    `  Origin:        ${originOf(r)}`,
    // An imported message was in no mailbox: its origin says where in the archive it was.
    ...(isImportedRecord(r) ? [] : [`  Was:           ${r.mailbox} UIDVALIDITY ${r.uidValidity} UID ${r.uid}`]),
    `  Now:           ${
      r.quarantined
        ? `${r.quarantined.mailbox} UIDVALIDITY ${r.quarantined.uidValidity ?? '?'} UID ${r.quarantined.uid}`
        : '(not recorded; found by Message-ID on retry or discard)'
    }`,
  ];
  if (r.discarded) lines.push(`  Discarded:     ${r.discarded.at.toISOString()} by ${r.discarded.by}`);
  return `${lines.join('\n')}\n`;
}
