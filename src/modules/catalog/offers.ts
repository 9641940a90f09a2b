// Keeps each product's running offer (price, end) and current price on the product row.
// Reads still check offer_ends_at against now(), so an ended offer never shows, even between
// refreshes; an offer that starts shows within a minute (or at once when it is saved).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export const OFFER_REFRESH_QUEUE = 'catalog.refresh-offers';

/** Recomputes the given products, or every product whose running offer may have changed. */
export async function refreshOfferPrices(db: Kysely<DB>, productIds?: string[]): Promise<number> {
  const scope = productIds
    ? sql`p.id = any(${productIds}::uuid[])`
    : // Candidates come from the two small sets (ended offers, running offers) through their indexes.
      sql`p.id in (
        select id from products where offer_price_minor is not null and offer_ends_at <= now()
        union
        select o.product_id from offers o join products r on r.id = o.product_id
        where o.ends_at > now() and o.starts_at <= now()
          and (r.offer_ends_at is distinct from o.ends_at or r.offer_price_minor is distinct from o.price_minor))`;
  const result = await sql`
    update products as p set
      offer_price_minor = best.price_minor,
      offer_ends_at = best.ends_at,
      current_price_minor = coalesce(best.price_minor, p.price_minor)
    from products as q
    left join lateral (
      select o.price_minor, o.ends_at from offers o
      where o.product_id = q.id and o.starts_at <= now() and o.ends_at > now() and o.price_minor < q.price_minor
      order by o.price_minor, o.ends_at limit 1
    ) as best on true
    where p.id = q.id and ${scope}
      and (p.offer_price_minor is distinct from best.price_minor
        or p.offer_ends_at is distinct from best.ends_at
        or p.current_price_minor <> coalesce(best.price_minor, p.price_minor))
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Every minute: offers that started or ended since the last run. */
export async function registerCatalogJobs(ctx: {
  db: Kysely<DB>;
  jobs: {
    work<T>(name: string, handler: (data: T) => Promise<void>): Promise<void>;
    schedule(name: string, cron: string): Promise<void>;
  };
}): Promise<void> {
  await ctx.jobs.work(OFFER_REFRESH_QUEUE, async () => {
    await refreshOfferPrices(ctx.db);
  });
  await ctx.jobs.schedule(OFFER_REFRESH_QUEUE, '* * * * *');
}
