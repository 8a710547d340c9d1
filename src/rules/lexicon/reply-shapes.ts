import type { Words } from './types.js';

/**
 * Reply shapes of languages that have no full lexicon: customers write to a merchant from a Swedish
 * Outlook, a Czech Seznam or a Japanese iPhone, and their mail client prints its quote header, its
 * header labels and its signature line in its own language even when the rules cannot read the prose.
 * Read only by `rules/message-text.ts`, beside the full lexicons' `text` and `headers` sections.
 *
 * Entries follow the lexicon rules (types.ts): regular-expression alternatives, matched
 * case-insensitively with the `u` flag, bounded, no capturing groups.
 */
export interface ReplyShapeWords {
  /** ISO 639-1 code, for the reader. */
  language: string;
  /** What opens an attribution before its date: `Dne`, `Den`, `På`. */
  attributionOpeners: Words;
  /** The verb that ends one, as a word: `napsal\(a\)`, `skrev`, `kirjoitti`, `написал`. */
  attributionVerbs: Words;
  /**
   * The verb of a language written without spaces, glued to the name or the address before the colon:
   * `<cs@example.kr>님이 작성:`, `Alice <a@example.cn> 于 … 写道：`.
   */
  attributionSuffixes: Words;
  /** The separator words between dashes: `Původní e-mail`, `原始邮件`, `Исходное сообщение`. */
  originalMessage: Words;
  /** Quoted header-block labels, as in `HeaderWords`. */
  from: Words;
  date: Words;
  to: Words;
  cc: Words;
  subject: Words;
  /** Closing lines, as in `TextWords.signOffs`. */
  signOffs: Words;
  /** A mail app's own signature line, as in `TextWords.mobileSignatures`. */
  mobileSignatures: Words;
  /**
   * The writer speaking of themselves in a language written without spaces, found anywhere in a line
   * (`我`, `私`, `제가`): such a line is prose (`我在11月25日写道：`), never an attribution without an address.
   */
  gluedFirstPerson?: Words;
  /**
   * Read by `rules/summary.ts`: courtesy phrases of a language written without spaces, found anywhere
   * in a sentence (`ありがとうございます`, `感谢您`, `감사합니다`): such a sentence is no summary.
   */
  courtesyPhrases?: Words;
  /**
   * What opens a reply header that names no writer, before the quoted message's date: `In reply to your
   * message of`, `En réponse à votre message du`, `Als Antwort auf Ihre Nachricht vom`. The header ends
   * with a colon after a date: `In reply to your message of 12 November 2023:`.
   */
  replyHeadOpeners?: Words;
  /** What opens webmail's quote header that names the writer by address: `Quoting Alice <a@example.net>:` (Horde). */
  quotingOpeners?: Words;
  /**
   * Words of a team's closing line that are not capitalised in it (`El equipo de Atención al Cliente de
   * Hogarnova`, `Il team Assistenza Clienti`, `L'équipe du Service client`): the team nouns (matched
   * inside a word too: `Kundenservice-Team`) and the little words around them.
   */
  teamNouns?: Words;
  teamLineLinks?: Words;
  /** The verb a phone signature ends on, before its full stop: `Von meinem Samsung Galaxy Smartphone gesendet.` */
  mobileSignatureVerbs?: Words;
  /**
   * What a mail app's own tagline may end on before its full stop, beside the lexicons' devices:
   * `Sent with Tutanota, the secure & ad-free mailbox.`
   */
  mobileProducts?: Words;
  /** What follows a signing name in a language written without capitals: `김민수 드림`, `王芳 敬上`. */
  nameSuffixes?: Words;
  /** Subject prefixes its clients write on a forward, for a language without a lexicon: Finnish `VL`. */
  forwardPrefixes?: Words;
  /**
   * Subject prefixes its clients write on a reply that another language's clients write on a forward:
   * Finnish Outlook answers with `VS:` (vastaus), Danish and Norwegian Outlook forward with it (videresend).
   */
  replyPrefixes?: Words;
}

/** A language with nothing of a kind: the lists every shape must have, empty. */
const NONE: Omit<ReplyShapeWords, 'language'> = {
  attributionOpeners: [],
  attributionVerbs: [],
  attributionSuffixes: [],
  originalMessage: [],
  from: [],
  date: [],
  to: [],
  cc: [],
  subject: [],
  signOffs: [],
  mobileSignatures: [],
};

/*
 * Languages with a full lexicon (lexicon/en.ts …) have here only the shapes their lexicon does not tell
 * (other helpers own those files): reply headers without a writer, and team closing lines.
 */
