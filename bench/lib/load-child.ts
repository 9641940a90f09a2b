// Runs one autocannon measurement in its own process, so the server under test keeps a core
// to itself, and prints the result as one JSON line. Latencies are collected per response
// (autocannon's own histogram rounds to whole milliseconds, too coarse for sub-ms routes).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { LoadOptions, LoadResult } from './load.ts';
import { percentile } from './stats.ts';

/**
 * Hands out the paths in turn across all connections, the measurement going on where the warm-up
 * stopped (so a path set larger than a run asks no path twice).
 */
let next = 0;
function nextPath(paths: string[]) {
  return (request: { path: string }) => ({ ...request, path: paths[next++ % paths.length]! });
}

type Run = { latencies: number[]; non2xx: number; errors: number; seconds: number };

function run(options: LoadOptions, seconds: number, stoppable = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const started = performance.now();
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: seconds,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        timeout: 10,
        ...(options.body !== undefined ? { body: options.body } : {}),
        ...(paths ? { requests: [{ setupRequest: nextPath(paths) }] } : {}),
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          latencies,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          seconds: (performance.now() - started) / 1000,
        });
      },
    );
    if (stoppable) {
      process.stderr.write('measuring\n');
      process.stdin.on('end', () => instance.stop());
      process.stdin.resume();
    }
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const paths = options.pathsFile
  ? readFileSync(options.pathsFile, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
  : options.paths;
if (options.warmupSeconds > 0) await run(options, options.warmupSeconds);
const measured = await run(options, options.seconds, options.untilStopped === true);
const sorted = measured.latencies.sort((a, b) => a - b);
const result: LoadResult = {
  requests: sorted.length,
  rps: sorted.length / measured.seconds,
  p50_ms: percentile(sorted, 0.5),
  p99_ms: percentile(sorted, 0.99),
  max_ms: sorted.at(-1) ?? 0,
  non2xx: measured.non2xx,
  errors: measured.errors,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
