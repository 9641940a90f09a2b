// Deleting one's own account through the API: the consequences with real numbers, blockers,
// identity checks, immediate deactivation, the receipt, "This wasn't me", and the data export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Client, createTestApp, mailsTo, signUpAndSignIn, STRONG_PASSWORD, tokenFrom, waitForMail } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';

const EMAIL = 'leila.mansour@example.com';
const CARD = { number: '4242424242424242', expMonth: 10, expYear: 2033, cvc: '123' };

test('account deletion: the person’s path', async (t) => {
  const { app, close } = await createTestApp({}, { rateLimits: true });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Fes Leather', [{ country: 'FR', cost_minor: 500, min_days: 2, max_days: 5 }]);
  const bag = await createFixtureProduct(db, store, { title: 'Leather Bag', price: 9000, stock: 10 });
  const seller = await signUpAndSignIn(app, 'fes@example.com', undefined, 'Fes Seller');
  await db.updateTable('stores').set({ owner_user_id: (await db.selectFrom('users').select('id').where('email', '=', 'fes@example.com').executeTakeFirstOrThrow()).id }).where('id', '=', store.storeId).execute();

  const person = await signUpAndSignIn(app, EMAIL, undefined, 'Leila');
  const userId = (await db.selectFrom('users').select('id').where('email', '=', EMAIL).executeTakeFirstOrThrow()).id;
  const buy = async () => {
    await person.post('/api/cart/lines', { productId: bag, quantity: 1 });
    const res = await person.post('/api/checkout', {
      idempotencyKey: randomUUID(), address: { fullName: 'Leila Mansour', line1: '8 Rue Oberkampf', city: 'Paris', country: 'FR', save: true },
      card: { ...CARD, save: true }, expectedTotal: { amount: 9500, currency: 'USD' },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().orders[0] as { id: string; number: string };
  };
  const order = await buy();
  const snapshot = async () => ({
    status: (await db.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirstOrThrow()).status,
    requests: Number((await db.selectFrom('deletion_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    feedback: Number((await db.selectFrom('leaving_feedback').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    sessions: Number((await db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()).n),
  });

  await t.test('the preview names what is erased, what is kept, and what blocks', async () => {
    const res = await person.get('/api/account/deletion');
    assert.equal(res.statusCode, 200);
    const preview = res.json();
    assert.deepEqual(preview.erased, { savedCards: 1, addresses: 1, store: null });
    assert.deepEqual(preview.keptOrders.map((o: { number: string; trackingNumber: string | null }) => [o.number, o.trackingNumber]), [[order.number, null]]);
    assert.equal(preview.retentionYears, 10);
    assert.deepEqual(preview.blockers.map((b: { kind: string; url: string }) => [b.kind, b.url]), [['order', `/account/orders/${order.id}`]]);
    assert.equal(preview.passwordRequired, false, 'a session younger than 10 minutes may skip the password');
    assert.equal(preview.reasons.length, 6);
    assert.equal((await new Client(app).get('/api/account/deletion')).statusCode, 401);
  });

  await t.test('refused requests change nothing', async () => {
    const before = await snapshot();
    const blocked = await person.post('/api/account/deletion', { confirmEmail: EMAIL });
    assert.equal(blocked.statusCode, 409);
    assert.equal(blocked.json().error.code, 'DELETION_BLOCKED');
    assert.match(blocked.json().error.details[0].message, new RegExp(order.number));
    assert.equal((await seller.post(`/api/seller/orders/${order.id}/ship`, { carrier: 'DHL', trackingNumber: 'DHL-LEILA-01' })).statusCode, 200);
    const cases: Array<[Record<string, unknown> | string, number, string, Record<string, string>?]> = [
      [{ confirmEmail: 'someone.else@example.com' }, 400, 'CONFIRM_EMAIL_MISMATCH'],
      [{ confirmEmail: EMAIL, reason: 'bored' }, 400, 'VALIDATION_FAILED'],
      [{ confirmEmail: EMAIL, comment: 'x'.repeat(2001) }, 400, 'VALIDATION_FAILED'],
      [{ confirmEmail: EMAIL, userId: 'other' }, 400, 'VALIDATION_FAILED'],
      [{}, 400, 'VALIDATION_FAILED'],
      ['{"confirmEmail":', 400, 'MALFORMED_JSON'],
      [{ confirmEmail: EMAIL }, 403, 'CSRF_REJECTED', { origin: 'https://evil.example' }],
    ];
    for (const [body, status, code, headers] of cases) {
      const res = await person.post('/api/account/deletion', body, headers);
      assert.equal(res.statusCode, status, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json().error.code, code);
    }
    assert.equal((await new Client(app).post('/api/account/deletion', { confirmEmail: EMAIL })).statusCode, 401);
    // An older session must type the password.
    await db.updateTable('sessions').set({ created_at: sql<Date>`now() - interval '11 minutes'` } as never).where('user_id', '=', userId).execute();
    assert.equal((await person.get('/api/account/deletion')).json().passwordRequired, true);
    assert.equal((await person.post('/api/account/deletion', { confirmEmail: EMAIL })).json().error.code, 'INVALID_PASSWORD');
    assert.equal((await person.post('/api/account/deletion', { confirmEmail: EMAIL, password: 'not-my-password-1' })).json().error.code, 'INVALID_PASSWORD');
    assert.deepEqual(await snapshot(), before);
  });

  let reference = '';
  await t.test('"Deactivate my account": signed out everywhere, sign-in fails, a receipt with the reference', async () => {
    const otherDevice = await (async () => {
      const c = new Client(app);
      assert.equal((await c.post('/api/auth/sign-in', { email: EMAIL, password: STRONG_PASSWORD })).statusCode, 200);
      return c;
    })();
    const res = await person.post('/api/account/deletion', { confirmEmail: ' LEILA.Mansour@example.com ', password: STRONG_PASSWORD, reason: 'data_worries', comment: 'Too many mails.' });
    assert.equal(res.statusCode, 202, res.body);
    reference = res.json().reference;
    assert.match(reference, /^DEL-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const due = new Date(res.json().dueAt).getTime();
    assert.ok(Math.abs(due - (Date.now() + 30 * 86400_000)) < 60_000);
    assert.equal((await person.get('/api/me')).statusCode, 401);
    assert.equal((await otherDevice.get('/api/me')).statusCode, 401, 'every session ended');
    const signIn = await new Client(app).post('/api/auth/sign-in', { email: EMAIL, password: STRONG_PASSWORD });
    assert.equal(signIn.statusCode, 401);
    assert.equal(signIn.json().error.code, 'INVALID_CREDENTIALS', 'the same neutral answer as a wrong password');
    const mail = await waitForMail(app, EMAIL, /We received your request to delete your Souk account/);
    assert.ok(mail.text.includes(reference));
    const feedback = await db.selectFrom('leaving_feedback').selectAll().execute();
    assert.deepEqual(feedback.map((f) => [f.reason, f.comment]), [['data_worries', 'Too many mails.']]);
    assert.deepEqual(Object.keys(feedback[0]!).sort(), ['comment', 'id', 'reason', 'week'], 'no link to any person');
  });

  await t.test('notifications stop: a later shipping update sends nothing', async () => {
    const before = (await mailsTo(app, EMAIL)).length;
    await seller.post(`/api/seller/orders/${order.id}/tracking`, { status: 'delivered' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await mailsTo(app, EMAIL)).length, before);
  });

  await t.test('"This wasn\'t me" cancels once, reactivates and forces a new password', async () => {
    const mail = await waitForMail(app, EMAIL, /We received your request/);
    const token = tokenFrom(mail, '/account/deletion/not-me');
    assert.equal((await new Client(app).post('/api/account/deletion/cancel', { token: 'forged-token-forged-token' })).json().error.code, 'TOKEN_INVALID');
    const res = await new Client(app).post('/api/account/deletion/cancel', { token });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await new Client(app).post('/api/account/deletion/cancel', { token })).json().error.code, 'TOKEN_INVALID', 'the link works once');
    assert.equal((await db.selectFrom('deletion_requests').select('status').where('reference', '=', reference).executeTakeFirstOrThrow()).status, 'cancelled');
    assert.equal((await new Client(app).post('/api/auth/sign-in', { email: EMAIL, password: STRONG_PASSWORD })).statusCode, 401, 'the old password no longer works');
    const reset = await waitForMail(app, EMAIL, /Reset your Souk password/);
    const newPassword = 'quince-orchard-lantern-8';
    assert.equal((await new Client(app).post('/api/auth/reset-password', { token: tokenFrom(reset, '/reset-password'), password: newPassword })).statusCode, 200);
    assert.equal((await new Client(app).post('/api/auth/sign-in', { email: EMAIL, password: newPassword })).statusCode, 200);
  });

  await t.test('"Download your data" holds everything and no secret', async () => {
    const me = new Client(app);
    await me.post('/api/auth/sign-in', { email: EMAIL, password: 'quince-orchard-lantern-8' });
    const res = await me.get('/api/account/export');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="souk-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = res.json();
    assert.equal(data.profile.email, EMAIL);
    assert.equal(data.addresses[0].line1, '8 Rue Oberkampf');
    assert.equal(data.savedCards[0].last4, '4242');
    assert.equal(data.orders[0].number, order.number);
    assert.equal(data.orders[0].shipment.trackingNumber, 'DHL-LEILA-01');
    const secrets = await db.selectFrom('payment_methods').select('provider_token').execute();
    for (const s of secrets) assert.ok(!res.body.includes(s.provider_token));
    assert.ok(!res.body.includes('$argon2'), 'no password hash');
    assert.equal((await new Client(app).get('/api/account/export')).statusCode, 401);
  });
});