const en: ReplyShapeWords = {
  ...NONE,
  language: 'en',
  // QQ Mail's English separator: `------------------ Original ------------------`.
  originalMessage: ['original'],
  mobileSignatures: [
    'sent (?:from|with|using|via) (?:spark|airmail|zoho mail|fastmail|proton ?mail|blue ?mail|edison mail|newton mail|spike|canary mail)(?: (?:for|on) .{1,20}| mobile)?',
    'sent from the all new aol app(?: for .{1,20})?',
    // Privacy mail and mail apps that sign in a sentence of their own.
    'sent with tuta(?:nota)?(?:,? .{1,60})?',
    'sent (?:via|from|with) (?:superhuman|hey|hey\\.com)',
    'sent from (?:my )?mobile',
    // Russian and other webmail apps that sign in English: `Sent from Mail.ru app for Android`, `Sent from Yandex Mail`.
    'sent from (?:the )?(?:mail\\.ru|yandex(?: ?mail)?|yandex\\.mail)(?: (?:app|mobile))?(?: (?:for|on) .{1,20})?',
    'get (?:blue ?mail|spark|edison mail|yahoo mail|aol) for .{1,20}',
  ],
  mobileProducts: ['mailbox', 'mail app', 'email app'],
  quotingOpeners: ['quoting'],
  replyHeadOpeners: [
    'in (?:reply|response|answer) to (?:your|the|my) (?:message|e-?mail|mail|letter|ticket|request)(?: (?:of|from|dated|sent|on))?',
  ],
  teamNouns: ['team', 'support', 'care', 'service', 'help ?desk', 'department'],
  teamLineLinks: ['the', 'your', 'our', 'of', 'at', 'for', 'from', 'and', '&'],
};

const de: ReplyShapeWords = {
  ...NONE,
  language: 'de',
  mobileSignatures: [
    'gesendet mit (?:spark|airmail|blue ?mail|der (?:gmx|web\\.de|1&1|t-online) mail app)',
    'von meinem .{1,40} gesendet\\.?',
    'diese nachricht wurde von meinem .{1,50} gesendet\\.?',
    // `Von Yahoo Mail auf Android gesendet`, `Von Outlook für iOS gesendet`: the app, its platform, the verb.
    'von (?:yahoo mail|aol|gmail|gmx mail|web\\.de mail|blue ?mail)(?: (?:auf|für) .{1,20})? gesendet',
  ],
  mobileSignatureVerbs: ['gesendet'],
  quotingOpeners: ['zitat von'],
  originalMessage: ['antwort nachricht'],
  replyHeadOpeners: [
    '(?:als |in )?antwort auf (?:ihre|deine|eure|meine|die) (?:nachricht|e-?mail|mail|anfrage)(?: (?:vom|von|am))?',
  ],
  teamNouns: ['team', 'kunden', 'service', 'support', 'abteilung'],
  teamLineLinks: ['ihr', 'dein', 'euer', 'das', 'der', 'von', 'vom', 'und', 'im', 'bei'],
};

const fr: ReplyShapeWords = {
  ...NONE,
  language: 'fr',
  mobileSignatures: [
    'envoyé avec (?:spark|airmail|blue ?mail)',
    // `Envoyé de Outlook pour iOS`, `Envoyé de Yahoo Mail pour iPhone`: the app itself, not `mon …`.
    'envoyé (?:de|par|via) (?:outlook|yahoo mail|gmail|blue ?mail|aol|mail pour windows)(?: (?:pour|sur) .{1,20})?',
  ],
  quotingOpeners: ['citation de', 'citation'],
  replyHeadOpeners: [
    'en réponse (?:à|a) (?:votre|ton|mon|ce) (?:message|e-?mail|mail|courriel)(?: (?:du|de|daté du|envoyé le))?',
  ],
  teamNouns: ['équipe', 'service', 'client', 'clientèle', 'support', 'sav'],
  teamLineLinks: ["l['’]", "d['’]", 'le', 'la', 'les', 'du', 'de', 'des', 'votre', 'au', 'et'],
};

const es: ReplyShapeWords = {
  ...NONE,
  language: 'es',
  mobileSignatures: ['enviado con (?:spark|airmail|blue ?mail)'],
  quotingOpeners: ['citando a', 'citando'],
  replyHeadOpeners: ['en respuesta a (?:su|tu|mi) (?:mensaje|correo|e-?mail|consulta)(?: (?:del|de|con fecha))?'],
  teamNouns: ['equipo', 'atención', 'servicio', 'cliente', 'soporte', 'departamento'],
  teamLineLinks: ['el', 'la', 'los', 'su', 'de', 'del', 'al', 'a', 'y'],
};

