// The orders module's jobs: unpaid checkouts expire (checkout.ts), payment attempts left without an
// answer are confirmed with the provider (charges.ts). Checkout, payment and fulfilment live in
// checkout.ts, payment.ts and fulfilment.ts.
import type { AppContext } from '../../context.ts';
import type { Jobs } from '../../jobs/runner.ts';
import { PAYMENTS_RECONCILE_QUEUE, reconcilePayments } from './charges.ts';
import { expireUnpaidCheckouts } from './checkout.ts';

export const ORDERS_EXPIRE_QUEUE = 'orders.expire-unpaid';

export async function registerOrderJobs(ctx: AppContext, jobs: Jobs): Promise<void> {
  await jobs.work(ORDERS_EXPIRE_QUEUE, async () => {
    await expireUnpaidCheckouts(ctx);
  });
  await jobs.schedule(ORDERS_EXPIRE_QUEUE, '* * * * *');
  await jobs.work(PAYMENTS_RECONCILE_QUEUE, async () => {
    await reconcilePayments(ctx);
  });
  await jobs.schedule(PAYMENTS_RECONCILE_QUEUE, '* * * * *');
}
