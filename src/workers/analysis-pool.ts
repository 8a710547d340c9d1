import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ResourceLimits } from 'node:worker_threads';
import { QuarantineError, type QuarantineReason, RefundTrackerError } from '../errors.js';
import type { InboundMessage } from '../ingest/inbound-message.js';
import type { ParseOptions } from '../ingest/parse-message.js';
import type { Logger } from '../logger.js';
import type { AnalyzeOptions } from '../rules/analyze.js';
import type { Findings } from '../rules/findings.js';

/**
 * Parsing (mailparser, html-to-text, forward unwrapping) and the rules run here, in analysis threads
 * that are child processes (analysis-thread.ts, started with `fork`), so a 1 MB hostile mail never
 * stalls the worker's event loop (IMAP IDLE and NOOPs, BullMQ lock renewals, other jobs). Each thread
 * does one task at a time. Two threads are kept while idle; more start (up to `threads`) when tasks
 * wait, and end again after IDLE_RETIRE_MS without work.
 *
 * Lanes: a task over LARGE_TASK_BYTES may hold at most threads - 1 threads (one with a single
 * thread), and a waiting small task always goes first, so a small message never queues behind large
 * ones. Each thread has V8 heap limits (`resourceLimits`): a mail that needs more kills its thread,
 * not the worker. Processes, not worker_threads: a worker thread past its heap limit is stopped only
 * on a best effort, and V8 aborts the whole process when one allocation overshoots the limit (a 24 MB
 * string in a 32 MB heap did, one run in four), so a hostile mail could take the worker down. A
 * process that runs out of heap dies alone. A thread that dies or overruns TASK_TIMEOUT_MS fails its task with
 * AnalysisThreadCrashedError (temporary: the job is retried, and quarantined after its last attempt)
 * and is replaced. A task's own error comes back as what it was: a QuarantineError keeps its class
 * and reason; anything else is an Error with the thread's name, message and stack.
 */

/** Where the threads get their rules: the same as the worker's, rebuilt in each thread. */
export type RuleSource = { kind: 'built-in' } | { kind: 'files'; paths: string[] };

export interface AnalysisPoolOptions {
  /** The most threads at once. Default: the cores (os.availableParallelism()), at least 2. */
  threads?: number;
  /**
   * Threads kept while idle (default 2, or `threads` when fewer): more start when tasks wait, and each
   * of those ends after IDLE_RETIRE_MS without work. Two, because a thread started on demand takes
   * longer to load than a large mail takes to parse: the small message's thread must already be there.
   */
  minThreads?: number;
  /**
   * The rules the threads analyse with; null: a pool that only parses (the caller runs `analyze`
   * itself, e.g. for a Ruleset object built in code, which cannot be sent to a thread).
   */
  rules: RuleSource | null;
  /** How long a thread above minThreads stays without a task before it ends. Default IDLE_RETIRE_MS. */
  idleRetireMs?: number;
  /** V8 limits of each thread. Default THREAD_RESOURCE_LIMITS. */
  resourceLimits?: ResourceLimits;
  /** A task running longer kills its thread. Default TASK_TIMEOUT_MS. */
  taskTimeoutMs?: number;
  logger: Logger;
}

/**
 * Above this, a message (raw bytes to parse, or characters of text to analyse) is a large task.
 * Ordinary mail, even with a few images, parses in tens of milliseconds; past about 256 KiB a
 * hostile one (one long paragraph, deep HTML) takes hundreds.
 */
export const LARGE_TASK_BYTES = 256 * 1024;
/**
 * Heap of one thread. Old generation: a 25 MB mail (MAX_MESSAGE_BYTES) parses within it; a mail that
 * needs more kills its thread instead of growing the worker's RSS past its budget (the raw message and
 * decoded attachments are Buffers, outside these limits). Young generation: 8 MB instead of V8's
 * default 48 saves about 20 MB of RSS per thread for a few more scavenges.
 */