const it: ReplyShapeWords = {
  ...NONE,
  language: 'it',
  mobileSignatures: ['inviato con (?:spark|airmail|blue ?mail)'],
  quotingOpeners: ['citazione di', 'citando'],
  replyHeadOpeners: [
    'in risposta al (?:suo|tuo|vostro|mio) (?:messaggio|e-?mail|mail)(?: (?:del|di|in data))?',
    'in risposta alla (?:sua|tua|vostra|mia) (?:e-?mail|mail|richiesta)(?: (?:del|di|in data))?',
  ],
  teamNouns: ['team', 'servizio', 'assistenza', 'clienti', 'ufficio', 'staff'],
  teamLineLinks: ['il', 'lo', "l['’]", 'la', 'di', 'del', 'della', 'dello', 'da', 'per', 'e'],
};

const nl: ReplyShapeWords = {
  ...NONE,
  language: 'nl',
  mobileSignatures: [
    'verzonden met (?:spark|airmail|blue ?mail)',
    // `Verzonden vanuit Outlook voor iOS`, `Verzonden vanuit Yahoo Mail voor Android`.
    'verzonden vanuit (?:outlook|yahoo mail|mail|gmail)(?: voor .{1,20})?',
  ],
  mobileSignatureVerbs: ['verzonden', 'verstuurd'],
  quotingOpeners: ['citaat van', 'citeren'],
  replyHeadOpeners: ['in antwoord op (?:uw|je|jouw|mijn) (?:bericht|e-?mail|mail)(?: (?:van|d.?d.?))?'],
  teamNouns: ['team', 'klanten', 'service', 'afdeling'],
  teamLineLinks: ['het', 'de', 'van', 'uw', 'je', 'en'],
};

const pl: ReplyShapeWords = {
  ...NONE,
  language: 'pl',
  quotingOpeners: ['cytat od', 'cytowanie'],
  replyHeadOpeners: [
    'w odpowiedzi na (?:(?:pana|pani|twoją|państwa|moją) )?(?:wiadomość|e-?mail|maila)(?: (?:z dnia|z|od))?',
  ],
  teamNouns: ['zespół', 'dział', 'obsług', 'biuro'],
  teamLineLinks: ['z', 'ze', 'i', 'w'],
};

const pt: ReplyShapeWords = {
  ...NONE,
  language: 'pt',
  quotingOpeners: ['citando'],
  replyHeadOpeners: [
    'em resposta (?:à|a) (?:sua|tua|minha) (?:mensagem|e-?mail|mensagem de e-?mail)(?: (?:de|do dia|datada de))?',
  ],
  teamNouns: ['equipa', 'equipe', 'apoio', 'atendimento', 'suporte', 'serviço', 'cliente'],
  teamLineLinks: ['a', 'o', 'os', 'as', 'de', 'do', 'da', 'dos', 'ao', 'à', 'e', 'sua'],
};

const sv: ReplyShapeWords = {
  language: 'sv',
  teamNouns: ['kundtjänst', 'kundservice', 'team', 'support'],
  teamLineLinks: ['på', 'för', 'och', 'hos'],
  attributionOpeners: ['den'],
  attributionVerbs: ['skrev'],
  attributionSuffixes: [],
  originalMessage: ['ursprungligt meddelande', 'originalmeddelande', 'vidarebefordrat meddelande'],
  from: ['från'],
  date: ['skickat', 'datum'],
  to: ['till'],
  cc: ['kopia'],
  subject: ['ämne'],
  signOffs: [
    'med vänliga hälsningar',
    'vänliga hälsningar',
    'vänlig hälsning',
    'bästa hälsningar',
    'hälsningar',
    'mvh',
  ],
  mobileSignatures: [
    'skickat från min .{1,40}',
    'skickat från (?:outlook|e-post|mail).{0,40}',
    'hämta outlook för .{1,20}',
  ],
};

const da: ReplyShapeWords = {
  language: 'da',
  teamNouns: ['kundeservice', 'team', 'support'],
  teamLineLinks: ['hos', 'for', 'og', 'i'],
  attributionOpeners: ['den'],
  attributionVerbs: ['skrev'],
  attributionSuffixes: [],
  originalMessage: ['oprindelig meddelelse', 'oprindelig besked', 'videresendt meddelelse'],
  from: ['fra'],
  date: ['sendt', 'dato'],
  to: ['til'],
  cc: ['cc'],
  subject: ['emne'],
  signOffs: [
    'med venlig hilsen',
    'venlig hilsen',
    'de bedste hilsner',
    'bedste hilsner',
    'kærlig hilsen',
    'hilsen',
    'mvh',
  ],
  mobileSignatures: ['sendt fra min .{1,40}', 'sendt fra (?:outlook|mail).{0,40}', 'hent outlook til .{1,20}'],
};

