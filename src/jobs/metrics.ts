// For GET /metrics (decision 041), as a piece of the metrics module's one statement: per pg-boss
// queue (every queue, 0 when empty), the jobs ready to run (created or waiting to retry, their start time reached) and how long
// the oldest of them has been ready (seconds). pg-boss's own queue counters are refreshed by its
// monitor every minute or so; these are read at scrape time instead.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/types.ts';

export const jobQueueGauges: RawBuilder<unknown> = sql`(
  select coalesce(json_agg(json_build_object('queue', name, 'depth', n, 'oldest_age', oldest_age)), '[]'::json)
  from (
    select q.name, count(j.id)::int as n, coalesce(extract(epoch from now() - min(j.start_after))::float8, 0) as oldest_age
    from pgboss.queue q
    left join pgboss.job j on j.name = q.name and j.state in ('created', 'retry') and j.start_after <= now()
    group by q.name
  ) q
)`;

/** Whether pg-boss has created its tables in this database (a process that never ran jobs may find none). */
export async function jobTablesExist(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass('pgboss.job') is not null as present`.execute(db);
  return rows[0]?.present === true;
}
