import { setFlagsFromString } from 'node:v8';

/**
 * How V8 compiles for a short run (`analyze` of a few files), which reaches each rule pattern a few
 * times and each function not often enough to repay optimising it:
 * - regular expressions straight to plain machine code: V8's default first builds a pattern's
 *   bytecode, then, once it runs again, its machine code too, and optimises that code; with the rules'
 *   large case-folded patterns, compiling them was about half of a one-message `analyze`;
 * - no TurboFan: its compiling (on other threads, but CPU all the same) cost ~28 ms of a one-message
 *   `analyze` and repaid nothing; a longer run turns it back on (`compileForLongRun`).
 * Outputs compared on every fixture: byte-identical; only how V8 compiles changes, never what runs.
 * The worker keeps the defaults (and its warm-up).
 *
 * Set before the packaged CLI is compiled (packaged-cli.ts): V8 accepts a code cache only under the
 * flags it was made with.
 */
export function compileForShortRun(): void {
  setFlagsFromString('--no-regexp-tier-up');
  setFlagsFromString('--no-regexp-optimization');
  setFlagsFromString('--no-opt');
}

/**
 * Files after which a run is long enough for TurboFan to repay its compiling (measured: 2,970 analyses
 * took 13 % longer without it; up to a few hundred, as long or less).
 */
export const LONG_RUN_FILES = 32;

/** TurboFan back on, for the rest of a long run. */
export function compileForLongRun(): void {
  setFlagsFromString('--opt');
}

/**
 * The longest run whose files are each read by patterns narrowed to them (src/rules/narrowing.ts):
 * narrowed, one message's patterns compile in a few ms instead of ~100 ms, but each message pays
 * again; measured on the fixtures, 16 files took 17 % less CPU narrowed, 32 about as much, 64 16 % more.
 */
export const NARROWED_RUN_FILES = 24;
