// Seller side of orders: the store's incoming orders, shipping with a carrier and tracking
// number, tracking events, cancelling. Another store's orders answer 404.
import { AppError } from '../../errors.ts';
import { NoBodySchema, errorResponses, obj, UuidSchema as Uuid, TextSchema, type RouteApp } from '../../schemas.ts';
import { sellerAuth } from '../catalog/index.ts';
import { findOrder, listOrders, orderView } from './repository.ts';
import { addTrackingEvent, cancelOrder, shipOrder } from './fulfilment.ts';
import { OrderListQuerySchema, OrderListSchema, OrderSchema, TrackingNumberSchema } from './schemas.ts';

export async function sellerOrderRoutes(app: RouteApp): Promise<void> {
  const { db } = app.souk;

  app.get(
    '/api/seller/orders',
    {
      ...sellerAuth,
      schema: {
        tags: ['seller'],
        summary: "Your store's orders, newest first (filter by status, e.g. paid = to ship).",
        querystring: OrderListQuerySchema,
        response: { 200: OrderListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const storeId = request.sellerStore.id;
      const { page = 1, pageSize = 20, status } = request.query;
      const { rows, total } = await listOrders(db, { storeId }, { page, pageSize, ...(status ? { status } : {}) });
      return { items: rows.map((r) => orderView(r, 'seller')), total, page, pageSize };
    },
  );

  const one = async (id: string, storeId: string) => {
    const row = await findOrder(db, id, { storeId });
    if (!row) throw new AppError('NOT_FOUND');
    return orderView(row, 'seller');
  };

  app.get(
    '/api/seller/orders/:id',
    {
      ...sellerAuth,
      schema: {
        tags: ['seller'],
        summary: 'One order of your store, with the address to ship to.',
        params: obj({ id: Uuid }),
        response: { 200: OrderSchema, ...errorResponses },
      },
    },
    async (request) => one(request.params.id, request.sellerStore.id),
  );

  app.post(
    '/api/seller/orders/:id/ship',
    {
      ...sellerAuth,
      schema: {
        tags: ['seller'],
        summary: 'Mark a paid order shipped with its carrier and tracking number; the buyer is told.',
        params: obj({ id: Uuid }),
        body: obj({
          carrier: TextSchema(60),
          trackingNumber: TrackingNumberSchema(6),
        }),
        response: { 200: OrderSchema, ...errorResponses },
      },
    },
    async (request) => {
      const storeId = request.sellerStore.id;
      await shipOrder(app.souk, storeId, request.params.id, request.body.carrier, request.body.trackingNumber);
      return one(request.params.id, storeId);
    },
  );

  app.post(
    '/api/seller/orders/:id/tracking',
    {
      ...sellerAuth,
      schema: {
        tags: ['seller'],
        summary: 'Add a tracking event to a shipped order; "delivered" completes it.',
        params: obj({ id: Uuid }),
        body: obj({ status: { type: 'string', enum: ['in_transit', 'out_for_delivery', 'delivered'] } }),
        response: { 200: OrderSchema, ...errorResponses },
      },
    },
    async (request) => {
      const storeId = request.sellerStore.id;
      await addTrackingEvent(app.souk, storeId, request.params.id, request.body.status);
      return one(request.params.id, storeId);
    },
  );

  app.post(
    '/api/seller/orders/:id/cancel',
    {
      ...sellerAuth,
      schema: {
        tags: ['seller'],
        summary: 'Cancel an order of your store that has not shipped; a paid order is refunded to the buyer.',
        params: obj({ id: Uuid }),
        body: NoBodySchema,
        response: { 200: OrderSchema, ...errorResponses },
      },
    },
    async (request) => {
      const storeId = request.sellerStore.id;
      await cancelOrder(app.souk, request.params.id, 'seller', { storeId });
      return one(request.params.id, storeId);
    },
  );
}
