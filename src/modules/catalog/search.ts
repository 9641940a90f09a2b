// Search and browse. One statement per search (a typo query that matches nothing takes two more:
// the word correction, then the corrected search, on the same connection). The statement finds
// matching product ids on the products table alone (the store's state is a column of the product)
// and gets the page's cards from catalog_cards (docs/decisions/013, 021 and 027).
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.ts';
import { runListing } from './listing.ts';
import { fromJson, type AsJson, type CardRow } from './repository.ts';

export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'best_selling'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export type SearchFilters = {
  q?: string;
  /** Only this store's products: its slug (store pages, /s/<slug>). */
  store?: string;
  category?: string;
  /** Bounds of the price now, in minor units of `priceCurrency` (default: the rate set's base). */
  minPrice?: number;
  maxPrice?: number;
  priceCurrency?: string;
  shipsTo?: string;
  onOffer?: boolean;
  freeShipping?: boolean;
  country?: string;
  sort?: SearchSort;
  /** The words exactly as typed: never corrected ("Search instead for …"). */
  exact?: boolean;
  page: number;
  pageSize: number;
};

/**
 * Totals are exact up to this many matches (10 pages of 24); beyond it the API says "more than"
 * (totalIsCapped). Counting is most of what a broad search costs: each counted match is a row
 * read, so the cap is what a visitor pages through, not more (docs/decisions/021).
 */
export const COUNT_CAP = 240;

/**
 * Relevance is computed exactly over the RANKED_CANDIDATES best-selling matches (two pages of 24)
 * plus every product whose title is the query; the matches after them follow by sales. A query with
 * fewer matches is ranked in full. Bounding the ranked set keeps a broad word ("saffron": thousands
 * of matches) from scoring every match on every request (docs/decisions/013); a broad word reads
 * about RANKED_CANDIDATES ÷ its share of the catalog rows to find them (021: 120 became 48).
 */
export const RANKED_CANDIDATES = 48;

/**
 * The query's words as the search matches them: English stems, each synonym of search_synonyms
 * or-ed in ("red sneakers": red & (sneaker | shoe)). The function is declared immutable so the
 * planner folds it into the constant tsquery it plans with (migration 039, decision 049), at every
 * reference; it is PL/pgSQL so that folding does not plan its select of the synonyms each time
 * (migration 049, decision 057).
 */
const searchQuery = (q: string) => sql`catalog_search_query(${q})`;

/**
 * The listed products (active, in an active store) that pass the filters and match the words, or
 * whose category the words name ("clothes": Clothing): only products columns, so every reader of
 * it (count, candidates, page) plans a scan of one table.
 */
