// PGlite on its worker thread must behave like PGlite in-process: the same values, the same
// error fields, the same row counts; and when the worker dies, queries fail at once and the
// health check says so instead of hanging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, sql } from 'kysely';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from './database.ts';
import { ConnectionLock, PGliteDialect } from './pglite-dialect.ts';
import { openPGliteWorker } from './pglite-worker.ts';
import type { DB } from './types.ts';

const SETUP = sql`
  create table sample (id int primary key, at timestamptz, bytes bytea, doc jsonb, big int8, amount numeric, tags text[]);
  create unique index sample_doc_key on sample ((doc ->> 'key'));`;
const ROW = sql`insert into sample values
  (1, '2026-01-02T03:04:05.678Z', '\\x00ff10', '{"key": "a", "list": [1, {"x": null}]}', 9007199254740991, 12.5, '{red,"blue green"}'),
  (2, null, null, '{"key": "b"}', null, null, '{}')`;

async function observe(database: Database) {
  const db = database.db as unknown as Kysely<any>;
  await SETUP.execute(db);
  const inserted = await ROW.execute(db);
  const rows = (await sql`select * from sample order by id`.execute(db)).rows;
  const updated = await db.updateTable('sample').set({ amount: 1 }).where('id', '>', 0).executeTakeFirst();
  const deletedNone = await db.deleteFrom('sample').where('id', '=', 99).executeTakeFirst();
  const failure = await sql`insert into sample (id, doc) values (3, '{"key": "a"}')`.execute(db).then(
    () => null,
    (error: Record<string, unknown>) => ({
      message: error.message,
      code: error.code,
      constraint: error.constraint,
      detail: error.detail,
      table: error.table,
      severity: error.severity,
    }),
  );
  const single = await database.jobExecutor!.executeSql('select 1 as one');
  const several = await database.jobExecutor!.executeSql('select 1 as one; select 2 as two');
  const withParams = await database.jobExecutor!.executeSql('select $1::int + 1 as sum', [41]);
  const jobFailure = await database.jobExecutor!.executeSql('begin; select 1/0; commit').then(
    () => null,
    (error: { code?: string }) => error.code,
  );
  // The failed job statement rolled back, so the connection is usable, outside any transaction.
  const afterJobFailure = (await sql<{ txid: string | null }>`select txid_current_if_assigned() as txid`.execute(db))
    .rows;
  return {
    inserted: inserted.numAffectedRows,
    rows,
    updated: updated.numUpdatedRows,
    deletedNone: deletedNone.numDeletedRows,
    failure,
    single,
    several,
    withParams,
    jobFailure,
    afterJobFailure,
  };
}

test('PGlite on its worker answers exactly as PGlite in-process: values, error fields, row counts, pg-boss results', async () => {
  const inProcess = await openDatabase({ databaseUrl: undefined, dataDir: 'memory://', pgliteThread: 'main' });
  const onWorker = await openDatabase({ databaseUrl: undefined, dataDir: 'memory://', pgliteThread: 'worker' });
  try {
    const expected = await observe(inProcess);
    const actual = await observe(onWorker);
    assert.deepEqual(actual, expected);
    // And the values are what the app relies on (not just equal in both modes).
    const [first] = actual.rows as Record<string, unknown>[];
    assert.ok(first!.at instanceof Date && first!.at.toISOString() === '2026-01-02T03:04:05.678Z');
    assert.ok(first!.bytes instanceof Uint8Array);
    assert.deepEqual([...(first!.bytes as Uint8Array)], [0, 255, 16]);
    assert.deepEqual(first!.doc, { key: 'a', list: [1, { x: null }] });
    assert.equal(first!.big, 9007199254740991);
    assert.equal(first!.amount, 12.5);
    assert.equal(actual.updated, 2n);
    assert.equal(actual.failure?.code, '23505');
    assert.equal(actual.failure?.constraint, 'sample_doc_key');
    assert.equal(actual.jobFailure, '22012');
    assert.ok(Array.isArray(actual.several) && actual.several.length === 2);
  } finally {
    await inProcess.close();
    await onWorker.close();
  }
});

test('when the PGlite worker dies, queries fail at once with a clear error and /api/ready answers 503 (database)', async () => {
  const client = await openPGliteWorker('memory://', undefined);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(Promise.resolve(client), new ConnectionLock()) });
  const database: Database = {
    db,
    engine: 'pglite',
    connectionString: undefined,
    jobExecutor: undefined,
    ready: Promise.resolve(),
    close: () => db.destroy(),
  };
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: 'memory://',
    RUN_JOBS: 'false',
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
  });
  const app = await buildApp(config, { database });
  try {
    assert.equal((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode, 200);
    // A statement in flight when the worker goes must be rejected too, not left waiting.
    const inFlight = sql`select pg_sleep(0.5)`.execute(db);
    await client.worker.terminate();
    await assert.rejects(inFlight, /PGlite worker exited/);
    await assert.rejects(sql`select 1`.execute(db), /PGlite worker exited/);
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    assert.equal(ready.statusCode, 503);
    assert.equal(ready.json().error.code, 'NOT_READY');
    assert.deepEqual(
      ready.json().error.details.map((d: { field: string }) => d.field),
      ['database'],
    );
    // Liveness asks nothing of the database (decision 041): the process still serves.
    assert.equal((await app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
  } finally {
    await app.close();
    await database.close();
  }
});

test('PGlite does not zero-fill a new WAL segment inside the commit that reaches it (a 40-60 ms hold)', async () => {
  for (const pgliteThread of ['main', 'worker'] as const) {
    const database = await openDatabase({ databaseUrl: undefined, dataDir: 'memory://', pgliteThread });
    try {
      const {
        rows: [setting],
      } = await sql<{ wal_init_zero: string }>`show wal_init_zero`.execute(database.db);
      assert.equal(setting?.wal_init_zero, 'off', pgliteThread);
    } finally {
      await database.close();
    }
  }
});
