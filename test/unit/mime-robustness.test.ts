// MIME robustness: test/fixtures/mime/ holds refund mail in the shapes real clients and legacy shop systems
// produce (forward as attachment typed oddly, inline forwards that carry attachments, charsets and their
// aliases, 8-bit text with no charset, bare CR, NUL, missing boundaries). Every expectation was read from
// the .eml itself. Each row that a fix in src/ingest made pass names the fix in `pins`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuarantineError } from '../../src/errors.js';
import type { ForwardKind } from '../../src/ingest/inbound-message.js';
import { withLegacy8bitRepaired } from '../../src/ingest/legacy-charset.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { analyze } from '../../src/rules/analyze.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'mime');
const read = (file: string): Buffer => readFileSync(join(dir, file));
const parse = (raw: Buffer) => parseInboundMessage(raw, { maxBytes: 1024 * 1024 });

interface Row {
  file: string;
  forward: ForwardKind;
  from: string;
  fromName?: string;
  date: string;
  subject: string;
  messageId: string | null;
  textIncludes: string;
  /** Text that must not be in the original's text (markup, MIME headers, encoded files). */
  textExcludes?: string;
  /** Left out (with why) where the rules' language support, not the reading, decides. */
  caseNumber?: string | null;
  orderNumber?: string | null;
  /**
   * The outcome and amount the rules find, when they find one; null where the mail resolves nothing (a refund
   * promised, not made); left out where the rules' language support decides.
   */
  resolution?: { outcome: string; amount: number | null; currency: string | null } | null;
  /** Which src/ingest fix this row depends on; not checked. */
  pins?: string;
}

