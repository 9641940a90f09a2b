// npm run backup -- <file>
// Backs up the configured database (PGlite in DATA_DIR, or DATABASE_URL) to <file>; on PGlite the
// server must be stopped. The erasure ledger is left out, so that a restore of this backup cannot
// undo an erasure completed after it (docs/decisions/042-backups-that-remember-erasures.md).
import { loadConfig } from '../src/config.ts';
import { backupDatabase, BackupError } from '../src/db/backup.ts';
import { DataDirInUseError } from '../src/db/data-dir-lock.ts';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('Usage: npm run backup -- <file>');
  process.exit(2);
}
const config = loadConfig();
try {
  await backupDatabase(config, file);
  console.log(`Backed up ${config.databaseUrl ? 'the PostgreSQL database' : `${config.dataDir}/pglite`} to ${file}.`);
} catch (error) {
  if (error instanceof DataDirInUseError || error instanceof BackupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
