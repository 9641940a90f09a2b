// Checkout and the order status machine:
//   awaiting_payment → paid → shipped → delivered, and awaiting_payment | paid → cancelled.
// Placing a checkout reserves stock at once (never below zero: the stock update is conditional
// and rows are locked in id order), creates one order per seller and clears the cart; payment is
// taken right after (charges.ts), and a checkout that stays unpaid for UNPAID_MINUTES is cancelled
// by a job.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Jobs } from '../../jobs/runner.ts';
import type { DB, OrdersTable, ShipmentStatus } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { readableCode } from '../../tokens.ts';
import { findAddress, createAddress, type AddressInput } from '../addresses/index.ts';
import { readCartLines } from '../cart/index.ts';
import { unitPriceOf } from '../cart/index.ts';
import { formatMoney } from '../../lib/money.ts';
import { findPaymentMethod, savePaymentMethod } from '../payments/index.ts';
import { attemptPayment, confirmOpenAttempt, hasPendingAttempt, PAYMENTS_RECONCILE_QUEUE, reconcilePayments, type ChargeCard, type PaymentOutcome } from './charges.ts';
import { enqueueOrderMail, orderMailTemplates } from './mails.ts';
import { buildQuote, groupTotal, ratesFor, type Quote } from './quote.ts';
import type { ExpectedTotalSchema, NewAddress, NewCard } from './schemas.ts';
import type { FromSchema } from '../../schemas.ts';

export type { PaymentOutcome } from './charges.ts';

export const UNPAID_MINUTES = 30;

export async function quoteCart(db: Kysely<DB>, userId: string, country: string): Promise<Quote> {
  const lines = await readCartLines(db, { userId });
  const rates = await ratesFor(db, [...new Set(lines.map((l) => l.shipping_profile_id))], country);
  return buildQuote(lines, rates, country);
}

export type PaymentChoice = { paymentMethodId: string } | { card: NewCard };

export type PlaceInput = {
  idempotencyKey: string;
  address: { addressId: string } | { address: NewAddress };
  payment: PaymentChoice;
  expectedTotal: FromSchema<typeof ExpectedTotalSchema>;
};

export const newOrderNumber = (): string => `SK-${readableCode(8)}`;

const isUniqueViolation = (error: unknown, constraint?: string) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505' &&
  (constraint === undefined || (error as { constraint?: string }).constraint === constraint);

/** Resolves the card to charge (tokenizing a new one first: nothing is written for a bad card). */
async function paymentToken(ctx: AppContext, userId: string, choice: PaymentChoice): Promise<{ token: ChargeCard; save?: () => Promise<void>; saveIn?: (trx: Kysely<DB>) => Promise<void> }> {
  if ('paymentMethodId' in choice) {
    const saved = await findPaymentMethod(ctx.db, userId, choice.paymentMethodId);
    if (!saved) throw new AppError('NOT_FOUND', { message: 'This saved card was not found.' });
    return { token: { token: saved.provider_token, brand: saved.brand, last4: saved.last4 } };
  }
  const { save, ...card } = choice.card;
  const tokenized = await ctx.payments.tokenize(card);
  return {
    token: { token: tokenized.token, brand: tokenized.brand, last4: tokenized.last4 },
    ...(save ? { saveIn: async (trx: Kysely<DB>) => void (await savePaymentMethod(trx, userId, tokenized)) } : {}),
  };
}

/**
 * Places the signed-in person's cart as one order per seller, then takes payment. The same
 * `idempotencyKey` again places and charges nothing: it answers the same checkout, after confirming
 * with the provider a payment a crash left without an outcome. `beforePlacing` runs only when a new
 * checkout is about to be placed (the route's rate limit: repeating a key does not count).
 */
