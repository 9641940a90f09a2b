// Builds the Fastify app: external plugins, then Souk's context, then the modules' routes.
// Used by server.ts and by every test; it never listens itself.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { startOpeningDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createLifecycle } from './lifecycle.ts';
import { deferJobs, startJobs, type DeferredJobs, type Jobs } from './jobs/runner.ts';
import { loggerOptions, redactText, RequestLogController } from './logger.ts';
import { AppError } from './errors.ts';
import { answerUnroutable, registerErrorHandler } from './plugins/error-handler.ts';
import { registerSecurity, securityHeaders } from './plugins/security.ts';
import { registerValidation } from './plugins/validation.ts';
import { MAX_JSON_DEPTH, registerJsonBody } from './plugins/json-body.ts';
import {
  markOptionalBodies,
  requireRouteSchemas,
  type RegisteredRoute,
  type RouteSchemaExemption,
} from './plugins/route-schemas.ts';
import { createLazyCompilers } from './plugins/lazy-compilers.ts';
import { createBetterAuth, type BetterAuth } from './modules/auth/index.ts';
import { createAuthHooks } from './modules/auth/index.ts';
import { authRoutes, documentSessionSecurity, SECURITY_SCHEMES } from './modules/auth/index.ts';
import { mergeGuestCartOf } from './modules/cart/index.ts';
import { mergeGuestShopperOf, savedRoutes } from './modules/saved/index.ts';
import { toMe } from './modules/accounts/index.ts';
import {
  dropEmailChanges,
  emailVerifiedOf,
  keepLanguage,
  languageOf,
  lockActiveAccount,
  notificationChoiceOf,
} from './modules/accounts/index.ts';
import { accountRoutes } from './modules/accounts/index.ts';
import { healthRoutes } from './modules/health/index.ts';
import { catalogRoutes } from './modules/catalog/index.ts';
import { cartRoutes } from './modules/cart/index.ts';
import { orderRoutes } from './modules/orders/index.ts';
import { sellerOrderRoutes } from './modules/orders/index.ts';
import { sellerDashboardRoutes } from './modules/seller-dashboard/index.ts';
import { trackingRoutes } from './modules/orders/index.ts';
import { registerOrderJobs } from './modules/orders/index.ts';
import { adminDisputeRoutes, registerReturnJobs, returnRoutes } from './modules/returns/index.ts';
import { adminRateRoutes, currencyRoutes, registerCurrencyJobs } from './modules/currency/index.ts';
import { createCatalogCache, registerCatalogJobs } from './modules/catalog/index.ts';
import { createMailService, MAIL_SWEEP_QUEUE } from './modules/mail/index.ts';
import { createDevMailboxTransport, createSmtpTransport } from './modules/mail/index.ts';
import { devMailboxRoutes } from './modules/mail/index.ts';
import { createRateLimiter } from './modules/rate-limit/index.ts';
import { scheduleHousekeeping } from './housekeeping.ts';
import { TestPaymentProvider, type PaymentProvider } from './modules/payments/index.ts';
import { paymentRoutes } from './modules/payments/index.ts';
import { addressRoutes } from './modules/addresses/index.ts';
import { sellerRoutes } from './modules/catalog/index.ts';
import { deletionRoutes } from './modules/deletion/index.ts';
import { adminDeletionRoutes, adminOverviewRoutes, recordAudit } from './modules/deletion/index.ts';
import { reapplyErasures, registerDeletionJobs, releaseDeletionLeases } from './modules/deletion/index.ts';
import { postRoutes, reviewPhotoKeysOfProduct } from './modules/posts/index.ts';
import { messageRoutes } from './modules/messages/index.ts';
import { createWebhookService, registerWebhookJobs, type WebhookDeliveryOptions } from './modules/webhooks/index.ts';
import { createFileStorage, type FileStorage } from './storage.ts';
import { createPublicReads, registerWroteAtCookie } from './plugins/read-replica.ts';
import { openReadReplica } from './db/replica.ts';
import { createDatabaseStorage } from './modules/files/index.ts';
// Support, the management console and the help area
import { adminRoutes } from './modules/roles/index.ts';
import { supportRoutes } from './modules/support/index.ts';
import { adminSupportRoutes } from './modules/support/index.ts';
import { helpRoutes } from './modules/help/index.ts';
import { privacyRoutes } from './modules/privacy/index.ts';
import { createMetrics, METRICS_PATH, metricsRoutes } from './modules/metrics/index.ts';

