// What this process holds of the deletion queue, and what it tells others about it (decision 041):
// the leases its erasures hold, so that a drain can hand them back at once (another worker takes the
// request without waiting DELETION_LEASE_SECONDS), and the erasures it finishes, for whoever
// observes them (the metrics module counts erased rows) without this module knowing who that is.
import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../../context.ts';

/** Lease tokens held per app (tests run several apps in one process). */
const held = new WeakMap<AppContext, Set<string>>();

/** Records that `token` leases a request in this process until the returned release is called. */
export function holdingLease(ctx: AppContext, token: string): () => void {
  let tokens = held.get(ctx);
  if (!tokens) held.set(ctx, (tokens = new Set()));
  tokens.add(token);
  return () => tokens.delete(token);
}

/**
 * Hands back every lease this process holds: their requests are due to any worker now. Their own
 * erasure, if it still runs, finds the lease gone at its next batch and stops ('skipped'); the
 * batches it committed stay, and the next worker resumes after them.
 */
export async function releaseDeletionLeases(ctx: AppContext): Promise<number> {
  const tokens = [...(held.get(ctx) ?? [])];
  if (tokens.length === 0) return 0;
  const released = await ctx.db
    .updateTable('deletion_requests')
    .set({ lease_until: sql<Date>`now()` })
    .where('status', '=', 'processing')
    .where('lease_token', 'in', tokens)
    .executeTakeFirst();
  return Number(released.numUpdatedRows);
}

/** What one run of an erasure did: rows deleted or anonymised by this run, and how long it took. */
export type ErasureObservation = { rows: number; seconds: number };

const observers = new WeakMap<AppContext, Set<(observation: ErasureObservation) => void>>();

/** Calls `observer` after each erasure run of this app completes its batches. */
export function observeErasures(ctx: AppContext, observer: (observation: ErasureObservation) => void): void {
  let set = observers.get(ctx);
  if (!set) observers.set(ctx, (set = new Set()));
  set.add(observer);
}

export function erasureObserved(ctx: AppContext, observation: ErasureObservation): void {
  for (const observer of observers.get(ctx) ?? []) observer(observation);
}

/**
 * For GET /metrics, as a piece of the metrics module's one statement: the requests by status, each
 * with its count and, for those still open, the earliest due date (epoch seconds). JSON, so the
 * caller's statement can hold it in one column.
 */
export const deletionQueueGauges: RawBuilder<unknown> = sql`(
  select coalesce(json_agg(json_build_object('status', status, 'count', n, 'oldest_due', oldest_due)), '[]'::json)
  from (
    select status, count(*)::int as n,
      extract(epoch from min(due_at) filter (where status not in ('completed', 'cancelled')))::float8 as oldest_due
    from deletion_requests group by status
  ) s
)`;
