// Ownership first (decision 031, after DELF): before anything is erased, the keys of every row that
// was the person's are recorded from the registry — each delete or anonymise policy says through
// its matches which rows of its table are the person's (a column equal to the account's id or
// address, or a custom `owns` condition: the lines of their cart, the answers under their questions,
// the images of their store's products…). After the erasure, every recorded row must be gone, or
// hold exactly the replacements its policy declares. That proves what was the person's without
// looking for their name anywhere: a name equal to someone else's is never a finding.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/types.ts';
import type { ErasureDeps, ErasurePolicy, ErasureSubject, Replacement, RowMatch } from './policy.ts';
import { replacement } from './executor.ts';

type ErasingPolicy = Extract<ErasurePolicy, { action: 'delete' | 'anonymise' }>;

/**
 * Keys recorded per row of erasure_owned_rows, and so per statement: 10,000, a messages partition
 * of a large account in one chunk. On PGlite a statement holds the database for everyone: with
 * 3,000, each chunk read all the person's rows of its partition again (20–25 ms); since the record
 * reads an index range after the last key (recordOrder, decision 053), 10,000 keys cost a few ms
 * and three times fewer statements, each of which waits its turn behind the shop's. On PostgreSQL,
 * where it holds nobody up, 5,000 made the record 0.48 s of the benchmark's erasure instead of
 * 0.32–0.36 s.
 */
const CHUNK = { pglite: 10000, postgres: 10000 } as const;

type KeyColumn = { name: string; type: string };

const keyCache = new Map<string, KeyColumn[]>();

/**
 * Looks up the primary keys of these relations in one statement, for primaryKeyOf to answer from
 * memory. A relation that is there without a primary key is remembered as keyless (the
 * verification scan asks for each piece of every table it reads); one that is not there yet is not
 * remembered, as it may be created with one.
 */
export async function loadPrimaryKeys(db: Kysely<any>, relations: string[]): Promise<void> {
  const missing = relations.filter((r) => !keyCache.has(r));
  if (missing.length === 0) return;
  const { rows } = await sql<{ relation: string; key: KeyColumn[] }>`
    select r.name as relation, coalesce((
      select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod))
        order by array_position(i.indkey::int2[], a.attnum))
      from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
      where i.indrelid = to_regclass(r.name) and i.indisprimary), '[]'::json) as key
    from unnest(${missing}::text[]) r(name) where to_regclass(r.name) is not null`.execute(db);
  for (const row of rows) keyCache.set(row.relation, row.key);
}

/** The primary key's columns and types of a relation ([] when it has none or is not there). */
export async function primaryKeyOf(db: Kysely<any>, relation: string): Promise<KeyColumn[]> {
  await loadPrimaryKeys(db, [relation]);
  return keyCache.get(relation) ?? [];
}

