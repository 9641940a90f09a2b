import { sql, type Kysely } from 'kysely';
import type { ErasurePolicy } from '../../erasure/policy.ts';
import type { DB, OrderStatus } from '../../db/types.ts';
import { nameOfStore, storeIdsOwnedBy } from '../catalog/index.ts';
import { listOrders, orderView } from './repository.ts';

export const ORDER_RETENTION_REASON =
  'Orders are accounting records that commercial and tax law require us to keep for the legal retention period ' +
  '(default 10 years). They keep items, prices, dates, the destination country, the tracking number and the exchange rate ' +
  'used to show the price in your currency; the link to ' +
  'the buyer and every personal detail of the shipping address are removed.';

export const ordersErasure: ErasurePolicy[] = [
  // A payment attempt and its pending card token belong to the checkout (charges.ts).
  {
    // Runs before the orders' policy takes the buyer link off the checkouts these rows are found by.
    table: 'pending_charge_tokens',
    action: 'delete',
    about: {
      data: 'The card token of a payment still being confirmed',
      keptFor: 'Until the payment provider has answered: seconds, or a few minutes when its answer was lost',
    },
    match: [
      {
        custom:
          "tokens of the person's payment attempts still waiting for the provider's answer (payments.checkout_id → checkouts.buyer_user_id)",
        owns: ({ userId }) =>
          sql<boolean>`payment_id in (select p.id from payments p join checkouts c on c.id = p.checkout_id where c.buyer_user_id = ${userId})`,
        erase: async ({ trx, subject }) => {
          const result = await trx
            .deleteFrom('pending_charge_tokens')
            .where('payment_id', 'in', (eb) =>
              eb
                .selectFrom('payments as p')
                .innerJoin('checkouts as c', 'c.id', 'p.checkout_id')
                .select('p.id')
                .where('c.buyer_user_id', '=', subject.userId),
            )
            .executeTakeFirst();
          return Number(result.numDeletedRows);
        },
      },
    ],
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
  {
    table: 'orders',
    action: 'anonymise',
    about: { data: 'Orders and their payments', keptFor: 'As long as your account exists, then 10 years by default' },
    match: [{ column: 'buyer_user_id', equals: 'user_id' }],
    set: {
      buyer_user_id: null,
      ship_full_name: { value: 'Erased' },
      ship_line1: { value: '' },
      ship_line2: null,
      ship_city: { value: '' },
      ship_region: null,
      ship_postal_code: null,
      ship_phone: null,
      anonymised_at: { now: true },
    },
    reason: ORDER_RETENTION_REASON,
  },
  {
    table: 'checkouts',
    action: 'anonymise',
    about: { data: 'Orders and their payments', keptFor: 'As long as your account exists, then 10 years by default' },
    match: [{ column: 'buyer_user_id', equals: 'user_id' }],
    set: { buyer_user_id: null },
    reason: 'A checkout groups the orders it paid for; it is kept with them, without the link to the buyer.',
  },
];

/** The person's orders as the buyer sees them, for "Download your data". */
export async function exportOrdersOf(db: Kysely<DB>, userId: string) {
  const orders = await listOrders(db, { buyerUserId: userId }, { page: 1, pageSize: 100_000 });
  return orders.rows.map((r) => orderView(r, 'buyer'));
}

/** The person's orders, newest first, with what the account-deletion page says is kept of them. */
export async function keptOrdersOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('orders as o')
    .leftJoin('shipments as sh', 'sh.order_id', 'o.id')
    .select((eb) => [
      'o.id',
      'o.number',
      'o.status',
      'o.placed_at',
      nameOfStore(eb.ref('o.store_id')).as('store_name'),
      'sh.tracking_number',
    ])
    .where('o.buyer_user_id', '=', userId)
    .orderBy('o.placed_at', 'desc')
    .execute();
}

/** Orders that are still under way (awaiting payment, or paid and not shipped): they block account deletion. */
const LIVE: OrderStatus[] = ['awaiting_payment', 'paid'];

/** The person's live orders as a buyer, oldest first. */
export async function liveOrdersOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('orders')
    .select(['id', 'number', 'status'])
    .where('buyer_user_id', '=', userId)
    .where('status', 'in', LIVE)
    .orderBy('placed_at')
    .execute();
}

/** Live orders to the person's store, oldest first. */
export async function liveOrdersToStoreOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('orders as o')
    .select(['o.id', 'o.number', 'o.status'])
    .where('o.store_id', 'in', storeIdsOwnedBy(userId))
    .where('o.status', 'in', LIVE)
    .orderBy('o.placed_at')
    .execute();
}
