// The product page's body is written as JSON text around the shipping list the database keeps in
// the page's shape (migration 027, decision 028). Property: for any listed product (with or without
// an offer, running or ended, at the list price or above it, discounts ending in .5; any ratings;
// any text; shipped to the visitor's country or not), GET /api/products/:id answers byte for byte
// what the route wrote before — the previous TypeScript mapping of catalog_product_page_json's row,
// serialised by Fastify's serialiser for the route's response schema — and it validates against
// that schema. SOUK_PROP_SEED and SOUK_PROP_RUNS replay or widen the search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { DB } from '../src/db/types.ts';
import { createTestApp } from './helpers/app.ts';
import { createFixtureStore, type FixtureRate } from './helpers/catalog.ts';
import { ProductPageSchema } from '../src/modules/catalog/routes.ts';
import { money } from '../src/lib/money.ts';
import { productImageUrl } from '../src/modules/catalog/images.ts';
import { ratingOf } from '../src/modules/catalog/ratings.ts';

const SEED = Number(process.env.SOUK_PROP_SEED ?? 20261129);
const RUNS = Number(process.env.SOUK_PROP_RUNS ?? 150);
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** catalog_product_page_json's row (migration 025), as the route read it before decision 028. */
type OldRow = {
  id: string;
  title: string;
  price_minor: number;
  currency: string;
  stock: number;
  image_count: number;
  category_slug: string;
  category_name: string;
  store_id: string;
  store_name: string;
  offer_price: number | null;
  offer_ends_at: string | null;
  rating_sum: number;
  rating_count: number;
  description: string;
  store_country: string;
  store_rating_sum: number;
  store_rating_count: number;
  ships_to: Array<{ country: string; cost: number; minDays: number; maxDays: number }>;
};

/** The route's mapping before decision 028 (toCard, then the page's own fields), kept here as the reference. */
function previousPage(row: OldRow, country: string, storeSlug: string) {
  const offerEndsAt = row.offer_ends_at === null ? null : new Date(row.offer_ends_at);
  const onOffer = row.offer_price !== null && row.offer_price < row.price_minor;
  const card = {
    id: row.id,
    title: row.title,
    imageUrl: productImageUrl(row.id, 0),
    price: money(onOffer ? row.offer_price! : row.price_minor, row.currency),
    originalPrice: onOffer ? money(row.price_minor, row.currency) : null,
    discountPercent: onOffer ? Math.round((1 - row.offer_price! / row.price_minor) * 100) : null,
    offerEndsAt: onOffer && offerEndsAt ? offerEndsAt.toISOString() : null,
    store: { id: row.store_id, name: row.store_name },
    category: { slug: row.category_slug, name: row.category_name },
    stock: row.stock,
    rating: ratingOf(row.rating_sum, row.rating_count),
  };
  const rate = row.ships_to.find((r) => r.country === country);
  return {
    ...card,
    // Since variants (migration 040): a product without options has no range, options or variants.
    priceMax: null,
    options: [],
    variants: [],
    description: row.description,
    images: Array.from({ length: Math.max(1, row.image_count) }, (_, i) => productImageUrl(row.id, i)),
    store: {
      id: row.store_id,
      name: row.store_name,
      slug: storeSlug, // since issue 18 (migration 036)
      country: row.store_country,
      rating: ratingOf(row.store_rating_sum, row.store_rating_count),
    },
    shipping: rate
      ? { country, available: true, cost: money(rate.cost, row.currency), minDays: rate.minDays, maxDays: rate.maxDays }
      : { country, available: false, cost: null, minDays: null, maxDays: null },
    shipsTo: row.ships_to.map((r) => ({
      country: r.country,
      cost: money(r.cost, row.currency),
      minDays: r.minDays,
      maxDays: r.maxDays,
    })),
  };
}

/** Fastify's serialiser for the route's 200 schema, as the route used it before decision 028. */
const serialise = SerializerSelector()({}, undefined)({
  schema: ProductPageSchema,
  method: 'GET',
  url: '/api/products/:id',
  httpStatus: '200',
}) as (data: unknown) => string;
const validate = addFormats(new Ajv({ strict: false })).compile(ProductPageSchema);

