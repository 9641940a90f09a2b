// Batched, resumable erasure (decision 018): a request being processed records how far its
// erasure got (committed with each batch) and which worker holds it, for how long.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table deletion_requests
      -- while processing only: the person's identifiers for the verification scan, the step the
      -- erasure reached, rows per table so far, files still to delete; cleared when completed
      add column erasure jsonb,
      -- the worker that processes the request, and until when; another worker may take over after that
      add column lease_token uuid,
      add column lease_until timestamptz;
    create index deletion_requests_lease_idx on deletion_requests (lease_until) where status = 'processing';
  `.execute(db);
}
