// The Prometheus metrics of one app (decision 041), in a registry of its own. Requests are timed as
// they complete; everything read from the database is read at scrape time, in one statement.
// Labels never carry a raw URL, an id or anything personal: routes are their templates.
import { sql } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../../context.ts';
import { DELETION_STATUSES } from '../../db/types.ts';
import { jobQueueGauges, jobTablesExist } from '../../jobs/metrics.ts';
import { deletionQueueGauges, observeErasures } from '../deletion/index.ts';
import { mailBacklogGauges } from '../mail/index.ts';

/** The label of requests no route matched (a 404, the web app's fallback page): one series for all. */
export const UNMATCHED_ROUTE = 'unmatched';

export type Metrics = {
  /** Fastify's onResponse hook: times the request under its route template and status. */
  observeRequest(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The text exposition, with the database gauges read now. */
  scrape(): Promise<string>;
  contentType: string;
};

type Snapshot = {
  mail: { count: number; oldest_age: number };
  deletion: Array<{ status: string; count: number; oldest_due: number | null }>;
  jobs: Array<{ queue: string; depth: number; oldest_age: number }> | null;
};

/** JSON columns come back parsed from pg, and may come back as text from PGlite. */
const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export function createMetrics(ctx: AppContext): Metrics {
  const registers = [new Registry()];
  const [registry] = registers as [Registry];
  collectDefaultMetrics({ register: registry, prefix: 'souk_' });

  const requestSeconds = new Histogram({
    name: 'souk_http_request_duration_seconds',
    help: 'Time to answer a request, by route template (never the raw URL) and status.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const pool = {
    total: new Gauge({ name: 'souk_db_pool_connections', help: 'Database connections open.', registers }),
    idle: new Gauge({ name: 'souk_db_pool_idle_connections', help: 'Database connections idle.', registers }),
    waiting: new Gauge({
      name: 'souk_db_pool_waiting',
      help: 'Queries waiting for a connection (PGlite: statements and transactions queued for its one connection).',
      registers,
    }),
  };
  const queueDepth = new Gauge({
    name: 'souk_job_queue_depth',
    help: 'Jobs ready to run (created or to retry, start time reached), per pg-boss queue.',
    labelNames: ['queue'],
    registers,
  });
  const queueAge = new Gauge({
    name: 'souk_job_queue_oldest_age_seconds',
    help: 'How long the oldest job ready to run has waited, per queue (0 when none).',
    labelNames: ['queue'],
    registers,
  });
  const mailBacklog = new Gauge({
    name: 'souk_mail_backlog',
    help: 'Outbox mails neither sent nor given up.',
    registers,
  });
  const mailAge = new Gauge({
    name: 'souk_mail_backlog_oldest_age_seconds',
    help: 'How long the oldest unsent mail has waited (0 when none).',
    registers,
  });
  const deletions = new Gauge({
    name: 'souk_deletion_requests',
    help: 'Account deletion requests, by status.',
    labelNames: ['status'],
    registers,
  });
  const deletionDue = new Gauge({
    name: 'souk_deletion_requests_oldest_due_timestamp_seconds',
    help: 'Earliest due date (Unix time) of the open deletion requests in each status.',
    labelNames: ['status'],
    registers,
  });
  const erasedRows = new Counter({
    name: 'souk_erasure_rows_total',
    help: 'Rows deleted or anonymised by account erasures in this process (rate() gives rows per second).',
    registers,
  });
  const erasureSeconds = new Histogram({
    name: 'souk_erasure_duration_seconds',
    help: 'Time one run of an account erasure spent recording and erasing (verification excluded).',
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800],
    registers,
  });
  // The catalogue cache's counts (decision 056), read from the process's cache at scrape time.
  const cache = () => ctx.catalogCache.stats();
  new Counter({
    name: 'souk_catalog_cache_hits_total',
    help: 'Catalogue responses served from this process’s cache (the version read only).',
    registers,
    collect() {
      this.reset();
      this.inc(cache().hits);
    },
  });
  new Counter({
    name: 'souk_catalog_cache_misses_total',
    help: 'Catalogue responses this process computed (not kept, changed since, or offer ended).',
    registers,
    collect() {
      this.reset();
      this.inc(cache().misses);
    },
  });
  new Gauge({
    name: 'souk_catalog_cache_bytes',
    help: 'Estimated memory the kept catalogue responses use (CATALOG_CACHE_MB bounds it).',
    registers,
    collect() {
      this.set(cache().bytes);
    },
  });
  observeErasures(ctx, ({ rows, seconds }) => {
    erasedRows.inc(rows);
    erasureSeconds.observe(seconds);
  });

  // pg-boss creates its tables when a queue first starts: once seen, they stay.
  let jobTables = false;
  const readSnapshot = async (): Promise<Snapshot> => {
    jobTables ||= await jobTablesExist(ctx.db);
    const {
      rows: [row],
    } = await sql<{ mail: unknown; deletion: unknown; jobs: unknown }>`select ${mailBacklogGauges} as mail,
      ${deletionQueueGauges} as deletion, ${jobTables ? jobQueueGauges : sql`null`} as jobs`.execute(ctx.db);
    return {
      mail: parsed(row!.mail),
      deletion: parsed(row!.deletion),
      jobs: row!.jobs === null ? null : parsed(row!.jobs),
    };
  };

  return {
    contentType: registry.contentType,
    async observeRequest(request, reply) {
      requestSeconds.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? UNMATCHED_ROUTE,
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    },
    async scrape() {
      const snapshot = await readSnapshot();
      const use = ctx.database.poolUse?.();
      if (use) {
        pool.total.set(use.total);
        pool.idle.set(use.idle);
        pool.waiting.set(use.waiting);
      }
      mailBacklog.set(snapshot.mail.count);
      mailAge.set(snapshot.mail.oldest_age);
      // Due dates of statuses and queues that emptied since the last scrape disappear rather than keep old values.
      deletionDue.reset();
      for (const status of DELETION_STATUSES) deletions.set({ status }, 0);
      for (const { status, count, oldest_due } of snapshot.deletion) {
        deletions.set({ status }, count);
        if (oldest_due !== null) deletionDue.set({ status }, oldest_due);
      }
      queueDepth.reset();
      queueAge.reset();
      for (const { queue, depth, oldest_age } of snapshot.jobs ?? []) {
        queueDepth.set({ queue }, depth);
        queueAge.set({ queue }, oldest_age);
      }
      return registry.metrics();
    },
  };
}
