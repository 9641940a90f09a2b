// Carts: one per account (user_id) or per guest browser (a random cookie token, stored hashed).
// Reading a cart is one query: its lines joined to the catalog's view of their products.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { cartItemOf, profileShipsTo } from '../catalog/index.ts';

export const MAX_QUANTITY = 99;
export const MAX_LINES = 50;

export type CartOwner = { userId: string } | { guestHash: string };

export type CartLineRow = {
  product_id: string;
  /** null: the product itself (a product without options). */
  variant_id: string | null;
  quantity: number;
  title: string;
  price_minor: number;
  offer_price: number | null;
  currency: string;
  stock: number;
  listed: boolean;
  store_id: string;
  store_name: string;
  shipping_profile_id: string;
  /** The variant's options as words ("Colour: Red · Size: M"), or null. */
  variant_label: string | null;
  /** The product's options (empty without): a line naming no variant of a product with options must choose one. */
  option_names: string[];
  /** The product image shown for the line (the variant's). */
  image_index: number;
  /** Whether the product ships to the country the cart was read for; null when read for none. */
  ships: boolean | null;
};

const ownerIs = (owner: CartOwner) =>
  'userId' in owner ? sql`c.user_id = ${owner.userId}` : sql`c.guest_token_hash = ${owner.guestHash}`;

/** The cart's lines; with a country, each says whether its product ships there (same statement). */
export async function readCartLines(db: Kysely<DB>, owner: CartOwner, country?: string): Promise<CartLineRow[]> {
  const ships = country ? profileShipsTo(sql.ref('p.shipping_profile_id'), country) : sql<null>`null::boolean`;
  const result = await sql<CartLineRow>`
    select l.product_id, l.variant_id, l.quantity, p.title, p.price_minor, p.offer_price, p.currency, p.stock, p.listed, p.store_id, p.store_name, p.shipping_profile_id,
      p.variant_label, p.option_names, p.image_index, ${ships} as ships
    from carts c
    join cart_lines l on l.cart_id = c.id
    cross join lateral ${cartItemOf(sql.ref('l.product_id'), sql.ref('l.variant_id'))} p
    where ${ownerIs(owner)}
    order by l.added_at, l.product_id, l.variant_id`.execute(db);
  return result.rows;
}

export async function findCartId(db: Kysely<DB>, owner: CartOwner): Promise<string | undefined> {
  const query = db.selectFrom('carts').select('id');
  const row = await ('userId' in owner
    ? query.where('user_id', '=', owner.userId)
    : query.where('guest_token_hash', '=', owner.guestHash)
  ).executeTakeFirst();
  return row?.id;
}

/** The account's cart, created when missing. */
export async function ensureUserCart(db: Kysely<DB>, userId: string): Promise<string> {
  const row = await db
    .insertInto('carts')
    .values({ user_id: userId })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ updated_at: sql<Date>`now()` }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createGuestCart(db: Kysely<DB>, guestHash: string): Promise<string> {
  const row = await db
    .insertInto('carts')
    .values({ guest_token_hash: guestHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Moves a guest cart into the account's cart: lines of the same product add up (capped at
 * MAX_QUANTITY), others move over; the guest cart is deleted. Runs in the caller's transaction.
 */
export async function mergeGuestCart(trx: Kysely<DB>, guestHash: string, userId: string): Promise<void> {
  const guest = await trx
    .selectFrom('carts')
    .select('id')
    .where('guest_token_hash', '=', guestHash)
    .forUpdate()
    .executeTakeFirst();
  if (!guest) return;
  const own = await trx.selectFrom('carts').select('id').where('user_id', '=', userId).executeTakeFirst();
  if (!own) {
    // No account cart yet: the guest cart becomes it.
    await trx
      .updateTable('carts')
      .set({ user_id: userId, guest_token_hash: null, updated_at: sql<Date>`now()` })
      .where('id', '=', guest.id)
      .execute();
    return;
  }
  await sql`
    insert into cart_lines (cart_id, product_id, variant_id, quantity, added_at)
    select ${own.id}, product_id, variant_id, quantity, added_at from cart_lines where cart_id = ${guest.id}
    on conflict (cart_id, product_id, variant_id) do update set quantity = least(${MAX_QUANTITY}, cart_lines.quantity + excluded.quantity)`.execute(
    trx,
  );
  await trx.deleteFrom('carts').where('id', '=', guest.id).execute();
  await trx.updateTable('carts').set({ updated_at: sql<Date>`now()` }).where('id', '=', own.id).execute();
}

/** A line is a product and a variant of it, or the product itself (variant null). */
export type LineKey = { productId: string; variantId: string | null };

const isLine = (key: LineKey) =>
  sql<boolean>`product_id = ${key.productId} and variant_id is not distinct from ${key.variantId}::uuid`;

export async function lineQuantity(db: Kysely<DB>, cartId: string, key: LineKey): Promise<number | undefined> {
  const row = await db
    .selectFrom('cart_lines')
    .select('quantity')
    .where('cart_id', '=', cartId)
    .where(isLine(key))
    .executeTakeFirst();
  return row?.quantity;
}

export async function lineCount(db: Kysely<DB>, cartId: string): Promise<number> {
  const row = await db
    .selectFrom('cart_lines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('cart_id', '=', cartId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setLine(db: Kysely<DB>, cartId: string, key: LineKey, quantity: number): Promise<void> {
  await db
    .insertInto('cart_lines')
    .values({ cart_id: cartId, product_id: key.productId, variant_id: key.variantId, quantity })
    .onConflict((oc) => oc.columns(['cart_id', 'product_id', 'variant_id']).doUpdateSet({ quantity }))
    .execute();
  await touch(db, cartId);
}

export async function removeLine(db: Kysely<DB>, cartId: string, key: LineKey): Promise<void> {
  await db.deleteFrom('cart_lines').where('cart_id', '=', cartId).where(isLine(key)).execute();
  await touch(db, cartId);
}

export async function clearLines(db: Kysely<DB>, cartId: string): Promise<void> {
  await db.deleteFrom('cart_lines').where('cart_id', '=', cartId).execute();
  await touch(db, cartId);
}

const touch = (db: Kysely<DB>, cartId: string) =>
  db.updateTable('carts').set({ updated_at: sql<Date>`now()` }).where('id', '=', cartId).execute();

/** Guest carts untouched for this long are deleted by housekeeping. */
export const GUEST_CART_DAYS = 30;

export async function deleteStaleGuestCarts(db: Kysely<DB>): Promise<void> {
  await db
    .deleteFrom('carts')
    .where('user_id', 'is', null)
    .where('updated_at', '<', sql<Date>`now() - make_interval(days => ${GUEST_CART_DAYS})`)
    .execute();
}
