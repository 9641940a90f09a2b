// What `npm start` promises: the real server (`node src/server.ts`, as `npm start` runs it) keeps its
// data in DATA_DIR across restarts. An account made before a stop still signs in afterwards, and a
// session cookie issued before it still works — after a clean stop (SIGTERM) and after the process
// was killed outright (SIGKILL). On the PostgreSQL run (DATABASE_URL set) the same scenario runs on a
// fresh database created for this file, as the other tests do.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { freePort } from './helpers/net.ts';
import { HttpClient } from './helpers/server-process.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createPostgresTestDatabase, STRONG_PASSWORD, tokenFrom } from './helpers/app.ts';

const SERVER = fileURLToPath(new URL('../src/server.ts', import.meta.url));
const COOKIE = 'souk.session_token';
/** A first start on a busy two-core machine runs every migration: generous, but bounded. */
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;
const MAIL_TIMEOUT_MS = 30_000;

type Server = {
  child: ChildProcess;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last of what it printed, for failure messages. */
  output(): string;
};

/**
 * Everything a start needs, as a fresh shell running `npm start` would have it (no variables from
 * this test process), with the demo catalog off to keep each start short.
 */
function serverEnv(port: number, dataDir: string, databaseUrl: string | undefined): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

/** Starts `node src/server.ts` and waits until GET /api/health answers 200 with the expected engine. */
async function startServer(
  env: NodeJS.ProcessEnv,
  base: string,
  engine: 'pglite' | 'postgres',
  started: Set<Server>,
): Promise<Server> {
  const child = spawn(process.execPath, [SERVER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + String(chunk)).slice(-8_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const server: Server = { child, exited, output: () => output };
  started.add(server);

  let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((how) => (ended = how));
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (ended) throw new Error(`the server exited (${ended.code ?? ended.signal}) before it served:\n${output}`);
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
      const body = await res.text();
      if (res.status === 200) {
        assert.deepEqual(JSON.parse(body), { status: 'ok', database: engine });
        return server;
      }
      last = `${res.status} ${body}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(200);
  }
  throw new Error(`GET /api/health did not answer 200 within ${START_TIMEOUT_MS} ms (last: ${last}):\n${output}`);
}

/** Sends `signal` and waits for the process to end; a server that does not stop fails the test. */
async function stopServer(
  server: Server,
  signal: 'SIGTERM' | 'SIGKILL',
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  server.child.kill(signal);
  // Cancelled once the server has stopped, so no timer keeps the test process alive.
  const giveUp = new AbortController();
  const timeout = sleep(STOP_TIMEOUT_MS, undefined, { signal: giveUp.signal }).catch(() => undefined);
  const how = await Promise.race([server.exited, timeout]).finally(() => giveUp.abort());
  if (!how) throw new Error(`the server did not stop within ${STOP_TIMEOUT_MS} ms of ${signal}:\n${server.output()}`);
  return how;
}

async function signUpAndVerify(browser: HttpClient, email: string, password: string): Promise<void> {
  const signUp = await browser.request('POST', '/api/auth/sign-up', { email, password, displayName: 'Rita Restart' });
  assert.equal(signUp.status, 202, `sign-up: ${JSON.stringify(signUp.json)}`);
  const deadline = Date.now() + MAIL_TIMEOUT_MS;
  for (;;) {
    const box = await browser.request('GET', `/api/dev/mailbox?to=${encodeURIComponent(email)}`);
    const mail = (box.json as { messages: Array<{ subject: string; text: string }> }).messages.find((m) =>
      /Verify your email/.test(m.subject),
    );
    if (mail) {
      const verify = await browser.request('POST', '/api/auth/verify-email', {
        token: tokenFrom(mail, '/verify-email'),
      });
      assert.equal(verify.status, 200, `verify: ${JSON.stringify(verify.json)}`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`no verification mail within ${MAIL_TIMEOUT_MS} ms`);
    await sleep(250);
  }
}

async function signIn(browser: HttpClient, email: string, password: string): Promise<string> {
  const res = await browser.request('POST', '/api/auth/sign-in', { email, password });
  assert.equal(res.status, 200, `sign-in: ${JSON.stringify(res.json)}`);
  const cookie = browser.cookies.get(COOKIE);
  assert.ok(cookie, 'sign-in sets the session cookie');
  return cookie;
}

async function assertSignedInAs(browser: HttpClient, email: string, label: string): Promise<void> {
  const me = await browser.request('GET', '/api/me');
  assert.equal(me.status, 200, `${label}: GET /api/me answered ${me.status} ${JSON.stringify(me.json)}`);
  assert.equal((me.json as { email: string }).email, email, label);
}

/** The temp data directory, a PostgreSQL database on that run, and every server started: all
 * removed when the test ends, passed or failed (servers first, so nothing writes into a removed
 * directory). Should this process itself die, its servers are killed with it. */
async function setUp(
  t: TestContext,
): Promise<{ dataDir: string; databaseUrl: string | undefined; started: Set<Server> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'souk-restart-'));
  const started = new Set<Server>();
  const running = () =>
    [...started].filter((server) => server.child.exitCode === null && server.child.signalCode === null);
  const killRunning = () => {
    for (const server of running()) server.child.kill('SIGKILL');
  };
  process.once('exit', killRunning);
  let postgres: Awaited<ReturnType<typeof createPostgresTestDatabase>> | undefined;
  t.after(async () => {
    const stopping = running().map((server) => server.exited);
    killRunning();
    await Promise.all(stopping);
    process.off('exit', killRunning);
    await rm(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  });
  if (process.env.DATABASE_URL) postgres = await createPostgresTestDatabase(process.env.DATABASE_URL, 'test_restart');
  return { dataDir, databaseUrl: postgres?.url, started };
}

const KEPT_IN = process.env.DATABASE_URL ? 'the same PostgreSQL database' : 'the same DATA_DIR';

test(`a restarted server still has the account and its earlier sessions, after SIGTERM and after SIGKILL, from ${KEPT_IN}`, {
  timeout: 6 * START_TIMEOUT_MS,
}, async (t) => {
  const { dataDir, databaseUrl, started } = await setUp(t);
  const engine = databaseUrl ? 'postgres' : 'pglite';
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // PUBLIC_URL is left at its default, so the CSRF check expects this origin.
  const origin = `http://localhost:${port}`;
  const env = serverEnv(port, dataDir, databaseUrl);
  const email = 'rita.restart@example.test';

  // First start on an empty data directory: sign up, verify, sign in.
  let server = await startServer(env, base, engine, started);
  if (engine === 'pglite')
    assert.ok(existsSync(path.join(dataDir, 'pglite')), 'the PGlite database lives in DATA_DIR/pglite');
  const first = new HttpClient(base, origin);
  await signUpAndVerify(first, email, STRONG_PASSWORD);
  const firstCookie = await signIn(first, email, STRONG_PASSWORD);
  await assertSignedInAs(first, email, 'before any restart');

  const clean = await stopServer(server, 'SIGTERM');
  assert.deepEqual(clean, { code: 0, signal: null }, `SIGTERM ends the server cleanly:\n${server.output()}`);

  // Second start, same data directory: the account and its session are still there.
  server = await startServer(env, base, engine, started);
  await assertSignedInAs(first, email, 'the session cookie from before the SIGTERM restart');
  const second = new HttpClient(base, origin);
  const secondCookie = await signIn(second, email, STRONG_PASSWORD);
  assert.notEqual(secondCookie, firstCookie, 'a new sign-in is a new session');
  await assertSignedInAs(second, email, 'a sign-in after the restart');

  // Killed outright right after a sign-in committed: the next start opens the same data and has it.
  const third = new HttpClient(base, origin);
  await signIn(third, email, STRONG_PASSWORD);
  const killed = await stopServer(server, 'SIGKILL');
  assert.equal(killed.signal, 'SIGKILL');

  server = await startServer(env, base, engine, started);
  await assertSignedInAs(first, email, 'the first session cookie after the SIGKILL restart');
  await assertSignedInAs(third, email, 'the session signed in just before the SIGKILL');
  const fourth = new HttpClient(base, origin);
  await signIn(fourth, email, STRONG_PASSWORD);
  const wrong = await fourth.request('POST', '/api/auth/sign-in', { email, password: `${STRONG_PASSWORD}-not` });
  assert.equal(wrong.status, 401, 'the stored password still decides: a wrong one is refused');

  const last = await stopServer(server, 'SIGTERM');
  assert.deepEqual(
    last,
    { code: 0, signal: null },
    `SIGTERM after a SIGKILL restart ends cleanly:\n${server.output()}`,
  );
});
