// Changing the email address: the current password proves it is the owner; a single-use link
// (stored as a SHA-256 hash, valid one hour) sent to the NEW address proves they own that one.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { assertCurrentPassword } from '../auth/index.ts';
import { hashToken } from '../../tokens.ts';
import { dropUnaddressedMailTo, mailTemplates } from '../mail/index.ts';
import type { SessionUser } from '../auth/index.ts';
import { assertDeliverableAddress } from '../auth/index.ts';
import { languageOf, savedLanguage, withLanguage } from './references.ts';

export async function requestEmailChange(
  ctx: AppContext,
  user: SessionUser,
  newEmailInput: string,
  currentPassword: string,
): Promise<void> {
  const newEmail = newEmailInput.trim().toLowerCase();
  await ctx.rateLimiter.consume(`email-change:user:${user.id}`, { max: 5, windowSeconds: 3600 });
  await assertCurrentPassword(ctx, user.id, currentPassword);
  if (newEmail === user.email.toLowerCase()) throw new AppError('SAME_EMAIL');
  assertDeliverableAddress(newEmail, 'newEmail');
  const token = randomBytes(32).toString('base64url');
  const ids = await ctx.db.transaction().execute(async (trx) => {
    // What the requester can observe must not depend on whether the new address is taken: a new
    // request always replaces a pending one, and the current address is always told.
    await dropEmailChanges(trx, { userId: user.id });
    // The requester's language, for the notice and for the link to the new address (which is theirs).
    const language = await languageOf(trx, user.id);
    const notice = await ctx.mail.enqueue(trx, {
      to: user.email,
      userId: user.id,
      kind: 'account_security',
      mail: mailTemplates.emailChangeRequested(language),
    });
    const taken = withLanguage(
      await trx
        .selectFrom('users')
        .select(['id', savedLanguage.as('language')])
        .where(sql`lower(email)`, '=', newEmail)
        .executeTakeFirst(),
    );
    // The screen answers the same either way; the owner of a taken address is told instead.
    if (taken) {
      return [
        await ctx.mail.enqueue(trx, {
          to: newEmail,
          userId: null,
          kind: 'account_security',
          mail: mailTemplates.emailInUse(taken.language),
        }),
        notice,
      ];
    }
    await trx
      .insertInto('email_change_requests')
      .values({
        user_id: user.id,
        new_email: newEmail,
        token_hash: hashToken(token),
        expires_at: sql<Date>`now() + interval '1 hour'`,
      })
      .execute();
    const url = `${ctx.config.publicUrl}/confirm-email?token=${token}`;
    return [
      await ctx.mail.enqueue(trx, {
        to: newEmail,
        userId: null,
        kind: 'account_security',
        mail: mailTemplates.confirmEmailChange(language, { url }),
      }),
      notice,
    ];
  });
  await ctx.mail.dispatch(ids);
}

export async function confirmEmailChange(ctx: AppContext, token: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    // Consumed atomically before anything else: a token works once.
    const request = await trx
      .deleteFrom('email_change_requests')
      .where('token_hash', '=', hashToken(token))
      .returning(['user_id', 'new_email', 'expires_at'])
      .executeTakeFirst();
    if (!request || request.expires_at.getTime() < Date.now()) throw new AppError('TOKEN_INVALID');
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where(sql`lower(email)`, '=', request.new_email)
      .executeTakeFirst();
    if (taken) throw new AppError('EMAIL_UNAVAILABLE');
    await trx
      .updateTable('users')
      .set({ email: request.new_email, email_verified: true, updated_at: sql<Date>`now()` })
      .where('id', '=', request.user_id)
      .execute();
  });
}

/**
 * Ends email-change requests that will never be confirmed (replaced by a newer one, expired, or
 * cancelled by a password change or reset) together with the mail sent to their new address for
 * them. That mail carries no user id; once its request is gone nothing would tie it to the person,
 * and erasure, which finds it through the pending request (mail/erasure.ts), would leave it behind.
 * Other mail to that address without a user id (an email-linked check) goes too: it is as old.
 */
export async function dropEmailChanges(
  executor: Kysely<DB>,
  which: { userId: string } | { expired: true },
): Promise<void> {
  let requests = executor.deleteFrom('email_change_requests');
  requests =
    'userId' in which
      ? requests.where('user_id', '=', which.userId)
      : requests.where('expires_at', '<', sql<Date>`now()`);
  const addresses = [...new Set((await requests.returning('new_email').execute()).map((r) => r.new_email))];
  if (addresses.length === 0) return;
  await dropUnaddressedMailTo(executor, addresses);
}
