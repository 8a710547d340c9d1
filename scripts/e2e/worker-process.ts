// The shipped worker (`refund-tracker worker` from the build), run as a child process with the
// bench's instrumentation preloaded (worker-instrument.ts). Its JSON log lines say when each message
// was filed (pino's `time`, taken in the worker's process) and its IPC reports give event-loop delay,
// RSS and the first IDLE.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { InstrumentReport } from './worker-instrument.js';

export interface WorkerEnv {
  imap: { host: string; port: number; user: string; password: string };
  redisUrl: string;
  queuePrefix: string;
  mongodbUri: string;
  dbName: string;
  forwarder: string;
  authservId: string;
}

export interface Sample {
  /** Date.now() in the worker when taken; it covers the 100 ms before. */
  at: number;
  rssBytes: number;
  worstDelayMs: number;
  /** CPU time of the process so far. */
  cpuMs: number;
}

export interface SampleFigures {
  worstDelayMs: number;
  /** When the worst delay ended (the sample's time). */
  worstDelayAt: number;
  peakRssBytes: number;
  cpuMs: number;
  samples: number;
}

export interface WorkerProcess {
  /** Date.now() when the process was spawned. */
  spawnedAt: number;
  /** Date.now() when the poller first entered IDLE on the inbox, and how long after the process started. */
  firstIdle: Promise<{ at: number; sinceProcessStartMs: number }>;
  /** messageKey → Date.now() in the worker when it logged the message processed (committed and moved). */
  processed: Map<string, number>;
  /** How many messages it logged quarantined, and the time of the last one. */
  quarantined: { count: number; lastAt: number; reasons: Map<string, number> };
  /** Log lines at level error or above (first few). */
  errors: string[];
  /** Date.now() in the worker when it logged 'worker started' (start-up done, first scan queued); null before. */
  startedAt(): number | null;
  /** The instrument's samples, one per 100 ms, in order. */
  samples: Sample[];
  /** Worst event-loop delay, peak RSS and CPU used by the samples taken in (from, to]. */
  figuresBetween(from: number, to: number): SampleFigures;
  /** Resolves when processed + quarantined reaches `count`, rejects after `timeoutMs` or if the worker exits. */
  untilFiled(count: number, timeoutMs: number): Promise<void>;
  stop(): Promise<number | null>;
}

/** pino's numeric level of `error`. */
const ERROR_LEVEL = 50;

export function startWorkerProcess(cliPath: string, instrumentPath: string, env: WorkerEnv): WorkerProcess {
  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', instrumentPath, cliPath, 'worker'], {
    // A clean environment (no .env is read from this cwd: the repository's may point elsewhere).
    cwd: '/',
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      IMAP_HOST: env.imap.host,
      IMAP_PORT: String(env.imap.port),
      IMAP_TLS: 'false',
      IMAP_USER: env.imap.user,
      IMAP_PASSWORD: env.imap.password,
      ALLOWED_FORWARDERS: env.forwarder,
      AUTHSERV_ID: env.authservId,
      REDIS_URL: env.redisUrl,
      QUEUE_PREFIX: env.queuePrefix,
      MONGODB_URI: env.mongodbUri,
      MONGODB_DB: env.dbName,
      // Never contacted: the digest is due at 07:00 in a fresh queue, long after the bench is done.
      SMTP_URL: 'smtp://127.0.0.1:2525',
      DIGEST_FROM: 'digest@tracker.example.net',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const processed = new Map<string, number>();
  const quarantined = { count: 0, lastAt: 0, reasons: new Map<string, number>() };
  const errors: string[] = [];
  let stderr = '';
  const samples: Sample[] = [];
  let startedAt: number | null = null;
  let exited: { code: number | null; signal: string | null } | null = null;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of waiters) w();
  };

  let resolveIdle: (v: { at: number; sinceProcessStartMs: number }) => void = () => undefined;
  let rejectIdle: (err: Error) => void = () => undefined;
  const firstIdle = new Promise<{ at: number; sinceProcessStartMs: number }>((resolve, reject) => {
    resolveIdle = resolve;
    rejectIdle = reject;
  });
  firstIdle.catch(() => undefined);

  child.on('message', (report: InstrumentReport) => {
    if (report.type === 'sample') {
      samples.push({
        at: report.at,
        rssBytes: report.rssBytes,
        worstDelayMs: report.worstDelayMs,
        cpuMs: report.cpuMs,
      });
    } else if (report.type === 'idle') {
      resolveIdle({ at: report.at, sinceProcessStartMs: report.sinceProcessStartMs });
    }
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    let entry: { level?: number; time?: number; msg?: string; messageKey?: string; reason?: string };
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    const at = entry.time ?? Date.now();
    if (entry.msg === 'worker started') startedAt = at;
    else if (entry.msg === 'message processed' && entry.messageKey) {
      processed.set(entry.messageKey, at);
      wake();
    } else if (entry.msg === 'message quarantined') {
      quarantined.count += 1;
      quarantined.lastAt = Math.max(quarantined.lastAt, at);
      const reason = entry.reason ?? '?';
      quarantined.reasons.set(reason, (quarantined.reasons.get(reason) ?? 0) + 1);
      wake();
    }
    if ((entry.level ?? 0) >= ERROR_LEVEL && errors.length < 10) errors.push(line.slice(0, 500));
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 10_000) stderr += chunk.toString('utf8');
  });
  const exit = new Promise<number | null>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      rejectIdle(new Error(`the worker exited before it idled (${code ?? signal}): ${stderr.trim().slice(0, 500)}`));
      wake();
      resolve(code);
    });
  });

  return {
    spawnedAt,
    firstIdle,
    processed,
    quarantined,
    errors,
    startedAt: () => startedAt,
    samples,
    figuresBetween(from, to) {
      const figures: SampleFigures = { worstDelayMs: 0, worstDelayAt: 0, peakRssBytes: 0, cpuMs: 0, samples: 0 };
      let before: Sample | undefined;
      let last: Sample | undefined;
      for (const sample of samples) {
        if (sample.at <= from) {
          before = sample;
          continue;
        }
        if (sample.at > to) break;
        figures.samples += 1;
        if (sample.worstDelayMs > figures.worstDelayMs) {
          figures.worstDelayMs = sample.worstDelayMs;
          figures.worstDelayAt = sample.at;
        }
        figures.peakRssBytes = Math.max(figures.peakRssBytes, sample.rssBytes);
        last = sample;
      }
      figures.cpuMs = last ? last.cpuMs - (before?.cpuMs ?? 0) : 0;
      return figures;
    },
    untilFiled(count, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (processed.size + quarantined.count >= count) done(null);
          else if (exited) {
            done(new Error(`the worker exited (${exited.code ?? exited.signal}): ${stderr.trim().slice(0, 500)}`));
          }
        };
        const timer = setTimeout(
          () =>
            done(
              new Error(
                `only ${processed.size + quarantined.count} of ${count} messages filed after ${Math.round(timeoutMs / 1000)} s`,
              ),
            ),
          timeoutMs,
        );
        const done = (err: Error | null) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (err) reject(err);
          else resolve();
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (exited) return exited.code;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exit;
      clearTimeout(killer);
      return code;
    },
  };
}
