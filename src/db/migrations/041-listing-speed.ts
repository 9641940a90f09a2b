// Listings that read indexes only for their counts, and suggestions ranked by use (issue 18,
// decision 052). EXPLAIN (ANALYZE, BUFFERS) on a 100,000-product catalogue: a 20-card category page
// filtered to a country spent three quarters of its time counting (up to 241 matches, each a heap
// row of products plus a probe of shipping_rates' index), and a store page read every one of the
// store's product rows twice (its category counts, then its capped total).
// - products.ships_to: the countries the product's shipping profile has a rate for, sorted, kept
//   by triggers (a product's profile is set or changed; a profile's rates change). The rates stay
//   the one source of truth; the array is their copy where the listing filters.
// - Two partial indexes over listed products (active, in an active store) carrying ships_to: a
//   capped count, a store's category counts and a ships-to count are index-only scans (on
//   PostgreSQL; the visibility map is what vacuum keeps, which the seed runs after a bulk load).
// - search_words.products: how many active products have the word in their title, kept by the
//   triggers that keep the vocabulary. Suggestions rank by it and skip words no listed title uses.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table products add column ships_to text[] not null default '{}';

    create function catalog_profile_countries(profile uuid) returns text[] language sql stable as $$
      select coalesce(array_agg(r.country order by r.country), '{}') from shipping_rates r where r.profile_id = profile
    $$;

    -- A product's countries when its profile is set; the profile row is share-locked so a rates
    -- change that commits meanwhile (it locks the profile for update) is seen, or sees this product.
    create function catalog_product_ships_to() returns trigger language plpgsql as $$
    begin
      perform 1 from shipping_profiles where id = new.shipping_profile_id for share;
      new.ships_to := catalog_profile_countries(new.shipping_profile_id);
      return new;
    end $$;
    create trigger products_ships_to before insert or update of shipping_profile_id on products
      for each row execute function catalog_product_ships_to();

    create function catalog_refresh_products_ships_to() returns trigger language plpgsql as $$
    declare
      profiles uuid[];
    begin
      if tg_op = 'INSERT' then
        select array_agg(distinct profile_id) into profiles from new_rows;
      elsif tg_op = 'DELETE' then
        select array_agg(distinct profile_id) into profiles from old_rows;
      else
        select array_agg(distinct x.profile_id) into profiles
        from (select profile_id from new_rows union select profile_id from old_rows) x;
      end if;
      perform 1 from shipping_profiles where id = any(profiles) order by id for update;
      update products p set ships_to = catalog_profile_countries(p.shipping_profile_id)
      where p.shipping_profile_id = any(profiles) and p.ships_to <> catalog_profile_countries(p.shipping_profile_id);
      return null;
    end $$;
    create trigger shipping_rates_ships_to_insert after insert on shipping_rates
      referencing new table as new_rows for each statement execute function catalog_refresh_products_ships_to();
    create trigger shipping_rates_ships_to_update after update on shipping_rates
      referencing old table as old_rows new table as new_rows for each statement execute function catalog_refresh_products_ships_to();
    create trigger shipping_rates_ships_to_delete after delete on shipping_rates
      referencing old table as old_rows for each statement execute function catalog_refresh_products_ships_to();

    update products p set ships_to = catalog_profile_countries(p.shipping_profile_id);

    create index products_listed_category_idx on products (category_slug) include (ships_to)
      where status = 'active' and store_active;
    create index products_listed_store_idx on products (store_id, category_slug) include (ships_to)
      where status = 'active' and store_active;

    -- A word of a longer query that names a category ("linen clothes": Clothing) lets the category
    -- stand for it: the category's products that match the other words are found too. Immutable
    -- though they read tables, as catalog_search_query (migration 039): folded into constants when
    -- a search is planned. Only for queries of two words or more; a whole query naming a category
    -- is catalog_categories_named's.
    create function catalog_query_words(q text) returns setof text language sql immutable parallel safe as $$
      select w from regexp_split_to_table(lower(q), '[^[:alnum:]]+') w where w <> ''
    $$;
    -- Each word's query once (a materialised CTE): catalog_search_query runs ts_rewrite's query of
    -- the synonyms, which is most of what planning a search with words costs.
    create function catalog_category_words(q text) returns table (word text, slug text)
    language sql immutable parallel safe as $$
      with w as materialized (select w as word, catalog_search_query(w) as tq from catalog_query_words(q) w)
      select w.word, c.slug from w left join categories c
        on numnode(w.tq) > 0 and to_tsvector('english', c.name) @@ w.tq
    $$;
    create function catalog_categories_in(q text) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct x.slug order by x.slug) filter (where x.slug is not null), '{}')
      from catalog_category_words(q) x
    $$;
    create function catalog_query_beside_categories(q text) returns tsquery language sql immutable parallel safe as $$
      select catalog_search_query(coalesce(string_agg(x.word, ' '), ''))
      from (select word from catalog_category_words(q) group by word having count(slug) = 0) x
    $$;

    alter table search_words add column products integer not null default 0;

    create or replace function catalog_add_search_words() returns trigger language plpgsql as $$
    begin
      insert into search_words as v (word, products)
      select w, count(*) from new_rows n cross join lateral catalog_search_words_of(n.title) w
      where n.status = 'active' group by w
      on conflict (word) do update set products = v.products + excluded.products;
      -- Words of products inserted delisted still join the vocabulary (typo correction reads it).
      insert into search_words (word)
      select distinct w from new_rows n cross join lateral catalog_search_words_of(n.title) w where n.status <> 'active'
      on conflict do nothing;
      return null;
    end $$;

    create function catalog_remove_search_words() returns trigger language plpgsql as $$
    begin
      update search_words v set products = greatest(v.products - x.n, 0)
      from (select w, count(*)::int as n from old_rows o cross join lateral catalog_search_words_of(o.title) w
            where o.status = 'active' group by w) x
      where v.word = x.w;
      return null;
    end $$;
    create trigger products_search_words_delete after delete on products
      referencing old table as old_rows for each statement execute function catalog_remove_search_words();

    -- A title or listing change moves the product's count from its old words to its new ones.
    create or replace function catalog_add_title_words() returns trigger language plpgsql as $$
    begin
      if old.status = 'active' then
        update search_words set products = greatest(products - 1, 0)
        where word in (select catalog_search_words_of(old.title));
      end if;
      insert into search_words as v (word, products)
      select distinct w, case when new.status = 'active' then 1 else 0 end from catalog_search_words_of(new.title) w
      on conflict (word) do update set products = v.products + excluded.products;
      return null;
    end $$;
    drop trigger products_search_words_update on products;
    create trigger products_search_words_update after update of title, status on products
      for each row when (old.title is distinct from new.title or old.status is distinct from new.status)
      execute function catalog_add_title_words();

    update search_words v set products = x.n
    from (select w, count(*)::int as n from products p cross join lateral catalog_search_words_of(p.title) w
          where p.status = 'active' group by w) x
    where v.word = x.w;
  `.execute(db);
}
