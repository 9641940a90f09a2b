// `npm start` with WEB_CONCURRENCY=N (decision 043): this process becomes a supervisor that opens no
// database and serves nothing. It forks N web processes (src/server.ts with RUN_JOBS=false), which
// share the port through node:cluster, and, unless RUN_JOBS=false, one job process (src/worker.ts),
// the same worker `npm run worker` starts on another machine. A child that ends is started again;
// SIGTERM or SIGINT is passed to every child, and this process exits once they all have.
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { readableLine } from './logger.ts';

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
/** A child that dies soon after it started waits longer before the next start, up to the maximum. */
const FIRST_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 30_000;
const STABLE_AFTER_MS = 30_000;

type Role = { kind: 'web' | 'jobs'; index: number; delayMs: number };

const LEVELS = { info: 30, warn: 40, error: 50 } as const;
const THRESHOLDS: Record<Config['logLevel'], number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

/** In the primary of a WEB_CONCURRENCY > 1 start: forks the children and returns true; otherwise false. */
export function startCluster(config: Config): boolean {
  if (config.webConcurrency <= 1 || !cluster.isPrimary) return false;

  // Pids and exit codes only: nothing here is personal.
  const log = (level: keyof typeof LEVELS, msg: string) => {
    if (LEVELS[level] < THRESHOLDS[config.logLevel]) return;
    const json = JSON.stringify({ level: LEVELS[level], time: Date.now(), pid: process.pid, msg });
    process.stdout.write(`${config.logFormat === 'readable' ? readableLine(json) : json}\n`);
  };

  const running = new Map<Worker, { role: Role; startedAt: number }>();
  let stopping = false;
  let failed = false;

  const fork = (role: Role) => {
    cluster.setupPrimary({ exec: role.kind === 'web' ? SERVER : WORKER });
    // The demo catalog is seeded by one web process only, so two never fill an empty catalog at once.
    const env = role.kind === 'web' ? { RUN_JOBS: 'false', ...(role.index > 0 ? { SEED_DEMO: 'false' } : {}) } : {};
    running.set(cluster.fork(env), { role, startedAt: Date.now() });
  };

  cluster.on('exit', (child, code, signal) => {
    const entry = running.get(child);
    if (!entry) return;
    running.delete(child);
    if (stopping) {
      if (code !== 0) failed = true;
      if (running.size === 0) process.exit(failed ? 1 : 0);
      return;
    }
    const { role, startedAt } = entry;
    const delayMs =
      Date.now() - startedAt > STABLE_AFTER_MS
        ? FIRST_RESTART_DELAY_MS
        : Math.min(role.delayMs * 2, MAX_RESTART_DELAY_MS);
    log(
      'warn',
      `${role.kind === 'web' ? 'web' : 'job'} process ${child.process.pid} ended (${signal ?? `code ${code}`}); starting another in ${delayMs} ms`,
    );
    setTimeout(() => {
      if (!stopping) fork({ ...role, delayMs });
    }, delayMs);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log('info', `${signal}: stopping ${running.size} processes`);
      if (running.size === 0) process.exit(0);
      for (const child of running.keys()) child.process.kill('SIGTERM');
    });
  }

  for (let index = 0; index < config.webConcurrency; index++)
    fork({ kind: 'web', index, delayMs: FIRST_RESTART_DELAY_MS / 2 });
  if (config.runJobs) fork({ kind: 'jobs', index: 0, delayMs: FIRST_RESTART_DELAY_MS / 2 });
  log(
    'info',
    `started ${config.webConcurrency} web processes${config.runJobs ? ' and a job process' : ' (RUN_JOBS=false: jobs run elsewhere)'} on port ${config.port}`,
  );
  return true;
}
