import { sql, type Kysely } from 'kysely';
import type { ErasurePolicy } from '../../erasure/policy.ts';
import type { DB, UserStatus } from '../../db/types.ts';
import { languageOrDefault, type Language } from '../../lib/languages.ts';
import { savedLanguage, withLanguage } from './references.ts';

// The users row goes last: everything above points at it.
export const accountsErasure: ErasurePolicy[] = [
  {
    table: 'email_change_requests',
    action: 'delete',
    about: {
      data: 'Password reset and email change links',
      keptFor: 'Until used, and at most about two hours (they expire after one)',
    },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'A pending email change is part of the account.',
  },
  {
    table: 'notification_preferences',
    action: 'delete',
    about: { data: 'Your email notification settings', keptFor: 'Until you delete your account' },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'Preferences belong to the account.',
  },
  {
    table: 'account_preferences',
    action: 'delete',
    about: { data: 'The currency and the language you chose', keptFor: 'Until you delete your account' },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'A preference of the account.',
  },
  {
    table: 'users',
    action: 'delete',
    about: {
      data: 'Your profile and password: email address, name, phone, country, and the password in scrambled form',
      keptFor: 'Until you delete your account',
    },
    match: [{ column: 'id', equals: 'user_id' }],
    reason: 'The profile (email, display name, phone, country) is erased; the address may sign up again.',
  },
];

/** The profile, for "Download your data" (no password: it lives with auth, and is a secret). */
export async function exportProfileOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'email_verified', 'display_name', 'phone', 'country', 'status', 'created_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** Notification preferences, for "Download your data". */
export async function exportNotificationPreferencesOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('notification_preferences')
    .select(['kind', 'enabled', 'updated_at'])
    .where('user_id', '=', userId)
    .orderBy('kind')
    .execute();
}

export async function exportAccountPreferencesOf(db: Kysely<DB>, userId: string) {
  return (
    (await db
      .selectFrom('account_preferences')
      .select(['display_currency', 'language', 'updated_at'])
      .where('user_id', '=', userId)
      .executeTakeFirst()) ?? null
  );
}

/** Locks the account's row until the transaction ends (a checkout holds it FOR SHARE while it places orders). */
export async function lockAccount(trx: Kysely<DB>, userId: string): Promise<{ language: Language }> {
  // The language its mails are written in comes with the lock: the request's mail costs no statement more.
  const locked = await sql<{ language: string | null }>`
    select ${savedLanguage} as language from users where id = ${userId} for update`.execute(trx);
  return { language: languageOrDefault(locked.rows[0]?.language) };
}

/** Deactivates the account when its deletion is requested, or makes it active again when the request is cancelled. */
export async function setAccountStatus(trx: Kysely<DB>, userId: string, status: UserStatus): Promise<void> {
  await trx.updateTable('users').set({ status, updated_at: sql<Date>`now()` }).where('id', '=', userId).execute();
}

/** The account's email address. */
export async function emailOf(db: Kysely<DB>, userId: string): Promise<string> {
  return (await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;
}

/** Whom to mail about the account and in which language, if it still exists. */
export async function contactOf(
  db: Kysely<DB>,
  userId: string,
): Promise<{ id: string; email: string; language: Language } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', savedLanguage.as('language')])
    .where('id', '=', userId)
    .executeTakeFirst();
  return withLanguage(row);
}

/**
 * Account ids in order, `limit` after `after` (null: from the first): the erasure ledger hashes each
 * once to find an account a restored backup brought back (decision 042).
 */
export async function accountIdsAfter(db: Kysely<DB>, after: string | null, limit: number): Promise<string[]> {
  let query = db.selectFrom('users').select('id').orderBy('id').limit(limit);
  if (after !== null) query = query.where('id', '>', after);
  return (await query.execute()).map((u) => u.id);
}

/** What identifies the account (for the verification after its erasure): its address, any address it is moving to, its phone. */
export async function identifyingOf(
  db: Kysely<DB>,
  userId: string,
): Promise<{ email: string; phone: string | null; pendingEmails: string[]; language: Language } | undefined> {
  const user = await db
    .selectFrom('users')
    .select(['email', 'phone', savedLanguage.as('language')])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const changes = await db
    .selectFrom('email_change_requests')
    .select('new_email')
    .where('user_id', '=', userId)
    .execute();
  return {
    email: user.email,
    phone: user.phone,
    pendingEmails: changes.map((c) => c.new_email),
    language: languageOrDefault(user.language),
  };
}
