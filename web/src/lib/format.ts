// Locale-aware display of money, dates and counts. The browser's locale decides the format;
// the currency decides how many minor units make one major unit (100 for EUR, 1 for JPY).
import type { Money } from '../api/client.ts';

const digitsCache = new Map<string, number>();
const moneyCache = new Map<string, Intl.NumberFormat>();

/** Decimal places of a currency (2 for USD, 0 for JPY, 3 for KWD); 2 for codes Intl does not know. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

export function formatMoney({ amount, currency }: Money): string {
  const major = amount / 10 ** currencyDigits(currency);
  let format = moneyCache.get(currency);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      return `${major.toFixed(currencyDigits(currency))} ${currency}`;
    }
    moneyCache.set(currency, format);
  }
  return format.format(major);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const countFormat = new Intl.NumberFormat();

/** Parses an ISO date-time; null when absent or unreadable. */
export function parseDate(iso: string | null): Date | null {
  if (iso === null) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** "1 result", "1,234 results". */
export function pluralize(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
