// Keeping the rates current (decision 058): when the operator set RATES_FILE and/or RATES_FEED_URL,
// the file is read and the feed fetched at start and every hour; a set equal to the one in use
// records nothing. A failure is logged (no rates, no URL, nothing personal in the line) and the
// rates in use stay, flagged as stale to staff once they are older than RATES_STALE_DAYS.
import type { AppContext } from '../../context.ts';
import type { Jobs } from '../../jobs/runner.ts';
import { fetchEurofxref } from './feed.ts';
import { rateBookOf, readRatesFile } from './service.ts';

export const RATES_QUEUE = 'currency.rates';

type Outcome = 'recorded' | 'unchanged' | 'failed';

/** Reads the rates file, then the feed (when configured); what each did. */
export async function refreshRates(
  ctx: Pick<AppContext, 'db' | 'config' | 'log'>,
): Promise<{ file?: Outcome; feed?: Outcome }> {
  const book = rateBookOf(ctx.db);
  const out: { file?: Outcome; feed?: Outcome } = {};
  const { file, feedUrl } = ctx.config.rates;
  if (file !== undefined) {
    try {
      out.file = (await book.record(await readRatesFile(file), 'file')).recorded ? 'recorded' : 'unchanged';
    } catch (error) {
      out.file = 'failed';
      ctx.log.error(
        { err: error instanceof Error ? error.message : String(error) },
        'the rates file (RATES_FILE) could not be used',
      );
    }
  }
  if (feedUrl !== undefined) {
    try {
      out.feed = (await book.record(await fetchEurofxref(feedUrl), 'feed')).recorded ? 'recorded' : 'unchanged';
    } catch (error) {
      out.feed = 'failed';
      ctx.log.error(
        { err: error instanceof Error ? error.message : String(error) },
        'the rates feed (RATES_FEED_URL) could not be used',
      );
    }
  }
  return out;
}

export async function registerCurrencyJobs(ctx: AppContext, jobs: Jobs): Promise<void> {
  if (ctx.config.rates.file === undefined && ctx.config.rates.feedUrl === undefined) return;
  await jobs.work(RATES_QUEUE, async () => {
    await refreshRates(ctx);
  });
  await jobs.schedule(RATES_QUEUE, '17 * * * *');
  void refreshRates(ctx);
}
