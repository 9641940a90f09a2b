// Request and response schemas of the seller center. Bodies are validated strictly (no coercion,
// unknown fields rejected); ids in paths are UUIDs, so a malformed one is a 400, a foreign one a 404.
import { PRODUCT_STATUSES, STORE_STATUSES } from '../../../db/types.ts';
import { MoneySchema } from '../../../lib/money.ts';
import {
  obj,
  UuidSchema as Uuid,
  CountryCodeSchema,
  CurrencyCodeSchema,
  DateTimeSchema,
  TextSchema,
} from '../../../schemas.ts';

export const LIMITS = {
  storeName: 80,
  storeDescription: 2000,
  profileLabel: 80,
  ratesPerProfile: 250,
  profilesPerStore: 50,
  title: 200,
  description: 10_000,
  maxPriceMinor: 1_000_000_000,
  maxStock: 1_000_000,
  maxDays: 365,
  offersPerProduct: 20,
  imagesPerProduct: 10,
  imageBytes: 5 * 1024 * 1024,
} as const;

// ---- stores

export const StoreSchema = obj({
  id: { type: 'string' },
  slug: {
    type: ['string', 'null'],
    description: 'The store’s public page is /s/<slug> (kept when the store is renamed).',
  },
  name: { type: 'string' },
  country: { type: 'string' },
  description: { type: 'string' },
  status: { type: 'string', enum: STORE_STATUSES },
  createdAt: DateTimeSchema,
});

export const OpenStoreBody = obj(
  {
    name: TextSchema(LIMITS.storeName),
    country: CountryCodeSchema,
    description: { type: 'string', maxLength: LIMITS.storeDescription },
  },
  ['name', 'country'],
);

export const UpdateStoreBody = {
  ...obj(
    {
      name: TextSchema(LIMITS.storeName),
      country: CountryCodeSchema,
      description: { type: 'string', maxLength: LIMITS.storeDescription },
      status: {
        type: 'string',
        enum: ['active', 'hidden'],
        description: 'hidden: the store and its listings are not shown (holidays).',
      },
    },
    [],
  ),
  minProperties: 1,
} as const;

// ---- shipping profiles

const RateInput = obj({
  country: CountryCodeSchema,
  cost: {
    type: 'integer',
    minimum: 0,
    maximum: LIMITS.maxPriceMinor,
    description: 'Minor units, in the currency of each product shipped with it.',
  },
  minDays: { type: 'integer', minimum: 0, maximum: LIMITS.maxDays },
  maxDays: { type: 'integer', minimum: 0, maximum: LIMITS.maxDays },
});

export const ProfileBody = obj({
  label: TextSchema(LIMITS.profileLabel),
  rates: { type: 'array', minItems: 1, maxItems: LIMITS.ratesPerProfile, items: RateInput },
});

export const ProfileSchema = obj({
  id: { type: 'string' },
  label: { type: 'string' },
  productCount: { type: 'integer' },
  rates: {
    type: 'array',
    items: obj({
      country: { type: 'string' },
      cost: { type: 'integer' },
      minDays: { type: 'integer' },
      maxDays: { type: 'integer' },
    }),
  },
});

// ---- products

const PriceInput = obj({
  amount: { type: 'integer', minimum: 1, maximum: LIMITS.maxPriceMinor, description: 'Minor units (cents).' },
  currency: CurrencyCodeSchema,
});

const productFields = {
  title: TextSchema(LIMITS.title),
  description: { type: 'string', maxLength: LIMITS.description },
  category: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$' },
  price: PriceInput,
  stock: { type: 'integer', minimum: 0, maximum: LIMITS.maxStock },
  status: { type: 'string', enum: PRODUCT_STATUSES },
  shippingProfileId: Uuid,
} as const;

export const CreateProductBody = obj(productFields, ['title', 'category', 'price', 'stock', 'shippingProfileId']);
export const UpdateProductBody = { ...obj(productFields, []), minProperties: 1 } as const;

export const ImageSchema = obj({
  id: { type: 'string' },
  position: { type: 'integer' },
  url: { type: 'string' },
  contentType: { type: 'string' },
  size: { type: 'integer' },
});

export const OfferSchema = obj({
  id: { type: 'string' },
  price: MoneySchema,
  startsAt: DateTimeSchema,
  endsAt: DateTimeSchema,
  state: { type: 'string', enum: ['scheduled', 'running', 'ended'] },
});

const productSummary = {
  id: { type: 'string' },
  title: { type: 'string' },
  category: obj({ slug: { type: 'string' }, name: { type: 'string' } }),
  price: MoneySchema,
  currentPrice: MoneySchema,
  stock: { type: 'integer' },
  status: { type: 'string', enum: PRODUCT_STATUSES },
  imageUrl: { type: 'string' },
  imageCount: { type: 'integer' },
  shippingProfileId: { type: 'string' },
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
} as const;

export const ProductSummarySchema = obj(productSummary);

export const ProductSchema = obj({
  ...productSummary,
  description: { type: 'string' },
  images: { type: 'array', items: ImageSchema },
  offers: { type: 'array', items: OfferSchema },
});

export const OfferBody = obj(
  {
    price: {
      type: 'integer',
      minimum: 1,
      maximum: LIMITS.maxPriceMinor,
      description: "Minor units of the product's currency; below its list price.",
    },
    startsAt: { ...DateTimeSchema, description: 'Default: now.' },
    endsAt: DateTimeSchema,
  },
  ['price', 'endsAt'],
);
