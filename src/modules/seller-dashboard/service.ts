// The seller dashboard's figures (issue 19, decision 055): what they count (the constants below) and
// the moments they are counted from; the database reads them and writes the body in one call.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { readSessionDashboard, type SessionDashboard } from './repository.ts';

export const DASHBOARD_DAYS = 90;
/** A paid order not shipped after this many business days (Monday to Friday, UTC) is late (decision 055). */
export const HANDLING_BUSINESS_DAYS = 3;
/** A product or variant with this many or fewer in stock is running low. */
export const LOW_STOCK_AT = 5;
export const LOW_STOCK_SHOWN = 10;
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

/**
 * The session of `sessionToken` and the dashboard of its account's store as JSON text
 * (DashboardSchema's shape, written by the database: migrations 050 and 056), in one round trip;
 * the body is null when the account has no store. Every one of the last DASHBOARD_DAYS UTC days,
 * today last.
 */
export async function sellerDashboardOfSession(
  db: Kysely<DB>,
  sessionToken: string,
  now = new Date(),
): Promise<SessionDashboard> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return readSessionDashboard(db, {
    sessionToken,
    firstDay: isoDay(today - (DASHBOARD_DAYS - 1) * DAY),
    dayCount: DASHBOARD_DAYS,
    now,
    lateBefore: businessDaysBefore(now, HANDLING_BUSINESS_DAYS),
    recentFrom: new Date(now.getTime() - TREND_DAYS * DAY),
    earlierFrom: new Date(now.getTime() - 2 * TREND_DAYS * DAY),
    lowStockAt: LOW_STOCK_AT,
    lowStockShown: LOW_STOCK_SHOWN,
    handlingBusinessDays: HANDLING_BUSINESS_DAYS,
    trendDays: TREND_DAYS,
  });
}
