// Souk support's side of disputes over HTTP (/api/admin/disputes, staff only): the queue with due
// dates, one dispute with both sides, and the decision; and "Retry refund now" for a refund the
// provider failed (/api/admin/refunds/:id/retry). Both are audited through the `audit` the app
// passes in: the audit log belongs to the deletion module, which depends on this one.
import { DISPUTE_STATUSES, REFUND_STATUSES } from '../../db/types.ts';
import { MoneySchema } from '../../lib/money.ts';
import {
  DateTimeSchema,
  errorResponses,
  NoBodySchema,
  nullable,
  obj,
  PageQuery,
  UuidSchema as Uuid,
  type RouteApp,
} from '../../schemas.ts';
import { requireRole } from '../roles/index.ts';
import { type Audit, decideDispute, listDisputes, showDispute } from './disputes.ts';
import { retryRefundNow, showRefund } from './retry-refund.ts';
import { ReturnSchema } from './schemas.ts';

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;

export const DECISION_REASON_MAX = 2000;

const DisputeSchema = obj({
  id: str,
  status: { type: 'string', enum: DISPUTE_STATUSES },
  openedBy: { type: 'string', enum: ['buyer', 'deadline'] },
  openedAt: DateTimeSchema,
  dueAt: DateTimeSchema,
  decidedAt: nullable(DateTimeSchema),
  secondsLeft: { type: 'integer', description: 'Until the due date; negative when overdue.' },
  overdue: { type: 'boolean' },
  returnId: str,
  returnNumber: str,
  orderId: str,
  orderNumber: str,
  storeName: str,
  buyerName: nullableStr,
  requested: MoneySchema,
  refund: nullable(
    obj({
      id: str,
      amount: MoneySchema,
      status: { type: 'string', enum: REFUND_STATUSES },
      attempt: { type: 'integer' },
      failureCode: nullableStr,
      nextAttemptAt: nullable(DateTimeSchema),
    }),
  ),
});

const DisputeDetailSchema = obj({
  ...DisputeSchema.properties,
  buyerStatement: nullableStr,
  decisionNote: nullableStr,
  return: ReturnSchema,
  order: obj({
    id: str,
    number: str,
    status: str,
    total: MoneySchema,
    refunded: MoneySchema,
    refundable: MoneySchema,
    items: {
      type: 'array',
      items: obj({ position: { type: 'integer' }, title: str, quantity: { type: 'integer' }, unitPrice: MoneySchema }),
    },
  }),
  messages: {
    type: 'array',
    description: 'What buyer and store wrote each other about this order, oldest first.',
    items: obj({
      side: { type: 'string', enum: ['buyer', 'store'] },
      body: nullableStr,
      removed: { type: 'boolean' },
      at: DateTimeSchema,
    }),
  },
});

const RefundSchema = obj({
  id: str,
  returnNumber: nullableStr,
  disputeId: nullableStr,
  amount: MoneySchema,
  status: { type: 'string', enum: REFUND_STATUSES },
  attempt: { type: 'integer' },
  failureCode: nullableStr,
  nextAttemptAt: nullable(DateTimeSchema),
  succeededAt: nullable(DateTimeSchema),
});

export const DecisionSchema = obj(
  {
    outcome: { type: 'string', enum: ['full', 'partial', 'none'] },
    amount: { type: 'integer', minimum: 1, maximum: 100_000_000, description: 'In minor units; partial only.' },
    reason: {
      type: 'string',
      maxLength: DECISION_REASON_MAX,
      description: 'Why; both sides receive it. Required (DECISION_REASON_REQUIRED when missing or blank).',
    },
  },
  ['outcome'],
);

export type AdminDisputeRouteOptions = { audit: Audit };

export async function adminDisputeRoutes(app: RouteApp, options: AdminDisputeRouteOptions): Promise<void> {
  const ctx = app.souk;
  const staffOnly = { onRequest: requireRole('staff') };

  app.get(
    '/api/admin/disputes',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'Disputes over returns, soonest due first (open ones by default).',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { status: { type: 'string', enum: ['open', 'decided', 'all'] }, ...PageQuery(100) },
        },
        response: {
          200: obj({
            items: { type: 'array', items: DisputeSchema },
            total: { type: 'integer' },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { status = 'open', page = 1, pageSize = 50 } = request.query;
      return listDisputes(ctx.db, status, { page, pageSize });
    },
  );

  app.get(
    '/api/admin/disputes/:id',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'One dispute with both sides: the return, its photos, the order, the messages, the timeline.',
        params: obj({ id: Uuid }),
        response: { 200: DisputeDetailSchema, ...errorResponses },
      },
    },
    async (request) => showDispute(ctx.db, request.params.id),
  );

  app.post(
    '/api/admin/disputes/:id/decide',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary:
          'Decide an open dispute: a full refund, a partial one (less than asked, at most what is left to refund) or none, with a written reason. Both sides are mailed; audited.',
        params: obj({ id: Uuid }),
        body: DecisionSchema,
        response: { 200: DisputeDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      await decideDispute(ctx, options.audit, request.user.id, request.params.id, request.body);
      return showDispute(ctx.db, request.params.id);
    },
  );

  app.post(
    '/api/admin/refunds/:id/retry',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary:
          'Retry refund now: send a failed (or unanswered) refund to the payment provider at once instead of at its next scheduled attempt; audited. A refund that already succeeded is REFUND_SUCCEEDED (409).',
        params: obj({ id: Uuid }),
        body: NoBodySchema,
        response: { 200: RefundSchema, ...errorResponses },
      },
    },
    async (request) => {
      await retryRefundNow(ctx, options.audit, request.user.id, request.params.id);
      return showRefund(ctx.db, request.params.id);
    },
  );
}
