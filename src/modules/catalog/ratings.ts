// Product and store ratings, kept on their rows as the sum and count of the visible (not hidden)
// reviews, so a product page or a card reads them without a join. The columns are the catalog's;
// the reviews are the posts module's, which recomputes a product's rating from them through
// setProductRatings inside the transaction that changed them, after locking the stores concerned:
// concurrent writers to one store queue up, and each recomputation is a fresh statement that sees
// every review committed before it.
import { sql, type Expression, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { obj } from '../../schemas.ts';

export const RatingSchema = obj({
  average: { type: ['number', 'null'], description: 'Mean of the visible reviews, one decimal; null without reviews.' },
  count: { type: 'integer' },
});

/** A rating as shown: the mean to one decimal (null without reviews) and the count. */
export function ratingOf(sum: number, count: number): { average: number | null; count: number } {
  return { average: count === 0 ? null : Math.round((sum / count) * 10) / 10, count };
}

/** Locks the stores of these products for a rating change (as lockStoreRatings does) and returns their ids. */
export async function lockStoreRatingsOfProducts(
  trx: Transaction<DB> | Kysely<DB>,
  productIds: readonly string[],
): Promise<string[]> {
  if (productIds.length === 0) return [];
  const stores = await trx
    .selectFrom('stores')
    .select('id')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('products')
        .select('store_id')
        .where('id', 'in', [...productIds]),
    )
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
  return stores.map((s) => s.id);
}

/** A product's rating as the caller computes it: SQL for its sum and count, given the product's id. */
export type RatingOfProduct = (productId: Expression<string>) => { sum: Expression<number>; count: Expression<number> };

/** Sets these products' ratings to what `ratingOfProduct` computes for each, in one statement. Lock their stores first. */
export async function setProductRatings(
  trx: Transaction<DB> | Kysely<DB>,
  productIds: readonly string[],
  ratingOfProduct: RatingOfProduct,
): Promise<void> {
  if (productIds.length === 0) return;
  const rating = ratingOfProduct(sql.ref<string>('products.id'));
  await trx
    .updateTable('products')
    .set({ rating_sum: rating.sum, rating_count: rating.count })
    .where('id', 'in', [...productIds])
    .execute();
}

/** Takes the lock that every rating change of these stores queues on; take it before changing reviews or products. */
export async function lockStoreRatings(trx: Transaction<DB> | Kysely<DB>, storeIds: readonly string[]): Promise<void> {
  if (storeIds.length === 0) return;
  await trx
    .selectFrom('stores')
    .select('id')
    .where('id', 'in', [...storeIds])
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
}

/** Recomputes stores' ratings from their products' (after a product's rating changed, or a product and its reviews were deleted). */
export async function refreshStoreRatings(
  trx: Transaction<DB> | Kysely<DB>,
  storeIds: readonly string[],
  options: { locked?: boolean } = {},
): Promise<void> {
  if (storeIds.length === 0) return;
  if (!options.locked) await lockStoreRatings(trx, storeIds);
  await trx
    .updateTable('stores')
    .set((eb) => ({
      rating_sum: eb
        .selectFrom('products as p')
        .select(sql<number>`coalesce(sum(p.rating_sum), 0)::int`.as('s'))
        .whereRef('p.store_id', '=', 'stores.id'),
      rating_count: eb
        .selectFrom('products as p')
        .select(sql<number>`coalesce(sum(p.rating_count), 0)::int`.as('n'))
        .whereRef('p.store_id', '=', 'stores.id'),
    }))
    .where('id', 'in', [...storeIds])
    .execute();
}
