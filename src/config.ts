// The only reader of process.env. Everything is validated once at boot; a wrong value
// stops the server with a message that names the variable.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; when absent Souk uses embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  /** A streaming replica of databaseUrl for public catalogue reads (decision 044); PostgreSQL only. */
  databaseReplicaUrl: string | undefined;
  /** Where embedded PGlite runs: a worker thread (default, decision 005) or the main thread. */
  pgliteThread: 'worker' | 'main';
  /** smtp(s):// URL; when absent mail goes to the built-in dev mailbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Mails in flight at once in this process, each over its own pooled SMTP connection (decision 032). */
  mailConcurrency: number;
  /** Mails sent over one SMTP connection before it is replaced by a fresh one. */
  mailMessagesPerConnection: number;
  publicUrl: string;
  /** Secret used to sign session cookies and hash tokens (≥ 32 chars in production). */
  authSecret: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Log lines as JSON (production's format) or readable at a terminal (development's). */
  logFormat: 'json' | 'readable';
  /** Whether the built-in mailbox at /dev/mailbox is served. */
  devMailbox: boolean;
  /** Whether background jobs (mail delivery, …) run in this process. */
  runJobs: boolean;
  /** Web processes `npm start` runs on this machine, sharing the port (node:cluster); 1 = this process (decision 043). */
  webConcurrency: number;
  /** Where uploaded files go: DATA_DIR/uploads on disk, or Souk's database (decision 043). */
  storage: 'disk' | 'database';
  /** Session cookies carry Secure (and the __Secure- prefix): in production or behind https. */
  secureCookies: boolean;
  /** Behind a reverse proxy: how far to trust X-Forwarded-For (false, true, a hop count, or addresses). */
  trustProxy: boolean | number | string[];
  /** Seed the demo marketplace on first start (empty catalog). */
  seedDemo: boolean;
  /** Searches that run at once in this process; the rest wait their turn (decision 027). */
  searchConcurrency: number;
  /**
   * Megabytes of public catalogue responses kept in this process, each checked against the
   * catalogue's version on every use (decision 056); 0 turns the cache off.
   */
  catalogCacheMb: number;
  /** Account deletion: days until a request must be completed (the GDPR month). */
  deletionDueDays: number;
  /** Account deletion: hours a request waits for "This wasn't me" before it is processed. */
  deletionWaitHours: number;
  /** Account deletion: seconds a worker holds a request it processes before another may take it over (after a crash). */
  deletionLeaseSeconds: number;
  /** Years anonymised orders are kept as accounting records. */
  orderRetentionYears: number;
  /**
   * Seconds a payment attempt may wait for the provider's answer; past them an attempt without a
   * recorded outcome is confirmed with the provider (decision 033). Above the provider's own timeout.
   */
  paymentLeaseSeconds: number;
  /** Where events such as account.erased are POSTed, signed with the secret; absent: none are recorded. */
  webhook: WebhookConfig | undefined;
  /** Connection limits (README, "Timeouts and limits"): slow or silent clients are cut off. */
  timeouts: TimeoutConfig;
  /** On SIGTERM/SIGINT: how long in-flight requests and jobs may take to finish (decision 041). */
  shutdownTimeoutMs: number;
  /** GET /metrics (Prometheus): off by default; loopback callers need no token, others this one (decision 041). */
  metrics: { enabled: boolean; token: string | undefined };
  /** Exchange rates (decision 058): a rates file read at start and hourly, an optional feed, when rates count as stale. */
  rates: RatesConfig;
};

export type RatesConfig = {
  /** A JSON rates file ({"base", "asOf", "rates"}); absent: rates come from staff (and the feed, when on). */
  file: string | undefined;
  /** An eurofxref-format feed fetched hourly (the ECB's daily reference rates); absent: no outgoing request. */
  feedUrl: string | undefined;
  /** Rates older than this many days are flagged to staff as stale. */
  staleDays: number;
};

