// Mail sent to the new address of an email change carries no user id: the pending request is what
// ties it to the person, and what erasure finds it through. So when a request ends without being
// confirmed (replaced by a newer one, or expired and swept), its mail goes with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { runHousekeeping } from '../src/housekeeping.ts';
import {
  STRONG_PASSWORD,
  createTestApp,
  forgetRateLimits,
  mailsTo,
  signUpAndSignIn,
  waitForMail,
} from './helpers/app.ts';

const outboxTo = async (app: FastifyInstance, address: string) =>
  (await app.souk.db.selectFrom('mail_outbox').select('id').where('to_address', '=', address).execute()).length;

test('email change mail', async (t) => {
  const testApp = await createTestApp();
  const { app } = testApp;
  t.after(testApp.close);
  t.beforeEach(() => forgetRateLimits(app));

  await t.test('a replaced request takes the mail to its address with it', async () => {
    const client = await signUpAndSignIn(app, 'replace-me@example.test');
    assert.equal(
      (
        await client.post('/api/account/email', {
          newEmail: 'first-choice@example.test',
          currentPassword: STRONG_PASSWORD,
        })
      ).statusCode,
      202,
    );
    await waitForMail(app, 'first-choice@example.test', /^Confirm your new email address$/);
    assert.equal(
      (
        await client.post('/api/account/email', {
          newEmail: 'second-choice@example.test',
          currentPassword: STRONG_PASSWORD,
        })
      ).statusCode,
      202,
    );
    await waitForMail(app, 'second-choice@example.test', /^Confirm your new email address$/);
    assert.equal(await outboxTo(app, 'first-choice@example.test'), 0);
    assert.deepEqual(await mailsTo(app, 'first-choice@example.test'), []);
    assert.equal(await outboxTo(app, 'second-choice@example.test'), 1);
  });

  await t.test('an expired request swept by housekeeping takes its mail with it, and only its own', async () => {
    const client = await signUpAndSignIn(app, 'expire-me@example.test');
    const keeper = await signUpAndSignIn(app, 'keep-mine@example.test');
    assert.equal(
      (await client.post('/api/account/email', { newEmail: 'too-late@example.test', currentPassword: STRONG_PASSWORD }))
        .statusCode,
      202,
    );
    assert.equal(
      (
        await keeper.post('/api/account/email', {
          newEmail: 'still-pending@example.test',
          currentPassword: STRONG_PASSWORD,
        })
      ).statusCode,
      202,
    );
    await waitForMail(app, 'too-late@example.test', /^Confirm your new email address$/);
    await waitForMail(app, 'still-pending@example.test', /^Confirm your new email address$/);
    const { id } = (await client.get('/api/me')).json() as { id: string };
    await app.souk.db
      .updateTable('email_change_requests')
      .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
      .where('user_id', '=', id)
      .execute();

    await runHousekeeping(app.souk);
    assert.equal(await outboxTo(app, 'too-late@example.test'), 0);
    assert.deepEqual(await mailsTo(app, 'too-late@example.test'), []);
    assert.equal(await outboxTo(app, 'still-pending@example.test'), 1, 'a pending request keeps its mail');
    assert.equal((await mailsTo(app, 'still-pending@example.test')).length, 1);
    assert.equal(
      (await mailsTo(app, 'keep-mine@example.test')).length > 0,
      true,
      "the other account's own mail is untouched",
    );
  });
});
