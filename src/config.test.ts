import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.ts';

const THIS_FILE = fileURLToPath(import.meta.url);

test('defaults: port 3000, ./data, PGlite, dev mailbox, localhost public URL', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.match(config.dataDir, /[/\\]data$/);
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.devMailbox, true);
  assert.equal(config.publicUrl, 'http://localhost:3000');
});

test('mail goes out over 5 pooled SMTP connections, 100 mails each, unless MAIL_CONCURRENCY and MAIL_MESSAGES_PER_CONNECTION say otherwise', () => {
  assert.deepEqual([loadConfig({}).mailConcurrency, loadConfig({}).mailMessagesPerConnection], [5, 100]);
  const config = loadConfig({
    SMTP_URL: 'smtp://mail.example:587?name=souk.example',
    MAIL_CONCURRENCY: '3',
    MAIL_MESSAGES_PER_CONNECTION: '30',
  });
  assert.deepEqual([config.mailConcurrency, config.mailMessagesPerConnection], [3, 30]);
  assert.equal(
    config.smtpUrl,
    'smtp://mail.example:587?name=souk.example',
    'other nodemailer options in the URL still work',
  );
  assert.throws(
    () => loadConfig({ SMTP_URL: 'smtp://mail.example:587?pool=true&maxMessages=5' }),
    /SMTP_URL must not set pool, maxMessages: Souk pools SMTP connections itself/,
  );
});

test('SMTP_URL turns the dev mailbox off; PUBLIC_URL loses its trailing slash', () => {
  const config = loadConfig({ SMTP_URL: 'smtp://mail.example:25', PUBLIC_URL: 'https://shop.example/' });
  assert.equal(config.devMailbox, false);
  assert.equal(config.publicUrl, 'https://shop.example');
});

test('DATABASE_REPLICA_URL needs DATABASE_URL and a postgres:// URL (decision 044)', () => {
  const primary = 'postgres://primary.example/souk';
  const replica = 'postgres://replica.example/souk';
  assert.equal(loadConfig({ DATABASE_URL: primary }).databaseReplicaUrl, undefined);
  assert.equal(loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URL: replica }).databaseReplicaUrl, replica);
  assert.throws(
    () => loadConfig({ DATABASE_REPLICA_URL: replica }),
    /DATABASE_REPLICA_URL needs DATABASE_URL: .*embedded PGlite has none/,
  );
  assert.throws(
    () => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URL: 'mysql://replica.example/souk' }),
    (error: unknown) => error instanceof ConfigError && error.variable === 'DATABASE_REPLICA_URL',
  );
});

for (const [variable, value] of [
  ['PORT', 'abc'],
  ['PORT', '70000'],
  ['DATABASE_URL', 'mysql://x'],
  ['DATABASE_REPLICA_URL', 'postgres://replica.example/souk'],
  ['SMTP_URL', 'not a url'],
  ['PUBLIC_URL', 'ftp://x'],
  ['LOG_LEVEL', 'loud'],
  ['NODE_ENV', 'staging'],
  ['RUN_JOBS', 'maybe'],
  ['PGLITE_THREAD', 'fiber'],
  ['HOST', 'not a host'],
  ['HOST', 'http://localhost'],
  ['HOST', '127.0.0.256'],
  ['DATA_DIR', '   '],
  ['DATA_DIR', 'data\u0000dir'],
  ['DATA_DIR', 'file:///var/souk'],
  ['DATA_DIR', THIS_FILE],
  ['DATA_DIR', path.join(THIS_FILE, 'data')],
  ['AUTH_SECRET', 'too-short'],
  ['MAIL_CONCURRENCY', '0'],
  ['MAIL_CONCURRENCY', '51'],
  ['MAIL_CONCURRENCY', 'many'],
  ['MAIL_MESSAGES_PER_CONNECTION', '0'],
  ['SMTP_URL', 'smtp://mail.example:587?pool=true'],
  ['SMTP_URL', 'smtp://mail.example:587?maxConnections=20'],
] as const) {
  test(`a wrong ${variable} (${value.replace('\u0000', '\\0')}) is refused, naming the variable`, () => {
    assert.throws(
      () => loadConfig({ [variable]: value }),
      (error: unknown) =>
        error instanceof ConfigError && error.variable === variable && error.message.includes(variable),
    );
  });
}

test('production refuses a missing or default AUTH_SECRET', () => {
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production' }),
    /AUTH_SECRET must be set \(at least 32 characters\) in production/,
  );
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'souk-development-secret-change-me-in-production' }),
    /AUTH_SECRET must not be the development default/,
  );
  assert.doesNotThrow(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) }));
});

