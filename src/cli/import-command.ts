import type { Command } from 'commander';
import { type ImapConfig, loadImapConfig, loadRulesPaths } from '../config.js';
import { type ArchivedMessage, countArchive, detectArchive, readArchive } from '../ingest/mail-archive.js';
import { MailboxConnection } from '../ingest/mailbox-connection.js';
import { FiledMessages } from '../ingest/mailbox-messages.js';
import { StoredMail } from '../ingest/stored-mail.js';
import { createLogger, type Logger } from '../logger.js';
import type { QuarantineRecord } from '../models/quarantine-store.js';
import { SenderTemplateStore } from '../models/sender-template-store.js';
import type { Store } from '../models/store.js';
import { terminalSafe } from '../reports/escape.js';
import { warmUpRules } from '../rules/warm-up.js';
import {
  IMPORT_ORIGIN_PREFIX,
  type ImportDeps,
  type ImportOutcome,
  type ImportSummary,
  importArchive,
  importOwnerOf,
  refuseOwnFolder,
  retryImportedMessage,
} from '../workers/import-messages.js';
import { withStore } from './program.js';
import { createProgress } from './progress.js';
import { loadRuleFiles } from './rule-files.js';

/** `import PATH|imap:FOLDER`: mail the user already has, logged as the worker logs forwarded mail. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Log the refund mail you already have: an mbox file, a Maildir, a folder of .eml files, one .eml file, or ' +
        'imap:FOLDER (another folder of the tracker’s IMAP account, read-only). A message is logged when it carries ' +
        'a case number, answers a logged message, or carries an order number and is about a refund, return or ' +
        'claim; everything else is counted and left alone. Logged mail is copied to the Processed mailbox (for ' +
        'reanalyze), mail that cannot be read to Quarantine. Importing the same mail again changes nothing. ' +
        'Progress on standard error, the summary on standard output. Needs MongoDB and the IMAP settings.',
    )
    .argument('<source>', 'a path, or imap:FOLDER')
    .option('--owner <address>', 'whose mail it is (an allowed forwarder); default: the only allowed forwarder')
    .option('--recursive', 'Maildir: also its subfolders (.Sent, .Archive.2023, …); folder of .eml: also subfolders')
    .action(async (source: string, opts: { owner?: string; recursive?: boolean }) => {
      const imap = loadImapConfig();
      const owner = importOwnerOf(opts.owner, imap.allowedForwarders);
      refuseOwnFolder(source, imap);
      const archiveOptions = { recursive: opts.recursive === true, imap, maxMessageBytes: imap.maxMessageBytes };
      // A wrong path or a file that is no archive fails here, before anything connects.
      await detectArchive(source, archiveOptions);
      const { ruleset } = await loadRuleFiles(loadRulesPaths());
      warmUpRules(ruleset);
      const logger = cliLogger();
      await withStore((store) =>
        withImportDeps(store, imap, ruleset, logger, async (deps) => {
          const total = await countArchive(source, archiveOptions);
          const progress = createProgress({ total, label: 'import', stream: process.stderr });
          const summary = await importArchive(
            readArchive(source, archiveOptions),
            owner,
            deps,
            (outcome: ImportOutcome, message: ArchivedMessage) => {
              if (outcome.kind === 'quarantined' && !outcome.already) {
                progress.log(terminalSafe(`quarantined (${outcome.reason}): ${message.origin}: ${outcome.detail}`));
              }
              progress.tick();
            },
          );
          progress.done();
          process.stdout.write(`${terminalSafe(summaryText(summary, owner, imap))}\n`);
        }),
      );
    });
}

/** The summary: read, logged, already logged, not about a case, quarantined by reason. */
function summaryText(
  summary: ImportSummary,
  owner: string,
  imap: Pick<ImapConfig, 'processedMailbox' | 'quarantineMailbox'>,
): string {
  const reasons = Object.entries(summary.quarantinedByReason)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  const lines = [
    `Imported for ${owner}:`,
    `  read:               ${summary.read}`,
    `  logged:             ${summary.logged}`,
    `  already logged:     ${summary.alreadyLogged}`,
    `  not about a case:   ${summary.notAboutACase}`,
    `  quarantined:        ${summary.quarantined}${reasons ? ` (${reasons})` : ''}${
      summary.alreadyQuarantined > 0 ? `, ${summary.alreadyQuarantined} of them by an earlier import` : ''
    }`,
    `  cases:              ${summary.cases}`,
    `  copied to ${imap.processedMailbox}: ${summary.appended.processed}; to ${imap.quarantineMailbox}: ${summary.appended.quarantine}`,
  ];
  if (summary.quarantined > summary.alreadyQuarantined) {
    lines.push(`See them with: refund-tracker quarantine list --owner ${owner}`);
  }
  return lines.join('\n');
}

/** Whether `quarantine retry` runs the record through the import (it was never in the INBOX). */
export function isImportedRecord(record: Pick<QuarantineRecord, 'origin'>): boolean {
  return typeof record.origin === 'string' && record.origin.startsWith(IMPORT_ORIGIN_PREFIX);
}

/**
 * `quarantine retry` of a message `import` set aside: recorded where it sits for the record's owner with
 * the current rules, moved to Processed, the record deleted. Returns the line to print.
 */
export async function retryImportedRecord(record: QuarantineRecord, imap: ImapConfig, store: Store): Promise<string> {
  const { ruleset } = await loadRuleFiles(loadRulesPaths());
  const logger = cliLogger();
  return withImportDeps(store, imap, ruleset, logger, async (deps, connection, mail) => {
    const result = await retryImportedMessage(record, {
      ...deps,
      mail,
      quarantine: store.quarantine,
      filed: new FiledMessages(connection),
    });
    const about = `${record.reason}, ${record.subject ?? 'no subject'}`;
    switch (result.kind) {
      case 'logged':
        return `${record.id}: imported (${about}): ${result.appended ? 'logged in' : 'already logged in'} case ${result.caseNumber}, moved to ${imap.processedMailbox}; record deleted`;
      case 'still_quarantined':
        return `${record.id}: imported (${about}): still cannot be logged (${result.reason}: ${result.detail}); left in ${imap.quarantineMailbox}`;
      case 'not_found':
        return `${record.id}: imported (${about}): its message is not in ${imap.quarantineMailbox} (neither at its place nor by Message-ID); record kept`;
    }
  });
}

/** Errors only: the summary and progress are the command's output, and pino writes to standard output. */
function cliLogger(): Logger {
  return createLogger(process.env.LOG_LEVEL ?? 'error');
}

async function withImportDeps<T>(
  store: Store,
  imap: ImapConfig,
  ruleset: ImportDeps['ruleset'],
  logger: Logger,
  run: (deps: ImportDeps, connection: MailboxConnection, mail: StoredMail) => Promise<T>,
): Promise<T> {
  const templates = await SenderTemplateStore.open(store.connection);
  const connection = new MailboxConnection(imap, logger);
  try {
    const mail = new StoredMail(connection);
    await mail.ensure([imap.processedMailbox, imap.quarantineMailbox]);
    const deps: ImportDeps = {
      cases: store.cases,
      quarantine: store.quarantine,
      mail,
      imap,
      ruleset,
      templates,
      logger: logger.child({ component: 'import' }),
      now: () => new Date(),
    };
    return await run(deps, connection, mail);
  } finally {
    await connection.close();
  }
}
