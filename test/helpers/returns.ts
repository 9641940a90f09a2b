// The shop the returns tests share (issue 19): a seller's store, Atlas Lamps, shipping to France for
// 5.00, with a 40.00 brass lamp, a buyer, and a way to get an order of it delivered.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Client, signUpAndSignIn } from './app.ts';
import { createFixtureProduct, createFixtureStore } from './catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';

export const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };
/** The test provider fails the first attempt of each refund of a charge on this card. */
export const CARD_REFUND_RETRY = { number: '4000000000005076', expMonth: 12, expYear: 2035, cvc: '123' };
export const ADDRESS = {
  fullName: 'Amina Berrada',
  line1: '12 Rue des Teinturiers',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
};

export type LampShop = {
  seller: Client;
  buyer: Client;
  idOf(email: string): Promise<string>;
  lamp: string;
  /** Places, ships and delivers an order of `quantity` lamps paid with `card` (4000 each plus 500 shipping). */
  deliveredOrder(quantity?: number, card?: typeof CARD_OK): Promise<string>;
  /** What the order's succeeded refunds add up to, in minor units. */
  refundedOf(orderId: string): Promise<number>;
};

/**
 * seller@example.com's Atlas Lamps and buyer@example.com (Amina), on an empty catalogue; `origin`
 * is the clients' Origin header (a live server's URL in browser tests).
 */
export async function openLampShop(app: FastifyInstance, origin?: string): Promise<LampShop> {
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const seller = await signUpAndSignIn(app, 'seller@example.com', undefined, 'Seller', origin);
  const buyer = await signUpAndSignIn(app, 'buyer@example.com', undefined, 'Amina', origin);
  const idOf = async (email: string) =>
    (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 500, min_days: 2, max_days: 4 },
  ]);
  await db
    .updateTable('stores')
    .set({ owner_user_id: await idOf('seller@example.com') })
    .where('id', '=', store.storeId)
    .execute();
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4000, stock: 100 });
  let parcel = 0;
  const deliveredOrder = async (quantity = 1, card = CARD_OK) => {
    await buyer.delete('/api/cart');
    await buyer.post('/api/cart/lines', { productId: lamp, quantity });
    const res = await buyer.post('/api/checkout', {
      idempotencyKey: randomUUID(),
      address: ADDRESS,
      card,
      expectedTotal: { amount: 4000 * quantity + 500, currency: 'USD' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const orderId = res.json().orders[0].id as string;
    parcel++;
    const shipped = await seller.post(`/api/seller/orders/${orderId}/ship`, {
      carrier: 'DHL',
      trackingNumber: `OUT${1000 + parcel}X`,
    });
    assert.equal(shipped.statusCode, 200, shipped.body);
    const delivered = await seller.post(`/api/seller/orders/${orderId}/tracking`, { status: 'delivered' });
    assert.equal(delivered.statusCode, 200, delivered.body);
    return orderId;
  };
  const refundedOf = async (orderId: string) =>
    Number(
      (
        await db
          .selectFrom('refunds')
          .select(sql<number>`coalesce(sum(amount_minor), 0)`.as('n'))
          .where('order_id', '=', orderId)
          .where('status', '=', 'succeeded')
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { seller, buyer, idOf, lamp, deliveredOrder, refundedOf };
}
