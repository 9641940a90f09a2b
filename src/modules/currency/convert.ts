// Converting an amount of minor units from one currency to another, exactly (decision 058).
// A rate set says how many units of each currency one unit of its base buys ("1 EUR = 1.0834 USD").
// Rates are decimals of at most 12 places, kept as exact integers of 10⁻¹² (never floats), so a
// conversion is one integer division rounded half away from zero: the same answer on every machine
// and in every process, never off by a minor unit.
import { minorUnitExponent } from '../../lib/iso4217.ts';

/** Decimal places a rate may have. */
export const RATE_SCALE = 12;
/** A rate as written: digits, at most one point, at most 12 places, at most 12 digits before it. */
const RATE_PATTERN = '^(?=.*[1-9])[0-9]{1,12}(\\.[0-9]{1,12})?$';
const RATE_RE = new RegExp(RATE_PATTERN);

/** A rate in units of 10⁻¹²: "1.0834" → 1083400000000n. */
export type ScaledRate = bigint;

/** The rate as an exact integer of 10⁻¹², or null when it is not a positive decimal Souk accepts. */
export function parseRate(text: string): ScaledRate | null {
  if (!RATE_RE.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole! + fraction.padEnd(RATE_SCALE, '0'));
}

/** The rate back as the shortest decimal: 1083400000000n → "1.0834". */
export function formatRate(rate: ScaledRate): string {
  const digits = rate.toString().padStart(RATE_SCALE + 1, '0');
  const whole = digits.slice(0, -RATE_SCALE);
  const fraction = digits.slice(-RATE_SCALE).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

const TEN = 10n;

/** a / b rounded half away from zero (b > 0). */
function divideRounded(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (2n * (r < 0n ? -r : r) >= b) return a < 0n ? q - 1n : q + 1n;
  return q;
}

/**
 * `amount` minor units of `from` in minor units of `to`, given each currency's rate against the same
 * base: amount × (toRate / fromRate), moved between the currencies' minor units (ISO 4217), rounded
 * half away from zero. Throws when the answer is beyond a safe integer.
 */
export function convertMinor(
  amount: number,
  from: { currency: string; rate: ScaledRate },
  to: { currency: string; rate: ScaledRate },
): number {
  if (!Number.isSafeInteger(amount)) throw new RangeError('amount must be a safe integer');
  if (from.currency === to.currency) return amount;
  const shift = minorUnitExponent(to.currency) - minorUnitExponent(from.currency);
  let numerator = BigInt(amount) * to.rate;
  let denominator = from.rate;
  if (shift > 0) numerator *= TEN ** BigInt(shift);
  else if (shift < 0) denominator *= TEN ** BigInt(-shift);
  const result = divideRounded(numerator, denominator);
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError('converted amount is beyond a safe integer');
  return Number(result);
}

/**
 * How many units of `to` one unit of `from` buys, as a decimal of `significant` digits (rounded half
 * away from zero), for people to read beside a converted amount ("1 USD = 0.862069 EUR"). Exact
 * conversions use the two rates themselves (convertMinor), never this.
 */
export function formatCrossRate(fromRate: ScaledRate, toRate: ScaledRate, significant = 6): string {
  // toRate / fromRate with 30 places: enough for any ratio of two rates of 12 digits and 12 places.
  const places = 30;
  const scaled = divideRounded(toRate * TEN ** BigInt(places), fromRate);
  const digits = scaled.toString();
  const drop = Math.max(0, digits.length - significant);
  const kept = drop > 0 ? divideRounded(scaled, TEN ** BigInt(drop)) * TEN ** BigInt(drop) : scaled;
  const text = kept.toString().padStart(places + 1, '0');
  const whole = text.slice(0, -places).replace(/^0+(?=\d)/, '');
  const fraction = text.slice(-places).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}
