// Changing the password while signed in. Souk does what Better Auth's changePassword does (check the
// current password, store the new hash, and with revokeOtherSessions end every session and open a
// fresh one for this device), but the new hash, the sessions and the "your password was changed"
// notice are written in one transaction: the notice is in the outbox exactly when the change is
// (decision 003). A security notice must not be lost to a crash between the two.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Language } from '../../lib/languages.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { hashPassword } from './password-policy.ts';
import { setSessionCookie, signedSessionValue, type SessionUser } from './session.ts';
import { createSession } from './sign-in.ts';
import { mailTemplates } from '../mail/index.ts';
import { dispatchAfterCommit } from '../mail/index.ts';
import { assertCurrentPassword } from './password-check.ts';

/**
 * What else a new password ends, inside its transaction: the accounts module drops a pending email
 * change (whose link alone would move the account to another address).
 */
export type AfterPasswordChange = (trx: Transaction<DB>, userId: string) => Promise<void>;

/**
 * What a password change asks of the accounts module, which keeps the users rows and imports auth
 * (so auth cannot import it): its caller passes these in.
 */
export type PasswordChangeSteps = {
  /** Locks the account's row until the transaction ends; says which language its mails are in. */
  lockAccount(trx: Transaction<DB>, userId: string): Promise<{ language: Language }>;
  afterChange: AfterPasswordChange;
};

export async function changePassword(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: SessionUser,
  change: { currentPassword: string; newPassword: string; revokeOtherSessions: boolean },
  steps: PasswordChangeSteps,
): Promise<void> {
  const { db, config, mail } = ctx;
  // The hash of the new password is computed whatever the outcome, so a wrong current password
  // takes as long as a right one (as in Better Auth).
  const newHash = await hashPassword(change.newPassword);
  const account = await assertCurrentPassword(ctx, user.id, change.currentPassword);

  const result = await db.transaction().execute(async (trx) => {
    // The account first (as a reset and a deletion request do), so two of them take turns.
    const { language } = await steps.lockAccount(trx, user.id);
    // Only over the hash that was checked: a concurrent change in between makes this one fail.
    const updated = await trx
      .updateTable('accounts')
      .set({ password: newHash, updated_at: new Date() })
      .where('id', '=', account.id)
      .where('password', '=', account.password)
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) throw new AppError('INVALID_PASSWORD');
    // What the old password may have started ends with it: a pending email change (whose link alone
    // would move the account to another address) and other reset links.
    await endResetLinks(trx, user.id);
    await steps.afterChange(trx, user.id);
    let token: string | undefined;
    if (change.revokeOtherSessions) {
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      token = await createSession(trx, request, user.id, newHash);
    }
    const mailId = await mail.enqueue(trx, {
      to: user.email,
      userId: user.id,
      kind: 'account_security',
      mail: mailTemplates.passwordChanged(language),
    });
    return { token, mailId };
  });
  if (result.token !== undefined)
    setSessionCookie(reply, config.secureCookies, signedSessionValue(result.token, config.authSecret));
  await dispatchAfterCommit(ctx, request, result.mailId);
}

/** Ends the account's reset links (Better Auth's `verifications` rows whose value is the user id). */
export async function endResetLinks(trx: Transaction<DB>, userId: string): Promise<void> {
  await trx.deleteFrom('verifications').where('value', '=', userId).execute();
}
