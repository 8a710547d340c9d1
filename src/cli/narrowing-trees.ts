import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Alternatives, NarrowingTrees } from '../rules/narrowing.js';

/** A pattern source's key in the trees file: its digest (the sources are up to 60 KB each). */
export const narrowingTreeKey = (source: string): string => createHash('sha1').update(source).digest('base64');

/**
 * The trees file: a line of JSON, `{trees, literals}`, the `[start, end]` of each tree (by key) and of
 * the literals (`literalsOf`) in what follows, then the trees' JSON one after another and the literals.
 * A run parses only the trees of the patterns it reaches. (Written in ASCII, with `\u` escapes, it was
 * read faster and parsed slower: 15 ms more in all.)
 */
export function narrowingTreesFile(trees: ReadonlyMap<string, Alternatives>, literals: string): string {
  const index: Record<string, [number, number]> = {};
  const bodies: string[] = [];
  let at = 0;
  for (const [key, tree] of trees) {
    const json = JSON.stringify(tree);
    index[key] = [at, at + json.length];
    bodies.push(json);
    at += json.length;
  }
  const head: TreesFileHead = { trees: index, literals: [at, at + literals.length] };
  return `${JSON.stringify(head)}\n${bodies.join('')}${literals}`;
}

interface TreesFileHead {
  trees: Record<string, [number, number]>;
  literals: [number, number];
}

/** The trees the build wrote (packaged-cli.ts's NARROWING_TREES_PATH), or null when there are none. */
export function readNarrowingTrees(path: string): NarrowingTrees | null {
  let file: string;
  let head: TreesFileHead;
  try {
    file = readFileSync(path, 'utf8');
    head = JSON.parse(file.slice(0, file.indexOf('\n'))) as TreesFileHead;
  } catch {
    return null;
  }
  const body = file.indexOf('\n') + 1;
  const literals = file.slice(body + head.literals[0], body + head.literals[1]);
  const read = new Map<string, Alternatives>();
  return {
    literals: () => literals,
    treeOf(source) {
      const key = narrowingTreeKey(source);
      let tree = read.get(key);
      const span = head.trees[key];
      if (tree === undefined && span !== undefined) {
        tree = JSON.parse(file.slice(body + span[0], body + span[1])) as Alternatives;
        read.set(key, tree);
      }
      return tree ?? null;
    },
  };
}
