// The catalog: stores (sellers), categories, products with offers and shipping profiles.
// Money is integer minor units with a currency code. Search uses PostgreSQL full-text search
// plus trigram similarity (pg_trgm, loaded on PGlite too).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists pg_trgm;

    create table stores (
      id uuid primary key default gen_random_uuid(),
      owner_user_id text unique references users (id) on delete set null,
      name text not null,
      country text not null check (country ~ '^[A-Z]{2}$'),
      description text not null default '',
      status text not null default 'active' check (status in ('active', 'hidden', 'closed')),
      created_at timestamptz not null default now()
    );

    create table categories (
      slug text primary key,
      name text not null,
      position integer not null default 0
    );

    create table shipping_profiles (
      id uuid primary key default gen_random_uuid(),
      store_id uuid not null references stores (id) on delete cascade,
      label text not null
    );

    create table shipping_rates (
      profile_id uuid not null references shipping_profiles (id) on delete cascade,
      country text not null check (country ~ '^[A-Z]{2}$'),
      cost_minor integer not null check (cost_minor >= 0),
      min_days integer not null check (min_days >= 0),
      max_days integer not null,
      primary key (profile_id, country),
      check (max_days >= min_days)
    );
    create index shipping_rates_country_idx on shipping_rates (country, profile_id);

    create table products (
      id uuid primary key default gen_random_uuid(),
      store_id uuid not null references stores (id) on delete cascade,
      category_slug text not null references categories (slug),
      shipping_profile_id uuid not null references shipping_profiles (id),
      title text not null check (length(title) between 1 and 200),
      description text not null default '' check (length(description) <= 10000),
      price_minor integer not null check (price_minor > 0),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      stock integer not null check (stock >= 0),
      image_count integer not null default 1 check (image_count between 0 and 10),
      status text not null default 'active' check (status in ('active', 'delisted')),
      sold_count integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      search tsvector generated always as (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
      ) stored
    );
    create index products_search_idx on products using gin (search);
    create index products_title_trgm_idx on products using gin (title gin_trgm_ops);
    create index products_category_idx on products (category_slug, created_at desc) where status = 'active';
    create index products_created_idx on products (created_at desc) where status = 'active';
    create index products_price_idx on products (price_minor) where status = 'active';
    create index products_sold_idx on products (sold_count desc) where status = 'active';
    create index products_store_idx on products (store_id);

    create table offers (
      id uuid primary key default gen_random_uuid(),
      product_id uuid not null references products (id) on delete cascade,
      price_minor integer not null check (price_minor > 0),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      check (ends_at > starts_at)
    );
    create index offers_product_idx on offers (product_id, ends_at);
    create index offers_running_idx on offers (ends_at, starts_at);
  `.execute(db);
}
