// Offers of the demo catalog run relative to the moment the demo shop starts: seeded relative to
// the seed's `now`, and at each later start in development the seeded stores' offers that have
// ended are given a new window relative to that start (decision 048), so a demo started next month
// still has offers ending in hours and in days. Offers still running or to come are left as they are.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { refreshOfferPrices } from './offers.ts';

const HOUR = 3_600_000;

/**
 * An offer's window around `now` from three numbers in [0, 1): 30% running and ending within hours,
 * 50% running and ending within days, the rest starting in a few days — or, with `ended`, half of
 * the rest ended a few days ago (the seller center shows past offers too).
 */
export function demoOfferWindow(
  [kind, a, b]: readonly [number, number, number],
  now: number,
  options: { ended: boolean },
): { starts: Date; ends: Date } {
  const at = (hours: number) => new Date(now + hours * HOUR);
  if (kind < 0.3) return { starts: at(-1 - Math.floor(a * 72)), ends: at(2 + Math.floor(b * 20)) };
  if (kind < 0.8) return { starts: at(-1 - Math.floor(a * 72)), ends: at(24 * (1 + Math.floor(b * 10))) };
  if (kind < 0.9 || !options.ended)
    return { starts: at(24 * (1 + Math.floor(a * 5))), ends: at(24 * (7 + Math.floor(b * 10))) };
  return { starts: at(-24 * (10 + Math.floor(a * 10))), ends: at(-24 * (1 + Math.floor(b * 5))) };
}

/** Three numbers in [0, 1) from an id: the same offer always gets the same kind of window. */
function unitsOf(id: string): [number, number, number] {
  const units: number[] = [];
  for (let salt = 0; salt < 3; salt++) {
    let h = 2166136261 ^ salt;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
    units.push((h >>> 0) / 4294967296);
  }
  return units as [number, number, number];
}

/**
 * Gives the ended offers of the seeded stores (no owner and not closed: a store someone opened
 * always has an owner, an erased one is closed) and of `alsoStoreIds` a window relative to `now`.
 * Returns how many offers moved.
 */
export async function rebaseDemoOffers(
  db: Kysely<DB>,
  options: { now: Date; alsoStoreIds?: readonly string[] },
): Promise<number> {
  const now = options.now.getTime();
  const also = options.alsoStoreIds ?? [];
  const ended = await db
    .selectFrom('offers as o')
    .innerJoin('products as p', 'p.id', 'o.product_id')
    .innerJoin('stores as s', 's.id', 'p.store_id')
    .select(['o.id', 'o.product_id'])
    .where('o.ends_at', '<=', options.now)
    .where((eb) =>
      eb.or([
        eb.and([eb('s.owner_user_id', 'is', null), eb('s.status', '!=', 'closed')]),
        ...(also.length > 0 ? [eb('s.id', 'in', [...also])] : []),
      ]),
    )
    // Only the product's latest offer: an older one that ended stays in the past.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('offers as later')
            .select('later.id')
            .whereRef('later.product_id', '=', 'o.product_id')
            .whereRef('later.ends_at', '>', 'o.ends_at'),
        ),
      ),
    )
    .execute();
  for (let i = 0; i < ended.length; i += 1000) {
    const batch = ended.slice(i, i + 1000);
    const windows = batch.map((o) => demoOfferWindow(unitsOf(o.id), now, { ended: false }));
    await sql`update offers set starts_at = v.starts_at, ends_at = v.ends_at
      from (select unnest(${batch.map((o) => o.id)}::uuid[]) as id,
                   unnest(${windows.map((w) => w.starts.toISOString())}::timestamptz[]) as starts_at,
                   unnest(${windows.map((w) => w.ends.toISOString())}::timestamptz[]) as ends_at) v
      where offers.id = v.id`.execute(db);
    await refreshOfferPrices(
      db,
      batch.map((o) => o.product_id),
    );
  }
  return ended.length;
}
