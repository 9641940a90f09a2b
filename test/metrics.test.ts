// GET /metrics (decision 041): off by default; on, the Prometheus text holds requests by route
// template, the database pool, job queues, the mail backlog, deletion requests with their due date
// and erased rows — never an id or an address — and only this machine reads it without the token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { processDeletion } from '../src/modules/deletion/index.ts';
import { render } from '../src/modules/mail/index.ts';
import { createTestApp, signUpAndSignIn, waitForEmptyOutbox } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';

const TOKEN = 'metrics-token-metrics-token-0123456789';
const ELSEWHERE = '203.0.113.7';

type Sample = { name: string; labels: Record<string, string>; value: number };

/** Parses the text format: every line is a comment or `name{labels} value`; anything else fails. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(match, `a sample line: ${line}`);
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    // Go's ParseFloat, which Prometheus uses, reads NaN and Inf in any case (an event loop not sampled yet is NaN).
    const value = /^[+-]?(inf|nan)$/i.test(match[3]!)
      ? Number(match[3]!.replace(/inf/i, 'Infinity'))
      : Number(match[3]);
    assert.ok(!Number.isNaN(value) || /nan/i.test(match[3]!), `a number: ${line}`);
    samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}

const find = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

test('metrics are off by default: /metrics is a 404, not the web app', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const res = await app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error.code, 'NOT_FOUND');
});

test('metrics: what they hold, and who may read them', async (t) => {
  const { app, close, engine } = await createTestApp({
    METRICS: 'true',
    METRICS_TOKEN: TOKEN,
    DELETION_WAIT_HOURS: '0',
  });
  t.after(close);
  const { db } = app.souk;
  const scrape = async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    return res.body;
  };

  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Metric Rugs', [
    { country: 'FR', cost_minor: 500, min_days: 2, max_days: 5 },
  ]);
  const productId = await createFixtureProduct(db, store, { title: 'Kilim Rug', price: 12000 });
  const email = 'metered.person@example.com';
  const person = await signUpAndSignIn(app, email, undefined, 'Metered Person');
  const userId = (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  await waitForEmptyOutbox(app);
  assert.equal((await app.inject({ method: 'GET', url: `/api/products/${productId}` })).statusCode, 200);
  assert.equal((await app.inject({ method: 'GET', url: `/api/products/${productId}` })).statusCode, 200);
  assert.equal((await app.inject({ method: 'GET', url: `/api/nothing/${userId}` })).statusCode, 404);
  const asked = await person.post('/api/account/deletion', { confirmEmail: email, reason: 'other' });
  assert.equal(asked.statusCode, 202, asked.body);
  const request = await db.selectFrom('deletion_requests').select(['id', 'due_at']).executeTakeFirstOrThrow();
  // A mail waiting in the outbox: claimed for an hour, as one in flight, so no delivery takes it meanwhile.
  const mailId = await app.souk.mail.enqueue(db, {
    to: 'backlog.reader@example.com',
    userId: null,
    kind: 'account_security',
    mail: render('en', 'Waiting', [{ kind: 'p', text: 'A mail in the backlog.' }]),
  });
  await db
    .updateTable('mail_outbox')
    .set({ claimed_until: new Date(Date.now() + 3_600_000) })
    .where('id', '=', mailId!)
    .execute();

  await t.test('requests by route template and status, never by URL', async () => {
    const samples = parse(await scrape());
    const page = find(samples, 'souk_http_request_duration_seconds_count', {
      method: 'GET',
      route: '/api/products/:id',
      status_code: '200',
    });
    assert.deepEqual(
      page.map((s) => s.value),
      [2],
    );
    assert.equal(
      find(samples, 'souk_http_request_duration_seconds_count', { route: 'unmatched', status_code: '404' }).length,
      1,
    );
    assert.ok(
      find(samples, 'souk_http_request_duration_seconds_bucket', { route: '/api/products/:id', le: '+Inf' })[0]
        ?.value === 2,
    );
  });

  await t.test('database pool, job queues, mail backlog, deletion requests with their due date', async () => {
    const samples = parse(await scrape());
    const total = find(samples, 'souk_db_pool_connections')[0]!.value;
    assert.ok(engine === 'pglite' ? total === 1 : total >= 1, `pool connections: ${total}`);
    assert.equal(find(samples, 'souk_db_pool_idle_connections').length, 1);
    assert.equal(find(samples, 'souk_db_pool_waiting').length, 1);
    const depth = find(samples, 'souk_job_queue_depth', { queue: 'deletion.process-due' });
    assert.equal(depth.length, 1, 'every queue is listed, an empty one at 0');
    assert.ok(depth[0]!.value >= 0);
    assert.equal(find(samples, 'souk_job_queue_oldest_age_seconds', { queue: 'deletion.process-due' }).length, 1);
    assert.equal(find(samples, 'souk_mail_backlog')[0]!.value, 1);
    const age = find(samples, 'souk_mail_backlog_oldest_age_seconds')[0]!.value;
    assert.ok(age >= 0 && age < 60, `the mail waits since the test queued it (${age} s)`);
    assert.equal(find(samples, 'souk_deletion_requests', { status: 'received' })[0]!.value, 1);
    assert.equal(find(samples, 'souk_deletion_requests', { status: 'completed' })[0]!.value, 0);
    const due = find(samples, 'souk_deletion_requests_oldest_due_timestamp_seconds', { status: 'received' })[0]!.value;
    assert.ok(Math.abs(due - request.due_at.getTime() / 1000) < 1, `due ${due} is the request's due date`);
  });

  await t.test('erased rows are counted once the erasure ran', async () => {
    const before = find(parse(await scrape()), 'souk_erasure_rows_total')[0]!.value;
    assert.equal(before, 0);
    assert.equal(await processDeletion(app.souk, request.id), 'completed');
    const samples = parse(await scrape());
    assert.ok(find(samples, 'souk_erasure_rows_total')[0]!.value > 0);
    assert.equal(find(samples, 'souk_erasure_duration_seconds_count')[0]!.value, 1);
    assert.equal(find(samples, 'souk_deletion_requests', { status: 'completed' })[0]!.value, 1);
    assert.equal(
      find(samples, 'souk_deletion_requests_oldest_due_timestamp_seconds', { status: 'completed' }).length,
      0,
    );
  });

  await t.test('no address and no id anywhere in the output', async () => {
    const text = await scrape();
    for (const secret of [email, 'backlog.reader@example.com', userId, productId, request.id, mailId!, TOKEN])
      assert.ok(!text.includes(secret), `${secret} is not in the metrics`);
    assert.doesNotMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, 'no UUID at all');
    assert.doesNotMatch(text, /@/, 'no address at all');
  });

  await t.test('another machine needs the token: none or a wrong one is a 401, the right one a 200', async () => {
    const from = (headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url: '/metrics', remoteAddress: ELSEWHERE, headers });
    const none = await from();
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().error.code, 'METRICS_UNAUTHORIZED');
    assert.equal(none.headers['www-authenticate'], 'Bearer');
    const wrong = await from({ authorization: `Bearer ${TOKEN.slice(0, -1)}x` });
    assert.equal(wrong.statusCode, 401);
    assert.equal((await from({ authorization: TOKEN })).statusCode, 401, 'the bare token is not a bearer token');
    const right = await from({ authorization: `Bearer ${TOKEN}` });
    assert.equal(right.statusCode, 200);
    assert.match(right.body, /souk_http_request_duration_seconds/);
    // A proxy on this machine forwarding someone else's request is not this machine.
    const proxied = await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': ELSEWHERE } });
    assert.equal(proxied.statusCode, 401);
  });

  await t.test('the route is in the OpenAPI document as text/plain', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    assert.ok(doc.paths['/metrics']?.get?.responses['200']?.content?.['text/plain']);
  });
});

test('metrics on without a token: other machines find nothing (404), this one reads them', async (t) => {
  const { app, close } = await createTestApp({ METRICS: 'true', RUN_JOBS: 'false' });
  t.after(close);
  const elsewhere = await app.inject({
    method: 'GET',
    url: '/metrics',
    remoteAddress: ELSEWHERE,
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  assert.equal(elsewhere.statusCode, 404);
  assert.equal(elsewhere.json().error.code, 'NOT_FOUND');
  const local = await app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(local.statusCode, 200);
  // No job queue in this process and none created in this database: no queue series, still one answer.
  assert.equal(find(parse(local.body), 'souk_job_queue_depth').length, 0);
  assert.equal(find(parse(local.body), 'souk_mail_backlog')[0]!.value, 0);
});
