import { describe, expect, it } from 'vitest';
import { findMoney, labelledAmount, parseAmount, readingOf } from '../../../src/rules/money.js';

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
    ['249,00 zł', 249, 'PLN'],
    ['PLN 249.00', 249, 'PLN'],
    ['R$ 120,00', 120, 'BRL'],
    ['1.200円', 1200, 'JPY'],
    ["CHF 1'234.50", 1234.5, 'CHF'],
    ['199,00 SEK', 199, 'SEK'],
    ['DKK 450', 450, 'DKK'],
    ['1,980円', 1980, 'JPY'],
    // Greek writes the currency's name after the amount: `49,90 ευρώ`, in capitals `ΕΥΡΩ`.
    ['49,90 ευρώ', 49.9, 'EUR'],
    ['120 ΕΥΡΩ', 120, 'EUR'],
    ['NT$1,280', 1280, 'TWD'],
    ['RMB 128.00', 128, 'CNY'],
    ['CNY 59.90', 59.9, 'CNY'],
    ['1 299 Kč', 1299, 'CZK'],
    ['1490 ₽', 1490, 'RUB'],
    ['3 250 руб.', 3250, 'RUB'],
    ['349 грн', 349, 'UAH'],
    ['459,90 TL', 459.9, 'TRY'],
    ['₺120,00', 120, 'TRY'],
    // Arabic: abbreviations and names after the amount, and ISO codes before it; the dinar's three decimals.
    ['249.00 ر.س', 249, 'SAR'],
    ['ر.س 75', 75, 'SAR'],
    ['180 درهم', 180, 'AED'],
    ['150 د.إ', 150, 'AED'],
    ['1,250.00 ج.م', 1250, 'EGP'],
    ['300 جنيه مصري', 300, 'EGP'],
    ['SAR 1,299.00', 1299, 'SAR'],
    ['AED 89.50', 89.5, 'AED'],
    ['12.500 د.ك', 12.5, 'KWD'],
    ['KWD 7.250', 7.25, 'KWD'],
    ['45 ريال قطري', 45, 'QAR'],
    ['1\u00a0299,- Kč', 1299, 'CZK'],
    ['499,– Kč', 499, 'CZK'],
    ['899:- kr', 899, null],
    ['₹1,499', 1499, 'INR'],
    ['Rs. 1,24,999.00', 124999, 'INR'],
    ['Rs 499', 499, 'INR'],
    ['₩35,000', 35000, 'KRW'],
    ['KRW 45,000', 45000, 'KRW'],
    ['S$12.90', 12.9, 'SGD'],
    ['MX$250.00', 250, 'MXN'],
    // Marketplaces space the country from the sign; Intl formatting writes `CA$`, `CN¥`; French puts it after.
    ['AU $19.95', 19.95, 'AUD'],
    ['C $30.00', 30, 'CAD'],
    ['US $25.00', 25, 'USD'],
    ['CA$30.00', 30, 'CAD'],
    ['CN¥128.00', 128, 'CNY'],
    ['30,00 $US', 30, 'USD'],
    ['45,50 $ CA', 45.5, 'CAD'],
    ['RM45.90', 45.9, 'MYR'],
    ['Rp150.000', 150000, 'IDR'],
    ['₱1,299.00', 1299, 'PHP'],
    ['฿1,290', 1290, 'THB'],
    // The currency's name after the amount; a minus between sign and digits.
    ['35,00 euros', 35, 'EUR'],
    ['50 Euro', 50, 'EUR'],
    ['1 490 рублей', 1490, 'RUB'],
    ['349 гривень', 349, 'UAH'],
    ['249,00 złotych', 249, 'PLN'],
    ['1 299 korun', 1299, 'CZK'],
    ['349 kronor', 349, 'SEK'],
    ['120 reais', 120, 'BRL'],
    ['3,980 yen', 3980, 'JPY'],
    ['€ -12,00', 12, 'EUR'],
    // Signs, names and ISO codes of currencies beyond the lexicon languages'.
    ['₪189', 189, 'ILS'],
    ['₦15,000', 15000, 'NGN'],
    ['KSh 2,500', 2500, 'KES'],
    ['₸12 990', 12990, 'KZT'],
    ['149,90 lei', 149.9, 'RON'],
    ['45 лв.', 45, 'BGN'],
    ['15.000 ISK', 15000, 'ISK'],
    ['RON 149,90', 149.9, 'RON'],
    ['AED 120.00', 120, 'AED'],
    ['ZAR 450.00', 450, 'ZAR'],
    ['12 500 HUF', 12500, 'HUF'],
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
    // Capitalised words that are also ISO codes are not read as currencies.
    'ALL 3 ITEMS ARE BACK IN STOCK',
    'Runs on PHP 8.2 and later.',
    'TOP 10 deals this week',
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

