// A value a route's schema lets through and the database refuses (SQLSTATE class 22: out of
// range, bad syntax for its type, an impossible date, a division by zero) is a 400 INVALID_VALUE
// in the one error shape, never a 500; what the request wrote before is rolled back; and the log
// says which SQLSTATE and route, never the value (the database's message quotes it). On pg, and
// on PGlite both on its worker thread and in process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { ERRORS } from '../src/errors.ts';
import { errorResponses, obj } from '../src/schemas.ts';
import { Client, PUBLIC_URL, createTestDatabase } from './helpers/app.ts';

/** What each kind of value is cast to, and a value of that kind PostgreSQL refuses (with its SQLSTATE). */
const REFUSED = [
  { cast: 'int', value: '2147483648', sqlstate: '22003' },
  { cast: 'int', value: 'Vera Victim', sqlstate: '22P02' },
  { cast: 'uuid', value: 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e', sqlstate: '22P02' },
  { cast: 'date', value: '2030-02-30', sqlstate: '22008' },
  { cast: 'divisor', value: '0', sqlstate: '22012' },
] as const;

type Case = (typeof REFUSED)[number];

/** The real app plus one route with a schema gap on purpose: any short text, cast by the database. */
async function appWithGap(database: Database, url: string | undefined) {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    RUN_JOBS: 'false',
    DATA_DIR: 'memory://',
    PUBLIC_URL,
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...(url ? { DATABASE_URL: url } : {}),
  });
  const app = await buildApp(config, { database, logStream, closeDatabase: false });
  app.post<{ Body: { cast: Case['cast']; value: string; wrap: boolean } }>(
    '/api/test/cast',
    {
      schema: {
        body: obj({
          cast: { type: 'string', enum: ['int', 'uuid', 'date', 'divisor'] },
          value: { type: 'string', maxLength: 100 },
          wrap: { type: 'boolean' },
        }),
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { cast, value, wrap } = request.body;
      try {
        await app.souk.db.transaction().execute(async (trx) => {
          await sql`insert into cast_probe (n) values (1)`.execute(trx);
          if (cast === 'divisor') await sql`select 1 / ${value}::int`.execute(trx);
          else await sql`select ${value}::${sql.raw(cast)}`.execute(trx);
        });
      } catch (error) {
        // As a service that wraps what failed would: the cause is still found.
        throw wrap ? new Error('casting failed', { cause: error }) : error;
      }
      reply.code(204);
    },
  );
  await app.ready();
  await sql`create table cast_probe (n int)`.execute(app.souk.db);
  return { app, lines };
}

async function engines(): Promise<
  Array<{ name: string; database: Database; url: string | undefined; drop(): Promise<void> }>
> {
  const testDb = await createTestDatabase();
  const engines = [{ name: testDb.database.engine === 'pglite' ? 'PGlite on its worker' : 'PostgreSQL', ...testDb }];
  if (testDb.database.engine === 'pglite') {
    const inProcess = await openDatabase({ databaseUrl: undefined, dataDir: 'memory://', pgliteThread: 'main' });
    engines.push({ name: 'PGlite in process', database: inProcess, url: undefined, drop: () => inProcess.close() });
  }
  return engines;
}

test('a value the database refuses is a 400 INVALID_VALUE that changes nothing and is logged without the value', async (t) => {
  for (const engine of await engines()) {
    await t.test(engine.name, async () => {
      const { app, lines } = await appWithGap(engine.database, engine.url);
      try {
        const client = new Client(app);
        for (const refused of REFUSED) {
          for (const wrap of [false, true]) {
            const res = await client.post('/api/test/cast', { cast: refused.cast, value: refused.value, wrap });
            assert.equal(res.statusCode, 400, `${refused.cast} ${refused.value}: ${res.body}`);
            assert.deepEqual(res.json(), { error: { code: 'INVALID_VALUE', message: ERRORS.INVALID_VALUE.message } });
          }
        }
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from cast_probe`.execute(app.souk.db);
        assert.equal(rows[0]!.n, 0, 'the write before the refused value was rolled back');

        const refusals = lines
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((line) => line.msg === 'the database refused a value the schema accepted');
        assert.deepEqual(
          refusals.map((line) => [line.level, line.sqlstate, line.route]),
          REFUSED.flatMap((r) => [
            [40, r.sqlstate, 'POST /api/test/cast'],
            [40, r.sqlstate, 'POST /api/test/cast'],
          ]),
        );
        const log = lines.join('\n');
        for (const refused of REFUSED.filter((r) => r.value.length > 1))
          assert.ok(!log.includes(refused.value), `the log does not hold "${refused.value}"`);
        assert.doesNotMatch(log, /invalid input syntax|out of range|"level":50/, 'no database message, no error line');
        // A valid value still works.
        assert.equal((await client.post('/api/test/cast', { cast: 'int', value: '42', wrap: false })).statusCode, 204);
      } finally {
        await app.close();
        await engine.drop();
      }
    });
  }
});
