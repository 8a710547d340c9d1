// Vietnamese: tense is a particle (`đã` done, `sẽ` will, `đang` in progress, `chưa` not yet), so a done
// form carries `đã` and the other particles keep a sentence open. Each row is a sentence as a shop, a
// marketplace or a help desk writes it; the nulls look like a decision and are not one, and must never
// close a case.
import { describe, expect, it } from 'vitest';
import { extractResolution } from '../../../src/rules/resolution.js';
import { context } from './message.js';

const resolutionOf = (text: string) => extractResolution(context({ text }));

describe('resolution: Vietnamese outcomes', () => {
  it.each([
    ['Đơn hàng #250112KX7 của bạn đã được hoàn tiền 349.000đ.', 'full_refund', 349000, 'VND'],
    ['Chúng tôi đã hoàn lại 1.250.000 VNĐ vào thẻ của quý khách.', 'full_refund', 1250000, 'VND'],
    // The amount glued to its đ: no word edge after the digits.
    ['Chúng tôi đã hoàn lại 420.000đ vào tài khoản ngân hàng của chị sáng nay.', 'full_refund', 420000, 'VND'],
    ['Khoản hoàn tiền 560.000 ₫ đã được chuyển vào tài khoản ngân hàng của bạn.', 'full_refund', 560000, 'VND'],
    ['Số tiền 89.000 đồng đã được hoàn về ví của bạn.', 'full_refund', 89000, 'VND'],
    ['Tiền đã được hoàn về tài khoản của bạn.', 'full_refund', null, null],
    ['Hoàn tiền thành công: 215.000đ.', 'full_refund', 215000, 'VND'],
    ['Shop đã hoàn tiền một phần 120.000đ (phí vận chuyển) cho đơn hàng của bạn.', 'partial_refund', 120000, 'VND'],
    ['Một phiếu quà tặng trị giá 200.000đ đã được cộng vào tài khoản của bạn.', 'store_credit', 200000, 'VND'],
    ['Sản phẩm thay thế đã được gửi đi hôm nay.', 'replacement', null, null],
    // Decomposed (NFD) text reads as the composed one.
    ['Đơn hàng của bạn đã được hoàn tiền 349.000đ.'.normalize('NFD'), 'full_refund', 349000, 'VND'],
  ])('%j → %s %s %s', (sentence, outcome, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount, currency });
  });
});

describe('resolution: Vietnamese denials', () => {
  it.each([
    ['Rất tiếc, yêu cầu hoàn tiền của bạn đã bị từ chối.'],
    ['Chúng tôi không thể chấp nhận yêu cầu trả hàng của quý khách vì sản phẩm đã qua sử dụng.'],
    ['Yêu cầu bảo hành của bạn không được chấp thuận.'],
  ])('%j → denied', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied', confidence: 0.9 });
  });
});

describe('resolution: Vietnamese sentences that decide nothing → null', () => {
  it.each([
    ['request received', 'Chúng tôi đã tiếp nhận yêu cầu hoàn tiền của bạn.'],
    ['request sent', 'Yêu cầu hoàn tiền của bạn đã được gửi thành công.'],
    ['will be refunded', 'Bạn sẽ được hoàn tiền trong vòng 5-7 ngày làm việc.'],
    ['in progress', 'Yêu cầu hoàn tiền của bạn đang được xử lý.'],
    ['not yet', 'Đơn hàng của bạn chưa được hoàn tiền.'],
    ['after the check', 'Sau khi kiểm tra sản phẩm, chúng tôi sẽ hoàn tiền cho bạn.'],
    ['once received', 'Khi kho nhận được hàng, bạn sẽ được hoàn tiền.'],
    ['return process approved', 'Yêu cầu Trả hàng/Hoàn tiền của bạn đã được chấp nhận.'],
    ['goods returned, refund to come', 'Đơn hàng đã hoàn tất, hoàn tiền sẽ được xử lý trong 3 ngày.'],
    ['asked', 'Đơn hàng của tôi đã được hoàn tiền chưa?'],
    ['cashback promotion', 'Hoàn tiền 10% tối đa 50.000đ khi thanh toán bằng ví.'],
    ['exchange request sent', 'Yêu cầu đổi hàng của bạn đã được gửi.'],
    ['a gift voucher in marketing', 'Chúc mừng! Bạn đã được tặng voucher 50.000đ cho đơn hàng tiếp theo.'],
    ['shop coins for a review', 'Bạn đã được cộng 200 Xu khi đánh giá sản phẩm.'],
    ['paid out to the seller', 'Tiền hàng đã được chuyển cho người bán.'],
    // Agreed, as English 'agreed to refund': a decision to pay, no money moved.
    ['seller agreed to refund', 'Người bán đã đồng ý hoàn tiền 420.000đ cho đơn hàng của bạn.'],
  ])('%s: %j', (_label, sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });
});
