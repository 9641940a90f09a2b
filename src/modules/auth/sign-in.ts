// Signing in with email and password (decision 024). Souk does what Better Auth's sign-in does for
// the common case, a verified active account: one read of the account with its password hash, the
// argon2id check, one session row and the signed session cookie, exactly as Better Auth makes them
// (sessions are then read by session.ts as for any other). Better Auth's own sign-in spent about
// 5 ms of CPU per sign-in on top of the hash in its request machinery and three reads.
//
// An unverified address still goes through Better Auth, which mails a new verification link and
// answers EMAIL_NOT_VERIFIED, so that path stays Better Auth's. Every other failure is the one
// answer INVALID_CREDENTIALS, after one argon2id computation whatever the reason, so neither the
// answer nor its timing tells whether an address has an account.
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { preparedStatement } from '../../db/prepared.ts';
import { AppError } from '../../errors.ts';
import { randomString } from '../../tokens.ts';
import { callAuth, copySetCookies, requestHeaders } from './bridge.ts';
import { SESSION_MAX_AGE_SECONDS } from './better-auth.ts';
import { hashPassword, verifyPassword } from './password-policy.ts';
import { newBearerToken, storedBearerToken } from './bearer.ts';
import { setSessionCookie, signedSessionValue, type AccountUser } from './session.ts';

type Credential = AccountUser & { status: string; password: string | null };

const CREDENTIAL = preparedStatement('auth_credential', 'select * from auth_credential($1)');
// A session, only while the password checked is still the account's: a reset or change that
// committed during sign-in's argon2id check (which ends every session) makes it insert nothing.
// The row lock makes a reset or change starting now wait for this insert to commit, so it then sees
// and ends this session too (they update the account before they delete sessions).
const CREATE_SESSION = `
  insert into sessions (id, user_id, token, expires_at, ip_address, user_agent, created_at, updated_at)
  select $1, $2, $3, now() + make_interval(secs => $4), '', $5, now(), now()
  from accounts a where a.user_id = $2 and a.provider_id = 'credential' and a.password = $6
  for share of a`;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 random letters and digits (190 bits), as Better Auth's generateId(32) makes ids and tokens. */
export const randomId = () => randomString(ALPHANUMERIC, 32);

/**
 * Checks the password of `email` (already trimmed and lower-cased) and, when it is right and the
 * account active and verified, opens a session and sets its cookie on `reply`.
 */
export async function signInWithPassword(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  email: string,
  password: string,
): Promise<AccountUser> {
  const { db, config } = ctx;
  const account = await checkPassword(ctx, email, password);
  if (!account.emailVerified) {
    // Better Auth mails a new verification link and answers EMAIL_NOT_VERIFIED (or, if the address
    // was verified in the meantime, signs in: its session and cookie are then the ones used).
    const result = await signInUnverified(ctx, request, email, password);
    copySetCookies(result.headers, reply);
    return { ...withoutSecrets(account), emailVerified: true };
  }

  const token = await createSession(db, request, account.id, account.password);
  if (token === undefined) throw new AppError('INVALID_CREDENTIALS'); // the password changed meanwhile
  setSessionCookie(reply, config.secureCookies, signedSessionValue(token, config.authSecret));
  return withoutSecrets(account);
}

/**
 * Sign-in for a client without cookies (decision 047): the same checks and answers as
 * signInWithPassword, but the session's token is returned, once, instead of set as a cookie.
 */
export async function issueBearerToken(
  ctx: AppContext,
  request: FastifyRequest,
  email: string,
  password: string,
): Promise<{ user: AccountUser; token: string }> {
  const account = await checkPassword(ctx, email, password);
  if (!account.emailVerified) {
    const result = await signInUnverified(ctx, request, email, password);
    // Verified in the meantime: Better Auth opened a cookie session nobody will use; the token's follows.
    await ctx.db.deleteFrom('sessions').where('token', '=', result.response.token).execute();
  }
  const token = newBearerToken();
  const stored = await createSession(ctx.db, request, account.id, account.password, storedBearerToken(token));
  if (stored === undefined) throw new AppError('INVALID_CREDENTIALS'); // the password changed meanwhile
  return { user: { ...withoutSecrets(account), emailVerified: true }, token };
}

/** The account of `email` if `password` is its password and it is active; else INVALID_CREDENTIALS. */
async function checkPassword(
  ctx: AppContext,
  email: string,
  password: string,
): Promise<Credential & { password: string }> {
  const { rows } = await ctx.db.executeQuery<Credential>(CompiledQuery.raw(CREDENTIAL, [email]));
  const account = rows[0];
  if (!account || account.password === null) {
    await hashPassword(password); // the same work as a wrong password
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!(await verifyPassword(account.password, password))) throw new AppError('INVALID_CREDENTIALS');
  // A deactivated account keeps no way in: the same answer as a wrong password.
  if (account.status !== 'active') throw new AppError('INVALID_CREDENTIALS');
  return { ...account, password: account.password };
}

/** Better Auth's sign-in of an unverified address: it mails a new link and throws EMAIL_NOT_VERIFIED. */
const signInUnverified = (ctx: AppContext, request: FastifyRequest, email: string, password: string) =>
  callAuth(async () =>
    (await ctx.auth()).api.signInEmail({
      body: { email, password, rememberMe: true },
      headers: requestHeaders(request),
      returnHeaders: true,
    }),
  );

/**
 * Inserts a session row for `userId` (in `executor`'s transaction) if `passwordHash` is still the
 * account's password, and returns its stored token (a new random one unless `token` is given: a
 * bearer token's stored form), for the cookie (else undefined).
 */
export async function createSession(
  executor: Kysely<DB>,
  request: FastifyRequest,
  userId: string,
  passwordHash: string,
  token: string = randomId(),
): Promise<string | undefined> {
  const userAgent = request.headers['user-agent'];
  const result = await executor.executeQuery(
    CompiledQuery.raw(CREATE_SESSION, [
      randomId(),
      userId,
      token,
      SESSION_MAX_AGE_SECONDS,
      typeof userAgent === 'string' ? userAgent.slice(0, 512) : '',
      passwordHash,
    ]),
  );
  return result.numAffectedRows === 1n ? token : undefined;
}

function withoutSecrets(account: Credential): AccountUser {
  const { id, email, emailVerified, displayName, phone, country, createdAt } = account;
  return { id, email, emailVerified, displayName, phone, country, createdAt };
}
