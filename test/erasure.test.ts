// Erasure, proven: a person who bought, sold, saved cards and addresses, kept a cart, asked for a
// password reset and an email change is erased; then every text column of every table is
// searched for anything of theirs. Orders stay as anonymised records whose tracking still works,
// other people's data is untouched, files are gone, and the same email can sign up again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Client, createTestApp, ORIGIN, signUpAndSignIn, waitForMail } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { eraseAccount } from '../src/erasure/executor.ts';
import { scanForLeftovers } from './helpers/substring-scan.ts';
import { scanForIdentifiers } from '../src/erasure/scan.ts';
import { erasureRegistry } from '../src/modules/deletion/registry.ts';
import type { Identifier } from '../src/erasure/identifiers.ts';
import { grantRole } from '../src/modules/roles/service.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const CARD = { number: '4242424242424242', expMonth: 11, expYear: 2034, cvc: '321' };

const PERSON = {
  email: 'yasmina.qadri@example.com',
  name: 'Yasmina Qadri',
  phone: '+212 600 11 22 33',
  street: '17 Derb Sidi Bouloukat',
  city: 'Marrakesh-Medina',
  postalCode: 'MK4021',
};

test('erasing an account leaves nothing of the person', async (t) => {
  const { app, close } = await createTestApp({}, { rateLimits: true });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const rugs = await createFixtureStore(db, 'Atlas Rugs', [
    { country: 'MA', cost_minor: 300, min_days: 1, max_days: 3 },
    { country: 'FR', cost_minor: 900, min_days: 3, max_days: 6 },
  ]);
  const rug = await createFixtureProduct(db, rugs, { title: 'Beni Ourain Rug', price: 25000, stock: 10 });
  const rugsOwner = await signUpAndSignIn(app, 'owner@atlas.example', undefined, 'Rug Seller');
  await db
    .updateTable('stores')
    .set({
      owner_user_id: (
        await db.selectFrom('users').select('id').where('email', '=', 'owner@atlas.example').executeTakeFirstOrThrow()
      ).id,
    })
    .where('id', '=', rugs.storeId)
    .execute();

  // The person: buyer and seller, with everything an account can hold.
  const person = await signUpAndSignIn(app, PERSON.email, undefined, PERSON.name);
  const userId = (await db.selectFrom('users').select('id').where('email', '=', PERSON.email).executeTakeFirstOrThrow())
    .id;
  assert.equal(
    (await person.patch('/api/account/profile', { displayName: PERSON.name, phone: PERSON.phone, country: 'MA' }))
      .statusCode,
    200,
  );
  assert.equal((await person.put('/api/account/notifications', { preferences: { offers: true } })).statusCode, 200);
  assert.equal(
    (
      await person.post('/api/stores', {
        name: 'Qasbah Pottery',
        country: 'MA',
        description: 'Bowls thrown by hand in the medina.',
      })
    ).statusCode,
    201,
  );
  const profile = await person.post('/api/seller/shipping-profiles', {
    label: 'Standard',
    rates: [{ country: 'FR', cost: 500, minDays: 2, maxDays: 5 }],
  });
  assert.equal(profile.statusCode, 201, profile.body);
  const bowl = await person.post('/api/seller/products', {
    title: 'Green Tamegroute Bowl',
    description: 'Glazed by hand.',
    category: 'home-kitchen',
    price: { amount: 4200, currency: 'USD' },
    stock: 8,
    shippingProfileId: profile.json().id,
  });
  assert.equal(bowl.statusCode, 201, bowl.body);
  const bowlId = bowl.json().id as string;
  const cookie = [...person.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const image = await app.inject({
    method: 'POST',
    url: `/api/seller/products/${bowlId}/images`,
    headers: { origin: ORIGIN, 'content-type': 'image/png', cookie },
    payload: PNG,
  });
  assert.equal(image.statusCode, 201, image.body);
  const imageKey = (await db.selectFrom('product_images').select('storage_key').executeTakeFirstOrThrow()).storage_key;
  assert.ok(await app.souk.storage.get(imageKey));

  // Buys a rug (delivered later), with a saved address and a saved card.
  await person.post('/api/cart/lines', { productId: rug, quantity: 1 });
  const address = {
    fullName: PERSON.name,
    line1: PERSON.street,
    city: PERSON.city,
    postalCode: PERSON.postalCode,
    country: 'MA',
    phone: PERSON.phone,
  };
  const placed = await person.post('/api/checkout', {
    idempotencyKey: randomUUID(),
    address: { ...address, save: true },
    card: { ...CARD, save: true },
    expectedTotal: { amount: 25300, currency: 'USD' },
  });
  assert.equal(placed.statusCode, 201, placed.body);
  const personOrder = placed.json().orders[0].id as string;
  assert.equal(
    (
      await rugsOwner.post(`/api/seller/orders/${personOrder}/ship`, {
        carrier: 'Amana',
        trackingNumber: 'AMANA-000777',
      })
    ).statusCode,
    200,
  );
  // Another buyer buys from the person's store.
  const buyer = await signUpAndSignIn(app, 'other.buyer@example.com', undefined, 'Other Buyer');
  await buyer.post('/api/cart/lines', { productId: bowlId, quantity: 2 });
  const bought = await buyer.post('/api/checkout', {
    idempotencyKey: randomUUID(),
    address: { fullName: 'Other Buyer', line1: '3 Rue Neuve', city: 'Paris', country: 'FR' },
    card: CARD,
    expectedTotal: { amount: 8900, currency: 'USD' },
  });
  assert.equal(bought.statusCode, 201, bought.body);
  const buyerOrder = bought.json().orders[0].id as string;
  assert.equal(
    (await person.post(`/api/seller/orders/${buyerOrder}/ship`, { carrier: 'Colissimo', trackingNumber: 'CP777000FR' }))
      .statusCode,
    200,
  );

  // Posts: a review with a photo (the rug was delivered), a question, an answer to someone else's question.
  assert.equal(
    (await rugsOwner.post(`/api/seller/orders/${personOrder}/tracking`, { status: 'delivered' })).statusCode,
    200,
  );
  const review = await person.post(`/api/products/${rug}/reviews`, {
    rating: 2,
    body: 'Yasmina here: the rug from Derb Sidi Bouloukat shed a lot.',
  });
  assert.equal(review.statusCode, 201, review.body);
  const photo = await app.inject({
    method: 'POST',
    url: `/api/reviews/${review.json().id}/photos`,
    headers: { origin: ORIGIN, 'content-type': 'image/png', cookie },
    payload: PNG,
  });
  assert.equal(photo.statusCode, 201, photo.body);
  const photoKey = (await db.selectFrom('review_photos').select('storage_key').executeTakeFirstOrThrow()).storage_key;
  assert.equal(
    (await person.post(`/api/products/${rug}/questions`, { body: 'Does it come in Qasbah blue?' })).statusCode,
    201,
  );
  const othersQuestion = await buyer.post(`/api/products/${bowlId}/questions`, { body: 'Is it dishwasher safe?' });
  assert.equal(othersQuestion.statusCode, 201, othersQuestion.body);
  assert.equal(
    (await person.post(`/api/questions/${othersQuestion.json().id}/answers`, { body: 'Yes, Yasmina tested it.' }))
      .statusCode,
    201,
  );
  // Messages both ways: the person writes to the rug store; another buyer writes to the person's store and gets an answer.
  assert.equal(
    (
      await person.post('/api/conversations', {
        productId: rug,
        body: 'Yasmina Qadri asking: can you ship to Derb Sidi Bouloukat?',
      })
    ).statusCode,
    201,
  );
  const asked = await buyer.post('/api/conversations', { productId: bowlId, body: 'Do you make larger bowls?' });
  assert.equal(asked.statusCode, 201, asked.body);
  const conversationId = asked.json().conversation.id as string;
  const reply = await person.post(`/api/seller/conversations/${conversationId}/messages`, {
    body: 'Yes, call me on +212 600 11 22 33.',
  });
  assert.equal(reply.statusCode, 201, reply.body);
  const ratingOf = async () =>
    await db
      .selectFrom('products')
      .select(['rating_sum', 'rating_count'])
      .where('id', '=', rug)
      .executeTakeFirstOrThrow();
  assert.deepEqual(await ratingOf(), { rating_sum: 2, rating_count: 1 });

  // A payment whose answer was lost: its card token waits for the provider's answer (decision 033).
  // The deletion flow waits for unpaid orders; eraseAccount itself must still take the token.
  await person.post('/api/cart/lines', { productId: rug, quantity: 1 });
  const lost = await person.post('/api/checkout', {
    idempotencyKey: randomUUID(),
    address,
    card: { ...CARD, number: '4000000000000259' },
    expectedTotal: { amount: 25300, currency: 'USD' },
  });
  assert.equal(lost.json().payment?.status, 'pending', lost.body);
  const pendingToken = (await db.selectFrom('pending_charge_tokens').select('provider_token').executeTakeFirstOrThrow())
    .provider_token;

  // Leaves a cart, a pending email change, a reset token, rate-limit counters and mails.
  await person.post('/api/cart/lines', { productId: rug, quantity: 2 });
  assert.equal(
    (
      await person.post('/api/account/email', {
        newEmail: 'yasmina.new@example.com',
        currentPassword: 'amber-lantern-orbit-42',
      })
    ).statusCode,
    202,
  );
  assert.equal((await new Client(app).post('/api/auth/forgot-password', { email: PERSON.email })).statusCode, 202);
  await waitForMail(app, PERSON.email, /Reset your Souk password/);
  await new Client(app).post('/api/auth/sign-in', { email: PERSON.email, password: 'wrong-password-123' });
  assert.equal(await grantRole(db, PERSON.email, 'support'), true);
  const session = person.cookies.get('souk.session_token');
  const cardToken = (
    await db
      .selectFrom('payment_methods')
      .select('provider_token')
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow()
  ).provider_token;

  const needles = [
    userId,
    PERSON.email,
    PERSON.name,
    PERSON.phone,
    PERSON.street,
    PERSON.city,
    PERSON.postalCode,
    'Qasbah Pottery',
    'yasmina.new@example.com',
    cardToken,
    pendingToken,
    ...(session ? [decodeURIComponent(session).split('.')[0]!] : []),
  ];
  const before = await scanForLeftovers(db, needles);
  assert.ok(before.length >= 10, 'the scan finds the person everywhere before erasure');

  const report = await eraseAccount(app.souk, { userId, email: PERSON.email }, erasureRegistry);
  const touched = Object.fromEntries(report.filter((r) => r.rows > 0).map((r) => [r.table, r.rows]));
  for (const table of [
    'reviews',
    'review_photos',
    'questions',
    'answers',
    'messages',
    'users',
    'sessions',
    'accounts',
    'addresses',
    'payment_methods',
    'pending_charge_tokens',
    'carts',
    'cart_lines',
    'orders',
    'checkouts',
    'stores',
    'product_images',
    'email_change_requests',
    'verifications',
    'rate_limits',
    'user_roles',
    'notification_preferences',
    'mail_outbox',
  ]) {
    assert.ok(touched[table], `erasure touched ${table}: ${JSON.stringify(touched)}`);
  }

  await t.test('no table holds anything of the person', async () => {
    // dev_mailbox stands for the inboxes of the recipients (development only): mail another buyer
    // received naming the person's store is in that buyer's inbox, not Souk's. Mail *to* the
    // person is checked separately below.
    const leftovers = (await scanForLeftovers(db, needles)).filter((l) => l.table !== 'public.dev_mailbox');
    assert.deepEqual(leftovers, []);
    const inbox = await db
      .selectFrom('dev_mailbox')
      .select('to_address')
      .where('to_address', 'in', [PERSON.email, 'yasmina.new@example.com'])
      .execute();
    assert.deepEqual(inbox, [], 'no copy of mail to the person is left in the development mailbox');
  });

  await t.test('uploaded files are gone from storage', async () => {
    assert.equal(await app.souk.storage.get(imageKey), null);
    assert.equal(await app.souk.storage.get(photoKey), null);
  });

  await t.test("the other side's thread keeps their own messages and a placeholder for the person's", async () => {
    const thread = await buyer.get(`/api/conversations/${conversationId}/messages`);
    assert.equal(thread.statusCode, 200, thread.body);
    assert.ok(thread.body.includes('Do you make larger bowls?'));
    assert.ok(!thread.body.includes('call me'));
    const tombstones = await db
      .selectFrom('messages')
      .select(['body', 'sender_user_id'])
      .where('conversation_id', '=', conversationId)
      .where('body', 'is', null)
      .execute();
    assert.equal(tombstones.length, 1);
  });

  await t.test('ratings are recomputed without the person; other people’s posts stay', async () => {
    assert.deepEqual(await ratingOf(), { rating_sum: 0, rating_count: 0 });
    const questions = await db.selectFrom('questions').select('body').execute();
    assert.deepEqual(
      questions.map((q) => q.body),
      ['Is it dishwasher safe?'],
    );
  });

  await t.test('the old session no longer works', async () => {
    assert.equal((await person.get('/api/me')).statusCode, 401);
  });

  await t.test('orders stay as anonymised records and tracking still works', async () => {
    const order = await db
      .selectFrom('orders')
      .select([
        'buyer_user_id',
        'ship_full_name',
        'ship_line1',
        'ship_city',
        'ship_phone',
        'ship_postal_code',
        'ship_country',
        'total_minor',
        'anonymised_at',
        'status',
      ])
      .where('id', '=', personOrder)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...order, anonymised_at: order.anonymised_at !== null },
      {
        buyer_user_id: null,
        ship_full_name: 'Erased',
        ship_line1: '',
        ship_city: '',
        ship_phone: null,
        ship_postal_code: null,
        ship_country: 'MA',
        total_minor: 25300,
        anonymised_at: true,
        status: 'delivered',
      },
    );
    const tracking = await new Client(app).get('/api/track/AMANA-000777');
    assert.equal(tracking.statusCode, 200);
    assert.equal(tracking.json().destinationCountry, 'MA');
    const items = await db
      .selectFrom('order_items')
      .select(['title', 'quantity'])
      .where('order_id', '=', personOrder)
      .execute();
    assert.deepEqual(items, [{ title: 'Beni Ourain Rug', quantity: 1 }]);
  });

  await t.test("other people's orders with the person's store keep working; the store is closed", async () => {
    const theirs = await buyer.get(`/api/orders/${buyerOrder}`);
    assert.equal(theirs.statusCode, 200);
    assert.equal(theirs.json().store.name, 'Closed store');
    assert.equal(theirs.json().shipTo.fullName, 'Other Buyer');
    assert.equal((await new Client(app).get('/api/track/CP777000FR')).statusCode, 200);
    assert.equal(
      (await new Client(app).get(`/api/products/${bowlId}`)).statusCode,
      404,
      'the closed store lists nothing',
    );
  });

  await t.test('erasing again finds nothing more', async () => {
    const again = await eraseAccount(app.souk, { userId, email: PERSON.email }, erasureRegistry);
    assert.deepEqual(
      again.filter((r) => r.rows > 0),
      [],
    );
  });

  await t.test('the same email signs up as a brand-new account that shows nothing of the old one', async () => {
    const fresh = await signUpAndSignIn(app, PERSON.email, undefined, 'New Me');
    const me = (await fresh.get('/api/me')).json();
    assert.notEqual(me.id, userId);
    assert.equal(me.displayName, 'New Me');
    assert.deepEqual((await fresh.get('/api/orders')).json().items, []);
    assert.deepEqual((await fresh.get('/api/addresses')).json().addresses, []);
    assert.deepEqual((await fresh.get('/api/payment-methods')).json().paymentMethods, []);
    assert.deepEqual((await fresh.get('/api/cart')).json().lines, []);
    assert.equal((await fresh.get('/api/seller/store')).statusCode, 403);
  });
});

