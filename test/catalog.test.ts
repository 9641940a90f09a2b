// The public catalog through its HTTP API: search with typos and filters, sorting and pages,
// product pages with offers and shipping for the visitor's country, images, bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp } from './helpers/app.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { refreshOfferPrices } from '../src/modules/catalog/offers.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { COUNT_CAP, RANKED_CANDIDATES, correctTypos } from '../src/modules/catalog/search.ts';

type Money = { amount: number; currency: string };
type Card = {
  id: string;
  title: string;
  price: Money;
  originalPrice: Money | null;
  discountPercent: number | null;
  offerEndsAt: string | null;
  store: { id: string; name: string };
  category: { slug: string };
};
type Page = {
  items: Card[];
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
  correctedQuery: string | null;
};

test('catalog', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 400, stores: 8, seed: 7 });

  // Fixtures with known values, in their own store.
  const { storeId, profileId } = await createFixtureStore(db, 'Fixture Lanterns', [
    { country: 'MA', cost_minor: 0, min_days: 1, max_days: 3 },
    { country: 'FR', cost_minor: 1250, min_days: 4, max_days: 9 },
  ]);
  const mk = (title: string, price: number, extra: Partial<{ stock: number; status: 'active' | 'delisted' }> = {}) =>
    db
      .insertInto('products')
      .values({
        store_id: storeId,
        category_slug: 'home-kitchen',
        shipping_profile_id: profileId,
        title,
        description: `${title}, lit by hand.\nSecond line.`,
        price_minor: price,
        current_price_minor: price,
        currency: 'USD',
        stock: extra.stock ?? 5,
        status: extra.status ?? 'active',
        image_count: 3,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const lantern = await mk('Zanzibar Brass Lantern', 10000);
  const expired = await mk('Zanzibar Copper Lantern', 8000);
  const hidden = await mk('Zanzibar Hidden Lantern', 9000, { status: 'delisted' });
  const hour = 3600_000;
  await db
    .insertInto('offers')
    .values([
      {
        product_id: lantern.id,
        price_minor: 7500,
        starts_at: new Date(Date.now() - hour),
        ends_at: new Date(Date.now() + 48 * hour),
      },
      {
        product_id: expired.id,
        price_minor: 4000,
        starts_at: new Date(Date.now() - 72 * hour),
        ends_at: new Date(Date.now() - hour),
      },
      {
        product_id: expired.id,
        price_minor: 3000,
        starts_at: new Date(Date.now() + hour),
        ends_at: new Date(Date.now() + 72 * hour),
      },
    ])
    .execute();
  await refreshOfferPrices(db, [lantern.id, expired.id]);

  const get = async <T>(url: string, status = 200): Promise<T> => {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, status, `${url}: ${res.body}`);
    return res.json() as T;
  };

  await t.test('search finds by words and tolerates typos', async () => {
    const exact = await get<Page>('/api/search?q=zanzibar%20lantern');
    assert.deepEqual(exact.items.map((i) => i.title).sort(), ['Zanzibar Brass Lantern', 'Zanzibar Copper Lantern']);
    assert.equal(exact.correctedQuery, null);
    const typo = await get<Page>('/api/search?q=zanzibr%20lantrn');
    assert.ok(
      typo.items.some((i) => i.title === 'Zanzibar Brass Lantern'),
      'typo tolerant',
    );
    assert.equal(typo.correctedQuery, 'zanzibar lantern', 'says which query the results are for');
    const none = await get<Page>('/api/search?q=qqqxxyyzz');
    assert.equal(none.total, 0);
    assert.deepEqual(none.items, []);
    assert.equal(none.correctedQuery, null, 'nothing close enough: nothing corrected');
  });

  await t.test(
    'a typo is corrected to the closest word of a listed title; known words and stop words are not',
    async () => {
      assert.equal(await correctTypos(db, 'the Zanzibr lantrn'), 'the zanzibar lantern');
      assert.equal(await correctTypos(db, '"zanzibar lantern"'), null, 'nothing to correct');
      assert.equal(await correctTypos(db, 'qqqxxyyzz'), null, 'nothing close enough');
      // Words that every title has but no product has together: no typo, so no results.
      const apart = await get<Page>('/api/search?q=zanzibar%20teapot');
      assert.equal(apart.total, 0);
      // A title a seller renames brings its new words along.
      await db.updateTable('products').set({ title: 'Zanzibar Quokka Lantern' }).where('id', '=', expired.id).execute();
      try {
        const renamed = await get<Page>('/api/search?q=quoka');
        assert.deepEqual(
          renamed.items.map((i) => i.id),
          [expired.id],
        );
      } finally {
        await db
          .updateTable('products')
          .set({ title: 'Zanzibar Copper Lantern' })
          .where('id', '=', expired.id)
          .execute();
      }
    },
  );

  await t.test('only running offers count: price, old price, discount and end time', async () => {
    const page = await get<Page>('/api/search?q=zanzibar');
    const brass = page.items.find((i) => i.id === lantern.id)!;
    assert.deepEqual(brass.price, { amount: 7500, currency: 'USD' });
    assert.deepEqual(brass.originalPrice, { amount: 10000, currency: 'USD' });
    assert.equal(brass.discountPercent, 25);
    assert.ok(brass.offerEndsAt && new Date(brass.offerEndsAt).getTime() > Date.now());
    const copper = page.items.find((i) => i.id === expired.id)!;
    assert.deepEqual(copper.price, { amount: 8000, currency: 'USD' });
    assert.equal(copper.originalPrice, null);
    assert.equal(copper.offerEndsAt, null);
  });

  await t.test('an offer that ends stops showing at once; one that starts shows after the refresh', async () => {
    const clock = await db
      .insertInto('products')
      .values({
        store_id: storeId,
        category_slug: 'garden',
        shipping_profile_id: profileId,
        title: 'Zanzibar Garden Clock',
        price_minor: 5000,
        current_price_minor: 5000,
        currency: 'USD',
        stock: 1,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const offer = await db
      .insertInto('offers')
      .values({
        product_id: clock.id,
        price_minor: 2500,
        starts_at: new Date(Date.now() - hour),
        ends_at: new Date(Date.now() + hour),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const price = async () => await get<{ price: Money; originalPrice: Money | null }>(`/api/products/${clock.id}`);
    assert.equal((await price()).price.amount, 5000, 'not refreshed yet');
    assert.equal(await refreshOfferPrices(db), 1, 'the periodic refresh finds exactly the started offer');
    assert.deepEqual((await price()).price, { amount: 2500, currency: 'USD' });
    assert.equal(await refreshOfferPrices(db), 0, 'nothing left to refresh');
    // The offer ends (no refresh has run): reads stop showing it immediately.
    await db
      .updateTable('products')
      .set({ offer_ends_at: new Date(Date.now() - 1000) })
      .where('id', '=', clock.id)
      .execute();
    await db
      .updateTable('offers')
      .set({ starts_at: new Date(Date.now() - 2 * hour), ends_at: new Date(Date.now() - 1000) })
      .where('id', '=', offer.id)
      .execute();
    const after = await price();
    assert.deepEqual(after.price, { amount: 5000, currency: 'USD' });
    assert.equal(after.originalPrice, null);
    await refreshOfferPrices(db);
    const row = await db
      .selectFrom('products')
      .select(['offer_price_minor', 'current_price_minor'])
      .where('id', '=', clock.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { offer_price_minor: null, current_price_minor: 5000 });
    await db.updateTable('products').set({ status: 'delisted' }).where('id', '=', clock.id).execute();
  });

  await t.test('delisted products are never shown', async () => {
    const page = await get<Page>('/api/search?q=hidden%20lantern');
    assert.ok(!page.items.some((i) => i.id === hidden.id));
    await get(`/api/products/${hidden.id}`, 404);
  });

  await t.test('filters: category, price range on the current price, ships to, on offer, free shipping', async () => {
    const cat = await get<Page>('/api/search?category=books&pageSize=48');
    assert.ok(cat.total > 0 && cat.items.every((i) => i.category.slug === 'books'));
    const range = await get<Page>('/api/search?minPrice=7000&maxPrice=7600&pageSize=48');
    assert.ok(
      range.items.some((i) => i.id === lantern.id),
      'the offer price (7500) is what the range sees',
    );
    assert.ok(range.items.every((i) => i.price.amount >= 7000 && i.price.amount <= 7600));
    const onOffer = await get<Page>('/api/search?onOffer=true&pageSize=48');
    assert.ok(onOffer.total > 0 && onOffer.items.every((i) => i.originalPrice !== null && i.discountPercent! > 0));
    const toFrance = await get<Page>('/api/search?q=zanzibar&shipsTo=FR');
    assert.ok(toFrance.items.some((i) => i.id === lantern.id));
    const toJapan = await get<Page>('/api/search?q=zanzibar&shipsTo=JP');
    assert.ok(!toJapan.items.some((i) => i.store.id === storeId));
    const freeToMorocco = await get<Page>('/api/search?q=zanzibar&shipsTo=MA&freeShipping=true');
    assert.ok(freeToMorocco.items.some((i) => i.id === lantern.id));
    const freeToFrance = await get<Page>('/api/search?q=zanzibar&shipsTo=FR&freeShipping=true');
    assert.ok(!freeToFrance.items.some((i) => i.store.id === storeId));
  });

  await t.test('sorting and pagination are consistent', async () => {
    const asc = await get<Page>('/api/search?sort=price_asc&pageSize=48');
    const prices = asc.items.map((i) => i.price.amount);
    assert.deepEqual(
      prices,
      [...prices].sort((a, b) => a - b),
    );
    const desc = await get<Page>('/api/search?sort=price_desc&pageSize=10');
    assert.ok(desc.items[0]!.price.amount >= desc.items[9]!.price.amount);
    // One category: fewer matches than COUNT_CAP, so the total is exact and every page is offered.
    const all = new Set<string>();
    const first = await get<Page>('/api/search?sort=newest&category=home-kitchen&pageSize=10');
    for (let page = 1; page <= first.totalPages; page++) {
      for (const item of (await get<Page>(`/api/search?sort=newest&category=home-kitchen&pageSize=10&page=${page}`))
        .items)
        all.add(item.id);
    }
    assert.equal(all.size, first.total, 'every product exactly once across pages');
    const { n } = (
      await sql<{ n: number }>`
      select count(*)::int as n from products p join stores s on s.id = p.store_id
      where p.category_slug = 'home-kitchen' and p.status = 'active' and s.status = 'active'`.execute(db)
    ).rows[0]!;
    assert.ok(n < COUNT_CAP);
    assert.equal(first.total, n, 'the seeded ones + 2 listed fixtures');
    const beyond = await get<Page>(
      `/api/search?sort=newest&category=home-kitchen&pageSize=10&page=${first.totalPages + 1}`,
    );
    assert.deepEqual([beyond.items, beyond.total], [[], n]);
  });

  await t.test('the product page: offer, seller, shipping for the visitor’s country, in one answer', async () => {
    type Product = {
      title: string;
      description: string;
      images: string[];
      price: Money;
      originalPrice: Money | null;
      stock: number;
      store: { name: string; country: string };
      shipping: {
        country: string;
        available: boolean;
        cost: Money | null;
        minDays: number | null;
        maxDays: number | null;
      };
      shipsTo: Array<{ country: string }>;
    };
    const fr = await get<Product>(`/api/products/${lantern.id}?country=FR`);
    assert.equal(fr.title, 'Zanzibar Brass Lantern');
    assert.equal(fr.description, 'Zanzibar Brass Lantern, lit by hand.\nSecond line.');
    assert.equal(fr.images.length, 3);
    assert.deepEqual(fr.price, { amount: 7500, currency: 'USD' });
    assert.deepEqual(fr.store, {
      id: storeId,
      name: 'Fixture Lanterns',
      slug: 'fixture-lanterns',
      country: 'MA',
      rating: { average: null, count: 0 },
    } as Product['store']);
    assert.deepEqual(fr.shipping, {
      country: 'FR',
      available: true,
      cost: { amount: 1250, currency: 'USD' },
      minDays: 4,
      maxDays: 9,
    });
    assert.deepEqual(
      fr.shipsTo.map((r) => r.country),
      ['FR', 'MA'],
    );
    const jp = await get<Product>(`/api/products/${lantern.id}?country=JP`);
    assert.deepEqual(jp.shipping, { country: 'JP', available: false, cost: null, minDays: null, maxDays: null });
    const byHeader = await app.inject({
      method: 'GET',
      url: `/api/products/${lantern.id}`,
      headers: { 'accept-language': 'fr-MA,fr;q=0.9' },
    });
    assert.equal((byHeader.json() as Product).shipping.country, 'MA');
    await get(`/api/products/00000000-0000-4000-8000-000000000000`, 404);
  });

  await t.test('images are generated SVGs, only for existing positions', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/products/${lantern.id}/images/2.svg` });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^image\/svg\+xml/);
    assert.match(res.body, /^<svg /);
    assert.equal(
      (await app.inject({ method: 'GET', url: `/api/products/${lantern.id}/images/3.svg` })).statusCode,
      404,
    );
  });

  await t.test('home and categories list what is listed', async () => {
    const home = await get<{
      categories: Array<{ slug: string; productCount: number }>;
      offers: Card[];
      newest: Card[];
    }>('/api/catalog/home');
    assert.ok(home.categories.length >= 8);
    assert.ok(home.offers.length > 0 && home.offers.every((o) => o.originalPrice !== null));
    const ends = home.offers.map((o) => new Date(o.offerEndsAt!).getTime());
    assert.deepEqual(
      ends,
      [...ends].sort((a, b) => a - b),
      'offers ending soonest first',
    );
    const counted = home.categories.reduce((n, c) => n + c.productCount, 0);
    assert.equal(counted, 402);
  });

  await t.test('bad input is a 400 with a stable code and the field named', async () => {
    for (const url of [
      '/api/search?pageSize=500',
      '/api/search?page=0',
      '/api/search?sort=cheapest',
      '/api/search?shipsTo=france',
      '/api/search?minPrice=-1',
      '/api/search?minPrice=900&maxPrice=100',
      `/api/search?q=${'x'.repeat(201)}`,
      '/api/search?colour=red',
      '/api/products/not-a-uuid',
      `/api/products/${lantern.id}?country=fr`,
    ]) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 400, url);
      assert.equal((res.json() as { error: { code: string } }).error.code, 'VALIDATION_FAILED', url);
    }
  });

  await t.test('a store that is not active takes its listings with it', async () => {
    await db.updateTable('stores').set({ status: 'hidden' }).where('id', '=', storeId).execute();
    const page = await get<Page>('/api/search?q=zanzibar');
    assert.equal(page.items.filter((i) => i.store.id === storeId).length, 0);
    await get(`/api/products/${lantern.id}`, 404);
    // A listing added while the store is hidden takes the store's state too (migration 024's triggers).
    const added = await mk('Zanzibar Night Lantern', 1500);
    assert.equal((await get<Page>('/api/search?q=night%20lantern')).items.length, 0);
    await db.updateTable('stores').set({ status: 'active' }).where('id', '=', storeId).execute();
    assert.ok(
      (await sql<{ n: number }>`select count(*)::int as n from products where store_id = ${storeId}`.execute(db))
        .rows[0]!.n === 5,
    );
    const back = await get<Page>('/api/search?q=zanzibar');
    assert.ok(
      back.items.some((i) => i.id === lantern.id),
      'listed again once the store is active',
    );
    assert.deepEqual(
      (await get<Page>('/api/search?q=night%20lantern')).items.map((i) => i.id),
      [added.id],
    );
    await get(`/api/products/${lantern.id}`);
    await db.deleteFrom('products').where('id', '=', added.id).execute();
  });
});

test('search on a large result set: capped total, exact title first, every page once', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Lamp Works', [
    { country: 'MA', cost_minor: 0, min_days: 1, max_days: 3 },
  ]);
  // 1,050 lanterns that sell well, then the one whose title is exactly the query, never sold.
  await sql`
    insert into products (store_id, category_slug, shipping_profile_id, title, description, price_minor, current_price_minor, currency, stock, sold_count, updated_at)
    select ${store.storeId}, 'home-kitchen', ${store.profileId}, 'Moroccan Brass Lantern, style ' || g, 'A Moroccan lantern in brass.', 1000 + g, 1000 + g, 'USD', 5, 100 + g % 50, now()
    from generate_series(1, 1050) g`.execute(db);
  const exact = await createFixtureProduct(db, store, { title: 'Moroccan Lantern', price: 4000 });
  await sql`analyze products`.execute(db);
  type Capped = Page & { totalIsCapped: boolean };
  const get = async (url: string): Promise<Capped> => {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json() as Capped;
  };

  await t.test('more matches than COUNT_CAP: the total says "more than COUNT_CAP", pages stop there', async () => {
    for (const url of [
      '/api/search?q=lantern',
      '/api/search?category=home-kitchen',
      '/api/search?q=lantern&sort=price_asc',
    ]) {
      const page = await get(url);
      assert.deepEqual(
        [page.total, page.totalIsCapped, page.totalPages],
        [COUNT_CAP + 1, true, Math.ceil(COUNT_CAP / 24)],
        url,
      );
      assert.equal(page.items.length, 24, url);
    }
    const exactCount = await get('/api/search?q=lantern&maxPrice=1100');
    assert.deepEqual([exactCount.total, exactCount.totalIsCapped], [100, false], 'below the cap the total is exact');
  });

  await t.test('the product whose title is the query comes first among a thousand matches', async () => {
    const page = await get('/api/search?q=moroccan%20lantern');
    assert.equal(page.items[0]?.id, exact);
    const lower = await get('/api/search?q=%20MOROCCAN%20%20lantern%20');
    assert.equal(lower.items[0]?.id, exact, 'case and spacing do not matter');
    // Without the exact title, the best match among many is still one of the lanterns.
    assert.match((await get('/api/search?q=brass%20lantern')).items[0]!.title, /^Moroccan Brass Lantern/);
  });

  await t.test('relevance pages run through the ranked block and on into the rest, each match once', async () => {
    const seen = new Set<string>();
    const pages = Math.ceil((RANKED_CANDIDATES + 100) / 48);
    for (let n = 1; n <= pages; n++) {
      const page = await get(`/api/search?q=lantern&pageSize=48&page=${n}`);
      assert.equal(page.items.length, 48, `page ${n} is full`);
      for (const item of page.items) {
        assert.ok(!seen.has(item.id), `${item.title} shown twice (page ${n})`);
        seen.add(item.id);
      }
    }
    assert.equal(seen.size, pages * 48);
  });

  await t.test('a typo finds the lanterns through the corrected words, the exact title first', async () => {
    const page = await get('/api/search?q=morocan%20lantrn');
    assert.ok(page.total > 0);
    assert.equal(page.items[0]?.id, exact, 'the closest title first');
  });
});

test('a store carries its state to its listings, long descriptions and concurrent changes included', async (t) => {
  const testApp = await createTestApp();
  t.after(testApp.close);
  const { app } = testApp;
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Long Tales', [
    { country: 'MA', cost_minor: 0, min_days: 1, max_days: 3 },
  ]);
  const search = async (q: string) =>
    ((await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` })).json() as Page).items.map(
      (i) => i.id,
    );
  const setStore = (status: 'active' | 'hidden') =>
    db.updateTable('stores').set({ status }).where('id', '=', store.storeId).execute();

  await t.test(
    'a listing with the longest description the API takes is listed, hidden with its store, and listed again',
    async () => {
      // 10,000 characters of distinct words: a search vector far larger than an index entry may be.
      const words = Array.from({ length: 1400 }, (_, i) => `w${i.toString(36)}x${(i * 7919).toString(36)}`);
      const description = `${words.join(' ')} quetzalcoatl`.slice(0, 9_990);
      const id = await createFixtureProduct(db, store, {
        title: 'Storyteller Lantern',
        price: 2500,
        description: `${description} zephyrine`,
      });
      assert.deepEqual(await search('zephyrine'), [id], 'a word at the end of the description is found');
      await setStore('hidden');
      assert.deepEqual(await search('zephyrine'), []);
      await setStore('active');
      assert.deepEqual(await search('zephyrine'), [id]);
      await db
        .updateTable('products')
        .set({ description: `${description.slice(0, 9_970)} zephyrine again` })
        .where('id', '=', id)
        .execute();
      assert.deepEqual(await search('storyteller'), [id]);
    },
  );

  await t.test(
    'a listing added while its store is being hidden ends up hidden with it',
    {
      skip: testApp.engine === 'pglite' ? 'PGlite runs one transaction at a time' : false,
    },
    async () => {
      let inserted!: () => void;
      let release!: () => void;
      const insertedOnce = new Promise<void>((resolve) => (inserted = resolve));
      const held = new Promise<void>((resolve) => (release = resolve));
      const adding = db.transaction().execute(async (trx) => {
        const id = await createFixtureProduct(trx, store, { title: 'Racing Lantern', price: 1200 });
        inserted();
        await held;
        return id;
      });
      await insertedOnce;
      // The store's change waits for the transaction that read the store to add its product.
      let hidden = false;
      const hiding = setStore('hidden').then(() => (hidden = true));
      await new Promise((resolve) => setTimeout(resolve, 150));
      const waited = !hidden;
      release();
      const id = await adding;
      assert.ok(waited, 'hiding the store waits for the listing being added');
      await hiding;
      const { rows } = await sql<{ store_active: boolean }>`select store_active from products where id = ${id}`.execute(
        db,
      );
      assert.equal(rows[0]!.store_active, false);
      assert.deepEqual(await search('racing'), []);
      await setStore('active');
      assert.deepEqual(await search('racing'), [id]);
    },
  );
});

