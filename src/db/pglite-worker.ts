// PGlite on a worker thread (decision 005): the main thread keeps HTTP, the worker runs the
// WASM Postgres, so a slow query no longer stops every request. This is the main-thread side:
// a PGliteClient whose calls are messages to src/db/pglite-thread.ts. The ConnectionLock stays
// on the main thread (decision 004); the worker only ever sees one statement at a time.
import module from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Results } from '@electric-sql/pglite';
import type { PGliteClient } from './pglite-engine.ts';

/** `compileCache`: the main thread's compile cache directory, for the worker to use too. */
export type ThreadStart = { dataDir: string; template: Blob | undefined; compileCache: string | undefined };
export type ThreadRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'exec' | 'close'; sql: string };
type ThreadResult = Results<unknown>;
export type ThreadReply =
  /**
   * `ms`: how long the statement held the database; `cpuMs`: the worker thread's CPU time for it,
   * as the kernel reports it. Linux brings a running thread's CPU time up to date only at a
   * scheduler tick (4 ms at HZ=250) or when the thread sleeps, so `cpuMs` can miss up to a tick:
   * a statement much shorter than that often shows almost none. Good for long statements only.
   */
  | { id: number; result: ThreadResult; ms?: number; cpuMs?: number }
  | { id: number; results: ThreadResult[]; ms?: number; cpuMs?: number }
  | { id: number; error: { message: string; fields: Record<string, string | number | boolean> } };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Waiter = { resolve(reply: ThreadReply): void; reject(error: Error): void };

export type PGliteWorkerClient = PGliteClient & {
  /** The thread itself (tests end it to check what a crash does). */
  readonly worker: Worker;
  /** Calls `listener` with how long each statement held the database (others wait meanwhile); returns the unsubscribe. */
  watchStatements(listener: (statement: StatementTime) => void): () => void;
};

export type StatementTime = { ms: number; cpuMs: number; sql: string };

/** Starts the worker and resolves once its PGlite is open. */
export function openPGliteWorker(dataDir: string, template: Blob | undefined): Promise<PGliteWorkerClient> {
  const worker = new Worker(new URL('./pglite-thread.ts', import.meta.url), {
    workerData: { dataDir, template, compileCache: module.getCompileCacheDir() } satisfies ThreadStart,
  });
  const pending = new Map<number, Waiter>();
  let nextId = 1;
  let stopped: Error | undefined;
  let closing = false;

  // The worker keeps the process alive only while a statement is in flight, like in-process
  // PGlite (which holds no handle at all): a script that forgets close() still exits.
  const settle = (id: number) => {
    const waiter = pending.get(id);
    pending.delete(id);
    if (pending.size === 0 && !closing) worker.unref();
    return waiter;
  };
  const stop = (error: Error) => {
    if (stopped) return;
    stopped = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  const ready = new Promise<PGliteWorkerClient>((resolve, reject) => {
    pending.set(0, {
      resolve: (reply) => ('error' in reply ? reject(new Error(reply.error.message)) : resolve(client)),
      reject,
    });
  });
  const listeners = new Set<(statement: StatementTime) => void>();
  const sqlOf = new Map<number, string>();
  worker.on('message', (reply: ThreadReply) => {
    if (listeners.size > 0 && 'ms' in reply && reply.ms !== undefined) {
      const statement = { ms: reply.ms, cpuMs: reply.cpuMs ?? reply.ms, sql: sqlOf.get(reply.id) ?? '' };
      for (const listener of listeners) listener(statement);
    }
    sqlOf.delete(reply.id);
    settle(reply.id)?.resolve(reply);
  });
  worker.on('error', (error) => stop(new Error(`The PGlite worker failed: ${error.message}`, { cause: error })));
  worker.on('exit', (code) =>
    stop(new Error(closing ? 'The database is closed' : `The PGlite worker exited (code ${code}); restart Souk`)),
  );

  const send = (request: DistributiveOmit<ThreadRequest, 'id'>): Promise<ThreadReply> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    if (pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (listeners.size > 0) sqlOf.set(id, request.sql);
      worker.postMessage({ ...request, id } as ThreadRequest);
    });
  };
  const unwrap = (reply: ThreadReply): ThreadResult[] => {
    if ('error' in reply) {
      // The fields PostgreSQL sent (code, constraint, detail, …) as on an in-process error.
      throw Object.assign(new Error(reply.error.message), reply.error.fields);
    }
    return 'result' in reply ? [reply.result] : reply.results;
  };

  const client: PGliteWorkerClient = {
    worker,
    watchStatements(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async query<R>(sql: string, params: unknown[] = []) {
      return unwrap(await send({ op: 'query', sql, params }))[0] as Results<R>;
    },
    async exec(sql: string) {
      return unwrap(await send({ op: 'exec', sql })) as Results[];
    },
    async close() {
      if (stopped) return;
      const closed = send({ op: 'close', sql: '' });
      closing = true;
      unwrap(await closed);
      await worker.terminate();
    },
  };
  return ready;
}
