// The two reads of authentication, as functions so the database keeps their plans per connection
// (as for the product page, 015; decision 023): the session lookup every signed-in request makes
// (src/modules/auth/session.ts), where planning the join with its roles subquery cost more than
// running it (PostgreSQL: 0.13 ms planning, 0.05 ms executing), and the account a sign-in checks
// the password of (src/modules/auth/sign-in.ts, decision 024).
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

    -- The account of an address (any case) with its password hash: null password when it has none.
    create function auth_credential(address text) returns table (
      id text, email text, "emailVerified" boolean, "displayName" text, phone text, country text, "createdAt" timestamptz,
      status text, password text
    ) language plpgsql stable as $$
    #variable_conflict use_column
    begin
      return query
      select u.id, u.email, u.email_verified, u.display_name, u.phone, u.country, u.created_at, u.status, a.password
      from users u
      left join accounts a on a.user_id = u.id and a.provider_id = 'credential' and a.account_id = u.id
      where lower(u.email) = lower(address);
    end
    $$;
  `.execute(db);
}
