// Worker processes for the fault suite: the built CLI (`refund-tracker worker`) as real child processes,
// configured by environment only, so a SIGKILL is the real thing.
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { AUTHSERV_ID, FORWARDER } from './messages.js';

export interface WorldConfig {
  imapPort: number;
  imapUser: string;
  imapPassword: string;
  redisUrl: string;
  queuePrefix: string;
  mongoUri: string;
  dbName: string;
  /** Nothing listens there: the digest is never due during a run, and a worker never needs SMTP to start. */
  smtpPort: number;
}

/** The worker's environment: exactly these variables (plus PATH and HOME), nothing from the caller's. */
export function workerEnv(world: WorldConfig): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    IMAP_HOST: '127.0.0.1',
    IMAP_PORT: String(world.imapPort),
    IMAP_TLS: 'false',
    IMAP_USER: world.imapUser,
    IMAP_PASSWORD: world.imapPassword,
    // The shortest interval the configuration allows: the full scan is what recovers lost queue state.
    IMAP_POLL_INTERVAL_SECONDS: '5',
    ALLOWED_FORWARDERS: FORWARDER,
    TRUST: 'auth-results',
    AUTHSERV_ID,
    REDIS_URL: world.redisUrl,
    QUEUE_PREFIX: world.queuePrefix,
    MONGODB_URI: world.mongoUri,
    MONGODB_DB: world.dbName,
    SMTP_URL: `smtp://127.0.0.1:${world.smtpPort}`,
    DIGEST_FROM: 'digest@tracker.example.net',
    LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'info',
  };
}

/** Every worker process still running, so an interrupted suite leaves none behind. */
const running = new Set<ChildProcess>();
export function killAllWorkers(): void {
  for (const child of running) child.kill('SIGKILL');
}

export class WorkerProcess {
  private child: ChildProcess | null = null;
  starts = 0;

  constructor(
    private readonly cli: string,
    private readonly env: Record<string, string>,
    /** Working directory (no .env there) and where `worker-<name>.log` goes. */
    private readonly dir: string,
    readonly name: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    const log = openSync(join(this.dir, `worker-${this.name}.log`), 'a');
    this.child = spawn(process.execPath, [this.cli, 'worker'], {
      cwd: this.dir,
      env: this.env,
      stdio: ['ignore', log, log],
    });
    const child = this.child;
    running.add(child);
    child.once('exit', () => running.delete(child));
    this.starts++;
  }

  /** SIGKILL: no shutdown hook runs, locks stay in Redis until they expire. Returns the time of the kill. */
  async kill9(): Promise<number> {
    const child = this.child;
    const at = Date.now();
    if (!child || !this.running) return at;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
    return at;
  }

  /**
   * SIGTERM, as a deploy or `docker stop` sends it, and the wait for the worker to finish the jobs in
   * hand and exit: its exit code (null when it had to be SIGKILLed after `limitMs`) and how long it took.
   */
  async terminate(limitMs = 30_000): Promise<{ code: number | null; ms: number }> {
    const child = this.child;
    const at = Date.now();
    if (!child || !this.running) return { code: child?.exitCode ?? null, ms: 0 };
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    const code = await exited;
    clearTimeout(timer);
    return { code, ms: Date.now() - at };
  }

  /** SIGTERM (the worker closes cleanly), SIGKILL after 20 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}
