import type { Command } from 'commander';
import {
  type DigestConfig,
  digestScheduleOf,
  loadAllowedForwarders,
  loadDigestConfig,
  loadSmtpConfig,
} from '../config.js';
import { createLogger } from '../logger.js';
import type { Store } from '../models/store.js';
import { terminalSafe } from '../reports/escape.js';
import { localDay, previewDigest, sendDigest } from '../workers/digest.js';
import { createMailTransport } from '../workers/mail-transport.js';
import { describeSmtpFailure } from '../workers/startup-checks.js';
import { parseDay, READ_ONLY, withStore } from './program.js';

interface DigestCommandOptions {
  owner?: string;
  date?: string;
}

/** A `digest` subcommand for one user (--owner) or every allowed forwarder, on a day (--date). */
function perUserCommand(digest: Command, name: string, description: string): Command {
  return digest
    .command(name)
    .description(description)
    .option('--owner <address>', 'one user (default: every allowed forwarder)')
    .option(
      '--date <YYYY-MM-DD>',
      'the day (default: today in the user’s zone: DIGEST_SCHEDULE, else DIGEST_TIME_ZONE)',
      parseDay,
    );
}

/** Owners to report on: the one asked for, or every allowed forwarder. */
function ownersFrom(option: string | undefined): string[] {
  if (option) return [option.toLowerCase()];
  return loadAllowedForwarders();
}

/**
 * Each user the command is for, with their digest day (--date, else today in their zone) and what a
 * digest of theirs reads: the store, and their DIGEST_SCHEDULE zone and language over the defaults.
 */
function usersDigests(opts: DigestCommandOptions, config: DigestConfig, store: Store) {
  return ownersFrom(opts.owner).map((owner) => {
    const { timeZone, language } = digestScheduleOf(config, owner);
    return {
      owner,
      date: opts.date ?? localDay(new Date(), timeZone),
      deps: {
        cases: store.cases,
        digests: store.digests,
        quarantine: store.quarantine,
        now: () => new Date(),
        options: { timeZone, language },
      },
    };
  });
}

/** `digest preview|send`. */
export function registerDigestCommands(program: Command): void {
  const digest = program.command('digest').description('The daily digest email.');
  perUserCommand(
    digest,
    'preview',
    'Print the digest that would be sent today (with --date: as it stood at the end of that day), without sending it.',
  ).action(async (opts: DigestCommandOptions) => {
    const config = loadDigestConfig();
    await withStore(async (store) => {
      for (const { owner, date, deps } of usersDigests(opts, config, store)) {
        const { rendered } = await previewDigest(owner, date, deps, { asOfDay: opts.date !== undefined });
        process.stdout.write(terminalSafe(`To: ${owner}\nSubject: ${rendered.subject}\n\n${rendered.text}\n`));
      }
    }, READ_ONLY);
  });
  perUserCommand(digest, 'send', 'Send today’s digest now (at most one per user per day).').action(
    async (opts: DigestCommandOptions) => {
      const config = loadDigestConfig();
      const smtp = loadSmtpConfig();
      const mailer = createMailTransport(smtp);
      const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
      try {
        await withStore(async (store) => {
          for (const { owner, date, deps } of usersDigests(opts, config, store)) {
            // One user's failed digest never stops the others': a line each, exit 1 at the end.
            const result = await sendDigest(owner, date, { ...deps, mailer, from: smtp.from, logger }).catch(
              (err: unknown) => {
                process.stderr.write(
                  `refund-tracker: ${owner} ${date}: not sent: ${describeSmtpFailure(err, smtp.smtpUrl)}\n`,
                );
                process.exitCode = 1;
                return null;
              },
            );
            if (result) process.stdout.write(`${owner} ${date}: ${result.status}\n`);
          }
        });
      } finally {
        mailer.close();
      }
    },
  );
}