export type TimeoutConfig = {
  /** Seconds a client has to send a request's headers. */
  headersSeconds: number;
  /** Seconds a client has to send a whole request, headers and body. */
  requestSeconds: number;
  /** Seconds an idle kept-alive connection stays open between requests. */
  keepAliveSeconds: number;
  /** Seconds a connection may stay silent (nothing read or written) before it is closed. */
  idleSeconds: number;
};

export type WebhookConfig = { url: string; secret: string };

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.variable = variable;
  }
}

type Env = Record<string, string | undefined>;

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readUrl(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function readTrustProxy(env: Env): boolean | number | string[] {
  const raw = env.TRUST_PROXY;
  if (raw === undefined || raw === '') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(raw.toLowerCase()))
    return readBool(env, 'TRUST_PROXY', false);
  const addresses = raw
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (!addresses.every((a) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(a))) {
    throw new ConfigError(
      'TRUST_PROXY',
      'must be true, false, a hop count, or a comma-separated list of IP addresses/CIDRs',
    );
  }
  return addresses;
}

/** The address to listen on: an IP literal (0.0.0.0, ::, 127.0.0.1) or a host name (localhost, souk.internal). */
function readHost(env: Env, nodeEnv: Config['env']): string {
  const raw = env.HOST;
  // Outside production only this machine can connect unless HOST says otherwise (README).
  if (raw === undefined || raw === '') return nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1';
  // Labels of letters, digits and hyphens (underscores too, which container names use), and a last
  // label that is not all digits: 127.0.0.256 is a mistyped address, not a name to look up.
  const labels = raw.replace(/\.$/, '').split('.');
  const hostName =
    raw.length <= 253 &&
    labels.every((label) => /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i.test(label)) &&
    !/^\d+$/.test(labels.at(-1)!);
  if (net.isIP(raw) === 0 && !hostName) {
    throw new ConfigError(
      'HOST',
      `must be an IP address or a host name to listen on (such as 0.0.0.0, ::, 127.0.0.1 or localhost), got "${raw}"`,
    );
  }
  return raw;
}