test('the identifier scan reads uuid columns for ids, matches whole tokens only, and names the rows', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Hex Works', [
    { country: 'MA', cost_minor: 300, min_days: 1, max_days: 3 },
  ]);
  await db
    .updateTable('stores')
    .set({ description: 'Write to hex@works.example, or to shop.hex@works.example.' })
    .where('id', '=', store.storeId)
    .execute();
  const identifiers: Identifier[] = [
    // An id is found in uuid columns too, whatever its case.
    { kind: 'user id', value: store.storeId.toUpperCase() },
    { kind: 'email', value: 'hex@works.example' },
    // Part of a uuid is not the uuid.
    { kind: 'token', value: store.storeId.slice(0, 18) },
  ];
  const found = await scanForIdentifiers(db, identifiers);
  const places = found.map((l) => `${l.table}.${l.column}:${l.needle}:${l.rows}`).sort();
  assert.deepEqual(
    places,
    ['shipping_profiles.store_id:0:1', 'stores.description:1:1', 'stores.id:0:1'],
    "the id where it stands, the address once (a longer address that contains it is someone else's), the prefix nowhere",
  );
  const description = found.find((l) => l.column === 'description')!;
  assert.deepEqual(description.keys, [JSON.stringify([store.storeId])], 'the row is named by its primary key');
});

