// One connection layer for both engines: embedded PGlite (default, data in DATA_DIR) or a real
// PostgreSQL when DATABASE_URL is set. Kysely is the only way modules reach the database.
import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { ConnectionLock, PGliteDialect } from './pglite-dialect.ts';
import { readTemplate, writeTemplate } from './pglite-template.ts';

const exists = (file: string) => fs.access(file).then(() => true, () => false);
import type { DB } from './types.ts';

// Counts and sums arrive as numbers on both engines (int8 values we use stay far below 2^53).
pg.types.setTypeParser(20, (value: string) => Number(value));
pg.types.setTypeParser(1700, (value: string) => Number(value));

// Typo tolerance of the catalog search (`query <% title`): the default word similarity of 0.6
// misses two typos in two words ("zanzibr lantrn" scores 0.42 against "Zanzibar Brass Lantern").
const SESSION_SETTINGS = { 'pg_trgm.word_similarity_threshold': '0.4' };

export type Engine = 'pglite' | 'postgres';

/** The shape pg-boss wants; on PGlite it shares the connection lock with Kysely. */
export type SqlExecutor = {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
};

export type Database = {
  db: Kysely<DB>;
  engine: Engine;
  /** Set on PostgreSQL: pg-boss opens its own pool from it. */
  connectionString: string | undefined;
  /** Set on PGlite: the adapter pg-boss must use. */
  jobExecutor: SqlExecutor | undefined;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  databaseUrl: string | undefined;
  /** A directory, or 'memory://' for a throw-away database (tests). */
  dataDir: string;
  poolSize?: number;
  /** PGlite only: start a new database from this dump instead of the initdb template. */
  template?: Blob;
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPGlite(options.dataDir, options.template);
}

function openPostgres(connectionString: string, max: number): Database {
  const options = Object.entries(SESSION_SETTINGS).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  const pool = new pg.Pool({ connectionString, max, options });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    connectionString,
    jobExecutor: undefined,
    close: () => db.destroy(),
  };
}

async function openPGlite(dataDir: string, template: Blob | undefined): Promise<Database> {
  const location = dataDir === 'memory://' ? undefined : path.join(dataDir, 'pglite');
  const isNew = location === undefined || !(await exists(path.join(location, 'PG_VERSION')));
  if (location) await fs.mkdir(location, { recursive: true });
  const seed = isNew ? (template ?? (await readTemplate())) : undefined;
  const client = await PGlite.create({
    ...(location ? { dataDir: location } : {}),
    ...(seed ? { loadDataDir: seed } : {}),
    extensions: { pg_trgm },
    parsers: { 20: (value: string) => Number(value), 1700: (value: string) => Number(value) },
  });
  // No template yet (first start on this machine): keep this initdb for the next database.
  if (isNew && !seed) await writeTemplate(client).catch(() => {});
  for (const [name, value] of Object.entries(SESSION_SETTINGS)) await client.query('select set_config($1, $2, false)', [name, value]);
  const lock = new ConnectionLock();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client, lock) });
  const jobExecutor: SqlExecutor = {
    executeSql: (text, values) =>
      lock.run(async () => {
        try {
          if (values && values.length > 0) return await client.query(text, values);
          // Parameterless SQL from pg-boss may hold several statements: PGlite's query() takes one.
          // pg-boss unwraps an array of results (as node-postgres returns for several statements)
          // and reads every statement's rows.
          const results = await client.exec(text);
          return (results.length === 1 ? results[0]! : results) as { rows: unknown[] };
        } catch (error) {
          // A failed statement inside BEGIN…COMMIT would poison the single connection.
          await client.exec('rollback').catch(() => {});
          throw error;
        }
      }),
  };
  return {
    db,
    engine: 'pglite',
    connectionString: undefined,
    jobExecutor,
    close: () => db.destroy(),
  };
}
