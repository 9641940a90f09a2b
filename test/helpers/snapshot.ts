// Checksums of a whole Souk: every row of every table in the public and pgboss schemas (md5 of
// row_to_json, by primary key) and every stored file (sha256, by key), to compare before and
// after an operation that must leave other people's data byte-for-byte alone.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

export type SnapshotRow = { md5: string; row: Record<string, unknown> };
/** Table ("schema.table") → primary key (as JSON text) → the row. */
export type Snapshot = { tables: Map<string, Map<string, SnapshotRow>>; files: Map<string, string> };

export async function takeSnapshot(
  db: Kysely<any>,
  storage: { keys(): string[]; get(key: string): Promise<Buffer | null> },
): Promise<Snapshot> {
  // Partitions are read through their parent (pgboss.job, pgboss.queue_stats).
  const { rows: tables } = await sql<{ name: string; pk: string[] | null }>`
    select c.relnamespace::regnamespace::text || '.' || c.relname as name,
      (select array_agg(a.attname::text order by array_position(i.indkey::int2[], a.attnum))
       from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
       where i.indrelid = c.oid and i.indisprimary) as pk
    from pg_class c
    where c.relnamespace::regnamespace::text in ('public', 'pgboss') and c.relkind in ('r', 'p') and not c.relispartition
    order by 1`.execute(db);
  const snapshot: Snapshot = { tables: new Map(), files: new Map() };
  for (const table of tables) {
    const key = table.pk
      ? sql`json_build_array(${sql.join(table.pk.map((c) => sql.ref(`t.${c}`)))})::text`
      : sql`md5(row_to_json(t)::text)`;
    const { rows } = await sql<{ key: string; md5: string; json: string }>`
      select ${key} as key, md5(row_to_json(t)::text) as md5, row_to_json(t)::text as json from ${sql.table(table.name)} as t`.execute(
      db,
    );
    snapshot.tables.set(
      table.name,
      new Map(rows.map((r) => [r.key, { md5: r.md5, row: JSON.parse(r.json) as Record<string, unknown> }])),
    );
  }
  for (const key of storage.keys()) {
    const data = await storage.get(key);
    if (data) snapshot.files.set(key, createHash('sha256').update(data).digest('hex'));
  }
  return snapshot;
}

export const rowsOf = (snapshot: Snapshot, table: string): Map<string, SnapshotRow> => {
  const rows = snapshot.tables.get(table);
  if (!rows) throw new Error(`no table ${table} in the snapshot`);
  return rows;
};

/** The columns whose values differ between two versions of a row. */
export function changedColumns(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const columns = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...columns].filter((c) => JSON.stringify(before[c]) !== JSON.stringify(after[c])).sort();
}
