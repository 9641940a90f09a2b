import { sql, type Kysely } from 'kysely';
import type { ErasurePolicy } from '../../erasure/policy.ts';
import type { DB } from '../../db/types.ts';
import { cartItemOf, productTitleOf } from '../catalog/index.ts';

export const cartErasure: ErasurePolicy[] = [
  {
    table: 'cart_lines',
    action: 'delete',
    about: { data: 'Your cart', keptFor: 'Until you empty it or delete your account' },
    match: [
      {
        custom: "lines of the person's cart (cart_lines.cart_id → carts.user_id); also removed by the carts cascade",
        owns: ({ userId }) => sql<boolean>`cart_id in (select id from carts where user_id = ${userId})`,
        erase: async ({ trx, subject }) =>
          Number(
            (
              await trx
                .deleteFrom('cart_lines')
                .where('cart_id', 'in', (eb) =>
                  eb.selectFrom('carts').select('id').where('user_id', '=', subject.userId),
                )
                .executeTakeFirst()
            ).numDeletedRows,
          ),
      },
    ],
    reason: 'What a person meant to buy is part of their account.',
  },
  {
    table: 'carts',
    action: 'delete',
    about: { data: 'Your cart', keptFor: 'Until you empty it or delete your account' },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'A cart belongs to the account. Guest carts (no user) expire after 30 days of inactivity.',
  },
];

/** The account's cart lines with their products' titles, for "Download your data". */
export async function exportCartOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('cart_lines as l')
    .innerJoin('carts as c', 'c.id', 'l.cart_id')
    .select((eb) => [
      'l.product_id',
      productTitleOf(eb.ref('l.product_id')).as('title'),
      'l.variant_id',
      // The variant's options as words ("Colour: Red · Size: M"); null for the product itself.
      sql<
        string | null
      >`(select i.variant_label from ${cartItemOf(sql.ref('l.product_id'), sql.ref('l.variant_id'))} i)`.as(
        'variant_label',
      ),
      'l.quantity',
      'l.added_at',
    ])
    .where('c.user_id', '=', userId)
    .orderBy('l.added_at')
    .execute();
}