const nb: ReplyShapeWords = {
  language: 'nb',
  teamNouns: ['kundeservice', 'kundesenter', 'team', 'support'],
  teamLineLinks: ['hos', 'for', 'og', 'i'],
  attributionOpeners: ['den', 'på'],
  attributionVerbs: ['skrev'],
  attributionSuffixes: [],
  originalMessage: ['opprinnelig melding', 'videresendt melding'],
  from: ['fra'],
  date: ['sendt', 'dato'],
  to: ['til'],
  cc: ['kopi'],
  subject: ['emne'],
  signOffs: ['med vennlig hilsen', 'vennlig hilsen', 'beste hilsen', 'hilsen', 'mvh'],
  mobileSignatures: ['sendt fra min .{1,40}', 'sendt fra (?:outlook|e-post).{0,40}', 'få outlook for .{1,20}'],
};

const fi: ReplyShapeWords = {
  language: 'fi',
  forwardPrefixes: ['vl'],
  replyPrefixes: ['vs'],
  teamNouns: ['asiakaspalvelu', 'tiimi', 'tuki'],
  attributionOpeners: [],
  attributionVerbs: ['kirjoitti'],
  attributionSuffixes: [],
  originalMessage: ['alkuperäinen viesti', 'välitetty viesti(?: alkaa)?'],
  from: ['lähettäjä'],
  date: ['lähetetty', 'päivämäärä'],
  to: ['vastaanottaja'],
  cc: ['kopio'],
  subject: ['aihe'],
  signOffs: ['ystävällisin terveisin', 'parhain terveisin', 'terveisin', 'kiittäen', 'ystävällisesti'],
  mobileSignatures: [
    'lähetetty (?:iphonesta|ipadista|android-laitteesta|outlookista|mobiililaitteesta).{0,30}',
    'hanki outlook (?:for|-sovellus) .{1,20}',
  ],
};

const cs: ReplyShapeWords = {
  language: 'cs',
  teamNouns: ['zákaznick', 'podpora', 'tým', 'oddělení'],
  teamLineLinks: ['a', 'pro', 've'],
  attributionOpeners: ['dne'],
  attributionVerbs: ['napsal\\(a\\)', 'napsala', 'napsal'],
  attributionSuffixes: [],
  originalMessage: ['původní e-mail', 'původní zpráva', 'přeposlaná zpráva', 'začátek přeposílané zprávy'],
  from: ['od'],
  date: ['odesláno', 'datum'],
  to: ['komu'],
  cc: ['kopie'],
  subject: ['předmět'],
  signOffs: ['s pozdravem', 's přátelským pozdravem', 's úctou', 'se srdečným pozdravem'],
  mobileSignatures: ['odesláno z (?:mého )?(?:iphonu|ipadu|telefonu|mobilu|outlooku).{0,30}'],
};

const ru: ReplyShapeWords = {
  language: 'ru',
  teamNouns: ['служба', 'поддержк', 'команда', 'отдел', 'сервис'],
  teamLineLinks: ['и', 'по', 'с'],
  attributionOpeners: [],
  attributionVerbs: ['написал\\(а\\)', 'написала', 'написал', 'пишет'],
  attributionSuffixes: [],
  originalMessage: ['исходное сообщение', 'пересылаемое сообщение', 'оригинальное сообщение'],
  from: ['от'],
  date: ['отправлено', 'дата'],
  to: ['кому'],
  cc: ['копия'],
  subject: ['тема'],
  signOffs: ['с уважением', 'с наилучшими пожеланиями', 'всего доброго', 'всего хорошего', 'заранее спасибо'],
  mobileSignatures: [
    'отправлено (?:с|из) (?:моего )?(?:iphone|ipad|мобильн|android|яндекс|почты|mail\\.ru).{0,40}',
    'отправлено из мобильной .{1,40}',
    // Outlook's own line: `Получить Outlook для Android`, `Загрузите Outlook для iOS`.
    '(?:получить|загрузите|скачать) outlook для .{1,20}',
  ],
};

const uk: ReplyShapeWords = {
  language: 'uk',
  attributionOpeners: [],
  attributionVerbs: ['написав\\(ла\\)', 'написала', 'написав', 'пише'],
  attributionSuffixes: [],
  originalMessage: [
    'оригінальне повідомлення',
    'вихідне повідомлення',
    'пересланий лист',
    'початок листа, що пересилається',
  ],
  from: ['від'],
  date: ['надіслано', 'дата'],
  to: ['кому'],
  cc: ['копія'],
  subject: ['тема'],
  signOffs: ['з повагою', 'з найкращими побажаннями', 'щиро дякую'],
  mobileSignatures: ['надіслано з (?:мого )?(?:iphone|ipad|android|мобільного|пошти).{0,30}'],
};

