import type { ErasurePolicy } from '../../erasure/policy.ts';

// The users row goes last: everything above points at it.
export const accountsErasure: ErasurePolicy[] = [
  {
    table: 'email_change_requests',
    action: 'delete',
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'A pending email change is part of the account.',
  },
  {
    table: 'notification_preferences',
    action: 'delete',
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'Preferences belong to the account.',
  },
  {
    table: 'users',
    action: 'delete',
    match: [{ column: 'id', equals: 'user_id' }],
    reason: 'The profile (email, display name, phone, country) is erased; the address may sign up again.',
  },
];
