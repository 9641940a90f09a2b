import type { ErasurePolicy } from '../../erasure/policy.ts';

export const rolesErasure: ErasurePolicy[] = [
  {
    table: 'user_roles',
    action: 'delete',
    about: {
      data: 'Staff roles (only for people who work on the shop)',
      keptFor: 'Until the role is taken away or the account is deleted',
    },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'A staff role belongs to the account; an erased account holds none.',
  },
];
