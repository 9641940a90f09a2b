import type { ErasurePolicy } from '../../erasure/policy.ts';

export const deletionErasure: ErasurePolicy[] = [
  {
    table: 'deletion_requests',
    action: 'anonymise',
    about: { data: 'Requests to delete your account', keptFor: 'Until you delete your account' },
    match: [{ column: 'user_id', equals: 'user_id' }],
    set: { user_id: null, cancel_token_hash: null },
    reason:
      'The request stays as the record that the erasure was asked for and done (reference, dates, status), with no link to the person; ' +
      'it is what an operator shows a data-protection authority.',
  },
  {
    table: 'leaving_feedback',
    action: 'not_personal',
    about: { data: 'Why you left, if you chose to say', keptFor: 'With no end date, and never linked to you' },
    quotes: ['comment'],
    columns: ['comment'],
    reason:
      'Why people leave is stored apart from any identity (no user id, only the week), so it survives erasure as anonymous feedback.',
  },
  {
    table: 'erasure_owned_rows',
    action: 'not_personal',
    columns: ['table_name', 'relation', 'k0', 'k1', 'u0', 'u1'],
    reason:
      "The primary keys of the rows a request's erasure must remove, recorded before it starts so that it can prove each one gone " +
      '(decision 031); keys only, no data. Deleted when the request completes, and with the request.',
  },
  {
    table: 'deletion_findings',
    action: 'anonymise',
    about: {
      data: 'Findings of deletion checks that staff resolved (only for people who work on the shop)',
      keptFor: 'Until the deletion they belong to is complete',
    },
    match: [{ column: 'resolved_by', equals: 'user_id' }],
    set: { resolved_by: null },
    reason:
      'What a verification found and staff resolved (table, column, row key, masked excerpt, reason). Deleted when the request completes ' +
      '(the certificate keeps the dismissals and their reasons); an erased staff account is no longer named as the one who resolved it.',
  },
  {
    table: 'deletion_findings',
    action: 'not_personal',
    columns: ['table_name', 'column_name', 'identifier'],
    reason:
      'Where a finding is (a table and column of Souk) and which kind of identifier it is ("email", "phone"), never the identifier itself.',
  },
  {
    table: 'erasure_ledger',
    action: 'retain',
    about: {
      data: 'A record that your account was erased (no email, name or account id)',
      keptFor: 'With no end date, once your account is deleted',
    },
    columns: ['reference', 'subject_hash', 'key_id', 'completed_at', 'certificate', 'settled', 'settled_at'],
    reason:
      'The erasure ledger (decision 042): the reference, the certificate and a keyed hash of the erased account id, never the id, ' +
      'an address or a name. It is what makes an erasure hold after a backup is restored: a start after a restore finds the account ' +
      'the backup brought back by that hash and erases it again. Once the account is gone nothing in Souk carries the id, so the ' +
      'hash leads to no one; it matches only a copy of the account a restore brought back. A copy outside the backups ' +
      '(souk_ledger schema on PostgreSQL, DATA_DIR/erasure-ledger.jsonl on PGlite) holds the same.',
  },
];

export const auditErasure: ErasurePolicy[] = [
  {
    table: 'audit_log',
    action: 'anonymise',
    about: { data: 'Records of what staff did (only for people who work on the shop)', keptFor: 'With no end date' },
    match: [{ column: 'actor_user_id', equals: 'user_id' }],
    set: { actor_user_id: null },
    reason:
      'What management did stays on record (it names requests by reference, never a person); an erased staff account is no longer named as the actor.',
  },
];
