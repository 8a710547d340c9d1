// The Unicode word boundary of the resolution patterns: the cheaper rewrite matches exactly what the
// full boundary matches.
import { describe, expect, it } from 'vitest';
import { alternation, type LEXICONS } from '../../src/rules/lexicon/index.js';
import { GatedPattern } from '../../src/rules/prefilter.js';
import { withCompiledLetterClasses } from '../../src/rules/rule-regexp.js';
import {
  fullBoundaries,
  isCaseSafeWordChar,
  SPACED_WORD_CHAR,
  UNICODE_BOUNDARY,
  UNSPACED_CHAR,
  unicodeWords,
  WORD_CHAR,
  WORD_PROPERTIES,
} from '../../src/rules/unicode-words.js';

const W = WORD_CHAR;
/** A word character of a spaced script: the settled boundaries look only for these. */
const S = SPACED_WORD_CHAR;
const U = UNSPACED_CHAR;

describe('unicodeWords', () => {
  it('takes one lookaround where a side is certain, the full boundary elsewhere', () => {
    expect(unicodeWords('\\brefund\\b')).toBe(`(?<!${S})refund(?!${S})`);
    expect(unicodeWords('\\b(?:émis|effectuée?)\\b')).toBe(`(?<!${S})(?:émis|effectuée?)(?!${S})`);
    // `\p{L}` may also be a Han or kana letter, next to which a boundary always holds.
    expect(unicodeWords('\\bzwrot\\p{L}{0,2}\\b')).toBe(`(?<!${S})zwrot\\p{L}{0,2}(?:(?!${S})|(?<=${U}))`);
    expect(unicodeWords('\\benviad[oa]s?\\b')).toBe(`(?<!${S})enviad[oa]s?(?!${S})`);
    // Han and kana: no boundary to look for; mixed with a spaced script, the boundary of either.
    expect(unicodeWords('\\b返金\\b')).toBe('返金');
    expect(unicodeWords('\\b(?:refund|退款)\\b')).toBe(`(?:(?<!${S})|(?=${U}))(?:refund|退款)(?:(?!${S})|(?<=${U}))`);
    // Neither side certain: a class with a symbol, an optional word, a dot.
    expect(unicodeWords('x \\b[$€]')).toBe(`x ${UNICODE_BOUNDARY}[$€]`);
    expect(unicodeWords(' ?\\b(?:a )?')).toBe(` ?${UNICODE_BOUNDARY}(?:a )?`);
    expect(unicodeWords('no\\.?\\b')).toBe(`no\\.?${UNICODE_BOUNDARY}`);
    // What the reader does not follow is rewritten in full, as before.
    expect(unicodeWords('[\\b]x\\bword')).toBe(fullBoundaries('[\\b]x\\bword'));
    expect(unicodeWords('a\\\\b')).toBe(fullBoundaries('a\\\\b'));
    expect(unicodeWords('(?:a\\bb')).toBe(fullBoundaries('(?:a\\bb'));
  });

  it('matches exactly what the full boundary matches, on lexicon patterns and awkward text', () => {
    const lex = (pick: (l: (typeof LEXICONS)[number]) => readonly string[]) => alternation((l) => [...pick(l)]);
    const done = lex((l) => l.resolution.done);
    const refunds = lex((l) => l.resolution.refundNouns);
    const sources = [
      `\\b${refunds}\\b.{0,120}?\\b${done}\\b|\\b${lex((l) => l.resolution.refundedPhrases)}\\b`,
      `\\b${lex((l) => l.resolution.transactionLabels)}\\b[ :#]{0,3}([A-Z0-9-]{4,20})`,
      `(?:\\b${lex((l) => l.resolution.negations)}\\b|n['’]t\\b)[^.;:]{0,40}?\\b${done}\\b`,
      `\\b${lex((l) => l.resolution.firstPersonPossessives)}\\s(?:[\\p{L}'’-]{1,20}\\s){0,2}?${refunds}\\b`,
      `(?<=\\bfoo )bar\\b|\\b(?:x|y\\b)?z`,
      // Boundaries next to spaces and apostrophes: neither side is a word character for sure.
      "a\\b b|\\b c\\b|d \\b|\\b'e|f'\\b",
    ];
    const texts = [
      'Your refund has been processed. Rückerstattung wurde veranlasst; remboursement effectué',
      'We have refunded €49.99 — transaction ID: TXN-781345, no. 42',
      'refund\u0345ed ſrefund KRefund _refund_ refund_ 1refund2 ærefund refundé Émis émise',
      "We haven't processed it, we did not refund you. My refund was approved. n’t issued",
      'foo bar foo barz xz yz y z',
      "a b ab  c d  d e cd d ' 'e x'e f' f'g",
      'zwrotu dokonano, zwrot środków został zrealizowany; reembolso efectuado; rimborso effettuato',
      'Возврат средств выполнен, мой возврат; ідентифікатор транзакції ID-7781',
      // Arabic: prefixes glued to the word, its comma and semicolon, Arabic-Indic digits.
      'تم استرداد المبلغ، والاسترداد تم بنجاح؛ لم يتم رد المبلغ ١٢٣ طلبي للاسترداد رقم العملية: TX-55120',
      // Han and kana touch their neighbours: a boundary holds on each side of every such letter.
      'ご返金が完了いたしました。退款已完成，已退款¥128 abc返金完了しましたxyz 返金refund processedす ・返金・ zwrot返',
    ];
    for (const source of sources) {
      const cheap = new RegExp(unicodeWords(source), 'giu');
      const full = new RegExp(fullBoundaries(source), 'giu');
      expect(cheap.source).not.toBe(full.source);
      for (const text of texts) {
        for (let start = 0; start <= text.length; start++) {
          cheap.lastIndex = start;
          full.lastIndex = start;
          const [a, b] = [cheap.exec(text), full.exec(text)];
          expect(a && [a.index, ...a]).toEqual(b && [b.index, ...b]);
        }
      }
    }
  });

  it('takes as word characters only characters whose case variants are all word characters', () => {
    // Under `iu` a literal or a property matches its case variants: each must be in WORD_CHAR too,
    // or `(?<!W)` before it would not say what the boundary says.
    const safe = [];
    for (let code = 0; code < 0x500; code++) {
      const ch = String.fromCharCode(code);
      if (isCaseSafeWordChar(ch)) safe.push(ch);
    }
    expect(safe).toContain('é');
    expect(safe).toContain('ж');
    expect(isCaseSafeWordChar('.')).toBe(false);
    expect(isCaseSafeWordChar('\u0345')).toBe(false);
    const codePointEscape = (c: string) => `\\u{${c.codePointAt(0)?.toString(16)}}`;
    const safeClass = new RegExp(`[${safe.map(codePointEscape).join('')}]`, 'iu');
    const properties = WORD_PROPERTIES.map((p) => new RegExp(p, 'iu'));
    const word = new RegExp(W, 'iu');
    const escaped: number[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCodePoint(code);
      if (word.test(ch)) continue;
      if (safeClass.test(ch) || properties.some((p) => p.test(ch))) escaped.push(code);
    }
    expect(escaped).toEqual([]);
  });

  it('behind an RE2 twin read from the source with its \\b, answers as the fully rewritten pattern', () => {
    const source = `\\b${alternation((l) => l.resolution.refundNouns)}\\b.{0,120}?\\b${alternation((l) => l.resolution.done)}\\b`;
    const gated = new GatedPattern(source, 'iu', unicodeWords);
    const full = new RegExp(fullBoundaries(source), 'iu');
    for (const text of [
      'Your refund has been processed.',
      'Votre remboursement a été effectué',
      'refund\u0345 processed',
      'prefund processed',
      'refund processedx',
      'nothing to see here',
      'Rückerstattung wurde veranlasst',
      'ご返金が完了いたしました。',
      'abc返金が完了しましたxyz',
    ]) {
      const [a, b] = [gated.exec(text), full.exec(text)];
      expect(a && [a.index, ...a]).toEqual(b && [b.index, ...b]);
    }
    // As RegExp writes a source back (a `/` in a lexicon entry comes back escaped).
    expect(gated.pattern.source).toBe(new RegExp(withCompiledLetterClasses(unicodeWords(source)), 'iu').source);
  });
});
