import type { ErasurePolicy } from '../../erasure/policy.ts';

export const currencyErasure: ErasurePolicy[] = [
  {
    table: 'exchange_rate_sets',
    action: 'not_personal',
    columns: ['base', 'as_of', 'source', 'recorded_at'],
    reason:
      'Which exchange rates were in use from when (decision 058): a base currency, a day and where they came from. Who recorded a set is in the audit log, not here.',
  },
  {
    table: 'exchange_rates',
    action: 'not_personal',
    columns: ['currency', 'rate'],
    reason: 'Currency codes and their rates against a base currency.',
  },
];
