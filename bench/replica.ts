// Question: how many product pages a second does one Souk process serve with its catalogue reads on
// a hot standby (DATABASE_REPLICA_URL, decision 044), against the same process reading the primary?
// Same run, same database, same paths, in A B B A order; the figure is the ratio of the medians.
// Optional: PostgreSQL only, and only where a standby can be started (test/helpers/standby.ts:
// PostgreSQL's server binaries, root or the postgres user); BENCH_REPLICA=off skips it. On one
// machine the standby competes with the primary and the load for the same cores, so the ratio
// says what the replica costs a page here, not what a standby on its own machine would give.
// Runs as part of `npm run bench`, or alone: `node bench/replica.ts [products]`.
import { sql } from 'kysely';
import { seedCatalog } from '../src/modules/catalog/index.ts';
import { COUNTRIES } from '../src/modules/catalog/index.ts';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import { startStandby, standbyUnavailableReason } from '../test/helpers/standby.ts';
import { benchConfig } from './lib/app.ts';
import { POSTGRES_ADMIN_URL, postgresUnavailableReason, type BenchDatabase } from './lib/engines.ts';
import { LOAD_NOTE, assertClean, measureLoad } from './lib/load.ts';
import { emit, freePort, makeTempDir, removeDir } from './lib/util.ts';
import { median, round } from './lib/stats.ts';

const LOAD = { connections: 20, seconds: 5, warmupSeconds: 1 } as const;

export async function benchReplica(products = 20_000): Promise<void> {
  const skipped =
    process.env.BENCH_REPLICA === 'off'
      ? 'BENCH_REPLICA=off'
      : ((await postgresUnavailableReason()) ?? standbyUnavailableReason(POSTGRES_ADMIN_URL));
  if (skipped) {
    emit({ bench: 'catalog-replica', skipped });
    return;
  }
  const standby = await startStandby('bench_replica', POSTGRES_ADMIN_URL);
  const dataDir = await makeTempDir('replica');
  const database = await openDatabase({ databaseUrl: standby.primaryUrl, dataDir });
  const target: BenchDatabase = {
    engine: 'postgres',
    database,
    databaseUrl: standby.primaryUrl,
    dataDir,
    close: async () => {},
  };
  const apps: Array<{ close(): Promise<unknown> }> = [];
  try {
    const start = async (extra: Record<string, string>) => {
      const port = await freePort();
      const app = await buildApp(benchConfig(target, port, { RUN_JOBS: 'false', ...extra }), {
        database,
        closeDatabase: false,
        rateLimits: false,
      });
      apps.push(app);
      await app.listen({ port, host: '127.0.0.1' });
      return { app, url: `http://127.0.0.1:${port}` };
    };
    const primaryOnly = await start({});
    const withReplica = await start({ DATABASE_REPLICA_URL: standby.standbyUrl });
    await seedCatalog(database.db, { products, stores: Math.max(50, Math.round(products / 200)), seed: 42 });
    await standby.caughtUp(120_000);
    const ids = (
      await sql<{
        id: string;
      }>`select id from products where status = 'active' order by md5(id::text) limit 600`.execute(database.db)
    ).rows.map((r) => r.id);
    const paths = ids.map((id, i) => `/api/products/${id}?country=${COUNTRIES[i % COUNTRIES.length]}`);
    const run = async (name: string, url: string) => assertClean(name, await measureLoad({ ...LOAD, url, paths }));
    // A B B A: drifting background load hits both alike.
    const primaryRuns = [await run('replica-off', primaryOnly.url)];
    const replicaRuns = [await run('replica-on', withReplica.url), await run('replica-on', withReplica.url)];
    primaryRuns.push(await run('replica-off', primaryOnly.url));
    const [served] = await standby.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where application_name = 'souk-replica-reads'`,
    );
    const off = median(primaryRuns.map((r) => r.rps));
    const on = median(replicaRuns.map((r) => r.rps));
    emit({
      bench: 'catalog-replica',
      products,
      primary: standby.primaryKind,
      rps_primary: round(off),
      rps_replica: round(on),
      ratio_replica_to_primary: round(on / off, 2),
      p99_ms_primary: round(median(primaryRuns.map((r) => r.p99_ms))),
      p99_ms_replica: round(median(replicaRuns.map((r) => r.p99_ms))),
      replica_connections: served?.n ?? 0,
      note: `${LOAD_NOTE}; primary and standby share this machine's cores`,
    });
  } finally {
    for (const app of apps) await app.close();
    await database.close();
    await standby.close();
    await removeDir(dataDir);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchReplica(process.argv[2] ? Number(process.argv[2]) : undefined);
}
