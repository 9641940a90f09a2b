// Partitioned tables (messages, decision 029; pg-boss's job table).
import { sql, type Kysely } from 'kysely';

/** The partitions of `table`, by name in order: none when it is not partitioned, or not there. */
export async function partitionsOf(db: Kysely<any>, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select inhrelid::regclass::text as name from pg_inherits where inhparent = to_regclass(${table}) order by 1`.execute(
    db,
  );
  return rows.map((r) => r.name);
}
