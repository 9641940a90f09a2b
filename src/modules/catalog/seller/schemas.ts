// Request and response schemas of the seller center. Bodies are validated strictly (no coercion,
// unknown fields rejected); ids in paths are UUIDs, so a malformed one is a 400, a foreign one a 404.
import { PRODUCT_STATUSES, STORE_STATUSES } from '../../../db/types.ts';
import { MoneySchema } from '../../../lib/money.ts';
import {
  nullable,
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
  priceMax: {
    ...nullable(MoneySchema),
    description: 'With variants priced apart: the highest (price is then the lowest).',
  },
  optionNames: { type: 'array', items: { type: 'string' }, description: 'The options of its variants; empty without.' },
  variantCount: { type: 'integer' },
  currentPrice: MoneySchema,
  currentPriceMax: {
    ...nullable(MoneySchema),
    description: 'With variants priced apart: the highest as paid now (a running offer takes the same share off each).',
  },
  stock: { type: 'integer', description: 'With variants: their total.' },
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

// ---- variants (decision 051)

export const VARIANT_LIMITS = {
  options: 3,
  optionName: 40,
  optionValue: 60,
  sku: 64,
  variantsPerProduct: 100,
} as const;

const OptionInput = obj({
  name: TextSchema(VARIANT_LIMITS.optionName),
  value: TextSchema(VARIANT_LIMITS.optionValue),
});

const variantFields = {
  options: {
    type: 'array',
    minItems: 1,
    maxItems: VARIANT_LIMITS.options,
    items: OptionInput,
    description:
      "One value per option, as [{name: 'Colour', value: 'Red'}, {name: 'Size', value: 'M'}]. The first variant sets the " +
      'product’s options; the others name the same options in the same order.',
  },
  price: {
    type: 'integer',
    minimum: 1,
    maximum: LIMITS.maxPriceMinor,
    description: "Minor units of the product's currency.",
  },
  stock: { type: 'integer', minimum: 0, maximum: LIMITS.maxStock },
  sku: { type: ['string', 'null'], minLength: 1, maxLength: VARIANT_LIMITS.sku, pattern: '^[A-Za-z0-9._/-]+$' },
  imageIndex: {
    type: ['integer', 'null'],
    minimum: 0,
    maximum: LIMITS.imagesPerProduct - 1,
    description: 'The product image (position, from 0) shown when this variant is chosen; null: the first.',
  },
  active: { type: 'boolean', description: 'false: kept, but not for sale.' },
} as const;

export const CreateVariantBody = obj(variantFields, ['options', 'price', 'stock']);
export const UpdateVariantBody = { ...obj(variantFields, []), minProperties: 1 } as const;

export const VariantSchema = obj({
  id: { type: 'string' },
  options: { type: 'array', items: obj({ name: { type: 'string' }, value: { type: 'string' } }) },
  label: { type: 'string', description: '"Colour: Red · Size: M"' },
  price: MoneySchema,
  stock: { type: 'integer' },
  sku: { type: ['string', 'null'] },
  imageIndex: { type: ['integer', 'null'] },
  active: { type: 'boolean' },
});

export const VariantListSchema = obj({
  optionNames: { type: 'array', items: { type: 'string' } },
  variants: { type: 'array', items: VariantSchema },
});
