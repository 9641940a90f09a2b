// The returns API's shapes, declared once: routes take their types from them, the web app its
// types from the OpenAPI document made of them.
import {
  DISPUTE_STATUSES,
  RETURN_EVENT_KINDS,
  RETURN_REASONS,
  RETURN_STATUSES,
  REFUND_STATUSES,
} from '../../db/types.ts';
import { MoneySchema } from '../../lib/money.ts';
import { DateTimeSchema, nullable, obj, TextSchema } from '../../schemas.ts';

export const RETURN_LIMITS = {
  photos: 5,
  photoBytes: 5 * 1024 * 1024,
  photosPerHour: 30,
  comment: 2000,
  reason: 1000,
  defaultWindowDays: 15,
  defaultResponseDays: 5,
};

const nullableDate = nullable(DateTimeSchema);
const nullableString = { type: ['string', 'null'] } as const;

export const ReturnPhotoSchema = obj({
  id: { type: 'string' },
  url: { type: 'string' },
  contentType: { type: 'string' },
  size: { type: 'integer' },
});

export const ReturnTrackingNumberSchema = { type: 'string', minLength: 6, maxLength: 60 } as const;

export const NewReturnSchema = obj(
  {
    items: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: obj({
        position: { type: 'integer', minimum: 0, maximum: 10_000 },
        quantity: { type: 'integer', minimum: 1, maximum: 1000 },
      }),
    },
    reason: { type: 'string', enum: RETURN_REASONS },
    comment: nullable(TextSchema(RETURN_LIMITS.comment)),
  },
  ['items', 'reason'],
);

export const AcceptReturnSchema = obj(
  {
    mode: { type: 'string', enum: ['refund', 'return'] },
    carrier: TextSchema(60),
    trackingNumber: ReturnTrackingNumberSchema,
  },
  ['mode'],
);

export const OfferSchema = obj({ amount: { type: 'integer', minimum: 1, maximum: 100_000_000 } });
export const RefuseSchema = obj({ reason: TextSchema(RETURN_LIMITS.reason) });
export const EscalateSchema = obj({ statement: nullable(TextSchema(RETURN_LIMITS.comment)) }, []);

export const ReturnPolicySchema = obj({
  windowDays: { type: 'integer', minimum: 15, maximum: 365 },
  responseDays: { type: 'integer', minimum: 2, maximum: 14 },
});

export const ReturnSchema = obj({
  id: { type: 'string' },
  number: { type: 'string' },
  orderId: { type: 'string' },
  orderNumber: { type: 'string' },
  status: { type: 'string', enum: RETURN_STATUSES },
  reason: { type: 'string', enum: RETURN_REASONS },
  comment: nullableString,
  items: {
    type: 'array',
    items: obj({ position: { type: 'integer' }, title: { type: 'string' }, quantity: { type: 'integer' } }),
  },
  requested: MoneySchema,
  offered: nullable(MoneySchema),
  refusalReason: nullableString,
  returnParcel: nullable(
    obj({ carrier: { type: 'string' }, trackingNumber: { type: 'string' }, receivedAt: nullableDate }),
  ),
  respondBy: DateTimeSchema,
  createdAt: DateTimeSchema,
  closedAt: nullableDate,
  photos: { type: 'array', items: obj({ id: { type: 'string' }, url: { type: 'string' } }) },
  refund: nullable(
    obj({
      amount: MoneySchema,
      status: { type: 'string', enum: REFUND_STATUSES },
      attempt: { type: 'integer' },
      failureCode: nullableString,
      nextAttemptAt: nullableDate,
      succeededAt: nullableDate,
    }),
  ),
  dispute: nullable(
    obj({
      status: { type: 'string', enum: DISPUTE_STATUSES },
      openedBy: { type: 'string', enum: ['buyer', 'deadline'] },
      openedAt: DateTimeSchema,
      dueAt: DateTimeSchema,
    }),
  ),
  events: {
    type: 'array',
    items: obj({
      kind: { type: 'string', enum: RETURN_EVENT_KINDS },
      amount: nullable(MoneySchema),
      at: DateTimeSchema,
    }),
  },
});

export const ReturnListSchema = obj({ items: { type: 'array', items: ReturnSchema } });

export const OrderReturnsSchema = obj({
  canRequest: { type: 'boolean' },
  windowClosesAt: nullableDate,
  returnable: {
    type: 'array',
    items: obj({
      position: { type: 'integer' },
      title: { type: 'string' },
      quantity: { type: 'integer' },
      unitPrice: MoneySchema,
    }),
  },
  returns: { type: 'array', items: ReturnSchema },
});

export const ReturnParcelSchema = obj({
  trackingNumber: { type: 'string' },
  carrier: { type: 'string' },
  status: { type: 'string', enum: ['on_its_way_back', 'received'] },
  events: { type: 'array', items: obj({ status: { type: 'string' }, at: DateTimeSchema }) },
});
