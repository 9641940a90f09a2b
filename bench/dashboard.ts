// Question: is the seller dashboard cheap for a busy seller (issue 19, decision 055)? One store
// with 100,000 orders paid over the last 365 days (one line each, 300 still to ship), 200 products
// and 200 reviews; `GET /api/seller/dashboard` at 20 concurrent connections against a bare Fastify
// route reading one row through the same Kysely instance in the same run (ABBA order). Aim: p99
// under 4× the one-row read's. Also times one CSV export of the last 30 days (≈ 8,200 lines).
// Runs alone: `node bench/dashboard.ts [pglite|postgres]`.
import { sql } from 'kysely';
import type { Engine } from '../src/db/database.ts';
import { seedCatalog } from '../src/modules/catalog/index.ts';
import { startBaselines } from './api.ts';
import { startSignedInApp, type SignedInApp } from './lib/app.ts';
import { openBenchDatabase, postgresUnavailableReason, type BenchDatabase } from './lib/engines.ts';
import { assertClean, LOAD_NOTE, measureLoad, type LoadResult } from './lib/load.ts';
import { median, round } from './lib/stats.ts';
import { emit, threadCpuMicros } from './lib/util.ts';

const ORDERS = 100_000;
const PRODUCTS = 200;
const TO_SHIP = 300;
const BATCH = 1000;
const LOAD = { connections: 20, seconds: 5, warmupSeconds: 1 } as const;

/** The signed-in account's store with its products, reviews and orders, written in bulk. */
async function seedSeller(target: BenchDatabase, userId: string): Promise<void> {
  const db = target.database.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  await sql`
    with s as (
      insert into stores (owner_user_id, name, country) values (${userId}, 'Bench busy store', 'MA') returning id
    ), sp as (
      insert into shipping_profiles (store_id, label) select id, 'Standard' from s returning id, store_id
    )
    insert into products (store_id, category_slug, shipping_profile_id, title, price_minor, current_price_minor, currency, stock, updated_at)
    select sp.store_id, (select slug from categories order by position limit 1), sp.id, 'Bench product ' || n, 1000 + n, 1000 + n, 'USD', n % 40, now()
    from sp cross join generate_series(1, ${PRODUCTS}) n`.execute(db);
  await sql`
    insert into reviews (product_id, author_user_id, rating, body, created_at, updated_at)
    select p.id, ${userId}, 1 + (row_number() over ())::int % 5, 'Fine.', now() - make_interval(days => (row_number() over ())::int % 60), now()
    from products p`.execute(db);
  const checkout = await sql<{ id: string }>`
    insert into checkouts (buyer_user_id, idempotency_key, currency, total_minor, status)
    values (null, 'bench', 'USD', 0, 'paid') returning id`.execute(db);
  // Orders of anonymised buyers (buyer_user_id null), paid over the last year; the newest still to ship.
  // Inserted through the rollup's trigger, as checkout's orders are, 1,000 to a statement: every
  // order also updates its store's row (orders_count, migration 036), and one statement of 100,000
  // would leave a chain of 100,000 row versions to walk.
  const storeId = await sql<{ id: string }>`select id from stores where owner_user_id = ${userId}`.execute(db);
  for (let first = 1; first <= ORDERS; first += BATCH) {
    const last = Math.min(ORDERS, first + BATCH - 1);
    await sql`
      insert into orders (number, checkout_id, buyer_user_id, store_id, status, currency, items_minor, discount_minor, shipping_minor,
        total_minor, ship_full_name, ship_line1, ship_city, ship_country, delivery_min_days, delivery_max_days, placed_at, paid_at, shipped_at)
      select 'SK-B' || lpad(n::text, 7, '0'), ${checkout.rows[0]!.id}, null, ${storeId.rows[0]!.id},
        case when n > ${ORDERS - TO_SHIP} then 'paid' else 'delivered' end, 'USD', 1000 + n % 5000, 0, 500, 1500 + n % 5000,
        '', '', '', 'FR', 2, 5, t, t, case when n > ${ORDERS - TO_SHIP} then null else t + interval '1 day' end
      from generate_series(${first}::int, ${last}::int) n,
        lateral (select now() - make_interval(secs => (${ORDERS} - n) * (365 * 86400.0 / ${ORDERS}))) x(t)`.execute(db);
  }
  await sql`
    insert into order_items (order_id, position, product_id, title, quantity, unit_price_minor, list_price_minor)
    select o.id, 0, null, 'Bench product', 1, o.items_minor, o.items_minor from orders o`.execute(db);
  // What PostgreSQL's autovacuum does within a minute of such a load in a running shop (the rollup's
  // 365 day rows took 100,000 updates, leaving their live versions spread over ~190 pages), as the
  // catalogue seed does (seed.ts): the dashboard is measured in that steady state, not mid-load.
  // PGlite runs no autovacuum; its figure is measured the same way.
  await sql`vacuum analyze store_sales_days, orders, order_items, products, reviews`.execute(db);
  await sql`analyze`.execute(db);
  const counts = await sql<{ o: string; d: string }>`
    select (select count(*) from orders) as o, (select coalesce(sum(orders), 0) from store_sales_days) as d`.execute(
    db,
  );
  if (Number(counts.rows[0]!.o) !== ORDERS || Number(counts.rows[0]!.d) !== ORDERS)
    throw new Error(`seeded ${counts.rows[0]!.o} orders, rollup counts ${counts.rows[0]!.d}`);
}

