// The delivery loop of one process (decision 032). At most `concurrency` mails are in flight (one
// per pooled SMTP connection), and up to `prefetch` more wait here, claimed, for a connection to
// free up, so a connection never idles while the next claim crosses to the database. The loop
// claims again once half of those have gone, so each claim takes several rows in one statement.
// Waiting mails are kept most urgent first, and every claim takes the most urgent due rows. A
// wake-up (new mail was committed) while the loop is full claims only rows more urgent than the
// least urgent one waiting: a reset link requested behind a backlog goes to the next free
// connection, behind nothing but the mails already in flight.

export type DeliveryLoop = {
  /** Mail may be due: claim and send until nothing is. Returns at once. */
  wake(): void;
  /** Wakes the loop and resolves once nothing is claimed, waiting, in flight or due (as far as it saw). */
  drain(): Promise<void>;
  /** Claims nothing more; waits (at most `graceMs`) for what it holds to be sent. */
  stop(graceMs: number): Promise<void>;
};

export type DeliveryLoopOptions<T> = {
  concurrency: number;
  prefetch: number;
  /** Claims up to `limit` due items, most urgent first; only items more urgent than `below` when it is given. */
  claim(limit: number, below?: number): Promise<T[]>;
  /** Lower is more urgent; 0 is the most urgent there is. */
  priorityOf(item: T): number;
  /** Sends one claimed item: resolves once the server took it, rejects with why it did not. */
  send(item: T): Promise<void>;
  /** Records the outcome of a send. Runs after the connection is free for the next mail. */
  record(item: T, error: unknown): Promise<void>;
  /** A claim or a record failed unexpectedly (the database, not the SMTP server: that is recorded on the row). */
  onError(error: unknown): void;
  /** After a failed claim, the loop tries again this much later (the minute sweep would also wake it). */
  retryMs?: number;
};

export function createDeliveryLoop<T>(options: DeliveryLoopOptions<T>): DeliveryLoop {
  const { concurrency, prefetch } = options;
  const waiting: T[] = [];
  let inFlight = 0;
  let recording = 0;
  let claiming = false;
  /** The outbox may hold due mail not claimed yet: woken since the last claim, or the last claim was full. */
  let due = false;
  /** Woken since the last claim began: something more urgent than what waits may have been committed. */
  let woken = false;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let idleWaiters: Array<() => void> = [];

  function settle(): void {
    if (claiming || inFlight > 0 || recording > 0 || waiting.length > 0 || (due && !stopped)) return;
    const resolved = idleWaiters;
    idleWaiters = [];
    for (const resolve of resolved) resolve();
  }

  /** Hands waiting mail to free connections, claims more when there is room, and settles drains. */
  function pump(): void {
    while (inFlight < concurrency && waiting.length > 0) start(waiting.shift()!);
    if (!stopped && !claiming) {
      const room = concurrency + prefetch - inFlight - waiting.length;
      const leastUrgent = waiting.length > 0 ? options.priorityOf(waiting.at(-1)!) : undefined;
      if (due && room > 0 && waiting.length <= prefetch / 2) void claim(room);
      // Full, but woken: only what would go before the least urgent waiting mail, a few at a time.
      else if (woken && leastUrgent !== undefined && leastUrgent > 0 && room > -concurrency)
        void claim(concurrency, leastUrgent);
    }
    settle();
  }

  async function claim(limit: number, below?: number): Promise<void> {
    claiming = true;
    woken = false;
    try {
      if (below === undefined) due = false;
      const items = await options.claim(limit, below);
      if (items.length === limit) {
        if (below === undefined) due = true;
        else woken = true; // there may be more of them
      }
      for (const item of items) {
        // After every waiting item at least as urgent: the order within a priority stays the claim's.
        const p = options.priorityOf(item);
        const at = waiting.findIndex((w) => options.priorityOf(w) > p);
        waiting.splice(at === -1 ? waiting.length : at, 0, item);
      }
    } catch (error) {
      options.onError(error);
      due = false;
      woken = false;
      if (!stopped) retry ??= setTimeout(() => ((retry = undefined), wake()), options.retryMs ?? 5000).unref();
    } finally {
      claiming = false;
    }
    pump();
  }

  function start(item: T): void {
    inFlight++;
    options.send(item).then(
      () => finish(item, undefined),
      (error: unknown) => finish(item, error ?? new Error('send failed')),
    );
  }

  function finish(item: T, error: unknown): void {
    inFlight--;
    recording++;
    pump();
    options
      .record(item, error)
      .catch(options.onError)
      .finally(() => {
        recording--;
        settle();
      });
  }

  function wake(): void {
    if (stopped) return;
    due = true;
    woken = true;
    pump();
  }

  return {
    wake,
    drain() {
      const idle = new Promise<void>((resolve) => idleWaiters.push(resolve));
      wake();
      settle();
      return idle;
    },
    async stop(graceMs) {
      stopped = true;
      clearTimeout(retry);
      const idle = new Promise<void>((resolve) => idleWaiters.push(resolve));
      settle();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([idle, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    },
  };
}
