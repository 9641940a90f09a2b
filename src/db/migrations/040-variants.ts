// Product variants (issue 18, decision 051): a product may have options (Colour, Size…) and one
// variant per combination of their values, each with its own price, stock and picture. A product
// without options is exactly as before. Cart and order lines name the variant they are for, or none
// ("the product itself"), so every line written before this migration stays valid as it is.
//
// The catalog's one-statement reads stay one statement: products carry their variants' roll-up
// (the lowest price in price_minor, the highest in price_max_minor, the stock in stock), kept by a
// trigger, so cards, search filters and sorts read the products row alone; the product page's
// function adds the variants list to its JSON.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The options' names in the order the page shows them; empty for a product without variants.
    alter table products add column option_names text[] not null default '{}',
      add column price_max_minor integer;

    create table product_variants (
      id uuid primary key default gen_random_uuid(),
      product_id uuid not null references products (id) on delete cascade,
      -- One value per option name of the product, in the same order.
      option_values text[] not null check (cardinality(option_values) between 1 and 3),
      sku text check (length(sku) between 1 and 64),
      price_minor integer not null check (price_minor between 1 and 1000000000),
      stock integer not null check (stock between 0 and 1000000),
      -- The product image (position) shown for this variant; null: the product's first.
      image_index integer check (image_index between 0 and 9),
      position integer not null default 0,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      unique (product_id, option_values)
    );

    -- The roll-up the listings read: lowest and highest price and total stock of the active
    -- variants. Without active variants the product keeps its own price, and has no stock to sell.
    create function catalog_variants_rollup() returns trigger language plpgsql as $$
    declare
      pid uuid := coalesce(new.product_id, old.product_id);
    begin
      update products p set
        stock = coalesce(v.stock, 0),
        price_minor = coalesce(v.low, p.price_minor),
        price_max_minor = v.high,
        current_price_minor = case
          when p.offer_ends_at > now() and p.offer_price_minor < coalesce(v.low, p.price_minor) then p.offer_price_minor
          else coalesce(v.low, p.price_minor) end,
        updated_at = now()
      from (select sum(stock)::int as stock, min(price_minor) as low, max(price_minor) as high
            from product_variants where product_id = pid and active) v
      where p.id = pid;
      return null;
    end $$;
    create trigger product_variants_rollup after insert or delete or update of stock, price_minor, active, product_id
      on product_variants for each row execute function catalog_variants_rollup();

    -- Cart lines: one per product and variant (null: the product itself). The line gets an id of its
    -- own as primary key (the erasure's ownership record keys rows by one or two columns).
    alter table cart_lines add column id uuid not null default gen_random_uuid(),
      add column variant_id uuid references product_variants (id) on delete cascade;
    alter table cart_lines drop constraint cart_lines_pkey;
    alter table cart_lines add primary key (id);
    create unique index cart_lines_line_uq on cart_lines (cart_id, product_id, variant_id) nulls not distinct;
    create index cart_lines_variant_idx on cart_lines (variant_id) where variant_id is not null;

    -- Order lines keep the variant's options as words ("Colour: Red · Size: M"): the accounting
    -- record reads the same after the seller renames or deletes the variant.
    alter table order_items add column variant_id uuid references product_variants (id) on delete set null,
      add column variant_label text;
    create index order_items_variant_idx on order_items (variant_id) where variant_id is not null;

    create or replace function catalog_cards(ids uuid[]) returns json language plpgsql stable as $$
    begin
      return (
        select coalesce(json_agg(json_build_object(
          'id', p.id, 'title', p.title, 'price_minor', p.price_minor, 'currency', p.currency, 'stock', p.stock,
          'image_count', p.image_count, 'category_slug', p.category_slug, 'category_name', c.name,
          'store_id', s.id, 'store_name', s.name, 'store_slug', s.slug,
          'offer_price', case when p.offer_ends_at > now() then p.offer_price_minor end,
          'offer_ends_at', case when p.offer_ends_at > now() then p.offer_ends_at end,
          'rating_sum', p.rating_sum, 'rating_count', p.rating_count, 'price_max_minor', p.price_max_minor
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
          'store_rating_count', s.rating_count, 'price_max_minor', p.price_max_minor, 'option_names', p.option_names,
          'variants', coalesce((
            select json_agg(json_build_object('id', v.id, 'option_values', v.option_values, 'price_minor', v.price_minor,
                'stock', v.stock, 'image_index', v.image_index, 'sku', v.sku) order by v.position, v.created_at, v.id)
            from product_variants v where v.product_id = p.id and v.active), '[]'::json)
          )::text || E'\\n' || sp.ships_to_body
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
