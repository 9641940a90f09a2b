// Checking the account's current password (before a password or email change, a deletion request).
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { verifyPassword } from './password-policy.ts';

/** Refuses with INVALID_PASSWORD unless `password` is the account's; returns the credential checked. */
export async function assertCurrentPassword(
  ctx: AppContext,
  userId: string,
  password: string,
): Promise<{ id: string; password: string }> {
  const account = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'password'])
    .where('user_id', '=', userId)
    .where('provider_id', '=', 'credential')
    .executeTakeFirst();
  if (!account?.password || !(await verifyPassword(account.password, password))) throw new AppError('INVALID_PASSWORD');
  return { id: account.id, password: account.password };
}
