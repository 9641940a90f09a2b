import { sql } from 'kysely';
import type { ErasurePolicy } from '../erasure/policy.ts';

// Souk puts only opaque ids (an outbox row id, a request id) into job data, never an address or
// a name; the erasure job still deletes any job whose data names the erased account.
export const jobsErasure: ErasurePolicy[] = [
  {
    table: 'pgboss.job',
    action: 'delete',
    about: {
      data: 'Background tasks about your account, such as sending you an email (they hold reference numbers only)',
      keptFor: 'Until the task has run, then up to 7 days',
    },
    match: [
      {
        custom: 'jobs whose data or output contains the user id',
        owns: ({ userId }) =>
          sql<boolean>`strpos(coalesce(data::text, '') || coalesce(output::text, ''), ${userId}) > 0`,
        erase: async ({ trx, subject }) => {
          // A process that never ran the job queue (RUN_JOBS=false, jobs elsewhere) may find no pg-boss schema yet.
          const { rows } = await sql<{
            present: boolean;
          }>`select to_regclass('pgboss.job') is not null as present`.execute(trx);
          if (!rows[0]?.present) return 0;
          return Number(
            (
              await sql`delete from pgboss.job where strpos(coalesce(data::text, '') || coalesce(output::text, ''), ${subject.userId}) > 0`.execute(
                trx,
              )
            ).numAffectedRows ?? 0,
          );
        },
      },
    ],
    reason: 'Pending jobs mentioning the account must not run after it is erased.',
  },
  {
    table: 'pgboss.queue',
    action: 'not_personal',
    columns: ['name', 'table_name'],
    reason: 'Queue names such as mail.sweep, and the name of their job table.',
  },
  { table: 'pgboss.queue_stats', action: 'not_personal', columns: ['name'], reason: 'Queue names.' },
  { table: 'pgboss.schedule', action: 'not_personal', columns: ['name'], reason: 'Queue names of cron schedules.' },
  { table: 'pgboss.subscription', action: 'not_personal', columns: ['name'], reason: 'Queue names.' },
  {
    table: 'pgboss.job_dependency',
    action: 'not_personal',
    columns: ['child_name', 'parent_name'],
    reason: 'Queue names.',
  },
  {
    table: 'pgboss.bam',
    action: 'not_personal',
    columns: ['name', 'table_name'],
    reason: "pg-boss's own maintenance commands.",
  },
  {
    table: 'pgboss.instance',
    action: 'not_personal',
    columns: ['name', 'application_name'],
    reason: 'Names of the worker processes (host and application), not of people.',
  },
  {
    table: 'schema_migrations',
    action: 'not_personal',
    columns: ['name'],
    reason: 'Names of applied migrations.',
  },
];
