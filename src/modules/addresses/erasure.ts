import type { ErasurePolicy } from '../../erasure/policy.ts';

export const addressesErasure: ErasurePolicy[] = [
  {
    table: 'addresses',
    action: 'delete',
    about: { data: 'Saved addresses', keptFor: 'Until you delete them or your account' },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'Saved shipping addresses (name, street, phone) are erased; orders keep no copy of them after anonymisation.',
  },
];
