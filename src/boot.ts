// What every Souk process does first, whether it serves (server.ts) or runs jobs (worker.ts): read
// the configuration and open the database, stopping with a plain message (no stack) when either is
// wrong; and, once its app is built, drain on SIGTERM/SIGINT (decision 041). Modules are imported
// when needed, so server.ts keeps its start order (docs/ARCHITECTURE.md, "Starting").
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';

/** The validated configuration, or exit 1 naming what is wrong. */
export async function configOrExit(): Promise<Config> {
  const { ConfigError, loadConfig } = await import('./config.ts');
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Starts opening the database (`startOpening`: PGlite goes on opening on its worker thread while
 * the caller imports the app), or exit 1 when another process holds the data directory.
 */
export async function databaseOrExit(config: Config, startOpening: boolean): Promise<Database> {
  const { openDatabase, startOpeningDatabase } = await import('./db/database.ts');
  const open = startOpening ? startOpeningDatabase : openDatabase;
  return open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgliteThread: config.pgliteThread }).catch(
    (error: unknown) => {
      if (error instanceof Error && error.name === 'DataDirInUseError') {
        console.error(error.message);
        process.exit(1);
      }
      throw error;
    },
  );
}

/** SIGTERM/SIGINT drain the app (src/lifecycle.ts) and exit; a second signal exits at once. */
export async function drainOnSignals(app: FastifyInstance, timeoutMs: number): Promise<void> {
  const { drainApp } = await import('./lifecycle.ts');
  let draining: Promise<void> | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (draining) process.exit(1);
      app.log.info({ signal }, 'shutting down: draining');
      draining = drainApp(app, timeoutMs).then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
