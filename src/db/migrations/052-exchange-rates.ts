// Exchange rates (issue 20, decision 058): sets of rates against one base currency, each with the
// day it is the rate of and where it came from (the operator's rates file, staff, the reference feed
// the operator turned on, or the demo's sample). The newest recorded set is the one in use; older
// sets stay, so every conversion recorded elsewhere (an order's) can name the set it used. Rates are
// exact decimals (numeric with 12 places), never floats. No personal data: who recorded a set is in
// the audit log.
// account_preferences: the currency a signed-in shopper chose to see prices in (a guest's choice
// stays in their browser); deleted with the account.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table exchange_rate_sets (
      id uuid primary key default gen_random_uuid(),
      base text not null check (base ~ '^[A-Z]{3}$'),
      as_of date not null,
      source text not null check (source in ('file', 'staff', 'feed', 'sample')),
      recorded_at timestamptz not null default now()
    );
    create index exchange_rate_sets_recorded on exchange_rate_sets (recorded_at desc, id desc);

    create table exchange_rates (
      set_id uuid not null references exchange_rate_sets (id) on delete cascade,
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      rate numeric(24, 12) not null check (rate > 0),
      primary key (set_id, currency)
    );

    create table account_preferences (
      user_id text primary key references users (id) on delete cascade,
      display_currency text check (display_currency ~ '^[A-Z]{3}$'),
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}
