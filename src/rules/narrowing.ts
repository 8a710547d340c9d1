import { classEnd } from './rule-regexp.js';

/**
 * A rule pattern narrowed to the words one message holds. The rules' patterns name every language's
 * words (hundreds of alternatives, hundreds of KB of source), and a short run (`analyze` of one file)
 * spends most of its time compiling them; a message holds a few thousand characters, and most
 * alternatives need a word that is nowhere in it. An alternative is dropped when one of its literal
 * runs holds a piece of up to three characters that the message does not: it cannot match any text
 * made of the message's pieces. Whether a text is made of them is checked for each text a pattern
 * reads (`Vocabulary.covers`); a text that is not is read by the whole pattern. Same answers.
 *
 * The tree of a pattern is written at build time (`npm run build`, parsing is the slow part); this
 * file holds both halves: `narrowingTreeOf` (build) and `narrowedSource` (run).
 */

/**
 * A pattern's alternatives, `a|b|c`, in order (of two matching at one place, the first wins). A string
 * stands for alternatives that are words alone (`refund|money back`), each needing itself: the
 * lexicons' lists, most of every tree, kept as written (a tree is read at each run, and JSON reads
 * one long string far faster than thousands of small arrays).
 */
export type Alternatives = (Branch | string)[];
/**
 * One alternative: `[needs, keep, ...parts]`. `needs`: its literal runs, case-folded as texts are
 * (`foldedForGate`), joined by NUL; `keep` 1 when it holds a capturing group, whose number the
 * alternatives after it would lose if it went.
 */
export type Branch = [string, 0 | 1, ...Part[]];
/** Source text as written, or a group whose own alternatives can be narrowed. */
export type Part = string | Group;
/**
 * `[open, alternatives, close, kind]`: close holds the quantifier. kind 0: the group must match; 1: it
 * may be left out when it cannot match: it may match nothing (`?`, `*`, `{0,n}`), or it is a negative
 * lookaround (which holds when its content cannot match).
 */
export type Group = [string, Alternatives, string, 0 | 1];

/** A pattern that matches nothing: what a group that must match becomes in a branch that must stay. */
const NEVER = '(?!)';
const NEEDS_SEPARATOR = '\u0000';

/** The source of a pattern that, on texts the vocabulary covers, matches as the whole pattern does; null: nothing there. */
export function narrowedSource(tree: Alternatives, vocabulary: Vocabulary): string | null {
  let out: string | null = null;
  for (const branch of tree) {
    const text = typeof branch === 'string' ? narrowedWords(branch, vocabulary) : narrowedBranch(branch, vocabulary);
    if (text !== null) out = out === null ? text : `${out}|${text}`;
  }
  return out;
}

/** Words alone, `|` between them: those the vocabulary holds. */
function narrowedWords(words: string, vocabulary: Vocabulary): string | null {
  const each = words.split('|');
  const folded = vocabulary.fold(words).split('|');
  let out: string | null = null;
  for (let k = 0; k < each.length; k++) {
    if (vocabulary.holds(folded[k] as string)) out = out === null ? (each[k] as string) : `${out}|${each[k]}`;
  }
  return out;
}

function narrowedBranch(branch: Branch, vocabulary: Vocabulary): string | null {
  const keep = branch[1] === 1;
  if (!keep && branch[0] !== '' && !vocabulary.holdsEach(branch[0])) return null;
  let out = '';
  for (let k = 2; k < branch.length; k++) {
    const part = branch[k] as Part;
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const inner = narrowedSource(part[1], vocabulary);
    if (inner !== null) out += part[0] + inner + part[2];
    else if (opensCapture(part[0])) {
      // Matching nothing, but there: the captures after it keep their numbers.
      if (part[3] === 0 && !keep) return null;
      out += part[0] + NEVER + part[2];
    } else if (part[3] === 0) {
      if (!keep) return null;
      out += NEVER;
    }
  }
  return out;
}

const opensCapture = (open: string): boolean => open === '(' || (open[2] === '<' && open[3] !== '=' && open[3] !== '!');

/** The trees written at build time, by pattern source; null for a source without one (a pattern changed since). */
export interface NarrowingTrees {
  treeOf(source: string): Alternatives | null;
  /** The literal runs of every tree (`literalsOf`), read when first asked for. */
  literals(): string;
}

/**
 * The literal runs of the trees, folded, NUL between them: any piece a narrowing may count on a message
 * not holding is a piece of one of these (Vocabulary.covers).
 */
export function literalsOf(trees: Iterable<Alternatives>, fold: (text: string) => string): string {
  const runs = new Set<string>();
  const walk = (tree: Alternatives): void => {
    for (const branch of tree) {
      if (typeof branch === 'string') {
        for (const word of fold(branch).split('|')) runs.add(word);
        continue;
      }
      if (branch[0] !== '') for (const run of branch[0].split(NEEDS_SEPARATOR)) runs.add(run);
      for (let k = 2; k < branch.length; k++) {
        const part = branch[k] as Part;
        if (typeof part !== 'string') walk(part[1]);
      }
    }
  };
  for (const tree of trees) walk(tree);
  return [...runs].join(NEEDS_SEPARATOR);
}

