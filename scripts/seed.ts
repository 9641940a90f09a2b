// npm run seed -- --products 100000 [--stores 500]
// Fills the configured database (PGlite in DATA_DIR, or DATABASE_URL) with a demo catalog.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { DataDirInUseError } from '../src/db/data-dir-lock.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedCatalog } from '../src/modules/catalog/index.ts';

const { values } = parseArgs({
  options: { products: { type: 'string', default: '2000' }, stores: { type: 'string' } },
});
const products = Number(values.products);
if (!Number.isInteger(products) || products < 1 || products > 5_000_000) {
  console.error('--products must be a whole number between 1 and 5000000');
  process.exit(2);
}
const stores = values.stores ? Number(values.stores) : Math.max(50, Math.min(2000, Math.round(products / 200)));
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }).catch(
  (error: unknown) => {
    // Another process (the server) holds the PGlite data directory: say what to do, not a stack.
    if (error instanceof DataDirInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  },
);
await migrateToLatest(database.db);
const started = Date.now();
const width = 30;
await seedCatalog(database.db, {
  products,
  stores,
  seed: Date.now() % 100000,
  onProgress(done, total) {
    const filled = Math.round((done / total) * width);
    const rate = Math.round(done / ((Date.now() - started) / 1000));
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} products · ${rate}/s   `,
    );
  },
});
process.stderr.write('\n');
console.log(
  `seeded ${products} products in ${stores} stores on ${database.engine} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
await database.close();
