// The session lookup every signed-in request makes (src/modules/auth/session.ts), as a function so
// the database keeps its plan per connection (as for the product page, 015): planning the join with
// its roles subquery cost more than running it (PostgreSQL: 0.13 ms planning, 0.05 ms executing).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function auth_session_user(session_token text) returns table (
      "sessionId" text, "sessionCreatedAt" timestamptz, "sessionUpdatedAt" timestamptz, "sessionExpiresAt" timestamptz,
      id text, email text, "emailVerified" boolean, "displayName" text, phone text, country text, "createdAt" timestamptz,
      roles text[]
    ) language plpgsql stable as $$
    #variable_conflict use_column
    begin
      return query
      select s.id, s.created_at, s.updated_at, s.expires_at, u.id, u.email, u.email_verified, u.display_name, u.phone, u.country, u.created_at,
        -- staff roles ride along (an index probe): /api/me and requireRole need them
        coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}')
      from sessions s
      join users u on u.id = s.user_id
      where s.token = session_token and s.expires_at > now() and u.status = 'active';
    end
    $$;
  `.execute(db);
}
