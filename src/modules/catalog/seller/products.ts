// A store's own products: list, read, create, change, delete. Every query is scoped by store,
// so another store's product id behaves exactly like an unknown one (404).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { AppError } from '../../../errors.ts';
import type { FileStorage } from '../../../storage.ts';
import { money } from '../../../lib/money.ts';
import { priceMaxNow } from '../cards.ts';
import { productImageUrl } from '../images.ts';
import { refreshOfferPrices } from '../offers.ts';
import { lockStoreRatings, refreshStoreRatings } from '../ratings.ts';
import { assertOwnProfile } from './shipping.ts';
import { listImages, toImage } from './images.ts';
import { listOffers, toOffer } from './offers.ts';
import type { CreateProductBody } from './schemas.ts';
import type { FromSchema } from '../../../schemas.ts';

export type ProductInput = FromSchema<typeof CreateProductBody>;

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

function productRows(db: Kysely<DB>, storeId: string) {
  return db
    .selectFrom('products as p')
    .innerJoin('categories as c', 'c.slug', 'p.category_slug')
    .where('p.store_id', '=', storeId)
    .select([
      'p.id',
      'p.title',
      'p.description',
      'p.category_slug',
      'c.name as category_name',
      'p.price_minor',
      'p.currency',
      'p.stock',
      'p.status',
      'p.image_count',
      'p.shipping_profile_id',
      'p.created_at',
      'p.updated_at',
      'p.price_max_minor',
      'p.option_names',
      sql<number>`(select count(*)::int from product_variants v where v.product_id = p.id)`.as('variant_count'),
      sql<number>`case when p.offer_ends_at > now() then p.offer_price_minor else p.price_minor end`.as(
        'current_price',
      ),
    ]);
}

const nullableMoney = (amount: number | null, currency: string) => (amount === null ? null : money(amount, currency));

type Row = Awaited<ReturnType<ReturnType<typeof productRows>['executeTakeFirstOrThrow']>>;

const toSummary = (r: Row) => ({
  id: r.id,
  title: r.title,
  category: { slug: r.category_slug, name: r.category_name },
  price: money(r.price_minor, r.currency),
  priceMax:
    r.price_max_minor !== null && r.price_max_minor > r.price_minor ? money(r.price_max_minor, r.currency) : null,
  optionNames: r.option_names,
  variantCount: r.variant_count,
  currentPrice: money(r.current_price ?? r.price_minor, r.currency),
  currentPriceMax: nullableMoney(
    priceMaxNow({ price_minor: r.price_minor, price_max_minor: r.price_max_minor, offer_price: r.current_price }),
    r.currency,
  ),
  stock: r.stock,
  status: r.status,
  imageUrl: productImageUrl(r.id, 0),
  imageCount: r.image_count,
  shippingProfileId: r.shipping_profile_id,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export async function listProducts(
  db: Kysely<DB>,
  storeId: string,
  q: { status?: 'active' | 'delisted'; page: number; pageSize: number },
) {
  let query = productRows(db, storeId);
  if (q.status) query = query.where('p.status', '=', q.status);
  const [rows, count] = await Promise.all([
    query
      .orderBy('p.created_at', 'desc')
      .orderBy('p.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    db
      .selectFrom('products')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('store_id', '=', storeId)
      .$if(q.status !== undefined, (qb) => qb.where('status', '=', q.status!))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: count.n, page: q.page, pageSize: q.pageSize };
}

export async function getProduct(db: Kysely<DB>, storeId: string, id: string) {
  const row = await productRows(db, storeId).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const [images, offers] = await Promise.all([listImages(db, id), listOffers(db, id)]);
  return {
    ...toSummary(row),
    description: row.description,
    images: images.map((i) => toImage(id, i)),
    offers: offers.map((o) => toOffer(o, row.currency)),
  };
}

async function checkReferences(db: Kysely<DB>, storeId: string, input: Partial<ProductInput>): Promise<void> {
  if (input.price !== undefined && !CURRENCIES.has(input.price.currency)) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'price.currency', message: 'is not a known currency' }],
    });
  }
  if (input.category !== undefined) {
    const category = await db
      .selectFrom('categories')
      .select('slug')
      .where('slug', '=', input.category)
      .executeTakeFirst();
    if (!category)
      throw new AppError('VALIDATION_FAILED', { details: [{ field: 'category', message: 'is not a known category' }] });
  }
  if (input.shippingProfileId !== undefined) await assertOwnProfile(db, storeId, input.shippingProfileId);
}