test('the identifier scan finds an identifier in any case, ASCII or not', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const ascii = await createFixtureStore(db, 'Case Works', [
    { country: 'MA', cost_minor: 300, min_days: 1, max_days: 3 },
  ]);
  const accented = await createFixtureStore(db, 'Accent Works', [
    { country: 'MA', cost_minor: 300, min_days: 1, max_days: 3 },
  ]);
  await db
    .updateTable('stores')
    .set({ description: 'Orders: MIXED.Case@Works.Example' })
    .where('id', '=', ascii.storeId)
    .execute();
  await db
    .updateTable('stores')
    .set({ description: 'Orders: ÉMILE.ÅSTRÖM@WORKS.EXAMPLE' })
    .where('id', '=', accented.storeId)
    .execute();
  const places = async (identifiers: Identifier[]) =>
    (await scanForIdentifiers(db, identifiers)).map((l) => `${l.table}.${l.column}:${l.keys.join()}`);
  // All needles ASCII: the first pass folds ASCII only (collation "C").
  assert.deepEqual(await places([{ kind: 'email', value: 'mixed.case@works.example' }]), [
    `stores.description:${JSON.stringify([ascii.storeId])}`,
  ]);
  // A needle outside ASCII: the first pass folds every letter.
  assert.deepEqual(await places([{ kind: 'email', value: 'émile.åström@works.example' }]), [
    `stores.description:${JSON.stringify([accented.storeId])}`,
  ]);
});

