// What every module can reach, built once by app.ts and hung on the Fastify instance.
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { DB } from './db/types.ts';
import type { DeferredJobs } from './jobs/runner.ts';
import type { BetterAuth } from './modules/auth/better-auth.ts';
import type { MailService } from './modules/mail/service.ts';
import type { RateLimiter } from './modules/rate-limit/service.ts';

export type AppContext = {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  jobs: DeferredJobs | undefined;
  mail: MailService;
  rateLimiter: RateLimiter;
  /** Better Auth, created on first use (it is imported lazily, see better-auth.ts). */
  auth: () => Promise<BetterAuth>;
};

declare module 'fastify' {
  interface FastifyInstance {
    souk: AppContext;
  }
}
