// Returns over HTTP: the buyer's side (an order's returns, ask, take an offer, escalate, withdraw),
// the seller's (the store's returns, accept, received, offer, refuse, the return policy) and the
// public return-parcel tracking. Another person's or store's return answers 404.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { IMAGE_TYPES } from '../../lib/image-type.ts';
import { money } from '../../lib/money.ts';
import {
  bytesBody,
  bytesReply,
  errorResponses,
  NoBodySchema,
  obj,
  UuidSchema as Uuid,
  type RouteApp,
} from '../../schemas.ts';
import { requireUser } from '../auth/index.ts';
import { sellerAuth } from '../catalog/index.ts';
import { addReturnPhoto, readReturnPhoto } from './photos.ts';
import { listReturns } from './repository.ts';
import {
  AcceptReturnSchema,
  EscalateSchema,
  NewReturnSchema,
  OfferSchema,
  OrderReturnsSchema,
  RETURN_LIMITS,
  ReturnPhotoSchema,
  RefuseSchema,
  ReturnListSchema,
  ReturnParcelSchema,
  ReturnPolicySchema,
  ReturnSchema,
  ReturnTrackingNumberSchema,
} from './schemas.ts';
import {
  acceptOffer,
  acceptReturn,
  escalateReturn,
  markReturnReceived,
  offerPartialRefund,
  refuseReturn,
  requestReturn,
  returnableOf,
  returnPolicyOf,
  setReturnPolicy,
  withdrawReturn,
} from './service.ts';