test('a short AUTH_SECRET is refused in every environment, and the message does not blame production', () => {
  for (const NODE_ENV of ['development', 'test', 'production']) {
    assert.throws(
      () => loadConfig({ NODE_ENV, AUTH_SECRET: 'x'.repeat(31) }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message === 'Invalid configuration: AUTH_SECRET must be at least 32 characters, got 31',
    );
  }
  assert.doesNotThrow(() => loadConfig({ AUTH_SECRET: 'x'.repeat(32) }));
});

test('DEV_MAILBOX on in production refuses to start, naming the variable; off by default there', () => {
  const production = { NODE_ENV: 'production', AUTH_SECRET: 'p'.repeat(32) };
  assert.equal(loadConfig(production).devMailbox, false);
  for (const on of ['true', '1', 'yes']) {
    assert.throws(
      () => loadConfig({ ...production, DEV_MAILBOX: on }),
      (error: unknown) =>
        error instanceof ConfigError && error.variable === 'DEV_MAILBOX' && /production/.test(error.message),
    );
  }
  assert.equal(loadConfig({ ...production, DEV_MAILBOX: 'false' }).devMailbox, false);
  assert.equal(
    loadConfig({ DEV_MAILBOX: 'true', SMTP_URL: 'smtp://mail.example:25' }).devMailbox,
    true,
    'development may keep it beside SMTP',
  );
});

test('timeouts: defaults, bounds, and a request never shorter than its headers', () => {
  assert.deepEqual(loadConfig({}).timeouts, {
    headersSeconds: 10,
    requestSeconds: 30,
    keepAliveSeconds: 5,
    idleSeconds: 60,
  });
  assert.deepEqual(
    loadConfig({
      HEADERS_TIMEOUT_SECONDS: '2',
      REQUEST_TIMEOUT_SECONDS: '3',
      KEEP_ALIVE_TIMEOUT_SECONDS: '4',
      IDLE_TIMEOUT_SECONDS: '9',
    }).timeouts,
    { headersSeconds: 2, requestSeconds: 3, keepAliveSeconds: 4, idleSeconds: 9 },
  );
  for (const [variable, value] of [
    ['REQUEST_TIMEOUT_SECONDS', '0'],
    ['REQUEST_TIMEOUT_SECONDS', '5'],
    ['HEADERS_TIMEOUT_SECONDS', 'x'],
    ['KEEP_ALIVE_TIMEOUT_SECONDS', '-1'],
    ['IDLE_TIMEOUT_SECONDS', '99999'],
  ] as const) {
    const env =
      variable === 'REQUEST_TIMEOUT_SECONDS' && value === '5'
        ? { [variable]: value, HEADERS_TIMEOUT_SECONDS: '10' }
        : { [variable]: value };
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => error instanceof ConfigError && error.variable === variable,
      `${variable}=${value}`,
    );
  }
});

test('LOG_FORMAT: readable in development, JSON elsewhere, either on request', () => {
  assert.equal(loadConfig({}).logFormat, 'readable');
  assert.equal(loadConfig({ NODE_ENV: 'test' }).logFormat, 'json');
  assert.equal(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'p'.repeat(32) }).logFormat, 'json');
  assert.equal(loadConfig({ LOG_FORMAT: 'json' }).logFormat, 'json');
  assert.throws(
    () => loadConfig({ LOG_FORMAT: 'pretty' }),
    (error: unknown) => error instanceof ConfigError && error.variable === 'LOG_FORMAT',
  );
});

test('HOST: an IP address or a host name; DATA_DIR: a directory path or memory://', () => {
  assert.equal(loadConfig({}).host, '127.0.0.1', 'outside production only this machine can connect by default');
  assert.equal(loadConfig({ NODE_ENV: 'test' }).host, '127.0.0.1');
  assert.equal(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'p'.repeat(32) }).host, '0.0.0.0');
  for (const host of ['localhost', '0.0.0.0', '::', '::1', '127.0.0.1', 'fe80::1', 'souk.example.com', 'souk-web_1'])
    assert.equal(loadConfig({ HOST: host }).host, host);
  assert.equal(loadConfig({ DATA_DIR: 'memory://' }).dataDir, 'memory://');
  assert.equal(
    loadConfig({ DATA_DIR: 'var/souk' }).dataDir,
    path.resolve('var/souk'),
    'a relative path is resolved; a missing directory is made later',
  );
  assert.equal(loadConfig({ DATA_DIR: path.dirname(THIS_FILE) }).dataDir, path.dirname(THIS_FILE));
});

test('the server stops at boot with a message naming the wrong variable', () => {
  const server = fileURLToPath(new URL('./server.ts', import.meta.url));
  const result = spawnSync(process.execPath, [server], {
    env: { ...process.env, PORT: 'eighty', DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /PORT must be a whole number/);
});

test('session cookies are Secure in production and behind https', () => {
  assert.equal(loadConfig({}).secureCookies, false);
  assert.equal(loadConfig({ PUBLIC_URL: 'https://shop.example' }).secureCookies, true);
  assert.equal(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'y'.repeat(40) }).secureCookies, true);
});

test('TRUST_PROXY: off by default; a hop count, a boolean or a list of addresses', () => {
  assert.equal(loadConfig({}).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
  assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy, ['127.0.0.1', '10.0.0.0/8']);
  assert.throws(() => loadConfig({ TRUST_PROXY: 'proxy.example' }), /TRUST_PROXY/);
});

test('SHUTDOWN_TIMEOUT_MS, METRICS and METRICS_TOKEN: a 10 s drain, metrics off, a token of at least 32 characters', () => {
  const defaults = loadConfig({});
  assert.deepEqual([defaults.shutdownTimeoutMs, defaults.metrics], [10_000, { enabled: false, token: undefined }]);
  const token = 'a-metrics-token-of-40-characters-0123456';
  assert.deepEqual(loadConfig({ METRICS: 'true', METRICS_TOKEN: token, SHUTDOWN_TIMEOUT_MS: '2500' }).metrics, {
    enabled: true,
    token,
  });
  assert.throws(
    () => loadConfig({ SHUTDOWN_TIMEOUT_MS: 'soon' }),
    (e: ConfigError) => e.variable === 'SHUTDOWN_TIMEOUT_MS',
  );
  assert.throws(
    () => loadConfig({ METRICS: 'maybe' }),
    (e: ConfigError) => e.variable === 'METRICS',
  );
  assert.throws(
    () => loadConfig({ METRICS_TOKEN: 'short' }),
    (e: ConfigError) => e.variable === 'METRICS_TOKEN',
  );
});
