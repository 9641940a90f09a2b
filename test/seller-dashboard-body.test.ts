// The seller dashboard's body is written by the database (migration 050, decision 055's addendum).
// Property: for any store (orders paid on any of the last 120 days at any time, in several
// currencies, shipped, delivered or cancelled; products and variants of any title and stock, listed
// or not; reviews of any age, rating and visibility; return requests in any state; any store
// rating), GET /api/seller/dashboard answers byte for byte what the route answered before — the
// previous statement and TypeScript mapping (test/helpers/seller-dashboard-reference.ts), serialised
// by Fastify's serialiser for the route's response schema — and the body validates against that
// schema. SOUK_PROP_SEED and SOUK_PROP_RUNS replay or widen the search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { DB } from '../src/db/types.ts';
import { DashboardSchema } from '../src/modules/seller-dashboard/schemas.ts';
import { createTestApp, signUpAndSignIn } from './helpers/app.ts';
import { createFixtureProduct } from './helpers/catalog.ts';
import { userIdOf } from './helpers/posts.ts';
import { referenceDashboard } from './helpers/seller-dashboard-reference.ts';

const SEED = Number(process.env.SOUK_PROP_SEED ?? 20261207);
const RUNS = Number(process.env.SOUK_PROP_RUNS ?? 25);
const DAY = 86_400_000;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const serialise = SerializerSelector()({}, undefined)({
  schema: DashboardSchema,
  method: 'GET',
  url: '/',
  httpStatus: '200',
});
const validate = addFormats(new Ajv({ strict: false })).compile(DashboardSchema);

// Text PostgreSQL stores (no NUL), with quotes, backslashes, controls, non-ASCII and a formula start.
const textArb = fc
  .oneof(
    fc.string({ maxLength: 12, unit: 'grapheme' }),
    fc.constantFrom('"q"', 'a\\b', 'tab\there', 'line\nbreak', '=1+1', 'Été · 日本'),
  )
  .map((s) => s.replaceAll('\u0000', ''));

