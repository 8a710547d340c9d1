import { describe, expect, it } from 'vitest';
import { findMoney, parseAmount } from '../../../src/rules/money.js';

describe('findMoney', () => {
  it.each([
    ['$54.00 USD', 54, 'USD'],
    ['USD 129.99', 129.99, 'USD'],
    ['84,50 €', 84.5, 'EUR'],
    ['£12.50', 12.5, 'GBP'],
    ['1.234,56 EUR', 1234.56, 'EUR'],
    ['1,234.56 USD', 1234.56, 'USD'],
    ['EUR 1.234,56', 1234.56, 'EUR'],
    ['€79.00', 79, 'EUR'],
    ['189,00 EUR', 189, 'EUR'],
    ['1 234,56 €', 1234.56, 'EUR'],
    ['$1,234', 1234, 'USD'],
    ['C$20.00', 20, 'CAD'],
    ['CHF 50', 50, 'CHF'],
    ['¥1,200', 1200, 'JPY'],
    ['129.99$', 129.99, 'USD'],
    ['$0.99', 0.99, 'USD'],
  ])('%j → %d %s', (text, amount, currency) => {
    const found = findMoney(`Amount refunded: ${text} to your card.`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ amount, currency });
    expect(found[0]?.matched).toBe(text);
  });

  it.each([
    'Your order 12345 has shipped.',
    'Call us on 0800 555 0199.',
    'It weighs 1.5 kg and costs 129.99.',
    'Order GT20231012-88431',
    'The tracking has not moved since Oct 14, 2023.',
  ])('a bare number without currency is not money: %j', (text) => {
    expect(findMoney(text)).toEqual([]);
  });

  it('finds every amount, in order', () => {
    expect(
      findMoney('You paid $129.99; we refunded $54.00 USD and 10,00 € in fees.').map((m) => [m.amount, m.currency]),
    ).toEqual([
      [129.99, 'USD'],
      [54, 'USD'],
      [10, 'EUR'],
    ]);
  });
});

describe('parseAmount', () => {
  it.each([
    ['84,50', 84.5],
    ['1.234,56', 1234.56],
    ['1,234.56', 1234.56],
    ['1.234', 1234], // three digits after the mark: a thousands separator
    ['1,234', 1234],
    ['1,5', 1.5],
    ['129.99', 129.99],
    ['1 234,56', 1234.56],
    ['12', 12],
  ])('%j → %d', (text, amount) => {
    expect(parseAmount(text)).toBe(amount);
  });
});
