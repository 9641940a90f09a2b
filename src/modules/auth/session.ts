// Reading the session cookie Better Auth set: one HMAC check and one query (session joined to
// its user), so an authenticated request costs a single database round trip.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DB, StaffRole } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { SESSION_COOKIE_PREFIX } from './better-auth.ts';

export type SessionUser = {
  sessionId: string;
  sessionCreatedAt: Date;
  sessionUpdatedAt: Date;
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

export function sessionCookieName(secure: boolean): string {
  return `${secure ? '__Secure-' : ''}${SESSION_COOKIE_PREFIX}.session_token`;
}

/** Returns the session token if the cookie carries a valid signature, else null. */
export function readSessionToken(cookies: Record<string, string | undefined>, secure: boolean, secret: string): string | null {
  const raw = cookies[sessionCookieName(secure)];
  if (!raw) return null;
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
  const expected = createHmac('sha256', secret).update(token).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return token;
}

// Built and compiled once per database (both engines share PostgreSQL's compiler): every
// authenticated request runs this, and building a join query costs more than executing it.
const TOKEN_PLACEHOLDER = '\u0000session-token';
const compiledLookups = new WeakMap<Kysely<DB>, CompiledQuery<SessionUser>>();

function compiledLookup(db: Kysely<DB>): CompiledQuery<SessionUser> {
  let compiled = compiledLookups.get(db);
  if (!compiled) {
    compiled = buildLookup(db, TOKEN_PLACEHOLDER).compile();
    compiledLookups.set(db, compiled);
  }
  return compiled;
}

export async function findSessionUser(db: Kysely<DB>, token: string): Promise<SessionUser | null> {
  const template = compiledLookup(db);
  const parameters = template.parameters.map((p) => (p === TOKEN_PLACEHOLDER ? token : p));
  const result = await db.executeQuery<SessionUser>(CompiledQuery.raw(template.sql, parameters));
  return result.rows[0] ?? null;
}

function buildLookup(db: Kysely<DB>, token: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as sessionId',
      's.created_at as sessionCreatedAt',
      's.updated_at as sessionUpdatedAt',
      'u.id as id',
      'u.email as email',
      'u.email_verified as emailVerified',
      'u.display_name as displayName',
      'u.phone as phone',
      'u.country as country',
      'u.created_at as createdAt',
      // Staff roles ride along (an index probe in the same round trip): /api/me and requireRole need them.
      sql<StaffRole[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}')`.as('roles'),
    ])
    .where('s.token', '=', token)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.status', '=', 'active');
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireUser. */
    user: SessionUser;
  }
}

/** Route hook: 401 UNAUTHENTICATED unless the request carries a live session. */
export async function requireUser(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const user = await optionalUser(request);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const { db } = request.server.souk;
  // "Last seen" for the sessions list, written at most once an hour per session, off the hot path.
  if (Date.now() - user.sessionUpdatedAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    db.updateTable('sessions').set({ updated_at: sql<Date>`now()` }).where('id', '=', user.sessionId).execute()
      .catch((error: unknown) => request.log.warn({ err: error }, 'could not record session activity'));
  }
}

const LAST_SEEN_RESOLUTION_MS = 60 * 60 * 1000;

/** The signed-in person of a request, or null; for routes that serve guests and accounts alike. */
export async function optionalUser(request: FastifyRequest): Promise<SessionUser | null> {
  if (request.user) return request.user;
  const { config, db } = request.server.souk;
  const token = readSessionToken(request.cookies, config.secureCookies, config.authSecret);
  const user = token ? await findSessionUser(db, token) : null;
  if (user) request.user = user;
  return user;
}
