// Account deletion requests, and why people leave (kept apart from any identity).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table deletion_requests (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      -- cleared when the erasure completes; the request stays as a record without the person
      user_id text references users (id) on delete set null,
      status text not null default 'received'
        check (status in ('received', 'processing', 'completed', 'needs_attention', 'cancelled')),
      received_at timestamptz not null default now(),
      due_at timestamptz not null,
      process_after timestamptz not null,
      cancel_token_hash text unique,
      hold_reason text,
      completed_at timestamptz,
      cancelled_at timestamptz
    );
    create unique index deletion_requests_one_open_idx on deletion_requests (user_id)
      where status in ('received', 'processing', 'needs_attention');
    create index deletion_requests_due_idx on deletion_requests (process_after) where status = 'received';

    create table leaving_feedback (
      id uuid primary key default gen_random_uuid(),
      reason text check (reason in ('too_much_money', 'data_worries', 'bad_seller_experience', 'bad_support_experience', 'other_account', 'other')),
      comment text check (length(comment) <= 2000),
      -- the week only: an exact time could be matched to a request
      week date not null
    );
  `.execute(db);
}
