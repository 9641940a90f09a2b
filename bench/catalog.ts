// Question: on a 100,000-product catalog, do the product page and search keep up with the cheapest
// database read, and how many checkouts a second does the marketplace place? Measured against the
// bare one-row Fastify route of the same run (bench/api.ts) on the same database:
//   catalog-product   GET /api/products/:id?country=XX, random products and countries
//   catalog-search    GET /api/search, a realistic mix (see SEARCH_MIX), 1,000 queries cycled (with the cache off, each pays a search)
//   catalog-store     GET /api/stores/:slug, random stores: mostly the plain page, some sorted, filtered
//                     by a category or searched inside the store (storePaths)
//   catalog-category-shipto  GET /api/search?category=X&shipsTo=YY&pageSize=20: a 20-card category page
//                     filtered to a country, as the web app asks by default (issue 18)
//   catalog-suggest   GET /api/search/suggest, what a shopper has typed so far: 2 to 5 letters of a
//                     title word, sometimes after a whole word (suggestPaths)
//   catalog-checkout  buyers filling a 1–3 line cart from different sellers and placing it with the
//                     test card (POST /api/checkout), driven from a child process
// One-row, product, search, store, category-shipto and suggest are measured in A B C D E F F E D C B A
// order; figures are medians of the two rounds.
// The catalogue cache (decision 056) is on at Souk's default unless CATALOG_CACHE_MB says otherwise
// (CATALOG_CACHE_MB=0: off); every catalogue line says which (catalog_cache_mb) and what share of its
// requests the cache answered (cache_hit_share). The path sets are fixed (600–1000 paths, cycled), so
// with the cache on most requests after the first round of a set are hits, as long as nothing changes.
// Runs as part of `npm run bench`, or alone: `node bench/catalog.ts [pglite|postgres]`.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { sql } from 'kysely';
import type { Engine } from '../src/db/database.ts';
import { seedCatalog } from '../src/modules/catalog/index.ts';
import { COUNTRIES } from '../src/modules/catalog/index.ts';
import { startBaselines } from './api.ts';
import { CATALOG_VERSIONED_TABLES } from '../src/db/migrations/048-catalog-version.ts';
import { BENCH_PASSWORD, startSignedInApp, type SignedInApp } from './lib/app.ts';
import { openBenchDatabase, type BenchDatabase } from './lib/engines.ts';
import { assertClean, measureLoad, type LoadOptions, type LoadResult } from './lib/load.ts';
import { runEachEngine } from './lib/standalone.ts';
import { emit, threadCpuMicros } from './lib/util.ts';
import { median, round } from './lib/stats.ts';
import type { CheckoutChildOptions, CheckoutChildResult } from './catalog-checkout-child.ts';

export const CATALOG = { products: 100_000, stores: 500, seed: 42 } as const;
const LOAD = { connections: 20, seconds: 5, warmupSeconds: 1 } as const;
const CHECKOUT = { buyers: 10, seconds: 8, warmupSeconds: 2, poolPerCountry: 300 } as const;
const BUYER_COUNTRIES = ['US', 'FR', 'DE', 'GB', 'MA'] as const;

/** Deterministic choices, so every run asks the same questions. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Search requests by kind; `weight` is the share of the mix. */
export const SEARCH_MIX: Array<{ kind: string; weight: number; queries: string[] }> = [
  // One word matching thousands of products (colours, brands, adjectives are in many titles).
  {
    kind: 'broad-word',
    weight: 25,
    queries: ['saffron', 'olive', 'indigo', 'handmade', 'atlas', 'charcoal', 'organic', 'medina', 'teal', 'copper'].map(
      (q) => `q=${q}`,
    ),
  },
  {
    kind: 'two-words',
    weight: 20,
    queries: [
      'olive oil',
      'linen shirt',
      'wireless headphones',
      'yoga mat',
      'board game',
      'silver ring',
      'green tea',
      'cast iron',
      'saffron threads',
      'camping lantern',
    ].map((q) => `q=${encodeURIComponent(q)}`),
  },
  // No word matches: the typo fallback (trigram similarity on titles) answers.
  {
    kind: 'typo',
    weight: 10,
    queries: [
      'wireles headphnes',
      'ceramik teapot',
      'mechanical keybord',
      'yoga matt',
      'orange blosom hony',
      'trail runing shoes',
    ].map((q) => `q=${encodeURIComponent(q)}`),
  },
  {
    kind: 'browse-filtered',
    weight: 20,
    queries: [
      'sort=price_asc',
      'sort=best_selling',
      'onOffer=true',
      'onOffer=true&sort=price_desc',
      'minPrice=2000&maxPrice=5000',
      'shipsTo=FR&freeShipping=true',
      'freeShipping=true&country=DE',
      'shipsTo=JP&sort=newest',
      'q=olive&onOffer=true&sort=price_asc',
      'q=lantern&shipsTo=US',
    ],
  },
  {
    kind: 'category',
    weight: 17,
    queries: [
      'category=books',
      'category=grocery',
      'category=electronics&sort=best_selling',
      'category=jewelry&sort=price_asc',
      'category=garden&onOffer=true',
      'category=clothing&minPrice=1000&maxPrice=4000',
      'category=beauty',
      'category=toys-games&sort=price_desc',
    ],
  },
  {
    kind: 'later-page',
    weight: 8,
    queries: [
      'q=saffron&page=2',
      'q=handmade&page=5',
      'category=books&page=3',
      'category=grocery&page=20',
      'sort=price_asc&page=10',
      'q=olive%20oil&page=4',
    ],
  },
];