function matching(db: Kysely<DB>, f: SearchFilters, q: string | undefined) {
  let m = db
    .selectFrom('products as p')
    .select(['p.id', 'p.title', 'p.sold_count', 'p.created_at', 'p.comparable_price_minor', 'p.search'])
    .where('p.status', '=', 'active')
    .where('p.store_active', '=', true);
  // With two words or more, a word naming a category ("linen clothes") also finds the category's
  // products that match the other words (migration 041, decision 052); a single word costs nothing more.
  // The test is guarded by whether a word names a category at all (most queries name none): the
  // planner folds the guard to false and drops the test, so it does not evaluate
  // catalog_query_beside_categories nor plan a scan of the category index for an empty list
  // (decision 062). With a category, the guard folds to true and the test is the same as without it.
  const categoryInside = (words: string) =>
    (words.match(WORD) ?? []).length > 1
      ? sql`or case when cardinality(catalog_categories_in(${words})) > 0 then p.category_slug = any(catalog_categories_in(${words})) and p.search @@ catalog_query_beside_categories(${words}) else false end`
      : sql``;
  if (q)
    m = m.where(
      sql<SqlBool>`(p.search @@ ${searchQuery(q)} or p.category_slug = any(catalog_categories_named(${q})) ${categoryInside(q)})`,
    );
  if (f.store) m = m.where('p.store_id', '=', sql<string>`(select s.id from stores s where s.slug = ${f.store})`);
  if (f.category) m = m.where('p.category_slug', '=', f.category);
  if (f.minPrice !== undefined || f.maxPrice !== undefined) {
    // Prices in different currencies, compared in priceCurrency (decision 060): the index gives a
    // range of comparable values a minor unit wider than the bounds, the exact conversion decides.
    const currency = f.priceCurrency ?? null;
    if (f.minPrice !== undefined)
      m = m.where(
        sql<SqlBool>`p.comparable_price_minor >= catalog_comparable_bound(${f.minPrice}, ${currency}, 'low')`,
      );
    if (f.maxPrice !== undefined)
      m = m.where(
        sql<SqlBool>`p.comparable_price_minor <= catalog_comparable_bound(${f.maxPrice}, ${currency}, 'high')`,
      );
    m = m.where(
      sql<SqlBool>`catalog_price_in(p.current_price_minor, p.currency, ${currency}) between ${f.minPrice ?? 0} and ${f.maxPrice ?? Number.MAX_SAFE_INTEGER}`,
    );
  }
  if (f.onOffer) m = m.where('p.offer_ends_at', '>', sql<Date>`now()`);
  if (f.shipsTo && !f.freeShipping) {
    // The product's own copy of its profile's countries (migration 041): read from the index the
    // count walks, no probe of the rates per product.
    m = m.where(sql<SqlBool>`p.ships_to @> array[${f.shipsTo}]::text[]`);
  } else if (f.freeShipping) {
    // One rate check: a free rate to the ships-to country, else the visitor's country, else anywhere.
    const country = f.shipsTo ?? f.country;
    m = m.where((eb) => {
      let rates = eb
        .selectFrom('shipping_rates as r')
        .select(sql`1`.as('one'))
        .whereRef('r.profile_id', '=', 'p.shipping_profile_id')
        .where('r.cost_minor', '=', 0);
      if (country) rates = rates.where('r.country', '=', country);
      return eb.exists(rates);
    });
  }
  return m;
}

const SORT_KEYS: Record<Exclude<SearchSort, 'relevance'>, RawBuilder<unknown>> = {
  price_asc: sql`m.comparable_price_minor asc`,
  price_desc: sql`m.comparable_price_minor desc`,
  newest: sql`m.created_at desc`,
  best_selling: sql`m.sold_count desc`,
};

/** Collapses spaces, so "  zanzibar   lantern " is the title "Zanzibar Lantern" to the exact-title check. */
const normaliseQuery = (q: string | undefined) => (q ?? '').trim().replace(/\s+/g, ' ');

export type SearchResult = {
  items: CardRow[];
  total: number;
  /** The query the results are for when the words as typed matched nothing and were corrected. */
  correctedQuery: string | null;
  /** With a corrected query, the query as typed (what "Search instead for" runs with `exact`). */
  originalQuery: string | null;
  /** When words found nothing: what to offer instead; otherwise null. */
  noResults: NoResultsHelp | null;
};

export type NoResultsHelp = {
  /** Corrected spellings of the query that were not searched, or found nothing with the filters. */
  spellings: string[];
  categories: Array<{ slug: string; name: string }>;
  /** The best sellers. */
  popular: CardRow[];
};

/** How many best sellers an empty result offers. */
export const POPULAR_ON_EMPTY = 8;

/** What an empty search offers: the categories and the best sellers, one more statement. */
async function noResultsHelp(db: Kysely<DB>, spellings: string[]): Promise<NoResultsHelp> {
  const { rows } = await sql<{ categories: NoResultsHelp['categories']; popular: Array<AsJson<CardRow>> | null }>`
    select
      (select coalesce(json_agg(json_build_object('slug', c.slug, 'name', c.name) order by c.position, c.name), '[]')
       from categories c) as categories,
      catalog_cards(array(select p.id from products p where p.status = 'active' and p.store_active
        order by p.sold_count desc, p.id limit ${POPULAR_ON_EMPTY})) as popular`.execute(db);
  return {
    spellings,
    categories: rows[0]?.categories ?? [],
    popular: (rows[0]?.popular ?? []).map((card) => fromJson<CardRow>(card)),
  };
}

