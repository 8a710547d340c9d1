/** An amount of money as written in mail: `$54.00 USD`, `USD 129.99`, `84,50 €`, `£12.50`, `1.234,56 EUR`. */
export interface Money {
  amount: number;
  currency: string | null;
  matched: string;
}

const SYMBOLS: Record<string, string> = {
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  C$: 'CAD',
  A$: 'AUD',
  CHF: 'CHF',
};
const CODES = 'USD|EUR|GBP|CAD|AUD|CHF|JPY|SEK|NOK|DKK|PLN|CZK|MXN|BRL|INR|NZD';

// Each part is bounded; no nested unbounded quantifiers, so matching stays linear.
const AMOUNT = '(\\d{1,3}(?:[.,\\u00a0 ]\\d{3}){0,4}(?:[.,]\\d{1,2})?|\\d{1,9}(?:[.,]\\d{1,2})?)';
const MONEY = new RegExp(
  `(?:(${CODES})\\s?)?(C\\$|A\\$|[$€£¥])?\\s?${AMOUNT}\\s?(C\\$|A\\$|[$€£¥])?(?:\\s?(${CODES}))?(?![\\d])`,
  'g',
);

export function parseAmount(text: string): number | null {
  const compact = text.replace(/[\u00a0 ]/g, '');
  const lastSep = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  // A separator followed by one or two digits is the decimal mark; otherwise it groups thousands.
  if (lastSep >= 0 && compact.length - lastSep - 1 <= 2) {
    const whole = compact.slice(0, lastSep).replace(/[.,]/g, '');
    return Number(`${whole}.${compact.slice(lastSep + 1)}`);
  }
  const n = Number(compact.replace(/[.,]/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** Every amount in a text that carries a currency (a bare number is not money). */
export function findMoney(text: string): Money[] {
  const found: Money[] = [];
  for (const m of text.matchAll(MONEY)) {
    const [matched, codeBefore, symbolBefore, digits, symbolAfter, codeAfter] = m;
    const code = codeBefore ?? codeAfter ?? null;
    const symbol = symbolBefore ?? symbolAfter ?? null;
    if (!code && !symbol) continue;
    const amount = digits ? parseAmount(digits) : null;
    if (amount === null) continue;
    found.push({ amount, currency: code ?? (symbol ? (SYMBOLS[symbol] ?? null) : null), matched: matched.trim() });
  }
  return found;
}
