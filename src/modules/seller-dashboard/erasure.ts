import type { ErasurePolicy } from '../../erasure/policy.ts';

export const sellerDashboardErasure: ErasurePolicy[] = [
  {
    table: 'store_sales_days',
    action: 'not_personal',
    columns: ['store_id', 'day', 'currency', 'orders', 'sales_minor'],
    reason:
      "A store's number of sales and their sum per day and currency (decision 055), counted from its orders: no buyer, no order, " +
      'nothing that identifies a person. It goes with its store.',
  },
];
