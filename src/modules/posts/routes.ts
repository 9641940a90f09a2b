// Posts on product pages: reviews (with photos and helpful votes), questions and answers, reports.
// Reading is public; writing needs a session. A post that is not the caller's answers 404 to
// edits and deletes, exactly like one that does not exist. Writing is rate limited per person.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import {
  NoBodySchema,
  bytesBody,
  bytesReply,
  errorResponses,
  noContentResponses,
  obj,
  UuidSchema as Uuid,
  PageQuery,
  type RouteApp,
} from '../../schemas.ts';
import { optionalUser, requireUser } from '../auth/index.ts';
import { IMAGE_TYPES } from '../../lib/image-type.ts';
import { reportPost } from './moderation.ts';
import { addReviewPhoto, deleteReviewPhoto, readReviewPhoto } from './photos.ts';
import {
  answerQuestion,
  askQuestion,
  deleteAnswer,
  deleteQuestion,
  editAnswer,
  editQuestion,
  listQuestions,
} from './questions.ts';
import {
  createReview,
  deleteReview,
  listReviews,
  myReview,
  REVIEW_SORTS,
  setHelpful,
  updateReview,
} from './reviews.ts';
import { postAdminRoutes } from './admin-routes.ts';
import {
  AnswerBody,
  CreateReviewBody,
  MyReviewSchema,
  PhotoSchema,
  POST_LIMITS,
  QuestionBody,
  QuestionListSchema,
  QuestionSchema,
  ReportBody,
  ReviewListSchema,
  ReviewSchema,
  UpdateReviewBody,
} from './schemas.ts';

const IdParams = obj({ id: Uuid });

