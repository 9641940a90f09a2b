// What the crash tests (test/charge-crash.test.ts, test/refund-crash.test.ts) share: a Souk
// environment on a temporary data directory (or a PostgreSQL database of its own) with a payment
// provider whose records outlive every process, and a worker process killed with SIGKILL the moment
// it reports reaching a given point.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createPostgresTestDatabase, PUBLIC_URL } from './app.ts';
import { FileChargeLedger } from './file-charge-ledger.ts';

/**
 * The environment a worker and the test's own Souk start from, with `extra` on top; on PostgreSQL
 * (DATABASE_URL set) a database named after `name`. cleanUp removes the directory and the database.
 */
export async function crashEnvironment(name: string, extra: Record<string, string> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), `souk-${name}-crash-`));
  const ledgerDir = path.join(dir, 'provider');
  await mkdir(ledgerDir);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: path.join(dir, 'souk'),
    PUBLIC_URL,
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    CHARGE_LEDGER_DIR: ledgerDir,
    ...extra,
  };
  const base = process.env.DATABASE_URL;
  const postgres = base ? await createPostgresTestDatabase(base, `test_${name}`) : undefined;
  if (postgres) env.DATABASE_URL = postgres.url;
  return {
    env,
    ledger: new FileChargeLedger(ledgerDir),
    async cleanUp() {
      await rm(dir, { recursive: true, force: true });
      await postgres?.drop();
    },
  };
}

/**
 * Runs `worker` with `args` (its first argument is the point to stop at) and the signed-in
 * `cookies`; kills it (SIGKILL) as soon as it prints `{"event": stop, …}`, and resolves with the
 * idempotency key it reported there. Rejects when the worker ends any other way.
 */
export function killWorkerAt(
  worker: string,
  args: string[],
  env: Record<string, string>,
  cookies: Map<string, string>,
): Promise<{ idempotencyKey: string }> {
  const stop = args[0]!;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, ...args], {
      env: { ...process.env, ...env, SOUK_COOKIES: JSON.stringify([...cookies]) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let reached: { idempotencyKey: string } | undefined;
    let answered = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const event = JSON.parse(line) as { event: string; idempotencyKey?: string; body?: string };
      if (event.event === stop) {
        reached = { idempotencyKey: event.idempotencyKey! };
        child.kill('SIGKILL');
      }
      if (event.event === 'answered') answered = event.body ?? '';
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && reached) resolve(reached);
      else
        reject(
          new Error(
            `the worker was not killed at "${stop}" (exit ${code ?? signal}): ${answered} ${stderr.slice(-2000)}`,
          ),
        );
    });
  });
}
