// Mail leaves Souk through a transactional outbox: a row first, then delivery by a job, with a
// sweeper for rows a crash or an SMTP outage left behind. Here a real SMTP server receives it.
// Also: notification preferences gate optional mail, and the log never carries personal data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { mailTemplates } from '../src/modules/mail/templates.ts';
import { Client, STRONG_PASSWORD, createTestApp, tokenFrom, waitForMail } from './helpers/app.ts';
import { MailCatcher, decodeQuotedPrintable, header } from './helpers/mail-catcher.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const outboxRow = (app: FastifyInstance, id: string) =>
  app.souk.db
    .selectFrom('mail_outbox')
    .select(['id', 'sent_at', 'last_error', 'attempts', 'claimed_until'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const outboxRowsTo = (app: FastifyInstance, to: string) =>
  app.souk.db
    .selectFrom('mail_outbox')
    .select(['id', 'subject', 'sent_at', 'last_error'])
    .where('to_address', '=', to)
    .orderBy('created_at')
    .execute();

/** As if the row had been written a minute ago and any retry back-off had run out. */
const age = (app: FastifyInstance, id: string) =>
  // created_at is insert-only in the typed schema, so the test writes it in SQL.
  sql`update mail_outbox set created_at = now() - interval '1 minute',
        claimed_until = case when claimed_until is null then null else now() - interval '1 second' end
      where id = ${id}`.execute(app.souk.db);

test('mail over SMTP', async (t) => {
  const smtp = new MailCatcher();
  await smtp.start();
  const testApp = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  const { app } = testApp;
  t.after(async () => {
    smtp.release();
    await testApp.close();
    await smtp.stop();
  });

  const email = 'smtp-person@example.test';
  let userId = '';
  let signedIn: Client | undefined;

  await t.test('the verification mail reaches the SMTP server with the outbox id as Message-ID', async () => {
    const client = new Client(app);
    const res = await client.post('/api/auth/sign-up', { email, password: STRONG_PASSWORD, displayName: 'Sam Smtp' });
    assert.equal(res.statusCode, 202);
    const message = await smtp.waitFor(email, /^Verify your email address$/);
    assert.deepEqual(message.to, [email]);
    assert.match(header(message.raw, 'to') ?? '', /smtp-person@example\.test/);

    const [row] = await outboxRowsTo(app, email);
    assert.ok(row);
    assert.equal(header(message.raw, 'message-id'), `<${row.id}@souk.test>`);
    const sent = await waitUntil('the row to be marked sent', async () =>
      (await outboxRow(app, row.id)).sent_at ? true : undefined,
    );
    assert.equal(sent, true);
    assert.equal(smtp.withMessageId(`<${row.id}@souk.test>`).length, 1);

    // The mailed link works: verify and sign in, for the tests below.
    const token = decodeQuotedPrintable(message.raw).match(/\/verify-email\?token=([A-Za-z0-9._~%-]+)/)?.[1];
    assert.ok(token, 'a verification link in the mail');
    assert.equal((await client.post('/api/auth/verify-email', { token: decodeURIComponent(token) })).statusCode, 200);
    assert.equal((await client.post('/api/auth/sign-in', { email, password: STRONG_PASSWORD })).statusCode, 200);
    userId = (await app.souk.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow())
      .id;
    signedIn = client;
  });

  await t.test('the dev mailbox is not served when SMTP_URL is set', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/dev/mailbox?to=${encodeURIComponent(email)}` });
    assert.equal(res.statusCode, 404);
    assert.equal((res.json() as { error: { code: string } }).error.code, 'NOT_FOUND');
    assert.equal((await app.inject({ method: 'GET', url: '/dev/mailbox' })).statusCode, 404);
    const copies = await app.souk.db.selectFrom('dev_mailbox').select('id').execute();
    assert.deepEqual(copies, [], 'nothing is copied into the dev mailbox');
  });

  await t.test('a mail is an unsent outbox row first, and is marked sent once the SMTP server took it', async () => {
    smtp.hold();
    try {
      const res = await new Client(app).post('/api/auth/forgot-password', { email });
      assert.equal(res.statusCode, 202, 'the request does not wait for delivery');
      const row = await waitUntil('the reset mail row', async () =>
        (await outboxRowsTo(app, email)).find((r) => r.subject === 'Reset your Souk password'),
      );
      assert.equal(row.sent_at, null);
      await waitUntil('the SMTP transaction to start', async () =>
        (await outboxRow(app, row.id)).attempts === 1 ? true : undefined,
      );
      assert.equal((await outboxRow(app, row.id)).sent_at, null, 'not sent while the SMTP server has not accepted it');
      smtp.release();
      await waitUntil('the row to be marked sent', async () =>
        (await outboxRow(app, row.id)).sent_at ? true : undefined,
      );
      assert.equal(smtp.withMessageId(`<${row.id}@souk.test>`).length, 1);
    } finally {
      smtp.release();
    }
  });

  await t.test('delivering an already-sent row again sends nothing', async () => {
    const [row] = await outboxRowsTo(app, email);
    assert.ok(row?.sent_at);
    const before = smtp.received.length;
    assert.equal(await app.souk.mail.deliver(row.id), 'skipped');
    assert.equal(await app.souk.mail.deliver(row.id), 'skipped');
    await sleep(200);
    assert.equal(smtp.received.length, before);
    assert.equal((await outboxRow(app, row.id)).attempts, 1);
  });

  await t.test('a row left pending by a crash before dispatch is delivered by the sweep, once', async () => {
    const to = 'crash-victim@example.test';
    const id = await app.souk.mail.enqueue(app.souk.db, {
      to,
      userId: null,
      kind: 'account_security',
      mail: mailTemplates.passwordChanged('en'),
    });
    assert.ok(id);
    // No dispatch: the process "died" here. Nothing delivers it on its own…
    await sleep(1000);
    assert.deepEqual(smtp.to(to), []);
    assert.equal((await outboxRow(app, id)).attempts, 0);
    // …until the sweep (every minute) wakes the delivery loop.
    assert.equal(await app.souk.mail.sweep(), 1);
    assert.equal(smtp.withMessageId(`<${id}@souk.test>`).length, 1);
    assert.ok((await outboxRow(app, id)).sent_at);
    assert.equal(await app.souk.mail.sweep(), 0);
    assert.equal(smtp.to(to).length, 1);
  });

  await t.test(
    'while the SMTP server is down the row records the error; after it returns the sweep sends it exactly once',
    async () => {
      assert.ok(signedIn, 'needs the signed-in account from the first test');
      await smtp.stop();
      let id: string;
      try {
        const res = await signedIn.post('/api/account/password', {
          currentPassword: STRONG_PASSWORD,
          newPassword: 'sturdy-new-phrase-71',
        });
        assert.equal(res.statusCode, 204, 'the change itself succeeds while mail is down');
        const row = await waitUntil('the failed attempt', async () =>
          (await outboxRowsTo(app, email)).find(
            (r) => r.subject === 'Your Souk password was changed' && r.last_error !== null,
          ),
        );
        id = row.id;
        assert.equal(row.sent_at, null);
        assert.ok(row.last_error && row.last_error.length > 0);
        assert.ok(!row.last_error.includes(email), 'the recorded error names no address');
        assert.equal(await app.souk.mail.deliver(id), 'skipped', 'the back-off holds the row');
      } finally {
        await smtp.start();
      }
      assert.deepEqual(smtp.withMessageId(`<${id}@souk.test>`), []);
      await age(app, id);
      assert.equal(await app.souk.mail.sweep(), 1);
      assert.equal(await app.souk.mail.sweep(), 0);
      assert.equal(await app.souk.mail.deliver(id), 'skipped');
      const after = await outboxRow(app, id);
      assert.ok(after.sent_at);
      assert.equal(after.last_error, null);
      assert.equal(after.attempts, 2);
      assert.equal(smtp.withMessageId(`<${id}@souk.test>`).length, 1);
    },
  );

  await t.test('optional kinds follow the notification preferences; account security always goes', async () => {
    assert.ok(signedIn && userId);
    await signIn(signedIn, 'sturdy-new-phrase-71');
    const put = await signedIn.put('/api/account/notifications', { preferences: { messages: false } });
    assert.equal(put.statusCode, 200);
    const count = async () => (await outboxRowsTo(app, email)).length;
    const before = await count();
    const mail = mailTemplates.passwordChanged('en');

    assert.equal(await app.souk.mail.enqueue(app.souk.db, { to: email, userId, kind: 'messages', mail }), null);
    assert.equal(
      await app.souk.mail.enqueue(app.souk.db, { to: email, userId, kind: 'offers', mail }),
      null,
      'offers are off unless turned on',
    );
    assert.equal(await count(), before, 'nothing written for a kind the person turned off');

    const ids: Array<string | null> = [
      await app.souk.mail.enqueue(app.souk.db, { to: email, userId, kind: 'account_security', mail }),
      await app.souk.mail.enqueue(app.souk.db, { to: email, userId, kind: 'order_updates', mail }),
    ];
    assert.equal(await count(), before + 2);
    // Turning security mail "off" is ignored: it still goes.
    await signedIn.put('/api/account/notifications', { preferences: { account_security: false } });
    ids.push(await app.souk.mail.enqueue(app.souk.db, { to: email, userId, kind: 'account_security', mail }));
    assert.equal(ids.filter((id) => typeof id === 'string').length, 3);
    assert.equal(await count(), before + 3);
    await app.souk.mail.dispatch(ids);
  });

  await t.test(
    'the final "account deleted" mail reaches the address once, and then no table of Souk holds the address',
    async () => {
      assert.ok(signedIn && userId);
      await signIn(signedIn, 'sturdy-new-phrase-71');
      const requested = await signedIn.post('/api/account/deletion', {
        confirmEmail: email,
        password: 'sturdy-new-phrase-71',
        reason: 'other',
      });
      assert.equal(requested.statusCode, 202, requested.body);
      const { processDeletion } = await import('../src/modules/deletion/process.ts');
      const { id } = await app.souk.db
        .selectFrom('deletion_requests')
        .select('id')
        .where('reference', '=', requested.json().reference)
        .executeTakeFirstOrThrow();
      assert.equal(await processDeletion(app.souk, id), 'completed');
      const final = await smtp.waitFor(email, /^Your Souk account has been deleted$/);
      assert.match(decodeQuotedPrintable(final.raw), new RegExp(requested.json().reference));
      await sleep(300);
      assert.equal(
        smtp.to(email).filter((m) => /has been deleted/.test(header(m.raw, 'subject') ?? '')).length,
        1,
        'once',
      );
      assert.deepEqual(await outboxRowsTo(app, email), [], 'the outbox forgets it once delivered');
      assert.deepEqual(await app.souk.db.selectFrom('dev_mailbox').select('id').execute(), []);
    },
  );

  await t.test('a final mail that can never be delivered is not kept either', async () => {
    const to = 'gone-for-good@example.test';
    const mailId = await app.souk.mail.enqueue(app.souk.db, {
      to,
      userId: null,
      kind: 'account_security',
      mail: mailTemplates.passwordChanged('en'),
      deleteAfterSend: true,
    });
    assert.ok(mailId);
    await smtp.stop();
    try {
      // Its last attempt, with the server gone.
      await sql`update mail_outbox set attempts = 7 where id = ${mailId}`.execute(app.souk.db);
      await age(app, mailId);
      assert.equal(await app.souk.mail.deliver(mailId), 'failed');
      assert.deepEqual(await outboxRowsTo(app, to), [], 'no row with the address stays after the last failure');
    } finally {
      await smtp.start();
    }
  });
});

/** Signs the client in again (a password change elsewhere may have replaced its session). */
async function signIn(client: Client, password: string): Promise<void> {
  if ((await client.get('/api/me')).statusCode === 200) return;
  const email = 'smtp-person@example.test';
  const res = await client.post('/api/auth/sign-in', { email, password });
  assert.equal(res.statusCode, 200);
}

test('the log carries no personal data or secrets', async (t) => {
  let log = '';
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      log += chunk.toString('utf8');
      callback();
    },
  });
  const testApp = await createTestApp({ LOG_LEVEL: 'debug' }, { logStream });
  const { app } = testApp;
  t.after(testApp.close);

  const email = 'zora.quillfeather@example.test';
  const displayName = 'Zora Quillfeather';
  const password = 'saffron-kettle-nebula-93';
  const newPassword = 'marble-falcon-tundra-58';
  const phone = '+44 20 7946 0958';
  const secrets: Record<string, string> = {
    email,
    'email local part': 'zora.quillfeather',
    displayName,
    'family name': 'Quillfeather',
    password,
    newPassword,
    phone,
  };

  const client = new Client(app);
  assert.equal((await client.post('/api/auth/sign-up', { email, password, displayName })).statusCode, 202);
  const verify = tokenFrom(await waitForMail(app, email, /Verify your email/), '/verify-email');
  secrets['verification token'] = verify;
  assert.equal((await client.post('/api/auth/sign-in', { email, password })).statusCode, 403);
  assert.equal((await client.post('/api/auth/verify-email', { token: verify })).statusCode, 200);
  assert.equal((await client.post('/api/auth/sign-in', { email, password })).statusCode, 200);
  const cookie = decodeURIComponent(client.cookies.get('souk.session_token') ?? '');
  secrets['session token'] = cookie.slice(0, cookie.lastIndexOf('.'));
  secrets['session cookie signature'] = cookie.slice(cookie.lastIndexOf('.') + 1);
  assert.equal((await client.patch('/api/account/profile', { phone })).statusCode, 200);
  assert.equal(
    (await new Client(app).post('/api/auth/sign-in', { email, password: 'wrong-but-close-93' })).statusCode,
    401,
  );
  secrets['wrong password'] = 'wrong-but-close-93';
  assert.equal(
    (
      await new Client(app).post('/api/auth/sign-up', {
        email,
        password: 'attacker-phrase-22',
        displayName: 'Quillfeather Again',
      })
    ).statusCode,
    202,
  );
  assert.equal((await new Client(app).post('/api/auth/forgot-password', { email })).statusCode, 202);
  const reset = tokenFrom(await waitForMail(app, email, /Reset your Souk password/), '/reset-password');
  secrets['reset token'] = reset;
  assert.equal(
    (await new Client(app).post('/api/auth/reset-password', { token: reset, password: newPassword })).statusCode,
    200,
  );
  assert.equal(
    (await new Client(app).post('/api/auth/reset-password', { token: reset, password: newPassword })).statusCode,
    400,
  );
  const again = new Client(app);
  assert.equal((await again.post('/api/auth/sign-in', { email, password: newPassword })).statusCode, 200);
  assert.equal((await again.post('/api/auth/sign-out')).statusCode, 204);
  await waitForMail(app, email, /password was changed/);

  // The log is there and describes the requests …
  assert.match(log, /"path":"\/api\/auth\/sign-in"/);
  assert.match(log, /"statusCode":401/);
  assert.match(log, /\/api\/dev\/mailbox/, 'the mailbox lookups by address are logged, without their query string');
  // … but names nobody and holds no secret.
  const lower = log.toLowerCase();
  for (const [what, value] of Object.entries(secrets)) {
    assert.ok(value.length >= 8, what);
    assert.ok(!lower.includes(value.toLowerCase()), `the log contains the ${what}`);
  }
  assert.ok(!lower.includes(encodeURIComponent(email).toLowerCase()), 'the log contains the URL-encoded email');
  assert.ok(!log.includes('+44'), 'the log contains the phone number');
});
