// The sessions of an account, for Settings → Sessions (the accounts module's routes): auth owns the
// sessions table, and these are the only ways other modules read or end its rows.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { STORED_BEARER_PREFIX } from './bearer.ts';

/** The account's live sessions, most recently used first: a browser's (cookie) or an app's (bearer token). */
export async function liveSessionsOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('sessions')
    .select([
      'id',
      'created_at',
      'updated_at',
      'user_agent',
      sql<'app' | 'browser'>`case when starts_with(token, ${STORED_BEARER_PREFIX}) then 'app' else 'browser' end`.as(
        'kind',
      ),
    ])
    .where('user_id', '=', userId)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('updated_at', 'desc')
    .execute();
}

/** Ends one of the account's sessions; false when it has no such session. */
export async function endSession(db: Kysely<DB>, userId: string, sessionId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Ends every session of the account but `keep`. */
export async function endOtherSessions(db: Kysely<DB>, userId: string, keep: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keep).execute();
}
