// Photos on reviews. Like product images (decision 011): the type is read from the bytes, the
// file is written to ctx.storage before its row and deleted if the row cannot be inserted, and
// rows are deleted before their files. Served only while the review is visible.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { asBuffer, type FileStorage } from '../../storage.ts';
import { detectImageType, type ImageType } from '../../lib/image-type.ts';
import { reviewPhotoUrl } from './reviews.ts';
import { POST_LIMITS } from './schemas.ts';

const EXTENSIONS: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export async function addReviewPhoto(
  db: Kysely<DB>,
  storage: FileStorage,
  userId: string,
  reviewId: string,
  data: Buffer,
) {
  const type = detectImageType(data);
  if (type === null) throw new AppError('IMAGE_INVALID');
  const own = await db
    .selectFrom('reviews')
    .select('id')
    .where('id', '=', reviewId)
    .where('author_user_id', '=', userId)
    .executeTakeFirst();
  if (!own) throw new AppError('NOT_FOUND');
  const key = `reviews/${reviewId}/${randomUUID()}.${EXTENSIONS[type]}`;
  await storage.put(key, data);
  try {
    return await db.transaction().execute(async (trx) => {
      const review = await trx
        .selectFrom('reviews')
        .select('photo_count')
        .where('id', '=', reviewId)
        .where('author_user_id', '=', userId)
        .forUpdate()
        .executeTakeFirst();
      if (!review) throw new AppError('NOT_FOUND');
      if (review.photo_count >= POST_LIMITS.photosPerReview) {
        throw new AppError('LIMIT_REACHED', {
          message: `A review can have at most ${POST_LIMITS.photosPerReview} photos.`,
        });
      }
      const photo = await trx
        .insertInto('review_photos')
        .values({
          review_id: reviewId,
          position: review.photo_count,
          storage_key: key,
          content_type: type,
          byte_size: data.length,
        })
        .returning(['id', 'content_type', 'byte_size'])
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('reviews')
        .set({ photo_count: review.photo_count + 1 })
        .where('id', '=', reviewId)
        .execute();
      return {
        id: photo.id,
        url: reviewPhotoUrl(reviewId, photo.id),
        contentType: photo.content_type,
        size: photo.byte_size,
      };
    });
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
}

export async function deleteReviewPhoto(
  db: Kysely<DB>,
  storage: FileStorage,
  userId: string,
  reviewId: string,
  photoId: string,
): Promise<void> {
  const key = await db.transaction().execute(async (trx) => {
    const review = await trx
      .selectFrom('reviews')
      .select('id')
      .where('id', '=', reviewId)
      .where('author_user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!review) throw new AppError('NOT_FOUND');
    const photo = await trx
      .deleteFrom('review_photos')
      .where('id', '=', photoId)
      .where('review_id', '=', reviewId)
      .returning(['storage_key', 'position'])
      .executeTakeFirst();
    if (!photo) throw new AppError('NOT_FOUND');
    await trx
      .updateTable('review_photos')
      .set((eb) => ({ position: eb('position', '-', 1) }))
      .where('review_id', '=', reviewId)
      .where('position', '>', photo.position)
      .execute();
    await trx
      .updateTable('reviews')
      .set((eb) => ({ photo_count: eb('photo_count', '-', 1) }))
      .where('id', '=', reviewId)
      .execute();
    return photo.storage_key;
  });
  await storage.delete(key);
}

/** A photo of a visible review (any reader), or of the reader's own review; null otherwise. */
export async function readReviewPhoto(
  db: Kysely<DB>,
  storage: FileStorage,
  reviewId: string,
  photoId: string,
  viewerId: string | null,
) {
  const row = await db
    .selectFrom('review_photos as ph')
    .innerJoin('reviews as r', 'r.id', 'ph.review_id')
    .select(['ph.storage_key', 'ph.content_type'])
    .where('ph.id', '=', photoId)
    .where('ph.review_id', '=', reviewId)
    .where((eb) => eb.or([eb('r.hidden_at', 'is', null), eb('r.author_user_id', '=', viewerId ?? '')]))
    // Files kept in the database come in this same statement: one round trip.
    .$if(storage.bytesOf !== undefined, (q) => q.select(storage.bytesOf!(sql.ref('ph.storage_key')).as('data')))
    .executeTakeFirst();
  if (!row) return null;
  const data = storage.bytesOf ? (row.data ? asBuffer(row.data) : null) : await storage.get(row.storage_key);
  return data === null ? null : { contentType: row.content_type, data };
}

/** Storage keys of every photo on these people's reviews (for erasure). */
export async function photoKeysOf(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('review_photos as ph')
    .innerJoin('reviews as r', 'r.id', 'ph.review_id')
    .select('ph.storage_key')
    .where('r.author_user_id', '=', userId)
    .execute();
  return rows.map((r) => r.storage_key);
}

/** Storage keys of the photos on a product's reviews (deleted with the product). */
export async function reviewPhotoKeysOfProduct(db: Kysely<DB>, productId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('review_photos as ph')
    .innerJoin('reviews as r', 'r.id', 'ph.review_id')
    .select('ph.storage_key')
    .where('r.product_id', '=', productId)
    .execute();
  return rows.map((r) => r.storage_key);
}
