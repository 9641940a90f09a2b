// Liveness and readiness (decision 041): /api/health answers while the process serves; /api/ready
// only when the database answers, the migrations ran, the job queue runs (in a process that runs
// jobs) and the process is not draining — otherwise 503 NOT_READY naming the check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/app.ts';
import { createTestApp } from './helpers/app.ts';

const failedChecks = (res: { json(): unknown }) =>
  (res.json() as { error: { code: string; details: Array<{ field: string }> } }).error.details.map((d) => d.field);

test('readiness: database, migrations, job queue, draining', async (t) => {
  const { app, close, config, engine } = await createTestApp();
  t.after(close);

  await t.test('a started app is live and ready', async () => {
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    assert.deepEqual([health.statusCode, health.json()], [200, { status: 'ok', database: engine }]);
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    assert.deepEqual([ready.statusCode, ready.json()], [200, { status: 'ready', database: engine }]);
  });

  await t.test('a process that runs jobs is not ready until its job queue runs', async () => {
    const deferred = await buildApp(config, { database: app.souk.database, closeDatabase: false, deferJobs: true });
    try {
      const before = await deferred.inject({ method: 'GET', url: '/api/ready' });
      assert.equal(before.statusCode, 503);
      assert.equal(before.json().error.code, 'NOT_READY');
      assert.deepEqual(failedChecks(before), ['jobs']);
      assert.equal((await deferred.inject({ method: 'GET', url: '/api/health' })).statusCode, 200, 'yet it is live');
      await deferred.souk.jobs!.start();
      assert.equal((await deferred.inject({ method: 'GET', url: '/api/ready' })).statusCode, 200);
    } finally {
      await deferred.close();
    }
  });

  await t.test('RUN_JOBS=false: ready without a job queue', async () => {
    const { app: noJobs, close: closeNoJobs } = await createTestApp({ RUN_JOBS: 'false' });
    try {
      assert.equal((await noJobs.inject({ method: 'GET', url: '/api/ready' })).statusCode, 200);
    } finally {
      await closeNoJobs();
    }
  });

  await t.test('draining: not ready (and nothing else is asked), still live', async () => {
    app.souk.lifecycle.startDraining();
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    assert.equal(ready.statusCode, 503);
    assert.deepEqual(failedChecks(ready), ['draining']);
    assert.equal((await app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
  });
});
