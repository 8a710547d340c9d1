import { createServer, type Server } from 'node:http';
import { RefundTrackerError } from '../errors.js';
import type { Logger } from '../logger.js';
import { withTimeout } from './startup-checks.js';

/**
 * The worker's /healthz and /metrics (HTTP_PORT, off by default). Metrics are kept here in the
 * Prometheus text format (0.0.4) by hand: a handful of counters, gauges and one histogram kind do not
 * need a client library, and the worker keeps one dependency fewer.
 */

type Labels = Record<string, string>;

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
};

/** A counter by label set: `messages processed`, `quarantined by reason`, `digests sent`. */
export class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0) lines.push(`${this.name} 0`);
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${labelText(labels)} ${value}`);
    return lines.join('\n');
  }
}

/** A histogram of seconds with fixed buckets. */
export class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
  ) {
    this.counts = buckets.map(() => 0);
  }

  observe(seconds: number): void {
    this.sum += seconds;
    this.count += 1;
    this.buckets.forEach((le, i) => {
      if (seconds <= le) this.counts[i] = (this.counts[i] ?? 0) + 1;
    });
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((le, i) => {
      lines.push(`${this.name}_bucket{le="${le}"} ${this.counts[i] ?? 0}`);
    });
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`, `${this.name}_sum ${this.sum}`);
    lines.push(`${this.name}_count ${this.count}`);
    return lines.join('\n');
  }
}

/** What the worker counts as it runs (service.ts feeds it). */
export class WorkerMetrics {
  readonly messagesProcessed = new Counter(
    'refund_tracker_messages_processed_total',
    'Messages the worker finished, by outcome (processed, commands, quarantined, skipped).',
  );
  readonly quarantined = new Counter('refund_tracker_messages_quarantined_total', 'Messages quarantined, by reason.');
  readonly digestsSent = new Counter('refund_tracker_digests_sent_total', 'Digests sent by email.');
  readonly processingSeconds = new Histogram(
    'refund_tracker_message_processing_seconds',
    'Time one message job took, from start to finish.',
    [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );
  readonly arrivalToCaseSeconds = new Histogram(
    'refund_tracker_arrival_to_case_seconds',
    'From the poller seeing a message in the inbox (its job queued) to the message logged in its case.',
    [1, 5, 15, 30, 60, 300, 900, 3600],
  );
}

/** Gauges read at scrape time. */
export interface LiveReadings {
  queueDepth(): Promise<Record<string, number>>;
  lastScanAt(): Date | null;
}

async function renderMetrics(metrics: WorkerMetrics, live: LiveReadings, now: Date): Promise<string> {
  const depth = await live.queueDepth();
  const lastScan = live.lastScanAt();
  const parts = [
    metrics.messagesProcessed.render(),
    metrics.quarantined.render(),
    metrics.digestsSent.render(),
    metrics.processingSeconds.render(),
    metrics.arrivalToCaseSeconds.render(),
    [
      '# HELP refund_tracker_queue_depth Message jobs by state.',
      '# TYPE refund_tracker_queue_depth gauge',
      ...Object.entries(depth).map(([state, n]) => `refund_tracker_queue_depth{state="${escapeLabel(state)}"} ${n}`),
    ].join('\n'),
    [
      '# HELP refund_tracker_last_scan_age_seconds Seconds since the last successful inbox scan (-1 before the first).',
      '# TYPE refund_tracker_last_scan_age_seconds gauge',
      `refund_tracker_last_scan_age_seconds ${lastScan ? (now.getTime() - lastScan.getTime()) / 1000 : -1}`,
    ].join('\n'),
  ];
  return `${parts.join('\n')}\n`;
}

/** A health probe: resolves when the part works, rejects naming what is wrong. */
export type HealthProbe = () => Promise<void>;

/** How long /healthz waits for one part before it counts as failing. */
const PROBE_TIMEOUT_MS = 2_000;

export interface HealthReport {
  ok: boolean;
  /** Each part: "ok" or what is wrong. */
  parts: Record<string, string>;
  lastScanAgeSeconds: number | null;
}

async function checkHealth(
  probes: Record<string, HealthProbe>,
  lastScanAt: Date | null,
  now: Date,
): Promise<HealthReport> {
  const names = Object.keys(probes);
  const results = await Promise.allSettled(
    names.map((n) => withTimeout((probes[n] as HealthProbe)(), PROBE_TIMEOUT_MS)),
  );
  const parts: Record<string, string> = {};
  results.forEach((r, i) => {
    parts[names[i] as string] = r.status === 'fulfilled' ? 'ok' : (r.reason as Error).message || 'failing';
  });
  return {
    ok: Object.values(parts).every((p) => p === 'ok'),
    parts,
    lastScanAgeSeconds: lastScanAt ? Math.round((now.getTime() - lastScanAt.getTime()) / 1000) : null,
  };
}

export interface HealthServerOptions {
  port: number;
  host?: string;
  probes: Record<string, HealthProbe>;
  metrics: WorkerMetrics;
  live: LiveReadings;
  now: () => Date;
  logger: Logger;
}

/** Serves GET /healthz (200, or 503 naming the failing parts) and GET /metrics. */
export async function startHealthServer(options: HealthServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = async (): Promise<void> => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      if (path === '/healthz') {
        const report = await checkHealth(options.probes, options.live.lastScanAt(), options.now());
        const failing = Object.entries(report.parts).filter(([, v]) => v !== 'ok');
        res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(
          `${JSON.stringify({
            status: report.ok ? 'ok' : `failing: ${failing.map(([k, v]) => `${k} (${v})`).join(', ')}`,
            ...report.parts,
            lastScanAgeSeconds: report.lastScanAgeSeconds,
          })}\n`,
        );
        return;
      }
      if (path === '/metrics') {
        const text = await renderMetrics(options.metrics, options.live, options.now());
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(text);
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    };
    reply().catch((err: Error) => {
      options.logger.warn({ path, err: { message: err.message } }, 'health endpoint failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`error: ${err.message}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'is in use' : `cannot be served (${err.message})`;
      reject(new RefundTrackerError('config_invalid', `HTTP_PORT ${options.port} ${why}`, { cause: err }));
    });
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  options.logger.info({ port: options.port }, 'serving /healthz and /metrics');
  return server;
}
