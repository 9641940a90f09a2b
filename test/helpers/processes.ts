// Real Souk processes for tests: `node src/server.ts` (a web process) and `node src/worker.ts` (a
// job process), started with an env of their own, and a browser that talks to any of them.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const SERVER = fileURLToPath(new URL('../../src/server.ts', import.meta.url));
export const WORKER = fileURLToPath(new URL('../../src/worker.ts', import.meta.url));
/** A first start on a busy two-core machine, several at once, runs every migration: generous, but bounded. */
export const START_TIMEOUT_MS = 120_000;

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type SoukProcess = {
  child: ChildProcess;
  exited: Promise<Exit>;
  /** The last of what it printed, for failure messages. */
  output(): string;
  running(): boolean;
};

/** Starts `node <script>` with exactly `env`, keeping the last of what it prints. */
export function startProcess(script: string, env: NodeJS.ProcessEnv): SoukProcess {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + String(chunk)).slice(-12_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => output, running: () => child.exitCode === null && child.signalCode === null };
}

/** Every process a test started; `killAll` ends those still running (the test's `after`). */
export class Processes {
  readonly all = new Set<SoukProcess>();

  start(script: string, env: NodeJS.ProcessEnv): SoukProcess {
    const started = startProcess(script, env);
    this.all.add(started);
    return started;
  }

  async killAll(): Promise<void> {
    const running = [...this.all].filter((p) => p.running());
    for (const p of running) p.child.kill('SIGKILL');
    await Promise.all(running.map((p) => p.exited));
  }
}

/** Waits until `GET base/api/health` answers 200; a process that exits first fails with its output. */
export async function waitForHealth(base: string, proc: SoukProcess, timeoutMs = START_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!proc.running()) throw new Error(`the process exited before it served:\n${proc.output()}`);
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(200);
  }
  throw new Error(`${base}/api/health did not answer 200 within ${timeoutMs} ms (last: ${last}):\n${proc.output()}`);
}

/** Waits until the process has printed `text`. */
export async function waitForOutput(proc: SoukProcess, text: string, timeoutMs = START_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!proc.output().includes(text)) {
    if (!proc.running()) throw new Error(`the process exited before printing "${text}":\n${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${proc.output()}`);
    await sleep(200);
  }
}

/** Sends `signal` and waits (bounded) for the process to end. */
export async function stopProcess(proc: SoukProcess, signal: NodeJS.Signals, timeoutMs = 30_000): Promise<Exit> {
  proc.child.kill(signal);
  const giveUp = new AbortController();
  const timeout = sleep(timeoutMs, undefined, { signal: giveUp.signal }).catch(() => undefined);
  const how = await Promise.race([proc.exited, timeout]).finally(() => giveUp.abort());
  if (!how) throw new Error(`the process did not stop within ${timeoutMs} ms of ${signal}:\n${proc.output()}`);
  return how;
}

export type Answer = { status: number; json: unknown; body: Buffer; headers: Headers };

/** A browser's share of HTTP: same-origin header, cookies, JSON or raw bodies; each request names the process it goes to. */
export class Browser {
  readonly cookies = new Map<string, string>();
  readonly origin: string;

  constructor(origin: string) {
    this.origin = origin;
  }

  async request(
    base: string,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    body?: unknown,
    contentType?: string,
  ): Promise<Answer> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const raw = Buffer.isBuffer(body);
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        origin: this.origin,
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { 'content-type': contentType ?? 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: raw ? new Uint8Array(body) : JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (value === '' || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    return {
      status: res.status,
      json: isJson && bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : undefined,
      body: bytes,
      headers: res.headers,
    };
  }
}
