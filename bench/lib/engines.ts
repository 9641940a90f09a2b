// The databases a benchmark runs against: PGlite in a fresh temp data dir, or a fresh database
// created on the PostgreSQL server and dropped afterwards. Other databases are never touched.
import pg from 'pg';
import { openDatabase, type Database, type Engine, type PGliteThread } from '../../src/db/database.ts';
import { makeTempDir, removeDir } from './util.ts';
import { adminStatement } from '../../test/helpers/app.ts';

export type BenchDatabase = {
  engine: Engine;
  database: Database;
  /** DATABASE_URL for a Souk config (PostgreSQL only). */
  databaseUrl: string | undefined;
  dataDir: string;
  close(): Promise<void>;
};

/** Where PGlite runs in every PGlite benchmark: PGLITE_THREAD as for the server (default worker). */
export const PGLITE_THREAD: PGliteThread = process.env.PGLITE_THREAD === 'main' ? 'main' : 'worker';

export const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Null when PostgreSQL answers, else why it cannot be used. */
export async function postgresUnavailableReason(adminUrl: string = POSTGRES_ADMIN_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return `PostgreSQL not reachable at ${new URL(adminUrl).host}: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates `name` on the server (names are generated here, never user input). */
export async function createPostgresDatabase(
  name: string,
  adminUrl: string = POSTGRES_ADMIN_URL,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^souk_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  await adminStatement(adminUrl, `drop database if exists ${name} with (force)`);
  await adminStatement(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminStatement(adminUrl, `drop database if exists ${name} with (force)`) };
}

export async function openBenchDatabase(engine: Engine, label: string): Promise<BenchDatabase> {
  const dataDir = await makeTempDir(label);
  if (engine === 'pglite') {
    const database = await openDatabase({ databaseUrl: undefined, dataDir, pgliteThread: PGLITE_THREAD });
    return {
      engine,
      database,
      databaseUrl: undefined,
      dataDir,
      async close() {
        await database.close();
        await removeDir(dataDir);
      },
    };
  }
  const created = await createPostgresDatabase(`souk_bench_${process.pid}_${label.replace(/-/g, '_')}`);
  const database = await openDatabase({ databaseUrl: created.url, dataDir });
  return {
    engine,
    database,
    databaseUrl: created.url,
    dataDir,
    async close() {
      await database.close();
      await created.drop();
      await removeDir(dataDir);
    },
  };
}