export async function placeCheckout(ctx: AppContext, userId: string, input: PlaceInput, beforePlacing?: () => Promise<void>): Promise<{ checkoutId: string; payment: PaymentOutcome | null }> {
  const { db } = ctx;
  const existing = await db.selectFrom('checkouts').select('id').where('buyer_user_id', '=', userId).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
  if (existing) return { checkoutId: existing.id, payment: await confirmOpenAttempt(ctx, existing.id) };
  await beforePlacing?.();

  // Validate everything that needs no lock first.
  let shipTo: AddressInput;
  let saveAddress = false;
  if ('addressId' in input.address) {
    const saved = await findAddress(db, userId, input.address.addressId);
    if (!saved) throw new AppError('NOT_FOUND', { message: 'This saved address was not found.' });
    shipTo = { fullName: saved.full_name, line1: saved.line1, line2: saved.line2, city: saved.city, region: saved.region, postalCode: saved.postal_code, country: saved.country, phone: saved.phone };
  } else {
    const { save, ...address } = input.address.address;
    shipTo = address;
    saveAddress = save === true;
  }
  const payment = await paymentToken(ctx, userId, input.payment);

  let checkoutId: string;
  try {
    checkoutId = await db.transaction().execute(async (trx) => {
      // The account must still be active, and stays so until this commits: a deletion request takes
      // this row FOR UPDATE, so it waits for the order and then sees it as a blocker (decision 017).
      const buyer = await sql<{ status: string }>`select status from users where id = ${userId} for share`.execute(trx);
      if (buyer.rows[0]?.status !== 'active') throw new AppError('UNAUTHENTICATED');
      const wanted = await trx.selectFrom('cart_lines as l').innerJoin('carts as c', 'c.id', 'l.cart_id').select(['l.product_id']).where('c.user_id', '=', userId).execute();
      const ids = wanted.map((w) => w.product_id).sort();
      if (ids.length > 0) await sql`select id from products where id = any(${ids}::uuid[]) order by id for update`.execute(trx);
      const lines = await readCartLines(trx, { userId });
      const rates = await ratesFor(trx, [...new Set(lines.map((l) => l.shipping_profile_id))], shipTo.country);
      const quote = buildQuote(lines, rates, shipTo.country);
      const problem = quote.problems[0];
      if (problem) {
        const title = problem.productId ? lines.find((l) => l.product_id === problem.productId)?.title : undefined;
        const store = problem.storeId ? quote.groups.find((g) => g.storeId === problem.storeId)?.storeName : undefined;
        throw new AppError(problem.code, {
          ...(title ? { message: problem.code === 'OUT_OF_STOCK' ? `Not enough stock of "${title}".` : `"${title}" is no longer available.` } : {}),
          ...(store && problem.code === 'NOT_SHIPPABLE' ? { message: `${store} does not ship to this country.` } : {}),
        });
      }
      if (quote.totalMinor !== input.expectedTotal.amount || quote.currency !== input.expectedTotal.currency) throw new AppError('TOTAL_CHANGED');

      for (const line of [...lines].sort((a, b) => (a.product_id < b.product_id ? -1 : 1))) {
        const updated = await sql<{ id: string }>`
          update products set stock = stock - ${line.quantity}, sold_count = sold_count + ${line.quantity}, updated_at = now()
          where id = ${line.product_id} and stock >= ${line.quantity} returning id`.execute(trx);
        if (updated.rows.length === 0) throw new AppError('OUT_OF_STOCK', { message: `Not enough stock of "${line.title}".` });
      }

      const checkout = await trx.insertInto('checkouts')
        .values({ buyer_user_id: userId, idempotency_key: input.idempotencyKey, currency: quote.currency!, total_minor: quote.totalMinor })
        .returning('id').executeTakeFirstOrThrow();
      for (const group of quote.groups) {
        const order = await insertOrder(trx, {
          number: newOrderNumber(),
          checkout_id: checkout.id,
          buyer_user_id: userId,
          store_id: group.storeId,
          currency: group.currency,
          items_minor: group.itemsMinor,
          discount_minor: group.discountMinor,
          shipping_minor: group.shippingMinor!,
          total_minor: groupTotal(group),
          ship_full_name: shipTo.fullName.trim(),
          ship_line1: shipTo.line1.trim(),
          ship_line2: blank(shipTo.line2),
          ship_city: shipTo.city.trim(),
          ship_region: blank(shipTo.region),
          ship_postal_code: blank(shipTo.postalCode),
          ship_country: shipTo.country,
          ship_phone: blank(shipTo.phone),
          delivery_min_days: group.minDays,
          delivery_max_days: group.maxDays,
        });
        await trx.insertInto('order_items').values(group.lines.map((l, position) => ({
          order_id: order,
          position,
          product_id: l.product_id,
          title: l.title,
          quantity: l.quantity,
          unit_price_minor: unitPriceOf(l),
          list_price_minor: l.price_minor,
        }))).execute();
      }
      await trx.deleteFrom('cart_lines').where('cart_id', 'in', (eb) => eb.selectFrom('carts').select('id').where('user_id', '=', userId)).execute();
      if (saveAddress) await createAddress(trx, userId, shipTo);
      if (payment.saveIn) await payment.saveIn(trx);
      return checkout.id;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'checkouts_buyer_user_id_idempotency_key_key')) {
      const again = await db.selectFrom('checkouts').select('id').where('buyer_user_id', '=', userId).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirstOrThrow();
      return { checkoutId: again.id, payment: null };
    }
    throw error;
  }
  return { checkoutId, payment: await attemptPayment(ctx, checkoutId, payment.token) };
}

