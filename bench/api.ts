// Question: what does Souk's request pipeline (helmet, CSRF hook, cookie + HMAC, session join,
// response schema) cost on top of the cheapest possible database read? `GET /api/me` is
// compared with two baselines served by the same process against the same database:
//   A. a bare Fastify "hello" route (HTTP floor), B. a bare route reading one row by primary key
//   through the app's own Kysely instance (the floor of any endpoint that touches the database).
import Fastify, { type FastifyInstance } from 'fastify';
import type { BenchDatabase } from './lib/engines.ts';
import type { SignedInApp } from './lib/app.ts';
import { assertClean, measureLoad, type LoadOptions, type LoadResult } from './lib/load.ts';
import { emit } from './lib/util.ts';
import { round } from './lib/stats.ts';

export const API_LOAD = { connections: 10, seconds: 6, warmupSeconds: 1 } as const;

async function startBaselines(target: BenchDatabase, userId: string): Promise<{ server: FastifyInstance; url: string }> {
  const server = Fastify({ logger: false });
  server.get('/hello', async () => ({ hello: 'world' }));
  server.get('/one-row', async () =>
    target.database.db.selectFrom('users').select(['id', 'display_name']).where('id', '=', userId).executeTakeFirstOrThrow(),
  );
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, url };
}

const figures = (result: LoadResult) => ({ rps: round(result.rps, 0), p50_ms: round(result.p50_ms), p99_ms: round(result.p99_ms), requests: result.requests });

export async function benchApi(target: BenchDatabase, signedIn: SignedInApp): Promise<void> {
  const baselines = await startBaselines(target, signedIn.userId);
  try {
    const load = (url: string, extra: Partial<LoadOptions> = {}) => measureLoad({ url, ...API_LOAD, ...extra });
    const hello = assertClean('api-hello', await load(`${baselines.url}/hello`));
    const oneRow = assertClean('api-one-row', await load(`${baselines.url}/one-row`));
    const me = assertClean('api-me', await load(`${signedIn.baseUrl}/api/me`, { headers: { cookie: signedIn.cookie } }));
    const engine = target.engine;
    emit({ bench: 'api-hello', engine, ...figures(hello) });
    emit({
      bench: 'api-one-row',
      engine,
      ...figures(oneRow),
      ratio_rps_vs_hello: round(oneRow.rps / hello.rps),
      ratio_p99_vs_hello: round(oneRow.p99_ms / hello.p99_ms),
    });
    emit({
      bench: 'api-me',
      engine,
      ...figures(me),
      ratio_rps_vs_one_row: round(me.rps / oneRow.rps),
      ratio_p99_vs_one_row: round(me.p99_ms / oneRow.p99_ms),
      aim: 'ratio_rps_vs_one_row >= 0.70, ratio_p99_vs_one_row <= 1.5',
    });
  } finally {
    await baselines.server.close();
  }
}
