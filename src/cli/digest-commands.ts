import type { Command } from 'commander';
import { type DigestConfig, digestScheduleOf, loadDigestConfig, loadSmtpConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { terminalSafe } from '../reports/escape.js';
import { type DigestOptions, localDay, previewDigest, sendDigest } from '../workers/digest.js';
import { createMailTransport } from '../workers/mail-transport.js';
import { ownersFrom, parseDay, READ_ONLY, withStore } from './program.js';

/** A user's digest day and labels: their DIGEST_SCHEDULE zone and language over the defaults. */
function digestSettings(config: DigestConfig, owner: string, day: string | undefined) {
  const { timeZone, language } = digestScheduleOf(config, owner);
  const options: DigestOptions = { timeZone, language };
  return { date: day ?? localDay(new Date(), timeZone), options };
}

/** `digest preview|send`. */
export function registerDigestCommands(program: Command): void {
  const digest = program.command('digest').description('The daily digest email.');
  digest
    .command('preview')
    .description('Print the digest that would be sent today, without sending it.')
    .option('--owner <address>', 'one user (default: every allowed forwarder)')
    .option(
      '--date <YYYY-MM-DD>',
      'the day (default: today in the user’s zone: DIGEST_SCHEDULE, else DIGEST_TIME_ZONE)',
      parseDay,
    )
    .action(async (opts: { owner?: string; date?: string }) => {
      const config = loadDigestConfig();
      await withStore(async (store) => {
        for (const owner of ownersFrom(opts.owner)) {
          const { date, options } = digestSettings(config, owner, opts.date);
          const { rendered } = await previewDigest(owner, date, {
            cases: store.cases,
            digests: store.digests,
            quarantine: store.quarantine,
            now: () => new Date(),
            options,
          });
          process.stdout.write(terminalSafe(`To: ${owner}\nSubject: ${rendered.subject}\n\n${rendered.text}\n`));
        }
      }, READ_ONLY);
    });
  digest
    .command('send')
    .description('Send today’s digest now (at most one per user per day).')
    .option('--owner <address>', 'one user (default: every allowed forwarder)')
    .option(
      '--date <YYYY-MM-DD>',
      'the day (default: today in the user’s zone: DIGEST_SCHEDULE, else DIGEST_TIME_ZONE)',
      parseDay,
    )
    .action(async (opts: { owner?: string; date?: string }) => {
      const config = loadDigestConfig();
      const smtp = loadSmtpConfig();
      const mailer = createMailTransport(smtp);
      const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
      try {
        await withStore(async (store) => {
          for (const owner of ownersFrom(opts.owner)) {
            const { date, options } = digestSettings(config, owner, opts.date);
            const result = await sendDigest(owner, date, {
              cases: store.cases,
              digests: store.digests,
              quarantine: store.quarantine,
              options,
              mailer,
              from: smtp.from,
              now: () => new Date(),
              logger,
            });
            process.stdout.write(`${owner} ${date}: ${result.status}\n`);
          }
        });
      } finally {
        mailer.close();
      }
    });
}
