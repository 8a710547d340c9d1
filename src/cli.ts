#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import nodemailer from 'nodemailer';
import { explainFile, formatExplanation, formatRecord } from './cli/analyze-command.js';
import { loadRuleFiles } from './cli/rule-files.js';
import {
  loadAllowedForwarders,
  loadDigestConfig,
  loadDotEnv,
  loadMongoConfig,
  loadRulesPaths,
  loadSmtpConfig,
  loadWorkerConfig,
} from './config.js';
import { RefundTrackerError } from './errors.js';
import { createLogger } from './logger.js';
import { CASE_STATUSES, type CaseStatus } from './models/schemas.js';
import { openStore, type Store } from './models/store.js';
import { casesToCsv, casesToMarkdown, caseToText } from './reports/case-table.js';
import { terminalSafe } from './reports/escape.js';
import { localDay, previewDigest, sendDigest } from './workers/digest.js';
import { startWorkerService } from './workers/service.js';

/** 25 MiB, as the worker's default MAX_MESSAGE_BYTES. */
const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;

async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(loadMongoConfig());
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

function parseStatus(value: string): CaseStatus {
  if (!(CASE_STATUSES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`must be one of ${CASE_STATUSES.join(', ')}`);
  }
  return value as CaseStatus;
}

function parseDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('must be a date as YYYY-MM-DD');
  return value;
}

/** Owners to report on: the one asked for, or every allowed forwarder. */
function ownersFrom(option: string | undefined): string[] {
  if (option) return [option.toLowerCase()];
  return loadAllowedForwarders();
}

