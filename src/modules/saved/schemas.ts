// The saved list's and recently viewed row's shapes, as the API answers them.
import { nullable, obj } from '../../schemas.ts';
import { MoneySchema } from '../../lib/money.ts';

export const SAVED_STATES = ['available', 'out_of_stock', 'unavailable'] as const;
export const PRICE_CHANGES = ['dropped', 'rose'] as const;

export const SavedItemSchema = obj({
  productId: { type: 'string' },
  title: { type: 'string' },
  imageUrl: { type: 'string' },
  store: obj({ id: { type: 'string' }, name: { type: 'string' } }),
  savedAt: { type: 'string', format: 'date-time' },
  priceWhenSaved: MoneySchema,
  price: MoneySchema,
  listPrice: { ...nullable(MoneySchema), description: 'The price before the running offer, when there is one.' },
  priceChange: {
    type: ['string', 'null'],
    enum: [...PRICE_CHANGES, null],
    description: 'How the price moved since the product was saved (null: unchanged, or another currency).',
  },
  priceDifference: { ...nullable(MoneySchema), description: 'By how much, always positive; null when unchanged.' },
  state: { type: 'string', enum: SAVED_STATES },
  backInStock: {
    type: 'boolean',
    description: 'In stock and buyable now after being out of stock when saved, or selling out since.',
  },
});

export const SavedListSchema = obj({
  items: { type: 'array', items: SavedItemSchema },
  count: { type: 'integer' },
  limit: { type: 'integer' },
});

export const SavedIdsSchema = obj({ productIds: { type: 'array', items: { type: 'string' } } });

export const SavedStateSchema = obj({
  productId: { type: 'string' },
  saved: { type: 'boolean' },
  count: { type: 'integer' },
});

export const RecentlyViewedSchema = obj({
  items: {
    type: 'array',
    items: obj({
      productId: { type: 'string' },
      title: { type: 'string' },
      imageUrl: { type: 'string' },
      price: MoneySchema,
      listPrice: nullable(MoneySchema),
      inStock: { type: 'boolean' },
      viewedAt: { type: 'string', format: 'date-time' },
    }),
  },
});
