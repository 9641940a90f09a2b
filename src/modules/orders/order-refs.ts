// What other modules (support tickets) read of an order they refer to, in their own connection or
// statement, so that the orders table's name and columns stay in this module (issue 16).
import { sql, type Expression, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

/** Whether the order exists and was bought by this person. */
export async function isOrderOfBuyer(db: Kysely<DB>, orderId: string, buyerUserId: string): Promise<boolean> {
  const order = await db.selectFrom('orders').select('id').where('id', '=', orderId).where('buyer_user_id', '=', buyerUserId).executeTakeFirst();
  return order !== undefined;
}

/** The number of the order `orderId` points at, as a subquery of the caller's statement (null when there is none). */
export const orderNumberOf = (orderId: Expression<string | null>) => sql<string | null>`(select number from orders where id = ${orderId})`;
