// What does recording a new rate set cost on the 100,000-product bench catalogue (decision 060)?
// Recording a set rewrites every product's comparable price in the same transaction (migration
// 055). Baseline, same run and database: a set whose rates leave every comparable price as it is
// (the rewrite reads every product but writes none) and one plain update of a column of every product.
// Runs alone: node bench/rate-rewrite.ts [pglite|postgres] (both engines when no argument is given).
import { sql } from 'kysely';
import type { Engine } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { CATALOG } from './catalog.ts';
import { seedCatalog } from '../src/modules/catalog/index.ts';
import { rateBookOf } from '../src/modules/currency/index.ts';
import { openBenchDatabase, postgresUnavailableReason } from './lib/engines.ts';
import { emit } from './lib/util.ts';
import { median, round } from './lib/stats.ts';

const ROUNDS = 3;

async function measure(engine: Engine): Promise<void> {
  const opened = await openBenchDatabase(engine, 'rate-rewrite');
  try {
    const { db } = opened.database;
    await migrateToLatest(db);
    await seedCatalog(db, CATALOG);
    const book = rateBookOf(db);
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const time = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    const currencies = (await db.selectFrom('products').select('currency').distinct().execute()).map((r) => r.currency);
    const ratesWith = (factor: number) =>
      Object.fromEntries(
        currencies.filter((c) => c !== 'EUR').map((c, i) => [c, ((1.1 + i / 10) * factor).toFixed(6)]),
      );
    const rewrite: number[] = [];
    const unchanged: number[] = [];
    const plain: number[] = [];
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      const rates = ratesWith(1 + (round_ + 1) / 7);
      rewrite.push(await time(() => book.record({ base: 'EUR', asOf: day(2 * round_ + 1), rates }, 'staff')));
      // The same rates on another day: every comparable price stays, nothing is written.
      unchanged.push(await time(() => book.record({ base: 'EUR', asOf: day(2 * round_ + 2), rates }, 'staff')));
      plain.push(await time(() => sql`update products set stock = stock`.execute(db)));
    }
    const changed = await db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('currency', '<>', 'EUR')
      .executeTakeFirstOrThrow();
    emit({
      bench: 'rate-rewrite',
      engine,
      products: CATALOG.products,
      products_not_in_base: Number(changed.n),
      currencies: currencies.length,
      rewrite_ms: round(median(rewrite)),
      unchanged_set_ms: round(median(unchanged)),
      plain_update_ms: round(median(plain)),
      ratio_rewrite_vs_plain_update: round(median(rewrite) / median(plain)),
      ratio_rewrite_vs_unchanged_set: round(median(rewrite) / median(unchanged)),
      aim: 'a new rate set is recorded in the time of about one plain update of every product, or less',
    });
  } finally {
    await opened.close();
  }
}

const only = process.argv[2] as Engine | undefined;
for (const engine of only ? [only] : (['pglite', 'postgres'] as const)) {
  if (engine === 'postgres') {
    const reason = await postgresUnavailableReason();
    if (reason) {
      emit({ bench: 'rate-rewrite', engine, skipped: reason });
      continue;
    }
  }
  await measure(engine);
}
