// Store pages (/s/<slug>) through the HTTP API on a real database: slugs from names (accents folded,
// suffixes on collision, kept on rename, gone after the seller's erasure), the store's facts with
// its completed orders, its listing searched, filtered, sorted and paged, hidden, closed and unknown
// stores, bad input, links from cards and product pages, and "Message the seller" from the store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { Client, createTestApp, signUpAndSignIn } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { eraseAccount } from '../src/erasure/executor.ts';
import { erasureRegistry } from '../src/modules/deletion/registry.ts';

type Card = { id: string; title: string; price: { amount: number }; store: { id: string; name: string; slug: string } };
type StorePage = {
  store: {
    id: string;
    slug: string;
    name: string;
    country: string;
    description: string;
    rating: { average: number | null; count: number };
    ordersCount: number;
    openSince: string;
    categories: Array<{ slug: string; name: string; productCount: number }>;
  };
  products: {
    items: Card[];
    total: number;
    totalIsCapped: boolean;
    correctedQuery: string | null;
    originalQuery: string | null;
    page: number;
    pageSize: number;
    totalPages: number;
  };
};

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.equal((res.json() as { error: { code: string } }).error.code, code, res.body);
}

test('store pages', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 40, stores: 3, seed: 3 });
  const visitor = new Client(app);
  const page = async (url: string) => {
    const res = await visitor.get(url);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as StorePage;
  };

  // A seller opens a store through the seller center; it gets its slug at once.
  const seller = await signUpAndSignIn(app, 'ann.marsh@example.com', undefined, 'Ann Marsh');
  const opened = await seller.post('/api/stores', {
    name: 'Ann Marsh Pottery',
    country: 'FR',
    description: 'Stoneware thrown in Lyon.',
  });
  assert.equal(opened.statusCode, 201, opened.body);
  const storeId = (opened.json() as { id: string }).id;
  const profile = await db
    .insertInto('shipping_profiles')
    .values({ store_id: storeId, label: 'Everywhere' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const own = { storeId, profileId: profile.id };
  const bowl = await createFixtureProduct(db, own, { title: 'Celadon Bowl', price: 3200, category: 'home-kitchen' });
  const mug = await createFixtureProduct(db, own, { title: 'Speckled Mug', price: 1800, category: 'home-kitchen' });
  const vase = await createFixtureProduct(db, own, { title: 'Tall Celadon Vase', price: 9900, category: 'garden' });
  await createFixtureProduct(db, own, { title: 'Old Celadon Plate', price: 1000, status: 'delisted' });
  await db.updateTable('products').set({ sold_count: 50 }).where('id', '=', mug).execute();
  await db.updateTable('products').set({ sold_count: 20 }).where('id', '=', vase).execute();

  await t.test('slugs: from the name, accents folded, a suffix on collision, kept on rename', async () => {
    const slugOf = async (id: string) =>
      (await db.selectFrom('stores').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
    assert.equal(await slugOf(storeId), 'ann-marsh-pottery');
    assert.equal((opened.json() as { slug: string }).slug, 'ann-marsh-pottery', 'the seller center links /s/<slug>');
    const twin = await createFixtureStore(db, 'Ann Marsh  Pottery!', []);
    assert.equal(await slugOf(twin.storeId), 'ann-marsh-pottery-2');
    const cafe = await createFixtureStore(db, 'Café Zürich & Søn', []);
    assert.equal(await slugOf(cafe.storeId), 'cafe-zurich-and-son');
    const kanji = await createFixtureStore(db, '陶器の店', []);
    assert.match((await slugOf(kanji.storeId)) ?? '', /^store(-\d+)?$/);
    const seeded = await db.selectFrom('stores').select('slug').where('owner_user_id', 'is', null).execute();
    assert.ok(seeded.every((s) => s.slug !== null && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s.slug)));

    const renamed = await seller.patch('/api/seller/store', { name: 'Marsh Ceramics' });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(await slugOf(storeId), 'ann-marsh-pottery', 'links people shared keep working');
    assert.equal((await seller.get('/api/seller/store')).json().slug, 'ann-marsh-pottery');
    assert.equal((await page('/api/stores/ann-marsh-pottery')).store.name, 'Marsh Ceramics');
  });

  await t.test('the store page: facts, its categories and its listed products, best selling first', async () => {
    const body = await page('/api/stores/ann-marsh-pottery');
    assert.equal(body.store.id, storeId);
    assert.equal(body.store.slug, 'ann-marsh-pottery');
    assert.equal(body.store.country, 'FR');
    assert.equal(body.store.description, 'Stoneware thrown in Lyon.');
    assert.deepEqual(body.store.rating, { average: null, count: 0 });
    assert.equal(body.store.ordersCount, 0);
    assert.ok(Math.abs(Date.parse(body.store.openSince) - Date.now()) < 60_000);
    assert.deepEqual(body.store.categories.map((c) => [c.slug, c.productCount]).sort(), [
      ['garden', 1],
      ['home-kitchen', 2],
    ]);
    assert.deepEqual(
      body.products.items.map((c) => c.id),
      [mug, vase, bowl],
      'best selling first; the delisted plate is not shown',
    );
    assert.equal(body.products.total, 3);
    assert.ok(body.products.items.every((c) => c.store.slug === 'ann-marsh-pottery'));
  });

  await t.test('completed orders are counted: shipped and delivered, not paid or cancelled', async () => {
    const buyer = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'ann.marsh@example.com')
      .executeTakeFirstOrThrow();
    const checkout = await db
      .insertInto('checkouts')
      .values({ buyer_user_id: buyer.id, idempotency_key: 'k1', currency: 'USD', total_minor: 100 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const order = (n: number, status: 'paid' | 'shipped') =>
      db
        .insertInto('orders')
        .values({
          number: `SK-TEST-${n}`,
          checkout_id: checkout.id,
          buyer_user_id: buyer.id,
          store_id: storeId,
          status,
          currency: 'USD',
          items_minor: 100,
          discount_minor: 0,
          shipping_minor: 0,
          total_minor: 100,
          ship_full_name: 'A',
          ship_line1: 'B',
          ship_city: 'C',
          ship_country: 'FR',
          delivery_min_days: 1,
          delivery_max_days: 2,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const paid = await order(1, 'paid');
    const shipped = await order(2, 'shipped');
    await order(3, 'shipped');
    assert.equal((await page('/api/stores/ann-marsh-pottery')).store.ordersCount, 2);
    await db.updateTable('orders').set({ status: 'shipped' }).where('id', '=', paid.id).execute();
    await db.updateTable('orders').set({ status: 'delivered' }).where('id', '=', shipped.id).execute();
    assert.equal((await page('/api/stores/ann-marsh-pottery')).store.ordersCount, 3);
    await db.updateTable('orders').set({ status: 'cancelled' }).where('id', '=', paid.id).execute();
    assert.equal((await page('/api/stores/ann-marsh-pottery')).store.ordersCount, 2);
  });

  await t.test('search, category filter, sort and pages inside the store', async () => {
    const celadon = await page('/api/stores/ann-marsh-pottery?q=celadon');
    assert.deepEqual(celadon.products.items.map((c) => c.id).sort(), [bowl, vase].sort());
    const typo = await page('/api/stores/ann-marsh-pottery?q=celadn');
    assert.equal(typo.products.correctedQuery, 'celadon');
    assert.equal(typo.products.originalQuery, 'celadn');
    assert.equal(typo.products.total, 2);
    // "Search instead for celadn": the words as typed, still inside the store.
    const asTyped = await page('/api/stores/ann-marsh-pottery?q=celadn&exact=true');
    assert.deepEqual(
      [asTyped.products.total, asTyped.products.correctedQuery, asTyped.products.originalQuery],
      [0, null, null],
    );
    assert.equal(asTyped.store.id, storeId);
    const exactHit = await page('/api/stores/ann-marsh-pottery?q=celadon&exact=true');
    assert.deepEqual(exactHit.products.items.map((c) => c.id).sort(), [bowl, vase].sort());
    assert.equal((await page('/api/stores/ann-marsh-pottery?q=celadon')).products.originalQuery, null);
    const garden = await page('/api/stores/ann-marsh-pottery?category=garden');
    assert.deepEqual(
      garden.products.items.map((c) => c.id),
      [vase],
    );
    const cheap = await page('/api/stores/ann-marsh-pottery?sort=price_asc');
    assert.deepEqual(
      cheap.products.items.map((c) => c.price.amount),
      [1800, 3200, 9900],
    );
    const second = await page('/api/stores/ann-marsh-pottery?sort=price_desc&pageSize=2&page=2');
    assert.deepEqual(
      second.products.items.map((c) => c.id),
      [mug],
    );
    assert.equal(second.products.totalPages, 2);
    assert.equal(second.products.page, 2);
    const past = await page('/api/stores/ann-marsh-pottery?page=9');
    assert.deepEqual(past.products.items, []);
    assert.equal(past.products.total, 3, 'a page past the end still carries the total');
    const otherStore = await page('/api/stores/ann-marsh-pottery?q=lantern');
    assert.equal(otherStore.products.total, 0, 'other stores’ products never show');
  });

  await t.test('bad input is a 400 VALIDATION_FAILED', async () => {
    for (const url of [
      '/api/stores/Ann-Marsh',
      '/api/stores/ann_marsh',
      '/api/stores/-ann',
      `/api/stores/${'a'.repeat(81)}`,
      '/api/stores/ann-marsh-pottery?sort=cheapest',
      '/api/stores/ann-marsh-pottery?page=0',
      '/api/stores/ann-marsh-pottery?pageSize=49',
      '/api/stores/ann-marsh-pottery?category=Garden%20Tools',
      '/api/stores/ann-marsh-pottery?colour=red',
      `/api/stores/ann-marsh-pottery?q=${'a'.repeat(201)}`,
      '/api/stores/ann-marsh-pottery?q=celadn&exact=maybe',
    ]) {
      expectError(await visitor.get(url), 400, 'VALIDATION_FAILED');
    }
  });

  await t.test('cards and product pages name the store’s slug', async () => {
    const product = await visitor.get(`/api/products/${bowl}`);
    assert.equal(product.statusCode, 200, product.body);
    assert.equal((product.json() as { store: { slug: string } }).store.slug, 'ann-marsh-pottery');
    const found = (await visitor.get('/api/search?q=speckled%20mug')).json() as { items: Card[] };
    assert.equal(found.items.find((c) => c.id === mug)?.store.slug, 'ann-marsh-pottery');
  });

  await t.test('Message the seller from the store page: one conversation per buyer and store', async () => {
    const buyer = await signUpAndSignIn(app, 'omar@example.com', undefined, 'Omar');
    const first = await buyer.post('/api/conversations', { storeId, body: 'Do you take commissions?' });
    assert.equal(first.statusCode, 201, first.body);
    const again = await buyer.post('/api/conversations', { storeId, body: 'A set of six bowls.' });
    assert.equal(again.statusCode, 201, again.body);
    const a = first.json() as { conversation: { id: string; product: unknown; order: unknown } };
    const b = again.json() as { conversation: { id: string }; messages: unknown[] };
    assert.equal(b.conversation.id, a.conversation.id);
    assert.equal(a.conversation.product, null);
    assert.equal(b.messages.length, 2);
    expectError(
      await buyer.post('/api/conversations', { storeId, productId: bowl, body: 'Hi' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await seller.post('/api/conversations', { storeId, body: 'Me?' }), 409, 'OWN_STORE');
    expectError(await new Client(app).post('/api/conversations', { storeId, body: 'Hi' }), 401, 'UNAUTHENTICATED');
  });

  await t.test('hidden, closed and unknown stores answer a clear error, never a 500', async () => {
    expectError(await visitor.get('/api/stores/no-such-store'), 404, 'NOT_FOUND');
    const hidden = await seller.patch('/api/seller/store', { status: 'hidden' });
    assert.equal(hidden.statusCode, 200, hidden.body);
    const res = await visitor.get('/api/stores/ann-marsh-pottery');
    expectError(res, 404, 'STORE_HIDDEN');
    assert.doesNotMatch(res.body, /Marsh Ceramics|Celadon/, 'nothing of a hidden store is shown');
    await seller.patch('/api/seller/store', { status: 'active' });
    assert.equal((await visitor.get('/api/stores/ann-marsh-pottery')).statusCode, 200);

    const closing = await createFixtureStore(db, 'Closing Down Sale', []);
    await db.updateTable('stores').set({ status: 'closed' }).where('id', '=', closing.storeId).execute();
    expectError(await visitor.get('/api/stores/closing-down-sale'), 410, 'STORE_CLOSED');
  });

  await t.test('the seller’s erasure takes the slug made from their name; the old address is unknown', async () => {
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'ann.marsh@example.com')
      .executeTakeFirstOrThrow();
    await eraseAccount(app.souk, { userId: user.id, email: 'ann.marsh@example.com' }, erasureRegistry);
    const store = await db
      .selectFrom('stores')
      .select(['slug', 'name', 'status'])
      .where('id', '=', storeId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(store, { slug: null, name: 'Closed store', status: 'closed' });
    const old = await visitor.get('/api/stores/ann-marsh-pottery');
    expectError(old, 404, 'NOT_FOUND');
    assert.doesNotMatch(old.body, /marsh/i);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from stores where slug like '%marsh%'`.execute(
      db,
    );
    assert.equal(rows[0]!.n, 1, 'only the other store of that name keeps its own slug');
  });
});
