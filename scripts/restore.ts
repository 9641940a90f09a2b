// npm run restore -- <file>
// Replaces the configured database (PGlite in DATA_DIR, or DATABASE_URL) with a backup made by
// `npm run backup`; every Souk process must be stopped. The erasure ledger is kept: the next start
// erases again every account whose erasure completed after the backup was taken, before it serves
// (docs/decisions/042-backups-that-remember-erasures.md).
import { loadConfig } from '../src/config.ts';
import { BackupError, restoreDatabase } from '../src/db/backup.ts';
import { DataDirInUseError } from '../src/db/data-dir-lock.ts';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('Usage: npm run restore -- <file>');
  process.exit(2);
}
const config = loadConfig();
try {
  await restoreDatabase(config, file);
  console.log(
    `Restored ${file}. The next start re-applies the erasures completed since it was taken, before it serves.`,
  );
} catch (error) {
  if (error instanceof DataDirInUseError || error instanceof BackupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