const rows: Row[] = [
  {
    file: '01-outlook-smime-signed-attachment-fr-latin1.eml',
    forward: 'attachment',
    from: 'sav@maisonlumiere.example',
    fromName: 'Service client Maison Lumière',
    date: '2023-11-09T15:42:07.000Z',
    subject: 'Remboursement effectué - dossier n° ML-2023-04417',
    messageId: '<20231109154207.7F3A2C0041@mail.maisonlumiere.example>',
    textIncludes: 'Le remboursement de 89,00 EUR a été effectué',
    caseNumber: 'ML-2023-04417',
    orderNumber: 'CMD-558210',
    resolution: { outcome: 'full_refund', amount: 89, currency: 'EUR' },
  },
  {
    file: '02-gmail-inline-forward-keeps-original-eml-attachment-en.eml',
    forward: 'inline',
    from: 'support@kitchenworks.example',
    fromName: 'KitchenWorks Support',
    date: '2023-11-14T15:58:00.000Z',
    subject: 'Re: Broken kettle - Ticket #KT-77120',
    messageId: null,
    textIncludes: 'We have issued a full refund of $64.99 for order',
    caseNumber: 'KT-77120',
    orderNumber: 'KW-300915',
    resolution: { outcome: 'full_refund', amount: 64.99, currency: 'USD' },
    pins: "an inline forward's own attachment (the customer's earlier mail) is not the original",
  },
  {
    file: '03-webmail-eml-typed-text-plain-de.eml',
    forward: 'attachment',
    from: 'kundenservice@gartenwelt.example',
    fromName: 'Gartenwelt Kundenservice',
    date: '2023-11-17T13:31:05.000Z',
    subject: 'Ihre Erstattung zur Bestellung 4008123',
    messageId: '<erstattung.4008123.1700227865@gartenwelt.example>',
    textIncludes: 'Wir haben\nIhnen heute 39,95 € auf Ihr PayPal-Konto erstattet.',
    caseNumber: null,
    orderNumber: '4008123',
    resolution: { outcome: 'full_refund', amount: 39.95, currency: 'EUR' },
    pins: 'a *.eml attachment typed text/plain is a forwarded message',
  },
  {
    file: '04-apple-mail-message-global-ja.eml',
    forward: 'attachment',
    from: 'support@sakura-zakka.example',
    fromName: 'さくら雑貨 カスタマーサポート',
    date: '2023-11-22T01:05:31.000Z',
    subject: '返金完了のお知らせ',
    messageId: '<refund-SZ-2023-18842@sakura-zakka.example>',
    textIncludes: 'ご注文番号 SZ-2023-18842 の返金手続きが完了しました。',
    // Japanese is a rules language (lexicon/ja.ts): `ご注文番号` labels the order, and the refund is read.
    caseNumber: null,
    orderNumber: 'SZ-2023-18842',
    resolution: { outcome: 'full_refund', amount: 3280, currency: 'JPY' },
    pins: 'message/global (RFC 6532) is a forwarded message',
  },
  {
    file: '05-thunderbird-attachment-legacy-8bit-no-charset-de.eml',
    forward: 'attachment',
    from: 'service@moebelhaus-kraft.example',
    fromName: 'Moebelhaus Kraft Kundenservice',
    date: '2023-11-16T06:58:10.000Z',
    subject: 'Gutschrift für Ihre Reklamation Nr. RK-2023-7781',
    messageId: '<20231116065810.4411@shop.moebelhaus-kraft.example>',
    textIncludes: 'eine Gutschrift über 149,00 € ausgestellt',
    caseNumber: 'RK-2023-7781',
    orderNumber: '200-55812',
    resolution: { outcome: 'full_refund', amount: 149, currency: 'EUR' },
    pins: '8-bit Latin-1 body with no charset and a raw 8-bit Subject read as windows-1252',
  },
  {
    file: '06-owa-octet-stream-rfc2231-unknown-8bit-fr.eml',
    forward: 'attachment',
    from: 'contact@boutique-helene.example',
    fromName: 'Boutique Hélène',
    date: '2023-11-18T10:20:44.000Z',
    subject: 'Votre demande de remboursement - ticket 55120',
    messageId: '<55120.1700302844@boutique-helene.example>',
    textIncludes: 'nous avons effectué le\nremboursement de 75,50 € ce jour.',
    caseNumber: '55120',
    orderNumber: 'BH-90211',
    resolution: { outcome: 'full_refund', amount: 75.5, currency: 'EUR' },
    pins: 'charset="unknown-8bit" over Latin-1 bytes, and an unknown-8bit encoded word in From, read as windows-1252',
  },
  {
    file: '08-thunderbird-attachment-missing-final-boundary-es.eml',
    forward: 'attachment',
    from: 'clientes@zapateriasol.example',
    fromName: 'Atención al cliente Zapatería Sol',
    date: '2023-11-23T17:05:12.000Z',
    subject: 'Reembolso de su pedido 7730-ES – incidencia INC-40215',
    messageId: '<INC-40215.1700759112@zapateriasol.example>',
    textIncludes: 'hemos procesado el reembolso de 59,90 € del pedido 7730-ES.',
    caseNumber: 'INC-40215',
    orderNumber: '7730-ES',
    resolution: { outcome: 'full_refund', amount: 59.9, currency: 'EUR' },
  },
  {
    file: '09-outlook-attachment-windows-1250-pl.eml',
    forward: 'attachment',
    from: 'bok@sklep-lodz.example',
    fromName: 'Biuro Obsługi Klienta Sklep Łódź',
    date: '2023-11-26T19:14:09.000Z',
    subject: 'Zwrot środków - zgłoszenie ZW/2023/11/0457',
    messageId: '<ZW-2023-11-0457@sklep-lodz.example>',
    textIncludes: 'w kwocie 249,00 zł\nzostał zlecony',
    caseNumber: 'ZW/2023/11/0457',
    orderNumber: '88-1120-PL',
    resolution: { outcome: 'full_refund', amount: 249, currency: 'PLN' },
  },
  {
    file: '10-outlook-attachment-ks_c_5601-1987-ko.eml',
    forward: 'attachment',
    from: 'cs@hanbitmall.example',
    fromName: '한빛몰 고객센터',
    date: '2023-11-28T08:40:02.000Z',
    subject: '환불 처리 완료 안내',
    messageId: '<HB20231128-55021@hanbitmall.example>',
    textIncludes: '주문번호 HB-55021 의 환불 처리가 완료되었습니다.',
    caseNumber: null,
    orderNumber: 'HB-55021',
  },
  {
    file: '11-gmail-attachment-html-only-gb2312-zh.eml',
    forward: 'attachment',
    from: 'service@youpin.example',
    fromName: '优品商城客服',
    date: '2023-11-25T01:15:40.000Z',
    subject: '退款通知',
    messageId: '<refund-CN20231125-7788@youpin.example>',
    textIncludes: '的退款已处理完成',
    caseNumber: null,
    orderNumber: 'CN20231125-7788',
  },
  {
    file: '12-outlook-inline-iso-2022-jp-ja.eml',
    forward: 'inline',
    from: 'support@hikari-kaden.example',
    fromName: 'ひかり家電 サポート',
    // 送信日時: 2023年11月20日 15:42, in the forwarder's zone (+0900).
    date: '2023-11-20T06:42:00.000Z',
    subject: 'ご返金のお知らせ（お問い合わせ番号 HK-2023-00912）',
    messageId: null,
    textIncludes: 'ご注文 DK-55190 の代金 12,800円 の返金を本日完了いたしました。',
    caseNumber: 'HK-2023-00912',
    orderNumber: null,
  },
  {
    file: '13-apple-mail-inline-format-flowed-delsp-en.eml',
    forward: 'inline',
    from: 'returns@northwind-outfitters.example',
    fromName: 'Northwind Outfitters',
    date: '2023-11-29T21:14:05.000Z',
    subject: 'Your Northwind Outfitters return RMA-661204',
    messageId: null,
    // delsp=yes: the space that marks a flowed line is deleted, the one before it kept.
    textIncludes: 'was inspected and approved. We have refunded $118.40 to your Mastercard ending in 4421.',
    caseNumber: 'RMA-661204',
    orderNumber: 'NW-4410093',
    resolution: { outcome: 'full_refund', amount: 118.4, currency: 'USD' },
  },
  {
    file: '14-bare-cr-line-ends-en.eml',
    forward: 'none',
    from: 'support@cascade-audio.example',
    fromName: 'Cascade Audio Support',
    date: '2023-11-27T18:15:00.000Z',
    subject: 'Refund issued for case CA-30418',
    messageId: '<CA-30418.refund@cascade-audio.example>',
    textIncludes: 'We have issued a full refund of $249.00 for order 1188-4410 (case CA-30418).',
    caseNumber: 'CA-30418',
    orderNumber: '1188-4410',
    resolution: { outcome: 'full_refund', amount: 249, currency: 'USD' },
    pins: 'bare-CR line ends read as line ends',
  },
  {
    file: '15-gmail-inline-nul-bytes-en.eml',
    forward: 'inline',
    from: 'help@pixelbay.example',
    fromName: 'PixelBay Help Center',
    date: '2023-11-30T17:41:00.000Z',
    subject: '[Request #PB-20931] Refund processed',
    messageId: null,
    textIncludes: 'for order PB-7713008 to your\noriginal payment method.',
    caseNumber: 'PB-20931',
    orderNumber: 'PB-7713008',
    resolution: { outcome: 'full_refund', amount: 34.99, currency: 'GBP' },
    pins: 'NUL removed from text',
  },
  {
    file: '16-attachment-mixed-line-ends-base64-whitespace-en.eml',
    forward: 'attachment',
    from: 'care@balticbooks.example',
    fromName: 'Baltic Books',
    date: '2023-12-01T15:30:00.000Z',
    subject: 'Refund completed - order 5562-1180',
    messageId: '<rf-2023-99120@balticbooks.example>',
    textIncludes: 'Your refund of 19.99 EUR for order 5562-1180 has been completed.',
    caseNumber: 'RF-2023-99120',
    orderNumber: '5562-1180',
    resolution: { outcome: 'full_refund', amount: 19.99, currency: 'EUR' },
  },
  {
    file: '17-nested-attachments-windows-1252-en.eml',
    forward: 'attachment',
    from: 'returns@harbourco.example',
    fromName: 'Harbour & Co. Returns',
    date: '2023-12-01T13:02:19.000Z',
    subject: 'Return authorization RA-448812 - refund',
    messageId: '<RA-448812.1701435739@harbourco.example>',
    textIncludes: 'A refund of £85.00 has been issued to your card – please allow 3–5 days.',
    caseNumber: 'RA-448812',
    orderNumber: 'HC-20918',
    resolution: { outcome: 'full_refund', amount: 85, currency: 'GBP' },
  },
  {
    file: '18-gmail-inline-of-attachment-forward-en.eml',
    forward: 'attachment',
    from: 'care@lumenhome.example',
    fromName: 'Lumen Home Care',
    date: '2023-12-03T10:04:51.000Z',
    subject: 'Refund for damaged lamp - case LM-90317',
    messageId: '<LM-90317-refund@lumenhome.example>',
    textIncludes: 'we refunded 42.00 GBP for order LH-661020.',
    caseNumber: 'LM-90317',
    orderNumber: 'LH-661020',
    resolution: { outcome: 'full_refund', amount: 42, currency: 'GBP' },
    pins: 'an inline layer that is itself a forward (`FW:`) leaves its attachment the original',
  },
  {
    file: '19-outlook-inline-charset-aliases-de.eml',
    forward: 'inline',
    from: 'service@fahrradladen-sued.example',
    fromName: 'Fahrradladen Süd',
    // Gesendet: Montag, 4. Dezember 2023 16:05, in the forwarder's zone (+0100).
    date: '2023-12-04T15:05:00.000Z',
    subject: 'Erstattung Ticket 2023-118-4471',
    messageId: null,
    textIncludes: 'haben wir Ihnen 89,00 € erstattet (Bestellung 77-55120).',
    caseNumber: '2023-118-4471',
    orderNumber: '77-55120',
  },
  {
    file: '25-thunderbird-attachment-multipart-parts-no-charset-cp1252-nl.eml',
    forward: 'attachment',
    from: 'noreply@fietsenwinkel-molenaar.example',
    fromName: 'Fietsenwinkel Molenaar',
    date: '2026-11-25T14:30:12.000Z',
    subject: 'Terugbetaling retour RMA-61822',
    messageId: '<a41c09f2d7e5b3c8e1f04a6b2c9d7e13@fietsenwinkel-molenaar.example>',
    // € is 0x80: windows-1252's, not ISO-8859-1's.
    textIncludes: 'Wij hebben vandaag € 34,95 teruggestort op uw rekening.',
    caseNumber: 'RMA-61822',
    orderNumber: '2026-NL-30417',
    resolution: { outcome: 'full_refund', amount: 34.95, currency: 'EUR' },
    pins: '8-bit text in multipart parts with no charset read as windows-1252, as in single-part mail',
  },
  {
    file: '26-thunderbird-attachment-koi8-r-split-encoded-words-ru.eml',
    forward: 'attachment',
    from: 'support@tekhnodom.example',
    // Two adjacent encoded words: the space between them is not text (RFC 2047 6.2), the one inside the first is.
    fromName: 'Служба поддержки ТехноДом',
    date: '2023-11-06T11:22:10.000Z',
    // One word split over two encoded words on two lines (`сред` + `ств`).
    subject: 'Возврат средств по заявке TD-88120',
    messageId: '<td-88120.refund@tekhnodom.example>',
    textIncludes: 'Возврат средств по заявке TD-88120 оформлен: 4 590,00 руб. вернутся на вашу карту',
    // `по заявке TD-88120`: the request label in the dative.
    caseNumber: 'TD-88120',
    orderNumber: '700-3318',
  },
  {
    file: '27-thunderbird-attachment-malformed-encoded-words-en.eml',
    forward: 'attachment',
    from: 'help@greenhouse-goods.example',
    // An unknown charset over ASCII bytes is still those letters.
    fromName: 'Greenhouse Goods Help',
    date: '2023-11-08T16:03:27.000Z',
    // Base64 without its padding, then a Q word.
    subject: 'Refund issued for case GH-20417 – order 9912-33',
    messageId: '<GH-20417.1699459407@greenhouse-goods.example>',
    textIncludes: 'Your refund of $27.50 for order 9912-33 has been issued to your Visa card.',
    caseNumber: 'GH-20417',
    orderNumber: '9912-33',
    resolution: { outcome: 'full_refund', amount: 27.5, currency: 'USD' },
  },
  {
    file: '28-owa-octet-stream-rfc2231-continuations-de.eml',
    forward: 'attachment',
    from: 'service@lampenhaus-nord.example',
    fromName: 'Kundenservice Lampenhaus',
    date: '2023-11-10T10:45:00.000Z',
    subject: 'Erstattung zur Bestellung 55-2210',
    messageId: '<55-2210.erstattung@lampenhaus-nord.example>',
    textIncludes: 'wir haben Ihnen 64,90 EUR für die Bestellung 55-2210 erstattet.',
    caseNumber: null,
    orderNumber: '55-2210',
    resolution: { outcome: 'full_refund', amount: 64.9, currency: 'EUR' },
  },
  {
    file: '29-outlook-inline-shift_jis-8bit-ja.eml',
    forward: 'inline',
    from: 'support@midori-tsuhan.example',
    fromName: '通販ショップみどり サポート',
    // 送信日時: 2023年12月5日 10:31, in the forwarder's zone (+0900).
    date: '2023-12-05T01:31:00.000Z',
    subject: '返金処理完了のご連絡（お問い合わせ番号 MD-40872）',
    messageId: null,
    textIncludes: 'ご注文番号 MD-7730215 の返金 4,980円 の処理が完了いたしました。',
    caseNumber: 'MD-40872',
    orderNumber: 'MD-7730215',
  },
  {
    file: '30-thunderbird-attachment-euc-kr-quoted-printable-ko.eml',
    forward: 'attachment',
    from: 'help@soramarket.example',
    fromName: '소라마켓 고객센터',
    date: '2023-12-06T06:20:33.000Z',
    subject: '환불 완료 안내 (주문번호 SM-30915)',
    messageId: '<SM-30915.20231206@soramarket.example>',
    textIncludes: '주문번호 SM-30915 의 환불 처리가 완료되었습니다.',
    caseNumber: null,
    orderNumber: 'SM-30915',
    resolution: { outcome: 'full_refund', amount: 35000, currency: 'KRW' },
  },
  {
    file: '31-foxmail-inline-gb18030-base64-zh.eml',
    forward: 'inline',
    from: 'kefu@lexiang-home.example',
    fromName: '乐享家居客服',
    // 发送时间：2023年12月7日(星期四) 下午3:15: 15:15 in the forwarder's zone (+0800).
    date: '2023-12-07T07:15:00.000Z',
    subject: '退款已处理 订单号 LX20231207-5521',
    messageId: null,
    textIncludes: '您的订单 LX20231207-5521 的退款 ¥268.00 已原路退回',
    caseNumber: null,
    orderNumber: 'LX20231207-5521',
  },
  {
    file: '32-outlook-attachment-big5-html-only-zh-tw.eml',
    forward: 'attachment',
    from: 'service@shanhai-life.example',
    fromName: '山海生活館 客服中心',
    date: '2023-12-08T01:05:41.000Z',
    subject: '退款完成通知',
    messageId: '<TW-880142.refund@shanhai-life.example>',
    textIncludes: '您的訂單編號 TW-880142 已完成退款，退款金額 NT$1,250',
    caseNumber: null,
    orderNumber: 'TW-880142',
  },
  {
    file: '33-thunderbird-attachment-windows-1251-html-meta-mismatch-ru.eml',
    forward: 'attachment',
    from: 'shop@knizhnaya-polka.example',
    fromName: 'Книжная полка',
    date: '2023-12-09T09:30:00.000Z',
    subject: 'Возврат по заказу № 45-77120',
    messageId: '<45-77120@knizhnaya-polka.example>',
    // The part's charset (windows-1251) wins over the HTML's <meta> (utf-8).
    textIncludes: 'Мы вернули 1 200,00 руб. за заказ № 45-77120 на вашу карту.',
    caseNumber: 'OB-3391',
    orderNumber: '45-77120',
  },
  {
    file: '34-script-attachment-base64-garbage-no-padding-en.eml',
    forward: 'attachment',
    from: 'care@hexatools.example',
    fromName: 'Hexa Tools Customer Care',
    date: '2023-12-10T10:10:10.000Z',
    subject: 'Refund for order QP-441027 (case HX-77310)',
    messageId: '<HX-77310@hexatools.example>',
    textIncludes:
      'We have refunded 58.20 GBP for order QP-441027 to your Mastercard.\nYour case reference is HX-77310.',
    caseNumber: 'HX-77310',
    orderNumber: 'QP-441027',
    resolution: { outcome: 'full_refund', amount: 58.2, currency: 'GBP' },
  },
  {
    file: '35-thunderbird-attachment-quoted-printable-bad-escapes-fr.eml',
    forward: 'attachment',
    from: 'sav@boutique-verte.example',
    fromName: 'La Boutique Verte',
    date: '2023-12-11T16:45:00.000Z',
    subject: 'Remboursement dossier SAV-9021',
    messageId: '<SAV-9021@boutique-verte.example>',
    // Lower-case hex, a soft break with spaces after its `=`, `=ZZ` kept as written.
    textIncludes:
      'Nous avons remboursé 42,00 € sur votre carte pour la commande FR-66120 (dossier SAV-9021).\nLe code promo =ZZ10',
    caseNumber: 'SAV-9021',
    orderNumber: 'FR-66120',
    resolution: { outcome: 'full_refund', amount: 42, currency: 'EUR' },
  },
  {
    file: '36-apple-mail-attachment-related-in-alternative-in-mixed-en.eml',
    forward: 'attachment',
    from: 'service@orchardcycles.example',
    fromName: 'Orchard Cycles',
    date: '2023-12-12T16:15:22.000Z',
    subject: 'Your refund for return RT-55012',
    messageId: '<B1C2D3E4-55012@orchardcycles.example>',
    textIncludes:
      'We received the bike computer you sent back under return RT-55012 and refunded $149.00 for order OC-228190',
    textExcludes: '<p>',
    // The return's own code is the case (case-number/return-code), like an RMA.
    caseNumber: 'RT-55012',
    orderNumber: 'OC-228190',
    resolution: { outcome: 'full_refund', amount: 149, currency: 'USD' },
  },
  {
    file: '39-helpdesk-digest-part-without-content-type-en.eml',
    forward: 'attachment',
    from: 'support@trailhead-supply.example',
    fromName: 'Trailhead Supply Support',
    date: '2023-12-14T21:20:05.000Z',
    subject: '[TR-60418] Refund issued',
    // A digest's part with no Content-Type is a message (RFC 2046 5.1.5): its headers are read as headers.
    messageId: '<TR-60418.u3@trailhead-supply.example>',
    textIncludes: 'We issued a refund of $86.75 for order TS-1190432 today.',
    textExcludes: 'Content-Type',
    caseNumber: 'TR-60418',
    orderNumber: 'TS-1190432',
    resolution: { outcome: 'full_refund', amount: 86.75, currency: 'USD' },
    pins: 'a multipart/digest part with no Content-Type is message/rfc822',
  },
  {
    file: '40-attachment-content-type-invalid-and-duplicated-de.eml',
    forward: 'attachment',
    from: 'kundendienst@nordlicht-versand.example',
    fromName: 'Nordlicht Versand',
    date: '2023-12-16T09:11:12.000Z',
    subject: 'Gutschrift zu Reklamation NV-30771',
    messageId: '<NV-30771@nordlicht-versand.example>',
    textIncludes: 'für Ihre Reklamation NV-30771 haben wir Ihnen 27,40 € gutgeschrieben (Bestellung 8830-221).',
    caseNumber: 'NV-30771',
    orderNumber: '8830-221',
    resolution: { outcome: 'full_refund', amount: 27.4, currency: 'EUR' },
    pins: "a Content-Type missing its `;` before the parameters, and a second Content-Type, read as the first one's text",
  },
  {
    file: '41-outlook-express-attachment-uuencoded-in-body-en.eml',
    forward: 'attachment',
    from: 'orders@pinevalleypets.example',
    fromName: 'Pine Valley Pets',
    date: '2023-12-17T20:05:09.000Z',
    subject: 'Refund receipt PV-22019',
    messageId: '<000a01c3d1f2$PV22019@pinevalleypets.example>',
    textIncludes:
      'Your refund of $31.60 for order PV-22019 was processed today.\nThe receipt is attached.\n\nPine Valley Pets',
    textExcludes: 'begin 644',
    caseNumber: null,
    orderNumber: 'PV-22019',
    resolution: { outcome: 'full_refund', amount: 31.6, currency: 'USD' },
    pins: 'a uuencoded file in the body is an attachment, not text',
  },
  {
    file: '43-calendar-invite-only-text-calendar-attached-en.eml',
    forward: 'attachment',
    from: 'care@kettlecorner.example',
    fromName: 'Kettle Corner Care',
    date: '2023-12-19T10:15:00.000Z',
    subject: 'Invitation: Callback about refund case KC-33018',
    messageId: '<callback-KC-33018.invite@kettlecorner.example>',
    // The event's DESCRIPTION, unfolded and unescaped (RFC 5545 3.1, 3.3.11).
    textIncludes:
      'The refund of 45.00 EUR for order KC-55-9120 was approved today; the call is to confirm your bank details.',
    caseNumber: 'KC-33018',
    orderNumber: 'KC-55-9120',
    pins: "a text/calendar-only message is read as its events' descriptions",
  },
  {
    file: '44-attachment-long-lines-huge-headers-en.eml',
    forward: 'attachment',
    from: 'support@bytekart.example',
    fromName: 'ByteKart Support',
    date: '2023-12-20T08:45:00.000Z',
    subject: 'Re: Refund request - ticket BK-90033',
    messageId: '<BK-90033.final@bytekart.example>',
    textIncludes: 'Your refund of 129.99 USD for order BK-4471920 has been issued (ticket BK-90033).',
    caseNumber: 'BK-90033',
    orderNumber: 'BK-4471920',
    resolution: { outcome: 'full_refund', amount: 129.99, currency: 'USD' },
  },
  {
    file: '45-attachment-tab-folded-headers-date-comment-en.eml',
    forward: 'attachment',
    from: 'help@copperkettle.example',
    fromName: 'Copper Kettle Kitchenware',
    // `9:07:03 -0500 (EST)`: a one-digit hour and a zone comment.
    date: '2023-12-21T14:07:03.000Z',
    subject: 'Refund approved for order CK-8810 (case CK-40019)',
    messageId: '<CK-40019.approved@copperkettle.example>',
    textIncludes: 'we refunded $64.00 for order CK-8810 today. Case CK-40019 is closed.',
    caseNumber: 'CK-40019',
    orderNumber: 'CK-8810',
    resolution: { outcome: 'full_refund', amount: 64, currency: 'USD' },
  },
  {
    file: '46-attachment-obsolete-date-two-digit-year-named-zone-en.eml',
    forward: 'attachment',
    from: 'orders@mapleleafbooks.example',
    fromName: 'Maple Leaf Books',
    // `22 Dec 23 14:07 EST`: RFC 5322 4.3 obsolete syntax (two-digit year is 2023, EST is -0500).
    date: '2023-12-22T19:07:00.000Z',
    subject: 'Refund issued for order ML-66102',
    messageId: '<ML-66102.refund@mapleleafbooks.example>',
    textIncludes: 'a refund of 22.50 CAD has been issued for order ML-66102.',
    caseNumber: null,
    orderNumber: 'ML-66102',
    resolution: { outcome: 'full_refund', amount: 22.5, currency: 'CAD' },
    pins: 'RFC 5322 obsolete dates (two-digit year, named US zones) read as written',
  },
  {
    file: '47-attachment-from-without-address-sender-en.eml',
    forward: 'attachment',
    // From names no address: the sender's address is Sender's (RFC 5322 3.6.2), the name From's.
    from: 'support@quickprint.example',
    fromName: 'QuickPrint Support Team',
    date: '2023-12-23T10:00:00.000Z',
    subject: 'Refund for print order QP-77012',
    messageId: '<QP-77012@quickprint.example>',
    textIncludes: 'we refunded 18.00 GBP for print order QP-77012 (ticket QS-5520).',
    caseNumber: 'QS-5520',
    orderNumber: 'QP-77012',
    resolution: { outcome: 'full_refund', amount: 18, currency: 'GBP' },
    pins: 'a From with no address falls back to Sender, then Reply-To',
  },
  {
    file: '48-attachment-rfc6532-utf8-headers-in-message-rfc822-de.eml',
    forward: 'attachment',
    from: 'bjoern@fahrradhof-sued.example',
    fromName: 'Björn Weiß – Fahrradhof Süd',
    date: '2023-12-24T08:45:10.000Z',
    subject: 'Rückerstattung für Auftrag FS-22918 – Vorgang Nr. VG-4410',
    messageId: '<VG-4410@fahrradhof-sued.example>',
    textIncludes: 'wir haben Ihnen für den Auftrag FS-22918 heute 310,00 € zurücküberwiesen.',
    caseNumber: 'VG-4410',
    orderNumber: 'FS-22918',
    resolution: { outcome: 'full_refund', amount: 310, currency: 'EUR' },
  },
  {
    file: '49-inline-forward-header-block-with-encoded-words-de.eml',
    forward: 'inline',
    from: 'service@buerohaus-mueller.example',
    // The forwarded header block was pasted with its RFC 2047 words: decoded like real headers.
    fromName: 'Kundendienst Bürohaus Müller',
    date: '2023-12-25T08:14:02.000Z',
    subject: 'Erstattung für Auftrag A-55120 – Vorgang BM-7710',
    messageId: null,
    textIncludes: 'für den Auftrag A-55120 haben wir Ihnen 45,00 € erstattet.',
    caseNumber: 'BM-7710',
    orderNumber: 'A-55120',
    resolution: { outcome: 'full_refund', amount: 45, currency: 'EUR' },
    pins: "encoded words in an inline forward's header block are decoded",
  },
  {
    file: '51-attachment-inner-boundary-extends-outer-en.eml',
    forward: 'attachment',
    from: 'help@riverbend-garden.example',
    fromName: 'Riverbend Garden Centre',
    date: '2024-01-02T15:30:00.000Z',
    subject: 'Refund notice RN-30551',
    messageId: '<RN-30551@riverbend-garden.example>',
    textIncludes: 'we refunded 73.10 GBP for order RG-50219 (refund notice RN-30551).',
    textExcludes: '<p>',
    orderNumber: 'RG-50219',
    resolution: { outcome: 'full_refund', amount: 73.1, currency: 'GBP' },
  },
  {
    file: '52-gateway-attachment-message-rfc822-base64-encoded-en.eml',
    forward: 'attachment',
    from: 'shop@seaside-surf.example',
    fromName: 'Seaside Surf Shop',
    date: '2024-01-04T20:12:12.000Z',
    subject: 'Refund for wetsuit return SS-8841',
    messageId: '<SS-8841@seaside-surf.example>',
    textIncludes: 'we refunded $189.00 for order SS-8841 to your Amex.',
    orderNumber: 'SS-8841',
    resolution: { outcome: 'full_refund', amount: 189, currency: 'USD' },
  },
  {
    file: '53-attachment-multipart-without-boundary-parameter-de.eml',
    forward: 'attachment',
    from: 'service@alpine-optics.example',
    fromName: 'Alpine Optics',
    date: '2024-01-05T08:00:00.000Z',
    subject: 'Refund for order AO-66301',
    messageId: '<AO-66301@alpine-optics.example>',
    textIncludes: 'wir haben 119,00 EUR für die Bestellung AO-66301 erstattet.',
    textExcludes: '--MIME_boundary',
    orderNumber: 'AO-66301',
    resolution: { outcome: 'full_refund', amount: 119, currency: 'EUR' },
    pins: 'a multipart with no boundary parameter takes the delimiter its body opens with',
  },
  {
    file: '54-attachment-html-charset-only-in-meta-windows-1251-ru.eml',
    forward: 'attachment',
    from: 'info@sad-ogorod.example',
    fromName: 'Sad i Ogorod',
    date: '2024-01-06T08:00:00.000Z',
    subject: 'Возврат по заказу № 88-40215',
    messageId: '<88-40215@sad-ogorod.example>',
    textIncludes: 'Возврат 2 350,00 руб. по заказу № 88-40215 выполнен.',
    orderNumber: '88-40215',
    pins: 'an HTML part with no charset is read in the charset its <meta> names',
  },
  {
    file: '55-attachment-utf-16-text-base64-en.eml',
    forward: 'attachment',
    from: 'hello@koalabooks.example',
    fromName: 'Koala Books',
    date: '2024-01-06T21:00:00.000Z',
    subject: 'Refund processed for order KB-22107',
    messageId: '<KB-22107@koalabooks.example>',
    textIncludes: 'Your refund of 54.00 AUD for order KB-22107 has been processed.',
    textExcludes: '\ufeff',
    orderNumber: 'KB-22107',
    resolution: { outcome: 'full_refund', amount: 54, currency: 'AUD' },
  },
  {
    file: '56-attachment-plain-part-is-an-html-viewer-stub-en.eml',
    forward: 'attachment',
    from: 'care@lumina-cosmetics.example',
    fromName: 'Lumina Cosmetics',
    date: '2024-01-08T14:00:00.000Z',
    subject: 'Your refund for order LC-77120',
    messageId: '<LC-77120.refund@lumina-cosmetics.example>',
    textIncludes: 'We have refunded £26.40 for order LC-77120 (ticket LC-T-5521) to your original payment method.',
    textExcludes: 'HTML-compatible',
    caseNumber: 'LC-T-5521',
    orderNumber: 'LC-77120',
    resolution: { outcome: 'full_refund', amount: 26.4, currency: 'GBP' },
    pins: 'a plain part that only points to the HTML one gives way to it',
  },
  {
    file: '57-attachment-header-line-without-colon-from-comment-en.eml',
    forward: 'attachment',
    from: 'support@granite-tools.example',
    fromName: 'Granite Tools Support',
    date: '2024-01-09T10:20:30.000Z',
    subject: 'Refund for order GT-40881',
    messageId: '<GT-40881@granite-tools.example>',
    textIncludes: 'we refunded $42.00 for order GT-40881 (case GT-C-1180).',
    caseNumber: 'GT-C-1180',
    orderNumber: 'GT-40881',
    resolution: { outcome: 'full_refund', amount: 42, currency: 'USD' },
  },
  {
    file: '58-attachment-asctime-date-en.eml',
    forward: 'attachment',
    from: 'orders@harborlight.example',
    fromName: 'Harbor Light Candles',
    // `Wed Jan 10 16:45:00 2024` (asctime) names no zone: read in UTC, as every zone-less header date.
    date: '2024-01-10T16:45:00.000Z',
    subject: 'Refund for order HL-30017',
    messageId: '<HL-30017@harborlight.example>',
    textIncludes: 'a refund of $19.95 for order HL-30017 has been issued.',
    orderNumber: 'HL-30017',
    resolution: { outcome: 'full_refund', amount: 19.95, currency: 'USD' },
  },
  {
    file: '59-attachment-german-weekday-in-date-header-de.eml',
    forward: 'attachment',
    from: 'shop@weinhandel-berger.example',
    fromName: 'Weinhandel Berger',
    // `Do, 11 Jan 2024 09:15:00 +0100`: a German weekday from a shop system under setlocale.
    date: '2024-01-11T08:15:00.000Z',
    subject: 'Erstattung Bestellung WB-5580',
    messageId: '<WB-5580@weinhandel-berger.example>',
    textIncludes: 'wir haben Ihnen 48,00 € für die Bestellung WB-5580 erstattet.',
    orderNumber: 'WB-5580',
    resolution: { outcome: 'full_refund', amount: 48, currency: 'EUR' },
  },
  {
    file: '60-attachment-encoded-word-in-quoted-name-iso-date-fr.eml',
    forward: 'attachment',
    from: 'service@cafe-lumiere.example',
    fromName: 'Café Lumière Service',
    // An encoded word inside a quoted name, and `Date: 2024-01-12T10:30:00+01:00` (ISO 8601).
    date: '2024-01-12T09:30:00.000Z',
    subject: 'Remboursement commande CL-22019',
    messageId: '<CL-22019@cafe-lumiere.example>',
    textIncludes: 'nous avons remboursé 36,00 € pour la commande CL-22019.',
    orderNumber: 'CL-22019',
    resolution: { outcome: 'full_refund', amount: 36, currency: 'EUR' },
  },
  {
    file: '61-attachment-text-enriched-original-en.eml',
    forward: 'attachment',
    from: 'service@oldmill-hardware.example',
    fromName: 'Old Mill Hardware',
    date: '2024-01-13T15:00:00.000Z',
    subject: 'Refund for order OM-20417',
    messageId: '<OM-20417@oldmill-hardware.example>',
    textIncludes: 'Dear Alice, we refunded $58.00 for order OM-20417 today.',
    textExcludes: '<bold>',
    orderNumber: 'OM-20417',
    resolution: { outcome: 'full_refund', amount: 58, currency: 'USD' },
    pins: 'a text/enriched (RFC 1896) message is read as its text, formatting commands dropped',
  },
  {
    file: '62-thunderbird-html-only-inline-forward-header-table-en.eml',
    forward: 'inline',
    from: 'kundeservice@fjellbu.example',
    fromName: 'Fjellbu Outdoor',
    date: '2024-01-13T16:20:11.000Z',
    subject: 'Refund confirmation FB-55012',
    messageId: null,
    textIncludes: 'we have refunded 899 NOK for order FB-55012 to your card.',
    orderNumber: 'FB-55012',
    resolution: { outcome: 'full_refund', amount: 899, currency: 'NOK' },
  },
  {
    file: '63-lotus-notes-forwarded-by-inline-en.eml',
    forward: 'inline',
    from: 'dale.porter@prairie-office.example',
    fromName: 'Dale Porter',
    // Lotus Notes: `Forwarded by … on …` then `Name <address> on 01/12/2024 04:15:22 PM`, read in the forwarder's zone (-0600).
    date: '2024-01-12T22:15:22.000Z',
    subject: 'Refund for order PO-44180',
    messageId: null,
    textIncludes: 'We credited $212.40 back to your corporate card for order PO-44180.',
    orderNumber: 'PO-44180',
    pins: "Lotus Notes' `Forwarded by` layer is an inline forward, whatever the subject",
  },
  {
    file: '64-mbox-from-line-escaped-from-in-body-en.eml',
    forward: 'inline',
    from: 'hello@boxwoodpens.example',
    fromName: 'Boxwood Pens',
    date: '2024-01-15T14:05:00.000Z',
    subject: 'Refund for order BX-3011',
    messageId: null,
    textIncludes: 'Hi Alice,\n\nFrom today, the refund of 15.00 GBP for order BX-3011 is on its way.',
    orderNumber: 'BX-3011',
    pins: "an mbox message's `>From ` lines are unescaped (not quotes)",
  },
  {
    file: '65-apple-mail-inline-forward-text-around-inline-image-en.eml',
    forward: 'inline',
    from: 'care@nordicknit.example',
    fromName: 'Nordic Knit',
    date: '2024-01-16T14:40:00.000Z',
    subject: 'Return RT-88120 refunded',
    messageId: null,
    textIncludes: 'We received the parcel and refunded 640 SEK for order NK-50221.',
    orderNumber: 'NK-50221',
    resolution: { outcome: 'full_refund', amount: 640, currency: 'SEK' },
  },
  {
    file: '66-attachment-empty-charset-8bit-latin1-fr.eml',
    forward: 'attachment',
    from: 'contact@boutique-soleil.example',
    fromName: 'Boutique Soleil',
    date: '2024-01-18T08:00:00.000Z',
    subject: 'Remboursement commande BS-7712',
    messageId: '<BS-7712@boutique-soleil.example>',
    textIncludes: 'nous avons remboursé 27,00 EUR pour la commande BS-7712. Très cordialement.',
    orderNumber: 'BS-7712',
    resolution: { outcome: 'full_refund', amount: 27, currency: 'EUR' },
  },
  {
    file: '67-attachment-message-rfc822-no-blank-line-after-part-headers-en.eml',
    forward: 'attachment',
    from: 'support@tidewater-tackle.example',
    fromName: 'Tidewater Tackle',
    date: '2024-01-19T18:00:00.000Z',
    subject: 'Refund for order TT-61120',
    messageId: '<TT-61120@tidewater-tackle.example>',
    textIncludes: 'we refunded $77.25 for order TT-61120 today.',
    orderNumber: 'TT-61120',
    resolution: { outcome: 'full_refund', amount: 77.25, currency: 'USD' },
    pins: "a message/rfc822 part with no blank line after its own headers: the message's headers are the message's",
  },
  {
    file: '68-multipart-declared-base64-en.eml',
    forward: 'inline',
    from: 'orders@quillbark.example',
    fromName: 'Quill & Bark',
    // `Fri, Jan 19, 2024 at 4:10 PM` in the forwarder's zone (+0000).
    date: '2024-01-19T16:10:00.000Z',
    subject: 'Refund for order QB-1209',
    messageId: null,
    textIncludes: 'We refunded 12.00 GBP for order QB-1209.',
    orderNumber: 'QB-1209',
    resolution: { outcome: 'full_refund', amount: 12, currency: 'GBP' },
  },
  {
    file: '69-lotus-notes-two-line-sender-indented-fields-en.eml',
    forward: 'inline',
    // A Notes name with no Internet address (`Ken Ward@PRAIRIE`): the name, and no address.
    from: '',
    fromName: 'Ken Ward',
    // The sender's date on a line of its own, `01/19/2024 02:05 PM`, in the forwarder's zone (-0600).
    date: '2024-01-19T20:05:00.000Z',
    subject: 'credit memo CM-5510',
    messageId: null,
    textIncludes: 'we issued credit memo CM-5510 for $1,240.00 against invoice 88120.',
    pins: "Lotus Notes' layer with the sender and date on two lines and tab-indented fields, under an `FW:` subject",
  },
  {
    file: '70-outlook-express-attachment-utf-7-alternative-fr.eml',
    forward: 'attachment',
    from: 'service@cote-jardin.example',
    fromName: 'Cote Jardin',
    date: '2024-01-22T14:10:00.000Z',
    subject: 'Remboursement commande UT-7710',
    messageId: '<001201c4ab12$UT7710@cote-jardin.example>',
    // UTF-7 (RFC 2152): `rembours+AOk 45,00 +IKw` is `remboursé 45,00 €`.
    textIncludes: 'Nous avons remboursé 45,00 € pour la commande UT-7710 (dossier SAV-3302).',
    textExcludes: '+AOk',
    caseNumber: 'SAV-3302',
    orderNumber: 'UT-7710',
    resolution: { outcome: 'full_refund', amount: 45, currency: 'EUR' },
    pins: 'UTF-7 text parts decoded (the parser passed them through)',
  },
  {
    file: '71-attachment-raw-iso-2022-jp-headers-ja.eml',
    forward: 'attachment',
    from: 'info@kaze-zakka.example',
    // From and Subject in raw ISO-2022-JP (escape sequences, no encoded word): decoded.
    fromName: 'かぜ雑貨店',
    date: '2024-01-23T02:20:00.000Z',
    subject: '返金完了のご案内 注文番号 KZ-20931',
    messageId: '<KZ-20931@kaze-zakka.example>',
    textIncludes: 'ご注文番号 KZ-20931 の返金 2,750円 の手続きが完了しました。',
    orderNumber: 'KZ-20931',
    pins: 'raw ISO-2022-JP header lines decoded',
  },
  {
    file: '72-attachment-x-uuencode-text-body-en.eml',
    forward: 'attachment',
    from: 'shop@old-unix-outfitters.example',
    fromName: 'Old Unix Outfitters',
    date: '2024-01-24T16:00:00.000Z',
    subject: 'Refund for order OU-33107',
    messageId: '<OU-33107@old-unix-outfitters.example>',
    textIncludes: 'The refund of 64.50 USD for order OU-33107 was sent to your card today.',
    orderNumber: 'OU-33107',
    pins: 'a text body in Content-Transfer-Encoding: x-uuencode is decoded (it was dropped as a uuencoded file)',
  },
  {
    file: '73-attachment-body-only-as-text-attachment-sv.eml',
    forward: 'attachment',
    from: 'order@fikakaffe.example',
    fromName: 'Fika Kaffe',
    date: '2024-01-25T09:00:00.000Z',
    subject: 'Återbetalning order FK-5521',
    messageId: '<FK-5521@fikakaffe.example>',
    // The only text part is marked `Content-Disposition: attachment`: it is the text (ISO-8859-1 QP).
    textIncludes: 'Vi har återbetalat 249 kr för order FK-5521.',
    orderNumber: 'FK-5521',
    pins: "a message whose only text part is an attachment is read as that part's text",
  },
  {
    file: '75-enigmail-inline-pgp-clearsigned-forward-en.eml',
    forward: 'inline',
    from: 'shop@gnupg-garden.example',
    fromName: 'Gnupg Garden Supplies',
    // `Fri, Jan 26, 2024 at 3:30 PM` in the forwarder's zone (+0100).
    date: '2024-01-26T14:30:00.000Z',
    subject: 'Refund for order GP-9120',
    messageId: null,
    textIncludes: 'Hello Alice, we refunded 33.30 EUR for order GP-9120.',
    textExcludes: 'PGP SIGNATURE',
    orderNumber: 'GP-9120',
    resolution: { outcome: 'full_refund', amount: 33.3, currency: 'EUR' },
    pins: 'an inline clear-signed forward: armor dropped, dash-escaped separator read',
  },
  {
    file: '80-apple-mail-inline-undeliverable-parcel-refund-is-no-bounce-en.eml',
    forward: 'inline',
    from: 'care@brightlane-shop.example',
    fromName: 'Brightlane Customer Care',
    date: '2026-11-20T16:12:44.000Z',
    // A merchant's words for a parcel that came back (`Undeliverable:`) make no mail server's report.
    subject: 'Undeliverable: your parcel came back - refund issued',
    messageId: null,
    textIncludes: 'We have refunded 59.00 GBP to your original payment method.',
    caseNumber: null,
    orderNumber: 'BL-58213',
    resolution: { outcome: 'full_refund', amount: 59, currency: 'GBP' },
    pins: 'a delivery report is told by its structure and its sender, never by subject words',
  },
  {
    file: '81-attachment-impossible-date-31-february-en.eml',
    forward: 'attachment',
    from: 'orders@harbourbooks.example',
    fromName: 'Harbour Books',
    // `Date: Tue, 31 Feb 2026 14:05:00 +0100` is no day: the date of the forward that carried it, not 3 March.
    date: '2026-03-10T08:12:00.000Z',
    subject: 'Refund processed for order HB-70412',
    messageId: '<refund.HB-70412.1772543100@shop.harbourbooks.example>',
    textIncludes: 'Your refund of 18.50 GBP for order HB-70412 has been processed.',
    orderNumber: 'HB-70412',
    resolution: { outcome: 'full_refund', amount: 18.5, currency: 'GBP' },
    pins: 'header-date: a day the month does not have is no date (V8 rolls 31 Feb over)',
  },
  {
    file: '83-outlook-attachment-eml-file-with-utf8-bom-en.eml',
    forward: 'attachment',
    from: 'care@harborpine.example',
    fromName: 'Harbor & Pine Customer Care',
    date: '2024-01-11T21:22:05.000Z',
    subject: 'Your refund for order HP-440912 has been processed',
    messageId: '<0f3c9a.HP-440912.refund@harborpine.example>',
    textIncludes: 'we have refunded $58.20 to the Visa card ending in 4417.',
    caseNumber: '00318842',
    orderNumber: 'HP-440912',
    resolution: { outcome: 'full_refund', amount: 58.2, currency: 'USD' },
    pins: 'a byte order mark before the header block (a saved .eml file) is no part of the message',
  },
  {
    file: '84-exported-eml-file-utf8-bom-pending-refund-en.eml',
    forward: 'none',
    from: 'service@lindqvist-moebel.example',
    fromName: 'Lindqvist Möbel Kundservice',
    date: '2024-01-15T09:41:17.000Z',
    subject: 'Return received - order LM-208817',
    messageId: '<a81b2e44-5f1d-4c7e-b0a3-LM208817@lindqvist-moebel.example>',
    textIncludes: 'Once the\ninspection is complete, we will refund 149,00 € to your original payment\nmethod',
    orderNumber: 'LM-208817',
    // A refund promised once the inspection is done: nothing is resolved.
    resolution: null,
    pins: 'a byte order mark before the header block (a saved .eml file) is no part of the message',
  },
  {
    file: '85-thunderbird-attachment-yenc-file-in-text-body-en.eml',
    forward: 'attachment',
    from: 'orders@quillandink.example',
    fromName: 'Quill & Ink Stationers',
    date: '2024-01-17T19:12:44.000Z',
    subject: 'Re: Damaged fountain pen set - refund',
    messageId: '<k7d2pm.3f1@quillandink.example>',
    textIncludes: 'We have refunded £22.50 to your PayPal\naccount for order QI-5530 today; the receipt is below.',
    textExcludes: '=ybegin',
    orderNumber: 'QI-5530',
    resolution: { outcome: 'full_refund', amount: 22.5, currency: 'GBP' },
    pins: 'a yEnc-encoded file (`=ybegin` … `=yend`) in a text body is no text',
  },
  {
    file: '86-attachment-content-type-without-subtype-de.eml',
    forward: 'attachment',
    from: 'noreply@schuhkontor-weiss.example',
    fromName: 'Schuhkontor Weiss',
    date: '2024-01-23T13:30:02.000Z',
    subject: 'Erstattung zu Ihrer Retoure R-66120',
    messageId: '<20240123143002.R66120@schuhkontor-weiss.example>',
    textIncludes: 'Wir haben Ihnen heute 64,90 € auf Ihr PayPal-Konto erstattet\n(Bestellung 2024-118452).',
    orderNumber: '2024-118452',
    resolution: { outcome: 'full_refund', amount: 64.9, currency: 'EUR' },
    pins: 'a Content-Type with no subtype (`text; charset=utf-8`) is text/plain (RFC 2045 5.2), not an attachment',
  },
  {
    file: '87-attachment-multipart-boundary-mismatch-pending-refund-en.eml',
    forward: 'attachment',
    from: 'help@trailhead-outfitters.example',
    fromName: 'Trailhead Outfitters',
    date: '2024-01-25T20:47:30.000Z',
    subject: 'Your return for order TR-90377 has arrived',
    messageId: '<65b2c9f2a1e4d_7f3a2b1c@mailer.trailhead-outfitters.example>',
    textIncludes:
      'We will issue a refund of $189.00 to your original payment method once\nour team has inspected the item',
    textExcludes: '--b1_',
    orderNumber: 'TR-90377',
    // A refund promised after inspection: nothing is resolved.
    resolution: null,
    pins: "a multipart whose declared boundary never occurs: the body's own delimiter lines name the parts",
  },
  {
    file: '90-attachment-pgp-mime-signed-quoted-boundary-specials-epilogue-en.eml',
    forward: 'attachment',
    from: 'rma@keyforge-works.example',
    fromName: 'Keyforge Works RMA',
    date: '2024-02-01T22:48:36.000Z',
    subject: 'Refund issued, RMA-30418',
    messageId: '<rma-30418.1706827716@keyforge-works.example>',
    textIncludes: 'we refunded €119.00 to your credit card today (order KF-77251).',
    textExcludes: 'PGP SIGNATURE',
    orderNumber: 'KF-77251',
    resolution: { outcome: 'full_refund', amount: 119, currency: 'EUR' },
    pins: 'guard (read before any change): PGP/MIME signed, a quoted boundary with spaces and specials, preamble and epilogue text',
  },
  {
    file: '91-attachment-twelve-nested-multiparts-x-sjis-ja.eml',
    forward: 'attachment',
    from: 'support@komachi-bungu.example',
    fromName: 'こまち文具店',
    date: '2024-02-04T23:12:40.000Z',
    subject: '返金完了のお知らせ',
    messageId: '<KS-4471.refund.20240205@komachi-bungu.example>',
    textIncludes: 'ご注文番号 KS-4471 の返金手続きが完了しました。',
    orderNumber: 'KS-4471',
    resolution: { outcome: 'full_refund', amount: 2980, currency: 'JPY' },
    pins: 'guard (read before any change): twelve nested multipart/mixed, `charset=x-sjis` base64, an ISO-2022-JP encoded From name',
  },
  {
    file: '92-attachment-utf-8-declared-over-windows-1252-body-fr.eml',
    forward: 'attachment',
    from: 'service-client@comptoir-bougies.example',
    fromName: 'Comptoir des Bougies',
    date: '2024-02-08T10:05:33.000Z',
    subject: 'Remboursement de votre commande CB-41187',
    messageId: '<20240208110533.CB41187@comptoir-bougies.example>',
    textIncludes: 'Suite à la réception de votre colis retour, le remboursement de 35,00 € a été\neffectué',
    orderNumber: 'CB-41187',
    resolution: { outcome: 'full_refund', amount: 35, currency: 'EUR' },
    pins: 'a body declared UTF-8 whose 8-bit bytes hold no UTF-8 sequence at all is windows-1252',
  },
  {
    file: '93-attachment-text-declared-base64-but-plain-pending-refund-en.eml',
    forward: 'attachment',
    from: 'helpdesk@northgate-cycles.example',
    fromName: 'Northgate Cycles Helpdesk',
    date: '2024-02-11T16:30:12.000Z',
    subject: '[Ticket #58316] Return authorised',
    messageId: '<ticket-58316-3@helpdesk.northgate-cycles.example>',
    textIncludes: 'Your refund of $27.99\nwill be issued once the item reaches our warehouse.',
    orderNumber: 'NC-20731',
    // A refund promised once the item arrives: nothing is resolved.
    resolution: null,
    pins: 'a text part declared base64 whose body is plain text (words and spaces) is read as the text it is',
  },
  {
    file: '94-attachment-latin-1-declared-over-utf-8-html-meta-utf-8-de.eml',
    forward: 'attachment',
    from: 'kundenservice@teewerk.example',
    fromName: 'Teewerk Versand',
    date: '2024-02-13T15:44:09.000Z',
    subject: 'Erstattung Ihrer Bestellung TW-77405',
    messageId: '<8e1c44b2f9d07a65.TW77405@shop.teewerk.example>',
    // `42,50&nbsp;€` in the HTML: a no-break space.
    textIncludes: 'Wir haben Ihnen den Betrag von 42,50\u00a0€ auf Ihre Kreditkarte zurückerstattet.',
    textExcludes: 'Ã',
    orderNumber: 'TW-77405',
    resolution: { outcome: 'full_refund', amount: 42.5, currency: 'EUR' },
    pins: 'a part declared in a single-byte charset whose bytes are UTF-8 with non-ASCII sequences in them is UTF-8',
  },
  {
    file: '95-outlook-attachment-of-gmail-inline-forward-en.eml',
    forward: 'attachment',
    from: 'support@uprise-office.example',
    fromName: 'Uprise Office Furniture',
    // `Tue, Feb 20, 2024 at 3:12 PM` in the zone of the Gmail forward that carried it (+0100).
    date: '2024-02-20T14:12:00.000Z',
    subject: 'Refund for your standing desk order SD-63018',
    messageId: null,
    textIncludes: 'we have refunded the\nfull amount of $412.00 for order SD-63018 to the card used at checkout.',
    textExcludes: 'sent to my address by mistake',
    orderNumber: 'SD-63018',
    resolution: { outcome: 'full_refund', amount: 412, currency: 'USD' },
    pins: 'guard (read before any change): an attached message that is itself an inline forward: its innermost original',
  },
  {
    file: '96-thunderbird-attachment-unpadded-base64-words-split-character-de.eml',
    forward: 'attachment',
    from: 'service@schuhhaus-baerwald.example',
    fromName: 'Kundenservice Schuhhaus Bärwald',
    date: '2024-03-11T07:41:17.000Z',
    subject: 'Rückerstattung für Ihre Bestellung 300-4471 über 89,95 € veranlasst',
    messageId: '<300-4471.1710142877@shop.schuhhaus-baerwald.example>',
    textIncludes: 'Wir haben Ihnen den Betrag von 89,95 € heute auf Ihr PayPal-Konto\nzurückerstattet.',
    caseNumber: null,
    orderNumber: '300-4471',
    resolution: { outcome: 'full_refund', amount: 89.95, currency: 'EUR' },
    pins: 'adjacent base64 words without padding, a character split between two of them (Subject, From name)',
  },
  {
    file: '97-outlook-attachment-gb2312-words-unpadded-split-character-zh.eml',
    forward: 'attachment',
    from: 'kefu@hemu-life.example',
    fromName: '禾木生活馆客服',
    date: '2024-03-12T06:26:05.000Z',
    subject: '退款已完成 订单号 HM20240312-0687 请查收',
    messageId: '<202403121426050687.HM@mail.hemu-life.example>',
    textIncludes: '退款 159.00 元已原路退回您的支付宝账户',
    caseNumber: null,
    orderNumber: 'HM20240312-0687',
    resolution: { outcome: 'full_refund', amount: 159, currency: 'CNY' },
    pins: 'adjacent base64 words without padding, a character split between two of them (gb2312 Subject)',
  },
  {
    file: '98-apple-mail-attachment-spaces-in-encoded-word-delimiters-ja.eml',
    forward: 'attachment',
    from: 'support@komorebi-utsuwa.example',
    fromName: '木の器 こもれび',
    date: '2024-03-15T01:12:48.000Z',
    subject: 'ご返金手続き完了のお知らせ（ご注文番号 KM-240308-112）',
    messageId: '<KM-240308-112.refund.1710465168@komorebi-utsuwa.example>',
    textIncludes: 'ご注文番号 KM-240308-112 の代金 6,600円 の返金手続きが完了しました。',
    caseNumber: null,
    orderNumber: 'KM-240308-112',
    resolution: { outcome: 'full_refund', amount: 6600, currency: 'JPY' },
    pins: 'encoded words with spaces inside their delimiters (`=? ISO-2022-JP? B? …?=`)',
  },
  {
    file: '99-roundcube-attachment-encoded-words-folded-and-cut-off-fr.eml',
    forward: 'attachment',
    from: 'contact@maroquinerie-heloise.example',
    fromName: 'Maroquinerie Héloïse',
    date: '2024-03-20T15:47:09.000Z',
    subject: 'Votre remboursement pour la commande MH-88102 a été effectué',
    messageId: '<a81f3c0e9d2b47f6@maroquinerie-heloise.example>',
    textIncludes: 'Le remboursement de 145,00 € a été effectué ce jour sur la carte',
    caseNumber: null,
    orderNumber: 'MH-88102',
    resolution: { outcome: 'full_refund', amount: 145, currency: 'EUR' },
    pins: 'an encoded word folded inside its payload (mid-character); a From name word with no `?=` before the address',
  },
  {
    file: '100-thunderbird-attachment-php-whole-from-in-one-encoded-word-ja.eml',
    forward: 'attachment',
    from: 'info@hidamari-zakka.example',
    fromName: 'ひだまり雑貨店',
    date: '2024-03-18T02:30:02.000Z',
    subject: '返金完了のお知らせ',
    messageId: '<20240318023002.045@hidamari-zakka.example>',
    textIncludes: 'ご注文番号 HZ-20240318-045 の返金（2,420円）が完了いたしました。',
    caseNumber: null,
    orderNumber: 'HZ-20240318-045',
    resolution: { outcome: 'full_refund', amount: 2420, currency: 'JPY' },
    pins: 'a From whose address is inside its encoded word (PHP mb_encode_mimeheader over `Name <address>`)',
  },
  {
    file: '101-outlook-attachment-no-blank-line-before-body-en.eml',
    forward: 'attachment',
    from: 'orders@harborlane.example',
    fromName: 'Harbor Lane Outfitters',
    date: '2024-03-21T14:12:44.000Z',
    subject: 'Your refund for order HL-20931',
    messageId: '<HL-20931.refund@harborlane.example>',
    textIncludes:
      'Hi Alice,\n\nWe have processed a refund of $58.40 for order HL-20931 to your original\npayment method.',
    caseNumber: null,
    orderNumber: 'HL-20931',
    resolution: { outcome: 'full_refund', amount: 58.4, currency: 'USD' },
    pins: 'a header block that runs into the body with no blank line: the body starts at its first line that is no field',
  },
];

