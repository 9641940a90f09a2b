// Erasure of a person's posts: their reviews (with photos, rows and files), questions (with every
// answer under them), answers, helpful votes and reports are deleted, and the ratings of the
// products and stores they reviewed are recomputed, in batches (src/erasure/executor.ts).
import { sql, type Expression, type Kysely } from 'kysely';
import type { ErasurePolicy } from '../../erasure/policy.ts';
import type { DB } from '../../db/types.ts';
import { productTitleOf } from '../catalog/index.ts';
import { refreshRatings } from './ratings.ts';
import { refreshHelpfulCounts } from './reviews.ts';

/**
 * `= any(array(batch))` rather than `in (batch)`: for a large batch the planner hashes an `in`
 * list and reads the whole table to probe it; an array is looked up through the index.
 */
const anyOf = <T>(batch: Expression<{ [k: string]: T }>) => sql<T>`any(array(${batch}))`;

const POSTS_REASON =
  'The promise to the person is that all their posts are deleted: what they wrote, the photos they took, how they voted.';

export const postsErasure: ErasurePolicy[] = [
  {
    table: 'review_photos',
    action: 'delete',
    about: { data: 'Reviews, questions, answers and photos', keptFor: 'Until you delete them or your account' },
    match: [
      {
        custom:
          'photos of reviews whose author_user_id is the user: the rows, then the files in file storage after the commit',
        owns: ({ userId }) => sql<boolean>`review_id in (select id from reviews where author_user_id = ${userId})`,
        erase: async ({ trx, subject, limit, deleteFiles }) => {
          const deleted = await trx
            .deleteFrom('review_photos')
            .where('id', '=', (eb) =>
              anyOf(
                eb
                  .selectFrom('review_photos as ph')
                  .innerJoin('reviews as r', 'r.id', 'ph.review_id')
                  .select('ph.id')
                  .where('r.author_user_id', '=', subject.userId)
                  .$if(limit !== null, (q) => q.limit(limit!)),
              ),
            )
            .returning('storage_key')
            .execute();
          deleteFiles(deleted.map((p) => p.storage_key));
          return deleted.length;
        },
      },
    ],
    reason: `${POSTS_REASON} Photos can show the person, their home or other people.`,
  },
  {
    table: 'review_votes',
    action: 'delete',
    about: { data: 'Reviews, questions, answers and photos', keptFor: 'Until you delete them or your account' },
    match: [
      {
        custom: "the person's helpful votes; the voted reviews' helpful counts are recomputed",
        owns: ({ userId }) => sql<boolean>`user_id = ${userId}`,
        erase: async ({ trx, subject, limit }) => {
          const deleted = await trx
            .deleteFrom('review_votes')
            .where('user_id', '=', subject.userId)
            .$if(limit !== null, (q) =>
              q.where('review_id', '=', (eb) =>
                anyOf(
                  eb.selectFrom('review_votes').select('review_id').where('user_id', '=', subject.userId).limit(limit!),
                ),
              ),
            )
            .returning('review_id')
            .execute();
          await refreshHelpfulCounts(trx, [...new Set(deleted.map((d) => d.review_id))]);
          return deleted.length;
        },
      },
    ],
    reason: `${POSTS_REASON} The voted reviews' helpful counts are recomputed.`,
  },
  {
    table: 'post_reports',
    action: 'delete',
    about: { data: 'Reviews, questions, answers and photos', keptFor: 'Until you delete them or your account' },
    quotes: ['note'],
    match: [
      { column: 'reporter_user_id', equals: 'user_id' },
      {
        custom: 'reports about the person’s reviews, questions and answers go with them (on delete cascade)',
        owns: ({ userId }) => sql<boolean>`(review_id in (select id from reviews where author_user_id = ${userId})
        or question_id in (select id from questions where author_user_id = ${userId})
        or answer_id in (select a.id from answers a where a.author_user_id = ${userId}
          or a.question_id in (select q.id from questions q where q.author_user_id = ${userId})))`,
        erase: async () => 0,
      },
    ],
    reason:
      'A report says what the person thought of a post, and a note may name them; reports about their own posts lose their subject.',
  },
  {
    table: 'answers',
    action: 'delete',
    about: { data: 'Reviews, questions, answers and photos', keptFor: 'Until you delete them or your account' },
    quotes: ['body'],
    match: [
      { column: 'author_user_id', equals: 'user_id' },
      {
        custom: 'answers by anyone under a question the person asked (on delete cascade)',
        owns: ({ userId }) => sql<boolean>`question_id in (select id from questions where author_user_id = ${userId})`,
        erase: async () => 0,
      },
    ],
    reason: `${POSTS_REASON} An answer to a deleted question has nothing left to answer.`,
  },
  {
    table: 'questions',
    action: 'delete',
    about: { data: 'Reviews, questions, answers and photos', keptFor: 'Until you delete them or your account' },
    quotes: ['body'],
    match: [{ column: 'author_user_id', equals: 'user_id' }],
    reason: POSTS_REASON,
  },
  {
    table: 'reviews',
    action: 'delete',
    about: { data: 'Reviews, questions, answers and photos', keptFor: 'Until you delete them or your account' },
    quotes: ['body'],
    match: [
      {
        custom: 'reviews whose author_user_id is the user; the ratings of their products and stores are recomputed',
        owns: ({ userId }) => sql<boolean>`author_user_id = ${userId}`,
        erase: async ({ trx, subject, limit }) => {
          const deleted = await trx
            .deleteFrom('reviews')
            .where('author_user_id', '=', subject.userId)
            .$if(limit !== null, (q) =>
              q.where('id', '=', (eb) =>
                anyOf(eb.selectFrom('reviews').select('id').where('author_user_id', '=', subject.userId).limit(limit!)),
              ),
            )
            .returning('product_id')
            .execute();
          await refreshRatings(trx, [...new Set(deleted.map((d) => d.product_id))]);
          return deleted.length;
        },
      },
    ],
    reason: `${POSTS_REASON} Product and store ratings are recomputed without them.`,
  },
];

