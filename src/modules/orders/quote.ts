// What a cart costs when shipped to a country: one group per seller (one order each), with its
// items at today's prices, the discount from running offers, and shipping. Shipping per order is
// the sum of the rates of the distinct shipping profiles in it; delivery takes the slowest.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { ErrorCode } from '../../errors.ts';
import type { CartLineRow } from '../cart/index.ts';
import { problemOf, unitPriceOf } from '../cart/index.ts';

export type Rate = { profile_id: string; cost_minor: number; min_days: number; max_days: number };

export type QuoteGroup = {
  storeId: string;
  storeName: string;
  currency: string;
  lines: CartLineRow[];
  /** at list prices */
  itemsMinor: number;
  discountMinor: number;
  /** null when the seller does not ship every item to the country */
  shippingMinor: number | null;
  minDays: number;
  maxDays: number;
};

export type QuoteProblem = { code: ErrorCode; productId?: string; storeId?: string };

export type Quote = {
  country: string;
  groups: QuoteGroup[];
  currency: string | null;
  totalMinor: number;
  problems: QuoteProblem[];
};

/**
 * The largest amount of money an order or checkout can hold: its amounts are PostgreSQL integers
 * (minor units). Each price and quantity is within its schema's bounds, but 99 of a product at the
 * highest price already pass it; such a cart is refused with ORDER_TOO_LARGE before anything is
 * written, instead of failing in the database (decision 034).
 */
export const MAX_ORDER_MINOR = 2_147_483_647;

export async function ratesFor(db: Kysely<DB>, profileIds: string[], country: string): Promise<Rate[]> {
  if (profileIds.length === 0) return [];
  const result = await sql<Rate>`
    select profile_id, cost_minor, min_days, max_days from shipping_rates
    where country = ${country} and profile_id = any(${profileIds}::uuid[])`.execute(db);
  return result.rows;
}

export function buildQuote(lines: CartLineRow[], rates: Rate[], country: string): Quote {
  const rateOf = new Map(rates.map((r) => [r.profile_id, r]));
  const groups = new Map<string, QuoteGroup>();
  const problems: QuoteProblem[] = [];
  if (lines.length === 0) problems.push({ code: 'CART_EMPTY' });
  for (const line of lines) {
    const problem = problemOf(line);
    // A line that does not ship to the country is its seller's NOT_SHIPPABLE, below.
    if (problem && problem !== 'not_shippable')
      problems.push({
        code:
          problem === 'unavailable'
            ? 'PRODUCT_UNAVAILABLE'
            : problem === 'choose_option'
              ? 'VARIANT_NOT_CHOSEN'
              : 'OUT_OF_STOCK',
        productId: line.product_id,
      });
    let group = groups.get(line.store_id);
    if (!group) {
      group = {
        storeId: line.store_id,
        storeName: line.store_name,
        currency: line.currency,
        lines: [],
        itemsMinor: 0,
        discountMinor: 0,
        shippingMinor: 0,
        minDays: 0,
        maxDays: 0,
      };
      groups.set(line.store_id, group);
    }
    group.lines.push(line);
    group.itemsMinor += line.price_minor * line.quantity;
    group.discountMinor += (line.price_minor - unitPriceOf(line)) * line.quantity;
  }
  for (const group of groups.values()) {
    const profiles = new Set(group.lines.map((l) => l.shipping_profile_id));
    for (const profile of profiles) {
      const rate = rateOf.get(profile);
      if (!rate) {
        group.shippingMinor = null;
        continue;
      }
      if (group.shippingMinor !== null) group.shippingMinor += rate.cost_minor;
      group.minDays = Math.max(group.minDays, rate.min_days);
      group.maxDays = Math.max(group.maxDays, rate.max_days);
    }
    if (group.shippingMinor === null) problems.push({ code: 'NOT_SHIPPABLE', storeId: group.storeId });
    if (new Set(group.lines.map((l) => l.currency)).size > 1)
      problems.push({ code: 'CART_MIXED_CURRENCIES', storeId: group.storeId });
  }
  const currencies = new Set(lines.map((l) => l.currency));
  if (currencies.size > 1 && !problems.some((p) => p.code === 'CART_MIXED_CURRENCIES'))
    problems.push({ code: 'CART_MIXED_CURRENCIES' });
  const list = [...groups.values()];
  const totalMinor = list.reduce((sum, g) => sum + g.itemsMinor - g.discountMinor + (g.shippingMinor ?? 0), 0);
  // The checkout total is the largest amount stored, except a group's items at list price.
  if (totalMinor > MAX_ORDER_MINOR || list.some((g) => g.itemsMinor > MAX_ORDER_MINOR))
    problems.push({ code: 'ORDER_TOO_LARGE' });
  return { country, groups: list, currency: currencies.size === 1 ? [...currencies][0]! : null, totalMinor, problems };
}

export const groupTotal = (g: QuoteGroup) => g.itemsMinor - g.discountMinor + (g.shippingMinor ?? 0);
