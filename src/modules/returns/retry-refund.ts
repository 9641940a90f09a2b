// Staff's "Retry refund now" (issue 19): a refund the provider failed is sent again at once instead
// of at its next scheduled attempt. It goes through sendRefund like the job's retry, so the same
// guarantees hold: a failed attempt is final for its key, the next attempt takes the next key and
// only one caller moves it on; an unanswered (pending) attempt is sent again under its own key,
// which the provider refunds once. A refund that already succeeded is REFUND_SUCCEEDED (409).
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { money } from '../../lib/money.ts';
import type { Audit } from './disputes.ts';
import { sendRefund } from './refunds.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A refund as staff see it after a retry: its return and dispute (if any), status and attempts. */
export async function showRefund(db: Kysely<DB>, refundId: string) {
  const row = await db
    .selectFrom('refunds as f')
    .leftJoin('return_requests as r', 'r.id', 'f.return_id')
    .leftJoin('disputes as d', 'd.return_id', 'f.return_id')
    .select([
      'f.id',
      'f.amount_minor',
      'f.currency',
      'f.status',
      'f.attempt',
      'f.failure_code',
      'f.next_attempt_at',
      'f.succeeded_at',
      'r.number as return_number',
      'd.id as dispute_id',
    ])
    .where('f.id', '=', refundId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return {
    id: row.id,
    returnNumber: row.return_number,
    disputeId: row.dispute_id,
    amount: money(row.amount_minor, row.currency),
    status: row.status,
    attempt: row.attempt,
    failureCode: row.status === 'succeeded' ? null : row.failure_code,
    nextAttemptAt: row.status === 'succeeded' ? null : iso(row.next_attempt_at),
    succeededAt: iso(row.succeeded_at),
  };
}

/**
 * Makes a failed or unanswered refund due now (audited in the same transaction), then sends it.
 * NOT_FOUND for an unknown refund, REFUND_SUCCEEDED when there is nothing left to retry.
 */
export async function retryRefundNow(
  ctx: AppContext,
  audit: Audit,
  staffUserId: string,
  refundId: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const refund = await trx
      .selectFrom('refunds')
      .select((eb) => [
        'id',
        'status',
        'attempt',
        'amount_minor',
        'currency',
        eb
          .selectFrom('return_requests as r')
          .select('r.number')
          .whereRef('r.id', '=', 'refunds.return_id')
          .as('return_number'),
      ])
      .where('id', '=', refundId)
      .forUpdate()
      .executeTakeFirst();
    if (!refund) throw new AppError('NOT_FOUND');
    if (refund.status === 'succeeded') throw new AppError('REFUND_SUCCEEDED');
    await trx.updateTable('refunds').set({ next_attempt_at: sql<Date>`now()` }).where('id', '=', refundId).execute();
    // A failed attempt is final for its key: the retry is the next attempt. A pending one is resent as is.
    const attempt = refund.status === 'failed' ? refund.attempt + 1 : refund.attempt;
    await audit(trx, {
      actorUserId: staffUserId,
      action: 'refund.retry',
      subject: refund.return_number ?? refund.id,
      detail: `attempt ${attempt}: ${refund.amount_minor} ${refund.currency}`,
    });
  });
  await sendRefund(ctx, refundId);
}
