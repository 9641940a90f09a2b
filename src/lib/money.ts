import { obj, type FromSchema } from '../schemas.ts';
import { isCurrencyCode, minorUnitExponent } from './iso4217.ts';

export const MoneySchema = obj({ amount: { type: 'integer' }, currency: { type: 'string' } });

export type Money = FromSchema<typeof MoneySchema>;

export const money = (amount: number, currency: string): Money => ({ amount, currency });

const formatters = new Map<string, Intl.NumberFormat>();

/** "$45.00", "¥4,500", "KWD 1.250": minor units as ISO 4217 counts them (2 for a code it does not list). */
export function formatMoney(amountMinor: number, currency: string, locale = 'en-US'): string {
  const digits = isCurrencyCode(currency) ? minorUnitExponent(currency) : 2;
  const key = `${locale}|${currency}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, format);
  }
  return format.format(amountMinor / 10 ** digits);
}
