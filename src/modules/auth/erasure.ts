import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ErasurePolicy } from '../../erasure/policy.ts';
import type { DB } from '../../db/types.ts';
import { hashPassword } from './password-policy.ts';

export const authErasure: ErasurePolicy[] = [
  {
    table: 'sessions',
    action: 'delete',
    about: {
      data: 'Devices you are signed in on',
      keptFor: 'Until you sign out, or 30 days after the device was last used',
    },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'Every session ends; device descriptions go with them.',
  },
  {
    table: 'accounts',
    action: 'delete',
    about: {
      data: 'Your profile and password: email address, name, phone, country, and the password in scrambled form',
      keptFor: 'Until you delete your account',
    },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'Credentials (the password hash) are erased.',
  },
  {
    table: 'verifications',
    action: 'delete',
    about: {
      data: 'Password reset and email change links',
      keptFor: 'Until used, and at most about two hours (they expire after one)',
    },
    match: [
      {
        custom:
          'value = user id (password reset tokens, whose identifier Better Auth stores hashed), or identifier = the address',
        owns: ({ userId, email }) => sql<boolean>`(value = ${userId} or identifier = ${email})`,
        erase: async ({ trx, subject }) =>
          Number(
            (
              await trx
                .deleteFrom('verifications')
                .where((eb) => eb.or([eb('value', '=', subject.userId), eb('identifier', '=', subject.email)]))
                .executeTakeFirst()
            ).numDeletedRows,
          ),
      },
    ],
    reason: 'Pending verification and reset tokens must not outlive the account.',
  },
];

/** Devices signed in, for "Download your data": never the session tokens, which would sign the finder in. */
export async function exportSessionsOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['created_at', 'updated_at', 'expires_at', 'user_agent', 'ip_address'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** Signs the account out everywhere. */
export async function endSessionsOf(trx: Kysely<DB>, userId: string): Promise<void> {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Replaces the password with a random one nobody knows: only a reset link gets the person back in. */
export async function scramblePasswordOf(trx: Kysely<DB>, userId: string): Promise<void> {
  await trx
    .updateTable('accounts')
    .set({ password: await hashPassword(randomBytes(32).toString('base64url')), updated_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('provider_id', '=', 'credential')
    .execute();
}

/** The tokens of the account's sessions still open (none once a deletion request ended them). */
export async function sessionTokensOf(db: Kysely<DB>, userId: string): Promise<string[]> {
  return (await db.selectFrom('sessions').select('token').where('user_id', '=', userId).execute()).map((s) => s.token);
}
