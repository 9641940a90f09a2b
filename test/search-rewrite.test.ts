// Migration 049 (decision 057) rewrote the search's word functions in PL/pgSQL so a search plans in
// less time. They must answer as the SQL functions of migrations 039 and 041 did: on a seeded
// catalogue, for queries with synonyms, plurals, category words and operators, the old functions
// (recreated here under old_ names) and the new ones match the same products with the same ts_rank,
// and name the same categories; and searches through the API find the same pages with either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/types.ts';
import { seedCatalog } from '../src/modules/catalog/index.ts';
import { createTestApp } from './helpers/app.ts';

/** The functions as migrations 039 and 041 wrote them, named old_*. */
async function createOldFunctions(db: Kysely<DB>): Promise<void> {
  await sql`
    create function old_catalog_search_query(q text) returns tsquery
    language sql immutable parallel safe as $$
      select ts_rewrite(websearch_to_tsquery('english', q), 'select target, substitute from search_synonyms where numnode(target) > 0')
    $$;
    create function old_catalog_categories_named(q text) returns text[]
    language sql immutable parallel safe as $$
      select coalesce(array_agg(c.slug order by c.slug), '{}')
      from categories c
      where numnode(old_catalog_search_query(q)) > 0 and to_tsvector('english', c.name) @@ old_catalog_search_query(q)
    $$;
    create function old_catalog_category_words(q text) returns table (word text, slug text)
    language sql immutable parallel safe as $$
      with w as materialized (select w as word, old_catalog_search_query(w) as tq from catalog_query_words(q) w)
      select w.word, c.slug from w left join categories c
        on numnode(w.tq) > 0 and to_tsvector('english', c.name) @@ w.tq
    $$;
    create function old_catalog_categories_in(q text) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct x.slug order by x.slug) filter (where x.slug is not null), '{}')
      from old_catalog_category_words(q) x
    $$;
    create function old_catalog_query_beside_categories(q text) returns tsquery language sql immutable parallel safe as $$
      select old_catalog_search_query(coalesce(string_agg(x.word, ' '), ''))
      from (select word from old_catalog_category_words(q) group by word having count(slug) = 0) x
    $$;`.execute(db);
}

/** The same names pointing at the old bodies: swaps the search's functions for migration 039/041's. */
async function useOldFunctions(db: Kysely<DB>): Promise<void> {
  await sql`
    create or replace function catalog_search_query(q text) returns tsquery language sql immutable parallel safe
      as $$ select old_catalog_search_query(q) $$;
    create or replace function catalog_categories_named(q text) returns text[] language sql immutable parallel safe
      as $$ select old_catalog_categories_named(q) $$;
    create or replace function catalog_categories_in(q text) returns text[] language sql immutable parallel safe
      as $$ select old_catalog_categories_in(q) $$;
    create or replace function catalog_query_beside_categories(q text) returns tsquery language sql immutable parallel safe
      as $$ select old_catalog_query_beside_categories(q) $$;`.execute(db);
}

const QUERIES = [
  'saffron',
  'olive oil',
  'linen clothes',
  'red sneakers',
  'apparel',
  'garments',
  'clothes kitchen',
  'jewellery box',
  'carpet rug',
  'carpet',
  'tee',
  'tshirt cotton',
  'mobile phone',
  'earphones headset',
  'trainers footwear',
  'pants jumper',
  'rucksack',
  '"cast iron"',
  'lantern -camping',
  'wireless or headphones',
  'kitchen',
  'home kitchen copper',
  'books',
  'the',
  'toys games',
  'beauty sneakers',
];

test('the search word functions of migration 049 answer as those of 039 and 041', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 1500, stores: 40, seed: 7 });
  await createOldFunctions(db);

  await t.test('same matches, ranks and categories for every query', async () => {
    const { rows } = await sql<{ q: string; old_ids: string[]; new_ids: string[]; rank_diffs: number }>`
      select x.q,
        array(select p.id::text from products p where p.search @@ old_catalog_search_query(x.q) order by p.id) as old_ids,
        array(select p.id::text from products p where p.search @@ catalog_search_query(x.q) order by p.id) as new_ids,
        (select count(*)::int from products p where p.search @@ catalog_search_query(x.q)
           and ts_rank(p.search, catalog_search_query(x.q)) <> ts_rank(p.search, old_catalog_search_query(x.q))) as rank_diffs
      from unnest(${QUERIES}::text[]) x(q)`.execute(db);
    let matched = 0;
    for (const r of rows) {
      assert.deepEqual(r.new_ids, r.old_ids, r.q);
      assert.equal(r.rank_diffs, 0, `${r.q}: ts_rank`);
      matched += r.new_ids.length;
    }
    assert.ok(matched > 100, `the queries match products (${matched})`);

    const cats = await sql<{ q: string; same_named: boolean; same_in: boolean; same_beside: boolean }>`
      select x.q,
        catalog_categories_named(x.q) = old_catalog_categories_named(x.q) as same_named,
        catalog_categories_in(x.q) = old_catalog_categories_in(x.q) as same_in,
        array(select p.id from products p where p.search @@ catalog_query_beside_categories(x.q) order by p.id)
          = array(select p.id from products p where p.search @@ old_catalog_query_beside_categories(x.q) order by p.id) as same_beside
      from unnest(${[...QUERIES, ...(await sql<{ name: string }>`select name from categories`.execute(db)).rows.map((c) => `${c.name} sneakers`)]}::text[]) x(q)`.execute(
      db,
    );
    for (const r of cats.rows) assert.deepEqual([r.same_named, r.same_in, r.same_beside], [true, true, true], r.q);
    const named = await sql<{ n: string[] }>`select catalog_categories_named('clothes') as n`.execute(db);
    assert.deepEqual(named.rows[0]?.n, ['clothing'], 'a synonym names its category');
  });

  await t.test('the search API answers the same pages with the old functions', async () => {
    const urls = [
      ...QUERIES.map((q) => `/api/search?q=${encodeURIComponent(q)}`),
      '/api/search?q=saffron&page=3',
      '/api/search?q=olive%20oil&sort=price_asc',
      '/api/search?q=linen%20clothes&shipsTo=FR',
      '/api/search?q=wireles%20headphnes',
      '/api/search?q=sneakers&exact=true',
    ];
    const answers = async () => {
      const out: string[] = [];
      for (const url of urls) {
        const res = await app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
        out.push(res.body);
      }
      return out;
    };
    const now = await answers();
    assert.ok(now.some((body) => (JSON.parse(body) as { total: number }).total > 0));
    await useOldFunctions(db);
    const before = await answers();
    for (const [i, url] of urls.entries()) assert.equal(now[i], before[i], url);
  });
});
