// Reading the session cookie Better Auth set: one HMAC check and one query (session joined to
// its user), so an authenticated request costs a single database round trip.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
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

// Cookie values whose signature checked out, by secret: a browser sends the same cookie on every
// request, and the HMAC was the larger part of reading it. Only verified values enter; whether the
// session is still live is asked of the database on every request all the same.
const verifiedCookies = new Map<string, Map<string, string>>();
const VERIFIED_COOKIES_MAX = 10_000;

/** Returns the session token if the cookie carries a valid signature, else null. */
export function readSessionToken(cookies: Record<string, string | undefined>, secure: boolean, secret: string): string | null {
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
  const expected = createHmac('sha256', secret).update(token).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (!verified) verifiedCookies.set(secret, (verified = new Map()));
  if (verified.size >= VERIFIED_COOKIES_MAX) verified.clear();
  verified.set(raw, token);
  return token;
}

// The lookup is a prepared statement, prepared once per connection (PostgreSQL: each pooled
// connection; PGlite: its one connection per database), so the server plans the join once instead
// of on every request: planning cost more than executing (PGlite held its worker 0.37 ms per
// lookup, 0.12 ms prepared; decision 020). EXECUTE takes no bind parameters, so the token goes in
// as a literal, which is why only tokens of Better Auth's alphabet are looked up at all.
const LOOKUP_STATEMENT = 'souk_session_lookup';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,256}$/;
const TOKEN_PLACEHOLDER = '\u0000session-token';
const DUPLICATE_PREPARED_STATEMENT = '42P05';

type LookupStatements = { prepare: CompiledQuery; execute(token: string): CompiledQuery<SessionUser> };
const statementsOf = new WeakMap<Kysely<DB>, LookupStatements>();
/** Connections (PGlite: databases) on which the lookup is prepared. */
const preparedOn = new WeakSet<object>();

/** A SQL string literal of a value of the lookup's alphabet (a token, a constant of the query). */
function literal(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]*$/.test(value)) throw new Error('session lookup: unexpected parameter');
  return `'${value}'`;
}

function lookupStatements(db: Kysely<DB>): LookupStatements {
  let statements = statementsOf.get(db);
  if (!statements) {
    const template = buildLookup(db, TOKEN_PLACEHOLDER).compile();
    // "execute souk_session_lookup('<token>', 'active')", written once around the token's place.
    const args = template.parameters.map((p) => (p === TOKEN_PLACEHOLDER ? TOKEN_PLACEHOLDER : literal(p))).join(', ');
    const [before, after] = `execute ${LOOKUP_STATEMENT}(${args})`.split(TOKEN_PLACEHOLDER) as [string, string];
    statements = {
      prepare: CompiledQuery.raw(`prepare ${LOOKUP_STATEMENT} as ${template.sql}`),
      // findSessionUser has held the token to TOKEN_SHAPE, an alphabet that needs no escaping.
      execute: (token) => CompiledQuery.raw(`${before}'${token}'${after}`) as CompiledQuery<SessionUser>,
    };
    statementsOf.set(db, statements);
  }
  return statements;
}

export async function findSessionUser(database: Database, token: string): Promise<SessionUser | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const { db, engine } = database;
  const statements = lookupStatements(db);
  const result = await db.getExecutor().provideConnection(async (connection) => {
    const owner = engine === 'pglite' ? db : connection;
    if (!preparedOn.has(owner)) {
      await connection.executeQuery(statements.prepare).catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== DUPLICATE_PREPARED_STATEMENT) throw error;
      });
      preparedOn.add(owner);
    }
    return connection.executeQuery<SessionUser>(statements.execute(token));
  });
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
  const { config, database } = request.server.souk;
  const token = readSessionToken(request.cookies, config.secureCookies, config.authSecret);
  const user = token ? await findSessionUser(database, token) : null;
  if (user) request.user = user;
  return user;
}
