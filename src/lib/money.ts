import { obj, type FromSchema } from '../schemas.ts';
import { isCurrencyCode, minorUnitExponent } from './iso4217.ts';
import { DEFAULT_LANGUAGE, localeOf, type Language } from './languages.ts';

export const MoneySchema = obj({ amount: { type: 'integer' }, currency: { type: 'string' } });

export type Money = FromSchema<typeof MoneySchema>;

export const money = (amount: number, currency: string): Money => ({ amount, currency });

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * "$45.00", "¥4,500", "KWD 1.250" in English, "45,00 $US" in French: minor units as ISO 4217
 * counts them (2 for a code it does not list), written as the reader's language writes amounts.
 */
export function formatMoney(amountMinor: number, currency: string, language: Language = DEFAULT_LANGUAGE): string {
  const locale = localeOf(language);
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
