// Catalog reads. Each public page is one statement: the product page with its running offer and
// every shipping rate as JSON, the home page's lists. Search is in search.ts.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { preparedStatement } from '../../db/prepared.ts';

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

const PRODUCT_PAGE = preparedStatement('catalog_product_page_json', 'select catalog_product_page_json($1) as page');

/**
 * The product page in one call: card, description, seller and every shipping rate, as one JSON
 * value. The query is the function catalog_product_page_json (migration 025), so the database
 * plans it once per connection rather than on every request (docs/decisions/013); on PostgreSQL
 * the call itself is a prepared statement too (docs/decisions/021).
 */
export async function findProduct(db: Kysely<DB>, id: string): Promise<ProductRow | undefined> {
  const { rows } = await db.executeQuery<{ page: (Omit<ProductRow, 'offer_ends_at'> & { offer_ends_at: string | null }) | null }>(CompiledQuery.raw(PRODUCT_PAGE, [id]));
  const page = rows[0]?.page;
  if (!page) return undefined;
  return { ...page, offer_ends_at: page.offer_ends_at === null ? null : new Date(page.offer_ends_at) };
}