test('the identifier scan cut into pieces of pages across connections finds every row once', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 600, stores: 3 });
  // Every product row: a page read twice or skipped changes the count.
  await sql`update products set description = description || ' Ask quill@mere.example.'`.execute(db);
  const products = Number(
    (
      await db
        .selectFrom('products')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const {
    rows: [size],
  } = await sql<{
    pages: number;
  }>`select (pg_relation_size('products') / current_setting('block_size')::int)::int as pages`.execute(db);
  assert.ok(size!.pages >= 6, `products spans several pages (${size!.pages})`);

  const email: Identifier[] = [{ kind: 'email', value: 'quill@mere.example' }];
  const summary = (hits: Awaited<ReturnType<typeof scanForIdentifiers>>) =>
    hits.map(({ keys, ...rest }) => ({ ...rest, keys: keys.length }));
  const whole = await scanForIdentifiers(db, email);
  const pieces = await scanForIdentifiers(db, email, {}, { concurrency: 3, minPiecePages: 1 });
  assert.deepEqual(
    summary(whole).filter((l) => l.table === 'products'),
    [{ table: 'products', relation: 'public.products', column: 'description', needle: 0, rows: products, keys: 50 }],
  );
  assert.deepEqual(
    summary(pieces),
    summary(whole),
    'three lanes reading a third of the table each find every row, none twice',
  );
});
