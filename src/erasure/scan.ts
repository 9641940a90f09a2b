// The proof's second half (decision 031): searches every text-like column of every table (Souk's and
// pg-boss's) for the person's unique identifiers as whole tokens, and names each row where one still
// stands. It reads each table in ranges of pages (a TID range scan), one query per range checking
// every column for every identifier at once (the columns joined into one string, a plain substring
// test); only a range with a hit is read again, column by column, with the whole-token patterns, and
// gives the keys of the rows that hold one. It yields to the event loop between queries: on PGlite,
// where the database serves one query at a time, a scan of a large shop never holds it for long.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/database.ts';
import { createPacer } from '../db/pacing.ts';
import { tokenPattern, UPLOAD_KEY_PATTERN, UPLOAD_KEY_PREFIXES, type Identifier } from './identifiers.ts';
import { inLanes, keyExpression, loadPrimaryKeys, primaryKeyOf } from './ownership.ts';

/**
 * Where an identifier still stands: the table as the registry names it (a partition's parent), the
 * relation read, the column, the identifier's index, how many rows, and the keys of the first of them.
 */
export type Leftover = {
  table: string;
  relation: string;
  column: string;
  needle: number;
  rows: number;
  keys: string[];
};

/** Row keys listed per range, column and identifier at most. */
const KEYS_PER_HIT = 50;

const TEXT_TYPES = [
  'text',
  'character varying',
  'character',
  'json',
  'jsonb',
  'uuid',
  'tsvector',
  'bytea',
  'ARRAY',
  'USER-DEFINED',
];

/**
 * One thing to look for: cheap substrings any row holding it must contain (lower-case), the exact
 * test on one column's text, and the index of the identifier it reports.
 */
type Search = {
  prefilter: string[];
  hit: (column: RawBuilder<unknown> | ReturnType<typeof sql.ref>) => RawBuilder<boolean>;
  needle: number;
};

/**
 * Each identifier is searched on its own, as a whole token; the keys of uploaded files (a seller can
 * have thousands) are searched together: any text naming an upload (a substring test for the key
 * prefixes) is read for keys, each looked up in the person's set.
 */
export function searchesFor(identifiers: Identifier[]): Search[] {
  const searches: Search[] = [];
  const uploads: string[] = [];
  let firstUpload = -1;
  identifiers.forEach((identifier, needle) => {
    if (identifier.kind === 'upload key') {
      if (firstUpload < 0) firstUpload = needle;
      uploads.push(identifier.value);
      return;
    }
    const pattern = tokenPattern(identifier);
    searches.push({
      prefilter: [identifier.value.toLowerCase()],
      hit: (column) => sql<boolean>`${column} ~* ${pattern}`,
      needle,
    });
  });
  if (uploads.length > 0) {
    searches.push({
      prefilter: UPLOAD_KEY_PREFIXES,
      hit: (column) =>
        sql<boolean>`exists (select 1 from regexp_matches(${column}, ${UPLOAD_KEY_PATTERN}, 'g') m where m[1] = any(${uploads}::text[]))`,
      needle: firstUpload,
    });
  }
  return searches;
}

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
 * Every (table, column, identifier) where a row still holds the identifier as a whole token,
 * case-insensitively, with the number of rows and the first rows' keys.
 */
