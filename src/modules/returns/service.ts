// The return state machine (decision 054):
//   requested → awaiting_return (seller accepts with a return parcel) → refunding (parcel received)
//   requested → refunding (seller accepts, refund only)
//   requested → partial_offered → refunding (buyer accepts the offer) | escalated (buyer disagrees)
//   requested → refused → escalated (buyer disagrees)
//   requested → escalated (the seller's deadline passed: the job)
//   requested | partial_offered | refused → closed (buyer withdraws)
//   refunding → refunded (the provider refunded; refunds.ts)
//   escalated: a dispute, open until staff decide (next part): refund → refunding, no refund → closed.
// Each step is one transaction: the return's row locked, its state checked, the event, the mails,
// and any refund written; the refund is sent to the provider after the commit.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB, ReturnEventKind, ReturnStatus } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { orderForReturn, orderNumberOf } from '../orders/index.ts';
import { readableCode } from '../../tokens.ts';
import type { FromSchema } from '../../schemas.ts';
import { enqueueReturnMails } from './mails.ts';
import { sendRefund, startRefund } from './refunds.ts';
import type { AcceptReturnSchema, NewReturnSchema, ReturnPolicySchema } from './schemas.ts';
import { RETURN_LIMITS } from './schemas.ts';

/** Staff answer a dispute within this many days. */
export const DISPUTE_DAYS = 7;
const DAY = 86_400_000;

type Locked = {
  id: string;
  number: string;
  order_id: string;
  order_number: string | null;
  buyer_user_id: string | null;
  store_id: string;
  status: ReturnStatus;
  requested_minor: number;
  offered_minor: number | null;
  currency: string;
};

type StepResult = {
  kind: ReturnEventKind;
  amountMinor?: number | null;
  refund?: number;
  returnParcel?: { carrier: string; trackingNumber: string } | null;
  refusalReason?: string | null;
};

/** A store's return policy, or the defaults when the seller never set one. */
export async function returnPolicyOf(db: Kysely<DB>, storeId: string) {
  const row = await db
    .selectFrom('store_return_policies')
    .select(['window_days', 'response_days'])
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  return {
    windowDays: row?.window_days ?? RETURN_LIMITS.defaultWindowDays,
    responseDays: row?.response_days ?? RETURN_LIMITS.defaultResponseDays,
  };
}

export async function setReturnPolicy(
  db: Kysely<DB>,
  storeId: string,
  policy: FromSchema<typeof ReturnPolicySchema>,
): Promise<void> {
  const values = { window_days: policy.windowDays, response_days: policy.responseDays };
  await db
    .insertInto('store_return_policies')
    .values({ store_id: storeId, ...values })
    .onConflict((oc) => oc.column('store_id').doUpdateSet({ ...values, updated_at: sql<Date>`now()` }))
    .execute();
}

/** Quantities of each order line already refunded by earlier returns. */
async function refundedQuantities(db: Kysely<DB>, orderId: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('return_items as i')
    .innerJoin('return_requests as r', 'r.id', 'i.return_id')
    .select(['i.position', sql<number>`sum(i.quantity)::int`.as('quantity')])
    .where('r.order_id', '=', orderId)
    .where('r.status', '=', 'refunded')
    .groupBy('i.position')
    .execute();
  return new Map(rows.map((r) => [r.position, r.quantity]));
}

/** What the buyer may still return of an order, and until when. */
export async function returnableOf(db: Kysely<DB>, orderId: string, buyerUserId: string) {
  const order = await orderForReturn(db, orderId, { buyerUserId });
  if (!order) throw new AppError('NOT_FOUND');
  const policy = await returnPolicyOf(db, order.store_id);
  const closesAt =
    order.status === 'delivered' && order.delivered_at
      ? new Date(new Date(order.delivered_at).getTime() + policy.windowDays * DAY)
      : null;
  const done = await refundedQuantities(db, orderId);
  const returnable = order.items
    .map((i) => ({ ...i, quantity: i.quantity - (done.get(i.position) ?? 0) }))
    .filter((i) => i.quantity > 0);
  return { order, closesAt, returnable, open: closesAt !== null && closesAt.getTime() > Date.now() };
}

