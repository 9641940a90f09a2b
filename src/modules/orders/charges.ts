// Taking payment for a checkout so that its card is charged at most once, even when the process
// dies between the provider's charge and Souk's record of it (decision 033):
// 1. claim: one transaction, under the checkout's row lock, numbers the attempt, writes it as a
//    'pending' payment holding the idempotency key the provider will get (`<checkout>:<attempt>`)
//    and the card token, and takes the checkout's lease (paying_until);
// 2. charge: the provider call, outside any transaction (it must not hold row locks);
// 3. record: one transaction settles the row, only if it is still pending, and applies what the
//    outcome means: the checkout and its orders paid, the receipts to the buyer and the sellers.
// An attempt without a recorded outcome holds the checkout: no other attempt, hence no other key,
// starts until it is settled. While its lease runs, its owner may still record it (anyone else gets
// PAYMENT_PENDING); once the lease is over, the next request for the checkout or the reconciliation
// job asks the provider about that very request (findCharge) and records the answer.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB, PaymentStatus } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { ownerOfStore } from '../catalog/index.ts';
import { refundNow, type ChargeLookup, type ChargeRequest, type ChargeResult } from '../payments/index.ts';
import { enqueueOrderMail, orderMailTemplates, ordersOfCheckout } from './mails.ts';

export type PaymentOutcome =
  | { status: 'succeeded' }
  | { status: 'declined'; code: 'CARD_DECLINED' }
  | { status: 'retry'; code: 'PAYMENT_RETRY' }
  /** The provider's answer has not come (yet): the attempt is confirmed with it later. */
  | { status: 'pending'; code: 'PAYMENT_PENDING' };

/** The card an attempt charges: the provider's token, and what the payment record keeps of it. */
export type ChargeCard = { token: string; brand: string; last4: string };

/** Who recorded an attempt's outcome: the request that charged, a later request, or the job. */
type SettledBy = 'charge' | 'retry' | 'reconciler';

type Attempt = {
  id: string;
  checkout_id: string;
  attempt: number;
  idempotency_key: string;
  provider_token: string | null;
  amount_minor: number;
  currency: string;
  card_brand: string | null;
  card_last4: string | null;
  created_at: Date;
};

export const PAYMENTS_RECONCILE_QUEUE = 'orders.reconcile-payments';
const PENDING: PaymentOutcome = { status: 'pending', code: 'PAYMENT_PENDING' };
const RECONCILE_BATCH = 100;

function outcomeOf(status: PaymentStatus): PaymentOutcome {
  if (status === 'succeeded') return { status };
  if (status === 'declined') return { status, code: 'CARD_DECLINED' };
  if (status === 'retry') return { status, code: 'PAYMENT_RETRY' };
  return PENDING;
}

/** The request the provider got for an attempt: the same key, card, amount and number. */
const requestOf = (a: Attempt): ChargeRequest => ({
  token: a.provider_token ?? '',
  amountMinor: a.amount_minor,
  currency: a.currency,
  idempotencyKey: a.idempotency_key,
  attempt: a.attempt,
});

/** Attempts without a recorded outcome, with their card token. */
function openAttempts(db: Kysely<DB>) {
  return db
    .selectFrom('payments as p')
    .leftJoin('pending_charge_tokens as t', 't.payment_id', 'p.id')
    .select([
      'p.id',
      'p.checkout_id',
      'p.attempt',
      'p.idempotency_key',
      't.provider_token',
      'p.amount_minor',
      'p.currency',
      'p.card_brand',
      'p.card_last4',
      'p.created_at',
    ])
    .where('p.status', '=', 'pending')
    .$narrowType<{ attempt: number; idempotency_key: string }>();
}

/** Whether a checkout has an attempt whose outcome is not recorded yet. */
export async function hasPendingAttempt(db: Kysely<DB>, checkoutId: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('payments')
      .select('id')
      .where('checkout_id', '=', checkoutId)
      .where('status', '=', 'pending')
      .executeTakeFirst()) !== undefined
  );
}

