import { UNSPACED_CHAR } from '../unicode-words.js';
import { ar } from './ar.js';
import { cs } from './cs.js';
import { da } from './da.js';
import { de } from './de.js';
import { el } from './el.js';
import { en } from './en.js';
import { es } from './es.js';
import { fi } from './fi.js';
import { fr } from './fr.js';
import { hu } from './hu.js';
import { it } from './it.js';
import { ja } from './ja.js';
import { ko } from './ko.js';
import { nb } from './nb.js';
import { nl } from './nl.js';
import { pl } from './pl.js';
import { pt } from './pt.js';
import { ro } from './ro.js';
import { ru } from './ru.js';
import { sk } from './sk.js';
import { sv } from './sv.js';
import { tr } from './tr.js';
import type { Lexicon, Words } from './types.js';
import { uk } from './uk.js';
import { vi } from './vi.js';
import { zh } from './zh.js';

export type { LanguageCode, Lexicon, Words } from './types.js';

/** Every supported language. Adding one: write its file and list it here. */
export const LEXICONS: readonly Lexicon[] = [
  en,
  de,
  fr,
  es,
  it,
  nl,
  pl,
  pt,
  sv,
  da,
  nb,
  ru,
  cs,
  tr,
  ja,
  zh,
  vi,
  ko,
  el,
  uk,
  ar,
  ro,
  hu,
  sk,
  fi,
];

/**
 * Word edges for the `u` flag: JS `\b` is ASCII-only, these also hold around `é`, `ł`, `ß`. One plain
 * lookaround each: an alternation of assertions at the start would stop V8 from scanning ahead for the words.
 * Next to a Han or kana letter (`UNSPACED_CHAR`) an edge always holds, as `\b` does in unicode-words.ts:
 * Japanese and Chinese words touch their neighbours, letters (`ご返金が完了`) or digits (`到着後7日以内`).
 * WORD_START: no letter or digit of a spaced script just before, unless the word begins with a Han or kana letter…
 */
export const WORD_START = `(?<!(?!${UNSPACED_CHAR})[\\p{L}\\p{N}](?!${UNSPACED_CHAR}))`;
/** …and none just after, unless it ends with one. */
export const WORD_END = `(?!(?<!${UNSPACED_CHAR})(?!${UNSPACED_CHAR})[\\p{L}\\p{N}])`;

/**
 * The entries that `pick` selects from every language (or from `languages`), as one non-capturing
 * group: longest first, so that `remboursement intégral` is tried before `remboursement`.
 */
export function alternation(pick: (lexicon: Lexicon) => Words, languages: readonly Lexicon[] = LEXICONS): string {
  const entries = [...new Set(languages.flatMap((l) => pick(l)))];
  if (entries.length === 0) return '(?!)';
  entries.sort((a, b) => b.length - a.length);
  return `(?:${entries.join('|')})`;
}