export async function scanForIdentifiers(
  db: Kysely<any>,
  identifiers: Identifier[],
  skip: ScanSkip = {},
  options: ScanOptions = {},
): Promise<Leftover[]> {
  const searches = searchesFor(identifiers);
  if (searches.length === 0) return [];
  const targetMs = options.targetMs ?? 20;
  const columns = await sql<Column>`
    select c.table_schema as schema, c.table_name as table, c.column_name as column, c.data_type as type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema in ('public', 'pgboss') and c.data_type = any(${TEXT_TYPES})
      -- a generated column (a product's search vector) holds only what its source columns hold
      and c.is_generated = 'NEVER'
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

  await loadPrimaryKeys(db, [...byTable.keys()]);

  // lower() under the database's collation (C.UTF-8, say) converts every character to a wide one
  // and back: on PostgreSQL 35–40% of the first pass over a messages partition. When every needle
  // is ASCII, ASCII-only folding (collation "C") passes every row that holds one, whatever its case,
  // in a fraction of the time. (A text that spells an identifier with a look-alike letter outside
  // ASCII, the Kelvin sign for K, say, does not hold the identifier.)
  const asciiNeedles = searches.every((search) =>
    search.prefilter.every((needle) => [...needle].every((c) => c.charCodeAt(0) < 0x80)),
  );
  // A uuid's text is lower-case hex digits and dashes: it can only contain a needle made of those.
  const uuidsCanMatch = searches.some((search) => search.prefilter.some((needle) => /^[0-9a-f-]+$/.test(needle)));
  const parents = await sql<{ child: string; parent: string }>`
    select cn.nspname || '.' || c.relname as child, pn.nspname || '.' || p.relname as parent
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid join pg_namespace cn on cn.oid = c.relnamespace
    join pg_class p on p.oid = i.inhparent join pg_namespace pn on pn.oid = p.relnamespace`.execute(db);
  const parentOf = new Map(parents.rows.map((r) => [r.child, r.parent]));
  /** Pages per query the partitions of each partitioned table reached so far. */
  const learned = new Map<string, number>();
  type Hits = Map<string, { rows: number; keys: string[] }>;
  /** Hits per "h<column>_<needle>" in pages [from, to) of one table (to null: to the end, pages added meanwhile included). */
  const scanPages = async (
    name: string,
    cols: Column[],
    from: number,
    to: number | null,
    totals: Hits,
  ): Promise<void> => {
    const table = sql.table(name);
    const textOf = (c: Column) =>
      c.type === 'bytea' ? sql`encode(${sql.ref(c.column)}, 'escape')` : sql`${sql.ref(c.column)}::text`;
    const texts = cols.map(textOf);
    const searched = cols.filter((c) => c.type !== 'uuid' || uuidsCanMatch);
    if (searched.length === 0) return;
    // First, cheaply, whether a range holds any needle anywhere in a row (its columns joined by a
    // character no needle contains); only then which column holds which needle. `offset 0` keeps the
    // joined text a column of its own: without it the planner inlines it into every strpos, lowering
    // and joining each row once per needle (measured: 3× slower with six needles).
    const concatenated = sql`concat_ws(chr(1), ${sql.join(searched.map(textOf))})`;
    const joined = asciiNeedles ? sql`lower(${concatenated} collate "C")` : sql`lower(${concatenated})`;
    const anyNeedle = sql.join(
      searches.flatMap((search) => search.prefilter.map((needle) => sql`strpos(s.t, ${needle}) > 0`)),
      sql` or `,
    );
    const key = keyExpression(await primaryKeyOf(db, name));
    const columnTexts = sql.join([...texts.map((text, i) => sql`${text} as ${sql.ref(`c${i}`)}`), sql`${key} as k`]);
    const hit = (i: number, j: number) => searches[j]!.hit(sql.ref(`c${i}`));
    const counts = sql.join(
      cols.flatMap((_, i) =>
        searches.map(
          (_search, j) => sql`
      count(*) filter (where ${hit(i, j)})::int as ${sql.ref(`h${i}_${j}`)},
      (array_agg(k) filter (where ${hit(i, j)}))[1:${sql.lit(KEYS_PER_HIT)}] as ${sql.ref(`k${i}_${j}`)}`,
        ),
      ),
    );
    // A partition starts at the size its siblings reached (they hold rows alike), a table at 4 pages.
    const family = parentOf.get(name);
    let pagesPerQuery = (family && learned.get(family)) || 4;
    const pacer = createPacer(targetMs, options.watchStatements);
    for (let start = from, size = pagesPerQuery; ; start += size, size = pagesPerQuery) {
      const last = to === null ? start + size >= (pagesOf.get(name) ?? 0) : start + size >= to;
      if (to !== null) size = Math.min(size, to - start);
      const range =
        to === null && (pagesOf.get(name) ?? 0) === 0
          ? sql`true`
          : last && to === null
            ? sql`ctid >= ${`(${start},0)`}::tid`
            : sql`ctid >= ${`(${start},0)`}::tid and ctid < ${`(${start + size},0)`}::tid`;
      const {
        value: {
          rows: [hits],
        },
        ms,
      } = await pacer.measure(() =>
        sql<{
          n: number;
        }>`select count(*)::int as n from (select ${joined} as t from ${table} where ${range} offset 0) s where ${anyNeedle}`.execute(
          db,
        ),
      );
      if ((hits?.n ?? 0) > 0) {
        const { rows } = await sql<
          Record<string, number | string[] | null>
        >`select ${counts} from (select ${columnTexts} from ${table} where ${range} offset 0) s`.execute(db);
        const found = rows[0] ?? {};
        for (const [name, n] of Object.entries(found)) {
          if (!name.startsWith('h') || typeof n !== 'number' || n === 0) continue;
          const so = totals.get(name) ?? { rows: 0, keys: [] };
          so.rows += n;
          so.keys.push(
            ...((found[`k${name.slice(1)}`] as string[] | null) ?? []).slice(0, KEYS_PER_HIT - so.keys.length),
          );
          totals.set(name, so);
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
      if (last) break;
      pagesPerQuery = pacer.next(size, size, ms, { min: 1, max: 1024 });
      if (family) learned.set(family, pagesPerQuery);
    }
  };

  // The work in pieces of pages, largest first, so that concurrent lanes end together: a table
  // much larger than the rest (messages) is cut into one piece per lane instead of leaving the
  // other lanes idle while one reads it. Only a table's last piece is open-ended, so no row escapes.
  const lanes = Math.max(1, options.concurrency ?? 1);
  // Tables that were empty when their sizes were read are asked at once whether they hold a row
  // now: only those that do are scanned (one statement instead of one per empty table, which on
  // PGlite each wait their turn behind the shop's statements).
  const empty = [...byTable.keys()].filter((name) => (pagesOf.get(name) ?? 0) === 0);
  if (empty.length > 0) {
    const { rows } = await sql<{ filled: string[] | null }>`select array_remove(array[${sql.join(
      empty.map((name) => sql`case when exists (select from ${sql.table(name)}) then ${name} end`),
    )}]::text[], null) as filled`.execute(db);
    const filled = new Set(rows[0]?.filled ?? []);
    for (const name of empty) if (!filled.has(name)) byTable.delete(name);
  }
  const tables = [...byTable];
  const totals = tables.map((): Hits => new Map());
  const pieces: Array<{ table: number; from: number; to: number | null; pages: number }> = [];
  tables.forEach(([name], table) => {
    const pages = pagesOf.get(name) ?? 0;
    const cut = pages >= lanes * (options.minPiecePages ?? MIN_PIECE_PAGES) ? lanes : 1;
    for (let k = 0; k < cut; k++) {
      const from = Math.floor((pages * k) / cut);
      pieces.push({
        table,
        from,
        to: k === cut - 1 ? null : Math.floor((pages * (k + 1)) / cut),
        pages: Math.floor((pages * (k + 1)) / cut) - from,
      });
    }
  });
  pieces.sort((a, b) => b.pages - a.pages);
  await inLanes(pieces, lanes, async (piece) => {
    const [name, cols] = tables[piece.table]!;
    await scanPages(name, cols, piece.from, piece.to, totals[piece.table]!);
  });
  // The answer keeps the tables' order.
  const registryName = (relation: string) => {
    const parent = parentOf.get(relation) ?? relation;
    return parent.startsWith('public.') ? parent.slice('public.'.length) : parent;
  };
  return tables.flatMap(([name, cols], table) =>
    [...totals[table]!].map(([key, hits]) => {
      const [i, j] = key.slice(1).split('_').map(Number);
      return {
        table: registryName(name),
        relation: name,
        column: cols[i!]!.column,
        needle: searches[j!]!.needle,
        rows: hits.rows,
        keys: hits.keys,
      };
    }),
  );
}

/** How many tables a scan reads (for the certificate). */
export async function countScannedTables(db: Kysely<any>): Promise<number> {
  // Tables as the certificate names them: a partitioned table once, not each of its partitions.
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('public', 'pgboss') and c.relkind in ('r', 'p') and not c.relispartition`.execute(db);
  return rows[0]?.n ?? 0;
}
