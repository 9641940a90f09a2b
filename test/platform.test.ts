// Health, API docs, security headers and the web app fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp } from './helpers/app.ts';

test('platform', async (t) => {
  const { app, close, engine } = await createTestApp();
  t.after(close);

  await t.test('GET /api/health answers 200 with the engine', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok', database: engine });
  });

  await t.test('OpenAPI 3.1 is generated from the route schemas and served at /api/docs', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    };
    assert.equal(doc.openapi, '3.1.0');
    for (const path of [
      '/api/auth/sign-up',
      '/api/auth/sign-in',
      '/api/me',
      '/api/account/profile',
      '/api/account/sessions',
    ])
      assert.ok(doc.paths[path], `${path} documented`);
    assert.ok(doc.paths['/api/auth/sign-up']!.post!.requestBody, 'sign-up body documented');
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods))
        assert.ok(Object.keys(op.responses ?? {}).length > 0, `${method} ${path} has response schemas`);
    }
    const ui = await app.inject({ method: 'GET', url: '/api/docs' });
    assert.ok([200, 302].includes(ui.statusCode));
  });

  await t.test('every route schema compiles (they compile on first use or after listen, decision 025)', async () => {
    await app.compileRouteSchemas();
    // Compiled once: the second pass has nothing left to do, and a route still answers through it.
    await app.compileRouteSchemas();
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(health.statusCode, 200);
    assert.equal((health.json() as { status: string }).status, 'ok');
  });

  await t.test('an empty catalog answers empty lists, not placeholder products', async () => {
    const home = (await app.inject({ method: 'GET', url: '/api/catalog/home' })).json() as {
      offers: unknown[];
      newest: unknown[];
    };
    assert.deepEqual([home.offers, home.newest], [[], []]);
    const search = (await app.inject({ method: 'GET', url: '/api/search?q=anything' })).json() as {
      items: unknown[];
      total: number;
    };
    assert.deepEqual([search.items, search.total], [[], 0]);
  });

  await t.test('security headers are set', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['x-frame-options']), /SAMEORIGIN|DENY/);
  });

  await t.test('unknown API paths are JSON 404s; other paths serve the web app', async () => {
    const api = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(api.statusCode, 404);
    assert.equal((api.json() as { error: { code: string } }).error.code, 'NOT_FOUND');
    const page = await app.inject({ method: 'GET', url: '/account/settings/profile' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.match(page.body, /<div id="root">/);
  });
});
