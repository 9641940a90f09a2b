// Question: does sign-in reach the capacity argon2id allows on this machine? Capacity is
// cores ÷ hash time (a verify costs one hash); real sign-ins/s go through POST /api/auth/sign-in
// (rate limits off), each of which also reads the account and writes a session row.
//
// Baselines, measured in the same run:
//   A. the serial hash time, for the aim's capacity (cores ÷ hash time);
//   B. a bare Fastify route that only checks the password (JSON body, one argon2id verify, no
//      database): what argon2id itself allows through HTTP here, with the same number of
//      requests in flight. Two hashes in parallel share the memory bus and the last-level cache
//      (19 MiB each), and the load generator shares the cores, so B falls short of A by the
//      machine's own measure; sign-in ÷ B is what Souk's sign-in costs on top of the hash.
// This machine's speed drifts by ±20 % over seconds (other tenants' memory traffic slows a
// memory-bound hash), so the run is cut into rounds: each round times serial hashes, then loads
// B and sign-in back to back (their order alternating), and every ratio is taken within a round.
// The figures are the medians over the rounds.
import os from 'node:os';
import Fastify from 'fastify';
import { hashPassword, verifyPassword } from '../src/modules/auth/index.ts';
import type { BenchDatabase } from './lib/engines.ts';
import type { SignedInApp } from './lib/app.ts';
import { runAlone } from './lib/standalone.ts';
import { assertClean, measureLoad, type LoadOptions } from './lib/load.ts';
import { emit } from './lib/util.ts';
import { median, round } from './lib/stats.ts';

const ROUNDS = 4;
const HASHES_PER_ROUND = 12;
const LOAD = { seconds: 3, warmupSeconds: 1 } as const;

const processCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Mean wall ms and CPU ms of argon2id hashes run one after another. */
async function timeHashes(count: number): Promise<{ ms: number; cpuMs: number }> {
  const cpuBefore = processCpuMs();
  const started = performance.now();
  for (let i = 0; i < count; i++) await hashPassword(`bench-password-${i}`);
  return { ms: (performance.now() - started) / count, cpuMs: (processCpuMs() - cpuBefore) / count };
}

const PARALLEL_SECONDS = 3;

/** Hashes/s with `concurrency` hashes in flight (libuv's pool runs them), no HTTP. */
async function parallelHashRate(concurrency: number): Promise<number> {
  let done = 0;
  const started = performance.now();
  const deadline = started + PARALLEL_SECONDS * 1000;
  const lane = async () => {
    while (performance.now() < deadline) {
      await hashPassword(`bench-password-${done}`);
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return (done * 1000) / (performance.now() - started);
}

/** Baseline B: POST /verify checks the password against a stored argon2id hash, nothing else. */
async function startVerifyRoute(password: string) {
  const stored = await hashPassword(password);
  const server = Fastify({ logger: false });
  const body = {
    type: 'object',
    additionalProperties: false,
    required: ['email', 'password'],
    properties: { email: { type: 'string', maxLength: 254 }, password: { type: 'string', maxLength: 128 } },
  } as const;
  server.post<{ Body: { email: string; password: string } }>(
    '/verify',
    { schema: { body } },
    async (request, reply) => {
      if (!(await verifyPassword(stored, request.body.password))) return reply.code(401).send({ ok: false });
      return { ok: true };
    },
  );
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${url}/verify`, close: () => server.close() };
}

export async function benchSignIn(target: BenchDatabase, signedIn: SignedInApp): Promise<void> {
  const cores = os.availableParallelism();
  const connections = 2 * cores;
  const verifyRoute = await startVerifyRoute(signedIn.password);
  try {
    const post = (url: string, origin: string): LoadOptions => ({
      url,
      method: 'POST',
      connections,
      ...LOAD,
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ email: signedIn.email, password: signedIn.password }),
    });
    const signInLoad = async () => {
      const cpuBefore = processCpuMs();
      const servedBefore = signedIn.served();
      const result = assertClean(
        'sign-in',
        await measureLoad(post(`${signedIn.baseUrl}/api/auth/sign-in`, signedIn.baseUrl)),
      );
      return { ...result, cpuMs: (processCpuMs() - cpuBefore) / (signedIn.served() - servedBefore) };
    };
    const verifyLoad = async () =>
      assertClean('sign-in-verify-route', await measureLoad(post(verifyRoute.url, signedIn.baseUrl)));

    await timeHashes(2); // warm-up
    const rounds: Array<{
      hashMs: number;
      hashCpuMs: number;
      signIns: number;
      verifies: number;
      p99: number;
      cpuMs: number;
    }> = [];
    for (let i = 0; i < ROUNDS; i++) {
      const hashes = await timeHashes(HASHES_PER_ROUND);
      const signInFirst = i % 2 === 0;
      const first = signInFirst ? await signInLoad() : await verifyLoad();
      const second = signInFirst ? await verifyLoad() : await signInLoad();
      const signIn = (signInFirst ? first : second) as Awaited<ReturnType<typeof signInLoad>>;
      const verify = signInFirst ? second : first;
      rounds.push({
        hashMs: hashes.ms,
        hashCpuMs: hashes.cpuMs,
        signIns: signIn.rps,
        verifies: verify.rps,
        p99: signIn.p99_ms,
        cpuMs: signIn.cpuMs,
      });
    }
    const parallelRate = await parallelHashRate(connections);

    const capacity = (r: (typeof rounds)[number]) => (cores * 1000) / r.hashMs;
    const vsCapacity = rounds.map((r) => r.signIns / capacity(r));
    emit({
      bench: 'sign-in',
      engine: target.engine,
      cores,
      connections,
      rounds: ROUNDS,
      hash_ms: round(median(rounds.map((r) => r.hashMs))),
      hash_ms_rounds: rounds.map((r) => round(r.hashMs, 1)),
      capacity_per_s: round(median(rounds.map(capacity)), 1),
      sign_ins_per_s: round(median(rounds.map((r) => r.signIns)), 1),
      p99_ms: round(median(rounds.map((r) => r.p99))),
      ratio_vs_capacity: round(median(vsCapacity)),
      ratio_vs_capacity_rounds: vsCapacity.map((x) => round(x)),
      verify_route_per_s: round(median(rounds.map((r) => r.verifies)), 1),
      verify_route_ratio_vs_capacity: round(median(rounds.map((r) => r.verifies / capacity(r)))),
      ratio_vs_verify_route: round(median(rounds.map((r) => r.signIns / r.verifies))),
      parallel_hashes_per_s: round(parallelRate, 1),
      hash_cpu_ms: round(median(rounds.map((r) => r.hashCpuMs))),
      cpu_ms_per_sign_in: round(median(rounds.map((r) => r.cpuMs))),
      aim: 'ratio_vs_capacity >= 0.8',
    });
  } finally {
    await verifyRoute.close();
  }
}

// Run alone: `node bench/sign-in.ts [pglite|postgres]` (both engines when no argument is given).
if (import.meta.main) await runAlone('sign-in', benchSignIn);