export async function postRoutes(app: RouteApp): Promise<void> {
  const { db, storage, rateLimiter } = app.souk;
  const tags = ['posts'];
  const limitPosting = async (request: FastifyRequest) => {
    await rateLimiter.consume(`posts:user:${request.user.id}`, { max: POST_LIMITS.postsPerHour, windowSeconds: 3600 });
  };
  /** Signed in (401), then counted against the hourly posting limit (429) before the body is read. */
  const posting = { onRequest: [requireUser, limitPosting] };
  const viewerOf = async (request: FastifyRequest) => (await optionalUser(request))?.id ?? null;

  // ---- reviews

  app.get(
    '/api/products/:id/reviews',
    {
      schema: {
        tags,
        summary: 'A product’s reviews (hidden ones left out), newest or most helpful first, with its rating.',
        params: IdParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { sort: { type: 'string', enum: REVIEW_SORTS }, ...PageQuery(50) },
        },
        response: { 200: ReviewListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { sort = 'newest', page = 1, pageSize = 10 } = request.query;
      return listReviews(db, request.params.id, { sort, page, pageSize }, await viewerOf(request));
    },
  );

  app.get(
    '/api/products/:id/reviews/mine',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Whether you may review this product, and your review of it.',
        params: IdParams,
        response: { 200: MyReviewSchema, ...errorResponses },
      },
    },
    async (request) => myReview(db, request.user.id, request.params.id),
  );

  app.post(
    '/api/products/:id/reviews',
    {
      ...posting,
      schema: {
        tags,
        summary: 'Review a product you received in a delivered order (once; edit it afterwards). 1–5 stars and text.',
        params: IdParams,
        body: CreateReviewBody,
        response: { 201: ReviewSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createReview(db, request.user.id, request.params.id, request.body)),
  );

  app.patch(
    '/api/reviews/:id',
    {
      ...posting,
      schema: {
        tags,
        summary: 'Edit your review.',
        params: IdParams,
        body: UpdateReviewBody,
        response: { 200: ReviewSchema, ...errorResponses },
      },
    },
    async (request) => updateReview(db, request.user.id, request.params.id, request.body),
  );

  app.delete(
    '/api/reviews/:id',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Delete your review with its photos.',
        params: IdParams,
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      await deleteReview(db, storage, request.user.id, request.params.id);
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/reviews/:id/helpful',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Mark someone else’s review as helpful.',
        params: IdParams,
        body: NoBodySchema,
        response: {
          200: obj({ helpfulCount: { type: 'integer' }, votedHelpful: { type: 'boolean' } }),
          ...errorResponses,
        },
      },
    },
    async (request) => setHelpful(db, request.user.id, request.params.id, true),
  );

  app.delete(
    '/api/reviews/:id/helpful',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Take back your helpful mark.',
        params: IdParams,
        body: NoBodySchema,
        response: {
          200: obj({ helpfulCount: { type: 'integer' }, votedHelpful: { type: 'boolean' } }),
          ...errorResponses,
        },
      },
    },
    async (request) => setHelpful(db, request.user.id, request.params.id, false),
  );

  app.get(
    '/api/reviews/:id/photos/:photoId',
    {
      schema: {
        tags,
        summary: 'A review photo, served as uploaded (JPEG, PNG or WebP) while the review is visible.',
        params: obj({ id: Uuid, photoId: Uuid }),
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, typedReply) => {
      const reply = bytesReply(typedReply);
      const photo = await readReviewPhoto(
        db,
        storage,
        request.params.id,
        request.params.photoId,
        await viewerOf(request),
      );
      if (!photo) throw new AppError('NOT_FOUND');
      const etag = `"${request.params.photoId}"`;
      // Revalidated on each use, so a deleted or hidden review's photo stops showing at once.
      reply.header('cache-control', 'private, no-cache').header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type(photo.contentType).header('content-security-policy', "default-src 'none'").send(photo.data);
    },
  );

  app.delete(
    '/api/reviews/:id/photos/:photoId',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Delete a photo of your review (the file too).',
        params: obj({ id: Uuid, photoId: Uuid }),
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      await deleteReviewPhoto(db, storage, request.user.id, request.params.id, request.params.photoId);
      return reply.code(204).send();
    },
  );

  // Photo uploads in their own scope, where image bodies are parsed as bytes and may be larger.
  await app.register(async (uploads: RouteApp) => {
    uploads.addContentTypeParser(
      [...IMAGE_TYPES],
      { parseAs: 'buffer', bodyLimit: POST_LIMITS.photoBytes },
      (_request, body, done) => done(null, body),
    );
    const limitUploads = async (request: FastifyRequest) => {
      await rateLimiter.consume(`review-photo:user:${request.user.id}`, {
        max: POST_LIMITS.photosPerHour,
        windowSeconds: 3600,
      });
    };
    uploads.post(
      '/api/reviews/:id/photos',
      {
        onRequest: [requireUser, limitUploads],
        bodyLimit: POST_LIMITS.photoBytes,
        schema: {
          tags,
          summary: `Add a photo to your review: the raw bytes as the body, Content-Type image/jpeg, image/png or image/webp; at most ${POST_LIMITS.photoBytes / 1024 / 1024} MB, ${POST_LIMITS.photosPerReview} per review.`,
          params: IdParams,
          body: bytesBody(IMAGE_TYPES, 'The image file as uploaded.'),
          response: { 201: PhotoSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return reply.code(201).send(await addReviewPhoto(db, storage, request.user.id, request.params.id, body));
      },
    );
  });

  // ---- questions and answers

  app.get(
    '/api/products/:id/questions',
    {
      schema: {
        tags,
        summary:
          'Questions on a product, newest first, each with its answers (the seller’s first); hidden ones left out.',
        params: IdParams,
        querystring: { type: 'object', additionalProperties: false, properties: PageQuery(50) },
        response: { 200: QuestionListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 10 } = request.query;
      return listQuestions(db, request.params.id, { page, pageSize }, await viewerOf(request));
    },
  );

  app.post(
    '/api/products/:id/questions',
    {
      ...posting,
      schema: {
        tags,
        summary: 'Ask a question about a product.',
        params: IdParams,
        body: QuestionBody,
        response: { 201: QuestionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await askQuestion(db, request.user.id, request.params.id, request.body.body)),
  );

  app.patch(
    '/api/questions/:id',
    {
      ...posting,
      schema: {
        tags,
        summary: 'Edit your question.',
        params: IdParams,
        body: QuestionBody,
        response: { 200: QuestionSchema, ...errorResponses },
      },
    },
    async (request) => editQuestion(db, request.user.id, request.params.id, request.body.body),
  );

  app.delete(
    '/api/questions/:id',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Delete your question with every answer to it.',
        params: IdParams,
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      await deleteQuestion(db, request.user.id, request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/questions/:id/answers',
    {
      ...posting,
      schema: {
        tags,
        summary:
          'Answer a question: the product’s seller (marked as such) or a buyer who received the product. Returns the question.',
        params: IdParams,
        body: AnswerBody,
        response: { 201: QuestionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await answerQuestion(db, request.user.id, request.params.id, request.body.body)),
  );

  app.patch(
    '/api/answers/:id',
    {
      ...posting,
      schema: {
        tags,
        summary: 'Edit your answer. Returns the question.',
        params: IdParams,
        body: AnswerBody,
        response: { 200: QuestionSchema, ...errorResponses },
      },
    },
    async (request) => editAnswer(db, request.user.id, request.params.id, request.body.body),
  );

  app.delete(
    '/api/answers/:id',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Delete your answer.',
        params: IdParams,
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      await deleteAnswer(db, request.user.id, request.params.id);
      return reply.code(204).send();
    },
  );

  // ---- reports

  app.post(
    '/api/reports',
    {
      onRequest: [
        requireUser,
        async (request) => {
          await rateLimiter.consume(`reports:user:${request.user.id}`, {
            max: POST_LIMITS.reportsPerHour,
            windowSeconds: 3600,
          });
        },
      ],
      schema: {
        tags,
        summary: 'Report someone else’s review, question or answer to staff (once per post).',
        body: ReportBody,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      await reportPost(db, request.user.id, request.body);
      return reply.code(204).send();
    },
  );

  await app.register(postAdminRoutes);
}
