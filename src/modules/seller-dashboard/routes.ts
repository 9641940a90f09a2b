// The seller dashboard's API (issue 19): the figures in one request, and the orders as CSV for
// accounting. Both are the caller's own store's (401 signed out, 403 NO_STORE).
import { Readable } from 'node:stream';
import { AppError } from '../../errors.ts';
import { bytesReply, errorResponses, type RouteApp } from '../../schemas.ts';
import { admitSessionUser, requireCredential, sessionTokenOf } from '../auth/index.ts';
import { sellerAuth } from '../catalog/index.ts';
import { ordersCsv } from './csv.ts';
import { DashboardSchema, OrdersCsvQuerySchema } from './schemas.ts';
import { sellerDashboardOfSession } from './service.ts';

const DAY = 86_400_000;
/** The longest export: ten years, the retention period of the records it is for. */
const MAX_RANGE_DAYS = 3660;

export async function sellerDashboardRoutes(app: RouteApp): Promise<void> {
  const { db } = app.souk;

  app.get(
    '/api/seller/dashboard',
    {
      // A session (401), the account's store (403 NO_STORE when it has none) and its figures in one
      // call: requireUser's session lookup and sellerAuth's store lookup would be two statements more.
      onRequest: requireCredential,
      schema: {
        tags: ['seller'],
        summary: "Your store's dashboard: sales and orders per day, orders to ship and late, low stock, the rating.",
        response: { 200: DashboardSchema, ...errorResponses },
      },
    },
    // The body is the database's JSON text, in DashboardSchema's shape (migration 050): sent as it
    // is, without decoding, mapping and serialising it again.
    async (request, typedReply) => {
      const credential = sessionTokenOf(request);
      if (credential === null) throw new AppError('UNAUTHENTICATED');
      const { user, body } = await sellerDashboardOfSession(db, credential.token);
      admitSessionUser(request, typedReply, user);
      if (body === null) throw new AppError('NO_STORE');
      return bytesReply(typedReply).type('application/json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/api/seller/orders.csv',
    {
      ...sellerAuth,
      schema: {
        tags: ['seller'],
        summary:
          'Your paid orders placed from one date to another (UTC, both included), one CSV line per order line, for accounting.',
        querystring: OrdersCsvQuerySchema,
        response: { 200: { type: 'string', description: 'text/csv' }, ...errorResponses },
      },
    },
    async (request, typedReply) => {
      const { from, to } = request.query;
      const start = Date.parse(`${from}T00:00:00Z`);
      const end = Date.parse(`${to}T00:00:00Z`);
      if (!Number.isFinite(start) || !Number.isFinite(end) || end < start || (end - start) / DAY > MAX_RANGE_DAYS) {
        throw new AppError('DATE_RANGE_INVALID');
      }
      const range = { from: new Date(start), until: new Date(end + DAY) };
      return bytesReply(typedReply)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="orders-${from}-to-${to}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(ordersCsv(db, request.sellerStore.id, range)));
    },
  );
}