type Claim = { owner: true; attempt: Attempt } | { owner: false; attempt: Attempt };

/**
 * Starts an attempt, its key written before the provider hears of it; or, when an earlier attempt
 * has no outcome and its lease is over, hands that one back to be confirmed first.
 */
async function claimAttempt(ctx: AppContext, checkoutId: string, card: ChargeCard): Promise<Claim> {
  return ctx.db.transaction().execute(async (trx) => {
    // The row lock makes everything that starts or settles an attempt of this checkout take turns:
    // two requests at once, a request and the reconciliation job, a cancellation.
    const checkout = await trx
      .selectFrom('checkouts')
      .select([
        'status',
        'payment_attempts',
        'total_minor',
        'currency',
        sql<boolean>`coalesce(paying_until > now(), false)`.as('leased'),
      ])
      .where('id', '=', checkoutId)
      .forUpdate()
      .executeTakeFirst();
    if (!checkout) throw new AppError('NOT_FOUND');
    if (checkout.status !== 'awaiting_payment')
      throw new AppError('ORDER_STATE', {
        message: `This order is ${checkout.status === 'paid' ? 'already paid' : 'cancelled'}.`,
      });
    const open = await openAttempts(trx).where('p.checkout_id', '=', checkoutId).executeTakeFirst();
    if (open) {
      if (checkout.leased) throw new AppError('PAYMENT_PENDING');
      return { owner: false, attempt: open };
    }
    const number = checkout.payment_attempts + 1;
    await trx
      .updateTable('checkouts')
      .set({
        payment_attempts: number,
        paying_until: sql<Date>`now() + make_interval(secs => ${ctx.config.paymentLeaseSeconds})`,
      })
      .where('id', '=', checkoutId)
      .execute();
    const attempt = await trx
      .insertInto('payments')
      .values({
        checkout_id: checkoutId,
        provider: ctx.payments.id,
        provider_reference: null,
        card_brand: card.brand,
        card_last4: card.last4,
        amount_minor: checkout.total_minor,
        currency: checkout.currency,
        status: 'pending',
        failure_code: null,
        idempotency_key: `${checkoutId}:${number}`,
        attempt: number,
      })
      .returning([
        'id',
        'checkout_id',
        'idempotency_key',
        'amount_minor',
        'currency',
        'card_brand',
        'card_last4',
        'created_at',
      ])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('pending_charge_tokens')
      .values({ payment_id: attempt.id, provider_token: card.token })
      .execute();
    return {
      owner: true,
      attempt: { ...attempt, idempotency_key: attempt.idempotency_key!, attempt: number, provider_token: card.token },
    };
  });
}

/**
 * One payment attempt for a checkout awaiting payment. An attempt a crash left without an outcome
 * is confirmed with the provider first; only when it did not charge does this one go ahead.
 */
export async function attemptPayment(ctx: AppContext, checkoutId: string, card: ChargeCard): Promise<PaymentOutcome> {
  // Each round settles one earlier attempt; a third is only reached if others keep starting and dying.
  for (let round = 0; round < 3; round++) {
    const claim = await claimAttempt(ctx, checkoutId, card);
    if (!claim.owner) {
      const earlier = await confirmAttempt(ctx, claim.attempt, 'retry');
      if (earlier.status === 'succeeded' || earlier.status === 'pending') return earlier;
      continue;
    }
    let result: ChargeResult;
    try {
      result = await ctx.payments.charge(requestOf(claim.attempt));
    } catch (error) {
      // The provider may have charged: the attempt keeps its key, open, until the provider is asked.
      ctx.log.warn(
        { err: error, checkoutId, attempt: claim.attempt.attempt },
        'no answer to a charge; it will be confirmed with the provider',
      );
      return PENDING;
    }
    return recordOutcome(ctx, claim.attempt, result, 'charge');
  }
  return PENDING;
}

/**
 * For a request that starts no attempt (the same checkout key sent again): confirms an attempt a
 * crash left without an outcome, once its lease is over. Null when there was none to confirm.
 */
