// Periodic clean-up, composed from what each module says it keeps only for a while: expired
// sessions and tokens (auth), ended rate-limit windows, delivered outbox mail, stale guest carts and guests' saved items and views,
// expired email changes, and the ownership record of a completed deletion whose process died before
// dropping it. Each module deletes its own rows.
import type { AppContext } from './context.ts';
import type { Jobs } from './jobs/runner.ts';
import { dropExpiredCredentials } from './modules/auth/index.ts';
import { dropEndedWindows } from './modules/rate-limit/index.ts';
import { dropDeliveredMail, MAIL_SWEEP_QUEUE } from './modules/mail/index.ts';
import { deleteStaleGuestCarts } from './modules/cart/index.ts';
import { deleteStaleGuestShopperRows } from './modules/saved/index.ts';
import { dropEmailChanges } from './modules/accounts/index.ts';
import { dropOwnershipRecords } from './modules/deletion/index.ts';

export const HOUSEKEEPING_QUEUE = 'housekeeping';

export async function runHousekeeping(ctx: AppContext): Promise<void> {
  const { db } = ctx;
  await dropExpiredCredentials(db);
  await db.transaction().execute((trx) => dropEmailChanges(trx, { expired: true }));
  await dropEndedWindows(db);
  await dropDeliveredMail(db);
  await deleteStaleGuestCarts(db);
  await deleteStaleGuestShopperRows(db);
  await dropOwnershipRecords(ctx);
}

export async function scheduleHousekeeping(ctx: AppContext, jobs: Jobs): Promise<void> {
  await jobs.work(HOUSEKEEPING_QUEUE, () => runHousekeeping(ctx));
  await jobs.schedule(HOUSEKEEPING_QUEUE, '17 * * * *');
  await jobs.schedule(MAIL_SWEEP_QUEUE, '* * * * *');
}
