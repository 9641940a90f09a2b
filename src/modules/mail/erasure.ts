import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ErasurePolicy, ErasureRun, ErasureSubject } from '../../erasure/policy.ts';
import type { DB } from '../../db/types.ts';

/**
 * The new addresses of a person's pending email changes, as a parenthesised subquery. The accounts
 * module keeps those requests and imports mail, so mail cannot import it: the registry passes its
 * piece in.
 */
export type PendingNewEmailsOf = (userId: string) => RawBuilder<string>;

/** Mail sent to an address the person asked to move to (a pending email change) is theirs too. */
const toPendingNewAddress = (table: 'mail_outbox' | 'dev_mailbox', pendingNewEmailsOf: PendingNewEmailsOf) => ({
  custom:
    'mail to the new address of a pending email change (email_change_requests.new_email); runs before that table is erased',
  owns: ({ userId }: ErasureSubject) => sql<boolean>`to_address in ${pendingNewEmailsOf(userId)}`,
  erase: async ({ trx, subject }: ErasureRun) =>
    Number(
      (
        await trx
          .deleteFrom(table)
          .where(sql<boolean>`to_address in ${pendingNewEmailsOf(subject.userId)}`)
          .executeTakeFirst()
      ).numDeletedRows,
    ),
});

export const mailErasure = (pendingNewEmailsOf: PendingNewEmailsOf): ErasurePolicy[] => [
  {
    table: 'mail_outbox',
    action: 'delete',
    about: {
      data: 'Emails we send you',
      keptFor: 'Until sent; then only a record of the delivery, without the text, for 7 days',
    },
    match: [
      { column: 'user_id', equals: 'user_id' },
      { column: 'to_address', equals: 'email' },
      toPendingNewAddress('mail_outbox', pendingNewEmailsOf),
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
    match: [{ column: 'to_address', equals: 'email' }, toPendingNewAddress('dev_mailbox', pendingNewEmailsOf)],
    reason: 'The development mailbox holds copies of mail to the person.',
  },
];

/** Drops the person's unsent mail of every optional kind (account_security mail still goes). */
export async function dropUnsentOptionalMailOf(trx: Kysely<DB>, userId: string): Promise<void> {
  await trx
    .deleteFrom('mail_outbox')
    .where('user_id', '=', userId)
    .where('sent_at', 'is', null)
    .where('kind', 'not in', ['account_security'])
    .execute();
}

/**
 * Drops the mail sent to these addresses without a user id (an email change's confirmation, an
 * email-linked check), with its copies in the development mailbox.
 */
export async function dropUnaddressedMailTo(executor: Kysely<DB>, addresses: string[]): Promise<void> {
  const mails = await executor
    .deleteFrom('mail_outbox')
    .where('to_address', 'in', addresses)
    .where('user_id', 'is', null)
    .returning('id')
    .execute();
  if (mails.length > 0)
    await executor
      .deleteFrom('dev_mailbox')
      .where(
        'outbox_id',
        'in',
        mails.map((m) => m.id),
      )
      .execute();
}