export async function createProduct(db: Kysely<DB>, storeId: string, input: ProductInput) {
  await checkReferences(db, storeId, input);
  const row = await db
    .insertInto('products')
    .values({
      store_id: storeId,
      category_slug: input.category,
      shipping_profile_id: input.shippingProfileId,
      title: input.title.trim(),
      description: (input.description ?? '').trim(),
      price_minor: input.price.amount,
      current_price_minor: input.price.amount,
      currency: input.price.currency,
      stock: input.stock,
      status: input.status ?? 'active',
      // Generated placeholder until the seller uploads images (image_count then counts them).
      image_count: 0,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getProduct(db, storeId, row.id);
}

export async function updateProduct(db: Kysely<DB>, storeId: string, id: string, input: Partial<ProductInput>) {
  await checkReferences(db, storeId, input);
  if (input.price !== undefined || input.stock !== undefined) {
    // With variants, price and stock are theirs (the product shows their range and total): the
    // values the product already shows may come back unchanged (a whole form saved), others not.
    const current = await db
      .selectFrom('products')
      .select(['price_minor', 'currency', 'stock', 'option_names'])
      .where('id', '=', id)
      .where('store_id', '=', storeId)
      .executeTakeFirst();
    if (
      current &&
      current.option_names.length > 0 &&
      ((input.price !== undefined &&
        (input.price.amount !== current.price_minor || input.price.currency !== current.currency)) ||
        (input.stock !== undefined && input.stock !== current.stock))
    )
      throw new AppError('PRICED_BY_VARIANTS');
  }
  const updated = await db
    .updateTable('products')
    .set({
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      ...(input.category !== undefined ? { category_slug: input.category } : {}),
      ...(input.price !== undefined ? { price_minor: input.price.amount, currency: input.price.currency } : {}),
      ...(input.stock !== undefined ? { stock: input.stock } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.shippingProfileId !== undefined ? { shipping_profile_id: input.shippingProfileId } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
  // A new list price changes which offers count (an offer must be below it) and the current price.
  if (input.price !== undefined) await refreshOfferPrices(db, [id]);
  return getProduct(db, storeId, id);
}

/**
 * The keys of the files other modules keep about a product (its reviews' photos), which go with it.
 * The posts module reads them; app.ts passes its reader in, as the catalog does not import posts
 * (posts reads products through the catalog's surface: decision 039).
 */
export type ProductFilesOf = (trx: Kysely<DB>, productId: string) => Promise<string[]>;

/** Deletes the product, its offers and images (rows, then files). Orders keep their own copy of title and prices. */
export async function deleteProduct(
  db: Kysely<DB>,
  storage: FileStorage,
  storeId: string,
  id: string,
  filesOf: ProductFilesOf,
): Promise<void> {
  const keys = await db.transaction().execute(async (trx) => {
    const images = await trx
      .selectFrom('product_images as i')
      .innerJoin('products as p', 'p.id', 'i.product_id')
      .select('i.storage_key')
      .where('p.id', '=', id)
      .where('p.store_id', '=', storeId)
      .execute();
    // Reviews of the product go with it (on delete cascade): their photo files too, and the store's rating follows.
    await lockStoreRatings(trx, [storeId]);
    const photoKeys = await filesOf(trx, id);
    const deleted = await trx
      .deleteFrom('products')
      .where('id', '=', id)
      .where('store_id', '=', storeId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw new AppError('NOT_FOUND');
    await refreshStoreRatings(trx, [storeId], { locked: true });
    return [...images.map((i) => i.storage_key), ...photoKeys];
  });
  await Promise.all(keys.map((key) => storage.delete(key)));
}
