// Question: does sign-in reach the capacity argon2id allows on this machine? Capacity is
// cores ÷ hash time (a verify costs one hash); real sign-ins/s go through POST /api/auth/sign-in
// (rate limits off), each of which also writes a session row. Hash time is measured before and
// after the load so drifting background load hits both sides. CPU figures (this process, all
// threads; not the load generator, not PostgreSQL's own processes) show where a sign-in's
// CPU goes beyond the hash, independent of what else the machine runs. A second baseline,
// hashes/s with as many hashes in flight as sign-in requests, is what argon2id really allows.
import os from 'node:os';
import { hashPassword } from '../src/modules/auth/password-policy.ts';
import type { BenchDatabase } from './lib/engines.ts';
import type { SignedInApp } from './lib/app.ts';
import { assertClean, measureLoad } from './lib/load.ts';
import { emit } from './lib/util.ts';
import { median, round } from './lib/stats.ts';

const HASHES_PER_SIDE = 15;
const HASH_TIME_LIMIT_MS = 10_000;

const processCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Wall and CPU ms of argon2id hashes run one after another. */
async function timeHashes(): Promise<{ wall: number[]; cpuMs: number }> {
  const wall: number[] = [];
  const cpuBefore = processCpuMs();
  const deadline = performance.now() + HASH_TIME_LIMIT_MS;
  for (let i = 0; i < HASHES_PER_SIDE && performance.now() < deadline; i++) {
    const started = performance.now();
    await hashPassword(`bench-password-${i}`);
    wall.push(performance.now() - started);
  }
  return { wall, cpuMs: processCpuMs() - cpuBefore };
}

const PARALLEL_SECONDS = 3;
const PARALLEL_MAX_HASHES = 1000;

/** Hashes/s with `concurrency` hashes in flight (libuv's pool runs them): argon2id is
 * memory-bound, so this can fall short of cores ÷ serial hash time. */
async function parallelHashRate(concurrency: number): Promise<number> {
  let done = 0;
  const started = performance.now();
  const deadline = started + PARALLEL_SECONDS * 1000;
  const lane = async () => {
    while (performance.now() < deadline && done < PARALLEL_MAX_HASHES) {
      await hashPassword(`bench-password-${done}`);
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return (done * 1000) / (performance.now() - started);
}

export async function benchSignIn(target: BenchDatabase, signedIn: SignedInApp): Promise<void> {
  const cores = os.availableParallelism();
  await hashPassword('warm-up-password-1');
  const before = await timeHashes();

  const cpuBefore = processCpuMs();
  const servedBefore = signedIn.served();
  const result = assertClean(
    'sign-in',
    await measureLoad({
      url: `${signedIn.baseUrl}/api/auth/sign-in`,
      method: 'POST',
      connections: 2 * cores,
      seconds: 6,
      warmupSeconds: 1,
      headers: { origin: signedIn.baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ email: signedIn.email, password: signedIn.password }),
    }),
  );
  const cpuPerSignIn = (processCpuMs() - cpuBefore) / (signedIn.served() - servedBefore);

  const after = await timeHashes();
  const parallelRate = await parallelHashRate(2 * cores);
  const wall = [...before.wall, ...after.wall];
  const hashMs = wall.reduce((a, b) => a + b, 0) / wall.length;
  const hashCpuMs = (before.cpuMs + after.cpuMs) / wall.length;
  const capacity = (cores * 1000) / hashMs;
  emit({
    bench: 'sign-in',
    engine: target.engine,
    hash_ms: round(hashMs),
    hash_median_ms: round(median(wall)),
    hashes: wall.length,
    cores,
    capacity_per_s: round(capacity, 1),
    sign_ins_per_s: round(result.rps, 1),
    p99_ms: round(result.p99_ms),
    connections: 2 * cores,
    ratio_vs_capacity: round(result.rps / capacity),
    parallel_hashes_per_s: round(parallelRate, 1),
    ratio_vs_parallel_hashes: round(result.rps / parallelRate),
    hash_cpu_ms: round(hashCpuMs),
    cpu_ms_per_sign_in: round(cpuPerSignIn),
    hash_share_of_sign_in_cpu: round(hashCpuMs / cpuPerSignIn),
    aim: 'ratio_vs_capacity >= 0.8',
  });
}
