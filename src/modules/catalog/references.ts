// What other modules may know of a product or store their rows refer to (orders, posts, conversations).
// Reads inside another module's statement are SQL pieces (correlated subqueries) written here, so
// the caller keeps its one statement and the catalog's table and column names stay in this module.
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.ts';

export type ListedProduct = {
  id: string;
  store_id: string;
  owner_user_id: string | null;
  rating_sum: number;
  rating_count: number;
};

/** A listed product (active, in an active store) with its store, its seller and its rating; undefined otherwise. */
export async function listedProductOf(db: Kysely<DB>, productId: string): Promise<ListedProduct | undefined> {
  return db
    .selectFrom('products as p')
    .innerJoin('stores as s', 's.id', 'p.store_id')
    .select(['p.id', 'p.store_id', 's.owner_user_id', 'p.rating_sum', 'p.rating_count'])
    .where('p.id', '=', productId)
    .where('p.status', '=', 'active')
    .where('s.status', '=', 'active')
    .executeTakeFirst();
}

/** An open store (active) with its seller; undefined otherwise. For "Message the seller" on a store page. */
export async function openStoreOf(
  db: Kysely<DB>,
  storeId: string,
): Promise<{ store_id: string; owner_user_id: string | null } | undefined> {
  return db
    .selectFrom('stores')
    .select(['id as store_id', 'owner_user_id'])
    .where('id', '=', storeId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** The product's title (null for no product), as a subquery for the caller's statement. */
export const productTitleOf = (productId: Expression<string | null>): RawBuilder<string> =>
  sql<string>`(select title from products where id = ${productId})`;

/** The name of the store `storeId` points at, as a correlated subquery (`storeId` is usually a column reference). */
export const nameOfStore = (storeId: Expression<string>): RawBuilder<string> =>
  sql<string>`(select name from stores where id = ${storeId})`;

/** The account owning the store `storeId` points at (null once the store's owner is erased), as a correlated subquery. */
export const ownerOfStore = (storeId: Expression<string>): RawBuilder<string | null> =>
  sql<string | null>`(select owner_user_id from stores where id = ${storeId})`;

/** The ids of the stores the person owns, as a subquery for the caller's `store_id in (…)`. */
export const storeIdsOwnedBy = (userId: string): RawBuilder<string> =>
  sql<string>`(select id from stores where owner_user_id = ${userId})`;

/** A store's name. */
export async function readStoreName(db: Kysely<DB>, storeId: string): Promise<string> {
  return (await db.selectFrom('stores').select('name').where('id', '=', storeId).executeTakeFirstOrThrow()).name;
}