describe('findMoney in Japanese and Chinese', () => {
  it.each([
    // Amounts touch the words around them; ¥ is the yen in Japanese, the yuan in Chinese.
    ['ご注文代金 4,380円の返金処理が完了いたしました。', 4380, 'JPY', '4,380円'],
    ['返金額1,650円分のギフト券を付与いたしました。', 1650, 'JPY', '1,650円'],
    ['ご返金額：￥3,280（税込）をご返金いたしました。', 3280, 'JPY', '￥3,280'],
    ['退款金额：¥128.00，已原路退回。', 128, 'CNY', '¥128.00'],
    ['共计￥45.50已退回您的账户', 45.5, 'CNY', '￥45.50'],
    ['退款金额：259.00元', 259, 'CNY', '259.00元'],
    ['金額 NT$1,280 已退回您的信用卡', 1280, 'TWD', 'NT$1,280'],
  ])('%j → %d %s', (text, amount, currency, matched) => {
    const found = findMoney(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ amount, currency, matched });
  });

  it('reads a lone ¥ value under a Chinese label as yuan, under a Japanese one as yen', () => {
    expect(labelledAmount('退款成功\n退款金额：\n¥128.00\n', '退款金额')).toMatchObject({
      amount: 128,
      currency: 'CNY',
    });
    expect(labelledAmount('返金が完了しました\n返金額：\n¥1,980\n', '返金額')).toMatchObject({
      amount: 1980,
      currency: 'JPY',
    });
    // After a full stop on the same line: no space is needed after `。`.
    expect(labelledAmount('返金手続きが完了しました。返金額：￥3,280\n', '返金額')).toMatchObject({
      amount: 3280,
      currency: 'JPY',
    });
  });

  it('English `A $20` is the article before a dollar amount, not the Australian dollar', () => {
    expect(findMoney('A $20.00 credit was added.')[0]).toMatchObject({
      amount: 20,
      currency: 'USD',
      matched: '$20.00',
    });
  });

  it.each([
    ['退款金额 25.00 美元 已原路退回', 25, 'USD', '25.00 美元'],
    ['返金額 25ドルを返金しました', 25, 'USD', '25ドル'],
    ['退款 3980日元已退回', 3980, 'JPY', '3980日元'],
  ])('a currency named in Han or kana after the amount: %j', (text, amount, currency, matched) => {
    expect(findMoney(text)[0]).toMatchObject({ amount, currency, matched });
  });

  it('a name before a number is prose, not a currency sign', () => {
    expect(findMoney('You paid in euros 3 times.')).toEqual([]);
  });

  it('a won amount may carry a Korean particle', () => {
    expect(findMoney('35,000원이 환불되었습니다')[0]).toMatchObject({
      amount: 35000,
      currency: 'KRW',
      matched: '35,000원',
    });
  });

  it('an order number glued to Han letters is not money', () => {
    expect(findMoney('订单号TY202611210088315的退款')).toEqual([]);
  });
});

