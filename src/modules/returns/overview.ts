// For the /admin overview (one statement assembled by the deletion module's admin side): open
// disputes with the oldest due date, and refunds whose last attempt failed.
import { sql, type RawBuilder } from 'kysely';

export type DisputesSummary = { count: number; overdue: number; oldest: string | null };
export type FailedRefundsSummary = {
  count: number;
  items: Array<{
    refund_id: string;
    return_number: string | null;
    dispute_id: string | null;
    amount_minor: number;
    currency: string;
    attempt: number;
    failure_code: string | null;
    next_attempt_at: string;
  }>;
};

/** A scalar subquery: `{ count, overdue, oldest }` of open disputes (oldest: the earliest due date). */
export const openDisputesSummary = (): RawBuilder<DisputesSummary> =>
  sql<DisputesSummary>`(select json_build_object('count', count(*)::int,
      'overdue', (count(*) filter (where due_at < now()))::int, 'oldest', min(due_at))
    from disputes where status = 'open')`;

/** A scalar subquery: failed refunds (their last attempt failed), soonest next attempt first, at most 20 listed. */
export const failedRefundsSummary = (): RawBuilder<FailedRefundsSummary> =>
  sql<FailedRefundsSummary>`(select json_build_object(
      'count', (select count(*)::int from refunds where status = 'failed'),
      'items', coalesce(json_agg(f order by f.next_attempt_at), '[]'::json))
    from (select f.id as refund_id, r.number as return_number, d.id as dispute_id, f.amount_minor, f.currency, f.attempt,
        f.failure_code, f.next_attempt_at
      from refunds f
      left join return_requests r on r.id = f.return_id
      left join disputes d on d.return_id = f.return_id
      where f.status = 'failed' order by f.next_attempt_at limit 20) f)`;
