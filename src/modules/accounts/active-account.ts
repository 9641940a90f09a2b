// What other modules ask of an account inside their own transaction: is it active, and whom to
// mail. The caller passes its transaction, so the answer holds for the rest of it where it must.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

/**
 * Whether the account is active, holding its row (FOR SHARE) until the caller's transaction ends:
 * a deletion request takes the row FOR UPDATE, so it waits for what the caller is writing and then
 * sees it (decision 017).
 */
export async function holdActiveAccount(trx: Kysely<DB>, userId: string): Promise<boolean> {
  const account = await sql<{ status: string }>`select status from users where id = ${userId} for share`.execute(trx);
  return account.rows[0]?.status === 'active';
}

/** Whom to mail about the account while it is active; undefined once it is deactivated or erased. */
export async function activeContactOf(db: Kysely<DB>, userId: string): Promise<{ id: string; email: string } | undefined> {
  return db.selectFrom('users').select(['id', 'email']).where('id', '=', userId).where('status', '=', 'active').executeTakeFirst();
}
