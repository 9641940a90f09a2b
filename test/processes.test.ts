// The production topology (decision 043): several web processes (RUN_JOBS=false) and job processes
// (`npm run worker`) on one PostgreSQL, started at the same moment on an empty database, driven
// alternately as a load balancer would; and `WEB_CONCURRENCY=2 npm start` on one machine. Real
// processes, a real SMTP server, a real database. PostgreSQL only: PGlite is opened by one process
// at a time, which is why WEB_CONCURRENCY is refused there (checked on both engines).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ConfigError, loadConfig } from '../src/config.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { createPostgresTestDatabase, STRONG_PASSWORD, tokenFrom } from './helpers/app.ts';
import { decodeQuotedPrintable, header, MailCatcher } from './helpers/mail-catcher.ts';
import { freePort } from './helpers/net.ts';
import { PNG } from './helpers/posts.ts';
import {
  Browser,
  Processes,
  SERVER,
  START_TIMEOUT_MS,
  stopProcess,
  waitForHealth,
  waitForOutput,
  WORKER,
} from './helpers/processes.ts';

const BASE_URL = process.env.DATABASE_URL;
const NEEDS_POSTGRES = BASE_URL
  ? false
  : 'several processes share one database only on PostgreSQL (set DATABASE_URL); PGlite is opened by one process at a time';
/** The deletion job runs every minute (pg-boss cron): up to two minutes on a busy machine. */
const DELETION_TIMEOUT_MS = 150_000;

test('configuration: WEB_CONCURRENCY and STORAGE are validated at start, naming the variable', () => {
  const pgUrl = 'postgres://souk@db.internal/souk';
  const refused = (env: Record<string, string>, variable: string, text: RegExp) =>
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => error instanceof ConfigError && error.variable === variable && text.test(error.message),
      JSON.stringify(env),
    );
  assert.deepEqual([loadConfig({}).webConcurrency, loadConfig({}).storage], [1, 'disk'], 'defaults: one process, disk');
  refused({ WEB_CONCURRENCY: '2' }, 'WEB_CONCURRENCY', /without DATABASE_URL.*PGlite/);
  refused({ WEB_CONCURRENCY: '0', DATABASE_URL: pgUrl }, 'WEB_CONCURRENCY', /between 1 and 64/);
  refused({ WEB_CONCURRENCY: 'all', DATABASE_URL: pgUrl }, 'WEB_CONCURRENCY', /whole number/);
  refused({ WEB_CONCURRENCY: '2', DATABASE_URL: pgUrl, DATA_DIR: 'memory://' }, 'WEB_CONCURRENCY', /STORAGE=database/);
  refused({ STORAGE: 's3' }, 'STORAGE', /disk or database/);
  const config = loadConfig({ WEB_CONCURRENCY: '4', DATABASE_URL: pgUrl, DATA_DIR: 'memory://', STORAGE: 'database' });
  assert.deepEqual([config.webConcurrency, config.storage], [4, 'database']);
});

test('npm start with WEB_CONCURRENCY=2 on PGlite stops at once, naming the variable', async (t) => {
  const processes = new Processes();
  t.after(() => processes.killAll());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'souk-procs-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const server = processes.start(SERVER, { PATH: process.env.PATH, WEB_CONCURRENCY: '2', DATA_DIR: dataDir });
  const how = await server.exited;
  assert.equal(how.code, 1, server.output());
  assert.match(server.output(), /Invalid configuration: WEB_CONCURRENCY must be 1 without DATABASE_URL/);
  assert.ok(!existsSync(path.join(dataDir, 'pglite')), 'no database was opened');
});

/** What every process of a topology shares: the database, the SMTP server, the public address. */
function commonEnv(databaseUrl: string, smtpPort: number, publicUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    PUBLIC_URL: publicUrl,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    DELETION_WAIT_HOURS: '0',
  };
}

async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function freshDatabase(t: TestContext, label: string): Promise<string> {
  const created = await createPostgresTestDatabase(BASE_URL!, label);
  t.after(() => created.drop());
  return created.url;
}

const subjectOf = (raw: string) => header(raw, 'subject') ?? '';

