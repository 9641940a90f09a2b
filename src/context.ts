// What every module can reach, built once by app.ts and hung on the Fastify instance.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { DB } from './db/types.ts';
import type { DeferredJobs } from './jobs/runner.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { BetterAuth } from './modules/auth/index.ts';
import type { MailService } from './modules/mail/index.ts';
import type { RateLimiter } from './modules/rate-limit/index.ts';
import type { PaymentProvider } from './modules/payments/index.ts';
import type { WebhookService } from './modules/webhooks/index.ts';
import type { FileStorage } from './storage.ts';
import type { PublicReads } from './plugins/read-replica.ts';
import type { CatalogCache } from './modules/catalog/index.ts';

export type AppContext = {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  /** Public catalogue reads: on the read replica when DATABASE_REPLICA_URL is set (decision 044). */
  publicReads: PublicReads;
  /** Public catalogue responses, checked against the catalogue's version on every use (decision 056). */
  catalogCache: CatalogCache;
  jobs: DeferredJobs | undefined;
  mail: MailService;
  /** Outgoing webhooks (account.erased) through their outbox; records nothing without WEBHOOK_URL. */
  webhooks: WebhookService;
  rateLimiter: RateLimiter;
  /** Better Auth, created on first use (it is imported lazily, see better-auth.ts). */
  auth: () => Promise<BetterAuth>;
  /** The payment provider (the built-in TestPaymentProvider charges no one). */
  payments: PaymentProvider;
  /** Uploaded files (product images): DATA_DIR/uploads, or memory for memory://. */
  storage: FileStorage;
  /** The app's logger, for work outside a request (jobs) and what a request handles but an operator should see. */
  log: FastifyBaseLogger;
  /** Migrated yet? Draining? (GET /api/ready, the drain on SIGTERM: decision 041) */
  lifecycle: Lifecycle;
};

declare module 'fastify' {
  interface FastifyInstance {
    souk: AppContext;
  }
}
