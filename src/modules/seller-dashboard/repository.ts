// The dashboard's one call: seller_dashboard_text (migration 050) reads the rollup's days, orders to
// ship, returns waiting, low stock and the rating with its trend, and writes the response body. On
// PostgreSQL the call is a prepared statement too (decision 021); the function keeps its plan on both.
import { CompiledQuery, type Kysely } from 'kysely';
import { preparedStatement } from '../../db/prepared.ts';
import type { DB } from '../../db/types.ts';

const DASHBOARD = preparedStatement(
  'seller_dashboard_text',
  'select seller_dashboard_text($1, $2::date, $3, $4, $5, $6, $7, $8, $9, $10, $11) as body',
);

export type DashboardReading = {
  /** The signed-in account: its store is the one read. */
  ownerUserId: string;
  firstDay: string;
  dayCount: number;
  now: Date;
  lateBefore: Date;
  recentFrom: Date;
  earlierFrom: Date;
  lowStockAt: number;
  lowStockShown: number;
  handlingBusinessDays: number;
  trendDays: number;
};

/** The dashboard of the account's store as JSON text in DashboardSchema's shape, or undefined when it has no store. */
export async function readDashboardText(db: Kysely<DB>, r: DashboardReading): Promise<string | undefined> {
  const { rows } = await db.executeQuery<{ body: string | null }>(
    CompiledQuery.raw(DASHBOARD, [
      r.ownerUserId,
      r.firstDay,
      r.dayCount,
      r.now,
      r.lateBefore,
      r.recentFrom,
      r.earlierFrom,
      r.lowStockAt,
      r.lowStockShown,
      r.handlingBusinessDays,
      r.trendDays,
    ]),
  );
  return rows[0]?.body ?? undefined;
}
