// Staff roles: granted and revoked only by `npm run admin` (run here as the operator would, as a
// child process on its own database), and enforced by requireRole on every /api/admin route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { LightMyRequestResponse } from 'fastify';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { grantRole, revokeRole, rolesOf } from '../src/modules/roles/service.ts';
import { Client, createTestApp, createTestDatabase, forgetRateLimits, signUpAndSignIn } from './helpers/app.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const errorCode = (res: LightMyRequestResponse) => (res.json() as { error: { code: string } }).error.code;

type CliResult = { code: number; stdout: string; stderr: string };

test('npm run admin manages staff roles on the configured database', { timeout: 120_000 }, async (t) => {
  // PGlite: a data directory of its own, opened by one process at a time. PostgreSQL: a fresh database.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'souk-admin-cli-'));
  const testDb = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  t.after(async () => {
    await testDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ...(testDb?.url ? { DATABASE_URL: testDb.url } : {}),
  };
  const cli = async (...args: string[]): Promise<CliResult> => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['scripts/admin.ts', ...args], {
        cwd: ROOT,
        env,
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };
  /** Runs `work` on the CLI's database while no CLI process holds it. */
  const withDatabase = async <T>(work: (db: Database['db']) => Promise<T>): Promise<T> => {
    if (testDb) return work(testDb.database.db);
    const database = await openDatabase({ databaseUrl: undefined, dataDir });
    try {
      await migrateToLatest(database.db);
      return await work(database.db);
    } finally {
      await database.close();
    }
  };
  const person = (id: string, email: string, status: 'active' | 'deactivated' = 'active') => ({
    id,
    email,
    display_name: id,
    status,
    updated_at: new Date(),
  });

  await withDatabase(async (db) => {
    await migrateToLatest(db);
    await db
      .insertInto('users')
      .values([person('u-staff', 'sam@example.test'), person('u-gone', 'gone@example.test', 'deactivated')])
      .execute();
  });

  await t.test('a wrong command line prints the usage and exits 2', async () => {
    const results = await Promise.all(
      [[], ['grant-role', 'sam@example.test', 'king'], ['promote', 'sam@example.test', 'support']].map((args) =>
        cli(...args),
      ),
    );
    for (const result of results) {
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /Usage:/);
    }
  });

  // Each run opens the database and checks migrations: a few seconds on PGlite, so few runs.
  await t.test('grant-role, roles and revoke-role change and show the roles of an account', async () => {
    const granted = await cli('grant-role', 'Sam@Example.test', 'support');
    assert.equal(granted.code, 0, granted.stderr);
    assert.match(granted.stdout, /now has the support role/);
    assert.equal((await cli('roles', 'sam@example.test')).stdout.trim(), 'support');

    const revoked = await cli('revoke-role', 'sam@example.test', 'support');
    assert.equal(revoked.code, 0, revoked.stderr);
    const again = await cli('revoke-role', 'sam@example.test', 'support');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /did not have the support role/);
  });

  await t.test('an unknown account gets no role and the command fails', async () => {
    const result = await cli('grant-role', 'nobody@example.test', 'staff');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /No active account uses/);
  });

  await t.test('granting twice is harmless; a deactivated account gets no role', async () => {
    await withDatabase(async (db) => {
      assert.equal(await grantRole(db, 'sam@example.test', 'staff'), true);
      assert.equal(await grantRole(db, 'sam@example.test', 'staff'), true);
      assert.deepEqual(await rolesOf(db, 'u-staff'), ['staff']);
      assert.equal(await grantRole(db, 'gone@example.test', 'support'), false);
      assert.deepEqual(await rolesOf(db, 'u-gone'), []);
    });
  });
});

test('requireRole guards /api/admin', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  t.beforeEach(() => forgetRateLimits(app));
  const db = app.souk.db;

  const buyer = await signUpAndSignIn(app, 'buyer@example.test', undefined, 'Bea Buyer');
  const agent = await signUpAndSignIn(app, 'agent@example.test', undefined, 'Ada Agent');
  const boss = await signUpAndSignIn(app, 'boss@example.test', undefined, 'Bo Boss');
  assert.equal(await grantRole(db, 'agent@example.test', 'support'), true);
  assert.equal(await grantRole(db, 'boss@example.test', 'staff'), true);
  const adminRoutes: Array<[method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown]> = [
    ['GET', '/api/admin/me'],
    ['GET', '/api/admin/tickets'],
    ['GET', '/api/admin/tickets/00000000-0000-4000-8000-000000000000'],
    ['POST', '/api/admin/tickets/00000000-0000-4000-8000-000000000000/messages', { body: 'Hello' }],
    ['PATCH', '/api/admin/tickets/00000000-0000-4000-8000-000000000000', { status: 'resolved' }],
  ];

  await t.test('signed out: 401 on every admin route', async () => {
    const guest = new Client(app);
    for (const [method, url, body] of adminRoutes) {
      const res = await guest.request(method, url, body);
      assert.equal(res.statusCode, 401, `${method} ${url}`);
      assert.equal(errorCode(res), 'UNAUTHENTICATED');
    }
  });

  await t.test(
    'signed in without a role: 403 FORBIDDEN on every admin route, before anything is looked up',
    async () => {
      for (const [method, url, body] of adminRoutes) {
        const res = await buyer.request(method, url, body);
        assert.equal(res.statusCode, 403, `${method} ${url}`);
        assert.equal(errorCode(res), 'FORBIDDEN');
      }
    },
  );

  await t.test('the support role and the staff role both get in', async () => {
    assert.deepEqual((await agent.get('/api/admin/me')).json(), { displayName: 'Ada Agent', roles: ['support'] });
    assert.deepEqual((await boss.get('/api/admin/me')).json(), { displayName: 'Bo Boss', roles: ['staff'] });
    assert.equal((await agent.get('/api/admin/tickets')).statusCode, 200);
    assert.equal((await boss.get('/api/admin/tickets')).statusCode, 200);
  });

  await t.test('/api/me tells each person their own roles, and nothing else changes for buyers', async () => {
    assert.deepEqual((await buyer.get('/api/me')).json().roles, []);
    assert.deepEqual((await agent.get('/api/me')).json().roles, ['support']);
  });

  await t.test('a revoked role stops working at the next request', async () => {
    assert.equal(await revokeRole(db, 'agent@example.test', 'support'), true);
    assert.equal((await agent.get('/api/admin/tickets')).statusCode, 403);
    assert.deepEqual((await agent.get('/api/me')).json().roles, []);
  });
});
