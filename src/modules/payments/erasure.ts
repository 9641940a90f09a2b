import { sql, type Kysely } from 'kysely';
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
    reason: 'Saved cards (brand, last four digits, expiry, provider token) are erased; the provider token dies with them.',
  },
  {
    // Runs before the orders' policy takes the buyer link off the checkouts these rows are found by.
    table: 'pending_charge_tokens',
    action: 'delete',
    about: {
      data: 'The card token of a payment still being confirmed',
      keptFor: 'Until the payment provider has answered: seconds, or a few minutes when its answer was lost',
    },
    match: [{
      custom: "tokens of the person's payment attempts still waiting for the provider's answer (payments.checkout_id → checkouts.buyer_user_id)",
      owns: ({ userId }) => sql<boolean>`payment_id in (select p.id from payments p join checkouts c on c.id = p.checkout_id where c.buyer_user_id = ${userId})`,
      erase: async ({ trx, subject }) => {
        const result = await trx.deleteFrom('pending_charge_tokens')
          .where('payment_id', 'in', (eb) => eb.selectFrom('payments as p').innerJoin('checkouts as c', 'c.id', 'p.checkout_id').select('p.id').where('c.buyer_user_id', '=', subject.userId))
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      },
    }],
    reason:
      "A payment attempt keeps the card's provider token only until its outcome is recorded, so that a payment whose answer was lost " +
      'can be confirmed with the provider (decision 033); a token could charge the card, so it goes with the account.',
  },
  {
    table: 'payments',
    action: 'retain',
    about: { data: 'Orders and their payments', keptFor: 'As long as your account exists, then 10 years by default' },
    columns: ['card_brand', 'card_last4'],
    reason:
      'Payment records belong to the anonymised accounting record of an order (legal retention): amount, outcome, ' +
      'provider reference, idempotency key and the card brand with its last four digits, which identify no person without the provider.',
  },
];

/** Saved cards, for "Download your data": never the provider token, with which the finder could pay. */
export async function exportSavedCardsOf(db: Kysely<DB>, userId: string) {
  return db.selectFrom('payment_methods').select(['provider', 'brand', 'last4', 'exp_month', 'exp_year', 'created_at'])
    .where('user_id', '=', userId).orderBy('created_at').execute();
}

/** How many saved cards the account-deletion page says will be erased. */
export async function countSavedCardsOf(db: Kysely<DB>, userId: string): Promise<number> {
  return Number((await db.selectFrom('payment_methods').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()).n);
}
