// Erasure proves itself by ownership (decision 031):
// - erasure_owned_rows: before a request's erasure starts, the primary keys of every row that was
//   the person's, per registry step, in chunks; after it, each recorded row must be gone or hold
//   its declared replacements. Deleted with the request's progress when it completes.
// - deletion_findings: what the verification found and could not settle itself (a row still there,
//   an exact identifier in a column nobody's erasure covers), with a masked excerpt, until staff
//   erase the value or mark it "not this person's data" with a written reason.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table erasure_owned_rows (
      request_id uuid not null references deletion_requests (id) on delete cascade,
      -- the registry's table, and the relation the keys were read from (one of its partitions, or itself)
      table_name text not null,
      relation text not null,
      chunk integer not null,
      -- the rows' primary keys, as the text of their first and (for a two-column key) second column,
      -- at most 5,000 a chunk: two plain arrays are read back far faster than one of JSON texts
      k0 text[] not null,
      k1 text[],
      rows integer not null,
      primary key (request_id, relation, chunk)
    );
    -- Written once and read once: compressing it costs more than it saves.
    alter table erasure_owned_rows alter column k0 set storage external, alter column k1 set storage external;

    create table deletion_findings (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references deletion_requests (id) on delete cascade,
      table_name text not null,
      column_name text not null,
      -- the row's primary key, as a JSON array of its columns' text
      row_key text not null,
      -- which identifier was found ('email', 'phone', 'user id', 'upload key', 'token'), or 'ownership'
      -- for one of the person's own rows that is still there or still holds what it should not
      identifier text not null,
      -- index of the identifier in the request's progress record; -1 for ownership
      needle integer not null,
      -- the text around the place, with the identifier itself masked
      excerpt text not null,
      status text not null default 'open' check (status in ('open', 'erased', 'dismissed')),
      reason text check (reason is null or length(btrim(reason)) between 1 and 500),
      resolved_by text references users (id) on delete set null,
      resolved_at timestamptz,
      found_at timestamptz not null default now(),
      unique (request_id, table_name, column_name, row_key, needle)
    );
    -- While a request is processed: the person's unique identifiers, searched for after the erasure,
    -- cleared when it completes. A column of its own, not part of the progress record: that record is
    -- rewritten with every batch, and an unchanged value here is not (its TOAST pointer is kept).
    alter table deletion_requests add column identifiers jsonb;

    create index deletion_findings_resolved_by_idx on deletion_findings (resolved_by) where resolved_by is not null;
  `.execute(db);
}
