// Questions on a product (anyone signed in) and their answers (the product's seller, marked as
// such, or buyers who received it). Authors edit and delete their own; anyone else's answers 404.
// Deleting a question deletes its answers.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { displayNameOf } from '../accounts/index.ts';
import { hasReceived, requireListedProduct } from './products.ts';
import { POST_LIMITS } from './schemas.ts';

type AnswerJson = {
  id: string;
  body: string;
  authorName: string;
  authorId: string;
  bySeller: boolean;
  createdAt: string;
  updatedAt: string;
};

function selectQuestions(db: Kysely<DB>) {
  return db.selectFrom('questions as q').select([
    'q.id',
    'q.product_id',
    'q.author_user_id',
    'q.body',
    'q.created_at',
    'q.updated_at',
    displayNameOf(sql.ref('q.author_user_id')).as('author_name'),
    // Seller answers first, then oldest first; timestamps as ISO strings from the database.
    sql<AnswerJson[]>`coalesce((select json_agg(json_build_object(
          'id', a.id, 'body', a.body, 'authorName', ${displayNameOf(sql.ref('a.author_user_id'))}, 'authorId', a.author_user_id, 'bySeller', a.by_seller,
          'createdAt', to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'updatedAt', to_char(a.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
          order by a.by_seller desc, a.created_at, a.id)
        from answers a
        where a.question_id = q.id and a.hidden_at is null), '[]'::json)`.as('answers'),
  ]);
}

type QuestionRow = Awaited<ReturnType<ReturnType<typeof selectQuestions>['executeTakeFirstOrThrow']>>;

function toQuestion(row: QuestionRow, viewerId: string | null) {
  return {
    id: row.id,
    productId: row.product_id,
    body: row.body,
    author: { name: row.author_name },
    mine: row.author_user_id === viewerId,
    answers: row.answers.map((a) => ({
      id: a.id,
      body: a.body,
      author: { name: a.authorName },
      bySeller: a.bySeller,
      mine: a.authorId === viewerId,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
    })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
export type Question = ReturnType<typeof toQuestion>;

async function findQuestion(db: Kysely<DB>, questionId: string, viewerId: string | null): Promise<Question> {
  const row = await selectQuestions(db).where('q.id', '=', questionId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return toQuestion(row, viewerId);
}

/** May this person answer questions on the product, and as its seller? */
async function answererOf(
  db: Kysely<DB>,
  userId: string | null,
  product: { id: string; owner_user_id: string | null },
) {
  if (userId === null) return { canAnswer: false, isSeller: false };
  if (product.owner_user_id === userId) return { canAnswer: true, isSeller: true };
  return { canAnswer: await hasReceived(db, userId, product.id), isSeller: false };
}

export async function listQuestions(
  db: Kysely<DB>,
  productId: string,
  options: { page: number; pageSize: number },
  viewerId: string | null,
) {
  const product = await requireListedProduct(db, productId);
  const visible = db
    .selectFrom('questions as q')
    .where('q.product_id', '=', productId)
    .where('q.hidden_at', 'is', null);
  const [rows, { total }, viewer] = await Promise.all([
    selectQuestions(db)
      .where('q.product_id', '=', productId)
      .where('q.hidden_at', 'is', null)
      .orderBy('q.created_at', 'desc')
      .orderBy('q.id')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    visible.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    answererOf(db, viewerId, product),
  ]);
  return {
    items: rows.map((r) => toQuestion(r, viewerId)),
    total,
    page: options.page,
    pageSize: options.pageSize,
    viewer,
  };
}

export async function askQuestion(db: Kysely<DB>, userId: string, productId: string, body: string): Promise<Question> {
  await requireListedProduct(db, productId);
  const row = await db
    .insertInto('questions')
    .values({ product_id: productId, author_user_id: userId, body })
    .returning('id')
    .executeTakeFirstOrThrow();
  return findQuestion(db, row.id, userId);
}

export async function editQuestion(
  db: Kysely<DB>,
  userId: string,
  questionId: string,
  body: string,
): Promise<Question> {
  const row = await db
    .updateTable('questions')
    .set({ body, updated_at: sql<Date>`now()` })
    .where('id', '=', questionId)
    .where('author_user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return findQuestion(db, questionId, userId);
}

export async function deleteQuestion(db: Kysely<DB>, userId: string, questionId: string): Promise<void> {
  const row = await db
    .deleteFrom('questions')
    .where('id', '=', questionId)
    .where('author_user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
}

/** Answers a visible question; returns the question with its answers. */
export async function answerQuestion(
  db: Kysely<DB>,
  userId: string,
  questionId: string,
  body: string,
): Promise<Question> {
  const question = await db
    .selectFrom('questions')
    .select(['id', 'product_id'])
    .where('id', '=', questionId)
    .where('hidden_at', 'is', null)
    .executeTakeFirst();
  if (!question) throw new AppError('NOT_FOUND');
  const product = await requireListedProduct(db, question.product_id);
  const { canAnswer, isSeller } = await answererOf(db, userId, product);
  if (!canAnswer) throw new AppError('ANSWER_NOT_ALLOWED');
  await db.transaction().execute(async (trx) => {
    await trx.selectFrom('questions').select('id').where('id', '=', questionId).forUpdate().executeTakeFirstOrThrow();
    const { n } = await trx
      .selectFrom('answers')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('question_id', '=', questionId)
      .executeTakeFirstOrThrow();
    if (n >= POST_LIMITS.answersPerQuestion)
      throw new AppError('LIMIT_REACHED', {
        message: `A question can have at most ${POST_LIMITS.answersPerQuestion} answers.`,
      });
    await trx
      .insertInto('answers')
      .values({ question_id: questionId, author_user_id: userId, by_seller: isSeller, body })
      .execute();
  });
  return findQuestion(db, questionId, userId);
}

export async function editAnswer(db: Kysely<DB>, userId: string, answerId: string, body: string): Promise<Question> {
  const row = await db
    .updateTable('answers')
    .set({ body, updated_at: sql<Date>`now()` })
    .where('id', '=', answerId)
    .where('author_user_id', '=', userId)
    .returning('question_id')
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return findQuestion(db, row.question_id, userId);
}

export async function deleteAnswer(db: Kysely<DB>, userId: string, answerId: string): Promise<void> {
  const row = await db
    .deleteFrom('answers')
    .where('id', '=', answerId)
    .where('author_user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
}
