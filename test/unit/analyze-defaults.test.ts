// `analyze` with nothing configured does not load the configuration module: its defaults (the shared
// DEFAULT_MAX_MESSAGE_BYTES) must be the configuration's own.
import { describe, expect, it } from 'vitest';
import { loadMaxMessageBytes, loadRulesPaths } from '../../src/config.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../../src/ingest/archive/types.js';

describe('analyze defaults', () => {
  it('are what the configuration gives for an empty environment', () => {
    expect(DEFAULT_MAX_MESSAGE_BYTES).toBe(loadMaxMessageBytes({}));
    expect(loadMaxMessageBytes({ MAX_MESSAGE_BYTES: '' })).toBe(DEFAULT_MAX_MESSAGE_BYTES);
    expect(loadRulesPaths({})).toEqual([]);
  });
});
