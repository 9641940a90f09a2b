// `npm run backup` and `npm run restore` (scripts/backup.ts, scripts/restore.ts; decision 042).
// - PGlite: the data directory's own dump (PGlite's dumpDataDir, a gzipped tar of DATA_DIR/pglite),
//   taken and loaded while no server runs (the data-dir lock refuses otherwise). DATA_DIR's other
//   files, the erasure ledger among them, are not in it; a restore leaves them where they are.
// - PostgreSQL: pg_dump -Fc of DATABASE_URL without the `souk_ledger` schema (the erasure ledger);
//   a restore drops every other schema of the database and loads the dump with pg_restore, so the
//   database is exactly the backup's (pg_restore --clean alone would leave tables the backup did not
//   have) and the ledger stays.
// Either way the next start re-applies the erasures completed since the backup was taken.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { createPGlite } from './pglite-engine.ts';

/** The schema `npm run backup` leaves out and `npm run restore` keeps (src/modules/deletion/ledger.ts). */
export const LEDGER_SCHEMA = 'souk_ledger';

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** A PostgreSQL client program: on PATH, or in the newest /usr/lib/postgresql/<version>/bin. */
function postgresProgram(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter))
    if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], 'bin', name);
  throw new BackupError(`${name} was not found on PATH or in ${root}/*/bin: install the PostgreSQL client programs.`);
}

function run(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors = (errors + String(chunk)).slice(-4000);
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${path.basename(program)} failed (exit ${code}):\n${errors.trim()}`)),
    );
  });
}

/** Writes `bytes` to `file` through a temporary file, synced, so a crash leaves no half backup under its name. */
async function writeWhole(file: string, bytes: Uint8Array): Promise<void> {
  const partial = `${file}.partial`;
  const handle = await fsp.open(partial, 'w', 0o600);
  try {
    await handle.write(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(partial, file);
}

const pgliteDir = (dataDir: string) => path.join(dataDir, 'pglite');

export async function backupDatabase(
  config: { databaseUrl: string | undefined; dataDir: string },
  file: string,
): Promise<void> {
  if (config.databaseUrl) {
    await run(postgresProgram('pg_dump'), [
      '--format=custom',
      `--exclude-schema=${LEDGER_SCHEMA}`,
      `--file=${file}`,
      `--dbname=${config.databaseUrl}`,
    ]);
    return;
  }
  if (config.dataDir === 'memory://') throw new BackupError('DATA_DIR=memory:// keeps nothing to back up.');
  if (!fs.existsSync(path.join(pgliteDir(config.dataDir), 'PG_VERSION')))
    throw new BackupError(`There is no database in ${pgliteDir(config.dataDir)} to back up.`);
  const unlock = lockDataDir(config.dataDir);
  try {
    const client = await createPGlite(config.dataDir, undefined);
    try {
      const dump = await client.dumpDataDir('gzip');
      await writeWhole(file, new Uint8Array(await dump.arrayBuffer()));
    } finally {
      await client.close();
    }
  } finally {
    unlock();
  }
}

/** On PostgreSQL: refuses while another connection uses the database (a Souk process still running). */
async function dropAllButLedger(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const others = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    if ((others.rows[0]?.n ?? 0) > 0)
      throw new BackupError(
        'Other connections use this database: stop every Souk process (server, workers, scripts) before restoring.',
      );
    const schemas = await client.query<{ name: string }>(
      `select nspname as name from pg_namespace
       where nspname <> $1 and nspname <> 'information_schema' and nspname not like 'pg\\_%'`,
      [LEDGER_SCHEMA],
    );
    await client.query('begin');
    for (const { name } of schemas.rows) await client.query(`drop schema ${pg.escapeIdentifier(name)} cascade`);
    await client.query('create schema public');
    await client.query('commit');
  } finally {
    await client.end();
  }
}

export async function restoreDatabase(
  config: { databaseUrl: string | undefined; dataDir: string },
  file: string,
): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist.`);
  if (config.databaseUrl) {
    await dropAllButLedger(config.databaseUrl);
    await run(postgresProgram('pg_restore'), [
      '--no-owner',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${config.databaseUrl}`,
      file,
    ]);
    return;
  }
  if (config.dataDir === 'memory://') throw new BackupError('DATA_DIR=memory:// cannot hold a restored database.');
  const unlock = lockDataDir(config.dataDir);
  const current = pgliteDir(config.dataDir);
  const aside = `${current}.before-restore`;
  try {
    const dump = new Blob([await fsp.readFile(file)]);
    await fsp.rm(aside, { recursive: true, force: true });
    if (fs.existsSync(current)) await fsp.rename(current, aside);
    try {
      const client = await createPGlite(config.dataDir, dump);
      await client.query('select 1');
      await client.close();
    } catch (error) {
      // The backup did not load: the database stays as it was.
      await fsp.rm(current, { recursive: true, force: true });
      if (fs.existsSync(aside)) await fsp.rename(aside, current);
      throw error;
    }
    // A restore replaces the database, as on PostgreSQL (back it up first to keep it); the old files
    // would also keep erased accounts' bytes in their free space.
    await fsp.rm(aside, { recursive: true, force: true });
  } finally {
    unlock();
  }
}
