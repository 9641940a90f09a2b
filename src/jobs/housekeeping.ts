// Periodic clean-up: expired sessions, tokens and rate-limit windows, delivered outbox mail, the
// ownership record of a completed deletion whose process died before dropping it.
import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Jobs } from './runner.ts';
import { MAIL_SWEEP_QUEUE } from '../modules/mail/service.ts';
import { deleteStaleGuestCarts } from '../modules/cart/repository.ts';
import { dropEmailChanges } from '../modules/accounts/email-change.ts';
import { dropOwnershipRecords } from '../modules/deletion/process.ts';

export const HOUSEKEEPING_QUEUE = 'housekeeping';

export async function runHousekeeping(ctx: AppContext): Promise<void> {
  const { db } = ctx;
  await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute();
  await db.deleteFrom('verifications').where('expires_at', '<', sql<Date>`now()`).execute();
  await db.transaction().execute((trx) => dropEmailChanges(trx, { expired: true }));
  await db.deleteFrom('rate_limits').where(sql<boolean>`window_started_at + make_interval(secs => window_seconds) < now()`).execute();
  // Delivered mail is kept a week for support questions ("did you send it?"), then deleted.
  await db.deleteFrom('mail_outbox').where('sent_at', '<', sql<Date>`now() - interval '7 days'`).execute();
  await deleteStaleGuestCarts(db);
  await dropOwnershipRecords(ctx);
}

export async function scheduleHousekeeping(ctx: AppContext, jobs: Jobs): Promise<void> {
  await jobs.work(HOUSEKEEPING_QUEUE, () => runHousekeeping(ctx));
  await jobs.schedule(HOUSEKEEPING_QUEUE, '17 * * * *');
  await jobs.schedule(MAIL_SWEEP_QUEUE, '* * * * *');
}
