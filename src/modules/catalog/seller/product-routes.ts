// The seller's products, their offers and images. Images are uploaded as the raw request body
// (Content-Type image/jpeg, image/png or image/webp, at most 5 MB); the type is checked from the bytes.
import type { FastifyRequest } from 'fastify';
import {
  NoBodySchema,
  bytesBody,
  errorResponses,
  noContentResponses,
  UuidSchema as Uuid,
  obj,
  type RouteApp,
} from '../../../schemas.ts';
import { PRODUCT_STATUSES } from '../../../db/types.ts';
import { requireUser } from '../../auth/index.ts';
import { addProductImage, deleteProductImage } from './images.ts';
import { IMAGE_TYPES } from '../../../lib/image-type.ts';
import { createOffer, deleteOffer, listOwnOffers } from './offers.ts';
import {
  createProduct,
  deleteProduct,
  getProduct,
  listProducts,
  updateProduct,
  type ProductFilesOf,
} from './products.ts';
import { sellerAuth } from './hooks.ts';
import {
  CreateProductBody,
  ImageSchema,
  LIMITS,
  OfferBody,
  OfferSchema,
  ProductSchema,
  ProductSummarySchema,
  UpdateProductBody,
} from './schemas.ts';

const IdParams = obj({ id: Uuid });
const UPLOADS_PER_HOUR = 100;

export async function productRoutes(app: RouteApp, options: { productFilesOf: ProductFilesOf }): Promise<void> {
  const { db, storage, rateLimiter } = app.souk;
  const tags = ['seller'];

  app.get(
    '/api/seller/products',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'The store’s products, newest first.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: PRODUCT_STATUSES },
            page: { type: 'integer', minimum: 1, maximum: 10_000 },
            pageSize: { type: 'integer', minimum: 1, maximum: 100 },
          },
        },
        response: {
          200: obj({
            items: { type: 'array', items: ProductSummarySchema },
            total: { type: 'integer' },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { status, page = 1, pageSize = 50 } = request.query;
      return listProducts(db, request.sellerStore.id, { ...(status ? { status } : {}), page, pageSize });
    },
  );

  app.post(
    '/api/seller/products',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'Add a product.',
        body: CreateProductBody,
        response: { 201: ProductSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createProduct(db, request.sellerStore.id, request.body)),
  );

  app.get(
    '/api/seller/products/:id',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'One product with its images and offers.',
        params: IdParams,
        response: { 200: ProductSchema, ...errorResponses },
      },
    },
    async (request) => getProduct(db, request.sellerStore.id, request.params.id),
  );

  app.patch(
    '/api/seller/products/:id',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'Change a product (any of its fields).',
        params: IdParams,
        body: UpdateProductBody,
        response: { 200: ProductSchema, ...errorResponses },
      },
    },
    async (request) => updateProduct(db, request.sellerStore.id, request.params.id, request.body),
  );

  app.delete(
    '/api/seller/products/:id',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'Delete a product with its offers and images. Orders keep their own copy.',
        params: IdParams,
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      await deleteProduct(db, storage, request.sellerStore.id, request.params.id, options.productFilesOf);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/seller/products/:id/offers',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'A product’s offers: scheduled, running and ended.',
        params: IdParams,
        response: { 200: obj({ offers: { type: 'array', items: OfferSchema } }), ...errorResponses },
      },
    },
    async (request) => ({ offers: await listOwnOffers(db, request.sellerStore.id, request.params.id) }),
  );

  app.post(
    '/api/seller/products/:id/offers',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'Add an offer: a price below the list price from startsAt (default now) to endsAt.',
        params: IdParams,
        body: OfferBody,
        response: { 201: OfferSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOffer(db, request.sellerStore.id, request.params.id, request.body)),
  );

  app.delete(
    '/api/seller/products/:id/offers/:offerId',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'Delete an offer (ends it at once if it runs).',
        params: obj({ id: Uuid, offerId: Uuid }),
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      await deleteOffer(db, request.sellerStore.id, request.params.id, request.params.offerId);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/seller/products/:id/images/:imageId',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'Delete an image (the file too); later images move up one place.',
        params: obj({ id: Uuid, imageId: Uuid }),
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      await deleteProductImage(db, storage, request.sellerStore.id, request.params.id, request.params.imageId);
      return reply.code(204).send();
    },
  );

  // Uploads in their own scope, where image bodies are parsed (as bytes) and may be larger.
  await app.register(async (uploads: RouteApp) => {
    uploads.addContentTypeParser(
      [...IMAGE_TYPES],
      { parseAs: 'buffer', bodyLimit: LIMITS.imageBytes },
      (_request, body, done) => done(null, body),
    );
    const limitUploads = async (request: FastifyRequest) => {
      await rateLimiter.consume(`image-upload:user:${request.user.id}`, { max: UPLOADS_PER_HOUR, windowSeconds: 3600 });
    };
    uploads.post(
      '/api/seller/products/:id/images',
      {
        onRequest: [requireUser, limitUploads],
        preValidation: sellerAuth.preValidation,
        bodyLimit: LIMITS.imageBytes,
        schema: {
          tags,
          summary: `Upload an image: the raw bytes as the body, Content-Type image/jpeg, image/png or image/webp; at most ${LIMITS.imageBytes / 1024 / 1024} MB, ${LIMITS.imagesPerProduct} per product, ${UPLOADS_PER_HOUR} uploads an hour.`,
          params: IdParams,
          body: bytesBody(IMAGE_TYPES, 'The image file as uploaded.'),
          response: { 201: ImageSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return reply
          .code(201)
          .send(await addProductImage(db, storage, request.sellerStore.id, request.params.id, body));
      },
    );
  });
}
