import { matchesOf, ruleRegExp } from './rule-regexp.js';
import { UNSPACED_CHAR } from './unicode-words.js';

/**
 * An amount of money as written in mail: `$54.00 USD`, `USD 129.99`, `84,50 €`, `£12.50`, `1.234,56 EUR`,
 * `54,00 zł`, `1,980円`, `￥128.00`, `259.00元`, `NT$1,280`, `₹1,499`, `Rs. 1,24,999.00`, `₩35,000`, `S$12.90`.
 */
export interface Money {
  amount: number;
  /** ISO 4217, or null when the sign alone does not say (`kr` with nothing to tell SEK, DKK and NOK apart). */
  currency: string | null;
  matched: string;
}

/** The Scandinavian currencies that all print `kr`. */
export type Krone = 'SEK' | 'DKK' | 'NOK';

const SYMBOLS: Record<string, string> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '￥': 'JPY',
  円: 'JPY',
  元: 'CNY',
  NT$: 'TWD',
  HK$: 'HKD',
  C$: 'CAD',
  A$: 'AUD',
  R$: 'BRL',
  CA$: 'CAD',
  AU$: 'AUD',
  S$: 'SGD',
  SG$: 'SGD',
  MX$: 'MXN',
  NZ$: 'NZD',
  // French prints the country after the sign: `30,00 $US`, `45,50 $ CA`.
  $US: 'USD',
  $CA: 'CAD',
  $AU: 'AUD',
  $NZ: 'NZD',
  $HK: 'HKD',
  $SG: 'SGD',
  'CN¥': 'CNY',
  'JP¥': 'JPY',
  RM: 'MYR',
  Rp: 'IDR',
  '₱': 'PHP',
  '฿': 'THB',
  '₫': 'VND',
  // Vietnamese shops print the dong as a letter (`250.000đ`, `250.000 VNĐ`) or its name (`250.000 đồng`).
  đ: 'VND',
  vnđ: 'VND',
  đồng: 'VND',
  // Names written after the amount (`35,00 euros`, `1 490 рублей`, `25.00 美元`), looked up in lower case.
  euro: 'EUR',
  euros: 'EUR',
  // Finnish: the partitive after a number (`20 euroa`), the genitive before a noun (`20 euron lahjakortti`).
  euroa: 'EUR',
  euron: 'EUR',
  ευρώ: 'EUR',
  ευρω: 'EUR',
  рублей: 'RUB',
  рубля: 'RUB',
  рубль: 'RUB',
  гривень: 'UAH',
  гривні: 'UAH',
  гривня: 'UAH',
  гривен: 'UAH',
  złotych: 'PLN',
  złote: 'PLN',
  złoty: 'PLN',
  zlotych: 'PLN',
  korun: 'CZK',
  koruna: 'CZK',
  koruny: 'CZK',
  reais: 'BRL',
  lira: 'TRY',
  lirası: 'TRY',
  yen: 'JPY',
  franken: 'CHF',
  dólares: 'USD',
  dolares: 'USD',
  美元: 'USD',
  日元: 'JPY',
  日圓: 'JPY',
  日圆: 'JPY',
  欧元: 'EUR',
  歐元: 'EUR',
  英镑: 'GBP',
  英鎊: 'GBP',
  港元: 'HKD',
  港币: 'HKD',
  港幣: 'HKD',
  人民币: 'CNY',
  人民幣: 'CNY',
  新台幣: 'TWD',
  新臺幣: 'TWD',
  新台币: 'TWD',
  台幣: 'TWD',
  韩元: 'KRW',
  韓元: 'KRW',
  ドル: 'USD',
  ユーロ: 'EUR',
  '₹': 'INR',
  Rs: 'INR',
  '₩': 'KRW',
  원: 'KRW',
  zł: 'PLN',
  zl: 'PLN',
  Kč: 'CZK',
  '₽': 'RUB',
  руб: 'RUB',
  '₴': 'UAH',
  грн: 'UAH',
  '₺': 'TRY',
  TL: 'TRY',
  '₪': 'ILS',
  '₦': 'NGN',
  '₸': 'KZT',
  '₼': 'AZN',
  '₾': 'GEL',
  '₡': 'CRC',
  KSh: 'KES',
  lei: 'RON',
  // The forint after its amount: `12 990 Ft`, `2 500 Ft-ot` (a case ending after a hyphen), `5000 forint`.
  Ft: 'HUF',
  forint: 'HUF',
  forintot: 'HUF',
  лв: 'BGN',
  // Arabic: the abbreviations (`ر.س`, `د.إ`, `ج.م`, `د.ك`) and names after the amount (`ريال`, `درهم`, `جنيه`).
  'ر.س': 'SAR',
  'ر.ق': 'QAR',
  'ر.ع': 'OMR',
  'د.إ': 'AED',
  'د.ا': 'AED',
  'د.ك': 'KWD',
  'د.ب': 'BHD',
  'د.أ': 'JOD',
  'ج.م': 'EGP',
  ريال: 'SAR',
  ريالا: 'SAR',
  ريالات: 'SAR',
  'ريال سعودي': 'SAR',
  'ريال قطري': 'QAR',
  'ريال عماني': 'OMR',
  درهم: 'AED',
  درهما: 'AED',
  دراهم: 'AED',
  'درهم إماراتي': 'AED',
  'درهم اماراتي': 'AED',
  جنيه: 'EGP',
  جنيها: 'EGP',
  'جنيه مصري': 'EGP',
  'دينار كويتي': 'KWD',
  'دينار بحريني': 'BHD',
  'دينار أردني': 'JOD',
};
/**
 * ISO 4217 codes, matched in capitals next to the digits (`ISK 15.000`, `149,90 RON`). Codes that are also
 * common capitalised words or product names before a number are left out: `ALL 3 ITEMS`, `TOP 10`,
 * `PHP 8.2`, `PEN 2`, `BOB 2`, `MAD 2`, `SOS 1`, `CUP 2`, `GEL 3`.
 */
