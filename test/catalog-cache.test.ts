// The catalogue cache (issue 18, decision 056): a kept response is served only while nothing it
// reads has changed and no offer it counts on has ended. Every change a shopper could see, made
// through the API where there is one, shows at once; every answer is byte for byte what an app
// without the cache computes from the same database at the same moment.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import test from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createTestApp, PUBLIC_URL, type TestApp, testConfig } from './helpers/app.ts';
import { createFixtureProduct } from './helpers/catalog.ts';
import { PNG } from './helpers/posts.ts';
import { ADDRESS, CARD_OK, openLampShop } from './helpers/returns.ts';
import { seedCatalog } from '../src/modules/catalog/index.ts';

/** An app on the same database without the cache: what a computation gives now. */
async function uncachedTwin(testApp: TestApp): Promise<FastifyInstance> {
  const config = testConfig({
    ...(testApp.config.databaseUrl ? { DATABASE_URL: testApp.config.databaseUrl } : {}),
    CATALOG_CACHE_MB: '0',
    RUN_JOBS: 'false',
  });
  const twin = await buildApp(config, { database: testApp.app.souk.database, closeDatabase: false });
  await twin.ready();
  return twin;
}

/** An app with the cache, with no job writing behind the test's back (the offers job would, every minute), and its uncached twin on the same database; both closed after `t`. */
async function cachedAndTwin(t: { after(fn: () => Promise<void>): void }) {
  const testApp = await createTestApp({ RUN_JOBS: 'false' });
  const twin = await uncachedTwin(testApp);
  t.after(async () => {
    await twin.close();
    await testApp.close();
  });
  return { app: testApp.app, db: testApp.app.souk.db, twin };
}

