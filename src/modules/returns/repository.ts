// Reading returns with their items, refund, dispute and timeline, as the buyer and the seller see them.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { money } from '../../lib/money.ts';
import { orderNumberOf } from '../orders/index.ts';
import type { FromSchema } from '../../schemas.ts';
import type { ReturnSchema } from './schemas.ts';

export type ReturnView = FromSchema<typeof ReturnSchema>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const returnPhotoUrl = (returnId: string, photoId: string) => `/api/returns/${returnId}/photos/${photoId}`;

/** Returns matching `scope`, newest first, with everything the order page shows of them. */
export async function listReturns(
  db: Kysely<DB>,
  scope: { orderId?: string; buyerUserId?: string; storeId?: string; returnId?: string },
): Promise<ReturnView[]> {
  let query = db
    .selectFrom('return_requests as r')
    .select((eb) => [
      'r.id',
      'r.number',
      'r.order_id',
      orderNumberOf(eb.ref('r.order_id')).as('order_number'),
      'r.status',
      'r.reason',
      'r.comment',
      'r.requested_minor',
      'r.offered_minor',
      'r.currency',
      'r.refusal_reason',
      'r.return_carrier',
      'r.return_tracking_number',
      'r.return_received_at',
      'r.respond_by',
      'r.created_at',
      'r.closed_at',
    ])
    .orderBy('r.created_at', 'desc')
    .limit(200);
  if (scope.orderId) query = query.where('r.order_id', '=', scope.orderId);
  if (scope.buyerUserId) query = query.where('r.buyer_user_id', '=', scope.buyerUserId);
  if (scope.storeId) query = query.where('r.store_id', '=', scope.storeId);
  if (scope.returnId) query = query.where('r.id', '=', scope.returnId);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [items, photos, refunds, disputes, events] = await Promise.all([
    db
      .selectFrom('return_items')
      .select(['return_id', 'position', 'title', 'quantity'])
      .where('return_id', 'in', ids)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('return_photos')
      .select(['id', 'return_id'])
      .where('return_id', 'in', ids)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('refunds')
      .select([
        'return_id',
        'amount_minor',
        'currency',
        'status',
        'attempt',
        'failure_code',
        'next_attempt_at',
        'succeeded_at',
      ])
      .where('return_id', 'in', ids)
      .execute(),
    db
      .selectFrom('disputes')
      .select(['return_id', 'status', 'opened_by', 'opened_at', 'due_at'])
      .where('return_id', 'in', ids)
      .execute(),
    db
      .selectFrom('return_events')
      .select(['return_id', 'kind', 'amount_minor', 'occurred_at'])
      .where('return_id', 'in', ids)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute(),
  ]);
  return rows.map((r) => {
    const refund = refunds.find((f) => f.return_id === r.id);
    const dispute = disputes.find((d) => d.return_id === r.id);
    return {
      id: r.id,
      number: r.number,
      orderId: r.order_id,
      orderNumber: r.order_number ?? '',
      status: r.status,
      reason: r.reason,
      comment: r.comment,
      items: items
        .filter((i) => i.return_id === r.id)
        .map((i) => ({ position: i.position, title: i.title, quantity: i.quantity })),
      requested: money(r.requested_minor, r.currency),
      offered: r.offered_minor === null ? null : money(r.offered_minor, r.currency),
      refusalReason: r.refusal_reason,
      returnParcel:
        r.return_tracking_number === null
          ? null
          : {
              carrier: r.return_carrier ?? '',
              trackingNumber: r.return_tracking_number,
              receivedAt: iso(r.return_received_at),
            },
      respondBy: iso(r.respond_by)!,
      createdAt: iso(r.created_at)!,
      closedAt: iso(r.closed_at),
      photos: photos.filter((p) => p.return_id === r.id).map((p) => ({ id: p.id, url: returnPhotoUrl(r.id, p.id) })),
      refund: refund
        ? {
            amount: money(refund.amount_minor, refund.currency),
            status: refund.status,
            attempt: refund.attempt,
            failureCode: refund.failure_code,
            nextAttemptAt: refund.status === 'succeeded' ? null : iso(refund.next_attempt_at),
            succeededAt: iso(refund.succeeded_at),
          }
        : null,
      dispute: dispute
        ? {
            status: dispute.status,
            openedBy: dispute.opened_by,
            openedAt: iso(dispute.opened_at)!,
            dueAt: iso(dispute.due_at)!,
          }
        : null,
      events: events
        .filter((e) => e.return_id === r.id)
        .map((e) => ({
          kind: e.kind,
          amount: e.amount_minor === null ? null : money(e.amount_minor, r.currency),
          at: iso(e.occurred_at)!,
        })),
    };
  });
}
