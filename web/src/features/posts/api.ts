// Reviews, questions and answers, reports and moderation. Text in posts is plain text: the
// components render it as text, never HTML.
import { api, rawBody, send, type QueryOf, type RequestBody, type ResponseBody } from '../../api/client.ts';

export type ReviewList = ResponseBody<'/api/products/{id}/reviews', 'get'>;
export type Review = ReviewList['items'][number];
export type ReviewPhoto = Review['photos'][number];
export type ReviewSort = NonNullable<QueryOf<'/api/products/{id}/reviews', 'get'>['sort']>;
export type QuestionList = ResponseBody<'/api/products/{id}/questions', 'get'>;
export type Question = QuestionList['items'][number];
export type Answer = Question['answers'][number];
export type ReportInput = RequestBody<'/api/reports', 'post'>;
export type PostKind = ReportInput['kind'];
export type ReportReason = ReportInput['reason'];
export type ReportedPost = ResponseBody<'/api/admin/reports', 'get'>['items'][number];

/** In the order the report form lists them; worded by reasonLabel (components/post-parts.tsx). */
export const REPORT_REASONS: readonly ReportReason[] = ['spam', 'offensive', 'off_topic', 'personal_data', 'other'];

/** Limits the server enforces, checked here first so people hear about them before sending. */
export const POST_LIMITS = {
  reviewBody: 5000,
  questionBody: 1000,
  answerBody: 2000,
  reportNote: 500,
  photos: 5,
  photoBytes: 5 * 1024 * 1024,
  photoTypes: ['image/jpeg', 'image/png', 'image/webp'],
} as const;

const byId = (id: string) => ({ params: { path: { id } } });

export const postsApi = {
  listReviews: (
    productId: string,
    query: { sort: ReviewSort; page: number },
    signal?: AbortSignal,
  ): Promise<ReviewList> =>
    send(api.GET('/api/products/{id}/reviews', { params: { path: { id: productId }, query }, signal })),
  myReview: (
    productId: string,
    signal?: AbortSignal,
  ): Promise<ResponseBody<'/api/products/{id}/reviews/mine', 'get'>> =>
    send(api.GET('/api/products/{id}/reviews/mine', { ...byId(productId), signal })),
  createReview: (productId: string, input: { rating: number; body: string }): Promise<Review> =>
    send(api.POST('/api/products/{id}/reviews', { ...byId(productId), body: input })),
  updateReview: (reviewId: string, input: RequestBody<'/api/reviews/{id}', 'patch'>): Promise<Review> =>
    send(api.PATCH('/api/reviews/{id}', { ...byId(reviewId), body: input })),
  deleteReview: async (reviewId: string): Promise<void> => {
    await send(api.DELETE('/api/reviews/{id}', byId(reviewId)));
  },
  uploadPhoto: (reviewId: string, file: File): Promise<ReviewPhoto> =>
    send(api.POST('/api/reviews/{id}/photos', { ...byId(reviewId), ...rawBody(file) }), 'The upload failed.'),
  deletePhoto: async (reviewId: string, photoId: string): Promise<void> => {
    await send(api.DELETE('/api/reviews/{id}/photos/{photoId}', { params: { path: { id: reviewId, photoId } } }));
  },
  setHelpful: (reviewId: string, helpful: boolean): Promise<ResponseBody<'/api/reviews/{id}/helpful', 'put'>> =>
    send(
      helpful
        ? api.PUT('/api/reviews/{id}/helpful', byId(reviewId))
        : api.DELETE('/api/reviews/{id}/helpful', byId(reviewId)),
    ),

  listQuestions: (productId: string, page: number, signal?: AbortSignal): Promise<QuestionList> =>
    send(api.GET('/api/products/{id}/questions', { params: { path: { id: productId }, query: { page } }, signal })),
  askQuestion: (productId: string, body: string): Promise<Question> =>
    send(api.POST('/api/products/{id}/questions', { ...byId(productId), body: { body } })),
  editQuestion: (questionId: string, body: string): Promise<Question> =>
    send(api.PATCH('/api/questions/{id}', { ...byId(questionId), body: { body } })),
  deleteQuestion: async (questionId: string): Promise<void> => {
    await send(api.DELETE('/api/questions/{id}', byId(questionId)));
  },
  answer: (questionId: string, body: string): Promise<Question> =>
    send(api.POST('/api/questions/{id}/answers', { ...byId(questionId), body: { body } })),
  editAnswer: (answerId: string, body: string): Promise<Question> =>
    send(api.PATCH('/api/answers/{id}', { ...byId(answerId), body: { body } })),
  deleteAnswer: async (answerId: string): Promise<void> => {
    await send(api.DELETE('/api/answers/{id}', byId(answerId)));
  },

  report: async (input: ReportInput): Promise<void> => {
    await send(api.POST('/api/reports', { body: input }));
  },

  listReported: (status: 'open' | 'hidden', signal?: AbortSignal): Promise<ResponseBody<'/api/admin/reports', 'get'>> =>
    send(api.GET('/api/admin/reports', { params: { query: { status } }, signal })),
  moderate: async (kind: PostKind, postId: string, action: 'hide' | 'unhide' | 'dismiss'): Promise<void> => {
    const path = { params: { path: { kind, id: postId } } };
    await send(
      action === 'hide'
        ? api.POST('/api/admin/posts/{kind}/{id}/hide', path)
        : action === 'unhide'
          ? api.POST('/api/admin/posts/{kind}/{id}/unhide', path)
          : api.POST('/api/admin/posts/{kind}/{id}/dismiss', path),
    );
  },
};
