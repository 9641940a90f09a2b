// Erasure of a person's posts: their reviews (with photos, rows and files), questions (with every
// answer under them), answers, helpful votes and reports are deleted, and the ratings of the
// products and stores they reviewed are recomputed. erasePostsOf() is what the erasure job calls.
import type { Kysely } from 'kysely';
import type { ErasurePolicy } from '../../db/erasure.ts';
import type { DB } from '../../db/types.ts';
import type { FileStorage } from '../../storage.ts';
import { refreshRatings } from './ratings.ts';
import { refreshHelpfulCounts } from './reviews.ts';

const POSTS_REASON = 'The promise to the person is that all their posts are deleted: what they wrote, the photos they took, how they voted.';

export const postsErasure: ErasurePolicy[] = [
  {
    table: 'review_photos',
    action: 'delete',
    match: [{
      custom: 'photos of reviews whose author_user_id is the user: the rows, then the files in file storage after the commit',
      erase: async ({ trx, subject, ctx, afterCommit }) => {
        const deleted = await trx.deleteFrom('review_photos')
          .where('review_id', 'in', (eb) => eb.selectFrom('reviews').select('id').where('author_user_id', '=', subject.userId))
          .returning('storage_key').execute();
        afterCommit(async () => {
          await Promise.all(deleted.map((p) => ctx.storage.delete(p.storage_key)));
        });
        return deleted.length;
      },
    }],
    reason: `${POSTS_REASON} Photos can show the person, their home or other people.`,
  },
  {
    table: 'review_votes',
    action: 'delete',
    match: [{
      custom: "the person's helpful votes; the voted reviews' helpful counts are recomputed",
      erase: async ({ trx, subject }) => {
        const deleted = await trx.deleteFrom('review_votes').where('user_id', '=', subject.userId).returning('review_id').execute();
        await refreshHelpfulCounts(trx, [...new Set(deleted.map((d) => d.review_id))]);
        return deleted.length;
      },
    }],
    reason: `${POSTS_REASON} The voted reviews' helpful counts are recomputed.`,
  },
  {
    table: 'post_reports',
    action: 'delete',
    match: [{ column: 'reporter_user_id', equals: 'user_id' }, { custom: 'reports about the person’s reviews, questions and answers go with them (on delete cascade)', erase: async () => 0 }],
    reason: 'A report says what the person thought of a post, and a note may name them; reports about their own posts lose their subject.',
  },
  {
    table: 'answers',
    action: 'delete',
    match: [{ column: 'author_user_id', equals: 'user_id' }, { custom: 'answers by anyone under a question the person asked (on delete cascade)', erase: async () => 0 }],
    reason: `${POSTS_REASON} An answer to a deleted question has nothing left to answer.`,
  },
  {
    table: 'questions',
    action: 'delete',
    match: [{ column: 'author_user_id', equals: 'user_id' }],
    reason: POSTS_REASON,
  },
  {
    table: 'reviews',
    action: 'delete',
    match: [{
      custom: "reviews whose author_user_id is the user; the ratings of their products and stores are recomputed",
      erase: async ({ trx, subject }) => {
        const deleted = await trx.deleteFrom('reviews').where('author_user_id', '=', subject.userId).returning('product_id').execute();
        await refreshRatings(trx, [...new Set(deleted.map((d) => d.product_id))]);
        return deleted.length;
      },
    }],
    reason: `${POSTS_REASON} Product and store ratings are recomputed without them.`,
  },
];

export type PostsErased = { reviews: number; photos: number; questions: number; answers: number; votes: number; reports: number };

/** Rows per transaction: small enough that PGlite never stalls other requests for long. */
const BATCH = 500;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Deletes everything the person posted, in small batches; safe to run again after a crash (each
 * batch deletes a review's photo files before its rows, so an interrupted run leaves rows that a
 * second run finds again, never files nobody points at).
 */
export async function erasePostsOf(ctx: { db: Kysely<DB>; storage: FileStorage }, userId: string): Promise<PostsErased> {
  const { db, storage } = ctx;
  const erased: PostsErased = { reviews: 0, photos: 0, questions: 0, answers: 0, votes: 0, reports: 0 };

  for (;;) {
    const batch = await db.selectFrom('reviews').select(['id', 'product_id']).where('author_user_id', '=', userId).orderBy('id').limit(BATCH).execute();
    if (batch.length === 0) break;
    const ids = batch.map((r) => r.id);
    const photos = await db.selectFrom('review_photos').select('storage_key').where('review_id', 'in', ids).execute();
    await Promise.all(photos.map((p) => storage.delete(p.storage_key)));
    await db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('reviews').where('id', 'in', ids).where('author_user_id', '=', userId).returning('product_id').execute();
      await refreshRatings(trx, deleted.map((d) => d.product_id));
      erased.reviews += deleted.length;
    });
    erased.photos += photos.length;
    await yieldToEventLoop();
  }

  for (;;) {
    const votes = await db.selectFrom('review_votes').select('review_id').where('user_id', '=', userId).limit(BATCH).execute();
    if (votes.length === 0) break;
    const reviewIds = votes.map((v) => v.review_id);
    await db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('review_votes').where('user_id', '=', userId).where('review_id', 'in', reviewIds).returning('review_id').execute();
      await refreshHelpfulCounts(trx, reviewIds);
      erased.votes += deleted.length;
    });
    await yieldToEventLoop();
  }

  const batches: Array<[keyof PostsErased, () => Promise<number>]> = [
    ['reports', async () => (await db.deleteFrom('post_reports').where('id', 'in', (eb) => eb.selectFrom('post_reports').select('id').where('reporter_user_id', '=', userId).limit(BATCH)).returning('id').execute()).length],
    ['answers', async () => (await db.deleteFrom('answers').where('id', 'in', (eb) => eb.selectFrom('answers').select('id').where('author_user_id', '=', userId).limit(BATCH)).returning('id').execute()).length],
    ['questions', async () => (await db.deleteFrom('questions').where('id', 'in', (eb) => eb.selectFrom('questions').select('id').where('author_user_id', '=', userId).limit(BATCH)).returning('id').execute()).length],
  ];
  for (const [what, deleteBatch] of batches) {
    for (let n = await deleteBatch(); n > 0; n = await deleteBatch()) {
      erased[what] += n;
      await yieldToEventLoop();
    }
  }
  return erased;
}

/** How many posts the person has, for the account-deletion page ("N posts (reviews, questions, answers, photos)"). */
export async function countPostsOf(db: Kysely<DB>, userId: string): Promise<{ reviews: number; questions: number; answers: number; photos: number }> {
  const count = (table: 'reviews' | 'questions' | 'answers') =>
    db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('author_user_id', '=', userId).executeTakeFirstOrThrow().then((r) => Number(r.n));
  const photos = db.selectFrom('review_photos as ph').innerJoin('reviews as r', 'r.id', 'ph.review_id')
    .select((eb) => eb.fn.countAll<number>().as('n')).where('r.author_user_id', '=', userId).executeTakeFirstOrThrow().then((r) => Number(r.n));
  const [reviews, questions, answers, photoCount] = await Promise.all([count('reviews'), count('questions'), count('answers'), photos]);
  return { reviews, questions, answers, photos: photoCount };
}
