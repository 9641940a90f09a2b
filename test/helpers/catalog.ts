// A store with a known shipping profile, for tests that need exact prices and rates.
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.ts';

export type FixtureRate = { country: string; cost_minor: number; min_days: number; max_days: number };

export async function createFixtureStore(
  db: Kysely<DB>,
  name: string,
  rates: FixtureRate[],
): Promise<{ storeId: string; profileId: string }> {
  const store = await db.insertInto('stores').values({ name, country: 'MA' }).returning('id').executeTakeFirstOrThrow();
  const profile = await db
    .insertInto('shipping_profiles')
    .values({ store_id: store.id, label: 'Fixture' })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (rates.length > 0)
    await db
      .insertInto('shipping_rates')
      .values(rates.map((r) => ({ profile_id: profile.id, ...r })))
      .execute();
  return { storeId: store.id, profileId: profile.id };
}

export type FixtureProduct = {
  title: string;
  price: number;
  stock?: number;
  currency?: string;
  status?: 'active' | 'delisted';
  category?: string;
  description?: string;
};

/** A listed product with exact values in a fixture store. */
export async function createFixtureProduct(
  db: Kysely<DB>,
  store: { storeId: string; profileId: string },
  p: FixtureProduct,
): Promise<string> {
  const row = await db
    .insertInto('products')
    .values({
      store_id: store.storeId,
      category_slug: p.category ?? 'home-kitchen',
      shipping_profile_id: store.profileId,
      title: p.title,
      description: p.description ?? `${p.title}.`,
      price_minor: p.price,
      current_price_minor: p.price,
      currency: p.currency ?? 'USD',
      stock: p.stock ?? 10,
      status: p.status ?? 'active',
      image_count: 1,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
