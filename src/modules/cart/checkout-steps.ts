// The cart's part in placing an order (orders' checkout): which products the account's cart holds,
// so checkout can lock them before reading the cart, and emptying the cart in the checkout's own
// transaction, so an order is never placed with its cart left full.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

/** The ids of the products in the account's cart. */
export async function cartProductIdsOf(db: Kysely<DB>, userId: string): Promise<string[]> {
  const lines = await db
    .selectFrom('cart_lines as l')
    .innerJoin('carts as c', 'c.id', 'l.cart_id')
    .select(['l.product_id'])
    .where('c.user_id', '=', userId)
    .execute();
  return lines.map((l) => l.product_id);
}

/** Removes every line of the account's cart. */
export async function emptyCartOf(trx: Kysely<DB>, userId: string): Promise<void> {
  await trx
    .deleteFrom('cart_lines')
    .where('cart_id', 'in', (eb) => eb.selectFrom('carts').select('id').where('user_id', '=', userId))
    .execute();
}