/** How many posts the person has, for the account-deletion page ("N posts (reviews, questions, answers, photos)"). */
export async function countPostsOf(
  db: Kysely<DB>,
  userId: string,
): Promise<{ reviews: number; questions: number; answers: number; photos: number }> {
  const count = (table: 'reviews' | 'questions' | 'answers') =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('author_user_id', '=', userId)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  const photos = db
    .selectFrom('review_photos as ph')
    .innerJoin('reviews as r', 'r.id', 'ph.review_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.author_user_id', '=', userId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
  const [reviews, questions, answers, photoCount] = await Promise.all([
    count('reviews'),
    count('questions'),
    count('answers'),
    photos,
  ]);
  return { reviews, questions, answers, photos: photoCount };
}

/** The person's reviews, questions, answers, helpful votes and reports, for "Download your data". */
export async function exportPostsOf(db: Kysely<DB>, userId: string) {
  const [reviews, questions, answers, helpfulVotes, reports] = await Promise.all([
    db
      .selectFrom('reviews as r')
      .select([
        'r.id',
        'r.product_id',
        productTitleOf(sql.ref('r.product_id')).as('product_title'),
        'r.rating',
        'r.body',
        'r.photo_count',
        'r.helpful_count',
        'r.hidden_at',
        'r.created_at',
        'r.updated_at',
      ])
      .where('r.author_user_id', '=', userId)
      .orderBy('r.created_at')
      .execute(),
    db
      .selectFrom('questions as q')
      .select([
        'q.id',
        'q.product_id',
        productTitleOf(sql.ref('q.product_id')).as('product_title'),
        'q.body',
        'q.hidden_at',
        'q.created_at',
        'q.updated_at',
      ])
      .where('q.author_user_id', '=', userId)
      .orderBy('q.created_at')
      .execute(),
    db
      .selectFrom('answers')
      .select(['id', 'question_id', 'by_seller', 'body', 'hidden_at', 'created_at', 'updated_at'])
      .where('author_user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('review_votes')
      .select(['review_id', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('post_reports')
      .select(['review_id', 'question_id', 'answer_id', 'reason', 'note', 'created_at', 'resolved_at'])
      .where('reporter_user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
  ]);
  return { reviews, questions, answers, helpfulVotes, reports };
}

/** The product a review, question or answer is about, so staff can open a deletion finding in it; null if the post is gone. */
export async function productOfPost(
  db: Kysely<DB>,
  table: 'reviews' | 'questions' | 'answers',
  id: string,
): Promise<string | null> {
  const row =
    table === 'answers'
      ? await db
          .selectFrom('answers as a')
          .innerJoin('questions as q', 'q.id', 'a.question_id')
          .select('q.product_id')
          .where('a.id', '=', id)
          .executeTakeFirst()
      : await db.selectFrom(table).select('product_id').where('id', '=', id).executeTakeFirst();
  return row?.product_id ?? null;
}

/** The file keys of the photos of the person's reviews. */
export async function reviewPhotoKeysOf(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('review_photos as ph')
    .innerJoin('reviews as r', 'r.id', 'ph.review_id')
    .select('ph.storage_key')
    .where('r.author_user_id', '=', userId)
    .execute();
  return rows.map((r) => r.storage_key);
}
