// Hostile and broken requests: each gets a 4xx with a stable error code in the one error shape,
// and none of them changes anything in the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { ERRORS } from '../src/errors.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import {
  Client,
  STRONG_PASSWORD,
  countRows,
  createTestApp,
  forgetRateLimits,
  signIn,
  signUpAndSignIn,
} from './helpers/app.ts';

type ErrorBody = { error: { code: string; message: string; details?: Array<{ field: string; message: string }> } };

/** Asserts the one error shape, {error:{code,message,details?}}, with this status and code. */
function assertError(
  res: LightMyRequestResponse,
  status: number,
  code: keyof typeof ERRORS,
  field?: string,
): ErrorBody {
  assert.equal(res.statusCode, status, `expected ${status} ${code}, got ${res.statusCode}: ${res.body}`);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  const body = res.json() as ErrorBody;
  assert.deepEqual(Object.keys(body), ['error']);
  const keys = Object.keys(body.error);
  assert.ok(
    keys.every((k) => ['code', 'message', 'details'].includes(k)),
    `unexpected keys ${keys.join(', ')}`,
  );
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0);
  if (body.error.details !== undefined) {
    assert.ok(Array.isArray(body.error.details));
    for (const d of body.error.details) assert.deepEqual(Object.keys(d).sort(), ['field', 'message']);
  }
  if (field !== undefined) {
    assert.ok(
      body.error.details?.some((d) => d.field === field),
      `details should name ${field}: ${JSON.stringify(body.error.details)}`,
    );
  }
  return body;
}

