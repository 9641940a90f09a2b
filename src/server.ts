// Reads config, builds the app, listens. Nothing else but the order, which is chosen for a fast
// start (docs/ARCHITECTURE.md, "Starting"): the database starts opening (PGlite on its worker
// thread) before the app's modules are imported, and the job queue starts once we listen.
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// V8's compiled code for our modules and dependencies, kept between starts (no-op if unwritable).
module.enableCompileCache?.(fileURLToPath(new URL('../node_modules/.cache/souk/compile', import.meta.url)));

const { configOrExit, databaseOrExit, drainOnSignals } = await import('./boot.ts');
const config = await configOrExit();
// WEB_CONCURRENCY > 1: this process only supervises the web and job processes it forks (cluster.ts).
if ((await import('./cluster.ts')).startCluster(config)) await new Promise<never>(() => {});

const database = await databaseOrExit(config, true);
const { buildApp } = await import('./app.ts');

const { readableDestination } = await import('./logger.ts');
const app = await buildApp(config, {
  database,
  closeDatabase: true,
  deferJobs: true,
  ...(config.logFormat === 'readable' ? { logStream: readableDestination() } : {}),
});
// A graceful drain (decision 041, src/lifecycle.ts): /api/ready turns 503, new connections are
// refused, requests in flight finish (cut off after SHUTDOWN_TIMEOUT_MS), jobs stop and hand back
// their leases, the database closes. A second signal (Ctrl-C twice) stops at once.
await drainOnSignals(app, config.shutdownTimeoutMs);
await app.listen({ port: config.port, host: config.host });
const { startBanner, mailboxExposed } = await import('./banner.ts');
if (mailboxExposed(config)) {
  app.log.warn(
    `The development mailbox is on and Souk listens on ${config.host}: other machines reach the shop, but the mailbox answers only this machine.`,
  );
}
if (config.env === 'development') process.stdout.write(startBanner(config, app.server.address()));

// Route schemas not compiled by a request yet (decision 025): in the background, now that we
// serve. One that does not compile stops the server, as it would have stopped the start.
app.compileRouteSchemas().catch((error: unknown) => {
  app.log.fatal({ err: error }, 'a route schema does not compile');
  app.close().finally(() => process.exit(1));
});

// Not needed for a first answer: started now that we serve. A queue that cannot start stops the
// server, as it did when it started before listening.
app.souk.jobs?.start().catch((error: unknown) => {
  app.log.fatal({ err: error }, 'could not start the job queue');
  app.close().finally(() => process.exit(1));
});

if (config.seedDemo) {
  // After listening, so the first start answers at once while the demo catalog fills in.
  const { startDemo } = await import('./demo.ts');
  startDemo(app.souk).then(
    ({ seeded, rebasedOffers }) =>
      seeded
        ? app.log.info('seeded the demo marketplace (see README for the demo accounts)')
        : rebasedOffers > 0 && app.log.info({ rebasedOffers }, 'demo offers that had ended run again from now'),
    (error: unknown) => app.log.error({ err: error }, 'could not seed the demo marketplace'),
  );
}
