import type { ErasurePolicy } from '../../erasure/policy.ts';

export const webhooksErasure: ErasurePolicy[] = [
  {
    table: 'webhook_outbox',
    action: 'not_personal',
    columns: ['event_type', 'data', 'last_error'],
    reason:
      'Events carry opaque references only (account.erased: the deletion reference, which is kept without any link to the person), ' +
      'never an email address, a name or a user id (webhooks/events.ts); attempts keep a status and an error code, never a response body.',
  },
];
