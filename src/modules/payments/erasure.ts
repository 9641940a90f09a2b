import type { ErasurePolicy } from '../../erasure/policy.ts';

export const paymentsErasure: ErasurePolicy[] = [
  {
    table: 'payment_methods',
    action: 'delete',
    about: {
      data: 'Saved cards: brand, last four digits and expiry, never the full number',
      keptFor: 'Until you remove them or delete your account',
    },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'Saved cards (brand, last four digits, expiry, provider token) are erased; the provider token dies with them.',
  },
  {
    table: 'payments',
    action: 'retain',
    about: { data: 'Orders and their payments', keptFor: 'As long as your account exists, then 10 years by default' },
    columns: ['card_brand', 'card_last4'],
    reason:
      'Payment records belong to the anonymised accounting record of an order (legal retention): amount, outcome, ' +
      'provider reference and the card brand with its last four digits, which identify no person without the provider.',
  },
];