/** The buyer asks to return items of a delivered order. */
export async function requestReturn(
  ctx: AppContext,
  buyerUserId: string,
  orderId: string,
  body: FromSchema<typeof NewReturnSchema>,
): Promise<string> {
  const { order, returnable, open } = await returnableOf(ctx.db, orderId, buyerUserId);
  if (order.status !== 'delivered')
    throw new AppError('ORDER_STATE', { message: 'Only delivered orders can be returned.' });
  if (!open) throw new AppError('RETURN_WINDOW_CLOSED');
  const lines = new Map<number, number>();
  for (const item of body.items) lines.set(item.position, (lines.get(item.position) ?? 0) + item.quantity);
  let requested = 0;
  const chosen = [...lines].map(([position, quantity]) => {
    const line = returnable.find((l) => l.position === position);
    if (!line || quantity > line.quantity) {
      throw new AppError('VALIDATION_FAILED', {
        details: [
          { field: 'items', message: 'Choose items of this order, at most the quantity you can still return.' },
        ],
      });
    }
    requested += line.unit_price_minor * quantity;
    return { position, title: line.variant_label ? `${line.title} (${line.variant_label})` : line.title, quantity };
  });
  if (requested <= 0)
    throw new AppError('VALIDATION_FAILED', { details: [{ field: 'items', message: 'These items cost nothing.' }] });
  const policy = await returnPolicyOf(ctx.db, order.store_id);
  let id = '';
  const mailIds = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const created = await trx
        .insertInto('return_requests')
        .values({
          number: `RT-${readableCode(8)}`,
          order_id: orderId,
          buyer_user_id: buyerUserId,
          store_id: order.store_id,
          reason: body.reason,
          comment: body.comment ?? null,
          requested_minor: requested,
          currency: order.currency,
          respond_by: sql<Date>`now() + make_interval(days => ${policy.responseDays})`,
        })
        .returning(['id', 'number'])
        .executeTakeFirstOrThrow();
      id = created.id;
      await trx
        .insertInto('return_items')
        .values(chosen.map((c) => ({ return_id: created.id, ...c })))
        .execute();
      await trx
        .insertInto('return_events')
        .values({ return_id: created.id, kind: 'requested', amount_minor: requested })
        .execute();
      return enqueueReturnMails(ctx, trx, {
        kind: 'requested',
        number: created.number,
        orderNumber: order.number,
        orderId,
        buyerUserId,
        storeId: order.store_id,
        amount: { minor: requested, currency: order.currency },
      });
    })
    .catch((error: unknown) => {
      if ((error as { constraint?: string }).constraint === 'return_requests_one_open')
        throw new AppError('RETURN_OPEN');
      throw error;
    });
  await ctx.mail.dispatch(mailIds);
  return id;
}

/**
 * One step of a return: locks it (scoped to the buyer or the store: another's answers 404), checks
 * it is in one of `from`, runs `step`, records the event and mails, then sends any refund started.
 */
async function act(
  ctx: AppContext,
  returnId: string,
  scope: { buyerUserId?: string; storeId?: string },
  from: ReturnStatus[],
  step: (trx: Kysely<DB>, row: Locked) => Promise<StepResult>,
): Promise<void> {
  let refundId: string | null = null;
  const mailIds = await ctx.db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('return_requests')
      .select((eb) => [
        'id',
        'number',
        'order_id',
        orderNumberOf(eb.ref('order_id')).as('order_number'),
        'buyer_user_id',
        'store_id',
        'status',
        'requested_minor',
        'offered_minor',
        'currency',
      ])
      .where('id', '=', returnId)
      .forUpdate();
    if (scope.buyerUserId) query = query.where('buyer_user_id', '=', scope.buyerUserId);
    if (scope.storeId) query = query.where('store_id', '=', scope.storeId);
    const row = await query.executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    if (!from.includes(row.status)) {
      throw new AppError('RETURN_STATE', { message: `This return is ${row.status.replaceAll('_', ' ')}.` });
    }
    const result = await step(trx, row);
    if (result.refund !== undefined) {
      await trx.updateTable('return_requests').set({ status: 'refunding' }).where('id', '=', row.id).execute();
      refundId = await startRefund(trx, row.order_id, row.id, result.refund);
    }
    await trx
      .insertInto('return_events')
      .values({ return_id: row.id, kind: result.kind, amount_minor: result.amountMinor ?? result.refund ?? null })
      .execute();
    const amount = result.amountMinor ?? result.refund;
    return enqueueReturnMails(ctx, trx, {
      kind: result.kind,
      number: row.number,
      orderNumber: row.order_number ?? '',
      orderId: row.order_id,
      buyerUserId: row.buyer_user_id,
      storeId: row.store_id,
      amount: amount === undefined || amount === null ? null : { minor: amount, currency: row.currency },
      returnParcel: result.returnParcel ?? null,
      refusalReason: result.refusalReason ?? null,
    });
  });
  await ctx.mail.dispatch(mailIds);
  if (refundId) await sendRefund(ctx, refundId);
}

const normaliseTracking = (raw: string) => raw.replace(/\s+/g, '').toUpperCase();

