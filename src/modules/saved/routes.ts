// Saved items (/api/saved) and recently viewed products (/api/recently-viewed): no account needed.
// Reads never create a guest identity; writes do (shopper.ts). Saving is idempotent both ways.
import { AppError } from '../../errors.ts';
import {
  NoBodySchema,
  errorResponses,
  noContentResponses,
  obj,
  UuidSchema as ProductId,
  type RouteApp,
} from '../../schemas.ts';
import { productForCart } from '../catalog/index.ts';
import {
  countSaved,
  deleteSaved,
  insertSaved,
  isSaved,
  lockOwner,
  MAX_SAVED,
  readSaved,
  readSavedIds,
} from './repository.ts';
import { RecentlyViewedSchema, SavedIdsSchema, SavedListSchema, SavedStateSchema } from './schemas.ts';
import { savedItemView, viewedItemView } from './service.ts';
import { shopperForWrite, shopperOf } from './shopper.ts';
import { clearViews, MAX_VIEWS, readViews, recordView } from './views-repository.ts';

const ProductParams = obj({ productId: ProductId });

export async function savedRoutes(app: RouteApp): Promise<void> {
  const { db } = app.souk;

  app.get(
    '/api/saved',
    {
      schema: {
        tags: ['saved'],
        summary:
          "This browser's saved products, or the signed-in account's, newest first, with price changes since saving.",
        response: { 200: SavedListSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const owner = await shopperOf(request, reply);
      const items = owner ? (await readSaved(db, owner)).map(savedItemView) : [];
      return { items, count: items.length, limit: MAX_SAVED };
    },
  );

  app.get(
    '/api/saved/product-ids',
    {
      schema: {
        tags: ['saved'],
        summary: 'The ids of the saved products, for showing "Saved" on cards and product pages.',
        response: { 200: SavedIdsSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const owner = await shopperOf(request, reply);
      return { productIds: owner ? await readSavedIds(db, owner) : [] };
    },
  );

  app.put(
    '/api/saved/:productId',
    {
      schema: {
        tags: ['saved'],
        summary: `Save a product (saving it again changes nothing). At most ${MAX_SAVED}: past that, 409 LIMIT_REACHED.`,
        params: ProductParams,
        body: NoBodySchema,
        response: { 200: SavedStateSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { productId } = request.params;
      const product = await productForCart(db, productId);
      if (!product) throw new AppError('NOT_FOUND');
      const current = await shopperOf(request, reply);
      if (current && (await isSaved(db, current, productId))) {
        return { productId, saved: true, count: await countSaved(db, current) };
      }
      if (!product.listed) throw new AppError('PRODUCT_UNAVAILABLE');
      if (current && (await countSaved(db, current)) >= MAX_SAVED) {
        throw new AppError('LIMIT_REACHED', { message: `You can save up to ${MAX_SAVED} products.` });
      }
      const owner = await shopperForWrite(request, reply);
      const count = await db.transaction().execute(async (trx) => {
        await lockOwner(trx, owner);
        const before = await countSaved(trx, owner);
        if (before >= MAX_SAVED) {
          throw new AppError('LIMIT_REACHED', { message: `You can save up to ${MAX_SAVED} products.` });
        }
        await insertSaved(trx, owner, productId);
        return countSaved(trx, owner);
      });
      return { productId, saved: true, count };
    },
  );

  app.delete(
    '/api/saved/:productId',
    {
      schema: {
        tags: ['saved'],
        summary: 'Remove a product from the saved items (removing one that is not there changes nothing).',
        params: ProductParams,
        body: NoBodySchema,
        response: { 200: SavedStateSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { productId } = request.params;
      const owner = await shopperOf(request, reply);
      if (owner) await deleteSaved(db, owner, productId);
      return { productId, saved: false, count: owner ? await countSaved(db, owner) : 0 };
    },
  );

  app.get(
    '/api/recently-viewed',
    {
      schema: {
        tags: ['saved'],
        summary: `Products this browser or account viewed, newest first (the last ${MAX_VIEWS} are kept; only products that can be bought are shown).`,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: MAX_VIEWS },
            exclude: { ...ProductId, description: 'Leave this product out (the page being shown).' },
          },
        } as const,
        response: { 200: RecentlyViewedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const owner = await shopperOf(request, reply);
      const { limit = 12, exclude } = request.query;
      return { items: owner ? (await readViews(db, owner, limit, exclude)).map(viewedItemView) : [] };
    },
  );

  app.post(
    '/api/recently-viewed',
    {
      schema: {
        tags: ['saved'],
        summary: 'Record a view of a product (the product page sends it after showing the product).',
        body: obj({ productId: ProductId }),
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      // An unknown product sets no cookie and writes nothing.
      if (!(await productForCart(db, request.body.productId))) throw new AppError('NOT_FOUND');
      const owner = await shopperForWrite(request, reply);
      if (!(await recordView(db, owner, request.body.productId))) throw new AppError('NOT_FOUND');
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/recently-viewed',
    {
      schema: {
        tags: ['saved'],
        summary: 'Forget every viewed product.',
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      const owner = await shopperOf(request, reply);
      if (owner) await clearViews(db, owner);
      return reply.code(204).send();
    },
  );
}
