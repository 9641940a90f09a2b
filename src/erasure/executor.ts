// Executes the erasure registry for one account (decision 018). The registry's delete and
// anonymise policies become steps, one per (policy, match), run in registry order (children before
// the users row they point at). Two ways to run them:
// - eraseAccount(): every step in one transaction (small accounts, tests);
// - eraseInBatches(): bounded batches, one transaction each, with the progress committed in the same
//   transaction as the batch (through `persist`), so a run killed at any moment resumes where the
//   last commit left it and ends with the same result. Batches are sized to a target time
//   (src/db/pacing.ts). Between batches it yields to the event loop (and pauses in proportion to the
//   batch's time), so on PGlite — one connection for everything — other requests get the database
//   between batches, and on PostgreSQL they keep their share of CPU.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/types.ts';
import type { ErasureDeps, ErasurePolicy, ErasureRun, ErasureSubject, Replacement, RowMatch } from './policy.ts';
import { createPacer } from '../db/pacing.ts';

export type ErasureReport = Array<{ table: string; action: 'delete' | 'anonymise'; rows: number }>;

type ErasingPolicy = Extract<ErasurePolicy, { action: 'delete' | 'anonymise' }>;
type Step = { key: string; policy: ErasingPolicy; match: RowMatch };

/** Where a batched erasure stands: committed with every batch. */
export type BatchState = {
  /** the step to run next ("table#match"), 'done' when every step is done, null to start */
  at: string | null;
  rows: Record<string, { action: 'delete' | 'anonymise'; rows: number }>;
  files: number;
  /** stored files the last committed batch deleted the rows of: deleted after that commit, and again on resume */
  pendingFiles: string[];
};

export const DONE = 'done';

export function stepsOf(registry: ErasurePolicy[]): Step[] {
  return registry.flatMap((policy) =>
    policy.action === 'delete' || policy.action === 'anonymise'
      ? policy.match.map((match, i) => ({ key: `${policy.table}#${i}`, policy, match }))
      : [],
  );
}

function condition(match: Exclude<RowMatch, { custom: string }>, subject: ErasureSubject): RawBuilder<boolean> {
  return match.equals === 'user_id'
    ? sql<boolean>`${sql.ref(match.column)} = ${subject.userId}`
    : sql<boolean>`lower(${sql.ref(match.column)}) = lower(${subject.email})`;
}

/** The SQL a policy's replacement value stands for. */
export function replacement(value: Replacement): RawBuilder<unknown> {
  if (value === null) return sql`null`;
  if ('now' in value) return sql`now()`;
  return sql`${value.value}`;
}

/**
 * Runs one step on at most `run.limit` rows (all when null) and returns the rows it touched. A
 * column match is bounded by the rows' physical ids (ctid) when the step itself makes rows stop
 * matching (a delete, or an anonymisation that replaces the matched column); otherwise, and for
 * tables outside Souk's own schema (pg-boss partitions its tables, where ctids repeat), it runs
 * unbounded, which is safe because it is idempotent.
 */
async function runStep(step: Step, run: ErasureRun): Promise<number> {
  const { policy, match } = step;
  if ('custom' in match) {
    if (!match.erase)
      throw new Error(`erasure policy for ${policy.table} has a custom match without an eraser: ${match.custom}`);
    return match.erase(run);
  }
  const where = condition(match, run.subject);
  const table = sql.table(policy.table);
  const boundable = !policy.table.includes('.') && (policy.action === 'delete' || match.column in policy.set);
  const rows =
    run.limit !== null && boundable
      ? sql<boolean>`ctid = any(array(select ctid from ${table} where ${where} limit ${run.limit}))`
      : where;
  const statement =
    policy.action === 'delete'
      ? sql`delete from ${table} where ${rows}`
      : sql`update ${table} set ${sql.join(Object.entries(policy.set).map(([column, value]) => sql`${sql.ref(column)} = ${replacement(value)}`))} where ${rows}`;
  return Number((await statement.execute(run.trx)).numAffectedRows ?? 0);
}

/** Applies every delete and anonymise policy, unbounded, inside the caller's transaction. */
export async function applyErasurePolicies(
  run: Omit<ErasureRun, 'limit' | 'memo'>,
  registry: ErasurePolicy[],
): Promise<ErasureReport> {
  const done: ErasureReport = [];
  const memo = new Map<string, unknown>();
  for (const step of stepsOf(registry)) {
    const rows = await runStep(step, { ...run, limit: null, memo });
    const last = done.at(-1);
    if (last?.table === step.policy.table) last.rows += rows;
    else done.push({ table: step.policy.table, action: step.policy.action, rows });
  }
  return done;
}

/**
 * Erases one account as the registry says, in one transaction, and deletes its stored files after
 * the commit. Safe to run again: a second run finds nothing.
 */
export async function eraseAccount(
  ctx: ErasureDeps,
  subject: ErasureSubject,
  registry: ErasurePolicy[],
): Promise<ErasureReport> {
  const files: string[] = [];
  const report = await ctx.db
    .transaction()
    .execute((trx) =>
      applyErasurePolicies(
        { trx: trx as Kysely<DB>, subject, ctx, deleteFiles: (keys) => files.push(...keys) },
        registry,
      ),
    );
  await Promise.all(files.map((key) => ctx.storage.delete(key)));
  return report;
}