const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

async function insertOrder(trx: Kysely<DB>, values: Insertable<OrdersTable>): Promise<string> {
  // Order numbers are random (32^8); a collision just draws another.
  for (let attempt = 0; ; attempt++) {
    try {
      await sql`savepoint order_number`.execute(trx);
      const row = await trx.insertInto('orders').values(values).returning('id').executeTakeFirstOrThrow();
      await sql`release savepoint order_number`.execute(trx);
      return row.id;
    } catch (error) {
      if (attempt >= 5 || !isUniqueViolation(error, 'orders_number_key')) throw error;
      await sql`rollback to savepoint order_number`.execute(trx);
      values.number = newOrderNumber();
    }
  }
}

/** Pays a checkout that is still awaiting payment, with a saved or a new card. */
export async function payCheckout(ctx: AppContext, userId: string, checkoutId: string, choice: PaymentChoice): Promise<PaymentOutcome> {
  const checkout = await ctx.db.selectFrom('checkouts').select(['id', 'status']).where('id', '=', checkoutId).where('buyer_user_id', '=', userId).executeTakeFirst();
  if (!checkout) throw new AppError('NOT_FOUND');
  if (checkout.status !== 'awaiting_payment') throw new AppError('ORDER_STATE', { message: `This order is ${checkout.status === 'paid' ? 'already paid' : 'cancelled'}.` });
  const payment = await paymentToken(ctx, userId, choice);
  if (payment.saveIn) await ctx.db.transaction().execute(payment.saveIn);
  return attemptPayment(ctx, checkoutId, payment.token);
}

type CancelBy = 'buyer' | 'seller' | 'system';

/**
 * Cancels an order that has not shipped: stock goes back, a paid order is refunded, the buyer
 * gets a receipt. `scope` limits who may: the buyer's own orders or the seller's store's.
 */
