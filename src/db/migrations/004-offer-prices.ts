// The running offer of each product, kept on the product row so listings, filters and sorting
// read one table: refreshed when offers change and by a job every minute (src/modules/catalog/offers.ts).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table products
      add column offer_price_minor integer,
      add column offer_ends_at timestamptz,
      add column current_price_minor integer;
    update products set current_price_minor = price_minor;
    alter table products alter column current_price_minor set not null;
    drop index products_price_idx;
    create index products_current_price_idx on products (current_price_minor) where status = 'active';
    create index products_offer_ends_idx on products (offer_ends_at) where offer_price_minor is not null;
  `.execute(db);
}
