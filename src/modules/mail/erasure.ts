import type { ErasurePolicy } from '../../db/erasure.ts';

export const mailErasure: ErasurePolicy[] = [
  {
    table: 'mail_outbox',
    action: 'delete',
    match: [
      { column: 'user_id', equals: 'user_id' },
      { column: 'to_address', equals: 'email' },
    ],
    reason: 'Unsent and sent mail to the person is deleted, except the final deletion receipt, which is deleted once delivered.',
  },
  {
    table: 'dev_mailbox',
    action: 'delete',
    match: [{ column: 'to_address', equals: 'email' }],
    reason: 'The development mailbox holds copies of mail to the person.',
  },
];