export async function confirmOpenAttempt(ctx: AppContext, checkoutId: string): Promise<PaymentOutcome | null> {
  const open = await openAttempts(ctx.db)
    .innerJoin('checkouts as c', 'c.id', 'p.checkout_id')
    .select(sql<boolean>`coalesce(c.paying_until > now(), false)`.as('leased'))
    .where('p.checkout_id', '=', checkoutId)
    .executeTakeFirst();
  if (!open || open.leased) return null;
  return confirmAttempt(ctx, open, 'retry');
}

/** Asks the provider what became of an attempt whose answer never came, and records that. */
async function confirmAttempt(ctx: AppContext, attempt: Attempt, by: SettledBy): Promise<PaymentOutcome> {
  let found: ChargeLookup;
  try {
    found = await ctx.payments.findCharge(requestOf(attempt), { sentAt: attempt.created_at });
  } catch (error) {
    ctx.log.warn(
      { err: error, checkoutId: attempt.checkout_id, attempt: attempt.attempt },
      'the provider could not say what became of a charge; asking again later',
    );
    return PENDING;
  }
  // Not found: the provider never charged it. Closed as a passing failure; the buyer may pay again.
  return recordOutcome(ctx, attempt, found.status === 'not_found' ? { status: 'retry', code: 'not_found' } : found, by);
}

/** Refunds a charge that must not stand (see the callers), keeping the refund with the checkout's payments. */
async function refundStrayCharge(
  ctx: AppContext,
  trx: Kysely<DB>,
  attempt: Attempt,
  reference: string,
  why: string,
): Promise<void> {
  const refund = await refundNow(
    ctx.payments,
    { chargeReference: reference, amountMinor: attempt.amount_minor, currency: attempt.currency },
    `stray:${attempt.id}`,
  );
  await trx
    .insertInto('payments')
    .values({
      checkout_id: attempt.checkout_id,
      provider: ctx.payments.id,
      provider_reference: refund.reference,
      card_brand: attempt.card_brand,
      card_last4: attempt.card_last4,
      amount_minor: attempt.amount_minor,
      currency: attempt.currency,
      status: 'refunded',
      failure_code: null,
    })
    .execute();
  ctx.log.error({ checkoutId: attempt.checkout_id, attempt: attempt.attempt }, `a charge ${why} was refunded`);
}

/**
 * Records an attempt's outcome once: the first to record it (the request that charged, a later
 * request or the job) applies it; anyone later finds it recorded and answers that record.
 */
