// Deleting one's own account through the API: the consequences with real numbers, blockers,
// identity checks, immediate deactivation, the receipt, "This wasn't me", and the data export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  Client,
  createTestApp,
  finalMailsOf,
  mailsTo,
  signIn,
  signUpAndSignIn,
  STRONG_PASSWORD,
  tokenFrom,
  waitForFinalMail,
  waitForMail,
} from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { assertBlockerWordedAsServer } from './helpers/blocker-wording.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';

const EMAIL = 'leila.mansour@example.com';
const CARD = { number: '4242424242424242', expMonth: 10, expYear: 2033, cvc: '123' };

test('account deletion: the person’s path', async (t) => {
  const { app, close } = await createTestApp({}, { rateLimits: true });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Fes Leather', [
    { country: 'FR', cost_minor: 500, min_days: 2, max_days: 5 },
  ]);
  const bag = await createFixtureProduct(db, store, { title: 'Leather Bag', price: 9000, stock: 10 });
  const seller = await signUpAndSignIn(app, 'fes@example.com', undefined, 'Fes Seller');
  await db
    .updateTable('stores')
    .set({
      owner_user_id: (
        await db.selectFrom('users').select('id').where('email', '=', 'fes@example.com').executeTakeFirstOrThrow()
      ).id,
    })
    .where('id', '=', store.storeId)
    .execute();

  const person = await signUpAndSignIn(app, EMAIL, undefined, 'Leila');
  const userId = (await db.selectFrom('users').select('id').where('email', '=', EMAIL).executeTakeFirstOrThrow()).id;
  const buy = async () => {
    await person.post('/api/cart/lines', { productId: bag, quantity: 1 });
    const res = await person.post('/api/checkout', {
      idempotencyKey: randomUUID(),
      address: { fullName: 'Leila Mansour', line1: '8 Rue Oberkampf', city: 'Paris', country: 'FR', save: true },
      card: { ...CARD, save: true },
      expectedTotal: { amount: 9500, currency: 'USD' },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().orders[0] as { id: string; number: string };
  };
  const order = await buy();
  const snapshot = async () => ({
    status: (await db.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirstOrThrow()).status,
    requests: Number(
      (
        await db
          .selectFrom('deletion_requests')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    feedback: Number(
      (
        await db
          .selectFrom('leaving_feedback')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    sessions: Number(
      (
        await db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  await t.test('the preview names what is erased, what is kept, and what blocks', async () => {
    const res = await person.get('/api/account/deletion');
    assert.equal(res.statusCode, 200);
    const preview = res.json();
    assert.deepEqual(preview.erased, {
      posts: { reviews: 0, questions: 0, answers: 0, photos: 0 },
      messages: 0,
      savedCards: 1,
      addresses: 1,
      store: null,
    });
    assert.deepEqual(
      preview.keptOrders.map((o: { number: string; trackingNumber: string | null }) => [o.number, o.trackingNumber]),
      [[order.number, null]],
    );
    assert.equal(preview.retentionYears, 10);
    assert.deepEqual(
      preview.blockers.map((b: { kind: string; url: string }) => [b.kind, b.url]),
      [['order', `/account/orders/${order.id}`]],
    );
    assert.equal(preview.blockers[0].code, 'order_paid');
    assert.deepEqual(preview.blockers[0].params, { number: order.number });
    assertBlockerWordedAsServer(preview.blockers[0]);
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
    assert.equal(
      (await seller.post(`/api/seller/orders/${order.id}/ship`, { carrier: 'DHL', trackingNumber: 'DHL-LEILA-01' }))
        .statusCode,
      200,
    );
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
    // A fresh session may leave the password out, but a wrong one is never taken.
    assert.equal(
      (await person.post('/api/account/deletion', { confirmEmail: EMAIL, password: 'not-my-password-1' })).json().error
        .code,
      'INVALID_PASSWORD',
    );
    // An older session must type the password.
    await db
      .updateTable('sessions')
      .set({ created_at: sql<Date>`now() - interval '11 minutes'` } as never)
      .where('user_id', '=', userId)
      .execute();
    assert.equal((await person.get('/api/account/deletion')).json().passwordRequired, true);
    assert.equal(
      (await person.post('/api/account/deletion', { confirmEmail: EMAIL })).json().error.code,
      'INVALID_PASSWORD',
    );
    assert.equal(
      (await person.post('/api/account/deletion', { confirmEmail: EMAIL, password: 'not-my-password-1' })).json().error
        .code,
      'INVALID_PASSWORD',
    );
    assert.deepEqual(await snapshot(), before);
  });

  let reference = '';
  await t.test(
    '"Deactivate my account": signed out everywhere, sign-in fails, a receipt with the reference',
    async () => {
      const otherDevice = await (async () => {
        const c = new Client(app);
        assert.equal((await c.post('/api/auth/sign-in', { email: EMAIL, password: STRONG_PASSWORD })).statusCode, 200);
        return c;
      })();
      const res = await person.post('/api/account/deletion', {
        confirmEmail: ' LEILA.Mansour@example.com ',
        password: STRONG_PASSWORD,
        reason: 'data_worries',
        comment: 'Too many mails.',
      });
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
      assert.deepEqual(
        feedback.map((f) => [f.reason, f.comment]),
        [['data_worries', 'Too many mails.']],
      );
      assert.deepEqual(Object.keys(feedback[0]!).sort(), ['comment', 'id', 'reason', 'week'], 'no link to any person');
    },
  );

  await t.test('notifications stop: a later shipping update sends nothing', async () => {
    const before = (await mailsTo(app, EMAIL)).length;
    await seller.post(`/api/seller/orders/${order.id}/tracking`, { status: 'delivered' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await mailsTo(app, EMAIL)).length, before);
  });

  await t.test('"This wasn\'t me" cancels once, reactivates and forces a new password', async () => {
    const mail = await waitForMail(app, EMAIL, /We received your request/);
    const token = tokenFrom(mail, '/account/deletion/not-me');
    assert.equal(
      (await new Client(app).post('/api/account/deletion/cancel', { token: 'forged-token-forged-token' })).json().error
        .code,
      'TOKEN_INVALID',
    );
    const res = await new Client(app).post('/api/account/deletion/cancel', { token });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(
      (await new Client(app).post('/api/account/deletion/cancel', { token })).json().error.code,
      'TOKEN_INVALID',
      'the link works once',
    );
    assert.equal(
      (
        await db
          .selectFrom('deletion_requests')
          .select('status')
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow()
      ).status,
      'cancelled',
    );
    assert.equal(
      (await new Client(app).post('/api/auth/sign-in', { email: EMAIL, password: STRONG_PASSWORD })).statusCode,
      401,
      'the old password no longer works',
    );
    const reset = await waitForMail(app, EMAIL, /Reset your Souk password/);
    const newPassword = 'quince-orchard-lantern-8';
    assert.equal(
      (
        await new Client(app).post('/api/auth/reset-password', {
          token: tokenFrom(reset, '/reset-password'),
          password: newPassword,
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (await new Client(app).post('/api/auth/sign-in', { email: EMAIL, password: newPassword })).statusCode,
      200,
    );
  });

  await t.test('"Download your data" holds everything and no secret', async () => {
    const me = new Client(app);
    await me.post('/api/auth/sign-in', { email: EMAIL, password: 'quince-orchard-lantern-8' });
    // Posts, a conversation with both sides, a support ticket: in the export too.
    assert.equal(
      (await me.post(`/api/products/${bag}/questions`, { body: 'Is the strap adjustable? LEILA-Q' })).statusCode,
      201,
    );
    const started = await me.post('/api/conversations', { productId: bag, body: 'LEILA-MSG is it real leather?' });
    assert.equal(started.statusCode, 201, started.body);
    const conversationId = started.json().conversation.id as string;
    assert.equal(
      (await seller.post(`/api/seller/conversations/${conversationId}/messages`, { body: 'Yes, full grain.' }))
        .statusCode,
      201,
    );
    const ticket = await me.post('/api/support/tickets', {
      category: 'other',
      subject: 'LEILA-TICKET parcel',
      body: 'Where is my parcel?',
    });
    assert.equal(ticket.statusCode, 201, ticket.body);
    const res = await me.get('/api/account/export');
    assert.equal(res.statusCode, 200);
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="souk-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const data = res.json();
    assert.equal(data.profile.email, EMAIL);
    assert.equal(data.addresses[0].line1, '8 Rue Oberkampf');
    assert.equal(data.savedCards[0].last4, '4242');
    assert.equal(data.orders[0].number, order.number);
    assert.equal(data.orders[0].shipment.trackingNumber, 'DHL-LEILA-01');
    assert.deepEqual(
      data.posts.questions.map((q: { body: string; product_title: string }) => [q.body, q.product_title]),
      [['Is the strap adjustable? LEILA-Q', 'Leather Bag']],
    );
    assert.deepEqual(
      data.conversations.map(
        (c: { id: string; store_name: string; messages: Array<{ sender_side: string; body: string }> }) => [
          c.id,
          c.store_name,
          c.messages.map((m) => [m.sender_side, m.body]),
        ],
      ),
      [
        [
          conversationId,
          'Fes Leather',
          [
            ['buyer', 'LEILA-MSG is it real leather?'],
            ['store', 'Yes, full grain.'],
          ],
        ],
      ],
    );
    assert.deepEqual(
      data.supportTickets.map((t: { subject: string; messages: Array<{ body: string }> }) => [
        t.subject,
        t.messages.map((m) => m.body),
      ]),
      [['LEILA-TICKET parcel', ['Where is my parcel?']]],
    );
    const secrets = await db.selectFrom('payment_methods').select('provider_token').execute();
    for (const s of secrets) assert.ok(!res.body.includes(s.provider_token));
    assert.ok(!res.body.includes('$argon2'), 'no password hash');
    assert.equal((await new Client(app).get('/api/account/export')).statusCode, 401);
  });
});

test('account deletion: processing erases, proves it, and mails once', async (t) => {
  const { app, close } = await createTestApp({ DELETION_WAIT_HOURS: '0' }, { rateLimits: false });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Tangier Tiles', [
    { country: 'ES', cost_minor: 0, min_days: 2, max_days: 4 },
  ]);
  const tile = await createFixtureProduct(db, store, { title: 'Zellige Tile Set', price: 3000, stock: 10 });
  const seller = await signUpAndSignIn(app, 'tiles@example.com', undefined, 'Tile Seller');
  await db
    .updateTable('stores')
    .set({
      owner_user_id: (
        await db.selectFrom('users').select('id').where('email', '=', 'tiles@example.com').executeTakeFirstOrThrow()
      ).id,
    })
    .where('id', '=', store.storeId)
    .execute();
  const { processDeletion, processDueDeletions } = await import('../src/modules/deletion/process.ts');
  const { scanForLeftovers } = await import('./helpers/substring-scan.ts');

  const email = 'omar.fassi@example.com';
  const person = await signUpAndSignIn(app, email, undefined, 'Omar Fassi');
  const userId = (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  await person.post('/api/cart/lines', { productId: tile, quantity: 1 });
  const placed = await person.post('/api/checkout', {
    idempotencyKey: randomUUID(),
    address: {
      fullName: 'Omar Fassi',
      line1: '21 Calle Zurbarán',
      city: 'Sevilla',
      country: 'ES',
      phone: '+34 600 123 456',
      save: true,
    },
    card: { ...CARD, save: true },
    expectedTotal: { amount: 3000, currency: 'USD' },
  });
  const orderId = placed.json().orders[0].id as string;
  await seller.post(`/api/seller/orders/${orderId}/ship`, { carrier: 'Correos', trackingNumber: 'CORREOS-55501' });

  // The seller's store page quotes the person's address: another account's text, in a column no
  // erasure covers (unlike posts and messages, whose quotes are removed on their own).
  await db
    .updateTable('stores')
    .set({ description: `Wholesale orders via ${email.toUpperCase()} or the shop.` })
    .where('id', '=', store.storeId)
    .execute();
  await signUpAndSignIn(app, 'deletions.staff@souk.example', undefined, 'Staff');
  const { grantRole } = await import('../src/modules/roles/service.ts');
  await grantRole(db, 'deletions.staff@souk.example', 'staff');
  const staff = await signIn(app, 'deletions.staff@souk.example');

  await t.test('an exact identifier no erasure covers parks the request with a masked finding', async () => {
    const res = await person.post('/api/account/deletion', {
      confirmEmail: email,
      reason: 'other',
      comment: `Please also forget ${email}.`,
    });
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(await processDueDeletions(app.souk), 0);
    const request = await db
      .selectFrom('deletion_requests')
      .select(['id', 'status', 'attention', 'certificate'])
      .executeTakeFirstOrThrow();
    assert.equal(request.status, 'needs_attention');
    assert.equal(request.attention, '1 finding to resolve, in stores.description.');
    assert.equal(request.certificate, null);
    assert.equal(
      await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst(),
      undefined,
      'the erasure itself ran; only the proof is missing',
    );
    assert.equal(
      (await db.selectFrom('leaving_feedback').select('comment').executeTakeFirstOrThrow()).comment,
      'Please also forget [removed].',
      'their own words quoting their address lose it without anyone having to look',
    );
    const { identifiers } = await db
      .selectFrom('deletion_requests')
      .select('identifiers')
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      identifiers?.map((i) => i.kind),
      ['user id', 'email', 'phone', 'phone', 'token'],
      'id, address, phone as written and as E.164, the rate-limit key: kept until the request completes',
    );
    assert.ok(
      !(await mailsTo(app, email)).some((m) => /has been deleted/.test(m.subject)),
      'no "deleted" mail while it is not clean',
    );

    const shown = (await staff.get(`/api/admin/deletions/${request.id}`)).json();
    assert.equal(shown.findings.length, 1);
    const [finding] = shown.findings;
    assert.deepEqual(
      [finding.table, finding.column, finding.identifier, finding.status],
      ['stores', 'description', 'email', 'open'],
    );
    assert.equal(finding.rowKey, JSON.stringify([store.storeId]));
    assert.match(finding.excerpt, /^Wholesale orders via o•••@e•••\.com or the shop\.$/);
    assert.ok(!JSON.stringify(shown).toLowerCase().includes(email), 'staff see where, never the address itself');

    // A dismissal needs a reason; a refused one changes nothing.
    for (const reason of ['', '   ']) {
      const refused = await staff.post(`/api/admin/deletions/${request.id}/findings/${finding.id}/dismiss`, { reason });
      assert.equal(refused.statusCode, 400);
      assert.equal(refused.json().error.code, 'REASON_REQUIRED');
    }
    assert.equal(
      (await staff.post(`/api/admin/deletions/${request.id}/findings/${finding.id}/dismiss`, {})).statusCode,
      400,
    );
    assert.equal((await db.selectFrom('deletion_findings').select('status').executeTakeFirstOrThrow()).status, 'open');

    const erased = await staff.post(`/api/admin/deletions/${request.id}/findings/${finding.id}/erase`);
    assert.equal(erased.statusCode, 200, erased.body);
    assert.equal(erased.json().findings[0].status, 'erased');
    assert.equal(
      (await db.selectFrom('stores').select('description').where('id', '=', store.storeId).executeTakeFirstOrThrow())
        .description,
      'Wholesale orders via [removed] or the shop.',
    );
    const again = await staff.post(`/api/admin/deletions/${request.id}/findings/${finding.id}/erase`);
    assert.equal(again.statusCode, 409, 'a resolved finding is resolved once');
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'subject', 'detail'])
      .where('action', 'like', 'deletion.finding.%')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['deletion.finding.erase'],
    );
    assert.ok(!JSON.stringify(audit).includes(email));

    // Two workers at once (the due job and staff, say): one processes it, the other stands aside.
    const outcomes = await Promise.all([processDeletion(app.souk, request.id), processDeletion(app.souk, request.id)]);
    assert.deepEqual(outcomes.sort(), ['completed', 'skipped']);
  });

  await t.test('completed: certificate, final mail once, nothing left, tracking works, the email is free', async () => {
    const request = await db.selectFrom('deletion_requests').selectAll().executeTakeFirstOrThrow();
    assert.equal(request.status, 'completed');
    assert.equal(request.user_id, null);
    const certificate = request.certificate!;
    assert.equal(certificate.reference, request.reference);
    assert.equal(certificate.scan.clean, true);
    assert.equal(certificate.scan.identifiersChecked, 5, 'id, email, phone twice, rate-limit key');
    assert.deepEqual(certificate.redacted, [{ table: 'leaving_feedback', column: 'comment', values: 1 }]);
    assert.equal(certificate.erasedByStaff, 1);
    const owned = Object.fromEntries((certificate.ownership ?? []).map((o) => [o.table, o]));
    assert.deepEqual(owned.users, { table: 'users', recorded: 1, gone: 1, anonymised: 0 });
    assert.deepEqual(owned.orders, { table: 'orders', recorded: 1, gone: 0, anonymised: 1 });
    assert.equal(owned.addresses?.gone, 1);
    assert.equal(owned.payment_methods?.gone, 1);
    assert.equal(
      await db.selectFrom('erasure_owned_rows').select('request_id').executeTakeFirst(),
      undefined,
      'the ownership record goes with completion',
    );
    assert.equal(request.identifiers, null, 'so do the identifiers');
    assert.equal(await db.selectFrom('deletion_findings').select('id').executeTakeFirst(), undefined);
    const rowsOf = Object.fromEntries(certificate.rows.map((r) => [r.table, r.rows]));
    assert.equal(rowsOf.users, 1);
    assert.equal(rowsOf.orders, 1);
    assert.ok(
      !JSON.stringify(certificate).includes(email) && !JSON.stringify(certificate).includes(userId),
      'the certificate holds nothing personal',
    );
    const final = await waitForFinalMail(app, request.reference);
    assert.ok(final.text.includes(request.reference));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await finalMailsOf(app, request.reference)).length, 1);
    assert.equal(
      (await db.selectFrom('mail_outbox').select('id').where(sql`lower(to_address)`, '=', email).execute()).length,
      0,
      'Souk forgets the address once the final mail is out',
    );
    assert.equal(
      (await db.selectFrom('dev_mailbox').select('id').where(sql`lower(to_address)`, '=', email).execute()).length,
      0,
      'its own mailbox keeps no copy with the address',
    );
    assert.equal(
      await processDeletion(app.souk, request.id),
      'skipped',
      'a completed request is never processed twice',
    );
    const leftovers = await scanForLeftovers(
      db,
      [userId, email, 'Omar Fassi', '21 Calle Zurbarán', '+34 600 123 456'],
      { tables: ['public.dev_mailbox'] },
    );
    assert.deepEqual(leftovers, []);
    assert.equal((await new Client(app).get('/api/track/CORREOS-55501')).statusCode, 200);
    const again = await signUpAndSignIn(app, email, undefined, 'Omar Again');
    assert.deepEqual((await again.get('/api/orders')).json().items, []);
  });
});

test('account deletion: management', async (t) => {
  const { app, close } = await createTestApp({ DELETION_WAIT_HOURS: '72' }, { rateLimits: false });
  t.after(close);
  const db = app.souk.db;
  const { grantRole } = await import('../src/modules/roles/service.ts');
  const staff = await signUpAndSignIn(app, 'manager@souk.example', undefined, 'Manager');
  const support = await signUpAndSignIn(app, 'agent@souk.example', undefined, 'Agent');
  await grantRole(db, 'manager@souk.example', 'staff');
  await grantRole(db, 'agent@souk.example', 'support');
  const leave = async (email: string, reason?: string, comment?: string) => {
    const person = await signUpAndSignIn(app, email, undefined, `Leaver ${email.split('.')[0]}`);
    const res = await person.post('/api/account/deletion', {
      confirmEmail: email,
      ...(reason ? { reason } : {}),
      ...(comment ? { comment } : {}),
    });
    assert.equal(res.statusCode, 202, res.body);
    return res.json().reference as string;
  };
  const first = await leave('first.leaver@example.com', 'too_much_money', 'Prices went up.');
  const second = await leave('second.leaver@example.com', 'too_much_money');
  await leave('third.leaver@example.com');
  await db
    .updateTable('deletion_requests')
    .set({ due_at: new Date(Date.now() - 3600_000) })
    .where('reference', '=', second)
    .execute();

  await t.test('only staff see the queue; it is sorted by due date and overdue ones stand out', async () => {
    assert.equal((await new Client(app).get('/api/admin/deletions')).statusCode, 401);
    assert.equal((await support.get('/api/admin/deletions')).statusCode, 403);
    const res = await staff.get('/api/admin/deletions');
    assert.equal(res.statusCode, 200);
    const items = res.json().items as Array<{
      reference: string;
      overdue: boolean;
      status: string;
      secondsLeft: number;
    }>;
    assert.equal(items.length, 3);
    assert.equal(items[0]!.reference, second);
    assert.equal(items[0]!.overdue, true);
    assert.ok(items[0]!.secondsLeft < 0);
    assert.ok(items.slice(1).every((i) => !i.overdue && i.status === 'received'));
    assert.ok(!res.body.includes('leaver@example.com'), 'the queue names no one');
    assert.equal((await staff.get('/api/admin/deletions?status=lost')).statusCode, 400);
  });

  await t.test(
    'a hold needs a listed legal reason, is mailed to the person, and stops processing until released',
    async () => {
      const id = (
        await db.selectFrom('deletion_requests').select('id').where('reference', '=', first).executeTakeFirstOrThrow()
      ).id;
      assert.equal((await staff.post(`/api/admin/deletions/${id}/hold`, { reason: 'because' })).statusCode, 400);
      assert.equal(
        (await support.post(`/api/admin/deletions/${id}/hold`, { reason: 'open_chargeback' })).statusCode,
        403,
      );
      const held = await staff.post(`/api/admin/deletions/${id}/hold`, { reason: 'open_chargeback' });
      assert.equal(held.statusCode, 200, held.body);
      assert.equal(held.json().holdReason, 'open_chargeback');
      const mail = await waitForMail(app, 'first.leaver@example.com', /is on hold/);
      assert.match(mail.text, /chargeback/);
      assert.equal((await staff.post(`/api/admin/deletions/${id}/process`)).json().error.code, 'REQUEST_STATE');
      assert.equal(
        (await staff.post(`/api/admin/deletions/${id}/hold`, { reason: 'legal_request' })).json().error.code,
        'REQUEST_STATE',
      );
      assert.equal((await staff.post(`/api/admin/deletions/${id}/release`)).json().holdReason, null);
      const processed = await staff.post(`/api/admin/deletions/${id}/process`);
      assert.equal(processed.statusCode, 200, processed.body);
      assert.equal(processed.json().status, 'completed');
      assert.equal(processed.json().outcome, 'completed', 'staff are told what processing did');
      assert.equal(processed.json().certificate.scan.clean, true);
      await waitForFinalMail(app, first);
      assert.equal((await staff.post(`/api/admin/deletions/${id}/process`)).json().error.code, 'REQUEST_STATE');
      assert.equal((await staff.post(`/api/admin/deletions/${randomUUID()}/process`)).statusCode, 404);
      const log = await db.selectFrom('audit_log').select(['action', 'subject', 'detail']).orderBy('at').execute();
      assert.deepEqual(
        log.map((l) => [l.action, l.subject]),
        [
          ['deletion.hold', first],
          ['deletion.release', first],
          ['deletion.process', first],
        ],
      );
      assert.ok(!JSON.stringify(log).includes('leaver@example.com'), 'the audit log holds no personal data');
    },
  );

  await t.test(
    'a finding dismissed with the longest reason allowed is audited, its line clipped to what the log holds',
    async () => {
      // A finding as the proof leaves one (test 'processing' makes a real one), on the third request.
      const third = await db
        .updateTable('deletion_requests')
        .set({ status: 'needs_attention', attention: '1 finding to resolve, in stores.description.' })
        .where('status', '=', 'received')
        .returning(['id', 'reference'])
        .executeTakeFirstOrThrow();
      const finding = await db
        .insertInto('deletion_findings')
        .values({
          request_id: third.id,
          table_name: 'stores',
          column_name: 'description',
          row_key: '["00000000-0000-4000-8000-000000000000"]',
          identifier: 'email',
          needle: 1,
          excerpt: 'Write to t•••@e•••.com',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const reason = `A namesake, not this person: ${'😀'.repeat(471)}`;
      assert.equal([...reason].length, 500);
      const res = await staff.post(`/api/admin/deletions/${third.id}/findings/${finding.id}/dismiss`, { reason });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(
        (
          await db
            .selectFrom('deletion_findings')
            .select('reason')
            .where('id', '=', finding.id)
            .executeTakeFirstOrThrow()
        ).reason,
        reason,
        'the finding keeps it whole',
      );
      const line = await db
        .selectFrom('audit_log')
        .select('detail')
        .where('action', '=', 'deletion.finding.dismiss')
        .executeTakeFirstOrThrow();
      assert.equal([...line.detail!].length, 500);
      assert.ok(
        line.detail!.startsWith('stores.description (email): A namesake, not this person: 😀') &&
          line.detail!.endsWith('😀…'),
      );
    },
  );

  await t.test('why people leave: shares and comments, with no link to anyone', async () => {
    assert.equal((await support.get('/api/admin/insights/leaving')).statusCode, 403);
    const res = await staff.get('/api/admin/insights/leaving');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    const share = Object.fromEntries(body.reasons.map((r: { reason: string; count: number }) => [r.reason, r.count]));
    assert.equal(share.too_much_money, 2);
    assert.equal(share.none, 0, 'leaving without a reason or comment records nothing');
    assert.deepEqual(
      body.comments.map((c: { comment: string }) => c.comment),
      ['Prices went up.'],
    );
    assert.equal(body.weeks.length, 1);
    assert.equal(body.weeks[0].total, 2);
  });
});

test('account deletion: a request racing a checkout leaves no live order behind', async (t) => {
  const { app, close } = await createTestApp({}, { rateLimits: false });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Race Store', [
    { country: 'FR', cost_minor: 0, min_days: 1, max_days: 2 },
  ]);
  const item = await createFixtureProduct(db, store, { title: 'Race Item', price: 1000, stock: 100 });
  const outcomes = new Set<string>();
  for (let round = 0; round < 6; round++) {
    const email = `racer-${round}@example.com`;
    const person = await signUpAndSignIn(app, email, undefined, `Racer ${round}`);
    await person.post('/api/cart/lines', { productId: item, quantity: 1 });
    const [checkout, deletion] = await Promise.all([
      person.post('/api/checkout', {
        idempotencyKey: randomUUID(),
        address: { fullName: 'Racer', line1: '1 Rue', city: 'Paris', country: 'FR' },
        card: CARD,
        expectedTotal: { amount: 1000, currency: 'USD' },
      }),
      person.post('/api/account/deletion', { confirmEmail: email }),
    ]);
    const userId = (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const live = await db
      .selectFrom('orders')
      .select('id')
      .where('buyer_user_id', '=', userId)
      .where('status', 'in', ['awaiting_payment', 'paid'])
      .execute();
    outcomes.add(`${checkout.statusCode}/${deletion.statusCode}`);
    if (deletion.statusCode === 202) {
      assert.deepEqual(live, [], 'a deactivated account has no order waiting to be paid or shipped');
      assert.equal(checkout.statusCode, 401, checkout.body);
    } else {
      assert.equal(deletion.statusCode, 409, deletion.body);
      assert.equal(deletion.json().error.code, 'DELETION_BLOCKED');
      assert.equal(checkout.statusCode, 201, checkout.body);
    }
  }
  assert.ok(outcomes.size >= 1);
});

test('account deletion: guessing a password or a "This wasn\'t me" token is rate limited, and changes nothing', async (t) => {
  const { app, close } = await createTestApp({}, { rateLimits: true });
  t.after(close);
  const db = app.souk.db;
  const email = 'guessed.person@example.com';
  const person = await signUpAndSignIn(app, email, undefined, 'Guessed Person');
  const userId = (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  // An older session must type the password: someone who found the laptop open tries to guess it.
  await db
    .updateTable('sessions')
    .set({ created_at: sql<Date>`now() - interval '11 minutes'` } as never)
    .where('user_id', '=', userId)
    .execute();
  const codes: string[] = [];
  for (let i = 0; i < 11; i++) {
    codes.push(
      (await person.post('/api/account/deletion', { confirmEmail: email, password: `guess-number-${i}-x` })).json()
        .error.code,
    );
  }
  assert.deepEqual(codes, [...Array(10).fill('INVALID_PASSWORD'), 'RATE_LIMITED']);
  const limited = await person.post('/api/account/deletion', { confirmEmail: email, password: STRONG_PASSWORD });
  assert.equal(limited.statusCode, 429, 'even the right password waits once the limit is reached');
  assert.equal((await db.selectFrom('deletion_requests').select('id').execute()).length, 0);
  assert.equal(
    (await db.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirstOrThrow()).status,
    'active',
  );

  // Forged cancel tokens from one client: refused, then limited.
  const anonymous = new Client(app);
  const cancels: number[] = [];
  for (let i = 0; i < 21; i++)
    cancels.push(
      (await anonymous.post('/api/account/deletion/cancel', { token: `forged-${i}-token-forged-token` })).statusCode,
    );
  assert.deepEqual(cancels, [...Array(20).fill(400), 429]);
});

test('account deletion: messages are erased partition by partition, and on PGlite every partition is vacuumed', async (t) => {
  const { app, close } = await createTestApp({ DELETION_WAIT_HOURS: '0' }, { rateLimits: false });
  t.after(close);
  const db = app.souk.db;
  const { fillAccount } = await import('./helpers/bulk-account.ts');
  const { processDeletion } = await import('../src/modules/deletion/process.ts');
  await seedCatalog(db, { products: 0, stores: 0 });
  await signUpAndSignIn(app, 'bulk.seller@example.com', undefined, 'Bulk Seller');
  const sellerId = (
    await db.selectFrom('users').select('id').where('email', '=', 'bulk.seller@example.com').executeTakeFirstOrThrow()
  ).id;
  const email = 'nadia.bulk@example.com';
  const person = await signUpAndSignIn(app, email, undefined, 'Nadia Quillstone');
  const userId = (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const shape = {
    conversations: 60,
    messagesPerConversation: 6,
    reviews: 0,
    photos: 0,
    questions: 0,
    answers: 0,
    orders: 0,
  };
  await fillAccount(
    db,
    app.souk.storage,
    { userId, fullName: 'Nadia Quillstone', line1: '8 Impasse des Lilas', phone: '+212 622 000 111', country: 'MA' },
    sellerId,
    'n',
    shape,
  );

  const partitions = await sql<{
    name: string;
  }>`select inhrelid::regclass::text as name from pg_inherits where inhparent = 'messages'::regclass`.execute(db);
  assert.equal(partitions.rows.length, 32, 'messages are kept in 32 partitions by conversation');
  const held = (
    await sql<{
      name: string;
    }>`select distinct tableoid::regclass::text as name from messages where sender_user_id = ${userId} order by 1`.execute(
      db,
    )
  ).rows.map((r) => r.name);
  assert.ok(held.length > 10, `60 conversations spread over many partitions (${held.length})`);
  const storeSide = Number(
    (await sql<{ n: string }>`select count(*) as n from messages where sender_side = 'store'`.execute(db)).rows[0]!.n,
  );

  const res = await person.post('/api/account/deletion', { confirmEmail: email, reason: 'other' });
  assert.equal(res.statusCode, 202, res.body);
  const request = await db
    .selectFrom('deletion_requests')
    .select('id')
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  assert.equal(await processDeletion(app.souk, request.id, { batchRows: 7 }), 'completed');

  const left = await sql<{ tombstones: string; store: string; linked: string }>`
    select count(*) filter (where body is null) as tombstones, count(*) filter (where sender_side = 'store') as store,
           count(*) filter (where sender_user_id = ${userId}) as linked from messages`.execute(db);
  assert.deepEqual(
    left.rows[0] && [Number(left.rows[0].tombstones), Number(left.rows[0].store), Number(left.rows[0].linked)],
    [180, storeSide, 0],
    'every message of hers in every partition is a tombstone; the store’s are untouched',
  );
  const vacuumed = (
    await sql<{ name: string }>`
    select relname as name from pg_stat_user_tables where relname like 'messages\_p%' and last_vacuum is not null order by 1`.execute(
      db,
    )
  ).rows.map((r) => r.name);
  if (app.souk.database.engine === 'pglite') {
    assert.deepEqual(
      held.filter((name) => !vacuumed.includes(name)),
      [],
      'PGlite has no autovacuum: the erasure vacuums every partition, one statement each',
    );
  } else {
    assert.deepEqual(vacuumed, [], 'on PostgreSQL autovacuum does it');
  }
});