/** A row's key as text: the JSON array of its primary key's columns (its ctid when it has none). */
export function keyExpression(key: KeyColumn[]): RawBuilder<string> {
  return key.length === 0
    ? sql<string>`ctid::text`
    : sql<string>`json_build_array(${sql.join(key.map((k) => sql.ref(k.name)))})::text`;
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
const chunkKeys = (key: KeyColumn[], requestId: string, relation: string, chunks: number[]) =>
  sql`select unnest(o.${arrayOf(key, 0)}) as t0${key.length > 1 ? sql`, unnest(o.${arrayOf(key, 1)}) as t1` : sql``}
    from erasure_owned_rows o where o.request_id = ${requestId} and o.relation = ${relation} and o.chunk = any(${chunks}::int[])`;

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

async function exists(db: Kysely<any>, relation: string, mark = ''): Promise<boolean> {
  const { rows } = await sql<{
    present: boolean;
  }>`${sql.raw(mark)}select to_regclass(${relation}) is not null as present`.execute(db);
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
  return (await relationsOfAll(db, [table]))[0]!;
}

/**
 * relationsOf for every table, in one statement: a table that is not there has none; a partitioned
 * one its partitions, by name (as partitionsOf lists them).
 */
async function relationsOfAll(db: Kysely<any>, tables: string[]): Promise<string[][]> {
  const { rows } = await sql<{ relations: string[] }>`
    select case when to_regclass(t.name) is null then '{}'::text[]
      else coalesce((select array_agg(i.inhrelid::regclass::text order by i.inhrelid::regclass::text) from pg_inherits i where i.inhparent = to_regclass(t.name)), array[t.name]) end as relations
    from unnest(${tables}::text[]) with ordinality t(name, n) order by t.n`.execute(db);
  return rows.map((r) => r.relations);
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
export function startRecording(
  ctx: ErasureDeps,
  requestId: string,
  subject: ErasureSubject,
  registry: ErasurePolicy[],
  guard: RecordGuard,
): Recording {
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
  const asyncCommit =
    ctx.database.engine === 'postgres' ? sql`, set_config('synchronous_commit', 'off', true) as async` : sql``;

  const recordRelation = async (policy: ErasingPolicy, relation: string, from: Resume | undefined) => {
    if (from?.complete) return;
    const owns = sql.join(
      policy.match.map((m) => ownsCondition(m, subject, ctx)),
      sql` or `,
    );
    const key = await primaryKeyOf(ctx.db, relation);
    if (key.length === 0 || key.length > MAX_KEY_COLUMNS)
      throw new Error(`${relation} has no primary key of one or two columns: its rows cannot be recorded`);
    const columns = sql.join(key.map((k) => sql.ref(k.name)));
    // The key's positions in the order the record reads them (recordOrder, else the key's own).
    const order = policy.recordOrder?.map((name) => key.findIndex((k) => k.name === name)) ?? key.map((_, i) => i);
    if (order.length !== key.length || new Set(order).size !== key.length || order.includes(-1))
      throw new Error(`${policy.table}'s recordOrder must name the columns of ${relation}'s primary key`);
    const ordered = sql.join(order.map((i) => sql.ref(key[i]!.name)));
    const second = key.length > 1;
    let last: { l0: string | null; l1: string | null } | null = from && from.l0 !== null ? from : null;
    for (let chunk = from?.chunk ?? 0; ; chunk++) {
      if (stopped) throw new RecordingStopped();
      await guard.between?.();
      const after: RawBuilder<boolean> =
        last === null
          ? sql<boolean>`true`
          : sql<boolean>`(${ordered}) > (${sql.join(order.map((i) => sql`${i === 0 ? last!.l0 : last!.l1}::${sql.raw(key[i]!.type)}`))})`;
      const {
        rows: [recorded],
      } = await sql<{
        held: boolean;
        l0: string | null;
        l1: string | null;
        rows: number | null;
      }>`/* ${sql.raw(RECORD_MARK)} */
        with lease as (select (${guard.held}) as held${asyncCommit}),
        batch as (
          select ${sql.join(key.map((k, i) => sql`${sql.ref(k.name)}${k.type === 'uuid' ? sql`` : sql`::text`} as ${sql.ref(`t${i}`)}`))}, ${columns} from ${sql.table(relation)}
          where (${owns}) and ${after} order by ${ordered} limit ${sql.lit(size)}
        ),
        keys as (select array_agg(t0 order by ${ordered}) as a0, ${second ? sql`array_agg(t1 order by ${ordered})` : sql`null::text[]`} as a1 from batch),
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
    // What an earlier run of this request recorded (per relation, its last chunk), and where to record.
    const [{ rows: earlier }, relations] = await Promise.all([
      sql<{ relation: string; chunk: number; rows: number; l0: string; l1: string | null }>`
        select distinct on (relation) relation, chunk, rows, coalesce(k0[rows], u0[rows]::text) as l0, coalesce(k1[rows], u1[rows]::text) as l1
        from erasure_owned_rows where request_id = ${requestId} order by relation, chunk desc`.execute(ctx.db),
      relationsOfAll(
        ctx.db,
        policies.map((p) => p.table),
      ),
    ]);
    await loadPrimaryKeys(ctx.db, relations.flat());
    const resume = new Map(
      earlier.map((r) => [r.relation, { chunk: r.chunk + 1, l0: r.l0, l1: r.l1, complete: r.rows < size }]),
    );
    const work: Array<{ policy: ErasingPolicy; index: number; relation: string }> = [];
    for (const [index, policy] of policies.entries()) {
      for (const relation of relations[index]!) work.push({ policy, index, relation });
      pending[index] = relations[index]!.length;
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
async function waitIndexes(
  db: Kysely<any>,
  policies: ErasingPolicy[],
  order: Map<string, number>,
): Promise<Map<string, number>> {
  const changes = await changedBy(db, ['c', 'n', 'd']);
  return new Map(
    policies.map((policy, index) => [
      policy.table,
      Math.max(index, ...[...changes(policy)].map((table) => order.get(table) ?? -1)),
    ]),
  );
}

/**
 * The tables whose rows a policy's steps may delete or change besides its own (its own table
 * included only when reached again), transitively: what its own code changes (`alsoChanges`), and
 * through a foreign key whose action on delete is one of `actions` (pg_constraint's confdeltype: c
 * cascade, n set null, d set default), from the rows it deletes — a deleting policy's own, and
 * those of a table its code changes. An anonymising step deletes nothing itself, and no foreign key
 * of Souk's acts on update.
 */
async function changedBy(db: Kysely<any>, actions: string[]): Promise<(policy: ErasingPolicy) => Set<string>> {
  const { rows } = await sql<{ parent: string; child: string }>`
    select distinct confrelid::regclass::text as parent, conrelid::regclass::text as child
    from pg_constraint where contype = 'f' and conparentid = 0 and confdeltype::text = any(${actions})`.execute(db);
  const changes = new Map<string, Set<string>>();
  const edge = (from: string, to: string) => (changes.get(from) ?? changes.set(from, new Set()).get(from)!).add(to);
  for (const { parent, child } of rows) edge(parent, child);
  return (policy) => {
    const reached = new Set<string>(policy.alsoChanges ?? []);
    const queue = [...(policy.action === 'delete' ? [policy.table] : []), ...reached];
    while (queue.length > 0) {
      for (const next of changes.get(queue.pop()!) ?? []) {
        if (reached.has(next)) continue;
        reached.add(next);
        queue.push(next);
      }
    }
    return reached;
  };
}

/** Thrown by a recording stopped through `stop()`. */
export class RecordingStopped extends Error {
  constructor() {
    super('the ownership record was stopped');
  }
}

/** Records every relation (startRecording) and waits until it is done. */
export async function recordOwnership(
  ctx: ErasureDeps,
  requestId: string,
  subject: ErasureSubject,
  registry: ErasurePolicy[],
  guard: RecordGuard,
): Promise<void> {
  await startRecording(ctx, requestId, subject, registry, guard).done;
}

/** A recorded row that is still there, or still holds something other than its replacements. */
export type OwnershipFinding = { table: string; column: string; rowKey: string };

/** What the proof says of one table that held rows of the person. */
export type TableProof = { table: string; recorded: number; gone: number; anonymised: number };

export type OwnershipProof = {
  /** per table that held rows of the person */
  tables: TableProof[];
  findings: OwnershipFinding[];
};

/** Findings listed per relation and chunk at most (the count says how many more). */
const FINDINGS_PER_CHUNK = 20;

type Chunk = { table_name: string; relation: string; chunk: number; rows: number };

/**
 * Recorded keys proven per statement at most: a relation's chunks are proven together up to this
 * many keys (one statement for a messages partition of a large account, where a chunk a statement
 * made three; each statement waits its turn on PGlite behind the shop's), about 10 ms on PGlite.
 */
const PROOF_KEYS = 10_000;

/** Consecutive chunks of one relation (as chunksOf orders them), up to PROOF_KEYS keys a group. */
function groupChunks(chunks: Chunk[]): Array<Chunk & { chunks: number[] }> {
  const groups: Array<Chunk & { chunks: number[] }> = [];
  for (const chunk of chunks) {
    const last = groups.at(-1);
    if (last && last.relation === chunk.relation && last.rows + chunk.rows <= PROOF_KEYS) {
      last.chunks.push(chunk.chunk);
      last.rows += chunk.rows;
    } else groups.push({ ...chunk, chunks: [chunk.chunk] });
  }
  return groups;
}

/**
 * Checks every recorded row of the chunks: gone, or (anonymised tables) holding exactly its
 * policy's replacements. One statement per group of a relation's chunks, `lanes` at a time (PostgreSQL: one per pool
 * connection in use); `mark` prefixes each statement (RECORD_MARK when proving beside the erasure).
 */
async function proveChunks(
  db: Kysely<DB>,
  requestId: string,
  policies: Map<string, ErasingPolicy>,
  chunks: Chunk[],
  lanes: number,
  mark = '',
): Promise<OwnershipProof> {
  const tables = new Map<string, TableProof>();
  const findings: OwnershipFinding[] = [];
  const present = new Map<string, Promise<boolean>>();
  const relationExists = (relation: string) =>
    present.get(relation) ?? present.set(relation, exists(db, relation, mark)).get(relation)!;
  await inLanes(groupChunks(chunks), lanes, async (chunk) => {
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
    const {
      rows: [row],
    } = await sql<{ present: number; wrong: number; keys: string[] | null }>`${sql.raw(mark)}
      ${recordedKeys(key, chunkKeys(key, requestId, chunk.relation, chunk.chunks))}
      select count(*)::int as present, count(*) filter (where ${wrong})::int as wrong,
        (array_agg(${keyExpression(key)}) filter (where ${wrong}))[1:${sql.lit(FINDINGS_PER_CHUNK)}] as keys
      from ${sql.table(chunk.relation)} where ${keyIn(key)}`.execute(db);
    const present = row?.present ?? 0;
    tally.gone += chunk.rows - present;
    tally.anonymised += present - (row?.wrong ?? 0);
    for (const rowKey of row?.keys ?? []) {
      findings.push({
        table: chunk.table_name,
        column: policy.action === 'delete' ? '*' : Object.keys(policy.set).join(', '),
        rowKey,
      });
    }
    await new Promise((resolve) => setImmediate(resolve));
  });
  return { tables: [...tables.values()], findings };
}

/** The recorded chunks of a request, of the given tables only when `tables` is given (`mark` as proveChunks'). */
const chunksOf = async (db: Kysely<DB>, requestId: string, tables?: string[], mark = ''): Promise<Chunk[]> => {
  if (tables?.length === 0) return [];
  const { rows } = await sql<Chunk>`${sql.raw(mark)}select table_name, relation, chunk, rows from erasure_owned_rows
    where request_id = ${requestId} ${tables ? sql`and table_name = any(${tables}::text[])` : sql``} order by relation, chunk`.execute(
    db,
  );
  return rows;
};

/**
 * Checks every recorded row: gone, or (anonymised tables) holding exactly its policy's replacements
 * (proveChunks). Relations in `proven` (proven clean beside the erasure: startProving) are taken
 * as they are.
 */
export async function proveOwnership(
  db: Kysely<DB>,
  requestId: string,
  registry: ErasurePolicy[],
  lanes = 1,
  proven: ReadonlyMap<string, TableProof> = new Map(),
): Promise<OwnershipProof> {
  const policies = new Map(erasing(registry).map((p) => [p.table, p]));
  const chunks = (await chunksOf(db, requestId)).filter((c) => !proven.has(c.relation));
  const proof = await proveChunks(db, requestId, policies, chunks, lanes);
  const tables = new Map<string, TableProof>();
  for (const part of [...proof.tables, ...proven.values()]) {
    const sum = tables.get(part.table) ?? { table: part.table, recorded: 0, gone: 0, anonymised: 0 };
    tables.set(part.table, {
      table: part.table,
      recorded: sum.recorded + part.recorded,
      gone: sum.gone + part.gone,
      anonymised: sum.anonymised + part.anonymised,
    });
  }
  return {
    tables: [...tables.values()].filter((t) => t.recorded > 0).sort((a, b) => a.table.localeCompare(b.table)),
    findings: proof.findings.sort((a, b) => `${a.table} ${a.rowKey}`.localeCompare(`${b.table} ${b.rowKey}`)),
  };
}

/** Proves relations while the erasure goes on (decision 040): see startProving. */
export type Prover = {
  /**
   * every step of `table` is done (the executor's `erased`, in registry order), or with `relation`,
   * the step is done with that relation of it; resolves once what that made provable is proven
   * (nobody needs to wait for that but a test)
   */
  erased(table: string, relation?: string): Promise<void>;
  /**
   * Proves nothing further (the relation in progress ends first) and resolves with the relations
   * proven clean, each with its table's name and counts; proveOwnership proves the rest.
   */
  finish(): Promise<Map<string, TableProof>>;
};

/**
 * Proves each table's recorded rows, relation by relation, as soon as its erasure is done and
 * nothing later can change what the proof saw, one relation at a time on one connection, beside
 * the erasure (PostgreSQL: the erasure's batches run on one connection and one core). Only a clean
 * result is kept:
 * - a recorded row found gone stays gone (its key is never given to another row);
 * - a row of an anonymised table found holding its replacements keeps them, unless a later step
 *   deletes or changes rows of that table: through a foreign key that cascades or sets a default
 *   (read from the database, transitively), or in its own code (`alsoChanges`). Such a table is
 *   proven only once those steps are done too. (Setting a foreign key to null changes no row that
 *   holds its replacements: none still points at the person.)
 * A relation is proven before its table's steps are all done only when the step says it is done
 * with it (ErasureRun's relationDone: the messages' partitions) and nothing later changes its table.
 * A relation with any finding is proven again after the erasure, with everything else, and that
 * answer stands: a row left by its table's own step may still go with a later one (a cascade). So
 * the proof ends exactly as one made after the erasure (decision 040);
 * test/erasure-ownership.test.ts compares them.
 */
export function startProving(db: Kysely<DB>, requestId: string, registry: ErasurePolicy[]): Prover {
  const policies = erasing(registry);
  const byTable = new Map(policies.map((p) => [p.table, p]));
  const order = new Map(policies.map((p, i) => [p.table, i]));
  const waits = proofIndexes(db, policies, order);
  const proven = new Map<string, TableProof>();
  // Tables whose proof has begun, and relations proven on their own before their table's turn.
  const tablesTaken = new Set<string>();
  const relationsTaken = new Set<string>();
  const mark = `/* ${RECORD_MARK} */ `;
  let through = -1;
  let finishing = false;
  let failed = false;
  let chain: Promise<void> = Promise.resolve();
  const prove = async (chunks: Chunk[]) => {
    for (const relation of new Set(chunks.map((c) => c.relation))) {
      if (finishing || failed) return;
      try {
        const proof = await proveChunks(
          db,
          requestId,
          byTable,
          chunks.filter((c) => c.relation === relation),
          1,
          mark,
        );
        if (proof.findings.length === 0 && proof.tables[0]) proven.set(relation, proof.tables[0]);
      } catch {
        // Whatever failed here, the proof after the erasure runs again and says so.
        failed = true;
      }
    }
  };
  const then = (work: (wait: Map<string, number>) => Promise<void>) =>
    (chain = chain.then(async () => {
      const wait = await waits.catch(() => null);
      if (wait === null) failed = true;
      else if (!finishing && !failed) await work(wait);
    }));
  return {
    erased(table, relation) {
      const index = order.get(table);
      if (index === undefined) return chain;
      if (relation !== undefined) {
        return then(async (wait) => {
          if (wait.get(table) !== index || tablesTaken.has(table) || relationsTaken.has(relation)) return;
          relationsTaken.add(relation);
          await prove((await chunksOf(db, requestId, [table], mark)).filter((c) => c.relation === relation));
        });
      }
      through = Math.max(through, index);
      return then(async (wait) => {
        const tables = policies
          .filter((p) => !tablesTaken.has(p.table) && wait.get(p.table)! <= through)
          .map((p) => p.table);
        for (const t of tables) tablesTaken.add(t);
        await prove((await chunksOf(db, requestId, tables, mark)).filter((c) => !relationsTaken.has(c.relation)));
      });
    },
    async finish() {
      finishing = true;
      await chain;
      return proven;
    },
  };
}

/**
 * For each erasing policy's table, the last registry index whose steps must be done before its
 * proof is final: its own; for an anonymised table also that of every later policy that may delete
 * or change its rows: one that deletes rows whose deletion cascades to it (or sets a default), or
 * whose own code changes it (`alsoChanges`), and what cascades from that.
 */
async function proofIndexes(
  db: Kysely<any>,
  policies: ErasingPolicy[],
  order: Map<string, number>,
): Promise<Map<string, number>> {
  const changes = await changedBy(db, ['c', 'd']);
  const wait = new Map(policies.map((p, i) => [p.table, i]));
  for (const [index, policy] of policies.entries()) {
    for (const table of changes(policy)) {
      if (policies[order.get(table) ?? -1]?.action === 'anonymise') wait.set(table, Math.max(wait.get(table)!, index));
    }
  }
  return wait;
}

/**
 * Staff's "erase this value" for an ownership finding: the row's policy applied to that one row
 * (deleted, or its declared columns replaced).
 */
export async function eraseOwnedRow(
  trx: Kysely<DB>,
  registry: ErasurePolicy[],
  table: string,
  rowKey: string,
): Promise<number> {
  const policy = erasing(registry).find((p) => p.table === table);
  if (!policy) return 0;
  let changed = 0;
  for (const relation of await relationsOf(trx, table)) {
    const key = await primaryKeyOf(trx, relation);
    if (key.length === 0) continue;
    const statement =
      policy.action === 'delete'
        ? sql`delete from ${sql.table(relation)} where ${keyEquals(key, rowKey)}`
        : sql`update ${sql.table(relation)} set ${sql.join(Object.entries(policy.set).map(([column, value]) => sql`${sql.ref(column)} = ${replacement(value)}`))}
        where ${keyEquals(key, rowKey)}`;
    changed += Number((await statement.execute(trx)).numAffectedRows ?? 0);
  }
  return changed;
}