/**
 * The search. `extra`, when given, is one more value the first statement selects for the caller
 * (a store page's facts), so the caller's page stays one round trip. `helpWhenEmpty` (default on):
 * a search with words that finds nothing also reads what to offer instead (`noResults`, one more
 * statement); a page that does not show it (a store page) turns it off and gets null.
 */
export async function searchProducts<Extra = never>(
  db: Kysely<DB>,
  f: SearchFilters,
  options: { extra?: RawBuilder<Extra>; helpWhenEmpty?: boolean } = {},
): Promise<SearchResult & { extra: Extra | undefined }> {
  const { extra, helpWhenEmpty = true } = options;
  const help = (conn: Kysely<DB>, spellings: string[]) => (helpWhenEmpty ? noResultsHelp(conn, spellings) : null);
  const q = normaliseQuery(f.q);
  const uncorrected = { correctedQuery: null, originalQuery: null, noResults: null };
  if (!q) return { ...(await searchMatches(db, f, q, extra)), ...uncorrected };
  // A search with words may take three statements; they run on one connection held from the first
  // to the last, so a corrected search waits for a connection once, not behind every other
  // request three times (at 20 connections that wait was most of a typo search's p99).
  return db.connection().execute(async (conn) => {
    const found = await searchMatches(conn, f, q, extra);
    if (found.total > 0) return { ...found, ...uncorrected };
    // Only when the words match nothing is the query read as typed with typos ("zanzibr lantrn"):
    // words that no title contains become the closest title word, and the corrected query is an
    // ordinary search. The usual search stays one full-text query that its GIN index answers.
    // With exact, the correction is only offered ("Did you mean …?"), as it is when it too finds nothing.
    const corrected = await correctTypos(conn, q);
    if (corrected === null || f.exact) {
      return { ...found, ...uncorrected, noResults: await help(conn, corrected === null ? [] : [corrected]) };
    }
    const results = await searchMatches(conn, f, corrected);
    const noResults = results.total === 0 ? await help(conn, [corrected]) : null;
    return { ...results, extra: found.extra, correctedQuery: corrected, originalQuery: q, noResults };
  });
}

/** Word characters, as websearch_to_tsquery splits them; the rest (quotes, "-") is kept as typed. */
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The query with each unknown word replaced by the most similar word a listed title has ever
 * contained (trigram similarity ≥ pg_trgm.similarity_threshold, 0.3), or null when there is nothing
 * to correct. A word is known when a title has contained it (search_words) or any product's title or
 * description has it or its stem ("phones"), or it is a synonym ("sneakers"): a known word is never replaced ("phone" is not a typo
 * of "photo"), it only matched nothing together with the others. Stop words, "or", and words under
 * three letters are left alone.
 */
export async function correctTypos(db: Kysely<DB>, q: string): Promise<string | null> {
  const words = [...new Set((q.toLowerCase().match(WORD) ?? []).filter((w) => w.length >= 3 && w !== 'or'))];
  if (words.length === 0) return null;
  const { rows } = await sql<{ word: string; correction: string }>`
    select w.word, (select v.word from search_words v where v.word % w.word order by similarity(v.word, w.word) desc, v.word limit 1) as correction
    from unnest(string_to_array(${words.join(' ')}, ' ')) w(word)
    where to_tsvector('english', w.word) <> ''::tsvector
      and not exists (select 1 from search_words v where v.word = w.word)
      and not exists (select 1 from search_synonyms s where s.word = w.word)
      and not exists (select 1 from products p where p.search @@ plainto_tsquery('english', w.word))`.execute(db);
  const corrections = new Map(rows.filter((r) => r.correction !== null).map((r) => [r.word, r.correction]));
  if (corrections.size === 0) return null;
  return q.replace(WORD, (w) => corrections.get(w.toLowerCase()) ?? w);
}

