// Reviews, questions and answers, reports and moderation. Shapes follow the posts module's
// response schemas. Text in posts is plain text: the components render it as text, never HTML.
import { ApiError, request } from '../../api/client.ts';

export type Rating = { average: number | null; count: number };

export type ReviewPhoto = { id: string; url: string; contentType: string; size: number };

export type Review = {
  id: string;
  productId: string;
  rating: number;
  body: string;
  author: { name: string };
  photos: ReviewPhoto[];
  helpfulCount: number;
  hidden: boolean;
  mine: boolean;
  votedHelpful: boolean;
  createdAt: string;
  updatedAt: string;
};

export type ReviewList = { rating: Rating; items: Review[]; total: number; page: number; pageSize: number };
export type ReviewSort = 'newest' | 'helpful';

export type Answer = { id: string; body: string; author: { name: string }; bySeller: boolean; mine: boolean; createdAt: string; updatedAt: string };
export type Question = { id: string; productId: string; body: string; author: { name: string }; mine: boolean; answers: Answer[]; createdAt: string; updatedAt: string };
export type QuestionList = { items: Question[]; total: number; page: number; pageSize: number; viewer: { canAnswer: boolean; isSeller: boolean } };

export type PostKind = 'review' | 'question' | 'answer';
export type ReportReason = 'spam' | 'offensive' | 'off_topic' | 'personal_data' | 'other';

export const REPORT_REASONS: ReadonlyArray<{ value: ReportReason; label: string }> = [
  { value: 'spam', label: 'Spam or advertising' },
  { value: 'offensive', label: 'Offensive or abusive' },
  { value: 'off_topic', label: 'Not about this product' },
  { value: 'personal_data', label: 'Shares someone’s personal information' },
  { value: 'other', label: 'Something else' },
];

export type ReportedPost = {
  kind: PostKind;
  id: string;
  product: { id: string; title: string };
  body: string;
  rating: number | null;
  author: { name: string };
  hidden: boolean;
  openReports: number;
  reports: Array<{ reason: ReportReason; note: string; at: string; open: boolean }>;
  lastReportedAt: string;
  createdAt: string;
};

/** Limits the server enforces, checked here first so people hear about them before sending. */
export const POST_LIMITS = { reviewBody: 5000, questionBody: 1000, answerBody: 2000, reportNote: 500, photos: 5, photoBytes: 5 * 1024 * 1024, photoTypes: ['image/jpeg', 'image/png', 'image/webp'] } as const;

const id = (value: string) => encodeURIComponent(value);

async function uploadPhoto(reviewId: string, file: File): Promise<ReviewPhoto> {
  let response: Response;
  try {
    response = await fetch(`/api/reviews/${id(reviewId)}/photos`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': file.type },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Could not reach Souk. Check your connection and try again.');
  }
  if (!response.ok) {
    let body: { error?: { code?: string; message?: string } } | undefined;
    try {
      body = (await response.json()) as typeof body;
    } catch {
      body = undefined;
    }
    throw new ApiError(response.status, body?.error?.code ?? `HTTP_${response.status}`, body?.error?.message ?? 'The upload failed.');
  }
  return (await response.json()) as ReviewPhoto;
}

export const postsApi = {
  listReviews: async (productId: string, query: { sort: ReviewSort; page: number }, signal?: AbortSignal): Promise<ReviewList> =>
    (await request('GET', `/api/products/${id(productId)}/reviews?${new URLSearchParams({ sort: query.sort, page: String(query.page) }).toString()}`, undefined, signal)) as ReviewList,
  myReview: async (productId: string, signal?: AbortSignal): Promise<{ eligible: boolean; review: Review | null }> =>
    (await request('GET', `/api/products/${id(productId)}/reviews/mine`, undefined, signal)) as { eligible: boolean; review: Review | null },
  createReview: async (productId: string, input: { rating: number; body: string }): Promise<Review> =>
    (await request('POST', `/api/products/${id(productId)}/reviews`, input)) as Review,
  updateReview: async (reviewId: string, input: { rating?: number; body?: string }): Promise<Review> =>
    (await request('PATCH', `/api/reviews/${id(reviewId)}`, input)) as Review,
  deleteReview: async (reviewId: string): Promise<void> => {
    await request('DELETE', `/api/reviews/${id(reviewId)}`);
  },
  uploadPhoto,
  deletePhoto: async (reviewId: string, photoId: string): Promise<void> => {
    await request('DELETE', `/api/reviews/${id(reviewId)}/photos/${id(photoId)}`);
  },
  setHelpful: async (reviewId: string, helpful: boolean): Promise<{ helpfulCount: number; votedHelpful: boolean }> =>
    (await request(helpful ? 'PUT' : 'DELETE', `/api/reviews/${id(reviewId)}/helpful`)) as { helpfulCount: number; votedHelpful: boolean },

  listQuestions: async (productId: string, page: number, signal?: AbortSignal): Promise<QuestionList> =>
    (await request('GET', `/api/products/${id(productId)}/questions?page=${page}`, undefined, signal)) as QuestionList,
  askQuestion: async (productId: string, body: string): Promise<Question> =>
    (await request('POST', `/api/products/${id(productId)}/questions`, { body })) as Question,
  editQuestion: async (questionId: string, body: string): Promise<Question> =>
    (await request('PATCH', `/api/questions/${id(questionId)}`, { body })) as Question,
  deleteQuestion: async (questionId: string): Promise<void> => {
    await request('DELETE', `/api/questions/${id(questionId)}`);
  },
  answer: async (questionId: string, body: string): Promise<Question> =>
    (await request('POST', `/api/questions/${id(questionId)}/answers`, { body })) as Question,
  editAnswer: async (answerId: string, body: string): Promise<Question> =>
    (await request('PATCH', `/api/answers/${id(answerId)}`, { body })) as Question,
  deleteAnswer: async (answerId: string): Promise<void> => {
    await request('DELETE', `/api/answers/${id(answerId)}`);
  },

  report: async (input: { kind: PostKind; id: string; reason: ReportReason; note?: string }): Promise<void> => {
    await request('POST', '/api/reports', input);
  },

  listReported: async (status: 'open' | 'hidden', signal?: AbortSignal): Promise<{ items: ReportedPost[]; total: number }> =>
    (await request('GET', `/api/admin/reports?status=${status}`, undefined, signal)) as { items: ReportedPost[]; total: number },
  moderate: async (kind: PostKind, postId: string, action: 'hide' | 'unhide' | 'dismiss'): Promise<void> => {
    await request('POST', `/api/admin/posts/${kind}/${id(postId)}/${action}`);
  },
};
