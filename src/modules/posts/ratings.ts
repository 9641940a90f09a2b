// Product and store ratings, kept on their rows as the sum and count of the visible (not hidden)
// reviews, so a product page or a card reads them without a join. They are recomputed from the
// reviews (never incremented) inside the transaction that changed them, after locking the stores
// concerned: concurrent writers to one store queue up, and each recomputation is a fresh
// statement that sees every review committed before it.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';

/** Recomputes the ratings of these products and of their stores. Call inside the writing transaction. */
export async function refreshRatings(trx: Transaction<DB> | Kysely<DB>, productIds: readonly string[]): Promise<void> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  const stores = await trx.selectFrom('stores').select('id')
    .where('id', 'in', (eb) => eb.selectFrom('products').select('store_id').where('id', 'in', ids))
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
  await trx.updateTable('products').set((eb) => ({
    rating_sum: eb.selectFrom('reviews as r').select(sql<number>`coalesce(sum(r.rating), 0)::int`.as('s'))
      .whereRef('r.product_id', '=', 'products.id').where('r.hidden_at', 'is', null),
    rating_count: eb.selectFrom('reviews as r').select(sql<number>`count(*)::int`.as('n'))
      .whereRef('r.product_id', '=', 'products.id').where('r.hidden_at', 'is', null),
  })).where('id', 'in', ids).execute();
  await refreshStoreRatings(trx, stores.map((s) => s.id), { locked: true });
}

/** Takes the lock that every rating change of these stores queues on; take it before changing reviews or products. */
export async function lockStoreRatings(trx: Transaction<DB> | Kysely<DB>, storeIds: readonly string[]): Promise<void> {
  if (storeIds.length === 0) return;
  await trx.selectFrom('stores').select('id').where('id', 'in', [...storeIds]).orderBy('id').forNoKeyUpdate().execute();
}

/** Recomputes stores' ratings from their products' (after a product and its reviews were deleted). */
export async function refreshStoreRatings(trx: Transaction<DB> | Kysely<DB>, storeIds: readonly string[], options: { locked?: boolean } = {}): Promise<void> {
  if (storeIds.length === 0) return;
  if (!options.locked) await lockStoreRatings(trx, storeIds);
  await trx.updateTable('stores').set((eb) => ({
    rating_sum: eb.selectFrom('products as p').select(sql<number>`coalesce(sum(p.rating_sum), 0)::int`.as('s')).whereRef('p.store_id', '=', 'stores.id'),
    rating_count: eb.selectFrom('products as p').select(sql<number>`coalesce(sum(p.rating_count), 0)::int`.as('n')).whereRef('p.store_id', '=', 'stores.id'),
  })).where('id', 'in', [...storeIds]).execute();
}