test('2 web processes and 2 workers on one PostgreSQL, started at once, behave as one shop', {
  skip: NEEDS_POSTGRES,
  timeout: START_TIMEOUT_MS * 2 + DELETION_TIMEOUT_MS + 120_000,
}, async (t) => {
  const processes = new Processes();
  t.after(() => processes.killAll());
  const databaseUrl = await freshDatabase(t, 'procs');
  const catcher = new MailCatcher();
  await catcher.start();
  t.after(() => catcher.stop());
  // One uploads directory shared by the web processes and the workers, as a network share would be.
  const shared = await mkdtemp(path.join(tmpdir(), 'souk-procs-shared-'));
  t.after(() => rm(shared, { recursive: true, force: true }));
  const [portA, portB] = [await freePort(), await freePort()];
  const [A, B] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
  const origin = `http://localhost:${portA}`;
  const env = { ...commonEnv(databaseUrl, catcher.port, origin), DATA_DIR: shared };
  const web = (port: number) => ({ ...env, PORT: String(port), RUN_JOBS: 'false' });

  // All at the same moment, on a database with no tables: the migrations (and pg-boss's schema, in
  // the two workers) race.
  const webA = processes.start(SERVER, web(portA));
  const webB = processes.start(SERVER, web(portB));
  const workers = [1, 2].map(() => processes.start(WORKER, { ...env, LOG_LEVEL: 'info' }));
  await Promise.all([
    waitForHealth(A, webA),
    waitForHealth(B, webB),
    ...workers.map((w) => waitForOutput(w, 'job process running')),
  ]);

  await t.test('migrations and the job schema were made once, and every process started', async () => {
    const applied = await query<{ name: string }>(databaseUrl, 'select name from schema_migrations order by name');
    assert.deepEqual(
      applied.map((r) => r.name),
      Object.keys(migrations).sort(),
    );
    const [boss] = await query<{ n: number }>(databaseUrl, 'select count(*)::int as n from pgboss.version');
    assert.equal(boss!.n, 1);
    for (const p of [webA, webB, ...workers]) assert.ok(p.running(), p.output());
  });

  const email = 'mira.many@example.com';
  const browser = new Browser(origin);
  const mailsTo = (subject: RegExp) => catcher.to(email).filter((m) => subject.test(subjectOf(m.raw)));

  await t.test('an account made on A signs in on B, and the session cookie works on both', async () => {
    const signUp = await browser.request(A, 'POST', '/api/auth/sign-up', {
      email,
      password: STRONG_PASSWORD,
      displayName: 'Mira Many',
    });
    assert.equal(signUp.status, 202, JSON.stringify(signUp.json));
    const mail = await catcher.waitFor(email, /Verify your email/, 30_000);
    const token = tokenFrom({ text: decodeQuotedPrintable(mail.raw) }, '/verify-email');
    assert.equal((await browser.request(B, 'POST', '/api/auth/verify-email', { token })).status, 200);
    const signIn = await browser.request(B, 'POST', '/api/auth/sign-in', { email, password: STRONG_PASSWORD });
    assert.equal(signIn.status, 200, JSON.stringify(signIn.json));
    for (const base of [A, B, A]) {
      const me = await browser.request(base, 'GET', '/api/me');
      assert.equal(me.status, 200, `${base}: ${JSON.stringify(me.json)}`);
      assert.equal((me.json as { email: string }).email, email);
    }
  });

  await t.test('a rate limit counted on A and B refuses on B', async () => {
    // Three reset links an hour per address: A, B, A, then B refuses.
    for (const base of [A, B, A]) {
      const res = await browser.request(base, 'POST', '/api/auth/forgot-password', { email });
      assert.equal(res.status, 202, `${base}: ${JSON.stringify(res.json)}`);
    }
    const refused = await browser.request(B, 'POST', '/api/auth/forgot-password', { email });
    assert.equal(refused.status, 429);
    assert.equal((refused.json as { error: { code: string } }).error.code, 'RATE_LIMITED');
  });

  await t.test('an image uploaded through A is served by B (disk storage in a shared directory)', async () => {
    await query(databaseUrl, `insert into categories (slug, name, position) values ('home-kitchen', 'Home', 0)`);
    assert.equal((await browser.request(A, 'POST', '/api/stores', { name: 'Many Pots', country: 'MA' })).status, 201);
    const profile = await browser.request(B, 'POST', '/api/seller/shipping-profiles', {
      label: 'Standard',
      rates: [{ country: 'MA', cost: 0, minDays: 1, maxDays: 3 }],
    });
    assert.equal(profile.status, 201, JSON.stringify(profile.json));
    const product = await browser.request(A, 'POST', '/api/seller/products', {
      title: 'Blue bowl',
      category: 'home-kitchen',
      price: { amount: 1200, currency: 'EUR' },
      stock: 3,
      shippingProfileId: (profile.json as { id: string }).id,
    });
    assert.equal(product.status, 201, JSON.stringify(product.json));
    const productId = (product.json as { id: string }).id;
    const uploaded = await browser.request(A, 'POST', `/api/seller/products/${productId}/images`, PNG, 'image/png');
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.json));
    const served = await browser.request(B, 'GET', (uploaded.json as { url: string }).url);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.deepEqual(served.body, PNG);
    assert.deepEqual(await readdir(path.join(shared, 'uploads', 'products', productId)), [
      path.basename((await query<{ k: string }>(databaseUrl, 'select storage_key as k from product_images'))[0]!.k),
    ]);
  });

  await t.test('an image uploaded through C is served by D with STORAGE=database, no shared directory', async () => {
    const [portC, portD] = [await freePort(), await freePort()];
    const [C, D] = [`http://127.0.0.1:${portC}`, `http://127.0.0.1:${portD}`];
    const own = await Promise.all([1, 2].map(() => mkdtemp(path.join(tmpdir(), 'souk-procs-own-'))));
    t.after(() => Promise.all(own.map((dir) => rm(dir, { recursive: true, force: true }))));
    const dbWeb = (port: number, dir: string) => ({ ...web(port), DATA_DIR: dir, STORAGE: 'database' });
    const webC = processes.start(SERVER, dbWeb(portC, own[0]!));
    const webD = processes.start(SERVER, dbWeb(portD, own[1]!));
    await Promise.all([waitForHealth(C, webC), waitForHealth(D, webD)]);
    const productId = (await query<{ id: string }>(databaseUrl, 'select id from products'))[0]!.id;
    const uploaded = await browser.request(C, 'POST', `/api/seller/products/${productId}/images`, PNG, 'image/png');
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.json));
    const image = uploaded.json as { id: string; url: string };
    const served = await browser.request(D, 'GET', image.url);
    assert.equal(served.status, 200);
    assert.deepEqual(served.body, PNG);
    assert.deepEqual(await readdir(own[0]!), [], 'nothing written to C’s directory');
    const stored = await query<{ n: number }>(databaseUrl, 'select count(*)::int as n from stored_files');
    assert.equal(stored[0]!.n, 1);
    // Deleted through D: the bytes go, and C no longer serves them.
    const deleted = await browser.request(D, 'DELETE', `/api/seller/products/${productId}/images/${image.id}`);
    assert.equal(deleted.status, 204, JSON.stringify(deleted.json));
    assert.equal((await query<{ n: number }>(databaseUrl, 'select count(*)::int as n from stored_files'))[0]!.n, 0);
    assert.equal((await browser.request(C, 'GET', image.url)).status, 404);
    for (const p of [webC, webD]) await stopProcess(p, 'SIGTERM');
  });

  await t.test('a deletion requested through A is processed once, by one of the two workers', async () => {
    const requested = await browser.request(A, 'POST', '/api/account/deletion', { confirmEmail: email });
    assert.equal(requested.status, 202, JSON.stringify(requested.json));
    const { reference } = requested.json as { reference: string };
    assert.equal((await browser.request(B, 'GET', '/api/me')).status, 401, 'deactivated on B at once');
    await catcher.waitFor(email, /Your Souk account has been deleted/, DELETION_TIMEOUT_MS);
    const [request] = await query<{ status: string }>(
      databaseUrl,
      'select status from deletion_requests where reference = $1',
      [reference],
    );
    assert.equal(request!.status, 'completed');
    // The seller's image went with the account, from the shared directory too.
    assert.equal((await query(databaseUrl, 'select 1 from product_images')).length, 0);
    const left = await readdir(path.join(shared, 'uploads', 'products'), { recursive: true });
    assert.deepEqual(
      left.filter((f) => String(f).endsWith('.png')),
      [],
    );
  });

  await t.test('every mail triggered through A, B and the workers was delivered exactly once', async () => {
    await sleep(3_000); // a second delivery of any of them would have arrived by now
    assert.deepEqual(catcher.duplicates(), []);
    assert.equal(mailsTo(/Verify your email/).length, 1);
    assert.equal(mailsTo(/Reset your Souk password/).length, 3);
    assert.equal(mailsTo(/We received your request/).length, 1);
    assert.equal(mailsTo(/Your Souk account has been deleted/).length, 1);
    const pending = await query<{ n: number }>(
      databaseUrl,
      'select count(*)::int as n from mail_outbox where sent_at is null and failed_at is null',
    );
    assert.equal(pending[0]!.n, 0);
  });

  await t.test('SIGTERM stops each process cleanly', async () => {
    for (const p of [webA, webB, ...workers]) {
      assert.deepEqual(await stopProcess(p, 'SIGTERM'), { code: 0, signal: null }, p.output());
    }
  });
});

