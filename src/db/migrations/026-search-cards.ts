// The cards of a search page, by a function whose plan the database keeps (decision 027): the page's
// product ids in, one row per card out, in the page's order. Search planned these three joins on
// every statement (a fifth of its planning); now it plans a function call.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function catalog_cards(ids uuid[]) returns table (
      pos bigint, id uuid, title text, price_minor integer, currency text, stock integer, image_count integer,
      category_slug text, category_name text, store_id uuid, store_name text,
      offer_price integer, offer_ends_at timestamptz, rating_sum integer, rating_count integer
    ) language plpgsql stable as $$
    #variable_conflict use_column
    begin
      return query
      select u.pos, p.id, p.title, p.price_minor, p.currency, p.stock, p.image_count, p.category_slug, c.name, s.id, s.name,
        case when p.offer_ends_at > now() then p.offer_price_minor end,
        case when p.offer_ends_at > now() then p.offer_ends_at end,
        p.rating_sum, p.rating_count
      from unnest(ids) with ordinality u(id, pos)
      join products p on p.id = u.id
      join stores s on s.id = p.store_id
      join categories c on c.slug = p.category_slug
      order by u.pos;
    end
    $$;
  `.execute(db);
}
