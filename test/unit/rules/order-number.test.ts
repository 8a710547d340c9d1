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
    // A reference label and a number word both after the label.
    ['Your order reference number is WEB/2026/88123.', 'WEB/2026/88123'],
    // Japanese and Chinese: a full-width colon, and letters touching the label and the number.
    ['ご注文番号：20261115-00342', '20261115-00342'],
    ['ご注文番号 MK-00581230 の返金申請', 'MK-00581230'],
    ['お客様のご注文番号KF-2611-77310の商品', 'KF-2611-77310'],
    ['订单号TY202611210088315的退款已原路退回', 'TY202611210088315'],
    ['訂單編號：MC20261120551', 'MC20261120551'],
    ['주문번호: 2026112455810', '2026112455810'],
    ['주문번호 HM-20261120-0071 상품의 환불', 'HM-20261120-0071'],
    // An order word between another order word and the number is the order's own label, nearer.
    ['o cartão que você usou na compra do pedido #2000004417735.', '2000004417735'],
    ['la tarjeta usada en la compra del pedido #40021877.', '40021877'],
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

describe('order number: Cyrillic letter prefixes (ru, uk)', () => {
  it.each([
    ['Замовлення № ТД-558120 скасовано.', 'ТД-558120'],
    ['Ваш заказ ЗК-20931 отменён.', 'ЗК-20931'],
    ['Номер замовлення: ЗМ558120', 'ЗМ558120'],
    ['Повернення коштів за замовленням №ПР-2026/0417 виконано.', 'ПР-2026/0417'],
  ])('%j → %s', (text, expected) => {
    expect(orderOf(text)?.value).toBe(expected);
  });

  // Guards: ordinary words stay words, whatever number follows them.
  it.each([
    'Замовлення від 12 листопада доставлено.',
    'Ваше замовлення на 2 350 грн оплачено.',
    'Заказ на сумму 990 руб. оформлен.',
    'Замовлення ще-2024 не знайдено.',
  ])('%j → null', (text) => {
    expect(orderOf(text)).toBeNull();
  });
});

describe('order number: more labels', () => {
  it.each([
    ['Your order number is 30018842.', '30018842'],
    ['Bestell-Nr.: 4711-22', '4711-22'],
    ['N° de commande : ML-559034', 'ML-559034'],
    ['Número de pedido: TS-2023-104455', 'TS-2023-104455'],
    ['Order reference: GT20231012-88431', 'GT20231012-88431'],
    ['Auftragsnummer 8841203', '8841203'],
    ['Auftragsnummer Ihrer Fahrkarte: 7K4P2M', '7K4P2M'],
    ['Hemos recibido la aspiradora (pedido n.º TH-5530981).', 'TH-5530981'],
    // The shop's name between the label and the number sign (PrestaShop, Shopware).
    ['le remboursement de votre commande La Petite Épicerie n°KXWQBNRTD.', 'KXWQBNRTD'],
    ['Ihrer Bestellung bei Teehaus Nordlicht (Nummer: 10077) vom 27.10.2025', '10077'],
    ['Your order from Fernhill Candles #2817 has been refunded.', '2817'],
    // PrestaShop's references: nine random capitals behind a sign or a reference label.
    ['Your order with the reference XKBKNABJK has been canceled.', 'XKBKNABJK'],
    ['Commande n° QWPTZRMLA', 'QWPTZRMLA'],
  ])('%j → %s', (text, expected) => {
    expect(extractOrderNumber(context({ text }))?.value).toBe(expected);
  });

  it.each([
    'Order 2023-10-27 was late.',
    'In order to help, call 800-555-0199.',
    // Status words in capitals are no reference; a case or parcel named in the gap takes the number.
    'Order: CANCELLED',
    'Order #DELIVERED',
    'About your order and ticket #44120 we wrote yesterday.',
    'Your order left our warehouse, tracking #1Z999AA10123456784',
  ])('%j → null', (text) => {
    expect(extractOrderNumber(context({ text }))).toBeNull();
  });
});

