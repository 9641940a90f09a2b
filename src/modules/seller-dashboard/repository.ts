// The dashboard's one statement: the rollup's days, orders to ship, returns waiting, low stock and the rating with
// its trend, each a piece written by the module that owns its table.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { lowStockOf, productIdsOfStore, storeRatingTotalsOf, type LowStockItem } from '../catalog/index.ts';
import { ordersToShipOf } from '../orders/index.ts';
import { reviewTrendOf, type ReviewTrend } from '../posts/index.ts';
import { returnsWaitingOf, type ReturnsWaiting } from '../returns/index.ts';

export type DayRow = { day: string; currency: string; orders: number; salesMinor: number };

export type DashboardRow = {
  days: DayRow[];
  to_ship: { toShip: number; late: number };
  returns: ReturnsWaiting;
  low_stock: { count: number; items: LowStockItem[] };
  rating: { sum: number; count: number };
  trend: ReviewTrend;
};

export async function readDashboard(
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
