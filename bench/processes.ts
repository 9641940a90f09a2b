// Question: how many product pages a second does Souk serve on PostgreSQL with one web process,
// and with two (WEB_CONCURRENCY=2, decision 043), on this machine? Both set-ups are real
// `node src/server.ts` processes on the same database, started side by side and measured in
// A B B A order; the figure is the ratio of the medians. The load generator, PostgreSQL and the
// web processes share this machine's cores, so the ratio is what a second process buys here, not
// on a machine with a core per process. PostgreSQL only (PGlite is one process by design).
// Runs as part of `npm run bench`, or alone: `node bench/processes.ts [products]`.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { COUNTRIES, seedCatalog } from '../src/modules/catalog/index.ts';
import { BENCH_SECRET } from './lib/app.ts';
import { createPostgresDatabase, postgresUnavailableReason } from './lib/engines.ts';
import { LOAD_NOTE, assertClean, measureLoad, type LoadResult } from './lib/load.ts';
import { median, round } from './lib/stats.ts';
import { ROOT, emit, freePort, makeTempDir, removeDir, sleep } from './lib/util.ts';

const LOAD = { connections: 20, seconds: 5, warmupSeconds: 1 } as const;

type Server = { url: string; child: ChildProcess; stop(): Promise<void> };

async function startServer(databaseUrl: string, dataDir: string, processes: number): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['src/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      AUTH_SECRET: BENCH_SECRET,
      PUBLIC_URL: url,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      RUN_JOBS: 'false',
      WEB_CONCURRENCY: String(processes),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr.slice(-500)}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready: ${stderr.slice(-500)}`);
    }
    const ready = await fetch(`${url}/api/ready`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (ready === 200) break;
    await sleep(50);
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

export async function benchProcesses(products = 20_000): Promise<void> {
  const unavailable = await postgresUnavailableReason();
  if (unavailable) {
    emit({ bench: 'catalog-processes', skipped: unavailable });
    return;
  }
  const database = await createPostgresDatabase(`souk_bench_processes_${process.pid}`);
  const dataDir = await makeTempDir('processes');
  const servers: Server[] = [];
  try {
    const opened = await openDatabase({ databaseUrl: database.url, dataDir });
    try {
      await migrateToLatest(opened.db);
      await seedCatalog(opened.db, { products, stores: Math.max(50, Math.round(products / 200)), seed: 42 });
      await sql`vacuum analyze`.execute(opened.db);
    } finally {
      await opened.close();
    }
    const one = await startServer(database.url, dataDir, 1);
    servers.push(one);
    const two = await startServer(database.url, dataDir, 2);
    servers.push(two);
    const reader = await openDatabase({ databaseUrl: database.url, dataDir });
    const ids = (
      await sql<{
        id: string;
      }>`select id from products where status = 'active' order by md5(id::text) limit 600`.execute(reader.db)
    ).rows.map((r) => r.id);
    await reader.close();
    const paths = ids.map((id, i) => `/api/products/${id}?country=${COUNTRIES[i % COUNTRIES.length]}`);
    const run = async (name: string, url: string) => assertClean(name, await measureLoad({ ...LOAD, url, paths }));
    // A B B A: drifting background load hits both alike.
    const oneRuns: LoadResult[] = [await run('one-process', one.url)];
    const twoRuns: LoadResult[] = [await run('two-processes', two.url), await run('two-processes', two.url)];
    oneRuns.push(await run('one-process', one.url));
    const rpsOne = median(oneRuns.map((r) => r.rps));
    const rpsTwo = median(twoRuns.map((r) => r.rps));
    emit({
      bench: 'catalog-processes',
      products,
      cores: os.availableParallelism(),
      rps_one_process: round(rpsOne),
      rps_two_processes: round(rpsTwo),
      ratio_two_to_one: round(rpsTwo / rpsOne, 2),
      p99_ms_one_process: round(median(oneRuns.map((r) => r.p99_ms))),
      p99_ms_two_processes: round(median(twoRuns.map((r) => r.p99_ms))),
      note: `${LOAD_NOTE}; the web processes, PostgreSQL and the load generator share this machine's cores`,
    });
  } finally {
    for (const server of servers) await server.stop();
    await database.drop();
    await removeDir(dataDir);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchProcesses(process.argv[2] ? Number(process.argv[2]) : undefined);
}