export const THREAD_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 8 };
/**
 * V8 keeps the heap a large mail made it grow (RSS stays up after the mail is gone); a thread whose heap
 * is above this after a task is replaced by a fresh one (about 60 MB), which returns it to the system.
 */
export const RECYCLE_HEAP_MB = 96;
/** Parsing the largest hostile mail takes seconds; minutes means a loop the limits did not catch. */
export const TASK_TIMEOUT_MS = 120_000;
/** A thread above `minThreads` with no task for this long ends (its 60-80 MB go back). */
export const IDLE_RETIRE_MS = 30_000;
/** A thread that dies before it is ready (not because of a task) is restarted after this, doubling to the max. */
const RESTART_MIN_MS = 500;
const RESTART_MAX_MS = 30_000;

/** The default thread count: one per core, and at least two so a small message has a thread of its own. */
export function defaultAnalysisThreads(): number {
  return Math.max(2, availableParallelism());
}

/** A thread died (crash, heap limit, timeout) while running the task: temporary, the job is retried. */
export class AnalysisThreadCrashedError extends RefundTrackerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('analysis_thread_crashed', message, options);
  }
}

/** The pool is closed: no more tasks. */
export class AnalysisPoolClosedError extends RefundTrackerError {
  constructor() {
    super('analysis_pool_closed', 'the analysis pool is closed');
  }
}

/** What a thread is asked to do (analysis-thread.ts). Plain data: structured-cloned across. */
export type ThreadTask =
  | { id: number; kind: 'parse'; raw: Uint8Array; options: ParseOptions }
  | { id: number; kind: 'analyze'; message: InboundMessage; options: AnalyzeOptions };

export type ThreadReply =
  /** Its modules are loaded: it can parse now. */
  | { type: 'loaded' }
  /** Its rules are built and warmed. */
  | { type: 'ready' }
  /** `heapMb`: the thread's V8 heap after the task (recycled above RECYCLE_HEAP_MB). */
  | { type: 'result'; id: number; ok: true; value: unknown; heapMb: number }
  | { type: 'result'; id: number; ok: false; error: ThreadError; heapMb: number };

/** An error as it crosses the thread boundary (structured clone drops classes and own fields). */
export interface ThreadError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  reason?: QuarantineReason;
  cause?: ThreadError;
}

export function serializeThreadError(err: unknown, depth = 0): ThreadError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const { code } = err as { code?: unknown };
  return {
    name: err.name,
    message: err.message,
    stack: err.stack,
    ...(typeof code === 'string' ? { code } : {}),
    ...(err instanceof QuarantineError ? { reason: err.reason } : {}),
    ...(err.cause !== undefined && depth < 5 ? { cause: serializeThreadError(err.cause, depth + 1) } : {}),
  };
}

/** The error again on this side: a QuarantineError with its reason, else an Error with the thread's name and stack. */
export function deserializeThreadError(e: ThreadError): Error {
  const cause = e.cause ? deserializeThreadError(e.cause) : undefined;
  const options = cause ? { cause } : undefined;
  if (e.reason) return new QuarantineError(e.reason, e.message, options);
  const err = new Error(e.message, options);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  if (e.code) Object.assign(err, { code: e.code });
  return err;
}

type TaskBody =
  /** `handedOver`: `raw` is the caller's own buffer, let go once the task is sent. */
  | { kind: 'parse'; raw: Uint8Array; options: ParseOptions; handedOver: boolean }
  | Omit<ThreadTask & { kind: 'analyze' }, 'id'>;

