// Reading the session cookie Better Auth set: one HMAC check and one query (session joined to
// its user), so an authenticated request costs a single database round trip.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { preparedStatement } from '../../db/prepared.ts';
import type { DB, StaffRole } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import {
  SESSION_COOKIE_PREFIX,
  SESSION_MAX_AGE_SECONDS,
  SESSION_UPDATE_AGE_SECONDS,
  sessionCookieAttributes,
} from './better-auth.ts';
import { bearerTokenOf, tokenRejected } from './bearer.ts';
import { requiresSession } from './openapi.ts';

export type SessionUser = {
  sessionId: string;
  sessionCreatedAt: Date;
  sessionUpdatedAt: Date;
  sessionExpiresAt: Date;
  id: string;
  email: string;
  emailVerified: boolean;
  displayName: string;
  phone: string | null;
  country: string | null;
  createdAt: Date;
  /** Staff roles (usually none). */
  roles: StaffRole[];
};

/** The account part of a session user: what sign-in answers and /api/me shows. */
export type AccountUser = Omit<
  SessionUser,
  'sessionId' | 'sessionCreatedAt' | 'sessionUpdatedAt' | 'sessionExpiresAt' | 'roles'
>;

export function sessionCookieName(secure: boolean): string {
  return `${secure ? '__Secure-' : ''}${SESSION_COOKIE_PREFIX}.session_token`;
}

/** The session token's HMAC-SHA256 with the secret: the cookie's signature, as Better Auth signs it. */
const signatureOf = (token: string, secret: string) => createHmac('sha256', secret).update(token).digest();

/** The cookie value Better Auth sets and readSessionToken reads: the token, ".", its signature in base64. */
export const signedSessionValue = (token: string, secret: string) =>
  `${token}.${signatureOf(token, secret).toString('base64')}`;

/** Sets the session cookie for SESSION_MAX_AGE_SECONDS (`value` as signedSessionValue makes it). */
export function setSessionCookie(reply: FastifyReply, secure: boolean, value: string): void {
  reply.setCookie(sessionCookieName(secure), value, {
    ...sessionCookieAttributes(secure),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookieName(secure), sessionCookieAttributes(secure));
}

// Cookie values whose signature checked out, by secret: a browser sends the same cookie on every
// request, and the HMAC was the larger part of reading it. Only verified values enter; whether the
// session is still live is asked of the database on every request all the same.
const verifiedCookies = new Map<string, Map<string, string>>();
const VERIFIED_COOKIES_MAX = 10_000;

/** Returns the session token if the cookie carries a valid signature, else null. */
export function readSessionToken(
  cookies: Record<string, string | undefined>,
  secure: boolean,
  secret: string,
): string | null {
  const raw = cookies[sessionCookieName(secure)];
  if (!raw) return null;
  let verified = verifiedCookies.get(secret);
  const known = verified?.get(raw);
  if (known !== undefined) return known;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return null;
  const token = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), 'base64');
  const expected = signatureOf(token, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (!verified) verifiedCookies.set(secret, (verified = new Map()));
  if (verified.size >= VERIFIED_COOKIES_MAX) verified.clear();
  verified.set(raw, token);
  return token;
}

// One round trip: the session joined to its active user, with the user's staff roles. The query is
// the function auth_session_user (src/db/migrations/022-auth-reads.ts), so the database plans
// it once per connection rather than on every request.
const LOOKUP = preparedStatement('auth_session_user', 'select * from auth_session_user($1)');

export async function findSessionUser(db: Kysely<DB>, token: string): Promise<SessionUser | null> {
  const result = await db.executeQuery<SessionUser>(CompiledQuery.raw(LOOKUP, [token]));
  return result.rows[0] ?? null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireUser. */
    user: SessionUser;
  }
}

/**
 * Route hook: 401 UNAUTHENTICATED unless the request carries a live session. A session in use is
 * kept alive: once a day its expiry moves to SESSION_MAX_AGE_SECONDS from now, and so does the
 * cookie's (as Better Auth's own session reads do, with its `updateAge` of a day), so only a
 * session left unused for 30 days ends by itself.
 */
