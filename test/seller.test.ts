// The seller center through its HTTP API: opening a store, shipping profiles, products, offers
// that reprice listings at once, image uploads served back publicly; bad input, and who may
// touch what (signed out 401, no store 403, another store's ids 404, with nothing changed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, ORIGIN, signUpAndSignIn, type Client } from './helpers/app.ts';
import { CATEGORIES } from '../src/modules/catalog/demo-data.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { deleteStoreImages } from '../src/modules/catalog/seller/images.ts';
import { createMemoryStorage } from '../src/storage.ts';

type Money = { amount: number; currency: string };
type Store = { id: string; name: string; country: string; description: string; status: string };
type Profile = {
  id: string;
  label: string;
  productCount: number;
  rates: Array<{ country: string; cost: number; minDays: number; maxDays: number }>;
};
type Image = { id: string; position: number; url: string; contentType: string; size: number };
type Offer = { id: string; price: Money; startsAt: string; endsAt: string; state: string };
type Product = {
  id: string;
  title: string;
  description: string;
  price: Money;
  currentPrice: Money;
  stock: number;
  status: string;
  imageUrl: string;
  imageCount: number;
  images: Image[];
  offers: Offer[];
  shippingProfileId: string;
  category: { slug: string };
};
type PublicProduct = {
  price: Money;
  originalPrice: Money | null;
  discountPercent: number | null;
  images: string[];
  store: { name: string };
  shipping: { available: boolean; cost: Money | null };
  shipsTo: Array<{ country: string; cost: Money }>;
};
type Card = { id: string; imageUrl: string; price: Money; originalPrice: Money | null };

// The smallest real images of each type (1×1 pixel), and bytes that only pretend.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const WEBP = Buffer.from('UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA', 'base64');

const code = (res: LightMyRequestResponse) => (res.json() as { error: { code: string } }).error.code;
const fields = (res: LightMyRequestResponse) =>
  ((res.json() as { error: { details?: Array<{ field: string }> } }).error.details ?? []).map((d) => d.field);

function expectError(res: LightMyRequestResponse, status: number, errorCode: string, field?: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.equal(code(res), errorCode, res.body);
  if (field !== undefined) assert.ok(fields(res).includes(field), `expected a detail for ${field}: ${res.body}`);
}

function upload(client: Client, productId: string, data: Buffer, type = 'image/png') {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return client.app.inject({
    method: 'POST',
    url: `/api/seller/products/${productId}/images`,
    headers: { origin: ORIGIN, 'content-type': type, ...(cookie ? { cookie } : {}) },
    payload: data,
  });
}

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

