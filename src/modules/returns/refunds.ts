// Refunds through the payment provider, at most what the order was paid and never twice:
// 1. start: in the step's transaction, under the order's row lock (refunds of one order take turns),
//    the sum of the order's refunds plus this one is checked against what was paid, and the refund
//    is written 'pending' with attempt 1: its key `refund:<id>:<attempt>` exists before the provider
//    hears of it;
// 2. send: the provider call, outside any transaction, with that key;
// 3. record: only a still-pending row of that very attempt takes the answer. Succeeded closes the
//    return; failed waits a while, then the next attempt gets the next key. No answer (a timeout, a
//    process killed) leaves it pending: the job sends the same request again, which the key makes
//    safe, once `next_attempt_at` has passed.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB, RefundStatus } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { lockPaidOrder, orderNumberOf } from '../orders/index.ts';
import type { RefundResult } from '../payments/index.ts';
import { enqueueReturnMails } from './mails.ts';

/** How long a sent attempt may stay unanswered before the job sends it again. */
const UNANSWERED_SECONDS = 60;
/** After a failed attempt, the next one waits this long times the attempt number (at most an hour). */
const RETRY_SECONDS = 60;
const DUE_BATCH = 50;

type Refund = {
  id: string;
  order_id: string;
  return_id: string | null;
  amount_minor: number;
  currency: string;
  status: RefundStatus;
  attempt: number;
  charge_reference: string;
};

export const refundKey = (r: { id: string; attempt: number }) => `refund:${r.id}:${r.attempt}`;

/**
 * Writes a refund of `amountMinor` for the order in the caller's transaction. Throws
 * REFUND_EXCEEDS_PAID when the order's refunds would add up to more than it was paid.
 */
export async function startRefund(
  trx: Kysely<DB>,
  orderId: string,
  returnId: string | null,
  amountMinor: number,
): Promise<string> {
  const order = await lockPaidOrder(trx, orderId);
  if (!order)
    throw new AppError('ORDER_STATE', { message: 'This order was not paid by card, so nothing can be refunded.' });
  const { refunded } = await trx
    .selectFrom('refunds')
    .select(sql<number>`coalesce(sum(amount_minor), 0)::int`.as('refunded'))
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  if (refunded + amountMinor > order.total_minor) throw new AppError('REFUND_EXCEEDS_PAID');
  const row = await trx
    .insertInto('refunds')
    .values({
      order_id: orderId,
      return_id: returnId,
      amount_minor: amountMinor,
      currency: order.currency,
      charge_reference: order.chargeReference,
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${UNANSWERED_SECONDS})`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const REFUND_COLUMNS = [
  'id',
  'order_id',
  'return_id',
  'amount_minor',
  'currency',
  'status',
  'attempt',
  'charge_reference',
] as const;

/**
 * Sends a refund's current attempt to the provider and records the answer. A failed refund whose
 * wait is over starts its next attempt first. Answers the refund's status afterwards.
 */
export async function sendRefund(ctx: AppContext, refundId: string): Promise<RefundStatus> {
  let refund: Refund | undefined = await ctx.db
    .selectFrom('refunds')
    .select(REFUND_COLUMNS)
    .where('id', '=', refundId)
    .executeTakeFirst();
  if (!refund || refund.status === 'succeeded') return refund?.status ?? 'succeeded';
  if (refund.status === 'failed') {
    // Only one caller moves a failed attempt on: the update names the attempt it saw.
    refund = await ctx.db
      .updateTable('refunds')
      .set({
        status: 'pending',
        attempt: refund.attempt + 1,
        next_attempt_at: sql<Date>`now() + make_interval(secs => ${UNANSWERED_SECONDS})`,
      })
      .where('id', '=', refundId)
      .where('status', '=', 'failed')
      .where('attempt', '=', refund.attempt)
      .where('next_attempt_at', '<=', sql<Date>`now()`)
      .returning(REFUND_COLUMNS)
      .executeTakeFirst();
    if (!refund) return 'failed';
  }
  let result: RefundResult;
  try {
    result = await ctx.payments.refund({
      chargeReference: refund.charge_reference,
      amountMinor: refund.amount_minor,
      currency: refund.currency,
      idempotencyKey: refundKey(refund),
      attempt: refund.attempt,
    });
  } catch (error) {
    ctx.log.warn({ err: error, refundId }, 'no answer to a refund; it is sent again later with the same key');
    return 'pending';
  }
  return recordRefund(ctx, refund, result);
}

async function recordRefund(ctx: AppContext, refund: Refund, result: RefundResult): Promise<RefundStatus> {
  const mailIds = await ctx.db.transaction().execute(async (trx) => {
    const settled = await trx
      .updateTable('refunds')
      .set(
        result.status === 'succeeded'
          ? {
              status: 'succeeded',
              provider_reference: result.reference,
              succeeded_at: sql<Date>`now()`,
              failure_code: null,
            }
          : {
              status: 'failed',
              failure_code: result.code.slice(0, 100),
              next_attempt_at: sql<Date>`now() + make_interval(secs => ${Math.min(3600, RETRY_SECONDS * refund.attempt)})`,
            },
      )
      .where('id', '=', refund.id)
      .where('status', '=', 'pending')
      .where('attempt', '=', refund.attempt)
      .returning('id')
      .executeTakeFirst();
    if (!settled || !refund.return_id) return [];
    const kind = result.status === 'succeeded' ? ('refunded' as const) : ('refund_failed' as const);
    await trx
      .insertInto('return_events')
      .values({ return_id: refund.return_id, kind, amount_minor: refund.amount_minor })
      .execute();
    if (kind === 'refund_failed') return [];
    const closed = await trx
      .updateTable('return_requests')
      .set({ status: 'refunded', closed_at: sql<Date>`now()` })
      .where('id', '=', refund.return_id)
      .returning((eb) => [
        'number',
        'order_id',
        'buyer_user_id',
        'store_id',
        orderNumberOf(eb.ref('order_id')).as('order_number'),
      ])
      .executeTakeFirstOrThrow();
    return enqueueReturnMails(ctx, trx, {
      kind,
      number: closed.number,
      orderNumber: closed.order_number ?? '',
      orderId: closed.order_id,
      buyerUserId: closed.buyer_user_id,
      storeId: closed.store_id,
      amount: { minor: refund.amount_minor, currency: refund.currency },
    });
  });
  await ctx.mail.dispatch(mailIds);
  const now = await ctx.db.selectFrom('refunds').select('status').where('id', '=', refund.id).executeTakeFirstOrThrow();
  return now.status;
}

/** The job: refunds whose attempt failed and waited long enough, or went unanswered, are sent again. */
export async function processDueRefunds(ctx: AppContext): Promise<number> {
  const due = await ctx.db
    .selectFrom('refunds')
    .select('id')
    .where('status', '<>', 'succeeded')
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .orderBy('next_attempt_at')
    .limit(DUE_BATCH)
    .execute();
  for (const { id } of due) {
    try {
      await sendRefund(ctx, id);
    } catch (error) {
      ctx.log.error({ err: error, refundId: id }, 'a refund could not be sent; trying again later');
    }
  }
  return due.length;
}
