// The erasure ledger's copy inside the database (decision 042): one row per completed erasure,
// written in the transaction that completes it. It holds no personal data: the request's reference,
// a keyed hash of the account id (HMAC with AUTH_SECRET; `key_id` says which secret), the completion
// time and the certificate as it was issued. The copy that survives the restore of an older backup
// lives outside what `npm run backup` saves (PostgreSQL: the souk_ledger schema, created at start;
// PGlite: DATA_DIR/erasure-ledger.jsonl); this one lets a backup taken later know the erasures
// before it. `settled` says what a start after a restore did with the entry: erased the account
// again ('erased_again') or found no such account in the restored database ('absent').
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table if not exists erasure_ledger (
      reference text primary key,
      subject_hash text not null,
      key_id text not null,
      completed_at timestamptz not null,
      certificate jsonb not null,
      settled text check (settled in ('erased_again', 'absent')),
      settled_at timestamptz
    );
  `.execute(db);
}
