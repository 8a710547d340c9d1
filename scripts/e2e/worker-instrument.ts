// Loaded into the bench's worker process with `node --import` before the built CLI's `worker`:
// measures what only the worker's own process can see and reports it to the bench over IPC.
// - The event loop's worst delay (perf_hooks monitorEventLoopDelay, 10 ms resolution) and the RSS
//   (which counts worker threads too), sampled every 100 ms.
// - When the poller first enters IMAP IDLE on the inbox: imapflow's idle() is wrapped (same module
//   instance as the worker's), so nothing in the worker changes.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';

/** What the worker process tells the bench. */
export type InstrumentReport =
  | { type: 'sample'; at: number; rssBytes: number; heapUsedBytes: number; worstDelayMs: number; cpuMs: number }
  | { type: 'idle'; at: number; sinceProcessStartMs: number };

const send = (report: InstrumentReport) => {
  if (process.send && process.connected) process.send(report);
};

const SAMPLE_MS = 100;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const timer = setInterval(() => {
  const cpu = process.cpuUsage();
  send({
    type: 'sample',
    at: Date.now(),
    rssBytes: process.memoryUsage.rss(),
    heapUsedBytes: process.memoryUsage().heapUsed,
    // The histogram's max since the last sample, in ms (it records nanoseconds).
    worstDelayMs: delay.max / 1e6,
    // The process's CPU time so far, every thread, user + system.
    cpuMs: (cpu.user + cpu.system) / 1000,
  });
  delay.reset();
}, SAMPLE_MS);
timer.unref();
// The IPC channel must not keep a worker alive that is shutting down.
process.channel?.unref();

const inbox = process.env.IMAP_INBOX ?? 'INBOX';
let idleSeen = false;
const originalIdle = ImapFlow.prototype.idle;
ImapFlow.prototype.idle = function idle(this: ImapFlow, ...args: Parameters<ImapFlow['idle']>) {
  if (!idleSeen && this.mailbox && this.mailbox.path === inbox) {
    idleSeen = true;
    send({ type: 'idle', at: Date.now(), sinceProcessStartMs: performance.now() });
  }
  return originalIdle.apply(this, args);
};