const versionOf = async (app: FastifyInstance) =>
  Number((await sql<{ v: number }>`select sum(n)::float8 as v from catalog_version`.execute(app.souk.db)).rows[0]!.v);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('catalogue cache: every change a shopper could see shows at once', async (t) => {
  const { app, db, twin } = await cachedAndTwin(t);
  const shop = await openLampShop(app);
  const { seller, buyer, lamp } = shop;
  const store = await db
    .selectFrom('stores')
    .select(['id', 'slug'])
    .where('name', '=', 'Atlas Lamps')
    .executeTakeFirstOrThrow();
  const profile = await db
    .selectFrom('shipping_profiles')
    .select('id')
    .where('store_id', '=', store.id)
    .executeTakeFirstOrThrow();
  const other = await createFixtureProduct(
    db,
    { storeId: store.id, profileId: profile.id },
    {
      title: 'Copper Kettle',
      price: 2500,
    },
  );
  const urls = [
    `/api/products/${lamp}`,
    `/api/products/${lamp}?country=FR`,
    `/api/products/${other}`,
    '/api/search?category=home-kitchen',
    '/api/search?category=home-kitchen&shipsTo=FR&sort=price_asc',
    '/api/search?q=lamp',
    '/api/search?q=brasss%20lamp',
    '/api/search?onOffer=true',
    `/api/stores/${store.slug}`,
    `/api/stores/${store.slug}?q=kettle`,
    '/api/catalog/home',
    '/api/catalog/home?shipsTo=FR',
    '/api/search/suggest?q=bra',
  ];
  const bodies = new Map<string, string>();
  /** Each URL twice: the second is a hit, and both are what the app without the cache answers. */
  const check = async (label: string) => {
    for (const url of urls) {
      const expected = await twin.inject({ method: 'GET', url });
      for (const round of [1, 2]) {
        const before = app.souk.catalogCache.stats().hits;
        const res = await app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, expected.statusCode, `${label}: ${url}: ${res.body}`);
        assert.equal(res.body, expected.body, `${label}: ${url} (round ${round})`);
        if (round === 2 && res.statusCode === 200) {
          assert.equal(app.souk.catalogCache.stats().hits, before + 1, `${label}: ${url} is a hit`);
        }
        if (res.statusCode === 200) assert.match(String(res.headers['content-type']), /^application\/json/);
      }
    }
    for (const url of urls) bodies.set(url, (await twin.inject({ method: 'GET', url })).body);
  };
  /** After a change: what changed shows, and at least the page it concerns answers differently. */
  const after = async (label: string, change: () => Promise<unknown>, shows: string) => {
    const before = new Map(urls.map((url) => [url, bodies.get(url)]));
    await change();
    await check(label);
    assert.notEqual(bodies.get(shows), before.get(shows), `${label} changes ${shows}`);
  };
  const ok = (res: { statusCode: number; body: string }) => {
    assert.ok(res.statusCode < 300, res.body);
    return res;
  };
  await check('at first');

  const page = `/api/products/${lamp}`;
  await after(
    'a review (after an order delivered)',
    async () => {
      await shop.deliveredOrder(1);
      await buyer.delete('/api/cart');
      ok(await buyer.post(`/api/products/${lamp}/reviews`, { rating: 4, body: 'Warm light.' }));
    },
    page,
  );
  await after(
    'price',
    async () => ok(await seller.patch(`/api/seller/products/${lamp}`, { price: { amount: 4200, currency: 'USD' } })),
    page,
  );
  await after(
    'title',
    async () => ok(await seller.patch(`/api/seller/products/${lamp}`, { title: 'Brass Desk Lamp' })),
    '/api/search?q=lamp',
  );
  await after(
    'offer',
    async () =>
      ok(
        await seller.post(`/api/seller/products/${lamp}/offers`, {
          price: 3000,
          endsAt: new Date(Date.now() + 3600_000).toISOString(),
        }),
      ),
    '/api/search?onOffer=true',
  );
  await after(
    'stock (a checkout)',
    async () => {
      await buyer.post('/api/cart/lines', { productId: other, quantity: 2 });
      ok(
        await buyer.post('/api/checkout', {
          idempotencyKey: randomUUID(),
          address: ADDRESS,
          card: CARD_OK,
          expectedTotal: { amount: 2 * 2500 + 500, currency: 'USD' },
        }),
      );
    },
    `/api/products/${other}`,
  );
  await after(
    'store renamed',
    async () => ok(await seller.patch('/api/seller/store', { name: 'Atlas Lights' })),
    `/api/stores/${store.slug}`,
  );
  await after('store hidden', async () => ok(await seller.patch('/api/seller/store', { status: 'hidden' })), page);
  await after('store shown again', async () => ok(await seller.patch('/api/seller/store', { status: 'active' })), page);
  // No API closes a store but the account's deletion: its status, as that sets it.
  await after(
    'store closed',
    () => db.updateTable('stores').set({ status: 'closed' }).where('id', '=', store.id).execute(),
    `/api/stores/${store.slug}`,
  );
  await after(
    'store open again',
    () => db.updateTable('stores').set({ status: 'active' }).where('id', '=', store.id).execute(),
    `/api/stores/${store.slug}`,
  );
  await after(
    'product delisted',
    async () => ok(await seller.patch(`/api/seller/products/${other}`, { status: 'delisted' })),
    `/api/products/${other}`,
  );
  await after(
    'product listed again',
    async () => ok(await seller.patch(`/api/seller/products/${other}`, { status: 'active' })),
    `/api/products/${other}`,
  );
  await after(
    'new product',
    async () =>
      ok(
        await seller.post('/api/seller/products', {
          title: 'Brass Candle Holder',
          category: 'home-kitchen',
          price: { amount: 1500, currency: 'USD' },
          stock: 4,
          shippingProfileId: profile.id,
        }),
      ),
    '/api/search?category=home-kitchen',
  );
  await after(
    'shipping profile',
    async () =>
      ok(
        await seller.put(`/api/seller/shipping-profiles/${profile.id}`, {
          label: 'Fixture',
          rates: [
            { country: 'FR', cost: 700, minDays: 2, maxDays: 4 },
            { country: 'DE', cost: 900, minDays: 3, maxDays: 6 },
          ],
        }),
      ),
    `/api/products/${lamp}?country=FR`,
  );
  await after(
    'a variant',
    async () =>
      ok(
        await seller.post(`/api/seller/products/${other}/variants`, {
          options: [{ name: 'Size', value: 'Large' }],
          price: 3100,
          stock: 3,
        }),
      ),
    `/api/products/${other}`,
  );
  await after(
    'images',
    async () => {
      // The first upload replaces the generated picture behind the same URL; the second adds one.
      const cookie = [...seller.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      for (let i = 0; i < 2; i++)
        ok(
          await app.inject({
            method: 'POST',
            url: `/api/seller/products/${lamp}/images`,
            headers: { origin: PUBLIC_URL, 'content-type': 'image/png', cookie },
            payload: PNG,
          }),
        );
    },
    page,
  );
  await after(
    'a category renamed (SQL)',
    () => db.updateTable('categories').set({ name: 'Home' }).where('slug', '=', 'home-kitchen').execute(),
    '/api/catalog/home',
  );
});

