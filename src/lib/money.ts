import { obj, type FromSchema } from '../schemas.ts';

export const MoneySchema = obj({ amount: { type: 'integer' }, currency: { type: 'string' } });

export type Money = FromSchema<typeof MoneySchema>;

export const money = (amount: number, currency: string): Money => ({ amount, currency });

const formatters = new Map<string, Intl.NumberFormat>();

/** "$45.00", "¥4,500": minor units shown with the currency's own number of decimals. */
export function formatMoney(amountMinor: number, currency: string, locale = 'en-US'): string {
  const key = `${locale}|${currency}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}
