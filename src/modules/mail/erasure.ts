import { sql, type Kysely } from 'kysely';
import type { ErasurePolicy, ErasureRun, ErasureSubject } from '../../erasure/policy.ts';
import type { DB } from '../../db/types.ts';

/** Mail sent to an address the person asked to move to (a pending email change) is theirs too. */
const toPendingNewAddress = (table: 'mail_outbox' | 'dev_mailbox') => ({
  custom: 'mail to the new address of a pending email change (email_change_requests.new_email); runs before that table is erased',
  owns: ({ userId }: ErasureSubject) => sql<boolean>`to_address in (select new_email from email_change_requests where user_id = ${userId})`,
  erase: async ({ trx, subject }: ErasureRun) => Number((await trx.deleteFrom(table)
    .where('to_address', 'in', (eb) => eb.selectFrom('email_change_requests').select('new_email').where('user_id', '=', subject.userId))
    .executeTakeFirst()).numDeletedRows),
});

export const mailErasure: ErasurePolicy[] = [
  {
    table: 'mail_outbox',
    action: 'delete',
    about: { data: 'Emails we send you', keptFor: 'Until sent; then only a record of the delivery, without the text, for 7 days' },
    match: [
      { column: 'user_id', equals: 'user_id' },
      { column: 'to_address', equals: 'email' },
      toPendingNewAddress('mail_outbox'),
    ],
    reason:
      'Unsent and sent mail to the person is deleted, except the final deletion receipt, which is deleted once delivered. ' +
      'Mail to other people keeps no body once delivered, so it cannot hold anything of the person either.',
  },
  {
    table: 'dev_mailbox',
    action: 'delete',
    about: {
      data: 'Copies of emails in the test mailbox (only on installations without a mail server)',
      keptFor: 'Until the installation is reset',
    },
    match: [{ column: 'to_address', equals: 'email' }, toPendingNewAddress('dev_mailbox')],
    reason: 'The development mailbox holds copies of mail to the person.',
  },
];

/** Drops the person's unsent mail of every optional kind (account_security mail still goes). */
export async function dropUnsentOptionalMailOf(trx: Kysely<DB>, userId: string): Promise<void> {
  await trx.deleteFrom('mail_outbox').where('user_id', '=', userId).where('sent_at', 'is', null).where('kind', 'not in', ['account_security']).execute();
}
