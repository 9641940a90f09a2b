// An order keeps the conversion its buyer saw, in Chromium (issue 20, decision 060): a shopper who
// sees prices in yen pays in the seller's dollars; the order records the yen total with the rates
// the page used, and the order page shows the charged total with "≈ ¥…" and its rate and day beside
// it (axe-clean).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSkipReason, signInPage, startBrowserRun } from '../helpers/browser.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { signUpAndSignIn } from '../helpers/app.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { rateBookOf } from '../../src/modules/currency/index.ts';

test('an order placed in yen keeps the conversion shown', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const db = server.app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 500, min_days: 2, max_days: 4 },
  ]);
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4500, stock: 50 });
  const today = new Date().toISOString().slice(0, 10);
  const { set } = await rateBookOf(db).record(
    { base: 'EUR', asOf: today, rates: { USD: '1.16', JPY: '180' } },
    'staff',
  );
  await signUpAndSignIn(server.app, 'yen-buyer@example.com', undefined, 'Kenji', base);

  const page = await signInPage(browser, base, 'yen-buyer@example.com', `/p/${lamp}`);
  await page.waitForURL((url) => url.pathname === `/p/${lamp}`); // signed in
  // Shipping to France (the product ships there only).
  await page.context().addInitScript(() => localStorage.setItem('souk.country', 'FR'));
  await page.goto(`${base}/p/${lamp}`);
  await page.getByRole('heading', { name: 'Brass Lamp', level: 1 }).waitFor();
  await page.getByLabel('Currency').selectOption('JPY');
  await page
    .locator('.product-summary .price-current')
    .getByText(/¥6,983/)
    .waitFor();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page
    .getByText(/added to your cart/i)
    .first()
    .waitFor();

  await page.goto(`${base}/checkout`);
  await page
    .getByRole('heading', { name: 'Checkout', level: 1 })
    .waitFor()
    .catch(async (error) => {
      console.log(page.url(), await page.locator('main').innerText());
      throw error;
    });
  await page.getByLabel('Full name').fill('Kenji Sato');
  await page.getByLabel('Address', { exact: true }).fill('4 Quai Saint-Antoine');
  await page.getByLabel('City').fill('Lyon');
  await page.getByLabel('Postal code (optional)').fill('69002');
  await page.getByLabel('Country').selectOption('FR');
  await page.locator('.checkout-submit strong', { hasText: '$50.00' }).waitFor();
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry month').selectOption('12');
  await page.getByLabel('Expiry year').selectOption(String(new Date().getFullYear() + 3));
  await page.getByLabel('Security code').fill('123');
  await page.getByRole('button', { name: 'Place order and pay' }).click();
  await page.getByRole('heading', { name: /Thank you! Your order is placed/ }).waitFor();

  // $50.00 at 1.16 USD and 180 JPY to the euro: ¥7,758.62… → ¥7,759, recorded with the set shown.
  const order = await db
    .selectFrom('orders')
    .select(['id', 'total_minor', 'currency', 'display_currency', 'display_total_minor', 'rate_set_id'])
    .executeTakeFirstOrThrow();
  assert.deepEqual(
    { ...order, id: undefined, display_total_minor: Number(order.display_total_minor) },
    {
      id: undefined,
      total_minor: 5000,
      currency: 'USD',
      display_currency: 'JPY',
      display_total_minor: 7759,
      rate_set_id: set.id,
    },
  );

  await page.goto(`${base}/account/orders/${order.id}`);
  const totals = page.locator('.order-totals');
  await totals.getByText('$50.00').waitFor();
  const converted = (await totals.locator('.order-totals-converted').innerText()).replace(/\s+/g, ' ');
  assert.match(converted, /In JPY ≈ about ¥7,759 at 1 USD = 155\.172 JPY, rates of /);
  await assertAccessible(page, 'order page with the converted total');
  await page.context().close();
});