export async function cancelOrder(ctx: AppContext, orderId: string, by: CancelBy, scope: { buyerUserId?: string; storeId?: string }): Promise<void> {
  const { db } = ctx;
  let query = db.selectFrom('orders').select(['id', 'status', 'checkout_id']).where('id', '=', orderId);
  if (scope.buyerUserId) query = query.where('buyer_user_id', '=', scope.buyerUserId);
  if (scope.storeId) query = query.where('store_id', '=', scope.storeId);
  const found = await query.executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND');

  const mailIds = await db.transaction().execute(async (trx) => {
    // The checkout first, as a payment attempt locks it, then the order: the two never wait on each
    // other crosswise, and no attempt starts or settles while this decides.
    await trx.selectFrom('checkouts').select('id').where('id', '=', found.checkout_id).forUpdate().execute();
    const before = await trx.selectFrom('orders').select('status').where('id', '=', orderId).forUpdate().executeTakeFirstOrThrow();
    // An attempt without an outcome may yet turn out charged: cancelling now would release stock the buyer paid for.
    if (before.status === 'awaiting_payment' && await hasPendingAttempt(trx, found.checkout_id)) {
      throw new AppError('PAYMENT_PENDING', { message: 'A payment for this order is being confirmed with the card issuer. It can be cancelled once that is settled, in a few minutes.' });
    }
    const order = before.status === 'awaiting_payment' || before.status === 'paid'
      ? await trx.updateTable('orders').set({ status: 'cancelled', cancelled_at: sql<Date>`now()`, cancelled_by: by }).where('id', '=', orderId)
        .returning(['id', 'number', 'checkout_id', 'buyer_user_id', 'store_id', 'total_minor', 'currency']).executeTakeFirstOrThrow()
      : undefined;
    if (!order) throw new AppError('ORDER_STATE', { message: 'Only orders that have not shipped can be cancelled.' });
    const items = await trx.selectFrom('order_items').select(['product_id', 'quantity']).where('order_id', '=', order.id).where('product_id', 'is not', null).orderBy('product_id').execute();
    for (const item of items) {
      await sql`update products set stock = stock + ${item.quantity}, sold_count = greatest(0, sold_count - ${item.quantity}), updated_at = now() where id = ${item.product_id}`.execute(trx);
    }
    let refunded = false;
    if (before.status === 'paid') {
      const paid = await trx.selectFrom('payments').select(['provider_reference', 'card_brand', 'card_last4'])
        .where('checkout_id', '=', order.checkout_id).where('status', '=', 'succeeded').orderBy('created_at', 'desc').executeTakeFirst();
      if (paid?.provider_reference) {
        const refund = await ctx.payments.refund({ reference: paid.provider_reference, amountMinor: order.total_minor, currency: order.currency });
        await trx.insertInto('payments').values({
          checkout_id: order.checkout_id, provider: ctx.payments.id, provider_reference: refund.reference, card_brand: paid.card_brand, card_last4: paid.card_last4,
          amount_minor: order.total_minor, currency: order.currency, status: 'refunded', failure_code: null,
        }).execute();
        refunded = true;
      }
    }
    // A checkout none of whose orders is left to pay is closed.
    await sql`update checkouts set status = 'cancelled' where id = ${order.checkout_id} and status = 'awaiting_payment'
      and not exists (select 1 from orders where checkout_id = ${order.checkout_id} and status <> 'cancelled')`.execute(trx);
    const store = await trx.selectFrom('stores').select('name').where('id', '=', order.store_id).executeTakeFirstOrThrow();
    return [await enqueueOrderMail(ctx, trx, order.buyer_user_id, 'order_receipts', orderMailTemplates.cancelled({
      number: order.number, storeName: store.name, by, refunded, total: formatMoney(order.total_minor, order.currency),
    }))];
  });
  await ctx.mail.dispatch(mailIds);
}

/** Normalised form of a tracking number: upper case, no spaces. */
export const normaliseTrackingNumber = (raw: string) => raw.replace(/\s+/g, '').toUpperCase();

/** The seller hands a paid order to a carrier. */
export async function shipOrder(ctx: AppContext, storeId: string, orderId: string, carrier: string, rawTrackingNumber: string): Promise<void> {
  const trackingNumber = normaliseTrackingNumber(rawTrackingNumber);
  if (!/^[A-Z0-9-]{6,40}$/.test(trackingNumber)) {
    throw new AppError('VALIDATION_FAILED', { details: [{ field: 'trackingNumber', message: '6 to 40 letters, digits or dashes' }] });
  }
  const { db } = ctx;
  const found = await db.selectFrom('orders').select('id').where('id', '=', orderId).where('store_id', '=', storeId).executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND');
  let mailIds: Array<string | null>;
  try {
    mailIds = await db.transaction().execute(async (trx) => {
      const shipped = await trx.updateTable('orders').set({ status: 'shipped', shipped_at: sql<Date>`now()` })
        .where('id', '=', orderId).where('status', '=', 'paid')
        .returning(['number', 'buyer_user_id', 'ship_country']).executeTakeFirst();
      if (!shipped) throw new AppError('ORDER_STATE', { message: 'Only paid orders that have not shipped yet can be marked shipped.' });
      const shipment = await trx.insertInto('shipments')
        .values({ order_id: orderId, tracking_number: trackingNumber, carrier: carrier.trim(), destination_country: shipped.ship_country, status: 'shipped' })
        .returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('tracking_events').values({ shipment_id: shipment.id, status: 'shipped' }).execute();
      const store = await trx.selectFrom('stores').select('name').where('id', '=', storeId).executeTakeFirstOrThrow();
      return [await enqueueOrderMail(ctx, trx, shipped.buyer_user_id, 'order_updates', orderMailTemplates.shipped({
        number: shipped.number, storeName: store.name, carrier: carrier.trim(), trackingNumber,
        trackUrl: `${ctx.config.publicUrl}/track/${encodeURIComponent(trackingNumber)}`,
      }))];
    });
  } catch (error) {
    if (isUniqueViolation(error, 'shipments_tracking_number_key')) throw new AppError('TRACKING_NUMBER_TAKEN');
    throw error;
  }
  await ctx.mail.dispatch(mailIds);
}

