// Saved items and recently viewed (issue 18) through the HTTP API on a real database: guests need
// no account, saving is idempotent and bounded, bad input changes nothing, signing in merges a
// guest's lists into the account's without duplicates, prices and stock are compared with the time
// of saving, views are deduplicated and bounded, and erasure and "Download your data" cover both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { Client, createTestApp, signIn, signUpAndSignIn } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { processDeletion } from '../src/modules/deletion/process.ts';
import { runHousekeeping } from '../src/housekeeping.ts';

type Money = { amount: number; currency: string };
type SavedItem = {
  productId: string;
  title: string;
  priceWhenSaved: Money;
  price: Money;
  priceChange: 'dropped' | 'rose' | null;
  priceDifference: Money | null;
  state: 'available' | 'out_of_stock' | 'unavailable';
  backInStock: boolean;
};
type SavedList = { items: SavedItem[]; count: number; limit: number };

test('saved items and recently viewed', async (t) => {
  const { app, close } = await createTestApp({}, { rateLimits: false });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Saved Store', [
    { country: 'FR', cost_minor: 0, min_days: 1, max_days: 3 },
  ]);
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4500, stock: 5 });
  const rug = await createFixtureProduct(db, store, { title: 'Wool Rug', price: 12000, stock: 3 });
  const bowl = await createFixtureProduct(db, store, { title: 'Sold Out Bowl', price: 900, stock: 0 });
  const vase = await createFixtureProduct(db, store, { title: 'Delisted Vase', price: 3000, status: 'delisted' });
  const missing = '00000000-0000-4000-8000-000000000000';
  const rows = async (table: 'saved_items' | 'recent_views') =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
  const ids = (list: SavedList) => list.items.map((i) => i.productId);

  await t.test('a guest without lists reads empty ones and gets no cookie', async () => {
    const guest = new Client(app);
    const saved = await guest.get('/api/saved');
    assert.equal(saved.statusCode, 200);
    assert.deepEqual(saved.json(), { items: [], count: 0, limit: 500 });
    assert.deepEqual((await guest.get('/api/saved/product-ids')).json(), { productIds: [] });
    assert.deepEqual((await guest.get('/api/recently-viewed')).json(), { items: [] });
    assert.equal(guest.cookies.size, 0);
  });

  await t.test(
    'a guest saves and unsaves; saving twice changes nothing; the list lives behind an HttpOnly cookie',
    async () => {
      const guest = new Client(app);
      const first = await guest.put(`/api/saved/${lamp}`);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json(), { productId: lamp, saved: true, count: 1 });
      const cookie = (first.cookies as Array<{ name: string; httpOnly?: boolean; sameSite?: string }>).find(
        (c) => c.name === 'souk_shopper',
      );
      assert.ok(cookie?.httpOnly);
      assert.equal(cookie.sameSite, 'Lax');
      assert.deepEqual((await guest.put(`/api/saved/${lamp}`)).json(), { productId: lamp, saved: true, count: 1 });
      await guest.put(`/api/saved/${rug}`);
      assert.deepEqual((await guest.get('/api/saved/product-ids')).json(), { productIds: [rug, lamp] });
      assert.deepEqual(ids((await guest.get('/api/saved')).json()), [rug, lamp], 'newest first');
      assert.deepEqual((await guest.delete(`/api/saved/${lamp}`)).json(), { productId: lamp, saved: false, count: 1 });
      assert.deepEqual((await guest.delete(`/api/saved/${lamp}`)).json(), { productId: lamp, saved: false, count: 1 });
      assert.deepEqual(ids((await new Client(app).get('/api/saved')).json()), [], 'another browser sees none of it');
    },
  );

  await t.test('bad input is a 4xx with a stable code and changes nothing', async () => {
    const guest = new Client(app);
    const before = [await rows('saved_items'), await rows('recent_views')];
    const cases: Array<[string, string, unknown, number, string]> = [
      ['PUT', '/api/saved/not-a-uuid', undefined, 400, 'VALIDATION_FAILED'],
      ['PUT', `/api/saved/${lamp.toUpperCase()}`, undefined, 400, 'VALIDATION_FAILED'],
      ['PUT', `/api/saved/${missing}`, undefined, 404, 'NOT_FOUND'],
      ['PUT', `/api/saved/${vase}`, undefined, 409, 'PRODUCT_UNAVAILABLE'],
      ['PUT', `/api/saved/${lamp}`, { note: 'x' }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/recently-viewed', { productId: 'x' }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/recently-viewed', {}, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/recently-viewed', { productId: lamp, extra: 1 }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/recently-viewed', { productId: missing }, 404, 'NOT_FOUND'],
      ['GET', '/api/recently-viewed?limit=0', undefined, 400, 'VALIDATION_FAILED'],
      ['GET', '/api/recently-viewed?limit=51', undefined, 400, 'VALIDATION_FAILED'],
      ['GET', '/api/recently-viewed?exclude=nope', undefined, 400, 'VALIDATION_FAILED'],
      ['DELETE', '/api/recently-viewed', { all: true }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [method, url, body, status, code] of cases) {
      const res = await guest.request(method as 'PUT', url, body);
      assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
      assert.equal(res.json().error.code, code, `${method} ${url}`);
    }
    assert.deepEqual([await rows('saved_items'), await rows('recent_views')], before);
    assert.equal(guest.cookies.size, 0, 'no guest identity was created by refused requests');
    const crossSite = await new Client(app, undefined, 'https://evil.example').put(`/api/saved/${lamp}`);
    assert.equal(crossSite.statusCode, 403);
  });

  await t.test(
    'at most 500 saved items: the 501st is 409 LIMIT_REACHED, saving a saved one still answers',
    async () => {
      const guest = new Client(app);
      await guest.put(`/api/saved/${lamp}`);
      const hash = (
        await db
          .selectFrom('saved_items')
          .select('guest_token_hash')
          .where('product_id', '=', lamp)
          .orderBy('saved_at', 'desc')
          .executeTakeFirstOrThrow()
      ).guest_token_hash!;
      const many = await db
        .insertInto('products')
        .values(
          Array.from({ length: 499 }, (_, i) => ({
            store_id: store.storeId,
            category_slug: 'home-kitchen',
            shipping_profile_id: store.profileId,
            title: `Filler ${i}`,
            description: 'Filler.',
            price_minor: 100,
            current_price_minor: 100,
            currency: 'USD',
            stock: 1,
            status: 'active' as const,
            image_count: 1,
            updated_at: new Date(),
          })),
        )
        .returning('id')
        .execute();
      await db
        .insertInto('saved_items')
        .values(
          many.map((p) => ({
            guest_token_hash: hash,
            product_id: p.id,
            saved_price_minor: 100,
            saved_currency: 'USD',
            saved_out_of_stock: false,
          })),
        )
        .execute();
      const full = await guest.put(`/api/saved/${rug}`);
      assert.equal(full.statusCode, 409);
      assert.equal(full.json().error.code, 'LIMIT_REACHED');
      assert.equal((await guest.put(`/api/saved/${lamp}`)).json().count, 500, 'idempotent at the limit');
      assert.equal((await guest.get('/api/saved')).json().count, 500);
      await db.deleteFrom('saved_items').where('guest_token_hash', '=', hash).execute();
      await db
        .deleteFrom('products')
        .where(
          'id',
          'in',
          many.map((p) => p.id),
        )
        .execute();
    },
  );

  await t.test(
    'price changes, back in stock and unavailable products are shown against the time of saving',
    async () => {
      const guest = new Client(app);
      const kettle = await createFixtureProduct(db, store, { title: 'Copper Kettle', price: 5000, stock: 0 });
      const mug = await createFixtureProduct(db, store, { title: 'Stone Mug', price: 1000, stock: 4 });
      const jar = await createFixtureProduct(db, store, { title: 'Glass Jar', price: 700, stock: 4 });
      const pot = await createFixtureProduct(db, store, { title: 'Clay Pot', price: 2500, stock: 2 });
      for (const id of [kettle, mug, jar, pot, bowl])
        assert.equal((await guest.put(`/api/saved/${id}`)).statusCode, 200);
      await db
        .updateTable('products')
        .set({ stock: 6, price_minor: 4200, current_price_minor: 4200 })
        .where('id', '=', kettle)
        .execute();
      await db
        .updateTable('products')
        .set({ price_minor: 1200, current_price_minor: 1200 })
        .where('id', '=', mug)
        .execute();
      await db.updateTable('products').set({ status: 'delisted' }).where('id', '=', pot).execute();
      const list = (await guest.get('/api/saved')).json() as SavedList;
      const by = Object.fromEntries(list.items.map((i) => [i.title, i]));
      assert.deepEqual(
        [
          by['Copper Kettle']!.priceChange,
          by['Copper Kettle']!.priceDifference,
          by['Copper Kettle']!.backInStock,
          by['Copper Kettle']!.state,
        ],
        ['dropped', { amount: 800, currency: 'USD' }, true, 'available'],
      );
      assert.deepEqual(by['Copper Kettle']!.priceWhenSaved, { amount: 5000, currency: 'USD' });
      assert.deepEqual(
        [by['Stone Mug']!.priceChange, by['Stone Mug']!.priceDifference],
        ['rose', { amount: 200, currency: 'USD' }],
      );
      assert.equal(by['Stone Mug']!.backInStock, false, 'never out of stock: not "back"');
      assert.deepEqual([by['Glass Jar']!.priceChange, by['Glass Jar']!.priceDifference], [null, null]);
      assert.equal(by['Clay Pot']!.state, 'unavailable');
      assert.equal(by['Sold Out Bowl']!.state, 'out_of_stock');
      assert.equal(by['Sold Out Bowl']!.backInStock, false);
    },
  );

  await t.test(
    'a product that sells out after saving is "back in stock" when it returns; one restocked before saving is not',
    async () => {
      const guest = new Client(app);
      const setStock = (id: string, stock: number) =>
        db.updateTable('products').set({ stock }).where('id', '=', id).execute();
      const cup = await createFixtureProduct(db, store, { title: 'Tin Cup', price: 800, stock: 2 });
      const tray = await createFixtureProduct(db, store, { title: 'Olive Tray', price: 1500, stock: 2 });
      const mat = await createFixtureProduct(db, store, { title: 'Reed Mat', price: 2000, stock: 0 });
      await setStock(mat, 4); // restocked before it is saved: nothing "back" for this shopper
      for (const id of [cup, tray, mat]) assert.equal((await guest.put(`/api/saved/${id}`)).statusCode, 200);
      const backOf = async () =>
        Object.fromEntries(
          ((await guest.get('/api/saved')).json() as SavedList).items.map((i) => [i.title, [i.state, i.backInStock]]),
        );
      assert.deepEqual(await backOf(), {
        'Tin Cup': ['available', false],
        'Olive Tray': ['available', false],
        'Reed Mat': ['available', false],
      });

      // Both sell out (the cup through a checkout-like decrement); only the cup comes back.
      await sql`update products set stock = stock - 2 where id = ${cup}`.execute(db);
      await setStock(tray, 0);
      assert.deepEqual(await backOf(), {
        'Tin Cup': ['out_of_stock', false],
        'Olive Tray': ['out_of_stock', false],
        'Reed Mat': ['available', false],
      });
      await sql`update products set stock = stock + 1 where id = ${cup}`.execute(db);
      await setStock(mat, 9); // more stock while in stock is no return
      assert.deepEqual(await backOf(), {
        'Tin Cup': ['available', true],
        'Olive Tray': ['out_of_stock', false],
        'Reed Mat': ['available', false],
      });
    },
  );

  await t.test(
    'recently viewed: newest first, one entry per product, bounded at 50, excludable, clearable',
    async () => {
      const guest = new Client(app);
      for (const id of [lamp, rug, lamp])
        assert.equal((await guest.post('/api/recently-viewed', { productId: id })).statusCode, 204);
      await guest.post('/api/recently-viewed', { productId: vase });
      const viewed = (await guest.get('/api/recently-viewed'))
        .json()
        .items.map((i: { productId: string }) => i.productId);
      assert.deepEqual(viewed, [lamp, rug], 'deduplicated, newest first, delisted products not shown');
      assert.deepEqual(
        (await guest.get(`/api/recently-viewed?exclude=${lamp}`))
          .json()
          .items.map((i: { productId: string }) => i.productId),
        [rug],
      );
      const extra = [];
      for (let i = 0; i < 55; i++)
        extra.push(await createFixtureProduct(db, store, { title: `Viewed ${i}`, price: 100 + i }));
      for (const id of extra) await guest.post('/api/recently-viewed', { productId: id });
      const hash = (
        await db
          .selectFrom('recent_views')
          .select('guest_token_hash')
          .where('product_id', '=', extra[54]!)
          .executeTakeFirstOrThrow()
      ).guest_token_hash!;
      const kept = await db
        .selectFrom('recent_views')
        .select('product_id')
        .where('guest_token_hash', '=', hash)
        .execute();
      assert.equal(kept.length, 50, 'only the last 50 are kept');
      assert.ok(!kept.some((k) => k.product_id === lamp), 'the oldest went first');
      const shown = (await guest.get('/api/recently-viewed?limit=50')).json().items;
      assert.equal(shown.length, 50);
      assert.equal(shown[0].productId, extra[54]);
      assert.equal((await guest.delete('/api/recently-viewed')).statusCode, 204);
      assert.deepEqual((await guest.get('/api/recently-viewed')).json(), { items: [] });
      assert.equal(
        (await db.selectFrom('recent_views').select('product_id').where('guest_token_hash', '=', hash).execute())
          .length,
        0,
      );
    },
  );

  const email = 'saver@example.com';
  const account = await signUpAndSignIn(app, email);
  const userId = (await account.get('/api/me')).json().id as string;

  await t.test(
    'signing in merges the guest lists into the account without duplicates and clears the guest cookie',
    async () => {
      await account.put(`/api/saved/${lamp}`);
      await account.post('/api/recently-viewed', { productId: rug });
      const guest = new Client(app);
      await guest.put(`/api/saved/${lamp}`);
      await guest.put(`/api/saved/${rug}`);
      await guest.post('/api/recently-viewed', { productId: lamp });
      await guest.post('/api/recently-viewed', { productId: rug });
      const guestRows = (await rows('saved_items')) + (await rows('recent_views'));
      const res = await guest.post('/api/auth/sign-in', { email, password: 'amber-lantern-orbit-42' });
      assert.equal(res.statusCode, 200);
      assert.ok(!guest.cookies.has('souk_shopper'), 'guest cookie cleared');
      const userRows = async () =>
        (await db.selectFrom('saved_items').select('product_id').where('user_id', '=', userId).execute()).length +
        (await db.selectFrom('recent_views').select('product_id').where('user_id', '=', userId).execute()).length;
      assert.equal(
        (await rows('saved_items')) + (await rows('recent_views')),
        guestRows - 2,
        "the guest's four rows are gone; of them only the rug's save and the lamp's view were new to the account",
      );
      assert.equal(await userRows(), 4);
      const saved = (await account.get('/api/saved')).json() as SavedList;
      assert.deepEqual(ids(saved).toSorted(), [lamp, rug].toSorted());
      assert.equal(saved.count, 2, 'no duplicate of the lamp');
      const viewed = (await account.get('/api/recently-viewed'))
        .json()
        .items.map((i: { productId: string }) => i.productId);
      assert.deepEqual(viewed, [rug, lamp], 'the later view of each product wins');
    },
  );

  await t.test('a signed-in browser still holding a guest cookie merges on its next request', async () => {
    const guest = new Client(app);
    await guest.put(`/api/saved/${bowl}`);
    const signedIn = await signIn(app, email);
    signedIn.cookies.set('souk_shopper', guest.cookies.get('souk_shopper')!);
    assert.ok(((await signedIn.get('/api/saved/product-ids')).json().productIds as string[]).includes(bowl));
    assert.ok(!signedIn.cookies.has('souk_shopper'));
  });

  await t.test('merging stays within the limit: the newest guest items fill the room left', async () => {
    const room = 500 - (await account.get('/api/saved')).json().count;
    const fill = await db
      .insertInto('products')
      .values(
        Array.from({ length: room - 1 }, (_, i) => ({
          store_id: store.storeId,
          category_slug: 'home-kitchen',
          shipping_profile_id: store.profileId,
          title: `Fill ${i}`,
          description: 'Fill.',
          price_minor: 100,
          current_price_minor: 100,
          currency: 'USD',
          stock: 1,
          status: 'active' as const,
          image_count: 1,
          updated_at: new Date(),
        })),
      )
      .returning('id')
      .execute();
    await db
      .insertInto('saved_items')
      .values(
        fill.map((p) => ({
          user_id: userId,
          product_id: p.id,
          saved_price_minor: 100,
          saved_currency: 'USD',
          saved_out_of_stock: false,
        })),
      )
      .execute();
    const older = await createFixtureProduct(db, store, { title: 'Older Guest Save', price: 100 });
    const newer = await createFixtureProduct(db, store, { title: 'Newer Guest Save', price: 100 });
    const guest = new Client(app);
    await guest.put(`/api/saved/${older}`);
    await guest.put(`/api/saved/${newer}`);
    await guest.post('/api/auth/sign-in', { email, password: 'amber-lantern-orbit-42' });
    const ids = (await account.get('/api/saved/product-ids')).json().productIds as string[];
    assert.equal(ids.length, 500);
    assert.ok(ids.includes(newer) && !ids.includes(older));
    await db
      .deleteFrom('saved_items')
      .where('product_id', 'in', [...fill.map((p) => p.id), newer])
      .execute();
  });

  await t.test('housekeeping drops guest rows 30 days after the guest last wrote, and nothing else', async () => {
    const stale = new Client(app);
    await stale.put(`/api/saved/${lamp}`);
    await stale.post('/api/recently-viewed', { productId: rug });
    const active = new Client(app);
    await active.put(`/api/saved/${rug}`);
    await db
      .updateTable('saved_items')
      .set({ saved_at: sql<Date>`now() - interval '31 days'` })
      .where('user_id', 'is', null)
      .where('product_id', '=', lamp)
      .execute();
    await db
      .updateTable('recent_views')
      .set({ viewed_at: sql<Date>`now() - interval '31 days'` })
      .where('user_id', 'is', null)
      .execute();
    const accountRows = await db.selectFrom('saved_items').select('product_id').where('user_id', '=', userId).execute();
    await runHousekeeping(app.souk);
    assert.deepEqual(ids((await stale.get('/api/saved')).json()), []);
    assert.deepEqual((await stale.get('/api/recently-viewed')).json(), { items: [] });
    assert.deepEqual(ids((await active.get('/api/saved')).json()), [rug]);
    assert.equal(
      (await db.selectFrom('saved_items').select('product_id').where('user_id', '=', userId).execute()).length,
      accountRows.length,
    );
  });

  await t.test('"Download your data" carries saved items and recently viewed products', async () => {
    const data = (await account.get('/api/account/export')).json();
    assert.deepEqual(
      data.savedItems.map((s: { product_id: string }) => s.product_id).toSorted(),
      [bowl, lamp, rug].toSorted(),
    );
    assert.ok(
      data.savedItems.every((s: { title: string; saved_price_minor: number }) => s.title && s.saved_price_minor > 0),
    );
    assert.deepEqual(
      data.recentlyViewed.map((v: { product_id: string; title: string }) => [v.product_id, v.title]),
      [
        [rug, 'Wool Rug'],
        [lamp, 'Brass Lamp'],
      ],
    );
  });

  await t.test('erasing the account deletes its saved items and views; the certificate is clean', async () => {
    const other = new Client(app);
    await other.put(`/api/saved/${lamp}`);
    const res = await account.post('/api/account/deletion', { confirmEmail: email });
    assert.equal(res.statusCode, 202, res.body);
    const request = await db.selectFrom('deletion_requests').select(['id']).executeTakeFirstOrThrow();
    assert.equal(await processDeletion(app.souk, request.id), 'completed');
    const done = await db.selectFrom('deletion_requests').select(['status', 'certificate']).executeTakeFirstOrThrow();
    assert.equal(done.status, 'completed');
    assert.equal(done.certificate!.scan.clean, true);
    const owned = Object.fromEntries((done.certificate!.ownership ?? []).map((o) => [o.table, o]));
    assert.equal(owned.saved_items?.gone, 3);
    assert.equal(owned.recent_views?.gone, 2);
    assert.equal(
      (await db.selectFrom('saved_items').select('product_id').where('user_id', '=', userId).execute()).length,
      0,
    );
    assert.equal(
      (await db.selectFrom('recent_views').select('product_id').where('user_id', '=', userId).execute()).length,
      0,
    );
    assert.deepEqual(ids((await other.get('/api/saved')).json()), [lamp], "another person's list is untouched");
  });
});
