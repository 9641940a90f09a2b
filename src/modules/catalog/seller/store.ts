// A person's store: open one (one per account), read and change it. Seller routes find the
// caller's store first; without one they answer 403 NO_STORE.
import type { Kysely, Selectable } from 'kysely';
import type { DB, StoresTable } from '../../../db/types.ts';
import { AppError } from '../../../errors.ts';
import type { FromSchema } from '../../../schemas.ts';
import type { OpenStoreBody, UpdateStoreBody } from './schemas.ts';

export type Store = Selectable<StoresTable>;

export const toStore = (s: Store) => ({
  id: s.id,
  slug: s.slug,
  name: s.name,
  country: s.country,
  description: s.description,
  status: s.status,
  createdAt: s.created_at.toISOString(),
});

export async function openStore(
  db: Kysely<DB>,
  ownerUserId: string,
  input: FromSchema<typeof OpenStoreBody>,
): Promise<Store> {
  // The unique owner column settles a race between two tabs: one insert wins, the other gets nothing back.
  const store = await db
    .insertInto('stores')
    .values({
      owner_user_id: ownerUserId,
      name: input.name.trim(),
      country: input.country,
      description: (input.description ?? '').trim(),
    })
    .onConflict((oc) => oc.column('owner_user_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!store) throw new AppError('STORE_EXISTS');
  return store;
}

export async function findOwnStore(db: Kysely<DB>, userId: string): Promise<Store | undefined> {
  return db.selectFrom('stores').selectAll().where('owner_user_id', '=', userId).executeTakeFirst();
}

export async function requireOwnStore(db: Kysely<DB>, userId: string): Promise<Store> {
  const store = await findOwnStore(db, userId);
  if (!store) throw new AppError('NO_STORE');
  return store;
}

export async function updateStore(
  db: Kysely<DB>,
  storeId: string,
  input: FromSchema<typeof UpdateStoreBody>,
): Promise<Store> {
  return db
    .updateTable('stores')
    .set({
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.country !== undefined ? { country: input.country } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
    })
    .where('id', '=', storeId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
