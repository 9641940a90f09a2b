// The signed-in person's saved shipping addresses (Settings → Addresses, and picked at checkout).
// While an account has any address, exactly one is its default: the first one saved, or the one
// last made default; deleting the default hands it to the oldest remaining address.
import { AppError } from '../../errors.ts';
import { NoBodySchema, UuidSchema, errorResponses, noContentResponses, obj, type RouteApp } from '../../schemas.ts';
import { requireUser } from '../auth/index.ts';
import {
  AddressInputSchema,
  AddressViewSchema,
  addressView,
  createAddress,
  deleteAddress,
  findAddress,
  listAddresses,
  updateAddress,
  type AddressInput,
} from './repository.ts';

const IdParamsSchema = obj({ id: UuidSchema });
const MakeDefaultSchema = {
  type: 'boolean',
  description:
    'true makes this the default address. false changes nothing: to move the default, make another address the default.',
} as const;

const CreateBodySchema = {
  ...AddressInputSchema,
  properties: { ...AddressInputSchema.properties, makeDefault: MakeDefaultSchema },
} as const;
// A change sends only the fields that change (at least one).
const UpdateBodySchema = { ...CreateBodySchema, required: [], minProperties: 1 } as const;

export async function addressRoutes(app: RouteApp): Promise<void> {
  const ctx = app.souk;
  const auth = { onRequest: requireUser };

  app.get(
    '/api/addresses',
    {
      ...auth,
      schema: {
        tags: ['addresses'],
        summary: 'Saved shipping addresses, the default first.',
        response: { 200: obj({ addresses: { type: 'array', items: AddressViewSchema } }), ...errorResponses },
      },
    },
    async (request) => ({ addresses: (await listAddresses(ctx.db, request.user.id)).map(addressView) }),
  );

  app.get(
    '/api/addresses/:id',
    {
      ...auth,
      schema: {
        tags: ['addresses'],
        summary: 'One saved address.',
        params: IdParamsSchema,
        response: { 200: AddressViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const address = await findAddress(ctx.db, request.user.id, request.params.id);
      if (!address) throw new AppError('NOT_FOUND');
      return addressView(address);
    },
  );

  app.post(
    '/api/addresses',
    {
      ...auth,
      schema: {
        tags: ['addresses'],
        summary: 'Save an address (the first one becomes the default). LIMIT_REACHED beyond 20.',
        body: CreateBodySchema,
        response: { 201: AddressViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { makeDefault = false, ...input } = request.body;
      const address = await ctx.db
        .transaction()
        .execute((trx) => createAddress(trx, request.user.id, input, makeDefault));
      return reply.code(201).send(addressView(address));
    },
  );

  app.patch(
    '/api/addresses/:id',
    {
      ...auth,
      schema: {
        tags: ['addresses'],
        summary: 'Change some fields of an address, or make it the default.',
        params: IdParamsSchema,
        body: UpdateBodySchema,
        response: { 200: AddressViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { makeDefault = false, ...changes } = request.body;
      const updated = await ctx.db.transaction().execute(async (trx) => {
        const current = await findAddress(trx, request.user.id, request.params.id);
        if (!current) return undefined;
        const merged: AddressInput = { ...addressView(current), ...changes };
        return updateAddress(trx, request.user.id, current.id, merged, makeDefault);
      });
      if (!updated) throw new AppError('NOT_FOUND');
      return addressView(updated);
    },
  );

  app.delete(
    '/api/addresses/:id',
    {
      ...auth,
      schema: {
        tags: ['addresses'],
        summary: 'Delete an address. If it was the default, the oldest remaining one becomes the default.',
        params: IdParamsSchema,
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      const removed = await ctx.db
        .transaction()
        .execute((trx) => deleteAddress(trx, request.user.id, request.params.id));
      if (!removed) throw new AppError('NOT_FOUND');
      return reply.code(204).send();
    },
  );
}
