import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { ErasurePolicy } from '../../erasure/policy.ts';
import type { DB } from '../../db/types.ts';

// Decision 014: a person's tickets are deleted with the account; a staff member's replies on
// other people's tickets lose only the link to the staff account.
export const supportErasure: ErasurePolicy[] = [
  {
    table: 'support_tickets',
    action: 'delete',
    about: { data: 'Support requests', keptFor: 'Until you delete your account' },
    quotes: ['subject'],
    match: [{ column: 'requester_user_id', equals: 'user_id' }],
    reason:
      "A ticket is the person's own request and what they wrote in it; nothing in it is an accounting record (refunds live on " +
      'orders and payments, which are retained). Unresolved tickets about money block deletion until resolved. ' +
      'Their messages, the staff replies included, go with them.',
  },
  {
    table: 'support_messages',
    action: 'anonymise',
    about: { data: 'Support requests', keptFor: 'Until you delete your account' },
    quotes: ['body'],
    match: [{ column: 'author_user_id', equals: 'user_id' }],
    set: { author_user_id: null },
    reason:
      "After the person's own tickets are deleted, what remains written by them is a staff reply on another customer's ticket: " +
      'it belongs to that customer\'s record, so only the link to the staff account is removed (customers always saw "Souk support").',
  },
];

/** The person's tickets with every message in them, for "Download your data". */
export async function exportSupportTicketsOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('support_tickets as t')
    .select((eb) => [
      't.reference',
      't.category',
      't.subject',
      't.status',
      't.created_at',
      't.resolved_at',
      jsonArrayFrom(
        eb
          .selectFrom('support_messages as m')
          .select(['m.from_staff', 'm.body', 'm.created_at'])
          .whereRef('m.ticket_id', '=', 't.id')
          .orderBy('m.created_at'),
      ).as('messages'),
    ])
    .where('t.requester_user_id', '=', userId)
    .orderBy('t.created_at')
    .execute();
}

/** The ticket a support message belongs to, so staff can open a deletion finding in it; null if the message is gone. */
export async function ticketOfMessage(db: Kysely<DB>, messageId: string): Promise<string | null> {
  return (
    (await db.selectFrom('support_messages').select('ticket_id').where('id', '=', messageId).executeTakeFirst())
      ?.ticket_id ?? null
  );
}
