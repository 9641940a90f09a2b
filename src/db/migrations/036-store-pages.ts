// Store pages (issue 18): every store gets a slug, its address /s/<slug>, and a count of its
// completed orders kept on its row, so a store page is one statement like the product page.
// - The slug is the name in lower-case ASCII words joined by "-" (accents folded, anything else
//   dropped; "store" when nothing is left), with "-2", "-3"… when another store has it. Existing
//   stores get one here, new ones at insert (a trigger), so the rule lives in one place. A store
//   keeps its slug when renamed: links people shared keep working (decision 045). An erased
//   seller's store loses it (catalog/erasure.ts sets it to null): it was often a person's name.
// - orders_count: the store's orders that shipped (shipped or delivered), kept by a trigger on
//   orders as their status moves in or out of those two.
// - catalog_cards and catalog_product_page_text carry the store's slug, so cards and product pages
//   link to the store.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table stores
      add column slug text unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
      add column orders_count integer not null default 0 check (orders_count >= 0);

    create function catalog_store_slug_base(name text) returns text language sql immutable as $$
      select coalesce(nullif(left(trim(both '-' from regexp_replace(
        replace(replace(replace(replace(translate(lower(name),
          'àáâãäåāăąÀÁÂÃÄÅĀĂĄçćčÇĆČďđĎĐèéêëēėęěÈÉÊËĒĖĘĚğĞìíîïīįıÌÍÎÏĪĮİłŁñńňÑŃŇòóôõöøōőÒÓÔÕÖØŌŐŕřŔŘśšşŚŠŞťţŤŢùúûüūůűųÙÚÛÜŪŮŰŲýÿÝŸžźżŽŹŻ',
          'aaaaaaaaaaaaaaaaaaccccccddddeeeeeeeeeeeeeeeeggiiiiiiiiiiiiiillnnnnnnoooooooooooooooorrrrssssssttttuuuuuuuuuuuuuuuuyyyyzzzzzz'),
          'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), '&', ' and '),
        '[^a-z0-9]+', '-', 'g')), 60), ''), 'store');
    $$;

    -- Trimming to 60 may leave a trailing "-": trimmed again before the suffix.
    create function catalog_unique_store_slug(name text) returns text language plpgsql as $$
    declare
      base text := trim(both '-' from catalog_store_slug_base(name));
      candidate text := base;
      n integer := 1;
    begin
      while exists (select 1 from stores where slug = candidate) loop
        n := n + 1;
        candidate := base || '-' || n;
      end loop;
      return candidate;
    end $$;

    create function catalog_store_slug_on_insert() returns trigger language plpgsql as $$
    begin
      new.slug := catalog_unique_store_slug(new.name);
      return new;
    end $$;
    create trigger stores_slug before insert on stores
      for each row when (new.slug is null) execute function catalog_store_slug_on_insert();

    -- Existing stores, oldest first (the oldest keeps the plain slug); erased stores (closed) get none.
    do $$
    declare r record;
    begin
      for r in select id, name from stores where status <> 'closed' order by created_at, id loop
        update stores set slug = catalog_unique_store_slug(r.name) where id = r.id;
      end loop;
    end $$;

    create function catalog_store_orders_count() returns trigger language plpgsql as $$
    declare
      was boolean := tg_op = 'UPDATE' and old.status in ('shipped', 'delivered');
      is_now boolean := new.status in ('shipped', 'delivered');
    begin
      if was <> is_now then
        update stores set orders_count = orders_count + case when is_now then 1 else -1 end where id = new.store_id;
      end if;
      return null;
    end $$;
    create trigger orders_count_for_store after insert or update of status on orders
      for each row execute function catalog_store_orders_count();
    update stores s set orders_count = o.n
      from (select store_id, count(*)::int as n from orders where status in ('shipped', 'delivered') group by store_id) o
      where o.store_id = s.id;

    -- A store's listing in its default order (best selling), and its newest, without sorting the store.
    create index products_store_sold_idx on products (store_id, sold_count desc, id) where status = 'active';

    create or replace function catalog_cards(ids uuid[]) returns json language plpgsql stable as $$
    begin
      return (
        select coalesce(json_agg(json_build_object(
          'id', p.id, 'title', p.title, 'price_minor', p.price_minor, 'currency', p.currency, 'stock', p.stock,
          'image_count', p.image_count, 'category_slug', p.category_slug, 'category_name', c.name,
          'store_id', s.id, 'store_name', s.name, 'store_slug', s.slug,
          'offer_price', case when p.offer_ends_at > now() then p.offer_price_minor end,
          'offer_ends_at', case when p.offer_ends_at > now() then p.offer_ends_at end,
          'rating_sum', p.rating_sum, 'rating_count', p.rating_count
        ) order by u.pos), '[]'::json)
        from unnest(ids) with ordinality u(id, pos)
        join products p on p.id = u.id
        join stores s on s.id = p.store_id
        join categories c on c.slug = p.category_slug
      );
    end
    $$;

    create or replace function catalog_product_page_text(product_id uuid) returns text language plpgsql stable as $$
    begin
      return (
        select json_build_object(
          'id', p.id, 'title', p.title, 'price_minor', p.price_minor, 'currency', p.currency, 'stock', p.stock,
          'image_count', p.image_count, 'category_slug', p.category_slug, 'category_name', c.name,
          'store_id', s.id, 'store_name', s.name, 'store_slug', s.slug,
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
  `.execute(db);
}
