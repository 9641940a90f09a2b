// Ownership first (decision 031, after DELF): before anything is erased, the keys of every row that
// was the person's are recorded from the registry — each delete or anonymise policy says through
// its matches which rows of its table are the person's (a column equal to the account's id or
// address, or a custom `owns` condition: the lines of their cart, the answers under their questions,
// the images of their store's products…). After the erasure, every recorded row must be gone, or
// hold exactly the replacements its policy declares. That proves what was the person's without
// looking for their name anywhere: a name equal to someone else's is never a finding.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/types.ts';
import { partitionsOf } from '../db/partitions.ts';
import type { ErasurePolicy, ErasureSubject, Replacement, RowMatch } from './policy.ts';
import { replacement } from './executor.ts';

type ErasingPolicy = Extract<ErasurePolicy, { action: 'delete' | 'anonymise' }>;

/**
 * Keys recorded per row of erasure_owned_rows, and so per statement: on PGlite, where a statement
 * holds the database for everyone, 1,000 (about 30 ms on a slow machine); on PostgreSQL, where it
 * holds nobody up, 5,000 (fewer statements and commits).
 */
const CHUNK = { pglite: 1000, postgres: 5000 } as const;

type KeyColumn = { name: string; type: string };

const keyCache = new Map<string, KeyColumn[]>();

/** The primary key's columns and types of a relation ([] when it has none or is not there). */
export async function primaryKeyOf(db: Kysely<any>, relation: string): Promise<KeyColumn[]> {
  const cached = keyCache.get(relation);
  if (cached) return cached;
  const { rows } = await sql<KeyColumn>`
    select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
    from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
    where i.indrelid = to_regclass(${relation}) and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  if (rows.length > 0) keyCache.set(relation, rows);
  return rows;
}

/** A row's key as text: the JSON array of its primary key's columns (its ctid when it has none). */
export function keyExpression(key: KeyColumn[]): RawBuilder<string> {
  return key.length === 0 ? sql<string>`ctid::text` : sql<string>`json_build_array(${sql.join(key.map((k) => sql.ref(k.name)))})::text`;
}

/** The row whose key text (keyExpression) is `rowKey`, as a condition the primary key's index serves. */
export function keyEquals(key: KeyColumn[], rowKey: string): RawBuilder<boolean> {
  if (key.length === 0) return sql<boolean>`ctid = ${rowKey}::tid`;
  return sql<boolean>`(${sql.join(key.map((k) => sql.ref(k.name)))}) = (${sql.join(key.map((k, i) => sql`(${rowKey}::json->>${sql.lit(i)})::${sql.raw(k.type)}`))})`;
}

/** The ownership record keeps a key's first two columns (no table of Souk's has a longer one). */
export const MAX_KEY_COLUMNS = 2;

/** Selects text columns t0 (and t1) of keys: one recorded chunk's, unnested side by side. */
const chunkKeys = (key: KeyColumn[], requestId: string, relation: string, chunk: number) =>
  sql`select unnest(o.k0) as t0${key.length > 1 ? sql`, unnest(o.k1) as t1` : sql``}
    from erasure_owned_rows o where o.request_id = ${requestId} and o.relation = ${relation} and o.chunk = ${chunk}`;

/** `with recorded as materialized (…)`: the keys `source` selects, cast once to the key's types as c0 (and c1). */
function recordedKeys(key: KeyColumn[], source: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`with recorded as materialized (select ${sql.join(key.map((k, i) => sql`s.${sql.ref(`t${i}`)}::${sql.raw(k.type)} as ${sql.ref(`c${i}`)}`))} from (${source}) s)`;
}

/**
 * `(pk) in recorded` (after recordedKeys). The leading key column is matched with
 * `= any(array(…))`, which the primary key's index serves row by row (an `in` list would be hashed
 * and the table read whole); a two-column key is then matched in full.
 */
function keyIn(key: KeyColumn[]): RawBuilder<boolean> {
  const leading = sql<boolean>`${sql.ref(key[0]!.name)} = any(array(select c0 from recorded))`;
  if (key.length === 1) return leading;
  return sql<boolean>`${leading} and (${sql.join(key.map((k) => sql.ref(k.name)))}) in (select ${sql.join(key.map((_, i) => sql.ref(`c${i}`)))} from recorded)`;
}

/** The SQL condition a match selects the person's rows with. */
export function ownsCondition(match: RowMatch, subject: ErasureSubject, ctx: AppContext): RawBuilder<boolean> {
  if ('custom' in match) return match.owns(subject, ctx);
  return match.equals === 'user_id'
    ? sql<boolean>`${sql.ref(match.column)} = ${subject.userId}`
    : sql<boolean>`lower(${sql.ref(match.column)}) = lower(${subject.email})`;
}

/** Whether a row holds exactly what its policy puts in place of the person's data. */
function replaced(set: Record<string, Replacement>): RawBuilder<boolean> {
  const checks = Object.entries(set).map(([column, value]) => {
    if (value === null) return sql`${sql.ref(column)} is null`;
    if ('now' in value) return sql`${sql.ref(column)} is not null`;
    return sql`${sql.ref(column)} is not distinct from ${value.value}`;
  });
  return sql<boolean>`(${sql.join(checks, sql` and `)})`;
}

const erasing = (registry: ErasurePolicy[]): ErasingPolicy[] =>
  registry.filter((p): p is ErasingPolicy => p.action === 'delete' || p.action === 'anonymise');

async function exists(db: Kysely<any>, relation: string): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass(${relation}) is not null as present`.execute(db);
  return rows[0]?.present ?? false;
}

