// Setting a new password with the token of a reset mail. The token is Better Auth's (it makes and
// mails it, `requestPasswordReset`), but using it is Souk's own, so that everything it does commits
// in one transaction with the "your password was changed" notice (decision 003): the token is
// consumed, the new hash stored, every session of the account ended with its pending email change
// and other reset links, and the notice queued.
// It does what Better Auth's resetPassword does, with the same stored identifier.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Language } from '../../lib/languages.ts';
import type { AppContext } from '../../context.ts';
import { endResetLinks, type AfterPasswordChange } from './password-change.ts';
import { dispatchAfterCommit } from '../mail/index.ts';
import { AppError } from '../../errors.ts';
import { mailTemplates } from '../mail/index.ts';
import { hashPassword } from './password-policy.ts';
import { randomId } from './sign-in.ts';

/**
 * The `verifications.identifier` Better Auth stores for a reset token (`storeIdentifier: 'hashed'`):
 * SHA-256 of `reset-password:<token>`, base64url without padding.
 */
export const resetIdentifier = (token: string) =>
  createHash('sha256').update(`reset-password:${token}`).digest('base64url');

/**
 * What a reset asks of the accounts module, which keeps the users rows and imports auth (so auth
 * cannot import it): app.ts passes these in.
 */
export type PasswordResetSteps = {
  /** The account, locked until the transaction ends, while it is active. */
  lockActiveAccount(
    trx: Transaction<DB>,
    userId: string,
  ): Promise<{ id: string; email: string; language: Language } | undefined>;
  afterReset: AfterPasswordChange;
};

export async function resetPassword(
  ctx: AppContext,
  request: FastifyRequest,
  token: string,
  newPassword: string,
  steps: PasswordResetSteps,
): Promise<void> {
  const { db, mail } = ctx;
  const identifier = resetIdentifier(token);
  // A forged or expired link is refused before the 20 ms of hashing (which then happens outside
  // the transaction, so no row stays locked meanwhile).
  const found = await db
    .selectFrom('verifications')
    .select('expires_at')
    .where('identifier', '=', identifier)
    .executeTakeFirst();
  if (!found || found.expires_at.getTime() < Date.now()) throw new AppError('TOKEN_INVALID');
  const newHash = await hashPassword(newPassword);
  const mailId = await db.transaction().execute(async (trx) => {
    // Consuming the token is the delete itself: of two uses at once, only one gets the row.
    const used = await trx
      .deleteFrom('verifications')
      .where('identifier', '=', identifier)
      .returning(['value', 'expires_at'])
      .executeTakeFirst();
    if (!used || used.expires_at.getTime() < Date.now()) throw new AppError('TOKEN_INVALID');
    // The account, locked (as a password change and a deletion request lock it), and only while it
    // is active: an account whose deletion was requested keeps no way back in.
    const user = await steps.lockActiveAccount(trx, used.value);
    if (!user) throw new AppError('TOKEN_INVALID');
    // The password before the sessions: a sign-in that checked the old one holds the account row
    // until its session is in, so the delete below sees that session too.
    const updated = await trx
      .updateTable('accounts')
      .set({ password: newHash, updated_at: new Date() })
      .where('user_id', '=', user.id)
      .where('provider_id', '=', 'credential')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      // No password yet: the account gets one, as Better Auth does.
      const now = new Date();
      await trx
        .insertInto('accounts')
        .values({
          id: randomId(),
          user_id: user.id,
          account_id: user.id,
          provider_id: 'credential',
          password: newHash,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await endResetLinks(trx, user.id);
    await steps.afterReset(trx, user.id);
    return mail.enqueue(trx, {
      to: user.email,
      userId: user.id,
      kind: 'account_security',
      mail: mailTemplates.passwordChanged(user.language),
    });
  });
  await dispatchAfterCommit(ctx, request, mailId);
}