test('seller center API', async (t) => {
  const storage = createMemoryStorage();
  const { app, close } = await createTestApp({}, { storage });
  t.after(close);
  const db = app.souk.db;
  await db
    .insertInto('categories')
    .values(CATEGORIES.map((c, i) => ({ slug: c.slug, name: c.name, position: i })))
    .execute();

  const amina = await signUpAndSignIn(app, 'amina@example.com');
  const bilal = await signUpAndSignIn(app, 'bilal@example.com');
  const buyer = await signUpAndSignIn(app, 'buyer@example.com');
  const anonymous = app.inject.bind(app);
  const get = async <T>(url: string): Promise<T> => {
    const res = await anonymous({ method: 'GET', url });
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json() as T;
  };

  const validProfile = {
    label: 'Standard',
    rates: [
      { country: 'MA', cost: 0, minDays: 1, maxDays: 3 },
      { country: 'FR', cost: 1500, minDays: 4, maxDays: 8 },
    ],
  };
  let profile: Profile;
  let product: Product;

  await t.test('signed out, every seller route is 401 and nothing is created', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [method, url] of [
      ['POST', '/api/stores'],
      ['GET', '/api/seller/store'],
      ['PATCH', '/api/seller/store'],
      ['GET', '/api/seller/shipping-profiles'],
      ['POST', '/api/seller/shipping-profiles'],
      ['PUT', `/api/seller/shipping-profiles/${id}`],
      ['DELETE', `/api/seller/shipping-profiles/${id}`],
      ['GET', '/api/seller/products'],
      ['POST', '/api/seller/products'],
      ['PATCH', `/api/seller/products/${id}`],
      ['DELETE', `/api/seller/products/${id}`],
      ['GET', `/api/seller/products/${id}/offers`],
      ['POST', `/api/seller/products/${id}/offers`],
      ['DELETE', `/api/seller/products/${id}/offers/${id}`],
      ['POST', `/api/seller/products/${id}/images`],
      ['DELETE', `/api/seller/products/${id}/images/${id}`],
    ] as const) {
      const res = await anonymous({
        method,
        url,
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'Sneaky', country: 'MA' }),
      });
      expectError(res, 401, 'UNAUTHENTICATED');
    }
    assert.equal((await db.selectFrom('stores').selectAll().execute()).length, 0);
  });

  await t.test('without a store, seller routes are 403 NO_STORE, even with a bad body', async () => {
    expectError(await amina.get('/api/seller/store'), 403, 'NO_STORE');
    expectError(await amina.get('/api/seller/products'), 403, 'NO_STORE');
    expectError(await amina.get('/api/seller/shipping-profiles'), 403, 'NO_STORE');
    expectError(await amina.post('/api/seller/products', { title: 42 }), 403, 'NO_STORE');
    expectError(await upload(amina, '00000000-0000-4000-8000-000000000000', PNG), 403, 'NO_STORE');
  });

  await t.test('opening a store: bad input is a 400 naming the field', async () => {
    expectError(await amina.post('/api/stores', { country: 'MA' }), 400, 'VALIDATION_FAILED', 'name');
    expectError(await amina.post('/api/stores', { name: 123, country: 'MA' }), 400, 'VALIDATION_FAILED', 'name');
    expectError(await amina.post('/api/stores', { name: '   ', country: 'MA' }), 400, 'VALIDATION_FAILED', 'name');
    expectError(
      await amina.post('/api/stores', { name: 'x'.repeat(81), country: 'MA' }),
      400,
      'VALIDATION_FAILED',
      'name',
    );
    expectError(
      await amina.post('/api/stores', { name: 'Amina Ceramics', country: 'ma' }),
      400,
      'VALIDATION_FAILED',
      'country',
    );
    expectError(
      await amina.post('/api/stores', { name: 'Amina Ceramics', country: 'MA', owner: 'someone' }),
      400,
      'VALIDATION_FAILED',
      'owner',
    );
    expectError(
      await amina.post('/api/stores', { name: 'Amina Ceramics', country: 'MA', description: 'x'.repeat(2001) }),
      400,
      'VALIDATION_FAILED',
      'description',
    );
    expectError(
      await amina.post('/api/stores', 'name=Amina', { 'content-type': 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    assert.equal((await db.selectFrom('stores').selectAll().execute()).length, 0);
  });

  await t.test('an account opens one store, reads and changes it', async () => {
    const opened = await amina.post('/api/stores', {
      name: '  Amina Ceramics ',
      country: 'MA',
      description: 'Tiles from Fez.',
    });
    assert.equal(opened.statusCode, 201, opened.body);
    const store = opened.json() as Store;
    assert.deepEqual(
      [store.name, store.country, store.description, store.status],
      ['Amina Ceramics', 'MA', 'Tiles from Fez.', 'active'],
    );
    expectError(await amina.post('/api/stores', { name: 'Second', country: 'FR' }), 409, 'STORE_EXISTS');
    assert.deepEqual((await amina.get('/api/seller/store')).json(), opened.json());
    const changed = await amina.patch('/api/seller/store', { name: 'Amina Tiles', description: '' });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual([(changed.json() as Store).name, (changed.json() as Store).description], ['Amina Tiles', '']);
    expectError(await amina.patch('/api/seller/store', {}), 400, 'VALIDATION_FAILED');
    expectError(await amina.patch('/api/seller/store', { status: 'closed' }), 400, 'VALIDATION_FAILED', 'status');
    expectError(await amina.patch('/api/seller/store', { ownerUserId: 'x' }), 400, 'VALIDATION_FAILED', 'ownerUserId');
    assert.equal((await bilal.post('/api/stores', { name: 'Bilal Books', country: 'FR' })).statusCode, 201);
  });

  await t.test('shipping profiles: create, read, replace; rates are checked', async () => {
    expectError(
      await amina.post('/api/seller/shipping-profiles', { label: 'Empty', rates: [] }),
      400,
      'VALIDATION_FAILED',
      'rates',
    );
    expectError(
      await amina.post('/api/seller/shipping-profiles', {
        label: 'Dup',
        rates: [validProfile.rates[0], validProfile.rates[0]],
      }),
      400,
      'VALIDATION_FAILED',
      'rates.1.country',
    );
    expectError(
      await amina.post('/api/seller/shipping-profiles', {
        label: 'Slow',
        rates: [{ country: 'MA', cost: 0, minDays: 5, maxDays: 2 }],
      }),
      400,
      'VALIDATION_FAILED',
      'rates.0.maxDays',
    );
    expectError(
      await amina.post('/api/seller/shipping-profiles', {
        label: 'Neg',
        rates: [{ country: 'MA', cost: -1, minDays: 1, maxDays: 2 }],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await amina.post('/api/seller/shipping-profiles', {
        label: 'Str',
        rates: [{ country: 'MA', cost: '5', minDays: 1, maxDays: 2 }],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await amina.post('/api/seller/shipping-profiles', { label: 'x'.repeat(81), rates: validProfile.rates }),
      400,
      'VALIDATION_FAILED',
      'label',
    );
    expectError(
      await amina.post('/api/seller/shipping-profiles', { ...validProfile, currency: 'USD' }),
      400,
      'VALIDATION_FAILED',
      'currency',
    );
    const created = await amina.post('/api/seller/shipping-profiles', validProfile);
    assert.equal(created.statusCode, 201, created.body);
    profile = created.json() as Profile;
    assert.deepEqual(
      profile.rates.map((r) => r.country),
      ['FR', 'MA'],
    );
    assert.equal(profile.productCount, 0);
    assert.deepEqual((await amina.get(`/api/seller/shipping-profiles/${profile.id}`)).json(), profile);
    const replaced = await amina.put(`/api/seller/shipping-profiles/${profile.id}`, {
      label: 'Standard post',
      rates: [...validProfile.rates, { country: 'DE', cost: 2000, minDays: 5, maxDays: 9 }],
    });
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.deepEqual(
      (replaced.json() as Profile).rates.map((r) => r.country),
      ['DE', 'FR', 'MA'],
    );
    const list = (await amina.get('/api/seller/shipping-profiles')).json() as { profiles: Profile[] };
    assert.deepEqual(
      list.profiles.map((p) => p.label),
      ['Standard post'],
    );
    expectError(await amina.get('/api/seller/shipping-profiles/not-a-uuid'), 400, 'VALIDATION_FAILED');
  });

  await t.test('products: bad input is a 400 naming the field, and nothing is stored', async () => {
    const good = {
      title: 'Zellige Tile Set',
      description: 'Twelve hand-cut tiles.',
      category: 'home-kitchen',
      price: { amount: 4000, currency: 'USD' },
      stock: 7,
      shippingProfileId: profile.id,
    };
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ ...good, title: 42 }, 'title'],
      [{ ...good, title: 'x'.repeat(201) }, 'title'],
      [{ ...good, description: 'x'.repeat(10_001) }, 'description'],
      [{ ...good, price: { amount: '4000', currency: 'USD' } }, 'price.amount'],
      [{ ...good, price: { amount: 0, currency: 'USD' } }, 'price.amount'],
      [{ ...good, price: { amount: 40.5, currency: 'USD' } }, 'price.amount'],
      [{ ...good, price: { amount: 4000, currency: 'usd' } }, 'price.currency'],
      [{ ...good, price: { amount: 4000, currency: 'XYZ' } }, 'price.currency'],
      [{ ...good, stock: -1 }, 'stock'],
      [{ ...good, status: 'sold' }, 'status'],
      [{ ...good, category: 'weapons' }, 'category'],
      [{ ...good, shippingProfileId: '00000000-0000-4000-8000-000000000000' }, 'shippingProfileId'],
      [{ ...good, featured: true }, 'featured'],
      [{ title: 'No price' }, 'category'],
    ];
    for (const [body, field] of bad)
      expectError(await amina.post('/api/seller/products', body), 400, 'VALIDATION_FAILED', field);
    assert.equal((await db.selectFrom('products').selectAll().execute()).length, 0);
    const created = await amina.post('/api/seller/products', good);
    assert.equal(created.statusCode, 201, created.body);
    product = created.json() as Product;
    assert.deepEqual(
      [product.title, product.price, product.currentPrice, product.stock, product.status, product.imageCount],
      ['Zellige Tile Set', { amount: 4000, currency: 'USD' }, { amount: 4000, currency: 'USD' }, 7, 'active', 0],
    );
  });

  await t.test('a new product is listed at once, with a generated picture until images are uploaded', async () => {
    const page = await get<{ items: Card[] }>('/api/search?q=zellige');
    assert.deepEqual(
      page.items.map((i) => i.id),
      [product.id],
    );
    const pub = await get<PublicProduct>(`/api/products/${product.id}?country=FR`);
    assert.deepEqual([pub.store.name, pub.shipping.cost], ['Amina Tiles', { amount: 1500, currency: 'USD' }]);
    // The page lists the profile's rates as last saved (the replaced profile added Germany).
    assert.deepEqual(
      pub.shipsTo.map((r) => [r.country, r.cost.amount]),
      [
        ['DE', 2000],
        ['FR', 1500],
        ['MA', 0],
      ],
    );
    assert.deepEqual((await get<PublicProduct>(`/api/products/${product.id}?country=DE`)).shipping.cost, {
      amount: 2000,
      currency: 'USD',
    });
    assert.deepEqual(pub.images, [`/api/products/${product.id}/images/0`]);
    const image = await anonymous({ method: 'GET', url: pub.images[0]! });
    assert.match(String(image.headers['content-type']), /^image\/svg\+xml/);
  });

  await t.test('products: list, read, change, delist', async () => {
    const list = (await amina.get('/api/seller/products')).json() as { items: Product[]; total: number };
    assert.deepEqual([list.total, list.items.map((p) => p.id)], [1, [product.id]]);
    assert.deepEqual(((await bilal.get('/api/seller/products')).json() as { total: number }).total, 0);
    const changed = await amina.patch(`/api/seller/products/${product.id}`, {
      stock: 3,
      description: 'Twelve tiles, cut by hand.',
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual(
      [(changed.json() as Product).stock, (changed.json() as Product).description],
      [3, 'Twelve tiles, cut by hand.'],
    );
    expectError(await amina.patch(`/api/seller/products/${product.id}`, {}), 400, 'VALIDATION_FAILED');
    expectError(
      await amina.patch(`/api/seller/products/${product.id}`, { stock: 1.5 }),
      400,
      'VALIDATION_FAILED',
      'stock',
    );
    assert.equal((await amina.patch(`/api/seller/products/${product.id}`, { status: 'delisted' })).statusCode, 200);
    assert.equal((await get<{ total: number }>('/api/search?q=zellige')).total, 0);
    assert.equal((await anonymous({ method: 'GET', url: `/api/products/${product.id}` })).statusCode, 404);
    assert.equal(((await amina.get('/api/seller/products?status=delisted')).json() as { total: number }).total, 1);
    assert.equal((await amina.patch(`/api/seller/products/${product.id}`, { status: 'active' })).statusCode, 200);
    expectError(await amina.get('/api/seller/products?pageSize=1000'), 400, 'VALIDATION_FAILED');
  });

  await t.test('a hidden store takes its listings with it', async () => {
    assert.equal((await amina.patch('/api/seller/store', { status: 'hidden' })).statusCode, 200);
    assert.equal((await get<{ total: number }>('/api/search?q=zellige')).total, 0);
    assert.equal((await amina.patch('/api/seller/store', { status: 'active' })).statusCode, 200);
    assert.equal((await get<{ total: number }>('/api/search?q=zellige')).total, 1);
  });

  await t.test('an offer changes the current price in search and on the product page at once', async () => {
    const url = `/api/seller/products/${product.id}/offers`;
    expectError(await amina.post(url, { price: 4000, endsAt: inHours(24) }), 400, 'VALIDATION_FAILED', 'price');
    expectError(await amina.post(url, { price: 3000, endsAt: inHours(-1) }), 400, 'VALIDATION_FAILED', 'endsAt');
    expectError(
      await amina.post(url, { price: 3000, startsAt: inHours(5), endsAt: inHours(2) }),
      400,
      'VALIDATION_FAILED',
      'endsAt',
    );
    expectError(await amina.post(url, { price: 3000, endsAt: 'tomorrow' }), 400, 'VALIDATION_FAILED', 'endsAt');
    expectError(await amina.post(url, { price: '3000', endsAt: inHours(24) }), 400, 'VALIDATION_FAILED', 'price');
    expectError(await amina.post(url, { price: 3000 }), 400, 'VALIDATION_FAILED', 'endsAt');
    const scheduled = await amina.post(url, { price: 2000, startsAt: inHours(24), endsAt: inHours(48) });
    assert.equal(scheduled.statusCode, 201, scheduled.body);
    assert.equal((scheduled.json() as Offer).state, 'scheduled');
    assert.deepEqual(
      (await get<PublicProduct>(`/api/products/${product.id}`)).price,
      { amount: 4000, currency: 'USD' },
      'a scheduled offer does not count yet',
    );
    const running = await amina.post(url, { price: 3000, endsAt: inHours(24) });
    assert.equal(running.statusCode, 201, running.body);
    const offer = running.json() as Offer;
    assert.deepEqual([offer.state, offer.price], ['running', { amount: 3000, currency: 'USD' }]);
    const pub = await get<PublicProduct>(`/api/products/${product.id}`);
    assert.deepEqual(
      [pub.price, pub.originalPrice, pub.discountPercent],
      [{ amount: 3000, currency: 'USD' }, { amount: 4000, currency: 'USD' }, 25],
    );
    const card = (await get<{ items: Card[] }>('/api/search?q=zellige&onOffer=true')).items[0]!;
    assert.deepEqual([card.id, card.price.amount, card.originalPrice?.amount], [product.id, 3000, 4000]);
    assert.equal(
      (await get<{ total: number }>('/api/search?q=zellige&maxPrice=3000')).total,
      1,
      'filters see the offer price',
    );
    const own = (await amina.get(`/api/seller/products/${product.id}`)).json() as Product;
    assert.deepEqual([own.currentPrice.amount, own.offers.map((o) => o.state)], [3000, ['running', 'scheduled']]);
    const listed = (await amina.get(url)).json() as { offers: Offer[] };
    assert.equal(listed.offers.length, 2);
    // A list price below the offer makes the offer irrelevant at once.
    assert.equal(
      (await amina.patch(`/api/seller/products/${product.id}`, { price: { amount: 2500, currency: 'USD' } }))
        .statusCode,
      200,
    );
    assert.deepEqual(
      [
        (await get<PublicProduct>(`/api/products/${product.id}`)).price.amount,
        (await get<PublicProduct>(`/api/products/${product.id}`)).originalPrice,
      ],
      [2500, null],
    );
    assert.equal(
      (await amina.patch(`/api/seller/products/${product.id}`, { price: { amount: 4000, currency: 'USD' } }))
        .statusCode,
      200,
    );
    assert.equal((await get<PublicProduct>(`/api/products/${product.id}`)).price.amount, 3000);
    // Deleting the running offer ends it at once.
    assert.equal((await amina.delete(`${url}/${offer.id}`)).statusCode, 204);
    const after = await get<PublicProduct>(`/api/products/${product.id}`);
    assert.deepEqual([after.price.amount, after.originalPrice], [4000, null]);
    expectError(await amina.delete(`${url}/${offer.id}`), 404, 'NOT_FOUND');
    // Keep one running offer for the browser-facing checks below.
    assert.equal((await amina.post(url, { price: 3400, endsAt: inHours(24) })).statusCode, 201);
  });

  await t.test(
    'images: uploaded bytes are served back with their type; bad bytes and large files are refused',
    async () => {
      const png = await upload(amina, product.id, PNG);
      assert.equal(png.statusCode, 201, png.body);
      const image = png.json() as Image;
      assert.deepEqual(
        [image.position, image.contentType, image.size, image.url],
        [0, 'image/png', PNG.length, `/api/products/${product.id}/images/0`],
      );
      // The type comes from the bytes, not the header.
      const jpeg = await upload(amina, product.id, JPEG, 'image/webp');
      assert.equal((jpeg.json() as Image).contentType, 'image/jpeg');
      assert.equal((await upload(amina, product.id, WEBP, 'image/webp')).statusCode, 201);

      const served = await anonymous({ method: 'GET', url: image.url });
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/png');
      assert.deepEqual(served.rawPayload, PNG);
      assert.equal(served.headers['x-content-type-options'], 'nosniff');
      const again = await anonymous({
        method: 'GET',
        url: image.url,
        headers: { 'if-none-match': String(served.headers.etag) },
      });
      assert.equal(again.statusCode, 304);
      const second = await anonymous({ method: 'GET', url: `/api/products/${product.id}/images/1` });
      assert.equal(second.headers['content-type'], 'image/jpeg');
      const pub = await get<PublicProduct>(`/api/products/${product.id}`);
      assert.equal(pub.images.length, 3);
      assert.equal((await anonymous({ method: 'GET', url: `/api/products/${product.id}/images/3` })).statusCode, 404);
      assert.equal(
        (await anonymous({ method: 'GET', url: `/api/products/${product.id}/images/0.svg` })).headers['content-type'],
        'image/png',
        'the older URL form serves the upload too',
      );

      const before = storage.keys();
      expectError(
        await upload(amina, product.id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png'),
        400,
        'IMAGE_INVALID',
      );
      expectError(await upload(amina, product.id, Buffer.from('GIF89a......'), 'image/png'), 400, 'IMAGE_INVALID');
      expectError(await upload(amina, product.id, Buffer.alloc(0)), 400, 'IMAGE_INVALID');
      expectError(await upload(amina, product.id, PNG, 'image/gif'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(
        await upload(amina, product.id, Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)])),
        413,
        'BODY_TOO_LARGE',
      );
      expectError(
        await amina.post(`/api/seller/products/${product.id}/images`, { url: 'http://example.com/x.png' }),
        400,
        'IMAGE_INVALID',
      );
      expectError(await upload(amina, 'not-a-uuid', PNG), 400, 'VALIDATION_FAILED');
      assert.deepEqual(storage.keys(), before, 'no file stored for a refused upload');
      assert.equal(before.length, 3);
      assert.ok(before.every((key) => key.startsWith(`products/${product.id}/`)));
    },
  );

  await t.test('at most 10 images per product; deleting one moves the rest up and deletes its file', async () => {
    for (let i = 3; i < 10; i++) assert.equal((await upload(amina, product.id, PNG)).statusCode, 201);
    expectError(await upload(amina, product.id, PNG), 409, 'LIMIT_REACHED');
    assert.equal(storage.keys().length, 10, 'the refused upload left no file');
    const own = (await amina.get(`/api/seller/products/${product.id}`)).json() as Product;
    const [first, second] = own.images;
    assert.equal((await amina.delete(`/api/seller/products/${product.id}/images/${first!.id}`)).statusCode, 204);
    const after = (await amina.get(`/api/seller/products/${product.id}`)).json() as Product;
    assert.deepEqual(
      [after.imageCount, after.images[0]!.id, after.images.map((i) => i.position)],
      [9, second!.id, [0, 1, 2, 3, 4, 5, 6, 7, 8]],
    );
    assert.equal(storage.keys().length, 9);
    assert.equal(
      (await anonymous({ method: 'GET', url: `/api/products/${product.id}/images/0` })).headers['content-type'],
      'image/jpeg',
    );
    expectError(await amina.delete(`/api/seller/products/${product.id}/images/${first!.id}`), 404, 'NOT_FOUND');
  });

  await t.test('another store’s ids are 404, like unknown ones, and nothing changes', async () => {
    const snapshot = async () =>
      JSON.stringify([
        await db.selectFrom('products').selectAll().orderBy('id').execute(),
        await db.selectFrom('offers').selectAll().orderBy('id').execute(),
        await db.selectFrom('product_images').selectAll().orderBy('id').execute(),
        await db.selectFrom('shipping_profiles').selectAll().orderBy('id').execute(),
        await db.selectFrom('shipping_rates').selectAll().orderBy('profile_id').orderBy('country').execute(),
        storage.keys(),
      ]);
    const before = await snapshot();
    const own = (await amina.get(`/api/seller/products/${product.id}`)).json() as Product;
    const p = `/api/seller/products/${product.id}`;
    const s = `/api/seller/shipping-profiles/${profile.id}`;
    for (const res of [
      await bilal.get(p),
      await bilal.patch(p, { stock: 0 }),
      await bilal.delete(p),
      await bilal.get(`${p}/offers`),
      await bilal.post(`${p}/offers`, { price: 1, endsAt: inHours(2) }),
      await bilal.delete(`${p}/offers/${own.offers[0]!.id}`),
      await upload(bilal, product.id, PNG),
      await bilal.delete(`${p}/images/${own.images[0]!.id}`),
      await bilal.get(s),
      await bilal.put(s, validProfile),
      await bilal.delete(s),
    ])
      expectError(res, 404, 'NOT_FOUND');
    // Using another store's shipping profile for one's own product is refused like an unknown one.
    expectError(
      await bilal.post('/api/seller/products', {
        title: 'Borrowed',
        category: 'books',
        price: { amount: 100, currency: 'EUR' },
        stock: 1,
        shippingProfileId: profile.id,
      }),
      400,
      'VALIDATION_FAILED',
      'shippingProfileId',
    );
    // A buyer without a store cannot either.
    expectError(await buyer.get(p), 403, 'NO_STORE');
    assert.equal(await snapshot(), before);
  });

  await t.test('a profile in use cannot be deleted; an unused one can', async () => {
    expectError(await amina.delete(`/api/seller/shipping-profiles/${profile.id}`), 409, 'SHIPPING_PROFILE_IN_USE');
    const spare = (
      await amina.post('/api/seller/shipping-profiles', {
        label: 'Spare',
        rates: [{ country: 'US', cost: 999, minDays: 7, maxDays: 14 }],
      })
    ).json() as Profile;
    assert.equal(
      (await amina.patch(`/api/seller/products/${product.id}`, { shippingProfileId: spare.id })).statusCode,
      200,
    );
    assert.equal((await get<PublicProduct>(`/api/products/${product.id}?country=FR`)).shipping.available, false);
    assert.equal((await amina.delete(`/api/seller/shipping-profiles/${profile.id}`)).statusCode, 204);
    expectError(await amina.get(`/api/seller/shipping-profiles/${profile.id}`), 404, 'NOT_FOUND');
  });

  await t.test('uploads are rate limited per account', async () => {
    const me = (await bilal.get('/api/me')).json() as { id: string };
    await db
      .insertInto('rate_limits')
      .values({ key: `image-upload:user:${me.id}`, count: 100, window_started_at: new Date(), window_seconds: 3600 })
      .onConflict((oc) => oc.column('key').doUpdateSet({ count: 100, window_started_at: new Date() }))
      .execute();
    const res = await upload(bilal, product.id, PNG);
    expectError(res, 429, 'RATE_LIMITED');
    assert.ok(Number(res.headers['retry-after']) > 0);
  });

  await t.test(
    'erasing a store’s images deletes rows and files; seeded products keep their generated pictures',
    async () => {
      await seedCatalog(db, { products: 3, stores: 1, seed: 5 });
      const seeded = await db
        .selectFrom('products')
        .select(['id', 'image_count'])
        .where('store_id', '!=', (await amina.get('/api/seller/store')).json<Store>().id)
        .executeTakeFirstOrThrow();
      const svg = await anonymous({ method: 'GET', url: `/api/products/${seeded.id}/images/0` });
      assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
      assert.equal(
        (await anonymous({ method: 'GET', url: `/api/products/${seeded.id}/images/0.svg` })).statusCode,
        200,
      );
      const store = (await amina.get('/api/seller/store')).json() as Store;
      assert.equal(await deleteStoreImages(db, storage, store.id), 9);
      assert.deepEqual(storage.keys(), []);
      const own = (await amina.get(`/api/seller/products/${product.id}`)).json() as Product;
      assert.deepEqual([own.imageCount, own.images], [0, []]);
      assert.match(
        String(
          (await anonymous({ method: 'GET', url: `/api/products/${product.id}/images/0` })).headers['content-type'],
        ),
        /^image\/svg\+xml/,
      );
    },
  );

  await t.test('deleting a product deletes its offers and image files', async () => {
    assert.equal((await upload(amina, product.id, PNG)).statusCode, 201);
    assert.equal(storage.keys().length, 1);
    assert.equal((await amina.delete(`/api/seller/products/${product.id}`)).statusCode, 204);
    assert.deepEqual(storage.keys(), []);
    assert.equal((await db.selectFrom('offers').selectAll().where('product_id', '=', product.id).execute()).length, 0);
    expectError(await amina.get(`/api/seller/products/${product.id}`), 404, 'NOT_FOUND');
    assert.equal((await anonymous({ method: 'GET', url: `/api/products/${product.id}/images/0` })).statusCode, 404);
  });

  await t.test('the OpenAPI document describes the seller routes', async () => {
    const doc = (await get<{ paths: Record<string, unknown> }>('/api/docs/json')).paths;
    for (const path of [
      '/api/stores',
      '/api/seller/store',
      '/api/seller/shipping-profiles/{id}',
      '/api/seller/products/{id}/offers',
      '/api/seller/products/{id}/images',
    ]) {
      assert.ok(path in doc, path);
    }
  });
});
