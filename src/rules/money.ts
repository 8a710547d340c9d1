/** An amount of money as written in mail: `$54.00 USD`, `USD 129.99`, `84,50 €`, `£12.50`, `1.234,56 EUR`, `54,00 zł`. */
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
  円: 'JPY',
  C$: 'CAD',
  A$: 'AUD',
  R$: 'BRL',
  zł: 'PLN',
  zl: 'PLN',
};
const CODES = 'USD|EUR|GBP|CAD|AUD|CHF|JPY|SEK|NOK|DKK|PLN|CZK|HUF|MXN|BRL|INR|NZD';
/**
 * Signs that stand before or after the digits. Letter signs (`kr`, `zł`) must not run on into a word.
 * No `Fr.` for CHF: it is also German for Friday (`Fr. 12.03.`); Swiss mail prints `CHF` as well.
 */
const SIGN = '(US\\$|C\\$|A\\$|R\\$|[$€£¥円]|[kK]r\\.?(?![\\p{L}])|zł(?![\\p{L}])|zl(?![\\p{L}]))';

// Each part is bounded; no nested unbounded quantifiers, so matching stays linear. Swiss mail groups
// thousands with an apostrophe (`CHF 1'234.50`).
const AMOUNT = "(\\d{1,3}(?:[.,\\u00a0 '’]\\d{3}){0,4}(?:[.,]\\d{1,2})?|\\d{1,9}(?:[.,]\\d{1,2})?)";
const MONEY = new RegExp(
  `(?<![\\p{L}\\d])(?:(${CODES})\\s?)?${SIGN}?\\s?${AMOUNT}(?:\\s?${SIGN})?(?:\\s?(${CODES}))?(?![\\p{L}\\d])`,
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

function currencyOfSign(sign: string, krone: Krone | null): string | null {
  const key = sign.toLowerCase();
  if (key.startsWith('kr')) return krone;
  return SYMBOLS[sign] ?? SYMBOLS[key] ?? null;
}

/**
 * Every amount in a text that carries a currency (a bare number is not money). `kr` is SEK, DKK or
 * NOK only when the caller knows which (`kroneOf`); otherwise the amount comes without a currency.
 */
export function findMoney(text: string, krone: Krone | null = null): Money[] {
  const found: Money[] = [];
  for (const m of text.matchAll(MONEY)) {
    const [matched, codeBefore, signBefore, digits, signAfter, codeAfter] = m;
    const code = (codeBefore ?? codeAfter)?.toUpperCase() ?? null;
    const sign = signBefore ?? signAfter ?? null;
    if (!code && !sign) continue;
    const amount = digits ? parseAmount(digits) : null;
    if (amount === null) continue;
    found.push({
      amount,
      currency: code ?? (sign ? currencyOfSign(sign, krone) : null),
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
    `(?:^|[|│]\\s{0,3})[*•-]?\\s{0,3}(?:${labels})(?![\\p{L}])[^\\n|:\\d$€£¥]{0,24}?(?:\\s{0,3}[:|│\\t=]\\s{0,3}|\\s{2,}|\\s(?=\\S{0,4}\\d)|$)`,
    'iu',
  );
  const lines = text.split('\n');
  let first: Money | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line.length === 0 || line.length > MAX_LABEL_LINE) continue;
    const m = label.exec(line);
    if (!m) continue;
    const rest = line.slice(m.index + m[0].length);
    // The value opens the cell: `Refund policy: orders over $50 …` states no refunded amount.
    const inLine = findMoney(rest, krone)[0];
    let value: Money | null = inLine && rest.indexOf(inLine.matched) <= 3 ? inLine : null;
    if (!value && rest.trim() === '') value = valueOnNextLine(lines, i, krone);
    if (!value) continue;
    // A total (`Refund total` after `Refund subtotal` and `Sales tax refund`) is the amount refunded.
    if (TOTAL.test(m[0])) return value;
    first ??= value;
  }
  return first;
}

/** A label that sums: `total` (not `subtotal`), `gesamt`, `totale`, `totaal`, `łącznie`. */
const TOTAL = /(?<![\p{L}])(?:total|totale|gesamt|totaal|łącznie|suma|insgesamt)/iu;

/** The value on the next non-empty line, alone (a rendered table cell). */
function valueOnNextLine(lines: string[], i: number, krone: Krone | null): Money | null {
  let j = i + 1;
  while (j < lines.length && (lines[j] ?? '').trim() === '' && j - i <= 2) j++;
  const next = (lines[j] ?? '').trim().replace(/^[|│]\s{0,3}/, '');
  if (next.length > 30) return null;
  const value = findMoney(next, krone)[0];
  return value && next.indexOf(value.matched) <= 3 ? value : null;
}
