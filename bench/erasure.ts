// erasure: deleting an account with 200,000 messages, 20,000 posts and 2,000 orders while the shop
// serves product pages.
//   erasure           total time and rows per second (rows = what the certificate counts), and as a
//                     ratio to a bare batched DELETE of a third account's rows of the same shape
//                     (messages, reviews with photos, questions, answers; 5,000 a transaction),
//                     measured in the same run on the same database
//   product pages     GET /api/products/:id?country=XX from 10 connections: p99 and max while the
//                     erasure runs, as ratios to the same load just before it
//   database probe    `select 1` every 10 ms from the server process: the longest wait, before and
//                     during (on PGlite, the time a request can be kept from the database at all)
// The erasure is the real one (processDeletion: batches, lease, verification scan, certificate,
// final mail, VACUUM on PGlite), started by a real deletion request.
import { sql } from 'kysely';
import type { Engine } from '../src/db/database.ts';
import { seedCatalog } from '../src/modules/catalog/index.ts';
import { processDeletion } from '../src/modules/deletion/index.ts';
import { fillAccount, type BulkShape } from '../test/helpers/bulk-account.ts';
import { signUpVerified, startSignedInApp, type SignedInApp } from './lib/app.ts';
import { openBenchDatabase } from './lib/engines.ts';
import { assertClean, measureLoad, startLoad, type LoadResult } from './lib/load.ts';
import { percentile, round } from './lib/stats.ts';
import { emit } from './lib/util.ts';

const SHAPE: BulkShape = {
  conversations: 2000,
  messagesPerConversation: 200,
  reviews: 10_000,
  photos: 500,
  questions: 5000,
  answers: 5000,
  orders: 2000,
};
const CONNECTIONS = 10;
const COUNTRIES = ['MA', 'FR', 'DE', 'US', 'ES', 'GB'];

/** `select 1` every 10 ms: how long the database keeps a request waiting. */
function startProbe(run: () => Promise<unknown>): {
  stop(): Promise<{ max_ms: number; p99_ms: number; samples: number }>;
} {
  const waits: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await run().catch(() => (running = false));
      waits.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = waits.sort((a, b) => a - b);
      return { max_ms: round(sorted.at(-1) ?? 0), p99_ms: round(percentile(sorted, 0.99)), samples: sorted.length };
    },
  };
}

