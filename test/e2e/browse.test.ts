// A signed-out visitor browses the catalog in Chromium: home with categories and offers, search
// with a typo, filters and sorting kept in the URL, a product page with its offer and shipping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSkipReason, startBrowserRun } from '../helpers/browser.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { refreshOfferPrices } from '../../src/modules/catalog/offers.ts';
import { createFixtureStore } from '../helpers/catalog.ts';

test('browsing the catalog signed out', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const db = server.app.souk.db;
  await seedCatalog(db, { products: 300, stores: 6, seed: 11 });
  const { storeId, profileId } = await createFixtureStore(db, 'Atlas Lamp Makers', [
    { country: 'FR', cost_minor: 0, min_days: 3, max_days: 6 },
    { country: 'MA', cost_minor: 0, min_days: 1, max_days: 2 },
  ]);
  const lamp = await db
    .insertInto('products')
    .values({
      store_id: storeId,
      category_slug: 'home-kitchen',
      shipping_profile_id: profileId,
      title: 'Brass Moroccan Lamp',
      description: 'Hand-punched brass.\n<script>alert(1)</script> stays text.',
      price_minor: 12000,
      current_price_minor: 12000,
      currency: 'USD',
      stock: 4,
      image_count: 2,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('offers')
    .values({
      product_id: lamp.id,
      price_minor: 9000,
      starts_at: new Date(Date.now() - 3600_000),
      ends_at: new Date(Date.now() + 5 * 86400_000),
    })
    .execute();
  await refreshOfferPrices(db, [lamp.id]);

  const context = await browser.newContext({ locale: 'en-US' });
  await context.addInitScript(() => localStorage.setItem('souk.country', 'FR'));
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Welcome to Souk' }).waitFor();
  await page
    .getByRole('link', { name: /Home & Kitchen/ })
    .first()
    .waitFor();
  await assertAccessible(page, 'home with catalog');

  // Search with a typo finds the lamp.
  await page.getByLabel('Search products').fill('moroccan lammp');
  await page.getByLabel('Search products').press('Enter');
  await page.getByRole('heading', { name: /Results for/ }).waitFor();
  await page.getByRole('link', { name: 'Brass Moroccan Lamp' }).first().waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: 'Showing results for moroccan lamp · Search instead for moroccan lammp' })
    .waitFor();
  await assertAccessible(page, 'search results');

  // Filters and sorting live in the URL.
  await page.goto(`${server.url}/search?q=lamp`);
  await page.getByRole('link', { name: 'Brass Moroccan Lamp' }).first().waitFor();
  const filters = page.getByRole('form', { name: 'Filters' });
  if (!(await filters.isVisible())) await page.getByText('Filters', { exact: true }).first().click();
  await filters.getByLabel('On offer').check();
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/onOffer=true/);
  await page.getByRole('link', { name: 'Brass Moroccan Lamp' }).first().waitFor();
  await page.getByLabel('Sort by').selectOption('price_asc');
  await page.waitForURL(/sort=price_asc/);
  await page.getByRole('link', { name: 'Brass Moroccan Lamp' }).first().click();

  // The product page: offer, seller, shipping to the visitor's country, safe description.
  await page.getByRole('heading', { name: 'Brass Moroccan Lamp', level: 1 }).waitFor();
  const main = page.getByRole('main');
  await main.getByText('Sold by').waitFor();
  await main.getByText('Atlas Lamp Makers').first().waitFor();
  assert.match(await main.innerText(), /\$90\.00/);
  assert.match(await main.innerText(), /\$120\.00/);
  assert.match(await main.innerText(), /Ships to France/);
  await main.getByText('<script>alert(1)</script> stays text.', { exact: false }).waitFor();
  assert.deepEqual(dialogs, [], 'no script from a description ran');
  await page.getByRole('navigation', { name: 'Breadcrumb' }).waitFor();
  await assertAccessible(page, 'product page');

  // Another country: the page says it does not ship there.
  await page.getByLabel('Ship to').selectOption('JP');
  await main.getByText(/Does not ship to Japan/).waitFor();
});
