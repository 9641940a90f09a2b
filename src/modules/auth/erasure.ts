import type { ErasurePolicy } from '../../db/erasure.ts';

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
      { custom: "value = user id (password reset tokens), or identifier = Better Auth's hash of the email" },
    ],
    reason: 'Pending verification and reset tokens must not outlive the account.',
  },
];
