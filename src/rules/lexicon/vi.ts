import type { Lexicon } from './types.js';

/**
 * Vietnamese: marketplaces (Shopee-, Lazada-, Tiki-like), payment wallets and gateways, shops and help
 * desks. Words are single syllables, so a concept is a phrase of several (`hoàn tiền`, `đơn hàng`,
 * `phiếu hỗ trợ`). Verbs do not inflect: tense is a particle before them, `đã` (done), `sẽ` (will),
 * `đang` (in progress), `chưa` (not yet). Done forms carry `đã`, so `sẽ được hoàn tiền`, `đang được xử lý`
 * and `chưa được hoàn tiền` never match them; `sẽ`, `đang` and `chưa` are not-yet words.
 *
 * Text may arrive decomposed (NFD, a base letter and combining marks); the rules read it composed
 * (`contextOf` normalises to NFC), so entries are written composed.
 */

/** The customer as shops address them: `bạn`, `quý khách`, `anh/chị`. */
const YOU = '(?:bạn|quý khách|anh(?:\\s?/\\s?chị)?|chị)';

export const vi: Lexicon = {
  code: 'vi',
  // Section owners: see types.ts.
  headers: {
    from: ['từ', 'người gửi'],
    date: ['ngày', 'đã gửi', 'thời gian', 'ngày gửi'],
    to: ['đến', 'tới', 'người nhận'],
    cc: ['cc', 'đồng gửi'],
    subject: ['chủ đề', 'tiêu đề'],
    replyTo: ['trả lời đến', 'phản hồi tới'],
    other: ['mức độ quan trọng', 'tệp đính kèm', 'đính kèm'],
    forwardSeparators: [
      'thư đã chuyển tiếp',
      'thư được chuyển tiếp',
      'bắt đầu thư được chuyển tiếp',
      'tin nhắn chuyển tiếp',
    ],
    forwardPrefixes: ['cht', 'chuyển tiếp', 'fwd?'],
  },
  text: {
    // Gmail: `Vào Th 2, 30 thg 11, 2026 lúc 10:15 Minh <minh@…> đã viết:`.
    attributionOpeners: ['vào'],
    attributionVerbs: ['đã viết'],
    originalMessage: ['thư gốc', 'tin nhắn gốc'],
    signOffs: [
      'trân trọng',
      'trân trọng cảm ơn',
      'thân ái',
      'thân mến',
      'chân thành cảm ơn',
      'xin (?:chân thành )?cảm ơn',
      'xin cám ơn',
      'cảm ơn',
      'cám ơn',
      'kính thư',
    ],
    mobileSignatures: ['(?:được )?gửi từ .{1,40}'],
    mobileDevices: ['iphone của tôi', 'điện thoại của tôi', 'android'],
    disclaimerOpeners: [
      '(?:thông báo bảo mật|lưu ý bảo mật|miễn trừ trách nhiệm)\\s?:',
      '(?:email|thư) này (?:và các tệp đính kèm )?(?:có thể )?chứa thông tin (?:bảo mật|mật)',
    ],
    externalBanners: ['\\[bên ngoài\\]', 'cảnh báo\\s?: (?:email|thư) này (?:được gửi )?từ bên ngoài'],
    // Not `em`/`mình`: `em` is also a mailbox name (`<em@example.com>` in an attribution).
    firstPersonWords: ['tôi', 'Tôi', 'chúng tôi', 'Chúng tôi'],
    replyAbove: ['phía trên dòng này', 'trên dòng này'],
    helpDeskRequest: ['yêu cầu của (?:bạn|quý khách)', 'phiếu hỗ trợ của (?:bạn|quý khách)'],
    helpDeskUpdated: ['đã được cập nhật'],
  },
  dates: {
    // `thg 11`, `tháng 11`, `tháng mười một`; a header's `T11` is ICU's (header-date.ts).
    months: [
      ['tháng 1', 'thg 1', 'tháng một', 'tháng giêng'],
      ['tháng 2', 'thg 2', 'tháng hai'],
      ['tháng 3', 'thg 3', 'tháng ba'],
      ['tháng 4', 'thg 4', 'tháng tư'],
      ['tháng 5', 'thg 5', 'tháng năm'],
      ['tháng 6', 'thg 6', 'tháng sáu'],
      ['tháng 7', 'thg 7', 'tháng bảy'],
      ['tháng 8', 'thg 8', 'tháng tám'],
      ['tháng 9', 'thg 9', 'tháng chín'],
      ['tháng 10', 'thg 10', 'tháng mười'],
      ['tháng 11', 'thg 11', 'tháng mười một'],
      ['tháng 12', 'thg 12', 'tháng mười hai', 'tháng chạp'],
    ],
    weekdays: [
      ['thứ hai', 'thứ 2', 'th 2', 't2'],
      ['thứ ba', 'thứ 3', 'th 3', 't3'],
      ['thứ tư', 'thứ 4', 'th 4', 't4'],
      ['thứ năm', 'thứ 5', 'th 5', 't5'],
      ['thứ sáu', 'thứ 6', 'th 6', 't6'],
      ['thứ bảy', 'thứ 7', 'th 7', 't7'],
      ['chủ nhật', 'cn'],
    ],
  },
  identity: {
    caseLabels: ['phiếu hỗ trợ', 'phiếu yêu cầu', 'yêu cầu hỗ trợ', 'yêu cầu', 'phiếu', 'khiếu nại', 'ticket'],
    referenceLabels: ['mã tham chiếu', 'tham chiếu'],
    // `Mã đơn hàng`, `Số đơn hàng`, `Mã yêu cầu`: "code" and "number" come before the noun.
    numberWords: ['mã số', 'mã', 'số'],
    linkWords: [],
    copulas: ['là'],
    caseQualifiers: ['hoàn tiền', 'trả hàng', 'đổi trả', 'đổi hàng', 'bảo hành'],
    orderLabels: ['đơn hàng', 'đơn đặt hàng', 'đơn mua'],
    notCaseWords: [
      'ho[aá] đơn',
      'thanh toán',
      'giao dịch',
      'vận đơn',
      'vận chuyển',
      'theo dõi',
      'kiện hàng',
      'mã số thuế',
      'mst',
      'đơn hàng',
    ],
    notCaseStems: [],
    notCaseBeforeReference: ['hoàn tiền', 'khách hàng', 'tài khoản', 'thanh toán'],
    chatPhrases: ['trò chuyện trực tuyến', 'chat trực tuyến', 'nội dung (?:cuộc )?trò chuyện', 'lịch sử chat'],
    callPhrases: ['cuộc gọi', 'cuộc điện thoại', 'qua điện thoại'],
    webFormPhrases: ['biểu mẫu liên hệ', 'form liên hệ', 'mẫu liên hệ'],
    channelInvitations: ['vui lòng liên hệ', 'liên hệ với chúng tôi qua', 'gọi cho chúng tôi'],
    agentRoles: ['nhân viên', 'tư vấn viên', 'cskh'],
    customerRoles: ['bạn', 'khách hàng', 'quý khách'],
    botRoles: ['trợ lý ảo', 'bot', 'hệ thống'],
    teamWords: [
      'chăm sóc khách hàng',
      'cskh',
      'hỗ trợ',
      'bộ phận',
      'đội ngũ',
      'trung tâm',
      'công ty',
      'cửa hàng',
      'tnhh',
      'cổ phần',
      // What a shop's name says it sells: `Gia Dụng Tâm An`, `Thời Trang Mộc`, `Nhà Sách Cánh Diều` (a
      // person's name is capitalised syllables too).
      'shop',
      'gia dụng',
      'thời trang',
      'điện máy',
      'nhà sách',
      'mỹ phẩm',
      'nội thất',
      'siêu thị',
    ],
    teamStems: [],
    nameParticles: [],
    agentLabels: ['nhân viên xử lý', 'nhân viên hỗ trợ', 'người xử lý'],
    agentMentions: ['nhân viên của chúng tôi', 'tư vấn viên'],
    agentOfCompany: [],
    issueLabels: ['lý do', 'lý do trả hàng', 'vấn đề', 'mô tả', 'nội dung'],
    replyPrefixes: ['tl', 'trả lời', 're'],
    topicPrepositions: [],
    topicDeterminers: [],
  },
  resolution: {
    // `đã` before a verb, or the verb phrase `thành công` (successfully): never `sẽ`, `đang`, `chưa`.
    done: [
      // Not a bare `đã chuyển` / `đã hoàn trả`: goods are moved and returned too (`Bạn đã hoàn trả sản phẩm`).
      'đã được (?:xử lý|hoàn tất|thực hiện|chuyển khoản|hoàn(?: lại| trả)?|duyệt|phê duyệt|chấp thuận|ghi có)',
      'đã (?:xử lý|hoàn tất|thực hiện|chuyển khoản|duyệt|phê duyệt|chấp thuận)',
    ],
    approved: ['đã được (?:duyệt|phê duyệt|chấp thuận)', 'đã (?:duyệt|phê duyệt|chấp thuận)'],
    refundNouns: [
      // `trả hàng/hoàn tiền` names the marketplace's return process (goods back first), not the money.
      // A refund still to come is no object of an earlier done verb: `Đơn hàng đã hoàn tất, hoàn tiền sẽ …`.
      `(?<!hàng\\s?[/&-]\\s?|hàng và |hàng, )hoàn tiền(?!\\s(?:của ${YOU}\\s)?(?:sẽ|đang|chưa|dự kiến|chờ)\\b)`,
      'khoản (?:tiền )?hoàn(?: lại| trả)?',
      'tiền hoàn(?: lại| trả)?',
      'số tiền hoàn(?: lại| trả)?',
      'hoàn (?:lại|trả) tiền',
    ],
    requestNouns: ['yêu cầu', 'đề nghị'],
    refundedPhrases: [
      // `đã được hoàn tiền`, `đã hoàn lại tiền`, `Trạng thái: Đã hoàn tiền`.
      'đã (?:được )?hoàn (?:lại |trả )?tiền',
      // `Hoàn tiền thành công`; `yêu cầu hoàn tiền … thành công` is a request sent.
      '(?<!cầu\\s)hoàn tiền thành công',
      // `số tiền 250.000đ đã được hoàn lại vào tài khoản của bạn`.
      '(?:số|khoản) tiền\\b.{0,60}?\\bđã được (?:hoàn(?: lại| trả)?|chuyển|ghi có) (?:vào|về|cho)',
      // `Tiền đã được hoàn về tài khoản của bạn`; not `tiền hàng đã được chuyển cho người bán` (paid out to the seller).
      'tiền\\b.{0,40}?\\bđã được hoàn(?: lại| trả)? (?:vào|về|cho)',
      // The refund moved to the customer: `Khoản hoàn tiền … đã được chuyển vào tài khoản của bạn`.
      '(?:hoàn tiền|khoản hoàn|tiền hoàn)\\b.{0,80}?\\bđã được chuyển (?:vào|về|tới|đến) (?:tài khoản|thẻ|ví|ngân hàng)',
      // `Chúng tôi đã hoàn lại 420.000đ …`: an amount right after (a lookahead: `420.000đ` has no word edge).
      `(?:chúng tôi|bên em|shop|cửa hàng) đã (?:hoàn|hoàn lại|hoàn trả|chuyển(?: khoản)?)(?: lại)? (?:cho ${YOU} )?(?:số tiền|khoản tiền|(?=\\d))`,
    ],
    partialRefund: ['hoàn tiền một phần', 'hoàn (?:lại )?một phần', 'đã được hoàn (?:tiền |lại )?một phần'],
    partialShares: ['một nửa', 'phí vận chuyển', 'phí ship', 'phần chênh lệch', 'một phần'],
    // Not shop coins or reward points (`Xu`, `điểm thưởng`): `Bạn đã được cộng 200 Xu khi đánh giá` is a reward.
    storeCredit: ['phiếu quà tặng', 'thẻ quà tặng', 'phiếu mua hàng', 'voucher', 'số dư (?:tài khoản|ví)'],
    // Not `tặng` (given as a gift): `Bạn đã được tặng voucher 50.000đ cho đơn hàng tiếp theo` is marketing.
    creditIssued: ['đã được (?:cộng|phát hành|thêm|nạp|cấp)', 'đã (?:cộng|phát hành|thêm|nạp|cấp)'],
    // Not `đổi hàng` alone: `Yêu cầu đổi hàng đã được gửi` is a request sent.
    replacementNouns: ['sản phẩm thay thế', 'hàng thay thế', 'đổi (?:sản phẩm|hàng) mới'],
    shipped: ['đã được (?:gửi|giao cho đơn vị vận chuyển|gửi đi)', 'đã (?:gửi|giao cho đơn vị vận chuyển|gửi đi)'],
    futureDecisions: [
      '(?:chúng tôi|bên em|shop|cửa hàng) sẽ (?:hoàn|hoàn lại|hoàn trả)(?: tiền)?',
      '(?:chúng tôi|bên em|shop|cửa hàng) sẽ gửi (?:sản phẩm|hàng) (?:thay thế|mới)',
    ],
    pendingChecks: [
      'sau khi (?:kiểm tra|kiểm định|nhận được)',
      'sau khi (?:chúng tôi|bên em|kho|shop) nhận được',
      'khi (?:chúng tôi|kho|shop) nhận được',
    ],
    undone: ['không thành công', 'thất bại', 'bị ngân hàng từ chối', 'bị hoàn trả lại'],
    customerPaymentPlaces: [
      `tài khoản ngân hàng của ${YOU}`,
      `thẻ của ${YOU}`,
      `ví (?:điện tử )?của ${YOU}`,
      'ngân hàng',
    ],
    notYet: ['sẽ', 'đang', 'chưa', 'chờ', 'dự kiến'],
    conditions: ['ngay khi', 'sau khi', 'một khi', 'khi', 'với điều kiện'],
    weakConditions: ['nếu', 'trường hợp'],
    notYetDone: ['chưa'],
    contrasts: ['nhưng', 'tuy nhiên'],
    stillOpen: ['chưa', 'vẫn đang', '(?:cho )?đến khi'],
    tentative: ['có thể', 'xin đề xuất', 'đề xuất'],
    review: ['đang (?:được )?(?:xem xét|xử lý|kiểm tra)', 'đã được chuyển (?:đến|tới|cho) (?:bộ phận|người bán|shop)'],
    negations: ['không', 'chưa'],
    courtesies: ['theo yêu cầu của (?:bạn|quý khách)'],
    denialObjects: [
      'yêu cầu (?:hoàn tiền|trả hàng|đổi trả|bảo hành|khiếu nại)',
      'yêu cầu',
      'hoàn tiền',
      'khiếu nại',
      'bảo hành',
      'đổi trả',
      'trả hàng',
    ],
    denialVerbs: ['chấp nhận', 'chấp thuận', 'duyệt', 'phê duyệt'],
    refundVerbs: ['hoàn tiền', 'hoàn lại tiền'],
    denialModals: ['không thể', 'rất tiếc không thể', 'chưa thể'],
    denialLeads: ['từ chối', 'không đủ điều kiện(?: để)?', 'không đáp ứng điều kiện'],
    denialPassive: ['(?:đã )?bị từ chối', 'không được (?:chấp nhận|chấp thuận|duyệt|phê duyệt)'],
    denialPhrases: [],
    policyMarkers: ['chính sách', 'điều khoản', 'quy định'],
    restatementLabels: ['yêu cầu của (?:bạn|quý khách)', 'nội dung'],
    customerWrote: ['(?:bạn|quý khách) đã viết', 'theo (?:bạn|quý khách) trình bày'],
    firstPersonPossessives: ['của tôi', 'của mình', 'của em'],
    amountLabels: ['số tiền hoàn(?: lại| trả)?', 'tiền hoàn(?: lại)?', 'tổng tiền hoàn', 'số tiền được hoàn'],
    grandTotalLabels: ['tổng cộng', 'tổng thanh toán'],
    refundTransactionLabels: ['mã (?:giao dịch )?hoàn tiền', 'mã giao dịch hoàn'],
    transactionLabels: ['mã giao dịch', 'số giao dịch'],
    originalPaymentLabels: ['mã thanh toán', 'giao dịch gốc'],
  },
  conversation: {
    greetings: ['kính gửi', 'xin chào', 'chào'],
    thanks: ['cảm ơn', 'cám ơn', 'xin cảm ơn', 'chân thành cảm ơn'],
    apologies: ['xin lỗi', 'chúng tôi rất tiếc', 'rất tiếc', 'thành thật xin lỗi'],
    pleasantries: ['chúc (?:bạn|quý khách|anh chị)', 'trân trọng'],
    courtesyOffers: [
      'nếu (?:bạn|quý khách) có (?:bất kỳ )?(?:câu hỏi|thắc mắc)',
      'đừng ngần ngại',
      'luôn sẵn sàng hỗ trợ',
    ],
    conditionals: ['nếu', 'trường hợp', 'trong trường hợp'],
    promises: ['chúng tôi sẽ', 'bên em sẽ', 'shop sẽ', 'cửa hàng sẽ'],
    requests: [`(?:${YOU} )?vui lòng (?:gửi|cung cấp|phản hồi|trả lời|xác nhận|chụp|đóng gói|in)`],
    requestOpeners: ['vui lòng', 'xin vui lòng', 'hãy', 'đề nghị', 'mong (?:bạn|quý khách)'],
    notRequests: ['lưu ý', 'không', 'bỏ qua', 'kiểm tra email'],
    doNotAct: ['không trả lời', 'không phản hồi'],
    negations: ['không', 'chưa'],
    never: ['không bao giờ'],
    we: ['chúng tôi', 'bên em', 'chúng em', 'shop'],
    future: ['sẽ'],
    customerRequests: ['tôi muốn', 'tôi yêu cầu', 'mình muốn', 'em muốn'],
    news: ['hoàn tiền', 'hoàn lại', 'từ chối', 'thay thế', 'phiếu quà tặng', 'voucher', 'đã được duyệt', 'đã gửi'],
    within: ['trong vòng', 'trong'],
    by: ['trước ngày', 'chậm nhất (?:là )?(?:vào )?ngày', 'hạn chót'],
    rangeJoiners: ['đến'],
    periodFillers: [],
    dateJoiners: [],
    units: {
      hours: ['giờ', 'tiếng'],
      businessDays: ['ngày làm việc'],
      days: ['ngày'],
      weeks: ['tuần'],
    },
    numbers: {
      1: ['một'],
      2: ['hai'],
      3: ['ba'],
      5: ['năm'],
      7: ['bảy'],
      10: ['mười'],
    },
    hedges: ['thường', 'có thể', 'tùy', 'tuỳ', 'dự kiến'],
    // Not `gửi` (`Gửi anh Minh,` greets) nor `in` (English).
    imperatives: ['đóng gói', 'cung cấp'],
    tomorrow: ['ngày mai'],
    on: ['vào ngày', 'vào'],
    problems: ['bị hỏng', 'bị vỡ', 'không hoạt động', 'sai sản phẩm', 'thiếu hàng', 'chưa nhận được', 'lỗi'],
    numericDateOrder: 'day-first',
  },
  boilerplate: {
    phrases: {
      noReply: [
        '(?:email|thư) (?:này )?(?:được gửi )?tự động',
        'vui lòng không (?:trả lời|phản hồi)',
        '(?:xin )?đừng trả lời',
      ],
      security: ['không bao giờ yêu cầu (?:bạn|quý khách) (?:cung cấp )?(?:mật khẩu|mã otp)', 'lừa đảo'],
      legal: [
        // A returns-policy line under an order: general terms, never this case's news.
        'chính sách (?:đổi trả|hoàn tiền|trả hàng|bảo hành)\\s?:',
        'bản quyền',
        'giấy chứng nhận đăng ký doanh nghiệp',
        'mã số doanh nghiệp',
        'mã số thuế',
      ],
      privacy: ['chính sách (?:bảo mật|quyền riêng tư)', 'dữ liệu cá nhân'],
      unsubscribe: ['hủy đăng ký', 'huỷ đăng ký', '(?:bạn|quý khách) nhận được email này vì'],
      survey: ['đánh giá trải nghiệm', 'khảo sát', 'đánh giá dịch vụ'],
      marketing: ['ưu đãi', 'khuyến mãi', 'tải ứng dụng', 'mua ngay', 'theo dõi chúng tôi'],
      tracking: ['theo dõi đơn hàng', 'theo dõi kiện hàng'],
      preheader: ['xem trên trình duyệt', 'xem phiên bản web'],
    },
    labels: {
      privacy: ['chính sách bảo mật', 'quyền riêng tư'],
      unsubscribe: ['hủy đăng ký', 'huỷ đăng ký'],
      tracking: ['đơn hàng của tôi', 'tài khoản', 'trung tâm trợ giúp', 'liên hệ'],
    },
    matter: ['hoàn tiền', 'hoàn lại', 'trả hàng', 'đổi hàng', 'thay thế', 'phiếu quà tặng', 'voucher'],
  },
};
