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
  total: number;
};

/** Products that are listed: active, in an active store. */
function listed(db: Kysely<DB>) {
  return db
    .selectFrom('products as p')
    .innerJoin('stores as s', (j) => j.onRef('s.id', '=', 'p.store_id').on('s.status', '=', 'active'))
    .innerJoin('categories as c', 'c.slug', 'p.category_slug')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('offers')
          .select(['offers.price_minor', 'offers.ends_at'])
          .whereRef('offers.product_id', '=', 'p.id')
          .where('offers.starts_at', '<=', sql<Date>`now()`)
          .where('offers.ends_at', '>', sql<Date>`now()`)
          .orderBy('offers.price_minor')
          .limit(1)
          .as('o'),
      (join) => join.onTrue(),
    )
    .where('p.status', '=', 'active');
}

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
  'o.price_minor as offer_price',
  'o.ends_at as offer_ends_at',
] as const;

export async function searchProducts(db: Kysely<DB>, f: SearchFilters): Promise<CardRow[]> {
  const effectivePrice = sql<number>`coalesce(o.price_minor, p.price_minor)`;
  const q = f.q?.trim() ?? '';
  const tsQuery = sql`websearch_to_tsquery('english', ${q})`;
  let query = listed(db).select([...cardColumns, sql<number>`count(*) over ()`.as('total')]);
  if (q) {
    // Full-text matches when there are any; only when the words match nothing does the search
    // fall back to titles that are close enough for typos ("zanzibr lantrn"). The uncorrelated
    // not-exists runs once per query, so this stays one round trip.
    query = query.where(sql<SqlBool>`(p.search @@ ${tsQuery} or (
      not exists (select 1 from products x where x.status = 'active' and x.search @@ ${tsQuery})
      and ${q} <% p.title))`);
  }
  if (f.category) query = query.where('p.category_slug', '=', f.category);
  if (f.minPrice !== undefined) query = query.where(effectivePrice, '>=', f.minPrice);
  if (f.maxPrice !== undefined) query = query.where(effectivePrice, '<=', f.maxPrice);
  if (f.onOffer) query = query.where('o.price_minor', 'is not', null);
  if (f.shipsTo) {
    const country = f.shipsTo;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('shipping_rates as r').select(sql`1`.as('one')).whereRef('r.profile_id', '=', 'p.shipping_profile_id').where('r.country', '=', country)),
    );
  }
  if (f.freeShipping) {
    const country = f.shipsTo ?? f.country;
    query = query.where((eb) => {
      let rates = eb.selectFrom('shipping_rates as r').select(sql`1`.as('one')).whereRef('r.profile_id', '=', 'p.shipping_profile_id').where('r.cost_minor', '=', 0);
      if (country) rates = rates.where('r.country', '=', country);
      return eb.exists(rates);
    });
  }
  const sort = f.sort ?? (q ? 'relevance' : 'newest');
  switch (sort) {
    case 'relevance':
      query = q
        ? query.orderBy(sql`ts_rank(p.search, ${tsQuery}) + word_similarity(${q}, p.title)`, 'desc').orderBy('p.sold_count', 'desc')
        : query.orderBy('p.sold_count', 'desc');
      break;
    case 'price_asc':
      query = query.orderBy(effectivePrice, 'asc');
      break;
    case 'price_desc':
      query = query.orderBy(effectivePrice, 'desc');
      break;
    case 'newest':
      query = query.orderBy('p.created_at', 'desc');
      break;
    case 'best_selling':
      query = query.orderBy('p.sold_count', 'desc');
      break;
  }
  return query
    .orderBy('p.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
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
    .select([...cardColumns, sql<number>`0`.as('total')])
    .where('o.price_minor', 'is not', null)
    .orderBy('o.ends_at')
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

export type ProductRow = Omit<CardRow, 'total'> & {
  description: string;
  store_country: string;
  ships_to: Array<{ country: string; cost: number; minDays: number; maxDays: number }>;
};

export async function findProduct(db: Kysely<DB>, id: string): Promise<ProductRow | undefined> {
  return listed(db)
    .select([
      ...cardColumns,
      'p.description',
      's.country as store_country',
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