async function recordOutcome(
  ctx: AppContext,
  attempt: Attempt,
  result: ChargeResult,
  by: SettledBy,
): Promise<PaymentOutcome> {
  const ordersUrl = `${ctx.config.publicUrl}/account/orders`;
  const done = await ctx.db.transaction().execute(async (trx) => {
    const checkout = await trx
      .selectFrom('checkouts')
      .select(['status', 'buyer_user_id'])
      .where('id', '=', attempt.checkout_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const settled = await trx
      .updateTable('payments')
      .set({
        status: result.status,
        provider_reference: result.status === 'succeeded' ? result.reference : null,
        failure_code: result.status === 'succeeded' ? null : result.code,
        settled_at: sql<Date>`now()`,
        settled_by: by,
      })
      .where('id', '=', attempt.id)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    if (!settled) {
      const recorded = await trx
        .selectFrom('payments')
        .select('status')
        .where('id', '=', attempt.id)
        .executeTakeFirstOrThrow();
      // A charge that came back after its attempt was found "not charged" (an answer slower than
      // the lease): the buyer may have paid again since, so this charge is handed back.
      if (result.status === 'succeeded' && recorded.status !== 'succeeded')
        await refundStrayCharge(ctx, trx, attempt, result.reference, 'answered after its attempt was closed');
      return { mailIds: [], outcome: outcomeOf(recorded.status), cancelled: false };
    }
    await trx.deleteFrom('pending_charge_tokens').where('payment_id', '=', attempt.id).execute();
    await trx.updateTable('checkouts').set({ paying_until: null }).where('id', '=', attempt.checkout_id).execute();
    // The first attempt's outcome is the checkout's first receipt, whoever records it.
    const first = attempt.attempt === 1;
    const outcome = outcomeOf(result.status);
    if (result.status !== 'succeeded') {
      if (!first || checkout.status !== 'awaiting_payment') return { mailIds: [], outcome, cancelled: false };
      const orders = await ordersOfCheckout(trx, attempt.checkout_id);
      return {
        mailIds: [
          await enqueueOrderMail(ctx, trx, checkout.buyer_user_id, 'order_receipts', (language) =>
            orderMailTemplates.placed(language, { orders, paid: false, ordersUrl }),
          ),
        ],
        outcome,
        cancelled: false,
      };
    }
    if (checkout.status !== 'awaiting_payment') {
      // Cancelling waits for open attempts (cancelOrder), so this is a guard, not a path: money is
      // never kept for orders that were cancelled.
      await refundStrayCharge(ctx, trx, attempt, result.reference, 'for a checkout no longer awaiting payment');
      return { mailIds: [], outcome, cancelled: true };
    }
    await trx.updateTable('checkouts').set({ status: 'paid' }).where('id', '=', attempt.checkout_id).execute();
    await trx
      .updateTable('orders')
      .set({ status: 'paid', paid_at: sql<Date>`now()` })
      .where('checkout_id', '=', attempt.checkout_id)
      .where('status', '=', 'awaiting_payment')
      .execute();
    const orders = await ordersOfCheckout(trx, attempt.checkout_id);
    const mailIds = [
      await enqueueOrderMail(
        ctx,
        trx,
        checkout.buyer_user_id,
        'order_receipts',
        first
          ? (language) => orderMailTemplates.placed(language, { orders, paid: true, ordersUrl })
          : (language) => orderMailTemplates.paid(language, { orders, ordersUrl }),
      ),
    ];
    const sellers = await trx
      .selectFrom('orders as o')
      .select((eb) => [
        'o.number',
        'o.total_minor',
        'o.currency',
        ownerOfStore(eb.ref('o.store_id')).as('owner_user_id'),
      ])
      .where('o.checkout_id', '=', attempt.checkout_id)
      .execute();
    for (const sale of sellers) {
      mailIds.push(
        await enqueueOrderMail(ctx, trx, sale.owner_user_id, 'order_receipts', (language) =>
          orderMailTemplates.newOrder(language, {
            number: sale.number,
            total: { minor: sale.total_minor, currency: sale.currency },
            sellerUrl: `${ctx.config.publicUrl}/seller/orders`,
          }),
        ),
      );
    }
    return { mailIds, outcome, cancelled: false };
  });
  await ctx.mail.dispatch(done.mailIds);
  if (done.cancelled)
    throw new AppError('ORDER_STATE', {
      message: 'This order was cancelled before its payment was confirmed; the payment was refunded.',
    });
  return done.outcome;
}

/**
 * The reconciliation job: confirms with the provider every attempt whose outcome was never recorded
 * and whose lease is over (its process died, or the call failed), oldest first. Answers how many it
 * settled and how many are still unknown (the provider could not tell; asked again next time).
 */
export async function reconcilePayments(ctx: AppContext): Promise<{ settled: number; unknown: number }> {
  const open = await openAttempts(ctx.db)
    .innerJoin('checkouts as c', 'c.id', 'p.checkout_id')
    .where((eb) => eb.or([eb('c.paying_until', 'is', null), eb('c.paying_until', '<', sql<Date>`now()`)]))
    .orderBy('p.created_at')
    .limit(RECONCILE_BATCH)
    .execute();
  let settled = 0;
  for (const attempt of open) {
    try {
      if ((await confirmAttempt(ctx, attempt, 'reconciler')).status !== 'pending') settled++;
    } catch (error) {
      ctx.log.error(
        { err: error, checkoutId: attempt.checkout_id, attempt: attempt.attempt },
        'could not record what became of a charge',
      );
    }
  }
  return { settled, unknown: open.length - settled };
}