const caseArb = fc.record({
  orders: fc.array(
    fc.record({
      daysAgo: fc.integer({ min: 0, max: 120 }),
      msOfDay: fc.integer({ min: 0, max: DAY - 1 }),
      total: fc.integer({ min: 0, max: 2_000_000_000 }),
      status: fc.constantFrom('paid', 'shipped', 'delivered', 'cancelled', 'awaiting_payment'),
      currency: fc.constantFrom('USD', 'EUR', 'MAD', 'JPY'),
    }),
    { maxLength: 25 },
  ),
  products: fc.array(
    fc.record({
      title: textArb,
      stock: fc.integer({ min: 0, max: 8 }),
      listed: fc.boolean(),
      variants: fc.array(fc.record({ value: textArb, stock: fc.integer({ min: 0, max: 8 }), active: fc.boolean() }), {
        maxLength: 3,
      }),
    }),
    { maxLength: 14 },
  ),
  reviews: fc.array(
    fc.record({
      hoursAgo: fc.integer({ min: 1, max: 24 * 70 }),
      rating: fc.integer({ min: 1, max: 5 }),
      hidden: fc.boolean(),
    }),
    { maxLength: 12 },
  ),
  returns: fc.array(
    fc.record({
      status: fc.constantFrom(
        'requested',
        'awaiting_return',
        'partial_offered',
        'refused',
        'escalated',
        'refunded',
        'closed',
      ),
      respondInHours: fc.integer({ min: -100, max: 100 }),
    }),
    { maxLength: 6 },
  ),
  rating: fc
    .integer({ min: 0, max: 400 })
    .chain((count) => fc.record({ count: fc.constant(count), sum: fc.integer({ min: count, max: 5 * count }) })),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** Empties the store, then gives it the case's orders, products, reviews, returns and rating. */
async function createCase(
  db: Kysely<DB>,
  store: { storeId: string; profileId: string },
  ids: { checkoutId: string; authorId: string },
  c: Case,
) {
  const { checkoutId, authorId } = ids;
  const { storeId } = store;
  await sql`delete from return_requests where store_id = ${storeId}`.execute(db);
  await sql`delete from orders where store_id = ${storeId}`.execute(db);
  await sql`delete from store_sales_days where store_id = ${storeId}`.execute(db);
  await sql`delete from reviews where product_id in (select id from products where store_id = ${storeId})`.execute(db);
  await sql`delete from product_variants where product_id in (select id from products where store_id = ${storeId})`.execute(
    db,
  );
  await sql`delete from products where store_id = ${storeId}`.execute(db);

  const now = Date.now();
  const today = now - (now % DAY);
  const orderIds: string[] = [];
  for (const o of [
    ...c.orders,
    ...c.returns.map(() => ({ daysAgo: 50, msOfDay: 0, total: 100, status: 'delivered', currency: 'USD' })),
  ]) {
    const paidAt = o.status === 'awaiting_payment' ? null : new Date(today - o.daysAgo * DAY + o.msOfDay);
    const status = o.status === 'cancelled' ? 'paid' : o.status;
    const row = await sql<{ id: string }>`
      insert into orders (number, checkout_id, buyer_user_id, store_id, status, currency, items_minor, discount_minor, shipping_minor,
        total_minor, ship_full_name, ship_line1, ship_city, ship_country, delivery_min_days, delivery_max_days, placed_at, paid_at, shipped_at)
      values (${`SK-P${randomUUID().slice(0, 8)}`}, ${checkoutId}, null, ${storeId}, ${status}, ${o.currency}, ${o.total}, 0, 0, ${o.total},
        '', '', '', 'FR', 1, 3, ${paidAt ?? new Date(now)}, ${paidAt},
        ${status === 'shipped' || status === 'delivered' ? paidAt : null})
      returning id`.execute(db);
    const id = row.rows[0]!.id;
    // Paid, then cancelled: its sale comes off the rollup again.
    if (o.status === 'cancelled') await sql`update orders set status = 'cancelled' where id = ${id}`.execute(db);
    orderIds.push(id);
  }

  const productIds: string[] = [];
  for (const [i, p] of c.products.entries()) {
    // Titles are distinct, so the low-stock list's order (stock, title, variant) is one order.
    const id = await createFixtureProduct(db, store, {
      title: `${p.title}#${i}`,
      price: 100,
      stock: p.stock,
      status: p.listed ? 'active' : 'delisted',
    });
    if (p.variants.length > 0) {
      await sql`update products set option_names = array['Size'] where id = ${id}`.execute(db);
      await db
        .insertInto('product_variants')
        .values(
          p.variants.map((v, j) => ({
            product_id: id,
            option_values: [`${v.value}${j}`],
            price_minor: 100,
            stock: v.stock,
            active: v.active,
          })),
        )
        .execute();
    }
    productIds.push(id);
  }
  // One review an author a product: the case's reviews go to its first products, one each.
  for (const [i, r] of c.reviews.slice(0, productIds.length).entries()) {
    await sql`insert into reviews (product_id, author_user_id, rating, body, hidden_at, created_at, updated_at)
      values (${productIds[i]}, ${authorId}, ${r.rating}, 'Fine.', ${r.hidden ? new Date(now) : null},
        ${new Date(now - r.hoursAgo * 3_600_000)}, ${new Date(now)})`.execute(db);
  }
  for (const [i, r] of c.returns.entries()) {
    await sql`insert into return_requests (number, order_id, store_id, status, reason, requested_minor, currency, respond_by)
      values (${`RT-P${randomUUID().slice(0, 8)}`}, ${orderIds[c.orders.length + i]}, ${storeId}, ${r.status}, 'other', 100, 'USD',
        ${new Date(now + r.respondInHours * 3_600_000)})`.execute(db);
  }
  await sql`update stores set rating_sum = ${c.rating.sum}, rating_count = ${c.rating.count} where id = ${storeId}`.execute(
    db,
  );
}

test('the dashboard body the database writes is the one the route serialised before', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  const seller = await signUpAndSignIn(app, 'dash-body@example.com');
  const opened = await seller.post('/api/stores', { name: 'Body Store', country: 'MA' });
  assert.equal(opened.statusCode, 201, opened.body);
  const storeId = (opened.json() as { id: string }).id;
  const profile = await db
    .insertInto('shipping_profiles')
    .values({ store_id: storeId, label: 'Everywhere' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('categories')
    .values({ slug: 'home-kitchen', name: 'Home & kitchen' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const checkout = await sql<{
    id: string;
  }>`insert into checkouts (buyer_user_id, idempotency_key, currency, total_minor, status)
    values (null, 'dash-body', 'USD', 0, 'paid') returning id`.execute(db);
  const store = { storeId, profileId: profile.id };
  const authorId = await userIdOf(db, 'dash-body@example.com');

  const compare = async (c: Case) => {
    await createCase(db, store, { checkoutId: checkout.rows[0]!.id, authorId }, c);
    // The reference at a moment before and one after the request: the answer is one of them.
    const before = serialise(await referenceDashboard(db, storeId, new Date()));
    const res = await seller.get('/api/seller/dashboard');
    const after = serialise(await referenceDashboard(db, storeId, new Date()));
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/json; charset=utf-8$/);
    assert.ok(validate(JSON.parse(res.body)), JSON.stringify(validate.errors));
    assert.equal(res.body, res.body === after ? after : before);
  };

  await t.test(`random stores (${RUNS} runs, seed ${SEED})`, async () => {
    await fc.assert(fc.asyncProperty(caseArb, compare), { seed: SEED, numRuns: RUNS });
  });

  await t.test('a store of every kind at once: both currencies sold, low stock, returns waiting, a trend', async () => {
    const c = fc.sample(caseArb, { seed: SEED + 1, numRuns: 1 })[0]!;
    c.orders.push(
      { daysAgo: 0, msOfDay: 0, total: 2500, status: 'paid', currency: 'USD' },
      { daysAgo: 10, msOfDay: 0, total: 4000, status: 'paid', currency: 'EUR' },
      { daysAgo: 10, msOfDay: 0, total: 999, status: 'cancelled', currency: 'EUR' },
    );
    c.products.unshift(
      { title: 'Low "quoted"', stock: 1, listed: true, variants: [] },
      { title: 'Reviewed', stock: 20, listed: true, variants: [] },
    );
    c.reviews = [
      { hoursAgo: 24, rating: 5, hidden: false },
      { hoursAgo: 24 * 40, rating: 2, hidden: false },
    ];
    c.returns.push({ status: 'requested', respondInHours: -1 }, { status: 'awaiting_return', respondInHours: 5 });
    c.rating = { count: 3, sum: 13 };
    await compare(c);
    const d = (await seller.get('/api/seller/dashboard')).json() as {
      sales: unknown[];
      returns: { answer: number; overdue: number; parcels: number };
      lowStock: { count: number };
      rating: { average: number; trend: string };
    };
    // The comparison above is not with an empty store: the figures are there.
    assert.ok(d.sales.length >= 2);
    assert.ok(d.returns.answer >= 1 && d.returns.overdue >= 1 && d.returns.parcels >= 1);
    assert.ok(d.lowStock.count >= 1);
    assert.equal(d.rating.average, 4.3);
    assert.equal(d.rating.trend, 'up');
  });
});