export function buildProgram(): Command {
  const program = new Command('refund-tracker')
    .description('Keeps an exact record of refund cases and support conversations, fed by forwarded email.')
    .showHelpAfterError();

  program
    .command('worker')
    .description('Run the service: IMAP poller (IDLE + polling), message worker, digest scheduler and worker.')
    .action(async () => {
      const config = loadWorkerConfig();
      // A bad rule pack stops start-up here, before anything connects.
      const rules = await loadRuleFiles(loadRulesPaths());
      const logger = createLogger();
      logger.info({ rulePacks: rules.packs }, 'rules loaded');
      const service = await startWorkerService(config, { logger, ruleset: rules.ruleset });
      logger.info({ mailbox: service.poller.mailbox }, 'worker started');
      const stop = async (signal: string) => {
        logger.info({ signal }, 'stopping');
        await service.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });

  program
    .command('analyze')
    .description('Analyze .eml files offline (no Redis, MongoDB or network) and print the findings.')
    .argument('<files...>', '.eml files to analyze')
    .option('--json', 'one JSON object per file, one per line (the analysis contract)')
    .option(
      '--explain',
      'for each finding: the rule, where it matched (subject, new text, quoted text, forward header) and the text',
    )
    .option(
      '--rules <file>',
      'a rule pack (.yaml, .yml, .json) or a directory of them, loaded after RULES_PATH; repeatable',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(async (files: string[], opts: { json?: boolean; explain?: boolean; rules: string[] }) => {
      const maxBytes = Number(process.env.MAX_MESSAGE_BYTES) || DEFAULT_MAX_BYTES;
      // Optional here: when set, mail the users wrote themselves counts as from the customer.
      const customerAddresses = process.env.ALLOWED_FORWARDERS ? loadAllowedForwarders() : [];
      const { ruleset, packs } = await loadRuleFiles([...loadRulesPaths(), ...opts.rules]);
      if (opts.explain) {
        // With --json, standard output stays the contract: one JSON object per line.
        const loaded = `Rule packs: built-in${packs.map((p) => `\n  ${p}`).join('')}\n\n`;
        (opts.json ? process.stderr : process.stdout).write(terminalSafe(loaded));
      }
      let failed = 0;
      for (const [i, file] of files.entries()) {
        const explanation = await explainFile(file, { ruleset, maxBytes, customerAddresses });
        const { record } = explanation;
        if (!record.ok) failed++;
        if (opts.json) process.stdout.write(`${JSON.stringify(record)}\n`);
        else if (opts.explain) {
          process.stdout.write(`${i > 0 ? '\n' : ''}${terminalSafe(formatExplanation(explanation, ruleset))}`);
        } else process.stdout.write(terminalSafe(formatRecord(record)));
      }
      process.exitCode = failed > 0 ? 1 : 0;
    });

  const cases = program.command('cases').description('List, show and export cases (needs MONGODB_URI).');
  cases
    .command('list')
    .description('One line per case.')
    .option('--owner <address>', 'only this user’s cases')
    .addOption(new Option('--status <status>', 'only cases with this status').argParser(parseStatus))
    .action(async (opts: { owner?: string; status?: CaseStatus }) => {
      await withStore(async (store) => {
        const files = await store.cases.caseFiles({ owner: opts.owner?.toLowerCase(), status: opts.status });
        if (files.length === 0) process.stdout.write('No cases.\n');
        for (const c of files) {
          const last = c.log[c.log.length - 1];
          process.stdout.write(
            `${terminalSafe(
              `${c.caseNumber}\t${c.status}\t${c.openedAt.toISOString().slice(0, 10)}\t${c.merchant ?? '-'}\t${c.log.length} messages\t${last ? last.occurredAt.toISOString().slice(0, 10) : '-'}\t${c.issueDescription ?? ''}`,
            )}\n`,
          );
        }
      });
    });
  cases
    .command('show')
    .description('A case in full: status, resolution and the communication log.')
    .argument('<case>', 'case number, as printed')
    .option('--owner <address>', 'the user whose case it is, when several users share a case number')
    .action(async (caseNumber: string, opts: { owner?: string }) => {
      await withStore(async (store) => {
        const [found] = await store.cases.caseFiles({ caseNumber, owner: opts.owner?.toLowerCase() });
        if (!found) throw new RefundTrackerError('case_not_found', `no case ${caseNumber}`);
        process.stdout.write(caseToText(found));
      });
    });
  cases
    .command('export')
    .description('The case table as CSV or a Markdown table.')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'md']).makeOptionMandatory())
    .option('--owner <address>', 'only this user’s cases')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (opts: { format: 'csv' | 'md'; owner?: string; output?: string }) => {
      await withStore(async (store) => {
        const files = await store.cases.caseFiles({ owner: opts.owner?.toLowerCase() });
        const text = opts.format === 'csv' ? casesToCsv(files) : casesToMarkdown(files);
        if (opts.output) await writeFile(opts.output, text);
        else process.stdout.write(text);
      });
    });

  const digest = program.command('digest').description('The daily digest email.');
  digest
    .command('preview')
    .description('Print the digest that would be sent today, without sending it.')
    .option('--owner <address>', 'one user (default: every allowed forwarder)')
    .option('--date <YYYY-MM-DD>', 'the day (default: today in DIGEST_TIME_ZONE)', parseDay)
    .action(async (opts: { owner?: string; date?: string }) => {
      const { timeZone } = loadDigestConfig();
      await withStore(async (store) => {
        for (const owner of ownersFrom(opts.owner)) {
          const date = opts.date ?? localDay(new Date(), timeZone);
          const { rendered } = await previewDigest(owner, date, { ...store, now: () => new Date() });
          process.stdout.write(terminalSafe(`To: ${owner}\nSubject: ${rendered.subject}\n\n${rendered.text}\n`));
        }
      });
    });
  digest
    .command('send')
    .description('Send today’s digest now (at most one per user per day).')
    .option('--owner <address>', 'one user (default: every allowed forwarder)')
    .option('--date <YYYY-MM-DD>', 'the day (default: today in DIGEST_TIME_ZONE)', parseDay)
    .action(async (opts: { owner?: string; date?: string }) => {
      const { timeZone } = loadDigestConfig();
      const smtp = loadSmtpConfig();
      const mailer = nodemailer.createTransport(smtp.smtpUrl);
      const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
      await withStore(async (store) => {
        for (const owner of ownersFrom(opts.owner)) {
          const date = opts.date ?? localDay(new Date(), timeZone);
          const result = await sendDigest(owner, date, {
            ...store,
            mailer,
            from: smtp.from,
            now: () => new Date(),
            logger,
          });
          process.stdout.write(`${owner} ${date}: ${result.status}\n`);
        }
      });
      mailer.close();
    });
  return program;
}

async function main(): Promise<void> {
  loadDotEnv();
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (err) {
    // Typed errors carry a message meant for the user; anything else is a bug worth its stack.
    if (err instanceof RefundTrackerError) process.stderr.write(`refund-tracker: ${err.message}\n`);
    else process.stderr.write(`refund-tracker: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 2;
  }
}

await main();
