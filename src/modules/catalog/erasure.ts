import type { ErasurePolicy } from '../../erasure/policy.ts';

export const catalogErasure: ErasurePolicy[] = [
  {
    table: 'stores',
    action: 'anonymise',
    match: [{ column: 'owner_user_id', equals: 'user_id' }],
    set: {
      owner_user_id: null,
      name: { value: 'Closed store' },
      description: { value: '' },
      status: { value: 'closed' },
    },
    reason:
      "Other buyers' orders and tracking pages name the store as the seller of record, so the row stays; " +
      "its link to the person, its name (often a person's name) and its description go, and every listing is delisted.",
  },
  {
    table: 'categories',
    action: 'not_personal',
    columns: ['name'],
    reason: 'Category names such as "Electronics".',
  },
  {
    table: 'search_words',
    action: 'not_personal',
    columns: ['word'],
    reason: 'Single words taken from product titles, kept so that search can correct typos; titles themselves stay on delisted products.',
  },
];