const CODES =
  'USD|EUR|GBP|CAD|AUD|CHF|JPY|CNY|RMB|TWD|HKD|SEK|NOK|DKK|ISK|PLN|CZK|HUF|RON|BGN|RSD|MDL|BYN|RUB|UAH|TRY|KZT|AZN|ILS|AED|SAR|QAR|KWD|BHD|OMR|JOD|EGP|TND|ZAR|NGN|KES|GHS|XOF|XAF|MXN|BRL|ARS|CLP|COP|UYU|CRC|DOP|GTQ|INR|PKR|BDT|LKR|NPR|NZD|SGD|KRW|MYR|IDR|THB|VND';
/** Codes that are another name of an ISO 4217 one. */
const CODE_ALIASES: Record<string, string> = { RMB: 'CNY' };
/**
 * Signs that stand before or after the digits. Letter signs (`kr`, `zł`, `Kč`, `руб.`, `грн`, `TL`, `Rs.`,
 * `RM`, `Rp`) must not run on into a word; Korean `원` may (`35,000원이`: particles join the word before
 * them). A dollar's country may stand before it, spaced as marketplaces print it (`AU $19.95`, `C $30.00`;
 * not `A $20` alone, which is English's article), or after it, as French prints it (`30,00 $US`).
 * No `Fr.` for CHF: it is also German for Friday (`Fr. 12.03.`); Swiss mail prints `CHF` as well.
 */
const SIGN =
  '((?:US|CA|AU|NZ|HK|NT|SG|MX|C) ?\\$|[ARS]\\$|\\$ ?(?:US|CA|AU|NZ|HK|SG)(?![\\p{L}])|CN¥|JP¥|[$€£¥￥円元₽₴₺₹₩원₱฿₫₪₦₸₼₾₡]|(?:Rs\\.?|RM|Rp\\.?|KSh)(?![\\p{L}])|[kK]r\\.?(?![\\p{L}])|zł(?![\\p{L}])|zl(?![\\p{L}])|Kč(?![\\p{L}])|руб(?![\\p{L}])\\.?|грн(?![\\p{L}])\\.?|TL(?![\\p{L}])|Ft\\.?(?![\\p{L}])|VN[Đđ](?![\\p{L}])|đ(?![\\p{L}])|(?:ر\\.\\s?[سقع]|د\\.\\s?[إاكبأ]|ج\\.\\s?م)\\.?(?![\\p{L}]))';

/**
 * Currency names that follow an amount (`35,00 euros`, `49,90 ευρώ`, `50 Euro`, `349 kronor`, `1 490 рублей`,
 * `249,00 złotych`, `1 299 korun`, `25.00 美元`). Only after it: before a number a name is prose
 * (`paid in euros 3 times`). Han and kana names may touch the next word.
 */