const ja: ReplyShapeWords = {
  language: 'ja',
  nameSuffixes: ['拝'],
  teamNouns: ['サポート', 'カスタマー', 'センター', 'チーム', '窓口', '株式会社', '部', '課', '係', '店'],
  attributionOpeners: [],
  attributionVerbs: [],
  // Apple Mail's `のメール` only right after an address: `… <support@shop.example>のメール:`.
  attributionSuffixes: ['>\\s?のメッセージ', '>\\s?のメール', 'さんは書きました', 'は書きました', 'が書きました'],
  gluedFirstPerson: ['私', 'わたし', '僕', '弊社'],
  originalMessage: ['元のメッセージ', '転送されたメッセージ'],
  from: ['差出人', '送信者'],
  date: ['送信日時', '日付', '送信日'],
  to: ['宛先', '受信者'],
  cc: ['cc'],
  subject: ['件名'],
  signOffs: [
    'よろしくお願いいたします',
    'よろしくお願い致します',
    'よろしくお願いします',
    '宜しくお願い致します',
    '宜しくお願いします',
  ],
  mobileSignatures: ['.{1,20}から送信', 'outlook for .{1,10} を入手', '.{1,10}版 ?outlook ?を入手'],
  courtesyPhrases: [
    'ありがとうございます',
    'ありがとうございました',
    'お世話になっております',
    'お世話になります',
    'よろしくお願い',
    '宜しくお願い',
    'ご利用いただき',
    'お問い合わせいただき',
    'ご不便をおかけ',
    '申し訳ございません',
  ],
};

const zh: ReplyShapeWords = {
  language: 'zh',
  nameSuffixes: ['敬上', '谨上', '謹上'],
  teamNouns: ['客服', '中心', '团队', '團隊', '公司', '商城', '部', '店'],
  attributionOpeners: [],
  attributionVerbs: [],
  attributionSuffixes: ['写道', '寫道'],
  gluedFirstPerson: ['我'],
  originalMessage: ['原始邮件', '原始郵件', '原始信件', '转发的邮件'],
  from: ['发件人', '寄件者', '寄件人'],
  date: ['发送时间', '日期', '傳送時間', '寄件日期'],
  to: ['收件人', '收件者'],
  cc: ['抄送', '副本'],
  subject: ['主题', '主旨'],
  signOffs: ['此致敬礼', '此致', '敬礼', '祝好', '顺祝商祺', '顺颂商祺'],
  mobileSignatures: [
    '发自我的 ?.{1,20}',
    '从我的 ?.{1,20}发送',
    '從我的 ?.{1,20}傳送',
    // Outlook's line: `获取 Android 版 Outlook`, `取得 iOS 版 Outlook`.
    '(?:获取|獲取|取得|下载|下載) ?.{1,10}版 ?outlook',
  ],
  courtesyPhrases: ['感谢您', '感謝您', '非常感谢', '祝您', '给您带来不便', '敬请谅解', '如有任何疑问'],
};

const ko: ReplyShapeWords = {
  language: 'ko',
  nameSuffixes: ['드림', '올림'],
  teamNouns: ['고객', '센터', '팀', '지원', '상담', '쇼핑'],
  attributionOpeners: [],
  attributionVerbs: [],
  // Apple Mail's bare `작성` only right after an address: `… <cs@shop.example> 작성:`.
  attributionSuffixes: ['님이 작성한 메일', '님이 작성', '님이 씀', '>\\s?작성'],
  gluedFirstPerson: ['제가', '저는', '저희', '나는', '내가'],
  originalMessage: ['원본 메시지', '전달된 메시지', '전달된 메일'],
  from: ['보낸 사람', '보낸사람'],
  date: ['보낸 날짜', '보낸날짜', '날짜'],
  to: ['받는 사람', '받는사람'],
  cc: ['참조'],
  subject: ['제목'],
  signOffs: ['감사합니다', '고맙습니다', '안부 전합니다'],
  mobileSignatures: ['.{1,20}에서 보냄', '.{1,10}용 outlook 다운로드', 'outlook for .{1,10} 다운로드'],
  courtesyPhrases: ['감사합니다', '고맙습니다', '이용해 주셔서', '불편을 드려', '죄송합니다'],
};

const tr: ReplyShapeWords = {
  language: 'tr',
  attributionOpeners: [],
  attributionVerbs: ['şunu yazdı', 'yazdı'],
  attributionSuffixes: [],
  originalMessage: ['orijinal mesaj', 'özgün ileti'],
  from: ['kimden', 'gönderen'],
  date: ['gönderildi', 'tarih'],
  to: ['kime', 'alıcı'],
  cc: ['bilgi'],
  subject: ['konu'],
  signOffs: ['saygılarımla', 'iyi çalışmalar'],
  mobileSignatures: ["iphone[’']umdan gönderildi", ".{1,30} için outlook[’']u edinin"],
};