export async function benchErasure(engine: Engine): Promise<void> {
  const target = await openBenchDatabase(engine, 'erasure');
  let signedIn: SignedInApp | undefined;
  try {
    signedIn = await startSignedInApp(target);
    const { app, baseUrl, cookie, userId, email } = signedIn;
    const ctx = app.souk;
    const db = ctx.db;
    const seedStarted = performance.now();
    await seedCatalog(db, { products: 2000, stores: 40 });
    // Two accounts of the same shape, each buying from its own store: one is erased alone, one under load.
    const accounts: Array<{ userId: string; cookie: string; email: string; sellerId: string }> = [];
    // Nothing personal may be shared between them, or erasing one would find the other's data (the display name of
    // the first comes from startSignedInApp).
    const people = {
      x: { fullName: 'Xavier Quillfeather', line1: '77 Larch Boulevard', phone: '+212 611 222 333' },
      y: { fullName: 'Yasmin Rowanberry', line1: '12 Cedar Lane', phone: '+212 644 555 666' },
      z: { fullName: 'Zora Baseline', line1: '3 Birch Row', phone: '+212 677 888 999' },
    };
    for (const label of ['x', 'y', 'z'] as const) {
      const who =
        label === 'x'
          ? { userId, cookie, email }
          : {
              ...(await signUpVerified(
                app,
                baseUrl,
                `bench-${label}@bench.souk.example`,
                `${label.toUpperCase()} Bench`,
              )),
              email: `bench-${label}@bench.souk.example`,
            };
      const seller = await db
        .insertInto('users')
        .values({
          id: `bench-seller-${label}`,
          email: `bench-seller-${label}@bench.souk.example`,
          display_name: 'Bench Seller',
          email_verified: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await fillAccount(
        db,
        ctx.storage,
        { userId: who.userId, ...people[label], country: 'MA' },
        seller.id,
        label,
        SHAPE,
      );
      accounts.push({ ...who, sellerId: seller.id });
    }
    // A shop's steady state: what earlier erasures' VACUUMs (or autovacuum) leave, not a never-vacuumed bulk load.
    await sql`vacuum analyze`.execute(db);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const requestFor = async (account: (typeof accounts)[number]) => {
      const requested = await fetch(`${baseUrl}/api/account/deletion`, {
        method: 'POST',
        headers: { cookie: account.cookie, origin: baseUrl, 'content-type': 'application/json' },
        // With the password: a session older than ten minutes needs it (the first erasure can take that long).
        body: JSON.stringify({ confirmEmail: account.email, password: signedIn!.password, reason: 'data_worries' }),
      });
      if (requested.status !== 202)
        throw new Error(`deletion request answered ${requested.status}: ${await requested.text()}`);
      return (
        await db
          .selectFrom('deletion_requests')
          .select('id')
          .where('user_id', '=', account.userId)
          .executeTakeFirstOrThrow()
      ).id;
    };
    const erase = async (requestId: string) => {
      let batches = 0;
      const started = performance.now();
      let erased = started;
      const steps: Record<string, number> = {};
      const outcome = await processDeletion(ctx, requestId, {
        onStep: (step) => {
          steps[step] = performance.now();
        },
        onBatch: () => {
          batches++;
          erased = performance.now();
        },
      });
      const ended = performance.now();
      if (outcome !== 'completed') throw new Error(`erasure ended ${outcome}`);
      const { certificate } = await db
        .selectFrom('deletion_requests')
        .select('certificate')
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow();
      const rows = certificate!.rows.reduce((n, r) => n + r.rows, 0);
      return {
        seconds: round((ended - started) / 1000, 2),
        rows,
        rows_per_second: round(rows / ((ended - started) / 1000), 0),
        batches,
        erase_seconds: round((erased - started) / 1000, 2),
        erase_rows_per_second: round(rows / ((erased - started) / 1000), 0),
        scan_and_complete_seconds: round((ended - erased) / 1000, 2),
        // when each step ended, in seconds from the start: recording ownership (on PostgreSQL beside
        // the erasing, decision 036), erasing, verifying (ownership proof and identifier scan), completing
        step_ends_seconds: {
          record: round(((steps.recorded ?? started) - started) / 1000, 2),
          erase: round(((steps.erased ?? started) - started) / 1000, 2),
          verify: round(((steps.verified ?? started) - started) / 1000, 2),
          complete: round((ended - started) / 1000, 2),
        },
        files_deleted: certificate!.filesDeleted,
        scan_clean: certificate!.scan.clean,
        rows_by_table: Object.fromEntries(certificate!.rows.filter((r) => r.rows >= 100).map((r) => [r.table, r.rows])),
      };
    };

    // The floor: the same kind of rows deleted with nothing else done (no ownership record, no
    // tombstones, no recomputed ratings, no proof), 5,000 rows a transaction.
    const bare = async (person: string) => {
      const started = performance.now();
      let rows = 0;
      const batches = [
        sql`delete from messages where (conversation_id, id) in (select conversation_id, id from messages where sender_user_id = ${person} limit 5000)`,
        sql`delete from review_photos where id in (select ph.id from review_photos ph join reviews r on r.id = ph.review_id where r.author_user_id = ${person} limit 5000)`,
        sql`delete from reviews where id in (select id from reviews where author_user_id = ${person} limit 5000)`,
        sql`delete from answers where id in (select id from answers where author_user_id = ${person} limit 5000)`,
        sql`delete from questions where id in (select id from questions where author_user_id = ${person} limit 5000)`,
      ];
      for (const statement of batches) {
        for (;;) {
          const n = await db
            .transaction()
            .execute(async (trx) => Number((await statement.execute(trx)).numAffectedRows ?? 0));
          rows += n;
          if (n < 5000) break;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      return { rows, seconds: round(seconds, 2), rows_per_second: round(rows / seconds, 0) };
    };
    const baseline = await bare(accounts[2]!.userId);

    // Alone: the erasure's own speed.
    const alone = await erase(await requestFor(accounts[0]!));

    const sellers = accounts.map((a) => a.sellerId);
    const ids = (
      await db
        .selectFrom('products')
        .select('id')
        .where('store_id', 'not in', (eb) => eb.selectFrom('stores').select('id').where('owner_user_id', 'in', sellers))
        .limit(2000)
        .execute()
    ).map((p) => p.id);
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    const paths = Array.from(
      { length: 600 },
      () =>
        `/api/products/${ids[Math.floor(random() * ids.length)]}?country=${COUNTRIES[Math.floor(random() * COUNTRIES.length)]}`,
    );
    const load = { url: `${baseUrl}/api/products/x`, connections: CONNECTIONS, warmupSeconds: 1, paths };
    const underLoad = await requestFor(accounts[1]!);

    // PGlite serves one statement at a time: the longest one is the longest anyone waited for it to start.
    let longest = { ms: 0, cpuMs: 0, sql: '' };
    let over50 = 0;
    let over20 = 0;
    let statements = 0;
    const slowest: Array<{ ms: number; cpuMs: number; sql: string }> = [];
    let overFiftyCpu = 0;
    const unwatch = target.database.watchStatements?.((statement) => {
      if (statement.ms > longest.ms) longest = statement;
      statements++;
      if (statement.ms > 50) over50++;
      if (statement.ms > 20) over20++;
      if (statement.ms > 20)
        slowest.push({ ms: round(statement.ms), cpuMs: round(statement.cpuMs), sql: statement.sql });
      if (statement.cpuMs > 50) overFiftyCpu++;
    });
    // Before: the same load and probe, without an erasure.
    const probeBefore = startProbe(() => sql`select 1`.execute(db));
    const before = assertClean('product-before-erasure', await measureLoad({ ...load, seconds: 6 }));
    const probeIdle = await probeBefore.stop();
    const longestBefore = longest;
    longest = { ms: 0, cpuMs: 0, sql: '' };
    over50 = 0;
    over20 = 0;
    statements = 0;
    slowest.length = 0;
    overFiftyCpu = 0;

    const during = startLoad(load);
    await during.measuring;
    const probeDuring = startProbe(() => sql`select 1`.execute(db));
    const loadedErasure = await erase(underLoad);
    const probe = await probeDuring.stop();
    const longestDuring = unwatch ? longest : undefined;
    unwatch?.();
    const loaded: LoadResult = assertClean('product-during-erasure', await during.stop());

    emit({
      bench: 'erasure',
      engine,
      account: {
        messages_sent: (SHAPE.conversations * SHAPE.messagesPerConversation) / 2,
        posts: SHAPE.reviews + SHAPE.questions + SHAPE.answers,
        photos: SHAPE.photos,
        orders: SHAPE.orders,
      },
      seed_seconds: round(seedSeconds, 1),
      bare_batched_delete: baseline,
      alone,
      ratio_alone_vs_bare_delete: round(alone.rows_per_second / baseline.rows_per_second),
      under_load: loadedErasure,
      product_before: { rps: round(before.rps, 0), p99_ms: round(before.p99_ms), max_ms: round(before.max_ms) },
      product_during: {
        rps: round(loaded.rps, 0),
        p99_ms: round(loaded.p99_ms),
        max_ms: round(loaded.max_ms),
        requests: loaded.requests,
      },
      ratio_p99_during_vs_before: round(loaded.p99_ms / before.p99_ms),
      ratio_rps_during_vs_before: round(loaded.rps / before.rps),
      ...(longestDuring
        ? {
            longest_statement_before_ms: round(longestBefore.ms),
            longest_statement_during_ms: round(longestDuring.ms),
            longest_statement_during_cpu_ms: round(longestDuring.cpuMs),
            longest_statement_during: longestDuring.sql.replace(/\s+/g, ' ').trim().slice(0, 90),
            statements_during: statements,
            statements_over_20ms: over20,
            statements_over_50ms: over50,
            statements_over_50ms_of_cpu: overFiftyCpu,
            // wall time holding the database, the worker thread's CPU time within it, and the statement's start
            slowest_statements: slowest
              .sort((a, b) => b.ms - a.ms)
              .slice(0, 8)
              .map((x) => `${x.ms}/${x.cpuMs} ms ${x.sql.replace(/\s+/g, ' ').trim().slice(0, 60)}`),
          }
        : {}),
      probe_before: probeIdle,
      probe_during: probe,
    });
  } finally {
    await signedIn?.close();
    await target.close();
  }
}

// Run alone: `node bench/erasure.ts [pglite|postgres]`; `npm run bench` calls benchErasure for each engine.
if (import.meta.url === `file://${process.argv[1]}`) {
  const engines = (process.argv[2] ? [process.argv[2]] : ['pglite', 'postgres']) as Engine[];
  for (const engine of engines) await benchErasure(engine);
}
