// Outgoing webhooks, against a real HTTP receiver on an ephemeral port: a completed erasure sends
// one signed `account.erased` carrying the reference only; failed attempts (an error status, a
// timeout, a redirect) are retried with back-off and the same event id; without WEBHOOK_URL
// nothing is recorded; a wrong configuration stops the start. The signature is checked with the
// very code docs/webhooks.md gives receivers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createTestApp, signUpAndSignIn } from './helpers/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { processDeletion } from '../src/modules/deletion/process.ts';
import type { WebhookBody } from '../src/modules/webhooks/events.ts';

const SECRET = 'whsec-test-5b1d0c8e2f7a4c3b9e6d1a0f8c7b6a5d';

type Received = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string; at: number };
type Answer = (request: Received, response: http.ServerResponse) => void | Promise<void>;

const ok: Answer = (_request, response) => void response.writeHead(204).end();
const status =
  (code: number, headers: Record<string, string> = {}): Answer =>
  (_request, response) =>
    void response.writeHead(code, headers).end('{"error":"receiver details that Souk must not keep"}');
const hang: Answer = () => {};

/** A receiver answering requests with the queued answers in turn, then 204. */
async function startReceiver() {
  const received: Received[] = [];
  const queued: Answer[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      received.push(request);
      void (queued.shift() ?? ok)(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/souk`,
    received,
    answerNext: (...answers: Answer[]) => queued.push(...answers),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

type Verify = (
  secret: string,
  header: unknown,
  rawBody: string | Buffer,
  toleranceSeconds?: number,
  nowSeconds?: number,
) => boolean;

/** The verification block of docs/webhooks.md, imported as a receiver would paste it. */
async function documentedVerifier(): Promise<Verify> {
  const doc = fs.readFileSync(new URL('../docs/webhooks.md', import.meta.url), 'utf8');
  const block = doc.match(/```js\n(import \{ createHmac[\s\S]*?)```/)?.[1];
  assert.ok(block, 'docs/webhooks.md shows the verification code');
  const module = (await import(`data:text/javascript,${encodeURIComponent(block)}`)) as { verifySoukSignature: Verify };
  return module.verifySoukSignature;
}

async function waitUntil<T>(what: string, read: () => T | Promise<T>, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Signs a person up, has them request deletion, and processes it as the job would. */
async function eraseSomeone(
  app: FastifyInstance,
  email: string,
  name: string,
): Promise<{ reference: string; userId: string }> {
  const db = app.souk.db;
  const person = await signUpAndSignIn(app, email, undefined, name);
  const userId = (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const res = await person.post('/api/account/deletion', { confirmEmail: email });
  assert.equal(res.statusCode, 202, res.body);
  const reference = (res.json() as { reference: string }).reference;
  const request = await db
    .selectFrom('deletion_requests')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  assert.equal(await processDeletion(app.souk, request.id), 'completed');
  return { reference, userId };
}

const outboxRow = (app: FastifyInstance, id: string) =>
  app.souk.db
    .selectFrom('webhook_outbox')
    .select(['id', 'event_type', 'attempts', 'last_status', 'last_error', 'delivered_at', 'failed_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

test('webhooks: account.erased reaches the receiver', async (t) => {
  const receiver = await startReceiver();
  const { app, close } = await createTestApp(
    { WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET },
    { rateLimits: false, webhookDelivery: { timeoutMs: 500, retryBaseSeconds: 1 } },
  );
  t.after(async () => {
    await close();
    await receiver.close();
  });
  const verify = await documentedVerifier();

  await t.test('a processed deletion delivers exactly one signed event with the reference only', async () => {
    const email = 'layla.amrani@example.com';
    const { reference, userId } = await eraseSomeone(app, email, 'Layla Amrani');
    const request = await waitUntil('the delivery', () => receiver.received[0]);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(receiver.received.length, 1, 'exactly one delivery');

    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/hooks/souk');
    assert.equal(request.headers['content-type'], 'application/json');
    const body = JSON.parse(request.body) as WebhookBody<'account.erased'>;
    assert.deepEqual(Object.keys(body), ['id', 'type', 'createdAt', 'data']);
    assert.equal(body.type, 'account.erased');
    assert.deepEqual(body.data, { reference });
    assert.match(body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(new Date(body.createdAt).toISOString(), body.createdAt);
    assert.equal(request.headers['souk-event-id'], body.id, 'the event id is a header too, for de-duplication');
    assert.equal(request.headers['souk-event-type'], 'account.erased');
    for (const personal of [email, 'layla.amrani', 'Layla', 'Amrani', userId]) {
      assert.ok(
        !request.body.includes(personal) && !JSON.stringify(request.headers).includes(personal),
        `the delivery holds ${personal}`,
      );
    }

    const signature = String(request.headers['souk-signature']);
    assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.equal(verify(SECRET, signature, request.body), true, 'the documented check accepts it');
    assert.equal(verify(SECRET, signature, Buffer.from(request.body)), true, 'from raw bytes too');
    assert.equal(
      verify('another-secret-another-secret-another', signature, request.body),
      false,
      'another secret fails',
    );
    assert.equal(
      verify(SECRET, signature, request.body.replace(reference, 'DEL-AAAA-AAAA')),
      false,
      'a changed body fails',
    );
    assert.equal(
      verify(SECRET, signature, request.body, 300, Date.now() / 1000 + 3600),
      false,
      'an hour-old signature is refused (replay)',
    );

    const row = await outboxRow(app, body.id);
    assert.equal(row.event_type, 'account.erased');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_status, 204);
    assert.equal(row.last_error, null);
    assert.ok(row.delivered_at);
    assert.equal(await app.souk.webhooks.sweep(), 0, 'a delivered event is never sent again');
  });

  await t.test('an erasure rolled back by the verification scan records and sends nothing', async () => {
    receiver.received.length = 0;
    const email = 'driss.kettani@example.com';
    const person = await signUpAndSignIn(app, email, undefined, 'Driss Kettani');
    // Another account's store page quotes the address: a finding for staff (decision 031).
    const store = await app.souk.db
      .insertInto('stores')
      .values({ name: 'Quoting Store', country: 'MA', description: `Ask ${email} about bulk orders.` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await person.post('/api/account/deletion', { confirmEmail: email, reason: 'other' });
    assert.equal(res.statusCode, 202, res.body);
    const request = await app.souk.db
      .selectFrom('deletion_requests')
      .select('id')
      .where('reference', '=', (res.json() as { reference: string }).reference)
      .executeTakeFirstOrThrow();
    const before = await app.souk.db.selectFrom('webhook_outbox').select('id').execute();
    assert.equal(await processDeletion(app.souk, request.id), 'needs_attention');
    assert.deepEqual(
      await app.souk.db.selectFrom('webhook_outbox').select('id').execute(),
      before,
      'the event went with the rollback',
    );
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(receiver.received.length, 0);
    await app.souk.db
      .updateTable('stores')
      .set({ description: 'Ask us about bulk orders.' })
      .where('id', '=', store.id)
      .execute();
    assert.equal(await processDeletion(app.souk, request.id), 'completed');
    await waitUntil('the delivery once it completed', () => receiver.received[0]);
  });

  await t.test('a receiver answering 500 twice, then 200, gets retries with back-off and the same event', async () => {
    receiver.received.length = 0;
    let seenBeforeThird: Awaited<ReturnType<typeof outboxRow>> | undefined;
    receiver.answerNext(status(500), status(503), async (request, response) => {
      seenBeforeThird = await outboxRow(app, String(request.headers['souk-event-id']));
      response.writeHead(200).end('thanks');
    });
    const { reference } = await eraseSomeone(app, 'karim.bennis@example.com', 'Karim Bennis');
    await waitUntil('three attempts', () => receiver.received.length >= 3 && seenBeforeThird);
    await waitUntil(
      'the delivered record',
      async () => (await outboxRow(app, String(receiver.received[0]!.headers['souk-event-id']))).delivered_at,
    );
    await new Promise((r) => setTimeout(r, 1500));
    const [first, second, third] = receiver.received;
    assert.equal(receiver.received.length, 3, 'no attempt after the 200');
    assert.equal(new Set(receiver.received.map((r) => r.headers['souk-event-id'])).size, 1, 'one event id throughout');
    assert.equal(new Set(receiver.received.map((r) => r.body)).size, 1, 'the same body, byte for byte');
    assert.deepEqual((JSON.parse(first!.body) as { data: unknown }).data, { reference });
    for (const r of receiver.received) assert.equal(verify(SECRET, r.headers['souk-signature'], r.body), true);
    assert.ok(
      second!.at - first!.at >= 900,
      `the first retry waits the base back-off (waited ${second!.at - first!.at} ms)`,
    );
    assert.ok(third!.at - second!.at >= 1900, `the second waits twice as long (waited ${third!.at - second!.at} ms)`);
    assert.equal(seenBeforeThird!.attempts, 3);
    assert.equal(seenBeforeThird!.last_status, 503, 'the last status is recorded');
    assert.equal(seenBeforeThird!.last_error, 'HTTP_503', 'a code, not the response body');
    const row = await outboxRow(app, String(first!.headers['souk-event-id']));
    assert.deepEqual([row.attempts, row.last_status, row.last_error], [3, 200, null]);
  });

  await t.test('a receiver that does not answer in time is retried', async () => {
    receiver.received.length = 0;
    let seenBeforeRetry: Awaited<ReturnType<typeof outboxRow>> | undefined;
    receiver.answerNext(hang, async (request, response) => {
      seenBeforeRetry = await outboxRow(app, String(request.headers['souk-event-id']));
      response.writeHead(202).end();
    });
    await eraseSomeone(app, 'hana.idrissi@example.com', 'Hana Idrissi');
    await waitUntil('the retry', () => seenBeforeRetry);
    const id = String(receiver.received[0]!.headers['souk-event-id']);
    await waitUntil('the delivered record', async () => (await outboxRow(app, id)).delivered_at);
    assert.equal(receiver.received.length, 2);
    assert.equal(receiver.received[1]!.headers['souk-event-id'], id);
    assert.deepEqual(
      [seenBeforeRetry!.attempts, seenBeforeRetry!.last_status, seenBeforeRetry!.last_error],
      [2, null, 'TIMEOUT'],
    );
    assert.ok(receiver.received[1]!.at - receiver.received[0]!.at >= 1400, 'the 0.5 s deadline, then the back-off');
  });

  await t.test('a redirect is not followed: it counts as a failed attempt', async () => {
    receiver.received.length = 0;
    let seenBeforeRetry: Awaited<ReturnType<typeof outboxRow>> | undefined;
    receiver.answerNext(status(307, { location: '/elsewhere' }), async (request, response) => {
      seenBeforeRetry = await outboxRow(app, String(request.headers['souk-event-id']));
      response.writeHead(204).end();
    });
    await eraseSomeone(app, 'youssef.tazi@example.com', 'Youssef Tazi');
    await waitUntil('the retry', () => seenBeforeRetry);
    assert.deepEqual(
      receiver.received.map((r) => r.path),
      ['/hooks/souk', '/hooks/souk'],
      'never /elsewhere',
    );
    assert.deepEqual([seenBeforeRetry!.last_status, seenBeforeRetry!.last_error], [307, 'REDIRECT_NOT_FOLLOWED']);
  });

  await t.test('delivered events are pruned after a week, pending ones never', async () => {
    const db = app.souk.db;
    const rows = await db.selectFrom('webhook_outbox').select('id').where('delivered_at', 'is not', null).execute();
    assert.ok(rows.length >= 4);
    const pending = await db
      .insertInto('webhook_outbox')
      .values({
        event_type: 'account.erased',
        data: JSON.stringify({ reference: 'DEL-TEST-0001' }),
        next_attempt_at: new Date(Date.now() + 3600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('webhook_outbox')
      .set({ delivered_at: new Date(Date.now() - 8 * 86400_000) })
      .where('id', '=', rows[0]!.id)
      .execute();
    assert.equal(await app.souk.webhooks.prune(), 1);
    assert.equal(
      await db.selectFrom('webhook_outbox').select('id').where('id', '=', rows[0]!.id).executeTakeFirst(),
      undefined,
    );
    assert.ok(await db.selectFrom('webhook_outbox').select('id').where('id', '=', pending.id).executeTakeFirst());
  });
});

test('webhooks: without WEBHOOK_URL nothing is recorded', async (t) => {
  const { app, close } = await createTestApp({}, { rateLimits: false });
  t.after(close);
  assert.equal(app.souk.config.webhook, undefined);
  await eraseSomeone(app, 'sara.alaoui@example.com', 'Sara Alaoui');
  const rows = await app.souk.db.selectFrom('webhook_outbox').select('id').execute();
  assert.deepEqual(rows, []);
  assert.equal(await app.souk.webhooks.sweep(), 0);
});

test('webhooks: a wrong configuration stops the start, naming the variable', () => {
  const refused = (env: Record<string, string>, variable: string, message: RegExp) =>
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => error instanceof ConfigError && error.variable === variable && message.test(error.message),
    );
  refused(
    { WEBHOOK_URL: 'https://hooks.example/souk' },
    'WEBHOOK_SECRET',
    /WEBHOOK_SECRET must be set \(at least 32 characters\) when WEBHOOK_URL is set/,
  );
  refused(
    { WEBHOOK_URL: 'https://hooks.example/souk', WEBHOOK_SECRET: 'too-short' },
    'WEBHOOK_SECRET',
    /WEBHOOK_SECRET must be at least 32 characters, got 9/,
  );
  refused(
    { WEBHOOK_URL: 'ftp://hooks.example/souk', WEBHOOK_SECRET: SECRET },
    'WEBHOOK_URL',
    /WEBHOOK_URL must start with http:\/\/ or https:\/\//,
  );
  refused({ WEBHOOK_URL: 'hooks.example/souk', WEBHOOK_SECRET: SECRET }, 'WEBHOOK_URL', /WEBHOOK_URL must be a URL/);
  assert.deepEqual(loadConfig({ WEBHOOK_URL: 'https://hooks.example/souk', WEBHOOK_SECRET: SECRET }).webhook, {
    url: 'https://hooks.example/souk',
    secret: SECRET,
  });
  assert.equal(loadConfig({}).webhook, undefined);

  const server = fileURLToPath(new URL('../src/server.ts', import.meta.url));
  const result = spawnSync(process.execPath, [server], {
    env: { ...process.env, WEBHOOK_URL: 'https://hooks.example/souk', WEBHOOK_SECRET: '', DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /Invalid configuration: WEBHOOK_SECRET must be set/);
});
