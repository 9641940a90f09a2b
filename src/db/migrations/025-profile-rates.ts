// A shipping profile carries its rates as the product page shows them (decision 027). The product
// page aggregated some 25 rate rows into JSON on every request, about half of what the database
// did for it; triggers on shipping_rates now rebuild a profile's list when its rates change (a
// seller saves shipping settings, the seed), and the page reads one column. The page itself comes
// back as one JSON value (catalog_product_page_json).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table shipping_profiles add column rates json not null default '[]';

    create function catalog_profile_rates(profile uuid) returns json language sql stable as $$
      select coalesce(json_agg(json_build_object('country', r.country, 'cost', r.cost_minor, 'minDays', r.min_days, 'maxDays', r.max_days)
        order by r.country), '[]'::json)
      from shipping_rates r where r.profile_id = profile
    $$;

    -- The profiles are locked first, and rebuilt by a later statement (a new snapshot): two
    -- transactions changing one profile's rates then rebuild it one after the other, the second
    -- seeing the first's rates.
    create function catalog_refresh_profile_rates() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'DELETE' then
        perform 1 from shipping_profiles where id in (select profile_id from new_rows) order by id for update;
        update shipping_profiles sp set rates = catalog_profile_rates(sp.id) where sp.id in (select profile_id from new_rows);
      end if;
      if tg_op <> 'INSERT' then
        perform 1 from shipping_profiles where id in (select profile_id from old_rows) order by id for update;
        update shipping_profiles sp set rates = catalog_profile_rates(sp.id) where sp.id in (select profile_id from old_rows);
      end if;
      return null;
    end $$;
    create trigger shipping_rates_insert after insert on shipping_rates
      referencing new table as new_rows for each statement execute function catalog_refresh_profile_rates();
    create trigger shipping_rates_update after update on shipping_rates
      referencing old table as old_rows new table as new_rows for each statement execute function catalog_refresh_profile_rates();
    create trigger shipping_rates_delete after delete on shipping_rates
      referencing old table as old_rows for each statement execute function catalog_refresh_profile_rates();

    update shipping_profiles sp set rates = catalog_profile_rates(sp.id);

    -- The page as one JSON value: one field for the reader to decode instead of nineteen (on
    -- PGlite, on its thread; decision 023). Null when there is no such listed product. A new name,
    -- so a process still running the previous code keeps its catalog_product_page while a new one
    -- starts; a later migration drops the old function.
    create function catalog_product_page_json(product_id uuid) returns json language plpgsql stable as $$
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
          'store_rating_count', s.rating_count, 'ships_to', sp.rates)
        from products p
        join stores s on s.id = p.store_id and s.status = 'active'
        join categories c on c.slug = p.category_slug
        join shipping_profiles sp on sp.id = p.shipping_profile_id
        where p.id = product_id and p.status = 'active'
      );
    end
    $$;
  `.execute(db);
}