interface PendingTask {
  id: number;
  body: TaskBody;
  large: boolean;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface Slot {
  child: ChildProcess;
  /** The end of what the process wrote to stderr: why it died, when V8 said (`heap out of memory`). */
  stderrTail: string;
  task: PendingTask | null;
  loaded: boolean;
  ready: boolean;
  timer: NodeJS.Timeout | null;
  /** What killed the thread, when it said (the 'error' event comes before 'exit'). */
  failure: Error | null;
  /** Ends the thread after IDLE_RETIRE_MS idle (threads above minThreads only). */
  idleTimer: NodeJS.Timeout | null;
}

/** Counts for /metrics and tests: what runs and waits now. */
export interface AnalysisPoolStats {
  threads: number;
  ready: number;
  busy: number;
  busyLarge: number;
  waitingSmall: number;
  waitingLarge: number;
  crashes: number;
}

export class AnalysisPool {
  readonly threads: number;
  readonly minThreads: number;
  /** How many threads large tasks may hold at once. */
  readonly largeLimit: number;
  private readonly slots: Slot[] = [];
  private readonly waitingSmall: PendingTask[] = [];
  private readonly waitingLarge: PendingTask[] = [];
  private readonly resourceLimits: ResourceLimits;
  private readonly taskTimeoutMs: number;
  private readonly idleRetireMs: number;
  private readonly logger: Logger;
  private readonly rules: RuleSource | null;
  private nextId = 1;
  private crashes = 0;
  private restartDelay = RESTART_MIN_MS;
  /** Threads that died at start-up and wait for their restart (they count against `threads`). */
  private restarting = 0;
  private closing: Promise<void> | null = null;
  /** Callers of whenLoaded/whenReady: each resolves once its condition holds (checked on every thread event). */
  private readonly waiters: { holds: () => boolean; resolve: () => void }[] = [];

  constructor(options: AnalysisPoolOptions) {
    this.threads = options.threads ?? defaultAnalysisThreads();
    if (!Number.isInteger(this.threads) || this.threads < 1) {
      throw new RangeError(`threads must be a whole number of at least 1, not ${this.threads}`);
    }
    this.minThreads = Math.min(this.threads, Math.max(1, options.minThreads ?? 2));
    this.largeLimit = Math.max(1, this.threads - 1);
    this.rules = options.rules;
    this.resourceLimits = options.resourceLimits ?? THREAD_RESOURCE_LIMITS;
    this.taskTimeoutMs = options.taskTimeoutMs ?? TASK_TIMEOUT_MS;
    this.idleRetireMs = options.idleRetireMs ?? IDLE_RETIRE_MS;
    this.logger = options.logger;
    // Started now, warmed in the background: nothing waits for them but the first tasks.
    for (let i = 0; i < this.minThreads; i++) this.slots.push(this.spawn());
  }

  /** Whether `analyze` runs here (false: a parse-only pool, started without rules). */
  get analyses(): boolean {
    return this.rules !== null;
  }

  /**
   * parseInboundMessage (ingest/parse-message.ts) on a thread. The bytes are copied and `raw` stays usable,
   * unless `handOver`: then a `raw` that is the whole of its ArrayBuffer (a fetched message: imapflow
   * assembles each literal in a buffer of its own) is not copied first; once the task is sent to the
   * thread (which serializes the bytes into its message) its memory is let go and `raw` is empty (length
   * 0), so a 25 MB mail is not held twice while it waits and parses; the caller must not read it again.
   * A slice of a larger buffer (Node's pool of small Buffers) is copied: letting it go would take the
   * rest of that buffer away from whoever holds it.
   */
  parse(
    raw: Buffer,
    options: ParseOptions,
    { handOver = false }: { handOver?: boolean } = {},
  ): Promise<InboundMessage> {
    const handedOver = handOver && isWholeArrayBuffer(raw);
    const bytes = handedOver ? new Uint8Array(raw.buffer) : new Uint8Array(raw);
    return this.submit(
      { kind: 'parse', raw: bytes, options, handedOver },
      raw.length > LARGE_TASK_BYTES,
    ) as Promise<InboundMessage>;
  }

