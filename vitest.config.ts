import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts Redis, Dovecot and FerretDB (scripts/services.sh) and fails the run if one does not answer.
    // RT_KEEP_SERVICES=1 leaves them running afterwards.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Files run in parallel: each test isolates itself by names (database, queue prefix, IMAP user).
    pool: 'forks',
    // In CI a machine-readable report too, from which .ci/run prints its 'N passed, N failed' line.
    ...(process.env.CI === 'true'
      ? { reporters: ['default', 'json'], outputFile: { json: '.ci/results/vitest.json' } }
      : {}),
  },
});
