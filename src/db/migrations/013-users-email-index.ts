// Better Auth finds the account at sign-in, sign-up and reset by `email = $1` (addresses are
// stored lower-cased); the unique index of 001 is on lower(email), which that lookup cannot
// use, so each of them read the whole users table.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index users_email_idx on users (email)`.execute(db);
}
