// The real server (`node src/server.ts`) and the real scripts (`node scripts/<name>.ts`) as child
// processes, for tests where a start or a command line matters (restart.test.ts has its own copy).
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

export type ServerProcess = {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last of what it printed. */
  output(): string;
};

/** Starts `node src/server.ts` with exactly `env` and waits until GET /api/health answers 200. */
export async function startServer(env: NodeJS.ProcessEnv, base: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['src/server.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + String(chunk)).slice(-16_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve((ended = { code, signal })));
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (ended) throw new Error(`the server exited (${ended.code ?? ended.signal}) before it served:\n${output}`);
    const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (res?.status === 200) return { child, exited, output: () => output };
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`GET /api/health did not answer within ${START_TIMEOUT_MS} ms:\n${output}`);
}

/** SIGTERM, and waits for the process to end. */
export async function stopServer(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  const giveUp = new AbortController();
  const timeout = sleep(STOP_TIMEOUT_MS, undefined, { signal: giveUp.signal }).catch(() => undefined);
  const how = await Promise.race([server.exited, timeout]).finally(() => giveUp.abort());
  if (!how) {
    server.child.kill('SIGKILL');
    throw new Error(`the server did not stop within ${STOP_TIMEOUT_MS} ms:\n${server.output()}`);
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

/** A browser's share of HTTP against a real server: same-origin header, JSON bodies, cookies. */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  readonly base: string;
  constructor(base: string) {
    this.base = base;
  }

  async request<T = unknown>(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; json: T }> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: {
        origin: this.base,
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(20_000),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (value === '' || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
  }
}
