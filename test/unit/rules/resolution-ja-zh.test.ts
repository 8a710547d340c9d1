// Japanese and Chinese: words touch their neighbours, so the rules' word edges hold next to Han and kana
// letters (unicode-words.ts). Each row is a sentence as support writes it, in the new text of a reply; the
// nulls are the sentences that look like a decision and are not one, which must never close a case.
import { describe, expect, it } from 'vitest';
import { extractResolution } from '../../../src/rules/resolution.js';
import { context } from './message.js';

const resolutionOf = (text: string) => extractResolution(context({ text }));

describe('resolution: Japanese and Chinese outcomes', () => {
  it.each([
    ['ja', 'ご注文代金 4,380円 の返金処理が完了いたしました。', 'full_refund', 4380, 'JPY'],
    // The amount in a label row of its own, the label ending in a full-width colon.
    ['ja', '下記の通りご返金いたしました。\n\nご返金額：￥3,280（税込）', 'full_refund', 3280, 'JPY'],
    ['ja', 'ご返金が完了しました。', 'full_refund', null, null],
    ['ja', 'お詫びとして、送料550円を一部返金いたしました。', 'partial_refund', 550, 'JPY'],
    ['ja', '1,650円分のギフト券をお客様のアカウントに付与いたしました。', 'store_credit', 1650, 'JPY'],
    ['ja', '交換品を本日発送いたしました。', 'replacement', null, null],
    ['zh', '您的订单退款成功，退款金额：¥128.00。', 'full_refund', 128, 'CNY'],
    ['zh', '款项已原路退回，退款金额259.00元。', 'full_refund', 259, 'CNY'],
    ['zh', '我们已经为您退款，请注意查收。', 'full_refund', null, null],
    ['zh', '退款已完成，金額 NT$1,280 已退回您的信用卡。', 'full_refund', 1280, 'TWD'],
    ['zh', '换货商品已于今天寄出。', 'replacement', null, null],
  ])('%s: %j → %s %s %s', (_lang, sentence, outcome, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount, currency });
  });
});

describe('resolution: Japanese and Chinese denials', () => {
  it.each([
    ['ja', 'ご使用後の商品のため、誠に恐れ入りますが返品はお受けいたしかねます。'],
    ['ja', '誠に申し訳ございませんが、今回の返品をお受けすることができません。'],
    ['ja', '誠に申し訳ございませんが、返金のご依頼は対象外となります。'],
    ['zh', '很抱歉，您的退貨申請未通過。'],
    ['zh', '您的退款申请已被拒绝。'],
  ])('%s: %j → denied', (_lang, sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied', confidence: 0.9 });
  });
});

describe('resolution: Japanese and Chinese sentences that decide nothing → null', () => {
  it.each([
    ['ja in progress', '現在、返金手続き中です。'],
    ['ja once done', '返金が完了しましたら、改めてご連絡いたします。'],
    ['ja application received', 'ご注文番号 MK-00581230 の返金申請の受付が完了しました。'],
    ['ja after the return arrives', '返品商品の到着を確認後、返金いたします。'],
    ['ja not yet', '返金はまだ完了しておりません。'],
    ['ja asked', '返金はもう完了しましたでしょうか。'],
    ['zh after the check', '我们收到退货并验收后，将为您办理退款。'],
    ['zh pending', '您的退款正在处理中，请耐心等待。'],
    ['zh not yet', '退款尚未完成。'],
    ['zh asked', '请问退款已经完成了吗？'],
    ['zh submitted', '您的退款申请已提交成功。'],
    ['zh order done, refund if needed', '订单已完成，如需退款请联系客服。'],
    ['zh policy', '退款將於收到退貨後14天內退回原付款方式。'],
  ])('%s: %j', (_label, sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });
});
