import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { digestScheduleOf, loadDigestConfig } from '../config.js';
import { RefundTrackerError } from '../errors.js';
import type { CaseRecord, CaseResolution, CaseStore, ChangeAuthor } from '../models/case-store.js';
import {
  caseStateLine,
  casesToCsv,
  casesToMarkdown,
  caseToText,
  changeLine,
  logEntryLines,
} from '../reports/case-table.js';
import { caseViewOf, changeViewOf, entryContentOf, logViewOf, resolutionViewOf } from '../reports/case-view.js';
import { terminalSafe } from '../reports/escape.js';
import { followupDraft } from '../reports/followup-draft.js';
import {
  ANNOTATION_CHANNEL,
  CASE_STATUSES,
  type CaseStatus,
  CHANNELS,
  type Channel,
  ORDER_KEY_PREFIX,
  OUTCOMES,
  type Outcome,
} from '../rules/case-terms.js';
import { localDay } from '../workers/digest.js';
import { oneOf, parseDay, READ_ONLY, terminalSafeJson, withStore } from './program.js';

const EXPORT_FORMATS = ['csv', 'md', 'json'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

const OWNER_HELP = 'the user whose case it is, when several users share a case number';

/** `cases list|show|export`, and the user's changes: `confirm|close|reopen|note|renumber|merge`, `followup`. */
export function registerCasesCommands(program: Command): void {
  const cases = program
    .command('cases')
    .description(
      'List, show and export cases, record your own changes, draft a follow-up (needs MONGODB_URI). Each change ' +
        'is recorded with who made it (REFUND_TRACKER_USER, else the case’s owner) and how (cli); the worker ' +
        'never overrides it.',
    );
  cases
    .command('list')
    .description('One line per case.')
    .option('--owner <address>', 'only this user’s cases')
    .addOption(new Option('--status <status>', 'only cases with this status').argParser(oneOf(CASE_STATUSES)))
    .option(
      '--json',
      'print one JSON array instead (an empty array when there are none), an object per case: owner, caseNumber, ' +
        'keyKind (case or order), status, merchant, orderNumber, openedAt, lastMessageAt (ISO 8601, UTC), ' +
        'messages (count), issueDescription, resolution, suggestedResolution, attention; the log is in ' +
        "'cases export --format json'",
    )
    .action(async (opts: { owner?: string; status?: CaseStatus; json?: boolean }) => {
      await withStore(async (store) => {
        const files = await store.cases.caseFiles({ owner: opts.owner?.toLowerCase(), status: opts.status });
        if (opts.json) {
          process.stdout.write(`${terminalSafeJson(files.map((c) => caseJson(c)))}\n`);
          return;
        }
        if (files.length === 0) process.stdout.write('No cases.\n');
        for (const c of files) {
          const last = c.log[c.log.length - 1];
          process.stdout.write(
            `${terminalSafe(
              `${c.caseNumber}\t${c.status}\t${c.openedAt.toISOString().slice(0, 10)}\t${c.merchant ?? '-'}\t${c.log.length} messages\t${last ? last.occurredAt.toISOString().slice(0, 10) : '-'}\t${c.issueDescription ?? ''}`,
            )}\n`,
          );
        }
      }, READ_ONLY);
    });
  cases
    .command('show')
    .description('A case in full: status, resolution and the communication log.')
    .argument('<case>', 'case number, as printed')
    .option('--owner <address>', OWNER_HELP)
    .action(async (caseNumber: string, opts: { owner?: string }) => {
      await withStore(async (store) => {
        const found = await oneCase(store.cases, caseNumber, opts.owner);
        process.stdout.write(caseToText(caseViewOf(found)));
      }, READ_ONLY);
    });
  registerChangeCommands(cases);
  cases
    .command('export')
    .description(
      'The case table as CSV or a Markdown table, or as JSON: one indented array, each case as ' +
        "in 'cases list --json' plus its log and the user's changes (dates ISO 8601, UTC).",
    )
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('--owner <address>', 'only this user’s cases')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (opts: { format: ExportFormat; owner?: string; output?: string }) => {
      await withStore(async (store) => {
        const files = await store.cases.caseFiles({ owner: opts.owner?.toLowerCase() });
        const text = exportText(files, opts.format);
        if (opts.output) await writeFile(opts.output, text);
        else process.stdout.write(text);
      }, READ_ONLY);
    });
}

