// Worker side of the PGlite-on-a-worker prototype (bench/pglite-worker.ts): owns one PGlite and
// answers { id, kind, sql, params } messages. PGlite queues concurrent calls itself.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { readTemplate } from '../../src/db/pglite-template.ts';
import type { WorkerReply, WorkerRequest } from '../pglite-worker.ts';

const port = parentPort;
if (!port) throw new Error('pglite-worker-thread.ts must run in a worker');
const { dataDir } = workerData as { dataDir: string };
const template = await readTemplate();
const client = await PGlite.create({ dataDir, ...(template ? { loadDataDir: template } : {}) });

port.on('message', (request: WorkerRequest) => {
  const answer = async (): Promise<WorkerReply> => {
    try {
      if (request.kind === 'cpu') {
        const usage = process.threadCpuUsage();
        return { id: request.id, rows: [usage.user + usage.system] };
      }
      if (request.kind === 'close') {
        await client.close();
        return { id: request.id, rows: [] };
      }
      if (request.kind === 'exec') {
        const results = await client.exec(request.sql);
        return { id: request.id, rows: results.at(-1)?.rows ?? [] };
      }
      const result = await client.query(request.sql, request.params);
      return { id: request.id, rows: result.rows };
    } catch (error) {
      return { id: request.id, error: (error as Error).message };
    }
  };
  void answer().then((reply) => port.postMessage(reply));
});
port.postMessage({ id: 0, rows: [] } satisfies WorkerReply);
