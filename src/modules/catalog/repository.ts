// Catalog reads. Each public page is one query: the card list (with its total via a window
// function), the product page (with its running offer and every shipping rate as JSON).
import { sql, type Kysely, type SqlBool } from 'kysely';
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

/** Totals are exact up to this many matches; beyond it the API says "at least". */
export const COUNT_CAP = 10_000;

export async function searchProducts(db: Kysely<DB>, f: SearchFilters): Promise<{ items: CardRow[]; total: number }> {
  const q = f.q?.trim() ?? '';
  const tsQuery = sql`websearch_to_tsquery('english', ${q})`;
  let filtered = listed(db);
  if (q) {
    // Full-text matches when there are any; only when the words match nothing does the search
    // fall back to titles that are close enough for typos ("zanzibr lantrn"). The uncorrelated
    // not-exists runs once per query, so this stays one round trip.
    filtered = filtered.where(sql<SqlBool>`(p.search @@ ${tsQuery} or (
      not exists (select 1 from products x where x.status = 'active' and x.search @@ ${tsQuery})
      and ${q} <% p.title))`);
  }
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
  let page = filtered.select(cardColumns);
  const sort = f.sort ?? (q ? 'relevance' : 'newest');
  switch (sort) {
    case 'relevance':
      page = q
        ? page.orderBy(sql`ts_rank(p.search, ${tsQuery}) + word_similarity(${q}, p.title)`, 'desc').orderBy('p.sold_count', 'desc')
        : page.orderBy('p.sold_count', 'desc');
      break;
    case 'price_asc':
      page = page.orderBy('p.current_price_minor', 'asc');
      break;
    case 'price_desc':
      page = page.orderBy('p.current_price_minor', 'desc');
      break;
    case 'newest':
      page = page.orderBy('p.created_at', 'desc');
      break;
    case 'best_selling':
      page = page.orderBy('p.sold_count', 'desc');
      break;
  }
  page = page.orderBy('p.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  const counted = filtered.select(sql`1`.as('one')).limit(COUNT_CAP + 1);
  // One statement: the page, and the (capped) number of matches beside every row of it; a page
  // past the end still returns the total through the left join, as a row without a product.
  const rows = await db
    .with('page', () => page)
    .with('total', (qc) => qc.selectFrom(counted.as('matches')).select(sql<number>`count(*)::int`.as('total')))
    .selectFrom('total')
    .leftJoin('page', (j) => j.onTrue())
    .selectAll('page')
    .select('total.total')
    .execute();
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

export async function findProduct(db: Kysely<DB>, id: string): Promise<ProductRow | undefined> {
  return listed(db)
    .select([
      ...cardColumns,
      'p.description',
      's.country as store_country',
      's.rating_sum as store_rating_sum',
      's.rating_count as store_rating_count',
      (eb) =>
        eb
          .selectFrom('shipping_rates as r')
          .select(sql<ProductRow['ships_to']>`coalesce(json_agg(json_build_object('country', r.country, 'cost', r.cost_minor, 'minDays', r.min_days, 'maxDays', r.max_days) order by r.country), '[]'::json)`.as('list'))
          .whereRef('r.profile_id', '=', 'p.shipping_profile_id')
          .as('ships_to'),
    ])
    .where('p.id', '=', id)
    .executeTakeFirst() as Promise<ProductRow | undefined>;
}
