// Stock taken by checkout and given back by a cancellation (orders). The caller passes its
// transaction, so the stock moves with the order that causes it or not at all.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

/**
 * Locks the products' rows until the caller's transaction ends. Always in id order, so two
 * checkouts holding some of the same products wait for each other instead of deadlocking.
 */
export async function lockProducts(trx: Kysely<DB>, productIds: readonly string[]): Promise<void> {
  if (productIds.length === 0) return;
  const ids = [...productIds].sort();
  await sql`select id from products where id = any(${ids}::uuid[]) order by id for update`.execute(trx);
}

/**
 * Takes `quantity` out of the product's stock, or its variant's (the product's total follows by
 * trigger, migration 040), and counts it as sold; false, and nothing changed, when there is not that much left.
 */
export async function takeStock(
  trx: Kysely<DB>,
  productId: string,
  variantId: string | null,
  quantity: number,
): Promise<boolean> {
  if (variantId !== null) {
    const taken = await sql<{ id: string }>`
      update product_variants set stock = stock - ${quantity}
      where id = ${variantId} and product_id = ${productId} and stock >= ${quantity} returning id`.execute(trx);
    if (taken.rows.length === 0) return false;
    await sql`update products set sold_count = sold_count + ${quantity}, updated_at = now() where id = ${productId}`.execute(
      trx,
    );
    return true;
  }
  const updated = await sql<{ id: string }>`
    update products set stock = stock - ${quantity}, sold_count = sold_count + ${quantity}, updated_at = now()
    where id = ${productId} and stock >= ${quantity} returning id`.execute(trx);
  return updated.rows.length > 0;
}

/**
 * Puts `quantity` back into the product's stock, or its variant's, and out of its sold count (never
 * below zero). A line whose variant the seller deleted since (`variantGone`) has nothing to go back to.
 */
export async function returnStock(
  trx: Kysely<DB>,
  productId: string,
  variant: { id: string | null; gone: boolean },
  quantity: number,
): Promise<void> {
  if (variant.gone) {
    await sql`update products set sold_count = greatest(0, sold_count - ${quantity}), updated_at = now() where id = ${productId}`.execute(
      trx,
    );
    return;
  }
  if (variant.id !== null) {
    await sql`update product_variants set stock = stock + ${quantity} where id = ${variant.id}`.execute(trx);
    await sql`update products set sold_count = greatest(0, sold_count - ${quantity}), updated_at = now() where id = ${productId}`.execute(
      trx,
    );
    return;
  }
  await sql`update products set stock = stock + ${quantity}, sold_count = greatest(0, sold_count - ${quantity}), updated_at = now() where id = ${productId}`.execute(
    trx,
  );
}