test('searches past the waiting line are refused at once with 503 BUSY and Retry-After, and the line is served', async (t) => {
  // One search at a time, so 25 may wait (SEARCH_QUEUE_PER_SLOT); a lock on products holds them all.
  // Without the catalogue cache (decision 056): with it, the 30 requests for 3 pages are 3 searches,
  // the others wait for those, and on PGlite its one connection holds every request before the search.
  const testApp = await createTestApp({ SEARCH_CONCURRENCY: '1', CATALOG_CACHE_MB: '0' });
  t.after(testApp.close);
  const { app } = testApp;
  const db = app.souk.db;
  await seedCatalog(db, { products: 30, stores: 2, seed: 3 });
  let locked!: () => void;
  let release!: () => void;
  const lockHeld = new Promise<void>((resolve) => (locked = resolve));
  const held = new Promise<void>((resolve) => (release = resolve));
  const holder = db.transaction().execute(async (trx) => {
    await sql`lock table products in access exclusive mode`.execute(trx);
    locked();
    await held;
  });
  await lockHeld;
  const answers: Array<{ status: number; code?: string; retryAfter?: string }> = [];
  const requests = Array.from({ length: 30 }, (_, i) =>
    app.inject({ method: 'GET', url: `/api/search?q=lantern&page=${(i % 3) + 1}` }).then((res) => {
      const body = res.json() as { error?: { code: string } };
      answers.push({
        status: res.statusCode,
        code: body.error?.code,
        retryAfter: res.headers['retry-after'] as string | undefined,
      });
    }),
  );
  try {
    // The refused answer at once, while the others wait behind the lock.
    const deadline = Date.now() + 10_000;
    while (answers.length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(
      answers,
      Array.from({ length: 4 }, () => ({ status: 503, code: 'BUSY', retryAfter: '1' })),
    );
  } finally {
    release();
    await holder;
    await Promise.all(requests);
  }
  assert.deepEqual(
    answers.slice(4).map((a) => a.status),
    Array.from({ length: 26 }, () => 200),
    'the 26 in line are served',
  );
});
