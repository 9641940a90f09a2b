// Executes the erasure registry for one account, in one transaction: every policy in registry
// order (children before the users row they point at), custom erasers inside the same
// transaction, and work that must wait for the commit (stored files) after it. Returns how many
// rows each table lost or had anonymised, for the deletion record and the tests.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from './types.ts';
import type { ErasurePolicy, ErasureRun, ErasureSubject, Replacement, RowMatch } from './erasure.ts';
import { erasureRegistry } from './erasure-registry.ts';

export type ErasureReport = Array<{ table: string; action: 'delete' | 'anonymise'; rows: number }>;

function condition(match: RowMatch, subject: ErasureSubject): RawBuilder<boolean> | null {
  if ('custom' in match) return null;
  return match.equals === 'user_id'
    ? sql<boolean>`${sql.ref(match.column)} = ${subject.userId}`
    : sql<boolean>`lower(${sql.ref(match.column)}) = lower(${subject.email})`;
}

function replacement(value: Replacement): RawBuilder<unknown> {
  if (value === null) return sql`null`;
  if ('now' in value) return sql`now()`;
  return sql`${value.value}`;
}

async function apply(policy: ErasurePolicy, run: ErasureRun): Promise<number> {
  if (policy.action !== 'delete' && policy.action !== 'anonymise') return 0;
  let rows = 0;
  for (const match of policy.match) {
    if ('custom' in match) {
      if (!match.erase) throw new Error(`erasure policy for ${policy.table} has a custom match without an eraser: ${match.custom}`);
      rows += await match.erase(run);
      continue;
    }
    const where = condition(match, run.subject)!;
    const table = sql.table(policy.table);
    if (policy.action === 'delete') {
      rows += Number((await sql`delete from ${table} where ${where}`.execute(run.trx)).numAffectedRows ?? 0);
    } else {
      const assignments = sql.join(Object.entries(policy.set).map(([column, value]) => sql`${sql.ref(column)} = ${replacement(value)}`));
      rows += Number((await sql`update ${table} set ${assignments} where ${where}`.execute(run.trx)).numAffectedRows ?? 0);
    }
  }
  return rows;
}

/**
 * Erases one account as the registry says. Safe to run again: a second run finds nothing.
 * The caller decides when (account deletion processes requests; tests call it directly).
 */
export async function eraseAccount(ctx: AppContext, subject: ErasureSubject, registry: ErasurePolicy[] = erasureRegistry): Promise<ErasureReport> {
  const afterCommit: Array<() => Promise<void>> = [];
  const report = await ctx.db.transaction().execute(async (trx) => {
    const run: ErasureRun = { trx: trx as Kysely<DB>, subject, ctx, afterCommit: (task) => afterCommit.push(task) };
    const done: ErasureReport = [];
    for (const policy of registry) {
      if (policy.action !== 'delete' && policy.action !== 'anonymise') continue;
      done.push({ table: policy.table, action: policy.action, rows: await apply(policy, run) });
    }
    return done;
  });
  for (const task of afterCommit) await task();
  return report;
}
