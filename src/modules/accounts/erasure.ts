import type { ErasurePolicy } from '../../erasure/policy.ts';

// The users row goes last: everything above points at it.
export const accountsErasure: ErasurePolicy[] = [
  {
    table: 'email_change_requests',
    action: 'delete',
    about: { data: 'Password reset and email change links', keptFor: 'Until used, and at most about two hours (they expire after one)' },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'A pending email change is part of the account.',
  },
  {
    table: 'notification_preferences',
    action: 'delete',
    about: { data: 'Your email notification settings', keptFor: 'Until you delete your account' },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: 'Preferences belong to the account.',
  },
  {
    table: 'users',
    action: 'delete',
    about: {
      data: 'Your profile and password: email address, name, phone, country, and the password in scrambled form',
      keptFor: 'Until you delete your account',
    },
    match: [{ column: 'id', equals: 'user_id' }],
    reason: 'The profile (email, display name, phone, country) is erased; the address may sign up again.',
  },
];
