import type { ErasurePolicy } from '../../erasure/policy.ts';

export const deletionErasure: ErasurePolicy[] = [
  {
    table: 'deletion_requests',
    action: 'anonymise',
    match: [{ column: 'user_id', equals: 'user_id' }],
    set: { user_id: null, cancel_token_hash: null },
    reason:
      'The request stays as the record that the erasure was asked for and done (reference, dates, status), with no link to the person; ' +
      'it is what an operator shows a data-protection authority.',
  },
  {
    table: 'leaving_feedback',
    action: 'not_personal',
    columns: ['comment'],
    reason: 'Why people leave is stored apart from any identity (no user id, only the week), so it survives erasure as anonymous feedback.',
  },
];

export const auditErasure: ErasurePolicy[] = [
  {
    table: 'audit_log',
    action: 'anonymise',
    match: [{ column: 'actor_user_id', equals: 'user_id' }],
    set: { actor_user_id: null },
    reason: 'What management did stays on record (it names requests by reference, never a person); an erased staff account is no longer named as the actor.',
  },
];
