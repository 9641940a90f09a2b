// Listings without words (a category page, the home page's new arrivals, a store page) in functions
// whose plans the database keeps (issue 18, decision 052): after migration 041 a 20-card listing ran
// in ≈ 0.4 ms and was planned in 0.2–0.4 ms on every request. PL/pgSQL prepares each statement of a
// function once per connection; every shape below is a statement of its own (scope × ships-to × sort),
// so each keeps the plan of its shape, and `plan_cache_mode = force_generic_plan` keeps that plan
// instead of re-planning for the first five calls and whenever a custom plan looks cheaper (their
// generic plans were checked with EXPLAIN to be the custom ones: the same index walks in sort order).
// - catalog_listing: the capped count and the page's cards of the listed products of a scope.
// - catalog_store_facts: a store page's facts (decision 045's statement, unchanged), as one function.
import { sql, type Kysely } from 'kysely';

/** The sort keys of a listing without words, as search.ts's SORT_KEYS: then by id. */
const SORTS = {
  newest: 'p.created_at desc, p.id',
  best_selling: 'p.sold_count desc, p.id',
  price_asc: 'p.current_price_minor asc, p.id',
  price_desc: 'p.current_price_minor desc, p.id',
} as const;

/** The conditions of each shape beyond "listed" (active, in an active store). */
function shapes() {
  const out: Array<{ test: string; where: string }> = [];
  for (const store of [false, true])
    for (const category of [false, true])
      for (const ships of [false, true])
        out.push({
          test: [
            `of_store is ${store ? 'not ' : ''}null`,
            `in_category is ${category ? 'not ' : ''}null`,
            `to_country is ${ships ? 'not ' : ''}null`,
          ].join(' and '),
          where: [
            `p.status = 'active' and p.store_active`,
            store ? 'p.store_id = store' : '',
            category ? 'p.category_slug = in_category' : '',
            ships ? 'p.ships_to @> array[to_country]' : '',
          ]
            .filter(Boolean)
            .join(' and '),
        });
  return out;
}

/** One static statement per shape and sort: PL/pgSQL caches a plan per statement. */
function listingBody(): string {
  return shapes()
    .map(({ test, where }) => {
      const pages = Object.entries(SORTS)
        .map(
          ([sort, key], i) => `
      ${i === 0 ? 'if' : 'elsif'} by_sort = '${sort}' then
        ids := array(select p.id from products p where ${where} order by ${key} limit page_size offset skip);`,
        )
        .join('');
      return `
    ${test === shapes()[0]!.test ? 'if' : 'elsif'} ${test} then
      select count(*)::int into total from (select 1 from products p where ${where} limit count_limit) capped;${pages}
      else
        raise exception 'unknown listing sort %', by_sort using errcode = '22023';
      end if;`;
    })
    .join('');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The listed products of a store (its slug), a category, both or neither, shipping to a country
    -- or not, in one of the sorts: how many (counted up to count_limit) and one page of their cards.
    create function catalog_listing(
      of_store text, in_category text, to_country text, by_sort text, page_size int, skip int, count_limit int,
      out total int, out cards json
    ) language plpgsql stable set plan_cache_mode = force_generic_plan as $$
    declare
      store uuid;
      ids uuid[];
    begin
      if of_store is not null then
        select s.id into store from stores s where s.slug = of_store;
        if store is null then
          total := 0;
          cards := '[]'::json;
          return;
        end if;
      end if;
      ${sql.raw(listingBody())}
      end if;
      cards := catalog_cards(ids);
    end
    $$;

    -- A store page's facts (store-page.ts), with its listed products' categories while it is open.
    create function catalog_store_facts(store_slug text) returns json language plpgsql stable
    set plan_cache_mode = force_generic_plan as $$
    begin
      return (
        select json_build_object(
          'id', s.id, 'slug', s.slug, 'name', s.name, 'country', s.country, 'description', s.description,
          'status', s.status, 'rating_sum', s.rating_sum, 'rating_count', s.rating_count,
          'orders_count', s.orders_count, 'created_at', s.created_at,
          'categories', case when s.status = 'active' then (
            select coalesce(json_agg(json_build_object('slug', c.slug, 'name', c.name, 'count', x.n) order by c.position, c.name), '[]'::json)
            from (select p.category_slug, count(*)::int as n from products p
                  where p.store_id = s.id and p.status = 'active' and p.store_active group by p.category_slug) x
            join categories c on c.slug = x.category_slug) end)
        from stores s where s.slug = store_slug
      );
    end
    $$;
  `.execute(db);
}