/**
 * Runs `work` on every item, `lanes` at a time: PostgreSQL's pool serves several statements at once
 * (one core each); PGlite has one connection, so one lane.
 */
export async function inLanes<T>(items: T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
}

/** Lanes for the ownership record and proof, per engine (as the verification scan's, decision 026). */
const LANES = { pglite: 1, postgres: 2 } as const;

/** The relations a policy's rows live in: its partitions, or the table itself. */
async function relationsOf(db: Kysely<any>, table: string): Promise<string[]> {
  if (!(await exists(db, table))) return [];
  const partitions = await partitionsOf(db, table);
  return partitions.length > 0 ? partitions : [table];
}

/** What keeps a recording to the worker that may write it (the request's lease). */
export type RecordGuard = {
  /** an SQL condition that holds while the caller may write */
  held: RawBuilder<boolean>;
  /** called between chunks (renew what `held` checks; throw to stop) */
  between?(): Promise<void>;
  /** the error to throw once `held` no longer holds */
  lost(): Error;
};

/**
 * Records the keys of every row the registry says is the person's, in key order, one chunk a
 * statement (each partition of a partitioned table on its own), `held` checked in that same
 * statement, so no statement holds PGlite for long and each costs one round trip. Starts over for
 * the request.
 */
export async function recordOwnership(ctx: AppContext, requestId: string, subject: ErasureSubject, registry: ErasurePolicy[], guard: RecordGuard): Promise<void> {
  const size = CHUNK[ctx.database.engine];
  // On PostgreSQL a chunk commits without waiting for the disk: a database crash may lose the last
  // chunks, and the run that resumes records everything again (the caller marks the record complete
  // in a commit of its own, which waits). On PGlite each chunk is one statement of its own.
  const write = async <T>(statement: RawBuilder<T>): Promise<T[]> => {
    if (ctx.database.engine !== 'postgres') return (await statement.execute(ctx.db)).rows;
    return ctx.db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      return (await statement.execute(trx)).rows;
    });
  };
  const [cleared] = await write(sql<{ held: boolean }>`
    with lease as (select (${guard.held}) as held),
    dropped as (delete from erasure_owned_rows where request_id = ${requestId} and (select held from lease))
    select held from lease`);
  if (!cleared?.held) throw guard.lost();
  const work: Array<{ policy: ErasingPolicy; relation: string }> = [];
  for (const policy of erasing(registry)) for (const relation of await relationsOf(ctx.db, policy.table)) work.push({ policy, relation });
  await inLanes(work, LANES[ctx.database.engine], async ({ policy, relation }) => {
    const owns = sql.join(policy.match.map((m) => ownsCondition(m, subject, ctx)), sql` or `);
    const key = await primaryKeyOf(ctx.db, relation);
    if (key.length === 0 || key.length > MAX_KEY_COLUMNS) throw new Error(`${relation} has no primary key of one or two columns: its rows cannot be recorded`);
    const columns = sql.join(key.map((k) => sql.ref(k.name)));
    const second = key.length > 1;
    let last: { l0: string | null; l1: string | null } | null = null;
    for (let chunk = 0; ; chunk++) {
      await guard.between?.();
      const after: RawBuilder<boolean> = last === null
        ? sql<boolean>`true`
        : sql<boolean>`(${columns}) > (${sql.join(key.map((k, i) => sql`${i === 0 ? last!.l0 : last!.l1}::${sql.raw(k.type)}`))})`;
      const [recorded] = await write(sql<{ held: boolean; l0: string | null; l1: string | null; rows: number | null }>`
        with lease as (select (${guard.held}) as held),
        batch as (
          select ${sql.join(key.map((k, i) => sql`${sql.ref(k.name)}::text as ${sql.ref(`t${i}`)}`))}, ${columns} from ${sql.table(relation)}
          where (${owns}) and ${after} order by ${columns} limit ${sql.lit(size)}
        ),
        keys as (select array_agg(t0 order by ${columns}) as k0, ${second ? sql`array_agg(t1 order by ${columns})` : sql`null::text[]`} as k1 from batch),
        saved as (
          insert into erasure_owned_rows (request_id, table_name, relation, chunk, k0, k1, rows)
          select ${requestId}, ${policy.table}, ${relation}, ${chunk}, k0, k1, cardinality(k0) from keys, lease where k0 is not null and lease.held
          returning k0[rows] as l0, k1[rows] as l1, rows
        )
        select lease.held, saved.l0, saved.l1, saved.rows from lease left join saved on true`);
      if (!recorded?.held) throw guard.lost();
      await new Promise((resolve) => setImmediate(resolve));
      if (recorded.rows === null || recorded.rows < size) break;
      last = recorded;
    }
  });
}

