// Sign-up, verification, sign-in, sign-out and password reset through the HTTP API, on a real
// database: what a person sees, what an attacker cannot learn, and what is stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import {
  Client,
  PUBLIC_URL,
  STRONG_PASSWORD,
  cloneClient,
  countRows,
  createTestApp,
  forgetRateLimits,
  mailsTo,
  signIn,
  signUpAndSignIn,
  tokenFrom,
  waitForEmptyOutbox,
  waitForMail,
} from './helpers/app.ts';
import { SLOW_STEP_MS } from '../src/modules/rate-limit/service.ts';
import { ADDRESS_LIMITS } from '../src/modules/auth/limits.ts';

const COOKIE = 'souk.session_token';

const errorCode = (res: LightMyRequestResponse) => (res.json() as { error: { code: string } }).error.code;

async function usersWithEmail(app: FastifyInstance, email: string): Promise<number> {
  const row = await app.souk.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql`lower(email)`, '=', email)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function outboxTo(app: FastifyInstance, email: string): Promise<Array<{ subject: string }>> {
  return app.souk.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', email).execute();
}

async function userId(app: FastifyInstance, email: string): Promise<string> {
  const row = await app.souk.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

async function emailVerified(app: FastifyInstance, email: string): Promise<boolean> {
  const row = await app.souk.db
    .selectFrom('users')
    .select('email_verified')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.email_verified;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A verification link's token as Better Auth makes them: an HS256 JWT. */
function signedJwt(claims: Record<string, unknown>, secret: string): string {
  const unsigned = `${base64url({ alg: 'HS256' })}.${base64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Every value of every column of a table, as one string: to prove a secret is not stored. */
async function tableText(app: FastifyInstance, table: 'verifications' | 'sessions'): Promise<string> {
  const rows = await app.souk.db.selectFrom(table).selectAll().execute();
  return JSON.stringify(rows);
}

test('auth', async (t) => {
  const testApp = await createTestApp();
  const { app } = testApp;
  t.after(testApp.close);
  // One app serves every scenario; each starts with fresh rate-limit windows.
  t.beforeEach(() => forgetRateLimits(app));

  await t.test('sign-up, verification, sign-in, /api/me and sign-out work end to end', async () => {
    const email = 'lifecycle@example.test';
    const client = new Client(app);

    const signUp = await client.post('/api/auth/sign-up', {
      email,
      password: STRONG_PASSWORD,
      displayName: 'Lina Lifecycle',
    });
    assert.equal(signUp.statusCode, 202);
    assert.deepEqual(signUp.json(), { status: 'verification_sent' });
    assert.equal(signUp.headers['set-cookie'], undefined, 'sign-up does not sign in');
    const mail = await waitForMail(app, email, /^Verify your email address$/);
    assert.match(mail.text, /Hello Lina Lifecycle/);

    const early = await client.post('/api/auth/sign-in', { email, password: STRONG_PASSWORD });
    assert.equal(early.statusCode, 403);
    assert.equal(errorCode(early), 'EMAIL_NOT_VERIFIED');
    assert.equal(early.headers['set-cookie'], undefined);
    assert.equal(await countRows(app, 'sessions'), 0, 'no session for an unverified account');
    // The attempt mails a fresh verification link.
    const verifyMails = async () =>
      (await mailsTo(app, email)).filter((m) => m.subject === 'Verify your email address').length;
    for (let i = 0; i < 100 && (await verifyMails()) < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(await verifyMails(), 2, 'a second verification mail after signing in unverified');
    const wrong = await client.post('/api/auth/sign-in', { email, password: `${STRONG_PASSWORD}-wrong` });
    assert.equal(
      errorCode(wrong),
      'INVALID_CREDENTIALS',
      'an unverified address with a wrong password: the usual answer',
    );

    const verify = await client.post('/api/auth/verify-email', { token: tokenFrom(mail, '/verify-email') });
    assert.equal(verify.statusCode, 200);
    assert.deepEqual(verify.json(), { verified: true });

    const signIn = await client.post('/api/auth/sign-in', { email, password: STRONG_PASSWORD });
    assert.equal(signIn.statusCode, 200);
    const { user } = signIn.json() as { user: { email: string; displayName: string; emailVerified: boolean } };
    assert.equal(user.email, email);
    assert.equal(user.displayName, 'Lina Lifecycle');
    assert.equal(user.emailVerified, true);
    assert.ok(!('password' in user), 'no password field in the answer');

    const setCookie = ([] as string[]).concat(signIn.headers['set-cookie'] ?? []);
    assert.equal(setCookie.length, 1, `one cookie: ${setCookie.join(' | ')}`);
    const attributes = setCookie[0]!.split(';').map((a) => a.trim());
    assert.ok(attributes[0]!.startsWith(`${COOKIE}=`), attributes[0]);
    const lower = attributes.map((a) => a.toLowerCase());
    assert.ok(lower.includes('httponly'), 'HttpOnly');
    assert.ok(lower.includes('samesite=lax'), 'SameSite=Lax');
    assert.ok(lower.includes('path=/'), 'Path=/');
    assert.ok(!lower.includes('secure'), 'no Secure on an http PUBLIC_URL');

    const me = await client.get('/api/me');
    assert.equal(me.statusCode, 200);
    assert.equal((me.json() as { email: string }).email, email);
    assert.equal((me.json() as { displayName: string }).displayName, 'Lina Lifecycle');

    const stolen = cloneClient(client);
    const signOut = await client.post('/api/auth/sign-out');
    assert.equal(signOut.statusCode, 204);
    assert.equal(client.cookies.has(COOKIE), false, 'the cookie is cleared');
    const after = await stolen.get('/api/me');
    assert.equal(after.statusCode, 401);
    assert.equal(errorCode(after), 'UNAUTHENTICATED');
    assert.equal(await countRows(app, 'sessions'), 0, 'the session row is gone');
  });

  await t.test('sign-up with a registered address answers exactly like a new one and tells the owner', async () => {
    const owner = 'owner@example.test';
    const ownerClient = await signUpAndSignIn(app, owner, STRONG_PASSWORD, 'Olga Owner');
    const usersBefore = await countRows(app, 'users');

    const fresh = await new Client(app).post('/api/auth/sign-up', {
      email: 'newcomer@example.test',
      password: STRONG_PASSWORD,
      displayName: 'New',
    });
    const taken = await new Client(app).post('/api/auth/sign-up', {
      email: 'Owner@Example.test',
      password: 'another-secret-phrase-9',
      displayName: 'Intruder',
    });
    assert.equal(taken.statusCode, fresh.statusCode);
    assert.equal(taken.body, fresh.body);
    assert.equal(taken.headers['content-type'], fresh.headers['content-type']);
    assert.equal(taken.headers['set-cookie'], undefined);

    assert.equal(await countRows(app, 'users'), usersBefore + 1, 'only the new address created a user');
    assert.equal(await usersWithEmail(app, owner), 1);
    await waitForMail(app, owner, /^Someone tried to create a Souk account with your address$/);
    const me = await ownerClient.get('/api/me');
    assert.equal((me.json() as { displayName: string }).displayName, 'Olga Owner', 'the existing profile is untouched');
    const intruder = await new Client(app).post('/api/auth/sign-in', {
      email: owner,
      password: 'another-secret-phrase-9',
    });
    assert.equal(intruder.statusCode, 401, 'the second password was not stored');
    await signIn(app, owner);
  });

  await t.test('forgot-password takes as long for a known address as for an unknown one', async (st) => {
    const known = 'timed-reset@example.test';
    await signUpAndSignIn(app, known);
    const unknown = 'timed-nobody@example.test';
    // Delivered, not only queued: the next request starts with nothing of this one still running.
    const resets = async () =>
      (await mailsTo(app, known)).filter((m) => m.subject === 'Reset your Souk password').length;
    const knownId = await userId(app, known);
    // Reset tokens are stored hashed, with the account's id as their value.
    const resetTokens = async () =>
      Number(
        (
          await app.souk.db
            .selectFrom('verifications')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('value', '=', knownId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const measure = async () => {
      const times: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
      for (let i = 0; i < 42; i++) {
        // Interleaved, and each request measured alone: the known address's mail is made after its
        // answer, so the next request starts once that mail is delivered.
        const which = i % 4 === 0 || i % 4 === 3 ? 'known' : 'unknown';
        await forgetRateLimits(app);
        const before = await resets();
        const tokensBefore = await resetTokens();
        const started = performance.now();
        const res = await new Client(app).post('/api/auth/forgot-password', {
          email: which === 'known' ? known : unknown,
        });
        const took = performance.now() - started;
        assert.equal(res.statusCode, 202);
        // Answered before any account-dependent work: no reset token exists yet when the answer arrives.
        if (which === 'known')
          assert.equal(await resetTokens(), tokensBefore, 'the answer came before the reset link was made');
        // The same quiet before the next request either way: the mail (if any) delivered and recorded.
        if (which === 'known')
          for (const deadline = Date.now() + 10_000; (await resets()) === before && Date.now() < deadline; )
            await new Promise((r) => setTimeout(r, 10));
        await waitForEmptyOutbox(app, 60_000);
        await new Promise((r) => setTimeout(r, 100));
        if (i >= 2) times[which].push(took);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      return [median(times.known), median(times.unknown)] as const;
    };
    // Before the fix a known address took 1.4-1.8x as long (7.7 vs 5.4 ms): it made a token and queued
    // a mail first. Now both do the same work; the bound leaves room for a busy machine's noise (the
    // check above is what fails at once if the work moves before the answer again). Another test
    // file running beside this one can still skew one round's medians either way (CI once saw known
    // 3.45 against unknown 7.26 ms, in a path nobody had changed): a difference the code makes shows
    // in every round, so it fails only when three rounds in a row are out of bounds.
    const within = ([k, u]: readonly [number, number]) => k <= u * 1.35 + 1 && u <= k * 1.35 + 1;
    let medians = await measure();
    for (let round = 1; round < 3 && !within(medians); round++) {
      st.diagnostic(
        `round ${round}: medians known ${medians[0].toFixed(2)} ms, unknown ${medians[1].toFixed(2)} ms; measuring again`,
      );
      medians = await measure();
    }
    const [k, u] = medians;
    st.diagnostic(`medians: known ${k.toFixed(2)} ms, unknown ${u.toFixed(2)} ms`);
    assert.ok(within(medians), `medians: known ${k.toFixed(2)} ms, unknown ${u.toFixed(2)} ms`);
    await waitForEmptyOutbox(app, 60_000);
  });

  await t.test(
    'forgot-password answers the same for a known and an unknown address and mails only the known one',
    async () => {
      const known = 'forgetful@example.test';
      await signUpAndSignIn(app, known);
      const unknown = 'nobody-here@example.test';

      const a = await new Client(app).post('/api/auth/forgot-password', { email: known });
      const b = await new Client(app).post('/api/auth/forgot-password', { email: unknown });
      assert.equal(a.statusCode, 202);
      assert.equal(b.statusCode, a.statusCode);
      assert.equal(b.body, a.body);
      assert.equal(b.headers['content-type'], a.headers['content-type']);

      await waitForMail(app, known, /^Reset your Souk password$/);
      assert.deepEqual(await outboxTo(app, unknown), [], 'nothing queued for the unknown address');
      assert.deepEqual(await mailsTo(app, unknown), []);
    },
  );

  await t.test('a wrong password and an unknown email get the same 401', async () => {
    const email = 'careful@example.test';
    await signUpAndSignIn(app, email);
    const wrong = await new Client(app).post('/api/auth/sign-in', { email, password: 'not-the-right-one-1' });
    const unknown = await new Client(app).post('/api/auth/sign-in', {
      email: 'ghost@example.test',
      password: 'not-the-right-one-1',
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(errorCode(wrong), 'INVALID_CREDENTIALS');
    assert.equal(unknown.statusCode, wrong.statusCode);
    assert.equal(unknown.body, wrong.body);
    assert.equal(wrong.headers['set-cookie'], undefined);
    assert.equal(unknown.headers['set-cookie'], undefined);
  });

  await t.test(
    'a deactivated account gets the wrong-password answer and keeps no session; sign-in answers with the full profile',
    async () => {
      const email = 'dormant@example.test';
      await signUpAndSignIn(app, email);
      const id = await userId(app, email);
      await app.souk.db
        .updateTable('users')
        .set({ phone: '+44 20 7946 0000', country: 'GB' })
        .where('id', '=', id)
        .execute();
      const active = await new Client(app).post('/api/auth/sign-in', { email, password: STRONG_PASSWORD });
      assert.equal(active.statusCode, 200);
      const { user } = active.json() as { user: Record<string, unknown> };
      assert.deepEqual([user.id, user.phone, user.country], [id, '+44 20 7946 0000', 'GB']);
      assert.match(String(user.createdAt), /^\d{4}-\d\d-\d\dT/);

      await app.souk.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', id).execute();
      const sessionsBefore = await countRows(app, 'sessions');
      const refused = await new Client(app).post('/api/auth/sign-in', { email, password: STRONG_PASSWORD });
      const wrong = await new Client(app).post('/api/auth/sign-in', { email, password: 'not-the-right-one-1' });
      assert.equal(refused.statusCode, 401);
      assert.equal(refused.body, wrong.body);
      assert.equal(refused.headers['set-cookie'], undefined);
      assert.equal(await countRows(app, 'sessions'), sessionsBefore, 'no session was left behind');
    },
  );

  await t.test('the password policy refuses short, long and common passwords and creates nobody', async () => {
    const common = readFileSync(new URL('../src/modules/auth/common-passwords.txt', import.meta.url), 'utf8').split(
      '\n',
    );
    assert.ok(common.includes('password123') && common.includes('iloveyou1'), 'the examples are on the shipped list');
    const usersBefore = await countRows(app, 'users');
    const cases = [
      { password: 'a'.repeat(7), code: 'PASSWORD_TOO_SHORT' },
      { password: `${'a1b2c3d4'.repeat(16)}x`, code: 'PASSWORD_TOO_LONG' },
      { password: 'password123', code: 'PASSWORD_TOO_COMMON' },
      { password: 'ILoveYou1', code: 'PASSWORD_TOO_COMMON' },
    ];
    for (const [i, c] of cases.entries()) {
      const email = `policy-${i}@example.test`;
      const res = await new Client(app).post('/api/auth/sign-up', {
        email,
        password: c.password,
        displayName: 'Policy',
      });
      assert.equal(res.statusCode, 400, c.code);
      assert.equal(errorCode(res), c.code);
      assert.equal(await usersWithEmail(app, email), 0);
      assert.deepEqual(await outboxTo(app, email), []);
    }
    assert.equal(await countRows(app, 'users'), usersBefore);
    // The limits count characters, not bytes: eight emoji are long enough.
    const emoji = await new Client(app).post('/api/auth/sign-up', {
      email: 'emoji@example.test',
      password: '🦊🦊🦊🦊🐢🐢🐢🐢',
      displayName: 'Emoji',
    });
    assert.equal(emoji.statusCode, 202);
  });

  await t.test('password hashes are argon2id with m=19456, t=2, p=1', async () => {
    const email = 'hashed@example.test';
    await signUpAndSignIn(app, email);
    const row = await app.souk.db
      .selectFrom('accounts')
      .select('password')
      .where('user_id', '=', await userId(app, email))
      .where('provider_id', '=', 'credential')
      .executeTakeFirstOrThrow();
    const hash = row.password ?? '';
    assert.ok(hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$'), hash || 'no hash');
    assert.ok(!hash.includes(STRONG_PASSWORD));
  });

  await t.test('a reset link sets a new password once, ends every session, and is stored only hashed', async () => {
    const email = 'reset@example.test';
    const oldPassword = STRONG_PASSWORD;
    const newPassword = 'copper-meadow-violin-88';
    const laptop = await signUpAndSignIn(app, email, oldPassword);
    const phone = await signIn(app, email, oldPassword, 'Phone UA');
    const id = await userId(app, email);

    assert.equal((await new Client(app).post('/api/auth/forgot-password', { email })).statusCode, 202);
    const mail = await waitForMail(app, email, /^Reset your Souk password$/);
    assert.match(mail.text, /http:\/\/souk\.test\/reset-password\?token=/);
    const token = tokenFrom(mail, '/reset-password');
    assert.ok(!(await tableText(app, 'verifications')).includes(token), 'the reset token is not stored in plain text');

    const reset = await new Client(app).post('/api/auth/reset-password', { token, password: newPassword });
    assert.equal(reset.statusCode, 200);
    assert.deepEqual(reset.json(), { status: 'password_changed' });
    assert.equal((await laptop.get('/api/me')).statusCode, 401);
    assert.equal((await phone.get('/api/me')).statusCode, 401);
    const remaining = await app.souk.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute();
    assert.deepEqual(remaining, []);

    const old = await new Client(app).post('/api/auth/sign-in', { email, password: oldPassword });
    assert.equal(old.statusCode, 401);
    assert.equal(errorCode(old), 'INVALID_CREDENTIALS');
    await signIn(app, email, newPassword);

    const again = await new Client(app).post('/api/auth/reset-password', { token, password: 'another-fresh-phrase-5' });
    assert.equal(again.statusCode, 400);
    assert.equal(errorCode(again), 'TOKEN_INVALID');
    await signIn(app, email, newPassword);
  });

  await t.test('a reset link lasts at most an hour', async () => {
    const email = 'hourglass@example.test';
    await signUpAndSignIn(app, email);
    assert.equal((await new Client(app).post('/api/auth/forgot-password', { email })).statusCode, 202);
    await waitForMail(app, email, /^Reset your Souk password$/);
    const rows = await app.souk.db
      .selectFrom('verifications')
      .select('expires_at')
      .where('value', '=', await userId(app, email))
      .execute();
    assert.equal(rows.length, 1, 'one stored reset token');
    const expiresAt = rows[0]!.expires_at;
    assert.ok(expiresAt.getTime() > Date.now(), `valid now: ${expiresAt.toISOString()}`);
    assert.ok(expiresAt.getTime() <= Date.now() + 3600_000 + 5_000, `at most an hour: ${expiresAt.toISOString()}`);
  });

  await t.test('forged and expired reset tokens are refused and change nothing', async () => {
    const email = 'expired@example.test';
    await signUpAndSignIn(app, email);
    const forged = await new Client(app).post('/api/auth/reset-password', {
      token: 'AAAAAAAAAAAAAAAAAAAAAAAA',
      password: 'forged-attempt-phrase-3',
    });
    assert.equal(forged.statusCode, 400);
    assert.equal(errorCode(forged), 'TOKEN_INVALID');

    await new Client(app).post('/api/auth/forgot-password', { email });
    const token = tokenFrom(await waitForMail(app, email, /^Reset your Souk password$/), '/reset-password');
    const updated = await app.souk.db
      .updateTable('verifications')
      .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
      .where('value', '=', await userId(app, email))
      .executeTakeFirst();
    assert.equal(Number(updated.numUpdatedRows), 1);
    const expired = await new Client(app).post('/api/auth/reset-password', { token, password: 'too-late-phrase-4' });
    assert.equal(expired.statusCode, 400);
    assert.equal(errorCode(expired), 'TOKEN_INVALID');

    // The password in place before both attempts still works; neither new one does.
    await signIn(app, email);
    for (const password of ['forged-attempt-phrase-3', 'too-late-phrase-4']) {
      assert.equal((await new Client(app).post('/api/auth/sign-in', { email, password })).statusCode, 401);
    }
  });

  await t.test(
    'forged and expired verification links are refused, whatever address they name, and verify nothing',
    async () => {
      const email = 'unverified@example.test';
      const verifiedEmail = 'verified-bystander@example.test';
      await signUpAndSignIn(app, verifiedEmail);
      assert.equal(
        (await new Client(app).post('/api/auth/sign-up', { email, password: STRONG_PASSWORD, displayName: 'Una' }))
          .statusCode,
        202,
      );
      const genuine = tokenFrom(await waitForMail(app, email, /^Verify your email address$/), '/verify-email');
      const claims = jwtClaims(genuine);
      assert.equal(claims.email, email, 'the link names its address');
      const usersBefore = await app.souk.db.selectFrom('users').selectAll().orderBy('id').execute();

      const secret = testApp.config.authSecret;
      const hour = Math.floor(Date.now() / 1000) + 3600;
      const tokens = {
        'signed with another secret': signedJwt(
          { ...claims, exp: hour },
          'not-the-server-secret-not-the-server-secret',
        ),
        'another address in a genuine link': genuine.replace(
          /^([^.]+)\.[^.]+/,
          `$1.${base64url({ ...claims, email: verifiedEmail })}`,
        ),
        'expired an hour ago': signedJwt({ ...claims, exp: Math.floor(Date.now() / 1000) - 3600 }, secret),
        'unsigned (alg none)': `${base64url({ alg: 'none' })}.${base64url({ ...claims, exp: hour })}.`,
      };
      for (const [what, token] of Object.entries(tokens)) {
        const res = await new Client(app).post('/api/auth/verify-email', { token });
        assert.equal(res.statusCode, 400, what);
        assert.equal(errorCode(res), 'TOKEN_INVALID', what);
        assert.equal(res.headers['set-cookie'], undefined, what);
      }
      // Naming a verified address does not change the answer: no hint that its account exists.
      for (const [what, token] of Object.entries({
        'forged for a verified address': signedJwt(
          { email: verifiedEmail, exp: hour },
          'not-the-server-secret-not-the-server-secret',
        ),
        'expired for a verified address': signedJwt(
          { email: verifiedEmail, exp: Math.floor(Date.now() / 1000) - 3600 },
          secret,
        ),
      })) {
        const res = await new Client(app).post('/api/auth/verify-email', { token });
        assert.equal(res.statusCode, 400, what);
        assert.equal(errorCode(res), 'TOKEN_INVALID', what);
      }
      assert.deepEqual(
        await app.souk.db.selectFrom('users').selectAll().orderBy('id').execute(),
        usersBefore,
        'no user row changed',
      );

      // The expired link differs from a working one only in its expiry: the same claims signed with
      // the server secret and still valid verify the address.
      const unexpired = await new Client(app).post('/api/auth/verify-email', {
        token: signedJwt({ ...claims, exp: hour }, secret),
      });
      assert.equal(unexpired.statusCode, 200);
      assert.equal(await emailVerified(app, email), true);
    },
  );

  await t.test('a used verification link gets EMAIL_ALREADY_VERIFIED and changes nothing', async () => {
    const email = 'twice@example.test';
    const client = new Client(app);
    assert.equal(
      (await client.post('/api/auth/sign-up', { email, password: STRONG_PASSWORD, displayName: 'Tess Twice' }))
        .statusCode,
      202,
    );
    const first = tokenFrom(await waitForMail(app, email, /^Verify your email address$/), '/verify-email');
    // Signing in unverified mails a second link (a second later: a JWT's times count whole seconds).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await client.post('/api/auth/sign-in', { email, password: STRONG_PASSWORD })).statusCode, 403);
    let links: string[] = [];
    for (let i = 0; i < 100 && links.length < 2; i++) {
      links = (await mailsTo(app, email))
        .filter((m) => m.subject === 'Verify your email address')
        .map((m) => tokenFrom(m, '/verify-email'));
      if (links.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const second = links.find((link) => link !== first);
    assert.ok(second, 'a second, different link');

    assert.equal((await client.post('/api/auth/verify-email', { token: first })).statusCode, 200);
    const userBefore = await app.souk.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const sessionsBefore = await countRows(app, 'sessions');
    for (const [what, token] of [
      ['the same link again', first],
      ['the other link', second],
    ] as const) {
      const res = await new Client(app).post('/api/auth/verify-email', { token });
      assert.equal(res.statusCode, 409, what);
      assert.equal(errorCode(res), 'EMAIL_ALREADY_VERIFIED', what);
      assert.equal(res.headers['set-cookie'], undefined, what);
    }
    assert.deepEqual(
      await app.souk.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow(),
      userBefore,
      'the user row is untouched',
    );
    assert.equal(await countRows(app, 'sessions'), sessionsBefore, 'no session was created');
    await signIn(app, email);
  });

  await t.test(
    'more than 10 sign-ins for one email in 15 minutes are refused, even with the right password',
    async () => {
      const email = 'hammered@example.test';
      await signUpAndSignIn(app, email);
      await forgetRateLimits(app);
      const id = await userId(app, email);
      const sessionsBefore = await app.souk.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute();

      for (let i = 0; i < 10; i++) {
        const res = await new Client(app).post('/api/auth/sign-in', { email, password: `wrong-guess-number-${i}` });
        assert.equal(res.statusCode, 401, `attempt ${i + 1}`);
      }
      const blocked = await new Client(app).post('/api/auth/sign-in', { email, password: STRONG_PASSWORD });
      assert.equal(blocked.statusCode, 429);
      assert.equal(errorCode(blocked), 'RATE_LIMITED');
      assert.equal(blocked.headers['set-cookie'], undefined);
      const retryAfter = String(blocked.headers['retry-after']);
      assert.match(retryAfter, /^[1-9]\d*$/);
      assert.ok(Number(retryAfter) <= 15 * 60, retryAfter);
      const sessionsAfter = await app.souk.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute();
      assert.deepEqual(sessionsAfter, sessionsBefore, 'no session was created');

      // Another address from the same place is not locked out.
      const other = 'bystander@example.test';
      await signUpAndSignIn(app, other);

      // The counter lives in the database, keyed without the raw address.
      const keys = await app.souk.db.selectFrom('rate_limits').select(['key', 'count']).execute();
      assert.ok(
        keys.some((k) => k.key.startsWith('sign-in:email:') && k.count === 11),
        JSON.stringify(keys),
      );
      for (const k of keys) {
        assert.ok(!k.key.toLowerCase().includes(email) && !k.key.includes('hammered'), `raw email in key ${k.key}`);
        assert.ok(!k.key.includes('127.0.0.1'), `raw IP in key ${k.key}`);
      }

      // A second Souk process on the same database (or this one after a restart) still refuses.
      const second = await buildApp({ ...testApp.config, runJobs: false }, { database: app.souk.database });
      try {
        await second.ready();
        const res = await new Client(second).post('/api/auth/sign-in', { email, password: STRONG_PASSWORD });
        assert.equal(res.statusCode, 429);
        assert.equal(errorCode(res), 'RATE_LIMITED');
      } finally {
        await second.close();
      }
    },
  );

  await t.test('a fourth reset request for one address within an hour is refused, known or not', async () => {
    const known = 'resetspam@example.test';
    await signUpAndSignIn(app, known);
    const unknown = 'resetspam-nobody@example.test';
    for (const email of [known, unknown]) {
      for (let i = 0; i < 3; i++) {
        assert.equal(
          (await new Client(app).post('/api/auth/forgot-password', { email })).statusCode,
          202,
          `${email} #${i + 1}`,
        );
      }
      const fourth = await new Client(app).post('/api/auth/forgot-password', { email });
      assert.equal(fourth.statusCode, 429);
      assert.equal(errorCode(fourth), 'RATE_LIMITED');
      assert.match(String(fourth.headers['retry-after']), /^[1-9]\d*$/);
    }
    // The mails are made after the answer: wait for the three, then make sure no fourth follows.
    const resets = async () =>
      (await outboxTo(app, known)).filter((m) => m.subject === 'Reset your Souk password').length;
    for (const deadline = Date.now() + 10_000; (await resets()) < 3 && Date.now() < deadline; )
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await resets(), 3, 'the refused request sent no mail');
  });

  await t.test(
    'a 31st verification attempt from one network address within an hour is refused, even with a good link, and verifies nothing',
    async () => {
      const email = 'verify-burst@example.test';
      assert.equal(
        (await new Client(app).post('/api/auth/sign-up', { email, password: STRONG_PASSWORD, displayName: 'Vera' }))
          .statusCode,
        202,
      );
      const token = tokenFrom(await waitForMail(app, email, /^Verify your email address$/), '/verify-email');
      await forgetRateLimits(app);
      for (let i = 0; i < 30; i++) {
        const res = await new Client(app).post('/api/auth/verify-email', { token: `forged-verification-token-${i}` });
        assert.equal(res.statusCode, 400, `attempt ${i + 1}`);
      }
      const limited = await new Client(app).post('/api/auth/verify-email', { token });
      assert.equal(limited.statusCode, 429);
      assert.equal(errorCode(limited), 'RATE_LIMITED');
      const retryAfter = String(limited.headers['retry-after']);
      assert.match(retryAfter, /^[1-9]\d*$/);
      assert.ok(Number(retryAfter) <= 3600, retryAfter);
      assert.equal(await emailVerified(app, email), false, 'the refused request verified nothing');

      // Once the window has passed, the same link still works.
      await forgetRateLimits(app);
      assert.equal((await new Client(app).post('/api/auth/verify-email', { token })).statusCode, 200);
      assert.equal(await emailVerified(app, email), true);
    },
  );

  await t.test(
    'a 21st password reset from one network address within an hour is refused, even with a good link, and changes nothing',
    async () => {
      const email = 'reset-burst@example.test';
      const client = await signUpAndSignIn(app, email);
      assert.equal((await new Client(app).post('/api/auth/forgot-password', { email })).statusCode, 202);
      const token = tokenFrom(await waitForMail(app, email, /^Reset your Souk password$/), '/reset-password');
      await forgetRateLimits(app);
      for (let i = 0; i < 20; i++) {
        const res = await new Client(app).post('/api/auth/reset-password', {
          token: `forged-reset-token-${i}`,
          password: 'forged-attempt-phrase-3',
        });
        assert.equal(res.statusCode, 400, `attempt ${i + 1}`);
      }
      const newPassword = 'limited-reset-phrase-6';
      const limited = await new Client(app).post('/api/auth/reset-password', { token, password: newPassword });
      assert.equal(limited.statusCode, 429);
      assert.equal(errorCode(limited), 'RATE_LIMITED');
      const retryAfter = String(limited.headers['retry-after']);
      assert.match(retryAfter, /^[1-9]\d*$/);
      assert.ok(Number(retryAfter) <= 3600, retryAfter);

      // The old password still works, the new one does not, and the session was not ended.
      await forgetRateLimits(app);
      assert.equal((await new Client(app).post('/api/auth/sign-in', { email, password: newPassword })).statusCode, 401);
      await signIn(app, email);
      assert.equal((await client.get('/api/me')).statusCode, 200);
      // The refused request did not use up the link.
      assert.equal(
        (await new Client(app).post('/api/auth/reset-password', { token, password: newPassword })).statusCode,
        200,
      );
      await signIn(app, email, newPassword);
    },
  );

  await t.test(
    'sign-ups from one shared network address slow down past 10 an hour and are refused only past 100; one email address stays strict',
    async () => {
      // A household or an office: the 11th and 12th sign-up of the hour still succeed, each a little slower.
      for (let i = 0; i < 10; i++) {
        const res = await new Client(app).post('/api/auth/sign-up', {
          email: `signup-burst-${i}@example.test`,
          password: STRONG_PASSWORD,
          displayName: 'Burst',
        });
        assert.equal(res.statusCode, 202, `sign-up ${i + 1}`);
      }
      for (const [n, atLeastMs] of [
        [11, SLOW_STEP_MS],
        [12, 2 * SLOW_STEP_MS],
      ] as const) {
        const started = performance.now();
        const res = await new Client(app).post('/api/auth/sign-up', {
          email: `signup-burst-${n}@example.test`,
          password: STRONG_PASSWORD,
          displayName: 'Burst',
        });
        const took = performance.now() - started;
        assert.equal(res.statusCode, 202, `sign-up ${n}`);
        assert.ok(
          took >= atLeastMs - 5,
          `sign-up ${n} was held ${Math.round(took)} ms, at least ${atLeastMs} expected`,
        );
      }
      assert.equal(await usersWithEmail(app, 'signup-burst-11@example.test'), 1);

      // The ceiling: one address that has made 100 sign-ups this hour (the counter stands there) is refused.
      await app.souk.db
        .updateTable('rate_limits')
        .set({ count: ADDRESS_LIMITS.signUp.max })
        .where('key', 'like', 'sign-up:ip:%')
        .execute();
      const usersBefore = await countRows(app, 'users');
      const email = 'signup-burst-limited@example.test';
      const limited = await new Client(app).post('/api/auth/sign-up', {
        email,
        password: STRONG_PASSWORD,
        displayName: 'Limited',
      });
      assert.equal(limited.statusCode, 429);
      assert.equal(errorCode(limited), 'RATE_LIMITED');
      const retryAfter = String(limited.headers['retry-after']);
      assert.match(retryAfter, /^[1-9]\d*$/);
      assert.ok(Number(retryAfter) <= 3600, retryAfter);
      assert.equal(await usersWithEmail(app, email), 0, 'no user row for the refused sign-up');
      assert.equal(await countRows(app, 'users'), usersBefore);
      assert.deepEqual(await outboxTo(app, email), [], 'no verification mail queued');

      // One email address: a 6th sign-up within the hour is refused, from any network address, known or not.
      await forgetRateLimits(app);
      for (const repeated of ['signup-burst-0@example.test', 'signup-repeat-new@example.test']) {
        for (let i = 0; i < 5; i++) {
          const res = await app.inject({
            method: 'POST',
            url: '/api/auth/sign-up',
            remoteAddress: `198.51.100.${i + 1}`,
            headers: { origin: PUBLIC_URL, 'content-type': 'application/json' },
            payload: { email: repeated, password: STRONG_PASSWORD, displayName: 'Again' },
          });
          assert.equal(res.statusCode, 202, `${repeated} #${i + 1}`);
        }
        const sixth = await app.inject({
          method: 'POST',
          url: '/api/auth/sign-up',
          remoteAddress: '198.51.100.77',
          headers: { origin: PUBLIC_URL, 'content-type': 'application/json' },
          payload: { email: repeated, password: STRONG_PASSWORD, displayName: 'Again' },
        });
        assert.equal(sixth.statusCode, 429, repeated);
      }
      await waitForEmptyOutbox(app, 60_000);
    },
  );

  await t.test(
    'sign-ins from one shared network address are not refused at 31: slowed past 30, refused only past 300',
    async () => {
      const people = [
        'office-a@example.test',
        'office-b@example.test',
        'office-c@example.test',
        'office-d@example.test',
      ];
      for (const email of people) await signUpAndSignIn(app, email);
      await forgetRateLimits(app);
      // 32 sign-ins in 15 minutes from one address, 8 per person (under each person's own limit of 10).
      for (let i = 0; i < 32; i++) {
        const started = performance.now();
        const res = await new Client(app).post('/api/auth/sign-in', {
          email: people[i % people.length]!,
          password: STRONG_PASSWORD,
        });
        const took = performance.now() - started;
        assert.equal(res.statusCode, 200, `sign-in ${i + 1}`);
        if (i + 1 === 32) assert.ok(took >= 2 * SLOW_STEP_MS - 5, `the 32nd was held ${Math.round(took)} ms`);
      }
      await app.souk.db
        .updateTable('rate_limits')
        .set({ count: ADDRESS_LIMITS.signIn.max })
        .where('key', 'like', 'sign-in:ip:%')
        .execute();
      const refused = await new Client(app).post('/api/auth/sign-in', { email: people[0]!, password: STRONG_PASSWORD });
      assert.equal(refused.statusCode, 429);
      assert.equal(errorCode(refused), 'RATE_LIMITED');
    },
  );

  await t.test(
    'three simultaneous sign-ups of one new address all get the answer of a single sign-up, and make one account',
    async () => {
      const email = 'race-to-join@example.test';
      const answers = await Promise.all(
        [1, 2, 3].map(() =>
          new Client(app).post('/api/auth/sign-up', { email, password: STRONG_PASSWORD, displayName: 'Racer' }),
        ),
      );
      const single = await new Client(app).post('/api/auth/sign-up', {
        email: 'alone-to-join@example.test',
        password: STRONG_PASSWORD,
        displayName: 'Alone',
      });
      for (const answer of answers) {
        assert.equal(answer.statusCode, single.statusCode, answer.body);
        assert.equal(answer.body, single.body);
      }
      assert.equal(await usersWithEmail(app, email), 1);
      await waitForMail(app, email, /^Verify your email address$/);
    },
  );

  await t.test('addresses at reserved domains that can never receive mail are refused', async () => {
    for (const email of ['a@example.invalid', 'b@shop.localhost', 'c@localhost', 'd@EXAMPLE.INVALID', 'e@x.invalid.']) {
      const res = await new Client(app).post('/api/auth/sign-up', {
        email,
        password: STRONG_PASSWORD,
        displayName: 'Nowhere',
      });
      assert.equal(res.statusCode, 400, email);
      // A domain without a dot, or ending in one, is no address at all for the schema; the others are reserved.
      assert.equal(
        errorCode(res),
        email === 'c@localhost' || email === 'e@x.invalid.' ? 'VALIDATION_FAILED' : 'EMAIL_UNDELIVERABLE',
        email,
      );
      assert.equal(await usersWithEmail(app, email.toLowerCase()), 0);
    }
    // Look-alikes are ordinary domains.
    for (const email of ['e@invalid.example.test', 'f@localhost.example.test']) {
      assert.equal(
        (
          await new Client(app).post('/api/auth/sign-up', {
            email,
            password: STRONG_PASSWORD,
            displayName: 'Somewhere',
          })
        ).statusCode,
        202,
        email,
      );
    }
    // Nor can an account move its address there.
    const owner = await signUpAndSignIn(app, 'moving-nowhere@example.test');
    const moved = await owner.post('/api/account/email', {
      newEmail: 'me@example.invalid',
      currentPassword: STRONG_PASSWORD,
    });
    assert.equal(moved.statusCode, 400, moved.body);
    assert.equal(errorCode(moved), 'EMAIL_UNDELIVERABLE');
    await waitForEmptyOutbox(app, 60_000);
  });

  await t.test('session tokens are long, random, stored server-side and signed', async () => {
    const email = 'entropy@example.test';
    const first = await signUpAndSignIn(app, email);
    const second = await signIn(app, email);
    const values = [first, second].map((c) => decodeURIComponent(c.cookies.get(COOKIE) ?? ''));
    const tokens = values.map((v) => v.slice(0, v.lastIndexOf('.')));
    for (const token of tokens) {
      assert.match(token, /^[A-Za-z0-9_-]{22,}$/, 'at least 128 bits of base64 characters');
      const row = await app.souk.db
        .selectFrom('sessions')
        .select('user_id')
        .where('token', '=', token)
        .executeTakeFirst();
      assert.equal(row?.user_id, await userId(app, email), 'the session is a server-side row');
    }
    assert.notEqual(tokens[0], tokens[1]);

    const tampered = cloneClient(first);
    const value = values[0]!;
    const dot = value.lastIndexOf('.');
    // Change the first signature character (the last ones may only hold base64 padding bits).
    const flipped = value.slice(0, dot + 1) + (value[dot + 1] === 'A' ? 'B' : 'A') + value.slice(dot + 2);
    tampered.cookies.set(COOKIE, encodeURIComponent(flipped));
    const res = await tampered.get('/api/me');
    assert.equal(res.statusCode, 401);
    assert.equal(errorCode(res), 'UNAUTHENTICATED');

    // The bare token without its signature is not accepted either.
    const unsigned = cloneClient(first);
    unsigned.cookies.set(COOKIE, tokens[0]!);
    assert.equal((await unsigned.get('/api/me')).statusCode, 401);
    assert.equal((await first.get('/api/me')).statusCode, 200, 'the genuine cookie still works');
  });

  await t.test('a session in use is kept alive once a day; an unused one ends after 30 days', async () => {
    const email = 'rolling@example.test';
    const client = await signUpAndSignIn(app, email);
    const id = await userId(app, email);
    const expiry = async () =>
      (
        await app.souk.db
          .selectFrom('sessions')
          .select('expires_at')
          .where('user_id', '=', id)
          .executeTakeFirstOrThrow()
      ).expires_at;
    const days = (date: Date) => (date.getTime() - Date.now()) / 86_400_000;
    const sessionCookie = (res: LightMyRequestResponse) =>
      (res.cookies as Array<{ name: string; maxAge?: number }>).find((c) => c.name === COOKIE);

    // A session refreshed less than a day ago: nothing is written, no cookie is sent again.
    const fresh = await client.get('/api/me');
    assert.equal(fresh.statusCode, 200);
    assert.equal(sessionCookie(fresh), undefined);
    assert.ok(days(await expiry()) > 29.9);

    // Used again when it has 5 days left: the expiry and the cookie's Max-Age move to 30 days from now.
    await app.souk.db
      .updateTable('sessions')
      .set({ expires_at: sql<Date>`now() + interval '5 days'`, updated_at: sql<Date>`now() - interval '25 days'` })
      .where('user_id', '=', id)
      .execute();
    const used = await client.get('/api/me');
    assert.equal(used.statusCode, 200);
    assert.equal(sessionCookie(used)?.maxAge, 30 * 86_400);
    await waitFor(async () => days(await expiry()) > 29.9, 'the session expiry moves forward');
    assert.equal((await client.get('/api/me')).statusCode, 200, 'the renewed cookie works');

    // Not used for 30 days: it has expired and answers like no session at all.
    await app.souk.db
      .updateTable('sessions')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('user_id', '=', id)
      .execute();
    const expired = await client.get('/api/me');
    assert.equal(expired.statusCode, 401);
    assert.equal(sessionCookie(expired), undefined, 'an expired session is not renewed');
  });
});

