// Search reads less per match (decision 027).
// - Whether a product's store is open is kept on the product. Search tested the store's status for
//   every match it counted or ranked: a join planned three or four times per statement and executed
//   once per candidate row (on PGlite a quarter of a broad search's time). Triggers keep the copy
//   true: a product takes its store's state when it is created or moved, and a store that opens, is
//   hidden or closes passes it on to its products.
// - A covering index of listed products in sales order (below).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table products add column store_active boolean not null default true;
    update products p set store_active = false
      where exists (select 1 from stores s where s.id = p.store_id and s.status <> 'active');

    create function catalog_product_store_active() returns trigger language plpgsql as $$
    begin
      new.store_active := exists (select 1 from stores s where s.id = new.store_id and s.status = 'active');
      return new;
    end $$;
    create trigger products_store_active before insert or update of store_id on products
      for each row execute function catalog_product_store_active();

    create function catalog_store_status_changed() returns trigger language plpgsql as $$
    begin
      update products set store_active = (new.status = 'active')
        where store_id = new.id and store_active <> (new.status = 'active');
      return null;
    end $$;
    create trigger stores_status_changed after update of status on stores
      for each row when (old.status is distinct from new.status) execute function catalog_store_status_changed();

    -- Matches in sales order, with every column search tests or sorts a match on: a broad word's
    -- count and its best-selling candidates are read from the index alone (index-only scans),
    -- never from the much wider table rows. It replaces the plain sales index.
    drop index products_sold_idx;
    create index products_listed_sold_idx on products (sold_count desc, id)
      include (title, search, category_slug, current_price_minor, created_at, offer_ends_at, shipping_profile_id)
      where status = 'active' and store_active;

    -- The planner needs the new column's statistics at once (PGlite runs no autovacuum).
    analyze products;
  `.execute(db);
}
