import type { Kysely } from 'kysely';
import type { ErasurePolicy } from '../../erasure/policy.ts';
import type { DB } from '../../db/types.ts';

export const addressesErasure: ErasurePolicy[] = [
  {
    table: 'addresses',
    action: 'delete',
    about: { data: 'Saved addresses', keptFor: 'Until you delete them or your account' },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason:
      'Saved shipping addresses (name, street, phone) are erased; orders keep no copy of them after anonymisation.',
  },
];

/** Saved addresses, for "Download your data". */
export async function exportAddressesOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('addresses')
    .select([
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
    ])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** How many saved addresses the account-deletion page says will be erased. */
export async function countAddressesOf(db: Kysely<DB>, userId: string): Promise<number> {
  return Number(
    (
      await db
        .selectFrom('addresses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** The phone numbers of the person's saved addresses. */
export async function savedPhonesOf(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('addresses')
    .select('phone')
    .where('user_id', '=', userId)
    .where('phone', 'is not', null)
    .execute();
  return rows.map((r) => r.phone!);
}
