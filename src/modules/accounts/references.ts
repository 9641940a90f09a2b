// What other modules may know of a person their rows refer to (an author's name, where to mail a
// recipient, whether a buyer's account is active inside the checkout's transaction). A name shown
// beside another module's rows is an SQL piece (a correlated subquery) for that module's statement,
// so a page stays one statement and the users table stays here.
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.ts';

/** The person's display name, as a subquery for the caller's statement. */
export const displayNameOf = (userId: Expression<string>): RawBuilder<string> =>
  sql<string>`(select display_name from users where id = ${userId})`;

/**
 * Whether the account is active, holding its row (FOR SHARE) until the caller's transaction ends:
 * a deletion request takes the row FOR UPDATE, so it waits for what the caller is writing and then
 * sees it (decision 017).
 */
export async function holdActiveAccount(trx: Kysely<DB>, userId: string): Promise<boolean> {
  const account = await sql<{ status: string }>`select status from users where id = ${userId} for share`.execute(trx);
  return account.rows[0]?.status === 'active';
}

/** Where to mail the person, while their account is active; undefined otherwise. */
export async function activeContactOf(db: Kysely<DB>, userId: string): Promise<{ id: string; email: string } | undefined> {
  return db.selectFrom('users').select(['id', 'email']).where('id', '=', userId).where('status', '=', 'active').executeTakeFirst();
}
