// Question (docs/decisions/005): should PGlite run on a worker thread, so HTTP and SQL use both
// cores? A throwaway prototype: PGlite in a worker_threads Worker, `query(sql, params)` proxied
// over postMessage, compared with PGlite in-process on the same data and the same routes:
//   one-row          GET /one-row (primary-key read), 10 connections
//   one-row-heavy    the same while another client loops GET /heavy (200k-row aggregate)
//   hello-heavy      GET /hello (no SQL) while the heavy client loops
// Both set-ups are open at once and measured alternately (ABBA…), so background load on the
// machine hits both alike; figures are medians over the rounds.
// Runs as part of `npm run bench`, or alone: `node bench/pglite-worker.ts [rounds]`.
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { PGlite } from '@electric-sql/pglite';
import { readTemplate } from '../src/db/pglite-template.ts';
import { LOAD_NOTE, assertClean, measureLoad, type LoadResult } from './lib/load.ts';
import { emit, makeTempDir, removeDir, sleep, threadCpuMicros } from './lib/util.ts';
import { median, round } from './lib/stats.ts';

export type WorkerRequest = { id: number; kind: 'query' | 'exec' | 'cpu' | 'close'; sql: string; params: unknown[] };
export type WorkerReply = { id: number; rows: unknown[] } | { id: number; error: string };

type SqlClient = {
  query(sql: string, params?: unknown[]): Promise<unknown[]>;
  exec(sql: string): Promise<void>;
  /** CPU µs used so far by the thread that runs PGlite, if it is not the main thread. */
  sqlThreadCpuMicros(): Promise<number>;
  close(): Promise<void>;
};

const MODES = ['in-process', 'worker'] as const;
type Mode = (typeof MODES)[number];
const SCENARIOS = ['one-row', 'one-row-heavy', 'hello-heavy'] as const;
type Scenario = (typeof SCENARIOS)[number];

async function openInProcess(dataDir: string): Promise<SqlClient> {
  const template = await readTemplate();
  const client = await PGlite.create({ dataDir, ...(template ? { loadDataDir: template } : {}) });
  return {
    query: async (sql, params = []) => (await client.query(sql, params)).rows,
    exec: async (sql) => {
      await client.exec(sql);
    },
    sqlThreadCpuMicros: async () => 0,
    close: () => client.close(),
  };
}

async function openInWorker(dataDir: string): Promise<SqlClient> {
  const worker = new Worker(new URL('./lib/pglite-worker-thread.ts', import.meta.url), { workerData: { dataDir } });
  const pending = new Map<number, { resolve(rows: unknown[]): void; reject(error: Error): void }>();
  let nextId = 1;
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    pending.set(0, { resolve: () => resolve(), reject });
  });
  worker.on('message', (reply: WorkerReply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) waiter?.reject(new Error(reply.error));
    else waiter?.resolve(reply.rows);
  });
  const send = (kind: WorkerRequest['kind'], sql: string, params: unknown[]) =>
    new Promise<unknown[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, kind, sql, params } satisfies WorkerRequest);
    });
  await ready;
  return {
    query: (sql, params = []) => send('query', sql, params),
    exec: async (sql) => {
      await send('exec', sql, []);
    },
    sqlThreadCpuMicros: async () => Number((await send('cpu', '', []))[0]),
    async close() {
      await send('close', '', []);
      await worker.terminate();
    },
  };
}

const ITEMS = 10_000;
const SEED_SQL = `
  create table items (id int primary key, name text not null);
  insert into items select g, 'item ' || g from generate_series(1, ${ITEMS}) g;
  create table big (id int primary key, x text not null);
  insert into big select g, md5(g::text) || repeat('x', g % 50) from generate_series(1, 200000) g;
  analyze;
`;
const HEAVY_SQL = 'select count(*) as n, sum(length(x)) as total from big';
const LOAD = { connections: 10, seconds: 4, warmupSeconds: 1 } as const;

type Setup = {
  client: SqlClient;
  server: FastifyInstance;
  url: string;
  dataDir: string;
  openMs: number;
  served: () => number;
};

async function openSetup(mode: Mode): Promise<Setup> {
  const dataDir = await makeTempDir(`worker-${mode}`);
  const location = path.join(dataDir, 'pglite');
  const opening = performance.now();
  const client = mode === 'worker' ? await openInWorker(location) : await openInProcess(location);
  const openMs = performance.now() - opening;
  await client.exec(SEED_SQL);
  const server = Fastify({ logger: false });
  let next = 0;
  server.get('/hello', async () => ({ hello: 'world' }));
  server.get(
    '/one-row',
    async () => (await client.query('select id, name from items where id = $1', [(next++ % ITEMS) + 1]))[0],
  );
  const served = () => next;
  server.get('/heavy', async () => (await client.query(HEAVY_SQL))[0]);
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return { client, server, url, dataDir, openMs, served };
}

async function closeSetup(setup: Setup): Promise<void> {
  await setup.server.close();
  await setup.client.close();
  await removeDir(setup.dataDir);
}

/** Median ms of the heavy query run alone, after a warm-up (V8 tiers PGlite's WASM up lazily). */
async function timeHeavyQuery(client: SqlClient): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 8; i++) {
    const started = performance.now();
    await client.query(HEAVY_SQL);
    if (i >= 3) times.push(performance.now() - started);
  }
  return median(times);
}

type Measured = {
  result: LoadResult;
  heavy?: LoadResult;
  cpu?: { mainMicrosPerRequest: number; sqlMicrosPerRequest: number };
};

