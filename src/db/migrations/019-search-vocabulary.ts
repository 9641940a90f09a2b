// Search at scale, second round (docs/decisions/021).
// - Typo tolerance corrects the words of a query against the words of listed titles (search_words,
//   kept by triggers), then runs the ordinary full-text search: a small trigram lookup instead of a
//   trigram scan of every title. The title trigram index had no other reader.
// - Category pages sorted by price or sales walk an index of that category in that order instead of
//   the whole catalog's price or sales order.
// - The full-text index is written through (no pending list): PGlite runs no autovacuum, so a
//   pending list would only grow up to its limit and be read linearly by every search.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table search_words (word text primary key);
    create index search_words_trgm_idx on search_words using gin (word gin_trgm_ops);

    create function catalog_search_words_of(title text) returns setof text
    language sql immutable parallel safe as $$
      select w from unnest(tsvector_to_array(to_tsvector('simple', title))) w where length(w) between 2 and 40
    $$;

    create function catalog_add_search_words() returns trigger language plpgsql as $$
    begin
      insert into search_words (word)
      select distinct w from new_rows n cross join lateral catalog_search_words_of(n.title) w
      on conflict do nothing;
      return null;
    end
    $$;
    create trigger products_search_words_insert after insert on products
      referencing new table as new_rows for each statement execute function catalog_add_search_words();

    create function catalog_add_title_words() returns trigger language plpgsql as $$
    begin
      insert into search_words (word) select distinct w from catalog_search_words_of(new.title) w on conflict do nothing;
      return null;
    end
    $$;
    create trigger products_search_words_update after update of title on products
      for each row when (old.title is distinct from new.title) execute function catalog_add_title_words();

    insert into search_words (word)
    select distinct w from products p cross join lateral catalog_search_words_of(p.title) w
    on conflict do nothing;

    drop index products_title_trgm_idx;

    create index products_category_price_idx on products (category_slug, current_price_minor, id) where status = 'active';
    create index products_category_sold_idx on products (category_slug, sold_count desc, id) where status = 'active';

    alter index products_search_idx set (fastupdate = off);
    select gin_clean_pending_list('products_search_idx'::regclass);
  `.execute(db);
}
