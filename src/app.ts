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
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { startJobs, type Jobs } from './jobs/runner.ts';
import { loggerOptions, redactText } from './logger.ts';
import { AppError } from './errors.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { registerSecurity } from './plugins/security.ts';
import { registerValidation } from './plugins/validation.ts';
import { createBetterAuth } from './modules/auth/better-auth.ts';
import { createAuthHooks } from './modules/auth/mails.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { accountRoutes } from './modules/accounts/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { catalogRoutes } from './modules/catalog/routes.ts';
import { cartRoutes } from './modules/cart/routes.ts';
import { orderRoutes } from './modules/orders/routes.ts';
import { sellerOrderRoutes } from './modules/orders/seller-routes.ts';
import { trackingRoutes } from './modules/orders/tracking-routes.ts';
import { registerOrderJobs } from './modules/orders/service.ts';
import { registerCatalogJobs } from './modules/catalog/offers.ts';
import { createMailService, MAIL_DELIVER_QUEUE, MAIL_SWEEP_QUEUE } from './modules/mail/service.ts';
import { createDevMailboxTransport, createSmtpTransport } from './modules/mail/transport.ts';
import { devMailboxRoutes } from './modules/mail/dev-mailbox-routes.ts';
import { createRateLimiter } from './modules/rate-limit/service.ts';
import { scheduleHousekeeping } from './jobs/housekeeping.ts';
import { TestPaymentProvider, type PaymentProvider } from './modules/payments/provider.ts';
import { paymentRoutes } from './modules/payments/routes.ts';
import { addressRoutes } from './modules/addresses/routes.ts';
import { sellerRoutes } from './modules/seller/routes.ts';
import { deletionRoutes } from './modules/deletion/routes.ts';
import { createFileStorage, type FileStorage } from './storage.ts';

/** Trust the nearest `hops` proxies in X-Forwarded-For. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

export type BuildOptions = {
  /** Reuse an open database (tests, benchmarks); otherwise one is opened from config. */
  database?: Database;
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
};

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false } },
  });
  registerValidation(app);
  registerErrorHandler(app);

  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const ownsDatabase = options.database === undefined;
  await migrateToLatest(database.db);

  let jobs: Jobs | undefined;
  if (config.runJobs) {
    jobs = await startJobs(database, {
      pollingIntervalSeconds: options.jobPollingSeconds ?? 2,
      onError: (error) => app.log.error({ err: error }, 'job queue error'),
    });
  }

  const transport = config.smtpUrl
    ? createSmtpTransport(config.smtpUrl, new URL(config.publicUrl).hostname)
    : createDevMailboxTransport(database.db);
  const mail = createMailService({ db: database.db, jobs, transport, from: config.mailFrom });
  let context: AppContext | undefined;
  const auth = createBetterAuth({
    db: database.db,
    secret: config.authSecret,
    publicUrl: config.publicUrl,
    secureCookies: config.secureCookies,
    hooks: createAuthHooks(() => context!),
    log: (level, message) => app.log[level === 'error' ? 'error' : level === 'warn' ? 'warn' : 'debug'](redactText(message)),
  });
  context = {
    config,
    database,
    db: database.db,
    jobs,
    mail,
    rateLimiter: createRateLimiter(database.db, config.authSecret, options.rateLimits ?? true),
    auth,
    payments: options.payments ?? new TestPaymentProvider(),
    storage: options.storage ?? createFileStorage(config.dataDir),
  };
  app.decorate('souk', context);

  if (jobs) {
    await jobs.work<{ id: string }>(MAIL_DELIVER_QUEUE, async ({ id }) => {
      await mail.deliver(id);
    });
    await jobs.work(MAIL_SWEEP_QUEUE, async () => {
      await mail.sweep();
    });
    await scheduleHousekeeping(context);
    await registerCatalogJobs({ db: context.db, jobs });
    await registerOrderJobs(context);
  }

  app.addHook('onClose', async () => {
    await jobs?.stop();
    transport.close();
    if (ownsDatabase) await database.close();
  });

  await app.register(cookie);
  await registerSecurity(app, config.publicUrl);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Souk API', version: '0.1.0', description: 'The JSON API of Souk. Cookie sessions; state-changing requests must come from the same origin.' },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(accountRoutes);
  await app.register(catalogRoutes);
  await app.register(cartRoutes);
  await app.register(orderRoutes);
  await app.register(sellerOrderRoutes);
  await app.register(trackingRoutes);
  await app.register(addressRoutes);
  await app.register(paymentRoutes);
  await app.register(sellerRoutes);
  await app.register(deletionRoutes);
  if (config.devMailbox) await app.register(devMailboxRoutes);

  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0]!;
    if (hasWeb && (request.method === 'GET' || request.method === 'HEAD') && !pathname.startsWith('/api/') && !pathname.startsWith('/dev/')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    throw new AppError('NOT_FOUND');
  });
  return app;
}