test('catalogue cache: an offer that ends shows the regular price without any write', async (t) => {
  const { app, db, twin } = await cachedAndTwin(t);
  const { seller, lamp } = await openLampShop(app);
  const store = await db
    .selectFrom('stores')
    .select(['id'])
    .where('name', '=', 'Atlas Lamps')
    .executeTakeFirstOrThrow();
  const profile = await db
    .selectFrom('shipping_profiles')
    .select('id')
    .where('store_id', '=', store.id)
    .executeTakeFirstOrThrow();
  const kettle = await createFixtureProduct(
    db,
    { storeId: store.id, profileId: profile.id },
    { title: 'Copper Kettle', price: 9000 },
  );
  // The lamp's offer ends in a moment; the kettle's in an hour. The kettle shows first by price, so
  // the one-card page below shows only the kettle: the lamp's end changes its total all the same.
  const endsSoon = new Date(Date.now() + 2500);
  const offer = (id: string, price: number, endsAt: Date) =>
    seller.post(`/api/seller/products/${id}/offers`, { price, endsAt: endsAt.toISOString() });
  assert.equal((await offer(lamp, 3000, endsSoon)).statusCode, 201);
  assert.equal((await offer(kettle, 8000, new Date(Date.now() + 3600_000))).statusCode, 201);
  const urls = [
    `/api/products/${lamp}`,
    '/api/search?category=home-kitchen&sort=newest',
    '/api/search?onOffer=true&sort=price_desc&pageSize=1',
    '/api/catalog/home',
  ];
  const read = async () => {
    const out: string[] = [];
    for (const url of urls) {
      await app.inject({ method: 'GET', url });
      const kept = await app.inject({ method: 'GET', url });
      const expected = await twin.inject({ method: 'GET', url });
      assert.equal(kept.body, expected.body, url);
      out.push(kept.body);
    }
    return out;
  };
  const [pageBefore, listBefore, onOfferBefore] = await read();
  assert.equal(JSON.parse(pageBefore!).price.amount, 3000);
  assert.equal(JSON.parse(listBefore!).items.find((c: { id: string }) => c.id === lamp).price.amount, 3000);
  assert.equal(JSON.parse(onOfferBefore!).total, 2);
  const version = await versionOf(app);
  const hits = app.souk.catalogCache.stats().hits;
  await sleep(endsSoon.getTime() - Date.now() + 200);
  const [pageAfter, listAfter, onOfferAfter] = await read();
  assert.equal(await versionOf(app), version, 'nothing was written: only time passed');
  assert.equal(JSON.parse(pageAfter!).price.amount, 4000);
  assert.equal(JSON.parse(pageAfter!).offerEndsAt, null);
  assert.equal(JSON.parse(listAfter!).items.find((c: { id: string }) => c.id === lamp).price.amount, 4000);
  assert.equal(JSON.parse(onOfferAfter!).total, 1, 'the lamp left the offers although the page showed only the kettle');
  assert.ok(app.souk.catalogCache.stats().hits >= hits + urls.length, 'the answers after the end were kept again');
});