  /** `analyze` (rules/analyze.ts) with the pool's rules on a thread. */
  analyze(message: InboundMessage, options: AnalyzeOptions): Promise<Findings> {
    if (!this.rules) return Promise.reject(new Error('this analysis pool was started without rules: it only parses'));
    const size = message.original.text.length + (message.forwarderNote?.length ?? 0);
    return this.submit({ kind: 'analyze', message, options }, size > LARGE_TASK_BYTES) as Promise<Findings>;
  }

  stats(): AnalysisPoolStats {
    return {
      threads: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.task).length,
      busyLarge: this.busyLarge(),
      waitingSmall: this.waitingSmall.length,
      waitingLarge: this.waitingLarge.length,
      crashes: this.crashes,
    };
  }

  /** Resolves when the threads running now (at least minThreads) have loaded their code and can parse. */
  whenLoaded(): Promise<void> {
    return this.when(() => this.slots.length >= this.minThreads && this.slots.every((s) => s.loaded));
  }

  /** Resolves when the threads running now (at least minThreads) have built and warmed their rules. */
  whenReady(): Promise<void> {
    return this.when(() => this.slots.length >= this.minThreads && this.slots.every((s) => s.ready));
  }

  private when(holds: () => boolean): Promise<void> {
    if (this.closing || holds()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ holds, resolve }));
  }

  /** Wakes the waiters whose condition now holds (all of them once the pool is closing). */
  private wakeWaiters(): void {
    for (const waiter of [...this.waiters]) {
      if (!this.closing && !waiter.holds()) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  /** Idempotent; tasks still waiting or running fail with AnalysisPoolClosedError. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const closed = new AnalysisPoolClosedError();
      for (const task of this.waitingSmall.splice(0).concat(this.waitingLarge.splice(0))) task.reject(closed);
      await Promise.all(
        this.slots.splice(0).map(async (slot) => {
          if (slot.timer) clearTimeout(slot.timer);
          if (slot.idleTimer) clearTimeout(slot.idleTimer);
          slot.task?.reject(closed);
          slot.task = null;
          await stop(slot.child);
        }),
      );
      this.wakeWaiters();
    })();
    return this.closing;
  }

  private submit(body: TaskBody, large: boolean): Promise<unknown> {
    if (this.closing) return Promise.reject(new AnalysisPoolClosedError());
    return new Promise((resolve, reject) => {
      const task: PendingTask = { id: this.nextId++, body, large, resolve, reject };
      (large ? this.waitingLarge : this.waitingSmall).push(task);
      this.dispatch();
    });
  }

  private busyLarge(): number {
    return this.slots.filter((s) => s.task?.large).length;
  }

  /** The next task that may run now: a small one first; a large one only within largeLimit. */
  private nextTask(): PendingTask | undefined {
    return this.waitingSmall.shift() ?? (this.busyLarge() < this.largeLimit ? this.waitingLarge.shift() : undefined);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task) continue;
      const task = this.nextTask();
      if (!task) break;
      this.run(slot, task);
    }
    // Tasks still waiting that could run: more threads, up to `threads`. A task posted to a thread
    // still loading waits in its port until the thread listens.
    while (!this.closing && this.slots.length + this.restarting < this.threads) {
      const task = this.nextTask();
      if (!task) break;
      const slot = this.spawn();
      this.slots.push(slot);
      this.run(slot, task);
    }
    for (const slot of this.slots) if (!slot.task) this.retireWhenIdle(slot);
  }

  /** Threads above minThreads end after IDLE_RETIRE_MS without a task. */
  private retireWhenIdle(slot: Slot): void {
    if (slot.idleTimer || this.slots.length <= this.minThreads) return;
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = null;
      const index = this.slots.indexOf(slot);
      if (slot.task || index < 0 || this.closing || this.slots.length <= this.minThreads) return;
      this.slots.splice(index, 1);
      // Its 'exit' finds it no longer in the pool: not counted as a crash.
      void stop(slot.child);
    }, this.idleRetireMs);
    slot.idleTimer.unref();
  }

  private run(slot: Slot, task: PendingTask): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.task = task;
    const { body } = task;
    const message: ThreadTask =
      body.kind === 'parse'
        ? { id: task.id, kind: 'parse', raw: body.raw, options: body.options }
        : { id: task.id, ...body };
    slot.timer = setTimeout(() => {
      slot.failure = new Error(`task ran over ${this.taskTimeoutMs} ms`);
      slot.child.kill('SIGKILL');
    }, this.taskTimeoutMs);
    slot.timer.unref();
    holdWhileBusy(slot);
    try {
      // Serialized here, at once: the bytes are in the message now, and a buffer handed over is let go.
      slot.child.send(message);
    } catch (err) {
      // The process is gone (its 'exit' fails the task), or the task cannot be serialized.
      slot.failure = err instanceof Error ? err : new Error(String(err));
      slot.child.kill('SIGKILL');
    }
    if (body.kind === 'parse' && body.handedOver) release(body.raw.buffer as ArrayBuffer);
  }

  private spawn(): Slot {
    const { path, execArgv } = threadEntry();
    const child = fork(path, [JSON.stringify(this.rules)], {
      execArgv: [...heapFlags(this.resourceLimits), ...execArgv],
      // Parsing untrusted mail needs none of the worker's secrets (IMAP, MongoDB, SMTP): they stay out.
      env: threadEnv(process.env),
      // Structured clone, as worker threads had: Uint8Arrays, Dates and Maps cross as they are.
      serialization: 'advanced',
      // Its stdout (none expected) is the worker's; its stderr is kept to say why it died.
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    const slot: Slot = {
      child,
      stderrTail: '',
      task: null,
      loaded: false,
      ready: false,
      timer: null,
      failure: null,
      idleTimer: null,
    };
    holdWhileBusy(slot);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      slot.stderrTail = (slot.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    child.on('message', (reply: ThreadReply) => this.onReply(slot, reply));
    child.on('error', (err) => {
      slot.failure ??= err;
    });
    child.on('exit', (code, signal) => this.onExit(slot, code, signal));
    return slot;
  }

  private onReply(slot: Slot, reply: ThreadReply): void {
    if (reply.type === 'loaded' || reply.type === 'ready') {
      slot.loaded = true;
      if (reply.type === 'ready') slot.ready = true;
      holdWhileBusy(slot);
      this.restartDelay = RESTART_MIN_MS;
      this.wakeWaiters();
      return;
    }
    const task = slot.task;
    if (!task || task.id !== reply.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    holdWhileBusy(slot);
    if (reply.ok) task.resolve(reply.value);
    else task.reject(deserializeThreadError(reply.error));
    if (reply.heapMb > RECYCLE_HEAP_MB) this.recycle(slot, reply.heapMb);
    this.dispatch();
  }

  /** Replaces an idle thread by a fresh one: its grown heap goes back to the system with it. */
  private recycle(slot: Slot, heapMb: number): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closing) return;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    this.logger.debug({ heapMb }, 'analysis thread replaced to release its heap');
    this.slots[index] = this.spawn();
    // Its 'exit' finds it no longer in the pool: not counted as a crash.
    void stop(slot.child);
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // closed
    const task = slot.task;
    slot.task = null;
    this.crashes++;
    const why = slot.failure?.message ?? exitReason(code, signal, slot.stderrTail, this.resourceLimits);
    if (task) {
      this.logger.warn(
        { taskId: task.id, task: task.body.kind, large: task.large, why },
        'analysis thread died in a task',
      );
      task.reject(
        new AnalysisThreadCrashedError(`the analysis thread died: ${why}`, { cause: slot.failure ?? undefined }),
      );
      this.slots[index] = this.spawn();
      this.dispatch();
      return;
    }
    // Died on its own (start-up, rules): restart with backoff so a thread that cannot start does not spin.
    this.logger.error({ why, retryInMs: this.restartDelay }, 'analysis thread died outside a task; restarting');
    const delay = this.restartDelay;
    this.restartDelay = Math.min(this.restartDelay * 2, RESTART_MAX_MS);
    this.slots.splice(index, 1);
    this.restarting++;
    setTimeout(() => {
      this.restarting--;
      if (this.closing) return;
      this.slots.push(this.spawn());
      this.dispatch();
    }, delay).unref();
  }
}

/** Whether `raw` views all of a (non-shared) ArrayBuffer, so transferring that buffer moves nothing else. */
function isWholeArrayBuffer(raw: Buffer): boolean {
  return raw.buffer instanceof ArrayBuffer && raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength;
}

/** The environment a thread needs: the locale and zone, nothing of the worker's configuration. */
const THREAD_ENV_NAMES = ['PATH', 'TZ', 'LANG', 'LC_ALL', 'NODE_ENV'] as const;
function threadEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(THREAD_ENV_NAMES.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])));
}

