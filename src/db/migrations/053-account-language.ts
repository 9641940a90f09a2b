// The language an account chose (issue 20, decision 059): pages follow it on every device and mails
// are written in it. Null: the browser's language decides, and mails are in English. Part of
// account_preferences, so it is deleted with the account like the rest of that row.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table account_preferences
      add column language text check (language ~ '^[a-z]{2,3}$')
  `.execute(db);
}
