// The proof half of erasure: searches every text-like column of every table (Souk's and
// pg-boss's) for strings that belonged to a person, and names each place one is still found.
import { sql, type Kysely } from 'kysely';

export type Leftover = { table: string; column: string; needle: string; rows: number };

const TEXT_TYPES = ['text', 'character varying', 'character', 'json', 'jsonb', 'uuid', 'tsvector', 'bytea', 'ARRAY', 'USER-DEFINED'];

/** Every (table, column, needle) where a row still contains the needle, case-insensitively. */
export async function scanForLeftovers(db: Kysely<any>, needles: string[]): Promise<Leftover[]> {
  const wanted = needles.filter((n) => n.trim().length >= 3);
  const columns = await sql<{ schema: string; table: string; column: string; type: string }>`
    select c.table_schema as schema, c.table_name as table, c.column_name as column, c.data_type as type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema in ('public', 'pgboss') and c.data_type = any(${TEXT_TYPES})
    order by 1, 2, 3`.execute(db);
  const found: Leftover[] = [];
  for (const c of columns.rows) {
    const table = sql.table(`${c.schema}.${c.table}`);
    const text = c.type === 'bytea' ? sql`encode(${sql.ref(c.column)}, 'escape')` : sql`${sql.ref(c.column)}::text`;
    for (const needle of wanted) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${table} where strpos(lower(${text}), lower(${needle})) > 0`.execute(db);
      const n = rows[0]?.n ?? 0;
      if (n > 0) found.push({ table: `${c.schema}.${c.table}`, column: c.column, needle, rows: n });
    }
  }
  return found;
}
