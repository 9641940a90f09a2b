// Management's audit log: who (a staff account, anonymised when it is erased) did what to which
// request or post, and when. It never holds personal data of the person acted on: requests are
// named by their reference.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_log (
      id uuid primary key default gen_random_uuid(),
      actor_user_id text references users (id) on delete set null,
      action text not null check (length(action) <= 60),
      subject text not null check (length(subject) <= 120),
      detail text check (length(detail) <= 500),
      at timestamptz not null default now()
    );
    create index audit_log_at_idx on audit_log (at desc);
  `.execute(db);
}
