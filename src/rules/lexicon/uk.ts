import type { Lexicon } from './types.js';

/**
 * Ukrainian. The forms Ukrainian shares with Russian mail, and the first Ukrainian refund, case and
 * header words (`повернення коштів`, `звернення`, `Від:`/`Надіслано:`), stay in `ru.ts`, where they were
 * written beside their Russian twins; the rules join every lexicon, so they are read for Ukrainian mail
 * all the same and are not repeated here. This file holds the dates and periods, which are per language,
 * and the wording of Ukrainian shops, marketplaces, payment providers and help desks that `ru.ts` lacks:
 * `опрацьовано`, `здійснили повернення коштів`, `ваучер`, `у поверненні відмовлено`, `тікет`, verb-first
 * requests (`Надайте, будь ласка, …`). Apostrophes come as `ʼ`, `'` and `’`.
 */
export const uk: Lexicon = {
  code: 'uk',
  // Section owners: see types.ts. Outlook's and Gmail's Ukrainian labels are in ru.ts and in
  // ingest/forward-header-block.ts.
  headers: {
    from: [],
    date: [],
    to: [],
    cc: [],
    subject: [],
    replyTo: [],
    other: [],
    forwardSeparators: [],
    forwardPrefixes: [],
  },
  text: {
    attributionOpeners: [],
    attributionVerbs: [],
    originalMessage: [],
    signOffs: ['всього найкращого', 'на все добре', 'щиро ваш\\p{L}{0,2}'],
    mobileSignatures: ['відправлено (?:з|із) .{1,40}'],
    replyAbove: ['над цим рядком'],
    helpDeskRequest: [],
    helpDeskUpdated: ['було оновлено'],
  },
  dates: {
    // Genitive (a date: `30 листопада`), nominative, Gmail's abbreviations (`лист.`).
    months: [
      ['січня', 'січень', 'січ'],
      ['лютого', 'лютий', 'лют'],
      ['березня', 'березень', 'бер'],
      ['квітня', 'квітень', 'квіт'],
      ['травня', 'травень', 'трав'],
      ['червня', 'червень', 'черв'],
      ['липня', 'липень', 'лип'],
      ['серпня', 'серпень', 'серп'],
      ['вересня', 'вересень', 'вер'],
      ['жовтня', 'жовтень', 'жовт'],
      ['листопада', 'листопад', 'лист'],
      ['грудня', 'грудень', 'груд'],
    ],
    // Nominative, the accusative after `у`/`в` (`у пʼятницю`) and the genitive after `до` (`до понеділка`).
    weekdays: [
      ['понеділок', 'понеділка', 'пн'],
      ['вівторок', 'вівторка', 'вт'],
      ['середа', 'середу', 'середи', 'ср'],
      ['четвер', 'четверга', 'чт'],
      [
        'пʼятниця',
        'пʼятницю',
        'пʼятниці',
        "п'ятниця",
        "п'ятницю",
        "п'ятниці",
        'п’ятниця',
        'п’ятницю',
        'п’ятниці',
        'пт',
      ],
      ['субота', 'суботу', 'суботи', 'сб'],
      ['неділя', 'неділю', 'неділі', 'нд'],
    ],
  },
  identity: {
    // `звернення`, `заявка`, `запит` are in ru.ts.
    caseLabels: ['тікет(?:у|а|і|ом)?', 'код повернення'],
    referenceLabels: [],
    numberWords: [],
    linkWords: [],
    copulas: [],
    caseQualifiers: [],
    // `Ваше повернення ПВ-44120`: a return's own code.
    returnNouns: ['повернення'],
    orderLabels: [],
    notCaseWords: [
      'ттн',
      'експрес-накладн\\p{L}{1,2}',
      'посилк\\p{L}',
      'квитанці\\p{L}',
      'фіскальн\\p{L}{2} чек\\p{L}{0,2}',
    ],
    notCaseStems: [],
    notCaseBeforeReference: [],
    chatPhrases: [],
    callPhrases: [],
    webFormPhrases: [],
    channelInvitations: ['зв’яжіться з нами', "зв'яжіться з нами"],
    agentRoles: [],
    customerRoles: [],
    botRoles: [],
    // Words shops name themselves with, so `Світ Техніки` or `Кавова Лавка` is no person.
    teamWords: ['світ', 'техніки', 'лавка', 'крамниця', 'дім', 'хаб'],
    teamStems: [],
    nameParticles: [],
    agentLabels: [],
    agentMentions: [],
    agentOfCompany: [],
    issueLabels: ['тема звернення', 'причина повернення'],
    replyPrefixes: [],
    topicPrepositions: [],
    topicDeterminers: [],
  },
  resolution: {
    // `оброблено`/`опрацьовано` only with the refund as their subject (refundedPhrases): after a request
    // (`Ваш запит оброблено, повернення коштів очікує …`) they say the request was handled, not the money.
    done: ['відправлен[оіа]? на (?:вашу |ваш )?(?:банківську )?(?:картку|рахунок)'],
    approved: [],
    // The locative a refusal puts it in: `у поверненні коштів відмовлено`.
    refundNouns: ['поверненн(?:і|ям) (?:коштів|грошей|оплати|платежу|вартості)'],
    requestNouns: [],
    refundedPhrases: [
      '(?:ми )?(?:вже )?(?:здійснили|провели|опрацювали|обробили|виконали) (?:часткове |повне )?повернення (?:коштів|грошей|оплати|платежу)',
      // The refund processed: `Ваше повернення коштів оброблено`, `Повернення коштів за замовленням опрацьовано`;
      // not a request's (`Заявку на повернення коштів оброблено`), nor a promise (`буде оброблено`).
      '(?<!(?:на|щодо) )(?:повернення (?:коштів|грошей|оплати)|відшкодування) (?:(?!(?:буде|будуть|не|ще)\\s)\\p{L}{2,20} ){0,3}?(?:успішно )?(?:оброблено|опрацьовано)',
      // The shop left unnamed: `Гроші вже повернули на картку`, `Кошти вам зарахували на рахунок`.
      '(?<!не )(?:кошти|гроші) (?:вам |Вам )?(?:вже )?(?:повернули|перерахували|зарахували) (?:вам |Вам )?на (?:вашу |ваш )?(?:картку|карту|рахунок)',
      // `Сума 450 грн повернута на вашу картку`.
      'сум(?:а|у) \\d[\\d\\s,.]{0,12}(?:грн|₴|uah)\\.? (?:повернут|повернен|зарахован|перерахован)\\p{L}{0,2} на',
    ],
    partialRefund: ['частков\\p{L}{1,3} відшкодуванн\\p{L}', 'частково відшкодован\\p{L}{0,2}'],
    partialShares: ['вартості доставки', 'за од(?:ин|ну) (?:з|із) (?:товарів|позицій)'],
    storeCredit: ['ваучер\\p{L}{0,2}', 'подарунков\\p{L}{2,3} карт\\p{L}{1,2}'],
    creditIssued: ['видали', 'створили', 'створено', 'надіслано', 'згенерован\\p{L}{0,2}', 'активован\\p{L}{0,2}'],
    // `новий електрочайник на заміну`: any product named between.
    replacementNouns: ['нов\\p{L}{2,3} [\\p{L}-]{2,24} на заміну'],
    shipped: [],
    futureDecisions: ['(?:ми )?(?:перерахуємо|відшкодуємо) (?:вам|Вам)\\b.{0,20}?\\b(?:кошти|гроші|вартість|\\d)'],
    undone: ['не вдалося', 'не пройш(?:ов|ла)', '(?:відхилен|повернут)\\p{L}{0,2} (?:вашим )?банком'],
    pendingChecks: ['після (?:експертизи|тестування|повернення товару)'],
    notYet: ['в процесі'],
    conditions: ['після того,? як', 'тільки-но', 'одразу після'],
    weakConditions: ['у разі', 'в разі'],
    stillOpen: [],
    tentative: ['готові запропонувати', 'можемо (?:вам )?запропонувати', 'можете обрати'],
    review: [
      'обробля\\p{L}{1,5}',
      'опрацьову\\p{L}{1,5}',
      'на опрацюванні',
      'в роботі',
      'прийнят\\p{L}{0,2} в роботу',
      'розглянемо',
    ],
    negations: [],
    courtesies: ['інформуємо,? що', 'на ваше прохання', 'відповідно до вашого запиту'],
    denialObjects: ['поверненні', 'скарг\\p{L}', 'гарантійн\\p{L}{2,3} (?:ремонт|обслуговуванн)\\p{L}{0,2}'],
    denialVerbs: ['погодити'],
    refundVerbs: ['повернути (?:вам|Вам) (?:кошти|гроші|вартість)'],
    denialModals: ['не в змозі', 'не маємо змоги'],
    // The object right after `у`: `відмовляємо у наданні знижки, але повернення …` refuses the discount.
    denialLeads: ['(?:змушені відмовити|відмовляємо|відмовлено)(?: вам| Вам)? у (?=поверненн|задоволенн|обмін|замін)'],
    denialPassive: ['не може бути (?:задоволен|схвален|прийнят)\\p{L}{0,2}', 'не підляга\\p{L}{1,3} задоволенню'],
    denialPhrases: [],
    policyMarkers: ['захист прав споживачів', 'публічн\\p{L}{2} оферт\\p{L}'],
    restatementLabels: [],
    customerWrote: ['(?:згідно з|за) вашим листом', 'ви повідомили'],
    firstPersonPossessives: ['мою', 'моїм', 'моєму', 'моїй'],
    amountLabels: ['сума до повернення', 'сума відшкодування', 'повернена сума'],
    refundTransactionLabels: [],
    transactionLabels: [],
    originalPaymentLabels: [],
  },
  conversation: {
    greetings: ['добрий вечір', 'доброго ранку', 'вітаю'],
    thanks: ['щиро дякуємо(?: за)?', 'дякуємо вам за'],
    apologies: ['приносимо (?:свої )?вибачення', 'нам прикро', 'шкодуємо'],
    pleasantries: ['гарного вечора', 'бажаємо (?:вам )?(?:гарного|приємного)', 'на все добре', 'всього найкращого'],
    courtesyOffers: ['якщо (?:у вас )?виникнуть (?:додаткові )?(?:питання|запитання)', 'з радістю допоможемо'],
    // A promise after `Купуйте більше — і ми …` is an offer that waits for a purchase.
    conditionals: ['в разі', 'купуйте', 'замовляйте'],
    promises: ['ми зв’яжемося', 'ми надамо', 'ми опрацюємо', 'ми оформимо', 'ми відправимо', 'ми зателефонуємо'],
    requests: [
      // The verb before the `please`: `Надайте, будь ласка, фото упаковки`.
      '(?:надішліть|надайте|вкажіть|повідомте|додайте|заповніть|підтвердіть|завантажте|прикріпіть|відповідайте|дайте відповідь),? будь ласка',
      'будь ласка,? (?:надайте|підтвердіть|завантажте|прикріпіть|дайте відповідь|відповідайте|оберіть|поверніть|відправте)',
      'чи (?:могли б|можете) ви',
      'просимо (?:вас )?(?:надіслати|надати|вказати|повідомити|додати|заповнити|підтвердити)',
    ],
    requestOpeners: [],
    notRequests: ['зверніть'],
    doNotAct: [],
    negations: [],
    never: [],
    we: [],
    future: [],
    customerRequests: ['вимагаю'],
    news: [
      'повернено',
      'повернув\\p{L}{0,2}',
      'відмовлен\\p{L}{0,2}',
      'відшкодован\\p{L}{0,3}',
      'схвален\\p{L}{0,3}',
      'ваучер\\p{L}{0,3}',
    ],
    within: ['протягом', 'впродовж', 'упродовж'],
    by: [],
    rangeJoiners: [],
    periodFillers: [],
    dateJoiners: [],
    units: {
      hours: [],
      businessDays: [],
      days: ['доб(?:и|у)', 'діб'],
      weeks: [],
    },
    numbers: {
      4: ['чотири', 'чотирьох'],
      6: ['шість', 'шести'],
    },
    // `повернення можливе лише протягом 14 днів`: what is possible is policy.
    hedges: ['орієнтовно', 'приблизно', 'можлив\\p{L}{1,2}'],
    imperatives: ['відправте', 'поверніть', 'надайте', 'вкажіть', 'заповніть', 'завантажте', 'прикріпіть', 'додайте'],
    linkImperatives: ['оберіть', 'перейдіть'],
    tomorrow: [],
    on: [],
    problems: ['не відповідає опису', 'дефект\\p{L}{0,2}', 'розбит\\p{L}{0,2}', 'не вмикається'],
    numericDateOrder: 'day-first',
  },
  boilerplate: {
    phrases: {
      noReply: [
        'лист(?:а)? не (?:потребує|вимагає) відповіді',
        'ця адреса не (?:приймає|обробляє) (?:вхідн\\p{L}{1,2} )?(?:листи|повідомлення)',
      ],
      security: ['ніколи не вимагаємо'],
      legal: [],
      privacy: [],
      unsubscribe: ['відмовитися від розсилки'],
      survey: ['залиште відгук'],
      marketing: ['знижк\\p{L} \\d{1,2}\\s?%'],
      tracking: ['відстежити (?:відправлення|доставку)'],
      preheader: [],
    },
    labels: {},
    matter: ['відшкодуванн\\p{L}', 'ваучер\\p{L}{0,2}'],
  },
};