/** One-row alone, with the CPU each thread spent per request (warm-up included on both sides). */
async function measureOneRow(setup: Setup): Promise<Measured> {
  const before = { main: threadCpuMicros(), sql: await setup.client.sqlThreadCpuMicros(), served: setup.served() };
  const result = assertClean('one-row', await measureLoad({ url: `${setup.url}/one-row`, ...LOAD }));
  const served = setup.served() - before.served;
  const main = threadCpuMicros() - before.main;
  const sqlThread = (await setup.client.sqlThreadCpuMicros()) - before.sql;
  return { result, cpu: { mainMicrosPerRequest: main / served, sqlMicrosPerRequest: sqlThread / served } };
}

async function measureScenario(setup: Setup, scenario: Scenario): Promise<Measured> {
  const route = scenario === 'hello-heavy' ? '/hello' : '/one-row';
  if (scenario === 'one-row') return measureOneRow(setup);
  // The heavy client starts first and outlasts the measured window.
  const heavy = measureLoad({
    url: `${setup.url}/heavy`,
    connections: 1,
    seconds: LOAD.seconds + LOAD.warmupSeconds + 1,
    warmupSeconds: 0,
  });
  await sleep(300);
  const result = assertClean(scenario, await measureLoad({ url: `${setup.url}${route}`, ...LOAD }));
  return { result, heavy: assertClean(`${scenario} (heavy client)`, await heavy) };
}

export async function benchPGliteWorker(rounds = 2): Promise<void> {
  // Opened one after the other: open_ms (new database from the initdb template) is comparable.
  const setups = { 'in-process': await openSetup('in-process'), worker: await openSetup('worker') };
  try {
    const heavyMs: Record<Mode, number[]> = { 'in-process': [], worker: [] };
    const runs: Record<Mode, Record<Scenario, Measured[]>> = {
      'in-process': { 'one-row': [], 'one-row-heavy': [], 'hello-heavy': [] },
      worker: { 'one-row': [], 'one-row-heavy': [], 'hello-heavy': [] },
    };
    for (let pass = 0; pass < rounds; pass++) {
      const order = pass % 2 === 0 ? MODES : ([...MODES].reverse() as Mode[]);
      for (const mode of order) heavyMs[mode].push(await timeHeavyQuery(setups[mode].client));
      for (const scenario of SCENARIOS) {
        for (const mode of order) runs[mode][scenario].push(await measureScenario(setups[mode], scenario));
      }
    }
    const summary = (mode: Mode, scenario: Scenario) => {
      const measured = runs[mode][scenario];
      const heavy = measured.flatMap((m) => (m.heavy ? [m.heavy.rps] : []));
      const cpu = measured.flatMap((m) => (m.cpu ? [m.cpu] : []));
      const mainUs = median(cpu.map((c) => c.mainMicrosPerRequest));
      const sqlUs = median(cpu.map((c) => c.sqlMicrosPerRequest));
      return {
        projectedRps: cpu.length > 0 ? 1e6 / Math.max(mainUs, sqlUs) : undefined,
        // With a core per busy thread (no load generator beside it), the busiest thread sets the ceiling.
        cpu:
          cpu.length > 0
            ? {
                main_thread_cpu_us_per_req: round(mainUs, 0),
                sql_thread_cpu_us_per_req: round(sqlUs, 0),
                projected_rps_own_cores: round(1e6 / Math.max(mainUs, sqlUs), 0),
              }
            : {},
        rps: median(measured.map((m) => m.result.rps)),
        p50_ms: median(measured.map((m) => m.result.p50_ms)),
        p99_ms: median(measured.map((m) => m.result.p99_ms)),
        p99_ms_rounds: measured.map((m) => round(m.result.p99_ms)),
        heavy_rps: heavy.length > 0 ? median(heavy) : undefined,
      };
    };
    for (const mode of MODES) {
      emit({
        bench: 'pglite-worker',
        mode,
        scenario: 'heavy-query-alone',
        heavy_query_ms: round(median(heavyMs[mode])),
        open_ms: Math.round(setups[mode].openMs),
        rounds,
      });
    }
    for (const scenario of SCENARIOS) {
      const base = summary('in-process', scenario);
      for (const mode of MODES) {
        const s = summary(mode, scenario);
        emit({
          bench: 'pglite-worker',
          mode,
          scenario,
          rps: round(s.rps, 0),
          p50_ms: round(s.p50_ms),
          p99_ms: round(s.p99_ms),
          p99_ms_rounds: s.p99_ms_rounds,
          ...s.cpu,
          ...(s.heavy_rps !== undefined ? { heavy_rps: round(s.heavy_rps, 1) } : {}),
          ...(mode === 'worker'
            ? {
                ratio_rps_vs_in_process: round(s.rps / base.rps),
                ratio_p99_vs_in_process: round(s.p99_ms / base.p99_ms),
              }
            : {}),
          ...(mode === 'worker' && s.projectedRps !== undefined && base.projectedRps !== undefined
            ? { ratio_projected_rps_vs_in_process: round(s.projectedRps / base.projectedRps) }
            : {}),
        });
      }
    }
  } finally {
    await closeSetup(setups['in-process']);
    await closeSetup(setups.worker);
  }
}

if (import.meta.main) {
  const rounds = Math.min(10, Math.max(1, Number(process.argv[2] ?? 2) || 2));
  emit({ bench: 'note', note: `${LOAD_NOTE}; PGlite queried directly (no Kysely) in both modes` });
  await benchPGliteWorker(rounds);
}
