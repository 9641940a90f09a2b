// Catalog reads. Each public page is one statement: the card list with its (capped) total (a typo
// query takes a second), the product page with its running offer and every shipping rate as JSON.
import { CompiledQuery, sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.ts';

export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest' | 'best_selling';

export type SearchFilters = {
  q?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  shipsTo?: string;
  onOffer?: boolean;
  freeShipping?: boolean;
  country?: string;
  sort?: SearchSort;
  page: number;
  pageSize: number;
};

export type CardRow = {
  id: string;
  title: string;
  price_minor: number;
  currency: string;
  stock: number;
  image_count: number;
  category_slug: string;
  category_name: string;
  store_id: string;
  store_name: string;
  offer_price: number | null;
  offer_ends_at: Date | null;
  rating_sum: number;
  rating_count: number;
};

/** Products that are listed: active, in an active store. */
function listed(db: Kysely<DB>) {
  return db
    .selectFrom('products as p')
    .innerJoin('stores as s', (j) => j.onRef('s.id', '=', 'p.store_id').on('s.status', '=', 'active'))
    .innerJoin('categories as c', 'c.slug', 'p.category_slug')
    .where('p.status', '=', 'active');
}

// The running offer as stored on the row, never shown once it has ended.
const offerPrice = sql<number | null>`case when p.offer_ends_at > now() then p.offer_price_minor end`;
const offerEndsAt = sql<Date | null>`case when p.offer_ends_at > now() then p.offer_ends_at end`;

const cardColumns = [
  'p.id',
  'p.title',
  'p.price_minor',
  'p.currency',
  'p.stock',
  'p.image_count',
  'p.category_slug',
  'c.name as category_name',
  's.id as store_id',
  's.name as store_name',
  offerPrice.as('offer_price'),
  offerEndsAt.as('offer_ends_at'),
  'p.rating_sum',
  'p.rating_count',
] as const;

/** Totals are exact up to this many matches; beyond it the API says "more than" (totalIsCapped). */
export const COUNT_CAP = 1_000;

/**
 * Relevance is computed exactly over the RANKED_CANDIDATES best-selling matches plus every product
 * whose title is the query; the matches after them follow by sales. A query with fewer matches is
 * ranked in full. Bounding the ranked set keeps a broad word ("saffron": thousands of matches) from
 * scoring every match on every request (docs/decisions/013).
 */
export const RANKED_CANDIDATES = 120;

/** The listed products that pass the filters (everything but the words). */
function filteredListed(db: Kysely<DB>, f: SearchFilters) {
  let filtered = listed(db);
  if (f.category) filtered = filtered.where('p.category_slug', '=', f.category);
  if (f.minPrice !== undefined) filtered = filtered.where('p.current_price_minor', '>=', f.minPrice);
  if (f.maxPrice !== undefined) filtered = filtered.where('p.current_price_minor', '<=', f.maxPrice);
  if (f.onOffer) filtered = filtered.where('p.offer_ends_at', '>', sql<Date>`now()`);
  if (f.shipsTo || f.freeShipping) {
    // One rate check: a rate to the country (if any), free when asked (to the ships-to country,
    // else the visitor's country, else anywhere).
    const country = f.shipsTo ?? (f.freeShipping ? f.country : undefined);
    const freeOnly = f.freeShipping === true;
    filtered = filtered.where((eb) => {
      let rates = eb.selectFrom('shipping_rates as r').select(sql`1`.as('one')).whereRef('r.profile_id', '=', 'p.shipping_profile_id');
      if (country) rates = rates.where('r.country', '=', country);
      if (freeOnly) rates = rates.where('r.cost_minor', '=', 0);
      return eb.exists(rates);
    });
  }
  return filtered.select([...cardColumns, 'p.sold_count', 'p.created_at', 'p.current_price_minor', 'p.search']);
}

const SORT_KEYS: Record<Exclude<SearchSort, 'relevance'>, RawBuilder<unknown>> = {
  price_asc: sql`m.current_price_minor asc`,
  price_desc: sql`m.current_price_minor desc`,
  newest: sql`m.created_at desc`,
  best_selling: sql`m.sold_count desc`,
};

const CARD_NAMES = ['id', 'title', 'price_minor', 'currency', 'stock', 'image_count', 'category_slug', 'category_name', 'store_id', 'store_name', 'offer_price', 'offer_ends_at', 'rating_sum', 'rating_count'] as const;
const pageColumns = sql.raw(CARD_NAMES.map((c) => `page.${c}`).join(', '));

/** Collapses spaces, so "  zanzibar   lantern " is the title "Zanzibar Lantern" to the exact-title check. */
const normaliseQuery = (q: string | undefined) => (q ?? '').trim().replace(/\s+/g, ' ');

export async function searchProducts(db: Kysely<DB>, f: SearchFilters): Promise<{ items: CardRow[]; total: number }> {
  const q = normaliseQuery(f.q);
  const found = await searchMatches(db, f, q, 'words');
  if (found.total > 0 || !q) return found;
  // Only when the words match nothing does the search fall back to titles that are close enough
  // for typos ("zanzibr lantrn"): a second statement, so the usual search stays one plain
  // full-text query that its GIN index answers.
  return searchMatches(db, f, q, 'typos');
}

async function searchMatches(db: Kysely<DB>, f: SearchFilters, q: string, by: 'words' | 'typos'): Promise<{ items: CardRow[]; total: number }> {
  const tsQuery = sql`websearch_to_tsquery('english', ${q})`;
  const base = filteredListed(db, f);
  // Typos only count when no listed product matches the words at all (whatever the filters): the
  // uncorrelated not-exists runs once and stops at the first full-text match.
  const matches = !q
    ? base
    : by === 'words'
      ? base.where(sql<SqlBool>`p.search @@ ${tsQuery}`)
      : base.where(sql<SqlBool>`not exists (select 1 from products x where x.status = 'active' and x.search @@ ${tsQuery})`).where(sql<SqlBool>`${q} <% p.title`);
  const sort = f.sort ?? (q ? 'relevance' : 'newest');
  const offset = (f.page - 1) * f.pageSize;
  const last = offset + f.pageSize;
  // Word matches are "not materialized": the page, the ranking and the count each read them with
  // their own plan (an index walk in sort order, a bitmap scan that stops at the cap), never all
  // of them. Typo matches are few (the trigram index finds them) but costly to test, so once.
  const total = sql`total as (select count(*)::int as total from (select 1 from m limit ${COUNT_CAP + 1}) capped)`;
  let page: RawBuilder<unknown>;
  if (sort === 'relevance' && q) {
    const lowered = q.toLowerCase();
    const score = sql`ts_rank(b.search, ${tsQuery}) + word_similarity(${q}, b.title)`;
    const cards = (alias: string) => sql.raw(CARD_NAMES.map((c) => `${alias}.${c}`).join(', '));
    // The candidates: the best sellers among word matches (read in index order, so a broad word
    // stops after RANKED_CANDIDATES rows); among typo matches, the closest titles.
    const candidateOrder = by === 'words' ? sql`m.sold_count desc, m.id` : sql`word_similarity(${q}, m.title) desc, m.sold_count desc, m.id`;
    // Exact titles first, then the candidates ranked by relevance, then the rest of the matches in
    // candidate order (read only when the page reaches past the ranked block).
    const tailed = last > RANKED_CANDIDATES;
    page = sql`
      exact as (select m.*, 0 as tier from m where lower(m.title) = ${lowered}),
      top as (select m.*, 1 as tier from m where lower(m.title) <> ${lowered} order by ${candidateOrder} limit ${RANKED_CANDIDATES}),
      block as (
        select ${cards('b')}, row_number() over (order by b.tier, ${score} desc, b.sold_count desc, b.id) as pos
        from (select * from exact union all select * from top) b
      ),
      ${tailed ? sql`tail as (
        select ${cards('m')}, (select count(*) from block) + row_number() over (order by ${candidateOrder}) as pos
        from (select * from m where lower(m.title) <> ${lowered} order by ${candidateOrder} offset ${RANKED_CANDIDATES} limit ${last - RANKED_CANDIDATES}) m
      ),` : sql``}
      page as (
        select * from block where pos > ${offset} and pos <= ${last}
        ${tailed ? sql`union all select * from tail where pos > ${offset} and pos <= ${last}` : sql``}
      )`;
  } else {
    const key = sort === 'relevance' ? SORT_KEYS.best_selling : SORT_KEYS[sort];
    page = sql`page as (select m.*, row_number() over (order by ${key}, m.id) as pos from (select * from m order by ${key}, m.id limit ${f.pageSize} offset ${offset}) m)`;
  }
  // One statement: the page, and the (capped) number of matches beside every row of it; a page
  // past the end still returns the total through the left join, as a row without a product.
  const { rows } = await sql<CardRow & { total: number }>`
    with m as ${by === 'words' ? sql`not materialized` : sql`materialized`} (${matches}),
    ${total},
    ${page}
    select ${pageColumns}, total.total from total left join page on true order by page.pos`.execute(db);
  const items: CardRow[] = [];
  for (const { total: _total, ...row } of rows) if (row.id !== null) items.push(row as CardRow);
  return { items, total: rows[0]?.total ?? 0 };
}

export async function listCategories(db: Kysely<DB>) {
  return db
    .selectFrom('categories as c')
    .select(['c.slug', 'c.name', (eb) =>
      eb.selectFrom('products as p').innerJoin('stores as s', 's.id', 'p.store_id')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('p.category_slug', '=', 'c.slug').where('p.status', '=', 'active').where('s.status', '=', 'active')
        .as('product_count'),
    ])
    .orderBy('c.position')
    .orderBy('c.name')
    .execute();
}

export async function offersEndingSoon(db: Kysely<DB>, limit: number): Promise<CardRow[]> {
  return listed(db)
    .select(cardColumns)
    .where('p.offer_ends_at', '>', sql<Date>`now()`)
    .orderBy('p.offer_ends_at')
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

export type ProductRow = CardRow & {
  description: string;
  store_country: string;
  store_rating_sum: number;
  store_rating_count: number;
  ships_to: Array<{ country: string; cost: number; minDays: number; maxDays: number }>;
};

const PRODUCT_PAGE = 'select * from catalog_product_page($1)';

/**
 * The product page in one call: card, description, seller and every shipping rate as JSON. The
 * query is the function catalog_product_page (src/db/migrations/015-catalog-at-scale.ts), so the
 * database plans it once per connection rather than on every request (docs/decisions/013).
 */
export async function findProduct(db: Kysely<DB>, id: string): Promise<ProductRow | undefined> {
  const { rows } = await db.executeQuery<ProductRow>(CompiledQuery.raw(PRODUCT_PAGE, [id]));
  return rows[0];
}
