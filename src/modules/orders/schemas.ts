// Response schemas of orders, checkouts and tracking (also the OpenAPI documentation).
import { CHECKOUT_STATUSES, ORDER_CANCELLERS, ORDER_STATUSES, SHIPMENT_STATUSES } from '../../db/types.ts';
import { MoneySchema } from '../../lib/money.ts';
import { MAX_ORDER_MINOR } from './quote.ts';
import { AddressInputSchema } from '../addresses/index.ts';
import { CardInputSchema } from '../payments/index.ts';
import {
  nullable,
  obj,
  CurrencyCodeSchema,
  UuidSchema,
  DateTimeSchema,
  PageQuery,
  type FromSchema,
} from '../../schemas.ts';
const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
const nullableMoney = nullable(MoneySchema);

const EventSchema = obj({ status: { type: 'string', enum: SHIPMENT_STATUSES }, at: DateTimeSchema });

/** A carrier's tracking number as written on a label; the order keeps it normalised (service.ts). */
export const TrackingNumberSchema = (minLength: number) =>
  ({ type: 'string', minLength, maxLength: 60, pattern: '^[A-Za-z0-9 -]+$' }) as const;

export const OrderSchema = obj({
  id: str,
  number: str,
  checkoutId: str,
  status: { type: 'string', enum: ORDER_STATUSES },
  store: obj({ id: str, name: str }),
  items: {
    type: 'array',
    items: obj({
      productId: nullableStr,
      variantId: {
        ...nullableStr,
        description: 'null for a product without options, or when the variant was deleted since.',
      },
      variantLabel: { ...nullableStr, description: 'The variant\'s options when ordered, as "Colour: Red · Size: M".' },
      title: str,
      imageUrl: nullableStr,
      quantity: { type: 'integer' },
      unitPrice: MoneySchema,
      listPrice: nullableMoney,
      lineTotal: MoneySchema,
    }),
  },
  itemsTotal: MoneySchema,
  discount: MoneySchema,
  shipping: MoneySchema,
  total: MoneySchema,
  shipTo: obj({
    fullName: str,
    line1: str,
    line2: nullableStr,
    city: str,
    region: nullableStr,
    postalCode: nullableStr,
    country: str,
    phone: nullableStr,
  }),
  delivery: obj({ minDays: { type: 'integer' }, maxDays: { type: 'integer' } }),
  placedAt: DateTimeSchema,
  paidAt: nullableDateTime,
  shippedAt: nullableDateTime,
  deliveredAt: nullableDateTime,
  cancelledAt: nullableDateTime,
  cancelledBy: { type: ['string', 'null'], enum: [...ORDER_CANCELLERS, null] },
  shipment: nullable(
    obj({
      trackingNumber: str,
      carrier: str,
      status: { type: 'string', enum: SHIPMENT_STATUSES },
      events: { type: 'array', items: EventSchema },
    }),
  ),
  canCancel: { type: 'boolean' },
  canShip: { type: 'boolean' },
  converted: {
    ...nullable(
      obj({
        total: MoneySchema,
        rateSetId: str,
        rate: obj({
          from: obj({ currency: str, rate: str }),
          to: obj({ currency: str, rate: str }),
          crossRate: {
            ...str,
            description: 'Units of `to` one unit of `from` buys, to 6 significant digits (for reading).',
          },
        }),
        ratesAsOf: { type: 'string', format: 'date' },
      }),
    ),
    description:
      "The total in the currency the buyer saw at checkout, converted with the rate set named (both currencies' rates against its base, as decimals, and the set's day); null when nothing was converted. The charge is `total`.",
  },
});

/** The query of an order list, for buyers and sellers alike. */
export const OrderListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { ...PageQuery(50), status: { type: 'string', enum: ORDER_STATUSES } },
} as const;

export const OrderListSchema = obj({
  items: { type: 'array', items: OrderSchema },
  total: { type: 'integer' },
  page: { type: 'integer' },
  pageSize: { type: 'integer' },
});

export const CheckoutSchema = obj({
  checkout: obj({
    id: str,
    status: { type: 'string', enum: CHECKOUT_STATUSES },
    total: MoneySchema,
    paymentAttempts: { type: 'integer' },
    paymentPending: {
      type: 'boolean',
      description:
        "A payment attempt is waiting for the provider's answer, or being confirmed with the provider: do not pay again.",
    },
    payBefore: nullableDateTime,
  }),
  orders: { type: 'array', items: OrderSchema },
  payment: {
    ...nullable(
      obj({
        status: { type: 'string', enum: ['succeeded', 'declined', 'retry', 'pending'] },
        error: nullable(obj({ code: str, message: str })),
      }),
    ),
    description: 'The outcome of the payment attempted by this request; null when none was.',
  },
});

const QuoteLine = obj({
  productId: str,
  variantId: nullableStr,
  variantLabel: nullableStr,
  title: str,
  imageUrl: str,
  quantity: { type: 'integer' },
  unitPrice: MoneySchema,
  listPrice: nullableMoney,
  lineTotal: MoneySchema,
  problem: { type: ['string', 'null'] },
});

export const QuoteSchema = obj({
  country: str,
  groups: {
    type: 'array',
    items: obj({
      store: obj({ id: str, name: str }),
      lines: { type: 'array', items: QuoteLine },
      itemsTotal: MoneySchema,
      discount: MoneySchema,
      shipping: nullableMoney,
      delivery: nullable(obj({ minDays: { type: 'integer' }, maxDays: { type: 'integer' } })),
      total: MoneySchema,
    }),
  },
  total: nullableMoney,
  problems: { type: 'array', items: obj({ code: str, message: str, productId: nullableStr, storeId: nullableStr }) },
  canPlace: { type: 'boolean' },
});

export const TrackingSchema = obj({
  trackingNumber: str,
  carrier: str,
  status: { type: 'string', enum: SHIPMENT_STATUSES },
  destinationCountry: str,
  shippedAt: nullableDateTime,
  estimatedDelivery: nullable(
    obj({ from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } }),
  ),
  events: { type: 'array', items: EventSchema },
});

const withSave = <T extends { properties: object }>(schema: T) =>
  ({
    ...schema,
    properties: {
      ...schema.properties,
      save: { type: 'boolean', description: 'Also keep it in the account for next time.' },
    },
  }) as const;

/** The total the buyer saw, as a request sends it back: no larger than an order can hold. */
export const ExpectedTotalSchema = obj({
  amount: { type: 'integer', minimum: 0, maximum: MAX_ORDER_MINOR },
  currency: CurrencyCodeSchema,
});

/** The currency a buyer saw prices in at checkout, and the rate set that converted them. */
export const DisplaySchema = obj({
  currency: CurrencyCodeSchema,
  rateSetId: UuidSchema,
});

export const NewAddressSchema = withSave(AddressInputSchema);
export const NewCardSchema = withSave(CardInputSchema);
/** An address given at checkout, to keep in the account too when `save` is true. */
export type NewAddress = FromSchema<typeof NewAddressSchema>;
/** A card given at checkout or when paying again, to keep in the account too when `save` is true. */
export type NewCard = FromSchema<typeof NewCardSchema>;
