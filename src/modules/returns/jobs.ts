// The returns module's jobs, every minute: requests past the seller's deadline become disputes;
// refunds that failed or went unanswered are sent again (refunds.ts).
import type { AppContext } from '../../context.ts';
import type { Jobs } from '../../jobs/runner.ts';
import { processDueRefunds } from './refunds.ts';
import { escalateOverdueReturns } from './service.ts';

export { escalateOverdueReturns };

export const RETURNS_TICK_QUEUE = 'returns.tick';

export async function registerReturnJobs(ctx: AppContext, jobs: Jobs): Promise<void> {
  await jobs.work(RETURNS_TICK_QUEUE, async () => {
    await escalateOverdueReturns(ctx);
    await processDueRefunds(ctx);
  });
  await jobs.schedule(RETURNS_TICK_QUEUE, '* * * * *');
}
