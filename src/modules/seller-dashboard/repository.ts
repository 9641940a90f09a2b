// The dashboard's one call: seller_dashboard_of_session (migration 056) reads the session of the
// request's token and seller_dashboard_text (050, 056) the rollup's days (kept per store), orders to
// ship, returns waiting, low stock and the rating with its trend, and writes the response body. On
// PostgreSQL the call is a prepared statement too (decision 021); the functions keep their plans on both.
import { CompiledQuery, type Kysely } from 'kysely';
import { preparedStatement } from '../../db/prepared.ts';
import type { DB } from '../../db/types.ts';
import type { SessionUser } from '../auth/index.ts';

const DASHBOARD = preparedStatement(
  'seller_dashboard_of_session',
  'select * from seller_dashboard_of_session($1, $2::date, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
);

export type DashboardReading = {
  /** The request's session token: its account's store is the one read. */
  sessionToken: string;
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

/** What the session's token reads: its user (null: no live session) and its store's dashboard (null: no store). */
export type SessionDashboard = { user: SessionUser | null; body: string | null };

/** The session of the token and, as JSON text in DashboardSchema's shape, the dashboard of its account's store. */
export async function readSessionDashboard(db: Kysely<DB>, r: DashboardReading): Promise<SessionDashboard> {
  const { rows } = await db.executeQuery<SessionUser & { body: string | null }>(
    CompiledQuery.raw(DASHBOARD, [
      r.sessionToken,
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
  const row = rows[0];
  if (row === undefined) return { user: null, body: null };
  const { body, ...user } = row;
  return { user, body };
}