/** Category pages filtered to a country: every category with random countries, 20 cards each. */
export const SHIPTO_CATEGORIES = [
  'electronics',
  'beauty',
  'clothing',
  'home-kitchen',
  'sports-outdoors',
  'toys-games',
  'books',
  'grocery',
  'jewelry',
  'garden',
] as const;

function categoryShipToPaths(random: () => number, count: number): string[] {
  return Array.from({ length: count }, () => {
    const category = SHIPTO_CATEGORIES[Math.floor(random() * SHIPTO_CATEGORIES.length)];
    const country = COUNTRIES[Math.floor(random() * COUNTRIES.length)];
    return `/api/search?category=${category}&shipsTo=${country}&pageSize=20`;
  });
}

function searchPaths(random: () => number, count: number): string[] {
  const total = SEARCH_MIX.reduce((n, k) => n + k.weight, 0);
  return Array.from({ length: count }, () => {
    let roll = random() * total;
    const kind = SEARCH_MIX.find((k) => (roll -= k.weight) < 0) ?? SEARCH_MIX[0]!;
    return `/api/search?${kind.queries[Math.floor(random() * kind.queries.length)]}`;
  });
}

type Run = LoadResult & { cpuMicrosPerRequest: number; cacheHits: number; cacheMisses: number };
type Summary = {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  p99_ms_rounds: number[];
  cpu_us_per_req: number;
  cacheHitShare: number | null;
};

function summarise(results: Run[]): Summary {
  const hits = results.reduce((sum, r) => sum + r.cacheHits, 0);
  const misses = results.reduce((sum, r) => sum + r.cacheMisses, 0);
  return {
    rps: median(results.map((r) => r.rps)),
    p50_ms: median(results.map((r) => r.p50_ms)),
    p99_ms: median(results.map((r) => r.p99_ms)),
    p99_ms_rounds: results.map((r) => round(r.p99_ms)),
    cpu_us_per_req: median(results.map((r) => r.cpuMicrosPerRequest)),
    cacheHitShare: hits + misses === 0 ? null : hits / (hits + misses),
  };
}

const figures = (s: Summary) => ({
  rps: round(s.rps, 0),
  p50_ms: round(s.p50_ms),
  p99_ms: round(s.p99_ms),
  p99_ms_rounds: s.p99_ms_rounds,
  cpu_us_per_req: round(s.cpu_us_per_req, 0),
  ...(s.cacheHitShare === null ? {} : { cache_hit_share: round(s.cacheHitShare) }),
});

const ratios = (s: Summary, base: Summary) => ({
  ratio_rps_vs_one_row: round(s.rps / base.rps),
  ratio_p50_vs_one_row: round(s.p50_ms / base.p50_ms),
  ratio_p99_vs_one_row: round(s.p99_ms / base.p99_ms),
});

/** Seeds through the real seed (src/modules/catalog/seed.ts), then analyses every table. */
async function seed(app: SignedInApp): Promise<number> {
  const started = performance.now();
  await seedCatalog(app.app.souk.db, CATALOG);
  return (performance.now() - started) / 1000;
}

/** Median ms of each kind of search, asked one at a time (no concurrency): which kind costs what. */
async function timeSearchKinds(baseUrl: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const kind of SEARCH_MIX) {
    const times: number[] = [];
    for (const query of kind.queries) {
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        const response = await fetch(`${baseUrl}/api/search?${query}`);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`search ${query} answered ${response.status}`);
        if (i > 0) times.push(performance.now() - started);
      }
    }
    out[kind.kind] = round(median(times));
    out[`${kind.kind}_max`] = round(Math.max(...times));
  }
  return out;
}

