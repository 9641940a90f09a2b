// The public catalog: categories, home page, search and product pages. No account needed.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely, RawBuilder } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import {
  UuidSchema,
  bytesReply,
  errorResponses,
  nullable,
  obj,
  CountryCodeSchema,
  CurrencyCodeSchema,
  PageQuery,
  type RouteApp,
} from '../../schemas.ts';
import { rateBookOf } from '../currency/index.ts';
import { MoneySchema } from '../../lib/money.ts';
import { CardSchema, StoreSlugOutSchema, toCard } from './cards.ts';
import { productImageSvg } from './images.ts';
import { productPageForEveryone, withShipping } from './product-page.ts';
import { serialized } from './cache.ts';
import { readProductImage } from './seller/images.ts';
import { RatingSchema } from './ratings.ts';
import { findProductPage, listCategories, offersEndingSoon } from './repository.ts';
import { COUNT_CAP, SEARCH_SORTS, searchProducts, type SearchFilters } from './search.ts';
import { Limiter, LimiterFullError } from '../../limiter.ts';
import { suggestRoute } from './suggest.ts';
import { StorePageQuerySchema, StorePageSchema, StoreSlugSchema, storeFacts, storeOfPage } from './store-page.ts';

/** Searches that may wait per search running (decision 027): with 4 running, 100 wait, a fraction of a second of work. */
const SEARCH_QUEUE_PER_SLOT = 25;

const CategoriesSchema = {
  type: 'array',
  items: obj({ slug: { type: 'string' }, name: { type: 'string' }, productCount: { type: 'integer' } }),
} as const;
const RateSchema = obj({
  country: { type: 'string' },
  cost: MoneySchema,
  minDays: { type: 'integer' },
  maxDays: { type: 'integer' },
});

/**
 * The product page. productPageBody writes it as JSON text in this key order; the schema documents
 * it, and tests hold the text to it (decision 028).
 */
export const ProductPageSchema = obj({
  id: { type: 'string' },
  title: { type: 'string' },
  description: { type: 'string' },
  category: obj({ slug: { type: 'string' }, name: { type: 'string' } }),
  images: { type: 'array', items: { type: 'string' } },
  price: MoneySchema,
  priceMax: {
    ...nullable(MoneySchema),
    description: 'With variants priced apart: the highest price as paid now (price is the lowest); else null.',
  },
  originalPrice: nullable(MoneySchema),
  discountPercent: { type: ['integer', 'null'] },
  offerEndsAt: { type: ['string', 'null'], format: 'date-time' },
  stock: { type: 'integer', description: 'With variants: their total.' },
  options: {
    type: 'array',
    description: 'The options to choose (Colour, Size…) with their values; empty for a product without options.',
    items: obj({ name: { type: 'string' }, values: { type: 'array', items: { type: 'string' } } }),
  },
  variants: {
    type: 'array',
    description: 'One per combination for sale: options holds one value per option, in the order of `options`.',
    items: obj({
      id: { type: 'string' },
      options: { type: 'array', items: { type: 'string' } },
      price: MoneySchema,
      originalPrice: nullable(MoneySchema),
      stock: { type: 'integer' },
      imageUrl: { type: 'string' },
      sku: { type: ['string', 'null'] },
    }),
  },
  store: obj({
    id: { type: 'string' },
    name: { type: 'string' },
    slug: StoreSlugOutSchema,
    country: { type: 'string' },
    rating: RatingSchema,
  }),
  rating: RatingSchema,
  shipping: obj({
    country: { type: 'string' },
    available: { type: 'boolean' },
    cost: nullable(MoneySchema),
    minDays: { type: ['integer', 'null'] },
    maxDays: { type: ['integer', 'null'] },
  }),
  shipsTo: { type: 'array', items: RateSchema },
});

/** The visitor's country: the query parameter, else the region of Accept-Language, else US. */
function visitorCountry(request: FastifyRequest, given: string | undefined): string {
  if (given) return given;
  const region = /^[a-z]{2,3}-([A-Z]{2})\b/i.exec(request.headers['accept-language'] ?? '')?.[1];
  return region ? region.toUpperCase() : 'US';
}

