// Locale-aware display of money, dates and counts. The reader's language decides the format (the
// browser's own tag when it is of that language: "en-GB", "fr-CA"; set by web/src/i18n on every
// change of language); the currency decides how many minor units make one major unit (100 for EUR,
// 1 for JPY).
import type { Money } from '../api/client.ts';

let locale: string | undefined;
let moneyCache = new Map<string, Intl.NumberFormat>();
let dateFormat: Intl.DateTimeFormat | undefined;
let dateTimeFormat: Intl.DateTimeFormat | undefined;
let countFormat: Intl.NumberFormat | undefined;

/** The locale every format here follows from now on (undefined: the runtime's default). */
export function setFormatLocale(next: string | undefined): void {
  if (next === locale) return;
  locale = next;
  moneyCache = new Map();
  dateFormat = dateTimeFormat = countFormat = undefined;
}

/** The locale formats follow, for code that builds its own Intl formatter. */
export function formatLocale(): string | undefined {
  return locale;
}

// ISO 4217 minor units where they are not 2 (src/lib/iso4217.ts is the server's copy; the web app
// imports nothing from the server, and test/currency.test.ts checks that the two agree). Intl's
// display digits differ for some (IQD is shown without decimals but counted in thousandths).
const ZERO_DIGITS = new Set('BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF'.split(' '));
const THREE_DIGITS = new Set('BHD IQD JOD KWD LYD OMR TND'.split(' '));

/** Minor units of a currency as ISO 4217 counts them: 2 for USD, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  return ZERO_DIGITS.has(currency) ? 0 : THREE_DIGITS.has(currency) ? 3 : 2;
}

export function formatMoney({ amount, currency }: Money): string {
  const major = amount / 10 ** currencyDigits(currency);
  let format = moneyCache.get(currency);
  if (format === undefined) {
    try {
      const digits = currencyDigits(currency);
      format = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
    } catch {
      return `${major.toFixed(currencyDigits(currency))} ${currency}`;
    }
    moneyCache.set(currency, format);
  }
  return format.format(major);
}

/** Parses an ISO date-time; null when absent or unreadable. */
export function parseDate(iso: string | null): Date | null {
  if (iso === null) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(date: Date): string {
  dateFormat ??= new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return dateFormat.format(date);
}

export function formatDateTime(date: Date): string {
  dateTimeFormat ??= new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return dateTimeFormat.format(date);
}

export function formatCount(count: number): string {
  countFormat ??= new Intl.NumberFormat(locale);
  return countFormat.format(count);
}
