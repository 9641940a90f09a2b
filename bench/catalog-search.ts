// Question (issue 18): is search within 4× of the one-row read's p99 at 20 clients when the
// catalogue cache does not already hold the answer? catalog.ts cycles 1,000 fixed searches, so its
// cache answers 98–100 % of them; a shop sees many distinct queries. Same run, same database,
// 100,000 products (catalog.ts's seed):
//   search-one-row     the bare one-row Fastify route (bench/api.ts)
//   search-repeated    catalog.ts's 1,000 SEARCH_MIX paths, cycled, cache on (Souk's default)
//   search-distinct    distinct searches drawn from the catalogue's own titles (distinctSearches),
//                      cache on: every request is a new path, so hits are only queries that come
//                      back (single words, categories); cache_hit_share says how many
//   search-cold        the same distinct searches on a second app on the same database with the
//                      cache off (CATALOG_CACHE_MB=0): every request pays a search
// Measured in A B C D D C B A order; figures are medians of the two rounds. Each round of a
// distinct line asks its own slice of the set: no path is asked twice by one line.
// Runs alone: `node bench/catalog-search.ts [pglite|postgres]` (both engines when no argument).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Engine } from '../src/db/database.ts';
import { buildApp } from '../src/app.ts';
import { COUNTRIES, seedCatalog } from '../src/modules/catalog/index.ts';
import { startBaselines } from './api.ts';
import { CATALOG, SEARCH_MIX, SHIPTO_CATEGORIES } from './catalog.ts';
import { benchConfig, startSignedInApp } from './lib/app.ts';
import { openBenchDatabase, type BenchDatabase } from './lib/engines.ts';
import { assertClean, measureLoad, type LoadOptions, type LoadResult } from './lib/load.ts';
import { runEachEngine } from './lib/standalone.ts';
import { median, round } from './lib/stats.ts';
import { emit, freePort, threadCpuMicros } from './lib/util.ts';

const LOAD = { connections: 20, seconds: 5, warmupSeconds: 1 } as const;
/** Distinct paths a distinct round may ask: more than a round gets through at any rate seen. */
const PER_ROUND = 20_000;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * Searches as shoppers type them, from the words of the catalogue's own titles, by kind (weights as
 * SEARCH_MIX's): one title word; two adjacent title words; a title word with a letter dropped (the
 * typo fallback when no title has the misspelling); a word beside a category's name ("linen
 * clothing"); a word shipped to a country; a word sorted by price; a later page of a word; a
 * category page with a filter. `?n=<i>`-free: a path repeats only when the same choice comes twice.
 */