/** The seller accepts: refund at once, or once the return parcel arrives. */
export async function acceptReturn(
  ctx: AppContext,
  storeId: string,
  returnId: string,
  body: FromSchema<typeof AcceptReturnSchema>,
): Promise<void> {
  if (body.mode === 'refund') {
    return act(ctx, returnId, { storeId }, ['requested'], async (_trx, row) => ({
      kind: 'accepted_refund',
      refund: row.requested_minor,
    }));
  }
  const trackingNumber = normaliseTracking(body.trackingNumber ?? '');
  const carrier = body.carrier?.trim() ?? '';
  if (!/^[A-Z0-9-]{6,40}$/.test(trackingNumber) || !carrier) {
    throw new AppError('VALIDATION_FAILED', {
      details: [
        {
          field: 'trackingNumber',
          message: 'A return needs its carrier and a tracking number of 6 to 40 letters, digits or dashes.',
        },
      ],
    });
  }
  await act(ctx, returnId, { storeId }, ['requested'], async (trx, row) => {
    const taken = await trx
      .selectFrom('return_requests')
      .select('id')
      .where('return_tracking_number', '=', trackingNumber)
      .executeTakeFirst();
    if (taken) throw new AppError('TRACKING_NUMBER_TAKEN');
    await trx
      .updateTable('return_requests')
      .set({ status: 'awaiting_return', return_carrier: carrier, return_tracking_number: trackingNumber })
      .where('id', '=', row.id)
      .execute();
    return { kind: 'accepted_return', returnParcel: { carrier, trackingNumber } };
  });
}

/** The seller received the return parcel: the refund goes out. */
export const markReturnReceived = (ctx: AppContext, storeId: string, returnId: string) =>
  act(ctx, returnId, { storeId }, ['awaiting_return'], async (trx, row) => {
    await trx
      .updateTable('return_requests')
      .set({ return_received_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute();
    return { kind: 'return_received', refund: row.requested_minor };
  });

/** The seller offers less than was asked. */
export const offerPartialRefund = (ctx: AppContext, storeId: string, returnId: string, amountMinor: number) =>
  act(ctx, returnId, { storeId }, ['requested'], async (trx, row) => {
    if (amountMinor >= row.requested_minor) {
      throw new AppError('VALIDATION_FAILED', {
        details: [
          {
            field: 'amount',
            message: 'A partial refund is less than what the buyer asked; to refund all of it, accept.',
          },
        ],
      });
    }
    await trx
      .updateTable('return_requests')
      .set({ status: 'partial_offered', offered_minor: amountMinor })
      .where('id', '=', row.id)
      .execute();
    return { kind: 'partial_offered', amountMinor };
  });

/** The seller refuses, saying why. */
export const refuseReturn = (ctx: AppContext, storeId: string, returnId: string, reason: string) =>
  act(ctx, returnId, { storeId }, ['requested'], async (trx, row) => {
    await trx
      .updateTable('return_requests')
      .set({ status: 'refused', refusal_reason: reason.trim() })
      .where('id', '=', row.id)
      .execute();
    return { kind: 'refused', refusalReason: reason.trim() };
  });

/** The buyer takes the seller's partial offer. */
export const acceptOffer = (ctx: AppContext, buyerUserId: string, returnId: string) =>
  act(ctx, returnId, { buyerUserId }, ['partial_offered'], async (_trx, row) => ({
    kind: 'offer_accepted',
    refund: row.offered_minor!,
  }));

async function openDispute(
  trx: Kysely<DB>,
  returnId: string,
  openedBy: 'buyer' | 'deadline',
  statement: string | null,
) {
  await trx.updateTable('return_requests').set({ status: 'escalated' }).where('id', '=', returnId).execute();
  await trx
    .insertInto('disputes')
    .values({
      return_id: returnId,
      opened_by: openedBy,
      buyer_statement: statement,
      due_at: sql<Date>`now() + make_interval(days => ${DISPUTE_DAYS})`,
    })
    .execute();
}

/** The buyer disagrees with a refusal or a partial offer: Souk's support decides (a dispute). */
export const escalateReturn = (ctx: AppContext, buyerUserId: string, returnId: string, statement: string | null) =>
  act(ctx, returnId, { buyerUserId }, ['refused', 'partial_offered'], async (trx, row) => {
    await openDispute(trx, row.id, 'buyer', statement?.trim() || null);
    return { kind: 'escalated' };
  });

/** The buyer no longer wants to return anything. */
export const withdrawReturn = (ctx: AppContext, buyerUserId: string, returnId: string) =>
  act(ctx, returnId, { buyerUserId }, ['requested', 'partial_offered', 'refused'], async (trx, row) => {
    await trx
      .updateTable('return_requests')
      .set({ status: 'closed', closed_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute();
    return { kind: 'withdrawn' };
  });

/** The job: requests the seller left unanswered past their deadline become disputes. */
export async function escalateOverdueReturns(ctx: AppContext): Promise<number> {
  const due = await ctx.db
    .selectFrom('return_requests')
    .select(['id', 'store_id'])
    .where('status', '=', 'requested')
    .where('respond_by', '<=', sql<Date>`now()`)
    .orderBy('respond_by')
    .limit(100)
    .execute();
  let escalated = 0;
  for (const r of due) {
    try {
      await act(ctx, r.id, { storeId: r.store_id }, ['requested'], async (trx, row) => {
        await openDispute(trx, row.id, 'deadline', null);
        return { kind: 'auto_escalated' };
      });
      escalated++;
    } catch (error) {
      // Answered meanwhile (RETURN_STATE): nothing to do.
      if (!(error instanceof AppError)) throw error;
    }
  }
  return escalated;
}
