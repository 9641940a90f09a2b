// What other modules read, lock and use of the accounts module's rows (`users`,
// `notification_preferences`): an author's name, where to mail a recipient, whether a buyer's
// account is active inside the checkout's transaction… Each in the caller's connection or
// transaction; a value shown beside another module's rows is an SQL piece (a correlated subquery)
// for that module's statement, so a page stays one statement. The table and column names stay here
// (issue 16, decision 039).
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DB, UserStatus } from '../../db/types.ts';
import { languageOrDefault, type Language } from '../../lib/languages.ts';
import type { NotificationKind } from '../mail/index.ts';

/**
 * The language the account reads mail in (issue 20), as a column of a statement over `users`: its
 * saved choice, null for none (English). Read with the address, so a mail costs no extra statement.
 */
export const savedLanguage = sql<string | null>`(select language from account_preferences where user_id = users.id)`;

/** A row read with `savedLanguage`, its language settled (null or no longer shipped: English). */
export function withLanguage<T extends { language: string | null }>(
  row: T,
): Omit<T, 'language'> & { language: Language };
export function withLanguage<T extends { language: string | null }>(
  row: T | undefined,
): (Omit<T, 'language'> & { language: Language }) | undefined;
export function withLanguage<T extends { language: string | null }>(row: T | undefined) {
  return row && { ...row, language: languageOrDefault(row.language) };
}

/** The language the account reads mail in; English for no choice or no account. */
export async function languageOf(db: Kysely<DB>, userId: string): Promise<Language> {
  const row = await db
    .selectFrom('account_preferences')
    .select('language')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return languageOrDefault(row?.language);
}

/**
 * Saves the language the person signed up in, unless the account already has one (a sign-up never
 * changes an existing account's choice); returns the account's language, in one statement.
 */
export async function keepLanguage(db: Kysely<DB>, userId: string, language: Language): Promise<Language> {
  const row = await db
    .insertInto('account_preferences')
    .values({ user_id: userId, language, updated_at: new Date() })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ language: sql<string | null>`coalesce(account_preferences.language, excluded.language)` }),
    )
    .returning('language')
    .executeTakeFirstOrThrow();
  return languageOrDefault(row.language);
}

/** The display name of the account `userId` points at, as a subquery for the caller's statement (null for no account). */
export function displayNameOf(userId: Expression<string>): RawBuilder<string>;
export function displayNameOf(userId: Expression<string | null>): RawBuilder<string | null>;
export function displayNameOf(userId: Expression<string | null>): RawBuilder<string | null> {
  return sql<string | null>`(select display_name from users where id = ${userId})`;
}

/**
 * Whether the account is active, holding its row (FOR SHARE) until the caller's transaction ends:
 * a deletion request takes the row FOR UPDATE, so it waits for what the caller is writing and then
 * sees it (decision 017).
 */
export async function holdActiveAccount(trx: Kysely<DB>, userId: string): Promise<boolean> {
  const account = await sql<{ status: string }>`select status from users where id = ${userId} for share`.execute(trx);
  return account.rows[0]?.status === 'active';
}

/** Where to mail the person and in which language, while their account is active; undefined otherwise. */
export async function activeContactOf(
  db: Kysely<DB>,
  userId: string,
): Promise<{ id: string; email: string; language: Language } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', savedLanguage.as('language')])
    .where('id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return withLanguage(row);
}

/**
 * Serialises one account's changes to rows that count against it (addresses, saved cards): a
 * row lock on the account that does not block sign-ins or foreign-key checks.
 */
export async function lockAccountForChanges(trx: Kysely<DB>, userId: string): Promise<void> {
  await trx.selectFrom('users').select('id').where('id', '=', userId).forNoKeyUpdate().execute();
}

/** The account (with the language it reads mail in), locked until the transaction ends, while it is active (a password reset's). */
export async function lockActiveAccount(
  trx: Kysely<DB>,
  userId: string,
): Promise<{ id: string; email: string; language: Language } | undefined> {
  const row = await trx
    .selectFrom('users')
    .select(['id', 'email', savedLanguage.as('language')])
    .where('id', '=', userId)
    .where('status', '=', 'active')
    .forUpdate()
    .executeTakeFirst();
  return withLanguage(row);
}

/** The account using this address, whatever its status, with the language it reads mail in. */
export async function accountWithEmail(
  db: Kysely<DB>,
  email: string,
): Promise<{ id: string; status: UserStatus; language: Language } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'status', savedLanguage.as('language')])
    .where('email', '=', email)
    .executeTakeFirst();
  return withLanguage(row);
}

/**
 * The ids of the accounts using this address (one at most: addresses are unique), as a query to
 * run or to use as a subquery; `activeOnly` leaves out deactivated ones.
 */
export function accountIdsWithEmail(db: Kysely<DB>, email: string, options: { activeOnly?: boolean } = {}) {
  const query = db.selectFrom('users').select('id').where('email', '=', email);
  return options.activeOnly ? query.where('status', '=', 'active') : query;
}

/** Whether the address is verified, for the account with it (and this id, when given); undefined when none. */
export async function emailVerifiedOf(db: Kysely<DB>, email: string, userId?: string): Promise<boolean | undefined> {
  let query = db.selectFrom('users').select('email_verified').where('email', '=', email);
  if (userId !== undefined) query = query.where('id', '=', userId);
  return (await query.executeTakeFirst())?.email_verified;
}

/** Whom to mail about the account, in which language, and whether it is still active. */
export async function recipientOf(
  db: Kysely<DB>,
  userId: string,
): Promise<{ id: string; email: string; status: UserStatus; language: Language }> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'status', savedLanguage.as('language')])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return withLanguage(row);
}

/** The person's own choice for a kind of mail; undefined when they never made one. */
export async function notificationChoiceOf(
  db: Kysely<DB>,
  userId: string,
  kind: NotificationKind,
): Promise<boolean | undefined> {
  const row = await db
    .selectFrom('notification_preferences')
    .select('enabled')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row?.enabled;
}

/** The address of the account `userId` points at, as a subquery of the caller's statement (null when there is none). */
export const emailAddressOf = (userId: Expression<string | null>) =>
  sql<string | null>`(select email from users where id = ${userId})`;

/**
 * The new addresses of the person's pending email changes, as a parenthesised subquery: mail to
 * them is the person's too (mail's erasure policy takes this piece, passed in by the registry).
 */
export const pendingNewEmailsOf = (userId: string) =>
  sql<string>`(select new_email from email_change_requests where user_id = ${userId})`;
