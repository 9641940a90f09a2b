// Drives HTTP load from a child process (see load-child.ts) and returns its figures.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type LoadOptions = {
  url: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Paths (with query) that the connections request in turn, instead of the URL's own path. */
  paths?: string[];
  /**
   * Like `paths`, one a line in this file: for more paths than one argument can carry (a set of
   * distinct searches too large to cycle within a run).
   */
  pathsFile?: string;
  /** Measure until stopped (startLoad's stop()) instead of for `seconds`. */
  untilStopped?: boolean;
};

export type LoadResult = {
  requests: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  non2xx: number;
  errors: number;
};

const CHILD = fileURLToPath(new URL('./load-child.ts', import.meta.url));

export const LOAD_NOTE =
  'load from autocannon in a child process (the server keeps its own core); latencies are per 2xx response';

/** Runs one measurement; rejects if the child fails or overruns its time by 30 s. */
export function measureLoad(options: LoadOptions): Promise<LoadResult> {
  if (!new URL(options.url).hostname.startsWith('127.0.0.1'))
    throw new Error('benchmarks only send traffic to 127.0.0.1');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), (options.seconds + options.warmupSeconds + 30) * 1000);
    // 'close', not 'exit': stdout may still hold the result when the process has exited.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`load child failed (${code ?? signal}): ${stderr.slice(-500)}`));
      resolve(JSON.parse(stdout.trim()) as LoadResult);
    });
  });
}

/**
 * Starts a measurement that runs until stop() (after its warm-up): for load during something of
 * unknown length. `measuring` settles when the warm-up is over.
 */
export function startLoad(options: Omit<LoadOptions, 'seconds' | 'untilStopped'>): {
  measuring: Promise<void>;
  stop(): Promise<LoadResult>;
} {
  if (!new URL(options.url).hostname.startsWith('127.0.0.1'))
    throw new Error('benchmarks only send traffic to 127.0.0.1');
  const child = spawn(process.execPath, [CHILD, JSON.stringify({ ...options, seconds: 3600, untilStopped: true })], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let onMeasuring: () => void = () => undefined;
  const measuring = new Promise<void>((resolve) => (onMeasuring = resolve));
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.includes('measuring')) onMeasuring();
  });
  const result = new Promise<LoadResult>((resolve, reject) => {
    child.on('close', (code, signal) => {
      if (code !== 0) return reject(new Error(`load child failed (${code ?? signal}): ${stderr.slice(-500)}`));
      resolve(JSON.parse(stdout.trim()) as LoadResult);
    });
  });
  return {
    measuring,
    stop() {
      child.stdin.end();
      return result;
    },
  };
}

/** Throws when a measurement saw failures: a fast 401 or 500 would make the figure meaningless. */
export function assertClean(name: string, result: LoadResult): LoadResult {
  if (result.non2xx > 0 || result.errors > 0 || result.requests === 0) {
    throw new Error(`${name}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.requests} ok`);
  }
  return result;
}
