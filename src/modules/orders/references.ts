// What posts, messages and support tickets may know of orders: whether an order is the person's, whether a buyer received a product (to review or
// answer about it), a buyer's order and its store (to write to the store about it), an order's
// number (in a message mail). Pieces of the caller's statement where it has one.
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.ts';

/** Whether the person received this product in an order that was delivered. */
export async function hasReceived(db: Kysely<DB>, userId: string, productId: string): Promise<boolean> {
  const row = await db
    .selectFrom('orders as o')
    .innerJoin('order_items as i', 'i.order_id', 'o.id')
    .select(sql`1`.as('one'))
    .where('o.buyer_user_id', '=', userId)
    .where('o.status', '=', 'delivered')
    .where('i.product_id', '=', productId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The order (id and store) if it is the buyer's, as a derived table for the caller's `from`. */
export const orderOfBuyer = (orderId: string, buyerUserId: string): RawBuilder<{ id: string; store_id: string }> =>
  sql<{
    id: string;
    store_id: string;
  }>`(select id, store_id from orders where id = ${orderId} and buyer_user_id = ${buyerUserId})`;

/** The order's number (null for no order), as a subquery for the caller's statement. */
export const orderNumberOf = (orderId: Expression<string | null>): RawBuilder<string | null> =>
  sql<string | null>`(select number from orders where id = ${orderId})`;

/** Whether the order exists and was bought by this person. */
export async function isOrderOfBuyer(db: Kysely<DB>, orderId: string, buyerUserId: string): Promise<boolean> {
  const order = await db
    .selectFrom('orders')
    .select('id')
    .where('id', '=', orderId)
    .where('buyer_user_id', '=', buyerUserId)
    .executeTakeFirst();
  return order !== undefined;
}

/** What a return needs of an order: its state, delivery, money and lines (issue 19). */
export async function orderForReturn(
  db: Kysely<DB>,
  orderId: string,
  scope: { buyerUserId?: string; storeId?: string },
) {
  let query = db
    .selectFrom('orders')
    .select(['id', 'number', 'status', 'store_id', 'buyer_user_id', 'delivered_at', 'total_minor', 'currency'])
    .where('id', '=', orderId);
  if (scope.buyerUserId) query = query.where('buyer_user_id', '=', scope.buyerUserId);
  if (scope.storeId) query = query.where('store_id', '=', scope.storeId);
  const order = await query.executeTakeFirst();
  if (!order) return undefined;
  const items = await db
    .selectFrom('order_items')
    .select(['position', 'title', 'variant_label', 'quantity', 'unit_price_minor'])
    .where('order_id', '=', orderId)
    .orderBy('position')
    .execute();
  return { ...order, items };
}

/**
 * Locks the order's row for a refund decision (refunds of one order take turns) and answers what
 * was paid and the provider's reference of the charge; undefined when nothing was charged.
 */
export async function lockPaidOrder(trx: Kysely<DB>, orderId: string) {
  const order = await trx
    .selectFrom('orders')
    .select(['id', 'number', 'checkout_id', 'total_minor', 'currency'])
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
  if (!order) return undefined;
  const charge = await trx
    .selectFrom('payments')
    .select('provider_reference')
    .where('checkout_id', '=', order.checkout_id)
    .where('status', '=', 'succeeded')
    .where('provider_reference', 'is not', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!charge?.provider_reference) return undefined;
  return { ...order, chargeReference: charge.provider_reference };
}
