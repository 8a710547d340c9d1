/**
 * Progress of a long command (`import`): on a terminal, one line redrawn in place (bar, count/total,
 * percent, rate, ETA); anywhere else (a pipe, a log file, cron mail), plain lines every 5% of the
 * total (every 100 when the total is unknown) and a final line, with no terminal codes at all.
 *
 * Our own code rather than a library (cli-progress): the plain-line mode is needed anyway,
 * the formatting is pure and unit-tested here, and nothing is added to the dependency tree.
 */

/** Where progress goes: a stream; a terminal one says so with `isTTY` and its width with `columns`. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** How many items there will be; null (or 0) when unknown: no bar, percent or ETA then. */
  total: number | null;
  /** What is counted, first on every line: `import`. */
  label: string;
  stream: ProgressStream;
  /**
   * Redraw in place (a terminal) or print plain lines. Default: the stream is a TTY and TERM is
   * not `dumb`.
   */
  interactive?: boolean;
  /** Milliseconds, for rate and ETA. Default: performance.now. Tests pass their own clock. */
  now?: () => number;
}

export interface Progress {
  /** `count` more items are done (default 1). */
  tick(count?: number): void;
  /** Prints a line of its own (a warning) without breaking the bar. */
  log(line: string): void;
  /** Prints the final line. Idempotent. */
  done(): void;
}

/** A terminal line is redrawn at most this often: a fast import would otherwise spend its time drawing. */
const REDRAW_EVERY_MS = 100;
/** Plain lines with an unknown total: one every this many items. */
const PLAIN_EVERY_UNKNOWN = 100;
const ERASE_LINE = '\r\x1b[K';

export function createProgress(options: ProgressOptions): Progress {
  const total = options.total && options.total > 0 ? options.total : null;
  const interactive = options.interactive ?? (options.stream.isTTY === true && process.env.TERM !== 'dumb');
  const now = options.now ?? (() => performance.now());
  const started = now();
  const step = plainStep(total);
  let count = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let finished = false;

  const state = (): ProgressState => ({ label: options.label, count, total, elapsedMs: now() - started });
  const draw = () => {
    lastDraw = now();
    options.stream.write(`${ERASE_LINE}${renderBarLine(state(), options.stream.columns ?? 80)}`);
  };

  return {
    tick(n = 1) {
      if (finished || n <= 0) return;
      const before = count;
      count += n;
      if (interactive) {
        if (now() - lastDraw >= REDRAW_EVERY_MS) draw();
      } else if (Math.floor(count / step) > Math.floor(before / step) && count !== total) {
        options.stream.write(`${renderPlainLine(state(), false)}\n`);
      }
    },
    log(line) {
      if (interactive) {
        options.stream.write(`${ERASE_LINE}${line}\n`);
        if (!finished) draw();
      } else {
        options.stream.write(`${line}\n`);
      }
    },
    done() {
      if (finished) return;
      finished = true;
      if (interactive) {
        draw();
        options.stream.write('\n');
      } else {
        options.stream.write(`${renderPlainLine(state(), true)}\n`);
      }
    },
  };
}

export interface ProgressState {
  label: string;
  count: number;
  total: number | null;
  elapsedMs: number;
}

/** Plain lines come every 5% of the total (at least every item), or every 100 without a total. */
export function plainStep(total: number | null): number {
  return total ? Math.max(1, Math.ceil(total / 20)) : PLAIN_EVERY_UNKNOWN;
}

/** Items per second so far; 0 before any time has passed. */
function ratePerSecond(state: ProgressState): number {
  return state.elapsedMs > 0 ? (state.count * 1000) / state.elapsedMs : 0;
}

/** Seconds left at the rate so far; null when unknown (no total, nothing done yet). */
export function etaSeconds(state: ProgressState): number | null {
  const rate = ratePerSecond(state);
  if (state.total === null || rate <= 0) return null;
  return Math.max(0, (state.total - state.count) / rate);
}

/** Whole percent done, never 100 before the last item. */
export function percentDone(state: ProgressState): number | null {
  if (state.total === null) return null;
  const percent = Math.floor((state.count * 100) / state.total);
  return state.count >= state.total ? 100 : Math.min(percent, 99);
}

/** `0:09`, `12:05`, `1:02:03`; `?` when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '?';
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** `0.4/s`, `41.7/s`, `1234/s`. */
export function formatRate(perSecond: number): string {
  return `${perSecond >= 100 ? Math.round(perSecond) : perSecond.toFixed(1)}/s`;
}

/** `import: 125/500 (25%), 41.7/s, ETA 0:09`; the final line `import: 500/500 (100%) in 0:12, 41.7/s`. */
export function renderPlainLine(state: ProgressState, final: boolean): string {
  const percent = percentDone(state);
  const counted = state.total === null ? `${state.count}` : `${state.count}/${state.total} (${percent}%)`;
  const rate = formatRate(ratePerSecond(state));
  if (final) return `${state.label}: ${counted} in ${formatDuration(state.elapsedMs / 1000)}, ${rate}`;
  const eta = state.total === null ? '' : `, ETA ${formatDuration(etaSeconds(state))}`;
  return `${state.label}: ${counted}, ${rate}${eta}`;
}

/**
 * `import [██████░░░░░░░░░░░░] 125/500  25%  41.7/s  ETA 0:09`, fitted to `columns` (the bar
 * shrinks, then goes; the line never wraps, or the redraw would leave copies behind).
 */
export function renderBarLine(state: ProgressState, columns: number): string {
  const rate = formatRate(ratePerSecond(state));
  if (state.total === null) return fitToWidth(`${state.label} ${state.count}  ${rate}`, columns);
  const percent = String(percentDone(state)).padStart(3);
  const tail = `${state.count}/${state.total} ${percent}%  ${rate}  ETA ${formatDuration(etaSeconds(state))}`;
  const room = columns - 1 - state.label.length - tail.length - 4;
  if (room < 10) return fitToWidth(`${state.label} ${tail}`, columns);
  const width = Math.min(room, 40);
  const filled = Math.min(width, Math.floor((width * state.count) / state.total));
  return `${state.label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${tail}`;
}

/** At most `columns - 1` characters: writing into the last column makes some terminals wrap. */
function fitToWidth(line: string, columns: number): string {
  return line.length < columns ? line : line.slice(0, Math.max(0, columns - 1));
}
