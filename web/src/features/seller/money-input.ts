// Prices typed by people ("12.50", "12,50", "1 200") to minor units and back, for the currency's
// number of decimals (2 for USD, 0 for JPY), written with the reader's decimal mark ("12,50" in French).
import { currencyDigits, formatLocale } from '../../lib/format.ts';

let mark: { locale: string | undefined; decimal: string } | undefined;

/** "." or ",": the decimal mark of the reader's locale (rebuilt when it changes). */
function decimalMark(): string {
  const locale = formatLocale();
  if (mark === undefined || mark.locale !== locale) {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
    mark = { locale, decimal: part?.value === ',' ? ',' : '.' };
  }
  return mark.decimal;
}

/** Minor units for a typed amount, or null when it is not a plain non-negative amount. */
export function parseMoneyInput(text: string, currency: string): number | null {
  const cleaned = text
    .trim()
    .replace(/[\s\u00a0']/g, '')
    .replace(',', '.');
  const digits = currencyDigits(currency);
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`);
  if (!pattern.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.split('.');
  const value = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(value) ? value : null;
}

/** The amount as people type it, without grouping or symbol: 1250 USD → "12.50" ("12,50" in French). */
export function moneyInputValue(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits).replace('.', decimalMark());
}

/** "Enter an amount like 12.50" in the currency's own shape. */
export function moneyExample(currency: string): string {
  return moneyInputValue(1250 * 10 ** Math.max(0, currencyDigits(currency) - 2), currency);
}
