// What erasing an account does to returns (issue 19): the buyer's photos and own words go; the
// return, its refund and any dispute stay as part of the order's anonymised accounting record.
// Also what the deletion page asks of returns: open returns and disputes block a deletion.
import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { ErasurePolicy } from '../../erasure/policy.ts';
import type { DB } from '../../db/types.ts';

const KEPT = {
  data: 'Returns, refunds and disputes',
  keptFor: 'As long as your account exists, then 10 years by default',
};
const ofBuyer = (userId: string) =>
  sql<boolean>`return_id in (select id from return_requests where buyer_user_id = ${userId})`;

export const returnsErasure: ErasurePolicy[] = [
  {
    // Before return_requests loses its buyer link, which these rows are found by.
    table: 'return_photos',
    action: 'delete',
    about: { data: 'Photos sent with a return', keptFor: 'Until your account is deleted' },
    match: [
      {
        custom: "photos of the person's return requests: the rows, then the files in file storage after the commit",
        owns: ({ userId }) => ofBuyer(userId),
        erase: async ({ trx, subject, deleteFiles }) => {
          const deleted = await trx
            .deleteFrom('return_photos')
            .where('return_id', 'in', (eb) =>
              eb.selectFrom('return_requests').select('id').where('buyer_user_id', '=', subject.userId),
            )
            .returning('storage_key')
            .execute();
          deleteFiles(deleted.map((p) => p.storage_key));
          return deleted.length;
        },
      },
    ],
    reason:
      'Photos can show the person, their home or other people; the return itself needs none to stay an accounting record.',
  },
  {
    table: 'disputes',
    action: 'anonymise',
    about: KEPT,
    match: [
      {
        custom: "disputes of the person's returns: the buyer's statement is removed",
        owns: ({ userId }) => ofBuyer(userId),
        erase: async ({ trx, subject }) => {
          const result = await trx
            .updateTable('disputes')
            .set({ buyer_statement: null })
            .where('return_id', 'in', (eb) =>
              eb.selectFrom('return_requests').select('id').where('buyer_user_id', '=', subject.userId),
            )
            .executeTakeFirst();
          return Number(result.numUpdatedRows);
        },
      },
    ],
    set: { buyer_statement: null },
    reason: 'A dispute decides about money paid and refunded: kept with the order, without the buyer’s own words.',
  },
  {
    table: 'return_requests',
    action: 'anonymise',
    about: KEPT,
    match: [{ column: 'buyer_user_id', equals: 'user_id' }],
    set: { buyer_user_id: null, comment: null, refusal_reason: null, anonymised_at: { now: true } },
    reason:
      'Returns and their refunds belong to the accounting record of an order (legal retention): items, amounts, dates, ' +
      'the return parcel’s tracking number; the link to the buyer and the words written about them are removed.',
  },
  {
    table: 'refunds',
    action: 'retain',
    about: KEPT,
    columns: ['charge_reference', 'provider_reference'],
    reason:
      'Refunds are accounting records (legal retention): amount, outcome and the provider’s references, which identify no person without the provider.',
  },
];

/** The person's returns and disputes still under way, as a buyer or to their store: they block account deletion. */
export async function openReturnsOf(db: Kysely<DB>, userId: string, storeIds: ReturnType<typeof sql<string>>) {
  return db
    .selectFrom('return_requests')
    .select(['id', 'number', 'order_id', 'status', sql<boolean>`buyer_user_id = ${userId}`.as('as_buyer')])
    .where((eb) => eb.or([eb('buyer_user_id', '=', userId), eb('store_id', 'in', storeIds)]))
    .where('status', 'not in', ['refunded', 'closed'])
    .orderBy('created_at')
    .execute();
}

/** The person's returns as they see them, for "Download your data": items, timeline, refund, photo count. */
export async function exportReturnsOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('return_requests as r')
    .select((eb) => [
      'r.number',
      'r.status',
      'r.reason',
      'r.comment',
      'r.requested_minor',
      'r.offered_minor',
      'r.currency',
      'r.return_carrier',
      'r.return_tracking_number',
      'r.created_at',
      'r.closed_at',
      jsonArrayFrom(
        eb
          .selectFrom('return_items as i')
          .select(['i.title', 'i.quantity'])
          .whereRef('i.return_id', '=', 'r.id')
          .orderBy('i.position'),
      ).as('items'),
      jsonArrayFrom(
        eb
          .selectFrom('return_events as e')
          .select(['e.kind', 'e.amount_minor', 'e.occurred_at'])
          .whereRef('e.return_id', '=', 'r.id')
          .orderBy('e.occurred_at'),
      ).as('events'),
      jsonArrayFrom(
        eb
          .selectFrom('refunds as f')
          .select(['f.amount_minor', 'f.status', 'f.succeeded_at'])
          .whereRef('f.return_id', '=', 'r.id')
          .orderBy('f.created_at'),
      ).as('refunds'),
      eb
        .selectFrom('return_photos as ph')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('ph.return_id', '=', 'r.id')
        .as('photo_count'),
    ])
    .where('r.buyer_user_id', '=', userId)
    .orderBy('r.created_at')
    .execute();
}
