// The word edges every lexicon pattern is built with (WORD_START, WORD_END in lexicon/index.ts).
import { describe, expect, it } from 'vitest';
import { WORD_END, WORD_START } from '../../../src/rules/lexicon/index.js';
import { UNICODE_BOUNDARY } from '../../../src/rules/unicode-words.js';

/** Whether `word` is found in `text` between the lexicon's word edges. */
const found = (word: string, text: string) => new RegExp(`${WORD_START}(?:${word})${WORD_END}`, 'iu').test(text);

describe('WORD_START and WORD_END', () => {
  it.each([
    // Spaced scripts: no letter or digit of theirs may touch the word.
    ['refund', 'Your refund is on its way.', true],
    ['refund', 'Refunds are issued …', false],
    ['refund', 'prerefund', false],
    ['refund', 'refund3', false],
    ['refund', '3refund', false],
    ['zwrot', 'Zwrotu dokonamy', false],
    ['remboursé', 'remboursée', false],
    ['remboursé', 'Vous êtes remboursé.', true],
    // Han and kana words touch their neighbours: letters…
    ['返金', 'ご返金が完了しました', true],
    ['退款', '您的退款已处理', true],
    // …and digits, on either side.
    ['到着後', '商品到着後7日以内に返金いたします。', true],
    ['收到退貨後', '退款將於收到退貨後14天內退回。', true],
    ['以内', '3営業日以内5日', true],
    ['返金', '返金3営業日', true],
    ['営業日', '3営業日以内', true],
    ['工作日', '5个工作日内', true],
    ['個', '5個', true],
    // Hangul is a spaced script: a word ends at a space or a sign, so the particle glued to it
    // (`환불이`) is written into the entry, and a word inside another (`미환불`, not refunded) is none.
    ['환불', '환불 처리', true],
    ['환불', '환불이 완료', false],
    ['환불(?:이|은)?', '환불이 완료', true],
    ['환불', '미환불 금액', false],
    // A Latin word next to a Han letter: an edge too.
    ['PayPal', 'PayPalで返金', true],
    ['PayPal', '通过PayPal退款', true],
  ])('%j in %j → %s', (word, text, expected) => {
    expect(found(word, text)).toBe(expected);
  });

  /**
   * Next to a letter or a digit the edges are the Unicode boundary of unicode-words.ts (`\b` there), so a
   * word is found the same way in the lexicon's patterns and in the rule packs' patterns.
   */
  describe('next to a letter or digit, as the Unicode boundary', () => {
    const boundary = (word: string, text: string) =>
      new RegExp(`${UNICODE_BOUNDARY}(?:${word})${UNICODE_BOUNDARY}`, 'iu').test(text);
    const neighbours = ['', ' ', '.', '。', 'a', 'é', 'ß', 'я', '3', '٣', '返', 'ご', 'ー', '々'];
    const words = ['refund', 'zwrot', 'возврат', '返金', '到着後', 'ご返金'];

    it.each(words)('%j between any two of them', (word) => {
      const texts = neighbours.flatMap((before) => neighbours.map((after) => `${before}${word}${after}`));
      const disagreeing = texts.filter((text) => found(word, text) !== boundary(word, text));
      expect(disagreeing).toEqual([]);
    });
  });
});
