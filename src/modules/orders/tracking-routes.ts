// Public parcel tracking: anyone holding a tracking number, signed in or not, even after the
// buyer's account is gone. The answer names the carrier, the destination country and the
// timeline, never a person. Unknown numbers answer the plain 404 every unknown thing gets.
import { AppError } from '../../errors.ts';
import { errorResponses, obj, type RouteApp } from '../../schemas.ts';
import { findTracking } from './repository.ts';
import { normaliseTrackingNumber } from './fulfilment.ts';
import { TrackingNumberSchema, TrackingSchema } from './schemas.ts';

const DAY = 24 * 3600_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function trackingRoutes(app: RouteApp): Promise<void> {
  const { db, rateLimiter } = app.souk;

  app.get(
    '/api/track/:trackingNumber',
    {
      schema: {
        tags: ['tracking'],
        summary: 'Where a parcel is: status timeline, carrier, destination country. No account needed.',
        params: obj({ trackingNumber: TrackingNumberSchema(1) }),
        response: { 200: TrackingSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await rateLimiter.consume(`track:ip:${rateLimiter.keyPart(request.ip)}`, { max: 60, windowSeconds: 600 });
      const row = await findTracking(db, normaliseTrackingNumber(request.params.trackingNumber));
      if (!row) throw new AppError('NOT_FOUND');
      reply.header('cache-control', 'no-store');
      const shipped = row.shipped_at ? new Date(row.shipped_at).getTime() : null;
      return {
        trackingNumber: row.tracking_number,
        carrier: row.carrier,
        status: row.status,
        destinationCountry: row.destination_country,
        shippedAt: shipped === null ? null : new Date(shipped).toISOString(),
        estimatedDelivery:
          shipped === null || row.status === 'delivered'
            ? null
            : {
                from: isoDate(shipped + row.delivery_min_days * DAY),
                to: isoDate(shipped + row.delivery_max_days * DAY),
              },
        events: (row.events ?? []).map((e) => ({ status: e.status, at: new Date(e.occurred_at).toISOString() })),
      };
    },
  );
}
