// What the seller dashboard (issue 19, decision 055) may know of a store's orders: the paid orders
// waiting to ship, as a piece of the dashboard's one statement, and the order lines of a date
// range for the accounting export, read a batch at a time so a large range streams.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, OrderStatus } from '../../db/types.ts';

/**
 * The store's paid orders not yet shipped, and of them those paid before `lateBefore`, as a JSON
 * subquery (`{"toShip": n, "late": n}`) for the caller's statement. Reads orders_store_to_ship_idx.
 */
export const ordersToShipOf = (storeId: string, lateBefore: Date): RawBuilder<{ toShip: number; late: number }> =>
  sql<{
    toShip: number;
    late: number;
  }>`(select json_build_object('toShip', count(*), 'late', count(*) filter (where paid_at < ${lateBefore}))
    from orders where store_id = ${storeId} and status = 'paid')`;

/** One line of an order, with what accounting needs of its order: no name, no address but the country. */
export type AccountingLine = {
  order_id: string;
  number: string;
  status: OrderStatus;
  placed_at: Date;
  paid_at: Date | null;
  shipped_at: Date | null;
  cancelled_at: Date | null;
  ship_country: string;
  currency: string;
  items_minor: number;
  shipping_minor: number;
  discount_minor: number;
  total_minor: number;
  position: number;
  title: string;
  variant_label: string | null;
  quantity: number;
  unit_price_minor: number;
};

export type AccountingCursor = { placedAt: Date; orderId: string; position: number };

/**
 * Up to `limit` lines of the store's paid orders placed in [from, until), in order of placing, after
 * `cursor` (keyset paging: each batch is an index range read, however far into the range).
 */
export async function accountingLinesOf(
  db: Kysely<DB>,
  storeId: string,
  range: { from: Date; until: Date },
  cursor: AccountingCursor | null,
  limit: number,
): Promise<AccountingLine[]> {
  let query = db
    .selectFrom('orders as o')
    .innerJoin('order_items as i', 'i.order_id', 'o.id')
    .select([
      'o.id as order_id',
      'o.number',
      'o.status',
      'o.placed_at',
      'o.paid_at',
      'o.shipped_at',
      'o.cancelled_at',
      'o.ship_country',
      'o.currency',
      'o.items_minor',
      'o.shipping_minor',
      'o.discount_minor',
      'o.total_minor',
      'i.position',
      'i.title',
      'i.variant_label',
      'i.quantity',
      'i.unit_price_minor',
    ])
    .where('o.store_id', '=', storeId)
    .where('o.placed_at', '>=', range.from)
    .where('o.placed_at', '<', range.until)
    .where('o.paid_at', 'is not', null);
  if (cursor) {
    query = query.where(
      sql<boolean>`(o.placed_at, o.id, i.position) > (${cursor.placedAt}, ${cursor.orderId}, ${cursor.position})`,
    );
  }
  return query.orderBy('o.placed_at').orderBy('o.id').orderBy('i.position').limit(limit).execute();
}