async function searchMatches<Extra>(
  db: Kysely<DB>,
  f: SearchFilters,
  q: string,
  extra?: RawBuilder<Extra>,
): Promise<{ items: CardRow[]; total: number; extra: Extra | undefined }> {
  const sort = f.sort ?? (q ? 'relevance' : 'newest');
  const offset = (f.page - 1) * f.pageSize;
  // Without words or price, offer and free-shipping filters, a listing is one of the fixed shapes
  // whose plans the database keeps (listing.ts, migration 045).
  const fixed = !q && f.minPrice === undefined && f.maxPrice === undefined && !f.onOffer && !f.freeShipping;
  if (fixed) {
    const listingSort = sort === 'relevance' ? 'best_selling' : sort;
    const { store, category, shipsTo, pageSize } = f;
    return runListing(
      db,
      { store, category, shipsTo, sort: listingSort, pageSize, offset, countLimit: COUNT_CAP + 1 },
      extra,
    );
  }
  const tsQuery = q ? searchQuery(q) : undefined;
  const matches = matching(db, f, q || undefined);
  const last = offset + f.pageSize;
  // Matches are "not materialized": the page, the ranking and the count each read them with their
  // own plan (an index walk in sort order, a scan that stops at the cap), never all of them.
  const total = sql`total as (select count(*)::int as total from (select 1 from m limit ${COUNT_CAP + 1}) capped)`;
  let page: RawBuilder<unknown>;
  if (sort === 'relevance' && tsQuery) {
    const lowered = q.toLowerCase();
    const score = sql`ts_rank(b.search, ${tsQuery}) + word_similarity(${q}, b.title)`;
    const candidateOrder = sql`m.sold_count desc, m.id`;
    // Exact titles first: found through the index on lower(title), the words only tested on them
    // ("is true" keeps the planner from intersecting with every full-text match instead).
    // Then the best-selling candidates (read in index order, so a broad word
    // stops after RANKED_CANDIDATES rows) ranked by relevance, then the rest of the matches by
    // sales (read only when the page reaches past the ranked block).
    const tailed = last > RANKED_CANDIDATES;
    page = sql`
      exact as (select e.id, e.title, e.search, e.sold_count, 0 as tier from (${matching(db, f, undefined)}) e
        where lower(e.title) = ${lowered} and (e.search @@ ${tsQuery}) is true),
      top as (select m.id, m.title, m.search, m.sold_count, 1 as tier from m where lower(m.title) <> ${lowered} order by ${candidateOrder} limit ${RANKED_CANDIDATES}),
      block as (
        select b.id, row_number() over (order by b.tier, ${score} desc, b.sold_count desc, b.id) as pos
        from (select * from exact union all select * from top) b
      ),
      ${
        tailed
          ? sql`tail as (
        select m.id, (select count(*) from block) + row_number() over (order by ${candidateOrder}) as pos
        from (select m.id, m.sold_count from m where lower(m.title) <> ${lowered} order by ${candidateOrder} offset ${RANKED_CANDIDATES} limit ${last - RANKED_CANDIDATES}) m
      ),`
          : sql``
      }
      page as (
        select * from block where pos > ${offset} and pos <= ${last}
        ${tailed ? sql`union all select * from tail where pos > ${offset} and pos <= ${last}` : sql``}
      )`;
  } else {
    const key = sort === 'relevance' ? SORT_KEYS.best_selling : SORT_KEYS[sort];
    page = sql`page as (select m.id, row_number() over (order by ${key}, m.id) as pos from (select m.* from m order by ${key}, m.id limit ${f.pageSize} offset ${offset}) m)`;
  }
  // One statement: the (capped) number of matches, and the page's cards as one JSON array from
  // catalog_cards (migration 026, whose plan the database keeps).
  const { rows } = await sql<{ total: number; cards: Array<AsJson<CardRow>>; extra?: Extra }>`
    with m as not materialized (${matches}),
    ${total},
    ${page}
    select total.total, catalog_cards(array(select page.id from page order by page.pos)) as cards
      ${extra ? sql`, ${extra} as extra` : sql``}
    from total`.execute(db);
  const items = (rows[0]?.cards ?? []).map((card) => fromJson<CardRow>(card));
  return { items, total: rows[0]?.total ?? 0, extra: rows[0]?.extra };
}