export type BatchOptions = {
  /** the policies to apply, in order (the deletion module's erasureRegistry) */
  registry: ErasurePolicy[];
  /** where to resume (from the last committed batch); a fresh start when absent */
  state?: BatchState;
  /** rows per batch to begin with */
  limit?: number;
  /** the time one batch should take: the batch size doubles below half of it and halves above it; null keeps `limit` */
  targetMs?: number | null;
  /** after each batch, wait this many times the batch's own time (0: only yield to the event loop) */
  pause?: number;
  /**
   * runs inside every batch's transaction: whether anyone else wants the machine now. The pause
   * applies only when it answers true (always when absent): with nobody waiting, the erasure takes
   * what is free.
   */
  othersBusy?(trx: Kysely<DB>): Promise<boolean>;
  /**
   * commit batches without waiting for their WAL to reach the disk (PostgreSQL's
   * `synchronous_commit = off`, for the batch's transaction only). A database crash can then lose
   * the last few committed batches, each with the progress record committed in it, so the resumed
   * run repeats them; nothing it does must be durable before the completing transaction, which
   * commits synchronously (decision 022).
   */
  asyncCommit?: boolean;
  /**
   * awaited before every batch, outside its transaction: resolves once the step's table may be
   * erased (its ownership recorded, when the record is made beside the erasure); rejects to stop
   */
  ready?(table: string): Promise<void>;
  /** runs inside every batch's transaction, before the batch: throw to stop (a lost lease, say) */
  guard?(trx: Kysely<DB>): Promise<void>;
  /** runs inside every batch's transaction, after the batch, with the state to commit */
  persist?(trx: Kysely<DB>, state: BatchState): Promise<void>;
  /** Called outside any transaction once the steps of a table that changed rows are done (before the next table's). */
  afterTable?(table: string): Promise<void>;
  /**
   * Called once every step of a table is done in this run, whether or not it changed rows (before
   * the next table's); and, with `relation`, after the batch in which a custom eraser said it was
   * done with that relation of the table (ErasureRun's relationDone).
   */
  erased?(table: string, relation?: string): void;
};

export const freshBatchState = (): BatchState => ({ at: null, rows: {}, files: 0, pendingFiles: [] });

const MIN_LIMIT = 20;
const MAX_LIMIT = 10_000;

/**
 * Erases one account in bounded batches (see the top of this file). Returns the final state,
 * whose `rows` and `files` count everything erased over every run of this erasure.
 */
export async function eraseInBatches(
  ctx: ErasureDeps,
  subject: ErasureSubject,
  options: BatchOptions,
): Promise<BatchState> {
  const steps = stepsOf(options.registry);
  let state: BatchState = options.state ?? freshBatchState();
  // Files a crash may have left between a batch's commit and their deletion.
  await Promise.all(state.pendingFiles.map((key) => ctx.storage.delete(key)));
  let index = state.at === null ? 0 : state.at === DONE ? steps.length : steps.findIndex((s) => s.key === state.at);
  if (index < 0) index = 0; // the registry changed since the last run: start over (every step is idempotent)
  const firstLimit = options.limit ?? 500;
  let limit = firstLimit;
  const targetMs = options.targetMs === undefined ? 25 : options.targetMs;
  const pacer = createPacer(targetMs ?? 0, ctx.database.watchStatements);
  const memo = new Map<string, unknown>();
  while (index < steps.length) {
    const step = steps[index]!;
    await options.ready?.(step.policy.table);
    const files: string[] = [];
    const relationsDone: string[] = [];
    const { value: committed, ms: took } = await pacer.measure(async () => {
      const result = await ctx.db.transaction().execute(async (t) => {
        const trx = t as Kysely<DB>;
        if (options.asyncCommit) await sql`set local synchronous_commit = off`.execute(trx);
        await options.guard?.(trx);
        const rows = await runStep(step, {
          trx,
          subject,
          ctx,
          limit,
          memo,
          deleteFiles: (keys) => files.push(...keys),
          ...(options.erased ? { relationDone: (relation: string) => relationsDone.push(relation) } : {}),
        });
        const next = rows < limit ? index + 1 : index;
        const counted = state.rows[step.policy.table]?.rows ?? 0;
        const after: BatchState = {
          at: steps[next]?.key ?? DONE,
          rows: { ...state.rows, [step.policy.table]: { action: step.policy.action, rows: counted + rows } },
          files: state.files + files.length,
          pendingFiles: files,
        };
        await options.persist?.(trx, after);
        const busy = options.othersBusy ? await options.othersBusy(trx) : true;
        return { after, next, rows, busy };
      });
      await Promise.all(files.map((key) => ctx.storage.delete(key)));
      return result;
    });
    state = committed.after;
    const stepDone = committed.next !== index;
    index = committed.next;
    if (targetMs !== null && committed.rows > 0)
      limit = pacer.next(limit, committed.rows, took, { min: MIN_LIMIT, max: MAX_LIMIT });
    const table = step.policy.table;
    for (const relation of relationsDone) options.erased?.(table, relation);
    if (stepDone && steps[index]?.policy.table !== table) {
      options.erased?.(table);
      if ((state.rows[table]?.rows ?? 0) > 0) await options.afterTable?.(table);
    }
    if (stepDone) {
      // The next table's rows cost something else: start small again.
      pacer.reset();
      limit = firstLimit;
    }
    const pause = committed.busy ? (options.pause ?? 0) * took : 0;
    await new Promise((resolve) => (pause >= 1 ? setTimeout(resolve, pause) : setImmediate(resolve)));
  }
  return state;
}

/** The rows a state counts, as the certificate lists them (tables that lost or changed rows). */
export function reportOf(state: BatchState): ErasureReport {
  return Object.entries(state.rows)
    .filter(([, r]) => r.rows > 0)
    .map(([table, r]) => ({ table, action: r.action, rows: r.rows }));
}
