// A shipping profile carries its rates as the product page shows them (decision 027). The product
// page aggregated some 25 rate rows into JSON on every request, about half of what the database
// did for it; triggers on shipping_rates now rebuild a profile's list when its rates change (a
// seller saves shipping settings, the seed), and the page reads one column.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table shipping_profiles add column rates json not null default '[]';

    create function catalog_profile_rates(profile uuid) returns json language sql stable as $$
      select coalesce(json_agg(json_build_object('country', r.country, 'cost', r.cost_minor, 'minDays', r.min_days, 'maxDays', r.max_days)
        order by r.country), '[]'::json)
      from shipping_rates r where r.profile_id = profile
    $$;

    create function catalog_refresh_profile_rates() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'DELETE' then
        update shipping_profiles sp set rates = catalog_profile_rates(sp.id) where sp.id in (select profile_id from new_rows);
      end if;
      if tg_op <> 'INSERT' then
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

    create or replace function catalog_product_page(product_id uuid) returns table (
      id uuid, title text, price_minor integer, currency text, stock integer, image_count integer,
      category_slug text, category_name text, store_id uuid, store_name text,
      offer_price integer, offer_ends_at timestamptz, rating_sum integer, rating_count integer,
      description text, store_country text, store_rating_sum integer, store_rating_count integer, ships_to json
    ) language plpgsql stable as $$
    #variable_conflict use_column
    begin
      return query
      select p.id, p.title, p.price_minor, p.currency, p.stock, p.image_count, p.category_slug, c.name, s.id, s.name,
        case when p.offer_ends_at > now() then p.offer_price_minor end,
        case when p.offer_ends_at > now() then p.offer_ends_at end,
        p.rating_sum, p.rating_count,
        p.description, s.country, s.rating_sum, s.rating_count, sp.rates
      from products p
      join stores s on s.id = p.store_id and s.status = 'active'
      join categories c on c.slug = p.category_slug
      join shipping_profiles sp on sp.id = p.shipping_profile_id
      where p.id = product_id and p.status = 'active';
    end
    $$;
  `.execute(db);
}
