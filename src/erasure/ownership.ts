// Ownership first (decision 031, after DELF): before anything is erased, the keys of every row that
// was the person's are recorded from the registry — each delete or anonymise policy says through
// its matches which rows of its table are the person's (a column equal to the account's id or
// address, or a custom `owns` condition: the lines of their cart, the answers under their questions,
// the images of their store's products…). After the erasure, every recorded row must be gone, or
// hold exactly the replacements its policy declares. That proves what was the person's without
// looking for their name anywhere: a name equal to someone else's is never a finding.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/types.ts';
import { partitionsOf } from '../db/partitions.ts';
import type { ErasureDeps, ErasurePolicy, ErasureSubject, Replacement, RowMatch } from './policy.ts';
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

/**
 * The erasure_owned_rows column that holds a key column's values: u0/u1 (uuid arrays) for a uuid,
 * k0/k1 (their text) for any other type.
 */
const arrayOf = (key: KeyColumn[], i: number) => sql.ref(`${key[i]!.type === 'uuid' ? 'u' : 'k'}${i}`);

/** Selects columns t0 (and t1) of keys: one recorded chunk's, unnested side by side. */
const chunkKeys = (key: KeyColumn[], requestId: string, relation: string, chunk: number) =>
  sql`select unnest(o.${arrayOf(key, 0)}) as t0${key.length > 1 ? sql`, unnest(o.${arrayOf(key, 1)}) as t1` : sql``}
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
export function ownsCondition(match: RowMatch, subject: ErasureSubject, ctx: ErasureDeps): RawBuilder<boolean> {
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
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      try {
        await work(items[next++]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  // Once one lane fails the others take no new item, and this returns when none is still working.
  const lanesDone = await Promise.allSettled(Array.from({ length: Math.max(1, lanes) }, lane));
  const failure = lanesDone.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
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

/** What the record says it has made: every relation recorded through this policy (registry order). */
export type Recording = {
  /**
   * Resolves once every relation of the policies up to `table`'s, in registry order, is recorded
   * (at once for a table the registry does not erase); rejects when the recording failed.
   */
  ready(table: string): Promise<void>;
  /** settles when the recording ends: every relation recorded, stopped, or failed */
  done: Promise<void>;
  /** stops the recording between two chunks (the erasure it runs beside failed); `done` then rejects */
  stop(): void;
};

/** The SQL comment that marks the record's statements in pg_stat_activity (ERASURE_RECORD_MARK). */
export const RECORD_MARK = 'souk:erasure-record';

/** Where a relation's record stands: the next chunk to write and the last key written (null: from the start). */
type Resume = { chunk: number; l0: string | null; l1: string | null; complete: boolean };

/**
 * Records the keys of every row the registry says is the person's, in key order, one chunk a
 * statement (each partition of a partitioned table on its own), `held` checked in that same
 * statement, so no statement holds PGlite for long and each costs one round trip.
 *
 * It resumes what an earlier run of the same request recorded: a relation whose last chunk is not
 * full is complete; one whose last chunk is full goes on after its last key. So a recording may run
 * beside the erasure (decision 036): the erasure of a table waits for `ready(table)`, and a run
 * killed in between records on, after a restart, exactly what was left. That is sound because a
 * policy's ownership condition reads only its own table and tables later in the registry (parents:
 * the questions answers hang under, the store products belong to), never one erased before it, and
 * erasing a table never changes rows of a later one's ownership (a delete cascades to children, which
 * come first); test/erasure-ownership.test.ts compares a recording beside the erasure with one made
 * before it.
 */
export function startRecording(ctx: ErasureDeps, requestId: string, subject: ErasureSubject, registry: ErasurePolicy[], guard: RecordGuard): Recording {
  const size = CHUNK[ctx.database.engine];
  const policies = erasing(registry);
  const order = new Map(policies.map((p, i) => [p.table, i]));
  // Per table: the last registry index whose record its erasure must wait for (see waitIndexes).
  const waitFor = waitIndexes(ctx.db, policies, order);
  waitFor.catch(() => undefined); // heard through ready()
  // Per policy index: relations still to record; `through` = the last index with none left before it.
  const pending = policies.map(() => 1); // each policy counts one until its relations are listed
  let through = -1;
  let failure: unknown = null;
  let stopped = false;
  const waiters: Array<{ index: number; resolve(): void; reject(error: unknown): void }> = [];
  const settle = () => {
    while (through + 1 < pending.length && pending[through + 1] === 0) through++;
    for (const waiter of [...waiters]) {
      if (failure === null && waiter.index > through) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      if (failure === null) waiter.resolve();
      else waiter.reject(failure);
    }
  };
  // On PostgreSQL a chunk commits without waiting for the disk (set in the statement itself, so it
  // is one round trip and pg_stat_activity shows the mark until the connection's next statement): a
  // database crash may lose the last chunks, and the run that resumes records them again. An
  // erasure batch that waited for a chunk commits after it, so it cannot outlive it in a crash.
  const asyncCommit = ctx.database.engine === 'postgres' ? sql`, set_config('synchronous_commit', 'off', true) as async` : sql``;

  const recordRelation = async (policy: ErasingPolicy, relation: string, from: Resume | undefined) => {
    if (from?.complete) return;
    const owns = sql.join(policy.match.map((m) => ownsCondition(m, subject, ctx)), sql` or `);
    const key = await primaryKeyOf(ctx.db, relation);
    if (key.length === 0 || key.length > MAX_KEY_COLUMNS) throw new Error(`${relation} has no primary key of one or two columns: its rows cannot be recorded`);
    const columns = sql.join(key.map((k) => sql.ref(k.name)));
    const second = key.length > 1;
    let last: { l0: string | null; l1: string | null } | null = from && from.l0 !== null ? from : null;
    for (let chunk = from?.chunk ?? 0; ; chunk++) {
      if (stopped) throw new RecordingStopped();
      await guard.between?.();
      const after: RawBuilder<boolean> = last === null
        ? sql<boolean>`true`
        : sql<boolean>`(${columns}) > (${sql.join(key.map((k, i) => sql`${i === 0 ? last!.l0 : last!.l1}::${sql.raw(k.type)}`))})`;
      const { rows: [recorded] } = await sql<{ held: boolean; l0: string | null; l1: string | null; rows: number | null }>`/* ${sql.raw(RECORD_MARK)} */
        with lease as (select (${guard.held}) as held${asyncCommit}),
        batch as (
          select ${sql.join(key.map((k, i) => sql`${sql.ref(k.name)}${k.type === 'uuid' ? sql`` : sql`::text`} as ${sql.ref(`t${i}`)}`))}, ${columns} from ${sql.table(relation)}
          where (${owns}) and ${after} order by ${columns} limit ${sql.lit(size)}
        ),
        keys as (select array_agg(t0 order by ${columns}) as a0, ${second ? sql`array_agg(t1 order by ${columns})` : sql`null::text[]`} as a1 from batch),
        saved as (
          insert into erasure_owned_rows (request_id, table_name, relation, chunk, ${arrayOf(key, 0)}${second ? sql`, ${arrayOf(key, 1)}` : sql``}, rows)
          select ${requestId}, ${policy.table}, ${relation}, ${chunk}, a0${second ? sql`, a1` : sql``}, cardinality(a0) from keys, lease where a0 is not null and lease.held
          returning ${arrayOf(key, 0)}[rows]::text as l0, ${second ? sql`${arrayOf(key, 1)}[rows]::text` : sql`null::text`} as l1, rows
        )
        select lease.held, saved.l0, saved.l1, saved.rows from lease left join saved on true`.execute(ctx.db);
      if (!recorded?.held) throw guard.lost();
      await new Promise((resolve) => setImmediate(resolve));
      if (recorded.rows === null || recorded.rows < size) break;
      last = recorded;
    }
  };

  const done = (async () => {
    // What an earlier run of this request recorded: per relation, its last chunk.
    const { rows: earlier } = await sql<{ relation: string; chunk: number; rows: number; l0: string; l1: string | null }>`
      select distinct on (relation) relation, chunk, rows, coalesce(k0[rows], u0[rows]::text) as l0, coalesce(k1[rows], u1[rows]::text) as l1
      from erasure_owned_rows where request_id = ${requestId} order by relation, chunk desc`.execute(ctx.db);
    const resume = new Map(earlier.map((r) => [r.relation, { chunk: r.chunk + 1, l0: r.l0, l1: r.l1, complete: r.rows < size }]));
    const work: Array<{ policy: ErasingPolicy; index: number; relation: string }> = [];
    for (const [index, policy] of policies.entries()) {
      const relations = await relationsOf(ctx.db, policy.table);
      for (const relation of relations) work.push({ policy, index, relation });
      pending[index] = relations.length;
    }
    settle();
    await inLanes(work, LANES[ctx.database.engine], async ({ policy, index, relation }) => {
      await recordRelation(policy, relation, resume.get(relation));
      pending[index]!--;
      settle();
    });
  })().catch((error: unknown) => {
    failure = error;
    settle();
    throw error;
  });
  // `done` is awaited by whoever started the recording; waiters hear of a failure through ready().
  done.catch(() => undefined);
  return {
    async ready(table) {
      if (!order.has(table)) return;
      const index = (await waitFor).get(table)!;
      if (index <= through) return;
      if (failure !== null) throw failure;
      await new Promise<void>((resolve, reject) => {
        waiters.push({ index, resolve, reject });
      });
    },
    done,
    stop() {
      stopped = true;
    },
  };
}

/**
 * For each erasing policy's table, the last registry index whose record must be complete before it
 * is erased: its own, or that of a later table whose rows its erasure may delete or change — through
 * a foreign key that cascades or sets null on delete (read from the database, transitively: deleting
 * a support ticket deletes its messages), or in the policy's own code (`alsoChanges`).
 */
async function waitIndexes(db: Kysely<any>, policies: ErasingPolicy[], order: Map<string, number>): Promise<Map<string, number>> {
  const { rows } = await sql<{ parent: string; child: string }>`
    select distinct confrelid::regclass::text as parent, conrelid::regclass::text as child
    from pg_constraint where contype = 'f' and conparentid = 0 and confdeltype in ('c', 'n', 'd')`.execute(db);
  const changes = new Map<string, Set<string>>();
  const edge = (from: string, to: string) => (changes.get(from) ?? changes.set(from, new Set()).get(from)!).add(to);
  for (const { parent, child } of rows) edge(parent, child);
  for (const policy of policies) for (const other of policy.alsoChanges ?? []) edge(policy.table, other);
  const wait = new Map<string, number>();
  for (const [index, policy] of policies.entries()) {
    let last = index;
    const seen = new Set([policy.table]);
    const queue = [policy.table];
    while (queue.length > 0) {
      for (const next of changes.get(queue.pop()!) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
        last = Math.max(last, order.get(next) ?? -1);
      }
    }
    wait.set(policy.table, last);
  }
  return wait;
}

/** Thrown by a recording stopped through `stop()`. */
export class RecordingStopped extends Error {
  constructor() {
    super('the ownership record was stopped');
  }
}

/** Records every relation (startRecording) and waits until it is done. */
export async function recordOwnership(ctx: ErasureDeps, requestId: string, subject: ErasureSubject, registry: ErasurePolicy[], guard: RecordGuard): Promise<void> {
  await startRecording(ctx, requestId, subject, registry, guard).done;
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
