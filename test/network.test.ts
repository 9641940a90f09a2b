// What crosses a real network: the development mailbox answers only this machine, whatever HOST
// is, and slow or silent clients are cut off (issue 15). The peer is real: a network namespace
// joined to this one by a veth pair the test makes (root and iproute2), or else this machine's own
// non-loopback address as the connection's source.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, execFile } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { promisify } from 'node:util';
import { createTestApp, type TestApp } from './helpers/app.ts';

const run = promisify(execFile);

type Peer = {
  /** how the peer is made, for the test's name */
  kind: string;
  /** the address the server is reached at from the peer */
  serverAddress: string;
  /** the peer's own address, as the server sees it */
  peerAddress: string;
  get(port: number, path: string, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
};

/** A network namespace with a veth pair: a second host on this machine, at 10.213.x.2. */
async function namespacePeer(): Promise<Peer | null> {
  if (process.getuid?.() !== 0) return null;
  const id = `${process.pid % 10000}${Math.floor(Math.random() * 90 + 10)}`;
  const ns = `souk-t${id}`;
  const [host, guest] = [`skh${id}`, `skg${id}`];
  const subnet = `10.213.${process.pid % 250}`;
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });
  try {
    ip('netns', 'add', ns);
    ip('link', 'add', host, 'type', 'veth', 'peer', 'name', guest);
    ip('link', 'set', guest, 'netns', ns);
    ip('addr', 'add', `${subnet}.1/30`, 'dev', host);
    ip('link', 'set', host, 'up');
    ip('netns', 'exec', ns, 'ip', 'addr', 'add', `${subnet}.2/30`, 'dev', guest);
    ip('netns', 'exec', ns, 'ip', 'link', 'set', guest, 'up');
    ip('netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up');
  } catch {
    try {
      ip('netns', 'del', ns);
    } catch {
      /* never made */
    }
    try {
      ip('link', 'del', host);
    } catch {
      /* never made */
    }
    return null;
  }
  return {
    kind: 'a network namespace over a veth pair',
    serverAddress: `${subnet}.1`,
    peerAddress: `${subnet}.2`,
    async get(port, path, headers = {}) {
      // The request is made from inside the namespace, by a Node of the same version.
      const script = `fetch(${JSON.stringify(`http://${subnet}.1:${port}${path}`)}, { headers: ${JSON.stringify(headers)} })
        .then(async (r) => process.stdout.write(JSON.stringify({ status: r.status, body: await r.text() })))`;
      const { stdout } = await run('ip', ['netns', 'exec', ns, process.execPath, '-e', script]);
      return JSON.parse(stdout) as { status: number; body: string };
    },
    async close() {
      try {
        ip('netns', 'del', ns);
      } catch {
        /* gone */
      }
      try {
        ip('link', 'del', host);
      } catch {
        /* went with the namespace */
      }
    },
  };
}

/** This machine's own non-loopback address as the connection's source and destination. */
function ownAddressPeer(): Peer | null {
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  if (!address) return null;
  return {
    kind: "this machine's non-loopback address",
    serverAddress: address,
    peerAddress: address,
    get: (port, path, headers = {}) =>
      new Promise((resolve, reject) => {
        http
          .get({ host: address, port, path, localAddress: address, headers }, (res) => {
            let body = '';
            res
              .setEncoding('utf8')
              .on('data', (chunk: string) => (body += chunk))
              .on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          })
          .on('error', reject);
      }),
    async close() {},
  };
}

let peer: Peer | null = null;
before(async () => {
  peer = (await namespacePeer()) ?? ownAddressPeer();
});
after(async () => {
  await peer?.close();
});

/** GET from this machine (127.0.0.1). */
const local = (port: number, path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers }, (res) => {
        let body = '';
        res
          .setEncoding('utf8')
          .on('data', (chunk: string) => (body += chunk))
          .on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });

async function listening(env: Record<string, string> = {}): Promise<{ testApp: TestApp; port: number }> {
  const testApp = await createTestApp(env);
  await testApp.app.listen({ host: '0.0.0.0', port: 0 });
  return { testApp, port: (testApp.app.server.address() as net.AddressInfo).port };
}

test('the development mailbox answers only this machine: another host gets the answer of a route that does not exist', async (t) => {
  if (!peer) return t.skip('no second host: neither a network namespace nor a non-loopback address is available here');
  t.diagnostic(`peer: ${peer.kind} (${peer.peerAddress})`);
  const { testApp, port } = await listening();
  try {
    // The peer reaches the shop (so what follows is the mailbox's doing, not a dead network).
    assert.equal((await peer.get(port, '/api/health')).status, 200);
    const missing = await peer.get(port, '/api/no-such-route');
    assert.equal(missing.status, 404);
    for (const path of [
      '/api/dev/mailbox',
      '/api/dev/mailbox?to=buyer%40souk.example',
      '/dev/mailbox',
      '/dev/mailbox/00000000-0000-4000-8000-000000000000',
    ]) {
      const answer = await peer.get(port, path);
      assert.equal(answer.status, 404, path);
      assert.equal(answer.body, missing.body, `${path}: the same answer as no route at all`);
    }
    // Claiming to be this machine changes nothing when proxies are not trusted.
    assert.equal((await peer.get(port, '/api/dev/mailbox', { 'x-forwarded-for': '127.0.0.1' })).status, 404);
    // This machine reads it.
    assert.equal((await local(port, '/api/dev/mailbox')).status, 200);
    assert.equal((await local(port, '/dev/mailbox')).status, 200);
  } finally {
    await testApp.close();
  }
});

test('behind a trusted proxy the mailbox judges the forwarded client, not the proxy', async () => {
  const { testApp, port } = await listening({ TRUST_PROXY: '127.0.0.1' });
  try {
    assert.equal((await local(port, '/api/dev/mailbox', { 'x-forwarded-for': '203.0.113.9' })).status, 404);
    assert.equal((await local(port, '/api/dev/mailbox', { 'x-forwarded-for': '127.0.0.1' })).status, 200);
    assert.equal((await local(port, '/api/dev/mailbox')).status, 200);
  } finally {
    await testApp.close();
  }
});

/** Sends `head` (and no more) and resolves with what came back and how long until the server closed. */
function halfSent(port: number, head: string): Promise<{ ms: number; answer: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let answer = '';
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(head));
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve({ ms: performance.now() - started, answer }));
    socket.on('error', reject);
    // The default limit of Node's server was 5 minutes: far past this, the test fails.
    setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept a half-sent request open'));
    }, 15_000).unref();
  });
}

test('a request whose body never arrives, or whose headers never end, is cut off within its limit', async () => {
  const { testApp, port } = await listening({
    HEADERS_TIMEOUT_SECONDS: '1',
    REQUEST_TIMEOUT_SECONDS: '2',
    IDLE_TIMEOUT_SECONDS: '30',
  });
  try {
    // Checked every second: a limit of N seconds closes within N + 1 (and some slack for a busy machine).
    const body = await halfSent(
      port,
      'POST /api/auth/sign-in HTTP/1.1\r\nHost: souk.test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":',
    );
    assert.ok(body.ms >= 1500 && body.ms < 6000, `closed after ${Math.round(body.ms)} ms`);
    assert.match(body.answer, /^HTTP\/1\.1 408 /);
    const headers = await halfSent(port, 'GET /api/health HTTP/1.1\r\nHost: souk.test\r\nX-Slow: ');
    assert.ok(headers.ms >= 500 && headers.ms < 5000, `closed after ${Math.round(headers.ms)} ms`);
    assert.match(headers.answer, /^HTTP\/1\.1 408 /);
    // A whole request in time is served as ever.
    assert.equal((await local(port, '/api/health')).status, 200);
  } finally {
    await testApp.close();
  }
});