/** What a thread wrote to stderr that is kept: V8's out-of-memory report ends within it. */
const STDERR_TAIL_CHARS = 4096;

/** The thread's V8 heap limits as node flags (the young generation is three semi-spaces). */
function heapFlags(limits: ResourceLimits): string[] {
  const flags: string[] = [];
  if (limits.maxOldGenerationSizeMb) flags.push(`--max-old-space-size=${limits.maxOldGenerationSizeMb}`);
  if (limits.maxYoungGenerationSizeMb) {
    flags.push(`--max-semi-space-size=${Math.max(1, Math.floor(limits.maxYoungGenerationSizeMb / 3))}`);
  }
  return flags;
}

/** Why a thread exited, in one line: V8's report says when the heap was what ran out. */
function exitReason(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderrTail: string,
  limits: ResourceLimits,
): string {
  if (/heap out of memory|Allocation failed/.test(stderrTail)) {
    return `JS heap out of memory (limit ${limits.maxOldGenerationSizeMb ?? 'default'} MB)`;
  }
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

/**
 * A thread keeps the process alive while it starts (whenLoaded and whenReady may be all a caller waits
 * on) and while it has a task (a CLI with nothing else open must not exit under it); an idle, ready one
 * does not: the service's connections do. `stop` holds one it waits for.
 */
function holdWhileBusy(slot: Slot): void {
  hold(slot.child, !slot.ready || slot.task !== null);
}

function hold(child: ChildProcess, held: boolean): void {
  if (held) {
    child.ref();
    child.channel?.ref();
  } else {
    child.unref();
    child.channel?.unref();
  }
}

/** Ends a thread and waits for its exit (SIGKILL: it holds nothing that needs a clean end). */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // Waited for: the exit must come before the process may end.
    hold(child, true);
    child.kill('SIGKILL');
  });
}

/** Lets go of a buffer's memory here (it was handed over): every view of it is empty from now on. */
function release(buffer: ArrayBuffer): void {
  structuredClone(buffer, { transfer: [buffer] });
}

/**
 * The thread's entry: analysis-thread.js beside this file when running the build. Running from the
 * TypeScript sources (vitest), it is analysis-thread.ts, loaded through source-thread-loader.mjs,
 * which transpiles it (and what it imports) for Node 20.
 */
function threadEntry(): { path: string; execArgv: string[] } {
  if (!import.meta.url.endsWith('.ts')) {
    return { path: fileURLToPath(new URL('./analysis-thread.js', import.meta.url)), execArgv: [] };
  }
  const loader = new URL('./source-thread-loader.mjs', import.meta.url).href;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(loader)});`;
  return {
    path: fileURLToPath(new URL('./analysis-thread.ts', import.meta.url)),
    execArgv: ['--import', `data:text/javascript,${encodeURIComponent(register)}`],
  };
}