/** Trust the nearest `hops` proxies in X-Forwarded-For. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));
const API_DOCS_PREFIX = '/api/docs';

/** Whether @fastify/static registered this route for a file under `root` (it keeps the root, with a trailing slash, as config.rootPath). */
const servesFileUnder = (root: string, route: RegisteredRoute) => {
  const rootPath = (route.config as { rootPath?: unknown } | undefined)?.rootPath;
  return typeof rootPath === 'string' && path.resolve(rootPath) === root;
};

/** The only routes without a response schema (read-only; the check never exempts a body). */
const ROUTE_SCHEMA_EXEMPTIONS: readonly RouteSchemaExemption[] = [
  {
    reason: 'Swagger UI: its pages, assets and the OpenAPI document itself, which no schema describes',
    matches: (route) => route.prefix === API_DOCS_PREFIX,
  },
  {
    reason: 'the built web app: files from web/dist, sent as bytes with their own content types',
    matches: (route) => servesFileUnder(WEB_DIST, route),
  },
];

export type BuildOptions = {
  /** Reuse a database (tests, benchmarks; server.ts starts opening it before it imports this
   * file); otherwise one is opened from config. */
  database?: Database;
  /** Whether closing the app closes the database; by default only one the app opened itself. */
  closeDatabase?: boolean;
  /** Start the job queue when the caller says so (`app.souk.jobs.start()`, server.ts after listen)
   * or on first use, instead of before buildApp returns (tests). */
  deferJobs?: boolean;
  /** Where logs go (defaults to stdout). */
  logStream?: NodeJS.WritableStream;
  /** Rate limits on (default) or off (benchmarks only). */
  rateLimits?: boolean;
  /** Job polling interval; tests use the minimum. */
  jobPollingSeconds?: number;
  /** The payment provider (default: the built-in test provider). */
  payments?: PaymentProvider;
  /** Where uploaded files go (default: DATA_DIR/uploads, or memory for memory://). */
  storage?: FileStorage;
  /** Webhook attempt deadline and first back-off (tests shorten them). */
  webhookDelivery?: WebhookDeliveryOptions;
};

