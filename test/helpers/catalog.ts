// A store with a known shipping profile, for tests that need exact prices and rates.
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.ts';

export type FixtureRate = { country: string; cost_minor: number; min_days: number; max_days: number };

export async function createFixtureStore(db: Kysely<DB>, name: string, rates: FixtureRate[]): Promise<{ storeId: string; profileId: string }> {
  const store = await db.insertInto('stores').values({ name, country: 'MA' }).returning('id').executeTakeFirstOrThrow();
  const profile = await db.insertInto('shipping_profiles').values({ store_id: store.id, label: 'Fixture' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('shipping_rates').values(rates.map((r) => ({ profile_id: profile.id, ...r }))).execute();
  return { storeId: store.id, profileId: profile.id };
}
