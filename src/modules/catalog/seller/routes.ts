// The seller center's API: open a store, then manage it, its shipping profiles and (in
// product-routes.ts) its products, offers and images. Every /api/seller route needs a session
// (401 before the body is read) and a store of the caller's own (403 NO_STORE, before the body
// is validated); ids of other stores' rows answer 404 exactly like unknown ones.
import {
  NoBodySchema,
  errorResponses,
  noContentResponses,
  UuidSchema as Uuid,
  obj,
  type RouteApp,
} from '../../../schemas.ts';
import { requireUser } from '../../auth/index.ts';
import { sellerAuth } from './hooks.ts';
import { productRoutes } from './product-routes.ts';
import { variantRoutes } from './variant-routes.ts';
import type { ProductFilesOf } from './products.ts';
import { OpenStoreBody, ProfileBody, ProfileSchema, StoreSchema, UpdateStoreBody } from './schemas.ts';
import { createProfile, deleteProfile, getProfile, listProfiles, replaceProfile } from './shipping.ts';
import { openStore, toStore, updateStore, type Store } from './store.ts';

const IdParams = obj({ id: Uuid });

export type SellerRouteOptions = { productFilesOf: ProductFilesOf };

export async function sellerRoutes(app: RouteApp, options: SellerRouteOptions): Promise<void> {
  const { db } = app.souk;
  app.decorateRequest('sellerStore', null as unknown as Store);
  const tags = ['seller'];

  app.post(
    '/api/stores',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Open a store (one per account).',
        body: OpenStoreBody,
        response: { 201: StoreSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await app.souk.rateLimiter.consume(`open-store:user:${request.user.id}`, { max: 10, windowSeconds: 3600 });
      const store = await openStore(db, request.user.id, request.body);
      return reply.code(201).send(toStore(store));
    },
  );

  app.get(
    '/api/seller/store',
    {
      ...sellerAuth,
      schema: { tags, summary: 'The signed-in seller’s store.', response: { 200: StoreSchema, ...errorResponses } },
    },
    async (request) => toStore(request.sellerStore),
  );

  app.patch(
    '/api/seller/store',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'Change the store’s name, country, description, or hide it.',
        body: UpdateStoreBody,
        response: { 200: StoreSchema, ...errorResponses },
      },
    },
    async (request) => toStore(await updateStore(db, request.sellerStore.id, request.body)),
  );

  app.get(
    '/api/seller/shipping-profiles',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'The store’s shipping profiles with their rates per country.',
        response: { 200: obj({ profiles: { type: 'array', items: ProfileSchema } }), ...errorResponses },
      },
    },
    async (request) => ({ profiles: await listProfiles(db, request.sellerStore.id) }),
  );

  app.post(
    '/api/seller/shipping-profiles',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'Add a shipping profile.',
        body: ProfileBody,
        response: { 201: ProfileSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createProfile(db, request.sellerStore.id, request.body)),
  );

  app.get(
    '/api/seller/shipping-profiles/:id',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'One shipping profile.',
        params: IdParams,
        response: { 200: ProfileSchema, ...errorResponses },
      },
    },
    async (request) => getProfile(db, request.sellerStore.id, request.params.id),
  );

  app.put(
    '/api/seller/shipping-profiles/:id',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'Replace a shipping profile’s label and rates.',
        params: IdParams,
        body: ProfileBody,
        response: { 200: ProfileSchema, ...errorResponses },
      },
    },
    async (request) => replaceProfile(db, request.sellerStore.id, request.params.id, request.body),
  );

  app.delete(
    '/api/seller/shipping-profiles/:id',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'Delete a shipping profile no product uses.',
        params: IdParams,
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      await deleteProfile(db, request.sellerStore.id, request.params.id);
      return reply.code(204).send();
    },
  );

  await app.register(productRoutes, { productFilesOf: options.productFilesOf });
  await app.register(variantRoutes);
}
