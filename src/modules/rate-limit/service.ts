// Fixed-window rate limits stored in the database, so they hold across processes and restarts.
// Keys never hold a raw identifier: personal parts are hashed with the server secret.
import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../errors.ts';
import type { DB } from '../../db/types.ts';

export type RateRule = {
  max: number;
  windowSeconds: number;
  /**
   * Progressive delay: past this many attempts in the window, each attempt waits SLOW_STEP_MS more
   * than the one before (up to SLOW_MAX_MS) before it is served; refused only past `max`.
   */
  slowAfter?: number;
};

/** Each attempt past `slowAfter` waits this much longer than the previous one… */
export const SLOW_STEP_MS = 250;
/** …up to this. */
export const SLOW_MAX_MS = 5000;

export type RateLimiter = {
  /** Counts one attempt; throws RATE_LIMITED (429, Retry-After) when the limit is reached. */
  consume(key: string, rule: RateRule): Promise<void>;
  /** Counts one attempt against several distinct keys in one statement (one write, not one
   * per key); throws RATE_LIMITED when any of them is over its limit. */
  consumeAll(limits: Array<[key: string, rule: RateRule]>): Promise<void>;
  /** Hashes a personal identifier (email, IP) so it can be part of a key. */
  keyPart(value: string): string;
};

export function createRateLimiter(db: Kysely<DB>, secret: string, enabled = true): RateLimiter {
  const consumeAll: RateLimiter['consumeAll'] = async (limits) => {
    if (!enabled || limits.length === 0) return;
    // One atomic statement: start a new window when the old one has elapsed, else count.
    const rows = sql.join(limits.map(([key, rule]) => sql`(${key}, 1, now(), ${rule.windowSeconds})`));
    const { rows: counted } = await sql<{ key: string; count: number; retry_after: number }>`
      insert into rate_limits as r (key, count, window_started_at, window_seconds)
      values ${rows}
      on conflict (key) do update set
        count = case when r.window_started_at + make_interval(secs => r.window_seconds) <= now() then 1 else r.count + 1 end,
        window_started_at = case when r.window_started_at + make_interval(secs => r.window_seconds) <= now() then now() else r.window_started_at end,
        window_seconds = excluded.window_seconds
      returning key, count,
        ceil(extract(epoch from (window_started_at + make_interval(secs => window_seconds) - now())))::int as retry_after
    `.execute(db);
    const rules = new Map(limits);
    const over = counted.filter((row) => row.count > rules.get(row.key)!.max);
    if (over.length > 0) {
      const retryAfter = Math.max(1, ...over.map((row) => row.retry_after));
      throw new AppError('RATE_LIMITED', { headers: { 'retry-after': String(retryAfter) } });
    }
    const delay = Math.max(
      0,
      ...counted.map((row) => {
        const { slowAfter } = rules.get(row.key)!;
        return slowAfter === undefined ? 0 : Math.min(SLOW_MAX_MS, (row.count - slowAfter) * SLOW_STEP_MS);
      }),
    );
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  };
  return {
    keyPart: (value) =>
      createHmac('sha256', secret).update(value.trim().toLowerCase()).digest('base64url').slice(0, 22),
    consume: (key, rule) => consumeAll([[key, rule]]),
    consumeAll,
  };
}

/** Deletes counters whose window has ended (the housekeeping job, hourly). */
export async function dropEndedWindows(db: Kysely<DB>): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where(sql<boolean>`window_started_at + make_interval(secs => window_seconds) < now()`)
    .execute();
}
