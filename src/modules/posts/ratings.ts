// Product and store ratings are the catalog's columns (catalog/ratings.ts); what posts adds is
// how a product's rating follows from its visible reviews. Recomputed (never incremented) inside
// the transaction that changed the reviews, after locking the stores concerned.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { lockStoreRatingsOfProducts, refreshStoreRatings, setProductRatings } from '../catalog/index.ts';

/** Recomputes the ratings of these products and of their stores. Call inside the writing transaction. */
export async function refreshRatings(trx: Transaction<DB> | Kysely<DB>, productIds: readonly string[]): Promise<void> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  const storeIds = await lockStoreRatingsOfProducts(trx, ids);
  await setProductRatings(trx, ids, (productId) => ({
    sum: trx
      .selectFrom('reviews as r')
      .select(sql<number>`coalesce(sum(r.rating), 0)::int`.as('s'))
      .where('r.product_id', '=', productId)
      .where('r.hidden_at', 'is', null)
      .$asScalar(),
    count: trx
      .selectFrom('reviews as r')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('r.product_id', '=', productId)
      .where('r.hidden_at', 'is', null)
      .$asScalar(),
  }));
  await refreshStoreRatings(trx, storeIds, { locked: true });
}
