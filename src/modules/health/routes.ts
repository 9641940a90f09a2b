// Liveness and readiness (decision 041). /api/health says the process serves HTTP, and nothing
// more: a database that is down must not get the process restarted. /api/ready says whether to send
// it traffic: the database answers, the migrations ran, the job queue runs (when this process runs
// jobs), and it is not draining.
import { sql } from 'kysely';
import { AppError, type ErrorDetail } from '../../errors.ts';
import { obj, type RouteApp } from '../../schemas.ts';

export async function healthRoutes(app: RouteApp): Promise<void> {
  const ctx = app.souk;
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: answers 200 while the process serves HTTP (no database round trip; see /api/ready).',
        response: {
          200: obj({ status: { type: 'string' }, database: { type: 'string' } }),
          503: { $ref: 'ErrorResponse#' },
        },
      },
    },
    async () => ({ status: 'ok', database: ctx.database.engine }),
  );

  app.get(
    '/api/ready',
    {
      schema: {
        tags: ['health'],
        summary:
          'Readiness: 200 when the database answers, migrations ran and the job queue runs; 503 NOT_READY naming the failed check (also while draining).',
        response: {
          200: obj({ status: { type: 'string', enum: ['ready'] }, database: { type: 'string' } }),
          503: { $ref: 'ErrorResponse#' },
        },
      },
    },
    async () => {
      const failed = await failedChecks(app);
      if (failed.length > 0) throw new AppError('NOT_READY', { details: failed });
      return { status: 'ready' as const, database: ctx.database.engine };
    },
  );
}

async function failedChecks(app: RouteApp): Promise<ErrorDetail[]> {
  const { lifecycle, jobs, config, db } = app.souk;
  // Draining: the answer load balancers need first, without waiting on anything else.
  if (lifecycle.draining) return [{ field: 'draining', message: 'The process is shutting down.' }];
  const failed: ErrorDetail[] = [];
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    app.log.warn({ err: error }, 'readiness: the database did not answer');
    failed.push({ field: 'database', message: 'The database does not answer.' });
  }
  if (!lifecycle.migrated) failed.push({ field: 'migrations', message: 'The migrations have not run yet.' });
  if (config.runJobs && !jobs?.started()) failed.push({ field: 'jobs', message: 'The job queue is not running.' });
  return failed;
}
