// The order status machine after payment:
//   awaiting_payment → paid → shipped → delivered, and awaiting_payment | paid → cancelled.
// Cancelling (buyer, seller or the unpaid-checkout job), shipping with a tracking number, carrier
// scans.
import { sql, type NotNull } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { ShipmentStatus } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { nameOfStore, readStoreName, returnStock } from '../catalog/index.ts';
import { refundNow } from '../payments/index.ts';
import { hasPendingAttempt } from './charges.ts';
import { isUniqueViolation } from './repository.ts';
import { enqueueOrderMail, ORDER_TOTAL_COLUMNS, orderMailTemplates, type OrderTotal } from './mails.ts';

type CancelBy = 'buyer' | 'seller' | 'system';

/**
 * Cancels an order that has not shipped: stock goes back, a paid order is refunded, the buyer
 * gets a receipt. `scope` limits who may: the buyer's own orders or the seller's store's.
 */
export async function cancelOrder(
  ctx: AppContext,
  orderId: string,
  by: CancelBy,
  scope: { buyerUserId?: string; storeId?: string },
): Promise<void> {
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
    const before = await trx
      .selectFrom('orders')
      .select('status')
      .where('id', '=', orderId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    // An attempt without an outcome may yet turn out charged: cancelling now would release stock the buyer paid for.
    if (before.status === 'awaiting_payment' && (await hasPendingAttempt(trx, found.checkout_id))) {
      throw new AppError('PAYMENT_PENDING', {
        message:
          'A payment for this order is being confirmed with the card issuer. It can be cancelled once that is settled, in a few minutes.',
      });
    }
    const order =
      before.status === 'awaiting_payment' || before.status === 'paid'
        ? await trx
            .updateTable('orders')
            .set({ status: 'cancelled', cancelled_at: sql<Date>`now()`, cancelled_by: by })
            .where('id', '=', orderId)
            .returning(['id', 'number', 'checkout_id', 'buyer_user_id', 'store_id', 'total_minor', 'currency'])
            .executeTakeFirstOrThrow()
        : undefined;
    if (!order) throw new AppError('ORDER_STATE', { message: 'Only orders that have not shipped can be cancelled.' });
    const items = await trx
      .selectFrom('order_items')
      .select(['product_id', 'variant_id', 'variant_label', 'quantity'])
      .where('order_id', '=', order.id)
      .where('product_id', 'is not', null)
      .$narrowType<{ product_id: NotNull }>()
      .orderBy('product_id')
      .execute();
    for (const item of items) {
      // A variant line whose variant was deleted since (variant_id set null, its label kept) goes back nowhere.
      const gone = item.variant_id === null && item.variant_label !== null;
      await returnStock(trx, item.product_id, { id: item.variant_id, gone }, item.quantity);
    }
    let refunded = false;
    if (before.status === 'paid') {
      const paid = await trx
        .selectFrom('payments')
        .select(['provider_reference', 'card_brand', 'card_last4'])
        .where('checkout_id', '=', order.checkout_id)
        .where('status', '=', 'succeeded')
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      if (paid?.provider_reference) {
        const refund = await refundNow(
          ctx.payments,
          { chargeReference: paid.provider_reference, amountMinor: order.total_minor, currency: order.currency },
          `cancel:${order.id}`,
        );
        await trx
          .insertInto('payments')
          .values({
            checkout_id: order.checkout_id,
            provider: ctx.payments.id,
            provider_reference: refund.reference,
            card_brand: paid.card_brand,
            card_last4: paid.card_last4,
            amount_minor: order.total_minor,
            currency: order.currency,
            status: 'refunded',
            failure_code: null,
          })
          .execute();
        refunded = true;
      }
    }
    // A checkout none of whose orders is left to pay is closed.
    await sql`update checkouts set status = 'cancelled' where id = ${order.checkout_id} and status = 'awaiting_payment'
      and not exists (select 1 from orders where checkout_id = ${order.checkout_id} and status <> 'cancelled')`.execute(
      trx,
    );
    const storeName = await readStoreName(trx, order.store_id);
    // The refund is in the seller's currency; the mail shows beside it what the buyer saw at checkout.
    const { rows: totals } =
      await sql<OrderTotal>`select ${ORDER_TOTAL_COLUMNS} from orders o where o.id = ${order.id}`.execute(trx);
    return [
      await enqueueOrderMail(ctx, trx, order.buyer_user_id, 'order_receipts', (language) =>
        orderMailTemplates.cancelled(language, {
          number: order.number,
          storeName,
          by,
          refunded,
          total: totals[0]!,
        }),
      ),
    ];
  });
  await ctx.mail.dispatch(mailIds);
}