type Offer = { kind: 'none' } | { kind: 'running' | 'ended'; price: number; endsInMs: number; micros: number };

type Case = {
  title: string;
  description: string;
  categoryIndex: number;
  storeName: string;
  storeCountry: string;
  price: number;
  currency: string;
  stock: number;
  imageCount: number;
  offer: Offer;
  rating: [number, number];
  storeRating: [number, number];
  rates: FixtureRate[];
  visitor: string;
};

const COUNTRIES = ['DE', 'FR', 'JP', 'MA', 'US', 'GB', 'BR', 'IN', 'ZA', 'CA', 'AU', 'NL'];
const CATEGORIES = [
  { slug: 'lamps', name: 'Lamps' },
  { slug: 'odd-names', name: 'Home & "Kitchen" \\ back\tslash — ünïcödé 🏮' },
  { slug: 'control', name: 'Line\nbreak\u0001\u001f\u007f\u2028' },
];

// Text with what JSON must escape (quotes, backslashes, control characters) and what it must not
// (non-ASCII, astral characters, U+2028); no U+0000, which PostgreSQL text cannot hold.
const textChar = fc
  .oneof(
    fc.constantFrom(
      '"',
      '\\',
      '\n',
      '\r',
      '\t',
      '\b',
      '\f',
      '\u0001',
      '\u001f',
      '\u007f',
      '\u2028',
      '/',
      '<',
      'é',
      '🏮',
      ' ',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  )
  .filter((c) => c !== '\u0000');
const text = (minLength: number, maxLength: number) =>
  fc.array(textChar, { minLength, maxLength }).map((cs) => cs.join(''));

// A price and an offer price whose exact discount ends in .5: (1 - o/p) × 100 = j + 0.5.
const halfDiscount = fc
  .record({ m: fc.integer({ min: 1, max: 500 }), j: fc.integer({ min: 0, max: 99 }) })
  .map(({ m, j }) => ({ price: 200 * m, offerPrice: 200 * m - m * (2 * j + 1) }));

const offerFor = (price: number) =>
  fc.oneof(
    fc.constant<Offer>({ kind: 'none' }),
    fc.record({
      kind: fc.constantFrom<'running' | 'ended'>('running', 'running', 'ended'),
      price: fc.oneof(
        fc.integer({ min: 1, max: price }),
        fc.constant(price),
        fc.integer({ min: price, max: price + 1000 }),
      ),
      endsInMs: fc.integer({ min: 60_000, max: 400 * 86_400_000 }),
      micros: fc.integer({ min: 0, max: 999_999 }),
    }),
  );

const ratingArb = fc.oneof(
  fc.constant<[number, number]>([0, 0]),
  fc
    .integer({ min: 1, max: 5000 })
    .chain((count) => fc.tuple(fc.integer({ min: count, max: 5 * count }), fc.constant(count))),
  fc.tuple(fc.integer({ min: 0, max: 2_000_000_000 }), fc.integer({ min: 1, max: 2_000_000_000 })),
);

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    prices: fc.oneof(
      fc.integer({ min: 1, max: 2_000_000_000 }).chain((price) => fc.tuple(fc.constant(price), offerFor(price))),
      halfDiscount.chain(({ price, offerPrice }) =>
        fc.tuple(
          fc.constant(price),
          fc.record({
            kind: fc.constant<'running'>('running'),
            price: fc.constant(offerPrice),
            endsInMs: fc.integer({ min: 60_000, max: 86_400_000 }),
            micros: fc.integer({ min: 0, max: 999_999 }),
          }),
        ),
      ),
    ),
    title: text(1, 60),
    description: fc.oneof(text(0, 200), fc.constant('')),
    categoryIndex: fc.integer({ min: 0, max: CATEGORIES.length - 1 }),
    storeName: text(1, 40),
    storeCountry: fc.constantFrom(...COUNTRIES),
    currency: fc.constantFrom('USD', 'EUR', 'JPY', 'MAD'),
    stock: fc.integer({ min: 0, max: 2_000_000_000 }),
    imageCount: fc.integer({ min: 0, max: 10 }),
    rating: ratingArb,
    storeRating: ratingArb,
    rates: fc.uniqueArray(
      fc.record({
        country: fc.constantFrom(...COUNTRIES),
        cost_minor: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000_000_000 })),
        min_days: fc.integer({ min: 0, max: 30 }),
        max_days: fc.integer({ min: 30, max: 90 }),
      }),
      { selector: (r) => r.country, maxLength: COUNTRIES.length },
    ),
    visitor: fc.constantFrom(...COUNTRIES),
  })
  .map(({ prices: [price, offer], ...rest }) => ({ ...rest, price, offer }));

