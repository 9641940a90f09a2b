// What a request leaves in the log (one line, when it completes, with nothing personal in it), and
// that a signed session cookie whose token is not one Better Auth could have issued is no session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { redactText } from '../src/logger.ts';
import { Client, countRows, createTestApp, signUpAndSignIn } from './helpers/app.ts';

type LogLine = {
  msg: string;
  reqId?: string;
  req?: { id: string; method: string; path: string };
  res?: { statusCode: number };
  responseTime?: number;
} & Record<string, unknown>;

test('the request log and the session cookie', async (t) => {
  let text = '';
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString('utf8');
      callback();
    },
  });
  const { app, config, close } = await createTestApp({ LOG_LEVEL: 'info' }, { logStream });
  t.after(close);
  const email = 'ilse.marchbank@example.test';
  const client = await signUpAndSignIn(app, email);
  const lines = () =>
    text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as LogLine);

  await t.test('each request is one line when it completes: method, path without the query, status, time', async () => {
    text = '';
    assert.equal((await client.get(`/api/me?email=${encodeURIComponent(email)}`)).statusCode, 200);
    assert.equal((await new Client(app).get('/api/me')).statusCode, 401);
    const logged = lines().filter((l) => l.req || l.res);
    assert.deepEqual(
      logged.map((l) => [l.msg, l.req?.method, l.req?.path, l.res?.statusCode]),
      [
        ['request completed', 'GET', '/api/me', 200],
        ['request completed', 'GET', '/api/me', 401],
      ],
    );
    for (const line of logged) {
      assert.equal(typeof line.responseTime, 'number');
      assert.equal(line.reqId, line.req?.id, 'the line carries its request id');
    }
    assert.equal(
      lines().some((l) => l.msg === 'incoming request'),
      false,
    );
    assert.equal(text.includes('ilse'), false, 'the query string is not logged');
  });

  await t.test(
    'sensitive keys are censored however deep a log object nests them, and the object is left as it was',
    () => {
      text = '';
      const nested = { a: { b: { c: { d: { e: { email, phone: '+44 20 7946 0321', items: [{ cvc: '739' }] } } } } } };
      app.log.info(nested, 'deeply nested');
      assert.equal(nested.a.b.c.d.e.email, email, "the caller's object is not changed");
      const [line] = lines();
      assert.deepEqual(line!.a, {
        b: { c: { d: { e: { email: '[redacted]', phone: '[redacted]', items: [{ cvc: '[redacted]' }] } } } },
      });
      // A cycle, or anything past the walk's limits, is cut off rather than logged unchecked.
      const cyclic: Record<string, unknown> = { email };
      for (let i = 0; i < 10; i++) cyclic[`self${i}`] = cyclic;
      app.log.info({ cyclic }, 'a cycle');
      assert.equal(text.includes(email), false);
      assert.ok(text.includes('[truncated]'));
    },
  );

  await t.test('masking a message takes linear time, however hostile its text', () => {
    const started = performance.now();
    for (const hostile of [
      'x'.repeat(1_000_000),
      'a.'.repeat(500_000),
      '+1'.repeat(500_000),
      `${'a-'.repeat(500_000)} `,
      `a@${'b'.repeat(1_000_000)}`,
    ]) {
      assert.equal(redactText(`${hostile} ${email}`).endsWith(' [email]'), true);
    }
    assert.ok(performance.now() - started < 2000, `took ${Math.round(performance.now() - started)} ms`);
    assert.equal(redactText(`to <${email}>, cc ${email}; a@b@c.d`), 'to <[email]>, cc [email]; a@[email]');
  });

  await t.test(
    "a correctly signed cookie whose token is outside Better Auth's alphabet is no session and changes nothing",
    async () => {
      const usersBefore = await countRows(app, 'users');
      const name = [...client.cookies.keys()].find((k) => k.endsWith('session_token'))!;
      for (const token of ["x'); drop table users; --", 'short', `${'a'.repeat(20)} b`]) {
        const signature = createHmac('sha256', config.authSecret).update(token).digest('base64');
        const forged = new Client(app);
        forged.cookies.set(name, encodeURIComponent(`${token}.${signature}`));
        const res = await forged.get('/api/me');
        assert.equal(res.statusCode, 401, token);
      }
      assert.equal(await countRows(app, 'users'), usersBefore);
      assert.equal((await client.get('/api/me')).statusCode, 200, 'the real session still works');
    },
  );
});
