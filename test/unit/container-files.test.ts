// The Dockerfile and docker-compose.yml cannot be built or started on these machines (no Docker):
// what can be checked is that compose's file parses and says what the README promises, and that the
// image is built on a supported Node with what re2 needs, and checks its own health.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

interface ComposeService {
  image?: string;
  build?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  env_file?: Array<{ path: string; required: boolean }>;
  depends_on?: Record<string, unknown>;
}

const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> };
const worker = compose.services.worker as ComposeService;

/** The variables a .env file sets, from its `NAME=value` lines. */
function envFileNames(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
    .map((line) => line.slice(0, line.indexOf('=')));
}

describe('docker-compose.yml', () => {
  it('parses, with MongoDB, Redis and the worker built from the Dockerfile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['mailserver', 'mongo', 'redis', 'worker']);
    expect(worker.build).toBe('.');
  });

  it("reads the user's settings from .env, and fails without one instead of falling back to the demo", () => {
    expect(worker.env_file).toEqual([{ path: '.env', required: true }]);
  });

  it('sets no mailbox, allowlist, trust or SMTP value of its own: each required one must come from .env', () => {
    const environment = worker.environment ?? {};
    for (const [name, value] of Object.entries(environment)) {
      if (name === 'MONGODB_URI' || name === 'REDIS_URL') continue;
      // ${NAME:?message}: compose stops naming NAME when it is unset or empty; no default.
      expect(value, name).toMatch(new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`));
    }
    expect(Object.keys(environment).sort()).toEqual([
      'ALLOWED_FORWARDERS',
      'IMAP_HOST',
      'IMAP_USER',
      'MONGODB_URI',
      'REDIS_URL',
    ]);
    expect(read('docker-compose.yml')).not.toMatch(/IMAP_PASSWORD|:-/);
  });

  it('starts the demo mail server only with --profile demo, and the worker does not wait for it', () => {
    expect(compose.services.mailserver?.profiles).toEqual(['demo']);
    expect(Object.keys(worker.depends_on ?? {}).sort()).toEqual(['mongo', 'redis']);
  });

  it('has a demo .env that points the worker at the demo server and sets every variable compose requires', () => {
    const demo = read('examples/compose-demo.env');
    const names = envFileNames(demo);
    expect(names).toEqual(expect.arrayContaining(['IMAP_HOST', 'IMAP_USER', 'ALLOWED_FORWARDERS', 'IMAP_PASSWORD']));
    expect(demo).toMatch(/^IMAP_HOST=mailserver$/m);
    expect(demo).toMatch(/^SMTP_URL=smtp:\/\/mailserver:3025$/m);
  });

  it('.env.example sets every variable compose requires', () => {
    expect(envFileNames(read('.env.example'))).toEqual(
      expect.arrayContaining(['IMAP_HOST', 'IMAP_USER', 'ALLOWED_FORWARDERS']),
    );
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('builds and runs on the same Node LTS image, not on Node 20 (past its end of life)', () => {
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim']);
  });

  it('installs the tools node-gyp needs to compile re2 in the build stage only', () => {
    expect(stages[0]).toMatch(/apt-get install -y --no-install-recommends python3 make g\+\+/);
    expect(stages[1]).not.toMatch(/apt-get/);
  });

  it('checks its health over /healthz on HTTP_PORT with node itself (no curl in the slim image)', () => {
    expect(stages[1]).toMatch(/^ENV HTTP_PORT=8080$/m);
    const check = /^HEALTHCHECK [^\n]*\\\n\s+CMD (\[.*\])$/m.exec(stages[1] ?? '');
    expect(check).not.toBeNull();
    const command = JSON.parse(check?.[1] ?? '[]') as string[];
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain("'/healthz'");
    expect(command[2]).toContain('process.env.HTTP_PORT');
    const instructions = (stages[1] ?? '').split('\n').filter((line) => !line.startsWith('#'));
    expect(instructions.join('\n')).not.toMatch(/curl|wget/);
  });

  it('runs as the unprivileged node user', () => {
    expect(stages[1]).toMatch(/^USER node$/m);
  });

  it('the build stage holds every file `npm run build` compiles: the context keeps it, a COPY brings it', () => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const listed = execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--listFilesOnly'], {
      cwd: root,
      encoding: 'utf8',
    });
    const compiled = listed
      .split('\n')
      .map((path) => relative(root, path.trim()))
      .filter((path) => path !== '' && !path.startsWith('node_modules/') && !path.startsWith('..'));
    // The scripts import some test code (the fault suite, a forward builder): the case this guards.
    expect(compiled).toContain('test/faults/suite.ts');
    const copied = [...(stages[0] ?? '').matchAll(/^COPY (?!--)(.+) \S+$/gm)].flatMap((m) => (m[1] ?? '').split(' '));
    const ignore = read('.dockerignore');
    const missing = compiled.filter(
      (path) => !inBuildContext(path, ignore) || !copied.some((from) => path === from || path.startsWith(`${from}/`)),
    );
    expect(missing).toEqual([]);
  });
});

/**
 * Whether .dockerignore leaves `path` in the build context: the last pattern that matches it or one of
 * its directories decides, `!` keeps. Patterns as this project writes them: paths, `*` within a name.
 */
function inBuildContext(path: string, dockerignore: string): boolean {
  let kept = true;
  for (const line of dockerignore.split('\n')) {
    const rule = line.trim();
    if (rule === '' || rule.startsWith('#')) continue;
    const keep = rule.startsWith('!');
    const pattern = new RegExp(
      `^${(keep ? rule.slice(1) : rule).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}(?:/|$)`,
    );
    if (pattern.test(path)) kept = keep;
  }
  return kept;
}
