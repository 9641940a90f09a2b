// What auth keeps only until it expires: sessions and verification tokens (email, password reset).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

/** Deletes expired sessions and verification tokens (the housekeeping job, hourly). */
export async function dropExpiredCredentials(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute();
  await db.deleteFrom('verifications').where('expires_at', '<', sql<Date>`now()`).execute();
}
