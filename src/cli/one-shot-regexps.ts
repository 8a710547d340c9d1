import { setFlagsFromString } from 'node:v8';

/**
 * How V8 compiles regular expressions for a short run (`analyze`), which reaches each rule pattern a
 * few times. V8's default first builds a pattern's bytecode, then, once it runs again, its machine code
 * too, and optimises that code: with the rules' large case-folded patterns, compiling was about half of
 * a one-message `analyze`. Straight to plain machine code, each is built once and cheaply (outputs
 * compared on every fixture: byte-identical; over all of them no slower). Only how V8 compiles changes,
 * never what a pattern matches; the worker keeps the defaults (and its warm-up).
 *
 * Set before the packaged CLI is compiled (packaged-cli.ts): V8 accepts a code cache only under the
 * flags it was made with.
 */
export function compileRegExpsForOneShot(): void {
  setFlagsFromString('--no-regexp-tier-up');
  setFlagsFromString('--no-regexp-optimization');
}
