import type { Command } from 'commander';
import nodemailer from 'nodemailer';
import { loadDigestConfig, loadSmtpConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { terminalSafe } from '../reports/escape.js';
import { localDay, previewDigest, sendDigest } from '../workers/digest.js';
import { ownersFrom, parseDay, withStore } from './program.js';

/** `digest preview|send`. */
export function registerDigestCommands(program: Command): void {
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
}
