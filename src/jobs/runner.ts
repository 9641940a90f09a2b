// pg-boss on both engines. On PGlite it runs through the same connection lock as Kysely.
import type { Job } from 'pg-boss';
import type { Database } from '../db/database.ts';

export type JobHandler<T> = (data: T, job: { id: string; retryCount: number }) => Promise<void>;

export type Jobs = {
  send(
    name: string,
    data: Record<string, unknown>,
    options?: { startAfterSeconds?: number; singletonKey?: string },
  ): Promise<void>;
  work<T>(name: string, handler: JobHandler<T>): Promise<void>;
  schedule(name: string, cron: string): Promise<void>;
  stop(): Promise<void>;
};

export type JobsOptions = {
  pollingIntervalSeconds?: number;
  onError?: (error: unknown) => void;
  /** How long stop() waits for running jobs (pg-boss's graceful stop) before it gives up on them. */
  stopTimeoutMs?: number;
};

export async function startJobs(database: Database, options: JobsOptions = {}): Promise<Jobs> {
  const { PgBoss } = await import('pg-boss');
  const boss =
    database.engine === 'pglite'
      ? new PgBoss({ db: database.jobExecutor!, backend: 'pglite', schema: 'pgboss', supervise: true })
      : new PgBoss({ connectionString: database.connectionString!, schema: 'pgboss', max: 3 });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    await boss.createQueue(name, { retryLimit: 5, retryDelay: 5, retryBackoff: true });
    created.add(name);
  };
  const polling = options.pollingIntervalSeconds ?? 2;
  return {
    async send(name, data, sendOptions = {}) {
      await ensureQueue(name);
      await boss.send(name, data, {
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
      });
    },
    async work<T>(name: string, handler: JobHandler<T>) {
      await ensureQueue(name);
      await boss.work<T>(name, { pollingIntervalSeconds: polling, batchSize: 1 }, async (jobs: Job<T>[]) => {
        for (const job of jobs) await handler(job.data, { id: job.id, retryCount: job.retryCount });
      });
    },
    async schedule(name, cron) {
      await ensureQueue(name);
      await boss.schedule(name, cron);
    },
    // No new work is fetched; running handlers get up to the timeout to finish.
    stop: () => boss.stop({ graceful: true, timeout: options.stopTimeoutMs ?? 5000 }),
  };
}

export type DeferredJobs = Jobs & {
  /** Starts the queue (once); later calls return the same start. */
  start(): Promise<Jobs>;
  /** Whether the queue has started (and not stopped): GET /api/ready. */
  started(): boolean;
};

/** Jobs usable at once that start on `start()` or on first use: the server starts them after it
 * listens, so pg-boss's own start (schema check, supervisor, schedules) does not delay the first
 * answer. A call made before then waits for the start. */
export function deferJobs(open: () => Promise<Jobs>): DeferredJobs {
  let opened: Promise<Jobs> | undefined;
  let running = false;
  let stopping: Promise<void> | undefined;
  const start = () =>
    (opened ??= open().then((jobs) => {
      running = stopping === undefined;
      return jobs;
    }));
  return {
    start,
    started: () => running,
    send: async (name, data, options) => (await start()).send(name, data, options),
    work: async (name, handler) => (await start()).work(name, handler),
    schedule: async (name, cron) => (await start()).schedule(name, cron),
    stop() {
      running = false;
      stopping ??= (async () => {
        const jobs = await opened?.catch(() => undefined);
        await jobs?.stop();
      })();
      return stopping;
    },
  };
}
