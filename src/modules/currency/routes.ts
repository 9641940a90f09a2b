// Currencies and exchange rates over HTTP: the public list of currencies prices can be shown in
// (GET /api/currencies), and staff's view and recording of rates (/api/admin/exchange-rates, audited).
import type { Kysely } from 'kysely';
import { RATE_SOURCES, type DB } from '../../db/types.ts';
import { minorUnitExponent } from '../../lib/iso4217.ts';
import { DateTimeSchema, errorResponses, obj, type RouteApp } from '../../schemas.ts';
import { requireRole } from '../roles/index.ts';
import { formatRate } from './convert.ts';
import { listRateSets } from './repository.ts';
import { MAX_RATES, rateAge, type RateSet, rateBookOf } from './service.ts';

const CurrencyCode = { type: 'string', pattern: '^[A-Z]{3}$' } as const;
const Day = { type: 'string', format: 'date', description: 'YYYY-MM-DD' } as const;

const RateSetSchema = obj({
  id: { type: 'string' },
  base: CurrencyCode,
  asOf: Day,
  source: {
    type: 'string',
    enum: RATE_SOURCES,
    description: 'file (RATES_FILE), staff, feed (RATES_FEED_URL) or sample (the demo’s).',
  },
  recordedAt: DateTimeSchema,
  ageDays: { type: 'integer', description: 'Days from asOf to today (UTC).' },
  stale: {
    type: 'boolean',
    description: 'Older than RATES_STALE_DAYS: conversions still use it, staff should renew it.',
  },
  rates: {
    type: 'array',
    items: obj({
      currency: CurrencyCode,
      rate: { type: 'string', description: 'Units of the currency one unit of the base buys, exactly.' },
      digits: { type: 'integer', description: 'ISO 4217 minor-unit exponent: 2 for USD, 0 for JPY, 3 for KWD.' },
    }),
  },
});

function rateSetBody(set: RateSet, staleDays: number) {
  const age = rateAge(set);
  return {
    id: set.id,
    base: set.base,
    asOf: set.asOf,
    source: set.source,
    recordedAt: set.recordedAt.toISOString(),
    ageDays: age.days,
    stale: age.stale(staleDays),
    rates: [...set.rates]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, rate]) => ({ currency, rate: formatRate(rate), digits: minorUnitExponent(currency) })),
  };
}

export type AdminRateRouteOptions = {
  audit: (
    db: Kysely<DB>,
    entry: { actorUserId: string; action: string; subject: string; detail?: string | null },
  ) => Promise<void>;
};

export async function currencyRoutes(app: RouteApp): Promise<void> {
  const ctx = app.souk;
  app.get(
    '/api/currencies',
    {
      schema: {
        tags: ['catalog'],
        summary:
          'The currencies prices can be shown in: those the exchange rates in use quote, with their minor units.',
        response: {
          200: obj({
            setId: {
              type: ['string', 'null'],
              description: 'The rate set in use; a checkout names it so the order records the rate it showed.',
            },
            base: {
              type: ['string', 'null'],
              description: 'The rates’ base currency; null before any rates were recorded.',
            },
            asOf: { type: ['string', 'null'], format: 'date' },
            currencies: {
              type: 'array',
              items: obj({
                code: CurrencyCode,
                digits: { type: 'integer', description: 'ISO 4217 minor units: 2 for USD, 0 for JPY, 3 for KWD.' },
                rate: {
                  type: 'string',
                  description:
                    'Units of this currency one unit of the base buys, exactly. An amount converts as amount × to.rate × 10^to.digits ÷ (from.rate × 10^from.digits), rounded half away from zero.',
                },
              }),
            },
          }),
          ...errorResponses,
        },
      },
    },
    async () => {
      const set = await rateBookOf(ctx.db).current();
      if (!set) return { setId: null, base: null, asOf: null, currencies: [] };
      return {
        setId: set.id,
        base: set.base,
        asOf: set.asOf,
        currencies: [...set.rates]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([code, rate]) => ({ code, digits: minorUnitExponent(code), rate: formatRate(rate) })),
      };
    },
  );
}

export async function adminRateRoutes(app: RouteApp, options: AdminRateRouteOptions): Promise<void> {
  const ctx = app.souk;
  const staffOnly = { onRequest: requireRole('staff') };

  app.get(
    '/api/admin/exchange-rates',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'The exchange rates in use (with their age and whether they are stale) and the sets recorded before.',
        response: {
          200: obj({
            current: { anyOf: [RateSetSchema, { type: 'null' }] },
            staleDays: { type: 'integer' },
            fileConfigured: {
              type: 'boolean',
              description: 'RATES_FILE is set: the file is read at start and hourly.',
            },
            feedConfigured: { type: 'boolean', description: 'RATES_FEED_URL is set: the feed is fetched hourly.' },
            history: {
              type: 'array',
              items: obj({
                id: { type: 'string' },
                base: CurrencyCode,
                asOf: Day,
                source: { type: 'string', enum: RATE_SOURCES },
                recordedAt: DateTimeSchema,
                currencies: { type: 'integer' },
              }),
            },
          }),
          ...errorResponses,
        },
      },
    },
    async () => {
      const [current, history] = await Promise.all([rateBookOf(ctx.db).current(), listRateSets(ctx.db, 20)]);
      return {
        current: current ? rateSetBody(current, ctx.config.rates.staleDays) : null,
        staleDays: ctx.config.rates.staleDays,
        fileConfigured: ctx.config.rates.file !== undefined,
        feedConfigured: ctx.config.rates.feedUrl !== undefined,
        history: history.map((h) => ({
          id: h.id,
          base: h.base,
          asOf: h.as_of,
          source: h.source,
          recordedAt: h.recorded_at.toISOString(),
          currencies: Number(h.currencies ?? 0),
        })),
      };
    },
  );

  app.post(
    '/api/admin/exchange-rates',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary:
          'Record a set of exchange rates against one base currency; it is used from now on (conversions record which set they used). Audited. A set equal to the one in use records nothing.',
        body: obj({
          base: CurrencyCode,
          asOf: { ...Day, maxLength: 10 },
          rates: {
            type: 'object',
            minProperties: 1,
            maxProperties: MAX_RATES,
            propertyNames: { pattern: '^[A-Z]{3}$' },
            // Each rate is checked by validateRateSet, which names the currency whose rate is wrong.
            additionalProperties: { type: 'string', minLength: 1, maxLength: 25 },
            description:
              'Currency → units of it one unit of the base buys, as a decimal string ("1.0834"), at most 12 places.',
          },
        }),
        response: { 200: obj({ recorded: { type: 'boolean' }, current: RateSetSchema }), ...errorResponses },
      },
    },
    async (request) => {
      const { set, recorded } = await rateBookOf(ctx.db).record(request.body, 'staff');
      if (recorded)
        await options.audit(ctx.db, {
          actorUserId: request.user.id,
          action: 'exchange_rates.recorded',
          subject: `exchange rates ${set.base} ${set.asOf}`,
          detail: `${set.rates.size - 1} currencies against ${set.base}`,
        });
      return { recorded, current: rateSetBody(set, ctx.config.rates.staleDays) };
    },
  );
}
