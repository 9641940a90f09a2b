// Recently viewed products: one row per person (or guest) and product, the time of the last view;
// only the newest MAX_VIEWS are kept, so the table stays bounded per person without housekeeping.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { cartProducts } from '../catalog/index.ts';
import { lockOwner, ownedBy, type Owner } from './repository.ts';

/** How many viewed products are remembered per person or guest. */
export const MAX_VIEWS = 50;

/** Records a view of a product that exists; false when there is no such product. Trims to MAX_VIEWS. */
export async function recordView(db: Kysely<DB>, owner: Owner, productId: string): Promise<boolean> {
  const [userId, guestHash] = 'userId' in owner ? [owner.userId, null] : [null, owner.guestHash];
  const conflict = 'userId' in owner ? sql`(user_id, product_id)` : sql`(guest_token_hash, product_id)`;
  return db.transaction().execute(async (trx) => {
    await lockOwner(trx, owner);
    const { rows } = await sql`
      insert into recent_views (user_id, guest_token_hash, product_id)
      select ${userId}, ${guestHash}, p.id from ${cartProducts} p where p.id = ${productId}
      on conflict ${conflict} do update set viewed_at = now()
      returning product_id`.execute(trx);
    if (rows.length === 0) return false;
    await trimViews(trx, owner);
    return true;
  });
}

async function trimViews(trx: Kysely<DB>, owner: Owner): Promise<void> {
  await sql`
    delete from recent_views v where ${ownedBy(owner, 'v')}
      and v.product_id not in (
        select k.product_id from recent_views k where ${ownedBy(owner, 'k')}
        order by k.viewed_at desc, k.product_id limit ${MAX_VIEWS})`.execute(trx);
}

export type ViewRow = {
  product_id: string;
  title: string;
  price_minor: number;
  offer_price: number | null;
  currency: string;
  stock: number;
  viewed_at: Date;
};

/** The owner's viewed products that can still be bought, newest first. */
export async function readViews(db: Kysely<DB>, owner: Owner, limit: number, exclude?: string): Promise<ViewRow[]> {
  const { rows } = await sql<ViewRow>`
    select v.product_id, p.title, p.price_minor, p.offer_price, p.currency, p.stock, v.viewed_at
    from recent_views v
    join ${cartProducts} p on p.id = v.product_id
    where ${ownedBy(owner, 'v')} and p.listed ${exclude ? sql`and v.product_id <> ${exclude}` : sql``}
    order by v.viewed_at desc, v.product_id
    limit ${limit}`.execute(db);
  return rows;
}

export async function clearViews(db: Kysely<DB>, owner: Owner): Promise<void> {
  await sql`delete from recent_views v where ${ownedBy(owner, 'v')}`.execute(db);
}

/** Moves a guest's views to the account (the later view of a product wins), then trims. */
export async function mergeGuestViews(trx: Kysely<DB>, guestHash: string, userId: string): Promise<void> {
  await sql`
    insert into recent_views (user_id, guest_token_hash, product_id, viewed_at)
    select ${userId}, null, g.product_id, g.viewed_at from recent_views g where g.guest_token_hash = ${guestHash}
    on conflict (user_id, product_id) do update set viewed_at = greatest(recent_views.viewed_at, excluded.viewed_at)`.execute(
    trx,
  );
  await trx.deleteFrom('recent_views').where('guest_token_hash', '=', guestHash).execute();
  await trimViews(trx, { userId });
}
