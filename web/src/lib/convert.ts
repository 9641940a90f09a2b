// Converting prices for display (issue 20, decision 058): the server's exact arithmetic
// (src/modules/currency/convert.ts), which the web app cannot import; test/currency.test.ts checks
// on random amounts, currencies and rates that both give the same answer. Rates arrive as exact
// decimal strings from GET /api/currencies; no float takes part.
import { currencyDigits } from './format.ts';

/** "1.0834" → 1083400000000n (units of 10⁻¹²); null when it is not such a decimal. */
export function parseRate(text: string): bigint | null {
  if (!/^(?=.*[1-9])[0-9]{1,12}(\.[0-9]{1,12})?$/.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole! + fraction.padEnd(12, '0'));
}

/** `amount` minor units of `from` in minor units of `to`, rounded half away from zero; null beyond a safe integer. */
export function convertMinor(
  amount: number,
  from: { currency: string; rate: bigint },
  to: { currency: string; rate: bigint },
): number | null {
  if (from.currency === to.currency) return amount;
  const shift = currencyDigits(to.currency) - currencyDigits(from.currency);
  let numerator = BigInt(amount) * to.rate;
  let denominator = from.rate;
  if (shift > 0) numerator *= 10n ** BigInt(shift);
  else if (shift < 0) denominator *= 10n ** BigInt(-shift);
  let result = numerator / denominator;
  const remainder = numerator % denominator;
  if (2n * (remainder < 0n ? -remainder : remainder) >= denominator) result += numerator < 0n ? -1n : 1n;
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  return result > limit || result < -limit ? null : Number(result);
}
