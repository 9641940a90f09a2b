// Catalog reads on a large catalog (docs/decisions/013).
// Search: products whose title is the query come first, found without reading every full-text
// match of a broad query; the ranked candidates are the best-selling matches, read in index order
// (sold_count, then id for ties).
// Product page: one function call, so its plan is made once per connection (PL/pgSQL caches the
// plans of its statements) instead of on every request. "Listed" means what it means everywhere in
// the catalog (src/modules/catalog/repository.ts): an active product in an active store.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index products_title_lower_idx on products (lower(title)) where status = 'active';
    drop index products_sold_idx;
    create index products_sold_idx on products (sold_count desc, id) where status = 'active';

    create function catalog_product_page(product_id uuid) returns table (
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
        p.description, s.country, s.rating_sum, s.rating_count,
        (select coalesce(json_agg(json_build_object('country', r.country, 'cost', r.cost_minor, 'minDays', r.min_days, 'maxDays', r.max_days) order by r.country), '[]'::json)
         from shipping_rates r where r.profile_id = p.shipping_profile_id)
      from products p
      join stores s on s.id = p.store_id and s.status = 'active'
      join categories c on c.slug = p.category_slug
      where p.id = product_id and p.status = 'active';
    end
    $$;
  `.execute(db);
}