/** Thrown for syntax the tree does not read; the pattern is then never narrowed. */
export class UnnarrowablePattern extends Error {}

/**
 * The narrowing tree of a `u`-flag pattern source. `fold` is how texts are case-folded for the check
 * (`foldedForGate`: one character for one, so a folded run is a piece of the folded text it matches).
 */
export function narrowingTreeOf(source: string, fold: (text: string) => string): Alternatives {
  let i = 0;

  const alternatives = (): { tree: Alternatives; captures: boolean } => {
    const tree: Alternatives = [];
    let captures = false;
    for (;;) {
      const { branch, keep } = branchAt();
      captures ||= keep;
      tree.push(branch);
      if (source[i] !== '|') break;
      i++;
    }
    return { tree, captures };
  };

  const branchAt = (): { branch: Branch; keep: boolean } => {
    const parts: Part[] = [];
    const runs = new Set<string>();
    let keep = false;
    let text = '';
    let run = '';
    const endRun = () => {
      if (run !== '') runs.add(fold(run));
      run = '';
    };
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const start = i;
      const c = source[i] as string;
      let literal: string | null = null;
      let group: { open: string; tree: Alternatives; lookaround: 'positive' | 'negative' | null } | null = null;
      if (c === '(') {
        const open = /^\((?:\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/.exec(source.slice(i, i + 40))?.[0] ?? '(';
        i += open.length;
        const inner = alternatives();
        if (source[i] !== ')') throw new UnnarrowablePattern(`no ')' at ${i}`);
        i++;
        if (open === '(' || /^\(\?<[A-Za-z_$]/.test(open) || inner.captures) keep = true;
        const lookaround = /^\(\?<?!/.test(open) ? 'negative' : /^\(\?<?=/.test(open) ? 'positive' : null;
        group = { open, tree: inner.tree, lookaround };
      } else if (c === '[') {
        i = classEnd(source, i) + 1;
        if (i > source.length) throw new UnnarrowablePattern(`no ']' after ${start}`);
      } else if (c === '\\') {
        i += escapeLength(source, i);
        const escaped = source[start + 1] ?? '';
        if (i === start + 2 && !/[\dA-Za-z]/.test(escaped)) literal = escaped;
      } else if (c === '.' || c === '^' || c === '$') {
        i++;
      } else if (c === '*' || c === '+' || c === '?' || c === ']') {
        throw new UnnarrowablePattern(`'${c}' at ${i}`);
      } else {
        const code = source.codePointAt(i) ?? 0;
        i += code > 0xffff ? 2 : 1;
        literal = source.slice(start, i);
      }
      const atomEnd = i;
      const least = quantifierAt();
      if (group !== null) {
        endRun();
        const kind = group.lookaround === 'negative' || (group.lookaround === null && least === 0) ? 1 : 0;
        const part = collapsed([group.open, group.tree, `)${source.slice(atomEnd, i)}`, kind]);
        if (typeof part === 'string') text += part;
        else {
          if (text !== '') parts.push(text);
          text = '';
          parts.push(part);
        }
        continue;
      }
      text += source.slice(start, i);
      if (literal === null || least === 0) endRun();
      else if (least === null) run += literal;
      else {
        // `ab+c`: `ab` and `bc` are pieces of any match, `abc` need not be.
        run += literal;
        endRun();
        run = literal;
      }
    }
    endRun();
    if (text !== '') parts.push(text);
    const needs = keep ? '' : [...runs].join(NEEDS_SEPARATOR);
    return { branch: [needs, keep ? 1 : 0, ...parts], keep };
  };

  /** Reads the quantifier after an atom: the least number of times it repeats, or null for none. */
  const quantifierAt = (): number | null => {
    const m = /^(?:[*+?]|\{(\d+)(?:,\d*)?\})\??/.exec(source.slice(i, i + 24));
    if (!m) return null;
    i += m[0].length;
    const head = m[0][0];
    return head === '*' || head === '?' ? 0 : head === '+' ? 1 : Number(m[1]);
  };

  const { tree } = alternatives();
  if (i !== source.length) throw new UnnarrowablePattern(`unbalanced ')' at ${i}`);
  return withWordsJoined(tree);
}

/** Characters that stand for themselves: a branch of these alone is a word. */
const WORD_ALONE = /^[^\\^$.|?*+()[\]{}]+$/u;

/** The tree with each run of word-alone branches written as one string (see Alternatives), inside groups too. */
function withWordsJoined(tree: Alternatives): Alternatives {
  const out: Alternatives = [];
  let words: string[] = [];
  const endWords = () => {
    if (words.length > 0) out.push(words.join('|'));
    words = [];
  };
  for (const branch of tree) {
    if (typeof branch === 'string') {
      words.push(branch);
      continue;
    }
    const [needs, keep, ...parts] = branch;
    const only = parts.length === 1 ? parts[0] : undefined;
    if (keep === 0 && typeof only === 'string' && WORD_ALONE.test(only) && !needs.includes(NEEDS_SEPARATOR)) {
      words.push(only);
      continue;
    }
    endWords();
    out.push([needs, keep, ...parts.map((part) => (typeof part === 'string' ? part : joinedGroup(part)))]);
  }
  endWords();
  return out;
}

const joinedGroup = ([open, tree, close, kind]: Group): Group => [open, withWordsJoined(tree), close, kind];

/** The length of the escape at `at` (`\d`, `\p{L}`, `\u{1F600}`, `\k<name>`, `\12`). */
function escapeLength(source: string, at: number): number {
  const rest = source.slice(at, at + 16);
  const m = /^\\(?:[pP]\{[^}]*\}|u\{[\da-fA-F]+\}|u[\da-fA-F]{4}|x[\da-fA-F]{2}|c[A-Za-z]|k<[^>]*>|\d+|[\s\S])/.exec(
    rest,
  );
  if (!m) throw new UnnarrowablePattern(`a lone '\\' at ${at}`);
  return m[0].length;
}

/** A group with nothing to narrow inside is written out as text: smaller trees, less to walk. */
function collapsed(group: Group): Part {
  const [open, tree, close] = group;
  const plain = tree.every(
    (branch) =>
      typeof branch !== 'string' && branch[0] === '' && branch.slice(2).every((part) => typeof part === 'string'),
  );
  if (!plain) return group;
  return `${open}${tree.map((branch) => (branch as Branch).slice(2).join('')).join('|')}${close}`;
}

/**
 * The pieces of up to three characters of a message's texts, case-folded: what a narrowed pattern may
 * count on. A narrowed pattern lacks only branches with a literal run holding a piece the message does
 * not; a text holding no such piece is covered, and the narrowed pattern answers for it as the whole one.
 * So a text is covered when each of its pieces is the message's, or a piece of no literal run at all
 * (the `(Vase  )` the rules leave where a product name was). Each answer is kept: texts are read by many patterns.
 */
export class Vocabulary {
  private readonly pieces = new Set<string>();
  private readonly covered = new Map<string, boolean>();

  /**
   * `fold`: how texts are case-folded (`foldedForGate`), one character for one; `literals`: the literal
   * runs of every pattern that may be narrowed (`literalsOf`), asked for only when a text is not the message's.
   */
  constructor(
    texts: Iterable<string>,
    readonly fold: (text: string) => string,
    private readonly literals: () => string,
  ) {
    for (const raw of texts) {
      const text = fold(raw);
      for (let k = 0; k < text.length; k++) {
        this.pieces.add(text.slice(k, k + 1));
        this.pieces.add(text.slice(k, k + 2));
        this.pieces.add(text.slice(k, k + 3));
      }
    }
  }

  /** A vocabulary of these texts' pieces and `texts`'. */
  with(texts: Iterable<string>): Vocabulary {
    const wider = new Vocabulary(texts, this.fold, this.literals);
    for (const piece of this.pieces) wider.pieces.add(piece);
    return wider;
  }

  /** Whether every run of `needs` (folded runs joined by NUL) is made of the message's pieces. */
  holdsEach(needs: string): boolean {
    if (!needs.includes(NEEDS_SEPARATOR)) return this.holds(needs);
    return needs.split(NEEDS_SEPARATOR).every((run) => this.holds(run));
  }

  /** Whether a folded run is made of the message's pieces. */
  holds(run: string): boolean {
    if (run.length <= 3) return this.pieces.has(run);
    for (let k = 0; k + 3 <= run.length; k++) if (!this.pieces.has(run.slice(k, k + 3))) return false;
    return true;
  }

  /** Whether `text` (read by a pattern) is made of the message's pieces. */
  covers(text: string): boolean {
    let answer = this.covered.get(text);
    if (answer === undefined) {
      const folded = this.fold(text);
      answer = folded.length < 3 ? this.harmless(folded) : true;
      for (let k = 0; answer && k + 3 <= folded.length; k++) answer = this.harmless(folded.slice(k, k + 3));
      this.covered.set(text, answer);
    }
    return answer;
  }

  /**
   * Whether a text's piece (up to three characters) cannot hold what a narrowing dropped: it is the
   * message's, or each of its own pieces that is not is in no literal run.
   */
  private harmless(piece: string): boolean {
    if (this.pieces.has(piece)) return true;
    for (let from = 0; from < piece.length; from++) {
      for (let to = from + 1; to <= piece.length; to++) {
        const part = piece.slice(from, to);
        if (!this.pieces.has(part) && this.literals().includes(part)) return false;
      }
    }
    return true;
  }
}
