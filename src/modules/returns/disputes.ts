// Souk support's side of disputes (issue 19, decision 054): the queue with due dates, one dispute
// with both sides (the return, its photos, the order, what buyer and store wrote each other), and
// the decision: a full or partial refund, or none, with a written reason. A refund goes through
// refunds.ts like every other (at most what was paid, never twice); both sides are mailed; the
// decision is audited in the same transaction (the audit log's owner writes it, see admin-routes.ts).
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB, DisputeStatus } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { money } from '../../lib/money.ts';
import { displayNameOf } from '../accounts/index.ts';
import { nameOfStore } from '../catalog/index.ts';
import { messagesAboutOrder } from '../messages/index.ts';
import { orderForReturn, orderNumberOf } from '../orders/index.ts';
import { enqueueReturnMails } from './mails.ts';
import { sendRefund, startRefund } from './refunds.ts';
import { listReturns } from './repository.ts';

export type DisputeFilter = 'open' | 'decided' | 'all';
export type DisputeOutcome = 'full' | 'partial' | 'none';
export type Audit = (
  trx: Kysely<DB>,
  entry: { actorUserId: string; action: string; subject: string; detail: string },
) => Promise<void>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const FILTERS: Record<Exclude<DisputeFilter, 'all'>, DisputeStatus[]> = {
  open: ['open'],
  decided: ['decided_refund', 'decided_no_refund'],
};

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('disputes as d')
    .innerJoin('return_requests as r', 'r.id', 'd.return_id')
    .leftJoin('refunds as f', 'f.return_id', 'r.id')
    .select((eb) => [
      'd.id',
      'd.status',
      'd.opened_by',
      'd.opened_at',
      'd.due_at',
      'd.decided_at',
      'd.buyer_statement',
      'd.decision_note',
      'r.id as return_id',
      'r.number as return_number',
      'r.order_id',
      orderNumberOf(eb.ref('r.order_id')).as('order_number'),
      nameOfStore(eb.ref('r.store_id')).as('store_name'),
      displayNameOf(eb.ref('r.buyer_user_id')).as('buyer_name'),
      'r.requested_minor',
      'r.currency',
      'f.id as refund_id',
      'f.amount_minor as refund_minor',
      'f.status as refund_status',
      'f.attempt as refund_attempt',
      'f.failure_code as refund_failure_code',
      'f.next_attempt_at as refund_next_attempt_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function view(r: Row) {
  const secondsLeft = Math.round((new Date(r.due_at).getTime() - Date.now()) / 1000);
  return {
    id: r.id,
    status: r.status,
    openedBy: r.opened_by as 'buyer' | 'deadline',
    openedAt: iso(r.opened_at)!,
    dueAt: iso(r.due_at)!,
    decidedAt: iso(r.decided_at),
    secondsLeft,
    overdue: r.status === 'open' && secondsLeft < 0,
    returnId: r.return_id,
    returnNumber: r.return_number,
    orderId: r.order_id,
    orderNumber: r.order_number ?? '',
    storeName: r.store_name ?? '',
    buyerName: r.buyer_name,
    requested: money(r.requested_minor, r.currency),
    refund:
      r.refund_id === null || r.refund_status === null || r.refund_minor === null
        ? null
        : {
            id: r.refund_id,
            amount: money(r.refund_minor, r.currency),
            status: r.refund_status,
            attempt: r.refund_attempt ?? 1,
            failureCode: r.refund_failure_code,
            nextAttemptAt: r.refund_status === 'succeeded' ? null : iso(r.refund_next_attempt_at),
          },
  };
}

/** The queue: open disputes soonest due first; decided ones most recent first. */
export async function listDisputes(db: Kysely<DB>, filter: DisputeFilter, page: { page: number; pageSize: number }) {
  let query = baseQuery(db);
  let count = db.selectFrom('disputes as d');
  if (filter !== 'all') {
    query = query.where('d.status', 'in', FILTERS[filter]);
    count = count.where('d.status', 'in', FILTERS[filter]);
  }
  const [rows, total] = await Promise.all([
    query
      .orderBy(filter === 'open' ? 'd.due_at' : 'd.opened_at', filter === 'open' ? 'asc' : 'desc')
      .orderBy('d.id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    count.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(view), total: Number(total.n), ...page };
}

/** One dispute with both sides: the return as buyer and store see it, the order, their messages. */
export async function showDispute(db: Kysely<DB>, id: string) {
  const row = await baseQuery(db).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const [[ret], order, refunded, messages] = await Promise.all([
    listReturns(db, { returnId: row.return_id }),
    orderForReturn(db, row.order_id, {}),
    db
      .selectFrom('refunds')
      .select(sql<number>`coalesce(sum(amount_minor), 0)::int`.as('n'))
      .where('order_id', '=', row.order_id)
      .executeTakeFirstOrThrow(),
    messagesAboutOrder(db, row.order_id),
  ]);
  if (!ret || !order) throw new AppError('NOT_FOUND');
  return {
    ...view(row),
    buyerStatement: row.buyer_statement,
    decisionNote: row.decision_note,
    return: ret,
    order: {
      id: order.id,
      number: order.number,
      status: order.status,
      total: money(order.total_minor, order.currency),
      refunded: money(refunded.n, order.currency),
      refundable: money(Math.max(0, order.total_minor - refunded.n), order.currency),
      items: order.items.map((i) => ({
        position: i.position,
        title: i.variant_label ? `${i.title} (${i.variant_label})` : i.title,
        quantity: i.quantity,
        unitPrice: money(i.unit_price_minor, order.currency),
      })),
    },
    messages: messages.map((m) => ({ side: m.side, body: m.body, removed: m.body === null, at: m.at })),
  };
}

/**
 * Staff decide an open dispute. full: the amount the buyer asked; partial: less than that; none:
 * the return closes. The refund is written with the decision and sent after the commit.
 */
export async function decideDispute(
  ctx: AppContext,
  audit: Audit,
  staffUserId: string,
  disputeId: string,
  decision: { outcome: DisputeOutcome; amount?: number | undefined; reason?: string | undefined },
): Promise<void> {
  const reason = decision.reason?.trim() ?? '';
  if (reason === '') throw new AppError('DECISION_REASON_REQUIRED');
  if ((decision.outcome === 'partial') !== (decision.amount !== undefined)) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'amount', message: 'Give an amount for a partial refund, and only for one.' }],
    });
  }
  const found = await ctx.db.selectFrom('disputes').select('return_id').where('id', '=', disputeId).executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND');
  let refundId: string | null = null;
  const mailIds = await ctx.db.transaction().execute(async (trx) => {
    // The return first, as every step of a return locks it (refunds.ts then locks the order).
    const ret = await trx
      .selectFrom('return_requests')
      .select((eb) => [
        'id',
        'number',
        'order_id',
        orderNumberOf(eb.ref('order_id')).as('order_number'),
        'buyer_user_id',
        'store_id',
        'requested_minor',
        'currency',
      ])
      .where('id', '=', found.return_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const dispute = await trx
      .selectFrom('disputes')
      .select('status')
      .where('id', '=', disputeId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (dispute.status !== 'open') throw new AppError('DISPUTE_DECIDED');
    let amount: number | null = null;
    if (decision.outcome === 'full') amount = ret.requested_minor;
    if (decision.outcome === 'partial') {
      amount = decision.amount!;
      if (amount >= ret.requested_minor) {
        throw new AppError('VALIDATION_FAILED', {
          details: [
            {
              field: 'amount',
              message: 'A partial refund is less than what the buyer asked; to refund all of it, choose full.',
            },
          ],
        });
      }
    }
    await trx
      .updateTable('disputes')
      .set({
        status: amount === null ? 'decided_no_refund' : 'decided_refund',
        decided_at: sql<Date>`now()`,
        decision_note: reason,
      })
      .where('id', '=', disputeId)
      .execute();
    if (amount === null) {
      await trx
        .updateTable('return_requests')
        .set({ status: 'closed', closed_at: sql<Date>`now()` })
        .where('id', '=', ret.id)
        .execute();
    } else {
      await trx.updateTable('return_requests').set({ status: 'refunding' }).where('id', '=', ret.id).execute();
      refundId = await startRefund(trx, ret.order_id, ret.id, amount);
    }
    await trx
      .insertInto('return_events')
      .values({ return_id: ret.id, kind: 'dispute_decided', amount_minor: amount })
      .execute();
    await audit(trx, {
      actorUserId: staffUserId,
      action: 'dispute.decide',
      subject: ret.number,
      detail: `${decision.outcome}${amount === null ? '' : ` ${amount} ${ret.currency}`}: ${reason}`,
    });
    return enqueueReturnMails(ctx, trx, {
      kind: 'dispute_decided',
      number: ret.number,
      orderNumber: ret.order_number ?? '',
      orderId: ret.order_id,
      buyerUserId: ret.buyer_user_id,
      storeId: ret.store_id,
      decision: { refund: amount === null ? null : { minor: amount, currency: ret.currency }, reason },
    });
  });
  await ctx.mail.dispatch(mailIds);
  if (refundId) await sendRefund(ctx, refundId);
}
