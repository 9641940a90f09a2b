// "Is my email still linked to an account?": the HTTP answer is byte-identical for every address;
// the real answer goes by mail to that address only, without depending on any preference and
// without tracking. Limited per address and per client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { Client, createTestApp, forgetRateLimits, signUpAndSignIn, waitForMail } from './helpers/app.ts';

const errorCode = (res: LightMyRequestResponse) => (res.json() as { error: { code: string } }).error.code;
/** What an observer of the HTTP answer sees: status, body and every header but the date and request timing. */
const observable = (res: LightMyRequestResponse) => {
  const { date: _date, ...headers } = res.headers;
  return { status: res.statusCode, body: res.body, headers };
};

test('the email-linked check', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  t.beforeEach(() => forgetRateLimits(app));
  const db = app.souk.db;
  const person = await signUpAndSignIn(app, 'known@example.test');
  await signUpAndSignIn(app, 'leaving@example.test');
  await db.updateTable('users').set({ status: 'deactivated' }).where('email', '=', 'leaving@example.test').execute();
  // Every mail kind a person can switch off is off: the answer must not depend on preferences.
  await person.put('/api/account/notifications', {
    preferences: { order_updates: false, messages: false, offers: false, support_replies: false },
  });
  const guest = new Client(app);
  const check = (email: string, client = guest) => client.post('/api/help/email-check', { email });

  await t.test('the answer is byte-identical for a known, a deactivated and an unknown address', async () => {
    const answers = [
      await check('known@example.test'),
      await check('leaving@example.test'),
      await check('nobody@example.test'),
      await check('known@example.test', person),
    ];
    for (const res of answers) {
      assert.equal(res.statusCode, 202);
      assert.deepEqual(observable(res), observable(answers[0]!));
    }
    assert.equal(answers[0]!.body, '{"status":"sent_if_deliverable"}');
  });

  await t.test('the right mail goes to each address', async () => {
    const known = await waitForMail(app, 'known@example.test', /A Souk account uses this address/);
    assert.match(known.text, /an account uses this address/);
    assert.ok(known.text.includes('Sign in: http://souk.test/sign-in'));

    const leaving = await waitForMail(app, 'leaving@example.test', /A Souk account uses this address/);
    assert.match(leaving.text, /deactivated and waiting to be deleted/);
    assert.equal(leaving.text.includes('/sign-in'), false, 'a deactivated account cannot sign in');

    const nobody = await waitForMail(app, 'nobody@example.test', /No Souk account uses this address/);
    assert.match(nobody.text, /No account uses this address/);
    assert.equal(nobody.text.includes('/sign-in'), false);

    for (const mail of [known, leaving, nobody]) {
      assert.equal(/<img|<link|src=/i.test(mail.html), false, 'no images or pixels');
      const urls = [...mail.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
      for (const url of urls)
        assert.match(url, /^http:\/\/souk\.test\/[a-z-]+$/, `plain link without identifiers: ${url}`);
    }
    const rows = await db
      .selectFrom('mail_outbox')
      .select(['user_id', 'kind'])
      .where('subject', 'like', '%uses this address%')
      .execute();
    assert.ok(rows.length >= 3);
    assert.ok(
      rows.every((r) => r.user_id === null),
      'addressed to the address, not to an account',
    );
  });

  await t.test('the address is matched case-insensitively', async () => {
    // The outbox row is written within the request, so counting it does not race the delivery job.
    const queued = async () =>
      (
        await db
          .selectFrom('mail_outbox')
          .select('id')
          .where('to_address', '=', 'known@example.test')
          .where('subject', '=', 'A Souk account uses this address')
          .execute()
      ).length;
    const before = await queued();
    assert.equal((await check('  KNOWN@Example.TEST ')).statusCode, 400, 'spaces are not an email address');
    assert.equal((await check('KNOWN@Example.TEST')).statusCode, 202);
    assert.equal(await queued(), before + 1);
  });

  await t.test('bad input: 400 VALIDATION_FAILED, no mail queued', async () => {
    const outbox = async () => (await db.selectFrom('mail_outbox').select('id').execute()).length;
    const before = await outbox();
    for (const body of [
      {},
      { email: 'not-an-address' },
      { email: 'a@b.c', extra: 1 },
      { email: 42 },
      { email: `${'x'.repeat(250)}@example.test` },
    ]) {
      const res = await guest.post('/api/help/email-check', body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(errorCode(res), 'VALIDATION_FAILED');
    }
    assert.equal(await outbox(), before);
  });

  await t.test('limited to 3 an hour per address, the same for known and unknown addresses', async () => {
    for (const email of ['known@example.test', 'nobody@example.test']) {
      for (let i = 0; i < 3; i++)
        assert.equal((await check(email, new Client(app, `agent-${email}-${i}`))).statusCode, 202);
      const outbox = (await db.selectFrom('mail_outbox').select('id').where('to_address', '=', email).execute()).length;
      const limited = await check(email);
      assert.equal(limited.statusCode, 429);
      assert.equal(errorCode(limited), 'RATE_LIMITED');
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal(
        (await db.selectFrom('mail_outbox').select('id').where('to_address', '=', email).execute()).length,
        outbox,
        'no mail beyond the limit',
      );
    }
  });

  await t.test('limited to 10 an hour per client address, whatever the addresses asked about', async () => {
    for (let i = 0; i < 10; i++) assert.equal((await check(`someone-${i}@example.test`)).statusCode, 202);
    const res = await check('someone-else@example.test');
    assert.equal(res.statusCode, 429);
    assert.equal(
      (
        await app.inject({
          method: 'POST',
          url: '/api/help/email-check',
          remoteAddress: '203.0.113.9',
          headers: { origin: 'http://souk.test', 'content-type': 'application/json' },
          payload: { email: 'someone-else@example.test' },
        })
      ).statusCode,
      202,
      'another client is not limited',
    );
  });
});
