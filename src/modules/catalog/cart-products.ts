// The products as the cart shows and checks them (issue 16): the cart joins this piece into its
// own statement, so reading a cart stays one query while the products and stores tables' names
// and columns stay in the catalog.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.ts';

/**
 * Every product with what a cart line shows of it, as a derived table to join on `id` (PostgreSQL
 * flattens it into the caller's joins): the price, the running offer's price, stock, whether it
 * can be bought (the product and its store active), its store and shipping profile, and when its
 * stock last came back (saved items' "back in stock").
 */
export const cartProducts = sql`(
  select p.id, p.title, p.price_minor,
    case when p.offer_ends_at > now() then p.offer_price_minor end as offer_price,
    p.currency, p.stock, (p.status = 'active' and s.status = 'active') as listed,
    s.id as store_id, s.name as store_name, p.shipping_profile_id, p.restocked_at
  from products p
  join stores s on s.id = p.store_id)`;

/**
 * Whether a shipping profile ships to a country (it has a rate for it), as a boolean expression of
 * the caller's statement: one probe of shipping_rates' primary key (profile, country).
 */
export const profileShipsTo = (profileId: RawBuilder<unknown>, country: string): RawBuilder<boolean> =>
  sql<boolean>`exists (select 1 from shipping_rates r where r.profile_id = ${profileId} and r.country = ${country})`;

export type ProductForCart = { stock: number; listed: boolean };

/** What adding a product to a cart checks: its stock and whether it can be bought (as the cart shows it). */
export async function productForCart(db: Kysely<DB>, productId: string): Promise<ProductForCart | undefined> {
  const { rows } =
    await sql<ProductForCart>`select p.stock, p.listed from ${cartProducts} p where p.id = ${productId}`.execute(db);
  return rows[0];
}
