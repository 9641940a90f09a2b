// "Back in stock" for saved items that sold out after they were saved (issue 18, decision 046's
// leftover): a product remembers when its stock last went from none to some. A saved row compares
// that time with its saved_at, so the saved module needs no history and the catalog writes nothing
// to the saved module's table. A trigger sets it, so every path that changes stock (checkout,
// cancellations, the seller center, seeds) keeps it true; its WHEN clause makes it run only on that
// transition, and the column is in no index, so stock updates stay HOT (migration 029).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table products add column restocked_at timestamptz;

    create function catalog_product_restocked() returns trigger language plpgsql as $$
    begin
      new.restocked_at := now();
      return new;
    end $$;
    create trigger products_restocked before update of stock on products
      for each row when (old.stock <= 0 and new.stock > 0) execute function catalog_product_restocked();
  `.execute(db);
}
