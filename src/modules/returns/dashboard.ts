// The seller dashboard's pieces of returns (decision 055): the store's returns waiting for it, as a
// subquery of the dashboard's one statement, and what was refunded of orders, for the accounting export.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.ts';

export type ReturnsWaiting = { answer: number; overdue: number; parcels: number };

/**
 * The store's returns that wait for the seller: requests to answer (and how many of them are past
 * their answer-by time, which escalates them), and return parcels on their way to be received.
 */
export const returnsWaitingOf = (storeId: string, now: Date): RawBuilder<ReturnsWaiting> =>
  sql<ReturnsWaiting>`(select json_build_object(
      'answer', count(*) filter (where status = 'requested'),
      'overdue', count(*) filter (where status = 'requested' and respond_by < ${now}),
      'parcels', count(*) filter (where status = 'awaiting_return'))
    from return_requests where store_id = ${storeId} and status in ('requested', 'awaiting_return'))`;

/**
 * What was refunded of each of these orders through returns and disputes (refunds that succeeded),
 * for the seller's accounting export; orders without any are absent.
 */
export async function refundedOf(db: Kysely<DB>, orderIds: string[]): Promise<Map<string, number>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('refunds')
    .select(['order_id', sql<number>`sum(amount_minor)::int`.as('refunded')])
    .where('order_id', '=', sql<string>`any(${orderIds}::uuid[])`)
    .where('status', '=', 'succeeded')
    .groupBy('order_id')
    .execute();
  return new Map(rows.map((r) => [r.order_id, r.refunded]));
}
