import { describe, expect, it } from 'vitest';
import { extractOrderNumber } from '../../../src/rules/order-number.js';
import { context } from './message.js';

const orderOf = (text: string, subject = 'Your request') => extractOrderNumber(context({ text, subject }));

describe('order number', () => {
  it.each([
    ['Order Number: GT20231012-88431', 'GT20231012-88431'],
    ['the earbuds from order GT20231012-88431 ($129.99)', 'GT20231012-88431'],
    ['Your order #88431 has shipped.', '88431'],
    ['(Bestellnummer 30018842)', '30018842'],
    ['concernant le lampadaire (commande ML-559034)', 'ML-559034'],
    ['Número de pedido: TS-2023-104455', 'TS-2023-104455'],
  ])('%j → %s', (text, expected) => {
    expect(orderOf(text)?.value).toBe(expected);
  });

  it.each(['Your order has shipped.', 'Case Number: GTB-2023-5876', 'In order to help you, we need a photo.'])(
    '%j → null',
    (text) => {
      expect(orderOf(text)).toBeNull();
    },
  );

  it('the subject wins over the body', () => {
    expect(orderOf('About order #55555.', 'Order #88431 refund')).toMatchObject({
      value: '88431',
      location: 'subject',
    });
  });
});
