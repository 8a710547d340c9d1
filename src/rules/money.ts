import { matchesOf } from './rule-regexp.js';
import { UNSPACED_CHAR } from './unicode-words.js';

/**
 * An amount of money as written in mail: `$54.00 USD`, `USD 129.99`, `84,50 €`, `£12.50`, `1.234,56 EUR`,
 * `54,00 zł`, `1,980円`, `￥128.00`, `259.00元`, `NT$1,280`.
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
  zł: 'PLN',
  zl: 'PLN',
  Kč: 'CZK',
  '₽': 'RUB',
  руб: 'RUB',
  '₴': 'UAH',
  грн: 'UAH',
  '₺': 'TRY',
  TL: 'TRY',
};
const CODES = 'USD|EUR|GBP|CAD|AUD|CHF|JPY|CNY|RMB|TWD|HKD|SEK|NOK|DKK|PLN|CZK|RUB|UAH|TRY|HUF|MXN|BRL|INR|NZD';
/** Codes that are another name of an ISO 4217 one. */
const CODE_ALIASES: Record<string, string> = { RMB: 'CNY' };
/**
 * Signs that stand before or after the digits. Letter signs (`kr`, `zł`, `Kč`, `руб.`, `грн`, `TL`) must not
 * run on into a word.
 * No `Fr.` for CHF: it is also German for Friday (`Fr. 12.03.`); Swiss mail prints `CHF` as well.
 */
const SIGN =
  '(US\\$|C\\$|A\\$|R\\$|NT\\$|HK\\$|[$€£¥￥円元₽₴₺]|[kK]r\\.?(?![\\p{L}])|zł(?![\\p{L}])|zl(?![\\p{L}])|Kč(?![\\p{L}])|руб(?![\\p{L}])\\.?|грн(?![\\p{L}])\\.?|TL(?![\\p{L}]))';

// Each part is bounded; no nested unbounded quantifiers, so matching stays linear. Swiss mail groups
// thousands with an apostrophe (`CHF 1'234.50`).
const AMOUNT = "(\\d{1,3}(?:[.,\\u00a0 '’]\\d{3}){0,4}(?:[.,]\\d{1,2})?|\\d{1,9}(?:[.,]\\d{1,2})?)";
/**
 * A letter or digit that may not touch an amount. Chinese and Japanese glue amounts to words
 * (`返金額1,980円の`, `共计¥128`), so a Han or kana character may.
 */
const SPACED_WORD = `(?!${UNSPACED_CHAR})[\\p{L}\\d]`;
/** Whole units printed with a dash for no cents: `1 299,- Kč`, `499,–`, Swedish `899:-`. */
const NO_CENTS = '(?:[.,:][-–])?';
const MONEY = new RegExp(
  `(?<!${SPACED_WORD})(?:(${CODES})\\s?)?${SIGN}?\\s?${AMOUNT}${NO_CENTS}(?:\\s?${SIGN})?(?:\\s?(${CODES}))?(?!${SPACED_WORD})`,
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

function currencyOfSign(sign: string, krone: Krone | null, yen: Yen): string | null {
  const key = sign.toLowerCase();
  if (key.startsWith('kr')) return krone;
  if (sign === '¥' || sign === '￥') return yen;
  // `руб.`, `грн.`: the abbreviation's full stop is no part of the sign.
  const bare = sign.replace(/\.$/, '');
  return SYMBOLS[bare] ?? SYMBOLS[key] ?? null;
}

/** What `¥` and `￥` mean: the yen in Japanese mail, the yuan (renminbi) in Chinese mail. */
type Yen = 'JPY' | 'CNY';
const KANA = /[\u3040-\u30ff]/u;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/u;
/** Chinese text: Han characters and no kana (Japanese writes kana in every sentence). */
function yenOf(text: string): Yen {
  return HAN.test(text) && !KANA.test(text) ? 'CNY' : 'JPY';
}

/**
 * Every amount in a text that carries a currency (a bare number is not money). `kr` is SEK, DKK or
 * NOK only when the caller knows which (`kroneOf`); otherwise the amount comes without a currency.
 */
export function findMoney(text: string, krone: Krone | null = null): Money[] {
  return moneyIn(text, krone, yenOf(text));
}

function moneyIn(text: string, krone: Krone | null, yen: Yen): Money[] {
  const found: Money[] = [];
  for (const m of matchesOf(MONEY, text)) {
    const [matched, codeBefore, signBefore, digits, signAfter, codeAfter] = m;
    const written = (codeBefore ?? codeAfter)?.toUpperCase() ?? null;
    const code = written ? (CODE_ALIASES[written] ?? written) : null;
    const sign = signBefore ?? signAfter ?? null;
    if (!code && !sign) continue;
    const amount = digits ? parseAmount(digits) : null;
    if (amount === null) continue;
    found.push({
      amount,
      currency: code ?? (sign ? currencyOfSign(sign, krone, yen) : null),
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

/**
 * Which krone a mail means by `kr`: a code or the currency's name in the text, else the sender's
 * country domain (`.se`, `.dk`, `.no`); null when nothing says.
 */
export function kroneOf(text: string, senderAddress: string | null): Krone | null {
  for (const [pattern, krone] of KRONE_WORDS) if (pattern.test(text)) return krone;
  const tld = senderAddress?.toLowerCase().match(/\.([a-z]{2})$/)?.[1];
  return tld ? (KRONE_DOMAINS[tld] ?? null) : null;
}

/** The longest a label/value line may be: a table row, not a paragraph. */
const MAX_LABEL_LINE = 120;

/**
 * The amount a label announces in a label/value layout: `Total refund: $16.99`, an HTML table row
 * rendered to text (`Refund amount | €54.00`, `Refund amount    €54.00`), or the label on one line and
 * the value alone on the next (`Refund total` / `$16.99`). `labels` is a regular-expression
 * alternation (from the lexicons); the label must open its line or table cell.
 */
export function labelledAmount(text: string, labels: string, krone: Krone | null = null): Money | null {
  const label = new RegExp(
    `(?:^|[|│]\\s{0,3})[*•■-]?\\s{0,3}(?:${labels})(?![\\p{L}])[^\\n|:：\\d$€£¥￥]{0,24}?(?:\\s{0,3}[:：|│\\t=]\\s{0,3}|\\s{2,}|\\s(?=\\S{0,4}\\d)|$)`,
    'iu',
  );
  const lines = text.split('\n');
  // A value line alone (`￥128.00`) does not say whose yen it is: the whole text does.
  const yen = yenOf(text);
  let first: Money | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line.length === 0 || line.length > MAX_LABEL_LINE) continue;
    const m = label.exec(line);
    if (!m) continue;
    const rest = line.slice(m.index + m[0].length);
    // The value opens the cell: `Refund policy: orders over $50 …` states no refunded amount.
    const inLine = moneyIn(rest, krone, yen)[0];
    // Measured after the padding a plain-text table puts between label and value (`Refund:      -$52.50`).
    let value: Money | null = inLine && rest.trimStart().indexOf(inLine.matched) <= 3 ? inLine : null;
    if (!value && rest.trim() === '') value = valueOnNextLine(lines, i, krone, yen);
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
function valueOnNextLine(lines: string[], i: number, krone: Krone | null, yen: Yen): Money | null {
  let j = i + 1;
  while (j < lines.length && (lines[j] ?? '').trim() === '' && j - i <= 2) j++;
  const next = (lines[j] ?? '').trim().replace(/^[|│]\s{0,3}/, '');
  if (next.length > 30) return null;
  const value = moneyIn(next, krone, yen)[0];
  return value && next.indexOf(value.matched) <= 3 ? value : null;
}