export async function catalogRoutes(app: RouteApp): Promise<void> {
  const { db, config, publicReads, catalogCache: cache } = app.souk;
  // A bulkhead: at most SEARCH_CONCURRENCY searches run at once, first come, first served. Each
  // keeps the database busy for milliseconds; run ten at once on a small machine and every one of
  // them takes ten times as long, while the rest of the shop waits behind them (decision 027).
  // Past SEARCH_QUEUE_PER_SLOT waiting per running search, a new one is refused at once (503 BUSY
  // with Retry-After) rather than made to wait behind all of them.
  const searches = new Limiter(config.searchConcurrency, config.searchConcurrency * SEARCH_QUEUE_PER_SLOT);
  // Public pages read through publicReads: the read replica when there is one (decision 044). The
  // cache (decision 056) reads the catalogue's version there, and computes a body it does not keep there too.
  const search = async <Extra = never>(
    reads: Kysely<DB>,
    filters: SearchFilters,
    options?: { extra?: RawBuilder<Extra>; helpWhenEmpty?: boolean },
  ) => {
    try {
      return await searches.run(() => searchProducts(reads, filters, options));
    } catch (error) {
      if (error instanceof LimiterFullError) throw new AppError('BUSY', { headers: { 'retry-after': '1' } });
      throw error;
    }
  };

  suggestRoute(app, cache);

  app.get(
    '/api/categories',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Categories with their number of listed products.',
        response: { 200: obj({ categories: CategoriesSchema }), ...errorResponses },
      },
    },
    async (request) => ({
      categories: (await publicReads.run(request, listCategories)).map((c) => ({
        slug: c.slug,
        name: c.name,
        productCount: c.product_count ?? 0,
      })),
    }),
  );

  app.get(
    '/api/catalog/home',
    {
      schema: {
        tags: ['catalog'],
        summary: 'The home page: categories, offers ending soon, new arrivals.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            shipsTo: { ...CountryCodeSchema, description: 'Only offers and new arrivals that ship to this country.' },
          },
        },
        response: {
          200: obj({
            categories: CategoriesSchema,
            offers: { type: 'array', items: CardSchema },
            newest: { type: 'array', items: CardSchema },
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { shipsTo } = request.query;
      return cache.serve(request, reply, {
        key: ['home', shipsTo],
        // The offers are those ending first: a list ordered by running offers.
        movesWithOffers: true,
        async compute(reads) {
          const [categories, offers, newest] = await Promise.all([
            listCategories(reads),
            offersEndingSoon(reads, 12, shipsTo),
            search(reads, { sort: 'newest', shipsTo, page: 1, pageSize: 12 }),
          ]);
          return serialized(reply, {
            categories: categories.map((c) => ({ slug: c.slug, name: c.name, productCount: c.product_count ?? 0 })),
            offers: offers.map(toCard),
            newest: newest.items.map(toCard),
          });
        },
      });
    },
  );

  app.get(
    '/api/search',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Search and browse: full-text with typo tolerance, filters, sorting, pages.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: { type: 'string', maxLength: 200 },
            category: { type: 'string', maxLength: 64, pattern: '^[a-z0-9-]+$' },
            minPrice: {
              type: 'integer',
              minimum: 0,
              maximum: 1_000_000_000,
              description:
                'The lowest price now, in minor units of priceCurrency (¥500 is 500, €5.00 is 500, 5.000 BHD is 5000).',
            },
            maxPrice: { type: 'integer', minimum: 0, maximum: 1_000_000_000, description: 'The highest, as minPrice.' },
            priceCurrency: {
              ...CurrencyCodeSchema,
              description:
                'The currency of minPrice and maxPrice: one GET /api/currencies lists (default: the rates’ base). Each product’s price is converted to it exactly with the rates in use; price sorts compare converted prices too.',
            },
            shipsTo: CountryCodeSchema,
            country: CountryCodeSchema,
            onOffer: { type: 'boolean' },
            freeShipping: { type: 'boolean' },
            sort: { type: 'string', enum: SEARCH_SORTS },
            exact: {
              type: 'boolean',
              description: 'true: the words exactly as typed, never corrected ("Search instead for …").',
            },
            ...PageQuery(48),
          },
        },
        response: {
          200: obj({
            items: { type: 'array', items: CardSchema },
            total: {
              type: 'integer',
              description: `Exact up to ${COUNT_CAP}; above, totalIsCapped is true and total is ${COUNT_CAP + 1}.`,
            },
            totalIsCapped: { type: 'boolean' },
            correctedQuery: {
              type: ['string', 'null'],
              description:
                'When the words as typed matched nothing and were read as typos, the query the results are for ("wireles headphnes" → "wireless headphones"); otherwise null. Words the catalog knows are never replaced.',
            },
            originalQuery: {
              type: ['string', 'null'],
              description:
                'With a correctedQuery, the query as typed (spaces collapsed): search it again with exact=true to skip the correction; otherwise null.',
            },
            noResults: nullable(
              obj({
                spellings: {
                  type: 'array',
                  items: { type: 'string' },
                  description:
                    'Corrected spellings of the words not searched (exact=true) or that found nothing either.',
                },
                categories: { type: 'array', items: obj({ slug: { type: 'string' }, name: { type: 'string' } }) },
                popular: { type: 'array', items: CardSchema, description: 'Best sellers.' },
              }),
            ),
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
            totalPages: { type: 'integer' },
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { page = 1, pageSize = 24, ...filters } = request.query;
      if (filters.minPrice !== undefined && filters.maxPrice !== undefined && filters.minPrice > filters.maxPrice) {
        throw new AppError('VALIDATION_FAILED', {
          details: [{ field: 'maxPrice', message: 'must be at least minPrice' }],
        });
      }
      if (filters.priceCurrency !== undefined) {
        const rates = await rateBookOf(db).current();
        if (!rates?.rates.has(filters.priceCurrency))
          throw new AppError('VALIDATION_FAILED', {
            details: [{ field: 'priceCurrency', message: 'must be a currency the exchange rates in use quote' }],
          });
      }
      return cache.serve(request, reply, {
        key: ['search', { ...filters, page, pageSize }],
        // Which products are on offer now, and so the matches and their total.
        movesWithOffers: filters.onOffer === true,
        foldsVersion: true,
        async compute(reads, version) {
          const found = await search(reads, { ...filters, page, pageSize }, version ? { extra: version.column } : {});
          if (version && found.extra !== undefined && found.extra !== null) version.read(Number(found.extra));
          const { total, correctedQuery, originalQuery, noResults } = found;
          const items = found.items.map(toCard);
          return serialized(reply, {
            items,
            total,
            totalIsCapped: total > COUNT_CAP,
            correctedQuery,
            originalQuery,
            noResults: noResults === null ? null : { ...noResults, popular: noResults.popular.map(toCard) },
            page,
            pageSize,
            totalPages: Math.ceil(Math.min(total, COUNT_CAP) / pageSize),
          });
        },
      });
    },
  );

  app.get(
    '/api/stores/:slug',
    {
      schema: {
        tags: ['catalog'],
        summary:
          'A store page: the store’s facts and a page of its products, searched, filtered and sorted — one query.',
        description:
          'An unknown store is 404 NOT_FOUND, a store its seller hid 404 STORE_HIDDEN, a closed store 410 STORE_CLOSED.',
        params: obj({ slug: StoreSlugSchema }),
        querystring: StorePageQuerySchema,
        response: { 200: StorePageSchema, ...errorResponses, 410: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request, reply) => {
      const { page = 1, pageSize = 24, q, category, shipsTo, sort, exact } = request.query;
      const filters = {
        store: request.params.slug,
        q,
        exact,
        category,
        shipsTo,
        sort: sort ?? (q?.trim() ? 'relevance' : 'best_selling'),
        page,
        pageSize,
      };
      // An unknown, hidden or closed store is an error, never kept: a store shown again shows at once.
      return cache.serve(request, reply, {
        key: ['store', filters],
        async compute(reads) {
          const found = await search(reads, filters, {
            extra: storeFacts(request.params.slug),
            // The store page offers no other spellings or best sellers: nothing to read for them.
            helpWhenEmpty: false,
          });
          return serialized(reply, {
            store: storeOfPage(found.extra),
            products: {
              items: found.items.map(toCard),
              total: found.total,
              totalIsCapped: found.total > COUNT_CAP,
              correctedQuery: found.correctedQuery,
              originalQuery: found.originalQuery,
              page,
              pageSize,
              totalPages: Math.ceil(Math.min(found.total, COUNT_CAP) / pageSize),
            },
          });
        },
      });
    },
  );

  app.get(
    '/api/products/:id',
    {
      schema: {
        tags: ['catalog'],
        summary:
          'A product page: price and running offer, seller, stock, and shipping to the visitor’s country — one query.',
        params: obj({ id: UuidSchema }),
        querystring: { type: 'object', additionalProperties: false, properties: { country: CountryCodeSchema } },
        response: {
          200: ProductPageSchema,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      // Already the response's JSON (decision 028): a string with a JSON content type goes out as it
      // is, without the response schema's serialiser (Fastify 5's reply.send). The page is kept
      // without the visitor's shipping line, which each request adds for its own country.
      const country = visitorCountry(request, request.query.country);
      return cache.serve(request, reply, {
        key: ['product', request.params.id],
        async compute(reads) {
          const row = await findProductPage(reads, request.params.id);
          if (!row) throw new AppError('NOT_FOUND');
          return productPageForEveryone(row);
        },
        finish: (page) => withShipping(page, country),
      });
    },
  );

  // One URL per product image, whatever it is: the seller's upload at that position, else the
  // generated picture (seeded products; products without photos). "<n>.svg" is the older form.
  // Revalidated on each use (ETag): an upload replaces the picture behind the same URL.
  app.get(
    '/api/products/:id/images/:file',
    {
      schema: {
        tags: ['catalog'],
        summary: 'A product image: the seller’s upload (JPEG, PNG or WebP), or a generated SVG.',
        params: obj({ id: UuidSchema, file: { type: 'string', pattern: '^[0-9](\\.svg)?$' } }),
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, typedReply) => {
      const reply = bytesReply(typedReply);
      const n = Number(request.params.file[0]);
      const image = await readProductImage(db, app.souk.storage, request.params.id, n);
      if (!image) throw new AppError('NOT_FOUND');
      const etag =
        image.kind === 'uploaded'
          ? `"${image.id}"`
          : `"g${n}-${createHash('sha256').update(image.title).digest('base64url').slice(0, 16)}"`;
      reply.header('cache-control', 'public, no-cache').header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      if (image.kind === 'uploaded') {
        return reply.type(image.contentType).header('content-security-policy', "default-src 'none'").send(image.data);
      }
      return reply
        .type('image/svg+xml')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(productImageSvg(request.params.id, image.title, n));
    },
  );
}
