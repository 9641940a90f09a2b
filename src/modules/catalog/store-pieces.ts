// SQL pieces about stores for other modules' statements: a list of orders shows each order's store
// name in the same query (one round trip per page), and the store's owner is found inside the
// statement that needs it. The stores table and its columns stay named only here.
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.ts';

/** The name of the store `storeId` points at, as a correlated subquery (`storeId` is usually a column reference). */
export const nameOfStore = (storeId: Expression<string>): RawBuilder<string> => sql<string>`(select name from stores where id = ${storeId})`;

/** The account owning the store `storeId` points at (null once the store's owner is erased), as a correlated subquery. */
export const ownerOfStore = (storeId: Expression<string>): RawBuilder<string | null> => sql<string | null>`(select owner_user_id from stores where id = ${storeId})`;

/** The ids of the stores the person owns, as a subquery for `store_id in (…)`. */
export const storeIdsOwnedBy = (userId: string): RawBuilder<string> => sql<string>`(select id from stores where owner_user_id = ${userId})`;

/** A store's name. */
export async function readStoreName(db: Kysely<DB>, storeId: string): Promise<string> {
  return (await db.selectFrom('stores').select('name').where('id', '=', storeId).executeTakeFirstOrThrow()).name;
}
