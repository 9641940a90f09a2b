// The seller dashboard's days and sales kept per store (migration 056, decision 055's second
// addendum): written when a transaction that changes the store's rollup commits, served as they are,
// and never served once the rollup rows they were written from have changed, or for another window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, signUpAndSignIn } from './helpers/app.ts';
import { createFixtureProduct } from './helpers/catalog.ts';
import { createOrderOf, userIdOf } from './helpers/posts.ts';

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

type Kept = { first_day: string; day_count: number; rollup_rows: string; days_text: string; sales_text: string };
type Dashboard = {
  days: Array<{ date: string; orders: number }>;
  sales: Array<{ currency: string; amounts: number[] }>;
};

test('seller dashboard days kept per store', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;

  const seller = await signUpAndSignIn(app, 'kept-seller@example.com');
  const opened = await seller.post('/api/stores', { name: 'Kept Store', country: 'MA' });
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
  const mug = await createFixtureProduct(
    db,
    { storeId, profileId: profile.id },
    { title: 'Mug', price: 1000, stock: 9 },
  );
  await signUpAndSignIn(app, 'kept-buyer@example.com');
  const buyerId = await userIdOf(db, 'kept-buyer@example.com');
  const now = Date.now();
  const today = now - (now % DAY);

  const kept = async () =>
    (
      await sql<Kept>`select to_char(first_day, 'YYYY-MM-DD') as first_day, day_count, rollup_rows, days_text, sales_text
        from store_dashboard_days where store_id = ${storeId}`.execute(db)
    ).rows[0];
  const dashboard = async () => {
    const res = await seller.get('/api/seller/dashboard');
    assert.equal(res.statusCode, 200, res.body);
    return { body: res.body, d: res.json() as Dashboard };
  };

  await createOrderOf(db, buyerId, storeId, [mug], 'paid');

  await t.test("an order's payment writes the store's days at its commit, and the dashboard serves them", async () => {
    const row = await kept();
    assert.ok(row, 'a kept row for the store');
    assert.equal(row.first_day, isoDay(today - 89 * DAY));
    assert.equal(row.day_count, 90);
    assert.match(row.days_text, new RegExp(`\\{"date":"${isoDay(today)}","orders":1\\}$`));
    const { body, d } = await dashboard();
    assert.ok(body.startsWith(`{"days":[${row.days_text}],"sales":[${row.sales_text}],"returns":`), body);
    assert.equal(d.days.at(-1)!.orders, 1);
  });

  await t.test('another order shows at once: its commit writes the days again', async () => {
    await createOrderOf(db, buyerId, storeId, [mug], 'paid');
    assert.match((await kept())!.days_text, /"orders":2\}$/);
    assert.equal((await dashboard()).d.days.at(-1)!.orders, 2);
  });

  await t.test('a rollup change the kept days missed shows at once: they are not used for other rows', async () => {
    const before = await kept();
    const usdToday = (d: Dashboard) => d.sales.find((s) => s.currency === 'USD')!.amounts.at(-1)!;
    const salesBefore = usdToday((await dashboard()).d);
    // Triggers off for this transaction: the rollup changes and its kept days are not written again.
    await db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update store_sales_days set orders = orders + 5, sales_minor = sales_minor + 700
        where store_id = ${storeId} and day = ${isoDay(today)}::date`.execute(trx);
    });
    assert.deepEqual(await kept(), before, 'the kept days were not written');
    const { d } = await dashboard();
    assert.equal(d.days.at(-1)!.orders, 7);
    assert.equal(usdToday(d), salesBefore + 700);
  });

  await t.test("kept days of another window (yesterday's, before midnight UTC) are not used", async () => {
    const fresh = (await dashboard()).body;
    // Today's figures with a window one day earlier: what a row written before midnight would hold.
    await sql`update store_dashboard_days set first_day = first_day - 1, days_text = '{"date":"stale","orders":0}'
      where store_id = ${storeId}`.execute(db);
    assert.equal((await dashboard()).body, fresh);
  });

  await t.test('a store whose rollup rows are deleted keeps no days of them', async () => {
    await sql`delete from store_sales_days where store_id = ${storeId}`.execute(db);
    const { d } = await dashboard();
    assert.equal(
      d.days.reduce((n, day) => n + day.orders, 0),
      0,
    );
    assert.deepEqual(d.sales, []);
    assert.equal((await kept())!.rollup_rows, '');
  });
});
