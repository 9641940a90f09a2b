// The webhook outbox: an event (account.erased) is a row written in the same transaction as the
// change it reports; a job POSTs it to WEBHOOK_URL. The row id is the event id receivers
// de-duplicate on. Only opaque references are ever stored here, and no response body.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table webhook_outbox (
      id uuid primary key default gen_random_uuid(),
      event_type text not null check (length(event_type) <= 60),
      data jsonb not null,
      created_at timestamptz not null default now(),
      next_attempt_at timestamptz not null default now(),
      attempts integer not null default 0,
      last_attempt_at timestamptz,
      last_status integer,
      last_error text check (length(last_error) <= 60),
      delivered_at timestamptz,
      failed_at timestamptz
    );
    create index webhook_outbox_due_idx on webhook_outbox (next_attempt_at) where delivered_at is null and failed_at is null;
  `.execute(db);
}
