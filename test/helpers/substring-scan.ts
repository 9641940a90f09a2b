// The tests' own oracle: every (table, column, needle) where any row still CONTAINS a needle,
// case-insensitively — the substring scan Souk used before decision 031. Souk itself no longer
// searches names this way (a name equal to someone else's is not the person's data); a test whose
// population gives each person unique names and streets uses it to see that nothing of theirs is
// left anywhere, independently of the ownership proof.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { createPacer } from '../../src/db/pacing.ts';

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
  /** lanes reading at the same time, each on its own connection (PostgreSQL; PGlite has one connection) */
  concurrency?: number;
  /** a table of at least `concurrency` × this many pages is read in one piece per lane (default 1024; Infinity: never) */
  minPiecePages?: number;
};

type Column = { schema: string; table: string; column: string; type: string };

/** A table is cut into one piece per lane only from this size on (pages): smaller ones are not worth a second ramp-up. */
const MIN_PIECE_PAGES = 1024;

/** Tables that hold rows themselves: not a partitioned table (its partitions are listed on their own). */
const PLAIN_TABLE = sql`(select k.relkind from pg_class k where k.oid = (quote_ident(t.table_schema) || '.' || quote_ident(t.table_name))::regclass) = 'r'`;

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
      -- a partitioned table holds no rows of its own: its partitions are read instead
      and ${PLAIN_TABLE}
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
  /** Counts per "h<column>_<needle>" in pages [from, to) of one table (to null: to the end, pages added meanwhile included). */
  const scanPages = async (name: string, cols: Column[], from: number, to: number | null, totals: Map<string, number>): Promise<void> => {
    const table = sql.table(name);
    const textOf = (c: Column) => (c.type === 'bytea' ? sql`encode(${sql.ref(c.column)}, 'escape')` : sql`${sql.ref(c.column)}::text`);
    const texts = cols.map(textOf);
    const searched = cols.filter((c) => c.type !== 'uuid' || uuidsCanMatch);
    if (searched.length === 0) return;
    // First, cheaply, whether a range holds any needle anywhere in a row (its columns joined by a
    // character no needle contains); only then which column holds which needle. `offset 0` keeps the
    // joined text a column of its own: without it the planner inlines it into every strpos, lowering
    // and joining each row once per needle (measured: 3× slower with six needles).
    const joined = sql`lower(concat_ws(chr(1), ${sql.join(searched.map(textOf))}))`;
    const anyNeedle = sql.join(wanted.map((needle) => sql`strpos(s.t, lower(${needle})) > 0`), sql` or `);
    const lowered = sql.join(texts.map((text, i) => sql`lower(${text}) as ${sql.ref(`c${i}`)}`));
    const counts = sql.join(cols.flatMap((_, i) => wanted.map((needle, j) =>
      sql`count(*) filter (where strpos(${sql.ref(`c${i}`)}, lower(${needle})) > 0)::int as ${sql.ref(`h${i}_${j}`)}`)));
    let pagesPerQuery = 4;
    const pacer = createPacer(targetMs, options.watchStatements);
    for (let start = from, size = pagesPerQuery; ; start += size, size = pagesPerQuery) {
      const last = to === null ? start + size >= (pagesOf.get(name) ?? 0) : start + size >= to;
      if (to !== null) size = Math.min(size, to - start);
      const range = to === null && (pagesOf.get(name) ?? 0) === 0 ? sql`true` : last && to === null
        ? sql`ctid >= ${`(${start},0)`}::tid`
        : sql`ctid >= ${`(${start},0)`}::tid and ctid < ${`(${start + size},0)`}::tid`;
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
  };

  // The work in pieces of pages, largest first, so that concurrent lanes end together: a table
  // much larger than the rest (messages) is cut into one piece per lane instead of leaving the
  // other lanes idle while one reads it. Only a table's last piece is open-ended, so no row escapes.
  const lanes = Math.max(1, options.concurrency ?? 1);
  const tables = [...byTable];
  const totals = tables.map(() => new Map<string, number>());
  const pieces: Array<{ table: number; from: number; to: number | null; pages: number }> = [];
  tables.forEach(([name], table) => {
    const pages = pagesOf.get(name) ?? 0;
    const cut = pages >= lanes * (options.minPiecePages ?? MIN_PIECE_PAGES) ? lanes : 1;
    for (let k = 0; k < cut; k++) {
      const from = Math.floor((pages * k) / cut);
      pieces.push({ table, from, to: k === cut - 1 ? null : Math.floor((pages * (k + 1)) / cut), pages: Math.floor((pages * (k + 1)) / cut) - from });
    }
  });
  pieces.sort((a, b) => b.pages - a.pages);
  let next = 0;
  const lane = async () => {
    while (next < pieces.length) {
      const piece = pieces[next++]!;
      const [name, cols] = tables[piece.table]!;
      await scanPages(name, cols, piece.from, piece.to, totals[piece.table]!);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  // The answer keeps the tables' order.
  return tables.flatMap(([name, cols], table) => [...totals[table]!].map(([key, n]) => {
    const [i, j] = key.slice(1).split('_').map(Number);
    return { table: name, column: cols[i!]!.column, needle: wanted[j!]!, rows: n };
  }));
}

