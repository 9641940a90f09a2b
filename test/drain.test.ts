// The graceful drain (decision 041), on the real server process (`node src/server.ts`): on SIGTERM a
// request already in flight is still answered, a new connection is refused, a request that would
// outlast SHUTDOWN_TIMEOUT_MS is cut off at it, and the process exits 0 within the limit. The
// second test drains an app in this process mid-erasure: the erasure stops between batches and
// its deletion lease is handed back, so another worker completes the request at once. On the
// PostgreSQL run (DATABASE_URL set) both run on a fresh database created for this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { drainApp } from '../src/lifecycle.ts';
import { processDeletion } from '../src/modules/deletion/index.ts';
import { createPostgresTestDatabase, createTestApp, signUpAndSignIn } from './helpers/app.ts';
import { freePort } from './helpers/net.ts';

const SERVER = fileURLToPath(new URL('../src/server.ts', import.meta.url));
const START_TIMEOUT_MS = 90_000;
const SHUTDOWN_TIMEOUT_MS = 4_000;

/** Sends a request's headers and the first part of its body, and collects whatever comes back. */
function startRequest(port: number, origin: string, body: string, firstPart: number) {
  const socket = net.connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk) => {
    answer += String(chunk);
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  socket.write(
    `POST /api/help/email-check HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n` +
      body.slice(0, firstPart),
  );
  return { socket, closed, answer: () => answer, rest: () => socket.write(body.slice(firstPart)) };
}

/** Whether a new TCP connection to the port is refused. */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

test('SIGTERM: the request in flight is answered, new connections are refused, a request past SHUTDOWN_TIMEOUT_MS is cut off, exit 0 within the limit', async (t) => {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'souk-drain-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const pg = process.env.DATABASE_URL ? await createPostgresTestDatabase(process.env.DATABASE_URL, 'drain') : undefined;
  if (pg) t.after(() => pg.drop());

  const child = spawn(process.execPath, [SERVER], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: origin,
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      ...(pg ? { DATABASE_URL: pg.url } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout!, child.stderr!])
    stream.on('data', (chunk) => {
      output = (output + String(chunk)).slice(-8_000);
    });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  // Ready means the database answers, the migrations ran and the job queue runs.
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const ready = await fetch(`${origin}/api/ready`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (ready?.status === 200) {
      assert.equal((await ready.json()).status, 'ready');
      break;
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server never got ready:\n${output}`);
    await sleep(200);
  }

  const body = JSON.stringify({ email: 'slow.upload@example.com' });
  const slow = startRequest(port, origin, body, 5); // finishes its body after SIGTERM
  const stuck = startRequest(port, origin, body, 5); // never does
  await sleep(300);
  const signalledAt = Date.now();
  child.kill('SIGTERM');

  // The listener closes at once: a new connection is refused while the two requests are still open.
  let isRefused = false;
  while (!isRefused && Date.now() - signalledAt < 2_000) {
    isRefused = await refused(port);
    if (!isRefused) await sleep(50);
  }
  assert.ok(isRefused, 'a new connection after SIGTERM is refused');
  assert.equal(slow.answer(), '', 'the request in flight is not answered early');

  await sleep(500);
  slow.rest();
  await slow.closed;
  assert.match(slow.answer(), /^HTTP\/1\.1 202 /, `the request in flight completes:\n${slow.answer()}`);
  assert.match(slow.answer(), /sent_if_deliverable/);

  const how = await Promise.race([exited, sleep(SHUTDOWN_TIMEOUT_MS + 15_000).then(() => undefined)]);
  const tookMs = Date.now() - signalledAt;
  assert.ok(how, `the server did not exit after SIGTERM:\n${output}`);
  assert.deepEqual(how, { code: 0, signal: null }, output);
  await stuck.closed;
  assert.equal(stuck.answer(), '', 'the request that never finished its body was cut off, not answered');
  assert.ok(tookMs >= SHUTDOWN_TIMEOUT_MS - 200, `it waited for the stuck request up to the limit (${tookMs} ms)`);
  // The limit, plus the job queue's and the database's own closing on a busy two-core machine.
  assert.ok(tookMs < SHUTDOWN_TIMEOUT_MS + 10_000, `exited ${tookMs} ms after SIGTERM`);
  assert.match(output, /SHUTDOWN_TIMEOUT_MS/, 'the cut-off is logged');
});

test('a drain mid-erasure stops between batches and hands the deletion lease back: another worker completes the request at once', async (t) => {
  const env = { DELETION_WAIT_HOURS: '0', RUN_JOBS: 'false' };
  const { app, close, config } = await createTestApp(env, { rateLimits: false });
  t.after(close);
  const { db, database } = app.souk;
  const email = 'drained.person@example.com';
  const person = await signUpAndSignIn(app, email, undefined, 'Drained Person');
  const asked = await person.post('/api/account/deletion', { confirmEmail: email, reason: 'other' });
  assert.equal(asked.statusCode, 202, asked.body);
  const { id } = await db.selectFrom('deletion_requests').select('id').executeTakeFirstOrThrow();

  // One row per batch; the drain starts after the first batch commits its progress.
  let draining: Promise<void> | undefined;
  const outcome = await processDeletion(app.souk, id, {
    batchRows: 1,
    onBatch: () => {
      draining ??= drainApp(app, 5_000);
    },
  });
  await draining;
  assert.equal(outcome, 'skipped', 'the erasure stopped at the drain');

  const row = await sql<{ status: string; released: boolean; resumable: boolean }>`
    select status, lease_until <= now() as released, erasure is not null as resumable
    from deletion_requests where id = ${id}`.execute(db);
  assert.deepEqual(row.rows[0], { status: 'processing', released: true, resumable: true });

  // Another worker (a second app on the same database) takes it now, not after DELETION_LEASE_SECONDS (120 s).
  const other = await buildApp(config, { database, closeDatabase: false, jobPollingSeconds: 0.5 });
  t.after(() => other.close());
  await other.ready();
  assert.equal(await processDeletion(other.souk, id), 'completed');
  const users = await db.selectFrom('users').select('id').where('email', '=', email).execute();
  assert.deepEqual(users, [], 'the account is erased');
});
