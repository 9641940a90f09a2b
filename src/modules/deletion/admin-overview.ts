// The /admin overview (issue 19): what waits for staff, with the oldest due dates: open support
// tickets, open disputes, deletion requests, and refunds whose last attempt failed. One statement:
// each queue's owner writes its own subquery (support, returns), this module its deletion requests.
import { sql } from 'kysely';
import { MoneySchema, money } from '../../lib/money.ts';
import { DateTimeSchema, errorResponses, nullable, obj, type RouteApp } from '../../schemas.ts';
import { failedRefundsSummary, openDisputesSummary } from '../returns/index.ts';
import { requireRole } from '../roles/index.ts';
import { openTicketsSummary, type QueueSummary } from '../support/index.ts';

const nullableDate = nullable(DateTimeSchema);
const Queue = (oldest: string) =>
  obj({
    count: { type: 'integer' },
    overdue: { type: 'integer' },
    oldest: { ...nullableDate, description: oldest },
  });

const OverviewSchema = obj({
  tickets: obj({
    count: { type: 'integer' },
    oldest: { ...nullableDate, description: 'The last activity of the ticket waiting longest.' },
  }),
  disputes: Queue('The earliest due date of an open dispute.'),
  deletions: Queue('The earliest due date of an open deletion request.'),
  failedRefunds: obj({
    count: { type: 'integer' },
    items: {
      type: 'array',
      description: 'Up to 20, soonest next attempt first.',
      items: obj({
        refundId: { type: 'string', description: 'For POST /api/admin/refunds/{id}/retry.' },
        returnNumber: { type: ['string', 'null'] },
        disputeId: { type: ['string', 'null'] },
        amount: MoneySchema,
        attempt: { type: 'integer' },
        failureCode: { type: ['string', 'null'] },
        nextAttemptAt: DateTimeSchema,
      }),
    },
  }),
});

type CountedQueue = QueueSummary & { overdue: number };
const iso = (d: string | null) => (d === null ? null : new Date(d).toISOString());

export async function adminOverviewRoutes(app: RouteApp): Promise<void> {
  const { db } = app.souk;
  app.get(
    '/api/admin/overview',
    {
      onRequest: requireRole('staff'),
      schema: {
        tags: ['admin'],
        summary:
          'What waits for staff: open tickets, disputes, deletion requests (counts, oldest due dates), failed refunds.',
        response: { 200: OverviewSchema, ...errorResponses },
      },
    },
    async () => {
      const row = await db
        .selectNoFrom([
          openTicketsSummary().as('tickets'),
          openDisputesSummary().as('disputes'),
          sql<CountedQueue>`(select json_build_object('count', count(*)::int,
              'overdue', (count(*) filter (where due_at < now()))::int, 'oldest', min(due_at))
            from deletion_requests where status in ('received', 'processing', 'needs_attention'))`.as('deletions'),
          failedRefundsSummary().as('refunds'),
        ])
        .executeTakeFirstOrThrow();
      // Drivers hand json back parsed (pg) or as text (some configurations): accept both.
      const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
      const tickets = parse(row.tickets);
      const disputes = parse(row.disputes);
      const deletions = parse(row.deletions);
      const refunds = parse(row.refunds);
      return {
        tickets: { count: tickets.count, oldest: iso(tickets.oldest) },
        disputes: { count: disputes.count, overdue: disputes.overdue, oldest: iso(disputes.oldest) },
        deletions: { count: deletions.count, overdue: deletions.overdue, oldest: iso(deletions.oldest) },
        failedRefunds: {
          count: refunds.count,
          items: refunds.items.map((f) => ({
            refundId: f.refund_id,
            returnNumber: f.return_number,
            disputeId: f.dispute_id,
            amount: money(f.amount_minor, f.currency),
            attempt: f.attempt,
            failureCode: f.failure_code,
            nextAttemptAt: iso(f.next_attempt_at)!,
          })),
        },
      };
    },
  );
}
