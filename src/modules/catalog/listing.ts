// Listings without words: a category page, the home page's new arrivals, a store page, filtered
// to a country or not, in one of the sorts. They are search's fixed shapes, so they run as one call
// of catalog_listing (migration 045), whose statements the database plans once per connection
// instead of on every request; on PostgreSQL the call itself is a prepared statement too (decision 052).
import { type CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.ts';
import { preparedName, preparedStatement } from '../../db/prepared.ts';
import { fromJson, type AsJson, type CardRow } from './repository.ts';

export type ListingSort = 'newest' | 'best_selling' | 'price_asc' | 'price_desc';

export type Listing = {
  /** A store's slug: only its listed products. */
  store?: string;
  category?: string;
  shipsTo?: string;
  sort: ListingSort;
  pageSize: number;
  offset: number;
  /** Count up to this many matches. */
  countLimit: number;
};

/** The call's text, kept prepared under a name of its own (one per `extra`: with a store's facts or without). */
function preparedText(db: Kysely<DB>, query: RawBuilder<unknown>): CompiledQuery {
  const compiled = query.compile(db);
  if (preparedName(compiled.sql) === undefined) preparedStatement(`catalog_listing_${++listingTexts}`, compiled.sql);
  return compiled;
}
let listingTexts = 0;

/**
 * The listed products of the listing: how many (up to countLimit) and the page's cards, with
 * `extra` selected beside them (a store page's facts), in one statement.
 */
export async function runListing<Extra>(
  db: Kysely<DB>,
  l: Listing,
  extra?: RawBuilder<Extra>,
): Promise<{ items: CardRow[]; total: number; extra: Extra | undefined }> {
  const query = sql`
    select l.total, l.cards ${extra ? sql`, ${extra} as extra` : sql``}
    from catalog_listing(${l.store ?? null}, ${l.category ?? null}, ${l.shipsTo ?? null}, ${l.sort},
      ${l.pageSize}, ${l.offset}, ${l.countLimit}) l`;
  const { rows } = await db.executeQuery<{ total: number; cards: Array<AsJson<CardRow>>; extra?: Extra }>(
    preparedText(db, query),
  );
  const items = (rows[0]?.cards ?? []).map((card) => fromJson<CardRow>(card));
  return { items, total: rows[0]?.total ?? 0, extra: rows[0]?.extra };
}
