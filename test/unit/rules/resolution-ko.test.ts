// Korean: Hangul words are spaced, with particles and endings glued on (`환불이`, `완료되었습니다`). Each row is
// a sentence as a Korean shop, marketplace or help desk writes it, in the new text of a reply; the nulls are
// the sentences that look like a decision and are not one, which must never close a case.
import { describe, expect, it } from 'vitest';
import { extractResolution } from '../../../src/rules/resolution.js';
import { context } from './message.js';

const resolutionOf = (text: string) => extractResolution(context({ text }));

describe('resolution: Korean outcomes', () => {
  it.each([
    ['주문하신 상품의 환불이 완료되었습니다.\n\n환불 금액: 38,900원', 'full_refund', 38900, 'KRW'],
    ['고객님의 카드 결제 취소가 정상적으로 처리되었습니다.', 'full_refund', null, null],
    ['요청하신 상품 대금 ₩54,000을 환불해 드렸습니다.', 'full_refund', 54000, 'KRW'],
    ['환불 금액 12,900원이 고객님 계좌로 입금되었습니다.', 'full_refund', 12900, 'KRW'],
    ['파손된 컵 1개에 대해 부분 환불 8,500원이 처리되었습니다.', 'partial_refund', 8500, 'KRW'],
    ['보상 적립금 5,000원을 고객님 계정에 지급해 드렸습니다.', 'store_credit', 5000, 'KRW'],
    ['예치금 21,000원이 충전되었습니다.', 'store_credit', 21000, 'KRW'],
    ['교환 상품이 오늘 발송되었습니다.', 'replacement', null, null],
    ['파손된 머그컵 1개 금액 12,900원을 부분 환불해 드렸습니다.', 'partial_refund', 12900, 'KRW'],
    ['결제하신 금액 31,500원은 고객님의 요청에 따라 예치금으로 환불해 드렸습니다.', 'store_credit', 31500, 'KRW'],
  ])('%j → %s %s %s', (sentence, outcome, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount, currency });
  });
});

describe('resolution: Korean denials', () => {
  it.each([
    '사용 흔적이 확인되어 환불이 불가합니다.',
    '고객님의 환불 요청은 반려되었습니다.',
    '수령 후 7일이 지나 반품 접수를 진행할 수 없습니다.',
    '죄송하지만 해당 상품은 교환이 어렵습니다.',
  ])('%j → denied', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied', confidence: 0.9 });
  });
});

describe('resolution: Korean sentences that decide nothing → null', () => {
  it.each([
    ['request received', '고객님의 환불 접수가 완료되었습니다.'],
    ['application done', '환불 신청이 정상적으로 완료되었습니다.'],
    ['in progress', '현재 환불 처리 중입니다.'],
    ['scheduled', '반품 상품 검수가 완료되었으며 환불은 3~5일 내 처리될 예정입니다.'],
    ['once done', '환불이 완료되면 문자로 안내해 드리겠습니다.'],
    ['after the check', '상품 회수 후 검수가 끝나면 환불해 드리겠습니다.'],
    ['not yet', '아직 환불이 완료되지 않았습니다.'],
    ['asked', '환불이 완료되었는지 확인 부탁드립니다.'],
    ['asked with a mark', '환불 처리가 되었나요?'],
    ['purchase points', '구매 적립금 1,000원이 적립되었습니다.'],
    ['policy', '단순 변심에 의한 반품은 수령 후 7일 이내에만 가능하며, 사용한 경우 환불이 불가합니다.'],
    ['possibility', '적립금으로 환불받으실 수 있습니다.'],
    ['payment received', '주문하신 상품의 결제가 완료되었습니다.'],
    ['exchange received', '교환 접수가 완료되었습니다.'],
    ['failed', '환불 금액의 입금이 실패하였습니다.'],
    ['credit used, refund to the card still to come', '예치금 사용분을 제외한 금액은 카드로 환불 처리 예정입니다.'],
  ])('%s: %j', (_label, sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });
});
