// For the /admin overview (one statement assembled by the deletion module's admin side): tickets
// waiting for support, and since when the oldest has waited.
import { sql, type RawBuilder } from 'kysely';

export type QueueSummary = { count: number; oldest: string | null };

/** A scalar subquery: `{ count, oldest }` of open tickets, oldest by their last activity. */
export const openTicketsSummary = (): RawBuilder<QueueSummary> =>
  sql<QueueSummary>`(select json_build_object('count', count(*)::int, 'oldest', min(updated_at))
    from support_tickets where status = 'open')`;
