// A bound on how many of one kind of work run at once in this process; the rest wait their turn,
// first come, first served (a bulkhead: decision 027).

export class Limiter {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
    this.#limit = limit;
  }

  /** Runs `work` when fewer than `limit` others are running; settles as `work` does. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running++;
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
