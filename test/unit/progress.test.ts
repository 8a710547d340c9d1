// Progress for `import`: pure formatting, plain lines off a terminal (no escape codes), one redrawn line on one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createProgress,
  etaSeconds,
  formatDuration,
  formatRate,
  type ProgressState,
  percentDone,
  plainStep,
  renderBarLine,
  renderPlainLine,
} from '../../src/cli/progress.js';

const state = (count: number, total: number | null, elapsedMs: number): ProgressState => ({
  label: 'import',
  count,
  total,
  elapsedMs,
});

/** A stream that keeps what is written, and a clock the test moves. */
function fakeTerminal(isTTY: boolean, columns = 80) {
  const writes: string[] = [];
  let ms = 0;
  return {
    writes,
    stream: { isTTY, columns, write: (t: string) => writes.push(t) },
    now: () => ms,
    advance: (by: number) => {
      ms += by;
    },
  };
}

describe('formatting', () => {
  it.each([
    [0, '0:00'],
    [9.4, '0:09'],
    [59.6, '1:00'],
    [725, '12:05'],
    [3723, '1:02:03'],
    [null, '?'],
    [Number.POSITIVE_INFINITY, '?'],
  ])('duration %s s is %s', (seconds, shown) => {
    expect(formatDuration(seconds)).toBe(shown);
  });

  it.each([
    [0, '0.0/s'],
    [0.42, '0.4/s'],
    [41.66, '41.7/s'],
    [1234.4, '1234/s'],
  ])('rate %s is %s', (rate, shown) => {
    expect(formatRate(rate)).toBe(shown);
  });

  it('percent never reads 100 before the last item, and ETA follows the rate so far', () => {
    expect(percentDone(state(499, 500, 1000))).toBe(99);
    expect(percentDone(state(500, 500, 1000))).toBe(100);
    expect(percentDone(state(501, 500, 1000))).toBe(100);
    expect(percentDone(state(3, null, 1000))).toBeNull();
    expect(etaSeconds(state(125, 500, 3000))).toBe(9);
    expect(etaSeconds(state(0, 500, 3000))).toBeNull();
    expect(etaSeconds(state(10, null, 3000))).toBeNull();
  });

  it.each([
    [500, 25],
    [10, 1],
    [100_000, 5000],
    [null, 100],
  ])('plain lines for a total of %s come every %s', (total, step) => {
    expect(plainStep(total)).toBe(step);
  });

  it('plain lines: count, total, percent, rate, ETA; the final one the time taken', () => {
    expect(renderPlainLine(state(125, 500, 3000), false)).toBe('import: 125/500 (25%), 41.7/s, ETA 0:09');
    expect(renderPlainLine(state(500, 500, 12_000), true)).toBe('import: 500/500 (100%) in 0:12, 41.7/s');
    expect(renderPlainLine(state(200, null, 4000), false)).toBe('import: 200, 50.0/s');
  });

  it('the bar line fills in proportion and fits the terminal width', () => {
    expect(renderBarLine(state(125, 500, 3000), 100)).toBe(
      `import [${'█'.repeat(10)}${'░'.repeat(30)}] 125/500  25%  41.7/s  ETA 0:09`,
    );
    const narrow = renderBarLine(state(125, 500, 3000), 60);
    expect(narrow.length).toBeLessThan(60);
    expect(narrow).toMatch(/^import \[█+░+\] 125\/500 {2}25%/);
    // Too narrow for a bar: the numbers alone, cut to the width.
    expect(renderBarLine(state(125, 500, 3000), 40)).toBe('import 125/500  25%  41.7/s  ETA 0:09');
    expect(renderBarLine(state(125, 500, 3000), 20)).toHaveLength(19);
    expect(renderBarLine(state(7, null, 1000), 80)).toBe('import 7  7.0/s');
  });
});

describe('off a terminal', () => {
  it('prints a plain line every 5% and a final line, with no escape codes', () => {
    const t = fakeTerminal(false);
    const progress = createProgress({ total: 500, label: 'import', stream: t.stream, now: t.now });
    for (let i = 0; i < 500; i++) {
      t.advance(20);
      progress.tick();
    }
    progress.done();
    progress.done();

    expect(t.writes).toHaveLength(20);
    expect(t.writes[0]).toBe('import: 25/500 (5%), 50.0/s, ETA 0:10\n');
    expect(t.writes[18]).toBe('import: 475/500 (95%), 50.0/s, ETA 0:01\n');
    expect(t.writes[19]).toBe('import: 500/500 (100%) in 0:10, 50.0/s\n');
    expect(t.writes.join('')).not.toContain('\x1b');
    expect(t.writes.join('')).not.toContain('\r');
  });

  it('without a total, every 100 items; log lines go straight through', () => {
    const t = fakeTerminal(false);
    const progress = createProgress({ total: null, label: 'import', stream: t.stream, now: t.now });
    t.advance(1000);
    progress.tick(150);
    progress.log('warning: mbox:/x.mbox#151 is not a message');
    progress.tick(100);
    progress.done();

    expect(t.writes).toEqual([
      'import: 150, 150/s\n',
      'warning: mbox:/x.mbox#151 is not a message\n',
      'import: 250, 250/s\n',
      'import: 250 in 0:01, 250/s\n',
    ]);
  });
});

describe('on a terminal', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('redraws one line in place, at most every 100 ms, and ends it with a newline', () => {
    const t = fakeTerminal(true, 100);
    const progress = createProgress({ total: 50, label: 'import', stream: t.stream, now: t.now });
    for (let i = 0; i < 50; i++) {
      t.advance(10);
      progress.tick();
    }
    progress.done();

    const draws = t.writes.filter((w) => w.startsWith('\r\x1b[K'));
    // The first tick draws, then one draw per 100 ms (10 ticks), then the final one.
    expect(draws).toHaveLength(6);
    expect(t.writes.at(-2)).toBe(`\r\x1b[Kimport [${'█'.repeat(40)}] 50/50 100%  100/s  ETA 0:00`);
    expect(t.writes.at(-1)).toBe('\n');
    expect(t.writes.join('')).not.toContain('\n\r');
  });

  it('prints a log line above the bar and draws the bar again', () => {
    const t = fakeTerminal(true, 100);
    const progress = createProgress({ total: 10, label: 'import', stream: t.stream, now: t.now });
    t.advance(1000);
    progress.tick(4);
    progress.log('quarantined: mbox:/x.mbox#4 (not_mime)');

    expect(t.writes.slice(1)).toEqual([
      '\r\x1b[Kquarantined: mbox:/x.mbox#4 (not_mime)\n',
      `\r\x1b[Kimport [${'█'.repeat(16)}${'░'.repeat(24)}] 4/10  40%  4.0/s  ETA 0:02`,
    ]);
  });

  it('is chosen by the stream being a TTY, unless TERM is dumb', () => {
    const tty = fakeTerminal(true);
    createProgress({ total: 10, label: 'import', stream: tty.stream, now: tty.now }).tick();
    expect(tty.writes[0]?.startsWith('\r\x1b[K')).toBe(true);

    vi.stubEnv('TERM', 'dumb');
    const dumb = fakeTerminal(true);
    const progress = createProgress({ total: 10, label: 'import', stream: dumb.stream, now: dumb.now });
    progress.tick();
    progress.done();
    expect(dumb.writes.join('')).not.toContain('\x1b');
  });
});
