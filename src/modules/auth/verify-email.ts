// Confirming an email address with the link from the verification mail. Better Auth's links are
// signed JWTs holding the address, not stored rows, so nothing is consumed when one is used: for an
// address that is already verified, Better Auth answers 200 again. Souk answers a used link with
// EMAIL_ALREADY_VERIFIED (409) instead and changes nothing, like any other used token.
// The link is checked first: a forged or expired one gets TOKEN_INVALID whatever address it
// names, so the answer tells nothing about an account to anyone who does not hold its genuine link.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { callAuth } from './bridge.ts';

type VerificationClaims = { email?: unknown; userId?: unknown; updateTo?: unknown };

/**
 * Whether the address is verified, for the account with it (and this id, when given). The accounts
 * module keeps the users rows and imports auth (so auth cannot import it): app.ts passes this in.
 */
export type EmailVerifiedOf = (db: Kysely<DB>, email: string, userId?: string) => Promise<boolean | undefined>;

export async function verifyEmailAddress(
  ctx: AppContext,
  token: string,
  emailVerifiedOf: EmailVerifiedOf,
): Promise<void> {
  const auth = await ctx.auth();
  const { verifyJWT } = await import('better-auth/crypto');
  // Signature (with Better Auth's secret; any HMAC algorithm needs it) and expiry. Better Auth's
  // verifyEmail below checks the link again, pinned to HS256, before it changes anything.
  const claims = await verifyJWT<VerificationClaims>(token, (await auth.$context).secret);
  if (claims === null) throw new AppError('TOKEN_INVALID');
  // Links of Better Auth's own change-email flow (unused by Souk) are left to Better Auth.
  if (typeof claims.email === 'string' && claims.updateTo === undefined) {
    // The account the link was made for, not another one that took the address since.
    const userId = typeof claims.userId === 'string' ? claims.userId : undefined;
    if (await emailVerifiedOf(ctx.db, claims.email.toLowerCase(), userId)) throw new AppError('EMAIL_ALREADY_VERIFIED');
  }
  await callAuth(() => auth.api.verifyEmail({ query: { token }, headers: new Headers() }));
}