async function signUpBuyers(app: SignedInApp, count: number): Promise<string[]> {
  const cookies: string[] = [];
  const { baseUrl } = app;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { origin: baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response;
  };
  for (let i = 0; i < count; i++) {
    const email = `bench-buyer-${process.pid}-${i}@bench.souk.example`;
    await post('/api/auth/sign-up', { email, password: BENCH_PASSWORD, displayName: `Bench Buyer ${i}` });
    await app.app.souk.db.updateTable('users').set({ email_verified: true }).where('email', '=', email).execute();
    const signIn = await post('/api/auth/sign-in', { email, password: BENCH_PASSWORD });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.includes('session_token'));
    if (!cookie) throw new Error('sign-in set no session cookie');
    cookies.push(cookie);
  }
  return cookies;
}

/** Products that ship to each buyer country, with stock that a run cannot exhaust. */
async function checkoutPools(app: SignedInApp): Promise<CheckoutChildOptions['pools']> {
  const db = app.app.souk.db;
  const pools: CheckoutChildOptions['pools'] = {};
  for (const country of BUYER_COUNTRIES) {
    const rows = await sql<{ id: string; store_id: string }>`
      select p.id, p.store_id from products p
      join stores s on s.id = p.store_id and s.status = 'active'
      where p.status = 'active' and exists (select 1 from shipping_rates r where r.profile_id = p.shipping_profile_id and r.country = ${country})
      order by md5(p.id::text || ${country}) limit ${CHECKOUT.poolPerCountry}`.execute(db);
    pools[country] = rows.rows.map((r) => ({ productId: r.id, storeId: r.store_id }));
  }
  const ids = Object.values(pools)
    .flat()
    .map((p) => p.productId);
  await db.updateTable('products').set({ stock: 1_000_000 }).where('id', 'in', ids).execute();
  return pools;
}

const CHECKOUT_CHILD = fileURLToPath(new URL('./catalog-checkout-child.ts', import.meta.url));

function runCheckoutChild(options: CheckoutChildOptions): Promise<CheckoutChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHECKOUT_CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), (options.seconds + options.warmupSeconds + 60) * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`checkout child failed (${code ?? signal}): ${stderr.slice(-800)}`));
      resolve(JSON.parse(stdout.trim()) as CheckoutChildResult);
    });
    child.stdin.end(JSON.stringify(options));
  });
}

/** Store pages as shoppers open them: 6 in 10 plain, then sorted, by category, searched inside. */
async function storePaths(
  db: SignedInApp['app']['souk']['db'],
  random: () => number,
  count: number,
): Promise<string[]> {
  const { rows } = await sql<{ slug: string; category: string }>`
    select s.slug, (select p.category_slug from products p where p.store_id = s.id limit 1) as category
    from stores s where s.status = 'active' and s.slug is not null order by s.slug`.execute(db);
  const words = ['saffron', 'olive', 'lamp', 'linen', 'copper'];
  return Array.from({ length: count }, () => {
    const store = rows[Math.floor(random() * rows.length)]!;
    const roll = random();
    const query =
      roll < 0.6
        ? ''
        : roll < 0.75
          ? '?sort=price_asc'
          : roll < 0.9
            ? `?category=${store.category}`
            : `?q=${words[Math.floor(random() * words.length)]}`;
    return `/api/stores/${store.slug}${query}`;
  });
}

/** Prefixes as typed: 2–5 letters of a vocabulary word, one in four after a whole word. */
async function suggestPaths(
  db: SignedInApp['app']['souk']['db'],
  random: () => number,
  count: number,
): Promise<string[]> {
  const { rows } = await sql<{ word: string }>`
    select word from search_words where word ~ '^[a-z]{4,}$' order by md5(word) limit 400`.execute(db);
  const pick = () => rows[Math.floor(random() * rows.length)]!.word;
  return Array.from({ length: count }, () => {
    const word = pick();
    const typed = word.slice(0, 2 + Math.floor(random() * 4));
    return `/api/search/suggest?q=${encodeURIComponent(random() < 0.25 ? `${pick()} ${typed}` : typed)}`;
  });
}

