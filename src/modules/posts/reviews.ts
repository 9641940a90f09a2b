// Reviews: one per buyer per product, allowed once an order of it was delivered; 1–5 stars and
// text. Only the author edits or deletes a review: anyone else's review answers 404, exactly like
// one that does not exist (the same rule for every post). Every change recomputes the ratings.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { displayNameOf } from '../accounts/index.ts';
import type { FileStorage } from '../../storage.ts';
import { hasReceived, requireListedProduct } from './products.ts';
import { refreshRatings } from './ratings.ts';
import type { FromSchema } from '../../schemas.ts';
import { ratingOf } from '../catalog/index.ts';
import type { CreateReviewBody, UpdateReviewBody } from './schemas.ts';

export const REVIEW_SORTS = ['newest', 'helpful'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

type ReviewRow = {
  id: string;
  product_id: string;
  author_user_id: string;
  rating: number;
  body: string;
  helpful_count: number;
  hidden_at: Date | null;
  created_at: Date;
  updated_at: Date;
  author_name: string;
  voted: boolean;
  photos: Array<{ id: string; contentType: string; size: number }>;
};

export const reviewPhotoUrl = (reviewId: string, photoId: string) => `/api/reviews/${reviewId}/photos/${photoId}`;

function selectReviews(db: Kysely<DB>, viewerId: string | null) {
  return db.selectFrom('reviews as r').select([
    'r.id',
    'r.product_id',
    'r.author_user_id',
    'r.rating',
    'r.body',
    'r.helpful_count',
    'r.hidden_at',
    'r.created_at',
    'r.updated_at',
    displayNameOf(sql.ref('r.author_user_id')).as('author_name'),
    sql<boolean>`exists (select 1 from review_votes v where v.review_id = r.id and v.user_id = ${viewerId ?? ''})`.as(
      'voted',
    ),
    sql<
      ReviewRow['photos']
    >`coalesce((select json_agg(json_build_object('id', ph.id, 'contentType', ph.content_type, 'size', ph.byte_size) order by ph.position)
        from review_photos ph where ph.review_id = r.id), '[]'::json)`.as('photos'),
  ]);
}

function toReview(row: ReviewRow, viewerId: string | null) {
  return {
    id: row.id,
    productId: row.product_id,
    rating: row.rating,
    body: row.body,
    author: { name: row.author_name },
    photos: row.photos.map((p) => ({
      id: p.id,
      url: reviewPhotoUrl(row.id, p.id),
      contentType: p.contentType,
      size: p.size,
    })),
    helpfulCount: row.helpful_count,
    hidden: row.hidden_at !== null,
    mine: row.author_user_id === viewerId,
    votedHelpful: row.voted,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
export type Review = ReturnType<typeof toReview>;

export async function findOwnReview(db: Kysely<DB>, userId: string, reviewId: string): Promise<Review> {
  const row = await selectReviews(db, userId)
    .where('r.id', '=', reviewId)
    .where('r.author_user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return toReview(row, userId);
}

/** A product's visible reviews, newest or most helpful first, with its rating. */
export async function listReviews(
  db: Kysely<DB>,
  productId: string,
  options: { sort: ReviewSort; page: number; pageSize: number },
  viewerId: string | null,
) {
  const product = await requireListedProduct(db, productId);
  let query = selectReviews(db, viewerId).where('r.product_id', '=', productId).where('r.hidden_at', 'is', null);
  if (options.sort === 'helpful') query = query.orderBy('r.helpful_count', 'desc');
  const rows = await query
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  return {
    rating: ratingOf(product.rating_sum, product.rating_count),
    items: rows.map((r) => toReview(r, viewerId)),
    total: product.rating_count,
    page: options.page,
    pageSize: options.pageSize,
  };
}

/** Whether the caller may review the product, and their review of it if they wrote one. */
export async function myReview(db: Kysely<DB>, userId: string, productId: string) {
  const product = await requireListedProduct(db, productId);
  const row = await selectReviews(db, userId)
    .where('r.product_id', '=', productId)
    .where('r.author_user_id', '=', userId)
    .executeTakeFirst();
  const eligible = product.owner_user_id !== userId && (await hasReceived(db, userId, productId));
  return { eligible, review: row ? toReview(row, userId) : null };
}

export async function createReview(
  db: Kysely<DB>,
  userId: string,
  productId: string,
  input: FromSchema<typeof CreateReviewBody>,
): Promise<Review> {
  const product = await requireListedProduct(db, productId);
  if (product.owner_user_id === userId || !(await hasReceived(db, userId, productId)))
    throw new AppError('REVIEW_NOT_ALLOWED');
  const id = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('reviews')
      .values({ product_id: productId, author_user_id: userId, rating: input.rating, body: input.body })
      .onConflict((oc) => oc.columns(['author_user_id', 'product_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('ALREADY_REVIEWED');
    await refreshRatings(trx, [productId]);
    return inserted.id;
  });
  return findOwnReview(db, userId, id);
}

export async function updateReview(
  db: Kysely<DB>,
  userId: string,
  reviewId: string,
  input: FromSchema<typeof UpdateReviewBody>,
): Promise<Review> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('reviews')
      .set({
        ...(input.rating !== undefined ? { rating: input.rating } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', reviewId)
      .where('author_user_id', '=', userId)
      .returning('product_id')
      .executeTakeFirst();
    if (!updated) throw new AppError('NOT_FOUND');
    if (input.rating !== undefined) await refreshRatings(trx, [updated.product_id]);
  });
  return findOwnReview(db, userId, reviewId);
}

/** Deletes the review (its photos, votes and reports with it), then its photo files. */
export async function deleteReview(
  db: Kysely<DB>,
  storage: FileStorage,
  userId: string,
  reviewId: string,
): Promise<void> {
  const keys = await db.transaction().execute(async (trx) => {
    const photos = await trx
      .selectFrom('review_photos')
      .select('storage_key')
      .where('review_id', '=', reviewId)
      .execute();
    const deleted = await trx
      .deleteFrom('reviews')
      .where('id', '=', reviewId)
      .where('author_user_id', '=', userId)
      .returning('product_id')
      .executeTakeFirst();
    if (!deleted) throw new AppError('NOT_FOUND');
    await refreshRatings(trx, [deleted.product_id]);
    return photos.map((p) => p.storage_key);
  });
  await Promise.all(keys.map((key) => storage.delete(key)));
}

/** Marks a visible review of someone else as helpful (idempotent), or takes the mark back. */
export async function setHelpful(
  db: Kysely<DB>,
  userId: string,
  reviewId: string,
  helpful: boolean,
): Promise<{ helpfulCount: number; votedHelpful: boolean }> {
  return db.transaction().execute(async (trx) => {
    const review = await trx
      .selectFrom('reviews')
      .select(['id', 'author_user_id'])
      .where('id', '=', reviewId)
      .where('hidden_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!review) throw new AppError('NOT_FOUND');
    if (review.author_user_id === userId)
      throw new AppError('FORBIDDEN', { message: 'You cannot vote for your own review.' });
    if (helpful)
      await trx
        .insertInto('review_votes')
        .values({ review_id: reviewId, user_id: userId })
        .onConflict((oc) => oc.columns(['review_id', 'user_id']).doNothing())
        .execute();
    else await trx.deleteFrom('review_votes').where('review_id', '=', reviewId).where('user_id', '=', userId).execute();
    const { helpful_count } = await refreshHelpfulCounts(trx, [reviewId]).then(() =>
      trx.selectFrom('reviews').select('helpful_count').where('id', '=', reviewId).executeTakeFirstOrThrow(),
    );
    return { helpfulCount: helpful_count, votedHelpful: helpful };
  });
}

export async function refreshHelpfulCounts(trx: Kysely<DB>, reviewIds: readonly string[]): Promise<void> {
  if (reviewIds.length === 0) return;
  await trx
    .updateTable('reviews')
    .set((eb) => ({
      helpful_count: eb
        .selectFrom('review_votes as v')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('v.review_id', '=', 'reviews.id'),
    }))
    .where('id', 'in', [...new Set(reviewIds)])
    .execute();
}
