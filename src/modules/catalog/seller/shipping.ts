// Shipping profiles of one store: a label and a rate (cost, delivery days) per country. Every
// query is scoped by store, so another store's profile id behaves exactly like an unknown one.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { AppError, type ErrorDetail } from '../../../errors.ts';
import type { FromSchema } from '../../../schemas.ts';
import { LIMITS, type ProfileBody } from './schemas.ts';

export type ProfileInput = FromSchema<typeof ProfileBody>;
export type RateInput = ProfileInput['rates'][number];
export type Profile = { id: string; label: string; productCount: number; rates: RateInput[] };

function checkRates(rates: RateInput[]): void {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  rates.forEach((rate, i) => {
    if (seen.has(rate.country)) details.push({ field: `rates.${i}.country`, message: 'appears twice' });
    seen.add(rate.country);
    if (rate.maxDays < rate.minDays) details.push({ field: `rates.${i}.maxDays`, message: 'must be at least minDays' });
  });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', { details });
}

export async function listProfiles(db: Kysely<DB>, storeId: string, onlyId?: string): Promise<Profile[]> {
  let query = db
    .selectFrom('shipping_profiles as sp')
    .select([
      'sp.id',
      'sp.label',
      (eb) =>
        eb
          .selectFrom('products as p')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('p.shipping_profile_id', '=', 'sp.id')
          .as('productCount'),
      (eb) =>
        eb
          .selectFrom('shipping_rates as r')
          .select(
            sql<
              RateInput[]
            >`coalesce(json_agg(json_build_object('country', r.country, 'cost', r.cost_minor, 'minDays', r.min_days, 'maxDays', r.max_days) order by r.country), '[]'::json)`.as(
              'list',
            ),
          )
          .whereRef('r.profile_id', '=', 'sp.id')
          .as('rates'),
    ])
    .where('sp.store_id', '=', storeId)
    .orderBy('sp.label')
    .orderBy('sp.id');
  if (onlyId !== undefined) query = query.where('sp.id', '=', onlyId);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, label: r.label, productCount: r.productCount ?? 0, rates: r.rates ?? [] }));
}

export async function getProfile(db: Kysely<DB>, storeId: string, id: string): Promise<Profile> {
  const [profile] = await listProfiles(db, storeId, id);
  if (!profile) throw new AppError('NOT_FOUND');
  return profile;
}

const rateRows = (profileId: string, rates: RateInput[]) =>
  rates.map((r) => ({
    profile_id: profileId,
    country: r.country,
    cost_minor: r.cost,
    min_days: r.minDays,
    max_days: r.maxDays,
  }));

export async function createProfile(db: Kysely<DB>, storeId: string, input: ProfileInput): Promise<Profile> {
  checkRates(input.rates);
  const id = await db.transaction().execute(async (trx) => {
    // Lock the store row so two requests cannot both pass the limit.
    await trx.selectFrom('stores').select('id').where('id', '=', storeId).forUpdate().executeTakeFirstOrThrow();
    const { n } = await trx
      .selectFrom('shipping_profiles')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('store_id', '=', storeId)
      .executeTakeFirstOrThrow();
    if (n >= LIMITS.profilesPerStore) throw new AppError('LIMIT_REACHED');
    const profile = await trx
      .insertInto('shipping_profiles')
      .values({ store_id: storeId, label: input.label.trim() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('shipping_rates').values(rateRows(profile.id, input.rates)).execute();
    return profile.id;
  });
  return getProfile(db, storeId, id);
}

/** Replaces the label and every rate. */
export async function replaceProfile(
  db: Kysely<DB>,
  storeId: string,
  id: string,
  input: ProfileInput,
): Promise<Profile> {
  checkRates(input.rates);
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('shipping_profiles')
      .set({ label: input.label.trim() })
      .where('id', '=', id)
      .where('store_id', '=', storeId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
    await trx.deleteFrom('shipping_rates').where('profile_id', '=', id).execute();
    await trx.insertInto('shipping_rates').values(rateRows(id, input.rates)).execute();
  });
  return getProfile(db, storeId, id);
}

export async function deleteProfile(db: Kysely<DB>, storeId: string, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const profile = await trx
      .selectFrom('shipping_profiles')
      .select('id')
      .where('id', '=', id)
      .where('store_id', '=', storeId)
      .forUpdate()
      .executeTakeFirst();
    if (!profile) throw new AppError('NOT_FOUND');
    const used = await trx
      .selectFrom('products')
      .select('id')
      .where('shipping_profile_id', '=', id)
      .limit(1)
      .executeTakeFirst();
    if (used) throw new AppError('SHIPPING_PROFILE_IN_USE');
    await trx.deleteFrom('shipping_profiles').where('id', '=', id).execute();
  });
}

/** Throws a field error unless the profile belongs to the store. */
export async function assertOwnProfile(db: Kysely<DB>, storeId: string, id: string): Promise<void> {
  const found = await db
    .selectFrom('shipping_profiles')
    .select('id')
    .where('id', '=', id)
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  if (!found)
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'shippingProfileId', message: 'is not one of your shipping profiles' }],
    });
}
