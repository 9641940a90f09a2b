import { sql } from 'kysely';
import type { ErasurePolicy } from '../../erasure/policy.ts';

export const authErasure: ErasurePolicy[] = [
  {
    table: 'sessions',
    action: 'delete',
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'Every session ends; device descriptions go with them.',
  },
  {
    table: 'accounts',
    action: 'delete',
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'Credentials (the password hash) are erased.',
  },
  {
    table: 'verifications',
    action: 'delete',
    match: [
      {
        custom: 'value = user id (password reset tokens, whose identifier Better Auth stores hashed), or identifier = the address',
        owns: ({ userId, email }) => sql<boolean>`(value = ${userId} or identifier = ${email})`,
        erase: async ({ trx, subject }) =>
          Number((await trx.deleteFrom('verifications').where((eb) => eb.or([eb('value', '=', subject.userId), eb('identifier', '=', subject.email)])).executeTakeFirst()).numDeletedRows),
      },
    ],
    reason: 'Pending verification and reset tokens must not outlive the account.',
  },
];
