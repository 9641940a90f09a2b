// Sizing work on a shared database: how many rows per erasure batch, how many pages per scan query,
// so that one piece takes about `targetMs`. Where the database reports how long each statement held
// it (PGlite on its worker, `Database.watchStatements`), that is what is kept short: waiting for other
// requests' statements is not the work's cost. Otherwise the wall clock is all there is.
import type { Database } from './database.ts';

export type Pacer = {
  /** Runs one piece of work; `ms` is the longest statement it held the database for, or its wall time. */
  measure<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }>;
  /** Records that `units` took `ms`, and returns the next size: at most double `current`, within `min`…`max`. */
  next(current: number, units: number, ms: number, bounds: { min: number; max: number }): number;
  /** Forgets the rates seen so far (the next work costs something else). */
  reset(): void;
};

export function createPacer(targetMs: number, watchStatements: Database['watchStatements']): Pacer {
  const recent: number[] = [];
  return {
    async measure(work) {
      let held = 0;
      const unwatch = watchStatements?.((statement) => {
        held = Math.max(held, statement.ms);
      });
      const started = performance.now();
      try {
        const value = await work();
        return { value, ms: unwatch ? held : performance.now() - started };
      } finally {
        unwatch?.();
      }
    },
    next(current, units, ms, { min, max }) {
      recent.push(ms / units);
      if (recent.length > 5) recent.shift();
      // Held times are the work's own: the slowest recent rate keeps the next piece short. Wall times
      // include waiting for others, which only adds: there the fastest recent rate is the estimate.
      const rate = watchStatements ? Math.max(...recent.slice(-3)) : Math.min(...recent);
      return Math.max(min, Math.min(max, current * 2, Math.floor(targetMs / rate)));
    },
    reset() {
      recent.length = 0;
    },
  };
}
