// Store pages (/s/<slug>, issue 18): the store's facts and a page of its listed products, searched,
// filtered and sorted as the catalogue's search does (search.ts with the store as a filter), in one
// statement: the facts are one more value of the search's statement (decision 045).
import { sql, type RawBuilder } from 'kysely';
import type { StoreStatus } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { CountryCodeSchema, DateTimeSchema, obj } from '../../schemas.ts';
import { CardSchema, StoreSlugOutSchema } from './cards.ts';
import { ratingOf, RatingSchema } from './ratings.ts';
import { COUNT_CAP, SEARCH_SORTS } from './search.ts';

/** A slug as stores get them (migration 036): lower-case ASCII words joined by "-". */
export const StoreSlugSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 80,
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
} as const;

export const StorePageQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 200, description: 'Words to search for in the store’s listings.' },
    category: { type: 'string', maxLength: 64, pattern: '^[a-z0-9-]+$' },
    shipsTo: { ...CountryCodeSchema, description: 'Only the products that ship to this country.' },
    sort: {
      type: 'string',
      enum: SEARCH_SORTS,
      description: 'Default: relevance with words, best selling without.',
    },
    exact: {
      type: 'boolean',
      description: 'true: the words exactly as typed, never corrected ("Search instead for …").',
    },
    page: { type: 'integer', minimum: 1, maximum: 1000 },
    pageSize: { type: 'integer', minimum: 1, maximum: 48 },
  },
} as const;

export const StorePageSchema = obj({
  store: obj({
    id: { type: 'string' },
    slug: StoreSlugOutSchema,
    name: { type: 'string' },
    country: { type: 'string' },
    description: { type: 'string' },
    rating: RatingSchema,
    ordersCount: { type: 'integer', description: 'Orders of this store that shipped (shipped or delivered).' },
    openSince: DateTimeSchema,
    categories: {
      type: 'array',
      description: 'The categories of the store’s listed products, with how many each has.',
      items: obj({ slug: { type: 'string' }, name: { type: 'string' }, productCount: { type: 'integer' } }),
    },
  }),
  products: obj({
    items: { type: 'array', items: CardSchema },
    total: { type: 'integer', description: `Exact up to ${COUNT_CAP}; above, totalIsCapped is true.` },
    totalIsCapped: { type: 'boolean' },
    correctedQuery: {
      type: ['string', 'null'],
      description:
        'When the words as typed matched nothing in the store and were read as typos, the query the results are for.',
    },
    originalQuery: {
      type: ['string', 'null'],
      description:
        'With a correctedQuery, the query as typed: search the store again with exact=true to skip the correction.',
    },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    totalPages: { type: 'integer' },
  }),
});

/** The store's facts as catalog_store_facts writes them into the search's statement. */
export type StoreFactsRow = {
  id: string;
  slug: string;
  name: string;
  country: string;
  description: string;
  status: StoreStatus;
  rating_sum: number;
  rating_count: number;
  orders_count: number;
  created_at: string;
  categories: Array<{ slug: string; name: string; count: number }> | null;
};

/**
 * The store with this slug as one JSON value for the search's statement (null when there is none),
 * with the categories of its listed products only while it is open: catalog_store_facts (migration
 * 045), whose plan the database keeps.
 */
export const storeFacts = (slug: string): RawBuilder<StoreFactsRow | null> =>
  sql<StoreFactsRow | null>`catalog_store_facts(${slug})`;

/**
 * The store's facts for its page, or the error a shopper sees instead: an unknown slug is 404
 * NOT_FOUND, a store its seller hid is 404 STORE_HIDDEN, a closed one 410 STORE_CLOSED.
 */
export function storeOfPage(row: StoreFactsRow | null | undefined) {
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status === 'hidden') throw new AppError('STORE_HIDDEN');
  if (row.status === 'closed') throw new AppError('STORE_CLOSED');
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    country: row.country,
    description: row.description,
    rating: ratingOf(row.rating_sum, row.rating_count),
    ordersCount: row.orders_count,
    openSince: new Date(row.created_at).toISOString(),
    categories: (row.categories ?? []).map((c) => ({ slug: c.slug, name: c.name, productCount: c.count })),
  };
}