test('bad input', async (t) => {
  const testApp = await createTestApp();
  const { app } = testApp;
  t.after(testApp.close);
  t.beforeEach(() => forgetRateLimits(app));

  const email = 'victim@example.test';
  const victim = await signUpAndSignIn(app, email, STRONG_PASSWORD, 'Vera Victim');

  /** Everything a bad request could have changed. */
  const snapshot = async () => ({
    users: await countRows(app, 'users'),
    sessions: await countRows(app, 'sessions'),
    accounts: await countRows(app, 'accounts'),
    verifications: await countRows(app, 'verifications'),
    outbox: await countRows(app, 'mail_outbox'),
    emailChanges: await countRows(app, 'email_change_requests'),
    preferences: await countRows(app, 'notification_preferences'),
    victim: await app.souk.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow(),
    password: (await app.souk.db.selectFrom('accounts').select('password').executeTakeFirstOrThrow()).password,
  });
  /** Runs the requests and asserts that the database looks exactly as before. */
  const changesNothing = async (run: () => Promise<void>) => {
    const before = await snapshot();
    await run();
    assert.deepEqual(await snapshot(), before);
  };
  const raw = (options: InjectOptions) => app.inject(options);
  const json = { 'content-type': 'application/json' };

  await t.test('malformed JSON is a 400 MALFORMED_JSON', () =>
    changesNothing(async () => {
      for (const payload of ['{"email":', '{email: "x@example.test"}', "{'a': 1}", '']) {
        assertError(await new Client(app).request('POST', '/api/auth/sign-up', payload, json), 400, 'MALFORMED_JSON');
        assertError(await victim.request('PATCH', '/api/account/profile', payload, json), 400, 'MALFORMED_JSON');
      }
    }),
  );

  await t.test('wrong types are a 400 VALIDATION_FAILED naming the field, with no coercion', () =>
    changesNothing(async () => {
      assertError(
        await victim.patch('/api/account/profile', { displayName: 123 }),
        400,
        'VALIDATION_FAILED',
        'displayName',
      );
      assertError(
        await victim.patch('/api/account/profile', { displayName: ['Vera'] }),
        400,
        'VALIDATION_FAILED',
        'displayName',
      );
      assertError(await victim.patch('/api/account/profile', { country: 33 }), 400, 'VALIDATION_FAILED', 'country');
      assertError(
        await new Client(app).post('/api/auth/sign-up', { email: true, password: STRONG_PASSWORD, displayName: 'T' }),
        400,
        'VALIDATION_FAILED',
        'email',
      );
      assertError(
        await new Client(app).post('/api/auth/sign-in', { email, password: 12345678 }),
        400,
        'VALIDATION_FAILED',
        'password',
      );
      assertError(
        await victim.post('/api/account/password', {
          currentPassword: STRONG_PASSWORD,
          newPassword: 'solid-new-phrase-12',
          revokeOtherSessions: 'yes',
        }),
        400,
        'VALIDATION_FAILED',
        'revokeOtherSessions',
      );
      assertError(
        await victim.put('/api/account/notifications', { preferences: { offers: 'true' } }),
        400,
        'VALIDATION_FAILED',
        'preferences.offers',
      );
      assertError(await new Client(app).post('/api/auth/sign-up', [email, STRONG_PASSWORD]), 400, 'VALIDATION_FAILED');
      assertError(await new Client(app).post('/api/auth/sign-up', 'null'), 400, 'VALIDATION_FAILED');
    }),
  );

  await t.test('missing fields are named', () =>
    changesNothing(async () => {
      assertError(
        await new Client(app).post('/api/auth/sign-up', { email: 'new@example.test', password: STRONG_PASSWORD }),
        400,
        'VALIDATION_FAILED',
        'displayName',
      );
      assertError(await new Client(app).post('/api/auth/sign-in', { email }), 400, 'VALIDATION_FAILED', 'password');
      assertError(await new Client(app).post('/api/auth/verify-email', {}), 400, 'VALIDATION_FAILED', 'token');
    }),
  );

  await t.test('over-long strings are refused before any work', () =>
    changesNothing(async () => {
      const longEmail = `${'a'.repeat(287)}@example.test`;
      assert.equal(longEmail.length, 300);
      assertError(
        await new Client(app).post('/api/auth/sign-up', {
          email: longEmail,
          password: STRONG_PASSWORD,
          displayName: 'Long',
        }),
        400,
        'VALIDATION_FAILED',
        'email',
      );
      assertError(
        await new Client(app).post('/api/auth/forgot-password', { email: longEmail }),
        400,
        'VALIDATION_FAILED',
        'email',
      );
      assertError(
        await new Client(app).post('/api/auth/sign-up', {
          email: 'long-name@example.test',
          password: STRONG_PASSWORD,
          displayName: 'n'.repeat(81),
        }),
        400,
        'VALIDATION_FAILED',
        'displayName',
      );
      assertError(
        await victim.patch('/api/account/profile', { displayName: 'n'.repeat(81) }),
        400,
        'VALIDATION_FAILED',
        'displayName',
      );
      assertError(
        await new Client(app).post('/api/auth/sign-up', {
          email: 'long-pw@example.test',
          password: 'p'.repeat(2000),
          displayName: 'Long',
        }),
        400,
        'VALIDATION_FAILED',
        'password',
      );
      assertError(
        await new Client(app).post('/api/auth/sign-in', { email, password: 'p'.repeat(2000) }),
        400,
        'VALIDATION_FAILED',
        'password',
      );
      assertError(
        await victim.patch('/api/account/profile', { phone: `+${'1'.repeat(40)}` }),
        400,
        'VALIDATION_FAILED',
        'phone',
      );
    }),
  );

  await t.test('unknown fields are refused and named', () =>
    changesNothing(async () => {
      assertError(
        await new Client(app).post('/api/auth/sign-up', {
          email: 'extra@example.test',
          password: STRONG_PASSWORD,
          displayName: 'X',
          role: 'admin',
        }),
        400,
        'VALIDATION_FAILED',
        'role',
      );
      assertError(
        await victim.patch('/api/account/profile', { displayName: 'Vera', emailVerified: false }),
        400,
        'VALIDATION_FAILED',
        'emailVerified',
      );
      assertError(
        await victim.patch('/api/account/profile', { email: 'hijack@example.test' }),
        400,
        'VALIDATION_FAILED',
        'email',
      );
      assertError(
        await new Client(app).post('/api/auth/sign-in', { email, password: STRONG_PASSWORD, rememberMe: false }),
        400,
        'VALIDATION_FAILED',
        'rememberMe',
      );
    }),
  );

  await t.test(
    'a body sent to a route that takes none is refused before any work; no body or {} is accepted',
    async () => {
      const otherDevice = await signIn(app, email);
      const otherSession = (await otherDevice.get('/api/account/sessions'))
        .json()
        .sessions.find((s: { current: boolean }) => s.current).id as string;
      await changesNothing(async () => {
        assertError(
          await victim.post('/api/auth/sign-out', { everywhere: true }),
          400,
          'VALIDATION_FAILED',
          'everywhere',
        );
        assertError(
          await victim.post('/api/account/sessions/revoke-others', { keep: [] }),
          400,
          'VALIDATION_FAILED',
          'keep',
        );
        assertError(await victim.post('/api/account/sessions/revoke-others', ['all']), 400, 'VALIDATION_FAILED');
        assertError(await victim.post('/api/account/sessions/revoke-others', '"all"'), 400, 'VALIDATION_FAILED');
        assertError(
          await victim.request('DELETE', `/api/account/sessions/${otherSession}`, { confirm: true }),
          400,
          'VALIDATION_FAILED',
          'confirm',
        );
        assertError(
          await victim.request('POST', '/api/account/sessions/revoke-others', '{}', { 'content-type': 'text/plain' }),
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        );
      });
      assert.equal((await otherDevice.get('/api/me')).statusCode, 200, 'the other session survived');
      // What the web app sends (nothing, without a content type) and an empty JSON object both work.
      assert.equal((await otherDevice.post('/api/auth/sign-out', {})).statusCode, 204);
      assert.equal((await otherDevice.get('/api/me')).statusCode, 401);
      const third = await signIn(app, email);
      assert.equal((await victim.post('/api/account/sessions/revoke-others')).statusCode, 204);
      assert.equal((await third.get('/api/me')).statusCode, 401);
      assert.equal((await victim.get('/api/me')).statusCode, 200);
    },
  );

  await t.test('a NUL character is a 400, not a database error', () =>
    changesNothing(async () => {
      assertError(
        await victim.patch('/api/account/profile', { displayName: 'Vera\u0000Victim' }),
        400,
        'VALIDATION_FAILED',
        'displayName',
      );
      assertError(
        await new Client(app).post('/api/auth/sign-up', {
          email: 'nul@example.test',
          password: STRONG_PASSWORD,
          displayName: 'N\u0000',
        }),
        400,
        'VALIDATION_FAILED',
        'displayName',
      );
      assertError(await victim.delete('/api/account/sessions/%00'), 400, 'VALIDATION_FAILED', 'id');
    }),
  );

  await t.test('a lone surrogate is a 400 naming the field, not text stored as U+FFFD', () =>
    changesNothing(async () => {
      assertError(
        await victim.patch('/api/account/profile', { displayName: 'Vera \ud800' }),
        400,
        'VALIDATION_FAILED',
        'displayName',
      );
      assertError(
        await victim.request('PATCH', '/api/account/profile', '{"displayName":"Vera \\udfff"}', json),
        400,
        'VALIDATION_FAILED',
        'displayName',
      );
      assertError(
        await victim.put('/api/account/notifications', { preferences: { '\ud800': true } }),
        400,
        'VALIDATION_FAILED',
      );
    }),
  );

  await t.test(
    'a URL Fastify cannot route (a broken escape, an over-long path segment) is a 400 in the one shape',
    () =>
      changesNothing(async () => {
        for (const url of [
          '/api/account/sessions/%ED%A0%80',
          '/api/account/sessions/%zz',
          `/api/products/${'a'.repeat(101)}`,
          `/api/track/${'A'.repeat(5000)}`,
        ]) {
          const res = await victim.request(url.startsWith('/api/account') ? 'DELETE' : 'GET', url);
          const body = assertError(res, 400, 'VALIDATION_FAILED', 'url');
          assert.doesNotMatch(JSON.stringify(body), /%ED|%zz|aaaa|AAAA/, 'the answer does not echo the path');
          assert.equal(res.headers['x-content-type-options'], 'nosniff', 'with the security headers');
        }
      }),
  );

  await t.test(
    'an id in any spelling but canonical lower case is a 400 naming the field, in a path, a query or a body',
    async () => {
      const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
      const spellings = [
        `urn:uuid:${id}`,
        `URN:UUID:${id}`,
        `{${id}}`,
        id.toUpperCase(),
        id.replaceAll('-', ''),
        '0f8f-ad5b-d9cb-469f-a165-7086-7728-950e',
        `${id}0`,
        id.slice(0, 35),
        ` ${id}`,
      ];
      const cart = async () => (await victim.get('/api/cart')).json() as unknown;
      const cartBefore = await cart();
      await changesNothing(async () => {
        for (const spelling of spellings) {
          const encoded = encodeURIComponent(spelling);
          assertError(await new Client(app).get(`/api/products/${encoded}`), 400, 'VALIDATION_FAILED', 'id');
          assertError(
            await new Client(app).post('/api/cart/lines', { productId: spelling, quantity: 1 }),
            400,
            'VALIDATION_FAILED',
            'productId',
          );
          assertError(
            await victim.post('/api/cart/lines', { productId: spelling, quantity: 1 }),
            400,
            'VALIDATION_FAILED',
            'productId',
          );
          assertError(await victim.get(`/api/checkout?addressId=${encoded}`), 400, 'VALIDATION_FAILED', 'addressId');
          assertError(await victim.request('DELETE', `/api/addresses/${encoded}`), 400, 'VALIDATION_FAILED', 'id');
        }
      });
      assert.deepEqual(await cart(), cartBefore, 'no cart line was added');
      // The canonical form of an id that names nothing is a 404, as before.
      assertError(await new Client(app).get(`/api/products/${id}`), 404, 'NOT_FOUND');
      assertError(await victim.get(`/api/checkout?addressId=${id}`), 404, 'NOT_FOUND');
    },
  );

  await t.test(
    'a body nested deeper than 64 levels is a 400 BODY_TOO_DEEP before any work; 64 levels is still parsed',
    () =>
      changesNothing(async () => {
        const deep = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);
        for (const depth of [65, 1000, 10_000]) {
          assertError(
            await new Client(app).request('POST', '/api/auth/sign-up', deep(depth), json),
            400,
            'BODY_TOO_DEEP',
          );
          assertError(
            await victim.request('PATCH', '/api/account/profile', `{"displayName":${deep(depth)}}`, json),
            400,
            'BODY_TOO_DEEP',
          );
          assertError(
            await victim.request('POST', '/api/cart/lines', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, json),
            400,
            'BODY_TOO_DEEP',
          );
          assertError(
            await new Client(app).request(
              'POST',
              '/api/help/email-check',
              `{"email":"a@b.co","x":${deep(depth)}}`,
              json,
            ),
            400,
            'BODY_TOO_DEEP',
          );
        }
        // At the limit the body is parsed, and refused by its schema like any other.
        assertError(
          await victim.request('PATCH', '/api/account/profile', `{"displayName":${deep(63)}}`, json),
          400,
          'VALIDATION_FAILED',
          'displayName',
        );
        // Brackets inside a string are text, not nesting.
        assertError(
          await victim.patch('/api/account/profile', { displayName: '['.repeat(81) }),
          400,
          'VALIDATION_FAILED',
          'displayName',
        );
      }),
  );

  /** The victim's own store and product, opened the first time a test needs them. */
  let ownProduct: Promise<{ id: string }> | undefined;
  const openStoreWithProduct = () =>
    (ownProduct ??= (async () => {
      await seedCatalog(app.souk.db, { products: 0, stores: 0 });
      assert.equal((await victim.post('/api/stores', { name: 'Vera Wares', country: 'FR' })).statusCode, 201);
      const profile = (
        await victim.post('/api/seller/shipping-profiles', {
          label: 'Post',
          rates: [{ country: 'FR', cost: 500, minDays: 1, maxDays: 3 }],
        })
      ).json() as { id: string };
      return (
        await victim.post('/api/seller/products', {
          title: 'Bowl',
          category: 'home-kitchen',
          price: { amount: 2000, currency: 'USD' },
          stock: 5,
          shippingProfileId: profile.id,
        })
      ).json() as { id: string };
    })());

  await t.test(
    'an upload is bytes, not text: a 5 MB body is refused at once, without walking it byte by byte',
    async () => {
      const product = await openStoreWithProduct();
      const junk = Buffer.alloc(5 * 1024 * 1024 - 16, 0);
      const started = performance.now();
      const res = await victim.request('POST', `/api/seller/products/${product.id}/images`, junk, {
        'content-type': 'image/png',
      });
      // The NUL check walked every byte of it as a property (about 3 s and 1 GB of memory).
      assert.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms`);
      assertError(res, 400, 'IMAGE_INVALID');
    },
  );

  await t.test(
    'a date-time JavaScript cannot read (a leap second, a "+01" offset, year 0000) is a 400 naming the field',
    async () => {
      const product = await openStoreWithProduct();
      const offers = async () =>
        Number(
          (
            await app.souk.db
              .selectFrom('offers')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const year = new Date().getUTCFullYear() + 1;
      await changesNothing(async () => {
        for (const odd of [`${year}-06-30T23:59:60Z`, `${year}-01-01T00:00:00+01`, '0000-01-01T00:00:00Z']) {
          assertError(
            await victim.post(`/api/seller/products/${product.id}/offers`, { price: 1000, endsAt: odd }),
            400,
            'VALIDATION_FAILED',
            'endsAt',
          );
          assertError(
            await victim.post(`/api/seller/products/${product.id}/offers`, {
              price: 1000,
              startsAt: odd,
              endsAt: `${year}-02-01T00:00:00Z`,
            }),
            400,
            'VALIDATION_FAILED',
            'startsAt',
          );
        }
      });
      assert.equal(await offers(), 0);
      // RFC 3339 forms JavaScript does read are still taken.
      for (const endsAt of [
        `${year}-01-01t00:00:00z`,
        `${year}-01-01T00:00:00.123456+0100`,
        `${year}-01-01 00:00:00Z`,
      ]) {
        assert.equal(
          (await victim.post(`/api/seller/products/${product.id}/offers`, { price: 1000, endsAt })).statusCode,
          201,
          endsAt,
        );
        await app.souk.db.deleteFrom('offers').execute();
      }
    },
  );

  await t.test('bodies that are not JSON are a 415', () =>
    changesNothing(async () => {
      const body = JSON.stringify({ email: 'plain@example.test', password: STRONG_PASSWORD, displayName: 'Plain' });
      for (const type of [
        'text/plain',
        'text/plain;charset=UTF-8',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        assertError(
          await new Client(app).request('POST', '/api/auth/sign-up', body, { 'content-type': type }),
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        );
      }
      assertError(
        await victim.request('PATCH', '/api/account/profile', '{"displayName":"Plain"}', {
          'content-type': 'text/plain',
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    }),
  );

  await t.test('a body over 1 MiB is a 413', () =>
    changesNothing(async () => {
      const big = JSON.stringify({
        email: 'big@example.test',
        password: STRONG_PASSWORD,
        displayName: 'x'.repeat(1024 * 1024),
      });
      assertError(await new Client(app).request('POST', '/api/auth/sign-up', big, json), 413, 'BODY_TOO_LARGE');
      assertError(await victim.request('PATCH', '/api/account/profile', big, json), 413, 'BODY_TOO_LARGE');
    }),
  );

  await t.test('a state-changing request from another site is refused, however it is dressed', () =>
    changesNothing(async () => {
      const profile = { displayName: 'Pwned' };
      const cookie = [...victim.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const patch = (headers: Record<string, string>) =>
        raw({
          method: 'PATCH',
          url: '/api/account/profile',
          payload: profile,
          headers: { cookie, 'content-type': 'application/json', ...headers },
        });
      for (const origin of ['https://evil.example', 'null', 'http://souk.test.evil.example', 'https://souk.test']) {
        assertError(await patch({ origin }), 403, 'CSRF_REJECTED');
      }
      assertError(await patch({}), 403, 'CSRF_REJECTED');
      assertError(await patch({ 'sec-fetch-site': 'cross-site' }), 403, 'CSRF_REJECTED');
      assertError(await patch({ 'sec-fetch-site': 'same-site' }), 403, 'CSRF_REJECTED');
      assertError(
        await raw({
          method: 'POST',
          url: '/api/account/sessions/revoke-others',
          headers: { cookie, origin: 'https://evil.example' },
        }),
        403,
        'CSRF_REJECTED',
      );
      assertError(
        await raw({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie, origin: 'https://evil.example' } }),
        403,
        'CSRF_REJECTED',
      );
      // Login CSRF: a foreign page cannot sign the visitor in to an account of its choosing.
      const login = await raw({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email, password: STRONG_PASSWORD },
        headers: { origin: 'https://evil.example' },
      });
      assertError(login, 403, 'CSRF_REJECTED');
      assert.equal(login.headers['set-cookie'], undefined);
      assert.equal((await victim.get('/api/me')).statusCode, 200, 'the victim is still signed in');
    }),
  );

  await t.test('same-origin browsers and cookie-less API clients are let through', async () => {
    const cookie = [...victim.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const bySite = await raw({
      method: 'PATCH',
      url: '/api/account/profile',
      payload: { displayName: 'Vera Same-Site' },
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    assert.equal(bySite.statusCode, 200);
    // 80 characters is the longest display name accepted.
    const byOrigin = await victim.patch('/api/account/profile', { displayName: 'v'.repeat(80) });
    assert.equal(byOrigin.statusCode, 200);
    assert.equal((await victim.patch('/api/account/profile', { displayName: 'Vera Victim' })).statusCode, 200);
    const api = await raw({
      method: 'POST',
      url: '/api/auth/forgot-password',
      payload: { email: 'api-client@example.test' },
    });
    assert.equal(api.statusCode, 202);
  });

  await t.test('an unknown /api route is a JSON 404', () =>
    changesNothing(async () => {
      assertError(await victim.get('/api/no-such-thing'), 404, 'NOT_FOUND');
      assertError(await victim.get('/api/'), 404, 'NOT_FOUND');
      assertError(await victim.post('/api/auth/sign-up/extra', {}), 404, 'NOT_FOUND');
      assertError(await victim.delete('/api/me'), 404, 'NOT_FOUND');
      assertError(await raw({ method: 'GET', url: '/api/admin/users' }), 404, 'NOT_FOUND');
    }),
  );

  await t.test('without a session, a bad body still answers 401 and reveals nothing of the schema', () =>
    changesNothing(async () => {
      const stranger = new Client(app);
      const res = await stranger.patch('/api/account/profile', { displayName: 42, nonsense: true });
      const body = assertError(res, 401, 'UNAUTHENTICATED');
      assert.equal(body.error.details, undefined);
    }),
  );

  await t.test('a server error answers a bare 500 without internals', async () => {
    // Break the database under one route, as an operator's failed migration would.
    await sql`alter table notification_preferences rename to notification_preferences_away`.execute(app.souk.db);
    let res: LightMyRequestResponse;
    try {
      res = await victim.get('/api/account/notifications');
    } finally {
      await sql`alter table notification_preferences_away rename to notification_preferences`.execute(app.souk.db);
    }
    const body = assertError(res, 500, 'INTERNAL');
    assert.deepEqual(body, { error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } });
    assert.doesNotMatch(res.body, /notification_preferences|relation|select|stack|at \//i);
    assert.equal((await victim.get('/api/account/notifications')).statusCode, 200, 'the route recovers with its table');
  });
});
