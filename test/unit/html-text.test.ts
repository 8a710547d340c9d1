import { describe, expect, it } from 'vitest';
import { htmlToPlainText } from '../../src/ingest/html-text.js';

describe('htmlToPlainText: tables as shops send them', () => {
  it.each([
    [
      'minified label/value rows',
      '<table><tr><td>Refund total</td><td>$16.99</td></tr><tr><td>Order</td><td>123</td></tr></table>',
      'Refund total  $16.99\nOrder  123',
    ],
    [
      'stacked label and value rows (full-width colon)',
      '<table><tr><th>退款金额：</th></tr><tr><td>￥59.90</td></tr></table>',
      '退款金额：\n￥59.90',
    ],
    [
      'indented rows, a cell spanning two columns',
      '<table>\n  <tr>\n    <td colspan="2"><strong>Grand Total</strong></td>\n    <td><strong>$64.00</strong></td>\n  </tr>\n</table>',
      // The markup's own whitespace between the cells may add a space: still apart, on one line.
      /^Grand Total {2,3}\$64\.00$/,
    ],
  ])('%s', (_shape, html, text) => {
    if (typeof text === 'string') expect(htmlToPlainText(html).trim()).toBe(text);
    else expect(htmlToPlainText(html).trim()).toMatch(text);
  });

  it('writes a heading as the shop wrote it, not in capitals', () => {
    const text = htmlToPlainText(
      '<h1>Your refund is complete.</h1><h2>Rückerstattung für Bestellung 4471</h2><p>Hi</p>',
    );
    expect(text).toContain('Your refund is complete.');
    expect(text).toContain('Rückerstattung für Bestellung 4471');
  });

  it('keeps a paragraph before a table on its own line', () => {
    expect(htmlToPlainText('<p>Hi</p><table><tr><td>a</td><td>b</td></tr></table>')).toBe('Hi\n\na  b');
  });
});
