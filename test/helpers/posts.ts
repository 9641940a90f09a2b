// Orders in a given state, written straight into the tables, for tests of what buyers may do
// after an order (reviews, answers) without going through checkout and shipping each time.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, OrderStatus } from '../../src/db/types.ts';

export async function createOrderOf(
  db: Kysely<DB>,
  buyerUserId: string,
  storeId: string,
  productIds: string[],
  status: OrderStatus = 'delivered',
): Promise<string> {
  const checkout = await db
    .insertInto('checkouts')
    .values({
      buyer_user_id: buyerUserId,
      idempotency_key: randomUUID(),
      currency: 'USD',
      total_minor: 1000,
      status: status === 'awaiting_payment' ? 'awaiting_payment' : 'paid',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const now = new Date();
  const order = await db
    .insertInto('orders')
    .values({
      number: `SK-${randomBytes(4).toString('hex').toUpperCase()}`,
      checkout_id: checkout.id,
      buyer_user_id: buyerUserId,
      store_id: storeId,
      status,
      currency: 'USD',
      items_minor: 1000,
      discount_minor: 0,
      shipping_minor: 0,
      total_minor: 1000,
      ship_full_name: 'Test Buyer',
      ship_line1: '1 Test Street',
      ship_city: 'Testville',
      ship_country: 'FR',
      delivery_min_days: 1,
      delivery_max_days: 3,
      paid_at: status === 'awaiting_payment' ? null : now,
      shipped_at: status === 'shipped' || status === 'delivered' ? now : null,
      delivered_at: status === 'delivered' ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('order_items')
    .values(
      productIds.map((productId, position) => ({
        order_id: order.id,
        position,
        product_id: productId,
        title: 'Item',
        quantity: 1,
        unit_price_minor: 1000,
        list_price_minor: 1000,
      })),
    )
    .execute();
  return order.id;
}

export const userIdOf = async (db: Kysely<DB>, email: string): Promise<string> =>
  (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

/** A 1×1 PNG, a tiny JPEG and a tiny WebP: enough bytes for the type checks. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
