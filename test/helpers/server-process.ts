// The real server (`node src/server.ts`) and the real scripts (`node scripts/<name>.ts`) as child
// processes, for tests where a start or a command line matters. Processes themselves are
// helpers/processes.ts's.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Browser, SERVER, startProcess, stopProcess, waitForHealth, type SoukProcess } from './processes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

/** Starts `node src/server.ts` with exactly `env` and waits until GET /api/health answers 200. */
export async function startServer(env: NodeJS.ProcessEnv, base: string): Promise<SoukProcess> {
  const server = startProcess(SERVER, env);
  try {
    await waitForHealth(base, server, START_TIMEOUT_MS);
  } catch (error) {
    server.child.kill('SIGKILL');
    throw error;
  }
  return server;
}

/** SIGTERM, and waits for the process to end (SIGKILL and a failure when it does not). */
export async function stopServer(server: SoukProcess): Promise<void> {
  try {
    await stopProcess(server, 'SIGTERM', STOP_TIMEOUT_MS);
  } catch (error) {
    server.child.kill('SIGKILL');
    throw error;
  }
}

/** Runs `node scripts/<script>.ts args…` with exactly `env`; resolves with its exit code and output. */
export function runScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`scripts/${script}.ts`, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/**
 * A browser's share of HTTP against one real server (helpers/processes.ts's Browser, bound to
 * `base`): the same-origin header (`origin`, by default the server's own), JSON bodies, cookies.
 */
export class HttpClient {
  readonly base: string;
  readonly #browser: Browser;
  constructor(base: string, origin: string = base) {
    this.base = base;
    this.#browser = new Browser(origin);
  }

  get cookies(): Map<string, string> {
    return this.#browser.cookies;
  }

  async request<T = unknown>(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; json: T }> {
    const answer = await this.#browser.request(this.base, method, url, body);
    return { status: answer.status, json: answer.json as T };
  }
}
