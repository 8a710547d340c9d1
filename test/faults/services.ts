// The fault suite's own Dovecot and FerretDB, on free ports with their own directories: the suite stops and
// restarts them, so it never touches the shared instances other tests use (scripts/services.sh).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/services.js';

export const IMAP_PASSWORD = 'faults';
const MAIL_UID = 65534; // Dovecot refuses to run mail processes as root

/** A port nothing listens on now (the OS picks it). */

export function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every 200 ms until it holds; false after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(200);
  }
}

/** A private Dovecot: any user logs in with IMAP_PASSWORD, each with its own Maildir. */
export class PrivateDovecot {
  readonly conf: string;
  readonly baseDir: string;
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.conf = join(dir, 'dovecot.conf');
    // Unix socket paths must stay short: base_dir is a sibling in /tmp, not inside `dir`.
    this.baseDir = `${dir}-run`;
  }

  static async create(stateDir: string): Promise<PrivateDovecot> {
    const port = await freePort();
    const dovecot = new PrivateDovecot(join(stateDir, 'dovecot'), port);
    dovecot.configure();
    await dovecot.start();
    return dovecot;
  }

  private configure(): void {
    const mail = join(this.dir, 'mail');
    mkdirSync(join(this.dir, 'state'), { recursive: true });
    mkdirSync(mail, { recursive: true });
    chownSync(mail, MAIL_UID, MAIL_UID);
    writeFileSync(
      this.conf,
      `# Written by the fault suite (test/faults/services.ts) for its private instance.
instance_name = rt-faults-${this.port}
base_dir = ${this.baseDir}
state_dir = ${join(this.dir, 'state')}
log_path = ${join(this.dir, 'dovecot.log')}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_uid = ${MAIL_UID}
mail_gid = ${MAIL_UID}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = static
  args = password=${IMAP_PASSWORD}
}
userdb {
  driver = static
  args = uid=${MAIL_UID} gid=${MAIL_UID} home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${this.port}
  }
  inet_listener imaps {
    port = 0
  }
}
protocol imap {
  mail_max_userip_connections = 200
}
`,
    );
  }

  async start(): Promise<void> {
    // A stopped instance may leave master.pid behind; Dovecot would then refuse with "already running".
    rmSync(join(this.baseDir, 'master.pid'), { force: true });
    execFileSync('dovecot', ['-c', this.conf], { stdio: 'ignore' });
    if (!(await waitUntil(() => tcpOpen(this.port), 20_000))) {
      throw new Error(`private Dovecot does not answer on 127.0.0.1:${this.port}; see ${this.dir}/dovecot.log`);
    }
  }

  /**
   * Every session kicked first: `doveadm stop` alone leaves a logged-in session's imap process serving it
   * (seen in imap-restart: the worker's sessions went on through a 10 s "outage", only the harness's was
   * cut), so the clients would never see the server go. `doveadm stop` then waits until every Dovecot
   * process of the instance has exited.
   */
  async stop(): Promise<void> {
    try {
      execFileSync('doveadm', ['-c', this.conf, 'kick', '*'], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      // No session, or already stopped.
    }
    try {
      execFileSync('doveadm', ['-c', this.conf, 'stop'], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      // Already stopped.
    }
    await waitUntil(async () => !(await tcpOpen(this.port)), 15_000);
  }

  /** Gives a user's mailbox a new UIDVALIDITY, as recreating it would: every stored UID becomes stale. */
  changeUidValidity(user: string, mailbox: string, uidValidity: number): void {
    execFileSync(
      'doveadm',
      ['-c', this.conf, 'mailbox', 'update', '-u', user, '--uid-validity', String(uidValidity), mailbox],
      { stdio: 'pipe', timeout: 30_000 },
    );
  }
}

/** The one user an authenticating FerretDB creates at its first start (SCRAM, stored in `database`). */
export interface FerretDbUser {
  database: string;
  username: string;
  password: string;
}

/**
 * A private FerretDB (SQLite backend), stoppable and restartable on the same data. With `user`, it runs
 * with authentication (v1.24's --test-enable-new-auth): commands need a SCRAM login and a wrong password
 * is refused with code 18 AuthenticationFailed.
 */
export class PrivateFerretDb {
  private child: ChildProcess | null = null;
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly user?: FerretDbUser,
  ) {}

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/`;
  }

  static async create(stateDir: string, options: { user?: FerretDbUser } = {}): Promise<PrivateFerretDb> {
    const fdb = new PrivateFerretDb(join(stateDir, 'ferretdb'), await freePort(), ferretDbBinary(), options.user);
    mkdirSync(join(fdb.dir, 'data'), { recursive: true });
    mkdirSync(join(fdb.dir, 'state'), { recursive: true });
    await fdb.start();
    return fdb;
  }

  async start(): Promise<void> {
    const log = openSync(join(this.dir, 'ferretdb.log'), 'a');
    this.child = spawn(
      this.bin,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${join(this.dir, 'data')}/`,
        `--listen-addr=127.0.0.1:${this.port}`,
        '--telemetry=disable',
        `--state-dir=${join(this.dir, 'state')}`,
        '--debug-addr=-',
        ...(this.user
          ? [
              '--test-enable-new-auth',
              `--setup-database=${this.user.database}`,
              `--setup-username=${this.user.username}`,
            ]
          : []),
      ],
      // The password through the environment, not argv (which `ps` shows to every user).
      {
        stdio: ['ignore', log, log],
        env: this.user ? { ...process.env, FERRETDB_SETUP_PASSWORD: this.user.password } : process.env,
      },
    );
    if (!(await waitUntil(() => tcpOpen(this.port), 30_000))) {
      throw new Error(`private FerretDB does not answer on 127.0.0.1:${this.port}; see ${this.dir}/ferretdb.log`);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    await stopChild(child, 'SIGTERM');
  }

  /** SIGKILL: whatever it was writing is cut off mid-command, as a crash or the OOM killer would. */
  async kill9(): Promise<void> {
    const child = this.child;
    this.child = null;
    await stopChild(child, 'SIGKILL');
  }
}

