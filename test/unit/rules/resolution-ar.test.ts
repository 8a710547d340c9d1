// Arabic: words take attached prefixes (و، ب، ل، ال), the done form is `تم`/`تمت` before a verbal noun,
// and shop mail writes harakat, tatweel and Arabic-Indic digits. Each row is a sentence as support writes
// it, in the new text of a reply; the nulls look like a decision and are none, and must never close a case.
import { describe, expect, it } from 'vitest';
import { extractResolution } from '../../../src/rules/resolution.js';
import { context } from './message.js';

const resolutionOf = (text: string) => extractResolution(context({ text }));

describe('resolution: Arabic outcomes', () => {
  it.each([
    ['تم استرداد مبلغ 249.00 ر.س إلى بطاقتك الائتمانية.', 'full_refund', 249, 'SAR'],
    ['نود إعلامك بأنه تمت إعادة المبلغ 180 درهم إلى وسيلة الدفع الأصلية.', 'full_refund', 180, 'AED'],
    // Harakat, tatweel and Arabic-Indic digits with the Arabic decimal separator.
    ['لقد تمَّ ردُّ المبلـــغ ١٬٢٥٠٫٠٠ ج.م إلى حسابك.', 'full_refund', 1250, 'EGP'],
    ['لقد أصدرنا استردادا بقيمة 75 ريال لطلبك.', 'full_refund', 75, 'SAR'],
    ['قمنا بإعادة المبلغ كاملا إلى بطاقتك، وسيظهر خلال 5 أيام عمل.', 'full_refund', null, null],
    ['تم إصدار استرداد جزئي بقيمة 40 ر.س عن المنتج التالف.', 'partial_refund', 40, 'SAR'],
    ['تمت إضافة 150 درهم إلى رصيد محفظتك في المتجر.', 'store_credit', 150, 'AED'],
    ['أصدرنا لك قسيمة شرائية بقيمة 200 ر.س كتعويض.', 'store_credit', 200, 'SAR'],
    ['تم شحن المنتج البديل اليوم عبر أرامكس.', 'replacement', null, null],
    // `أن` (that) before the outcome is no condition.
    ['يسعدنا أن نبلغك بأنه تم استرداد مبلغ 90 ر.س إلى بطاقتك.', 'full_refund', 90, 'SAR'],
    // The dinar's fils: three decimals.
    ['تم استرداد 12.500 د.ك إلى بطاقتك.', 'full_refund', 12.5, 'KWD'],
    // One `تم` over verbal nouns joined by `و`: the order cancelled and the amount refunded.
    ['تم إلغاء الطلب واسترداد المبلغ 250 درهم إلى بطاقتك.', 'full_refund', 250, 'AED'],
    ['تم إلغاء طلبك رقم 5512 واسترداد المبلغ بالكامل.', 'full_refund', null, null],
    ['تم استلام المنتج وإعادة المبلغ 320 ر.س إلى حسابك.', 'full_refund', 320, 'SAR'],
  ])('%j → %s %s %s', (sentence, outcome, amount, currency) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome, amount, currency });
  });
});

describe('resolution: Arabic denials', () => {
  it.each([
    'نأسف لإبلاغك بأنه تم رفض طلب الاسترجاع الخاص بك.',
    'طلب الاسترداد رقم RF-2201 تم رفضه لأن المنتج مستخدم.',
    'نعتذر عن عدم قبول طلب الإرجاع لانتهاء المدة.',
    'للأسف، المنتج غير مؤهل للاسترجاع.',
  ])('%j → denied', (sentence) => {
    expect(resolutionOf(sentence)).toMatchObject({ outcome: 'denied', confidence: 0.9 });
  });
});

describe('resolution: Arabic sentences that decide nothing → null', () => {
  it.each([
    ['future', 'سيتم استرداد المبلغ إلى بطاقتك خلال 7 أيام عمل.'],
    ['once received', 'بمجرد استلام المنتج سنقوم برد المبلغ.'],
    ['after the check', 'سنقوم بإعادة المبلغ بعد فحص المنتج المرتجع.'],
    ['request received', 'تم استلام طلب الاسترداد الخاص بك.'],
    ['under review', 'طلب الاسترداد الخاص بك قيد المراجعة حاليا.'],
    ['not yet', 'لم يتم استرداد المبلغ حتى الآن.'],
    ['asked', 'هل تم استرداد المبلغ؟'],
    ['if', 'إذا تمت الموافقة على طلبك، تم رد المبلغ خلال 14 يوما.'],
    ['policy', 'وفقا لسياسة الاسترجاع، يتم رد المبلغ خلال 14 يوما من استلام المرتجع.'],
    ['processing', 'جاري معالجة الاسترداد.'],
    ['return received only', 'تم استلام المنتج المرتجع في مستودعنا.'],
    ['payment confirmed', 'تم تحويل المبلغ بنجاح وتم تأكيد طلبك.'],
    ['denial of a payment', 'تم رفض عملية الدفع لطلبك رقم 55120.'],
    ['marketing voucher', 'احصل على قسيمة شرائية بقيمة 50 ر.س عند طلبك القادم.'],
    ['cannot until', 'لا يمكننا رد المبلغ حتى نستلم المنتج.'],
    // The customer's bank refusing or sending back the refund: a payment that did not go through, no denial.
    ['refused by the bank', 'طلب الاسترداد مرفوض من قبل البنك.'],
    ['sent back by the bank', 'تم استرداد المبلغ، لكن البنك رفض العملية وأعاد المبلغ إلينا.'],
    ['cancelled, the refund still to come', 'تم إلغاء الطلب وسيتم استرداد المبلغ خلال 5 أيام عمل.'],
    ['cancelled, the refund in processing', 'تم إلغاء الطلب واسترداد المبلغ قيد المعالجة.'],
  ])('%s: %j', (_label, sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });
});
