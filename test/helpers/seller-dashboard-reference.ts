// The seller dashboard as the route answered it before migration 050 (decision 055's addendum): the
// one statement built from the owning modules' pieces, and the TypeScript mapping of its row,
// verbatim. test/seller-dashboard-body.test.ts serialises it with the route's response schema and
// compares the database-written body with it byte for byte.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/types.ts';
import {
  lowStockOf,
  productIdsOfStore,
  ratingOf,
  storeRatingTotalsOf,
  type LowStockItem,
} from '../../src/modules/catalog/index.ts';
import { ordersToShipOf } from '../../src/modules/orders/index.ts';
import { reviewTrendOf, type ReviewTrend } from '../../src/modules/posts/index.ts';
import { returnsWaitingOf, type ReturnsWaiting } from '../../src/modules/returns/index.ts';
import type { Dashboard } from '../../src/modules/seller-dashboard/schemas.ts';
import {
  businessDaysBefore,
  DASHBOARD_DAYS,
  HANDLING_BUSINESS_DAYS,
  LOW_STOCK_AT,
  LOW_STOCK_SHOWN,
  TREND_DAYS,
} from '../../src/modules/seller-dashboard/service.ts';

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

type DayRow = { day: string; currency: string; orders: number; salesMinor: number };

type DashboardRow = {
  days: DayRow[];
  to_ship: { toShip: number; late: number };
  returns: ReturnsWaiting;
  low_stock: { count: number; items: LowStockItem[] };
  rating: { sum: number; count: number };
  trend: ReviewTrend;
};

async function readDashboard(
  db: Kysely<DB>,
  storeId: string,
  at: { now: Date; firstDay: string; lateBefore: Date; lowStockAt: number; lowStockShown: number; trendDays: number },
): Promise<DashboardRow> {
  const result = await sql<DashboardRow>`select
      (select coalesce(json_agg(json_build_object('day', day, 'currency', currency, 'orders', orders, 'salesMinor', sales_minor)
          order by day, currency), '[]'::json)
        from store_sales_days where store_id = ${storeId} and day >= ${at.firstDay}::date) as days,
      ${ordersToShipOf(storeId, at.lateBefore)} as to_ship,
      ${returnsWaitingOf(storeId, at.now)} as returns,
      ${lowStockOf(storeId, at.lowStockAt, at.lowStockShown)} as low_stock,
      ${storeRatingTotalsOf(storeId)} as rating,
      ${reviewTrendOf(productIdsOfStore(storeId), at.now, at.trendDays)} as trend`.execute(db);
  return result.rows[0]!;
}

export async function referenceDashboard(db: Kysely<DB>, storeId: string, now: Date): Promise<Dashboard> {
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
