// Changing the email address: the current password proves it is the owner; a single-use link
// (stored as a SHA-256 hash, valid one hour) sent to the NEW address proves they own that one.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { hashToken } from '../../tokens.ts';
import { mailTemplates } from '../mail/templates.ts';
import type { SessionUser } from '../auth/session.ts';
import { verifyPassword } from '../auth/password-policy.ts';


export async function assertCurrentPassword(ctx: AppContext, userId: string, password: string): Promise<void> {
  const account = await ctx.db
    .selectFrom('accounts')
    .select('password')
    .where('user_id', '=', userId)
    .where('provider_id', '=', 'credential')
    .executeTakeFirst();
  if (!account?.password || !(await verifyPassword(account.password, password))) throw new AppError('INVALID_PASSWORD');
}

export async function requestEmailChange(ctx: AppContext, user: SessionUser, newEmailInput: string, currentPassword: string): Promise<void> {
  const newEmail = newEmailInput.trim().toLowerCase();
  await ctx.rateLimiter.consume(`email-change:user:${user.id}`, { max: 5, windowSeconds: 3600 });
  await assertCurrentPassword(ctx, user.id, currentPassword);
  if (newEmail === user.email.toLowerCase()) throw new AppError('SAME_EMAIL');
  const token = randomBytes(32).toString('base64url');
  const ids = await ctx.db.transaction().execute(async (trx) => {
    // What the requester can observe must not depend on whether the new address is taken: a new
    // request always replaces a pending one, and the current address is always told.
    await trx.deleteFrom('email_change_requests').where('user_id', '=', user.id).execute();
    const notice = await ctx.mail.enqueue(trx, { to: user.email, userId: user.id, kind: 'account_security', mail: mailTemplates.emailChangeRequested() });
    const taken = await trx.selectFrom('users').select('id').where(sql`lower(email)`, '=', newEmail).executeTakeFirst();
    // The screen answers the same either way; the owner of a taken address is told instead.
    if (taken) {
      return [await ctx.mail.enqueue(trx, { to: newEmail, userId: null, kind: 'account_security', mail: mailTemplates.emailInUse() }), notice];
    }
    await trx
      .insertInto('email_change_requests')
      .values({ user_id: user.id, new_email: newEmail, token_hash: hashToken(token), expires_at: sql<Date>`now() + interval '1 hour'` })
      .execute();
    const url = `${ctx.config.publicUrl}/confirm-email?token=${token}`;
    return [await ctx.mail.enqueue(trx, { to: newEmail, userId: null, kind: 'account_security', mail: mailTemplates.confirmEmailChange({ url }) }), notice];
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
    const taken = await trx.selectFrom('users').select('id').where(sql`lower(email)`, '=', request.new_email).executeTakeFirst();
    if (taken) throw new AppError('EMAIL_UNAVAILABLE');
    await trx
      .updateTable('users')
      .set({ email: request.new_email, email_verified: true, updated_at: sql<Date>`now()` })
      .where('id', '=', request.user_id)
      .execute();
  });
}
