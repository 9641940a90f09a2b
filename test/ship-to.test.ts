// Shipping to where the shopper is (issue 18): listings filtered to the products that ship to a
// country (search, category, store page), with pages and counts; the cart flagging lines that
// cannot reach a country; checkout refusing them. Through the HTTP API on a real database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Client, createTestApp, signUpAndSignIn } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore, type FixtureRate } from './helpers/catalog.ts';

type Page = { items: Array<{ id: string; title: string }>; total: number; totalPages: number; page: number };
type Cart = {
  country: string | null;
  lines: Array<{ productId: string; problem: string | null }>;
  subtotals: Array<{ amount: number; currency: string }>;
};

const rate = (country: string, cost_minor = 500): FixtureRate => ({ country, cost_minor, min_days: 2, max_days: 6 });
/** A profile with a rate for each of these countries: how a seller ships "worldwide" (there is no wildcard rate). */
const WORLDWIDE = ['US', 'FR', 'DE', 'GB', 'JP', 'MA', 'ES', 'IT', 'CA', 'AU'].map((c) => rate(c));

test('ship-to: filtered listings, the cart and checkout', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  const visitor = new Client(app);
  const get = async <T>(url: string): Promise<T> => {
    const res = await visitor.get(url);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as T;
  };

  await db.insertInto('categories').values({ slug: 'home-kitchen', name: 'Home & Kitchen' }).execute();
  // Three stores: one ships everywhere, one to France only, one to Japan and Morocco.
  const everywhere = await createFixtureStore(db, 'Qasba Everywhere', WORLDWIDE);
  const france = await createFixtureStore(db, 'Lyon Only', [rate('FR', 0)]);
  const east = await createFixtureStore(db, 'Kyoto Marrakech', [rate('JP'), rate('MA')]);
  const ids: Record<string, string> = {};
  for (const [store, title] of [
    [everywhere, 'Brass Lantern Worldwide'],
    [everywhere, 'Cedar Box Worldwide'],
    [france, 'Linen Lantern France'],
    [france, 'Clay Bowl France'],
    [france, 'Wool Throw France'],
    [east, 'Tea Lantern East'],
  ] as const) {
    ids[title] = await createFixtureProduct(db, store, { title, price: 2000, category: 'home-kitchen' });
  }
  const titles = (page: Page) => page.items.map((i) => i.title).sort();

  await t.test('a category page filtered to a country lists only what ships there, with its count', async () => {
    const all = await get<Page>('/api/search?category=home-kitchen');
    assert.equal(all.total, 6);
    const toFrance = await get<Page>('/api/search?category=home-kitchen&shipsTo=FR');
    assert.equal(toFrance.total, 5);
    assert.deepEqual(titles(toFrance), [
      'Brass Lantern Worldwide',
      'Cedar Box Worldwide',
      'Clay Bowl France',
      'Linen Lantern France',
      'Wool Throw France',
    ]);
    // The worldwide profile reaches a country no other store ships to; nothing reaches Brazil.
    assert.deepEqual(titles(await get<Page>('/api/search?category=home-kitchen&shipsTo=US')), [
      'Brass Lantern Worldwide',
      'Cedar Box Worldwide',
    ]);
    const brazil = await get<Page>('/api/search?category=home-kitchen&shipsTo=BR');
    assert.deepEqual([brazil.total, brazil.items.length, brazil.totalPages], [0, 0, 0]);
  });

  await t.test('filtered pages split the filtered matches, not all of them', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await get<Page>(`/api/search?category=home-kitchen&shipsTo=FR&sort=newest&pageSize=2&page=${page}`);
      assert.equal(p.total, 5);
      assert.equal(p.totalPages, 3);
      seen.push(...p.items.map((i) => i.title));
    }
    assert.equal(seen.length, 5);
    assert.equal(new Set(seen).size, 5);
    assert.ok(!seen.includes('Tea Lantern East'));
    const unfiltered = await get<Page>('/api/search?category=home-kitchen&sort=newest&pageSize=2&page=3');
    assert.equal(unfiltered.totalPages, 3);
    assert.equal(unfiltered.items.length, 2);
  });

  await t.test('search words and the ship-to filter together', async () => {
    assert.deepEqual(titles(await get<Page>('/api/search?q=lantern')), [
      'Brass Lantern Worldwide',
      'Linen Lantern France',
      'Tea Lantern East',
    ]);
    assert.deepEqual(titles(await get<Page>('/api/search?q=lantern&shipsTo=JP')), [
      'Brass Lantern Worldwide',
      'Tea Lantern East',
    ]);
  });

  await t.test('a store page filtered to a country', async () => {
    const { slug } = await db
      .selectFrom('stores')
      .select('slug')
      .where('id', '=', east.storeId)
      .executeTakeFirstOrThrow();
    type StorePage = { store: { name: string }; products: Page };
    const all = await get<StorePage>(`/api/stores/${slug}`);
    assert.equal(all.products.total, 1);
    const toFrance = await get<StorePage>(`/api/stores/${slug}?shipsTo=FR`);
    // The store's facts still come back: only its listing is filtered.
    assert.deepEqual(
      [toFrance.store.name, toFrance.products.total, toFrance.products.items.length],
      ['Kyoto Marrakech', 0, 0],
    );
    assert.equal((await get<StorePage>(`/api/stores/${slug}?shipsTo=MA`)).products.total, 1);
    assert.equal((await visitor.get(`/api/stores/${slug}?shipsTo=france`)).statusCode, 400);
    assert.equal((await visitor.get(`/api/stores/${slug}?shipsTo=all`)).statusCode, 400);
  });

  await t.test('a rate added by the seller puts the product in the filtered listing at once', async () => {
    await db
      .insertInto('shipping_rates')
      .values({ profile_id: east.profileId, ...rate('FR') })
      .execute();
    assert.equal((await get<Page>('/api/search?category=home-kitchen&shipsTo=FR')).total, 6);
    await db
      .deleteFrom('shipping_rates')
      .where('profile_id', '=', east.profileId)
      .where('country', '=', 'FR')
      .execute();
    assert.equal((await get<Page>('/api/search?category=home-kitchen&shipsTo=FR')).total, 5);
  });

  await t.test('a changed rate or a product moved to another profile is filtered by its new countries', async () => {
    await db
      .updateTable('shipping_rates')
      .set({ country: 'BR' })
      .where('profile_id', '=', east.profileId)
      .where('country', '=', 'JP')
      .execute();
    assert.deepEqual(titles(await get<Page>('/api/search?category=home-kitchen&shipsTo=BR')), ['Tea Lantern East']);
    assert.equal((await get<Page>('/api/search?category=home-kitchen&shipsTo=JP')).total, 2);
    await db
      .updateTable('shipping_rates')
      .set({ country: 'JP' })
      .where('profile_id', '=', east.profileId)
      .where('country', '=', 'BR')
      .execute();
    const cedar = ids['Cedar Box Worldwide']!;
    await db.updateTable('products').set({ shipping_profile_id: france.profileId }).where('id', '=', cedar).execute();
    assert.deepEqual(titles(await get<Page>('/api/search?category=home-kitchen&shipsTo=US')), [
      'Brass Lantern Worldwide',
    ]);
    await db
      .updateTable('products')
      .set({ shipping_profile_id: everywhere.profileId })
      .where('id', '=', cedar)
      .execute();
    assert.equal((await get<Page>('/api/search?category=home-kitchen&shipsTo=US')).total, 2);
  });

  await t.test('the home page lists only new arrivals and offers that ship to shipsTo when given', async () => {
    type Home = { newest: Array<{ title: string }>; offers: Array<{ title: string }> };
    const names = (cards: Array<{ title: string }>) => cards.map((c) => c.title).sort();
    const ends = new Date(Date.now() + 86_400_000);
    await db
      .updateTable('products')
      .set({ offer_price_minor: 1500, offer_ends_at: ends, current_price_minor: 1500 })
      .where('id', 'in', [ids['Clay Bowl France']!, ids['Tea Lantern East']!])
      .execute();
    const everything = await get<Home>('/api/catalog/home');
    assert.equal(everything.newest.length, 6);
    assert.deepEqual(names(everything.offers), ['Clay Bowl France', 'Tea Lantern East']);
    const toUs = await get<Home>('/api/catalog/home?shipsTo=US');
    assert.deepEqual(names(toUs.newest), ['Brass Lantern Worldwide', 'Cedar Box Worldwide']);
    assert.deepEqual(toUs.offers, []);
    const toMorocco = await get<Home>('/api/catalog/home?shipsTo=MA');
    assert.deepEqual(names(toMorocco.newest), ['Brass Lantern Worldwide', 'Cedar Box Worldwide', 'Tea Lantern East']);
    assert.deepEqual(names(toMorocco.offers), ['Tea Lantern East']);
    assert.equal((await visitor.get('/api/catalog/home?shipsTo=morocco')).statusCode, 400);
    await db
      .updateTable('products')
      .set({ offer_price_minor: null, offer_ends_at: null, current_price_minor: 2000 })
      .where('id', 'in', [ids['Clay Bowl France']!, ids['Tea Lantern East']!])
      .execute();
  });

  await t.test('the cart flags lines that do not ship to the country, and checkout refuses them', async () => {
    const buyer = await signUpAndSignIn(app, 'ship.buyer@example.com', undefined, 'Ship Buyer');
    await buyer.post('/api/cart/lines', { productId: ids['Brass Lantern Worldwide']!, quantity: 1 });
    const added = await buyer.post('/api/cart/lines?country=US', { productId: ids['Clay Bowl France']!, quantity: 2 });
    assert.equal(added.statusCode, 200, added.body);
    const problems = (cart: Cart) => cart.lines.map((l) => [l.productId, l.problem]);
    assert.deepEqual(problems(added.json() as Cart), [
      [ids['Brass Lantern Worldwide'], null],
      [ids['Clay Bowl France'], 'not_shippable'],
    ]);

    const toUs = (await buyer.get('/api/cart?country=US')).json() as Cart;
    assert.equal(toUs.country, 'US');
    // Subtotals count only what can be bought there.
    assert.deepEqual(toUs.subtotals, [{ amount: 2000, currency: 'USD' }]);
    const toFrance = (await buyer.get('/api/cart?country=FR')).json() as Cart;
    assert.deepEqual(
      toFrance.lines.map((l) => l.problem),
      [null, null],
    );
    assert.deepEqual(toFrance.subtotals, [{ amount: 6000, currency: 'USD' }]);
    const unchecked = (await buyer.get('/api/cart')).json() as Cart;
    assert.deepEqual([unchecked.country, unchecked.lines.map((l) => l.problem)], [null, [null, null]]);
    assert.equal((await buyer.get('/api/cart?country=us')).statusCode, 400);

    // The checkout preview for a saved address in the US flags the line and its seller.
    const address = await buyer.post('/api/addresses', {
      fullName: 'Ship Buyer',
      line1: '1 Main Street',
      city: 'Boston',
      postalCode: '02101',
      country: 'US',
      phone: '+1 617 555 0100',
    });
    assert.equal(address.statusCode, 201, address.body);
    const addressId = (address.json() as { id: string }).id;
    type Quote = {
      canPlace: boolean;
      groups: Array<{ lines: Array<{ productId: string; problem: string | null }> }>;
      problems: Array<{ code: string; storeId: string | null; productId: string | null }>;
    };
    const quote = (await buyer.get(`/api/checkout?addressId=${addressId}`)).json() as Quote;
    assert.equal(quote.canPlace, false);
    assert.deepEqual(
      quote.problems.map((p) => [p.code, p.storeId]),
      [['NOT_SHIPPABLE', france.storeId]],
    );
    assert.deepEqual(
      quote.groups.flatMap((g) => g.lines.map((l) => [l.productId, l.problem])),
      [
        [ids['Brass Lantern Worldwide'], null],
        [ids['Clay Bowl France'], 'not_shippable'],
      ],
    );

    const orders = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from orders`.execute(db)).rows[0]!.n);
    const before = await orders();
    const placed = await buyer.post('/api/checkout', {
      idempotencyKey: randomUUID(),
      addressId,
      card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' },
      expectedTotal: { amount: 6500, currency: 'USD' },
    });
    assert.equal(placed.statusCode, 409, placed.body);
    assert.equal((placed.json() as { error: { code: string } }).error.code, 'NOT_SHIPPABLE');
    assert.equal(await orders(), before);
    assert.equal(((await buyer.get('/api/cart')).json() as Cart).lines.length, 2);
  });
});