async function createCase(db: Kysely<DB>, c: Case): Promise<string> {
  const store = await createFixtureStore(db, c.storeName, c.rates);
  await db
    .updateTable('stores')
    .set({ country: c.storeCountry, rating_sum: c.storeRating[0], rating_count: c.storeRating[1] })
    .where('id', '=', store.storeId)
    .execute();
  const endsAt =
    c.offer.kind === 'none'
      ? null
      : new Date(Date.now() + (c.offer.kind === 'running' ? c.offer.endsInMs : -c.offer.endsInMs))
          .toISOString()
          .replace(/Z$/, `${String(c.offer.micros % 1000).padStart(3, '0')}Z`);
  const { id } = await db
    .insertInto('products')
    .values({
      store_id: store.storeId,
      category_slug: CATEGORIES[c.categoryIndex]!.slug,
      shipping_profile_id: store.profileId,
      title: c.title,
      description: c.description,
      price_minor: c.price,
      current_price_minor: c.price,
      currency: c.currency,
      stock: c.stock,
      status: 'active',
      image_count: c.imageCount,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The offer goes straight onto the product row (what the page reads), with microseconds.
  await sql`update products set rating_sum = ${c.rating[0]}, rating_count = ${c.rating[1]},
      offer_price_minor = ${c.offer.kind === 'none' ? null : c.offer.price}, offer_ends_at = ${endsAt}::timestamptz
    where id = ${id}`.execute(db);
  return id;
}

test('the product page answers byte for byte what the previous mapping and serialiser wrote', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  await db
    .insertInto('categories')
    .values(CATEGORIES.map((c, i) => ({ ...c, position: 100 + i })))
    .onConflict((oc) => oc.doNothing())
    .execute();

  const expectAsBefore = async (id: string, visitor: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/products/${id}?country=${visitor}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    const { rows } = await sql<{ page: OldRow }>`select catalog_product_page_json(${id}::uuid) as page`.execute(db);
    const { slug } = await db
      .selectFrom('stores')
      .select('slug')
      .where('id', '=', rows[0]!.page.store_id)
      .executeTakeFirstOrThrow();
    const expected = serialise(previousPage(rows[0]!.page, visitor, slug!));
    assert.equal(res.body, expected);
    assert.ok(validate(JSON.parse(res.body)), JSON.stringify(validate.errors));
  };
  const compare = async (c: Case) => expectAsBefore(await createCase(db, c), c.visitor);

  await t.test('edges: discounts ending in .5, offers at or above the price, ended offers, ratings', async () => {
    const base: Case = {
      title: 'Brass "Lantern" \\ 🏮',
      description: 'Lit\nby hand.\u0001',
      categoryIndex: 1,
      storeName: 'Fixture',
      storeCountry: 'MA',
      price: 200,
      currency: 'USD',
      stock: 3,
      imageCount: 0,
      offer: { kind: 'none' },
      rating: [0, 0],
      storeRating: [87, 20],
      rates: [
        { country: 'FR', cost_minor: 1250, min_days: 4, max_days: 9 },
        { country: 'MA', cost_minor: 0, min_days: 1, max_days: 3 },
      ],
      visitor: 'FR',
    };
    const running = (price: number) => ({ kind: 'running' as const, price, endsInMs: 3_600_000, micros: 999_999 });
    // In doubles 200 at 187 is 6.499999999999995 % off: Math.round says 6, where exact arithmetic would say 7.
    for (const offerPrice of [187, 185, 199, 1, 100, 150]) await compare({ ...base, offer: running(offerPrice) });
    await compare({ ...base, offer: running(200) }); // at the list price: no offer shown
    await compare({ ...base, offer: running(250) }); // above it
    await compare({ ...base, offer: { kind: 'ended', price: 150, endsInMs: 1000, micros: 5 } });
    for (const rating of [
      [87, 20],
      [1, 3],
      [2, 3],
      [5, 1],
      [0, 7],
      [9, 2],
      [2_000_000_000, 3],
    ] as Array<[number, number]>) {
      await compare({ ...base, rating, imageCount: 10, visitor: 'JP', rates: [] });
    }
  });

  await t.test('property: any listed product, any visitor', async () => {
    await fc.assert(fc.asyncProperty(caseArb, compare), { seed: SEED, numRuns: RUNS });
  });

  await t.test('the shipping list follows the profile’s rates when a seller changes them', async () => {
    const c = fc.sample(caseArb, { seed: SEED + 1, numRuns: 1 })[0]!;
    const id = await createCase(db, {
      ...c,
      rates: [
        { country: 'FR', cost_minor: 1250, min_days: 4, max_days: 9 },
        { country: 'MA', cost_minor: 0, min_days: 1, max_days: 3 },
      ],
    });
    const { shipping_profile_id: profileId } = await db
      .selectFrom('products')
      .select('shipping_profile_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('shipping_rates')
      .set({ cost_minor: 990 })
      .where('profile_id', '=', profileId)
      .where('country', '=', 'FR')
      .execute();
    await expectAsBefore(id, 'FR');
    await db.deleteFrom('shipping_rates').where('profile_id', '=', profileId).where('country', '=', 'FR').execute();
    await db
      .insertInto('shipping_rates')
      .values({ profile_id: profileId, country: 'JP', cost_minor: 3000, min_days: 7, max_days: 14 })
      .execute();
    await expectAsBefore(id, 'FR');
    await expectAsBefore(id, 'JP');
    const page = (await app.inject({ method: 'GET', url: `/api/products/${id}?country=JP` })).json() as {
      shipping: { cost: { amount: number } };
      shipsTo: Array<{ country: string }>;
    };
    assert.deepEqual([page.shipping.cost.amount, page.shipsTo.map((r) => r.country)], [3000, ['JP', 'MA']]);
    await db.deleteFrom('shipping_rates').where('profile_id', '=', profileId).execute();
    await expectAsBefore(id, 'MA');
  });

  await t.test(
    'the visitor’s country from Accept-Language; unknown and unlisted products are 404, bad ids 400',
    async () => {
      const id = await createCase(db, fc.sample(caseArb, { seed: SEED, numRuns: 1 })[0]!);
      const byHeader = await app.inject({
        method: 'GET',
        url: `/api/products/${id}`,
        headers: { 'accept-language': 'ja-JP,ja;q=0.9' },
      });
      assert.equal((byHeader.json() as { shipping: { country: string } }).shipping.country, 'JP');
      const unknown = await app.inject({ method: 'GET', url: '/api/products/00000000-0000-4000-8000-000000000000' });
      assert.equal(unknown.statusCode, 404);
      assert.equal((unknown.json() as { error: { code: string } }).error.code, 'NOT_FOUND');
      const { store_id: storeId } = await db
        .selectFrom('products')
        .select('store_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await db.updateTable('stores').set({ status: 'hidden' }).where('id', '=', storeId).execute();
      assert.equal((await app.inject({ method: 'GET', url: `/api/products/${id}` })).statusCode, 404, 'store hidden');
      await db.updateTable('stores').set({ status: 'active' }).where('id', '=', storeId).execute();
      assert.equal((await app.inject({ method: 'GET', url: `/api/products/${id}` })).statusCode, 200);
      await db.updateTable('products').set({ status: 'delisted' }).where('id', '=', id).execute();
      assert.equal((await app.inject({ method: 'GET', url: `/api/products/${id}` })).statusCode, 404, 'delisted');
      const bad = await app.inject({ method: 'GET', url: '/api/products/not-a-uuid' });
      assert.equal(bad.statusCode, 400);
      assert.equal((bad.json() as { error: { code: string } }).error.code, 'VALIDATION_FAILED');
    },
  );
});