const NAME_AFTER =
  '((?:[Ee]uro(?:s|a|n)?|EUROS?|ευρώ|ευρω|ΕΥΡΩ|Ευρώ|kron(?:or|er|en?)|korun[ay]?|złot(?:ych|e|y)|zlotych|reais|forint(?:ot)?|lira(?:sı)?|[Yy]en|Franken|dollars?|d[óo]lares|pesos|lei|рубл(?:ей|я|ь)|грив(?:ень|ні|ня|ен)|đồng)(?![\\p{L}])|лв(?![\\p{L}])\\.?|美元|日[元圆圓]|[欧歐]元|英[镑鎊]|港[元币幣]|人民[币幣]|新[台臺]幣|新台币|台幣|[韩韓]元|ドル|ユーロ|(?:ريال(?: سعودي| قطري| عماني)?|ريالا|ريالات|درهم(?: [اإ]ماراتي)?|درهما|دراهم|جنيه(?: مصري)?|جنيها|دينار (?:كويتي|بحريني|أردني))(?![\\p{L}]))';

// Each part is bounded; no nested unbounded quantifiers, so matching stays linear. Swiss mail groups
// thousands with an apostrophe (`CHF 1'234.50`); Indian mail groups lakhs and crores in pairs (`1,24,999.00`).
const AMOUNT =
  "(\\d{1,2}(?:,\\d{2}){1,3},\\d{3}(?:\\.\\d{1,2})?|\\d{1,3}(?:[.,\\u00a0 '’]\\d{3}){0,4}(?:[.,]\\d{1,2})?|\\d{1,9}(?:[.,]\\d{1,2})?)";
/**
 * A letter or digit that may not touch an amount. Chinese and Japanese glue amounts to words
 * (`返金額1,980円の`, `共计¥128`), so a Han or kana character may, and so may a Hangul syllable
 * (`35,000원이`).
 */
const SPACED_WORD = `(?!${UNSPACED_CHAR}|[\\uac00-\\ud7a3])[\\p{L}\\d]`;
/** Whole units printed with a dash for no cents: `1 299,- Kč`, `499,–`, Swedish `899:-`. */
const NO_CENTS = '(?:[.,:][-–])?';
/** A minus between a sign and its digits, as Dutch formatting prints a refund (`€ -12,00`). */
const MINUS = '(?:\\s?[-−](?=\\d))?';
const MONEY = new RegExp(
  `(?<!${SPACED_WORD})(?:(${CODES})\\s?)?(?:${SIGN}${MINUS})?\\s?${AMOUNT}${NO_CENTS}(?:\\s?(?:${SIGN}|${NAME_AFTER}))?(?:\\s?(${CODES}))?(?!${SPACED_WORD})`,
  'gu',
);

