// Staff roles. Granted from the command line (`npm run admin -- grant-role <email> support`),
// checked by requireRole on /api/admin routes. (Number 007 is left to the catalog's search work.)
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table user_roles (
      user_id text not null references users (id) on delete cascade,
      role text not null check (role in ('staff', 'support')),
      granted_at timestamptz not null default now(),
      primary key (user_id, role)
    );
  `.execute(db);
}
