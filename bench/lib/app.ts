// A production-configured Souk listening on 127.0.0.1 with one verified, signed-in account.
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildApp } from '../../src/app.ts';
import type { BenchDatabase } from './engines.ts';
import { freePort } from './util.ts';

export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
export const BENCH_PASSWORD = 'amber-lantern-orbit-42';

export type SignedInApp = {
  app: FastifyInstance;
  baseUrl: string;
  email: string;
  password: string;
  userId: string;
  /** `name=value` of the session cookie. */
  cookie: string;
  /** Responses sent so far (for CPU per request). */
  served(): number;
  close(): Promise<void>;
};

async function post(baseUrl: string, path: string, body: unknown): Promise<Response> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { origin: baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** Signs up, verifies the address directly (production has no dev mailbox route) and signs in. */
export async function signUpVerified(
  app: FastifyInstance,
  baseUrl: string,
  email: string,
  displayName = 'Bench Person',
): Promise<{ userId: string; cookie: string }> {
  await post(baseUrl, '/api/auth/sign-up', { email, password: BENCH_PASSWORD, displayName });
  const user = await app.souk.db
    .updateTable('users')
    .set({ email_verified: true })
    .where('email', '=', email)
    .returning('id')
    .executeTakeFirstOrThrow();
  const signIn = await post(baseUrl, '/api/auth/sign-in', { email, password: BENCH_PASSWORD });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.includes('session_token'));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { userId: user.id, cookie };
}

/** A benchmarked Souk's config: production settings on loopback at `port`, on the bench database, plus `extra`. */
export function benchConfig(target: BenchDatabase, port: number, extra: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    AUTH_SECRET: BENCH_SECRET,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: target.dataDir,
    ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}),
    ...extra,
  });
}

export async function startSignedInApp(target: BenchDatabase): Promise<SignedInApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = benchConfig(target, port, {
    RUN_JOBS: 'false',
    // To compare bulkhead sizes (decision 027); unset, Souk's default.
    ...(process.env.SEARCH_CONCURRENCY ? { SEARCH_CONCURRENCY: process.env.SEARCH_CONCURRENCY } : {}),
    // The catalogue cache (decision 056): CATALOG_CACHE_MB=0 measures without it; unset, Souk's default.
    ...(process.env.CATALOG_CACHE_MB ? { CATALOG_CACHE_MB: process.env.CATALOG_CACHE_MB } : {}),
  });
  const app = await buildApp(config, { database: target.database, rateLimits: false });
  let served = 0;
  app.addHook('onResponse', async () => {
    served++;
  });
  await app.listen({ port, host: '127.0.0.1' });

  const email = `bench-${process.pid}@bench.souk.example`;
  const { userId, cookie } = await signUpVerified(app, baseUrl, email);
  return {
    app,
    baseUrl,
    email,
    password: BENCH_PASSWORD,
    userId,
    cookie,
    served: () => served,
    close: () => app.close(),
  };
}
