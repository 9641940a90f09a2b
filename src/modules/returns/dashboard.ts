// The seller dashboard's piece of returns (decision 055): the store's returns waiting for it, as a
// subquery of the dashboard's one statement.
import { sql, type RawBuilder } from 'kysely';

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
