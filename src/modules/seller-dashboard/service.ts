// The seller dashboard's figures (issue 19, decision 055), read in one statement and shaped here:
// every one of the last 90 UTC days, with none where nothing sold.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { ratingOf } from '../catalog/index.ts';
import { readDashboard } from './repository.ts';
import type { Dashboard } from './schemas.ts';

export const DASHBOARD_DAYS = 90;
/** A paid order not shipped after this many business days (Monday to Friday, UTC) is late (decision 055). */
export const HANDLING_BUSINESS_DAYS = 3;
/** A product or variant with this many or fewer in stock is running low. */
export const LOW_STOCK_AT = 5;
const LOW_STOCK_SHOWN = 10;
/** The rating's trend: the reviews of the last 30 days against the 30 before. */
export const TREND_DAYS = 30;

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The moment `businessDays` business days (Saturdays and Sundays skipped, UTC) before `now`. */
export function businessDaysBefore(now: Date, businessDays: number): Date {
  let t = now.getTime();
  for (let left = businessDays; left > 0; ) {
    t -= DAY;
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return new Date(t);
}

export async function sellerDashboard(db: Kysely<DB>, storeId: string, now = new Date()): Promise<Dashboard> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const dates = Array.from({ length: DASHBOARD_DAYS }, (_, i) => isoDay(today - (DASHBOARD_DAYS - 1 - i) * DAY));
  const row = await readDashboard(db, storeId, {
    now,
    firstDay: dates[0]!,
    lateBefore: businessDaysBefore(now, HANDLING_BUSINESS_DAYS),
    lowStockAt: LOW_STOCK_AT,
    lowStockShown: LOW_STOCK_SHOWN,
    trendDays: TREND_DAYS,
  });
  const index = new Map(dates.map((d, i) => [d, i]));
  const orders = dates.map(() => 0);
  const sales = new Map<string, number[]>();
  for (const d of row.days) {
    const i = index.get(d.day);
    if (i === undefined) continue;
    orders[i]! += d.orders;
    let amounts = sales.get(d.currency);
    if (!amounts) sales.set(d.currency, (amounts = dates.map(() => 0)));
    amounts[i] = Number(d.salesMinor);
  }
  const recent = ratingOf(row.trend.recentSum, row.trend.recentCount);
  const earlier = ratingOf(row.trend.earlierSum, row.trend.earlierCount);
  const trend =
    recent.average === null || earlier.average === null
      ? 'unknown'
      : recent.average > earlier.average
        ? 'up'
        : recent.average < earlier.average
          ? 'down'
          : 'steady';
  return {
    days: dates.map((date, i) => ({ date, orders: orders[i]! })),
    sales: [...sales.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amounts]) => ({ currency, amounts })),
    returns: row.returns,
    toShip: { count: row.to_ship.toShip, late: row.to_ship.late, handlingBusinessDays: HANDLING_BUSINESS_DAYS },
    lowStock: { threshold: LOW_STOCK_AT, count: row.low_stock.count, items: row.low_stock.items },
    rating: { ...ratingOf(row.rating.sum, row.rating.count), recent, earlier, trend, trendDays: TREND_DAYS },
  };
}
