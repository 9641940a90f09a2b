// Accounts and sessions. Better Auth reads and writes these tables through Kysely
// (see src/modules/auth/better-auth.ts for the field mapping to these snake_case columns).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id text primary key,
      email text not null,
      email_verified boolean not null default false,
      display_name text not null,
      image text,
      phone text,
      country text check (country ~ '^[A-Z]{2}$'),
      status text not null default 'active' check (status in ('active', 'deactivated')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_email_key on users (lower(email));

    create table sessions (
      id text primary key,
      user_id text not null references users (id) on delete cascade,
      token text not null unique,
      expires_at timestamptz not null,
      ip_address text,
      user_agent text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index sessions_user_id_idx on sessions (user_id);

    create table accounts (
      id text primary key,
      user_id text not null references users (id) on delete cascade,
      account_id text not null,
      provider_id text not null,
      access_token text,
      refresh_token text,
      id_token text,
      access_token_expires_at timestamptz,
      refresh_token_expires_at timestamptz,
      scope text,
      password text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index accounts_user_id_idx on accounts (user_id);

    create table verifications (
      id text primary key,
      identifier text not null,
      value text not null,
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index verifications_identifier_idx on verifications (identifier);

    create table email_change_requests (
      id uuid primary key default gen_random_uuid(),
      user_id text not null references users (id) on delete cascade,
      new_email text not null,
      token_hash text not null unique,
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    );
    create index email_change_requests_user_id_idx on email_change_requests (user_id);

    create table notification_preferences (
      user_id text not null references users (id) on delete cascade,
      kind text not null,
      enabled boolean not null,
      updated_at timestamptz not null default now(),
      primary key (user_id, kind)
    );

    create table rate_limits (
      key text primary key,
      count integer not null,
      window_started_at timestamptz not null,
      window_seconds integer not null
    );
  `.execute(db);
}
