// Before a start serves anything (app.ts, onReady): every erasure the ledger knows as completed and
// the database does not (a restored backup taken before it) is done again (decision 042).
// - The restored database still holds the request (the backup was taken while it waited or ran):
//   it is processed from where the backup left it.
// - It holds no request, but the account: found by the keyed hash of its id (each account id hashed
//   once; this happens only after a restore), the request is recreated under its reference and
//   processed.
// - Neither (the backup predates the sign-up): the request is recorded as completed, so the
//   reference and its certificate stand as before, and the entry as settled ('absent').
// The erasure is the real one (processDeletion: record, erase, prove, scan); its completion keeps the
// certificate first issued and sends neither the final mail nor the webhook again.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/types.ts';
import { accountIdsAfter } from '../accounts/index.ts';
import { erasuresUnknownToDatabase, keyIdOf, settleEntry, subjectHashOf, type LedgerEntry } from './ledger.ts';
import { processDeletion } from './process.ts';

export type ReapplyReport = {
  /** accounts a restore brought back, erased again */
  erasedAgain: number;
  /** entries whose account the restored database never held */
  absent: number;
  /** erasures done again whose verification needs staff (the request waits in "needs attention") */
  needsAttention: number;
};

export class LedgerKeyError extends Error {
  constructor(count: number) {
    super(
      `${count} erasure(s) in the erasure ledger must be re-applied to the restored database, but were recorded under another AUTH_SECRET, ` +
        'so their accounts cannot be found. Start Souk with the AUTH_SECRET it had when they completed (docs/decisions/042).',
    );
    this.name = 'LedgerKeyError';
  }
}

/** Account ids by the keyed hash the ledger names them with, for the hashes wanted. */
async function accountsByHash(ctx: AppContext, wanted: Set<string>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let after: string | null = null;
  while (found.size < wanted.size) {
    const ids = await accountIdsAfter(ctx.db, after, 5000);
    for (const id of ids) {
      const hash = subjectHashOf(ctx.config.authSecret, id);
      if (wanted.has(hash)) found.set(hash, id);
    }
    if (ids.length < 5000) break;
    after = ids[ids.length - 1]!;
  }
  return found;
}

/** The request to process again for `entry`, or null when its account is not in this database (then settled). */
async function requestFor(
  trx: Kysely<DB>,
  entry: LedgerEntry,
  existing: { id: string; resumable: boolean } | undefined,
  userId: string | undefined,
): Promise<string | null> {
  const receivedAt = new Date(entry.certificate.receivedAt);
  if (existing?.resumable || (existing && userId)) {
    await trx
      .updateTable('deletion_requests')
      .set({
        status: 'received',
        ...(userId ? { user_id: userId } : {}),
        hold_reason: null,
        lease_token: null,
        lease_until: null,
        cancelled_at: null,
        process_after: sql<Date>`now()`,
      })
      .where('id', '=', existing.id)
      .execute();
    return existing.id;
  }
  if (!userId) {
    const completed = {
      status: 'completed' as const,
      user_id: null,
      completed_at: new Date(entry.completedAt),
      certificate: JSON.stringify(entry.certificate),
      cancel_token_hash: null,
      hold_reason: null,
      lease_token: null,
      lease_until: null,
    };
    if (existing) await trx.updateTable('deletion_requests').set(completed).where('id', '=', existing.id).execute();
    else
      await trx
        .insertInto('deletion_requests')
        .values({
          ...completed,
          reference: entry.reference,
          received_at: receivedAt,
          due_at: receivedAt,
          process_after: receivedAt,
        })
        .execute();
    await settleEntry(trx, entry, 'absent');
    return null;
  }
  // A request of the same account still open in the backup was cancelled or replaced since.
  await trx
    .updateTable('deletion_requests')
    .set({ status: 'cancelled', cancelled_at: sql<Date>`now()`, cancel_token_hash: null })
    .where('user_id', '=', userId)
    .where('status', 'in', ['received', 'processing', 'needs_attention'])
    .execute();
  const created = await trx
    .insertInto('deletion_requests')
    .values({
      reference: entry.reference,
      user_id: userId,
      received_at: receivedAt,
      due_at: sql<Date>`now()`,
      process_after: sql<Date>`now()`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

/**
 * Re-applies what the ledger knows and the database does not; one small read when that is nothing.
 * On PostgreSQL, processes starting at the same moment (several web processes and workers) take
 * turns through a session advisory lock, held on a connection of its own: the first re-applies,
 * the others then find nothing left to do.
 */
export async function reapplyErasures(ctx: AppContext): Promise<ReapplyReport> {
  if (ctx.database.engine !== 'postgres') return reapplyUnlocked(ctx);
  return ctx.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtext('souk:erasure-ledger'))`.execute(connection);
    try {
      return await reapplyUnlocked(ctx);
    } finally {
      await sql`select pg_advisory_unlock(hashtext('souk:erasure-ledger'))`.execute(connection);
    }
  });
}

async function reapplyUnlocked(ctx: AppContext): Promise<ReapplyReport> {
  const report: ReapplyReport = { erasedAgain: 0, absent: 0, needsAttention: 0 };
  const unknown = await erasuresUnknownToDatabase(ctx);
  if (unknown.length === 0) return report;
  const keyId = keyIdOf(ctx.config.authSecret);
  const foreign = unknown.filter((e) => e.keyId !== keyId).length;
  if (foreign > 0) throw new LedgerKeyError(foreign);

  const requests = await ctx.db
    .selectFrom('deletion_requests')
    .select(['id', 'reference', 'user_id'])
    .select(sql<boolean>`user_id is not null or erasure is not null`.as('resumable'))
    .where(
      'reference',
      'in',
      unknown.map((e) => e.reference),
    )
    .execute();
  const byReference = new Map(requests.map((r) => [r.reference, r]));
  const unresolved = unknown.filter((e) => !byReference.get(e.reference)?.resumable);
  const accounts =
    unresolved.length > 0 ? await accountsByHash(ctx, new Set(unresolved.map((e) => e.subjectHash))) : new Map();

  for (const entry of unknown) {
    const existing = byReference.get(entry.reference);
    const userId = existing?.resumable ? undefined : accounts.get(entry.subjectHash);
    const requestId = await ctx.db
      .transaction()
      .execute((trx) => requestFor(trx as Kysely<DB>, entry, existing, userId));
    if (requestId === null) {
      report.absent++;
      continue;
    }
    const outcome = await processDeletion(ctx, requestId, { replay: entry });
    if (outcome === 'completed') report.erasedAgain++;
    else report.needsAttention++;
  }
  ctx.log.warn(
    report,
    'erasure ledger: erasures completed after the restored backup was taken were applied again before serving',
  );
  return report;
}
