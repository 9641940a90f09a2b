// The worker side of src/db/pglite-worker.ts: owns one PGlite and answers one message per
// statement. Values are parsed here (Date, Uint8Array, JSON, numbers) and cross by structured
// clone, which keeps them as they are. Errors cross as their message plus PostgreSQL's fields.
import module from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { ThreadReply, ThreadRequest, ThreadStart } from './pglite-worker.ts';

const port = parentPort!;
const { dataDir, template, compileCache } = workerData as ThreadStart;
// The main thread's compile cache, if it has one (a worker does not inherit it): PGlite's modules
// and ours load from it instead of being compiled (and type-stripped) again on every start.
if (compileCache !== undefined) module.enableCompileCache(compileCache);
const { createPGlite } = await import('./pglite-engine.ts');

/** PostgreSQL's error fields (code, constraint, detail, …): every own primitive property. */
function errorFields(error: unknown): Record<string, string | number | boolean> {
  const fields: Record<string, string | number | boolean> = {};
  if (typeof error !== 'object' || error === null) return fields;
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  return fields;
}

try {
  const client = await createPGlite(dataDir, template);
  port.on('message', (request: ThreadRequest) => {
    const run = async (): Promise<ThreadReply> => {
      const started = performance.now();
      const cpu = process.threadCpuUsage();
      // Wall time holding the database, and this thread's CPU time for it (the difference is time
      // the operating system gave the core to someone else, or file I/O). The CPU time is exact
      // only to a scheduler tick (see ThreadReply).
      const timing = () => {
        const used = process.threadCpuUsage(cpu);
        return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
      };
      try {
        switch (request.op) {
          case 'query': {
            const result = await client.query(request.sql, request.params);
            return { id: request.id, result, ...timing() };
          }
          case 'exec': {
            const results = await client.exec(request.sql);
            return { id: request.id, results, ...timing() };
          }
          case 'close':
            await client.close();
            return { id: request.id, results: [] };
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { id: request.id, error: { message, fields: errorFields(error) } };
      }
    };
    void run().then((reply) => port.postMessage(reply));
  });
  port.postMessage({ id: 0, results: [] } satisfies ThreadReply);
} catch (error) {
  // Opening failed (a corrupt data dir, a locked file): the main thread rejects openDatabase.
  port.postMessage({
    id: 0,
    error: { message: `PGlite could not open ${dataDir}: ${(error as Error).message}`, fields: {} },
  } satisfies ThreadReply);
}
