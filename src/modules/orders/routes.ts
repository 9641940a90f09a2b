// Buyer side: checkout (preview, place, pay again), orders (list, one, cancel). Signed in only;
// another account's checkout or order answers 404, exactly like one that does not exist.
import { AppError, ERRORS } from '../../errors.ts';
import {
  NoBodySchema,
  errorResponses,
  obj,
  UuidSchema as Uuid,
  CountryCodeSchema,
  type FromSchema,
  type RouteApp,
} from '../../schemas.ts';
import { requireUser } from '../auth/index.ts';
import { findAddress } from '../addresses/index.ts';
import { money } from '../../lib/money.ts';
import { productImageUrl } from '../catalog/index.ts';
import { problemOf, unitPriceOf } from '../cart/index.ts';
import { findOrder, listOrders, orderView } from './repository.ts';
import { cancelOrder } from './fulfilment.ts';
import { payCheckout, type PaymentChoice, type PaymentOutcome } from './payment.ts';
import { placeCheckout, quoteCart, UNPAID_MINUTES } from './checkout.ts';
import { groupTotal, type Quote } from './quote.ts';
import {
  CheckoutSchema,
  DisplaySchema,
  ExpectedTotalSchema,
  NewAddressSchema,
  NewCardSchema,
  OrderListQuerySchema,
  OrderListSchema,
  OrderSchema,
  QuoteSchema,
} from './schemas.ts';

/** How a request pays: a saved card or a new one (the body of a payment, part of a checkout's). */
const PaymentBodySchema = obj({ paymentMethodId: Uuid, card: NewCardSchema }, []);

function paymentChoice(body: FromSchema<typeof PaymentBodySchema>): PaymentChoice {
  if ((body.paymentMethodId === undefined) === (body.card === undefined)) {
    throw new AppError('VALIDATION_FAILED', {
      details: [
        { field: 'paymentMethodId', message: 'give either a saved card (paymentMethodId) or a new card (card)' },
      ],
    });
  }
  return body.paymentMethodId !== undefined ? { paymentMethodId: body.paymentMethodId } : { card: body.card! };
}

export function quoteView(quote: Quote) {
  const m = (amount: number, currency: string) => money(amount, currency);
  return {
    country: quote.country,
    groups: quote.groups.map((g) => ({
      store: { id: g.storeId, name: g.storeName },
      lines: g.lines.map((l) => {
        const unit = unitPriceOf(l);
        return {
          productId: l.product_id,
          variantId: l.variant_id,
          variantLabel: l.variant_label,
          title: l.title,
          imageUrl: productImageUrl(l.product_id, l.image_index),
          quantity: l.quantity,
          unitPrice: m(unit, l.currency),
          listPrice: unit < l.price_minor ? m(l.price_minor, l.currency) : null,
          lineTotal: m(unit * l.quantity, l.currency),
          problem: problemOf(l),
        };
      }),
      itemsTotal: m(g.itemsMinor, g.currency),
      discount: m(g.discountMinor, g.currency),
      shipping: g.shippingMinor === null ? null : m(g.shippingMinor, g.currency),
      delivery: g.shippingMinor === null ? null : { minDays: g.minDays, maxDays: g.maxDays },
      total: m(groupTotal(g), g.currency),
    })),
    total: quote.currency ? m(quote.totalMinor, quote.currency) : null,
    problems: quote.problems.map((p) => ({
      code: p.code,
      message: ERRORS[p.code].message,
      productId: p.productId ?? null,
      storeId: p.storeId ?? null,
    })),
    canPlace: quote.problems.length === 0,
  };
}

function paymentView(outcome: PaymentOutcome | null) {
  if (!outcome) return null;
  if (outcome.status === 'succeeded') return { status: outcome.status, error: null };
  return { status: outcome.status, error: { code: outcome.code, message: ERRORS[outcome.code].message } };
}