/** Normalised form of a tracking number: upper case, no spaces. */
export const normaliseTrackingNumber = (raw: string) => raw.replace(/\s+/g, '').toUpperCase();

/** The seller hands a paid order to a carrier. */
export async function shipOrder(
  ctx: AppContext,
  storeId: string,
  orderId: string,
  carrier: string,
  rawTrackingNumber: string,
): Promise<void> {
  const trackingNumber = normaliseTrackingNumber(rawTrackingNumber);
  if (!/^[A-Z0-9-]{6,40}$/.test(trackingNumber)) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'trackingNumber', message: '6 to 40 letters, digits or dashes' }],
    });
  }
  const { db } = ctx;
  const found = await db
    .selectFrom('orders')
    .select('id')
    .where('id', '=', orderId)
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND');
  let mailIds: Array<string | null>;
  try {
    mailIds = await db.transaction().execute(async (trx) => {
      const shipped = await trx
        .updateTable('orders')
        .set({ status: 'shipped', shipped_at: sql<Date>`now()` })
        .where('id', '=', orderId)
        .where('status', '=', 'paid')
        .returning(['number', 'buyer_user_id', 'ship_country'])
        .executeTakeFirst();
      if (!shipped)
        throw new AppError('ORDER_STATE', {
          message: 'Only paid orders that have not shipped yet can be marked shipped.',
        });
      const shipment = await trx
        .insertInto('shipments')
        .values({
          order_id: orderId,
          tracking_number: trackingNumber,
          carrier: carrier.trim(),
          destination_country: shipped.ship_country,
          status: 'shipped',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('tracking_events').values({ shipment_id: shipment.id, status: 'shipped' }).execute();
      const storeName = await readStoreName(trx, storeId);
      return [
        await enqueueOrderMail(ctx, trx, shipped.buyer_user_id, 'order_updates', (language) =>
          orderMailTemplates.shipped(language, {
            number: shipped.number,
            storeName,
            carrier: carrier.trim(),
            trackingNumber,
            trackUrl: `${ctx.config.publicUrl}/track/${encodeURIComponent(trackingNumber)}`,
          }),
        ),
      ];
    });
  } catch (error) {
    if (isUniqueViolation(error, 'shipments_tracking_number_key')) throw new AppError('TRACKING_NUMBER_TAKEN');
    throw error;
  }
  await ctx.mail.dispatch(mailIds);
}

const PROGRESS: ShipmentStatus[] = ['shipped', 'in_transit', 'out_for_delivery', 'delivered'];

/** A carrier scan, entered by the seller. Statuses only move forward; "delivered" completes the order. */
export async function addTrackingEvent(
  ctx: AppContext,
  storeId: string,
  orderId: string,
  status: Exclude<ShipmentStatus, 'shipped'>,
): Promise<void> {
  const { db } = ctx;
  const mailIds = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('orders as o')
      .innerJoin('shipments as sh', 'sh.order_id', 'o.id')
      .select((eb) => [
        'o.id',
        'o.number',
        'o.status',
        'o.buyer_user_id',
        'sh.id as shipment_id',
        'sh.status as shipment_status',
        nameOfStore(eb.ref('o.store_id')).as('store_name'),
      ])
      .where('o.id', '=', orderId)
      .where('o.store_id', '=', storeId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) {
      const exists = await trx
        .selectFrom('orders')
        .select('id')
        .where('id', '=', orderId)
        .where('store_id', '=', storeId)
        .executeTakeFirst();
      if (!exists) throw new AppError('NOT_FOUND');
      throw new AppError('ORDER_STATE', { message: 'Mark the order shipped first.' });
    }
    if (row.status !== 'shipped' || PROGRESS.indexOf(status) <= PROGRESS.indexOf(row.shipment_status)) {
      throw new AppError('ORDER_STATE', {
        message: `The parcel is already ${row.shipment_status.replaceAll('_', ' ')}.`,
      });
    }
    await trx.updateTable('shipments').set({ status }).where('id', '=', row.shipment_id).execute();
    await trx.insertInto('tracking_events').values({ shipment_id: row.shipment_id, status }).execute();
    if (status !== 'delivered') return [];
    await trx
      .updateTable('orders')
      .set({ status: 'delivered', delivered_at: sql<Date>`now()` })
      .where('id', '=', orderId)
      .execute();
    return [
      await enqueueOrderMail(ctx, trx, row.buyer_user_id, 'order_updates', (language) =>
        orderMailTemplates.delivered(language, {
          number: row.number,
          storeName: row.store_name,
          orderUrl: `${ctx.config.publicUrl}/account/orders/${orderId}`,
        }),
      ),
    ];
  });
  await ctx.mail.dispatch(mailIds);
}

/** Cancels checkouts left unpaid for UNPAID_MINUTES (the stock they held goes back). */
