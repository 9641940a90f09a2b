// Saved items: a person's (or a guest browser's) list of products, with what each product cost
// and whether it was out of stock when saved. Reading the list is one query joined to the
// catalog's view of the products (its SQL piece, so the catalog's tables stay the catalog's).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.ts';
import { cartProducts } from '../catalog/index.ts';

/** At most this many saved products per person or guest. */
export const MAX_SAVED = 500;
/** A guest's rows (saved items and views) are deleted this long after the guest's last write. */
export const GUEST_DAYS = 30;

export type Owner = { userId: string } | { guestHash: string };

/** The owner's rows, as a condition on a table aliased `alias`. */
export const ownedBy = (owner: Owner, alias: string): RawBuilder<boolean> =>
  'userId' in owner
    ? sql<boolean>`${sql.ref(`${alias}.user_id`)} = ${owner.userId}`
    : sql<boolean>`${sql.ref(`${alias}.guest_token_hash`)} = ${owner.guestHash}`;

/** Serialises one owner's list changes (a check of the limit and the insert it allows). */
export const lockOwner = (trx: Kysely<DB>, owner: Owner) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${'userId' in owner ? `saved:u:${owner.userId}` : `saved:g:${owner.guestHash}`}, 0))`.execute(
    trx,
  );

export type SavedRow = {
  product_id: string;
  saved_price_minor: number;
  saved_currency: string;
  saved_out_of_stock: boolean;
  saved_at: Date;
  title: string;
  price_minor: number;
  offer_price: number | null;
  currency: string;
  stock: number;
  /** The product's stock went from none to some after it was saved (it sold out since, and came back). */
  restocked_since_saved: boolean;
  listed: boolean;
  store_id: string;
  store_name: string;
};

export async function readSaved(db: Kysely<DB>, owner: Owner): Promise<SavedRow[]> {
  const { rows } = await sql<SavedRow>`
    select s.product_id, s.saved_price_minor, s.saved_currency, s.saved_out_of_stock, s.saved_at,
      p.title, p.price_minor, p.offer_price, p.currency, p.stock, coalesce(p.restocked_at > s.saved_at, false) as restocked_since_saved,
      p.listed, p.store_id, p.store_name
    from saved_items s
    join ${cartProducts} p on p.id = s.product_id
    where ${ownedBy(owner, 's')}
    order by s.saved_at desc, s.product_id`.execute(db);
  return rows;
}

export async function readSavedIds(db: Kysely<DB>, owner: Owner): Promise<string[]> {
  const { rows } = await sql<{ product_id: string }>`
    select s.product_id from saved_items s where ${ownedBy(owner, 's')} order by s.saved_at desc`.execute(db);
  return rows.map((r) => r.product_id);
}

export async function countSaved(db: Kysely<DB>, owner: Owner): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`
    select count(*) as n from saved_items s where ${ownedBy(owner, 's')}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export async function isSaved(db: Kysely<DB>, owner: Owner, productId: string): Promise<boolean> {
  const { rows } = await sql`
    select 1 from saved_items s where ${ownedBy(owner, 's')} and s.product_id = ${productId}`.execute(db);
  return rows.length > 0;
}

/** Saves a product with its current price (the running offer's when lower) and stock state. */
export async function insertSaved(trx: Kysely<DB>, owner: Owner, productId: string): Promise<void> {
  const [userId, guestHash] = 'userId' in owner ? [owner.userId, null] : [null, owner.guestHash];
  await sql`
    insert into saved_items (user_id, guest_token_hash, product_id, saved_price_minor, saved_currency, saved_out_of_stock)
    select ${userId}, ${guestHash}, p.id,
      case when p.offer_price is not null and p.offer_price < p.price_minor then p.offer_price else p.price_minor end,
      p.currency, p.stock <= 0
    from ${cartProducts} p where p.id = ${productId}
    on conflict do nothing`.execute(trx);
}

export async function deleteSaved(db: Kysely<DB>, owner: Owner, productId: string): Promise<void> {
  await sql`delete from saved_items s where ${ownedBy(owner, 's')} and s.product_id = ${productId}`.execute(db);
}

/**
 * Moves a guest's saved items to the account: products the account already saved keep the
 * account's row (and its price when saved); the rest move, newest first, as far as the account's
 * limit allows; the guest's rows are then deleted. Runs in the caller's transaction.
 */
export async function mergeGuestSaved(trx: Kysely<DB>, guestHash: string, userId: string): Promise<void> {
  await lockOwner(trx, { userId });
  const room = MAX_SAVED - (await countSaved(trx, { userId }));
  if (room > 0) {
    await sql`
      insert into saved_items (user_id, guest_token_hash, product_id, saved_price_minor, saved_currency, saved_out_of_stock, saved_at)
      select ${userId}, null, g.product_id, g.saved_price_minor, g.saved_currency, g.saved_out_of_stock, g.saved_at
      from saved_items g
      where g.guest_token_hash = ${guestHash}
        and not exists (select 1 from saved_items u where u.user_id = ${userId} and u.product_id = g.product_id)
      order by g.saved_at desc
      limit ${room}
      on conflict do nothing`.execute(trx);
  }
  await trx.deleteFrom('saved_items').where('guest_token_hash', '=', guestHash).execute();
}

/** Housekeeping: deletes the rows of guests whose last write (a save or a view) is GUEST_DAYS old. */
export async function deleteStaleGuestRows(db: Kysely<DB>): Promise<void> {
  const cutoff = sql`now() - make_interval(days => ${GUEST_DAYS})`;
  const active = sql`(
    select guest_token_hash from saved_items where user_id is null and saved_at >= ${cutoff}
    union
    select guest_token_hash from recent_views where user_id is null and viewed_at >= ${cutoff})`;
  await db.transaction().execute(async (trx) => {
    await sql`delete from saved_items where user_id is null and guest_token_hash not in ${active}`.execute(trx);
    await sql`delete from recent_views where user_id is null and guest_token_hash not in ${active}`.execute(trx);
  });
}
