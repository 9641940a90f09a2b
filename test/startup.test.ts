// What a person sees when they start Souk (`npm start`, `npm run admin`): in development a readable
// block once it listens and readable log lines, a plain line when the mailbox is on while Souk
// listens beyond this machine, and a plain refusal (not a WASM abort) when a second process tries to
// open a PGlite data directory another one holds (issue 15). The server is the real one, on PGlite.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from './helpers/net.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER = path.join(ROOT, 'src/server.ts');
const ADMIN = path.join(ROOT, 'scripts/admin.ts');

const env = (dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: 'development',
  DATA_DIR: dataDir,
  SEED_DEMO: 'false',
  ...extra,
});

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

async function start(t: TestContext, dataDir: string, extra: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [SERVER], { env: env(dataDir, extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += String(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, output: () => output, exited };
}

async function untilServing(server: Started, port: number): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output()}`);
    try {
      if (
        (await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5000) })).status === 200 &&
        server.output().includes('Souk is running at')
      )
        return;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error(`the server did not start:\n${server.output()}`);
}

const admin = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, [ADMIN, ...args], { env: env(dataDir), encoding: 'utf8', timeout: 60_000 });

test('development start: one readable block, readable log lines, a plain line about the mailbox on an open HOST', async (t) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'souk-start-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const server = await start(t, dataDir, { PORT: String(port), HOST: '0.0.0.0' });
  await untilServing(server, port);
  await fetch(`http://127.0.0.1:${port}/api/no-such-route`);
  await sleep(300);
  const output = server.output();
  assert.match(output, new RegExp(`Souk is running at http://localhost:${port}`));
  assert.match(output, new RegExp(`API docs +http://localhost:${port}/api/docs`));
  assert.match(output, new RegExp(`Mailbox +http://localhost:${port}/dev/mailbox`));
  assert.match(output, /Listening on 0\.0\.0\.0: other machines can connect\./);
  assert.match(
    output,
    /WARN +The development mailbox is on and Souk listens on 0\.0\.0\.0: other machines reach the shop, but the mailbox answers only this machine\./,
  );
  // Log lines are for a person: time, level, message, the request in a few words; no JSON object lines.
  assert.match(output, /\d\d:\d\d:\d\d +INFO +request completed +GET \/api\/no-such-route → 404/);
  assert.doesNotMatch(output, /^\{"level"/m);
  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0);
});

test('a second process on a PGlite data directory in use is refused with what to do; after a stop or a crash it opens', async (t) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'souk-lock-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const server = await start(t, dataDir, { PORT: String(port), HOST: '127.0.0.1' });
  await untilServing(server, port);
  assert.ok(existsSync(path.join(dataDir, 'pglite.lock')));

  const refused = admin(dataDir, 'grant-role', 'someone@example.test', 'staff');
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(
    refused.stderr,
    new RegExp(
      `The data directory ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another Souk process \\(pid ${server.child.pid}`,
    ),
  );
  assert.match(refused.stderr, /Stop that process first/);
  assert.match(refused.stderr, /DATABASE_URL/);
  assert.doesNotMatch(refused.stderr, /Aborted| {4}at /, 'a plain message, no WASM abort and no stack');

  const second = await start(t, dataDir, { PORT: String(await freePort()), HOST: '127.0.0.1' });
  assert.equal(await second.exited, 1);
  assert.match(second.output(), /is in use by another Souk process/);
  // The first server never noticed.
  assert.equal((await fetch(`http://127.0.0.1:${port}/api/health`)).status, 200);

  // Stopped cleanly: the directory is free.
  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0);
  assert.ok(!existsSync(path.join(dataDir, 'pglite.lock')), 'a clean stop releases the directory');
  const after = admin(dataDir, 'roles', 'someone@example.test');
  assert.equal(after.status, 1, after.stderr);
  assert.match(after.stderr, /No account uses someone@example\.test/);

  // Killed outright: its lock stays, but its process is gone, so the next one takes over.
  const killed = await start(t, dataDir, { PORT: String(port), HOST: '127.0.0.1' });
  await untilServing(killed, port);
  killed.child.kill('SIGKILL');
  await killed.exited;
  assert.ok(existsSync(path.join(dataDir, 'pglite.lock')));
  const again = admin(dataDir, 'roles', 'someone@example.test');
  assert.match(again.stderr, /No account uses someone@example\.test/);
});
