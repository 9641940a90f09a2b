// One connection layer for both engines: embedded PGlite (default, data in DATA_DIR) or a real
// PostgreSQL when DATABASE_URL is set. Kysely is the only way modules reach the database.
// The engines' client libraries are imported when opened, so a start pays only for its own.
// So that the PGlite worker starts first, even Kysely is imported once the worker is on its way.
import type { Kysely } from 'kysely';
import type { PGliteClient } from './pglite-engine.ts';
import { openPGliteWorker, type PGliteWorkerClient, type StatementTime } from './pglite-worker.ts';
import { SESSION_SETTINGS } from './session-settings.ts';
import { preparedName } from './prepared.ts';
import type { DB } from './types.ts';

export type Engine = 'pglite' | 'postgres';
/** Where PGlite runs: on a worker thread (default, decision 005) or on the main thread. */
export type PGliteThread = 'worker' | 'main';
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
  /** Settles when the engine is open; queries made earlier wait for it. */
  ready: Promise<void>;
  /**
   * PGlite on its worker thread, which serves one statement at a time: calls `listener` with how
   * long each statement held it (everyone else waited meanwhile). Returns the unsubscribe.
   */
  watchStatements?: (listener: (statement: StatementTime) => void) => () => void;
  /**
   * Connections in use (GET /metrics): PostgreSQL's pool as node-postgres counts it; PGlite's one
   * connection, busy or idle, with the statements and transactions queued for it as waiting.
   */
  poolUse?: () => PoolUse;
  close(): Promise<void>;
};

export type PoolUse = { total: number; idle: number; waiting: number };

export type DatabaseOptions = {
  databaseUrl: string | undefined;
  /** A directory, or 'memory://' for a throw-away database (tests). */
  dataDir: string;
  poolSize?: number;
  /** PGlite only: start a new database from this dump instead of the initdb template. */
  template?: Blob;
  /** PGlite only: defaults to 'worker'. */
  pgliteThread?: PGliteThread;
};

/** Opens the database; resolves once it can answer. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database = await startOpeningDatabase(options);
  try {
    await database.ready;
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  return database;
}

/** Resolves as soon as the Kysely instance exists, while PGlite may still be opening (on its
 * worker: the server imports and builds the app meanwhile); `ready` says when it is open. */
export async function startOpeningDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPGlite(options.dataDir, options.template, options.pgliteThread ?? 'worker');
}

/** A Kysely over a pg pool with Souk's session settings and prepared statements (the primary's, or a read replica's). */
export async function openPostgresKysely(
  connectionString: string,
  max: number,
  extra: { applicationName?: string; connectionTimeoutMillis?: number } = {},
): Promise<{ db: Kysely<DB>; pool: import('pg').Pool }> {
  const [{ default: pg }, { Kysely, PostgresDialect }] = await Promise.all([import('pg'), import('kysely')]);
  // Counts and sums arrive as numbers on both engines (int8 values we use stay far below 2^53).
  pg.types.setTypeParser(20, (value: string) => Number(value));
  pg.types.setTypeParser(1700, (value: string) => Number(value));
  const options = Object.entries(SESSION_SETTINGS)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  const pool = new pg.Pool({
    connectionString,
    max,
    options,
    ...(extra.applicationName ? { application_name: extra.applicationName } : {}),
    ...(extra.connectionTimeoutMillis ? { connectionTimeoutMillis: extra.connectionTimeoutMillis } : {}),
  });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {});
  pool.on('connect', (client) => sendPreparedByName(client));
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), pool };
}

async function openPostgres(connectionString: string, max: number): Promise<Database> {
  const { db, pool } = await openPostgresKysely(connectionString, max);
  return {
    db,
    engine: 'postgres',
    connectionString,
    jobExecutor: undefined,
    ready: Promise.resolve(),
    poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

/** Queries whose text is a prepared statement (src/db/prepared.ts) go out under its name. */
function sendPreparedByName(client: import('pg').PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof text === 'string' ? preparedName(text) : undefined;
    return name === undefined ? query(text, values, callback) : query({ name, text, values }, callback);
  };
}

/** Subscribes once the worker is open; unsubscribing before that cancels the subscription. */
function watch(opening: Promise<PGliteWorkerClient>, listener: (statement: StatementTime) => void): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  void opening.then(
    (client) => {
      if (!stopped) stop = client.watchStatements(listener);
    },
    () => undefined,
  );
  return () => {
    stopped = true;
    stop?.();
  };
}

async function openPGlite(dataDir: string, template: Blob | undefined, thread: PGliteThread): Promise<Database> {
  // One process at a time (data-dir-lock.ts): refused here, before PGlite touches the files.
  const unlock = dataDir === 'memory://' ? () => {} : (await import('./data-dir-lock.ts')).lockDataDir(dataDir);
  const opening: Promise<PGliteClient> =
    thread === 'worker'
      ? openPGliteWorker(dataDir, template)
      : import('./pglite-engine.ts').then((m) => m.createPGlite(dataDir, template));
  const [{ Kysely }, { ConnectionLock, PGliteDialect }] = await Promise.all([
    import('kysely'),
    import('./pglite-dialect.ts'),
  ]);
  const ready = opening.then(() => {});
  ready.catch(() => {}); // whoever awaits `ready` or runs a query gets the error
  const lock = new ConnectionLock();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(opening, lock) });
  const jobExecutor: SqlExecutor = {
    executeSql: (text, values) =>
      lock.run(async () => {
        const client = await opening;
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
    ready,
    poolUse: () => ({ total: 1, idle: lock.queued === 0 ? 1 : 0, waiting: Math.max(0, lock.queued - 1) }),
    ...(thread === 'worker'
      ? {
          watchStatements: (listener: (statement: StatementTime) => void) =>
            watch(opening as Promise<PGliteWorkerClient>, listener),
        }
      : {}),
    close: () => db.destroy().finally(unlock),
  };
}
