import type { ErasurePolicy } from '../../erasure/policy.ts';

export const ORDER_RETENTION_REASON =
  'Orders are accounting records that commercial and tax law require us to keep for the legal retention period ' +
  '(default 10 years). They keep items, prices, dates, the destination country and the tracking number; the link to ' +
  'the buyer and every personal detail of the shipping address are removed.';

export const ordersErasure: ErasurePolicy[] = [
  {
    table: 'orders',
    action: 'anonymise',
    about: { data: 'Orders and their payments', keptFor: 'As long as your account exists, then 10 years by default' },
    match: [{ column: 'buyer_user_id', equals: 'user_id' }],
    set: {
      buyer_user_id: null,
      ship_full_name: { value: 'Erased' },
      ship_line1: { value: '' },
      ship_line2: null,
      ship_city: { value: '' },
      ship_region: null,
      ship_postal_code: null,
      ship_phone: null,
      anonymised_at: { now: true },
    },
    reason: ORDER_RETENTION_REASON,
  },
  {
    table: 'checkouts',
    action: 'anonymise',
    about: { data: 'Orders and their payments', keptFor: 'As long as your account exists, then 10 years by default' },
    match: [{ column: 'buyer_user_id', equals: 'user_id' }],
    set: { buyer_user_id: null },
    reason: 'A checkout groups the orders it paid for; it is kept with them, without the link to the buyer.',
  },
];
