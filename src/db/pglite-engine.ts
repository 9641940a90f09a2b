// Opening PGlite the way Souk needs it, on whichever thread owns it: the main thread, or the
// worker of src/db/pglite-worker.ts (decision 005). Both open it with this one function.
import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite, type Results } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { readTemplate, writeTemplate } from './pglite-template.ts';
import { SESSION_SETTINGS } from './session-settings.ts';

/** What the dialect and the pg-boss adapter use of PGlite: in-process, or proxied to a worker. */
export type PGliteClient = {
  query<R = unknown>(sql: string, params?: unknown[]): Promise<Results<R>>;
  exec(sql: string): Promise<Results[]>;
  close(): Promise<void>;
};

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/** Opens `dataDir` ('memory://' for a throw-away database), new ones from the initdb template. */
export async function createPGlite(dataDir: string, template: Blob | undefined): Promise<PGlite> {
  const location = dataDir === 'memory://' ? undefined : path.join(dataDir, 'pglite');
  const isNew = location === undefined || !(await exists(path.join(location, 'PG_VERSION')));
  if (location) await fs.mkdir(location, { recursive: true });
  const seed = isNew ? (template ?? (await readTemplate())) : undefined;
  const client = await PGlite.create({
    ...(location ? { dataDir: location } : {}),
    ...(seed ? { loadDataDir: seed } : {}),
    extensions: { pg_trgm },
    // Counts and sums arrive as numbers on both engines (int8 values we use stay far below 2^53).
    parsers: { 20: (value: string) => Number(value), 1700: (value: string) => Number(value) },
  });
  // No template yet (first start on this machine): keep this initdb for the next database.
  if (isNew && !seed) await writeTemplate(client).catch(() => {});
  for (const [name, value] of Object.entries(SESSION_SETTINGS))
    await client.query('select set_config($1, $2, false)', [name, value]);
  // A new 16 MB WAL segment is not written full of zeroes first: PGlite does that inside whichever
  // statement's commit crosses into it, holding the database 40-60 ms (decision 026). Superuser-only,
  // so not among the settings PostgreSQL connections get.
  await client.query(`select set_config('wal_init_zero', 'off', false)`);
  return client;
}