function exportText(files: CaseRecord[], format: ExportFormat): string {
  switch (format) {
    case 'csv':
      return casesToCsv(files.map(caseViewOf));
    case 'md':
      return casesToMarkdown(files.map(caseViewOf));
    case 'json':
      // Indented, for reading and diffing.
      return `${terminalSafeJson(
        files.map((c) => caseJson(c, { withLog: true })),
        2,
      )}\n`;
  }
}

/** A resolution as JSON: what it is and where it came from. */
function resolutionJson(r: CaseResolution | null) {
  if (!r) return null;
  return { ...resolutionViewOf(r), sourceMessageId: r.sourceMessageId };
}

/**
 * A case as JSON: the fields named here and nothing else, so the output does not change when the
 * store's records grow. Dates serialize as ISO 8601 strings (UTC). `--format json` adds the log and
 * the user's changes.
 */
function caseJson(c: CaseRecord, options: { withLog?: boolean } = {}) {
  return {
    owner: c.owner,
    caseNumber: c.caseNumber,
    keyKind: c.keyKind,
    status: c.status,
    merchant: c.merchant,
    orderNumber: c.orderNumber,
    openedAt: c.openedAt,
    lastMessageAt: c.log[c.log.length - 1]?.occurredAt ?? null,
    messages: c.log.length,
    issueDescription: c.issueDescription,
    resolution: resolutionJson(c.resolution),
    suggestedResolution: resolutionJson(c.suggestedResolution),
    attention: c.attention,
    ...(options.withLog
      ? {
          log: c.log.map((e) => ({
            ...entryContentOf(e),
            messageId: e.messageId,
            addedBy: e.addedBy ? { by: e.addedBy.by, via: e.addedBy.via } : null,
          })),
          changes: c.manualChanges.map((m) => ({ ...changeViewOf(m), resolution: resolutionJson(m.resolution) })),
        }
      : {}),
  };
}

/**
 * The one case `caseNumber` names: of `owner` when given; else of whoever has it, and when several users
 * share the number, the user must say whose.
 */
async function oneCase(cases: CaseStore, caseNumber: string, owner: string | undefined): Promise<CaseRecord> {
  const found = await cases.findCase(owner?.toLowerCase(), caseNumber);
  const [only, ...others] = found;
  if (!only) {
    throw new RefundTrackerError('case_not_found', `no case ${caseNumber}${owner ? ` for ${owner}` : ''}`);
  }
  if (others.length > 0) {
    throw new RefundTrackerError(
      'owner_needed',
      `case ${caseNumber} belongs to several users (${found.map((c) => c.owner).join(', ')}): say whose with --owner`,
    );
  }
  return only;
}

/** Who makes a change from the command line: REFUND_TRACKER_USER when set, else the case's owner. */
function cliAuthor(owner: string): ChangeAuthor {
  return { by: process.env.REFUND_TRACKER_USER?.trim() || owner, via: 'cli' };
}

/** What a change command prints: the case's new state, and the line it added to the history or the log. */
function printChange(record: CaseRecord, added: string[]): void {
  const view = caseViewOf(record);
  const lines = added.map((l, i) => (i === 0 ? `  + ${l}` : `  ${l}`));
  process.stdout.write(`${[caseStateLine(view), ...lines].join('\n')}\n`);
}

/** The change a command recorded (by its key), as its history line. */
function addedChange(record: CaseRecord, key: string): string[] {
  const change = record.manualChanges.find((c) => c.key === key);
  return change ? [changeLine(changeViewOf(change))] : [];
}

