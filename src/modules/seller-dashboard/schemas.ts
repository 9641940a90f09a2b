import { RatingSchema } from '../catalog/index.ts';
import { CurrencyCodeSchema, obj, type FromSchema } from '../../schemas.ts';

const DateSchema = { type: 'string', format: 'date', maxLength: 10 } as const;
const Count = { type: 'integer', minimum: 0 } as const;

export const DashboardSchema = obj({
  days: {
    type: 'array',
    description: 'The last 90 UTC days, oldest first, today last; orders paid that day and not cancelled.',
    items: obj({ date: DateSchema, orders: Count }),
  },
  sales: {
    type: 'array',
    description: 'Per currency sold in: the sum of those orders per day, in minor units, one amount per entry of days.',
    items: obj({ currency: CurrencyCodeSchema, amounts: { type: 'array', items: { type: 'integer' } } }),
  },
  returns: obj({
    answer: { ...Count, description: 'Return requests waiting for the store to accept, offer or refuse.' },
    overdue: { ...Count, description: 'Of those, past their answer-by time (they escalate to Souk support).' },
    parcels: { ...Count, description: 'Accepted returns whose parcel is on its way back, to be marked received.' },
  }),
  toShip: obj({
    count: Count,
    late: { ...Count, description: 'Paid more than handlingBusinessDays business days ago and not shipped.' },
    handlingBusinessDays: Count,
  }),
  lowStock: obj({
    threshold: Count,
    count: Count,
    items: {
      type: 'array',
      items: obj({
        productId: { type: 'string', format: 'uuid' },
        title: { type: 'string' },
        variant: { type: ['string', 'null'] },
        stock: { type: 'integer' },
      }),
    },
  }),
  rating: obj({
    average: RatingSchema.properties.average,
    count: Count,
    recent: RatingSchema,
    earlier: RatingSchema,
    trend: { type: 'string', enum: ['up', 'down', 'steady', 'unknown'] },
    trendDays: Count,
  }),
});
export type Dashboard = FromSchema<typeof DashboardSchema>;

export const OrdersCsvQuerySchema = obj({ from: DateSchema, to: DateSchema });
