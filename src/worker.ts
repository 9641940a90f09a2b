// `npm run worker`: a process that runs the background jobs (mail delivery, deletions, payment
// reconciliation, webhooks, housekeeping) and serves nothing, beside web processes started with
// RUN_JOBS=false (decision 043). Several may run at once on one PostgreSQL: pg-boss hands each job
// to one of them, and deletions and charges are claimed under leases.
import { configOrExit, databaseOrExit, drainOnSignals } from './boot.ts';

// The job process runs the jobs whatever RUN_JOBS says (it is the web processes' setting), and
// leaves the demo catalog to a web process.
const config = { ...(await configOrExit()), runJobs: true, seedDemo: false };
const database = await databaseOrExit(config, false);
const { buildApp } = await import('./app.ts');
const { readableDestination } = await import('./logger.ts');
// The app's context without a listening socket: migrations run, then the job queue starts.
const app = await buildApp(config, {
  database,
  closeDatabase: true,
  ...(config.logFormat === 'readable' ? { logStream: readableDestination() } : {}),
});
// The same drain as a web process: an erasure stops between batches and hands its lease back.
await drainOnSignals(app, config.shutdownTimeoutMs);
await app.ready();
app.log.info('job process running');
