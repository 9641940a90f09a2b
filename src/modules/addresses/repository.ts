// Saved shipping addresses of an account.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { lockAccountForChanges } from '../accounts/index.ts';
import { CountryCodeSchema, obj, TextSchema, type FromSchema } from '../../schemas.ts';

export const MAX_ADDRESSES = 20;

export type AddressInput = FromSchema<typeof AddressInputSchema>;

export type Address = {
  id: string;
  full_name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string | null;
  country: string;
  phone: string | null;
  is_default: boolean;
  created_at: Date;
};

const COLUMNS = [
  'id',
  'full_name',
  'line1',
  'line2',
  'city',
  'region',
  'postal_code',
  'country',
  'phone',
  'is_default',
  'created_at',
] as const;

const blankToNull = (value: string | null | undefined) =>
  value === undefined || value === null || value.trim() === '' ? null : value.trim();

function columns(input: AddressInput) {
  return {
    full_name: input.fullName.trim(),
    line1: input.line1.trim(),
    line2: blankToNull(input.line2),
    city: input.city.trim(),
    region: blankToNull(input.region),
    postal_code: blankToNull(input.postalCode),
    country: input.country,
    phone: blankToNull(input.phone),
  };
}

/**
 * Serialises one account's address changes (the count limit and the single default would race
 * otherwise): a row lock on the owner that does not block sign-ins or foreign-key checks.
 */
const lockOwner = (trx: Kysely<DB>, userId: string) => lockAccountForChanges(trx, userId);

export function listAddresses(db: Kysely<DB>, userId: string): Promise<Address[]> {
  return db
    .selectFrom('addresses')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findAddress(db: Kysely<DB>, userId: string, id: string): Promise<Address | undefined> {
  return db
    .selectFrom('addresses')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Adds an address (the first one becomes the default). Run inside a transaction. */
export async function createAddress(
  trx: Kysely<DB>,
  userId: string,
  input: AddressInput,
  makeDefault = false,
): Promise<Address> {
  await lockOwner(trx, userId);
  const { count } = await trx
    .selectFrom('addresses')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  if (Number(count) >= MAX_ADDRESSES)
    throw new AppError('LIMIT_REACHED', {
      message: `You can save up to ${MAX_ADDRESSES} addresses. Remove one first.`,
    });
  const isDefault = makeDefault || Number(count) === 0;
  if (isDefault)
    await trx
      .updateTable('addresses')
      .set({ is_default: false })
      .where('user_id', '=', userId)
      .where('is_default', '=', true)
      .execute();
  return trx
    .insertInto('addresses')
    .values({ user_id: userId, ...columns(input), is_default: isDefault })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Replaces an address's fields; undefined when it is not this account's. Run inside a transaction. */
export async function updateAddress(
  trx: Kysely<DB>,
  userId: string,
  id: string,
  input: AddressInput,
  makeDefault = false,
): Promise<Address | undefined> {
  await lockOwner(trx, userId);
  if (makeDefault)
    await trx
      .updateTable('addresses')
      .set({ is_default: false })
      .where('user_id', '=', userId)
      .where('is_default', '=', true)
      .where('id', '!=', id)
      .execute();
  return trx
    .updateTable('addresses')
    .set({ ...columns(input), ...(makeDefault ? { is_default: true } : {}) })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning(COLUMNS)
    .executeTakeFirst();
}

/** True when removed. If it was the default, the oldest remaining address becomes the default. Run inside a transaction. */
export async function deleteAddress(trx: Kysely<DB>, userId: string, id: string): Promise<boolean> {
  await lockOwner(trx, userId);
  const removed = await trx
    .deleteFrom('addresses')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning(['is_default'])
    .executeTakeFirst();
  if (!removed) return false;
  if (removed.is_default) {
    const next = await trx
      .selectFrom('addresses')
      .select('id')
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (next) await trx.updateTable('addresses').set({ is_default: true }).where('id', '=', next.id).execute();
  }
  return true;
}

export function addressView(a: Address) {
  return {
    id: a.id,
    fullName: a.full_name,
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    region: a.region,
    postalCode: a.postal_code,
    country: a.country,
    phone: a.phone,
    isDefault: a.is_default,
  };
}

const optionalText = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;

export const AddressInputSchema = obj(
  {
    fullName: TextSchema(100),
    line1: TextSchema(120),
    line2: optionalText(120),
    city: TextSchema(80),
    region: optionalText(80),
    postalCode: { type: ['string', 'null'], maxLength: 16, pattern: '^[A-Za-z0-9 -]*$' },
    country: CountryCodeSchema,
    phone: { type: ['string', 'null'], maxLength: 32, pattern: '^(\\+?[0-9 ()./-]{4,31})?$' },
  },
  ['fullName', 'line1', 'city', 'country'],
);

export const AddressViewSchema = obj({
  id: { type: 'string' },
  fullName: { type: 'string' },
  line1: { type: 'string' },
  line2: { type: ['string', 'null'] },
  city: { type: 'string' },
  region: { type: ['string', 'null'] },
  postalCode: { type: ['string', 'null'] },
  country: { type: 'string' },
  phone: { type: ['string', 'null'] },
  isDefault: { type: 'boolean' },
});
