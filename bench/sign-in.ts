// Question: does sign-in reach the capacity argon2id allows on this machine? Capacity is
// cores ÷ hash time (a verify costs one hash); real sign-ins/s go through POST /api/auth/sign-in
// (rate limits off), each of which also writes a session row.
import os from 'node:os';
import { hashPassword } from '../src/modules/auth/password-policy.ts';
import type { BenchDatabase } from './lib/engines.ts';
import type { SignedInApp } from './lib/app.ts';
import { assertClean, measureLoad } from './lib/load.ts';
import { emit } from './lib/util.ts';
import { median, round } from './lib/stats.ts';

const HASHES = 30;
const HASH_TIME_LIMIT_MS = 20_000;

/** Mean wall time of one argon2id hash, run one after another. */
export async function measureHashMs(): Promise<{ mean: number; median: number; count: number }> {
  await hashPassword('warm-up-password-1');
  const times: number[] = [];
  const deadline = performance.now() + HASH_TIME_LIMIT_MS;
  for (let i = 0; i < HASHES && performance.now() < deadline; i++) {
    const started = performance.now();
    await hashPassword(`bench-password-${i}`);
    times.push(performance.now() - started);
  }
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, median: median(times), count: times.length };
}

export async function benchSignIn(target: BenchDatabase, signedIn: SignedInApp): Promise<void> {
  const cores = os.availableParallelism();
  const hash = await measureHashMs();
  const capacity = (cores * 1000) / hash.mean;
  const result = assertClean(
    'sign-in',
    await measureLoad({
      url: `${signedIn.baseUrl}/api/auth/sign-in`,
      method: 'POST',
      connections: 2 * cores,
      seconds: 8,
      warmupSeconds: 1,
      headers: { origin: signedIn.baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ email: signedIn.email, password: signedIn.password }),
    }),
  );
  emit({
    bench: 'sign-in',
    engine: target.engine,
    hash_ms: round(hash.mean),
    hash_median_ms: round(hash.median),
    hashes: hash.count,
    cores,
    capacity_per_s: round(capacity, 1),
    sign_ins_per_s: round(result.rps, 1),
    p99_ms: round(result.p99_ms),
    ratio_vs_capacity: round(result.rps / capacity),
    aim: 'ratio_vs_capacity >= 0.8',
  });
}