describe('the whole message says what ¥, 元 and $ mean', () => {
  const ja = 'いつもご利用いただきありがとうございます。ご返品いただいた商品の検品が終わりました。';
  it.each([
    // A line without kana in Japanese mail: the yen.
    [`${ja}\n状態：返金済\n返金額：¥3,980`, null, '返金額：¥3,980', 'JPY'],
    ['退款已完成。退款金额：¥128.00，已原路退回。', null, '¥128.00', 'CNY'],
    // A katakana brand name in Chinese mail is still Chinese.
    ['您在我们店铺购买的ソニー耳机订单的退款已经处理完成，退款金额：¥399.00。', null, '¥399.00', 'CNY'],
    ['您的订单退货已验收，退款已原路退回，退款金额 86.50 元。', null, '86.50 元', 'CNY'],
    // Traditional script: Taiwan's dollar, printed as 元 or a bare $.
    ['您的訂單退貨已驗收完畢，退款已完成，金額 1,280 元已退回您的帳戶。', null, '1,280 元', 'TWD'],
    ['訂單編號 XS20261117035 退款狀態 退款成功 退款金額 $690', null, '$690', 'TWD'],
    ['您的訂單號碼 HW-558210 的退款已經完成，退款金額為港幣 320.00 元。', null, '320.00 元', 'HKD'],
    ['退款已完成，金額 320 元。', 'cs@shop.com.hk', '320 元', 'HKD'],
    // An English mail keeps its dollar; a shop in China or Japan says whose ¥ it is.
    ['We refunded $25.00. 感謝您的訂購', 'help@shop.example', '$25.00', 'USD'],
    ['We refunded ¥128.00 to your card.', 'service@shop.cn', '¥128.00', 'CNY'],
    ['We refunded ¥1,980 to your card.', 'service@shop.example', '¥1,980', 'JPY'],
    // Kanji rows alone from Japan (`番号` is Japanese as well as simplified Chinese).
    ['注文番号：KM-20261112-0087\n返金済：¥2,480', 'info@konomi-kobo.jp', '¥2,480', 'JPY'],
    // A shop in a country whose own currency prints `$`, unless the mail names another.
    ['We refunded $30.00 to your card.', 'orders@shop.ca', '$30.00', 'CAD'],
    ['Nous avons remboursé 45,50 $.', 'commandes@boutique.ca', '45,50 $', 'CAD'],
    ['El reembolso de $1,299.00 fue procesado.', 'pedidos@tienda.com.mx', '$1,299.00', 'MXN'],
    ['We refunded $30.00 USD to your card.', 'orders@shop.ca', '$30.00 USD', 'USD'],
    ['We refunded $30.00 to your card.', 'orders@shop.com', '$30.00', 'USD'],
    ['Le reembolsamos 1,299 pesos.', 'pedidos@tienda.com.mx', '1,299 pesos', 'MXN'],
    ['Refunded 1,299 pesos.', 'help@shop.example', '1,299 pesos', null],
  ])('%j from %s: %j is %s', (message, sender, line, currency) => {
    expect(findMoney(line, readingOf(message, sender))[0]?.currency).toBe(currency);
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

describe('findMoney: kr is SEK, DKK or NOK only with context', () => {
  it.each([
    ['Beloppet 199,00 kr har återbetalats.', 'butik@shop.se', 'SEK'],
    ['Beløbet 450 kr er refunderet.', 'kundeservice@butik.dk', 'DKK'],
    ['Beløpet kr 320,00 er refundert (norske kroner).', 'post@example.com', 'NOK'],
    ['Refunded: 199 kr', 'help@shop.example', null],
    // The language of the mail, when a shop's domain says nothing and its words say it clearly.
    ['Tack för din beställning. Vi har återbetalat 449 kr och du behöver inte göra något.', 'hej@hemfynd.com', 'SEK'],
    ['Tak for dit køb. Beløbet på 350 kr er refunderet efter aftale.', 'hej@nordlys.com', 'DKK'],
    ['Takk for kjøpet. Beløpet på 1 899 kr er refundert etter avtale.', 'post@sportshuset.com', 'NOK'],
    ['Vi har nu betalat tillbaka 399 kr till ditt kort. Pengarna syns inom 5 bankdagar.', 'kund@butik.example', 'SEK'],
    ['Du får 350 kr tilbage inden for 3-5 hverdage. Der kan gå et par dage.', 'hej@butik.example', 'DKK'],
    ['Vi har refundert 1 899 kr. Pengene vises innen 3-5 virkedager.', 'post@butikk.example', 'NOK'],
    // `dessverre`, `desværre`, `tyvärr` (unfortunately) and `mulighet`, `mulighed`, `möjlighet` tell them apart too.
    [
      'Vi har dessverre ikke mulighet til å refundere frakten, men varen på 499 kr er refundert.',
      'kundeservice@butikk.example',
      'NOK',
    ],
    // Swedish `återbetalat`, `beloppet`, `mottagit` (Danish `tilbagebetalt`, `beløbet`; Norwegian `beløpet`, `mottatt`).
    [
      'Vi har återbetalat 49 kr. Resten av beloppet återbetalas när vi har mottagit returen.',
      'hej@butik.example',
      'SEK',
    ],
    // Danish `dit` (Swedish and Norwegian `ditt`), Norwegian `nå` (Danish and Swedish `nu`).
    ['Vi har nu refunderet 349 kr til dit kort.', 'kundeservice@butik.example', 'DKK'],
    ['Vi har nå refundert 349 kr til kortet ditt.', 'kundeservice@butikk.example', 'NOK'],
    // Too little to tell Danish from Norwegian: one word each.
    ['Refunderet: 350 kr. Takk.', 'help@shop.com', null],
  ])('%j from %s → %s', (text, sender, currency) => {
    expect(findMoney(text, readingOf(text, sender))[0]?.currency ?? null).toBe(currency);
  });

  it.each(['10 Nokia phones', 'Fr. 12.03.2024', 'kroner'])('no amount in %j', (text) => {
    expect(findMoney(text)).toEqual([]);
  });
});

describe('labelledAmount', () => {
  const labels = 'refund amount|refund total|total refund|refund';
  it.each([
    ['Refund amount | €54.00', 54],
    ['Refund amount:    $16.99', 16.99],
    ['Refund total\n$16.99', 16.99],
    ['Refund subtotal\n$15.49\nRefund total\n$16.99', 16.99],
    ['| Refund | 54,00 € |', 54],
    // A plain-text receipt pads the value into its column.
    ['Refund:                 -$52.50', 52.5],
    // A row run on after a sentence: the label opens the sentence, not the line.
    ['We have approved your return. Refund amount: $23.99', 23.99],
    // …also inside a paragraph too long to be a row: the row ends with its sentence.
    [
      'We have received the kettle you sent back (Stainless steel electric kettle, 1.7 litres) and processed the refund for your item. Refund amount: $24.99. It will be credited to the payment method used for your order.',
      24.99,
    ],
  ])('%j → %d', (text, amount) => {
    expect(labelledAmount(text, labels)?.amount).toBe(amount);
  });

  it.each([
    'Refund policy: orders over $50 ship free.',
    'Order total: $80.00',
    'The refund total will be shown once we have checked the parcel. It was $16.99 when you paid.',
  ])('no refunded amount in %j', (text) => {
    expect(labelledAmount(text, labels)).toBeNull();
  });
});

describe('findMoney: the Vietnamese dong as shops print it', () => {
  it.each([
    ['Đã hoàn 349.000đ vào ví của bạn', 349000, '349.000đ'],
    ['Số tiền hoàn: 1.250.000 VNĐ', 1250000, '1.250.000 VNĐ'],
    ['Số tiền 89.000 đồng đã được hoàn', 89000, '89.000 đồng'],
    ['Tổng cộng 560.000 đ', 560000, '560.000 đ'],
  ])('%j → %d VND', (text, amount, matched) => {
    const found = findMoney(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ amount, currency: 'VND', matched });
  });

  // A `đ` inside a word is no sign: Croatian `između 5 i 10`.
  it('a đ that opens a word is no dong', () => {
    expect(findMoney('između 5 i 10 dana')[0]?.currency ?? null).toBeNull();
  });
});
