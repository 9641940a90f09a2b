// `npm run worker`: a process that runs the background jobs (mail delivery, deletions, payment
// reconciliation, webhooks, housekeeping) and serves nothing, beside web processes started with
// RUN_JOBS=false (decision 043). Several may run at once on one PostgreSQL: pg-boss hands each job
// to one of them, and deletions and charges are claimed under leases.
import { ConfigError, loadConfig } from './config.ts';

let config: ReturnType<typeof loadConfig>;
try {
  // The job process runs the jobs whatever RUN_JOBS says (it is the web processes' setting), and
  // leaves the demo catalog to a web process.
  config = { ...loadConfig(), runJobs: true, seedDemo: false };
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const { openDatabase } = await import('./db/database.ts');
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  pgliteThread: config.pgliteThread,
}).catch((error: unknown) => {
  if (error instanceof Error && error.name === 'DataDirInUseError') {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
const { buildApp } = await import('./app.ts');
const { readableDestination } = await import('./logger.ts');
// The app's context without a listening socket: migrations run, then the job queue starts.
const app = await buildApp(config, {
  database,
  closeDatabase: true,
  ...(config.logFormat === 'readable' ? { logStream: readableDestination() } : {}),
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
await app.ready();
app.log.info('job process running');
