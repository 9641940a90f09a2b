// The seller center's variants of a product (decision 051). Every answer is the product's whole
// list, so the editor updates from one request.
import { errorResponses, NoBodySchema, obj, UuidSchema as Uuid, type RouteApp } from '../../../schemas.ts';
import { sellerAuth } from './hooks.ts';
import { CreateVariantBody, UpdateVariantBody, VariantListSchema } from './schemas.ts';
import { createVariant, deleteVariant, listVariants, updateVariant } from './variants.ts';

const IdParams = obj({ id: Uuid });
const VariantParams = obj({ id: Uuid, variantId: Uuid });
const listResponse = { 200: VariantListSchema, ...errorResponses };

export async function variantRoutes(app: RouteApp): Promise<void> {
  const { db } = app.souk;
  const tags = ['seller'];

  app.get(
    '/api/seller/products/:id/variants',
    {
      ...sellerAuth,
      schema: { tags, summary: 'A product’s options and variants.', params: IdParams, response: listResponse },
    },
    async (request) => listVariants(db, request.sellerStore.id, request.params.id),
  );

  app.post(
    '/api/seller/products/:id/variants',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary:
          'Add a variant (one combination of option values, with its price and stock). 409 VARIANT_EXISTS for a combination the product has.',
        params: IdParams,
        body: CreateVariantBody,
        response: { 201: VariantListSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createVariant(db, request.sellerStore.id, request.params.id, request.body)),
  );

  app.patch(
    '/api/seller/products/:id/variants/:variantId',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'Change a variant (any of its fields).',
        params: VariantParams,
        body: UpdateVariantBody,
        response: listResponse,
      },
    },
    async (request) =>
      updateVariant(db, request.sellerStore.id, request.params.id, request.params.variantId, request.body),
  );

  app.delete(
    '/api/seller/products/:id/variants/:variantId',
    {
      ...sellerAuth,
      schema: {
        tags,
        summary: 'Delete a variant. Orders keep their copy of its options and price.',
        params: VariantParams,
        body: NoBodySchema,
        response: listResponse,
      },
    },
    async (request) => deleteVariant(db, request.sellerStore.id, request.params.id, request.params.variantId),
  );
}