/** The queues this process works on and the schedules it keeps. */
async function registerJobs(context: AppContext, jobs: Jobs): Promise<void> {
  const { mail } = context;
  // Every minute: a wake-up for rows left behind (a crash, a back-off that ended); the delivery
  // loop claims them in the background, so the job does not hold the queue while a backlog drains.
  await jobs.work(MAIL_SWEEP_QUEUE, async () => {
    mail.wake();
  });
  await scheduleHousekeeping(context, jobs);
  await registerCatalogJobs({ db: context.db, jobs });
  await registerOrderJobs(context, jobs);
  await registerReturnJobs(context, jobs);
  await registerCurrencyJobs(context, jobs);
  await registerDeletionJobs(context, jobs);
  await registerWebhookJobs(context.webhooks, jobs);
  // Mail a previous run of this process (or a dead one elsewhere) left in the outbox goes now, not at the next sweep.
  mail.wake();
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const compilers = createLazyCompilers();
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    logController: new RequestLogController(),
    // Route schemas compile on first use or in the background after listen (decision 025).
    schemaController: { compilersFactory: { buildSerializer: compilers.buildSerializer } },
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Slow or silent clients are cut off (README, "Timeouts and limits"): a request must arrive whole
    // within requestSeconds (its headers within headersSeconds), checked every second.
    requestTimeout: config.timeouts.requestSeconds * 1000,
    keepAliveTimeout: config.timeouts.keepAliveSeconds * 1000,
    connectionTimeout: config.timeouts.idleSeconds * 1000,
    http: {
      headersTimeout: config.timeouts.headersSeconds * 1000,
      requestTimeout: config.timeouts.requestSeconds * 1000,
      connectionsCheckingInterval: 1000,
    },
    ajv: { customOptions: { removeAdditional: false } },
    frameworkErrors: answerUnroutable(securityHeaders(config.publicUrl)),
    // The onReady hook below waits for the database to open and migrate, which must not be cut
    // short: on a busy machine that took over 10 s, avvio's default limit, and failed the start.
    // The price: a plugin that never finished would hang the start instead of failing it.
    pluginTimeout: 0,
  });
  registerValidation(app, compilers);
  registerJsonBody(app);
  app.decorate('compileRouteSchemas', compilers.warm);
  registerErrorHandler(app);
  requireRouteSchemas(app, ROUTE_SCHEMA_EXEMPTIONS);
  documentSessionSecurity(app);

  const database =
    options.database ??
    (await startOpeningDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      pgliteThread: config.pgliteThread,
    }));
  const ownsDatabase = options.closeDatabase ?? options.database === undefined;
  const replica = config.databaseReplicaUrl ? await openReadReplica(config.databaseReplicaUrl, 10) : undefined;

  let context: AppContext | undefined;
  let jobs: DeferredJobs | undefined;
  if (config.runJobs) {
    jobs = deferJobs(async () => {
      const started = await startJobs(database, {
        pollingIntervalSeconds: options.jobPollingSeconds ?? 2,
        stopTimeoutMs: config.shutdownTimeoutMs,
        onError: (error) => app.log.error({ err: error }, 'job queue error'),
      });
      await registerJobs(context!, started);
      return started;
    });
  }

  const transport = config.smtpUrl
    ? await createSmtpTransport(config.smtpUrl, new URL(config.publicUrl).hostname, {
        maxConnections: config.mailConcurrency,
        maxMessages: config.mailMessagesPerConnection,
      })
    : createDevMailboxTransport(database.db);
  const mail = createMailService({
    db: database.db,
    transport,
    from: config.mailFrom,
    concurrency: config.mailConcurrency,
    background: jobs !== undefined,
    log: app.log,
    notificationChoiceOf,
  });
  let auth: Promise<BetterAuth> | undefined;
  const createAuth = () =>
    createBetterAuth({
      db: database.db,
      secret: config.authSecret,
      publicUrl: config.publicUrl,
      secureCookies: config.secureCookies,
      hooks: createAuthHooks(() => context!, { languageOf, keepLanguage }),
      log: (level, message) =>
        app.log[level === 'error' ? 'error' : level === 'warn' ? 'warn' : 'debug'](redactText(message)),
    }).catch((error: unknown) => {
      auth = undefined; // let the next request try again
      throw error;
    });
  const publicReads = createPublicReads(database.db, replica, app.log);
  context = {
    config,
    database,
    db: database.db,
    publicReads,
    catalogCache: createCatalogCache(publicReads, config.catalogCacheMb),
    jobs,
    mail,
    webhooks: createWebhookService({
      db: database.db,
      jobs,
      config: config.webhook,
      log: app.log,
      options: options.webhookDelivery,
    }),
    rateLimiter: createRateLimiter(database.db, config.authSecret, options.rateLimits ?? true),
    auth: () => (auth ??= createAuth()),
    payments: options.payments ?? new TestPaymentProvider(),
    storage:
      options.storage ??
      (config.storage === 'database' ? createDatabaseStorage(database.db) : createFileStorage(config.dataDir)),
    log: app.log,
    // Background work stops before the database closes; a deletion lease this process still holds
    // is handed back so another worker takes the request at once (decision 041).
    lifecycle: createLifecycle(async () => {
      await jobs?.stop();
      await releaseDeletionLeases(context!).catch((error: unknown) =>
        app.log.error({ err: error }, 'could not release deletion leases'),
      );
      await mail.stop();
      transport.close();
    }),
  };
  app.decorate('souk', context);
  // Off by default: no hook, no route, no scrape-time query (decision 041).
  const metrics = config.metrics.enabled ? createMetrics(context) : undefined;
  if (metrics) app.addHook('onResponse', metrics.observeRequest);

  // Plugins and routes are registered while PGlite may still be opening on its worker; nothing
  // is served before the database is open and migrated, since listen() waits for onReady.
  app.addHook('onReady', async () => {
    await database.ready;
    await migrateToLatest(database.db);
    // Erasures a restored backup undid are done again before anything is served (decision 042).
    await reapplyErasures(context!);
    context!.lifecycle.markMigrated();
    if (jobs && !options.deferJobs) await jobs.start();
  });

  app.addHook('onClose', async () => {
    await context!.lifecycle.stopWork();
    await replica?.close();
    if (ownsDatabase) await database.close();
  });

  await app.register(cookie);
  if (replica) registerWroteAtCookie(app, database.db, { secureCookies: config.secureCookies });
  await registerSecurity(app, config.publicUrl);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Souk API',
        version: '0.1.0',
        description:
          'The JSON API of Souk. Cookie sessions, whose state-changing requests must come from the same origin, ' +
          'or bearer tokens for native apps (POST /api/auth/token). ' +
          `Ids are UUIDs written in lower case, 8-4-4-4-12; a JSON body nests at most ${MAX_JSON_DEPTH} arrays and objects deep.`,
      },
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
    transformObject: (document) =>
      'openapiObject' in document ? markOptionalBodies(document.openapiObject) : document.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: API_DOCS_PREFIX });

  await app.register(healthRoutes);
  // Auth imports no other module: what they add to its routes is wired here.
  await app.register(authRoutes, {
    afterSignIn: async (request, reply, userId) => {
      await mergeGuestCartOf(request, reply, userId);
      await mergeGuestShopperOf(request, reply, userId);
    },
    toMe,
    afterPasswordReset: (trx, userId) => dropEmailChanges(trx, { userId }),
    lockActiveAccount,
    emailVerifiedOf,
  });
  await app.register(accountRoutes);
  await app.register(catalogRoutes);
  await app.register(cartRoutes);
  await app.register(savedRoutes);
  await app.register(orderRoutes);
  await app.register(sellerOrderRoutes);
  await app.register(sellerDashboardRoutes);
  await app.register(trackingRoutes);
  await app.register(returnRoutes);
  await app.register(addressRoutes);
  await app.register(paymentRoutes);
  // The catalog imports no posts: deleting a product deletes its reviews' photo files through posts' reader.
  await app.register(sellerRoutes, { productFilesOf: reviewPhotoKeysOfProduct });
  await app.register(deletionRoutes);
  await app.register(adminDeletionRoutes);
  await app.register(adminOverviewRoutes);
  await app.register(adminDisputeRoutes, { audit: recordAudit });
  await app.register(currencyRoutes);
  await app.register(adminRateRoutes, { audit: recordAudit });
  await app.register(postRoutes);
  await app.register(messageRoutes);
  await app.register(adminRoutes);
  await app.register(supportRoutes);
  await app.register(adminSupportRoutes);
  await app.register(helpRoutes);
  await app.register(privacyRoutes);
  if (metrics) await app.register(metricsRoutes, { metrics });
  if (config.devMailbox) await app.register(devMailboxRoutes);

  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0]!;
    if (
      hasWeb &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !pathname.startsWith('/api/') &&
      !pathname.startsWith('/dev/') &&
      pathname !== METRICS_PATH
    ) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    throw new AppError('NOT_FOUND');
  });
  return app;
}