describe('mime/ fixtures: the forwarded original, read exactly', () => {
  it('covers every fixture in the directory', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    expect(files).toEqual(
      [
        ...rows.map((r) => r.file),
        '07-outlook-empty-attached-message-en.eml',
        '20-outlook-dragged-msg-item-en.eml',
        '21-thunderbird-two-originals-attached-en.eml',
        // Several originals each: test/unit/several-originals.test.ts.
        '22-gmail-several-originals-attached-en.eml',
        '23-outlook-two-eml-files-attached-de.eml',
        '24-thunderbird-originals-two-charsets-fr-pl.eml',
        // Quarantined, each with its reason: below.
        '37-outlook-attachment-smime-encrypted-original-en.eml',
        '38-message-partial-fragment-en.eml',
        '42-outlook-rtf-forward-original-in-winmail-dat-en.eml',
        '50-outlook-smime-encrypted-forward-en.eml',
        '74-thunderbird-pgp-mime-encrypted-forward-en.eml',
        // Delivery reports (bounces), quarantined as delivery_report: below.
        '76-thunderbird-attachment-postfix-bounce-multipart-report-en.eml',
        '77-gmail-inline-forward-of-gmail-delivery-failure-en.eml',
        '78-outlook-attachment-exchange-ndr-rfc822-headers-de.eml',
        '79-sieve-redirect-exim-plain-text-bounce-fr.eml',
        // Quarantined, each with its reason: below.
        '88-attachment-original-body-only-in-winmail-dat-en.eml',
        '89-attachment-original-message-external-body-en.eml',
      ].sort(),
    );
  });

  it.each(rows)('$file', async (row) => {
    const message = await parse(read(row.file));
    const { original } = message;
    expect(message.forward).toBe(row.forward);
    expect(original.from?.address).toBe(row.from);
    if (row.fromName !== undefined) expect(original.from?.name).toBe(row.fromName);
    expect(original.date).toBe(row.date);
    expect(original.subject).toBe(row.subject);
    expect(original.messageId).toBe(row.messageId);
    expect(original.text).toContain(row.textIncludes);
    if (row.textExcludes !== undefined) expect(original.text).not.toContain(row.textExcludes);
    // No mojibake, no NUL, no CR anywhere the rules read.
    for (const text of [original.text, original.subject, original.from?.name ?? '']) {
      for (const bad of ['\uFFFD', '\u0000', '\r']) expect(text).not.toContain(bad);
    }
    if (row.forward !== 'none') expect(message.envelopeFrom?.address).toBe('alice@example.net');

    const findings = analyze(message, builtInRuleset, { customerAddresses: ['alice@example.net'] });
    if (row.caseNumber !== undefined) expect(findings.caseNumber).toBe(row.caseNumber);
    if (row.orderNumber !== undefined) expect(findings.orderNumber).toBe(row.orderNumber);
    if (row.resolution === null) expect(findings.resolution).toBeNull();
    else if (row.resolution) expect(findings.resolution).toMatchObject(row.resolution);
  });

  it('an encoded word missing its closing `?=` at the end of a header is read (the Subject of 27)', async () => {
    const message = await parse(read('27-thunderbird-attachment-malformed-encoded-words-en.eml'));
    expect(message.envelopeSubject).toBe('Fwd: Refund issued for case GH-20417');
  });

  it("the forwarder's own note in a part with no charset is read as windows-1252 too", async () => {
    const message = await parse(read('25-thunderbird-attachment-multipart-parts-no-charset-cp1252-nl.eml'));
    expect(message.forwarderNote).toBe('Geld is terug, dossier kan dicht. Groetjes, Alice (café-fiets)');
    expect(message.original.text).toContain('u wordt hierover niet apart geïnformeerd.');
  });

  it('an attached message that came through empty is quarantined with the reason, not logged as the note', async () => {
    const err = await parse(read('07-outlook-empty-attached-message-en.eml')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuarantineError);
    expect((err as QuarantineError).reason).toBe('unparseable');
    expect((err as QuarantineError).message).toBe(
      'the attached message (message/rfc822) is empty or has no header block: the forwarded original cannot be read',
    );
  });
});

