// Bearer tokens for native apps (decision 047), through the HTTP API on a real database: token
// sign-in with sign-in's answers and limits, the token on session routes without cookies or Origin,
// its listing and revocation under Settings → Sessions, and its end with the account.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { Client, STRONG_PASSWORD, createTestApp, forgetRateLimits, signUpAndSignIn } from './helpers/app.ts';
import { hashToken } from '../src/tokens.ts';

const APP_AGENT = 'SoukApp/1.0 (iPhone; iOS 19.0)';
type TokenAnswer = { token: string; tokenType: string; expiresIn: number; user: { email: string } };
type SessionView = { id: string; current: boolean; kind: string; userAgent: string | null };

const errorCode = (res: LightMyRequestResponse) => (res.json() as { error: { code: string } }).error.code;

/** A request as a native app sends it: no cookie, no Origin, the token in the Authorization header. */
function appRequest(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method,
    url,
    headers: {
      'user-agent': APP_AGENT,
      ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

async function tokenFor(app: FastifyInstance, email: string, password = STRONG_PASSWORD): Promise<string> {
  const res = await appRequest(app, 'POST', '/api/auth/token', null, { email, password });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as TokenAnswer).token;
}

test('bearer tokens', async (t) => {
  const testApp = await createTestApp();
  const { app } = testApp;
  const { db } = app.souk;
  t.after(testApp.close);
  t.beforeEach(() => forgetRateLimits(app));

  const EMAIL = 'nadia.app@example.com';
  const browser = await signUpAndSignIn(app, EMAIL, STRONG_PASSWORD, 'Nadia App');

  await t.test('token sign-in answers a token once, stored only as its hash, and no cookie', async () => {
    const res = await appRequest(app, 'POST', '/api/auth/token', null, {
      email: 'Nadia.App@example.com',
      password: STRONG_PASSWORD,
    });
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers['set-cookie'], undefined);
    assert.equal(res.headers['cache-control'], 'no-store');
    const answer = res.json() as TokenAnswer;
    assert.match(answer.token, /^souk_at_[A-Za-z0-9_-]{43}$/);
    assert.equal(answer.tokenType, 'Bearer');
    assert.equal(answer.expiresIn, 30 * 24 * 3600);
    assert.equal(answer.user.email, EMAIL);
    const stored = await db.selectFrom('sessions').select('token').execute();
    assert.ok(!stored.some((s) => s.token.includes(answer.token) || s.token.includes(answer.token.slice(8))));
    assert.ok(stored.some((s) => s.token === `bearer:${hashToken(answer.token)}`));
  });

  await t.test('a wrong password and an unknown address get the same answer; neither opens a session', async () => {
    const before = (await db.selectFrom('sessions').select('id').execute()).length;
    const wrong = await appRequest(app, 'POST', '/api/auth/token', null, {
      email: EMAIL,
      password: 'wrong-password-123',
    });
    const unknown = await appRequest(app, 'POST', '/api/auth/token', null, {
      email: 'nobody@example.com',
      password: STRONG_PASSWORD,
    });
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 401);
      assert.equal(errorCode(res), 'INVALID_CREDENTIALS');
    }
    assert.equal(wrong.body, unknown.body);
    assert.equal((await db.selectFrom('sessions').select('id').execute()).length, before);
  });

  await t.test('an unverified address gets EMAIL_NOT_VERIFIED and no token', async () => {
    const email = 'unverified.app@example.com';
    const signUp = await new Client(app).post('/api/auth/sign-up', {
      email,
      password: STRONG_PASSWORD,
      displayName: 'Una Verified',
    });
    assert.equal(signUp.statusCode, 202);
    const res = await appRequest(app, 'POST', '/api/auth/token', null, { email, password: STRONG_PASSWORD });
    assert.equal(res.statusCode, 403);
    assert.equal(errorCode(res), 'EMAIL_NOT_VERIFIED');
    assert.equal('token' in (res.json() as object), false);
    const sessions = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select('sessions.id')
      .where('users.email', '=', email)
      .execute();
    assert.equal(sessions.length, 0);
  });

  await t.test(
    'the token works on session routes, state-changing ones included, without Origin or cookie',
    async () => {
      const token = await tokenFor(app, EMAIL);
      const me = await appRequest(app, 'GET', '/api/me', token);
      assert.equal(me.statusCode, 200);
      assert.equal((me.json() as { email: string }).email, EMAIL);
      const patched = await appRequest(app, 'PATCH', '/api/account/profile', token, { displayName: 'Nadia From App' });
      assert.equal(patched.statusCode, 200, patched.body);
      // With the Origin of another site too: a page elsewhere cannot make a browser send this header.
      const elsewhere = await appRequest(
        app,
        'PATCH',
        '/api/account/profile',
        token,
        { country: 'MA' },
        {
          origin: 'https://elsewhere.example',
        },
      );
      assert.equal(elsewhere.statusCode, 200);
      const row = await db
        .selectFrom('users')
        .select(['display_name', 'country'])
        .where('email', '=', EMAIL)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { display_name: 'Nadia From App', country: 'MA' });
      // The cookie session from another site is still refused: the waiver is the bearer header's alone.
      const forged = await browser.patch(
        '/api/account/profile',
        { country: 'FR' },
        { origin: 'https://elsewhere.example' },
      );
      assert.equal(forged.statusCode, 403);
      assert.equal(errorCode(forged), 'CSRF_REJECTED');
    },
  );

  await t.test('garbage, ended and expired tokens get 401 TOKEN_REJECTED with a Bearer challenge', async () => {
    const expired = await tokenFor(app, EMAIL);
    await db
      .updateTable('sessions')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('token', '=', `bearer:${hashToken(expired)}`)
      .execute();
    const candidates = ['garbage', `souk_at_${'A'.repeat(43)}`, expired, `${expired}x`];
    for (const token of candidates) {
      for (const [method, url] of [
        ['GET', '/api/me'],
        ['GET', '/api/cart'],
        // Reads the session in its own statement (migration 056), not through requireUser.
        ['GET', '/api/seller/dashboard'],
      ] as const) {
        const res = await appRequest(app, method, url, token);
        assert.equal(res.statusCode, 401, `${token} on ${url}`);
        assert.equal(errorCode(res), 'TOKEN_REJECTED');
        assert.equal(res.headers['www-authenticate'], 'Bearer error="invalid_token"');
      }
    }
    const empty = await appRequest(app, 'GET', '/api/me', null, undefined, { authorization: 'Bearer' });
    assert.equal(errorCode(empty), 'TOKEN_REJECTED');
  });

  await t.test('a token is never taken from the query string or a cookie', async () => {
    const token = await tokenFor(app, EMAIL);
    for (const res of [
      await appRequest(app, 'GET', `/api/me?access_token=${token}`, null),
      await appRequest(app, 'GET', '/api/me', null, undefined, { cookie: `souk.session_token=${token}` }),
      await appRequest(app, 'GET', '/api/me', null, undefined, { cookie: `access_token=${token}` }),
    ]) {
      assert.equal(res.statusCode, 401);
      assert.equal(errorCode(res), 'UNAUTHENTICATED');
    }
  });

  await t.test(
    'the session cookie and a bearer token together get 400 CREDENTIALS_AMBIGUOUS and change nothing',
    async () => {
      const token = await tokenFor(app, EMAIL);
      const before = await db
        .selectFrom('users')
        .select('display_name')
        .where('email', '=', EMAIL)
        .executeTakeFirstOrThrow();
      const read = await browser.get('/api/me', { authorization: `Bearer ${token}` });
      assert.equal(read.statusCode, 400);
      assert.equal(errorCode(read), 'CREDENTIALS_AMBIGUOUS');
      const write = await browser.patch(
        '/api/account/profile',
        { displayName: 'Both' },
        { authorization: `Bearer ${token}` },
      );
      assert.equal(write.statusCode, 400);
      assert.equal(errorCode(write), 'CREDENTIALS_AMBIGUOUS');
      const after = await db
        .selectFrom('users')
        .select('display_name')
        .where('email', '=', EMAIL)
        .executeTakeFirstOrThrow();
      assert.deepEqual(after, before);
      // Other cookies an app's HTTP stack keeps are no conflict.
      const other = await appRequest(app, 'GET', '/api/me', token, undefined, { cookie: 'souk.cart=abc' });
      assert.equal(other.statusCode, 200);
    },
  );

  await t.test('token sign-in spends the sign-in budget of the address', async () => {
    for (let i = 0; i < 5; i++)
      await browser.post('/api/auth/sign-in', { email: EMAIL, password: 'wrong-password-123' });
    for (let i = 0; i < 5; i++) {
      const res = await appRequest(app, 'POST', '/api/auth/token', null, {
        email: EMAIL,
        password: 'wrong-password-123',
      });
      assert.equal(res.statusCode, 401);
    }
    const limited = await appRequest(app, 'POST', '/api/auth/token', null, { email: EMAIL, password: STRONG_PASSWORD });
    assert.equal(limited.statusCode, 429);
    assert.equal(errorCode(limited), 'RATE_LIMITED');
    const cookieLimited = await browser.post('/api/auth/sign-in', { email: EMAIL, password: STRONG_PASSWORD });
    assert.equal(cookieLimited.statusCode, 429);
  });

  await t.test('an app session is listed under Settings → Sessions and ends there', async () => {
    const token = await tokenFor(app, EMAIL);
    const listed = await browser.get('/api/account/sessions');
    const sessions = (listed.json() as { sessions: SessionView[] }).sessions;
    const appSession = sessions.find((s) => s.kind === 'app' && !s.current);
    assert.ok(appSession);
    assert.equal(appSession.userAgent, APP_AGENT);
    assert.ok(sessions.some((s) => s.kind === 'browser' && s.current));
    // The app sees itself as the current session.
    const fromApp = await appRequest(app, 'GET', '/api/account/sessions', token);
    const mine = (fromApp.json() as { sessions: SessionView[] }).sessions.filter((s) => s.current);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.kind, 'app');

    for (const s of sessions.filter((s) => s.kind === 'app')) {
      assert.equal((await browser.delete(`/api/account/sessions/${s.id}`)).statusCode, 204);
    }
    const after = await appRequest(app, 'GET', '/api/me', token);
    assert.equal(after.statusCode, 401);
    assert.equal(errorCode(after), 'TOKEN_REJECTED');
  });

  await t.test('the token ends itself: DELETE /api/auth/token and sign-out', async () => {
    const first = await tokenFor(app, EMAIL);
    const second = await tokenFor(app, EMAIL);
    assert.equal((await appRequest(app, 'DELETE', '/api/auth/token', first)).statusCode, 204);
    assert.equal((await appRequest(app, 'GET', '/api/me', first)).statusCode, 401);
    assert.equal((await appRequest(app, 'POST', '/api/auth/sign-out', second)).statusCode, 204);
    assert.equal((await appRequest(app, 'GET', '/api/me', second)).statusCode, 401);
    // Neither touched the browser's session; DELETE /api/auth/token is not a way to end a cookie session.
    assert.equal((await browser.get('/api/me')).statusCode, 200);
    const cookieDelete = await browser.delete('/api/auth/token');
    assert.equal(cookieDelete.statusCode, 401);
    assert.equal((await browser.get('/api/me')).statusCode, 200);
  });

  await t.test('OpenAPI documents both schemes, and session routes list both', async () => {
    const doc = (await app.inject({ url: '/api/docs/json' })).json() as {
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    assert.deepEqual(
      {
        type: doc.components.securitySchemes.bearerAuth!.type,
        scheme: doc.components.securitySchemes.bearerAuth!.scheme,
      },
      { type: 'http', scheme: 'bearer' },
    );
    assert.equal(doc.components.securitySchemes.cookieAuth!.type, 'apiKey');
    const both = [{ cookieAuth: [] }, { bearerAuth: [] }];
    assert.deepEqual(doc.paths['/api/me']!.get!.security, both);
    assert.deepEqual(doc.paths['/api/account/deletion']!.post!.security, both);
    assert.deepEqual(doc.paths['/api/admin/deletions']!.get!.security, both);
    assert.equal(doc.paths['/api/auth/token']!.post!.security, undefined);
  });

  await t.test('account deletion with a token and the password ends every token and session', async () => {
    const email = 'leaving.app@example.com';
    await signUpAndSignIn(app, email, STRONG_PASSWORD, 'Leila Leaving');
    const token = await tokenFor(app, email);
    const other = await tokenFor(app, email);
    const userId = (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    // An app signed in days ago: past the 10 minutes in which a new session may skip the password.
    await sql`update sessions set created_at = now() - interval '3 days' where user_id = ${userId}`.execute(db);
    const preview = await appRequest(app, 'GET', '/api/account/deletion', token);
    assert.equal(preview.statusCode, 200);
    assert.equal((preview.json() as { passwordRequired: boolean }).passwordRequired, true);
    const without = await appRequest(app, 'POST', '/api/account/deletion', token, { confirmEmail: email });
    assert.equal(errorCode(without), 'INVALID_PASSWORD');
    const wrong = await appRequest(app, 'POST', '/api/account/deletion', token, {
      confirmEmail: email,
      password: 'not-my-password-1',
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal((await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length, 3);

    const res = await appRequest(app, 'POST', '/api/account/deletion', token, {
      confirmEmail: email,
      password: STRONG_PASSWORD,
    });
    assert.equal(res.statusCode, 202, res.body);
    for (const t of [token, other])
      assert.equal(errorCode(await appRequest(app, 'GET', '/api/me', t)), 'TOKEN_REJECTED');
    assert.equal((await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length, 0);
    // And no new token while the deletion is pending.
    const again = await appRequest(app, 'POST', '/api/auth/token', null, { email, password: STRONG_PASSWORD });
    assert.equal(again.statusCode, 401);

    const { processDeletion } = await import('../src/modules/deletion/process.ts');
    const request = await db
      .selectFrom('deletion_requests')
      .select('id')
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    assert.equal(await processDeletion(app.souk, request.id), 'completed');
    const stored = [`bearer:${hashToken(token)}`, `bearer:${hashToken(other)}`];
    assert.equal((await db.selectFrom('sessions').select('id').where('token', 'in', stored).execute()).length, 0);
    for (const t of [token, other]) assert.equal((await appRequest(app, 'GET', '/api/me', t)).statusCode, 401);
  });
});
