// The worker side of src/db/pglite-worker.ts: owns one PGlite and answers one message per
// statement. Values are parsed here (Date, Uint8Array, JSON, numbers) and cross by structured
// clone, which keeps them as they are. Errors cross as their message plus PostgreSQL's fields.
import { parentPort, workerData } from 'node:worker_threads';
import { createPGlite } from './pglite-engine.ts';
import type { ThreadReply, ThreadRequest, ThreadStart } from './pglite-worker.ts';

const port = parentPort!;
const { dataDir, template } = workerData as ThreadStart;

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
      try {
        switch (request.op) {
          case 'query': {
            const result = await client.query(request.sql, request.params);
            return { id: request.id, result, ms: performance.now() - started };
          }
          case 'exec': {
            const results = await client.exec(request.sql);
            return { id: request.id, results, ms: performance.now() - started };
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
  port.postMessage({ id: 0, error: { message: `PGlite could not open ${dataDir}: ${(error as Error).message}`, fields: {} } } satisfies ThreadReply);
}
