import type { Kysely } from 'kysely';
import type { ErasurePolicy } from '../../erasure/policy.ts';
import type { DB } from '../../db/types.ts';

export const paymentsErasure: ErasurePolicy[] = [
  {
    table: 'payment_methods',
    action: 'delete',
    about: {
      data: 'Saved cards: brand, last four digits and expiry, never the full number',
      keptFor: 'Until you remove them or delete your account',
    },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason:
      'Saved cards (brand, last four digits, expiry, provider token) are erased; the provider token dies with them.',
  },
];

/** Saved cards, for "Download your data": never the provider token, with which the finder could pay. */
export async function exportSavedCardsOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('payment_methods')
    .select(['provider', 'brand', 'last4', 'exp_month', 'exp_year', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** How many saved cards the account-deletion page says will be erased. */
export async function countSavedCardsOf(db: Kysely<DB>, userId: string): Promise<number> {
  return Number(
    (
      await db
        .selectFrom('payment_methods')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).n,
  );
}
