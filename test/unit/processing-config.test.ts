// WORKER_CONCURRENCY, ANALYSIS_THREADS and IMAP_BATCH_SIZE: defaults, accepted values, and one line naming a bad one.
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKER_CONCURRENCY, loadProcessingConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

describe('loadProcessingConfig', () => {
  it('defaults: WORKER_CONCURRENCY 4, ANALYSIS_THREADS left to the pool (the cores)', () => {
    expect(DEFAULT_WORKER_CONCURRENCY).toBe(4);
    expect(loadProcessingConfig({})).toEqual({
      workerConcurrency: 4,
      analysisThreads: undefined,
      imapBatchSize: undefined,
    });
    // A blank line in .env is unset.
    expect(loadProcessingConfig({ WORKER_CONCURRENCY: '', ANALYSIS_THREADS: '', IMAP_BATCH_SIZE: '' })).toEqual({
      workerConcurrency: 4,
      analysisThreads: undefined,
      imapBatchSize: undefined,
    });
  });

  it('reads whole numbers from 1 to 64', () => {
    expect(loadProcessingConfig({ WORKER_CONCURRENCY: '1', ANALYSIS_THREADS: '64', IMAP_BATCH_SIZE: '256' })).toEqual({
      workerConcurrency: 1,
      analysisThreads: 64,
      imapBatchSize: 256,
    });
  });

  it.each(['0', '257', 'all'])('IMAP_BATCH_SIZE=%s is a configuration error naming the variable', (value) => {
    expect(() => loadProcessingConfig({ IMAP_BATCH_SIZE: value })).toThrow(ConfigError);
    try {
      loadProcessingConfig({ IMAP_BATCH_SIZE: value });
    } catch (err) {
      expect((err as ConfigError).issues).toEqual(['IMAP_BATCH_SIZE must be a whole number from 1 to 256']);
    }
  });

  it.each([
    ['WORKER_CONCURRENCY', '0'],
    ['WORKER_CONCURRENCY', '65'],
    ['WORKER_CONCURRENCY', '2.5'],
    ['ANALYSIS_THREADS', 'many'],
    ['ANALYSIS_THREADS', '-1'],
  ])('%s=%s is a configuration error naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadProcessingConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([`${name} must be a whole number from 1 to 64`]);
  });
});
