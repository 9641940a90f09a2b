// The seller dashboard through its HTTP API (issue 19, decision 055): figures against a known set
// of orders (days with none, cancelled orders, late orders, low stock, the rating's trend), the
// accounting CSV (content, escaping, its range), and who may read them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { Client, createTestApp, signUpAndSignIn } from './helpers/app.ts';
import { createFixtureProduct } from './helpers/catalog.ts';
import { createOrderOf, userIdOf } from './helpers/posts.ts';
import { businessDaysBefore } from '../src/modules/seller-dashboard/service.ts';

type Dashboard = {
  days: Array<{ date: string; orders: number }>;
  sales: Array<{ currency: string; amounts: number[] }>;
  toShip: { count: number; late: number; handlingBusinessDays: number };
  lowStock: {
    threshold: number;
    count: number;
    items: Array<{ productId: string; title: string; variant: string | null; stock: number }>;
  };
  rating: {
    average: number | null;
    count: number;
    recent: { average: number | null; count: number };
    earlier: { average: number | null; count: number };
    trend: string;
    trendDays: number;
  };
};

const DAY = 86_400_000;
const code = (res: LightMyRequestResponse) => (res.json() as { error: { code: string } }).error.code;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

test('seller dashboard', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;

  const seller = await signUpAndSignIn(app, 'dash-seller@example.com');
  const opened = await seller.post('/api/stores', { name: 'Dash Store', country: 'MA' });
  assert.equal(opened.statusCode, 201, opened.body);
  const storeId = (opened.json() as { id: string }).id;
  const profile = await db
    .insertInto('shipping_profiles')
    .values({ store_id: storeId, label: 'Everywhere' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const store = { storeId, profileId: profile.id };
  await db
    .insertInto('categories')
    .values({ slug: 'home-kitchen', name: 'Home & kitchen' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const mug = await createFixtureProduct(db, store, { title: 'Mug', price: 1000, stock: 3 });
  await createFixtureProduct(db, store, { title: '=HYPERLINK("x")', price: 500, stock: 5 });
  await createFixtureProduct(db, store, { title: 'Plenty', price: 500, stock: 6 });
  await createFixtureProduct(db, store, { title: 'Delisted', price: 500, stock: 0, status: 'delisted' });
  // A product with variants is low by variant: size S, not the product's total.
  const tee = await createFixtureProduct(db, store, { title: 'Tee', price: 1500, stock: 0 });
  await db
    .updateTable('products')
    .set({ option_names: ['Size'] })
    .where('id', '=', tee)
    .execute();
  await db
    .insertInto('product_variants')
    .values([
      { product_id: tee, option_values: ['S'], price_minor: 1500, stock: 1 },
      { product_id: tee, option_values: ['M'], price_minor: 1500, stock: 20 },
    ])
    .execute();

  const buyer = await signUpAndSignIn(app, 'dash-buyer@example.com');
  const buyerId = await userIdOf(db, 'dash-buyer@example.com');
  const now = Date.now();
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());

  /** An order of the store paid `daysAgo` days ago (at noon UTC; now for 0) with this total and status. */
  const order = async (daysAgo: number, total: number, status: 'paid' | 'shipped' | 'cancelled', currency = 'USD') => {
    const id = await createOrderOf(db, buyerId, storeId, [mug], 'paid');
    const paidAt = daysAgo === 0 ? new Date(now - 60_000) : new Date(today - daysAgo * DAY + 12 * 3600_000);
    // placed_at is written once in the app: tests move it with a statement of their own.
    await sql`update orders set paid_at = ${paidAt}, placed_at = ${paidAt}, total_minor = ${total}, items_minor = ${total},
      currency = ${currency} where id = ${id}`.execute(db);
    if (status !== 'paid') await db.updateTable('orders').set({ status }).where('id', '=', id).execute();
    return id;
  };
  await order(0, 2500, 'paid'); // today, to ship, not late
  await order(0, 1500, 'shipped');
  await order(10, 4000, 'paid'); // late
  await order(10, 999, 'cancelled'); // paid then cancelled: no sale
  await order(40, 7000, 'shipped');
  await order(40, 300, 'shipped', 'EUR');
  await order(120, 9999, 'shipped'); // outside the 90 days
  const unpaid = await createOrderOf(db, buyerId, storeId, [mug], 'awaiting_payment');
  assert.ok(unpaid);

  // Reviews: two in the last 30 days (5 and 4), one in the 30 before (3), one hidden, one older.
  const review = async (daysAgo: number, rating: number, hidden = false) => {
    const productId = await createFixtureProduct(db, store, {
      title: `Reviewed ${daysAgo}-${rating}`,
      price: 1,
      stock: 50,
    });
    await db
      .insertInto('reviews')
      .values({
        product_id: productId,
        author_user_id: buyerId,
        rating,
        body: 'Fine.',
        hidden_at: hidden ? new Date() : null,
        created_at: new Date(now - daysAgo * DAY),
        updated_at: new Date(),
      })
      .execute();
  };
  await review(2, 5);
  await review(5, 4);
  await review(45, 3);
  await review(3, 1, true);
  await review(75, 1);
  await db.updateTable('stores').set({ rating_sum: 13, rating_count: 4 }).where('id', '=', storeId).execute();

  await t.test('the figures: 90 days with none where nothing sold, to ship and late, low stock, rating', async () => {
    const res = await seller.get('/api/seller/dashboard');
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json() as Dashboard;
    assert.equal(d.days.length, 90);
    assert.equal(d.days.at(-1)!.date, isoDay(today));
    assert.equal(d.days[0]!.date, isoDay(today - 89 * DAY));
    const at = (daysAgo: number) => 89 - daysAgo;
    assert.equal(d.days[at(0)]!.orders, 2);
    assert.equal(d.days[at(10)]!.orders, 1, 'the cancelled order is no sale');
    assert.equal(d.days[at(40)]!.orders, 2, 'orders count every currency');
    assert.equal(d.days[at(1)]!.orders, 0);
    assert.equal(
      d.days.reduce((n, day) => n + day.orders, 0),
      5,
    );
    assert.deepEqual(
      d.sales.map((s) => s.currency),
      ['EUR', 'USD'],
    );
    const usd = d.sales.find((s) => s.currency === 'USD')!.amounts;
    assert.equal(usd.length, 90);
    assert.equal(usd[at(0)], 4000);
    assert.equal(usd[at(10)], 4000);
    assert.equal(usd[at(40)], 7000);
    assert.equal(usd[at(5)], 0);
    assert.equal(d.sales.find((s) => s.currency === 'EUR')!.amounts[at(40)], 300);

    assert.deepEqual(d.toShip, { count: 2, late: 1, handlingBusinessDays: 3 });

    assert.equal(d.lowStock.threshold, 5);
    assert.equal(d.lowStock.count, 3, 'stock 1, 3 and 5 are low; 6 and 20 are not; a delisted product is not');
    assert.deepEqual(
      d.lowStock.items.map((i) => [i.title, i.variant, i.stock]),
      [
        ['Tee', 'S', 1],
        ['Mug', null, 3],
        ['=HYPERLINK("x")', null, 5],
      ],
    );

    assert.equal(d.rating.average, 3.3);
    assert.equal(d.rating.count, 4);
    assert.deepEqual(d.rating.recent, { average: 4.5, count: 2 });
    assert.deepEqual(d.rating.earlier, { average: 3, count: 1 });
    assert.equal(d.rating.trend, 'up');
  });

  await t.test('cancelling a paid order takes its sale off its day', async () => {
    const id = await order(20, 1234, 'paid');
    let d = (await seller.get('/api/seller/dashboard')).json() as Dashboard;
    assert.equal(d.sales.find((s) => s.currency === 'USD')!.amounts[89 - 20], 1234);
    await db.updateTable('orders').set({ status: 'cancelled' }).where('id', '=', id).execute();
    d = (await seller.get('/api/seller/dashboard')).json() as Dashboard;
    assert.equal(d.sales.find((s) => s.currency === 'USD')!.amounts[89 - 20], 0);
    assert.equal(d.days[89 - 20]!.orders, 0);
  });

  await t.test('late counts business days: three of them skip a weekend', () => {
    // Monday 10:00 UTC → the Wednesday before, 10:00.
    assert.equal(businessDaysBefore(new Date('2026-12-07T10:00:00Z'), 3).toISOString(), '2026-12-02T10:00:00.000Z');
    // Thursday → Monday.
    assert.equal(businessDaysBefore(new Date('2026-12-10T10:00:00Z'), 3).toISOString(), '2026-12-07T10:00:00.000Z');
  });

  await t.test('the CSV: one line per order line, no personal data, escaped, with a file name', async () => {
    const id = await order(3, 2000, 'paid');
    await db
      .insertInto('order_items')
      .values({
        order_id: id,
        position: 1,
        product_id: null,
        title: '=cmd|"/c calc"!A1, "quoted"',
        variant_label: 'Colour: Red',
        quantity: 2,
        unit_price_minor: 450,
        list_price_minor: 450,
      })
      .execute();
    const from = isoDay(today - 5 * DAY);
    const to = isoDay(today);
    const res = await seller.get(`/api/seller/orders.csv?from=${from}&to=${to}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.equal(res.headers['content-disposition'], `attachment; filename="orders-${from}-to-${to}.csv"`);
    const lines = res.body.trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'order_number,status,placed_at,paid_at,shipped_at,cancelled_at,buyer_country,line,title,variant,quantity,unit_price_minor,line_total_minor,order_items_minor,order_shipping_minor,order_discount_minor,order_total_minor,refunded_minor,currency',
    );
    // Today's two orders (one line each) and the one of 3 days ago (two lines); not the unpaid one.
    assert.equal(lines.length, 1 + 4);
    const injected = lines.find((l) => l.includes('calc'))!;
    assert.match(injected, /,2,"'=cmd\|""\/c calc""!A1, ""quoted""",Colour: Red,2,450,900,2000,0,0,2000,0,USD$/);
    assert.ok(!res.body.includes('Test Buyer') && !res.body.includes('Test Street') && !res.body.includes('Testville'));
    assert.ok(lines.slice(1).every((l) => l.includes(',FR,')));
  });

  await t.test('the CSV of a large range streams every line, in batches', async () => {
    // One order of 1,500 lines: the batches of 1,000 part inside it.
    const big = await order(60, 150_000, 'shipped');
    await sql`insert into order_items (order_id, position, title, quantity, unit_price_minor, list_price_minor)
      select ${big}, n, 'Bulk ' || n, 1, 100, 100 from generate_series(1, 1499) n`.execute(db);
    const rows = await sql<{
      n: number;
    }>`select count(*)::int as n from orders o join order_items i on i.order_id = o.id
      where o.store_id = ${storeId} and o.paid_at is not null`.execute(db);
    const res = await seller.get(`/api/seller/orders.csv?from=${isoDay(today - 1000 * DAY)}&to=${isoDay(today)}`);
    assert.equal(res.statusCode, 200);
    const lines = res.body.trimEnd().split('\r\n');
    assert.equal(lines.length, 1 + rows.rows[0]!.n);
    assert.equal(new Set(lines).size, lines.length, 'no line twice');
    assert.ok(lines.some((l) => l.includes(',1500,Bulk 1499,')));
  });

  await t.test('a bad date range is a 400 with a stable code', async () => {
    const bad = async (query: string, expected: string) => {
      const res = await seller.get(`/api/seller/orders.csv${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.equal(code(res), expected, query);
    };
    await bad('?from=2026-03-02&to=2026-03-01', 'DATE_RANGE_INVALID');
    await bad('?from=2000-01-01&to=2026-01-01', 'DATE_RANGE_INVALID');
    await bad('?from=2026-02-30&to=2026-03-01', 'VALIDATION_FAILED');
    await bad('?from=yesterday&to=2026-03-01', 'VALIDATION_FAILED');
    await bad('?to=2026-03-01', 'VALIDATION_FAILED');
  });

  await t.test(
    'only the store owner: signed out 401, an account without a store 403, another seller sees only theirs',
    async () => {
      const anonymous = new Client(app);
      assert.equal(code(await anonymous.get('/api/seller/dashboard')), 'UNAUTHENTICATED');
      assert.equal(
        code(await anonymous.get('/api/seller/orders.csv?from=2026-01-01&to=2026-01-02')),
        'UNAUTHENTICATED',
      );
      // The dashboard reads the session in its own call (migration 056) and answers as requireUser
      // would: an ended session is 401; one past a day of its 30 is kept alive (cookie set again).
      const ended = await signUpAndSignIn(app, 'dash-ended@example.com');
      await db
        .updateTable('sessions')
        .set({ expires_at: sql<Date>`now() - interval '1 second'` })
        .where('user_id', '=', await userIdOf(db, 'dash-ended@example.com'))
        .execute();
      assert.equal(code(await ended.get('/api/seller/dashboard')), 'UNAUTHENTICATED');
      const sellerId = await userIdOf(db, 'dash-seller@example.com');
      await db
        .updateTable('sessions')
        .set({ expires_at: sql<Date>`now() + interval '2 days'` })
        .where('user_id', '=', sellerId)
        .execute();
      const kept = await seller.get('/api/seller/dashboard');
      assert.equal(kept.statusCode, 200);
      assert.match(String(kept.headers['set-cookie']), /session_token=/);
      const expiresIn = async () => {
        const row = await db
          .selectFrom('sessions')
          .select('expires_at')
          .where('user_id', '=', sellerId)
          .executeTakeFirstOrThrow();
        return row.expires_at.getTime() - Date.now();
      };
      for (let i = 0; i < 50 && (await expiresIn()) < 20 * DAY; i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok((await expiresIn()) > 20 * DAY, 'the session was extended');

      const noStore = await buyer.get('/api/seller/dashboard');
      assert.equal(noStore.statusCode, 403);
      assert.equal(code(noStore), 'NO_STORE');
      assert.equal(code(await buyer.get('/api/seller/orders.csv?from=2026-01-01&to=2026-01-02')), 'NO_STORE');

      const other = await signUpAndSignIn(app, 'dash-other@example.com');
      assert.equal((await other.post('/api/stores', { name: 'Other Store', country: 'FR' })).statusCode, 201);
      const d = (await other.get('/api/seller/dashboard')).json() as Dashboard;
      assert.equal(
        d.days.reduce((n, day) => n + day.orders, 0),
        0,
      );
      assert.deepEqual(d.sales, []);
      assert.deepEqual(d.toShip, { count: 0, late: 0, handlingBusinessDays: 3 });
      assert.equal(d.lowStock.count, 0);
      assert.equal(d.rating.trend, 'unknown');
      const csv = await other.get(`/api/seller/orders.csv?from=${isoDay(today - 1000 * DAY)}&to=${isoDay(today)}`);
      assert.equal(csv.statusCode, 200);
      assert.equal(csv.body.trimEnd().split('\r\n').length, 1, 'the header only');
    },
  );
});
