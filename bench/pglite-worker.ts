// Question (docs/decisions/005): should PGlite run on a worker thread, so HTTP and SQL use both
// cores? A throwaway prototype: PGlite in a worker_threads Worker, `query(sql, params)` proxied
// over postMessage, compared with PGlite in-process on the same data and the same routes:
//   one-row          GET /one-row (primary-key read), 10 connections
//   one-row-heavy    the same while another client loops GET /heavy (200k-row aggregate)
//   hello-heavy      GET /hello (no SQL) while the heavy client loops
// Runs as part of `npm run bench`, or alone: `node bench/pglite-worker.ts`.
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import Fastify from 'fastify';
import { PGlite } from '@electric-sql/pglite';
import { readTemplate } from '../src/db/pglite-template.ts';
import { LOAD_NOTE, assertClean, measureLoad, type LoadResult } from './lib/load.ts';
import { emit, makeTempDir, removeDir, sleep } from './lib/util.ts';
import { median, round } from './lib/stats.ts';

export type WorkerRequest = { id: number; kind: 'query' | 'exec' | 'close'; sql: string; params: unknown[] };
export type WorkerReply = { id: number; rows: unknown[] } | { id: number; error: string };

type SqlClient = {
  query(sql: string, params?: unknown[]): Promise<unknown[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
};

type Mode = 'in-process' | 'worker';

async function openInProcess(dataDir: string): Promise<SqlClient> {
  const template = await readTemplate();
  const client = await PGlite.create({ dataDir, ...(template ? { loadDataDir: template } : {}) });
  return {
    query: async (sql, params = []) => (await client.query(sql, params)).rows,
    exec: async (sql) => {
      await client.exec(sql);
    },
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
const LOAD = { connections: 10, seconds: 5, warmupSeconds: 1 } as const;

async function measureMode(mode: Mode): Promise<Record<string, LoadResult | number>> {
  const dataDir = await makeTempDir(`worker-${mode}`);
  const client = mode === 'worker' ? await openInWorker(path.join(dataDir, 'pglite')) : await openInProcess(path.join(dataDir, 'pglite'));
  const server = Fastify({ logger: false });
  try {
    await client.exec(SEED_SQL);
    const heavyTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await client.query(HEAVY_SQL);
      heavyTimes.push(performance.now() - started);
    }
    let next = 0;
    server.get('/hello', async () => ({ hello: 'world' }));
    server.get('/one-row', async () => (await client.query('select id, name from items where id = $1', [(next++ % ITEMS) + 1]))[0]);
    server.get('/heavy', async () => (await client.query(HEAVY_SQL))[0]);
    const url = await server.listen({ port: 0, host: '127.0.0.1' });

    const alone = assertClean(`${mode} one-row`, await measureLoad({ url: `${url}/one-row`, ...LOAD }));
    const underHeavy = async (route: string) => {
      // The heavy client starts first and outlasts the measured window.
      const heavy = measureLoad({ url: `${url}/heavy`, connections: 1, seconds: LOAD.seconds + LOAD.warmupSeconds + 1, warmupSeconds: 0 });
      await sleep(300);
      const measured = assertClean(`${mode} ${route} under heavy`, await measureLoad({ url: `${url}${route}`, ...LOAD }));
      return { measured, heavy: assertClean(`${mode} heavy`, await heavy) };
    };
    const oneRowHeavy = await underHeavy('/one-row');
    const helloHeavy = await underHeavy('/hello');
    return {
      heavy_query_ms: median(heavyTimes),
      'one-row': alone,
      'one-row-heavy': oneRowHeavy.measured,
      'one-row-heavy:heavy': oneRowHeavy.heavy,
      'hello-heavy': helloHeavy.measured,
      'hello-heavy:heavy': helloHeavy.heavy,
    };
  } finally {
    await server.close();
    await client.close();
    await removeDir(dataDir);
  }
}

export async function benchPGliteWorker(): Promise<void> {
  const results = { 'in-process': await measureMode('in-process'), worker: await measureMode('worker') };
  const base = results['in-process'];
  for (const mode of ['in-process', 'worker'] as const) {
    const r = results[mode];
    emit({ bench: 'pglite-worker', mode, scenario: 'heavy-query-alone', heavy_query_ms: round(r.heavy_query_ms as number) });
    for (const scenario of ['one-row', 'one-row-heavy', 'hello-heavy'] as const) {
      const m = r[scenario] as LoadResult;
      const b = base[scenario] as LoadResult;
      const heavy = r[`${scenario}:heavy`] as LoadResult | undefined;
      emit({
        bench: 'pglite-worker',
        mode,
        scenario,
        rps: round(m.rps, 0),
        p50_ms: round(m.p50_ms),
        p99_ms: round(m.p99_ms),
        ...(heavy ? { heavy_rps: round(heavy.rps, 1) } : {}),
        ...(mode === 'worker' ? { ratio_rps_vs_in_process: round(m.rps / b.rps), ratio_p99_vs_in_process: round(m.p99_ms / b.p99_ms) } : {}),
      });
    }
  }
}

if (import.meta.main) {
  emit({ bench: 'note', note: LOAD_NOTE });
  await benchPGliteWorker();
}
