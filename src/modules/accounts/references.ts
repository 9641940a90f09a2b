// What other modules may know of a person their rows refer to (an author's name, where to mail a
// recipient). A name shown beside another module's rows is an SQL piece (a correlated subquery)
// for that module's statement, so a page stays one statement and the users table stays here.
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.ts';

/** The person's display name, as a subquery for the caller's statement. */
export const displayNameOf = (userId: Expression<string>): RawBuilder<string> =>
  sql<string>`(select display_name from users where id = ${userId})`;

/** Where to mail the person, while their account is active; undefined otherwise. */
export async function activeContactOf(db: Kysely<DB>, userId: string): Promise<{ id: string; email: string } | undefined> {
  return db.selectFrom('users').select(['id', 'email']).where('id', '=', userId).where('status', '=', 'active').executeTakeFirst();
}