const hu: ReplyShapeWords = {
  language: 'hu',
  attributionOpeners: [],
  attributionVerbs: ['ezt írta', 'írta'],
  attributionSuffixes: [],
  originalMessage: ['eredeti üzenet', 'továbbított üzenet', 'továbbított levél kezdete', 'továbbított levél'],
  from: ['feladó'],
  date: ['elküldve', 'dátum'],
  to: ['címzett'],
  cc: ['másolatot kap'],
  subject: ['tárgy'],
  signOffs: ['üdvözlettel', 'tisztelettel', 'köszönettel'],
  mobileSignatures: ['iphone-ról küldve', 'az iphone-omról küldve'],
};

const el: ReplyShapeWords = {
  language: 'el',
  attributionOpeners: ['στις'],
  attributionVerbs: ['έγραψε'],
  attributionSuffixes: [],
  originalMessage: ['αρχικό μήνυμα', 'προωθημένο μήνυμα', 'έναρξη προωθημένου μηνύματος'],
  from: ['από'],
  date: ['στάλθηκε', 'ημερομηνία'],
  to: ['προς'],
  cc: ['κοιν'],
  subject: ['θέμα'],
  signOffs: ['με εκτίμηση', 'φιλικά', 'με φιλικούς χαιρετισμούς'],
  mobileSignatures: ['εστάλη από (?:το|τη|την) .{1,30}'],
};

const ro: ReplyShapeWords = {
  language: 'ro',
  attributionOpeners: ['în'],
  attributionVerbs: ['a scris'],
  attributionSuffixes: [],
  originalMessage: ['mesaj original', 'mesaj redirecționat'],
  from: ['de la'],
  date: ['trimis', 'data'],
  to: ['către'],
  cc: ['cc'],
  subject: ['subiect'],
  signOffs: ['cu stimă', 'cu respect', 'toate cele bune'],
  mobileSignatures: ['trimis de pe .{1,30}'],
};

const he: ReplyShapeWords = {
  language: 'he',
  attributionOpeners: ['בתאריך'],
  attributionVerbs: ['כתב/ה', 'כתב\\(ה\\)', 'כתב', 'כתבה'],
  attributionSuffixes: [],
  originalMessage: ['הודעה מקורית', 'הודעה שהועברה'],
  from: ['מאת'],
  date: ['נשלח', 'תאריך'],
  to: ['אל'],
  cc: ['עותק'],
  subject: ['נושא'],
  signOffs: ['בברכה', 'תודה רבה'],
  mobileSignatures: ['נשלח מה-?.{1,30}'],
};

const ar: ReplyShapeWords = {
  language: 'ar',
  attributionOpeners: ['في'],
  attributionVerbs: ['كتب'],
  attributionSuffixes: [],
  originalMessage: ['الرسالة الأصلية', 'رسالة معاد توجيهها', 'الرسالة الم[ُ]?عاد توجيهها'],
  from: ['من'],
  date: ['تاريخ الإرسال', 'التاريخ', 'أُرسلت'],
  to: ['إلى'],
  cc: ['نسخة'],
  subject: ['الموضوع'],
  signOffs: ['مع التحية', 'مع خالص التحية', 'تحياتي'],
  mobileSignatures: ['أُ?رسلت من .{1,30}'],
};

const id: ReplyShapeWords = {
  language: 'id',
  attributionOpeners: ['pada'],
  attributionVerbs: ['menulis'],
  attributionSuffixes: [],
  originalMessage: ['pesan asli', 'pesan yang diteruskan'],
  from: ['dari'],
  date: ['dikirim', 'tanggal'],
  to: ['kepada'],
  cc: ['cc'],
  subject: ['subjek', 'perihal'],
  signOffs: ['hormat saya', 'salam', 'terima kasih'],
  mobileSignatures: ['dikirim dari .{1,30}'],
};

const vi: ReplyShapeWords = {
  language: 'vi',
  attributionOpeners: ['vào'],
  attributionVerbs: ['đã viết'],
  attributionSuffixes: [],
  originalMessage: ['thư gốc', 'thư được chuyển tiếp', 'thư đã chuyển tiếp'],
  from: ['từ'],
  date: ['đã gửi', 'ngày'],
  to: ['đến'],
  cc: ['cc'],
  subject: ['chủ đề'],
  signOffs: ['trân trọng', 'thân ái'],
  mobileSignatures: ['được gửi từ .{1,30}'],
};

