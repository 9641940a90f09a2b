// The product page's shipping list, kept in the shape of the response (decision 028). The page
// parsed some 25 rates from JSON, mapped each into money objects and serialised them again on every
// request, on the server's main thread; the list is now built when the rates change (a seller saves
// shipping settings, the seed), as the JSON text the page sends, and the route copies it into its
// body. The rest of the page is small (a title, a description, a few numbers): it comes back as JSON
// beside the list, and src/modules/catalog/product-page.ts writes the body around the list.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A money object needs the product's currency, which a profile does not have: the list holds
    -- '$' where it goes ('$' is in nothing else: country codes, digits, JSON punctuation).
    alter table shipping_profiles add column ships_to_body text not null default '[]';
    -- Kept in the row uncompressed up to a page's size (the two lists together pass the default
    -- 2 KB target with some 30 rates): a page read would otherwise decompress them on every request.
    alter table shipping_profiles set (toast_tuple_target = 8160);

    create function catalog_profile_ships_to_body(profile uuid) returns text language sql stable as $$
      select '[' || coalesce(string_agg(
          '{"country":"' || r.country || '","cost":{"amount":' || r.cost_minor || ',"currency":"$"},"minDays":'
            || r.min_days || ',"maxDays":' || r.max_days || '}', ',' order by r.country), '') || ']'
      from shipping_rates r where r.profile_id = profile
    $$;

    -- Migration 025's trigger function, now rebuilding both lists: rates (for catalog_product_page_json,
    -- which a process still on the previous code calls during a deploy) and ships_to_body.
    create or replace function catalog_refresh_profile_rates() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'DELETE' then
        perform 1 from shipping_profiles where id in (select profile_id from new_rows) order by id for update;
        update shipping_profiles sp set rates = catalog_profile_rates(sp.id), ships_to_body = catalog_profile_ships_to_body(sp.id)
        where sp.id in (select profile_id from new_rows);
      end if;
      if tg_op <> 'INSERT' then
        perform 1 from shipping_profiles where id in (select profile_id from old_rows) order by id for update;
        update shipping_profiles sp set rates = catalog_profile_rates(sp.id), ships_to_body = catalog_profile_ships_to_body(sp.id)
        where sp.id in (select profile_id from old_rows);
      end if;
      return null;
    end $$;

    update shipping_profiles sp set ships_to_body = catalog_profile_ships_to_body(sp.id);

    -- The page as one text value (one field to decode, on PGlite on its thread; decision 023): its
    -- fields as a JSON object, a newline, then the shipping list as it is (JSON never holds a raw
    -- newline, so the first one ends the object). Null when there is no such listed product. The
    -- offer's price and end only while it runs. PL/pgSQL keeps the query's plan per connection.
    create function catalog_product_page_text(product_id uuid) returns text language plpgsql stable as $$
    begin
      return (
        select json_build_object(
          'id', p.id, 'title', p.title, 'price_minor', p.price_minor, 'currency', p.currency, 'stock', p.stock,
          'image_count', p.image_count, 'category_slug', p.category_slug, 'category_name', c.name,
          'store_id', s.id, 'store_name', s.name,
          'offer_price', case when p.offer_ends_at > now() then p.offer_price_minor end,
          'offer_ends_at', case when p.offer_ends_at > now() then p.offer_ends_at end,
          'rating_sum', p.rating_sum, 'rating_count', p.rating_count,
          'description', p.description, 'store_country', s.country, 'store_rating_sum', s.rating_sum,
          'store_rating_count', s.rating_count)::text || E'\\n' || sp.ships_to_body
        from products p
        join stores s on s.id = p.store_id and s.status = 'active'
        join categories c on c.slug = p.category_slug
        join shipping_profiles sp on sp.id = p.shipping_profile_id
        where p.id = product_id and p.status = 'active'
      );
    end
    $$;

    -- Replaced by catalog_product_page_json in migration 025; no process of the previous release calls it.
    drop function catalog_product_page(uuid);
  `.execute(db);
}