describe('order number: Italian, Dutch, Polish and Portuguese labels', () => {
  it.each([
    ['it', 'Numero ordine: 402-1234567-1234567', '402-1234567-1234567'],
    ['it', 'Il rimborso per il tuo ordine n. 171-5512034-7781234 è stato emesso.', '171-5512034-7781234'],
    ['it', "Numero d'ordine: IT-44120", 'IT-44120'],
    ['nl', 'Bestelnummer: 1234567890', '1234567890'],
    ['nl', 'Je bestelling 2203341155 is onderweg.', '2203341155'],
    ['nl', 'Ordernummer: NL-44120', 'NL-44120'],
    ['pl', 'Numer zamówienia: 1234-5678-9012', '1234-5678-9012'],
    ['pl', 'Zwrot za zamówienie nr 55120778 został zlecony.', '55120778'],
    ['pt', 'Número do pedido: 702-1234567-1234567', '702-1234567-1234567'],
    ['pt', 'Seu pedido nº 2000004455123 foi entregue.', '2000004455123'],
    ['pt', 'Encomenda #PT-55120', 'PT-55120'],
  ])('%s: %j → %s', (_language, text, expected) => {
    expect(orderOf(text)).toMatchObject({ value: expected, rule: 'order-number/labelled' });
  });

  it.each([
    ['it', 'Numero pratica: PR-2023-44812'],
    ['nl', 'Ticketnummer: 2023-118842'],
    ['pl', 'Numer zgłoszenia: 5512078'],
    ['pt', 'Número do protocolo: 2023112755012'],
  ])('%s: a case label is no order: %j', (_language, text) => {
    expect(orderOf(text)).toBeNull();
  });
});

describe('order number: Greek labels', () => {
  it.each([
    ['Αριθμός παραγγελίας: 100245', '100245'],
    ['Η παραγγελία σας #GR-55120 απεστάλη.', 'GR-55120'],
    ['Για την παραγγελία σας με αριθμό 7781203 σας ενημερώνουμε ότι …', '7781203'],
    ['ΠΑΡΑΓΓΕΛΙΑ 2026-004417', '2026-004417'],
  ])('%j → %s', (text, expected) => {
    expect(orderOf(text)).toMatchObject({ value: expected, rule: 'order-number/labelled' });
  });

  it('a case label is no order: "Αριθμός αιτήματος: 45120"', () => {
    expect(orderOf('Αριθμός αιτήματος: 45120')).toBeNull();
  });
});

describe('order number: shapes from real-world-shaped notifications', () => {
  it.each([
    ['Polish order with slashes', 'Numer zamówienia: EM/2025/00871', 'EM/2025/00871'],
    ['number/year', 'Zamówienie nr 4411/2023 zostało wysłane.', '4411/2023'],
    [
      'European Portuguese order beside a support request',
      'Pedido de apoio: #52210\nEncomenda n.º LT-2025-11873',
      'LT-2025-11873',
    ],
  ])('%s: %j → %s', (_label, text, expected) => {
    expect(orderOf(text)?.value).toBe(expected);
  });

  it.each([
    ['a date after a label', 'Order date: 10/11/2023'],
    ['an ISO-like date with slashes', 'Order placed: 2023/11/10'],
    ['a support request is no order', 'Pedido de apoio: #52210'],
  ])('%s: %j → null', (_label, text) => {
    expect(orderOf(text)).toBeNull();
  });
});

describe('order number: the number before the order noun (Turkish)', () => {
  it.each([
    ['723301557 numaralı siparişiniz için iade talebiniz alındı.', '723301557'],
    ['TY-88120 numaralı siparişinize ait ödemeniz iade edilmiştir.', 'TY-88120'],
  ])('%j → %s', (text, expected) => {
    expect(orderOf(text)?.value).toBe(expected);
  });

  it('a numbered thing that is no order is none', () => {
    expect(orderOf('4471298 numaralı iade kodunuz hazır.')).toBeNull();
  });
});
