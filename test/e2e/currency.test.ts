// Prices in the shopper's currency in Chromium (issue 20, decision 058): a product priced in US
// dollars shows in euros for a shopper shipping to France (marked as converted, the seller's price
// beside it), in yen once "Currency" says so (remembered across pages), and the cart says what will be
// charged (dollars) with the conversion beside it; axe-clean at phone and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSkipReason, newPage, startBrowserRun, WIDTHS } from '../helpers/browser.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { rateBookOf } from '../../src/modules/currency/index.ts';

test('prices in the shopper’s currency in the browser', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const db = server.app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 500, min_days: 2, max_days: 4 },
  ]);
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4500, stock: 50 });
  const today = new Date().toISOString().slice(0, 10);
  await rateBookOf(db).record({ base: 'EUR', asOf: today, rates: { USD: '1.16', JPY: '180' } }, 'staff');

  for (const width of WIDTHS) {
    const page = await newPage(browser, width, { shipTo: 'FR' });
    // $45.00 at 1.16 USD and 1 EUR: €38.79 (3879.31 cents, rounded); the seller's price beside it.
    await page.goto(`${base}/p/${lamp}`);
    await page.getByRole('heading', { name: 'Brass Lamp', level: 1 }).waitFor();
    const price = page.locator('.product-summary .price-current');
    await price.getByText(/€38\.79/).waitFor();
    assert.match((await price.textContent()) ?? '', /≈.*about €38\.79.*converted from \$45\.00/);
    assert.equal(await page.getByLabel('Currency').inputValue(), 'EUR', 'the ship-to country’s currency by default');
    // Shipping too: $5.00 → €4.31.
    assert.match(
      (await page.locator('.shipping-here').textContent()) ?? '',
      /Ships to France: ≈ about €4\.31 \(converted from \$5\.00\)/,
    );
    await assertAccessible(page, `product page in euros (${width.name})`);

    // Yen, chosen in the header: 45 / 1.16 × 180 = 6,982.76 → ¥6,983; the choice stays on the next page.
    await page.getByLabel('Currency').selectOption('JPY');
    await price.getByText(/¥6,983/).waitFor();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page
      .getByText(/added to your cart/i)
      .first()
      .waitFor();
    await page.goto(`${base}/cart`);
    await page.getByRole('heading', { name: /cart/i, level: 1 }).waitFor();
    const line = page
      .locator('main')
      .getByText(/\$45\.00 \(≈ about ¥6,983\)/)
      .first();
    await line.waitFor({ timeout: 10_000 }).catch(async (error) => {
      console.log(await page.locator('main').innerText());
      throw error;
    });
    assert.equal(await page.getByLabel('Currency').inputValue(), 'JPY');
    await assertAccessible(page, `cart in yen (${width.name})`);
    await page.context().close();
  }
});
