// Offers on a store's own products: a lower price between two moments. Saving or deleting one
// refreshes the product's running offer at once (catalog/offers.ts), so listings show it
// immediately; offers that start later are picked up by the catalog's minute job.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { AppError } from '../../../errors.ts';
import { money } from '../../../lib/money.ts';
import { refreshOfferPrices } from '../offers.ts';
import type { FromSchema } from '../../../schemas.ts';
import { LIMITS, type OfferBody, type OfferSchema } from './schemas.ts';

type OfferRow = { id: string; price_minor: number; starts_at: Date; ends_at: Date };

export const toOffer = (o: OfferRow, currency: string, now = Date.now()): FromSchema<typeof OfferSchema> => ({
  id: o.id,
  price: money(o.price_minor, currency),
  startsAt: o.starts_at.toISOString(),
  endsAt: o.ends_at.toISOString(),
  state: o.ends_at.getTime() <= now ? 'ended' : o.starts_at.getTime() > now ? 'scheduled' : 'running',
});

export async function listOffers(db: Kysely<DB>, productId: string): Promise<OfferRow[]> {
  return db
    .selectFrom('offers')
    .select(['id', 'price_minor', 'starts_at', 'ends_at'])
    .where('product_id', '=', productId)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

async function ownProduct(db: Kysely<DB>, storeId: string, productId: string) {
  const product = await db
    .selectFrom('products')
    .select(['id', 'price_minor', 'currency'])
    .where('id', '=', productId)
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  if (!product) throw new AppError('NOT_FOUND');
  return product;
}

export async function listOwnOffers(db: Kysely<DB>, storeId: string, productId: string) {
  const product = await ownProduct(db, storeId, productId);
  return (await listOffers(db, productId)).map((o) => toOffer(o, product.currency));
}

export async function createOffer(
  db: Kysely<DB>,
  storeId: string,
  productId: string,
  input: FromSchema<typeof OfferBody>,
) {
  const product = await ownProduct(db, storeId, productId);
  const now = Date.now();
  const startsAt = input.startsAt === undefined ? new Date(now) : new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const details = [];
  if (input.price >= product.price_minor) details.push({ field: 'price', message: 'must be below the list price' });
  if (endsAt.getTime() <= startsAt.getTime()) details.push({ field: 'endsAt', message: 'must be after startsAt' });
  else if (endsAt.getTime() <= now) details.push({ field: 'endsAt', message: 'must be in the future' });
  else if (endsAt.getTime() - startsAt.getTime() > 366 * 86400_000)
    details.push({ field: 'endsAt', message: 'an offer can run for at most a year' });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', { details });
  const offer = await db.transaction().execute(async (trx) => {
    await trx.selectFrom('products').select('id').where('id', '=', productId).forUpdate().executeTakeFirstOrThrow();
    const { n } = await trx
      .selectFrom('offers')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('product_id', '=', productId)
      .where('ends_at', '>', sql<Date>`now()`)
      .executeTakeFirstOrThrow();
    if (n >= LIMITS.offersPerProduct)
      throw new AppError('LIMIT_REACHED', {
        message: `A product can have at most ${LIMITS.offersPerProduct} current or scheduled offers.`,
      });
    return trx
      .insertInto('offers')
      .values({ product_id: productId, price_minor: input.price, starts_at: startsAt, ends_at: endsAt })
      .returning(['id', 'price_minor', 'starts_at', 'ends_at'])
      .executeTakeFirstOrThrow();
  });
  await refreshOfferPrices(db, [productId]);
  return toOffer(offer, product.currency);
}

export async function deleteOffer(db: Kysely<DB>, storeId: string, productId: string, offerId: string): Promise<void> {
  await ownProduct(db, storeId, productId);
  const deleted = await db
    .deleteFrom('offers')
    .where('id', '=', offerId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw new AppError('NOT_FOUND');
  await refreshOfferPrices(db, [productId]);
}