/** Decimal amount, positive, at most two decimals: `25`, `25.5`, `25.50`. */
const AMOUNT = /^\d{1,9}(?:\.\d{1,2})?$/;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

interface CloseOptions {
  outcome: Outcome;
  amount?: string;
  currency?: string;
  txn?: string;
  note?: string;
  owner?: string;
}

/** The resolution `cases close` records, or the one line that says what is wrong with the options. */
function closingResolution(opts: CloseOptions) {
  const invalid = (message: string) => new RefundTrackerError('invalid_argument', message);
  let amount: number | null = null;
  let currency: string | null = null;
  if (opts.amount !== undefined) {
    if (opts.outcome === 'denied') throw invalid('a denied case carries no amount: leave out --amount');
    const text = opts.amount.trim();
    amount = AMOUNT.test(text) ? Number(text) : Number.NaN;
    if (!(amount > 0)) throw invalid(`--amount must be a number above 0 like 25 or 25.50, not "${opts.amount}"`);
    if (opts.currency === undefined) throw invalid('--amount needs --currency (ISO 4217, e.g. EUR)');
  }
  if (opts.currency !== undefined) {
    if (amount === null) throw invalid('--currency goes with --amount');
    const code = opts.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(code) || !CURRENCIES.has(code)) {
      throw invalid(`--currency must be an ISO 4217 code like EUR, USD or GBP, not "${opts.currency}"`);
    }
    currency = code;
  }
  const transactionId = opts.txn?.trim() || null;
  if (transactionId !== null && !/^[\p{L}\p{N}][\p{L}\p{N}._:/-]{0,63}$/u.test(transactionId)) {
    throw invalid(`--txn must be one word of letters, digits and . _ : / - (at most 64), not "${opts.txn}"`);
  }
  return { outcome: opts.outcome, amount, currency, transactionId };
}

/** A case number as the user types it: one word, not an order key (those the tracker makes). */
function checkedCaseNumber(value: string): string {
  const number = value.trim();
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._/#-]{0,99}$/u.test(number)) {
    throw new RefundTrackerError(
      'invalid_argument',
      `"${value}" is not a case number: one word of letters, digits and . _ / # - (at most 100)`,
    );
  }
  if (number.startsWith(ORDER_KEY_PREFIX)) {
    throw new RefundTrackerError('invalid_argument', `"${value}": order: numbers are the tracker's own keys`);
  }
  return number;
}