/** The children of a process (Linux), with the script each runs. */
function childrenOf(pid: number, seen?: Set<number>): Array<{ pid: number; script: string }> {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  for (const child of text === '' ? [] : text.split(/\s+/)) seen?.add(Number(child));
  return text === ''
    ? []
    : text.split(/\s+/).map((child) => {
        const args = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
        return { pid: Number(child), script: path.basename(args.find((a) => a.endsWith('.ts')) ?? '') };
      });
}

/** One request on a connection of its own, so none is reused from a process that was killed. */
function healthStatus(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/health', agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

async function waitForChildren(
  pid: number,
  predicate: (children: ReturnType<typeof childrenOf>) => boolean,
  what: string,
  seen?: Set<number>,
) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const children = childrenOf(pid, seen);
    if (predicate(children)) return children;
    if (Date.now() > deadline) throw new Error(`${what}: children are ${JSON.stringify(children)}`);
    await sleep(200);
  }
}

async function waitUntil(predicate: () => boolean, what: string, proc: { output(): string }) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${START_TIMEOUT_MS} ms:\n${proc.output()}`);
    await sleep(200);
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('WEB_CONCURRENCY=2: two web processes share the port beside a job process; a killed one is replaced', {
  skip: NEEDS_POSTGRES,
  timeout: START_TIMEOUT_MS * 3,
}, async (t) => {
  const processes = new Processes();
  t.after(() => processes.killAll());
  const databaseUrl = await freshDatabase(t, 'cluster');
  const catcher = new MailCatcher();
  await catcher.start();
  t.after(() => catcher.stop());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'souk-cluster-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const primary = processes.start(SERVER, {
    ...commonEnv(databaseUrl, catcher.port, `http://localhost:${port}`),
    PORT: String(port),
    DATA_DIR: dataDir,
    WEB_CONCURRENCY: '2',
  });
  // Should the test fail midway, the children go with the primary's SIGKILL only if killed too.
  const pids = new Set<number>();
  t.after(() => {
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });
  await waitForHealth(`http://127.0.0.1:${port}`, primary);
  const first = await waitForChildren(
    primary.child.pid!,
    (c) => c.filter((x) => x.script === 'server.ts').length === 2 && c.some((x) => x.script === 'worker.ts'),
    'two web processes and a job process',
    pids,
  );
  assert.equal(first.length, 3, JSON.stringify(first));

  // Each original web process in turn is killed outright: the other one answers at once, and the
  // supervisor starts a replacement.
  // Each web process prints the banner once it listens (development), through the primary's output.
  const listening = () => primary.output().split('Souk is running at').length - 1;
  await waitUntil(() => listening() === 2, 'both web processes listen', primary);
  let webPids = first.filter((c) => c.script === 'server.ts').map((c) => c.pid);
  for (const [round, victim] of [...webPids].entries()) {
    process.kill(victim, 'SIGKILL');
    // A connection the supervisor hands over in the instant before it learns of the death is lost
    // with the process (as with any crash); from the moment it knows, the other one takes them all.
    await waitUntil(() => primary.output().includes(`process ${victim} ended`), 'the supervisor notices', primary);
    for (let i = 0; i < 10; i++) assert.equal(await healthStatus(port), 200, `request ${i} after killing ${victim}`);
    const now = await waitForChildren(
      primary.child.pid!,
      (c) => c.filter((x) => x.script === 'server.ts' && x.pid !== victim).length === 2,
      `a replacement for ${victim}`,
      pids,
    );
    webPids = now.filter((c) => c.script === 'server.ts').map((c) => c.pid);
    // The replacement listens before the next round kills the other original: that round's requests
    // can then only be answered by it.
    await waitUntil(() => listening() === 3 + round, 'the replacement listens', primary);
  }
  assert.ok(
    webPids.every((pid) => !first.some((c) => c.pid === pid)),
    'both web processes are replacements',
  );
  assert.ok(!primary.output().includes('Error'), primary.output());

  const children = childrenOf(primary.child.pid!);
  const how = await stopProcess(primary, 'SIGTERM');
  assert.deepEqual(how, { code: 0, signal: null }, primary.output());
  for (const child of children) assert.ok(!alive(child.pid), `${child.script} ${child.pid} stopped with the primary`);
});