test('catalogue cache: random writes between reads, every read is what a computation gives now', async (t) => {
  const { app, db, twin } = await cachedAndTwin(t);
  const { lamp } = await openLampShop(app);
  const store = await db
    .selectFrom('stores')
    .select(['id', 'slug'])
    .where('name', '=', 'Atlas Lamps')
    .executeTakeFirstOrThrow();
  const profile = await db
    .selectFrom('shipping_profiles')
    .select('id')
    .where('store_id', '=', store.id)
    .executeTakeFirstOrThrow();
  const products = [lamp];
  for (const title of ['Copper Kettle', 'Linen Throw', 'Brass Bowl'])
    products.push(await createFixtureProduct(db, { storeId: store.id, profileId: profile.id }, { title, price: 1000 }));
  const urls = [
    ...products.map((id) => `/api/products/${id}`),
    '/api/search?category=home-kitchen',
    '/api/search?category=home-kitchen&sort=price_asc&pageSize=2',
    '/api/search?q=brass',
    `/api/stores/${store.slug}?sort=best_selling`,
    '/api/catalog/home',
    '/api/search/suggest?q=br',
  ];
  const write = fc.oneof(
    fc.record({ kind: fc.constant('price' as const), product: fc.nat(3), value: fc.integer({ min: 100, max: 9000 }) }),
    fc.record({ kind: fc.constant('stock' as const), product: fc.nat(3), value: fc.nat(20) }),
    fc.record({
      kind: fc.constant('title' as const),
      product: fc.nat(3),
      value: fc.constantFrom('Brass Lamp', 'Brass Kettle', 'Oak Tray'),
    }),
    fc.record({
      kind: fc.constant('status' as const),
      product: fc.nat(3),
      value: fc.constantFrom('active', 'delisted'),
    }),
    fc.record({
      kind: fc.constant('store' as const),
      product: fc.constant(0),
      value: fc.constantFrom('active', 'hidden'),
    }),
    fc.record({ kind: fc.constant('sold' as const), product: fc.nat(3), value: fc.nat(50) }),
  );
  const step = fc.oneof(fc.record({ read: fc.nat(urls.length - 1) }), fc.record({ write }));
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
      for (const s of steps) {
        if ('read' in s) {
          const url = urls[s.read]!;
          const res = await app.inject({ method: 'GET', url });
          const expected = await twin.inject({ method: 'GET', url });
          assert.equal(res.statusCode, expected.statusCode, url);
          assert.equal(res.body, expected.body, url);
          continue;
        }
        const { kind, product, value } = s.write;
        const id = products[product]!;
        const row = db.updateTable('products').where('id', '=', id);
        if (kind === 'price')
          await row.set({ price_minor: value as number, current_price_minor: value as number }).execute();
        else if (kind === 'stock') await row.set({ stock: value as number }).execute();
        else if (kind === 'title') await row.set({ title: value as string }).execute();
        else if (kind === 'status') await row.set({ status: value as 'active' | 'delisted' }).execute();
        else if (kind === 'sold') await row.set({ sold_count: value as number }).execute();
        else
          await db
            .updateTable('stores')
            .set({ status: value as 'active' | 'hidden' })
            .where('id', '=', store.id)
            .execute();
      }
    }),
    { numRuns: 25 },
  );
  assert.ok(app.souk.catalogCache.stats().hits > 0, 'some reads were hits');
});