/** Checkouts placed, and payments tried, per account and hour. */
const CHECKOUT_LIMIT = { max: 30, windowSeconds: 3600 } as const;

export async function orderRoutes(app: RouteApp): Promise<void> {
  const { db, rateLimiter } = app.souk;

  async function checkoutView(userId: string, checkoutId: string, outcome: PaymentOutcome | null) {
    const checkout = await db
      .selectFrom('checkouts')
      .select(['id', 'status', 'total_minor', 'currency', 'payment_attempts', 'created_at'])
      .select(({ exists, selectFrom }) =>
        exists(
          selectFrom('payments as p')
            .select('p.id')
            .whereRef('p.checkout_id', '=', 'checkouts.id')
            .where('p.status', '=', 'pending'),
        ).as('payment_pending'),
      )
      .where('id', '=', checkoutId)
      .where('buyer_user_id', '=', userId)
      .executeTakeFirst();
    if (!checkout) throw new AppError('NOT_FOUND');
    const { rows } = await listOrders(db, { checkoutId, buyerUserId: userId }, { page: 1, pageSize: 100 });
    return {
      checkout: {
        id: checkout.id,
        status: checkout.status,
        total: money(checkout.total_minor, checkout.currency),
        paymentAttempts: checkout.payment_attempts,
        paymentPending: Boolean(checkout.payment_pending),
        payBefore:
          checkout.status === 'awaiting_payment'
            ? new Date(checkout.created_at.getTime() + UNPAID_MINUTES * 60_000).toISOString()
            : null,
      },
      orders: rows.map((r) => orderView(r, 'buyer')),
      payment: paymentView(outcome),
    };
  }

  app.get(
    '/api/checkout',
    {
      onRequest: requireUser,
      schema: {
        tags: ['checkout'],
        summary:
          "What the signed-in person's cart costs delivered to a saved address or a country: one order per seller.",
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { country: CountryCodeSchema, addressId: Uuid },
        },
        response: { 200: QuoteSchema, ...errorResponses },
      },
    },
    async (request) => {
      let country = request.query.country ?? request.user.country ?? 'US';
      if (request.query.addressId) {
        const address = await findAddress(db, request.user.id, request.query.addressId);
        if (!address) throw new AppError('NOT_FOUND');
        country = address.country;
      }
      return quoteView(await quoteCart(db, request.user.id, country));
    },
  );

  app.post(
    '/api/checkout',
    {
      onRequest: requireUser,
      schema: {
        tags: ['checkout'],
        summary:
          'Place the cart as one order per seller and pay. Repeating the same idempotencyKey returns the same checkout.',
        description:
          'Give a saved address (addressId) or a new one (address), and a saved card (paymentMethodId) or a new card (card). ' +
          'expectedTotal is the total the buyer saw; if prices or shipping changed since, the answer is 409 TOTAL_CHANGED and nothing is ordered. ' +
          'When the payment fails the orders stay "awaiting_payment" for 30 minutes: pay again with POST /api/checkouts/{id}/pay. ' +
          'When the provider\'s answer did not come, payment.status is "pending" (PAYMENT_PENDING): it is confirmed with the provider within minutes. ' +
          'Repeating an idempotencyKey (after a lost answer, say) places and charges nothing, and does not count against the rate limit. ' +
          'display names the currency the buyer saw prices in and the rate set (GET /api/currencies setId) that converted them: each order records the rates and its total converted with them; ' +
          "the charge stays in the seller's currency. An unknown set answers 400 RATE_SET_UNKNOWN, a set replaced and older than the stale limit 409 RATES_STALE; nothing is ordered. Without display nothing is converted.",
        body: obj(
          {
            idempotencyKey: Uuid,
            addressId: Uuid,
            address: NewAddressSchema,
            ...PaymentBodySchema.properties,
            expectedTotal: ExpectedTotalSchema,
            display: DisplaySchema,
          },
          ['idempotencyKey', 'expectedTotal'],
        ),
        response: { 201: CheckoutSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if ((body.addressId === undefined) === (body.address === undefined)) {
        throw new AppError('VALIDATION_FAILED', {
          details: [{ field: 'addressId', message: 'give either a saved address (addressId) or a new one (address)' }],
        });
      }
      const payment = paymentChoice(body);
      const { checkoutId, payment: outcome } = await placeCheckout(
        app.souk,
        request.user.id,
        {
          idempotencyKey: body.idempotencyKey,
          address: body.addressId !== undefined ? { addressId: body.addressId } : { address: body.address! },
          payment,
          expectedTotal: body.expectedTotal,
          ...(body.display ? { display: body.display } : {}),
        },
        () => rateLimiter.consume(`checkout:user:${request.user.id}`, CHECKOUT_LIMIT),
      );
      reply.code(201);
      return checkoutView(request.user.id, checkoutId, outcome);
    },
  );

  app.get(
    '/api/checkouts/:id',
    {
      onRequest: requireUser,
      schema: {
        tags: ['checkout'],
        summary: 'A checkout with its orders.',
        params: obj({ id: Uuid }),
        response: { 200: CheckoutSchema, ...errorResponses },
      },
    },
    (request) => checkoutView(request.user.id, request.params.id, null),
  );

  app.post(
    '/api/checkouts/:id/pay',
    {
      onRequest: requireUser,
      schema: {
        tags: ['checkout'],
        summary: 'Pay a checkout that is awaiting payment (after a declined card or a passing error).',
        description:
          'A payment of this checkout still being confirmed answers 409 PAYMENT_PENDING and charges nothing; ' +
          'one whose answer was lost is first confirmed with the provider: if it went through, the checkout is paid and this card is not charged.',
        params: obj({ id: Uuid }),
        body: PaymentBodySchema,
        response: { 200: CheckoutSchema, ...errorResponses },
      },
    },
    async (request) => {
      const choice = paymentChoice(request.body);
      await rateLimiter.consume(`checkout-pay:user:${request.user.id}`, CHECKOUT_LIMIT);
      const outcome = await payCheckout(app.souk, request.user.id, request.params.id, choice);
      if (outcome.status !== 'succeeded') throw new AppError(outcome.code);
      return checkoutView(request.user.id, request.params.id, outcome);
    },
  );

  app.get(
    '/api/orders',
    {
      onRequest: requireUser,
      schema: {
        tags: ['orders'],
        summary: "The signed-in person's orders, newest first.",
        querystring: OrderListQuerySchema,
        response: { 200: OrderListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, status } = request.query;
      const { rows, total } = await listOrders(
        db,
        { buyerUserId: request.user.id },
        { page, pageSize, ...(status ? { status } : {}) },
      );
      return { items: rows.map((r) => orderView(r, 'buyer')), total, page, pageSize };
    },
  );

  app.get(
    '/api/orders/:id',
    {
      onRequest: requireUser,
      schema: {
        tags: ['orders'],
        summary: 'One of your orders.',
        params: obj({ id: Uuid }),
        response: { 200: OrderSchema, ...errorResponses },
      },
    },
    async (request) => {
      const row = await findOrder(db, request.params.id, { buyerUserId: request.user.id });
      if (!row) throw new AppError('NOT_FOUND');
      return orderView(row, 'buyer');
    },
  );

  app.post(
    '/api/orders/:id/cancel',
    {
      onRequest: requireUser,
      schema: {
        tags: ['orders'],
        summary: 'Cancel one of your orders before it ships. A paid order is refunded.',
        params: obj({ id: Uuid }),
        body: NoBodySchema,
        response: { 200: OrderSchema, ...errorResponses },
      },
    },
    async (request) => {
      await cancelOrder(app.souk, request.params.id, 'buyer', { buyerUserId: request.user.id });
      const row = await findOrder(db, request.params.id, { buyerUserId: request.user.id });
      return orderView(row!, 'buyer');
    },
  );
}
