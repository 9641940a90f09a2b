// A fresh Souk per test file: an in-memory PGlite database, or, when DATABASE_URL is set, a new
// PostgreSQL database created for this file and dropped afterwards.
import { randomBytes } from 'node:crypto';
import { FORGOTTEN_RECIPIENT } from '../../src/modules/mail/transport.ts';
import pg from 'pg';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildApp, type BuildOptions } from '../../src/app.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';

export const PUBLIC_URL = 'http://souk.test';
export const ORIGIN = PUBLIC_URL;

export type TestDatabase = { database: Database; url: string | undefined; drop(): Promise<void> };

/** Runs one statement (create or drop a database) on its own connection to `url`. */
export async function adminStatement(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates an empty PostgreSQL database next to `baseUrl` for one test file; `drop()` removes it. */
export async function createPostgresTestDatabase(
  baseUrl: string,
  label = 'test',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `souk_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = (statement: string) => adminStatement(baseUrl, statement);
  await admin(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** Opens a brand-new empty database on the engine under test. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const database = await openDatabase({ databaseUrl: undefined, dataDir: 'memory://' });
    return { database, url: undefined, drop: () => database.close() };
  }
  const created = await createPostgresTestDatabase(baseUrl);
  const database = await openDatabase({ databaseUrl: created.url, dataDir: 'memory://', poolSize: 5 });
  return {
    database,
    url: created.url,
    async drop() {
      await database.close();
      await created.drop();
    },
  };
}

export type TestApp = {
  app: FastifyInstance;
  config: Config;
  engine: 'pglite' | 'postgres';
  close(): Promise<void>;
};

/** The configuration tests run with (in-memory data, the test origin and secret), plus `env`. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: 'memory://',
    PUBLIC_URL,
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...env,
  });
}

export async function createTestApp(env: Record<string, string> = {}, options: BuildOptions = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const config = testConfig({ ...(testDb.url ? { DATABASE_URL: testDb.url } : {}), ...env });
  const app = await buildApp(config, { database: testDb.database, jobPollingSeconds: 0.5, ...options });
  await app.ready();
  return {
    app,
    config,
    engine: testDb.database.engine,
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}

/** A tiny cookie-jar client over app.inject(), sending the same-origin header a browser would. */
export class Client {
  readonly app: FastifyInstance;
  cookies = new Map<string, string>();
  userAgent: string;
  /** The Origin header sent with every request: the app's PUBLIC_URL. */
  origin: string;

  constructor(app: FastifyInstance, userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Test', origin = ORIGIN) {
    this.app = app;
    this.userAgent = userAgent;
    this.origin = origin;
  }

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method,
      url,
      headers: {
        origin: this.origin,
        'user-agent': this.userAgent,
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) }
        : {}),
    });
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body, headers);
  put = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PUT', url, body, headers);
  patch = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PATCH', url, body, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}

type MailMessage = { id: string; to: string; subject: string; text: string; html: string };

/** Waits until the dev mailbox holds a mail to `to` whose subject matches, and returns it. */
export async function waitForMail(
  app: FastifyInstance,
  to: string,
  subject: RegExp,
  timeoutMs = 10_000,
): Promise<MailMessage> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await app.inject({ method: 'GET', url: `/api/dev/mailbox?to=${encodeURIComponent(to)}` });
    const found = (res.json() as { messages: MailMessage[] }).messages.find((m) => subject.test(m.subject));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms`);
}

/**
 * The final "Your Souk account has been deleted" mail of a request: Souk's development mailbox keeps
 * it without the address (issue 14), so it is found by the reference it carries.
 */
export async function waitForFinalMail(
  app: FastifyInstance,
  reference: string,
  timeoutMs = 10_000,
): Promise<MailMessage> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [found] = await finalMailsOf(app, reference);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no final mail for ${reference} within ${timeoutMs} ms`);
}

export async function finalMailsOf(app: FastifyInstance, reference: string): Promise<MailMessage[]> {
  return (await mailsTo(app, FORGOTTEN_RECIPIENT)).filter(
    (m) => m.subject === 'Your Souk account has been deleted' && m.text.includes(reference),
  );
}

/** Mails in the outbox still to be sent (neither sent nor given up). */
export const pendingCount = async (app: FastifyInstance): Promise<number> =>
  Number(
    (
      await app.souk.db
        .selectFrom('mail_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Waits until nothing is left to send (every row sent or failed); a test that queued many leaves none to the next. */
export async function waitForEmptyOutbox(app: FastifyInstance, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await pendingCount(app)) > 0) {
    if (Date.now() > deadline) throw new Error(`${await pendingCount(app)} mails still pending`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function mailsTo(app: FastifyInstance, to: string): Promise<MailMessage[]> {
  const res = await app.inject({ method: 'GET', url: `/api/dev/mailbox?to=${encodeURIComponent(to)}` });
  return (res.json() as { messages: MailMessage[] }).messages;
}

export const tokenFrom = (mail: { text: string }, path: string): string => {
  const match = mail.text.match(new RegExp(`${path}\\?token=([^\\s&]+)`));
  if (!match) throw new Error(`no ${path} link in mail`);
  return decodeURIComponent(match[1]!);
};

export const STRONG_PASSWORD = 'amber-lantern-orbit-42';

/** Signs up, verifies through the mailed link, signs in; returns a signed-in client. */
export async function signUpAndSignIn(
  app: FastifyInstance,
  email: string,
  password = STRONG_PASSWORD,
  displayName = 'Test Person',
  origin = ORIGIN,
): Promise<Client> {
  const client = new Client(app, undefined, origin);
  const signUp = await client.post('/api/auth/sign-up', { email, password, displayName });
  if (signUp.statusCode !== 202) throw new Error(`sign-up failed: ${signUp.body}`);
  const mail = await waitForMail(app, email, /Verify your email/);
  const verify = await client.post('/api/auth/verify-email', { token: tokenFrom(mail, '/verify-email') });
  if (verify.statusCode !== 200) throw new Error(`verify failed: ${verify.body}`);
  const signIn = await client.post('/api/auth/sign-in', { email, password });
  if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.body}`);
  return client;
}

/** Signs an existing, verified account in from a new client (another browser or device). */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password = STRONG_PASSWORD,
  userAgent?: string,
): Promise<Client> {
  const client = new Client(app, userAgent);
  const res = await client.post('/api/auth/sign-in', { email, password });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  return client;
}

/** Ends every rate-limit window, as if an hour had passed, so one app can serve many scenarios. */
export async function forgetRateLimits(app: FastifyInstance): Promise<void> {
  await app.souk.db.deleteFrom('rate_limits').execute();
}

/** How many rows a table holds: the "nothing changed" half of an assertion. */
/** The account's stored password hash (its credential row), or null when it has none. */
export async function passwordHash(app: FastifyInstance, userId: string): Promise<string | null> {
  const row = await app.souk.db
    .selectFrom('accounts')
    .select('password')
    .where('user_id', '=', userId)
    .where('provider_id', '=', 'credential')
    .executeTakeFirstOrThrow();
  return row.password;
}

export async function countRows(
  app: FastifyInstance,
  table:
    | 'users'
    | 'sessions'
    | 'accounts'
    | 'verifications'
    | 'email_change_requests'
    | 'notification_preferences'
    | 'mail_outbox'
    | 'rate_limits',
): Promise<number> {
  const row = await app.souk.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A copy of a client's cookie jar on a fresh client: what an attacker holding a stolen cookie would send. */
export function cloneClient(client: Client): Client {
  const copy = new Client(client.app, client.userAgent, client.origin);
  copy.cookies = new Map(client.cookies);
  return copy;
}
