// `node bench/<file>.ts [pglite|postgres]`: one benchmark that needs a signed-in Souk, run alone on
// each engine asked for (both when no argument is given), with the machine's load before and after.
import os from 'node:os';
import type { Engine } from '../../src/db/database.ts';
import { openBenchDatabase, postgresUnavailableReason, type BenchDatabase } from './engines.ts';
import { startSignedInApp, type SignedInApp } from './app.ts';
import { LOAD_NOTE } from './load.ts';
import { emit } from './util.ts';
import { round } from './stats.ts';

export async function runAlone(
  label: string,
  bench: (target: BenchDatabase, signedIn: SignedInApp) => Promise<void>,
): Promise<void> {
  const wanted = process.argv[2] as Engine | undefined;
  emit({ bench: 'machine', load_avg_1m: round(os.loadavg()[0]!) });
  for (const engine of ['pglite', 'postgres'] as const) {
    if (wanted && wanted !== engine) continue;
    const postgresProblem = engine === 'postgres' ? await postgresUnavailableReason() : null;
    if (postgresProblem) {
      emit({ bench: 'engine', engine, skipped: postgresProblem });
      continue;
    }
    const target = await openBenchDatabase(engine, label);
    try {
      const signedIn = await startSignedInApp(target);
      try {
        await bench(target, signedIn);
      } finally {
        await signedIn.close();
      }
    } finally {
      await target.close();
    }
  }
  emit({ bench: 'done', load_avg_1m: round(os.loadavg()[0]!) });
}

/**
 * `node bench/<file>.ts [pglite|postgres]` for a benchmark that opens its own database: `bench` on
 * each engine asked for (both when no argument is given), between a line saying what the machine is
 * and a closing line with the time taken and the load.
 */
export async function runEachEngine(bench: (engine: Engine) => Promise<void>): Promise<void> {
  const wanted = process.argv[2];
  emit({
    bench: 'machine',
    cores: os.availableParallelism(),
    node: process.version,
    load_avg_1m: round(os.loadavg()[0]!),
    note: LOAD_NOTE,
  });
  const started = performance.now();
  if (wanted !== 'postgres') await bench('pglite');
  if (wanted !== 'pglite') {
    const problem = await postgresUnavailableReason();
    if (problem) emit({ bench: 'engine', engine: 'postgres', skipped: problem });
    else await bench('postgres');
  }
  emit({
    bench: 'done',
    seconds: round((performance.now() - started) / 1000, 1),
    load_avg_1m: round(os.loadavg()[0]!),
  });
}
