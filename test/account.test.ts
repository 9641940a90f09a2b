// The signed-in person's own account through the HTTP API: profile, password, email address,
// sessions and notification preferences; and that none of it answers without a session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import {
  Client,
  STRONG_PASSWORD,
  countRows,
  createTestApp,
  forgetRateLimits,
  mailsTo,
  passwordHash,
  signIn,
  signUpAndSignIn,
  tokenFrom,
  waitForMail,
} from './helpers/app.ts';

type Me = { id: string; email: string; displayName: string; phone: string | null; country: string | null };
type SessionView = { id: string; current: boolean; userAgent: string | null };
type Preference = { kind: string; enabled: boolean; required: boolean };

const errorCode = (res: LightMyRequestResponse) => (res.json() as { error: { code: string } }).error.code;
const me = async (client: Client) => (await client.get('/api/me')).json() as Me;

async function outboxSubjects(app: FastifyInstance, to: string): Promise<string[]> {
  const rows = await app.souk.db
    .selectFrom('mail_outbox')
    .select('subject')
    .where('to_address', '=', to)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.subject);
}

test('account', async (t) => {
  const testApp = await createTestApp();
  const { app } = testApp;
  t.after(testApp.close);
  t.beforeEach(() => forgetRateLimits(app));

  await t.test('the profile can be changed, cleared and read back', async () => {
    const client = await signUpAndSignIn(app, 'profile@example.test', STRONG_PASSWORD, 'Paula Profile');
    const res = await client.patch('/api/account/profile', {
      displayName: '  Paula P.  ',
      phone: '+33 6 12 34 56 78',
      country: 'FR',
    });
    assert.equal(res.statusCode, 200);
    assert.equal((res.json() as Me).displayName, 'Paula P.');
    assert.deepEqual((({ displayName, phone, country }) => ({ displayName, phone, country }))(await me(client)), {
      displayName: 'Paula P.',
      phone: '+33 6 12 34 56 78',
      country: 'FR',
    });

    const cleared = await client.patch('/api/account/profile', { phone: null, country: null });
    assert.equal(cleared.statusCode, 200);
    const after = await me(client);
    assert.equal(after.phone, null);
    assert.equal(after.country, null);
    assert.equal(after.displayName, 'Paula P.', 'fields not sent are left alone');
  });

  await t.test('invalid profile changes are refused and change nothing', async () => {
    const client = await signUpAndSignIn(app, 'profile-bad@example.test', STRONG_PASSWORD, 'Boris Bad');
    await client.patch('/api/account/profile', { country: 'DE' });
    const before = await me(client);
    const cases: Array<{ body: unknown; field: string }> = [
      { body: { country: 'fr' }, field: 'country' },
      { body: { country: 'FRA' }, field: 'country' },
      { body: { displayName: 'Boris', nickname: 'bb' }, field: 'nickname' },
      { body: {}, field: 'body' },
      { body: { displayName: '   ' }, field: 'displayName' },
      { body: { phone: 'call me maybe' }, field: 'phone' },
    ];
    for (const c of cases) {
      const res = await client.patch('/api/account/profile', c.body);
      assert.equal(res.statusCode, 400, JSON.stringify(c.body));
      assert.equal(errorCode(res), 'VALIDATION_FAILED');
      const details = (res.json() as { error: { details?: Array<{ field: string }> } }).error.details ?? [];
      assert.ok(
        details.some((d) => d.field === c.field),
        `${JSON.stringify(c.body)} → ${JSON.stringify(details)}`,
      );
    }
    assert.deepEqual(await me(client), before);
  });

  await t.test('a wrong current password changes nothing', async () => {
    const email = 'pw-wrong@example.test';
    const client = await signUpAndSignIn(app, email);
    const other = await signIn(app, email);
    const { id } = await me(client);
    const hash = await passwordHash(app, id);
    const sessions = await countRows(app, 'sessions');

    const res = await client.post('/api/account/password', {
      currentPassword: 'not-my-password-0',
      newPassword: 'fresh-garden-lamp-31',
    });
    assert.equal(res.statusCode, 401);
    assert.equal(errorCode(res), 'INVALID_PASSWORD');
    assert.equal(await passwordHash(app, id), hash);
    assert.equal(await countRows(app, 'sessions'), sessions);
    assert.equal((await other.get('/api/me')).statusCode, 200);
    assert.ok(!(await outboxSubjects(app, email)).includes('Your Souk password was changed'));
    assert.equal((await client.get('/api/me')).statusCode, 200, 'a wrong password does not sign the person out');
  });

  await t.test('a password change ends the other sessions, keeps this one, and mails the owner', async () => {
    const email = 'pw-change@example.test';
    const newPassword = 'fresh-garden-lamp-31';
    const client = await signUpAndSignIn(app, email);
    const other = await signIn(app, email, STRONG_PASSWORD, 'Other device');
    const cookieBefore = client.cookies.get('souk.session_token');

    const res = await client.post('/api/account/password', { currentPassword: STRONG_PASSWORD, newPassword });
    assert.equal(res.statusCode, 204);
    assert.notEqual(client.cookies.get('souk.session_token'), cookieBefore, 'a new session cookie was set');
    assert.equal((await client.get('/api/me')).statusCode, 200);
    const otherRes = await other.get('/api/me');
    assert.equal(otherRes.statusCode, 401);
    assert.equal(errorCode(otherRes), 'UNAUTHENTICATED');
    const { id } = await me(client);
    const left = await app.souk.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute();
    assert.equal(left.length, 1);

    await waitForMail(app, email, /^Your Souk password was changed$/);
    assert.equal(
      (await new Client(app).post('/api/auth/sign-in', { email, password: STRONG_PASSWORD })).statusCode,
      401,
    );
    await signIn(app, email, newPassword);
  });

  await t.test('a password change with revokeOtherSessions false keeps the other sessions', async () => {
    const email = 'pw-keep@example.test';
    const client = await signUpAndSignIn(app, email);
    const other = await signIn(app, email, STRONG_PASSWORD, 'Other device');
    const res = await client.post('/api/account/password', {
      currentPassword: STRONG_PASSWORD,
      newPassword: 'quiet-river-stone-64',
      revokeOtherSessions: false,
    });
    assert.equal(res.statusCode, 204);
    assert.equal((await client.get('/api/me')).statusCode, 200);
    assert.equal((await other.get('/api/me')).statusCode, 200);
  });

  await t.test('the new password must pass the policy too', async () => {
    const email = 'pw-policy@example.test';
    const client = await signUpAndSignIn(app, email);
    const { id } = await me(client);
    const hash = await passwordHash(app, id);
    const res = await client.post('/api/account/password', {
      currentPassword: STRONG_PASSWORD,
      newPassword: 'password123',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(errorCode(res), 'PASSWORD_TOO_COMMON');
    assert.equal(await passwordHash(app, id), hash);
  });

  await t.test('an email change with a wrong password is refused and mails nobody', async () => {
    const email = 'move-wrong@example.test';
    const target = 'move-wrong-new@example.test';
    const client = await signUpAndSignIn(app, email);
    const mailsBefore = (await outboxSubjects(app, email)).length;
    const res = await client.post('/api/account/email', { newEmail: target, currentPassword: 'not-my-password-0' });
    assert.equal(res.statusCode, 401);
    assert.equal(errorCode(res), 'INVALID_PASSWORD');
    assert.deepEqual(await outboxSubjects(app, target), []);
    assert.equal((await outboxSubjects(app, email)).length, mailsBefore);
    assert.equal(await countRows(app, 'email_change_requests'), 0);
    assert.equal((await me(client)).email, email);
  });

  await t.test('an email change is confirmed from the new address, once', async () => {
    const email = 'move-me@example.test';
    const target = 'moved@example.test';
    const client = await signUpAndSignIn(app, email);

    const res = await client.post('/api/account/email', {
      newEmail: 'Moved@Example.test',
      currentPassword: STRONG_PASSWORD,
    });
    assert.equal(res.statusCode, 202);
    assert.deepEqual(res.json(), { status: 'confirmation_sent' });
    const confirm = await waitForMail(app, target, /^Confirm your new email address$/);
    await waitForMail(app, email, /^Your Souk email address is being changed$/);
    assert.equal((await me(client)).email, email, 'nothing changes before the confirmation');
    const token = tokenFrom(confirm, '/confirm-email');
    const stored = JSON.stringify(await app.souk.db.selectFrom('email_change_requests').selectAll().execute());
    assert.ok(!stored.includes(token), 'the token is stored only as a hash');

    // The link is opened on another device, without a session.
    const confirmed = await new Client(app).post('/api/account/email/confirm', { token });
    assert.equal(confirmed.statusCode, 200);
    assert.equal((await me(client)).email, target);
    await signIn(app, target);
    const old = await new Client(app).post('/api/auth/sign-in', { email, password: STRONG_PASSWORD });
    assert.equal(old.statusCode, 401);

    const reused = await new Client(app).post('/api/account/email/confirm', { token });
    assert.equal(reused.statusCode, 400);
    assert.equal(errorCode(reused), 'TOKEN_INVALID');
    assert.equal((await me(client)).email, target);
  });

  await t.test(
    'an email-change link lasts at most an hour; an expired one is refused and changes nothing',
    async () => {
      const email = 'slow-mover@example.test';
      const target = 'slow-moved@example.test';
      const client = await signUpAndSignIn(app, email);
      const { id } = await me(client);

      assert.equal(
        (await client.post('/api/account/email', { newEmail: target, currentPassword: STRONG_PASSWORD })).statusCode,
        202,
      );
      const token = tokenFrom(await waitForMail(app, target, /^Confirm your new email address$/), '/confirm-email');
      const pending = () =>
        app.souk.db
          .selectFrom('email_change_requests')
          .select(['id', 'expires_at'])
          .where('user_id', '=', id)
          .executeTakeFirstOrThrow();
      const { expires_at: expiresAt } = await pending();
      assert.ok(expiresAt.getTime() > Date.now(), `valid now: ${expiresAt.toISOString()}`);
      assert.ok(expiresAt.getTime() <= Date.now() + 3600_000 + 5_000, `at most an hour: ${expiresAt.toISOString()}`);

      await app.souk.db
        .updateTable('email_change_requests')
        .set({ expires_at: new Date(Date.now() - 60_000) })
        .where('user_id', '=', id)
        .execute();
      const expired = await new Client(app).post('/api/account/email/confirm', { token });
      assert.equal(expired.statusCode, 400);
      assert.equal(errorCode(expired), 'TOKEN_INVALID');
      assert.equal((await me(client)).email, email, 'the address is unchanged');
      assert.equal(
        (await new Client(app).post('/api/auth/sign-in', { email: target, password: STRONG_PASSWORD })).statusCode,
        401,
      );
      await signIn(app, email);
    },
  );

  await t.test(
    "moving to another account's address answers the same, stores nothing, and tells that owner",
    async () => {
      const email = 'squatter@example.test';
      const taken = 'taken@example.test';
      const client = await signUpAndSignIn(app, email);
      const owner = await signUpAndSignIn(app, taken, STRONG_PASSWORD, 'Tara Taken');
      const { id } = await me(client);

      const res = await client.post('/api/account/email', { newEmail: taken, currentPassword: STRONG_PASSWORD });
      assert.equal(res.statusCode, 202);
      assert.deepEqual(res.json(), { status: 'confirmation_sent' }, 'the same answer as for a free address');
      const requests = await app.souk.db
        .selectFrom('email_change_requests')
        .select('id')
        .where('user_id', '=', id)
        .execute();
      assert.deepEqual(requests, []);
      await waitForMail(app, taken, /^Someone tried to move a Souk account to your address$/);
      assert.ok(
        !(await mailsTo(app, taken)).some((m) => /Confirm your new email/.test(m.subject)),
        'no confirmation link to the taken address',
      );
      assert.equal((await me(client)).email, email);
      assert.equal((await me(owner)).email, taken);
    },
  );

  await t.test("the requester's own inbox does not reveal whether the new address is taken", async () => {
    const email = 'prober@example.test';
    const taken = 'probed@example.test';
    const client = await signUpAndSignIn(app, email);
    await signUpAndSignIn(app, taken);
    const notices = async () =>
      (await outboxSubjects(app, email)).filter((s) => s === 'Your Souk email address is being changed').length;

    // A pending change to a free address, then a request for each kind of address.
    assert.equal(
      (
        await client.post('/api/account/email', {
          newEmail: 'prober-free@example.test',
          currentPassword: STRONG_PASSWORD,
        })
      ).statusCode,
      202,
    );
    const pending = tokenFrom(
      await waitForMail(app, 'prober-free@example.test', /^Confirm your new email address$/),
      '/confirm-email',
    );
    assert.equal(await notices(), 1);
    assert.equal(
      (await client.post('/api/account/email', { newEmail: taken, currentPassword: STRONG_PASSWORD })).statusCode,
      202,
    );
    assert.equal(await notices(), 2, 'the current address is told, as for a free address');
    // As with any new request, the earlier link no longer works.
    const stale = await new Client(app).post('/api/account/email/confirm', { token: pending });
    assert.equal(stale.statusCode, 400);
    assert.equal(errorCode(stale), 'TOKEN_INVALID');
    assert.equal((await me(client)).email, email);
  });

  await t.test('sessions are listed, and one can be ended from another device', async () => {
    const email = 'devices@example.test';
    const laptop = await signUpAndSignIn(app, email);
    const phone = await signIn(app, email, STRONG_PASSWORD, 'Phone Browser 1.0');

    const list = await laptop.get('/api/account/sessions');
    assert.equal(list.statusCode, 200);
    const sessions = (list.json() as { sessions: SessionView[] }).sessions;
    assert.equal(sessions.length, 2);
    assert.equal(sessions.filter((s) => s.current).length, 1);
    const phoneSession = sessions.find((s) => s.userAgent === 'Phone Browser 1.0');
    assert.ok(phoneSession && !phoneSession.current, JSON.stringify(sessions));
    assert.equal(sessions.find((s) => s.current)?.userAgent, laptop.userAgent);

    const res = await laptop.delete(`/api/account/sessions/${encodeURIComponent(phoneSession.id)}`);
    assert.equal(res.statusCode, 204);
    assert.equal((await phone.get('/api/me')).statusCode, 401);
    assert.equal((await laptop.get('/api/me')).statusCode, 200);
    const again = await laptop.delete(`/api/account/sessions/${encodeURIComponent(phoneSession.id)}`);
    assert.equal(again.statusCode, 404);
  });

  await t.test("another account's session cannot be ended", async () => {
    const mine = await signUpAndSignIn(app, 'devices-a@example.test');
    const theirs = await signUpAndSignIn(app, 'devices-b@example.test');
    const theirSessions = ((await theirs.get('/api/account/sessions')).json() as { sessions: SessionView[] }).sessions;
    assert.equal(theirSessions.length, 1);
    const res = await mine.delete(`/api/account/sessions/${encodeURIComponent(theirSessions[0]!.id)}`);
    assert.equal(res.statusCode, 404);
    assert.equal(errorCode(res), 'NOT_FOUND');
    assert.equal((await theirs.get('/api/me')).statusCode, 200);
  });

  await t.test('revoke-others leaves only the current session', async () => {
    const email = 'devices-many@example.test';
    const main = await signUpAndSignIn(app, email);
    const others = [
      await signIn(app, email, STRONG_PASSWORD, 'Tablet'),
      await signIn(app, email, STRONG_PASSWORD, 'Phone'),
    ];
    const bystander = await signUpAndSignIn(app, 'devices-bystander@example.test');
    const res = await main.post('/api/account/sessions/revoke-others');
    assert.equal(res.statusCode, 204);
    const sessions = ((await main.get('/api/account/sessions')).json() as { sessions: SessionView[] }).sessions;
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0]!.current, true);
    for (const o of others) assert.equal((await o.get('/api/me')).statusCode, 401);
    assert.equal((await bystander.get('/api/me')).statusCode, 200, "another account's sessions are untouched");
  });

  await t.test('notification preferences list six kinds; required ones stay on', async () => {
    const client = await signUpAndSignIn(app, 'prefs@example.test');
    const read = async () =>
      ((await client.get('/api/account/notifications')).json() as { preferences: Preference[] }).preferences;
    const initial = await read();
    assert.deepEqual(
      initial.map((p) => [p.kind, p.enabled, p.required]),
      [
        ['account_security', true, true],
        ['order_receipts', true, true],
        ['order_updates', true, false],
        ['messages', true, false],
        ['offers', false, false],
        ['support_replies', true, false],
      ],
    );

    const res = await client.put('/api/account/notifications', {
      preferences: { account_security: false, order_receipts: false, offers: true, messages: false },
    });
    assert.equal(res.statusCode, 200);
    const expected = [
      ['account_security', true],
      ['order_receipts', true],
      ['order_updates', true],
      ['messages', false],
      ['offers', true],
      ['support_replies', true],
    ];
    assert.deepEqual(
      (res.json() as { preferences: Preference[] }).preferences.map((p) => [p.kind, p.enabled]),
      expected,
    );
    assert.deepEqual(
      (await read()).map((p) => [p.kind, p.enabled]),
      expected,
      'persisted',
    );

    const unknown = await client.put('/api/account/notifications', {
      preferences: { offers: false, carrier_pigeons: true },
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(errorCode(unknown), 'VALIDATION_FAILED');
    assert.deepEqual(
      (await read()).map((p) => [p.kind, p.enabled]),
      expected,
      'a refused request changes nothing',
    );
  });

  await t.test('every account route needs a session', async () => {
    const victim = await signUpAndSignIn(app, 'anon-target@example.test');
    const victimSession = ((await victim.get('/api/account/sessions')).json() as { sessions: SessionView[] })
      .sessions[0]!.id;
    const before = JSON.stringify(await me(victim));
    const sessionsBefore = await countRows(app, 'sessions');
    const requests: Array<[method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown]> = [
      ['GET', '/api/me'],
      ['PATCH', '/api/account/profile', { displayName: 'Hacked' }],
      ['POST', '/api/account/password', { currentPassword: STRONG_PASSWORD, newPassword: 'owned-by-someone-else-1' }],
      ['POST', '/api/account/email', { newEmail: 'attacker@example.test', currentPassword: STRONG_PASSWORD }],
      ['GET', '/api/account/sessions'],
      ['DELETE', `/api/account/sessions/${victimSession}`],
      ['POST', '/api/account/sessions/revoke-others'],
      ['GET', '/api/account/notifications'],
      ['PUT', '/api/account/notifications', { preferences: { offers: true } }],
    ];
    for (const [method, url, body] of requests) {
      // A browser without a cookie, and an API client with no browser headers at all.
      const browser = await new Client(app).request(method, url, body);
      const api = await app.inject({ method, url, ...(body !== undefined ? { payload: body as object } : {}) });
      for (const res of [browser, api]) {
        assert.equal(res.statusCode, 401, `${method} ${url}: ${res.body}`);
        assert.equal(errorCode(res), 'UNAUTHENTICATED');
      }
    }
    assert.equal(JSON.stringify(await me(victim)), before);
    assert.equal(await countRows(app, 'sessions'), sessionsBefore);
    assert.deepEqual(await outboxSubjects(app, 'attacker@example.test'), []);
    const offers = (
      (await victim.get('/api/account/notifications')).json() as { preferences: Preference[] }
    ).preferences.find((p) => p.kind === 'offers');
    assert.equal(offers?.enabled, false);
  });
});
