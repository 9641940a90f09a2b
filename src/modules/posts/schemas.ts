// Request and response schemas of posts. Text is stored and returned exactly as written and is
// never rendered as HTML (the web app shows it as text); bodies are validated strictly.
import { REPORT_REASONS } from '../../db/types.ts';
import { nullable, obj, UuidSchema as Uuid, DateTimeSchema, TextSchema } from '../../schemas.ts';
import { RatingSchema } from '../catalog/index.ts';

export const POST_LIMITS = {
  reviewBody: 5000,
  questionBody: 1000,
  answerBody: 2000,
  reportNote: 500,
  photosPerReview: 5,
  photoBytes: 5 * 1024 * 1024,
  answersPerQuestion: 50,
  /** Reviews, questions and answers written (or edited) per person per hour. */
  postsPerHour: 30,
  photosPerHour: 30,
  reportsPerHour: 20,
} as const;

export const POST_KINDS = ['review', 'question', 'answer'] as const;
export type PostKind = (typeof POST_KINDS)[number];

export const PhotoSchema = obj({
  id: { type: 'string' },
  url: { type: 'string' },
  contentType: { type: 'string' },
  size: { type: 'integer' },
});

export const ReviewSchema = obj({
  id: { type: 'string' },
  productId: { type: 'string' },
  rating: { type: 'integer' },
  body: { type: 'string' },
  author: obj({ name: { type: 'string' } }),
  photos: { type: 'array', items: PhotoSchema },
  helpfulCount: { type: 'integer' },
  hidden: { type: 'boolean', description: 'Hidden by staff: shown only to its author.' },
  mine: { type: 'boolean' },
  votedHelpful: { type: 'boolean' },
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
});

export const ReviewListSchema = obj({
  rating: RatingSchema,
  items: { type: 'array', items: ReviewSchema },
  total: { type: 'integer' },
  page: { type: 'integer' },
  pageSize: { type: 'integer' },
});

export const MyReviewSchema = obj({
  eligible: {
    type: 'boolean',
    description: 'The caller received this product in a delivered order and may review it.',
  },
  review: nullable(ReviewSchema),
});

export const AnswerSchema = obj({
  id: { type: 'string' },
  body: { type: 'string' },
  author: obj({ name: { type: 'string' } }),
  bySeller: { type: 'boolean' },
  mine: { type: 'boolean' },
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
});

export const QuestionSchema = obj({
  id: { type: 'string' },
  productId: { type: 'string' },
  body: { type: 'string' },
  author: obj({ name: { type: 'string' } }),
  mine: { type: 'boolean' },
  answers: { type: 'array', items: AnswerSchema },
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
});

export const QuestionListSchema = obj({
  items: { type: 'array', items: QuestionSchema },
  total: { type: 'integer' },
  page: { type: 'integer' },
  pageSize: { type: 'integer' },
  viewer: obj({
    canAnswer: { type: 'boolean', description: 'The caller is the seller or received this product.' },
    isSeller: { type: 'boolean' },
  }),
});

export const CreateReviewBody = obj({
  rating: { type: 'integer', minimum: 1, maximum: 5 },
  body: TextSchema(POST_LIMITS.reviewBody),
});
export const UpdateReviewBody = {
  ...obj({ rating: { type: 'integer', minimum: 1, maximum: 5 }, body: TextSchema(POST_LIMITS.reviewBody) }, []),
  minProperties: 1,
} as const;
export const QuestionBody = obj({ body: TextSchema(POST_LIMITS.questionBody) });
export const AnswerBody = obj({ body: TextSchema(POST_LIMITS.answerBody) });
export const ReportBody = obj(
  {
    kind: { type: 'string', enum: POST_KINDS },
    id: Uuid,
    reason: { type: 'string', enum: REPORT_REASONS },
    note: { type: 'string', maxLength: POST_LIMITS.reportNote },
  },
  ['kind', 'id', 'reason'],
);

export const ReportedPostSchema = obj({
  kind: { type: 'string', enum: POST_KINDS },
  id: { type: 'string' },
  product: obj({ id: { type: 'string' }, title: { type: 'string' } }),
  body: { type: 'string' },
  rating: { type: ['integer', 'null'] },
  author: obj({ name: { type: 'string' } }),
  hidden: { type: 'boolean' },
  openReports: { type: 'integer' },
  reports: {
    type: 'array',
    items: obj({
      reason: { type: 'string', enum: REPORT_REASONS },
      note: { type: 'string' },
      at: DateTimeSchema,
      open: { type: 'boolean' },
    }),
  },
  lastReportedAt: DateTimeSchema,
  createdAt: DateTimeSchema,
});
