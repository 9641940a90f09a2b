// Where this process is in its life, for GET /api/ready, and the graceful drain on SIGTERM/SIGINT
// (decision 041). The drain's order: /api/ready answers 503 and long work (a deletion's erasure)
// stops between batches; the listener closes (new connections are refused) while in-flight requests
// finish, and at the same time the job queue stops taking work and waits for what it runs; then
// what this process still leases is handed back (a deletion request is taken by another worker at
// once, not after DELETION_LEASE_SECONDS); then the database closes. Past SHUTDOWN_TIMEOUT_MS the
// remaining connections are closed.
import type { FastifyInstance } from 'fastify';

export type Lifecycle = {
  /** Set once the migrations have run (the app's onReady). */
  readonly migrated: boolean;
  /** Set when a drain began: nothing new should start. */
  readonly draining: boolean;
  markMigrated(): void;
  startDraining(): void;
  /**
   * Stops the background work (job queue, mail loop) and hands back what this process leases;
   * once, whoever asks first (the drain, or the app's onClose). Set by app.ts.
   */
  stopWork: () => Promise<void>;
};

export function createLifecycle(stopWork: () => Promise<void>): Lifecycle {
  let migrated = false;
  let draining = false;
  let stopping: Promise<void> | undefined;
  return {
    get migrated() {
      return migrated;
    },
    get draining() {
      return draining;
    },
    markMigrated: () => {
      migrated = true;
    },
    startDraining: () => {
      draining = true;
    },
    stopWork: () => (stopping ??= stopWork()),
  };
}

/**
 * The drain: resolves once every in-flight request is answered (or cut off after `timeoutMs`), the
 * background work is stopped, the leases handed back and the database closed.
 */
export async function drainApp(app: FastifyInstance, timeoutMs: number): Promise<void> {
  const { lifecycle } = app.souk;
  lifecycle.startDraining();
  const cutOff = setTimeout(() => {
    app.log.warn(
      { timeoutMs },
      'shutdown: requests still in flight after SHUTDOWN_TIMEOUT_MS; closing their connections',
    );
    app.server.closeAllConnections();
  }, timeoutMs);
  try {
    // app.close() stops listening, answers requests that arrive on open connections with 503,
    // waits for those in flight, then runs the onClose hooks (stopWork again: the same promise,
    // then the database). The background work stops meanwhile, not after the requests.
    await Promise.all([app.close(), lifecycle.stopWork()]);
  } finally {
    clearTimeout(cutOff);
  }
}