/** Where Souk keeps its database and uploads: a directory (made if missing), or memory:// for nothing on disk. */
function readDataDir(env: Env): string {
  const raw = env.DATA_DIR;
  if (raw === undefined || raw === '') return path.resolve('./data');
  if (raw === 'memory://') return raw;
  if (raw.trim() === '') throw new ConfigError('DATA_DIR', 'must be a directory path or memory://, got only spaces');
  if (raw.includes('\u0000')) throw new ConfigError('DATA_DIR', 'must not contain a NUL character');
  // Anything else that looks like a URL would silently become a local folder named "memory:" or "file:".
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw))
    throw new ConfigError('DATA_DIR', `must be a directory path or exactly memory://, got "${raw}"`);
  const dir = path.resolve(raw);
  // It is made if missing, so the nearest part of the path that exists must be a directory.
  for (let part = dir; ; part = path.dirname(part)) {
    let existing: fs.Stats | undefined;
    try {
      existing = fs.statSync(part, { throwIfNoEntry: false });
    } catch (error) {
      throw new ConfigError(
        'DATA_DIR',
        `cannot be used: ${part} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      );
    }
    if (existing && !existing.isDirectory())
      throw new ConfigError('DATA_DIR', `must be a directory, but ${part} is a file`);
    if (existing || path.dirname(part) === part) return dir;
  }
}

function readWebhook(env: Env): WebhookConfig | undefined {
  const url = readUrl(env, 'WEBHOOK_URL', ['http:', 'https:']);
  const secret = env.WEBHOOK_SECRET || undefined;
  if (secret !== undefined && secret.length < 32)
    throw new ConfigError('WEBHOOK_SECRET', `must be at least 32 characters, got ${secret.length}`);
  if (url === undefined) return undefined;
  if (secret === undefined)
    throw new ConfigError(
      'WEBHOOK_SECRET',
      'must be set (at least 32 characters) when WEBHOOK_URL is set: every delivery is signed with it',
    );
  return { url, secret };
}

/** nodemailer reads options from the URL's query too, and those would win over Souk's own: the pool
 * is configured by MAIL_CONCURRENCY and MAIL_MESSAGES_PER_CONNECTION only, so the bound Souk keeps on
 * mails in flight is the pool's. */
const SMTP_URL_POOL_OPTIONS = ['pool', 'maxconnections', 'maxmessages', 'maxrequeues'];

function readSmtpUrl(env: Env): string | undefined {
  const url = readUrl(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  if (url === undefined) return undefined;
  const pooling = [...new URL(url).searchParams.keys()].filter((key) =>
    SMTP_URL_POOL_OPTIONS.includes(key.toLowerCase()),
  );
  if (pooling.length > 0)
    throw new ConfigError(
      'SMTP_URL',
      `must not set ${pooling.join(', ')}: Souk pools SMTP connections itself (MAIL_CONCURRENCY, MAIL_MESSAGES_PER_CONNECTION)`,
    );
  return url;
}

/** Several web processes need a database they can share, and uploads each of them sees. */
function readWebConcurrency(env: Env, databaseUrl: string | undefined, dataDir: string, storage: string): number {
  const n = readInt(env, 'WEB_CONCURRENCY', 1, 1, 64);
  if (n === 1) return n;
  if (databaseUrl === undefined)
    throw new ConfigError(
      'WEB_CONCURRENCY',
      `must be 1 without DATABASE_URL, got ${n}: one process at a time opens the embedded PGlite database in DATA_DIR`,
    );
  if (dataDir === 'memory://' && storage === 'disk')
    throw new ConfigError(
      'WEB_CONCURRENCY',
      `must be 1 with DATA_DIR=memory:// and STORAGE=disk, got ${n}: each process would keep its own uploads in memory (set STORAGE=database)`,
    );
  return n;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const DEV_SECRET = 'souk-development-secret-change-me-in-production';

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (nodeEnv !== 'development' && nodeEnv !== 'production' && nodeEnv !== 'test') {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnv}"`);
  }
  const port = readInt(env, 'PORT', 3000, 0, 65535);
  const host = readHost(env, nodeEnv);
  const dataDir = readDataDir(env);
  const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const databaseReplicaUrl = readUrl(env, 'DATABASE_REPLICA_URL', ['postgres:', 'postgresql:']);
  if (databaseReplicaUrl !== undefined && databaseUrl === undefined)
    throw new ConfigError(
      'DATABASE_REPLICA_URL',
      'needs DATABASE_URL: it names a streaming replica of that PostgreSQL server, and embedded PGlite has none',
    );
  const smtpUrl = readSmtpUrl(env);
  const publicUrl = (readUrl(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const logLevel = (env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info')) as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const logFormat = (env.LOG_FORMAT || (nodeEnv === 'development' ? 'readable' : 'json')) as Config['logFormat'];
  if (logFormat !== 'json' && logFormat !== 'readable')
    throw new ConfigError('LOG_FORMAT', `must be json or readable, got "${logFormat}"`);
  const authSecret = env.AUTH_SECRET || (nodeEnv === 'production' ? '' : DEV_SECRET);
  if (authSecret.length < 32) {
    // Unset is refused in production only (elsewhere the development secret stands in); too short, everywhere.
    throw new ConfigError(
      'AUTH_SECRET',
      env.AUTH_SECRET
        ? `must be at least 32 characters, got ${authSecret.length}`
        : 'must be set (at least 32 characters) in production',
    );
  }
  if (nodeEnv === 'production' && authSecret === DEV_SECRET) {
    throw new ConfigError('AUTH_SECRET', 'must not be the development default in production');
  }
  const mailFrom = env.MAIL_FROM || 'Souk <no-reply@souk.localhost>';
  if (!/@/.test(mailFrom)) throw new ConfigError('MAIL_FROM', 'must contain an email address');
  const pgliteThread = env.PGLITE_THREAD || 'worker';
  if (pgliteThread !== 'worker' && pgliteThread !== 'main')
    throw new ConfigError('PGLITE_THREAD', `must be worker or main, got "${pgliteThread}"`);
  const devMailbox = readBool(env, 'DEV_MAILBOX', smtpUrl === undefined && nodeEnv !== 'production');
  if (devMailbox && nodeEnv === 'production') {
    throw new ConfigError(
      'DEV_MAILBOX',
      'must not be on in production: the development mailbox shows every mail Souk sends, password-reset links included (set SMTP_URL to send mail)',
    );
  }
  const headersSeconds = readInt(env, 'HEADERS_TIMEOUT_SECONDS', 10, 1, 600);
  const requestSeconds = readInt(env, 'REQUEST_TIMEOUT_SECONDS', 30, 1, 3600);
  if (requestSeconds < headersSeconds) {
    throw new ConfigError(
      'REQUEST_TIMEOUT_SECONDS',
      `must be at least HEADERS_TIMEOUT_SECONDS (${headersSeconds}): a request's time includes its headers`,
    );
  }
  const storage = env.STORAGE || 'disk';
  if (storage !== 'disk' && storage !== 'database')
    throw new ConfigError('STORAGE', `must be disk or database, got "${storage}"`);
  const webConcurrency = readWebConcurrency(env, databaseUrl, dataDir, storage);
  const timeouts: TimeoutConfig = {
    headersSeconds,
    requestSeconds,
    keepAliveSeconds: readInt(env, 'KEEP_ALIVE_TIMEOUT_SECONDS', 5, 1, 600),
    idleSeconds: readInt(env, 'IDLE_TIMEOUT_SECONDS', 60, 1, 3600),
  };
  return {
    env: nodeEnv,
    port,
    host,
    dataDir,
    databaseUrl,
    databaseReplicaUrl,
    pgliteThread,
    smtpUrl,
    mailFrom,
    // Five is nodemailer's own default. Relays cap connections per client (a relay over its cap
    // answers 421 and the outbox retries later), so an operator sets the relay's figure here.
    mailConcurrency: readInt(env, 'MAIL_CONCURRENCY', 5, 1, 50),
    mailMessagesPerConnection: readInt(env, 'MAIL_MESSAGES_PER_CONNECTION', 100, 1, 10_000),
    publicUrl,
    authSecret,
    logLevel,
    logFormat,
    devMailbox,
    runJobs: readBool(env, 'RUN_JOBS', true),
    webConcurrency,
    storage,
    secureCookies: nodeEnv === 'production' || publicUrl.startsWith('https:'),
    trustProxy: readTrustProxy(env),
    seedDemo: readBool(env, 'SEED_DEMO', nodeEnv === 'development'),
    // Twice the cores, and never the whole pool of 10: other requests keep two connections.
    searchConcurrency: readInt(env, 'SEARCH_CONCURRENCY', Math.min(2 * os.availableParallelism(), 8), 1, 1000),
    catalogCacheMb: readInt(env, 'CATALOG_CACHE_MB', 32, 0, 65_536),
    deletionDueDays: readInt(env, 'DELETION_DUE_DAYS', 30, 1, 30),
    deletionWaitHours: readInt(env, 'DELETION_WAIT_HOURS', 72, 0, 24 * 29),
    deletionLeaseSeconds: readInt(env, 'DELETION_LEASE_SECONDS', 120, 1, 3600),
    orderRetentionYears: readInt(env, 'ORDER_RETENTION_YEARS', 10, 1, 30),
    paymentLeaseSeconds: readInt(env, 'PAYMENT_LEASE_SECONDS', 120, 1, 3600),
    webhook: readWebhook(env),
    timeouts,
    shutdownTimeoutMs: readInt(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    metrics: readMetrics(env),
    rates: {
      file: env.RATES_FILE ? path.resolve(env.RATES_FILE) : undefined,
      feedUrl: readUrl(env, 'RATES_FEED_URL', ['https:', 'http:']),
      staleDays: readInt(env, 'RATES_STALE_DAYS', 4, 1, 365),
    },
  };
}

function readMetrics(env: Env): Config['metrics'] {
  const token = env.METRICS_TOKEN || undefined;
  // A bearer token is the only thing between a remote scraper and the metrics: not a guessable one.
  if (token !== undefined && (token.length < 32 || /\s/.test(token))) {
    throw new ConfigError('METRICS_TOKEN', 'must be at least 32 characters, without spaces');
  }
  return { enabled: readBool(env, 'METRICS', false), token };
}
