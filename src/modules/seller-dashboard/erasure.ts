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
  {
    table: 'store_dashboard_days',
    action: 'not_personal',
    columns: ['store_id', 'first_day', 'day_count', 'rollup_rows', 'days_text', 'sales_text'],
    reason:
      "The text of a store's dashboard days and sales (migration 056), written from store_sales_days: the same figures, " +
      'no buyer, no order. It goes with its store.',
  },
];