const PROGRESS: ShipmentStatus[] = ['shipped', 'in_transit', 'out_for_delivery', 'delivered'];

/** A carrier scan, entered by the seller. Statuses only move forward; "delivered" completes the order. */
export async function addTrackingEvent(ctx: AppContext, storeId: string, orderId: string, status: Exclude<ShipmentStatus, 'shipped'>): Promise<void> {
  const { db } = ctx;
  const mailIds = await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('orders as o').innerJoin('shipments as sh', 'sh.order_id', 'o.id').innerJoin('stores as s', 's.id', 'o.store_id')
      .select(['o.id', 'o.number', 'o.status', 'o.buyer_user_id', 'sh.id as shipment_id', 'sh.status as shipment_status', 's.name as store_name'])
      .where('o.id', '=', orderId).where('o.store_id', '=', storeId).forUpdate().executeTakeFirst();
    if (!row) {
      const exists = await trx.selectFrom('orders').select('id').where('id', '=', orderId).where('store_id', '=', storeId).executeTakeFirst();
      if (!exists) throw new AppError('NOT_FOUND');
      throw new AppError('ORDER_STATE', { message: 'Mark the order shipped first.' });
    }
    if (row.status !== 'shipped' || PROGRESS.indexOf(status) <= PROGRESS.indexOf(row.shipment_status)) {
      throw new AppError('ORDER_STATE', { message: `The parcel is already ${row.shipment_status.replaceAll('_', ' ')}.` });
    }
    await trx.updateTable('shipments').set({ status }).where('id', '=', row.shipment_id).execute();
    await trx.insertInto('tracking_events').values({ shipment_id: row.shipment_id, status }).execute();
    if (status !== 'delivered') return [];
    await trx.updateTable('orders').set({ status: 'delivered', delivered_at: sql<Date>`now()` }).where('id', '=', orderId).execute();
    return [await enqueueOrderMail(ctx, trx, row.buyer_user_id, 'order_updates', orderMailTemplates.delivered({
      number: row.number, storeName: row.store_name, orderUrl: `${ctx.config.publicUrl}/account/orders/${orderId}`,
    }))];
  });
  await ctx.mail.dispatch(mailIds);
}

/** Cancels checkouts left unpaid for UNPAID_MINUTES (the stock they held goes back). */
export async function expireUnpaidCheckouts(ctx: AppContext): Promise<number> {
  const stale = await ctx.db.selectFrom('orders as o').innerJoin('checkouts as c', 'c.id', 'o.checkout_id')
    .select('o.id')
    .where('c.status', '=', 'awaiting_payment')
    .where('c.created_at', '<', sql<Date>`now() - make_interval(mins => ${UNPAID_MINUTES})`)
    .where((eb) => eb.or([eb('c.paying_until', 'is', null), eb('c.paying_until', '<', sql<Date>`now()`)]))
    // A payment without an outcome is confirmed first (reconcilePayments): it may have charged.
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('payments as p').select('p.id').whereRef('p.checkout_id', '=', 'c.id').where('p.status', '=', 'pending'))))
    .where('o.status', '=', 'awaiting_payment')
    .limit(500)
    .execute();
  for (const order of stale) {
    try {
      await cancelOrder(ctx, order.id, 'system', {});
    } catch (error) {
      if (!(error instanceof AppError && (error.code === 'ORDER_STATE' || error.code === 'PAYMENT_PENDING'))) throw error;
    }
  }
  return stale.length;
}

export const ORDERS_EXPIRE_QUEUE = 'orders.expire-unpaid';

export async function registerOrderJobs(ctx: AppContext, jobs: Jobs): Promise<void> {
  await jobs.work(ORDERS_EXPIRE_QUEUE, async () => {
    await expireUnpaidCheckouts(ctx);
  });
  await jobs.schedule(ORDERS_EXPIRE_QUEUE, '* * * * *');
  await jobs.work(PAYMENTS_RECONCILE_QUEUE, async () => {
    await reconcilePayments(ctx);
  });
  await jobs.schedule(PAYMENTS_RECONCILE_QUEUE, '* * * * *');
}