/**
 * A private Redis with no persistence: killed and started again it comes back empty, as a Redis that
 * lost its data (a restart without a dump, a failover to an empty replica).
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async create(stateDir: string): Promise<PrivateRedis> {
    const redis = new PrivateRedis(join(stateDir, 'redis'), await freePort());
    mkdirSync(redis.dir, { recursive: true });
    await redis.start();
    return redis;
  }

  async start(): Promise<void> {
    const log = openSync(join(this.dir, 'redis.log'), 'a');
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
        '--dir',
        this.dir,
      ],
      { stdio: ['ignore', log, log] },
    );
    if (!(await waitUntil(() => tcpOpen(this.port), 20_000))) {
      throw new Error(`private Redis does not answer on 127.0.0.1:${this.port}; see ${this.dir}/redis.log`);
    }
  }

  /** SIGKILL: every key is gone, and the clients' connections drop. */
  async kill9(): Promise<void> {
    await stopChild(this.child, 'SIGKILL');
    this.child = null;
  }

  async stop(): Promise<void> {
    await stopChild(this.child, 'SIGTERM');
    this.child = null;
  }
}

/** Signals a child and waits for it to exit (SIGKILL after 15 s). */
async function stopChild(child: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function ferretDbBinary(): string {
  if (process.env.RT_FERRETDB_BIN) return process.env.RT_FERRETDB_BIN;
  let gopath = join(homedir(), 'go');
  try {
    gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim() || gopath;
  } catch {
    // No Go toolchain: the default GOPATH.
  }
  const bin = join(gopath, 'bin', 'ferretdb');
  if (!existsSync(bin)) {
    throw new Error(
      `no FerretDB at ${bin}; run 'bash scripts/services.sh up' once (it installs it) or set RT_FERRETDB_BIN`,
    );
  }
  return bin;
}

/** A state directory that the mail user can traverse (mkdtemp makes it 0700). */
export function makeStateDir(): string {
  const dir = mkdtempSync('/tmp/rt-faults-');
  chmodSync(dir, 0o755);
  return dir;
}

export function readTail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