export async function benchCatalogOn(target: BenchDatabase): Promise<void> {
  const engine = target.engine;
  const app = await startSignedInApp(target);
  try {
    const seedSeconds = await seed(app);
    emit({
      bench: 'catalog-seed',
      engine,
      products: CATALOG.products,
      stores: CATALOG.stores,
      seconds: round(seedSeconds, 1),
      load_avg_1m: round(os.loadavg()[0]!),
    });

    const random = prng(7);
    // Paths travel to the load child as one argument (at most 128 KiB): 600 product pages.
    const ids = (
      await sql<{
        id: string;
      }>`select id from products where status = 'active' order by md5(id::text) limit 600`.execute(app.app.souk.db)
    ).rows.map((r) => r.id);
    const productPaths = Array.from(
      { length: 600 },
      () =>
        `/api/products/${ids[Math.floor(random() * ids.length)]}?country=${COUNTRIES[Math.floor(random() * COUNTRIES.length)]}`,
    );
    const searches = searchPaths(random, 1000);
    const stores = await storePaths(app.app.souk.db, random, 600);
    const shipTo = categoryShipToPaths(random, 600);
    const suggestions = await suggestPaths(app.app.souk.db, random, 1000);

    const baselines = await startBaselines(target, app.userId);
    try {
      const load = async (
        name: string,
        served: () => number,
        options: Pick<LoadOptions, 'url' | 'paths'>,
      ): Promise<Run> => {
        const cache = app.app.souk.catalogCache;
        const before = { cpu: threadCpuMicros(), served: served(), cache: cache.stats() };
        const result = assertClean(name, await measureLoad({ ...LOAD, ...options }));
        const after = cache.stats();
        return {
          ...result,
          cpuMicrosPerRequest: (threadCpuMicros() - before.cpu) / (served() - before.served),
          // The one-row baseline runs in another app: its cache counts nothing.
          cacheHits: after.hits - before.cache.hits,
          cacheMisses: after.misses - before.cache.misses,
        };
      };
      const oneRow = () => load('catalog-one-row', baselines.served, { url: `${baselines.url}/one-row` });
      const product = () => load('catalog-product', app.served, { url: app.baseUrl, paths: productPaths });
      const search = () => load('catalog-search', app.served, { url: app.baseUrl, paths: searches });
      const store = () => load('catalog-store', app.served, { url: app.baseUrl, paths: stores });
      const categoryShipTo = () => load('catalog-category-shipto', app.served, { url: app.baseUrl, paths: shipTo });
      const suggest = () => load('catalog-suggest', app.served, { url: app.baseUrl, paths: suggestions });
      const kinds = await timeSearchKinds(app.baseUrl);
      // A B C D E F F E D C B A: drifting background load hits all six alike.
      const runs = {
        oneRow: [await oneRow()],
        product: [await product()],
        search: [await search()],
        store: [await store()],
        categoryShipTo: [await categoryShipTo()],
        suggest: [await suggest()],
      };
      runs.suggest.push(await suggest());
      runs.categoryShipTo.push(await categoryShipTo());
      runs.store.push(await store());
      runs.search.push(await search());
      runs.product.push(await product());
      runs.oneRow.push(await oneRow());
      const base = summarise(runs.oneRow);
      const productSummary = summarise(runs.product);
      const searchSummary = summarise(runs.search);
      const storeSummary = summarise(runs.store);
      const categoryShipToSummary = summarise(runs.categoryShipTo);
      const suggestSummary = summarise(runs.suggest);
      const loadAvg = round(os.loadavg()[0]!);
      emit({ bench: 'catalog-one-row', engine, connections: LOAD.connections, ...figures(base), load_avg_1m: loadAvg });
      emit({
        bench: 'catalog-product',
        engine,
        connections: LOAD.connections,
        catalog_cache_mb: app.app.souk.config.catalogCacheMb,
        ...figures(productSummary),
        ...ratios(productSummary, base),
        aim: 'ratio_rps_vs_one_row >= 0.60',
        load_avg_1m: loadAvg,
      });
      emit({
        bench: 'catalog-search',
        engine,
        connections: LOAD.connections,
        catalog_cache_mb: app.app.souk.config.catalogCacheMb,
        ...figures(searchSummary),
        ...ratios(searchSummary, base),
        serial_median_ms_by_kind: kinds,
        aim: engine === 'postgres' ? 'p99_ms < 50' : 'p99_ms < 150',
        load_avg_1m: loadAvg,
      });
      emit({
        bench: 'catalog-store',
        engine,
        connections: LOAD.connections,
        catalog_cache_mb: app.app.souk.config.catalogCacheMb,
        ...figures(storeSummary),
        ...ratios(storeSummary, base),
        aim: 'ratio_rps_vs_one_row >= 0.50',
        load_avg_1m: loadAvg,
      });
      emit({
        bench: 'catalog-category-shipto',
        engine,
        connections: LOAD.connections,
        catalog_cache_mb: app.app.souk.config.catalogCacheMb,
        ...figures(categoryShipToSummary),
        ...ratios(categoryShipToSummary, base),
        aim: 'ratio_rps_vs_one_row >= 0.50',
        load_avg_1m: loadAvg,
      });
      emit({
        bench: 'catalog-suggest',
        engine,
        connections: LOAD.connections,
        catalog_cache_mb: app.app.souk.config.catalogCacheMb,
        ...figures(suggestSummary),
        ...ratios(suggestSummary, base),
        aim: 'ratio_rps_vs_one_row >= 0.50',
        load_avg_1m: loadAvg,
      });
    } finally {
      await baselines.server.close();
    }

    const cookies = await signUpBuyers(app, CHECKOUT.buyers);
    const pools = await checkoutPools(app);
    const servedBefore = app.served();
    const cpuBefore = threadCpuMicros();
    const checkout = await runCheckoutChild({
      baseUrl: app.baseUrl,
      buyers: cookies.map((cookie, i) => ({ cookie, country: BUYER_COUNTRIES[i % BUYER_COUNTRIES.length]! })),
      pools,
      seconds: CHECKOUT.seconds,
      warmupSeconds: CHECKOUT.warmupSeconds,
    });
    if (checkout.failures > 0 || checkout.checkouts === 0)
      throw new Error(
        `catalog-checkout: ${checkout.failures} failures (${checkout.firstFailure}), ${checkout.checkouts} placed`,
      );
    emit({
      bench: 'catalog-checkout',
      engine,
      catalog_cache_mb: app.app.souk.config.catalogCacheMb,
      buyers: CHECKOUT.buyers,
      checkouts_per_s: round(checkout.checkouts / checkout.seconds, 1),
      lines_per_checkout: round(checkout.lines / checkout.checkouts, 2),
      orders_per_checkout: round(checkout.orders / checkout.checkouts, 2),
      place_p50_ms: round(checkout.placeP50),
      place_p99_ms: round(checkout.placeP99),
      flow_p99_ms: round(checkout.flowP99),
      requests_per_checkout: round(checkout.requests / checkout.checkouts, 1),
      cpu_ms_per_checkout: round(
        (threadCpuMicros() - cpuBefore) / 1000 / (checkout.checkouts + checkout.warmupCheckouts),
        2,
      ),
      served: app.served() - servedBefore,
      load_avg_1m: round(os.loadavg()[0]!),
      note: 'a checkout = add 1–3 products from different stores to the cart, GET /api/checkout (quote), POST /api/checkout (test card 4242…); place_* times the POST alone, flow_* the whole loop',
    });

    // What the catalogue version's triggers (migration 048, decision 056) cost checkouts: the same
    // checkouts with the triggers off, then on again; the ratio is against the mean of the two "on" rounds.
    const checkoutsPerSecond = async () => {
      const run = await runCheckoutChild({
        baseUrl: app.baseUrl,
        buyers: cookies.map((cookie, i) => ({ cookie, country: BUYER_COUNTRIES[i % BUYER_COUNTRIES.length]! })),
        pools,
        seconds: CHECKOUT.seconds,
        warmupSeconds: CHECKOUT.warmupSeconds,
      });
      if (run.failures > 0 || run.checkouts === 0)
        throw new Error(`catalog-checkout: ${run.failures} failures (${run.firstFailure}), ${run.checkouts} placed`);
      return run.checkouts / run.seconds;
    };
    const versionTriggers = async (on: boolean) => {
      for (const table of CATALOG_VERSIONED_TABLES)
        await sql`alter table ${sql.table(table)} ${sql.raw(on ? 'enable' : 'disable')} trigger ${sql.raw(`${table}_catalog_version`)}`.execute(
          app.app.souk.db,
        );
    };
    await versionTriggers(false);
    let without: number;
    try {
      without = await checkoutsPerSecond();
    } finally {
      await versionTriggers(true);
    }
    const withAgain = await checkoutsPerSecond();
    const withTriggers = (checkout.checkouts / checkout.seconds + withAgain) / 2;
    emit({
      bench: 'catalog-checkout-version-triggers',
      engine,
      checkouts_per_s_with: round(withTriggers, 1),
      checkouts_per_s_without: round(without, 1),
      ratio_with_vs_without: round(withTriggers / without),
      load_avg_1m: round(os.loadavg()[0]!),
      note: 'rounds: with (catalog-checkout), without, with; the catalogue version is added to at each checkout’s commit',
    });
  } finally {
    await app.close();
  }
}

export async function benchCatalog(engine: Engine): Promise<void> {
  const target = await openBenchDatabase(engine, 'catalog');
  try {
    await benchCatalogOn(target);
  } finally {
    await target.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runEachEngine(benchCatalog);