export async function distinctSearches(
  db: Parameters<typeof seedCatalog>[0],
  random: () => number,
  count: number,
): Promise<string[]> {
  const { rows } = await sql<{ title: string }>`
    select title from products where status = 'active' order by md5(id::text) limit 20000`.execute(db);
  const titles = rows.map((r) => r.title.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((words) => words.length > 0);
  const longer = titles.filter((words) => words.length > 1);
  const categories = await sql<{ slug: string; name: string }>`select slug, name from categories`.execute(db);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const word = () => pick(pick(titles));
  const pair = () => {
    const t = pick(longer);
    const i = Math.floor(random() * (t.length - 1));
    return `${t[i]} ${t[i + 1]}`;
  };
  const typo = () => {
    const w = word();
    const at = 1 + Math.floor(random() * (w.length - 2));
    return w.slice(0, at) + w.slice(at + 1);
  };
  const q = (text: string) => `q=${encodeURIComponent(text)}`;
  const kinds: Array<{ weight: number; path: () => string }> = [
    { weight: 25, path: () => q(word()) },
    { weight: 20, path: () => q(pair()) },
    { weight: 10, path: () => q(random() < 0.5 ? typo() : `${word()} ${typo()}`) },
    {
      weight: 8,
      path: () =>
        q(
          `${word()} ${pick(categories.rows)
            .name.split(/[ &,]+/)[0]!
            .toLowerCase()}`,
        ),
    },
    { weight: 8, path: () => `${q(word())}&shipsTo=${pick(COUNTRIES)}` },
    { weight: 8, path: () => `${q(word())}&sort=${random() < 0.5 ? 'price_asc' : 'price_desc'}` },
    { weight: 6, path: () => `${q(word())}&page=${2 + Math.floor(random() * 4)}` },
    {
      weight: 15,
      path: () =>
        `category=${pick(SHIPTO_CATEGORIES)}&${pick(['sort=price_asc', 'onOffer=true', `shipsTo=${pick(COUNTRIES)}`, 'sort=newest', `minPrice=${100 * Math.floor(random() * 50)}`])}`,
    },
  ];
  const total = kinds.reduce((n, k) => n + k.weight, 0);
  return Array.from({ length: count }, () => {
    let roll = random() * total;
    const kind = kinds.find((k) => (roll -= k.weight) < 0) ?? kinds[0]!;
    return `/api/search?${kind.path()}`;
  });
}

/** catalog.ts's fixed mix: 1,000 paths cycled. */
function repeatedSearches(random: () => number, count: number): string[] {
  const total = SEARCH_MIX.reduce((n, k) => n + k.weight, 0);
  return Array.from({ length: count }, () => {
    let roll = random() * total;
    const kind = SEARCH_MIX.find((k) => (roll -= k.weight) < 0) ?? SEARCH_MIX[0]!;
    return `/api/search?${kind.queries[Math.floor(random() * kind.queries.length)]}`;
  });
}

type Run = LoadResult & { cpuMicrosPerRequest: number; cacheHits: number; cacheMisses: number };

function summary(runs: Run[]) {
  const hits = runs.reduce((n, r) => n + r.cacheHits, 0);
  const misses = runs.reduce((n, r) => n + r.cacheMisses, 0);
  return {
    rps: median(runs.map((r) => r.rps)),
    p50_ms: median(runs.map((r) => r.p50_ms)),
    p99_ms: median(runs.map((r) => r.p99_ms)),
    p99_ms_rounds: runs.map((r) => round(r.p99_ms)),
    cpu_us_per_req: median(runs.map((r) => r.cpuMicrosPerRequest)),
    cacheHitShare: hits + misses === 0 ? null : hits / (hits + misses),
  };
}

export async function benchCatalogSearchOn(target: BenchDatabase): Promise<void> {
  const engine = target.engine;
  const app = await startSignedInApp(target);
  const coldPort = await freePort();
  const cold = await buildApp(benchConfig(target, coldPort, { RUN_JOBS: 'false', CATALOG_CACHE_MB: '0' }), {
    database: target.database,
    rateLimits: false,
  });
  let coldServed = 0;
  cold.addHook('onResponse', async () => {
    coldServed++;
  });
  await cold.listen({ port: coldPort, host: '127.0.0.1' });
  const coldUrl = `http://127.0.0.1:${coldPort}`;
  const dir = path.join(target.dataDir, 'paths');
  try {
    const started = performance.now();
    await seedCatalog(app.app.souk.db, CATALOG);
    emit({
      bench: 'catalog-search-seed',
      engine,
      products: CATALOG.products,
      seconds: round((performance.now() - started) / 1000, 1),
      load_avg_1m: round(os.loadavg()[0]!),
    });
    const random = prng(11);
    const repeated = repeatedSearches(random, 1000);
    const distinct = await distinctSearches(app.app.souk.db, random, 4 * PER_ROUND);
    await mkdir(dir, { recursive: true });
    // Four slices: the distinct line's two rounds, the cold line's two rounds.
    const files: string[] = [];
    for (let i = 0; i < 4; i++) {
      const file = path.join(dir, `distinct-${i}.txt`);
      await writeFile(file, distinct.slice(i * PER_ROUND, (i + 1) * PER_ROUND).join('\n'));
      files.push(file);
    }
    const unique = new Set(distinct).size;

    const baselines = await startBaselines(target, app.userId);
    try {
      const load = async (
        name: string,
        served: () => number,
        cached: boolean,
        options: Pick<LoadOptions, 'url' | 'paths' | 'pathsFile'>,
      ): Promise<Run> => {
        const cache = app.app.souk.catalogCache;
        const before = { cpu: threadCpuMicros(), served: served(), cache: cache.stats() };
        const result = assertClean(name, await measureLoad({ ...LOAD, ...options }));
        const after = cache.stats();
        return {
          ...result,
          cpuMicrosPerRequest: (threadCpuMicros() - before.cpu) / (served() - before.served),
          cacheHits: cached ? after.hits - before.cache.hits : 0,
          cacheMisses: cached ? after.misses - before.cache.misses : 0,
        };
      };
      const oneRow = () => load('search-one-row', baselines.served, false, { url: `${baselines.url}/one-row` });
      const rep = () => load('search-repeated', app.served, true, { url: app.baseUrl, paths: repeated });
      const dist = (i: number) => load('search-distinct', app.served, true, { url: app.baseUrl, pathsFile: files[i]! });
      const coldRun = (i: number) =>
        load('search-cold', () => coldServed, false, { url: coldUrl, pathsFile: files[i]! });
      // A B C D D C B A.
      const runs = {
        oneRow: [await oneRow()],
        repeated: [await rep()],
        distinct: [await dist(0)],
        cold: [await coldRun(2)],
      };
      runs.cold.push(await coldRun(3));
      runs.distinct.push(await dist(1));
      runs.repeated.push(await rep());
      runs.oneRow.push(await oneRow());
      const base = summary(runs.oneRow);
      const loadAvg = round(os.loadavg()[0]!);
      const line = (bench: string, s: ReturnType<typeof summary>, extra: Record<string, unknown>) =>
        emit({
          bench,
          engine,
          connections: LOAD.connections,
          ...extra,
          rps: round(s.rps, 0),
          p50_ms: round(s.p50_ms),
          p99_ms: round(s.p99_ms),
          p99_ms_rounds: s.p99_ms_rounds,
          cpu_us_per_req: round(s.cpu_us_per_req, 0),
          ...(s.cacheHitShare === null ? {} : { cache_hit_share: round(s.cacheHitShare) }),
          ...(bench === 'search-one-row'
            ? {}
            : {
                ratio_rps_vs_one_row: round(s.rps / base.rps),
                ratio_p99_vs_one_row: round(s.p99_ms / base.p99_ms),
                aim: 'ratio_p99_vs_one_row <= 4',
              }),
          load_avg_1m: loadAvg,
        });
      line('search-one-row', base, {});
      line('search-repeated', summary(runs.repeated), {
        catalog_cache_mb: app.app.souk.config.catalogCacheMb,
        paths: 1000,
      });
      line('search-distinct', summary(runs.distinct), {
        catalog_cache_mb: app.app.souk.config.catalogCacheMb,
        distinct_paths: unique,
      });
      line('search-cold', summary(runs.cold), { catalog_cache_mb: 0, distinct_paths: unique });
    } finally {
      await baselines.server.close();
    }
  } finally {
    await cold.close();
    await app.close();
  }
}

export async function benchCatalogSearch(engine: Engine): Promise<void> {
  const target = await openBenchDatabase(engine, 'catalog-search');
  try {
    await benchCatalogSearchOn(target);
  } finally {
    await target.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runEachEngine(benchCatalogSearch);
