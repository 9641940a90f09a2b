// Whether a product's store is open, kept on the product (decision 027). Search tested the store's
// status for every match it counted or ranked: a join planned three or four times per statement and
// executed once per candidate row (on PGlite a quarter of a broad search's time). Triggers keep the
// copy true: a product takes its store's state when it is created or moved (reading the store under
// a share lock, so a concurrent change of its status waits for the insert, or the insert for it),
// and a store that opens, is hidden or closes passes it on to its products.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table products add column store_active boolean not null default true;
    update products p set store_active = false
      where exists (select 1 from stores s where s.id = p.store_id and s.status <> 'active');

    create function catalog_product_store_active() returns trigger language plpgsql as $$
    begin
      new.store_active := coalesce((select s.status = 'active' from stores s where s.id = new.store_id for share), false);
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

    -- The planner needs the new column's statistics at once (PGlite runs no autovacuum).
    analyze products;
  `.execute(db);
}
