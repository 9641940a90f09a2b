// Question: what does Souk's request pipeline (helmet, CSRF hook, cookie + HMAC, session join,
// response schema) cost on top of the cheapest possible database read? `GET /api/me` is
// compared with two baselines served by the same process against the same database:
//   A. a bare Fastify "hello" route (HTTP floor), B. a bare route reading one row by primary key
//   through the app's own Kysely instance (the floor of any endpoint that touches the database).
import Fastify, { type FastifyInstance } from 'fastify';
import { PGLITE_THREAD, type BenchDatabase } from './lib/engines.ts';
import type { SignedInApp } from './lib/app.ts';
import { runAlone } from './lib/standalone.ts';
import { assertClean, measureLoad, type LoadOptions, type LoadResult } from './lib/load.ts';
import { emit, threadCpuMicros } from './lib/util.ts';
import { median, round } from './lib/stats.ts';

export const API_LOAD = { connections: 10, seconds: 4, warmupSeconds: 1 } as const;

export async function startBaselines(
  target: BenchDatabase,
  userId: string,
): Promise<{ server: FastifyInstance; url: string; served(): number }> {
  const server = Fastify({ logger: false });
  let served = 0;
  server.addHook('onResponse', async () => {
    served++;
  });
  server.get('/hello', async () => ({ hello: 'world' }));
  server.get('/one-row', async () =>
    target.database.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow(),
  );
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, url, served: () => served };
}

type Run = LoadResult & { cpuMicrosPerRequest: number };
type Summary = { rps: number; p50_ms: number; p99_ms: number; p99_ms_rounds: number[]; cpu_us_per_req: number };

/** Medians over the rounds of one route. */
function summarise(results: Run[]): Summary {
  return {
    cpu_us_per_req: median(results.map((r) => r.cpuMicrosPerRequest)),
    rps: median(results.map((r) => r.rps)),
    p50_ms: median(results.map((r) => r.p50_ms)),
    p99_ms: median(results.map((r) => r.p99_ms)),
    p99_ms_rounds: results.map((r) => round(r.p99_ms)),
  };
}

const figures = (s: Summary) => ({
  rps: round(s.rps, 0),
  p50_ms: round(s.p50_ms),
  p99_ms: round(s.p99_ms),
  p99_ms_rounds: s.p99_ms_rounds,
  cpu_us_per_req: round(s.cpu_us_per_req, 0),
});

export async function benchApi(target: BenchDatabase, signedIn: SignedInApp): Promise<void> {
  const baselines = await startBaselines(target, signedIn.userId);
  try {
    // Main-thread CPU per response (warm-up included) does not depend on what else the machine
    // runs, unlike rps and p99; on PGlite it includes the SQL, on PostgreSQL only the client side.
    const load = async (
      name: string,
      served: () => number,
      url: string,
      extra: Partial<LoadOptions> = {},
    ): Promise<Run> => {
      const before = { cpu: threadCpuMicros(), served: served() };
      const result = assertClean(name, await measureLoad({ url, ...API_LOAD, ...extra }));
      return { ...result, cpuMicrosPerRequest: (threadCpuMicros() - before.cpu) / (served() - before.served) };
    };
    const hello = () => load('api-hello', baselines.served, `${baselines.url}/hello`);
    const oneRowLoad = () => load('api-one-row', baselines.served, `${baselines.url}/one-row`);
    const meLoad = () =>
      load('api-me', signedIn.served, `${signedIn.baseUrl}/api/me`, { headers: { cookie: signedIn.cookie } });
    // A B B A order, so drifting background load on the machine hits one-row and /api/me alike.
    const helloSummary = summarise([await hello()]);
    const oneRowRuns = [await oneRowLoad()];
    const meRuns = [await meLoad(), await meLoad()];
    oneRowRuns.push(await oneRowLoad());
    const oneRow = summarise(oneRowRuns);
    const me = summarise(meRuns);
    const engine = target.engine;
    const thread = engine === 'pglite' ? { pglite_thread: PGLITE_THREAD } : {};
    emit({ bench: 'api-hello', engine, ...thread, ...figures(helloSummary) });
    emit({
      bench: 'api-one-row',
      engine,
      ...thread,
      ...figures(oneRow),
      ratio_rps_vs_hello: round(oneRow.rps / helloSummary.rps),
      ratio_p99_vs_hello: round(oneRow.p99_ms / helloSummary.p99_ms),
    });
    emit({
      bench: 'api-me',
      engine,
      ...thread,
      ...figures(me),
      ratio_rps_vs_one_row: round(me.rps / oneRow.rps),
      ratio_p99_vs_one_row: round(me.p99_ms / oneRow.p99_ms),
      ratio_cpu_per_req_vs_one_row: round(me.cpu_us_per_req / oneRow.cpu_us_per_req),
      aim: 'ratio_rps_vs_one_row >= 0.70, ratio_p99_vs_one_row <= 1.5',
    });
  } finally {
    await baselines.server.close();
  }
}

// Run alone: `node bench/api.ts [pglite|postgres]` (both engines when no argument is given);
// `npm run bench` calls benchApi with the database it also uses for sign-in.
if (import.meta.main) await runAlone('api', benchApi);
