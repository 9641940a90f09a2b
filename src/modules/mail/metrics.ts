// For GET /metrics (decision 041), as a piece of the metrics module's one statement: the outbox's
// backlog, mails neither sent nor given up, and how long the oldest of them has waited (seconds).
import { sql, type RawBuilder } from 'kysely';

export const mailBacklogGauges: RawBuilder<unknown> = sql`(
  select json_build_object(
    'count', count(*)::int,
    'oldest_age', coalesce(extract(epoch from now() - min(created_at))::float8, 0)
  )
  from mail_outbox where sent_at is null and failed_at is null
)`;
