// A bound on how many of one kind of work run at once in this process; the rest wait their turn,
// first come, first served (a bulkhead: decision 027).

/** Thrown by Limiter.run when `maxWaiting` others are already waiting: the work was not started. */
export class LimiterFullError extends Error {
  constructor() {
    super('too many waiting');
    this.name = 'LimiterFullError';
  }
}

export class Limiter {
  readonly #limit: number;
  readonly #maxWaiting: number;
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  /** At most `limit` run at once; past `maxWaiting` in line, new work is refused (load shedding). */
  constructor(limit: number, maxWaiting = Number.POSITIVE_INFINITY) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
    if (!(maxWaiting >= 0)) throw new RangeError(`maxWaiting must be ≥ 0, got ${maxWaiting}`);
    this.#limit = limit;
    this.#maxWaiting = maxWaiting;
  }

  /**
   * Runs `work` when fewer than `limit` others are running; settles as `work` does. Rejects with
   * LimiterFullError, without running it, when `maxWaiting` others are already waiting.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) {
      if (this.#waiting.length >= this.#maxWaiting) throw new LimiterFullError();
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else this.#running++;
    try {
      return await work();
    } finally {
      // The finished turn passes straight to the next in line, so the count stays as it was.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }

  /** How many are running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#waiting.length };
  }
}