/** Polls until `check` holds (writes made off a request's path land shortly after it answers). */
async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`timed out waiting until ${what}`);
}

test('behind https the session cookie is Secure and __Secure- prefixed', async (t) => {
  const publicUrl = 'https://souk.test';
  const testApp = await createTestApp({ PUBLIC_URL: publicUrl });
  const { app } = testApp;
  t.after(testApp.close);
  const email = 'secure@example.test';
  const origin = { origin: publicUrl };
  const client = new Client(app);

  assert.equal(
    (await client.post('/api/auth/sign-up', { email, password: STRONG_PASSWORD, displayName: 'Sid Secure' }, origin))
      .statusCode,
    202,
  );
  const mail = await waitForMail(app, email, /^Verify your email address$/);
  assert.match(mail.text, /https:\/\/souk\.test\/verify-email\?token=/);
  assert.equal(
    (await client.post('/api/auth/verify-email', { token: tokenFrom(mail, '/verify-email') }, origin)).statusCode,
    200,
  );
  const res = await client.post('/api/auth/sign-in', { email, password: STRONG_PASSWORD }, origin);
  assert.equal(res.statusCode, 200);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  assert.equal(setCookie.length, 1);
  const attributes = setCookie[0]!.split(';').map((a) => a.trim().toLowerCase());
  assert.ok(attributes[0]!.startsWith(`__secure-${COOKIE}=`), attributes[0]);
  assert.ok(
    attributes.includes('secure') && attributes.includes('httponly') && attributes.includes('samesite=lax'),
    attributes.join('; '),
  );

  assert.equal((await client.get('/api/me')).statusCode, 200, 'the prefixed cookie authenticates');
  // A plain-named cookie carrying the same value is not read: only the __Secure- one counts.
  const downgraded = new Client(app);
  downgraded.cookies.set(COOKIE, client.cookies.get(`__Secure-${COOKIE}`) ?? '');
  assert.equal((await downgraded.get('/api/me')).statusCode, 401);
  const signOut = await client.post('/api/auth/sign-out', undefined, origin);
  assert.equal(signOut.statusCode, 204);
  assert.equal(client.cookies.has(`__Secure-${COOKIE}`), false);
  assert.equal(await countRows(app, 'sessions'), 0);
});
