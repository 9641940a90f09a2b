// What posts need to know about a product: that it is listed (posts are read and written on
// its public page) and who sells it.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';

export type PostedProduct = { id: string; store_id: string; owner_user_id: string | null; rating_sum: number; rating_count: number };

/** A listed product (active, in an active store), or 404 NOT_FOUND. */
export async function requireListedProduct(db: Kysely<DB>, productId: string): Promise<PostedProduct> {
  const product = await db.selectFrom('products as p')
    .innerJoin('stores as s', 's.id', 'p.store_id')
    .select(['p.id', 'p.store_id', 's.owner_user_id', 'p.rating_sum', 'p.rating_count'])
    .where('p.id', '=', productId).where('p.status', '=', 'active').where('s.status', '=', 'active')
    .executeTakeFirst();
  if (!product) throw new AppError('NOT_FOUND');
  return product;
}

/** Whether the person received this product in an order that was delivered. */
export async function hasReceived(db: Kysely<DB>, userId: string, productId: string): Promise<boolean> {
  const row = await db.selectFrom('orders as o')
    .innerJoin('order_items as i', 'i.order_id', 'o.id')
    .select(sql`1`.as('one'))
    .where('o.buyer_user_id', '=', userId).where('o.status', '=', 'delivered').where('i.product_id', '=', productId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
