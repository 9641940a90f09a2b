// The proof half of erasure: searches every text-like column of every table (Souk's and
// pg-boss's) for strings that belonged to a person, and names each place one is still found.
// It reads each table in ranges of pages (a TID range scan), one query per range checking every
// column for every needle at once (the columns joined into one string; only a range with a hit is
// read again column by column), and yields to the event loop between queries: on PGlite, where
// the database serves one query at a time, a scan of a large shop never holds it for long.
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import { createPacer } from './pacing.ts';

export type Leftover = { table: string; column: string; needle: string; rows: number };

const TEXT_TYPES = ['text', 'character varying', 'character', 'json', 'jsonb', 'uuid', 'tsvector', 'bytea', 'ARRAY', 'USER-DEFINED'];

export type ScanSkip = {
  /** "schema.table": tables that stand for something outside Souk (the development mailbox is the recipients' inboxes) */
  tables?: string[];
  /** "schema.table.column": columns the caller accounts for itself (an erasure's own progress record) */
  columns?: string[];
};

export type ScanOptions = {
  /** the time one query should take: pages per query follow the fastest recent rate (waiting for others only adds) */
  targetMs?: number;
  /** where the database reports how long each statement held it (PGlite's worker): used instead of the wall time */
  watchStatements?: Database['watchStatements'];
  /** tables read at the same time, each on its own connection (PostgreSQL; PGlite has one connection) */
  concurrency?: number;
};

type Column = { schema: string; table: string; column: string; type: string };

/**
 * Every (table, column, needle) where a row still contains the needle, case-insensitively, with
 * the number of rows. Needles shorter than three characters are ignored (they match everything).
 */
export async function scanForLeftovers(db: Kysely<any>, needles: string[], skip: ScanSkip = {}, options: ScanOptions = {}): Promise<Leftover[]> {
  const wanted = [...new Set(needles.filter((n) => n.trim().length >= 3))];
  if (wanted.length === 0) return [];
  const targetMs = options.targetMs ?? 20;
  const columns = await sql<Column>`
    select c.table_schema as schema, c.table_name as table, c.column_name as column, c.data_type as type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema in ('public', 'pgboss') and c.data_type = any(${TEXT_TYPES})
    order by 1, 2, c.ordinal_position`.execute(db);
  const sizes = await sql<{ name: string; pages: number }>`
    select n.nspname || '.' || c.relname as name, (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('public', 'pgboss') and c.relkind = 'r'`.execute(db);
  const pagesOf = new Map(sizes.rows.map((r) => [r.name, r.pages]));

  const byTable = new Map<string, Column[]>();
  for (const c of columns.rows) {
    const name = `${c.schema}.${c.table}`;
    if (skip.tables?.includes(name) || skip.columns?.includes(`${name}.${c.column}`)) continue;
    byTable.set(name, [...(byTable.get(name) ?? []), c]);
  }

  // A uuid's text is lower-case hex digits and dashes: it can only contain a needle made of those.
  const uuidsCanMatch = wanted.some((needle) => /^[0-9a-f-]+$/.test(needle.toLowerCase()));
  const scanTable = async (name: string, cols: Column[]): Promise<Leftover[]> => {
    const found: Leftover[] = [];
    const table = sql.table(name);
    const textOf = (c: Column) => (c.type === 'bytea' ? sql`encode(${sql.ref(c.column)}, 'escape')` : sql`${sql.ref(c.column)}::text`);
    const texts = cols.map(textOf);
    const searched = cols.filter((c) => c.type !== 'uuid' || uuidsCanMatch);
    if (searched.length === 0) return found;
    // First, cheaply, whether a range holds any needle anywhere in a row (its columns joined by a
    // character no needle contains); only then which column holds which needle. `offset 0` keeps the
    // joined text a column of its own: without it the planner inlines it into every strpos, lowering
    // and joining each row once per needle (measured: 3× slower with six needles).
    const joined = sql`lower(concat_ws(chr(1), ${sql.join(searched.map(textOf))}))`;
    const anyNeedle = sql.join(wanted.map((needle) => sql`strpos(s.t, lower(${needle})) > 0`), sql` or `);
    const lowered = sql.join(texts.map((text, i) => sql`lower(${text}) as ${sql.ref(`c${i}`)}`));
    const counts = sql.join(cols.flatMap((_, i) => wanted.map((needle, j) =>
      sql`count(*) filter (where strpos(${sql.ref(`c${i}`)}, lower(${needle})) > 0)::int as ${sql.ref(`h${i}_${j}`)}`)));
    const totals = new Map<string, number>();
    // Pages can be added while we read; the last range is open-ended so no row escapes.
    const pages = pagesOf.get(name) ?? 0;
    let pagesPerQuery = 4;
    const pacer = createPacer(targetMs, options.watchStatements);
    for (let from = 0, size = pagesPerQuery; ; from += size, size = pagesPerQuery) {
      const last = from + size >= pages;
      const range = pages === 0 ? sql`true` : last
        ? sql`ctid >= ${`(${from},0)`}::tid`
        : sql`ctid >= ${`(${from},0)`}::tid and ctid < ${`(${from + size},0)`}::tid`;
      const { value: { rows: [hits] }, ms } = await pacer.measure(() =>
        sql<{ n: number }>`select count(*)::int as n from (select ${joined} as t from ${table} where ${range} offset 0) s where ${anyNeedle}`.execute(db));
      if ((hits?.n ?? 0) > 0) {
        const { rows } = await sql<Record<string, number>>`select ${counts} from (select ${lowered} from ${table} where ${range} offset 0) s`.execute(db);
        for (const [key, n] of Object.entries(rows[0] ?? {})) if (n > 0) totals.set(key, (totals.get(key) ?? 0) + n);
      }
      await new Promise((resolve) => setImmediate(resolve));
      if (last) break;
      pagesPerQuery = pacer.next(size, size, ms, { min: 1, max: 1024 });
    }
    for (const [key, n] of totals) {
      const [i, j] = key.slice(1).split('_').map(Number);
      found.push({ table: name, column: cols[i!]!.column, needle: wanted[j!]!, rows: n });
    }
    return found;
  };

  // Largest tables first, so that concurrent lanes end together; the answer keeps the tables' order.
  const tables = [...byTable];
  const order = tables.map((_, i) => i).sort((a, b) => (pagesOf.get(tables[b]![0]) ?? 0) - (pagesOf.get(tables[a]![0]) ?? 0));
  const results: Leftover[][] = [];
  let next = 0;
  const lane = async () => {
    while (next < order.length) {
      const i = order[next++]!;
      results[i] = await scanTable(...tables[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, lane));
  return results.flat();
}

/** How many tables a scan reads (for the certificate). */
export async function countScannedTables(db: Kysely<any>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE'`.execute(db);
  return rows[0]?.n ?? 0;
}
