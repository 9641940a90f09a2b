// Paying a checkout: the card to charge (a saved one, or a new one saved when asked), and the payment
// attempt itself (charges.ts: at most one charge per checkout across crashes, decision 033).
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { findPaymentMethod, savePaymentMethod } from '../payments/index.ts';
import { attemptPayment, type ChargeCard, type PaymentOutcome } from './charges.ts';
import type { NewCard } from './schemas.ts';

export type { PaymentOutcome } from './charges.ts';

export type PaymentChoice = { paymentMethodId: string } | { card: NewCard };

export async function paymentToken(
  ctx: AppContext,
  userId: string,
  choice: PaymentChoice,
): Promise<{ token: ChargeCard; save?: () => Promise<void>; saveIn?: (trx: Kysely<DB>) => Promise<void> }> {
  if ('paymentMethodId' in choice) {
    const saved = await findPaymentMethod(ctx.db, userId, choice.paymentMethodId);
    if (!saved) throw new AppError('NOT_FOUND', { message: 'This saved card was not found.' });
    return { token: { token: saved.provider_token, brand: saved.brand, last4: saved.last4 } };
  }
  const { save, ...card } = choice.card;
  const tokenized = await ctx.payments.tokenize(card);
  return {
    token: { token: tokenized.token, brand: tokenized.brand, last4: tokenized.last4 },
    ...(save ? { saveIn: async (trx: Kysely<DB>) => void (await savePaymentMethod(trx, userId, tokenized)) } : {}),
  };
}

/**
 * Places the signed-in person's cart as one order per seller, then takes payment. The same
 * `idempotencyKey` again places and charges nothing: it answers the same checkout, after confirming
 * with the provider a payment a crash left without an outcome. `beforePlacing` runs only when a new
 * checkout is about to be placed (the route's rate limit: repeating a key does not count).
 */
export async function payCheckout(
  ctx: AppContext,
  userId: string,
  checkoutId: string,
  choice: PaymentChoice,
): Promise<PaymentOutcome> {
  const checkout = await ctx.db
    .selectFrom('checkouts')
    .select(['id', 'status'])
    .where('id', '=', checkoutId)
    .where('buyer_user_id', '=', userId)
    .executeTakeFirst();
  if (!checkout) throw new AppError('NOT_FOUND');
  if (checkout.status !== 'awaiting_payment')
    throw new AppError('ORDER_STATE', {
      message: `This order is ${checkout.status === 'paid' ? 'already paid' : 'cancelled'}.`,
    });
  const payment = await paymentToken(ctx, userId, choice);
  if (payment.saveIn) await ctx.db.transaction().execute(payment.saveIn);
  return attemptPayment(ctx, checkoutId, payment.token);
}
