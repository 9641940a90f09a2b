// The ownership record keeps uuid keys as uuid arrays (decision 036): the proof then reads them
// back without parsing each key's text (a third of a proof statement's time on PostgreSQL). Keys of
// other types stay text in k0/k1; each chunk fills exactly one of k0 and u0.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table erasure_owned_rows
      alter column k0 drop not null,
      add column u0 uuid[],
      add column u1 uuid[],
      add constraint erasure_owned_rows_one_key check ((k0 is null) <> (u0 is null));
    -- Written once and read once, as k0 and k1: compressing them costs more than it saves.
    alter table erasure_owned_rows alter column u0 set storage external, alter column u1 set storage external;
  `.execute(db);
}
