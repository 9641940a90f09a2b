import type { ErasurePolicy } from '../../erasure/policy.ts';

export const rolesErasure: ErasurePolicy[] = [
  {
    table: 'user_roles',
    action: 'delete',
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'A staff role belongs to the account; an erased account holds none.',
  },
];
