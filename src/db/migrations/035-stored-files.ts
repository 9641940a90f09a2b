// Uploaded files in the database (STORAGE=database, decision 043): several processes and machines
// then share them with nothing but PostgreSQL. Keyed as on disk; the bytes are images already
// compressed (JPEG, PNG, WebP), so PostgreSQL keeps them out of line without compressing them again.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stored_files (
      key text primary key,
      data bytea not null,
      created_at timestamptz not null default now()
    );
    alter table stored_files alter column data set storage external;
  `.execute(db);
}
