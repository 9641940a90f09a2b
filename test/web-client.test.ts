// The web app's API client (web/src/api/client.ts, decision 037) against the real app: its requests
// are what the server accepts, and every failure reaches the pages as an ApiError read from the
// error envelope. The browser's fetch is played by app.inject(), with the same-origin header a
// browser sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, ApiError, send } from '../web/src/api/client.ts';
import { createTestApp, ORIGIN } from './helpers/app.ts';

test('the web client talks to the app as the pages need', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const sent: Array<{ method: string; url: string; contentType: string | null; body: string }> = [];
  /** fetch as the browser does it, answered by the app itself. */
  const fetch = async (request: Request): Promise<Response> => {
    const body = request.body === null ? '' : await request.text();
    const url = new URL(request.url);
    sent.push({
      method: request.method,
      url: url.pathname + url.search,
      contentType: request.headers.get('content-type'),
      body,
    });
    const headers = Object.fromEntries([...request.headers, ['origin', ORIGIN]]);
    const res = await app.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers,
      ...(body === '' ? {} : { payload: body }),
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(res.headers))
      if (value !== undefined) responseHeaders.set(name, String(value));
    return new Response(res.statusCode === 204 ? null : new Uint8Array(res.rawPayload), {
      status: res.statusCode,
      headers: responseHeaders,
    });
  };
  const browser = { baseUrl: ORIGIN, fetch };

  await t.test('a body is sent as JSON with its content type; a call without one sends neither', async () => {
    await assert.rejects(
      send(
        api.POST('/api/auth/sign-in', {
          ...browser,
          body: { email: 'nobody@example.com', password: 'not-the-password-42' },
        }),
      ),
      ApiError,
    );
    assert.deepEqual(sent.at(-1), {
      method: 'POST',
      url: '/api/auth/sign-in',
      contentType: 'application/json',
      body: '{"email":"nobody@example.com","password":"not-the-password-42"}',
    });
    // Sign-out takes no body: a JSON content type with an empty body would be a 400.
    assert.equal(await send(api.POST('/api/auth/sign-out', browser)), undefined, '204 answers undefined');
    assert.deepEqual(sent.at(-1), { method: 'POST', url: '/api/auth/sign-out', contentType: null, body: '' });
  });

  await t.test('path and query parameters are written into the address, escaped', async () => {
    const results = await send(
      api.GET('/api/search', { ...browser, params: { query: { q: 'lamp & shade', page: 2 } } }),
    );
    assert.equal(results.page, 2);
    assert.equal(sent.at(-1)?.url, '/api/search?q=lamp%20%26%20shade&page=2');
    await assert.rejects(
      send(api.GET('/api/track/{trackingNumber}', { ...browser, params: { path: { trackingNumber: 'NO SUCH/1' } } })),
      ApiError,
    );
    assert.equal(sent.at(-1)?.url, '/api/track/NO%20SUCH%2F1');
  });

  await t.test('a refusal becomes an ApiError with the code, message and field details of the envelope', async () => {
    const failure = await send(
      api.POST('/api/auth/sign-up', { ...browser, body: { email: 'not an email', password: 'x', displayName: '' } }),
    ).catch((error: unknown) => error);
    assert.ok(failure instanceof ApiError);
    assert.equal(failure.status, 400);
    assert.equal(failure.code, 'VALIDATION_FAILED');
    assert.ok(
      failure.details.some((d) => d.field === 'email'),
      'the email field is named',
    );
    const unauthenticated = await send(api.GET('/api/me', browser)).catch((error: unknown) => error);
    assert.ok(unauthenticated instanceof ApiError);
    assert.equal(unauthenticated.status, 401);
    assert.equal(unauthenticated.code, 'UNAUTHENTICATED');
  });

  await t.test('a server that cannot be reached is NETWORK_ERROR, in words a person can act on', async () => {
    const unreachable = async (): Promise<Response> => {
      throw new TypeError('fetch failed');
    };
    const failure = await send(api.GET('/api/catalog/home', { baseUrl: ORIGIN, fetch: unreachable })).catch(
      (error: unknown) => error,
    );
    assert.ok(failure instanceof ApiError);
    assert.equal(failure.code, 'NETWORK_ERROR');
    assert.equal(failure.status, 0);
    assert.match(failure.message, /Could not reach Souk/);
  });
});