test('catalogue cache: /metrics counts its hits and misses; CATALOG_CACHE_MB=0 keeps nothing', async (t) => {
  const on = await createTestApp({ RUN_JOBS: 'false', METRICS: 'true' });
  t.after(on.close);
  const { lamp } = await openLampShop(on.app);
  for (let i = 0; i < 3; i++)
    assert.equal((await on.app.inject({ method: 'GET', url: `/api/products/${lamp}` })).statusCode, 200);
  const metrics = (await on.app.inject({ method: 'GET', url: '/metrics' })).body;
  assert.match(metrics, /^souk_catalog_cache_hits_total 2$/m);
  assert.match(metrics, /^souk_catalog_cache_misses_total 1$/m);
  assert.match(metrics, /^souk_catalog_cache_bytes [1-9]\d*$/m);

  const off = await createTestApp({ RUN_JOBS: 'false', CATALOG_CACHE_MB: '0' });
  t.after(off.close);
  const shop = await openLampShop(off.app);
  for (let i = 0; i < 2; i++) await off.app.inject({ method: 'GET', url: `/api/products/${shop.lamp}` });
  assert.deepEqual(off.app.souk.catalogCache.stats(), { hits: 0, misses: 0, entries: 0, bytes: 0 });
});

test('catalogue cache: bounded by CATALOG_CACHE_MB, the least recently used answers go first', async (t) => {
  const testApp = await createTestApp({ RUN_JOBS: 'false', CATALOG_CACHE_MB: '1' });
  t.after(testApp.close);
  const { app } = testApp;
  await seedCatalog(app.souk.db, { products: 400, stores: 4, seed: 5 });
  const cache = app.souk.catalogCache;
  const pageOf = (page: number, sort: string, from: number) =>
    `/api/search?pageSize=48&page=${page}&sort=${sort}&minPrice=${from}`;
  const urls = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((page) =>
    ['newest', 'price_asc', 'price_desc', 'best_selling'].flatMap((sort) =>
      [0, 1].map((from) => pageOf(page, sort, from)),
    ),
  );
  let sent = 0;
  for (const url of urls) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200);
    sent += res.body.length;
  }
  assert.ok(sent > 1024 * 1024, `the pages (${sent} bytes) are more than the cache holds`);
  const { bytes, entries } = cache.stats();
  assert.ok(bytes <= 1024 * 1024 && bytes > 0, `${bytes} bytes kept`);
  assert.ok(entries < urls.length && entries > 0, `${entries} kept of ${urls.length}`);
  // The last page asked is kept; the first, least recently used, was let go.
  const misses = cache.stats().misses;
  await app.inject({ method: 'GET', url: urls.at(-1)! });
  assert.equal(cache.stats().misses, misses, 'the most recent page is a hit');
  await app.inject({ method: 'GET', url: urls[0]! });
  assert.equal(cache.stats().misses, misses + 1, 'the oldest page was evicted');
});

test('catalogue cache: a search never asked reads the version in its own statement, is kept, and moves with a write', async (t) => {
  const { app, db, twin } = await cachedAndTwin(t);
  const { lamp } = await openLampShop(app);
  const cache = app.souk.catalogCache;
  const url = '/api/search?q=lamp&sort=price_asc';
  const ask = async () => {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, (await twin.inject({ method: 'GET', url })).body, 'what a computation gives now');
    return res.json<{ items: Array<{ title: string }> }>();
  };
  const before = cache.stats();
  const first = await ask();
  assert.ok(first.items.length > 0);
  assert.deepEqual([cache.stats().misses - before.misses, cache.stats().entries - before.entries], [1, 1], 'kept');
  await ask();
  assert.equal(cache.stats().hits - before.hits, 1, 'the second ask is a hit');
  await db.updateTable('products').set({ title: 'Brass Lamp, Renamed' }).where('id', '=', lamp).execute();
  const renamed = await ask();
  assert.equal(cache.stats().misses - before.misses, 2, 'the write made it a miss');
  assert.ok(renamed.items.some((item) => item.title === 'Brass Lamp, Renamed'));
  // An offer list moves with offers: its version is read first, as before; still kept.
  const offers = '/api/search?onOffer=true';
  await app.inject({ method: 'GET', url: offers });
  const misses = cache.stats().misses;
  await app.inject({ method: 'GET', url: offers });
  assert.equal(cache.stats().misses, misses, 'kept');
});