type Run = LoadResult & { cpu: number };

export async function benchDashboard(engine: Engine): Promise<void> {
  const target = await openBenchDatabase(engine, 'dashboard');
  let signedIn: SignedInApp | undefined;
  let baseline: Awaited<ReturnType<typeof startBaselines>> | undefined;
  try {
    signedIn = await startSignedInApp(target);
    const seedStarted = performance.now();
    await seedSeller(target, signedIn.userId);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    baseline = await startBaselines(target, signedIn.userId);
    const app = signedIn;
    const headers = { cookie: app.cookie };
    const url = `${app.baseUrl}/api/seller/dashboard`;
    const first = await fetch(url, { headers });
    if (!first.ok) throw new Error(`${url} answered ${first.status}`);
    const body = (await first.json()) as { days: Array<{ orders: number }>; toShip: { count: number } };
    if (body.days.length !== 90 || body.toShip.count !== TO_SHIP) throw new Error('unexpected dashboard');

    const load = async (name: string, loadUrl: string, served: () => number, extra = {}): Promise<Run> => {
      const before = { cpu: threadCpuMicros(), served: served() };
      const result = assertClean(name, await measureLoad({ url: loadUrl, ...LOAD, ...extra }));
      return { ...result, cpu: (threadCpuMicros() - before.cpu) / (served() - before.served) };
    };
    const oneRow = () => load('one-row', `${baseline!.url}/one-row`, baseline!.served);
    const dashboard = () => load('seller-dashboard', url, app.served, { headers });
    const runs = { oneRow: [await oneRow()], dashboard: [await dashboard()] };
    runs.dashboard.push(await dashboard());
    runs.oneRow.push(await oneRow());

    const summary = (r: Run[]) => ({
      rps: round(median(r.map((x) => x.rps)), 0),
      p50_ms: round(median(r.map((x) => x.p50_ms))),
      p99_ms: round(median(r.map((x) => x.p99_ms))),
      p99_ms_rounds: r.map((x) => round(x.p99_ms)),
      cpu_us_per_req: round(median(r.map((x) => x.cpu)), 0),
    });
    const base = summary(runs.oneRow);
    emit({
      bench: 'dashboard-one-row',
      engine,
      connections: LOAD.connections,
      ...base,
      seed_seconds: round(seedSeconds, 1),
    });
    const s = summary(runs.dashboard);
    emit({
      bench: 'seller-dashboard',
      engine,
      connections: LOAD.connections,
      orders: ORDERS,
      ...s,
      ratio_rps_vs_one_row: round(s.rps / base.rps),
      ratio_p99_vs_one_row: round(s.p99_ms / base.p99_ms),
      aim: 'ratio_p99_vs_one_row < 4',
    });

    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    const started = performance.now();
    const csv = await fetch(
      `${app.baseUrl}/api/seller/orders.csv?from=${day(Date.now() - 29 * 86_400_000)}&to=${day(Date.now())}`,
      { headers },
    );
    const text = await csv.text();
    if (!csv.ok) throw new Error(`orders.csv answered ${csv.status}`);
    emit({
      bench: 'seller-orders-csv',
      engine,
      days: 30,
      lines: text.trimEnd().split('\r\n').length - 1,
      bytes: text.length,
      ms: round(performance.now() - started),
    });
  } finally {
    await baseline?.server.close();
    await signedIn?.close();
    await target.close();
  }
}

// Run alone: `node bench/dashboard.ts [pglite|postgres]`; `npm run bench` calls benchDashboard for each engine.
if (import.meta.main) {
  emit({ bench: 'dashboard', note: LOAD_NOTE });
  const only = process.argv[2] as Engine | undefined;
  if (only !== 'postgres') await benchDashboard('pglite');
  if (only !== 'pglite') {
    const postgresProblem = await postgresUnavailableReason();
    if (postgresProblem) emit({ bench: 'engine', engine: 'postgres', skipped: postgresProblem });
    else await benchDashboard('postgres');
  }
}