const sk: ReplyShapeWords = {
  language: 'sk',
  attributionOpeners: ['dňa'],
  attributionVerbs: ['napísal(?:\\(a\\)|a)?'],
  attributionSuffixes: [],
  originalMessage: ['pôvodná správa', 'pôvodný e-mail', 'preposlaná správa'],
  from: ['od'],
  date: ['odoslané', 'poslané', 'dátum'],
  to: ['komu'],
  cc: ['kópia'],
  subject: ['predmet'],
  signOffs: ['s pozdravom', 's úctou', 'ďakujem'],
  mobileSignatures: ['odoslané z (?:môjho )?(?:iphonu|ipadu|telefónu|mobilu|outlooku).{0,30}'],
  teamNouns: ['zákaznícka', 'podpora', 'tím', 'oddelenie'],
};

/** Slovenian. */
const sl: ReplyShapeWords = {
  language: 'sl',
  attributionOpeners: [],
  attributionVerbs: ['(?:je )?napisal(?:\\(a\\)|a)?'],
  attributionSuffixes: [],
  originalMessage: ['izvirno sporočilo', 'posredovano sporočilo'],
  from: ['od'],
  date: ['poslano', 'datum'],
  to: ['za'],
  cc: ['kp'],
  subject: ['zadeva'],
  signOffs: ['lep pozdrav', 's spoštovanjem', 'lp'],
  mobileSignatures: ['poslano iz (?:mojega )?.{1,30}'],
};

/** Croatian, Bosnian and Serbian in Latin letters. */
const hr: ReplyShapeWords = {
  language: 'hr',
  attributionOpeners: [],
  attributionVerbs: ['je napisa(?:o|la)(?:/la)?', 'napisa(?:o|la) je'],
  attributionSuffixes: [],
  originalMessage: ['izvorna poruka', 'izvorni e-mail', 'proslijeđena poruka', 'originalna poruka'],
  from: ['šalje', 'pošiljatelj'],
  date: ['poslano', 'datum'],
  to: ['prima', 'primatelj'],
  cc: ['kopija'],
  subject: ['predmet'],
  signOffs: ['lijep pozdrav', 's poštovanjem', 'srdačan pozdrav', 'pozdrav'],
  mobileSignatures: ['poslano (?:s|sa) (?:mog|mojeg) .{1,30}'],
};

const bg: ReplyShapeWords = {
  language: 'bg',
  attributionOpeners: [],
  attributionVerbs: ['написа'],
  attributionSuffixes: [],
  originalMessage: ['оригинално съобщение', 'препратено съобщение'],
  from: ['от'],
  date: ['изпратено', 'дата'],
  to: ['до'],
  cc: ['копие'],
  subject: ['тема', 'относно'],
  signOffs: ['с уважение', 'поздрави', 'благодаря'],
  mobileSignatures: ['изпратено от (?:моя )?.{1,30}'],
};

/** Serbian in Cyrillic letters (Outlook and Gmail in `sr`). */
const sr: ReplyShapeWords = {
  language: 'sr',
  attributionOpeners: [],
  attributionVerbs: ['је написао(?:/ла)?', 'је написала', 'написао(?:/ла)? је'],
  attributionSuffixes: [],
  originalMessage: ['оригинална порука', 'прослеђена порука'],
  from: ['од', 'пошиљалац'],
  date: ['послато', 'датум'],
  to: ['за', 'прима'],
  cc: ['копија'],
  subject: ['тема', 'предмет'],
  signOffs: ['срдачан поздрав', 'с поштовањем', 'поздрав'],
  mobileSignatures: ['послато са (?:мог )?.{1,30}'],
};

/** Persian (Outlook and Gmail in `fa`). */
const fa: ReplyShapeWords = {
  language: 'fa',
  attributionOpeners: ['در تاریخ'],
  attributionVerbs: ['نوشت'],
  attributionSuffixes: [],
  originalMessage: ['پیام اصلی', 'پیام بازارسال‌شده'],
  from: ['از', 'فرستنده'],
  date: ['ارسال شده', 'ارسال‌شده', 'تاریخ'],
  to: ['به', 'گیرنده'],
  cc: ['رونوشت'],
  subject: ['موضوع'],
  signOffs: ['با احترام', 'با تشکر', 'ارادتمند'],
  mobileSignatures: ['ارسال شده از .{1,30}'],
};

/** Hindi (Outlook and Gmail in `hi`). */
const hi: ReplyShapeWords = {
  language: 'hi',
  attributionOpeners: [],
  attributionVerbs: ['ने लिखा'],
  attributionSuffixes: [],
  originalMessage: ['मूल संदेश', 'अग्रेषित संदेश'],
  from: ['प्रेषक'],
  date: ['भेजा गया', 'दिनांक'],
  to: ['प्रति'],
  cc: ['प्रतिलिपि'],
  subject: ['विषय'],
  signOffs: ['सादर', 'धन्यवाद सहित', 'धन्यवाद', 'भवदीय'],
  mobileSignatures: ['मेरे .{1,30} से भेजा गया'],
};