export function parseAmount(text: string): number | null {
  const compact = text.replace(/[\u00a0 '’]/g, '');
  const lastSep = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  // A separator followed by one or two digits is the decimal mark; otherwise it groups thousands.
  if (lastSep >= 0 && compact.length - lastSep - 1 <= 2) {
    const whole = compact.slice(0, lastSep).replace(/[.,]/g, '');
    return Number(`${whole}.${compact.slice(lastSep + 1)}`);
  }
  const n = Number(compact.replace(/[.,]/g, ''));
  return Number.isFinite(n) ? n : null;
}

function currencyOfSign(sign: string, reading: Reading): string | null {
  const key = sign.toLowerCase();
  if (key.startsWith('kr')) return reading.krone;
  if (sign === '¥' || sign === '￥') return reading.yen;
  if (sign === '元') return reading.yuan;
  if (sign === '$' || key === 'dollar' || key === 'dollars') return reading.dollar;
  if (key === 'pesos') return reading.peso;
  // `руб.`, `грн.`: the abbreviation's full stop is no part of the sign; nor is the space in `AU $`.
  const bare = sign.replace(/\.$/, '').replace(' ', '');
  return SYMBOLS[bare] ?? SYMBOLS[key] ?? null;
}

/**
 * What a message means by the signs several currencies share. A line alone (`返金額：¥3,980`, `1,280 元`)
 * often cannot say; the whole message can: its script and the sender's country.
 */
export interface Reading {
  /** `kr`: SEK, DKK or NOK, or null when nothing tells them apart (see `kroneOf`). */
  krone: Krone | null;
  /** `¥`, `￥`: the yen in Japanese mail, the yuan (renminbi) in Chinese mail. */
  yen: 'JPY' | 'CNY';
  /**
   * `元`: the yuan in simplified Chinese, the New Taiwan dollar in traditional, the Hong Kong dollar in
   * Hong Kong mail.
   */
  yuan: 'CNY' | 'TWD' | 'HKD';
  /**
   * A bare `$`: the US dollar, except in traditional Chinese mail and from a sender in a country whose own
   * currency prints `$` (a Canadian shop's `$30.00`, a Mexican one's `$1,299.00`).
   */
  dollar: string;
  /** `pesos`: the peso of the sender's country (`.mx`, `.ar`, `.cl`, `.co`), or null when nothing says which. */
  peso: string | null;
}

/**
 * Characters written one way in simplified Chinese and another in traditional, common in shop mail
 * (订单/訂單, 账户/帳戶, 处理/處理, 退还/退還). Each list holds only its own script's forms; simplified forms
 * that Japanese writes too (号, 会, 当, 机: `注文番号`) are left out.
 */
const SIMPLIFIED_ONLY = new Set(
  '这们为单额账帐处订货请个时间发过还应问题联务说银币将经对后给码让从费确认购买卖户亲爱验谢选统际宝详细运输签',
);
const TRADITIONAL_ONLY = new Set(
  '這們為單額賬帳處訂貨請個時間發過還應問題聯務說銀幣將經會對後給號碼讓從當機費確認購買賣戶親愛驗謝選統際寶詳細運輸簽',
);
const TW_WORDS = /NT\$|\bTWD\b|新[台臺]幣|[台臺]幣/u;
const HK_WORDS = /HK\$|\bHKD\b|港[幣币元]/u;
const CNY_WORDS = /\b(?:CNY|RMB)\b|人民[币幣]/u;
const COUNTRY_YEN: Record<string, Reading['yen']> = { jp: 'JPY', cn: 'CNY' };
/** Countries (by the sender's domain) whose own currency is printed `$`. */
const COUNTRY_DOLLAR: Record<string, string> = {
  ca: 'CAD',
  au: 'AUD',
  nz: 'NZD',
  sg: 'SGD',
  hk: 'HKD',
  tw: 'TWD',
  mx: 'MXN',
  ar: 'ARS',
  cl: 'CLP',
  co: 'COP',
};
const PESO_COUNTRIES = new Set(['mx', 'ar', 'cl', 'co']);

/**
 * How a message reads the shared signs, from the whole text and the sender's address. Japanese writes kana
 * in most sentences, Chinese none: a katakana brand name or a stylish `の` in a Chinese shop's name is a
 * few characters among many Han ones, while even a Japanese mail of kanji table rows greets in hiragana
 * (`いつもご利用いただきありがとうございます`). Chinese mail is traditional when more of its characters
 * have the traditional form than the simplified one; it is from Hong Kong when it names the Hong Kong
 * dollar (or the sender is in `.hk`) and not the Taiwanese one.
 */
export function readingOf(text: string, senderAddress: string | null = null): Reading {
  let hiragana = 0;
  let kana = 0;
  let han = 0;
  let latin = 0;
  let simplified = 0;
  let traditional = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x3040 && c <= 0x30ff) {
      kana++;
      if (c <= 0x309f) hiragana++;
    } else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) {
      han++;
      if (SIMPLIFIED_ONLY.has(ch)) simplified++;
      else if (TRADITIONAL_ONLY.has(ch)) traditional++;
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  const tld = countryDomainOf(senderAddress) ?? '';
  // A notice of kanji rows alone (`返金済：¥2,480`) is Japanese when it comes from Japan and has no simplified form.
  const japanese = (kana > 0 && (kana * 4 >= han || hiragana * 10 >= han)) || (tld === 'jp' && simplified === 0);
  const chinese = han > 0 && !japanese;
  const yen: Reading['yen'] = japanese ? 'JPY' : chinese || CNY_WORDS.test(text) ? 'CNY' : (COUNTRY_YEN[tld] ?? 'JPY');
  const traditionalChinese = chinese && traditional > simplified;
  const taiwan = TW_WORDS.test(text) || tld === 'tw';
  const hongKong = (HK_WORDS.test(text) || tld === 'hk') && !taiwan;
  // Simplified script is the mainland's, whatever else the mail names.
  const yuan: Reading['yuan'] =
    simplified > traditional ? 'CNY' : hongKong ? 'HKD' : taiwan || traditionalChinese ? 'TWD' : 'CNY';
  // By the script only where Chinese is the mail's language: an English mail with a Chinese line keeps its `$`.
  const dollar = traditionalChinese && han > latin && yuan !== 'CNY' ? yuan : (COUNTRY_DOLLAR[tld] ?? 'USD');
  const peso = PESO_COUNTRIES.has(tld) ? (COUNTRY_DOLLAR[tld] ?? null) : null;
  return { krone: kroneOf(text, tld), yen, yuan, dollar, peso };
}

/**
 * Every amount in a text that carries a currency (a bare number is not money). The shared signs (`kr`,
 * `¥`, `元`, `$`) are read as `reading` says, by default as the text alone tells (`readingOf`); `kr` is
 * SEK, DKK or NOK only when something says which, otherwise the amount comes without a currency.
 */
/** Currencies whose minor unit is a thousandth. */
const THOUSANDTHS: ReadonlySet<string> = new Set(['KWD', 'BHD', 'OMR', 'JOD']);

export function findMoney(text: string, reading: Reading = readingOf(text)): Money[] {
  const found: Money[] = [];
  for (const m of matchesOf(MONEY, text)) {
    const [matched, codeBefore, signBefore, digits, signAfter, nameAfter, codeAfter] = m;
    const written = (codeBefore ?? codeAfter)?.toUpperCase() ?? null;
    const code = written ? (CODE_ALIASES[written] ?? written) : null;
    const sign = signBefore ?? signAfter ?? nameAfter ?? null;
    if (!code && !sign) continue;
    const currency = code ?? (sign ? currencyOfSign(sign, reading) : null);
    // The dinars and the Omani rial have 1000 fils (baisa): `12.500 د.ك` is twelve and a half.
    const amount = digits
      ? THOUSANDTHS.has(currency ?? '') && /^\d{1,3}\.\d{3}$/.test(digits)
        ? Number(digits)
        : parseAmount(digits)
      : null;
    if (amount === null) continue;
    found.push({
      amount,
      currency,
      matched: matched.trim(),
    });
  }
  return found;
}

const KRONE_WORDS: [RegExp, Krone][] = [
  [/\bSEK\b|svenska kronor|\bkronor\b/iu, 'SEK'],
  [/\bDKK\b|danske kroner/iu, 'DKK'],
  [/\bNOK\b|norske kroner/iu, 'NOK'],
];
const KRONE_DOMAINS: Record<string, Krone> = { se: 'SEK', dk: 'DKK', no: 'NOK' };

/** The country code domain the sender writes from (`se` of `butik@shop.se`), or undefined. */
const countryDomainOf = (senderAddress: string | null): string | undefined =>
  senderAddress?.toLowerCase().match(/\.([a-z]{2})$/)?.[1];

/**
 * Which krone a mail means by `kr`: a code or the currency's name in the text, else the sender's
 * country domain (`tld`: `se`, `dk`, `no`), else the mail's language; null when nothing says.
 */
function kroneOf(text: string, tld: string): Krone | null {
  for (const [pattern, krone] of KRONE_WORDS) if (pattern.test(text)) return krone;
  return KRONE_DOMAINS[tld] ?? kroneOfLanguage(text);
}

/**
 * Words that one of the three languages writes and the other two do not (Swedish `och`, `inte`, `till`,
 * `pengarna`, `tyvärr`; Danish `af`, `efter`, `beløb`, `hverdage`, `desværre`, `dit` (Swedish and Norwegian write
 * `ditt`); Norwegian `etter`, `beløp`, `takk`, `virkedager`, `dessverre`, `nå` (the others write `nu`)):
 * a `.com` shop writing Swedish means SEK.
 */
const KRONE_LANGUAGE_WORDS: readonly [RegExp, Krone][] = [
  [
    /(?<![\p{L}])(?:och|inte|till|innan|pengarna|hälsningar|vänlig\p{L}{0,2}|kundtjänst|bankdag\p{L}{0,2}|återbetal\p{L}{0,6}|belopp(?:et)?|mottagit|beställning\p{L}{0,3}|köp(?:et)?|tack för|tyvärr|möjlighet)(?![\p{L}])/giu,
    'SEK',
  ],
  [
    /(?<![\p{L}])(?:af|efter|hvad|jeres|dit|dage|hverdag\p{L}{0,2}|beløb(?:et)?|købet|købt|venlig hilsen|tilbagebetal\p{L}{0,4}|refunderet|desværre|mulighed)(?![\p{L}])/giu,
    'DKK',
  ],
  [
    /(?<![\p{L}])(?:etter|hva|nå|dager|virkedag\p{L}{0,2}|beløp(?:et)?|kjøpet|kjøpt|vennlig hilsen|takk|tilbakebetal\p{L}{0,4}|refundert|dessverre|mulighet)(?![\p{L}])/giu,
    'NOK',
  ],
];

/**
 * The krone of the language the mail is written in, when its words say so clearly: two distinct words
 * at least, and twice as many as the next language's; null otherwise (Danish and Norwegian share most).
 */
function kroneOfLanguage(text: string): Krone | null {
  if (!/\bkr\b/iu.test(text)) return null;
  const counts = KRONE_LANGUAGE_WORDS.map(([pattern, krone]): [number, Krone] => [
    new Set(matchesOf(pattern, text).map((m) => m[0].toLowerCase())).size,
    krone,
  ]).sort((a, b) => b[0] - a[0]);
  const [best, next] = counts;
  return best && best[0] >= 2 && best[0] >= 2 * (next?.[0] ?? 0) ? best[1] : null;
}

/** The longest a label/value line may be: a table row, not a paragraph. */
const MAX_LABEL_LINE = 120;
/** The longest line read for a row at all (a paragraph whose last sentence is one). */
const MAX_LABELLED_PARAGRAPH = 2000;
/** From `start` to the end of its sentence (a stop before a space or the line's end) or of the line. */
function rowLength(line: string, start: number): number {
  const end = SENTENCE_END.exec(line.slice(start));
  return end ? end.index + 1 : line.length - start;
}
const SENTENCE_END = /[.!?。！？](?=\s|$)/u;

/**
 * The amount a label announces in a label/value layout: `Total refund: $16.99`, an HTML table row
 * rendered to text (`Refund amount | €54.00`, `Refund amount    €54.00`), or the label on one line and
 * the value alone on the next (`Refund total` / `$16.99`). `labels` is a regular-expression
 * alternation (from the lexicons); the label must open its line, its table cell or a sentence
 * (`…完了しました。返金額：￥3,280`, `… approved. Refund subtotal: $23.99`). A value alone (`￥128.00`)
 * does not say whose yen it is: `reading` (by default, the whole text) does.
 */
export function labelledAmount(text: string, labels: string, reading: Reading = readingOf(text)): Money | null {
  const label = ruleRegExp(
    `(?:^|[|│]\\s{0,3}|(?<=[.!?]\\s{1,3}|[。！？]\\s{0,3}))[*•■-]?\\s{0,3}(?:${labels})(?![\\p{L}])[^\\n|:：\\d$€£¥￥]{0,24}?(?:\\s{0,3}[:：|│\\t=]\\s{0,3}|\\s{2,}|\\s(?=\\S{0,4}\\d)|$)`,
    'iu',
  );
  const lines = text.split('\n');
  let first: Money | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line.length === 0 || line.length > MAX_LABELLED_PARAGRAPH) continue;
    const m = label.exec(line);
    // The row, from its label to the end of its sentence, is short: a label that opens a sentence may
    // stand in a long paragraph (`… remboursement de votre article. Montant du remboursement : 24,99 €. Le …`).
    if (!m || rowLength(line, m.index) > MAX_LABEL_LINE) continue;
    const rest = line.slice(m.index + m[0].length);
    // The value opens the cell: `Refund policy: orders over $50 …` states no refunded amount.
    const inLine = findMoney(rest, reading)[0];
    // Measured after the padding a plain-text table puts between label and value (`Refund:      -$52.50`).
    let value: Money | null = inLine && rest.trimStart().indexOf(inLine.matched) <= 3 ? inLine : null;
    if (!value && rest.trim() === '') value = valueOnNextLine(lines, i, reading);
    if (!value) continue;
    // A total (`Refund total` after `Refund subtotal` and `Sales tax refund`) is the amount refunded.
    if (TOTAL.test(m[0])) return value;
    first ??= value;
  }
  return first;
}

/** A label that sums: `total` (not `subtotal`), `gesamt`, `totale`, `totaal`, `łącznie`. */
const TOTAL = /(?<![\p{L}])(?:total|totale|gesamt|totaal|łącznie|suma|insgesamt)|合計|合计|總計|总计|总额|總額/iu;

/** The value on the next non-empty line, alone (a rendered table cell). */
function valueOnNextLine(lines: string[], i: number, reading: Reading): Money | null {
  let j = i + 1;
  while (j < lines.length && (lines[j] ?? '').trim() === '' && j - i <= 2) j++;
  const next = (lines[j] ?? '').trim().replace(/^[|│]\s{0,3}/, '');
  if (next.length > 30) return null;
  const value = findMoney(next, reading)[0];
  return value && next.indexOf(value.matched) <= 3 ? value : null;
}
