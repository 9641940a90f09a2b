// Mail keeps up (decision 032): the outbox is delivered over several pooled SMTP connections at
// once, security mail is claimed before any backlog of notifications, failed attempts back off
// without holding up the rest, and no mail goes out twice, even with two processes delivering
// from one outbox. A real SMTP server receives everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { createMailService } from '../src/modules/mail/service.ts';
import { notificationChoiceOf } from '../src/modules/accounts/index.ts';
import { claimDueMail } from '../src/modules/mail/outbox.ts';
import { createSmtpTransport } from '../src/modules/mail/transport.ts';
import { orderMailTemplates } from '../src/modules/orders/mails.ts';
import { mailTemplates } from '../src/modules/mail/templates.ts';
import { Client, STRONG_PASSWORD, createTestApp, pendingCount, waitForEmptyOutbox } from './helpers/app.ts';
import { MailCatcher, decodeQuotedPrintable, header } from './helpers/mail-catcher.ts';

const CONCURRENCY = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` order notifications to distinct addresses, written in one transaction as a burst of orders would. */
async function enqueueNotifications(app: FastifyInstance, prefix: string, count: number): Promise<string[]> {
  const mail = orderMailTemplates.delivered('en', {
    number: 'SK-1001',
    storeName: 'Lantern Goods',
    orderUrl: 'http://souk.test/account/orders',
  });
  return app.souk.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = await app.souk.mail.enqueue(trx, {
        to: `${prefix}-${i}@example.test`,
        userId: null,
        kind: 'order_updates',
        mail,
      });
      ids.push(id!);
    }
    return ids;
  });
}

const messageIdOf = (id: string) => `<${id}@souk.test>`;

test('mail delivery keeps up', async (t) => {
  const smtp = new MailCatcher();
  await smtp.start();
  let log = '';
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      log += chunk.toString('utf8');
      callback();
    },
  });
  const testApp = await createTestApp(
    { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_CONCURRENCY: String(CONCURRENCY), LOG_LEVEL: 'warn' },
    { logStream },
  );
  const { app } = testApp;
  t.after(async () => {
    smtp.release();
    await testApp.close();
    await smtp.stop();
  });

  await t.test(
    `a backlog goes out over ${CONCURRENCY} SMTP connections at once, never more, and most of it stays unclaimed in the outbox`,
    async () => {
      smtp.hold();
      const ids = await enqueueNotifications(app, 'burst', 60);
      try {
        await app.souk.mail.dispatch(ids);
        await smtp.waitUntil(`${CONCURRENCY} mails in flight`, (s) => s.inFlight === CONCURRENCY);
        await sleep(300);
        assert.equal(smtp.inFlight, CONCURRENCY, 'no more mails in flight than MAIL_CONCURRENCY');
        assert.equal(smtp.openConnections, CONCURRENCY, 'each over its own connection');
        // The loop holds the mails in flight and at most four times as many more, ready for the next
        // free connection; the rest stay in the outbox, where a more urgent mail can pass them.
        const claimed = await app.souk.db
          .selectFrom('mail_outbox')
          .select('id')
          .where('id', 'in', ids)
          .where('attempts', '>', 0)
          .execute();
        assert.ok(claimed.length >= CONCURRENCY && claimed.length <= 5 * CONCURRENCY, `${claimed.length} claimed`);
      } finally {
        smtp.release();
      }
      await waitForEmptyOutbox(app);
      for (const id of ids) assert.equal(smtp.withMessageId(messageIdOf(id)).length, 1);
      assert.deepEqual(smtp.duplicates(), []);
      assert.equal(smtp.maxInFlight, CONCURRENCY);
      assert.ok(
        smtp.connections <= CONCURRENCY,
        `60 mails over at most ${CONCURRENCY} pooled connections (opened ${smtp.connections})`,
      );
    },
  );

  await t.test('in the outbox itself, a reset mail queued behind 1,000 notifications is claimed first', async () => {
    // Nothing is dispatched: the rows wait as they would behind a busy or restarting process.
    const notifications = await enqueueNotifications(app, 'backlog', 1000);
    const resetId = await app.souk.mail.enqueue(app.souk.db, {
      to: 'reset-me@example.test',
      userId: null,
      kind: 'account_security',
      mail: mailTemplates.resetPassword('en', { url: 'http://souk.test/reset-password?token=t' }),
    });
    assert.ok(resetId);

    const [first] = await claimDueMail(app.souk.db, 1);
    assert.equal(first?.id, resetId);
    const next = (await claimDueMail(app.souk.db, 2)).map((m) => m.id);
    assert.equal(next.length, 2);
    assert.ok(next.every((id) => notifications.includes(id)));
    // Claimed rows are held: claiming again takes others, never these.
    const after = (await claimDueMail(app.souk.db, 1)).map((m) => m.id);
    assert.equal(after.length, 1);
    assert.ok(notifications.includes(after[0]!) && !next.includes(after[0]!) && after[0] !== resetId);

    // Those four were "taken by a worker that died": let their claims lapse, and deliver everything.
    await sql`update mail_outbox set claimed_until = now() - interval '1 second' where claimed_until is not null and sent_at is null`.execute(
      app.souk.db,
    );
    const received = smtp.received.length;
    assert.equal(await app.souk.mail.sweep(), 1001);
    assert.equal(smtp.received.length - received, 1001);
    assert.deepEqual(smtp.duplicates(), []);
  });

  await t.test(
    'a password reset requested behind a backlog of order mails reaches the person before that backlog',
    async () => {
      const email = 'in-a-hurry@example.test';
      const client = new Client(app);
      assert.equal(
        (await client.post('/api/auth/sign-up', { email, password: STRONG_PASSWORD, displayName: 'Ida Hurry' }))
          .statusCode,
        202,
      );
      const verification = await smtp.waitFor(email, /^Verify your email address$/);
      const token = decodeQuotedPrintable(verification.raw).match(/\/verify-email\?token=([A-Za-z0-9._~%-]+)/)?.[1];
      assert.ok(token);
      assert.equal((await client.post('/api/auth/verify-email', { token: decodeURIComponent(token) })).statusCode, 200);

      smtp.hold();
      const before = smtp.received.length;
      let reset: { id: string };
      try {
        const backlog = await enqueueNotifications(app, 'orders', 200);
        await app.souk.mail.dispatch(backlog);
        await smtp.waitUntil('the first notifications in flight', (s) => s.inFlight === CONCURRENCY);
        assert.equal((await new Client(app).post('/api/auth/forgot-password', { email })).statusCode, 202);
        // The reset is made right after the answer (the answer must not wait for it: docs/security.md).
        const resetRow = () =>
          app.souk.db
            .selectFrom('mail_outbox')
            .select(['id', 'attempts', 'sent_at'])
            .where('to_address', '=', email)
            .where('subject', '=', 'Reset your Souk password')
            .executeTakeFirst();
        const deadline = Date.now() + 5000;
        while (((await resetRow())?.attempts ?? 0) === 0 && Date.now() < deadline) await sleep(20);
        const row = await resetRow();
        assert.ok(row, 'the reset mail was queued');
        assert.deepEqual([row.attempts, row.sent_at], [1, null], 'claimed at once, though every connection is busy');
        assert.equal(smtp.inFlight, CONCURRENCY);
        assert.equal(await pendingCount(app), 201);
        reset = row;
      } finally {
        smtp.release();
      }
      await smtp.waitFor(email, /^Reset your Souk password$/);
      const position = smtp.received
        .slice(before)
        .findIndex((m) => header(m.raw, 'message-id') === messageIdOf(reset.id));
      // Claimed as soon as it was committed, ahead of what already waited for a connection: only the
      // mails that were in flight went before it. Oldest first, it would have been 201st.
      assert.ok(position <= CONCURRENCY, `the reset mail arrived ${position + 1}th`);
      await waitForEmptyOutbox(app);
      assert.equal(smtp.received.length - before, 201);
      assert.deepEqual(smtp.duplicates(), []);
    },
  );

  await t.test(
    'a refused recipient backs off and is retried later, while the rest of the backlog goes out',
    async () => {
      smtp.refuse = (address) => address.startsWith('bounce-');
      try {
        const ok = await enqueueNotifications(app, 'fine', 9);
        const refused = await enqueueNotifications(app, 'bounce', 3);
        await app.souk.mail.dispatch([...refused, ...ok]);
        const failedRows = () =>
          app.souk.db
            .selectFrom('mail_outbox')
            .select(['id', 'attempts', 'sent_at', 'last_error'])
            .where('id', 'in', refused)
            .where('last_error', 'is not', null)
            .execute();
        await smtp.waitUntil('the other mails', (s) => ok.every((id) => s.withMessageId(messageIdOf(id)).length === 1));
        const deadline = Date.now() + 10_000;
        while ((await failedRows()).length < 3 && Date.now() < deadline) await sleep(50);
        const failed = await failedRows();
        assert.equal(failed.length, 3);
        for (const row of failed) {
          assert.equal(row.sent_at, null);
          assert.equal(row.attempts, 1);
          assert.match(row.last_error ?? '', /451/);
        }
        assert.equal(await app.souk.mail.sweep(), 0, 'the back-off holds them');
        for (const id of refused) assert.deepEqual(smtp.withMessageId(messageIdOf(id)), []);
        // The operator learns which mail failed and why, by id and code; never to whom.
        const failures = log.split('\n').filter((line) => line.includes('mail delivery failed'));
        assert.equal(failures.length, 3);
        for (const id of refused)
          assert.ok(failures.some((line) => line.includes(id) && line.includes('"responseCode":451')));
        assert.ok(!log.includes('bounce-'), 'the log names no recipient');

        smtp.refuse = () => false;
        await sql`update mail_outbox set claimed_until = now() - interval '1 second' where id in (${sql.join(refused)})`.execute(
          app.souk.db,
        );
        assert.equal(await app.souk.mail.sweep(), 3);
        for (const id of refused) assert.equal(smtp.withMessageId(messageIdOf(id)).length, 1);
        const retried = await app.souk.db
          .selectFrom('mail_outbox')
          .select(['attempts', 'sent_at', 'last_error'])
          .where('id', 'in', refused)
          .execute();
        assert.deepEqual(
          retried.map((r) => [r.attempts, r.sent_at !== null, r.last_error]),
          [
            [2, true, null],
            [2, true, null],
            [2, true, null],
          ],
        );
        assert.deepEqual(smtp.duplicates(), []);
      } finally {
        smtp.refuse = () => false;
      }
    },
  );

  await t.test(
    'a mail claimed by a worker that died is not taken before its claim runs out, then goes once',
    async () => {
      const [id] = await enqueueNotifications(app, 'orphan', 1);
      // Another process claimed it (attempt 1) and died before sending.
      await sql`update mail_outbox set claimed_until = now() + interval '2 minutes', attempts = 1 where id = ${id!}`.execute(
        app.souk.db,
      );
      assert.equal(await app.souk.mail.sweep(), 0);
      assert.equal(await app.souk.mail.deliver(id!), 'skipped');
      assert.deepEqual(smtp.withMessageId(messageIdOf(id!)), []);
      await sql`update mail_outbox set claimed_until = now() - interval '1 second' where id = ${id!}`.execute(
        app.souk.db,
      );
      assert.equal(await app.souk.mail.sweep(), 1);
      assert.equal(smtp.withMessageId(messageIdOf(id!)).length, 1, 'the same Message-ID, once');
    },
  );

  await t.test('two processes delivering from one outbox never send the same mail', async () => {
    const transport = await createSmtpTransport(`smtp://127.0.0.1:${smtp.port}`, 'souk.test', {
      maxConnections: CONCURRENCY,
      maxMessages: 100,
    });
    const other = createMailService({
      db: app.souk.db,
      transport,
      from: app.souk.config.mailFrom,
      concurrency: CONCURRENCY,
      background: true,
      log: { warn: () => {}, error: (fields) => assert.fail(`the other process failed: ${String(fields.err)}`) },
      notificationChoiceOf,
    });
    try {
      const ids = await enqueueNotifications(app, 'shared', 300);
      const before = smtp.received.length;
      const [mine, theirs] = await Promise.all([app.souk.mail.sweep(), other.sweep()]);
      assert.equal(mine + theirs, 300);
      assert.ok(mine > 0 && theirs > 0, `both delivered (${mine} and ${theirs})`);
      assert.equal(smtp.received.length - before, 300);
      for (const id of ids) assert.equal(smtp.withMessageId(messageIdOf(id)).length, 1);
      assert.deepEqual(smtp.duplicates(), []);
      assert.equal(await pendingCount(app), 0);
    } finally {
      await other.stop();
      transport.close();
    }
  });
});
