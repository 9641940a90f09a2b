// Catalog reads. Each public page is one statement: the product page with its shipping list as
// JSON text, the home page's lists, whose cards come from catalog_cards as search's do. Search
// is in search.ts.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { preparedStatement } from '../../db/prepared.ts';
import type { ProductPageRow } from './product-page.ts';

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
  store_slug: string;
  offer_price: number | null;
  offer_ends_at: Date | null;
  rating_sum: number;
  rating_count: number;
  /** The highest variant's price (price_minor is then the lowest); null without variants (migration 040). */
  price_max_minor: number | null;
};

/** A row as the catalog's database functions write it in JSON, where a timestamp is a string. */
export type AsJson<T extends { offer_ends_at: Date | null }> = Omit<T, 'offer_ends_at'> & {
  offer_ends_at: string | null;
};

/** A card or page from JSON, with its offer's end as a Date again. */
export const fromJson = <T extends { offer_ends_at: Date | null }>(row: AsJson<T>): T =>
  ({ ...row, offer_ends_at: row.offer_ends_at === null ? null : new Date(row.offer_ends_at) }) as T;

export async function listCategories(db: Kysely<DB>) {
  return db
    .selectFrom('categories as c')
    .select([
      'c.slug',
      'c.name',
      (eb) =>
        eb
          .selectFrom('products as p')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('p.category_slug', '=', 'c.slug')
          .where('p.status', '=', 'active')
          .where('p.store_active', '=', true)
          .as('product_count'),
    ])
    .orderBy('c.position')
    .orderBy('c.name')
    .execute();
}

/**
 * Listed products whose offer ends first (that ship to `shipsTo` when given), as cards from
 * catalog_cards (migration 026), as search's are.
 */
export async function offersEndingSoon(db: Kysely<DB>, limit: number, shipsTo?: string): Promise<CardRow[]> {
  const { rows } = await sql<{ cards: Array<AsJson<CardRow>> }>`
    select catalog_cards(array(
      select p.id from products p
      where p.status = 'active' and p.store_active and p.offer_ends_at > now()
        ${shipsTo ? sql`and p.ships_to @> array[${shipsTo}]::text[]` : sql``}
      order by p.offer_ends_at, p.id limit ${limit})) as cards`.execute(db);
  return (rows[0]?.cards ?? []).map((card) => fromJson<CardRow>(card));
}

const PRODUCT_PAGE = preparedStatement('catalog_product_page_text', 'select catalog_product_page_text($1) as page');

/**
 * The product page in one call: card, description, seller and the shipping list as the page's
 * JSON (migration 027), or undefined when no such product is listed. One text value: one field
 * to decode (on PGlite, on its thread), and only the small part of it is parsed. The database keeps
 * the function's plan per connection (docs/decisions/013); on PostgreSQL the call itself is a
 * prepared statement too (docs/decisions/021).
 */
export async function findProductPage(db: Kysely<DB>, id: string): Promise<ProductPageRow | undefined> {
  const { rows } = await db.executeQuery<{ page: string | null }>(CompiledQuery.raw(PRODUCT_PAGE, [id]));
  const page = rows[0]?.page;
  if (!page) return undefined;
  // The page's fields as a JSON object, a newline, then the shipping list as it is.
  const cut = page.indexOf('\n');
  return {
    ...fromJson(JSON.parse(page.slice(0, cut)) as AsJson<Omit<ProductPageRow, 'ships_to'>>),
    ships_to: page.slice(cut + 1),
  };
}