export const requireUser = requiresSession(async function requireUser(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const user = await optionalUser(request);
  if (!user) throw new AppError('UNAUTHENTICATED');
  keepSessionAlive(request, reply, user);
});

/**
 * Route hook: requireUser's 401 for a request that carries no credential at all, without the
 * lookup. For a route whose handler reads the session in its own statement (auth_session_user
 * within it) and passes what it found to admitSessionUser: one round trip for both.
 */
export const requireCredential = requiresSession(async function requireCredential(
  request: FastifyRequest,
): Promise<void> {
  if (sessionTokenOf(request) === null) throw new AppError('UNAUTHENTICATED');
});

/**
 * requireUser's answer to a session the route read itself (auth_session_user's row for the
 * request's credential, or null): 401 UNAUTHENTICATED without one (TOKEN_REJECTED for a bearer
 * token), else it is the request's user and is kept alive as requireUser keeps it.
 */
export function admitSessionUser(request: FastifyRequest, reply: FastifyReply, user: SessionUser | null): void {
  if (!user) {
    if (sessionTokenOf(request)?.bearer) throw tokenRejected();
    throw new AppError('UNAUTHENTICATED');
  }
  request.user = user;
  keepSessionAlive(request, reply, user);
}

function keepSessionAlive(request: FastifyRequest, reply: FastifyReply, user: SessionUser): void {
  const { config, db } = request.server.souk;
  const now = Date.now();
  const extend = user.sessionExpiresAt.getTime() - now < (SESSION_MAX_AGE_SECONDS - SESSION_UPDATE_AGE_SECONDS) * 1000;
  // "Last seen" for the sessions list, written at most once an hour per session, off the hot path.
  if (extend || now - user.sessionUpdatedAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    db.updateTable('sessions')
      .set(
        extend
          ? {
              updated_at: sql<Date>`now()`,
              expires_at: sql<Date>`now() + make_interval(secs => ${SESSION_MAX_AGE_SECONDS})`,
            }
          : { updated_at: sql<Date>`now()` },
      )
      .where('id', '=', user.sessionId)
      .execute()
      .catch((error: unknown) => request.log.warn({ err: error }, 'could not record session activity'));
  }
  if (extend) {
    const value = request.cookies[sessionCookieName(config.secureCookies)];
    if (value !== undefined) setSessionCookie(reply, config.secureCookies, value);
  }
}

const LAST_SEEN_RESOLUTION_MS = 60 * 60 * 1000;

/**
 * The stored token of the request's session: the bearer token's (Authorization header) or the
 * signed session cookie's; null when it carries neither. Both at once is CREDENTIALS_AMBIGUOUS: a
 * request names one session, and the CSRF check waives the origin only for bearer requests.
 */
export function sessionTokenOf(request: FastifyRequest): { token: string; bearer: boolean } | null {
  const { config } = request.server.souk;
  const bearer = bearerTokenOf(request);
  if (bearer !== null) {
    if (request.cookies[sessionCookieName(config.secureCookies)] !== undefined) {
      throw new AppError('CREDENTIALS_AMBIGUOUS');
    }
    return { token: bearer, bearer: true };
  }
  const token = readSessionToken(request.cookies, config.secureCookies, config.authSecret);
  return token === null ? null : { token, bearer: false };
}

/**
 * The signed-in person of a request, or null; for routes that serve guests and accounts alike.
 * A bearer token that names no live session is TOKEN_REJECTED, never a guest: an app must learn
 * that it has to sign in again.
 */
export async function optionalUser(request: FastifyRequest): Promise<SessionUser | null> {
  if (request.user) return request.user;
  const credential = sessionTokenOf(request);
  if (credential === null) return null;
  const user = await findSessionUser(request.server.souk.db, credential.token);
  if (user) request.user = user;
  else if (credential.bearer) throw tokenRejected();
  return user;
}