function registerChangeCommands(cases: Command): void {
  cases
    .command('confirm')
    .description('Apply the suggested resolution (a refund found in the mail at less than auto-close confidence).')
    .argument('<case>', 'case number, as printed')
    .option('--owner <address>', OWNER_HELP)
    .action(async (caseNumber: string, opts: { owner?: string }) => {
      await withStore(async (store) => {
        const found = await oneCase(store.cases, caseNumber, opts.owner);
        if (!found.suggestedResolution) {
          throw new RefundTrackerError(
            'nothing_to_confirm',
            `case ${caseNumber} has no suggested resolution to confirm; to record an outcome use ` +
              `cases close ${caseNumber} --outcome …`,
          );
        }
        const key = `cli:${randomUUID()}`;
        const record = await store.cases.applyManualChange(found.owner, found.caseNumber, {
          action: 'confirm',
          at: new Date(),
          author: cliAuthor(found.owner),
          key,
        });
        printChange(record, addedChange(record, key));
      });
    });
  cases
    .command('close')
    .description('Close the case with the outcome you know; later mail will not reopen it (cases reopen does).')
    .argument('<case>', 'case number, as printed')
    .addOption(new Option('--outcome <outcome>', 'how it ended').choices(OUTCOMES).makeOptionMandatory())
    .option('--amount <number>', 'the amount, above 0 (e.g. 25.50); needs --currency; not for denied')
    .option('--currency <code>', 'ISO 4217 currency code (EUR, USD, GBP, …)')
    .option('--txn <id>', 'the refund’s transaction ID')
    .option('--note <text>', 'your words, kept in the history')
    .option('--owner <address>', OWNER_HELP)
    .action(async (caseNumber: string, opts: CloseOptions) => {
      const resolution = closingResolution(opts);
      await withStore(async (store) => {
        const found = await oneCase(store.cases, caseNumber, opts.owner);
        const key = `cli:${randomUUID()}`;
        const record = await store.cases.applyManualChange(found.owner, found.caseNumber, {
          action: 'close',
          at: new Date(),
          author: cliAuthor(found.owner),
          resolution,
          note: opts.note?.trim() || null,
          key,
        });
        printChange(record, addedChange(record, key));
      });
    });
  cases
    .command('reopen')
    .description('Reopen a resolved case: the mail decides its status again.')
    .argument('<case>', 'case number, as printed')
    .option('--note <text>', 'your words, kept in the history')
    .option('--owner <address>', OWNER_HELP)
    .action(async (caseNumber: string, opts: { note?: string; owner?: string }) => {
      await withStore(async (store) => {
        const found = await oneCase(store.cases, caseNumber, opts.owner);
        if (found.status !== 'resolved') {
          throw new RefundTrackerError(
            'not_resolved',
            `case ${caseNumber} is not resolved (it is ${found.status}): nothing to reopen`,
          );
        }
        const key = `cli:${randomUUID()}`;
        const record = await store.cases.applyManualChange(found.owner, found.caseNumber, {
          action: 'reopen',
          at: new Date(),
          author: cliAuthor(found.owner),
          note: opts.note?.trim() || null,
          key,
        });
        printChange(record, addedChange(record, key));
      });
    });
  cases
    .command('note')
    .description(
      'Add to the case’s log: a contact outside the mail (--channel phone, chat, …: a log entry like any ' +
        'other), or without --channel your own annotation (changes nothing about the case’s status).',
    )
    .argument('<case>', 'case number, as printed')
    .argument('<text>', 'what happened, or your note')
    .addOption(new Option('--channel <channel>', 'how the contact happened').choices(CHANNELS))
    .option('--contact <name>', 'who you spoke to (with --channel)')
    .option('--next <text>', 'the next step agreed')
    .option('--due <YYYY-MM-DD>', 'when the next step is due (with --next)', parseDay)
    .option('--owner <address>', OWNER_HELP)
    .action(
      async (
        caseNumber: string,
        text: string,
        opts: { channel?: Channel; contact?: string; next?: string; due?: string; owner?: string },
      ) => {
        const invalid = (message: string) => new RefundTrackerError('invalid_argument', message);
        const summary = text.trim();
        if (!summary) throw invalid('the note needs its text');
        if (opts.contact !== undefined && !opts.channel) throw invalid('--contact goes with --channel');
        if (opts.due !== undefined && !opts.next?.trim()) throw invalid('--due goes with --next');
        await withStore(async (store) => {
          const found = await oneCase(store.cases, caseNumber, opts.owner);
          const key = `cli:${randomUUID()}`;
          const record = await store.cases.addNote(found.owner, found.caseNumber, {
            at: new Date(),
            author: cliAuthor(found.owner),
            text: summary,
            channel: opts.channel ?? ANNOTATION_CHANNEL,
            contactPerson: opts.contact?.trim() || null,
            nextSteps: opts.next?.trim() || null,
            nextStepsDue: opts.due ?? null,
            key,
          });
          const entry = record.log.find((e) => e.messageKey === `note:${key}`);
          printChange(record, entry ? logEntryLines(logViewOf(entry)) : []);
        });
      },
    );
  cases
    .command('renumber')
    .description(
      'Give a case another number: a wrong one, or the merchant’s for an order: case. Later mail with the new number joins it.',
    )
    .argument('<case>', 'case number, as printed')
    .argument('<new>', 'the new case number (not taken: to join two cases use cases merge)')
    .option('--owner <address>', OWNER_HELP)
    .action(async (caseNumber: string, newNumber: string, opts: { owner?: string }) => {
      const to = checkedCaseNumber(newNumber);
      await withStore(async (store) => {
        const found = await oneCase(store.cases, caseNumber, opts.owner);
        if (to === found.caseNumber)
          throw new RefundTrackerError('invalid_argument', `case ${to} has that number already`);
        const at = new Date();
        const record = await store.cases.renumberCase(found.owner, found.caseNumber, to, {
          at,
          author: cliAuthor(found.owner),
        });
        printChange(record, changeAt(record, 'renumber', at));
      });
    });
  cases
    .command('merge')
    .description('Two cases that are one: the first one’s log and history move into the second, and the first is gone.')
    .argument('<from>', 'the case to merge (it disappears)')
    .argument('<into>', 'the case that keeps everything')
    .option('--owner <address>', 'the user whose cases they are, when several users share a case number')
    .action(async (from: string, into: string, opts: { owner?: string }) => {
      await withStore(async (store) => {
        const target = await oneCase(store.cases, into, opts.owner ?? (await soleOwnerOf(store.cases, from)));
        const source = await oneCase(store.cases, from, target.owner);
        if (source.caseNumber === target.caseNumber) {
          throw new RefundTrackerError('invalid_argument', `cannot merge case ${from} into itself`);
        }
        const at = new Date();
        const record = await store.cases.mergeCases(target.owner, source.caseNumber, target.caseNumber, {
          at,
          author: cliAuthor(target.owner),
        });
        printChange(record, changeAt(record, 'merge', at));
      });
    });
  cases
    .command('followup')
    .description(
      'Print a ready-to-send follow-up to the merchant for a case whose promised date has passed, in the ' +
        'language of the correspondence: To, Subject and the text (case number, what was promised and when, ' +
        'the log). Exits 1 when no promised date has passed. Sends nothing.',
    )
    .argument('<case>', 'case number, as printed')
    .option('--today <YYYY-MM-DD>', 'the day to judge by (default: today in the user’s digest time zone)', parseDay)
    .option('--owner <address>', OWNER_HELP)
    .action(async (caseNumber: string, opts: { today?: string; owner?: string }) => {
      await withStore(async (store) => {
        const found = await oneCase(store.cases, caseNumber, opts.owner);
        const today = opts.today ?? localDay(new Date(), digestScheduleOf(loadDigestConfig(), found.owner).timeZone);
        const view = caseViewOf(found);
        // The user's annotations are private: the merchant reads the contacts only.
        const draft = followupDraft(
          { ...view, log: view.log.filter((e) => e.channel !== ANNOTATION_CHANNEL) },
          { today },
        );
        const promise = draft.promise;
        if (!promise?.overdue) {
          process.stderr.write(
            `${terminalSafe(
              promise
                ? `case ${found.caseNumber}: support promised it by ${promise.due}, which has not passed (today is ${today}); no follow-up yet`
                : `case ${found.caseNumber}: support has promised nothing by a date; no follow-up is due`,
            )}\n`,
          );
          process.exitCode = 1;
          return;
        }
        const to = draft.to ?? '(the merchant’s support address: none in the log)';
        process.stdout.write(terminalSafe(`To: ${to}\nSubject: ${draft.subject}\n\n${draft.text}`));
      });
    });
}

/** The owner of `caseNumber` when exactly one user has it (else undefined: `oneCase` then says what is wrong). */
async function soleOwnerOf(cases: CaseStore, caseNumber: string): Promise<string | undefined> {
  const found = await cases.findCase(undefined, caseNumber);
  return found.length === 1 ? found[0]?.owner : undefined;
}

/** The renumber or merge this command recorded at `at`, as its history line. */
function changeAt(record: CaseRecord, action: 'renumber' | 'merge', at: Date): string[] {
  const change = record.manualChanges.find((c) => c.action === action && c.at.getTime() === at.getTime());
  return change ? [changeLine(changeViewOf(change))] : [];
}
