// `npm run bench`: every benchmark, one JSON object per line on stdout. Figures are ratios
// against baselines measured in the same run on the same database, never pass/fail timings.
import os from 'node:os';
import type { Engine } from '../src/db/database.ts';
import { benchApi } from './api.ts';
import { benchCatalog } from './catalog.ts';
import { benchCatalogSearch } from './catalog-search.ts';
import { benchColdStart } from './cold-start.ts';
import { benchDashboard } from './dashboard.ts';
import { benchErasure } from './erasure.ts';
import { benchMail } from './mail.ts';
import { benchMessages } from './messages.ts';
import { benchPGliteWorker } from './pglite-worker.ts';
import { benchProcesses } from './processes.ts';
import { benchReplica } from './replica.ts';
import { benchSignIn } from './sign-in.ts';
import { startSignedInApp } from './lib/app.ts';
import { openBenchDatabase, postgresUnavailableReason } from './lib/engines.ts';
import { LOAD_NOTE } from './lib/load.ts';
import { emit } from './lib/util.ts';
import { round } from './lib/stats.ts';

const loadAverage = () => round(os.loadavg()[0]!);
const started = performance.now();

emit({
  bench: 'machine',
  cores: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  node: process.version,
  load_avg_1m: loadAverage(),
  note: `${LOAD_NOTE}; other processes on the machine are not controlled (see load_avg_1m)`,
});

async function benchEngine(engine: Engine): Promise<void> {
  const target = await openBenchDatabase(engine, 'api');
  try {
    const signedIn = await startSignedInApp(target);
    try {
      await benchApi(target, signedIn);
      await benchSignIn(target, signedIn);
    } finally {
      await signedIn.close();
    }
  } finally {
    await target.close();
  }
  await benchColdStart(engine);
  await benchCatalog(engine);
  await benchCatalogSearch(engine);
  await benchMessages(engine);
  await benchDashboard(engine);
  await benchErasure(engine);
  await benchMail(engine);
}

await benchEngine('pglite');
const postgresProblem = await postgresUnavailableReason();
if (postgresProblem) emit({ bench: 'engine', engine: 'postgres', skipped: postgresProblem });
else {
  await benchEngine('postgres');
  // Several web processes on one PostgreSQL (WEB_CONCURRENCY, decision 043).
  await benchProcesses();
  // Optional: only where a hot standby can be started here (BENCH_REPLICA=off skips it).
  await benchReplica();
}

await benchPGliteWorker();

emit({ bench: 'done', seconds: round((performance.now() - started) / 1000, 1), load_avg_1m: loadAverage() });
