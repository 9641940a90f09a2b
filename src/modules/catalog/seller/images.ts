// Images sellers upload for their products. The type is read from the bytes (magic numbers),
// never from the declared Content-Type or a file name; the bytes go to file storage, the row
// records where. Positions stay 0..n-1 so public URLs are /api/products/<id>/images/<position>.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { detectImageType, type ImageType } from '../../../lib/image-type.ts';
import { AppError } from '../../../errors.ts';
import { asBuffer, type FileStorage } from '../../../storage.ts';
import { productImageUrl } from '../images.ts';
import { LIMITS } from './schemas.ts';

const EXTENSIONS: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

type ImageRow = { id: string; position: number; content_type: string; byte_size: number };

export const toImage = (productId: string, i: ImageRow) => ({
  id: i.id,
  position: i.position,
  url: productImageUrl(productId, i.position),
  contentType: i.content_type,
  size: i.byte_size,
});

export async function listImages(db: Kysely<DB>, productId: string): Promise<ImageRow[]> {
  return db
    .selectFrom('product_images')
    .select(['id', 'position', 'content_type', 'byte_size'])
    .where('product_id', '=', productId)
    .orderBy('position')
    .execute();
}

/** Stores the file first, then the row (under a lock on the product, so positions and the limit hold); a failed insert deletes the file. */
export async function addProductImage(
  db: Kysely<DB>,
  storage: FileStorage,
  storeId: string,
  productId: string,
  data: Buffer,
) {
  const type = detectImageType(data);
  if (type === null) throw new AppError('IMAGE_INVALID');
  const owned = await db
    .selectFrom('products')
    .select('id')
    .where('id', '=', productId)
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  if (!owned) throw new AppError('NOT_FOUND');
  const key = `products/${productId}/${randomUUID()}.${EXTENSIONS[type]}`;
  await storage.put(key, data);
  try {
    return await db.transaction().execute(async (trx) => {
      const product = await trx
        .selectFrom('products')
        .select('id')
        .where('id', '=', productId)
        .where('store_id', '=', storeId)
        .forUpdate()
        .executeTakeFirst();
      if (!product) throw new AppError('NOT_FOUND');
      const { n } = await trx
        .selectFrom('product_images')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('product_id', '=', productId)
        .executeTakeFirstOrThrow();
      if (n >= LIMITS.imagesPerProduct)
        throw new AppError('LIMIT_REACHED', {
          message: `A product can have at most ${LIMITS.imagesPerProduct} images.`,
        });
      const image = await trx
        .insertInto('product_images')
        .values({ product_id: productId, position: n, storage_key: key, content_type: type, byte_size: data.length })
        .returning(['id', 'position', 'content_type', 'byte_size'])
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('products')
        .set({ image_count: n + 1, updated_at: sql<Date>`now()` })
        .where('id', '=', productId)
        .execute();
      return toImage(productId, image);
    });
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
}

/** Deletes the row (later images move up one place), then the file. */
export async function deleteProductImage(
  db: Kysely<DB>,
  storage: FileStorage,
  storeId: string,
  productId: string,
  imageId: string,
): Promise<void> {
  const key = await db.transaction().execute(async (trx) => {
    const product = await trx
      .selectFrom('products')
      .select('id')
      .where('id', '=', productId)
      .where('store_id', '=', storeId)
      .forUpdate()
      .executeTakeFirst();
    if (!product) throw new AppError('NOT_FOUND');
    const image = await trx
      .deleteFrom('product_images')
      .where('id', '=', imageId)
      .where('product_id', '=', productId)
      .returning(['storage_key', 'position'])
      .executeTakeFirst();
    if (!image) throw new AppError('NOT_FOUND');
    await trx
      .updateTable('product_images')
      .set((eb) => ({ position: eb('position', '-', 1) }))
      .where('product_id', '=', productId)
      .where('position', '>', image.position)
      .execute();
    await trx
      .updateTable('products')
      .set((eb) => ({ image_count: eb('image_count', '-', 1), updated_at: sql<Date>`now()` }))
      .where('id', '=', productId)
      .execute();
    return image.storage_key;
  });
  await storage.delete(key);
}

export type PublicImage =
  | { kind: 'uploaded'; id: string; contentType: string; data: Buffer }
  | { kind: 'generated'; title: string };

/**
 * What /api/products/<id>/images/<n> shows: the seller's n-th upload when the product has
 * uploads; otherwise the generated picture (seeded and demo products, products without photos).
 */
export async function readProductImage(
  db: Kysely<DB>,
  storage: FileStorage,
  productId: string,
  n: number,
): Promise<PublicImage | null> {
  const row = await db
    .selectFrom('products as p')
    .leftJoin('product_images as i', (j) => j.onRef('i.product_id', '=', 'p.id').on('i.position', '=', n))
    .select(['p.title', 'p.image_count', 'i.id as image_id', 'i.storage_key', 'i.content_type'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('product_images as x').select('x.id').whereRef('x.product_id', '=', 'p.id'))
        .as('has_uploads'),
    )
    // Files kept in the database come in this same statement: serving an image is one round trip.
    .$if(storage.bytesOf !== undefined, (q) => q.select(storage.bytesOf!(sql.ref('i.storage_key')).as('data')))
    .where('p.id', '=', productId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.has_uploads) {
    if (row.image_id === null || row.storage_key === null || row.content_type === null) return null;
    const data = storage.bytesOf ? (row.data ? asBuffer(row.data) : null) : await storage.get(row.storage_key);
    return data === null ? null : { kind: 'uploaded', id: row.image_id, contentType: row.content_type, data };
  }
  return n < Math.max(1, row.image_count) ? { kind: 'generated', title: row.title } : null;
}

/** Deletes every uploaded image of a store's products, rows and files: for account erasure. */
export async function deleteStoreImages(db: Kysely<DB>, storage: FileStorage, storeId: string): Promise<number> {
  const keys = await db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('product_images')
      .where('product_id', 'in', (eb) => eb.selectFrom('products').select('id').where('store_id', '=', storeId))
      .returning(['storage_key', 'product_id'])
      .execute();
    const products = [...new Set(deleted.map((d) => d.product_id))];
    if (products.length > 0)
      await trx.updateTable('products').set({ image_count: 0 }).where('id', 'in', products).execute();
    return deleted.map((d) => d.storage_key);
  });
  await Promise.all(keys.map((key) => storage.delete(key)));
  return keys.length;
}