describe('mail whose original cannot be read is quarantined with a specific reason', () => {
  const reasonOf = async (raw: Buffer) => {
    // Under MAX_MESSAGE_BYTES' default, so the header limit, not the size limit, is what refuses.
    const err = await parseInboundMessage(raw, { maxBytes: 8 * 1024 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuarantineError);
    return { reason: (err as QuarantineError).reason, detail: (err as QuarantineError).message };
  };

  it('a forward whose only original is an Outlook .msg item (not MIME)', async () => {
    expect(await reasonOf(read('20-outlook-dragged-msg-item-en.eml'))).toEqual({
      reason: 'unparseable',
      detail:
        'the forwarded original is attached as an Outlook item (Refund confirmation - case BW-22871.msg), which is not a MIME message: forward it inline or as an attachment from the message itself',
    });
  });

  it('an S/MIME encrypted original, attached or the mail itself: its text cannot be read, and the detail says so', async () => {
    const attached = await reasonOf(read('37-outlook-attachment-smime-encrypted-original-en.eml'));
    expect(attached.reason).toBe('unparseable');
    expect(attached.detail).toMatch(
      /^the forwarded original \(original\.eml\) is S\/MIME encrypted \(enveloped-data\)/,
    );
    const whole = await reasonOf(read('50-outlook-smime-encrypted-forward-en.eml'));
    expect(whole.reason).toBe('unparseable');
    expect(whole.detail).toMatch(/^the message is S\/MIME encrypted \(enveloped-data\)/);
  });

  it('a PGP/MIME encrypted mail (multipart/encrypted): its text cannot be read, and the detail says so', async () => {
    const { reason, detail } = await reasonOf(read('74-thunderbird-pgp-mime-encrypted-forward-en.eml'));
    expect(reason).toBe('unparseable');
    expect(detail).toMatch(/^the message is PGP encrypted \(multipart\/encrypted\)/);
  });

  it('a fragment of a message split by the sender (message/partial): named, with its number', async () => {
    const { reason, detail } = await reasonOf(read('38-message-partial-fragment-en.eml'));
    expect(reason).toBe('unparseable');
    expect(detail).toMatch(/^the message is part 1 of 2 of a message split in fragments \(message\/partial\)/);
  });

  it('an Outlook rich-text forward whose original is inside winmail.dat (TNEF, not MIME)', async () => {
    const { reason, detail } = await reasonOf(read('42-outlook-rtf-forward-original-in-winmail-dat-en.eml'));
    expect(reason).toBe('unparseable');
    expect(detail).toMatch(/^the forwarded original is attached as an Outlook item \(winmail\.dat\)/);
  });

  it('an original whose text is only inside winmail.dat (Outlook rich text, TNEF): named, not logged with no text', async () => {
    const { reason, detail } = await reasonOf(read('88-attachment-original-body-only-in-winmail-dat-en.eml'));
    expect(reason).toBe('unparseable');
    expect(detail).toBe(
      "the forwarded original (Refund for booking FJ-22019.eml) has its text only inside winmail.dat (TNEF, Outlook's rich-text form), which is not MIME: its text cannot be read here; forward it from Outlook, or ask the sender for plain text or HTML",
    );
    // The same mail arriving itself, not forwarded.
    const direct = SHOP_MAIL.replace(
      'Content-Type: text/plain; charset=utf-8\r\n\r\nWe have refunded 49.90 EUR for order 88123.',
      'Content-Type: application/ms-tnef; name="winmail.dat"\r\nContent-Transfer-Encoding: base64\r\n\r\neJ8+IhAAAQaQCAAEAAAAAAABAAEAAQeQBgAIAAAA5AQAAAAAAADo',
    );
    expect((await reasonOf(Buffer.from(direct))).detail).toMatch(
      /^the message has its text only inside winmail\.dat \(TNEF, Outlook's rich-text form\), which is not MIME/,
    );
  });

  it('an original whose body is stored elsewhere (message/external-body): named, not logged with no text', async () => {
    const { reason, detail } = await reasonOf(read('89-attachment-original-message-external-body-en.eml'));
    expect(reason).toBe('unparseable');
    expect(detail).toBe(
      'the forwarded original (Refund confirmation - ticket 77104.eml) has no text of its own: its body is stored elsewhere (message/external-body; access-type=URL), and it cannot be read here; forward it from a client that has fetched it',
    );
  });

  it('opaque-signed S/MIME (signed-data) is named as such; a winmail.dat beside a readable inline forward changes nothing', async () => {
    const opaque = attachmentForward(
      ['Content-Type: message/rfc822'],
      SHOP_MAIL.replace(
        'Content-Type: text/plain; charset=utf-8\r\n\r\nWe have refunded 49.90 EUR for order 88123.',
        'Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\r\nContent-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHAqCAMIACAQEx',
      ),
    );
    const { reason, detail } = await reasonOf(opaque);
    expect(reason).toBe('unparseable');
    expect(detail).toMatch(
      /^the forwarded original \(message\/rfc822\) is S\/MIME signed in opaque form \(signed-data\)/,
    );

    const inlineWithTnef = Buffer.from(
      [
        'From: Alice Martin <alice@example.net>',
        'Date: Tue, 14 Nov 2023 12:00:00 +0100',
        'Subject: FW: Refund for order 88123',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '________________________________',
        'From: Shop Support <support@shop.example>',
        'Sent: Tuesday, November 14, 2023 10:05 AM',
        'To: Alice Martin <alice@example.net>',
        'Subject: Refund for order 88123',
        '',
        'We have refunded 49.90 EUR for order 88123.',
        '',
        '--b1',
        'Content-Type: application/ms-tnef; name="winmail.dat"',
        'Content-Transfer-Encoding: base64',
        '',
        'eJ8+IgAAAQaQCAAEAAAAAAABAAEAAQeQBgAIAAAA5AQAAAAAAADoAAEIgAcAGAAAAElQTS5N',
        '--b1--',
        '',
      ].join('\r\n'),
    );
    const message = await parse(inlineWithTnef);
    expect(message.forward).toBe('inline');
    expect(message.original.from?.address).toBe('support@shop.example');
  });

  it('forwards as attachment nested deeper than the unwrapping limit: refused, not the wrapper logged as the original', async () => {
    const nested = (depth: number): string => {
      let mail = SHOP_MAIL;
      for (let i = depth; i > 0; i--) {
        mail = [
          `From: Forwarder ${i} <f${i}@example.net>`,
          'Date: Tue, 14 Nov 2023 12:00:00 +0100',
          'Subject: Fwd: Refund for order 88123',
          `Content-Type: multipart/mixed; boundary="m${i}"`,
          '',
          `--m${i}`,
          'Content-Type: message/rfc822',
          '',
          mail,
          `--m${i}--`,
          '',
        ].join('\r\n');
      }
      return mail;
    };
    // Four layers of forwarders: the shop's mail is still read.
    expect((await parse(Buffer.from(nested(4)))).original.messageId).toBe('<inner@shop.example>');
    expect(await reasonOf(Buffer.from(nested(5)))).toEqual({
      reason: 'unparseable',
      detail:
        'forwarded messages are nested more than 4 deep: the original was not reached; forward the original itself',
    });
  });

  it('a .msg beside a readable original, or on mail that is not a forward, changes nothing', async () => {
    const msgPart = [
      'Content-Type: application/vnd.ms-outlook; name="old.msg"',
      'Content-Disposition: attachment; filename="old.msg"',
      'Content-Transfer-Encoding: base64',
      '',
      '0M8R4KGxGuEAAAAAAAAAAAAAAAAAAAAAPgADAP7/CQAGAAAAAAAAAAAAAAAB',
      '--b1',
    ];
    const beside = attachmentForward(
      ['Content-Type: message/rfc822'],
      `${SHOP_MAIL}\r\n--b1\r\n${msgPart.join('\r\n')}`,
    );
    expect((await parse(beside)).original.messageId).toBe('<inner@shop.example>');
    const notForward = attachmentForward(msgPart.slice(0, 3), msgPart[4] ?? '', 'Refund for order 88123');
    expect((await parse(notForward)).forward).toBe('none');
  });

  it('several forwarded messages attached to one mail, read by a caller of one message: refused, each named', async () => {
    const raw = read('21-thunderbird-two-originals-attached-en.eml');
    expect(await reasonOf(raw)).toEqual({
      reason: 'several_originals',
      detail:
        'the mail carries 2 forwarded messages (Your return NW-88412 has been received.eml, Refund issued for case NW-88412.eml): forward each on its own so each is logged',
    });
    // One readable original beside one that cannot be read is that original, as before.
    const [head, first, second = ''] = raw
      .toString('utf8')
      .split(/(?=--------------Kq0xJ3mR2bT8vW1yZ6cD4eF7\r\nContent-Type: message)/);
    const emptied = `${head}${first}${second.replace(/\r\n\r\nReturn-Path:[\s\S]*?(?=\r\n--------------)/, '\r\n\r\n')}`;
    expect((await parse(Buffer.from(emptied))).original.messageId).toBe('<ret-88412-1@mail.northwind-home.example>');
  });

  it("a header block over the parser's limit names the limit", async () => {
    const raw = Buffer.from(
      `From: a@shop.example\r\nSubject: x\r\nX-Long: ${'a'.repeat(3 * 1024 * 1024)}\r\n\r\nbody\r\n`,
    );
    expect(await reasonOf(raw)).toEqual({
      reason: 'unparseable',
      detail: 'MIME structure could not be parsed: Max header size for a MIME node exceeded',
    });
  });

  it('an attached message the parser refuses: the detail says it was the attached message, and why', async () => {
    const inner = `From: s@shop.example\r\nSubject: r\r\nX-Long: ${'a'.repeat(3 * 1024 * 1024)}\r\n\r\nrefund\r\n`;
    expect(await reasonOf(attachmentForward(['Content-Type: message/rfc822'], inner))).toEqual({
      reason: 'unparseable',
      detail:
        'the attached message (message/rfc822) could not be parsed (MIME structure could not be parsed: Max header size for a MIME node exceeded): the forwarded original cannot be read',
    });
  });
});

/** A forward as attachment from Alice, its second part given as header lines and the attached bytes. */
describe('a delivery report (bounce) is no correspondence: quarantined as delivery_report, saying what failed', () => {
  const reasonOf = async (raw: Buffer) => {
    const err = await parse(raw).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuarantineError);
    return { reason: (err as QuarantineError).reason, detail: (err as QuarantineError).message };
  };
  const NOT_CORRESPONDENCE = /not correspondence with the merchant/;

  it.each([
    [
      // Postfix's multipart/report forwarded as an attachment: its returned message is not the original.
      '76-thunderbird-attachment-postfix-bounce-multipart-report-en.eml',
      /^the forwarded original \(Undelivered Mail Returned to Sender\.eml\) is a delivery status notification \(bounce\) from mailer-daemon@mail\.example\.net: mail to returns@lumio-home\.example could not be delivered \(status 5\.1\.1\)/,
    ],
    [
      // Gmail's bounce forwarded inline: its sender tells it; the returned message below is not a forward.
      '77-gmail-inline-forward-of-gmail-delivery-failure-en.eml',
      /^the forwarded message is a delivery status notification \(bounce\) from mailer-daemon@googlemail\.com/,
    ],
    [
      // Exchange's NDR with only the returned message's headers (text/rfc822-headers), from MicrosoftExchange<hex>.
      '78-outlook-attachment-exchange-ndr-rfc822-headers-de.eml',
      /^the forwarded original \(message\/rfc822\) is a delivery status notification \(bounce\) from microsoftexchange329e71ec88ae4615bbc36ab6ce41109e@example\.net: mail to erstattung@gartenwelt-versand\.example could not be delivered \(status 5\.1\.10\)/,
    ],
    [
      // Exim's plain-text bounce, redirected by a server rule: X-Failed-Recipients names the recipient.
      '79-sieve-redirect-exim-plain-text-bounce-fr.eml',
      /^the message is a delivery status notification \(bounce\) from mailer-daemon@mail\.example\.net: mail to sav@boutique-lumiere\.example could not be delivered/,
    ],
  ])('%s', async (file, detail) => {
    const found = await reasonOf(read(file));
    expect(found.reason).toBe('delivery_report');
    expect(found.detail).toMatch(detail);
    expect(found.detail).toMatch(NOT_CORRESPONDENCE);
  });

  const report = (reportType: string, status: string) =>
    [
      'From: Mail Delivery System <MAILER-DAEMON@relay.example.org>',
      'To: alice@example.net',
      'Date: Tue, 14 Nov 2023 11:00:00 +0100',
      'Subject: Delayed Mail (still being retried)',
      'Message-ID: <report@relay.example.org>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=${reportType}; boundary="r1"`,
      '',
      '--r1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'A report about your message.',
      '',
      '--r1',
      `Content-Type: message/${reportType}`,
      '',
      status,
      '',
      '--r1',
      'Content-Type: message/rfc822',
      '',
      SHOP_MAIL,
      '--r1--',
      '',
    ].join('\r\n');

  it('a delay notice (Action: delayed) says the mail is still being retried', async () => {
    const { reason, detail } = await reasonOf(
      attachmentForward(
        ['Content-Type: message/rfc822'],
        report(
          'delivery-status',
          'Reporting-MTA: dns; relay.example.org\r\n\r\nFinal-Recipient: rfc822; support@shop.example\r\nAction: delayed\r\nStatus: 4.4.1',
        ),
      ),
    );
    expect(reason).toBe('delivery_report');
    expect(detail).toMatch(
      /^the forwarded original \(message\/rfc822\) is a delivery status notification \(bounce\) from mailer-daemon@relay\.example\.org: mail to support@shop\.example is delayed, still being retried \(status 4\.4\.1\)/,
    );
  });

  it('a read receipt (report-type=disposition-notification) arriving straight, not forwarded, is named so', async () => {
    const receipt = report(
      'disposition-notification',
      'Final-Recipient: rfc822; support@shop.example\r\nDisposition: manual-action/MDN-sent-manually; displayed',
    ).replace('MAILER-DAEMON@relay.example.org', 'support@shop.example');
    const { reason, detail } = await reasonOf(Buffer.from(receipt));
    expect(reason).toBe('delivery_report');
    expect(detail).toMatch(
      /^the message is a read receipt \(message disposition notification\) from support@shop\.example/,
    );
  });

  it('a spam complaint report (report-type=feedback-report, ARF) forwarded as an attachment is named so', async () => {
    const arf = report('feedback-report', 'Feedback-Type: abuse\r\nUser-Agent: ExampleFBL/1.0\r\nVersion: 1').replace(
      'MAILER-DAEMON@relay.example.org',
      'fbl@mailbox-provider.example',
    );
    const { reason, detail } = await reasonOf(attachmentForward(['Content-Type: message/rfc822'], arf));
    expect(reason).toBe('delivery_report');
    expect(detail).toMatch(
      /^the forwarded original \(message\/rfc822\) is a spam complaint report \(ARF feedback report\) from fbl@mailbox-provider\.example\./,
    );
  });

  it('a forward of a message whose own attachment is a message stays a forward (no report without the structure or sender)', async () => {
    const message = await parse(attachmentForward(['Content-Type: message/rfc822'], SHOP_MAIL));
    expect(message.forward).toBe('attachment');
    expect(message.original.from?.address).toBe('support@shop.example');
  });
});

function attachmentForward(partHeaders: string[], attached: string, subject = 'Fwd: Refund for order 88123'): Buffer {
  return Buffer.from(
    [
      'From: Alice Martin <alice@example.net>',
      'To: cases@tracker.example.net',
      'Date: Tue, 14 Nov 2023 12:00:00 +0100',
      `Subject: ${subject}`,
      'Message-ID: <outer@example.net>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'see attached',
      '',
      '--b1',
      ...partHeaders,
      '',
      attached,
      '--b1--',
      '',
    ].join('\r\n'),
    'utf8',
  );
}

const SHOP_MAIL = [
  'From: Shop Support <support@shop.example>',
  'To: alice@example.net',
  'Date: Tue, 14 Nov 2023 10:05:00 +0100',
  'Subject: Refund for order 88123',
  'Message-ID: <inner@shop.example>',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'We have refunded 49.90 EUR for order 88123.',
  '',
].join('\r\n');

describe('what comes before the header block, and bodies the parser finds no part in', () => {
  it('a message file with blank lines before its header block, or saved as UTF-16 with its byte order mark, is read', async () => {
    for (const raw of [
      Buffer.from(`\r\n\r\n${SHOP_MAIL}`),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SHOP_MAIL, 'utf16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SHOP_MAIL, 'utf16le').swap16()]),
    ]) {
      const message = await parse(raw);
      expect(message.original.messageId).toBe('<inner@shop.example>');
      expect(message.original.text).toContain('We have refunded 49.90 EUR for order 88123.');
    }
  });

  it('text with no header block after its blank lines is still not a message', async () => {
    const err = await parse(Buffer.from('\r\nWe have refunded 49.90 EUR for order 88123.\r\n')).catch(
      (e: unknown) => e,
    );
    expect((err as QuarantineError).reason).toBe('not_mime');
  });

  it('a multipart body with no delimiter line at all is read as the text it is', async () => {
    const raw = SHOP_MAIL.replace(
      'Content-Type: text/plain; charset=utf-8',
      'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="never-used"',
    );
    const message = await parse(Buffer.from(raw));
    expect(message.original.text).toContain('We have refunded 49.90 EUR for order 88123.');
  });

  it.each([
    // No blank line anywhere, or one only further down the body.
    ['no blank line', SHOP_MAIL.replace('\r\n\r\nWe have', '\r\nWe have'), 'We have refunded 49.90 EUR'],
    ['a blank line later', SHOP_MAIL.replace('\r\n\r\nWe have', '\r\nDear Alice,\r\n\r\nWe have'), 'Dear Alice,'],
  ])('a header block that runs into the text with no blank line: the text is read (%s)', async (_, raw, text) => {
    const message = await parse(Buffer.from(raw));
    expect(message.original.messageId).toBe('<inner@shop.example>');
    expect(message.original.text).toContain(text);
  });

  it('a yEnc block with no `=yend` (cut off) is left in the text, not everything after it dropped', async () => {
    const raw = SHOP_MAIL.replace(
      'for order 88123.',
      'for order 88123.\r\n=ybegin line=128 size=10 name=a.pdf\r\nxyz\r\nThanks, Shop',
    );
    expect((await parse(Buffer.from(raw))).original.text).toContain('Thanks, Shop');
  });
});

describe('what counts as an attached message', () => {
  it.each([
    ['message/rfc822', ['Content-Type: message/rfc822'], 'attachment'],
    ['message/global', ['Content-Type: message/global'], 'attachment'],
    ['application/eml', ['Content-Type: application/eml'], 'attachment'],
    [
      'text/plain named *.eml',
      ['Content-Type: text/plain; name="refund.eml"', 'Content-Disposition: attachment; filename="refund.eml"'],
      'attachment',
    ],
    // A text file that is not a message stays an attachment of the forwarder's mail.
    [
      'text/plain named *.txt',
      ['Content-Type: text/plain; name="refund.txt"', 'Content-Disposition: attachment; filename="refund.txt"'],
      'none',
    ],
  ] as const)('%s', async (_, headers, forward) => {
    const message = await parse(attachmentForward([...headers], SHOP_MAIL));
    expect(message.forward).toBe(forward);
    expect(message.original.messageId).toBe(forward === 'none' ? '<outer@example.net>' : '<inner@shop.example>');
  });

  it('a part with an empty Content-Type (mailparser types it `false`) is no crash', async () => {
    // Found by truncating 17-nested-attachments at `Content-Type:`: a TypeError, i.e. processing_failed.
    const message = await parse(attachmentForward(['Content-Type:'], SHOP_MAIL));
    expect(message.forward).toBe('none');
    expect(message.original.messageId).toBe('<outer@example.net>');
  });

  it('a *.eml file that is not a message (no header block) is not taken for one', async () => {
    const message = await parse(
      attachmentForward(
        ['Content-Type: text/plain; name="notes.eml"', 'Content-Disposition: attachment; filename="notes.eml"'],
        'my notes about the refund',
      ),
    );
    expect(message.forward).toBe('none');
    expect(message.original.text).toContain('see attached');
  });

  it('an empty attached message before a readable one: the readable one is the original', async () => {
    const raw = attachmentForward(
      ['Content-Type: message/rfc822'],
      `\r\n--b1\r\nContent-Type: message/rfc822\r\n\r\n${SHOP_MAIL}`,
    );
    const message = await parse(raw);
    expect(message.forward).toBe('attachment');
    expect(message.original.messageId).toBe('<inner@shop.example>');
  });

  it('inside an attached original, an empty message of its own leaves that original as it is', async () => {
    const shopWithEmpty = [
      'From: Shop Support <support@shop.example>',
      'Date: Tue, 14 Nov 2023 10:05:00 +0100',
      'Subject: Refund for order 88123',
      'Message-ID: <inner@shop.example>',
      'Content-Type: multipart/mixed; boundary="b2"',
      '',
      '--b2',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'We have refunded 49.90 EUR for order 88123.',
      '--b2',
      'Content-Type: message/rfc822',
      '',
      '--b2--',
      '',
    ].join('\r\n');
    const message = await parse(attachmentForward(['Content-Type: message/rfc822'], shopWithEmpty));
    expect(message.forward).toBe('attachment');
    expect(message.original.messageId).toBe('<inner@shop.example>');
    expect(message.original.text).toContain('We have refunded 49.90 EUR');
  });

  it('an empty attached message under an inline forward: the inline forward is read', async () => {
    const raw = Buffer.from(
      [
        'From: Alice Martin <alice@example.net>',
        'Date: Tue, 14 Nov 2023 12:00:00 +0100',
        'Subject: Fwd: Refund for order 88123',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '---------- Forwarded message ---------',
        'From: Shop Support <support@shop.example>',
        'Date: Tue, Nov 14, 2023 at 10:05 AM',
        'Subject: Refund for order 88123',
        'To: <alice@example.net>',
        '',
        'We have refunded 49.90 EUR for order 88123.',
        '',
        '--b1',
        'Content-Type: message/rfc822',
        '',
        '--b1--',
        '',
      ].join('\r\n'),
    );
    const message = await parse(raw);
    expect(message.forward).toBe('inline');
    expect(message.original.from?.address).toBe('support@shop.example');
  });
});

describe('plain or HTML', () => {
  const alternative = (plain: string, html: string) =>
    Buffer.from(
      [
        'From: Shop Support <support@shop.example>',
        'Date: Tue, 14 Nov 2023 10:05:00 +0100',
        'Subject: Refund for order 88123',
        'MIME-Version: 1.0',
        'Content-Type: multipart/alternative; boundary="a1"',
        '',
        '--a1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        plain,
        '--a1',
        'Content-Type: text/html; charset=utf-8',
        '',
        html,
        '--a1--',
        '',
      ].join('\r\n'),
    );

  it('a short plain part that the HTML repeats stays the text (the HTML adds only a footer)', async () => {
    const footer = '<p>Unsubscribe | Privacy policy | Terms of sale | Imprint | Contact us | Follow us</p>'.repeat(3);
    const message = await parse(
      alternative('We refunded 49.90 EUR for order 88123.', `<p>We refunded 49.90 EUR for order 88123.</p>${footer}`),
    );
    expect(message.original.text.trim()).toBe('We refunded 49.90 EUR for order 88123.');
  });

  it('a plain part that only points to the HTML gives way to it', async () => {
    const message = await parse(
      alternative(
        'Please view this message in an HTML-capable mail program.',
        '<p>Hello Alice, we refunded 49.90 EUR for order 88123 today. The amount reaches your card in 3-5 days.</p>',
      ),
    );
    expect(message.original.text).toContain('we refunded 49.90 EUR for order 88123 today.');
  });
});

describe('withLegacy8bitRepaired', () => {
  const latin1 = (text: string) => Buffer.from(text, 'latin1');

  it('leaves UTF-8 and declared charsets byte for byte', () => {
    for (const raw of [
      Buffer.from('Subject: Grüße\r\nContent-Type: text/plain\r\n\r\nGrüße\r\n', 'utf8'),
      latin1('Subject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nGr\u00fc\u00dfe\r\n'),
      latin1(
        'Subject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nGr\u00fc\u00dfe\r\n--b--\r\n',
      ),
      Buffer.from(
        'Subject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nGrüße\r\n--b--\r\n',
        'utf8',
      ),
      latin1('Subject: x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n\u00fc\r\n'),
    ]) {
      expect(withLegacy8bitRepaired(raw)).toBe(raw);
    }
  });

  it('names windows-1252 for 8-bit text that is not UTF-8 under no charset, a placeholder or us-ascii', () => {
    const cases: [string, string][] = [
      ['Content-Type: text/plain\r\n', 'Content-Type: text/plain; charset=windows-1252'],
      ['Content-Type: text/plain; charset="unknown-8bit"\r\n', 'Content-Type: text/plain; charset=windows-1252'],
      [
        'Content-Type: text/html;\r\n\tcharset=us-ascii; format=flowed\r\n',
        'Content-Type: text/html; format=flowed; charset=windows-1252',
      ],
      ['', 'Content-Type: text/plain; charset=windows-1252'],
    ];
    for (const [contentType, expected] of cases) {
      const out = withLegacy8bitRepaired(
        latin1(`Subject: x\r\n${contentType}\r\nErstattung 25,00 \u0080\r\n`),
      ).toString('latin1');
      expect(out).toContain(`${expected}\r\n\r\nErstattung 25,00 \u0080\r\n`);
    }
  });

  it('names windows-1252 for 8-bit text declared UTF-8 that holds no UTF-8 sequence, and only then', () => {
    const declared = (body: Buffer) =>
      Buffer.concat([
        latin1('Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
        body,
      ]);
    const cp1252 = declared(latin1('Erstattung 25,00 \u0080 f\u00fcr Sie\r\n'));
    expect(withLegacy8bitRepaired(cp1252).toString('latin1')).toContain('charset=windows-1252');
    // UTF-8 with one stray byte stays UTF-8: one U+FFFD, not every accent turned to mojibake.
    const mostlyUtf8 = declared(Buffer.concat([Buffer.from('Erstattung für Sie ', 'utf8'), latin1('\u0080\r\n')]));
    expect(withLegacy8bitRepaired(mostlyUtf8)).toBe(mostlyUtf8);
  });

  it('names utf-8 for a part declared in a single-byte charset whose bytes are UTF-8 above ASCII', () => {
    const raw = Buffer.from('Content-Type: text/plain; charset=ISO-8859-1\r\n\r\nR\u00fcckerstattung 25,00 \u20ac\r\n');
    expect(withLegacy8bitRepaired(raw).toString('latin1')).toContain('Content-Type: text/plain; charset=utf-8\r\n');
    // ASCII only, or Latin-1 letters (not UTF-8): as declared.
    const ascii = Buffer.from('Content-Type: text/plain; charset=ISO-8859-1\r\n\r\nRefund 25.00 EUR\r\n');
    expect(withLegacy8bitRepaired(ascii)).toBe(ascii);
  });

  it('decodes quoted-printable and base64 bodies before it judges them', () => {
    const qp = latin1('Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nGr=FC=DFe\r\n');
    expect(withLegacy8bitRepaired(qp).toString('latin1')).toContain('charset=windows-1252');
    const qpUtf8 = latin1(
      'Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=BC=C3=9Fe\r\n',
    );
    expect(withLegacy8bitRepaired(qpUtf8)).toBe(qpUtf8);
    const b64 = latin1(
      `Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from('Gr\u00fc\u00dfe', 'latin1').toString('base64')}\r\n`,
    );
    expect(withLegacy8bitRepaired(b64).toString('latin1')).toContain('charset=windows-1252');
  });

  it('names windows-1252 in each multipart part whose 8-bit text has no charset, at any depth', () => {
    const raw = latin1(
      [
        'Subject: x',
        'Content-Type: multipart/mixed; boundary="outer"',
        '',
        'preamble',
        '--outer',
        'Content-Type: multipart/alternative; boundary=inner',
        '',
        '--inner',
        'Content-Type: text/plain',
        'Content-Transfer-Encoding: 8bit',
        '',
        'R\u00fcckerstattung 25,00 \u0080',
        '--inner',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>R\u00c3\u00bcckerstattung</p>',
        '--inner--',
        '',
        '--outer',
        '',
        'caf\u00e9 without any header line',
        '--outer',
        'Content-Type: application/pdf; name="a.pdf"',
        '',
        '%PDF-\u00e2\u00e3',
        '--outer--',
        '',
      ].join('\r\n'),
    );
    expect(withLegacy8bitRepaired(raw).toString('latin1')).toBe(
      [
        'Subject: x',
        'Content-Type: multipart/mixed; boundary="outer"',
        '',
        'preamble',
        '--outer',
        'Content-Type: multipart/alternative; boundary=inner',
        '',
        '--inner',
        'Content-Type: text/plain; charset=windows-1252',
        'Content-Transfer-Encoding: 8bit',
        '',
        'R\u00fcckerstattung 25,00 \u0080',
        '--inner',
        // Declared: left as it is.
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>R\u00c3\u00bcckerstattung</p>',
        '--inner--',
        '',
        '--outer',
        // A part with no header lines is text/plain under no charset too.
        'Content-Type: text/plain; charset=windows-1252',
        '',
        'caf\u00e9 without any header line',
        '--outer',
        // Not text: its bytes are not the parser's to decode as text.
        'Content-Type: application/pdf; name="a.pdf"',
        '',
        '%PDF-\u00e2\u00e3',
        '--outer--',
        '',
      ].join('\r\n'),
    );
  });

  it('names the charset of encoded words under a placeholder label by their bytes', () => {
    const raw = Buffer.from(
      'From: =?x-unknown?Q?H=E9l=E8ne?= <h@shop.example>\r\nSubject: =?unknown?B?' +
        Buffer.from('Grüße', 'utf8').toString('base64') +
        '?= =?iso-8859-1?Q?=E9?=\r\n\r\nok\r\n',
    );
    expect(withLegacy8bitRepaired(raw).toString('utf8')).toBe(
      'From: =?windows-1252?Q?H=E9l=E8ne?= <h@shop.example>\r\nSubject: =?utf-8?B?R3LDvMOfZQ==?= =?iso-8859-1?Q?=E9?=\r\n\r\nok\r\n',
    );
  });

  it("reads windows-1252's 0x80-0x9F in such a line as its characters (€, –), not as C1 controls", () => {
    const raw = latin1(
      'Subject: Erstattung 25,00 \u0080 \u0096 erledigt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nok\r\n',
    );
    expect(withLegacy8bitRepaired(raw).toString('utf8')).toContain('Subject: Erstattung 25,00 € – erledigt\r\n');
  });

  it('puts right the header syntax the parser misreads: no `;` before parameters, a second Content-Type, an unclosed encoded word', () => {
    const raw = latin1(
      [
        'Subject: =?utf-8?Q?Refund_for_order_4411',
        'Content-Type: text/plain charset=utf-8',
        'Content-Type: text/html;',
        '\tcharset=us-ascii',
        '',
        'ok',
        '',
      ].join('\r\n'),
    );
    expect(withLegacy8bitRepaired(raw).toString('latin1')).toBe(
      ['Subject: =?utf-8?Q?Refund_for_order_4411?=', 'Content-Type: text/plain; charset=utf-8', '', 'ok', ''].join(
        '\r\n',
      ),
    );
  });

  it.each([
    // Adjacent base64 words, the first without its padding: the decoder joined the payloads and shifted every byte.
    ['Subject: =?UTF-8?B?SGVsbG8?= =?UTF-8?B?IFdvcmxk?=', 'Subject: =?UTF-8?B?SGVsbG8gV29ybGQ=?='],
    // ... with a stray character, a fold between them, charset labels that differ in case and spelling.
    ['Subject: =?UTF-8?B?UsO8!Y2s?=\r\n =?utf8?B?ZXJzdGF0dHVuZw?=', 'Subject: =?UTF-8?B?UsO8Y2tlcnN0YXR0dW5n?='],
    // A B and a Q word splitting `€` between them: read as one run of bytes.
    ['Subject: =?UTF-8?B?MjUg4oI=?= =?UTF-8?Q?=AC_erstattet?=', 'Subject: =?UTF-8?B?MjUg4oKsIGVyc3RhdHRldA==?='],
    // White space inside the delimiters (a gateway's rewrite).
    ['Subject: =? ISO-2022-JP? B? GyRCJUYlOSVIGyhC?=', 'Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?='],
    // Folded inside the payload, between the two bytes of `é`.
    ['Subject: =?UTF-8?Q?a_=C3\r\n =A9t=C3=A9?=', 'Subject: =?UTF-8?Q?a_=C3=A9t=C3=A9?='],
    // Cut off before the address, no `?=` further on the line.
    ['From: =?UTF-8?Q?H=C3=A9lo=C3=AFse <c@shop.example>', 'From: =?UTF-8?Q?H=C3=A9lo=C3=AFse?= <c@shop.example>'],
  ])('puts right an encoded word the decoder misreads: %s', (header, repaired) => {
    const out = withLegacy8bitRepaired(latin1(`${header}\r\nContent-Type: text/plain\r\n\r\nok\r\n`));
    expect(out.toString('latin1')).toBe(`${repaired}\r\nContent-Type: text/plain\r\n\r\nok\r\n`);
  });

  it.each([
    // Padded words, a new word on the continuation line, a Q word whose payload holds a space (the decoder
    // reads it), words in two charsets: as they are.
    'Subject: =?UTF-8?B?SGVsbG8=?= =?UTF-8?B?IFdvcmxk?=',
    'Subject: =?UTF-8?Q?R=C3=BC?=\r\n =?UTF-8?Q?ck?=',
    'Subject: =?UTF-8?Q?Hello World?=',
    'Subject: =?UTF-8?B?SGVsbG8?= =?ISO-8859-1?B?IFdvcmxk?=',
    'Subject: =?UTF-8?B?SGVsbG8?=\r\nX-Other: =?UTF-8?B?IFdvcmxk?=',
  ])('leaves encoded words the decoder reads right as they are: %s', (header) => {
    const raw = latin1(`${header}\r\nContent-Type: text/plain\r\n\r\nok\r\n`);
    expect(withLegacy8bitRepaired(raw)).toBe(raw);
  });

  it.each([
    ['30k word openings', `Subject: ${'=?a?B?'.repeat(30_000)}`],
    ['15k adjacent unpadded words', `Subject: ${'=?utf-8?B?QQ?= '.repeat(15_000)}`],
    ['200 unterminated long payloads', `Subject: ${`=?utf-8?Q?${'x'.repeat(999)} `.repeat(200)}`],
    ['200 payloads folded open', `Subject: ${`=?utf-8?Q?${'x'.repeat(900)}\r\n `.repeat(200)}`],
  ])('stays linear on hostile encoded words: %s', (_label, header) => {
    const started = performance.now();
    withLegacy8bitRepaired(latin1(`${header}\r\nContent-Type: text/plain\r\n\r\nok\r\n`));
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('rewrites UTF-7 encoded words as UTF-8 ones', () => {
    const raw = latin1('From: =?utf-7?Q?Caf+AOk-_Lumi+AOg-re?= <c@shop.example>\r\n\r\nok\r\n');
    expect(withLegacy8bitRepaired(raw).toString('latin1')).toBe(
      `From: =?utf-8?B?${Buffer.from('Café Lumière').toString('base64')}?= <c@shop.example>\r\n\r\nok\r\n`,
    );
  });

  it('types a multipart/digest part with no header lines message/rfc822, and only in a digest', () => {
    const mail = (subtype: string) =>
      latin1(
        [
          `Content-Type: multipart/${subtype}; boundary=d`,
          '',
          '--d',
          '',
          'From: shop@example.org',
          '',
          'refunded',
          '--d--',
          '',
        ].join('\r\n'),
      );
    expect(withLegacy8bitRepaired(mail('digest')).toString('latin1')).toContain(
      '--d\r\nContent-Type: message/rfc822\r\n\r\nFrom: shop@example.org\r\n',
    );
    const mixed = mail('mixed');
    expect(withLegacy8bitRepaired(mixed)).toBe(mixed);
  });

  it('reads header lines that are not UTF-8 as windows-1252, and only those', () => {
    const raw = Buffer.concat([
      latin1('From: J\u00fcrgen <j@shop.example>\r\n'),
      Buffer.from('To: Zoë <z@example.net>\r\n', 'utf8'),
      latin1('Content-Type: text/plain; charset=utf-8\r\n\r\nok\r\n'),
    ]);
    expect(withLegacy8bitRepaired(raw).toString('utf8')).toBe(
      'From: Jürgen <j@shop.example>\r\nTo: Zoë <z@example.net>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nok\r\n',
    );
  });
});
