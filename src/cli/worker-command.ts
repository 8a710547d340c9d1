import type { Command } from 'commander';
import { loadHttpPort, loadProcessingConfig, loadRulesPaths, loadWorkerConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startWorkerService } from '../workers/service.js';
import { ServiceUnavailableError } from '../workers/startup-checks.js';

/** `worker`: the long-running service. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run the service: IMAP poller (IDLE + polling), message worker, digest scheduler and worker.')
    .action(async () => {
      const config = loadWorkerConfig();
      const httpPort = loadHttpPort();
      const processing = loadProcessingConfig();
      // A bad rule pack stops start-up here, before anything connects. The analysis threads load the
      // same files again (a Ruleset holds compiled patterns, which cannot cross to a thread). Without
      // packs nothing is built here: the threads build the built-in rules, and the main thread, which
      // never analyses, does not load the rules (nor YAML) at all.
      const ruleFiles = loadRulesPaths();
      const rules = ruleFiles.length > 0 ? await (await import('./rule-files.js')).loadRuleFiles(ruleFiles) : null;
      const logger = createLogger();
      logger.info({ rulePacks: rules?.packs ?? [] }, 'rules loaded');
      const service = await startWorkerService(config, {
        logger,
        ...(rules ? { ruleset: rules.ruleset, ruleFiles } : {}),
        httpPort,
        concurrency: processing.workerConcurrency,
        analysisThreads: processing.analysisThreads,
        imapBatchSize: processing.imapBatchSize,
      }).catch((err: unknown) => {
        // A service that does not answer is a failure (exit 1), not a usage error: one line, no stack.
        if (!(err instanceof ServiceUnavailableError)) throw err;
        process.stderr.write(`refund-tracker: ${err.message}\n`);
        process.exit(1);
      });
      logger.info({ mailbox: service.poller.mailbox }, 'worker started');
      const stop = async (signal: string) => {
        logger.info({ signal }, 'stopping');
        await service.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