export async function returnRoutes(app: RouteApp): Promise<void> {
  const ctx = app.souk;
  const { db } = ctx;
  const one = async (returnId: string, scope: { buyerUserId?: string; storeId?: string }) => {
    const [found] = await listReturns(db, { returnId, ...scope });
    if (!found) throw new AppError('NOT_FOUND');
    return found;
  };
  const buyer = (summary: string) => ({ onRequest: requireUser, schema: { tags: ['returns'], summary } });
  const seller = (summary: string) => ({ ...sellerAuth, schema: { tags: ['seller'], summary } });

  app.get(
    '/api/orders/:id/returns',
    {
      onRequest: requireUser,
      schema: {
        ...buyer('').schema,
        summary: "An order's returns, what can still be returned and until when.",
        params: obj({ id: Uuid }),
        response: { 200: OrderReturnsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { order, closesAt, returnable, open } = await returnableOf(db, request.params.id, request.user.id);
      const returns = await listReturns(db, { orderId: order.id, buyerUserId: request.user.id });
      const underWay = returns.some((r) => r.status !== 'refunded' && r.status !== 'closed');
      return {
        canRequest: open && !underWay && returnable.length > 0,
        windowClosesAt: closesAt?.toISOString() ?? null,
        returnable: returnable.map((i) => ({
          position: i.position,
          title: i.variant_label ? `${i.title} (${i.variant_label})` : i.title,
          quantity: i.quantity,
          unitPrice: money(i.unit_price_minor, order.currency),
        })),
        returns,
      };
    },
  );

  app.post(
    '/api/orders/:id/returns',
    {
      onRequest: requireUser,
      schema: {
        ...buyer('').schema,
        summary: 'Ask to return items of a delivered order, within the store’s return window.',
        params: obj({ id: Uuid }),
        body: NewReturnSchema,
        response: { 201: ReturnSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await requestReturn(ctx, request.user.id, request.params.id, request.body);
      reply.code(201);
      return one(id, { buyerUserId: request.user.id });
    },
  );

  const buyerStep = (
    path: string,
    summary: string,
    run: (userId: string, id: string, body: unknown) => Promise<void>,
    body: object = NoBodySchema,
  ) =>
    app.post(
      `/api/returns/:id/${path}`,
      {
        onRequest: requireUser,
        schema: {
          tags: ['returns'],
          summary,
          params: obj({ id: Uuid }),
          body,
          response: { 200: ReturnSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        await run(request.user!.id, id, request.body);
        return one(id, { buyerUserId: request.user!.id });
      },
    );
  buyerStep('accept-offer', "Take the seller's partial refund offer.", (u, id) => acceptOffer(ctx, u, id));
  buyerStep(
    'escalate',
    "Ask Souk's support to decide on a refused return or a partial offer (opens a dispute).",
    (u, id, body) => escalateReturn(ctx, u, id, (body as { statement?: string | null } | null)?.statement ?? null),
    EscalateSchema,
  );
  buyerStep('withdraw', 'Withdraw a return request that is not settled.', (u, id) => withdrawReturn(ctx, u, id));

  app.get(
    '/api/seller/returns',
    {
      ...sellerAuth,
      schema: {
        ...seller('').schema,
        summary: "Your store's returns, newest first.",
        response: { 200: ReturnListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await listReturns(db, { storeId: request.sellerStore.id }) }),
  );

  const sellerStep = (
    path: string,
    summary: string,
    run: (storeId: string, id: string, body: unknown) => Promise<void>,
    body: object = NoBodySchema,
  ) =>
    app.post(
      `/api/seller/returns/:id/${path}`,
      {
        ...sellerAuth,
        schema: {
          tags: ['seller'],
          summary,
          params: obj({ id: Uuid }),
          body,
          response: { 200: ReturnSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        await run(request.sellerStore.id, id, request.body);
        return one(id, { storeId: request.sellerStore.id });
      },
    );
  sellerStep(
    'accept',
    'Accept a return: refund only, or return then refund (with the return parcel’s carrier and tracking number).',
    (s, id, body) => acceptReturn(ctx, s, id, body as Parameters<typeof acceptReturn>[3]),
    AcceptReturnSchema,
  );
  sellerStep('received', 'The return parcel arrived: the refund goes out.', (s, id) => markReturnReceived(ctx, s, id));
  sellerStep(
    'offer',
    'Offer a partial refund (less than asked).',
    (s, id, body) => offerPartialRefund(ctx, s, id, (body as { amount: number }).amount),
    OfferSchema,
  );
  sellerStep(
    'refuse',
    'Refuse a return, saying why.',
    (s, id, body) => refuseReturn(ctx, s, id, (body as { reason: string }).reason),
    RefuseSchema,
  );

  app.get(
    '/api/seller/return-policy',
    {
      ...sellerAuth,
      schema: {
        ...seller('').schema,
        summary: "Your store's return window and answer deadline, in days.",
        response: { 200: ReturnPolicySchema, ...errorResponses },
      },
    },
    async (request) => returnPolicyOf(db, request.sellerStore.id),
  );
  app.put(
    '/api/seller/return-policy',
    {
      ...sellerAuth,
      schema: {
        ...seller('').schema,
        summary: 'Set the return window (15 to 365 days after delivery) and the answer deadline (2 to 14 days).',
        body: ReturnPolicySchema,
        response: { 200: ReturnPolicySchema, ...errorResponses },
      },
    },
    async (request) => {
      await setReturnPolicy(db, request.sellerStore.id, request.body);
      return returnPolicyOf(db, request.sellerStore.id);
    },
  );

  app.get(
    '/api/track-returns/:trackingNumber',
    {
      schema: {
        tags: ['tracking'],
        summary: 'Where a return parcel is. No account needed; names no person.',
        params: obj({ trackingNumber: ReturnTrackingNumberSchema }),
        response: { 200: ReturnParcelSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await ctx.rateLimiter.consume(`track:ip:${ctx.rateLimiter.keyPart(request.ip)}`, { max: 60, windowSeconds: 600 });
      const number = request.params.trackingNumber.replace(/\s+/g, '').toUpperCase();
      const row = await db
        .selectFrom('return_requests as r')
        .select((eb) => [
          'r.return_tracking_number',
          'r.return_carrier',
          'r.return_received_at',
          eb
            .selectFrom('return_events as e')
            .select('e.occurred_at')
            .whereRef('e.return_id', '=', 'r.id')
            .where('e.kind', '=', 'accepted_return')
            .limit(1)
            .as('sent_at'),
        ])
        .where('r.return_tracking_number', '=', number)
        .executeTakeFirst();
      if (!row?.return_tracking_number) throw new AppError('NOT_FOUND');
      reply.header('cache-control', 'no-store');
      const events = [
        ...(row.sent_at ? [{ status: 'return_label_issued', at: new Date(row.sent_at).toISOString() }] : []),
        ...(row.return_received_at
          ? [{ status: 'received_by_seller', at: new Date(row.return_received_at).toISOString() }]
          : []),
      ];
      return {
        trackingNumber: row.return_tracking_number,
        carrier: row.return_carrier ?? '',
        status: row.return_received_at ? ('received' as const) : ('on_its_way_back' as const),
        events,
      };
    },
  );

  app.get(
    '/api/returns/:id/photos/:photoId',
    {
      onRequest: requireUser,
      schema: {
        tags: ['returns'],
        summary: "A return's photo, served as uploaded, to its buyer, the store's owner and staff only.",
        params: obj({ id: Uuid, photoId: Uuid }),
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, typedReply) => {
      const reply = bytesReply(typedReply);
      const photo = await readReturnPhoto(db, ctx.storage, request.params.id, request.params.photoId, {
        id: request.user.id,
        staff: request.user.roles.length > 0,
      });
      if (!photo) throw new AppError('NOT_FOUND');
      reply.header('cache-control', 'private, no-store');
      return reply.type(photo.contentType).header('content-security-policy', "default-src 'none'").send(photo.data);
    },
  );

  // Photo uploads in their own scope, where image bodies are parsed as bytes and may be larger.
  await app.register(async (uploads: RouteApp) => {
    uploads.addContentTypeParser(
      [...IMAGE_TYPES],
      { parseAs: 'buffer', bodyLimit: RETURN_LIMITS.photoBytes },
      (_request, body, done) => done(null, body),
    );
    const limitUploads = async (request: FastifyRequest) => {
      await ctx.rateLimiter.consume(`return-photo:user:${request.user.id}`, {
        max: RETURN_LIMITS.photosPerHour,
        windowSeconds: 3600,
      });
    };
    uploads.post(
      '/api/returns/:id/photos',
      {
        onRequest: [requireUser, limitUploads],
        bodyLimit: RETURN_LIMITS.photoBytes,
        schema: {
          tags: ['returns'],
          summary: `Add a photo to your return: the raw bytes as the body, Content-Type image/jpeg, image/png or image/webp; at most ${RETURN_LIMITS.photoBytes / 1024 / 1024} MB, ${RETURN_LIMITS.photos} per return.`,
          params: obj({ id: Uuid }),
          body: bytesBody(IMAGE_TYPES, 'The image file as uploaded.'),
          response: { 201: ReturnPhotoSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return reply.code(201).send(await addReturnPhoto(db, ctx.storage, request.user.id, request.params.id, body));
      },
    );
  });
}