/** A recorded row that is still there, or still holds something other than its replacements. */
export type OwnershipFinding = { table: string; column: string; rowKey: string };

export type OwnershipProof = {
  /** per table that held rows of the person */
  tables: Array<{ table: string; recorded: number; gone: number; anonymised: number }>;
  findings: OwnershipFinding[];
};

/** Findings listed per relation and chunk at most (the count says how many more). */
const FINDINGS_PER_CHUNK = 20;

/**
 * Checks every recorded row: gone, or (anonymised tables) holding exactly its policy's replacements.
 * One statement per recorded chunk, `lanes` at a time (PostgreSQL: one per pool connection in use).
 */
export async function proveOwnership(db: Kysely<DB>, requestId: string, registry: ErasurePolicy[], lanes = 1): Promise<OwnershipProof> {
  const policies = new Map(erasing(registry).map((p) => [p.table, p]));
  const chunks = await db.selectFrom('erasure_owned_rows').select(['table_name', 'relation', 'chunk', 'rows'])
    .where('request_id', '=', requestId).orderBy('relation').orderBy('chunk').execute();
  const tables = new Map<string, { table: string; recorded: number; gone: number; anonymised: number }>();
  const findings: OwnershipFinding[] = [];
  const present = new Map<string, Promise<boolean>>();
  const relationExists = (relation: string) => present.get(relation) ?? present.set(relation, exists(db, relation)).get(relation)!;
  await inLanes(chunks, lanes, async (chunk) => {
    const policy = policies.get(chunk.table_name);
    const tally = tables.get(chunk.table_name) ?? { table: chunk.table_name, recorded: 0, gone: 0, anonymised: 0 };
    tables.set(chunk.table_name, tally);
    tally.recorded += chunk.rows;
    if (!policy || !(await relationExists(chunk.relation))) {
      // The registry no longer erases this table, or it is gone: nothing to find in it.
      tally.gone += chunk.rows;
      return;
    }
    const key = await primaryKeyOf(db, chunk.relation);
    // The registry check fails the build for such a table; a row recorded by its ctid proves nothing.
    if (key.length === 0) throw new Error(`${chunk.relation} has no primary key: its rows cannot be proven gone`);
    const wrong = policy.action === 'delete' ? sql<boolean>`true` : sql<boolean>`not ${replaced(policy.set)}`;
    const { rows: [row] } = await sql<{ present: number; wrong: number; keys: string[] | null }>`
      ${recordedKeys(key, chunkKeys(key, requestId, chunk.relation, chunk.chunk))}
      select count(*)::int as present, count(*) filter (where ${wrong})::int as wrong,
        (array_agg(${keyExpression(key)}) filter (where ${wrong}))[1:${sql.lit(FINDINGS_PER_CHUNK)}] as keys
      from ${sql.table(chunk.relation)} where ${keyIn(key)}`.execute(db);
    const present = row?.present ?? 0;
    tally.gone += chunk.rows - present;
    tally.anonymised += present - (row?.wrong ?? 0);
    for (const rowKey of row?.keys ?? []) {
      findings.push({ table: chunk.table_name, column: policy.action === 'delete' ? '*' : Object.keys(policy.set).join(', '), rowKey });
    }
    await new Promise((resolve) => setImmediate(resolve));
  });
  return {
    tables: [...tables.values()].filter((t) => t.recorded > 0).sort((a, b) => a.table.localeCompare(b.table)),
    findings: findings.sort((a, b) => `${a.table} ${a.rowKey}`.localeCompare(`${b.table} ${b.rowKey}`)),
  };
}

/**
 * Staff's "erase this value" for an ownership finding: the row's policy applied to that one row
 * (deleted, or its declared columns replaced).
 */
export async function eraseOwnedRow(trx: Kysely<DB>, registry: ErasurePolicy[], table: string, rowKey: string): Promise<number> {
  const policy = erasing(registry).find((p) => p.table === table);
  if (!policy) return 0;
  let changed = 0;
  for (const relation of await relationsOf(trx, table)) {
    const key = await primaryKeyOf(trx, relation);
    if (key.length === 0) continue;
    const statement = policy.action === 'delete'
      ? sql`delete from ${sql.table(relation)} where ${keyEquals(key, rowKey)}`
      : sql`update ${sql.table(relation)} set ${sql.join(Object.entries(policy.set).map(([column, value]) => sql`${sql.ref(column)} = ${replacement(value)}`))}
        where ${keyEquals(key, rowKey)}`;
    changed += Number((await statement.execute(trx)).numAffectedRows ?? 0);
  }
  return changed;
}
