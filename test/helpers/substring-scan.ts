// The tests' own oracle: every (table, column, needle) where any row still CONTAINS a needle,
// case-insensitively. Deliberately simple and independent of Souk's scan (src/erasure/scan.ts): it
// reads every row of every table of the public and pgboss schemas as JSON, and compares in
// JavaScript. Souk itself no longer searches names this way (a name equal to someone else's is not
// the person's data, decision 031); a test whose population makes each needle unique uses it to see
// that nothing of the person is left anywhere.
import { sql, type Kysely } from 'kysely';

export type Leftover = { table: string; column: string; needle: string; rows: number };

export type ScanSkip = {
  /** "schema.table": tables to leave out (the development mailbox stands for the recipients' inboxes) */
  tables?: string[];
};

/** Needles shorter than three characters are ignored (they match everything). */
export async function scanForLeftovers(db: Kysely<any>, needles: string[], skip: ScanSkip = {}): Promise<Leftover[]> {
  const wanted = [...new Set(needles.filter((n) => n.trim().length >= 3).map((n) => n.toLowerCase()))];
  if (wanted.length === 0) return [];
  // Tables with rows, a partitioned table once (it reads its partitions).
  const { rows: tables } = await sql<{ name: string }>`
    select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('public', 'pgboss') and c.relkind in ('r', 'p') and not c.relispartition order by 1`.execute(
    db,
  );
  const found: Leftover[] = [];
  for (const { name } of tables) {
    if (skip.tables?.includes(name)) continue;
    const { rows } = await sql<{
      row: Record<string, unknown>;
    }>`select row_to_json(t) as row from ${sql.table(name)} t`.execute(db);
    const counts = new Map<string, number>();
    for (const { row } of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null) continue;
        const text = (typeof value === 'string' ? value : JSON.stringify(value)).toLowerCase();
        for (const needle of wanted)
          if (text.includes(needle)) counts.set(`${column}\n${needle}`, (counts.get(`${column}\n${needle}`) ?? 0) + 1);
      }
    }
    for (const [key, n] of counts) {
      const [column, needle] = key.split('\n') as [string, string];
      found.push({ table: name, column, needle: needles.find((x) => x.toLowerCase() === needle) ?? needle, rows: n });
    }
  }
  return found;
}
