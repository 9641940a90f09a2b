// A password change, or a reset, and its "your password was changed" notice commit together
// (decision 003): when the notice cannot be written, the password, the sessions, the reset token and
// the outbox stay as they were. And the session a change opens for this device is a full one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createSession } from '../src/modules/auth/sign-in.ts';
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

/** Makes the outbox refuse the "password changed" notice while `run` runs, as a failing disk would. */
async function withNoticeRefused(app: FastifyInstance, run: () => Promise<void>): Promise<void> {
  await sql`create function refuse_password_notice() returns trigger language plpgsql as $$
    begin
      if new.subject = 'Your Souk password was changed' then raise exception 'outbox unavailable'; end if;
      return new;
    end $$`.execute(app.souk.db);
  await sql`create trigger refuse_password_notice before insert on mail_outbox for each row execute function refuse_password_notice()`.execute(
    app.souk.db,
  );
  try {
    await run();
  } finally {
    await sql`drop trigger refuse_password_notice on mail_outbox`.execute(app.souk.db);
    await sql`drop function refuse_password_notice()`.execute(app.souk.db);
  }
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

    await withNoticeRefused(app, async () => {
      const res = await client.post('/api/account/password', {
        currentPassword: STRONG_PASSWORD,
        newPassword: 'fresh-garden-lamp-31',
      });
      assert.equal(res.statusCode, 500);
    });

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
    const res = await client.post('/api/account/password', {
      currentPassword: STRONG_PASSWORD,
      newPassword: 'fresh-garden-lamp-32',
    });
    assert.equal(res.statusCode, 204);
    const sessions = (await client.get('/api/account/sessions')).json() as { sessions: Array<{ current: boolean }> };
    assert.deepEqual(
      sessions.sessions.map((s) => s.current),
      [true],
    );
    // Signing out ends it: the row behind the new cookie is the one deleted.
    assert.equal((await client.post('/api/auth/sign-out')).statusCode, 204);
    assert.equal((await client.get('/api/me')).statusCode, 401);
  });

  await t.test('a reset whose notice cannot be written changes nothing, and its link still works', async () => {
    const email = 'reset-atomic@example.test';
    const client = await signUpAndSignIn(app, email);
    const { id } = (await client.get('/api/me')).json() as { id: string };
    const hash = await passwordHash(app, id);
    assert.equal((await new Client(app).post('/api/auth/forgot-password', { email })).statusCode, 202);
    const token = tokenFrom(await waitForMail(app, email, /^Reset your Souk password$/), '/reset-password');
    const sessions = await countRows(app, 'sessions');
    const verifications = await countRows(app, 'verifications');

    await withNoticeRefused(app, async () => {
      const res = await new Client(app).post('/api/auth/reset-password', { token, password: 'reset-garden-lamp-41' });
      assert.equal(res.statusCode, 500);
    });
    assert.equal(await passwordHash(app, id), hash, 'the password is unchanged');
    assert.equal(await countRows(app, 'sessions'), sessions, 'no session was ended');
    assert.equal(await countRows(app, 'verifications'), verifications, 'the token was not spent');
    assert.equal((await client.get('/api/me')).statusCode, 200);

    const reset = await new Client(app).post('/api/auth/reset-password', { token, password: 'reset-garden-lamp-41' });
    assert.equal(reset.statusCode, 200);
    await waitForMail(app, email, /^Your Souk password was changed$/);
    assert.equal((await client.get('/api/me')).statusCode, 401, 'the reset ended every session');
    await signIn(app, email, 'reset-garden-lamp-41');
  });

  await t.test('one reset link used twice at once changes the password once', async () => {
    const email = 'reset-race@example.test';
    await signUpAndSignIn(app, email);
    await new Client(app).post('/api/auth/forgot-password', { email });
    const token = tokenFrom(await waitForMail(app, email, /^Reset your Souk password$/), '/reset-password');
    const passwords = ['race-winner-phrase-1', 'race-winner-phrase-2'];
    const answers = await Promise.all(
      passwords.map((password) => new Client(app).post('/api/auth/reset-password', { token, password })),
    );
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 400]);
    const winner = passwords[answers.findIndex((a) => a.statusCode === 200)]!;
    await signIn(app, email, winner);
    const notices = await app.souk.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('to_address', '=', email)
      .where('subject', '=', 'Your Souk password was changed')
      .execute();
    assert.equal(notices.length, 1);
  });

  // An intruder who knows the password asks to move the account to their address; the owner's
  // natural answer, a reset or a change, must end that request along with every session.
  for (const recovery of ['reset', 'change'] as const) {
    await t.test(`a pending email change and other reset links end with a password ${recovery}`, async () => {
      const email = `pending-${recovery}@example.test`;
      const intruderAddress = `intruder-${recovery}@example.test`;
      const owner = await signUpAndSignIn(app, email);
      const intruder = await signIn(app, email, STRONG_PASSWORD, 'Intruder');
      assert.equal(
        (await intruder.post('/api/account/email', { newEmail: intruderAddress, currentPassword: STRONG_PASSWORD }))
          .statusCode,
        202,
      );
      const moveToken = tokenFrom(
        await waitForMail(app, intruderAddress, /^Confirm your new email address$/),
        '/confirm-email',
      );
      await new Client(app).post('/api/auth/forgot-password', { email });
      const firstLink = tokenFrom(await waitForMail(app, email, /^Reset your Souk password$/), '/reset-password');
      forgetRateLimits(app);
      await new Client(app).post('/api/auth/forgot-password', { email });
      let secondLink: string | undefined;
      for (let tries = 0; secondLink === undefined && tries < 100; tries++) {
        const resets = (await mailsTo(app, email)).filter((m) => m.subject === 'Reset your Souk password');
        secondLink = resets.map((m) => tokenFrom(m, '/reset-password')).find((l) => l !== firstLink);
        if (secondLink === undefined) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(secondLink, 'a second reset link was mailed');

      const newPassword = `recovered-${recovery}-phrase-9`;
      if (recovery === 'reset')
        assert.equal(
          (await new Client(app).post('/api/auth/reset-password', { token: firstLink, password: newPassword }))
            .statusCode,
          200,
        );
      else
        assert.equal(
          (await owner.post('/api/account/password', { currentPassword: STRONG_PASSWORD, newPassword })).statusCode,
          204,
        );

      assert.equal((await intruder.get('/api/me')).statusCode, 401);
      const moved = await new Client(app).post('/api/account/email/confirm', { token: moveToken });
      assert.equal(moved.statusCode, 400);
      assert.equal((moved.json() as { error: { code: string } }).error.code, 'TOKEN_INVALID');
      // The mail sent to the intruder's address for the dead request goes with it (erasure finds
      // such mail through the pending request, so none may outlive it).
      assert.equal(
        (await app.souk.db.selectFrom('mail_outbox').select('id').where('to_address', '=', intruderAddress).execute())
          .length,
        0,
      );
      assert.deepEqual(await mailsTo(app, intruderAddress), []);
      const other = recovery === 'reset' ? secondLink! : firstLink;
      const again = await new Client(app).post('/api/auth/reset-password', {
        token: other,
        password: 'intruder-choice-phrase-7',
      });
      assert.equal(again.statusCode, 400, 'no other reset link is left');
      await signIn(app, email, newPassword);
    });
  }

  await t.test('a reset link does not reopen an account whose deletion was requested', async () => {
    const email = 'reset-deactivated@example.test';
    const client = await signUpAndSignIn(app, email);
    const { id } = (await client.get('/api/me')).json() as { id: string };
    await new Client(app).post('/api/auth/forgot-password', { email });
    const link = tokenFrom(await waitForMail(app, email, /^Reset your Souk password$/), '/reset-password');
    assert.equal(
      (await client.post('/api/account/deletion', { confirmEmail: email, password: STRONG_PASSWORD })).statusCode,
      202,
    );
    const hash = await passwordHash(app, id);
    const res = await new Client(app).post('/api/auth/reset-password', { token: link, password: 'back-door-phrase-8' });
    assert.equal(res.statusCode, 400);
    assert.equal((res.json() as { error: { code: string } }).error.code, 'TOKEN_INVALID');
    assert.equal(await passwordHash(app, id), hash);
    const links = await app.souk.db.selectFrom('verifications').select('id').where('value', '=', id).execute();
    assert.equal(links.length, 0, 'the deletion request ended the reset link');
  });

  await t.test("sign-in opens no session once the password it checked is no longer the account's", async () => {
    const email = 'stale-check@example.test';
    const client = await signUpAndSignIn(app, email);
    const { id } = (await client.get('/api/me')).json() as { id: string };
    const hash = (await passwordHash(app, id))!;
    const request = { headers: { 'user-agent': 'test' } } as unknown as FastifyRequest;
    const sessions = await countRows(app, 'sessions');
    assert.equal(await createSession(app.souk.db, request, id, `${hash}-old`), undefined);
    assert.equal(await countRows(app, 'sessions'), sessions);
    assert.equal(typeof (await createSession(app.souk.db, request, id, hash)), 'string');
    assert.equal(await countRows(app, 'sessions'), sessions + 1);
  });
});
