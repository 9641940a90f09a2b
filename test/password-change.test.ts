// A password change and its "your password was changed" notice commit together (decision 003): when
// the notice cannot be written, the password, the sessions and the outbox stay as they were; and
// the session it opens for this device is one that Souk's own session reads accept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { STRONG_PASSWORD, countRows, createTestApp, forgetRateLimits, signIn, signUpAndSignIn } from './helpers/app.ts';

async function passwordHash(app: FastifyInstance, userId: string): Promise<string | null> {
  const row = await app.souk.db.selectFrom('accounts').select('password').where('user_id', '=', userId).where('provider_id', '=', 'credential').executeTakeFirstOrThrow();
  return row.password;
}

test('password change', async (t) => {
  const testApp = await createTestApp();
  const { app } = testApp;
  t.after(testApp.close);
  t.beforeEach(() => forgetRateLimits(app));

  await t.test('when the notice cannot be written, nothing changes', async () => {
    const email = 'pw-atomic@example.test';
    const client = await signUpAndSignIn(app, email);
    const other = await signIn(app, email, STRONG_PASSWORD, 'Other device');
    const { id } = (await client.get('/api/me')).json() as { id: string };
    const hash = await passwordHash(app, id);
    const sessions = await countRows(app, 'sessions');
    const outbox = await countRows(app, 'mail_outbox');
    const cookie = client.cookies.get('souk.session_token');

    // The outbox refuses this one mail, as a full disk or a crash at that statement would.
    await sql`create function refuse_password_notice() returns trigger language plpgsql as $$
      begin
        if new.subject = 'Your Souk password was changed' then raise exception 'outbox unavailable'; end if;
        return new;
      end $$`.execute(app.souk.db);
    await sql`create trigger refuse_password_notice before insert on mail_outbox for each row execute function refuse_password_notice()`.execute(app.souk.db);
    try {
      const res = await client.post('/api/account/password', { currentPassword: STRONG_PASSWORD, newPassword: 'fresh-garden-lamp-31' });
      assert.equal(res.statusCode, 500);
    } finally {
      await sql`drop trigger refuse_password_notice on mail_outbox`.execute(app.souk.db);
      await sql`drop function refuse_password_notice()`.execute(app.souk.db);
    }

    assert.equal(await passwordHash(app, id), hash, 'the password is unchanged');
    assert.equal(await countRows(app, 'sessions'), sessions, 'no session was ended or opened');
    assert.equal(await countRows(app, 'mail_outbox'), outbox);
    assert.equal(client.cookies.get('souk.session_token'), cookie, 'no new cookie');
    assert.equal((await client.get('/api/me')).statusCode, 200);
    assert.equal((await other.get('/api/me')).statusCode, 200);
    await signIn(app, email, STRONG_PASSWORD);
  });

  await t.test('the session opened for this device is a full session', async () => {
    const email = 'pw-new-session@example.test';
    const client = await signUpAndSignIn(app, email);
    const res = await client.post('/api/account/password', { currentPassword: STRONG_PASSWORD, newPassword: 'fresh-garden-lamp-32' });
    assert.equal(res.statusCode, 204);
    const sessions = (await client.get('/api/account/sessions')).json() as { sessions: Array<{ current: boolean }> };
    assert.deepEqual(sessions.sessions.map((s) => s.current), [true]);
    // Signing out ends it: the row behind the new cookie is the one deleted.
    assert.equal((await client.post('/api/auth/sign-out')).statusCode, 204);
    assert.equal((await client.get('/api/me')).statusCode, 401);
  });
});