/** Lithuanian. */
const lt: ReplyShapeWords = {
  language: 'lt',
  attributionOpeners: [],
  attributionVerbs: ['(?:pa)?rašė'],
  attributionSuffixes: [],
  originalMessage: ['originali žinutė', 'pradinis laiškas', 'persiųstas laiškas'],
  from: ['nuo', 'siuntėjas'],
  date: ['išsiųsta', 'data'],
  to: ['kam', 'gavėjas'],
  cc: ['kopija'],
  subject: ['tema'],
  signOffs: ['pagarbiai', 'su pagarba', 'linkėjimai'],
  mobileSignatures: ['išsiųsta iš (?:mano )?.{1,30}'],
};

/** Latvian: its `No:` (from) is left out, a receipt's `No: 4471` would read as a header block. */
const lv: ReplyShapeWords = {
  language: 'lv',
  attributionOpeners: [],
  attributionVerbs: ['rakstīja'],
  attributionSuffixes: [],
  originalMessage: ['sākotnējā ziņa', 'pārsūtīta ziņa'],
  from: ['sūtītājs'],
  date: ['nosūtīts', 'datums'],
  to: ['kam', 'adresāts'],
  cc: ['kopija'],
  subject: ['tēma'],
  signOffs: ['ar cieņu', 'sveicieni'],
  mobileSignatures: ['nosūtīts no (?:mana )?.{1,30}'],
};

/** Estonian. */
const et: ReplyShapeWords = {
  language: 'et',
  attributionOpeners: [],
  attributionVerbs: ['kirjutas'],
  attributionSuffixes: [],
  originalMessage: ['algne sõnum', 'edastatud sõnum', 'edastatud kiri'],
  from: ['saatja'],
  date: ['saadetud', 'kuupäev'],
  to: ['adressaat', 'saaja'],
  cc: ['koopia'],
  subject: ['teema'],
  signOffs: ['lugupidamisega', 'parimate soovidega', 'tervitades'],
  mobileSignatures: ['saadetud (?:minu )?.{1,30}(?:st|lt)'],
};

/** Icelandic. */
const is: ReplyShapeWords = {
  language: 'is',
  attributionOpeners: [],
  attributionVerbs: ['skrifaði'],
  attributionSuffixes: [],
  originalMessage: ['upprunaleg skilaboð', 'áframsend skilaboð'],
  from: ['frá'],
  date: ['sent', 'dagsetning'],
  to: ['til'],
  cc: ['afrit'],
  subject: ['efni'],
  signOffs: ['með kveðju', 'kær kveðja', 'bestu kveðjur', 'kveðja'],
  mobileSignatures: ['sent úr (?:mínum )?.{1,30}'],
};

/** Catalan. */
const ca: ReplyShapeWords = {
  language: 'ca',
  attributionOpeners: ['el'],
  attributionVerbs: ['va escriure', 'ha escrit'],
  attributionSuffixes: [],
  originalMessage: ['missatge original', 'missatge reenviat'],
  from: ['de'],
  date: ['enviat el', 'enviat', 'data'],
  to: ['per a'],
  cc: ['a/c'],
  subject: ['assumpte'],
  signOffs: ['salutacions', 'atentament', 'cordialment'],
  mobileSignatures: ['enviat des del meu .{1,30}'],
};

/** Thai: Outlook's labels. */
const th: ReplyShapeWords = {
  language: 'th',
  attributionOpeners: [],
  attributionVerbs: ['เขียนว่า'],
  attributionSuffixes: [],
  originalMessage: ['ข้อความต้นฉบับ', 'ข้อความที่ส่งต่อ'],
  from: ['จาก'],
  date: ['ส่ง', 'วันที่'],
  to: ['ถึง'],
  cc: ['สำเนาถึง'],
  subject: ['เรื่อง'],
  signOffs: ['ขอแสดงความนับถือ'],
  mobileSignatures: ['ส่งจาก .{1,30}'],
};

/** Every language that has reply shapes here: those without a full lexicon, and what the lexicons lack. */
export const REPLY_SHAPES: readonly ReplyShapeWords[] = [
  en,
  de,
  fr,
  es,
  it,
  nl,
  pl,
  pt,
  sv,
  da,
  nb,
  fi,
  cs,
  ru,
  uk,
  ja,
  zh,
  ko,
  tr,
  hu,
  el,
  ro,
  he,
  ar,
  id,
  vi,
  sk,
  sl,
  hr,
  sr,
  fa,
  hi,
  bg,
  lt,
  lv,
  et,
  is,
  ca,
  th,
];
