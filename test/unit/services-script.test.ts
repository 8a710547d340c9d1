// scripts/services.sh, checked without starting anything: it parses, refuses an unknown command
// with exit 2, and `env` without a prior `up` fails naming the file. The real runs (a clone in a
// 0700 directory, two clones at once) are what every integration test's globalSetup exercises.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '..', '..', 'scripts', 'services.sh');
const emptyState = mkdtempSync(join(tmpdir(), 'rt-services-test-'));

afterAll(() => rmSync(emptyState, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync('bash', [script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, RT_SERVICES_DIR: emptyState },
  });
}

describe('scripts/services.sh', () => {
  it('is valid bash', () => {
    expect(() => execFileSync('bash', ['-n', script])).not.toThrow();
  });

  it('stops at the first failing step, also inside $(...)', () => {
    const text = execFileSync('sed', ['-n', '1,40p', script], { encoding: 'utf8' });
    expect(text).toMatch(/^set -euo pipefail$/m);
    expect(text).toMatch(/^shopt -s inherit_errexit/m);
  });

  it('refuses an unknown command with its usage and exit 2', () => {
    const result = run('start');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/usage: .* up\|down\|status\|env/);
  });

  it('env before up: exit 1 naming the missing file', () => {
    const result = run('env');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`no ${join(emptyState, 'env')}: run 'scripts/services.sh up' first`);
    expect(result.stdout).toBe('');
  });
});
