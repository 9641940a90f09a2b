// Question: how long from `node src/server.ts` to the first healthy answer, on a brand-new data
// directory / database (migrations, job-queue schema) and again on the one just created?
import { spawn, type ChildProcess } from 'node:child_process';
import type { Engine } from '../src/db/database.ts';
import { BENCH_SECRET } from './lib/app.ts';
import { PGLITE_THREAD, createPostgresDatabase } from './lib/engines.ts';
import { ROOT, emit, freePort, makeTempDir, removeDir, sleep } from './lib/util.ts';

const START_LIMIT_MS = 60_000;
const STOP_LIMIT_MS = 15_000;
const POLL_MS = 20;

type Started = { ms: number; child: ChildProcess };

async function startServer(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = started + START_LIMIT_MS;
  while (performance.now() < deadline && !exited) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return { ms: performance.now() - started, child };
    } catch {
      // not listening yet
    }
    await sleep(POLL_MS);
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become healthy (${exited ? 'exited' : 'timed out'}): ${stderr.slice(-500)}`);
}

/** SIGTERM (the server closes its database cleanly), SIGKILL if it hangs. */
async function stopServer(child: ChildProcess): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  const exited = new Promise<boolean>((resolve) => child.once('exit', () => resolve(true)));
  child.kill('SIGTERM');
  const clean = await Promise.race([exited, sleep(STOP_LIMIT_MS).then(() => false)]);
  if (!clean) {
    child.kill('SIGKILL');
    await exited;
  }
  return clean;
}

/** Floor of any start: spawning node and importing the app's modules, no database, no listen. */
async function measureImportMs(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', "await import('./src/app.ts')"], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), START_LIMIT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`importing src/app.ts failed (${code})`);
  return performance.now() - started;
}

export async function benchColdStart(engine: Engine): Promise<void> {
  const dataDir = await makeTempDir(`cold-${engine}`);
  const database = engine === 'postgres' ? await createPostgresDatabase(`souk_bench_${process.pid}_cold`) : undefined;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    AUTH_SECRET: BENCH_SECRET,
    LOG_LEVEL: 'silent',
    RUN_JOBS: 'true',
    DATA_DIR: dataDir,
    PGLITE_THREAD,
    ...(database ? { DATABASE_URL: database.url } : {}),
  };
  try {
    const importMs = await measureImportMs();
    const first = await startServer(env);
    const firstStoppedCleanly = await stopServer(first.child);
    const second = await startServer(env);
    const secondStoppedCleanly = await stopServer(second.child);
    emit({
      bench: 'cold-start',
      engine,
      ...(engine === 'pglite' ? { pglite_thread: PGLITE_THREAD } : {}),
      cold_start_new_ms: Math.round(first.ms),
      cold_start_existing_ms: Math.round(second.ms),
      import_floor_ms: Math.round(importMs),
      stopped_cleanly: firstStoppedCleanly && secondStoppedCleanly,
      aim: 'cold_start_new_ms <= 3000, cold_start_existing_ms <= 1000',
      note: 'spawn of `node src/server.ts` (RUN_JOBS=true) to first 200 from /api/health, polled every 20 ms; import_floor_ms = spawn node + import src/app.ts, no database',
    });
  } finally {
    await database?.drop();
    await removeDir(dataDir);
  }
}
