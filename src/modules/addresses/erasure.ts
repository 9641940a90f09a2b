import type { ErasurePolicy } from '../../erasure/policy.ts';

export const addressesErasure: ErasurePolicy[] = [
  {
    table: 'addresses',
    action: 'delete',
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'Saved shipping addresses (name, street, phone) are erased; orders keep no copy of them after anonymisation.',
  },
];
