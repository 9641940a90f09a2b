// An order keeps the conversion its buyer saw (issue 20, decision 060): the display currency, the rate
// set named at checkout, both rates in it, its day and the total converted with them, computed on the
// server; the charge stays in the seller's currency. Unknown or replaced-and-stale sets change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDay } from '../src/lib/dates.ts';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestApp, signIn, signUpAndSignIn, waitForMail } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { convertMinor, parseRate } from '../src/modules/currency/index.ts';
import { grantRole } from '../src/modules/roles/index.ts';

type Money = { amount: number; currency: string };
type Converted = {
  total: Money;
  rateSetId: string;
  rate: { from: { currency: string; rate: string }; to: { currency: string; rate: string }; crossRate: string };
  ratesAsOf: string;
} | null;
type Order = { id: string; number: string; total: Money; converted: Converted };

const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };
const ADDRESS = {
  fullName: 'Amina Berrada',
  line1: '12 Rue des Teinturiers',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
};
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

test('orders record the conversion the buyer saw; bad rate sets change nothing', async (t) => {
  const { app, close } = await createTestApp({ RATES_STALE_DAYS: '4' });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  await signUpAndSignIn(app, 'fx-staff@souk.example', undefined, 'Staff');
  await grantRole(db, 'fx-staff@souk.example', 'staff');
  const staff = await signIn(app, 'fx-staff@souk.example');
  const buyer = await signUpAndSignIn(app, 'fx-buyer@example.com', undefined, 'Amina');

  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 733, min_days: 3, max_days: 6 },
  ]);
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4599, stock: 10 });

  const recordSet = async (asOf: string, rates: Record<string, string>) => {
    const res = await staff.post('/api/admin/exchange-rates', { base: 'EUR', asOf, rates });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { current: { id: string } }).current.id;
  };
  // Replaced and 10 days old: stale. Replaced but a day old: still accepted. Today's: in use.
  const staleSet = await recordSet(day(10), { USD: '1.1', JPY: '170', KWD: '0.35' });
  const recentSet = await recordSet(day(1), { USD: '1.15', JPY: '178.5', KWD: '0.355', BHD: '0.433' });
  const currentSet = await recordSet(day(0), { USD: '1.1634', JPY: '180.27', KWD: '0.3571', BHD: '0.4371' });
  const currencies = (await buyer.get('/api/currencies')).json() as {
    setId: string;
    asOf: string;
    currencies: Array<{ code: string; rate: string }>;
  };
  assert.equal(currencies.setId, currentSet);
  const rateOf = (code: string) => currencies.currencies.find((c) => c.code === code)!.rate;

  const count = async (table: 'orders' | 'checkouts' | 'payment_methods') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const snapshot = async () => ({
    orders: await count('orders'),
    checkouts: await count('checkouts'),
    cards: await count('payment_methods'),
    stock: (await db.selectFrom('products').select('stock').where('id', '=', lamp).executeTakeFirstOrThrow()).stock,
    cart: (await buyer.get('/api/cart')).json(),
  });
  const place = (total: Money, display?: { currency: string; rateSetId: string }) =>
    buyer.post('/api/checkout', {
      idempotencyKey: randomUUID(),
      address: ADDRESS,
      card: { ...CARD_OK, save: true },
      expectedTotal: total,
      ...(display ? { display } : {}),
    });

  await buyer.post('/api/cart/lines', { productId: lamp, quantity: 3 });
  const total = (await buyer.get('/api/checkout?country=FR')).json().total as Money;
  assert.deepEqual(total, { amount: 3 * 4599 + 733, currency: 'USD' });

  await t.test(
    'an unknown, a replaced-and-stale or a non-converting set is refused and nothing is written',
    async () => {
      const before = await snapshot();
      const unknown = await place(total, { currency: 'JPY', rateSetId: randomUUID() });
      assert.equal(unknown.statusCode, 400, unknown.body);
      assert.equal(unknown.json().error.code, 'RATE_SET_UNKNOWN');
      const stale = await place(total, { currency: 'JPY', rateSetId: staleSet });
      assert.equal(stale.statusCode, 409, stale.body);
      assert.equal(stale.json().error.code, 'RATES_STALE');
      const notQuoted = await place(total, { currency: 'CHF', rateSetId: currentSet });
      assert.equal(notQuoted.statusCode, 400, notQuoted.body);
      assert.equal(notQuoted.json().error.code, 'VALIDATION_FAILED');
      const notAnId = await place(total, { currency: 'JPY', rateSetId: 'yesterday' });
      assert.equal(notAnId.statusCode, 400, notAnId.body);
      assert.deepEqual(await snapshot(), before);
    },
  );

  let order: Order;
  await t.test('the order records the set, its rates and day, and the total converted with them', async () => {
    const res = await place(total, { currency: 'JPY', rateSetId: currentSet });
    assert.equal(res.statusCode, 201, res.body);
    const answer = res.json() as { checkout: { total: Money }; orders: Order[] };
    assert.deepEqual(answer.checkout.total, total, 'the charge stays in the seller’s currency');
    order = answer.orders[0]!;
    assert.deepEqual(order.total, total);
    const expected = convertMinor(
      total.amount,
      { currency: 'USD', rate: parseRate(rateOf('USD'))! },
      { currency: 'JPY', rate: parseRate(rateOf('JPY'))! },
    );
    assert.equal(expected, Math.round((total.amount * 180.27) / 1.1634 / 100));
    assert.deepEqual(order.converted, {
      total: { amount: expected, currency: 'JPY' },
      rateSetId: currentSet,
      rate: {
        from: { currency: 'USD', rate: rateOf('USD') },
        to: { currency: 'JPY', rate: rateOf('JPY') },
        crossRate: '154.951',
      },
      ratesAsOf: currencies.asOf,
    });
    const row = (
      await sql<{ rate_from: string; rate_to: string; display_total_minor: number }>`
        select o.rate_from::text as rate_from, o.rate_to::text as rate_to, o.display_total_minor
        from orders o where o.id = ${order.id}`.execute(db)
    ).rows[0]!;
    const setRates = (
      await sql<{ currency: string; rate: string }>`
        select currency, rate::text as rate from exchange_rates where set_id = ${currentSet}`.execute(db)
    ).rows;
    assert.equal(row.rate_from, setRates.find((r) => r.currency === 'USD')!.rate);
    assert.equal(row.rate_to, setRates.find((r) => r.currency === 'JPY')!.rate);
    assert.equal(Number(row.display_total_minor), expected);

    const shown = (await buyer.get(`/api/orders/${order.id}`)).json() as Order;
    assert.deepEqual(shown.converted, order.converted);
  });

  await t.test(
    'the confirmation mail shows the charged amount and the converted one with its rate and day',
    async () => {
      const mail = await waitForMail(app, 'fx-buyer@example.com', /^Order confirmed/);
      const yen = order.converted!.total.amount.toLocaleString('en-US');
      assert.ok(
        mail.text.includes(
          `Order ${order.number} from Atlas Lamps: $145.30 (≈ ¥${yen} at 1 USD = 154.951 JPY, rates of ${formatDay(new Date(`${currencies.asOf}T00:00:00Z`))})`,
        ),
        mail.text,
      );
    },
  );

  await t.test('a set replaced a day ago is still honoured, with its own rates (three decimals: BHD)', async () => {
    await buyer.post('/api/cart/lines', { productId: lamp, quantity: 1 });
    const one = (await buyer.get('/api/checkout?country=FR')).json().total as Money;
    const res = await place(one, { currency: 'BHD', rateSetId: recentSet });
    assert.equal(res.statusCode, 201, res.body);
    const converted = (res.json() as { orders: Order[] }).orders[0]!.converted!;
    assert.equal(converted.rateSetId, recentSet);
    assert.deepEqual(converted.rate.to, { currency: 'BHD', rate: '0.433' });
    assert.equal(
      converted.total.amount,
      convertMinor(
        one.amount,
        { currency: 'USD', rate: parseRate('1.15')! },
        { currency: 'BHD', rate: parseRate('0.433')! },
      ),
    );
    assert.equal(converted.total.amount, Math.round((one.amount * 10 * 0.433) / 1.15));
    assert.equal(converted.ratesAsOf, day(1));
  });

  await t.test('without a set, or in the seller’s own currency, nothing is converted', async () => {
    for (const display of [undefined, { currency: 'USD', rateSetId: currentSet }]) {
      await buyer.post('/api/cart/lines', { productId: lamp, quantity: 1 });
      const one = (await buyer.get('/api/checkout?country=FR')).json().total as Money;
      const res = await place(one, display);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal((res.json() as { orders: Order[] }).orders[0]!.converted, null);
    }
  });

  await t.test('the cancellation mail shows the refund beside the amount the buyer saw', async () => {
    const res = await buyer.post(`/api/orders/${order.id}/cancel`);
    assert.equal(res.statusCode, 200, res.body);
    const mail = await waitForMail(app, 'fx-buyer@example.com', new RegExp(`^Order ${order.number} was cancelled`));
    const yen = order.converted!.total.amount.toLocaleString('en-US');
    assert.ok(
      mail.text.includes(
        `$145.30 (≈ ¥${yen} at 1 USD = 154.951 JPY, rates of ${formatDay(new Date(`${currencies.asOf}T00:00:00Z`))}) will be refunded to the card you paid with.`,
      ),
      mail.text,
    );
  });

  await t.test('"Download your data" carries the conversion with the order', async () => {
    const data = (await buyer.get('/api/account/export')).json() as { orders: Order[] };
    const exported = data.orders.find((o) => o.id === order.id)!;
    assert.deepEqual(exported.converted, order.converted);
  });
});
