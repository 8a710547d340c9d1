import type { Command } from 'commander';
import { loadRulesPaths, loadWorkerConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startWorkerService } from '../workers/service.js';
import { loadRuleFiles } from './rule-files.js';

/** `worker`: the long-running service. */
export function registerWorkerCommand(program: Command): void {
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
}
