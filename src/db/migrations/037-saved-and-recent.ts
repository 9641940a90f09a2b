// Saved items and recently viewed products (issue 18): each row belongs to an account (user_id) or
// to a guest browser (the hash of a random cookie token, as guest carts), never both; an id of
// their own as primary key, as the erasure's ownership record needs one. What a
// saved row remembers of the product when it was saved (its price, whether it was out of stock)
// lets the list say "price dropped" and "back in stock" without a history table.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table saved_items (
      id uuid primary key default gen_random_uuid(),
      user_id text references users (id) on delete cascade,
      guest_token_hash text,
      product_id uuid not null references products (id) on delete cascade,
      saved_price_minor integer not null,
      saved_currency text not null,
      saved_out_of_stock boolean not null,
      saved_at timestamptz not null default now(),
      check ((user_id is null) <> (guest_token_hash is null))
    );
    create unique index saved_items_user_uq on saved_items (user_id, product_id);
    create unique index saved_items_guest_uq on saved_items (guest_token_hash, product_id);
    create index saved_items_guest_saved_idx on saved_items (saved_at) where user_id is null;

    create table recent_views (
      id uuid primary key default gen_random_uuid(),
      user_id text references users (id) on delete cascade,
      guest_token_hash text,
      product_id uuid not null references products (id) on delete cascade,
      viewed_at timestamptz not null default now(),
      check ((user_id is null) <> (guest_token_hash is null))
    );
    create unique index recent_views_user_uq on recent_views (user_id, product_id);
    create unique index recent_views_guest_uq on recent_views (guest_token_hash, product_id);
    create index recent_views_user_viewed_idx on recent_views (user_id, viewed_at desc);
    create index recent_views_guest_viewed_idx on recent_views (guest_token_hash, viewed_at desc);
    create index recent_views_product_idx on recent_views (product_id);
    create index saved_items_product_idx on saved_items (product_id);
  `.execute(db);
}
